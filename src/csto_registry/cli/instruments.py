"""Instrument and partner commands: instruments, instrument, partners, partner."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from csto_registry.cli.output import _, emit, emit_json, emit_table, gettext_noop, word
from csto_registry.cli.queries import Json, Lang, On, Org
from csto_registry.cli.runtime import day_option, django_ready, lang_option, recordable, reports_errors


@reports_errors
def instruments(
    on: On = None,
    show_all: Annotated[bool, typer.Option("--all", help="Every instrument, in force or not.")] = False,
    org: Org = None,
    as_json: Json = False,
    lang: Lang = "en",
) -> None:
    """List the instruments in force on a day (with --all: every instrument)."""
    day, lang = (None if show_all else day_option(on)), lang_option(lang)
    django_ready(records_only=True, lang=lang)
    from csto_registry.records.selectors.instruments import instrument_list_on

    rows = instrument_list_on(day=day, organization=org, lang=lang)
    if not as_json:
        rows = [r | {"kind": word("instrument-kind", r["kind"])} for r in rows]
    columns = [
        ("id", gettext_noop("Id")),
        ("kind", gettext_noop("Kind")),
        ("title", gettext_noop("Title")),
        ("certainty", gettext_noop("Certainty")),
        ("sources", gettext_noop("Source")),
    ]
    emit(
        rows,
        as_json=as_json,
        title=_("Instruments") if day is None else _("Instruments in force on %(day)s") % {"day": day},
        columns=columns,
    )


@reports_errors
def instrument(
    slug: Annotated[str, typer.Argument(metavar="ID", help="An instrument's id.")],
    as_json: Json = False,
    lang: Lang = "en",
) -> None:
    """Show an instrument: its parties, key articles and history."""
    lang = lang_option(lang)
    django_ready(records_only=True, lang=lang)
    from csto_registry.records.selectors.instruments import instrument_detail

    detail = instrument_detail(slug=slug, lang=lang)
    if as_json:
        emit_json(detail)
        return
    console = Console()
    kind = word("instrument-kind", detail["kind"])
    console.print(f"[bold]{escape(detail['title'])}[/] ({kind}, {detail['id']})", highlight=False)
    if detail["parties"]:
        console.print(_("Parties: %(parties)s") % {"parties": ", ".join(detail["parties"])}, highlight=False)
    force = detail["in_force"]
    if force["from"] or force["until"]:
        shown = {"from": force["from"] or "?", "until": force["until"] or "—"}
        console.print(_("In force: from %(from)s until %(until)s") % shown, highlight=False)
    for article in detail["articles"]:
        text = article["text"].get(lang) or article["text"]["en"]
        console.print(
            _("Article %(number)s: %(text)s") % {"number": article["number"], "text": escape(text)}, highlight=False
        )
    columns = [
        ("kind", gettext_noop("Event")),
        ("date", gettext_noop("Date")),
        ("state", gettext_noop("State")),
        ("place", gettext_noop("Place")),
        ("sources", gettext_noop("Source")),
    ]
    emit_table(_("History"), columns, [e | {"kind": word("EVENT", e["kind"])} for e in detail["events"]])


@reports_errors
def partners(org: Org = None, as_json: Json = False, lang: Lang = "en") -> None:
    """List the partner organizations and the instruments that bind each."""
    lang = lang_option(lang)
    django_ready(records_only=True, lang=lang)
    from csto_registry.records.selectors.instruments import partner_list

    rows = partner_list(organization=org, lang=lang)
    shown = [{**row, "instruments": ", ".join(row["instruments"])} for row in rows]
    if as_json:
        emit_json(rows)
    else:
        emit_table(
            _("Partners"),
            [
                ("id", gettext_noop("Id")),
                ("name", gettext_noop("Name")),
                ("parent", gettext_noop("Part of")),
                ("instruments", gettext_noop("Bound by")),
            ],
            shown,
        )


@reports_errors
def partner(
    slug: Annotated[str, typer.Argument(metavar="ID", help="A partner's id, such as un or sco.")],
    as_json: Json = False,
    lang: Lang = "en",
) -> None:
    """Show a partner organization and what binds it to the organization."""
    lang = lang_option(lang)
    django_ready(records_only=True, lang=lang)
    from csto_registry.records.selectors.instruments import partner_detail

    detail = partner_detail(slug=slug, lang=lang)
    if as_json:
        emit_json(detail)
        return
    Console().print(f"[bold]{escape(detail['name'])}[/] ({detail['id']})", highlight=False)
    emit_table(
        _("Instruments"),
        [("id", gettext_noop("Id")), ("kind", gettext_noop("Kind")), ("title", gettext_noop("Title"))],
        detail["instruments"],
    )


def register(app: typer.Typer) -> None:
    for command in (instruments, instrument, partners, partner):
        app.command()(recordable(command))
