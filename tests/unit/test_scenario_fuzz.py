"""Fuzzing parse_scenario: whatever the text, it returns a Scenario or raises ScenarioError with one clean line.

The line is `<fuzz>.yaml:<line>: ...`, holds no raw control, bidi or line-breaking character, and nothing but
ScenarioError ever escapes. Inputs start from a valid scenario and are mutated as text (random fragments, control
characters, Unicode, broken syntax, swapped and duplicated lines), as data (wrong types, random keys, huge
numbers, dumped back to YAML), and as YAML structure (anchors, aliases, merges, deep nesting).

Deterministic (derandomize=True) so that CI sees the same examples every run; 1600 examples in all.
"""

from __future__ import annotations

import copy
import re
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from auditor.scenario import Scenario, ScenarioError, parse_scenario

SOURCE = "<fuzz>.yaml"
FIRST_LINE = re.compile(r"\A<fuzz>\.yaml:[1-9][0-9]*: ")
BASE_SETTINGS = settings(
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

VALID = """\
# A scenario that uses most keys, so that mutations reach every validator.
site:
  id: qingxi-fuzz
  name: 青溪区人民政府
  code: "3101140038"
  kind: portal
  home: http://127.0.0.1:8000/portal/
  domain: www.qingxi.gov.cn
  parent_domain: sh.gov.cn
  scope: [xxgk.qingxi.gov.cn, "127.0.0.1:8001/xxgk/"]
  exclude:
    - /portal/search/
    - \\.pdf$
  discover: true
  limits:
    page_timeout_s: 15
    site_budget_s: 300.5
    max_columns: 40
  columns:
    - url: /portal/col/tzgg/
      class: notice_policy
      level: 1
      kind: list
      steps: &frame_steps
        - frame: iframe#listFrame
        - wait_for: ul li
        - scroll: bottom
        - wait_ms: 200
        - click: "#tab-2"
    - &zcwj
      url: https://www.qingxi.gov.cn/xxgk/zcwj/
      level: 2
      render: false
    - <<: *zcwj
      url: zcwj/2.html
      steps: *frame_steps
    - name: 人事信息
      list_selector: ul.list
      item_selector: li
      date_selector: span.date
      skip: false
"""

NASTY_VALUES = [
    "",
    "~",
    "null",
    "true",
    "no",
    "0",
    "-1",
    "1e-300",
    "1.0e-300",
    "1.0e+308",
    "1e999",
    ".inf",
    "-.inf",
    ".nan",
    "0x" + "f" * 64,
    "9" * 30,
    "1" + "0" * 4400,
    "0o777",
    "1_000",
    "190:20:30",
    "2024-02-30",
    "2024-01-01 10:00:00",
    "[]",
    "{}",
    "[a, [b, [c]]]",
    "{a: 1, a: 2}",
    "*undefined",
    "&anchor value",
    "!!binary aGVsbG8=",
    "!!binary a",
    "!!set {a, b}",
    "!!omap [a: 1]",
    "!!python/object:os.system x",
    "!custom x",
    "!!str",
    "!!int x",
    "|\n  block\n  text",
    ">-\n  folded",
    "'single ''quoted'''",
    '"\\x1b[31mred\\u202e\\u2028\\0"',
    '"\\ud800"',
    '"\\U0010ffff"',
    "'３１０１１４００３８'",
    '"3101140038\\n"',
    "bm12345678",
    "javascript:alert(1)",
    "file:///etc/passwd",
    "http://a b/",
    "http://[::1",
    "div[",
    ":nth-child(",
    "a >> b",
    "text=下一页",
    "'(('",
    "(?P<",
    "[/]",
    "? complex",
    "- item",
    "key: value",
    "\t",
    "%YAML 1.1",
    "---",
    "...",
]

FRAGMENTS = [
    *NASTY_VALUES,
    "\n",
    "\n  ",
    "\n    - ",
    ": ",
    ":",
    "- ",
    "[",
    "]",
    "{",
    "}",
    ",",
    "'",
    '"',
    "#",
    "&a ",
    "*a",
    "&a [*a]",
    "<<: ",
    "? ",
    "!",
    "%",
    "@",
    "`",
    "|",
    ">",
    "\\",
    "\x00",
    "\x07",
    "\x1b",
    "\x7f",
    "\x85",
    "\x9b",
    "\u00a0",
    "\u2028",
    "\u2029",
    "\u202e",
    "\u2066",
    "\ufeff",
    "\ufffe",
    "\ud800",
    "\U0001f600",
    "青溪",
    "３",
    "\r\n",
    "\r",
    "\t",
    "[" * 40,
    "{a: " * 40,
    "- " * 40,
]

# Characters of any category, surrogates included (hypothesis leaves them out by default).
ANY_CHAR = st.characters(exclude_categories=())
FRAGMENT = st.sampled_from(FRAGMENTS) | st.text(ANY_CHAR, max_size=8)


def check(text: str) -> None:
    """The property: a Scenario (that serialises), or one clean ScenarioError line."""
    try:
        result = parse_scenario(text, SOURCE)
    except ScenarioError as exc:
        message = str(exc)
        assert FIRST_LINE.match(message), ascii(message)
        assert "\n" not in message
        assert "\r" not in message
        assert len(message.splitlines()) == 1, ascii(message)
        assert message.isprintable(), ascii(message)  # no C0/C1/DEL, bidi or other format characters, no U+2028
        return
    assert isinstance(result, Scenario)
    result.model_dump_json()  # everything accepted can be written into a bundle (no NaN, no surrogates)


# ---------------------------------------------------------------------------------------------- text mutations


@st.composite
def mutated_text(draw: st.DrawFn) -> str:
    text = VALID
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(["insert", "delete", "replace_value", "duplicate", "swap", "char", "indent"]))
        lines = text.split("\n")
        if op == "insert":
            at = draw(st.integers(0, len(text)))
            text = text[:at] + draw(FRAGMENT) + text[at:]
        elif op == "delete":
            at = draw(st.integers(0, len(text)))
            text = text[:at] + text[at + draw(st.integers(1, 40)) :]
        elif op == "replace_value":
            index = draw(st.integers(0, len(lines) - 1))
            key, colon, _value = lines[index].partition(":")
            lines[index] = key + (colon or ":") + " " + draw(st.sampled_from(NASTY_VALUES) | FRAGMENT)
            text = "\n".join(lines)
        elif op == "duplicate":
            index = draw(st.integers(0, len(lines) - 1))
            lines.insert(index, lines[index])
            text = "\n".join(lines)
        elif op == "swap":
            first, second = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
            lines[first], lines[second] = lines[second], lines[first]
            text = "\n".join(lines)
        elif op == "char":
            at = draw(st.integers(0, len(text) - 1)) if text else 0
            text = text[:at] + draw(ANY_CHAR) + text[at + 1 :]
        else:
            index = draw(st.integers(0, len(lines) - 1))
            lines[index] = " " * draw(st.integers(0, 9)) + lines[index].lstrip(" ")
            text = "\n".join(lines)
    return text


