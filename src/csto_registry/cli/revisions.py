"""The record's revisions: `csto revisions` and `csto revision N`, read from the audit trail."""

from __future__ import annotations

import re
from typing import Annotated, Any

import typer

from csto_registry.cli.output import _, emit, emit_json, emit_table, gettext_noop
from csto_registry.cli.queries import Json, Lang
from csto_registry.cli.runtime import django_ready, lang_option, reports_errors


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


# The commands that answer for a day (their --on); cited without one, they are cited with today's.
DAY_COMMANDS = frozenset({"members", "bodies", "holders", "who", "instruments"})
DAYLESS = ("--on", "--all", "--history")


@reports_errors
def cite(
    what: Annotated[
        list[str],
        typer.Argument(
            help="A page's address (/bodies/cmd/?on=2022-04-01) or a command (who cmd:RUS --on 2022-04-01)."
        ),
    ],
    base_url: Annotated[
        str, typer.Option("--base-url", help="The address the site is served at, for a page's address.")
    ] = "http://127.0.0.1:8000/",
    as_json: Json = False,
    lang: Lang = "en",
) -> None:
    """Print a citation of a page or a command's answer: what it is, the record's revision, and today.

    A command that answers for a day and names none is cited with today's (`--on`), so that the citation
    names the answer it was made from.
    """
    import datetime as dt
    import shlex

    lang = lang_option(lang)
    django_ready(records_only=True, lang=lang)
    from csto_registry.records.revision import revision_number

    today = dt.datetime.now(dt.UTC).date().isoformat()
    revision = revision_number()
    words = list(what)
    if words and (words[0].startswith("/") or "://" in words[0]):
        address = words[0] if "://" in words[0] else base_url.rstrip("/") + words[0]
        if revision is not None and not re.search(r"[?&](rev|as_recorded)=", address):
            address += ("&" if "?" in address else "?") + f"rev={revision}"
    else:
        if words and words[0] == "csto":
            words = words[1:]
        named = any(w == option or w.startswith(f"{option}=") for w in words for option in DAYLESS)
        if words and words[0] in DAY_COMMANDS and not named:
            words += ["--on", today]
        pinned = any(w == "--as-recorded" or w.startswith("--as-recorded=") for w in words)
        if revision is not None and not pinned and _recordable(words):
            words += ["--as-recorded", str(revision)]
        address = "csto " + shlex.join(words)
    text = _("CSTO Registry, record revision %(revision)s: %(address)s (retrieved %(today)s).") % {
        "revision": revision,
        "address": address,
        "today": today,
    }
    if as_json:
        emit_json({"revision": revision, "address": address, "retrieved": today, "citation": text})
    else:
        typer.echo(text)


def _recordable(words: list[str]) -> bool:
    """Whether the command these words name takes --as-recorded (a read of the record)."""
    from csto_registry.cli import app

    command: Any = typer.main.get_command(app)
    for word in words:
        group = getattr(command, "commands", None)  # a group of commands (Typer's own Click)
        if group is None:
            break
        command = group.get(word)
        if command is None:
            return False
    return any(param.name == "as_recorded" for param in command.params)


def register(app: typer.Typer) -> None:
    app.command()(revisions)
    app.command()(revision)
    # The cited command's options are its words (--on, --all...); cite's own --json, --lang and --base-url are
    # cite's: after `--`, every word is the cited command's (`csto cite -- members --json`).
    app.command(context_settings={"ignore_unknown_options": True})(cite)
