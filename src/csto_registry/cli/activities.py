"""Activity commands: forces, exercises, operations, operation, programmes, cases, case."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape

from csto_registry.cli.output import (
    _,
    date_words,
    emit,
    emit_json,
    emit_table,
    figure_words,
    gettext_noop,
    state_names,
    word,
)
from csto_registry.cli.queries import Json, Lang, Org
from csto_registry.cli.runtime import django_ready, lang_option, recordable, reports_errors


@reports_errors
def forces(org: Org = None, as_json: Json = False, lang: Lang = "en") -> None:
    """List the forces of the Troops (Collective Forces) with their approximate strengths."""
    lang = lang_option(lang)
    django_ready(records_only=True, lang=lang)
    from csto_registry.records.selectors.activities import force_list

    rows = force_list(organization=org, lang=lang)
    if as_json:
        emit_json(rows)
        return
    names = state_names(lang)
    shown = [r | {"strength": figure_words(r["strength"]), "states": names.join(r["states"])} for r in rows]
    columns = [
        ("id", gettext_noop("Id")),
        ("name", gettext_noop("Name")),
        ("established", gettext_noop("Established")),
        ("strength", gettext_noop("Strength")),
        ("states", gettext_noop("States")),
    ]
    emit_table(_("Forces"), columns, shown)


@reports_errors
def exercises(
    year: Annotated[int | None, typer.Option("--year", help="Only the exercises of this year.")] = None,
    org: Org = None,
    as_json: Json = False,
    lang: Lang = "en",
) -> None:
    """List the joint exercises (of a year)."""
    lang = lang_option(lang)
    django_ready(records_only=True, lang=lang)
    from csto_registry.records.selectors.activities import exercise_list

    rows = exercise_list(year=year, organization=org, lang=lang)
    names = state_names(lang)
    shown = [r | {"states": names.join(r["states"]), "host": names.get(r["host"])} for r in rows]
    if as_json:
        emit_json(rows)
        return
    columns = [
        ("id", gettext_noop("Id")),
        ("name", gettext_noop("Name")),
        ("date", gettext_noop("Date")),
        ("host", gettext_noop("Host")),
        ("states", gettext_noop("States")),
    ]
    emit(
        shown,
        as_json=False,
        title=_("Exercises in %(year)s") % {"year": year} if year else _("Exercises"),
        columns=columns,
    )


@reports_errors
def operations(org: Org = None, as_json: Json = False, lang: Lang = "en") -> None:
    """List the operations and missions with their reported figures."""
    lang = lang_option(lang)
    django_ready(records_only=True, lang=lang)
    from csto_registry.records.selectors.activities import operation_list

    rows = operation_list(organization=org, lang=lang)
    if as_json:
        emit_json(rows)
        return
    shown = [
        {
            "id": r["id"],
            "name": r["name"],
            "kind": word("operation-kind", r["kind"]),
            "period": f"{date_words(r['period']['from'] or '?')} – {date_words(r['period']['until'] or '')}",
            "figures": "; ".join(f"{word('measure', f['measure'])}: {figure_words(f)}" for f in r["figures"]),
        }
        for r in rows
    ]
    columns = [
        ("id", gettext_noop("Id")),
        ("name", gettext_noop("Name")),
        ("kind", gettext_noop("Kind")),
        ("period", gettext_noop("Period")),
        ("figures", gettext_noop("Figures")),
    ]
    emit_table(_("Operations"), columns, shown)


@reports_errors
def operation(
    slug: Annotated[str, typer.Argument(metavar="ID", help="An operation's id, such as channel.")],
    as_json: Json = False,
    lang: Lang = "en",
) -> None:
    """Show an operation: its basis, figures and (for a mission) contingents."""
    lang = lang_option(lang)
    django_ready(records_only=True, lang=lang)
    from csto_registry.records.selectors.activities import operation_detail

    detail = operation_detail(slug=slug, lang=lang)
    if as_json:
        emit_json(detail)
        return
    console = Console()
    kind = word("operation-kind", detail["kind"])
    console.print(f"[bold]{escape(detail['name'])}[/] ({kind}, {detail['id']})", highlight=False)
    if detail["basis"]:
        console.print(_("Basis: %(basis)s") % {"basis": ", ".join(detail["basis"])}, highlight=False)
    rows = [
        f | {"figure": figure_words(f), "measure": word("measure", f["measure"])}
        for f in detail["figures"] + detail["contingents"]
    ]
    emit_table(
        _("Figures"),
        [
            ("measure", gettext_noop("Measure")),
            ("state", gettext_noop("State")),
            ("figure", gettext_noop("Figure")),
            ("period", gettext_noop("Period")),
            ("sources", gettext_noop("Source")),
        ],
        rows,
    )
    if detail["total_contingents"]:
        total = figure_words(detail["total_contingents"])
        console.print(_("Total of the contingents listed: %(total)s") % {"total": total}, highlight=False)


@reports_errors
def programmes(org: Org = None, as_json: Json = False, lang: Lang = "en") -> None:
    """List the other reported activity: training, documentaries, academic bodies, sports."""
    lang = lang_option(lang)
    django_ready(records_only=True, lang=lang)
    from csto_registry.records.selectors.activities import programme_list

    rows = programme_list(organization=org, lang=lang)
    if as_json:
        emit_json(rows)
        return
    shown = [r | {"figures": "; ".join(figure_words(f) for f in r["figures"])} for r in rows]
    emit_table(
        _("Programmes"),
        [
            ("id", gettext_noop("Id")),
            ("kind", gettext_noop("Kind")),
            ("name", gettext_noop("Name")),
            ("date", gettext_noop("Date")),
            ("figures", gettext_noop("Figures")),
        ],
        shown,
    )


def _case_lines(detail: dict[str, Any], lang: str) -> None:
    console = Console()
    console.print(f"[bold]{detail['id']}[/]: {escape(detail['summary'] or '')} ({detail['status']})", highlight=False)
    appeal = detail["appeal"]
    console.print(
        _("Appeal: %(date)s by %(by)s") % {"date": appeal["date"], "by": appeal["by"] or "?"}, highlight=False
    )
    obliged = state_names(lang).join(detail["assessment"]["obligated"]) or "—"
    if detail["assessment"]["applies"]:
        console.print(_("Article 4 applies; obliged: %(states)s") % {"states": obliged}, highlight=False)
    else:
        console.print(_("Article 4 does not apply"), highlight=False)
    if detail["decision"]:
        decision = {"date": detail["decision"]["date"], "instrument": detail["decision"]["instrument"]}
        console.print(_("Decision: %(date)s (%(instrument)s)") % decision, highlight=False)
    if detail["mission"]:
        console.print(_("Mission: %(mission)s") % {"mission": detail["mission"]}, highlight=False)
    if detail["closed"]:
        console.print(_("Closed: %(date)s") % {"date": detail["closed"]}, highlight=False)


@reports_errors
def cases(org: Org = None, as_json: Json = False, lang: Lang = "en") -> None:
    """List the crisis-response cases."""
    lang = lang_option(lang)
    django_ready(records_only=True, lang=lang)
    from csto_registry.records.selectors.activities import case_list

    rows = case_list(organization=org, lang=lang)
    if as_json:
        emit_json(rows)
        return
    for row in rows:
        _case_lines(row, lang)


@reports_errors
def case(
    slug: Annotated[str, typer.Argument(metavar="ID", help="A case's id, such as kazakhstan-2022.")],
    as_json: Json = False,
    lang: Lang = "en",
) -> None:
    """Show a crisis-response case with its Article 4 assessment."""
    lang = lang_option(lang)
    django_ready(records_only=True, lang=lang)
    from csto_registry.records.selectors.activities import case_detail

    detail = case_detail(slug=slug, lang=lang)
    if as_json:
        emit_json(detail)
    else:
        _case_lines(detail, lang)


figures_app = typer.Typer(help="Figures member states submit for joint operations.", no_args_is_help=True)


@figures_app.command("submit")
@reports_errors
def figures_submit(
    operation: Annotated[str, typer.Option("--operation", help="The operation, such as channel.")],
    state: Annotated[str, typer.Option("--state", help="The submitting member state.")],
    measure: Annotated[str, typer.Option("--measure", help="What is counted, such as drugs-seized.")],
    unit: Annotated[str, typer.Option("--unit", help="Its unit, such as t or cases.")],
    value: Annotated[str, typer.Option("--value", help="The number.")],
    qualifier: Annotated[str, typer.Option("--qualifier", help="exact, at-least, more-than or about.")] = "exact",
    period: Annotated[str | None, typer.Option("--period", help="The period it covers (EDTF).")] = None,
    on: Annotated[str | None, typer.Option("--on", help="The day of submission (default: today).")] = None,
    as_json: Json = False,
) -> None:
    """Submit a member state's aggregate figure for a period of a joint operation."""
    from csto_registry.cli.runtime import actor, day_option

    day = day_option(on)
    django_ready()
    from csto_registry.records.services.figures import figure_submit

    result = figure_submit(
        operation=operation,
        state=state,
        measure=measure,
        unit=unit,
        value=value,
        qualifier=qualifier,
        period=period,
        actor=actor(),
        day=day,
    )
    if as_json:
        emit_json(result)
    else:
        Console().print(
            f"{state}: {measure} {figure_words(result | {'value': float(result['value'])})} on {operation}."
        )


def register(app: typer.Typer) -> None:
    app.add_typer(figures_app, name="figures")
    for command in (forces, exercises, operations, operation, programmes, cases):
        app.command()(recordable(command))