@settings(BASE_SETTINGS, max_examples=600)
@given(mutated_text())
def test_text_mutations(text):
    check(text)


# ---------------------------------------------------------------------------------------------- data mutations

SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.integers(min_value=-(10**400), max_value=10**400)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(ANY_CHAR.filter(lambda c: not 0xD800 <= ord(c) <= 0xDFFF), max_size=20)
    | st.sampled_from(["bottom", "news", "list", "portal", "3101140038", "bm12345678", "http://x.gov.cn/", "a"])
)
KEYS = st.sampled_from(
    ["site", "id", "name", "code", "kind", "home", "columns", "steps", "click", "scroll", "limits", "class", "url"]
) | st.text(max_size=8)
VALUES = st.recursive(
    SCALARS,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(KEYS | st.integers(), children, max_size=4),
    max_leaves=12,
)
BASE = yaml.safe_load(VALID)


def _containers(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path] if isinstance(node, dict | list) else []
    children = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
    for key, child in children:
        found.extend(_containers(child, (*path, key)))
    return found


def _at(data: Any, path: tuple[Any, ...]) -> Any:
    for key in path:
        data = data[key]
    return data


@st.composite
def mutated_data(draw: st.DrawFn) -> str:
    data = copy.deepcopy(BASE)
    for _ in range(draw(st.integers(1, 3))):
        target = _at(data, draw(st.sampled_from(_containers(data))))
        if isinstance(target, dict):
            keys = sorted(target, key=str)
            op = draw(st.sampled_from(["set", "add", "delete"] if keys else ["add"]))
            if op == "set":
                target[draw(st.sampled_from(keys))] = draw(VALUES)
            elif op == "add":
                target[draw(KEYS | st.integers() | st.booleans())] = draw(VALUES)
            else:
                del target[draw(st.sampled_from(keys))]
        elif isinstance(target, list):
            if target and draw(st.booleans()):
                target[draw(st.integers(0, len(target) - 1))] = draw(VALUES)
            else:
                target.insert(draw(st.integers(0, len(target))), draw(VALUES))
    return yaml.safe_dump(
        data,
        allow_unicode=draw(st.booleans()),
        default_flow_style=draw(st.sampled_from([False, True, None])),
        sort_keys=draw(st.booleans()),
    )


