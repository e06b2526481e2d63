"""The record's revisions: `csto revisions` and `csto revision N`, read from the audit trail."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from csto_registry.cli.output import _, emit, emit_json, emit_table, gettext_noop
from csto_registry.cli.queries import Json
from csto_registry.cli.runtime import django_ready, reports_errors


def _what(row: dict[str, Any]) -> str:
    """A revision's writes in a line: how many records of each kind."""
    return ", ".join(f"{kind} {n}" for kind, n in row["kinds"].items())


@reports_errors
def revisions(
    limit: Annotated[int, typer.Option("--limit", help="How many of the latest revisions (at most 500).")] = 20,
    as_json: Json = False,
) -> None:
    """List the latest revisions of the record: each write's number, time, who made it and what it wrote."""
    django_ready(records_only=True)
    from csto_registry.records.selectors.revisions import revision_list

    rows = revision_list(limit=limit, full=True)  # the operator at the command line reads the audit trail
    columns = [
        ("revision", gettext_noop("Revision")),
        ("at", gettext_noop("When")),
        ("who", gettext_noop("Who")),
        ("what", gettext_noop("What")),
    ]
    shown = [r | {"who": ", ".join(r["actors"]), "what": _what(r)} for r in rows]
    emit(rows if as_json else shown, as_json=as_json, title=_("Revisions of the record"), columns=columns)


@reports_errors
def revision(
    number: Annotated[int, typer.Argument(help="The revision's number (see `csto revisions`).")],
    as_json: Json = False,
) -> None:
    """Show one revision: each record it added, changed or removed, and the fields it changed."""
    django_ready(records_only=True)
    from csto_registry.records.selectors.revisions import revision_detail

    found = revision_detail(number=number, full=True)
    if as_json:
        emit_json(found)
        return
    columns = [
        ("change", gettext_noop("Change")),
        ("record", gettext_noop("Record")),
        ("action", gettext_noop("Action")),
        ("fields", gettext_noop("Fields")),
        ("actor", gettext_noop("Who")),
    ]
    rows = [e | {"fields": ", ".join(e["fields"])} for e in found["entries"]]
    emit_table(_("Revision %(number)s, %(at)s") % {"number": number, "at": found["at"]}, columns, rows)


def register(app: typer.Typer) -> None:
    app.command()(revisions)
    app.command()(revision)
