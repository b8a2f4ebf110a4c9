"""What each 办事指南 shows, judged against the indicator table: element classes present or missing, how concrete
its 设定依据 is, and whether it offers the form (indicators.md §8).

Pure and shared: the guide rules read it, and the live run's read policy asks it whether a guide read over HTTP is
already a clean pass (no browser) or may back a finding (keep a screenshot).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Literal

from auditor.computed import computed
from auditor.extract.guide import LabelIndex
from auditor.model.artifacts import CheckedLink, GuideFacts, GuideField, NodeRef, SiteArtifacts
from auditor.settings import IndicatorSettings

NAME = "guide_status"
ElementState = Literal["present", "empty", "placeholder", "absent", "refers"]
BasisKind = Literal["concrete", "law_only", "article_number_only", "no_law", "unclear", "missing"]
FormChannel = Literal["download", "stated", "none", "unverified", "not_applicable"]
GuideStatus = Literal["judged", "offsite", "not_read", "unreadable"]
# A page showing fewer element classes than this is not recognisably a guide in a layout the auditor reads: it
# is left for review, never told it misses the rest (project default).
MIN_CLASSES_TO_JUDGE = 3
_LAW = re.compile(r"《[^《》]{2,80}》")
_VAGUE_LAW = re.compile(r"(?:相关|有关|现行|国家)?(?:法律|法规|规章|规定|政策|文件)")
# A law named without 《》: a name ending in 法/条例/… at a boundary (持合法证明 names no law).
_NAMED_LAW = re.compile(r"[\u4e00-\u9fff]{2,40}(?:法|条例|规定|办法|细则|决定|规则)(?=[第（(，,。；;、\s]|$)")


@dataclass(frozen=True)
class ElementReading:
    element_class: str
    state: ElementState
    label: str | None = None
    value: str | None = None
    node: NodeRef | None = None


@dataclass(frozen=True)
class JudgedGuide:
    facts: GuideFacts
    status: GuideStatus
    reason: str | None = None  # zh-CN, for not_read / unreadable
    elements: dict[str, ElementReading] = field(default_factory=dict)
    missing: dict[str, ElementState] = field(default_factory=dict)  # required class -> absent | empty | placeholder
    refers: tuple[str, ...] = ()  # classes answered by 详见… with a link: needs_review
    basis_kind: BasisKind = "missing"
    basis: ElementReading | None = None
    form_channel: FormChannel = "not_applicable"
    working_forms: tuple[CheckedLink, ...] = ()
    failed_forms: tuple[CheckedLink, ...] = ()
    unverified_forms: tuple[CheckedLink, ...] = ()
    channel_text: str | None = None
    names_form: str | None = None  # the form the guide names (…申请表), when it names one
    # Classes absent whose tab was clicked: its panel may not have loaded in time (slow XHR), so never "missing".
    unloaded: tuple[str, ...] = ()

    @property
    def clean(self) -> bool:
        """A judged guide with nothing to report and nothing to review."""
        return (
            self.status == "judged"
            and not self.missing
            and not self.refers
            and self.basis_kind == "concrete"
            and self.form_channel in {"download", "stated", "not_applicable"}
        )


def _labels(settings: IndicatorSettings) -> LabelIndex:
    classes = settings.value("guide_element_classes")
    return _label_index(tuple((name, tuple(synonyms)) for name, synonyms in classes.items()))


@lru_cache(maxsize=8)
def _label_index(classes: tuple[tuple[str, tuple[str, ...]], ...]) -> LabelIndex:
    return LabelIndex(dict(classes))


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def element_state(item: GuideField | None, element_class: str, settings: IndicatorSettings) -> ElementState:
    if item is None:
        return "absent"
    value = _squash(item.value).strip("。.；;，,")
    if not value:
        return "empty"
    if element_class == "收费标准" and value in set(settings.value("guide_fee_valid_values")):
        return "present"
    placeholders = {_squash(p) for p in settings.value("guide_placeholder_values")}
    if value in placeholders:
        return "placeholder"
    if re.match(settings.value("guide_refer_pattern"), value) and len(value) <= 40:
        return "refers" if item.links else "placeholder"
    return "present"


def basis_kind(value: str, settings: IndicatorSettings) -> BasisKind:
    """How concrete a 设定依据 is: quotes its provision (concrete), names only article numbers, only laws, or none."""
    text = value.strip()
    article = re.compile(settings.value("guide_basis_article_pattern"))
    minimum = int(settings.value("guide_basis_quote_min_chars"))
    articles = list(article.finditer(text))
    for match in articles:
        # What follows the article number up to the next law title or article number: its wording, if quoted.
        rest = text[match.end() :]
        stop = [m.start() for m in (_LAW.search(rest), article.search(rest)) if m is not None]
        following = rest[: min(stop)] if stop else rest
        wording = re.sub(r"[\s：:，,、。；;“”\"'‘’「」（）()第款项之的规定和及与]", "", following)
        wording = re.sub(r"[一二三四五六七八九十百\d]+", "", wording)
        if len(wording) >= minimum:
            return "concrete"
    if articles:
        return "article_number_only"
    if _LAW.search(text) or _NAMED_LAW.search(re.sub(_VAGUE_LAW, "", text)):
        return "law_only"
    if _VAGUE_LAW.search(text):
        return "no_law"
    return "unclear"


def _form_verdict(facts: GuideFacts) -> tuple[list[CheckedLink], list[CheckedLink], list[CheckedLink]]:
    working, failed, unverified = [], [], []
    for link in facts.form_links:
        if link.url is None:
            failed.append(link)
        elif not link.checked or link.target_kind == "unchecked":
            unverified.append(link)
        elif (
            link.status is not None
            and 200 <= link.status < 300
            and (link.size or 0) > 0
            and link.target_kind != "soft_404"
        ):
            working.append(link)
        elif link.status is None and link.target_kind == "offsite":
            unverified.append(link)
        else:
            failed.append(link)
    return working, failed, unverified


def judge_guide(facts: GuideFacts, settings: IndicatorSettings) -> JudgedGuide:
    if facts.offsite:
        return JudgedGuide(facts, "offsite", "办事指南位于站外(如政务服务网),仅列出,未抓取")
    if facts.skipped:
        return JudgedGuide(facts, "not_read", f"未读取:{facts.skipped}")
    if facts.page is None or facts.page.kind == "error":
        why = facts.page.error if facts.page is not None else "未读取"
        return JudgedGuide(facts, "unreadable", f"办事指南页面无法读取({why})")
    labels = _labels(settings)
    by_class: dict[str, GuideField] = {}
    for item in facts.fields:
        element_class = labels.class_of(item.label)
        if element_class is None:
            continue
        current: GuideField | None = by_class.get(element_class)
        if current is None or (not _squash(current.value) and _squash(item.value)):
            by_class[element_class] = item
    if len(by_class) < MIN_CLASSES_TO_JUDGE:
        return JudgedGuide(
            facts,
            "unreadable",
            f"仅识别出{len(by_class)}类办事指南要素,页面版式未能识别,需人工核实",
        )
    elements: dict[str, ElementReading] = {}
    for element_class in settings.value("guide_element_classes"):
        shown = by_class.get(element_class)
        state = element_state(shown, element_class, settings)
        elements[element_class] = ElementReading(
            element_class,
            state,
            shown.label if shown else None,
            shown.value if shown else None,
            shown.node if shown else None,
        )
    required = tuple(settings.value("guide_required_classes"))
    missing = {c: elements[c].state for c in required if elements[c].state in {"absent", "empty", "placeholder"}}
    refers = tuple(c for c in required if elements[c].state == "refers")
    # A class whose own tab was clicked and showed nothing was not seen, not shown to be absent (a lazy panel that
    # answered late): left for review, never a missing element.
    tabbed = {labels.class_of(title) for title in facts.tab_titles}
    unloaded = tuple(c for c, how in missing.items() if how == "absent" and c in tabbed)
    missing = {c: how for c, how in missing.items() if c not in unloaded}
    basis = elements.get("设定依据")
    kind: BasisKind = (
        "missing" if basis is None or basis.state != "present" else basis_kind(basis.value or "", settings)
    )
    working, failed, unverified = _form_verdict(facts)
    trigger = re.compile(settings.value("guide_form_trigger_pattern"))
    materials = elements.get("办理材料")
    names = trigger.search((materials.value or "") if materials and materials.value else facts.content_text)
    channel = re.search(settings.value("guide_channel_pattern"), facts.content_text)
    form: FormChannel
    if working:
        form = "download"
    elif channel:
        form = "stated"
    elif names is None:
        form = "not_applicable"
    elif unverified:
        form = "unverified"
    else:
        form = "none"
    return JudgedGuide(
        facts,
        "judged",
        None,
        elements,
        missing,
        refers,
        kind,
        basis,
        form,
        tuple(working),
        tuple(failed),
        tuple(unverified),
        channel[0] if channel else None,
        names[0] if names else None,
        unloaded,
    )


@computed(NAME, requires=("guides",))
def compute(artifacts: SiteArtifacts, _as_of: date, settings: IndicatorSettings) -> tuple[JudgedGuide, ...]:
    return tuple(judge_guide(guide, settings) for guide in artifacts.guides or ())
