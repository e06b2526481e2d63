"""Bad input on the command line: one line on stderr and exit code 2, never "internal error" (issue 14's list)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from csto_registry.cli import app

pytestmark = pytest.mark.django_db


def refused(*args: str) -> str:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "internal error" not in lines[0]
    return lines[0]


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["treaty-term", "--on", "9999-12-31"], "after 9899-12-31"),
        (["members", "--on", "0000-01-01"], "not a day"),
        (["figures", "submit", "--operation", "channel", "--state", "KAZ", "--measure", "m", "--unit", "t",
          "--value", "1E+16"], "at most 16 digits before the point"),
        (["figures", "submit", "--operation", "channel", "--state", "KAZ", "--measure", "m", "--unit", "t",
          "--value", "1", "--period", "0000"], "year 0000 is before year 1"),
    ],
)  # fmt: skip
def test_a_value_out_of_range_is_one_line(args: list[str], words: str) -> None:
    assert words in refused(*args)


def test_files_that_cannot_be_written_are_one_line_naming_them(tmp_path: Path) -> None:
    assert refused("sessions", "--ics", str(tmp_path)) == f"csto: {tmp_path}: Is a directory"
    missing = tmp_path / "no" / "such" / "folder" / "csto.yaml"
    assert refused("export", str(missing)) == f"csto: {missing}: No such file or directory"
    long_name = tmp_path / ("a" * 300 + ".yaml")
    assert refused("import", str(long_name)).endswith("File name too long")


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["members", "--bogus"], "csto members: No such option: --bogus"),
        (["who"], "csto who: name a post: its id (cmd:RUS), words of its title, or --body and --state"),
        (["who", "--body", "cmd"], "csto who: name a post by its id, or by --body and --state together"),
        (["no-such-command"], "No such command 'no-such-command'"),
    ],
)
def test_a_usage_error_is_one_line_with_exit_code_2(args: list[str], words: str) -> None:
    csto = Path(sys.executable).with_name("csto")
    done = subprocess.run(  # noqa: S603  # the project's own command
        [str(csto), *args], capture_output=True, text=True, check=False, env=os.environ.copy(), timeout=60
    )
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert words in lines[0]
    assert "--help" in lines[0]
