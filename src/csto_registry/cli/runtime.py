"""What every command needs: Django set up, the database ready, errors as one line."""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import functools
import getpass
import inspect
import os
import sys
from collections.abc import Callable
from typing import Annotated, ParamSpec, TypeVar

import typer

P = ParamSpec("P")
R = TypeVar("R")

# The --as-recorded a read command was given (`recordable`), and the read as recorded it opened (`django_ready`).
_AS_RECORDED: contextvars.ContextVar[str | None] = contextvars.ContextVar("cli_as_recorded", default=None)
_RECORDED = contextlib.ExitStack()
AS_RECORDED_HELP = (
    "Answer as the registry recorded it at an earlier revision: its number (csto revisions lists them) "
    "or a time, YYYY-MM-DDTHH:MM (UTC)."
)


def django_ready(*, records_only: bool = False, lang: str | None = None) -> None:
    """Set Django up, then create the database with the built-in dataset on first use.

    With `records_only` (a read command that needs nothing but the records) only the records' apps
    are loaded, and the schema is taken as current when every migration on disk is recorded,
    without Django planning them. Where Django is already set up (the tests), it stays as it is. With
    `lang`, the tables' headings, titles and words (certainty, status) are written in that language,
    from the site's catalog.
    """
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "csto_registry.config.settings")
    import django
    from django.apps import apps

    if records_only and not apps.ready:
        os.environ["CSTO_APPS"] = "records"
        try:
            django.setup()
        finally:
            del os.environ["CSTO_APPS"]  # for this process's settings only, never a child's
    else:
        django.setup()
    from csto_registry.datasets.builtin import database_ensure

    database_ensure()
    recorded = _AS_RECORDED.get()
    if recorded is not None:
        from csto_registry.records.history import records_as_recorded
        from csto_registry.records.revision import AS_RECORDED

        if AS_RECORDED.get() is None:  # a second django_ready in the same command reads on in the same one
            _RECORDED.enter_context(records_as_recorded(recorded))
    if lang is not None:
        from django.utils import translation

        translation.activate(lang)


def recordable(command: Callable[..., R]) -> Callable[..., R]:
    """Give a read command `--as-recorded REV|YYYY-MM-DDTHH:MM`: its answer as the registry recorded it then.

    The read is made at that revision (records.history.records_as_recorded) from the moment the command
    sets Django up (`django_ready`) to its end: the same selectors, the same output, of that revision.
    """
    signature = inspect.signature(command, eval_str=True)
    option = inspect.Parameter(
        "as_recorded",
        inspect.Parameter.KEYWORD_ONLY,
        default=None,
        annotation=Annotated[
            str | None, typer.Option("--as-recorded", help=AS_RECORDED_HELP, show_default=False, metavar="REV")
        ],
    )

    @functools.wraps(command)
    def wrapper(*args: object, as_recorded: str | None = None, **kwargs: object) -> R:
        token = _AS_RECORDED.set(as_recorded)
        try:
            return command(*args, **kwargs)
        finally:
            _AS_RECORDED.reset(token)
            _RECORDED.close()

    wrapper.__signature__ = signature.replace(  # type: ignore[attr-defined]
        parameters=[*signature.parameters.values(), option]
    )
    return wrapper


def actor() -> str:
    """Who the audit trail names for a command: CSTO_ACTOR, or the system user."""
    return os.environ.get("CSTO_ACTOR") or f"cli:{getpass.getuser()}"


def fail(message: str) -> typer.Exit:
    """Print one line on stderr and return the exit that says the input was at fault."""
    sys.stderr.write(f"csto: {message}\n")
    return typer.Exit(code=2)


def reports_errors(command: Callable[P, R]) -> Callable[P, R]:
    """Turn the registry's refusals and database failures into one line on stderr and exit code 2."""

    @functools.wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        from django.core.exceptions import ImproperlyConfigured
        from django.db import DatabaseError

        from csto_registry.records.errors import BUSY_MESSAGE, RegistryError, database_busy

        try:
            return command(*args, **kwargs)
        except RegistryError as error:
            raise fail(str(error)) from None
        except ImproperlyConfigured as error:
            raise fail(f"configuration: {error}") from None
        except DatabaseError as error:
            if database_busy(error):
                raise fail(f"database: {BUSY_MESSAGE}") from None
            first_line = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
            raise fail(f"database: {first_line}") from None
        except OSError as error:
            # A file to read or write: missing, a folder, a name too long, no permission.
            where = error.filename if error.filename is not None else "file"
            raise fail(f"{where}: {error.strerror or error}") from None

    return wrapper


def day_option(value: str | None) -> dt.date:
    """Read a --on value (YYYY-MM-DD); none means today (UTC)."""
    from csto_registry.records.errors import InvalidInput
    from csto_registry.timeline import TimelineError, parse_day

    if value is None:
        return dt.datetime.now(dt.UTC).date()
    try:
        return parse_day(value)
    except TimelineError as error:
        raise InvalidInput(f"--on {error}") from None


def lang_option(value: str) -> str:
    """Read a --lang value."""
    from csto_registry.records.errors import InvalidInput

    if value not in ("en", "ru"):
        raise InvalidInput(f"--lang {value!r}: expected en or ru")
    return value
