"""The `csto` command: ask the registry about the organization on any day, and keep its data."""

from __future__ import annotations

import sys

import typer

from csto_registry.cli import activities, data, instruments, queries, rotation, serve, statutes, users, workflow

app = typer.Typer(
    name="csto",
    help="CSTO Registry: who, what and when in a collective-security organization, with sources.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
data.register(app)
queries.register(app)
statutes.register(app)
instruments.register(app)
rotation.register(app)
activities.register(app)
workflow.register(app)
users.register(app)
serve.register(app)


def main() -> None:
    """Run the CLI; an unexpected failure is one line on stderr, never a traceback."""
    try:
        app()
    except Exception as error:  # the last guard: a user never sees a traceback
        sys.stderr.write(f"csto: internal error: {type(error).__name__}: {error}\n")
        raise SystemExit(1) from None
