"""Workflow commands: sessions, session plan, draft, position, adopt, case ..., audit."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from typer.core import TyperGroup

from csto_registry.cli.output import emit, emit_json
from csto_registry.cli.queries import Json, Lang, On, Org
from csto_registry.cli.runtime import actor, day_option, django_ready, lang_option, recordable, reports_errors

Version = Annotated[
    int | None, typer.Option("--version", help="Refuse the change if the record is no longer at this version.")
]


session_app = typer.Typer(help="Plan sessions.", no_args_is_help=True)
draft_app = typer.Typer(help="Draft decisions.", no_args_is_help=True)
audit_app = typer.Typer(help="The audit trail.", no_args_is_help=True)


class CaseGroup(TyperGroup):
    """`csto case ID` shows a case; `csto case open|assess|decide|mission|close ...` runs a step."""

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        if args and args[0] not in self.commands and not args[0].startswith("-"):
            args = ["show", *args]
        return super().resolve_command(ctx, args)


case_app = typer.Typer(cls=CaseGroup, help="Crisis-response cases: show one, or run a step.", no_args_is_help=True)


def _print(result: dict[str, Any], as_json: bool, line: str) -> None:
    if as_json:
        emit_json(result)
    else:
        Console().print(line, highlight=False)


@reports_errors
def sessions(
    body: Annotated[str | None, typer.Option("--body", help="Only this body's sessions, such as csc.")] = None,
    year: Annotated[int | None, typer.Option("--year", help="Only this year's sessions.")] = None,
    ics: Annotated[Path | None, typer.Option("--ics", help="Also write them to an iCalendar file.")] = None,
    org: Org = None,
    as_json: Json = False,
    lang: Lang = "en",
) -> None:
    """List the sessions of the bodies (and export them as iCalendar)."""
    lang = lang_option(lang)
    django_ready()
    from csto_registry.records.selectors.sessions import session_list, sessions_ics

    rows = session_list(body=body, year=year, organization=org, lang=lang)
    if ics is not None:
        ics.write_bytes(sessions_ics(rows, lang=lang))
    columns = [
        ("id", "Id"),
        ("start", "Start"),
        ("place", "Place"),
        ("state", "Host"),
        ("chair", "Chair"),
        ("kind", "Kind"),
        ("videoconference", "By video"),
    ]
    emit(rows, as_json=as_json, title="Sessions", columns=columns)


@session_app.command("plan")
@reports_errors
def session_plan(
    body: Annotated[str, typer.Option("--body", help="The body, such as csc.")],
    year: Annotated[int, typer.Option("--year", help="The year of the session.")],
    org: Org = None,
    as_json: Json = False,
) -> None:
    """Record a planned session, chaired and hosted by the state the rotation gives."""
    django_ready()
    from csto_registry.records.services.proceedings import session_plan as plan

    result = plan(body=body, year=year, actor=actor(), organization=org)
    _print(result, as_json, f"Planned {result['id']}: chaired and hosted by {result['chair']} ({result['basis']}).")


@draft_app.command("create")
@reports_errors
def draft_create(
    body: Annotated[str, typer.Option("--body", help="The body that will decide, such as csc.")],
    title: Annotated[str, typer.Option("--title", help="The draft's title in English.")],
    title_ru: Annotated[str | None, typer.Option("--title-ru", help="The title in Russian.")] = None,
    session: Annotated[str | None, typer.Option("--session", help="The session that will consider it.")] = None,
    org: Org = None,
    as_json: Json = False,
) -> None:
    """Create a draft decision (the Secretariat's step)."""
    django_ready()
    from csto_registry.records.services.proceedings import decision_draft

    result = decision_draft(body=body, title=title, title_ru=title_ru, session=session, actor=actor(), organization=org)
    _print(result, as_json, f"Drafted {result['id']}.")


@draft_app.command("show")
@recordable
@reports_errors
def draft_show(slug: Annotated[str, typer.Argument(metavar="ID")], as_json: Json = False) -> None:
    """Show a draft or decision with the positions recorded on it."""
    django_ready()
    from csto_registry.records.selectors.decisions import decision_detail

    result = decision_detail(slug=slug)
    positions = ", ".join(f"{k}={v}" for k, v in result["positions"].items()) or "none"
    _print(result, as_json, f"{result['id']} ({result['status']}, version {result['version']}): {positions}")


@reports_errors
def position(
    draft: Annotated[str, typer.Argument(metavar="DRAFT", help="The draft's id.")],
    state: Annotated[str, typer.Option("--state", help="The delegation's state.")],
    value: Annotated[str, typer.Option("--position", help="agree, object or abstain.")],
    on: On = None,
    version: Version = None,
    as_json: Json = False,
) -> None:
    """Record a member state's position on a draft (refused for a state not in good standing)."""
    day = day_option(on)
    django_ready()
    from csto_registry.records.services.proceedings import position_record

    result = position_record(decision=draft, state=state, value=value, actor=actor(), day=day, expected_version=version)
    _print(result, as_json, f"{state}: {value} on {draft} (version {result['version']}).")


@reports_errors
def adopt(
    draft: Annotated[str, typer.Argument(metavar="DRAFT", help="The draft's id.")],
    on: On = None,
    version: Version = None,
    as_json: Json = False,
) -> None:
    """Adopt a draft by consensus of the members in good standing; refused, with reasons, without it."""
    day = day_option(on)
    django_ready()
    from csto_registry.records.services.proceedings import decision_adopt

    result = decision_adopt(decision=draft, actor=actor(), day=day, expected_version=version)
    _print(result, as_json, f"Adopted {draft} as {result['number']} (instrument {result['instrument']}).")


@case_app.command("show")
@recordable
@reports_errors
def case_show(slug: Annotated[str, typer.Argument(metavar="ID")], as_json: Json = False, lang: Lang = "en") -> None:
    """Show a crisis-response case with its Article 4 assessment."""
    from csto_registry.cli.activities import case

    case(slug=slug, as_json=as_json, lang=lang)


@case_app.command("open")
@reports_errors
def case_open(
    victim: Annotated[str, typer.Option("--victim", help="The state that appeals (ISO alpha-3).")],
    date: Annotated[str, typer.Option("--date", help="The day of the appeal, YYYY-MM-DD.")],
    summary: Annotated[str, typer.Option("--summary", help="What happened, in a sentence.")],
    org: Org = None,
    as_json: Json = False,
) -> None:
    """Open a case on a member state's appeal."""
    day = day_option(date)
    django_ready()
    from csto_registry.records.services.cases import case_open as open_case

    result = open_case(victim=victim, day=day, summary=summary, actor=actor(), organization=org)
    _print(result, as_json, f"Opened {result['id']}.")


@case_app.command("assess")
@reports_errors
def case_assess(slug: Annotated[str, typer.Argument(metavar="ID")], as_json: Json = False) -> None:
    """Assess a case under Article 4 of the Treaty (computed by the statute)."""
    django_ready()
    from csto_registry.records.services.cases import case_assess as assess

    result = assess(case=slug, actor=actor())
    verdict = "applies" if result["assessment"]["applies"] else "does not apply"
    _print(result, as_json, f"{slug}: Article 4 {verdict}. " + " ".join(result["assessment"]["reasons"]))


@case_app.command("decide")
@reports_errors
def case_decide(
    slug: Annotated[str, typer.Argument(metavar="ID")],
    decision: Annotated[str, typer.Option("--decision", help="The Council's adopted decision (its id).")],
    as_json: Json = False,
) -> None:
    """Attach the Council's adopted decision (refused where Article 4 does not apply)."""
    django_ready()
    from csto_registry.records.services.cases import case_decide as decide

    result = decide(case=slug, decision=decision, actor=actor())
    _print(result, as_json, f"{slug}: decided by {result['decision']['instrument']}.")


@case_app.command("mission")
@reports_errors
def case_mission(
    slug: Annotated[str, typer.Argument(metavar="ID")],
    name: Annotated[str, typer.Option("--name", help="The mission's name.")],
    start: Annotated[str, typer.Option("--from", help="Its first day, YYYY-MM-DD.")],
    as_json: Json = False,
) -> None:
    """Send the mission the Council decided."""
    day = day_option(start)
    django_ready()
    from csto_registry.records.services.cases import case_mission as mission

    result = mission(case=slug, name=name, start=day, actor=actor())
    _print(result, as_json, f"{slug}: mission {result['mission']} from {day}.")


@case_app.command("close")
@reports_errors
def case_close(
    slug: Annotated[str, typer.Argument(metavar="ID")],
    date: Annotated[str, typer.Option("--date", help="The day it ends, YYYY-MM-DD.")],
    as_json: Json = False,
) -> None:
    """Close a case (its mission ends that day)."""
    day = day_option(date)
    django_ready()
    from csto_registry.records.services.cases import case_close as close

    result = close(case=slug, day=day, actor=actor())
    _print(result, as_json, f"{slug}: closed on {day}.")


@audit_app.command("verify")
@reports_errors
def audit_verify(as_json: Json = False) -> None:
    """Check that no entry of the audit trail was edited or deleted (exit 1 if one was)."""
    django_ready()
    from csto_registry.records.services.audit import audit_verify as verify

    problems = verify()
    if as_json:
        emit_json({"intact": not problems, "problems": problems})
    else:
        for problem in problems:
            typer.echo(f"broken: {problem}")
        typer.echo("The audit trail is intact." if not problems else f"{len(problems)} break(s) in the audit trail.")
    if problems:
        raise typer.Exit(code=1)


@audit_app.command("log")
@reports_errors
def audit_log(
    limit: Annotated[int, typer.Option("--limit", help="How many of the latest entries.")] = 20,
    as_json: Json = False,
) -> None:
    """Show the latest entries of the audit trail."""
    django_ready()
    from csto_registry.records.services.audit import audit_entries

    rows = audit_entries(limit=limit)
    columns = [("id", "#"), ("at", "When"), ("actor", "Who"), ("action", "What"), ("record", "Record")]
    emit(rows, as_json=as_json, title="Audit trail", columns=columns)


def register(app: typer.Typer) -> None:
    app.command()(recordable(sessions))
    app.add_typer(session_app, name="session")
    app.add_typer(draft_app, name="draft")
    app.command()(position)
    app.command()(adopt)
    app.add_typer(case_app, name="case")
    app.add_typer(audit_app, name="audit")
