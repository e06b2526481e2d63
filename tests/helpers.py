"""Helpers the test modules share."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from typer.testing import CliRunner

from csto_registry.cli import app

if TYPE_CHECKING:
    from django.test import Client


def csto_json(*args: str) -> Any:
    """Run `csto ARGS --json`, require exit status 0, and return the JSON it printed."""
    result = CliRunner().invoke(app, [*args, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def page(client: Client, url: str, status: int = 200) -> str:
    """GET a page of the site, require `status` (200 unless said), and return its HTML."""
    response = client.get(url)
    assert response.status_code == status, url
    return response.content.decode()
