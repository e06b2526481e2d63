"""The `csto` command: ask the registry about the organization on any day, and keep its data."""

from __future__ import annotations

import sys

import typer

from csto_registry.cli import (
    activities,
    data,
    instruments,
    queries,
    revisions,
    rotation,
    serve,
    statutes,
    users,
    workflow,
)

app = typer.Typer(
    name="csto",
    help="CSTO Registry: who, what and when in a collective-security organization, with sources.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
data.register(app)
queries.register(app)
revisions.register(app)
statutes.register(app)
instruments.register(app)
rotation.register(app)
activities.register(app)
workflow.register(app)
users.register(app)
serve.register(app)


def main() -> None:
    """Run the CLI: a usage error is one line with exit code 2, an unexpected failure one line, never a traceback."""
    # Typer 0.29 (pinned) ships its own copy of click; its usage errors are these.
    from typer._click.exceptions import NoArgsIsHelpError, UsageError

    command = typer.main.get_command(app)
    try:
        code = command.main(args=sys.argv[1:], prog_name="csto", standalone_mode=False)
    except NoArgsIsHelpError as error:
        sys.stdout.write(error.format_message() + "\n")
        raise SystemExit(0) from None
    except UsageError as error:
        where = error.ctx.command_path if error.ctx is not None else "csto"
        message = " ".join(error.format_message().split())
        sys.stderr.write(f"{where}: {message} (see {where} --help)\n")
        raise SystemExit(2) from None
    except typer.Abort:
        sys.stderr.write("csto: aborted\n")
        raise SystemExit(1) from None
    except Exception as error:  # the last guard: a user never sees a traceback
        sys.stderr.write(f"csto: internal error: {type(error).__name__}: {error}\n")
        raise SystemExit(1) from None
    raise SystemExit(code if isinstance(code, int) else 0)
