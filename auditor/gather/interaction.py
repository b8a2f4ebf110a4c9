"""政务咨询 and 办事服务 facts (issue #9, indicators.md §2, §7): entries, boards, messages. Never submits a form.

Entries come from the rendered home page's links, the columns already discovered (by name) and the pages of 互动交流
hubs; each kind is checked over HTTP until one answers (another host only with --external-links check). Boards are
the site's consultation entries and its 政务咨询 class columns (excluded ones, 在线访谈/调查征集/信访/举报, are listed
and never read), at most `max_boards`. A board's list page is fetched over HTTP (rendered only when the static page
shows no message but has scripts), `board_list_pages` pages following 下一页; up to `board_details` message pages are
opened for messages asked in the look-back window, older than the reply limit, whose reply date the list lacks.
A list page holding a message that may be flagged is rendered for evidence (when evidence is on) with its rows
measured.
"""

from __future__ import annotations

from datetime import date
from urllib.parse import urlsplit

from auditor.extract.html import canonical_url, normalise_space, parse
from auditor.extract.interaction import (
    BoardPage,
    BoardWords,
    EntriesFound,
    EntryFound,
    EntryWords,
    MessageRow,
    classify_name,
    find_entries,
    read_board_list,
    read_message_detail,
)
from auditor.gather.context import Gathered, SiteContext
from auditor.gather.extra import ExtraPages, extra_page_id, http_page
from auditor.model.artifacts import (
    BoardFacts,
    BoardMessage,
    ColumnFacts,
    EntryLink,
    InteractionFacts,
    NodeRef,
    PageFacts,
    ServiceFacts,
)
from auditor.model.indicators import ColumnClass, Window
from auditor.windows import _minus_months, window_start

MAX_HUBS = 3
MAX_ENTRY_CHECKS = 6
ENTRY_CHECK_BYTES = 64 * 1024
MAX_EVIDENCE_PAGES = 2


def _longest_class(name: str, ctx: SiteContext) -> ColumnClass | None:
    best: tuple[int, ColumnClass] | None = None
    for column_class, rule in ctx.settings.classes.items():
        for keyword in rule.keywords:
            if keyword in name and (best is None or len(keyword) > best[0]):
                best = (len(keyword), column_class)
    return best[1] if best else None


