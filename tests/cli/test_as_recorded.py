"""Answers as recorded: a read asked `--as-recorded R` after later writes and imports prints, byte for byte,
what the same read printed at revision R.

Each `csto` command is its own process and transaction, so each write makes its own revision. The suite's
database (SQLite, or PostgreSQL when CSTO_DATABASE_URL names one: a fresh database on that server) is
made for this module alone.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from csto_registry.datasets.builtin import BUILTIN

pytestmark = pytest.mark.slow
CSTO = Path(sys.executable).with_name("csto")
SERVER_URL = os.environ.get("CSTO_DATABASE_URL", "")
READS = [
    ["members", "--on", "2008-01-01", "--all", "--json"],
    ["holders", "cmd", "--on", "2026-02-04", "--json"],
    ["who", "cmd:KAZ", "--on", "2026-02-04", "--json"],
    ["who", "cmd:KAZ", "--history", "--json"],
    ["person", "kosanov-dauren", "--json"],
    ["holders", "cmd", "--on", "2026-02-04", "--lang", "ru"],
]
# Several commands in one process (each its own transaction, as from a shell), to spare a start per command.
COMMANDS = """
import json, sys
from typer.testing import CliRunner
from csto_registry.cli import app
printed = []
for arguments in json.loads(sys.argv[1]):
    result = CliRunner().invoke(app, arguments)
    assert result.exit_code == 0, (arguments, result.output)
    printed.append(result.stdout)
print(json.dumps(printed))
"""
HISTORY_ROWS = """
import django
django.setup()
from django.db import connection
from csto_registry.records.history import versioned_tables
with connection.cursor() as cursor:
    total = 0
    for table in versioned_tables():
        cursor.execute(f'SELECT COUNT(*) FROM "{table.history}"')
        total += cursor.fetchone()[0]
print(total)
"""


@dataclass
class Registry:
    env: dict[str, str]
    home: Path

    def csto(self, *arguments: str, ok: bool = True) -> subprocess.CompletedProcess[str]:
        done = subprocess.run(  # noqa: S603  # the project's own command
            [str(CSTO), *arguments], env=self.env, capture_output=True, text=True, timeout=300, check=False
        )
        if ok:
            assert done.returncode == 0, (arguments, done.stderr)
        return done

    def revision(self) -> int:
        return int(json.loads(self.csto("revisions", "--limit", "1", "--json").stdout)[0]["revision"])

    def answers(self, *extra: str) -> list[str]:
        """What every read prints (and the dataset export writes), as text: one process, a command at a time."""
        export = self.home / f"export-{uuid.uuid4().hex}.yaml"
        commands = [[*read, *extra] for read in READS] + [["export", str(export), *extra]]
        done = subprocess.run(  # noqa: S603  # our own interpreter and code
            [sys.executable, "-c", COMMANDS, json.dumps(commands)], env=self.env, capture_output=True, text=True,
            timeout=300, check=False,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        printed = json.loads(done.stdout)
        return [*printed[:-1], export.read_text(encoding="utf-8")]

    def history_rows(self) -> int:
        done = subprocess.run(  # noqa: S603  # our own interpreter and code
            [sys.executable, "-c", HISTORY_ROWS], env=self.env, capture_output=True, text=True, check=True
        )
        return int(done.stdout)


@pytest.fixture(scope="module")
def registry(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Registry]:
    home = tmp_path_factory.mktemp("as-recorded")
    env = {k: v for k, v in os.environ.items() if k not in ("CSTO_DATABASE_URL", "DJANGO_SETTINGS_MODULE")}
    env |= {"CSTO_HOME": str(home), "DJANGO_SETTINGS_MODULE": "csto_registry.config.settings"}
    database = None
    if SERVER_URL.startswith("postgres"):
        import psycopg

        database = f"csto_recorded_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(SERVER_URL, autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{database}"')
        env["CSTO_DATABASE_URL"] = SERVER_URL.rsplit("/", 1)[0] + "/" + database
    registry = Registry(env=env, home=home)
    registry.csto("init")
    try:
        yield registry
    finally:
        if database is not None:
            import psycopg

            with psycopg.connect(SERVER_URL, autocommit=True) as admin:
                admin.execute(f'DROP DATABASE "{database}" WITH (FORCE)')


def _changed_dataset(folder: Path) -> Path:
    """The built-in dataset with one tenure changed (a later attestation) and one removed."""
    changed = folder / "changed"
    changed.mkdir()
    for file in sorted(BUILTIN.glob("*.yaml")):
        text = file.read_text(encoding="utf-8")
        if file.name == "50-seats-kaz.yaml":
            assert text.count('attested: ["2025-10-31", "2025-11-20", "2026-02-03"]') == 1
            text = text.replace('"2025-11-20", "2026-02-03"]', '"2025-11-20", "2026-02-04"]')
        changed.joinpath(file.name).write_text(text, encoding="utf-8")
    return changed


def test_every_read_as_recorded_prints_what_it_printed_then(registry: Registry, tmp_path: Path) -> None:
    first = registry.revision()
    at_first = registry.answers()
    rows_first = registry.history_rows()

    registry.csto("import", str(_changed_dataset(tmp_path)))
    second = registry.revision()
    at_second = registry.answers()
    assert second > first
    assert at_second != at_first  # the change shows in the current answers
    # One tenure changed: its new version and its links to its sources, not a copy of the organization.
    assert 0 < registry.history_rows() - rows_first < 20

    registry.csto("draft", "create", "--body", "csc", "--title", "On the record's history")
    registry.csto("import", str(BUILTIN))
    rows_back = registry.history_rows()
    registry.csto("import", str(BUILTIN))  # the same dataset again: nothing changed, nothing kept
    assert registry.history_rows() == rows_back
    assert registry.revision() > second + 2

    assert registry.answers("--as-recorded", str(first)) == at_first
    assert registry.answers("--as-recorded", str(second)) == at_second
    # The built-in dataset again, read now (but for the export, which names its revision).
    assert registry.answers()[:-1] == at_first[:-1]


def test_a_revision_not_made_yet_is_refused_in_one_line(registry: Registry) -> None:
    done = registry.csto("members", "--as-recorded", "99999999", ok=False)
    assert done.returncode == 2
    assert done.stderr.startswith("csto: as recorded '99999999': there is no revision 99999999 yet")
    assert len(done.stderr.strip().splitlines()) == 1
