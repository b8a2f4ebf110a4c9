"""Evaluate the 办事指南 and 政策解读 readers on their labelled sets (issue #8; htmldate's evaluation style).

    python tests/eval/eval_documents.py                  # every set
    python tests/eval/eval_documents.py --set guides_set1

Guide sets (tests/eval/guides_setN/*.html + guides_setN_cases.json): each labelled page says, for the ten element
classes, present / empty / placeholder / absent, the kind of its 设定依据, its form links, whether it states where
to get the form and whether its materials name one. Scores, all read the way the auditor judges (the computed
guide status, not a copy of its logic):
- element states: accuracy over (guide, class); **false missing**: a present element judged missing (each one is a
  false 办事指南要素缺失 in a notice — must be 0);
- guide findings: guides that would get `guide_missing_elements` with nothing missing, `guide_basis_vague` on a
  concrete basis, `guide_no_form_channel` with a form or a channel on the page (all false findings), and guides
  judged at all among `not_guide` pages;
- basis kind accuracy; form links precision / recall (by href); channel and form-named accuracy.
Interpretation sets (interpretations_setN): the named document's title and 文号, the candidate links to it
(precision / recall by href), image-only pages, and on policy pages the links back.
The script is a report: it always exits 0. Form links are judged as if every one answered 200 (this is about
reading the page, not the network).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

from auditor.computed.guide_status import judge_guide  # noqa: E402
from auditor.extract.guide import LabelIndex, read_guide  # noqa: E402
from auditor.extract.html import decode_html  # noqa: E402
from auditor.extract.interpretation import read_interpretation, read_policy, squash_title, titles_match  # noqa: E402
from auditor.model.artifacts import CheckedLink, GuideFacts, GuideField, PageFacts  # noqa: E402
from auditor.settings import default_indicators  # noqa: E402

EVAL = Path(__file__).resolve().parent
GUIDE_SETS = ("guides_set1",)
INTERPRETATION_SETS = ("interpretations_set1",)
MISSING = {"absent", "empty", "placeholder"}
VAGUE = {"no_law", "law_only", "article_number_only"}


def _html(pages: Path, name: str) -> str:
    return decode_html((pages / name).read_bytes())


def guide_facts(html: str, url: str) -> GuideFacts:
    settings = default_indicators()
    reading = read_guide(
        html,
        url,
        LabelIndex(settings.value("guide_element_classes")),
        form_extensions=settings.value("guide_form_extensions"),
        form_link_texts=settings.value("guide_form_link_texts"),
    )
    return GuideFacts(
        url=url,
        name=reading.title,
        page=PageFacts(url=url, fetched_by="http", kind="content", status=200),
        fields=[GuideField(label=f.label, value=f.value, links=list(f.links), how=f.how) for f in reading.fields],
        content_text=reading.text,
        form_links=[
            CheckedLink(
                text=f.text, href=f.href, url=f.url, why=f.why, checked=True, status=200, size=1, target_kind="file"
            )
            for f in reading.form_links
        ],
    )


def _pr(tp: int, fp: int, fn: int) -> str:
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return f"precision {precision:.3f} recall {recall:.3f} (tp {tp}, fp {fp}, fn {fn})"


def evaluate_guides(name: str) -> dict[str, object]:
    settings = default_indicators()
    cases = json.loads((EVAL / f"{name}_cases.json").read_text("utf-8"))
    pages = EVAL / name
    states = Counter()
    false_missing: list[str] = []
    missed_missing: list[str] = []
    false_findings: list[str] = []
    basis = Counter()
    forms = Counter()
    channel = Counter()
    named = Counter()
    for case in cases:
        judged = judge_guide(guide_facts(_html(pages, case["file"]), case["url"]), settings)
        if case["kind"] == "not_guide":
            if judged.status == "judged" and (
                judged.missing or judged.basis_kind in VAGUE or judged.form_channel == "none"
            ):
                false_findings.append(f"{case['file']}: not a guide, judged with findings")
            continue
        if judged.status != "judged":
            states["guide not judged (needs_review)"] += 1
            missed_missing.append(f"{case['file']}: not judged: {judged.reason}")
            continue
        for element_class, label in case["elements"].items():
            got = judged.elements[element_class].state
            got = "placeholder" if got == "refers" else got
            states["right" if got == label["state"] else "wrong"] += 1
            if label["state"] == "present" and got in MISSING:
                false_missing.append(
                    f"{case['file']}: {element_class} is present ({label['value']!r:.40}), judged {got}"
                )
            if label["state"] in MISSING and got not in MISSING:
                missed_missing.append(f"{case['file']}: {element_class} is {label['state']}, judged {got}")
        labelled_missing = {c for c, v in case["elements"].items() if v["state"] in MISSING}
        if judged.missing and not labelled_missing:
            false_findings.append(f"{case['file']}: guide_missing_elements on a complete guide {dict(judged.missing)}")
        basis["right" if judged.basis_kind == case["basis_kind"] else "wrong"] += 1
        if judged.basis_kind in VAGUE and case["basis_kind"] == "concrete":
            false_findings.append(f"{case['file']}: guide_basis_vague ({judged.basis_kind}) on a concrete basis")
        if judged.basis_kind != case["basis_kind"]:
            missed_missing.append(f"{case['file']}: basis {case['basis_kind']}, judged {judged.basis_kind}")
        found = {link.href for link in judged.facts.form_links}
        labelled = set(case["form_links"])
        forms["tp"] += len(found & labelled)
        forms["fp"] += len(found - labelled)
        forms["fn"] += len(labelled - found)
        stated = judged.channel_text is not None
        channel["right" if stated == case["channel_stated"] else "wrong"] += 1
        named["right" if (judged.names_form is not None) == case["materials_name_form"] else "wrong"] += 1
        if judged.form_channel == "none" and (labelled or case["channel_stated"]):
            false_findings.append(f"{case['file']}: guide_no_form_channel though the page offers a form or a channel")
    total = states["right"] + states["wrong"]
    print(f"== {name}: {len(cases)} pages ({sum(c['kind'] == 'guide' for c in cases)} guides)")
    print(
        f"element states: accuracy {states['right'] / max(total, 1):.3f} over {total}; guides not judged: "
        f"{states['guide not judged (needs_review)']}"
    )
    print(f"FALSE MISSING (present judged missing): {len(false_missing)}")
    for line in false_missing:
        print("   ", line)
    print(f"FALSE GUIDE FINDINGS: {len(false_findings)}")
    for line in false_findings:
        print("   ", line)
    print(f"basis kind accuracy {basis['right'] / max(sum(basis.values()), 1):.3f}")
    print(f"form links {_pr(forms['tp'], forms['fp'], forms['fn'])}")
    print(
        f"channel stated accuracy {channel['right'] / max(sum(channel.values()), 1):.3f}; "
        f"form named accuracy {named['right'] / max(sum(named.values()), 1):.3f}"
    )
    print(f"misses (missing not seen, basis wrong, not judged): {len(missed_missing)}")
    for line in missed_missing:
        print("   ", line)
    return {
        "false_missing": len(false_missing),
        "false_findings": len(false_findings),
        "state_accuracy": states["right"] / max(total, 1),
        "basis_accuracy": basis["right"] / max(sum(basis.values()), 1),
    }


def evaluate_interpretations(name: str) -> dict[str, object]:
    settings = default_indicators()
    cases = json.loads((EVAL / f"{name}_cases.json").read_text("utf-8"))
    pages = EVAL / name
    titles, numbers, images = Counter(), Counter(), Counter()
    links, back = Counter(), Counter()
    misses: list[str] = []
    for case in cases:
        html = _html(pages, case["file"])
        if case["kind"] == "interpretation":
            reading = read_interpretation(
                html,
                case["url"],
                link_texts=settings.value("interpretation_link_texts"),
                strip_words=settings.value("interpretation_title_strip"),
            )
            label = case["named_title"]
            got = reading.named_titles[0] if reading.named_titles else None
            right = (label is None and got is None) or (
                label is not None
                and got is not None
                and (squash_title(got) == squash_title(label) or titles_match(got, label))
            )
            titles["right" if right else "wrong"] += 1
            if not right:
                misses.append(f"{case['file']}: named {label!r}, read {got!r}")
            if case["doc_number"]:
                ok = squash_title(case["doc_number"]) in {squash_title(n) for n in reading.doc_numbers}
                numbers["right" if ok else "wrong"] += 1
                if not ok:
                    misses.append(f"{case['file']}: 文号 {case['doc_number']}, read {reading.doc_numbers}")
            found = {c.href for c in reading.candidates}
            labelled = set(case["policy_links"])
            links["tp"] += len(found & labelled)
            links["fp"] += len(found - labelled)
            links["fn"] += len(labelled - found)
            if found != labelled:
                misses.append(f"{case['file']}: links {sorted(labelled)}, read {sorted(found)}")
            images["right" if reading.image_only == case["image_only"] else "wrong"] += 1
            if reading.image_only != case["image_only"]:
                misses.append(f"{case['file']}: image_only {case['image_only']}, read {reading.image_only}")
        elif case["kind"] == "policy":
            policy = read_policy(html, case["url"], back_link_texts=settings.value("interpretation_back_link_texts"))
            # A link back is a 相关解读-worded link, or any link to the interpretation (matched by URL in a run).
            found = {c.href for c in policy.back_links} | (
                {c.href for c in policy.links} & set(case["interpretation_links"])
            )
            labelled = set(case["interpretation_links"])
            back["tp"] += len(found & labelled)
            back["fp"] += len(found - labelled)
            back["fn"] += len(labelled - found)
            if labelled and not found:
                # A link back not seen gives a false 政策文件未关联解读.
                misses.append(f"{case['file']}: LINK BACK NOT SEEN {sorted(labelled)}")
            elif found != labelled:
                misses.append(f"{case['file']}: back links {sorted(labelled)}, read {sorted(found)}")
    print(f"== {name}: {len(cases)} pages")
    print(
        f"named document: accuracy {titles['right'] / max(sum(titles.values()), 1):.3f} over {sum(titles.values())}; "
        f"文号 {numbers['right']}/{sum(numbers.values())}; image-only {images['right']}/{sum(images.values())}"
    )
    print(f"links to the document: {_pr(links['tp'], links['fp'], links['fn'])}")
    print(f"policy pages' links back: {_pr(back['tp'], back['fp'], back['fn'])}")
    print(f"misses: {len(misses)}")
    for line in misses:
        print("   ", line)
    return {"title_accuracy": titles["right"] / max(sum(titles.values()), 1), "links": dict(links), "back": dict(back)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", action="append", dest="sets")
    args = parser.parse_args()
    for name in args.sets or [*GUIDE_SETS, *INTERPRETATION_SETS]:
        (evaluate_guides if name.startswith("guides") else evaluate_interpretations)(name)


if __name__ == "__main__":
    main()
