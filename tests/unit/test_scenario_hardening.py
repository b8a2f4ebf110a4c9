"""Scenario files are untrusted input: every bad file is one plain line `file:line: field: problem`, never a traceback.

One test group per attack: selectors, URLs and scope, 网站标识码, limits and strict types, YAML safety, one-line
messages, and load_scenarios (all bad files at once, duplicate site ids).
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from auditor import scenario as scenario_module
from auditor.scenario import (
    MAX_ALIASES,
    MAX_FILE_BYTES,
    ScenarioError,
    collect_scenarios,
    load_scenario,
    load_scenarios,
    parse_scenario,
)

MINIMAL = """\
site:
  id: qingxi
  name: 青溪区人民政府
  code: "3101140038"
  kind: portal
  home: http://127.0.0.1:8000/portal/
"""
# Line numbers of what the helpers below append to MINIMAL.
NEXT = 7


def column(**keys: str) -> str:
    """MINIMAL with one column override (a name, plus `keys` as raw YAML values), one key per line."""
    lines = ["  columns:", "    - name: 通知公告"] + [f"      {key}: {value}" for key, value in keys.items()]
    return MINIMAL + "\n".join(lines) + "\n"


def step(action: str, value: str) -> str:
    return MINIMAL + f"  columns:\n    - name: 通知公告\n      steps:\n        - {action}: {value}\n"


def error_of(text: str, source: str = "s.yaml") -> str:
    with pytest.raises(ScenarioError) as caught:
        parse_scenario(text, source)
    message = str(caught.value)
    assert_one_plain_line(message, source)
    return message


def assert_one_plain_line(message: str, source: str = "s.yaml") -> None:
    assert message.startswith(f"{source}:")
    assert re.match(rf"{re.escape(source)}:[1-9][0-9]*: \S", message), message
    assert len(message.splitlines()) == 1, message
    assert all(char.isprintable() for char in message), ascii(message)


# ---------------------------------------------------------------------------------------------- 1. selectors

BAD_SELECTORS = ["div[", "a!!", ">>", ":nth-child(", "[href=", "a:has(", ")", "#", "", " ", "a::text", "a:visible"]


@pytest.mark.parametrize("selector", BAD_SELECTORS)
@pytest.mark.parametrize("field", ["list_selector", "item_selector", "date_selector"])
def test_bad_list_selectors_are_rejected_with_their_field(field, selector):
    message = error_of(column(**{field: repr(selector)}))
    assert message.startswith(f"s.yaml:{NEXT + 2}: site.columns[0].{field}: not a CSS selector cssselect can read")


@pytest.mark.parametrize("selector", BAD_SELECTORS)
@pytest.mark.parametrize("action", ["click", "wait_for", "frame"])
def test_bad_step_selectors_are_rejected_with_their_field(action, selector):
    message = error_of(step(action, repr(selector)))
    assert message.startswith(f"s.yaml:{NEXT + 3}: site.columns[0].steps[0].{action}: not a CSS selector")


@pytest.mark.parametrize("selector", ["text=下一页", "a >> b", "xpath=//a", "a:has-text('更多')"])
def test_playwright_only_syntax_is_not_accepted_in_steps(selector):
    # Documented: steps accept what cssselect parses, so a selector means the same in the browser and on saved HTML.
    assert "not a CSS selector cssselect can read" in error_of(step("click", repr(selector)))


@pytest.mark.parametrize(
    "selector", ["ul.list", "ul.list > li:nth-child(2n+1)", "#tab-2", "iframe#listFrame", "ul:has(> li)", "td + td"]
)
def test_good_selectors_pass(selector):
    parsed = parse_scenario(column(list_selector=repr(selector), date_selector=repr(selector)))
    assert parsed.site.columns[0].list_selector == selector
    assert parse_scenario(step("click", repr(selector))).site.columns[0].steps[0].click == selector


def test_selector_with_a_control_character_or_too_long():
    assert "control or format character" in error_of(column(list_selector='"ul\\tli"'))
    assert "longer than" in error_of(column(list_selector="a" * 1001))


# ---------------------------------------------------------------------------------------------- 2. URLs and scope


def with_home(home: str) -> str:
    return MINIMAL.replace("http://127.0.0.1:8000/portal/", home)


@pytest.mark.parametrize(
    "home",
    [
        "file:///etc/passwd",
        "javascript:alert(1)",
        "ftp://example.gov.cn/",
        "data:text/html,<b>x</b>",
        "chrome://settings",
        "about:blank",
        "view-source:http://example.gov.cn/",
        "JavaScript:alert(1)",
        "http://",
        "http:/example.gov.cn/",
        "http:///path",
        "//example.gov.cn/",
        "/portal/",
        "'http://exa mple.gov.cn/'",
        '"http://example.gov.cn/\\t"',
        '"http://example.gov.cn/\\n"',
        '"\\x1fhttp://example.gov.cn/"',
        "'http://example.gov.cn\\@evil.com/'",
        "http://user:pw@example.gov.cn/",
        "http://example.gov.cn:99999/",
        "http://example.gov.cn:0/",
        "http://example.gov.cn:x/",
        "'http://[::1/'",
        "http://exa%6dple.gov.cn/",
        "http://ｗｗｗ.gov.cn/",
        "http://-bad-.gov.cn/",
        "http://a..gov.cn/",
    ],
)
def test_home_must_be_http_with_a_host(home):
    message = error_of(with_home(home))
    assert message.startswith(("s.yaml:6: site.home: home must be an http(s) URL", "s.yaml:6: site.home: control"))


@pytest.mark.parametrize(
    "home", ["https://www.gov.cn/", "http://127.0.0.1:8000/portal/", "https://[::1]:8443/", "https://北京.政务/x?a=1"]
)
def test_good_homes(home):
    assert parse_scenario(with_home(home)).site.home == home


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "file:///etc/passwd", "data:,x", "about:blank", "'/a b/'", "mailto:x@gov.cn", "//"]
)
def test_column_url_must_be_http_or_relative(url):
    text = MINIMAL + f"  columns:\n    - url: {url}\n"
    assert error_of(text).startswith(f"s.yaml:{NEXT + 1}: site.columns[0].url: url must be an http(s) URL")


@pytest.mark.parametrize(
    "url", ["/portal/col/tzgg/", "tzgg/index.html", "?page=2", "//xxgk.gov.cn/a/", "https://a.cn/"]
)
def test_relative_and_absolute_column_urls(url):
    assert parse_scenario(MINIMAL + f"  columns:\n    - url: '{url}'\n").site.columns[0].url == url


@pytest.mark.parametrize("entry", ["xxgk.gov.cn", "xxgk.gov.cn:8080", "xxgk.gov.cn/qingxi/", "[::1]:8000", "政务.cn"])
def test_good_scope_entries(entry):
    assert parse_scenario(MINIMAL + f"  scope: ['{entry}']\n").site.scope == (entry,)


@pytest.mark.parametrize(
    "entry",
    ["http://xxgk.gov.cn", "", "xxgk.gov.cn:", "xxgk.gov.cn:70000", "a b.gov.cn", "xxgk.gov.cn?x=1", "@x", "/path"],
)
def test_bad_scope_entries_name_their_index(entry):
    message = error_of(MINIMAL + f"  scope: ['ok.gov.cn', '{entry}']\n")
    assert message.startswith(f"s.yaml:{NEXT}: site.scope[1]: a scope entry")


@pytest.mark.parametrize("domain", ["http://x.gov.cn", "x.gov.cn:80", "x.gov.cn/a", "x gov", ""])
def test_domains_are_bare_host_names(domain):
    assert "site.domain: must be a domain name" in error_of(MINIMAL + f"  domain: '{domain}'\n")


# ---------------------------------------------------------------------------------------------- 3. 网站标识码


def with_code(code: str) -> str:
    return MINIMAL.replace('"3101140038"', code)


@pytest.mark.parametrize(
    "code",
    [
        '"3101140038\\n"',  # trailing newline: ^...$ would have let it through
        '"３１０１１４００３８"',  # full-width digits: \d would have let them through
        '"٣١٠١١٤٠٠٣٨"',  # Arabic-Indic digits
        '" 3101140038"',
        '"3101140038 "',
        '"31011400381"',
        '"310114003"',
        '"BM12345678"',
        '"bm1234567"',
        '"bm１２３４５６７８"',
        "310114003",  # an unquoted number that is not 10 digits
        "true",
        "3101140038.0",
        "[3101140038]",
        "null",
    ],
)
def test_bad_codes(code):
    assert error_of(with_code(code)).startswith("s.yaml:4: site.code: 网站标识码 must be 10 digits or bm + 8 digits")


@pytest.mark.parametrize(("code", "expected"), [('"bm12345678"', "bm12345678"), ("3101140038", "3101140038")])
def test_good_codes(code, expected):
    assert parse_scenario(with_code(code)).site.code == expected


# ---------------------------------------------------------------------------------------------- 4. limits, strict types


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("site_budget_s", "1e-300"),  # YAML 1.1 reads this as a string
        ("site_budget_s", "1.0e-300"),
        ("site_budget_s", "-1"),
        ("site_budget_s", "0"),
        ("site_budget_s", "4.9"),
        ("site_budget_s", "86401"),
        ("site_budget_s", ".inf"),
        ("site_budget_s", "-.inf"),
        ("site_budget_s", ".nan"),
        ("site_budget_s", "1.0e+300"),
        ("site_budget_s", "0x" + "f" * 400),
        ("site_budget_s", "true"),
        ("site_budget_s", "'600'"),
        ("page_timeout_s", "0.5"),
        ("page_timeout_s", "301"),
        ("page_timeout_s", "false"),
        ("max_columns", "0"),
        ("max_columns", "1001"),
        ("max_columns", "true"),
        ("max_columns", "1.5"),
        ("max_columns", "80.0"),
        ("max_columns", "'80'"),
        ("max_columns", "1" + "0" * 5000),
    ],
)
def test_absurd_limits_are_rejected(key, value):
    message = error_of(MINIMAL + f"  limits:\n    {key}: {value}\n")
    assert message.startswith(f"s.yaml:{NEXT + 1}: site.limits.{key}: ")


def test_limit_bounds_are_inclusive():
    text = MINIMAL + "  limits: {page_timeout_s: 1, site_budget_s: 5, max_columns: 1}\n"
    assert parse_scenario(text).site.limits.site_budget_s == 5
    text = MINIMAL + "  limits: {page_timeout_s: 300, site_budget_s: 86400, max_columns: 1000}\n"
    assert parse_scenario(text).site.limits.max_columns == 1000


@pytest.mark.parametrize(
    ("text", "field"),
    [
        (MINIMAL + "  discover: 1\n", "site.discover"),
        (MINIMAL + "  discover: 'false'\n", "site.discover"),
        (column(skip="0"), "site.columns[0].skip"),
        (column(render="1"), "site.columns[0].render"),
        (column(render="'true'"), "site.columns[0].render"),
        (column(level="true"), "site.columns[0].level"),
        (column(level="'1'"), "site.columns[0].level"),
        (column(level="1.0"), "site.columns[0].level"),
        (step("wait_ms", "true"), "site.columns[0].steps[0].wait_ms"),
        (step("wait_ms", "'500'"), "site.columns[0].steps[0].wait_ms"),
        (step("wait_ms", "-1"), "site.columns[0].steps[0].wait_ms"),
        (step("scroll", "true"), "site.columns[0].steps[0].scroll"),
        (step("scroll", "1.5"), "site.columns[0].steps[0].scroll"),
        (step("scroll", "top"), "site.columns[0].steps[0].scroll"),
        (step("scroll", "10000000"), "site.columns[0].steps[0].scroll"),
        (MINIMAL.replace("name: 青溪区人民政府", "name: !!binary aGVsbG8="), "site.name"),
        (MINIMAL.replace("name: 青溪区人民政府", "name: 2024"), "site.name"),
    ],
)
def test_booleans_and_numbers_are_strict(text, field):
    assert f": {field}: " in error_of(text)


def test_steps_shape():
    text = MINIMAL + "  columns:\n    - name: x\n      steps: {click: a}\n"
    assert "site.columns[0].steps: steps is a list of actions" in error_of(text)
    assert "step 1: 'click' is not a mapping" in error_of(MINIMAL + "  columns: [{name: x, steps: [click]}]\n")
    assert "step 1: ['click', 'frame'] is not one of" in error_of(
        MINIMAL + "  columns: [{name: x, steps: [{click: a, frame: b}]}]\n"
    )


def test_one_spelling_per_key_and_names_are_clean():
    assert "class and column_class are the same key" in error_of(column(**{"class": "news", "column_class": "news"}))
    assert "site.name: must not contain control" in error_of(MINIMAL.replace("青溪区人民政府", '"青溪\\t区"'))
    assert "site.name: must not be blank" in error_of(MINIMAL.replace("青溪区人民政府", "'  '"))
    assert "site.id: String should match pattern" in error_of(MINIMAL.replace("id: qingxi", 'id: "qingxi\\n"'))


# ---------------------------------------------------------------------------------------------- 5. YAML safety


def test_oversized_text_is_refused_before_parsing():
    text = MINIMAL + "# " + "x" * MAX_FILE_BYTES + "\n"
    assert error_of(text).startswith("s.yaml:1: (file): larger than 1024 KiB")
    # multi-byte characters count as bytes
    assert "larger than" in error_of(MINIMAL + "# " + "青" * (MAX_FILE_BYTES // 3 + 1) + "\n")


def test_oversized_file_is_refused(tmp_path):
    path = tmp_path / "big.yaml"
    path.write_bytes(MINIMAL.encode() + b"#" * MAX_FILE_BYTES)
    with pytest.raises(ScenarioError, match=r":1: \(file\): larger than 1024 KiB"):
        load_scenario(path)


def shared_steps(uses: int) -> str:
    lines = [MINIMAL + "  columns:", "    - name: c0", "      steps: &shared [{frame: iframe}, {wait_for: ul li}]"]
    lines += [f"    - {{name: c{i}, steps: *shared}}" for i in range(1, uses + 1)]
    return "\n".join(lines) + "\n"


def test_a_few_aliases_are_fine():
    parsed = parse_scenario(shared_steps(MAX_ALIASES))
    assert len(parsed.site.columns) == MAX_ALIASES + 1
    assert parsed.site.columns[-1].steps == parsed.site.columns[0].steps


def test_too_many_aliases_are_refused():
    message = error_of(shared_steps(MAX_ALIASES + 1))
    assert f"site.columns[{MAX_ALIASES + 1}].steps: more than {MAX_ALIASES} aliases" in message
    assert message.startswith(f"s.yaml:{NEXT + 2 + MAX_ALIASES + 1}:")


def test_billion_laughs_is_refused():
    levels = ["a: &a [" + ",".join(["lol"] * 9) + "]"]
    levels += [f"{n}: &{n} [" + ",".join([f"*{p}"] * 9) + "]" for p, n in zip("abcdefgh", "bcdefghi", strict=True)]
    assert "aliases" in error_of("\n".join(levels) + "\n")


def test_expansion_bomb_within_the_alias_count_is_refused():
    # 20 aliases, each level doubling a 10000-item list: 10000 * 2**10 values once expanded.
    lines = ["l0: &l0 [" + ",".join(["x"] * 10_000) + "]"]
    lines += [f"l{i}: &l{i} [*l{i - 1}, *l{i - 1}]" for i in range(1, 11)]
    assert "values once aliases are expanded" in error_of("\n".join(lines) + "\n")


def test_recursive_alias_is_refused():
    assert "(root): an alias (*name) refers to a value that contains it" in error_of("a: &a [1, *a]\n")
    assert "refers to a value that contains it" in error_of("a: &a {b: *a}\n")


@pytest.mark.parametrize(
    "text",
    [
        "a: " + "[" * 100_000,
        "a: " + "[" * 50 + "]" * 50,
        "a: " + "{b: " * 60 + "1" + "}" * 60,
        "".join(" " * i + "- \n" for i in range(0, 200, 2)),
        "".join(" " * i + f"k{i}:\n" for i in range(100)),
    ],
)
def test_deep_nesting_is_refused(text):
    assert "nested deeper than" in error_of(text)


def test_recursion_memory_and_overflow_errors_become_one_line(monkeypatch):
    for exc in (RecursionError, MemoryError, OverflowError, ValueError):

        def boom(self, node, exc=exc):
            raise exc("boom")

        monkeypatch.setattr(scenario_module._Loader, "construct_document", boom)
        error_of(MINIMAL)
    monkeypatch.undo()

    def deep(*_args, **_kwargs):
        raise RecursionError

    monkeypatch.setattr(scenario_module.Scenario, "model_validate", deep)
    assert "(root): cannot validate: RecursionError" in error_of(MINIMAL)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: 1" + "0" * 5000 + "\n", "s.yaml:1: a: cannot read value: Exceeds the limit"),
        ("a: 2024-02-30\n", "s.yaml:1: a: cannot read value: day is out of range"),
        ("x: !!python/object/apply:os.system ['id']\n", "s.yaml:1: x: could not determine a constructor"),
        ("x: !custom 1\n", "s.yaml:1: x: could not determine a constructor"),
        ("x: !!binary 'a'\n", "s.yaml:1: x: failed to decode base64"),
        ("site:\n  <<: 5\n", "s.yaml:2: site: expected a mapping or list of mappings for merging"),
        ("a: 1\n---\nb: 2\n", "s.yaml:2: YAML syntax: expected a single document"),
        ("a: 1\nb: \x00\n", "s.yaml:2: YAML syntax: character \\x00 is not allowed"),
        ("a: 1\n\nb: '青\x07'\n", "s.yaml:3: YAML syntax: character \\x07 is not allowed"),
        ("a: '\x1b[31m'\n", "s.yaml:1: YAML syntax: character \\x1b is not allowed"),
        ("a: \ud800\n", "s.yaml:1: YAML syntax: character \\ud800 is not allowed"),
        ("a: [1\n", "s.yaml:2: YAML syntax:"),
    ],
)
def test_values_yaml_cannot_build(text, expected):
    assert error_of(text).startswith(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "s.yaml:1: (root): the file is empty"),
        ("# only a comment\n", "s.yaml:1: (root): the file is empty"),
        ("- site: {}\n", "s.yaml:1: (root): a scenario is a mapping with a `site:` key, not a list"),
        ("just text\n", "s.yaml:1: (root): a scenario is a mapping with a `site:` key, not 'just text'"),
        ("42\n", "s.yaml:1: (root): a scenario is a mapping with a `site:` key, not 42"),
        ("~\n", "s.yaml:1: (root): a scenario is a mapping with a `site:` key, not null"),
    ],
)
def test_the_document_is_a_mapping(text, expected):
    assert error_of(text).startswith(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (MINIMAL + "  kind: credit\n", f"s.yaml:{NEXT}: site: duplicate key 'kind' (first on line 5)"),
        ("site: {id: a, id: b}\n", "s.yaml:1: site: duplicate key 'id'"),
        ("site: {}\nsite: {}\n", "s.yaml:2: (root): duplicate key 'site' (first on line 1)"),
        (step("click", "a") + "          click: b\n", f"s.yaml:{NEXT + 4}: site.columns[0].steps[0]: duplicate key"),
        (MINIMAL + "  'kind': credit\n", f"s.yaml:{NEXT}: site: duplicate key 'kind'"),
    ],
)
def test_duplicate_keys_are_refused(text, expected):
    assert error_of(text).startswith(expected)


def test_merge_keys_are_not_duplicates():
    text = MINIMAL + "  columns:\n    - &base {name: a, level: 1}\n    - <<: *base\n      name: b\n"
    assert [c.name for c in parse_scenario(text).site.columns] == ["a", "b"]


@pytest.mark.parametrize(
    ("key", "shown"),
    [
        ("[/]", "not a sequence"),
        ("1", "not '1' (YAML reads it as int)"),
        ("true", "not 'true' (YAML reads it as bool)"),
        ("null", "not 'null' (YAML reads it as null)"),
        ("~", "not '~' (YAML reads it as null)"),
        ("2024-01-01", "not '2024-01-01' (YAML reads it as timestamp)"),
        ("? {a: 1}\n ", "not a mapping"),
    ],
)
def test_keys_are_strings(key, shown):
    message = error_of(MINIMAL + f"  {key}: 1\n")
    assert message.startswith(f"s.yaml:{NEXT}: site: a key must be a field name, {shown}")


def test_non_utf8_file_names_its_line(tmp_path):
    path = tmp_path / "gbk.yaml"
    path.write_bytes(MINIMAL.encode() + "  colour: 红\n".encode("gbk"))
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    assert str(caught.value) == f"{path}:{NEXT}: (file): not UTF-8 text (byte 0xba)"


def test_unreadable_paths(tmp_path):
    for path, problem in [(tmp_path / "missing.yaml", "cannot read: No such file"), (tmp_path, "is a folder")]:
        with pytest.raises(ScenarioError) as caught:
            load_scenario(path)
        assert str(caught.value).startswith(f"{path}:1: (file): {problem}")


def test_the_pure_python_parser_refuses_the_same(monkeypatch):
    # PyYAML without libyaml falls back to its Python parser: same limits, same messages.
    py_loader = scenario_module._loader_class(scenario_module._PyEvents)
    monkeypatch.setattr(scenario_module, "_Loader", py_loader)
    assert parse_scenario(MINIMAL).site.id == "qingxi"
    assert error_of(MINIMAL + "  kind: credit\n").startswith(f"s.yaml:{NEXT}: site: duplicate key 'kind'")
    assert "aliases" in error_of(shared_steps(MAX_ALIASES + 1))
    assert error_of("a: 1\nb: \x00\n").startswith("s.yaml:2: YAML syntax: character \\x00 is not allowed")
    assert "nested deeper than" in error_of("a: " + "[" * 100_000)
    assert error_of("site:\n  id: [a\n").startswith("s.yaml:")


# ---------------------------------------------------------------------------------------------- 6. one line


@pytest.mark.parametrize(
    ("key", "escaped"),
    [
        ('"colour\\nforged.yaml:1: site: fine"', "site.colour\\nforged.yaml:1: site: fine: Extra inputs"),
        ('"a\\rb"', "site.a\\rb: Extra"),
        ('"a\\tb"', "site.a\\tb: Extra"),
        ('"a\\u202eb"', "control character \\u202e in the key 'a\\u202eb'"),
        ('"a\\u2066b"', "control character \\u2066"),
        ('"\\x85"', "control character \\x85"),
        ('"\\x9b31m"', "control character \\x9b"),
        ('"\\x7f"', "control character \\x7f"),
        ('"\\x1b[2J"', "control character \\x1b"),
        ('"\\u2028"', "control character \\u2028"),
        ('"\\0"', "control character \\x00"),
    ],
)
def test_keys_cannot_forge_lines_or_reorder_text(key, escaped):
    message = error_of(MINIMAL + f"  {key}: 1\n")
    assert escaped in message


@pytest.mark.parametrize(
    "value", ['"\\x1b[31mred"', '"\\u202egnp.exe"', '"a\\u2029b"', '"\\x00"', '"\\x85"', '"\\u061c"', '"\\u200f"']
)
def test_control_characters_in_values_are_refused_and_shown_escaped(value):
    message = error_of(MINIMAL.replace("青溪区人民政府", value))
    assert message.startswith("s.yaml:3: site.name: control character \\")


def test_values_quoted_in_messages_are_short():
    message = error_of(with_home("ftp://" + "x" * 10_000))
    assert len(message) < 400
    assert message.endswith("…)")


def test_file_names_are_escaped_too(tmp_path):
    path = tmp_path / "evil\nname\u202e.yaml"
    path.write_text(MINIMAL.replace("portal  ", "county  ").replace("kind: portal", "kind: county"), encoding="utf-8")
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    message = str(caught.value)
    assert len(message.splitlines()) == 1
    assert "evil\\nname\\u202e.yaml:5: site.kind:" in message


def test_error_parts_are_attributes():
    with pytest.raises(ScenarioError) as caught:
        parse_scenario(MINIMAL.replace("kind: portal", "kind: county"), "s.yaml")
    error = caught.value
    assert (error.source, error.line, error.field) == ("s.yaml", 5, "site.kind")
    assert str(error) == f"s.yaml:5: site.kind: {error.problem}"
    assert str(ScenarioError("a\nb\x1b")) == "a\\nb\\x1b"


def test_messages_are_plain_text():
    # No terminal markup is added (the CLI prints messages as they are); markup-like text from the file stays as is.
    message = error_of(MINIMAL + "  '[red]x[/red]': 1\n")
    assert message == f"s.yaml:{NEXT}: site.[red]x[/red]: Extra inputs are not permitted"


# ---------------------------------------------------------------------------------------------- 7. load_scenarios


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_load_scenarios_reports_every_bad_file_and_duplicate_ids(tmp_path):
    a = write(tmp_path, "a.yaml", MINIMAL)
    write(tmp_path, "b.yaml", MINIMAL.replace("kind: portal", "kind: county"))
    write(tmp_path, "c.yml", MINIMAL.replace("id: qingxi", "id: other"))
    d = write(tmp_path, "d.yaml", MINIMAL.replace("青溪区人民政府", "青溪区(副本)"))
    write(tmp_path, "e.yaml", "site: [\n")
    write(tmp_path, "notes.txt", "not a scenario")
    scenarios, errors = load_scenarios([tmp_path])
    assert [s.site.id for s in scenarios] == ["qingxi", "other"]
    assert [str(e).split(": ", 2)[:2] for e in errors] == [
        [f"{tmp_path / 'b.yaml'}:5", "site.kind"],
        [f"{d}:2", "site.id"],
        [f"{tmp_path / 'e.yaml'}:2", "YAML syntax"],
    ]
    assert str(errors[1]) == f"{d}:2: site.id: 'qingxi' is also used by {a}:2"
    for error in errors:
        assert len(str(error).splitlines()) == 1


def test_load_scenarios_reads_a_file_named_twice_once(tmp_path):
    a = write(tmp_path, "a.yaml", MINIMAL)
    scenarios, errors = load_scenarios([a, tmp_path, tmp_path / "." / "a.yaml"])
    assert len(scenarios) == 1
    assert errors == []


def test_load_scenarios_missing_and_empty(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    assert load_scenarios([empty]) == ([], [])
    scenarios, errors = load_scenarios([tmp_path / "missing.yaml"])
    assert scenarios == []
    assert [str(e) for e in errors] == [
        f"{tmp_path / 'missing.yaml'}:1: (file): cannot read: No such file or directory"
    ]


def test_collect_scenarios_is_unchanged(tmp_path):
    write(tmp_path, "b.yaml", MINIMAL)
    write(tmp_path, "a.yml", MINIMAL)
    write(tmp_path, "c.txt", MINIMAL)
    assert [p.name for p in collect_scenarios([tmp_path])] == ["a.yml", "b.yaml"]


def test_bundled_scenarios_load_together():
    scenarios, errors = load_scenarios([Path("scenarios")])
    assert errors == []
    assert {s.site.id for s in scenarios} == {
        "qingxi",
        "qingxi-overrides",
        "qingxi-scjgj",
        "qingxi-credit",
        "qingxi-xmt",
    }
    (group,) = [s for s in scenarios if s.site.is_newmedia]
    assert group.manual
    assert group.manual[0].source.startswith("qingxi-xmt-manual.csv:")


def test_unicode_categories_escaped():
    # Every character that splitlines() breaks on, or that is not printable, is escaped.
    breakers = [chr(c) for c in range(0x110000) if len(f"a{chr(c)}b".splitlines()) > 1]
    for char in [*breakers, "\u202e", "\u2066", "\ufeff", "\u00ad", "\U000e0001"]:
        escaped = scenario_module.one_line(f"x{char}y")
        assert escaped.isprintable(), (hex(ord(char)), unicodedata.category(char))
        assert len(escaped.splitlines()) == 1
