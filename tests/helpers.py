"""Helpers the test modules share."""

from __future__ import annotations

import json
from typing import Any

from typer.testing import CliRunner

from csto_registry.cli import app


def csto_json(*args: str) -> Any:
    """Run `csto ARGS --json`, require exit status 0, and return the JSON it printed."""
    result = CliRunner().invoke(app, [*args, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)
