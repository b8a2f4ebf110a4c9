from __future__ import annotations

from pathlib import Path

import pytest

from auditor.scenario import ScenarioError, load_scenario, parse_scenario
from auditor.settings import ColumnClass
from tests.cli import run_auditor

MINIMAL = """\
site:
  id: qingxi            # [a-z0-9-]+, used in paths
  name: 青溪区人民政府
  code: "3101140038"    # 网站标识码
  kind: portal          # portal | department | subsite | credit
  home: http://127.0.0.1:8000/portal/
"""


def test_minimal_file_is_enough():
    scenario = parse_scenario(MINIMAL)
    assert scenario.site.id == "qingxi"
    assert scenario.site.code == "3101140038"
    assert scenario.site.discover is True
    assert scenario.site.columns == ()


def test_overrides_parse_with_steps():
    text = MINIMAL + (
        "  columns:\n"
        "    - url: /portal/col/tzgg/\n"
        "      class: notice_policy\n"
        "      level: 1\n"
        "      steps:\n"
        "        - click: '#tab-2'\n"
        "        - frame: iframe#list\n"
        "        - wait_for: ul.list li\n"
        "        - scroll: bottom\n"
        "  exclude: ['/english/']\n"
    )
    column = parse_scenario(text).site.columns[0]
    assert column.column_class is ColumnClass.NOTICE_POLICY
    assert [type(step).__name__ for step in column.steps] == [
        "ClickStep",
        "FrameStep",
        "WaitForStep",
        "ScrollStep",
    ]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (('"3101140038"', "31011"), "s.yaml:4: site.code: 网站标识码 must be 10 digits"),
        (("portal  ", "county  "), "s.yaml:5: site.kind: Input should be"),
        (("id: qingxi", "id: Qing Xi"), "s.yaml:2: site.id: String should match pattern"),
        (("home: http://", "home: ftp://"), "s.yaml:6: site.home: home must be an http(s) URL"),
        (("  name: 青溪区人民政府\n", ""), "s.yaml:1: site.name: Field required"),
    ],
)
def test_bad_field_names_file_line_and_field(change, expected):
    with pytest.raises(ScenarioError) as caught:
        parse_scenario(MINIMAL.replace(*change), "s.yaml")
    assert str(caught.value).startswith(expected)
    assert "\n" not in str(caught.value)


def test_unknown_key_and_bad_step_point_at_their_lines():
    with pytest.raises(ScenarioError, match=r"^s.yaml:7: site.colour: Extra inputs are not permitted"):
        parse_scenario(MINIMAL + "  colour: red\n", "s.yaml")
    text = MINIMAL + "  columns:\n    - name: 通知公告\n      steps:\n        - clik: a\n"
    with pytest.raises(ScenarioError, match=r"^s.yaml:9: site.columns\[0\].steps: step 1: \['clik'\] is not one of"):
        parse_scenario(text, "s.yaml")


def test_yaml_syntax_error_has_a_line():
    with pytest.raises(ScenarioError, match=r"^s.yaml:\d+: YAML syntax"):
        parse_scenario("site:\n  id: [a\n", "s.yaml")


def test_bad_regex_in_exclude():
    with pytest.raises(ScenarioError, match=r"s.yaml:7: site.exclude\[0\]: .*bad regular expression"):
        parse_scenario(MINIMAL + "  exclude: ['(']\n", "s.yaml")


def test_bundled_scenarios_are_valid():
    for path in sorted(Path("scenarios").glob("*.yaml")):
        load_scenario(path)


def test_cli_validate_bad_file_exits_2_with_one_line(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(MINIMAL.replace("portal  ", "county  "), encoding="utf-8")
    done = run_auditor("validate", str(bad))
    assert done.returncode == 2
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1
    assert f"{bad}:5: site.kind:" in lines[0]


def test_cli_validate_good_file(tmp_path):
    good = tmp_path / "good.yaml"
    good.write_text(MINIMAL, encoding="utf-8")
    done = run_auditor("validate", str(good))
    assert done.returncode == 0, done.stderr
    assert "ok: qingxi" in done.stdout
