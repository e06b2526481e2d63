"""The `serve` command: the website and the API, with gunicorn (or Django's development server)."""

from __future__ import annotations

import os
import sys
from typing import Annotated

import typer

from csto_registry.cli.runtime import django_ready, reports_errors


@reports_errors
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    workers: Annotated[int, typer.Option(help="Worker processes (gunicorn).")] = 2,
    dev: Annotated[bool, typer.Option("--dev", help="Django's development server, reloading on change.")] = False,
) -> None:
    """Serve the website and the API, creating the database with the built-in dataset on first use."""
    django_ready()
    if dev:
        from django.core.management import call_command

        call_command("runserver", f"{host}:{port}")
        return
    # The production server replaces this process; the database is ready before it forks its workers.
    arguments = [
        sys.executable,
        "-m",
        "gunicorn",
        "csto_registry.config.wsgi:application",
        "--bind",
        f"{host}:{port}",
        "--workers",
        str(max(workers, 1)),
        "--access-logfile",
        "-",
    ]
    os.execv(sys.executable, arguments)  # noqa: S606  # our own interpreter, fixed arguments


def register(app: typer.Typer) -> None:
    app.command()(serve)
