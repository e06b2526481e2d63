"""Read commands load the records alone, on a database made by them or by a full command, in either order."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

CSTO = Path(sys.executable).with_name("csto")
pytestmark = pytest.mark.slow


def run(home: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("CSTO_DATABASE_URL", "DJANGO_SETTINGS_MODULE")}
    env["CSTO_HOME"] = str(home)
    return subprocess.run(  # noqa: S603  # the project's own command
        [str(CSTO), *arguments], env=env, capture_output=True, text=True, timeout=300, check=False
    )


def tables(home: Path) -> set[str]:
    with sqlite3.connect(home / "csto.sqlite3") as db:
        return {name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def test_a_read_command_first_then_a_full_one(tmp_path: Path) -> None:
    first = run(tmp_path, "members", "--on", "2008-01-01", "--json")
    assert first.returncode == 0, first.stderr
    assert {row["state"] for row in json.loads(first.stdout)} >= {"RUS", "UZB"}
    assert "django_admin_log" not in tables(tmp_path)  # the read loaded no admin, so made no table of it
    search = run(tmp_path, "search", "Sidorov", "--json")  # a full command: the other apps' tables are made
    assert search.returncode == 0, search.stderr
    assert json.loads(search.stdout)[0]["page"] == "/people/sidorov-anatoly/"
    assert {"django_admin_log", "django_session", "axes_accessattempt"} <= tables(tmp_path)
    again = run(tmp_path, "members", "--on", "2008-01-01", "--json")
    assert again.stdout == first.stdout


def test_a_read_command_does_not_load_the_site_or_the_api(tmp_path: Path) -> None:
    assert run(tmp_path, "init").returncode == 0
    probe = (
        "import sys; from csto_registry.cli import app; from typer.testing import CliRunner;"
        "r = CliRunner().invoke(app, ['holders', 'cmd', '--on', '2022-04-01', '--json']);"
        "assert r.exit_code == 0, r.output;"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('ninja', 'axes', 'edtf')"
        " or m.startswith(('django.contrib.admin', 'csto_registry.web', 'csto_registry.api'))))"
    )
    env = {k: v for k, v in os.environ.items() if k not in ("CSTO_DATABASE_URL", "DJANGO_SETTINGS_MODULE")}
    env["CSTO_HOME"] = str(tmp_path)
    done = subprocess.run(  # noqa: S603  # our own interpreter and code
        [sys.executable, "-c", probe], env=env, capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