class InteractionGatherer:
    def __init__(self, ctx: SiteContext, pages: ExtraPages, gathered: Gathered) -> None:
        self.ctx = ctx
        self.pages = pages
        self.gathered = gathered
        self.entry_words = EntryWords.of(ctx.settings)
        self.board_words = BoardWords.of(ctx.settings)
        self.as_of: date = ctx.options.as_of
        lookback = Window.model_validate(ctx.settings.value("interaction_lookback"))
        self.start = window_start(self.as_of, lookback, months_as=ctx.settings.months_as)
        self.limit = Window.model_validate(ctx.settings.value("interaction_reply_limit"))
        self.rendered: list[PageFacts] = []

    # -- entries ---------------------------------------------------------------------------------------------

    async def gather(
        self, home: PageFacts, home_html: str, columns: list[ColumnFacts]
    ) -> tuple[InteractionFacts, ServiceFacts, list[PageFacts]]:
        home_url = home.final_url or home.url
        found = find_entries(home_html, home_url, self.entry_words)
        interaction = InteractionFacts()
        services = ServiceFacts()
        known: dict[tuple[str, str], EntryLink] = {}

        def add(entry: EntryFound, page_url: str, source: str, page_id: str | None) -> EntryLink:
            key = (entry.kind, canonical_url(entry.url) if entry.url else entry.text)
            if key in known:
                return known[key]
            link = EntryLink.model_validate(
                {
                    "text": entry.text,
                    "url": entry.url,
                    "why": entry.why,
                    "page_url": page_url,
                    "kind": entry.kind,
                    "source": source,
                }
            )
            known[key] = link
            if page_id is not None:
                link.node = NodeRef(page_id=page_id, selector=entry.selector, snippet=entry.text[:60])
            target = {"consultation": interaction.entries, "hub": interaction.hubs, "excluded": interaction.excluded}
            target.get(entry.kind, services.entries).append(link)
            return link

        self._add_found(found, home_url, "home", "home", add)
        for column in columns:
            named = classify_name(column.name, self.entry_words)
            klass = column.override_class or _longest_class(column.name, self.ctx)
            kind = named[0] if named else None
            if klass == ColumnClass.INTERACTION_EXCLUDED:
                kind = "excluded"
            elif klass == ColumnClass.INTERACTION and kind != "hub":
                kind = "consultation"
            if kind is None:
                continue
            entry = EntryFound(column.name, column.url, named[1] if named else "class", kind, "")
            link = add(entry, home_url, "column", None)
            if link.source != "column":
                link.source = "column"  # the home link is a column too: read as a board first
            if column.page is not None and link.reachable is None:
                link.status = column.page.status
                link.reachable = column.page.kind != "error"
        for hub in interaction.hubs[:MAX_HUBS]:
            if hub.url is None or not self._onsite(hub.url):
                continue
            response = await self.pages.fetch(hub.url)
            hub.status = response.status
            hub.reachable = response.ok
            if not response.ok or not response.is_html:
                interaction.hubs_unread.append(hub.url)
                continue
            children = find_entries(response.text, response.final_url, self.entry_words)
            self._add_found(children, response.final_url, "hub", None, add)
        doc_area = found.area_selector
        if doc_area:
            interaction.area = NodeRef(page_id="home", selector=doc_area)
            services.area = NodeRef(page_id="home", selector=doc_area)
        await self._check(interaction.entries)
        await self._check(services.entries)
        interaction.boards = self._plan_boards(interaction, columns)
        for board in interaction.boards:
            if board.kind == "consultation" and not board.skipped:
                try:
                    await self._read_board(board, columns)
                except Exception as exc:  # one board's failure is its own record
                    board.skipped = f"internal error: {type(exc).__name__}"
                    self.gathered.error(board.url, "page", "internal", f"{type(exc).__name__}: {exc}")
        # Home-page nodes are measured (and the home page screenshotted) only where a finding may use them.
        if any(e.reachable for e in interaction.entries):
            interaction.area = None
            for e in interaction.entries:
                e.node = None
        if any(e.reachable for e in services.entries):
            services.area = None
            for e in services.entries:
                e.node = None
        for e in interaction.hubs + interaction.excluded:
            e.node = None
        return interaction, services, self.rendered

    @staticmethod
    def _add_found(found: EntriesFound, page_url: str, source: str, page_id: str | None, add) -> None:  # noqa: ANN001
        for entry in [*found.consultation, *found.hubs, *found.excluded, *found.service]:
            add(entry, page_url, source, page_id)

    def _onsite(self, url: str) -> bool:
        return self.ctx.in_scope(url) or (urlsplit(url).netloc.lower() in self.ctx.in_scope.hosts)

    async def _check(self, entries: list[EntryLink]) -> None:
        """Follow entries (the site's own first) until one answers; others stay unchecked."""
        if any(e.reachable for e in entries):
            return
        order = sorted(
            (e for e in entries if e.url and e.reachable is None), key=lambda e: not self._onsite(e.url or "")
        )
        for entry in order[:MAX_ENTRY_CHECKS]:
            assert entry.url is not None
            if not self._onsite(entry.url) and self.ctx.options.external_links == "skip":
                continue
            response = await self.pages.fetch(
                entry.url, max_bytes=None if self._onsite(entry.url) else ENTRY_CHECK_BYTES
            )
            entry.status = response.status
            if response.status is None or response.timed_out:
                continue  # no answer says nothing against the entry
            entry.reachable = response.status < 400
            if entry.reachable:
                return

    # -- boards ----------------------------------------------------------------------------------------------

    def _plan_boards(self, interaction: InteractionFacts, columns: list[ColumnFacts]) -> list[BoardFacts]:
        boards: dict[str, BoardFacts] = {}
        by_url = {canonical_url(c.url): c for c in columns}
        column_entries = [e for e in interaction.entries if e.source == "column"]
        other_entries = [e for e in interaction.entries if e.source != "column"]
        candidates = [(e, "consultation") for e in [*column_entries, *other_entries]]
        candidates += [(e, "excluded") for e in interaction.excluded]
        read = 0
        for entry, kind in candidates:
            if entry.url is None:
                continue
            key = canonical_url(entry.url)
            if key in boards:
                continue
            found_in = "column" if key in by_url else ("hub" if entry.source == "hub" else "entry")
            board = BoardFacts.model_validate(
                {"name": entry.text, "url": entry.url, "kind": kind, "entry": entry, "found_in": [found_in]}
            )
            if kind == "excluded":
                board.skipped = "在线访谈、调查征集、网上信访、纪检举报类栏目不在检查范围"
            elif not self._onsite(entry.url):
                board.skipped = "站外平台,未读取"
            elif entry.reachable is False:
                board.skipped = f"入口无法访问({entry.status})"
            elif read >= self.ctx.runtime.max_boards:
                board.skipped = f"每站最多读取{self.ctx.runtime.max_boards}个留言栏目"
            else:
                read += 1
            boards[key] = board
        return list(boards.values())

    async def _list_page(self, url: str) -> tuple[BoardPage | None, PageFacts, str]:
        page_id = extra_page_id("board", url)
        response = await self.pages.fetch(url)
        if not response.ok or not response.is_html:
            return None, self.pages.failed(url, page_id, response), url
        final = response.final_url or url
        reading = read_board_list(response.text, final, as_of=self.as_of, words=self.board_words)
        facts = http_page(page_id, response, _title(response.text))
        if (not reading.rows and reading.has_scripts) or self.ctx.options.render == "always":
            rendered = await self.pages.render(url)
            if not rendered.error and rendered.html:
                final = rendered.final_url or url
                again = read_board_list(rendered.html, final, as_of=self.as_of, words=self.board_words)
                if again.rows or not reading.rows:
                    reading = again
                    facts = self.pages.rendered_page(page_id, rendered)
        facts.kind = "list" if reading.rows else facts.kind
        return reading, facts, final

    async def _read_board(self, board: BoardFacts, columns: list[ColumnFacts]) -> None:
        url: str | None = board.url
        seen: set[str] = set()
        rows: list[tuple[MessageRow, str]] = []
        while url and board.pages_read < self.ctx.runtime.board_list_pages and canonical_url(url) not in seen:
            seen.add(canonical_url(url))
            reading, facts, final = await self._list_page(url)
            if board.page is None:
                board.page = facts
            if reading is None:
                break
            board.pages_read += 1
            board.layout = board.layout or reading.layout
            rows += [(r, final) for r in reading.rows]
            url = reading.next_url
        if not rows and board.page is not None and board.page.kind != "error":
            # A plain list of titles: the messages are dated by their own pages.
            column = next((c for c in columns if canonical_url(c.url) == canonical_url(board.url)), None)
            if column is not None and column.page is not None:
                rows = [(MessageRow(title=i.title, url=i.url), board.url) for i in column.page.items if i.url]
                board.layout = "items" if rows else board.layout
        board.messages = [self._message(row, page_url) for row, page_url in rows]
        await self._read_details(board)
        await self._evidence(board)

    @staticmethod
    def _message(row: MessageRow, page_url: str) -> BoardMessage:
        return BoardMessage(
            title=row.title,
            url=row.url,
            asked=row.asked,
            answered=row.answered,
            state_text=row.state_text,
            replied=row.replied,
            source="list",
            asked_label=row.asked_label,
            answered_label=row.answered_label,
            year_inferred=row.year_inferred,
            page_url=page_url,
        )

    def _deadline(self, asked: date) -> date:
        months = self.limit.amount * (12 if self.limit.unit == "years" else 1)
        return _minus_months(asked, -months)

    def _may_flag(self, m: BoardMessage) -> bool:
        if m.asked is None or not self.start <= m.asked <= self.as_of:
            return False
        deadline = self._deadline(m.asked)
        return (m.answered is not None and m.answered > deadline) or (m.replied is False and self.as_of > deadline)

    async def _read_details(self, board: BoardFacts) -> None:
        def wanted(m: BoardMessage) -> bool:
            if m.url is None or m.answered is not None or m.replied is False or not self._onsite(m.url):
                return False
            if m.asked is None:
                return True
            return self.start <= m.asked <= self.as_of and self.as_of > self._deadline(m.asked)

        todo = [m for m in board.messages if wanted(m)][: self.ctx.runtime.board_details]
        for message in todo:
            assert message.url is not None
            response = await self.pages.fetch(message.url)
            if not response.ok or not response.is_html:
                continue
            board.details_read += 1
            detail = read_message_detail(response.text, response.final_url, as_of=self.as_of, words=self.board_words)
            if message.asked is None and detail.asked is not None:
                message.asked, message.asked_label = detail.asked, detail.asked_label
                message.year_inferred |= detail.year_inferred
            if detail.answered is not None:
                message.answered, message.answered_label = detail.answered, detail.answered_label
                message.year_inferred |= detail.year_inferred
                message.source = "detail"
            if detail.replied is not None and (message.replied is None or detail.answered is not None):
                message.replied = detail.replied
                message.state_text = message.state_text or detail.state_text
                message.source = "detail"
            if not message.title:
                message.title = detail.title

    async def _evidence(self, board: BoardFacts) -> None:
        if not self.ctx.options.evidence:
            return
        flagged = [m for m in board.messages if self._may_flag(m) and m.page_url]
        for page_url in list(dict.fromkeys(m.page_url for m in flagged if m.page_url))[:MAX_EVIDENCE_PAGES]:
            on_page = [m for m in flagged if m.page_url == page_url]
            keys = {(m.title, m.asked) for m in on_page}
            picked: dict[tuple[str, date | None], str] = {}

            def measure(snapshots: list[str], url: str, keys=keys, picked=picked) -> list[str] | None:  # noqa: ANN001
                reading = read_board_list(snapshots[-1], url, as_of=self.as_of, words=self.board_words)
                for row in reading.rows:
                    if (row.title, row.asked) in keys and row.selector:
                        picked.setdefault((row.title, row.asked), row.selector)
                return list(picked.values()) or None

            page_id = extra_page_id("board", page_url)
            rendered = await self.pages.render(page_url, measure=measure)
            if rendered.error or not rendered.screenshot_path:
                continue
            facts = self.pages.rendered_page(page_id, rendered)
            facts.kind = "list"
            self.rendered.append(facts)
            if canonical_url(page_url) == canonical_url(board.url):
                board.page = facts
            for m in on_page:
                selector = picked.get((m.title, m.asked))
                if selector:
                    m.node = NodeRef(
                        page_id=page_id, selector=selector, rect=rendered.rects.get(selector), snippet=m.title[:60]
                    )


def _title(html: str) -> str:
    title = parse(html).find(".//title")
    return normalise_space(title.text_content()) if title is not None else ""
