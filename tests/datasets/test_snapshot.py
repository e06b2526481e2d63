"""An export reads one snapshot and blocks no writer: another process writes while it reads, on SQLite as served."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

CSTO = Path(sys.executable).with_name("csto")
# Holds an export's snapshot open for a few seconds after its first read, as a long export does.
READER = """
import os, sys, time
import django
django.setup()
from csto_registry.datasets.exporter import read_snapshot
from csto_registry.records.models import AuditEntry
with read_snapshot():
    before = AuditEntry.objects.count()
    print("reading", flush=True)
    time.sleep(4)
    after = AuditEntry.objects.count()
print(before, after, AuditEntry.objects.count(), flush=True)
"""


@pytest.mark.skipif(bool(os.environ.get("CSTO_DATABASE_URL")), reason="the embedded SQLite database's locking")
def test_a_write_does_not_wait_on_an_export_and_the_export_sees_one_state(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("CSTO_DATABASE_URL", "DJANGO_SETTINGS_MODULE")}
    env |= {"CSTO_HOME": str(tmp_path), "DJANGO_SETTINGS_MODULE": "csto_registry.config.settings"}
    env["CSTO_LOCK_TIMEOUT"] = "1"  # a write that had to wait for the export would fail after a second
    subprocess.run([str(CSTO), "init"], env=env, check=True, capture_output=True)  # noqa: S603  # our own command
    with subprocess.Popen(  # noqa: S603  # our own interpreter
        [sys.executable, "-c", READER], env=env, stdout=subprocess.PIPE, text=True
    ) as reader:
        assert reader.stdout is not None
        assert reader.stdout.readline().strip() == "reading"
        started = time.monotonic()
        written = subprocess.run(  # noqa: S603  # our own command
            [str(CSTO), "user", "add", "snapshot-clerk", "--role", "delegate", "--state", "KAZ"],
            env=env,
            capture_output=True,
            text=True,
        )
        assert written.returncode == 0, written.stderr
        assert time.monotonic() - started < 3  # it did not wait for the export's four seconds
        before, after, later = (int(n) for n in reader.stdout.readline().split())
    assert before == after  # the export's view did not change while it read
    assert later == after + 1  # the write is there once the export is done
