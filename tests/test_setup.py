"""What `make test` promises a fresh machine: without a browser the browser tests are skipped, never passed."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MISSING = "/nonexistent/chromium"


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "CSTO_REQUIRE_BROWSER")}
    return env | {"CSTO_CHROMIUM": MISSING} | extra


def _browser_tests(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # this interpreter's own pytest
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-m", "e2e", "-rs", "tests/e2e"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )


def test_without_chromium_the_browser_tests_are_skipped_with_how_to_install() -> None:
    done = _browser_tests(_env())
    assert done.returncode == 0, done.stdout + done.stderr
    assert " passed" not in done.stdout
    assert re.search(r"\b[1-9]\d* skipped", done.stdout)
    assert f"{MISSING} is missing" in done.stdout
    assert "apt-get install -y chromium" in done.stdout


def test_in_ci_a_missing_chromium_fails_the_browser_tests() -> None:
    done = _browser_tests(_env(CI="true"))
    assert done.returncode != 0
    assert " passed" not in done.stdout
    assert f"{MISSING} is missing" in done.stdout


def test_the_setup_script_says_in_one_line_how_to_get_chromium() -> None:
    done = subprocess.run(  # noqa: S603
        ["sh", str(ROOT / "scripts" / "ensure-chromium.sh")],  # noqa: S607
        env=_env(),
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert done.returncode == 0
    lines = done.stdout.strip().splitlines()
    assert len(lines) == 1
    assert MISSING in lines[0]
    assert "apt-get install -y chromium" in lines[0]
