"""The `serve` command: the website on this machine."""

from __future__ import annotations

from typing import Annotated

import typer

from csto_registry.cli.runtime import django_ready, reports_errors


@reports_errors
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
) -> None:
    """Serve the website, creating the database with the built-in dataset on first use."""
    django_ready()
    from django.core.management import call_command

    call_command("runserver", f"{host}:{port}", use_reloader=False)


def register(app: typer.Typer) -> None:
    app.command()(serve)