@settings(BASE_SETTINGS, max_examples=500)
@given(mutated_data())
def test_data_mutations(text):
    check(text)


# ---------------------------------------------------------------------------------------------- YAML structure


NODE_KINDS = ["scalar"] * 4 + ["alias"] * 2 + ["list"] * 2 + ["map"] * 2 + ["merge", "deep"]
FIELD_NAMES = st.sampled_from(["name", "url", "click", "frame", "scroll", "wait_ms", "level", "class", "x", "<<"])


@st.composite
def structured_yaml(draw: st.DrawFn) -> str:
    """Documents built from anchors, aliases (to defined, undefined and enclosing anchors), merges and deep nesting,
    often inside a valid scenario's shape."""
    anchors: list[str] = []

    def node(depth: int) -> str:
        kind = draw(st.sampled_from(NODE_KINDS if depth < 5 else ["scalar"]))
        if kind == "scalar":
            return draw(st.sampled_from(NASTY_VALUES[:40]) | st.sampled_from(["a", "1", "ul li", "bottom"]))
        if kind == "alias":
            undefined = not anchors or draw(st.integers(0, 5)) == 0
            return "*" + ("nowhere" if undefined else draw(st.sampled_from(anchors)))
        if kind == "deep":
            depth_n = draw(st.integers(1, 3000))
            return "[" * depth_n + "x" + "]" * draw(st.integers(0, depth_n))
        anchor = ""
        if draw(st.booleans()):
            anchors.append(name := f"a{len(anchors)}")
            anchor = f"&{name} "
        if kind == "list":
            items = [node(depth + 1) for _ in range(draw(st.integers(0, 4)))]
            return anchor + "[" + ", ".join(items) + "]"
        if kind == "merge" and anchors:
            return anchor + "{<<: *" + draw(st.sampled_from(anchors)) + ", name: m}"
        keys = draw(st.lists(FIELD_NAMES, max_size=4))
        return anchor + "{" + ", ".join(f"{key}: {node(depth + 1)}" for key in keys) + "}"

    if draw(st.booleans()):
        anchors.append("base")
        lines = ["base: &base {name: b, steps: [{click: a}]}"]
        lines += [f"k{i}: {node(0)}" for i in range(draw(st.integers(1, 30)))]
        return "\n".join(lines)
    anchors.extend(["frame_steps", "zcwj"])  # defined in VALID; the new columns are appended to its list
    columns = []
    for i in range(draw(st.integers(1, 8))):
        steps = ", ".join(node(3) for _ in range(draw(st.integers(0, 4))))
        field = draw(st.sampled_from(["list_selector", "url", "level", "class", "render", "name"]))
        columns.append(f"    - {{name: f{i}, steps: [{steps}], {field}: {node(3)}}}\n")
    return VALID + "".join(columns)


@settings(BASE_SETTINGS, max_examples=300)
@given(structured_yaml())
def test_aliases_merges_and_nesting(text):
    check(text)


@settings(BASE_SETTINGS, max_examples=200)
@given(st.lists(FRAGMENT, max_size=30).map("".join))
def test_arbitrary_text(text):
    check(text)
