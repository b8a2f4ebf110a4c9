"""Fuzzed command lines: whatever the arguments, the CLI answers with a usage error or one clean line, exit 2.

In-process (click's runner) and without a browser: every generated call names files that do not exist or values
that are not valid, so nothing ever starts an audit.
"""

from __future__ import annotations

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from auditor.cli import main

COMMANDS = ("run", "validate", "verify", "schema", "demo")
FLAGS = (
    "--as-of",
    "--fail-on",
    "--render",
    "--settings",
    "--out",
    "--resume",
    "--jobs",
    "--port",
    "--evidence",
    "--no-evidence",
    "--keep-screenshots",
    "--ignore-robots",
    "--allow-offsite",
    "--columns",
    "-q",
)
# Text with the characters that broke the CLI before: markup brackets, escapes, bidi overrides, NUL-free controls.
nasty = st.lists(
    st.sampled_from([*"ab[]/\\:.-_0123456789年月日", "\x1b", "\u202e", "\x07", "\t", " ", "[/]", "💥"]), max_size=12
).map("".join)
missing_path = nasty.map(lambda text: f"/nonexistent-auditor-fuzz/{text}")


@st.composite
def command_lines(draw: st.DrawFn) -> list[str]:
    command = draw(st.sampled_from(COMMANDS))
    args = [command]
    for _ in range(draw(st.integers(0, 4))):
        flag = draw(st.sampled_from(FLAGS))
        args.append(flag)
        if flag in {"--as-of", "--fail-on", "--render", "--jobs", "--port"}:
            args.append(draw(nasty | st.sampled_from(["0001-01-01", "2021-02-30", "99999", "-1", "veto"])))
        elif flag in {"--settings", "--out", "--resume"}:
            args.append(draw(missing_path))
    if command == "schema":
        args.append(draw(nasty))
    elif command != "demo":
        args += draw(st.lists(missing_path, min_size=0, max_size=2))
    else:
        args.append("--port")
        args.append(draw(st.sampled_from(["-5", "70000", "x"])))  # never a server: the port is refused first
    return args


@settings(
    max_examples=400, deadline=None, derandomize=True, database=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(command_lines())
def test_any_command_line_is_a_clean_refusal(args: list[str]) -> None:
    result = CliRunner().invoke(main, args)
    assert result.exception is None or isinstance(result.exception, SystemExit), (args, result.exception)
    assert result.exit_code == 2 or (args[0] == "schema" and args[-1] in {"scenario", "bundle"}), (args, result.output)
    assert "Traceback" not in result.output
