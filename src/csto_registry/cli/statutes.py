"""Statute commands: treaty-term, article4."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from csto_registry.cli.output import emit_json
from csto_registry.cli.queries import Json, On, Org
from csto_registry.cli.runtime import day_option, django_ready, recordable, reports_errors


@reports_errors
def treaty_term(on: On = None, org: Org = None, as_json: Json = False) -> None:
    """Say whether the Treaty is in force on a day, and in which five-year term."""
    day = day_option(on)
    django_ready()
    from csto_registry.records.selectors.statutes import treaty_term_on_day

    result = treaty_term_on_day(day=day, organization=org)
    if as_json:
        emit_json(result)
        return
    if result["in_force"]:
        text = (
            f"On {day} the Treaty is in force: term {result['term']}, {result['start']} to {result['end']} (exclusive)"
        )
    else:
        text = f"On {day} the Treaty is not in force"
    Console().print(f"{text}; {escape(result['basis'])}.", highlight=False)


@reports_errors
def article4(
    victim: Annotated[str, typer.Option("--victim", help="The state attacked (ISO alpha-3, e.g. KAZ).")],
    on: On = None,
    aggressor: Annotated[str | None, typer.Option("--aggressor", help="The aggressor state, if known.")] = None,
    org: Org = None,
    as_json: Json = False,
) -> None:
    """Assess an aggression against a state under Article 4 of the Treaty: does it apply, who is obliged."""
    day = day_option(on)
    django_ready()
    from csto_registry.records.selectors.statutes import article4_on

    result = article4_on(victim=victim, day=day, aggressor=aggressor, organization=org)
    if as_json:
        emit_json(result)
        return
    console = Console()
    verdict = "applies" if result["applies"] else "does not apply"
    console.print(f"[bold]Article 4 {verdict}[/] to an aggression against {victim} on {day}.", highlight=False)
    if result["obligated"]:
        console.print(f"Obliged to assist: {', '.join(result['obligated'])}", highlight=False)
    if result["possibly_obligated"]:
        console.print(f"Possibly obliged: {', '.join(result['possibly_obligated'])}", highlight=False)
    for reason in result["reasons"]:
        console.print(f"- {escape(reason)}", highlight=False)
    for step in result["procedure"]:
        console.print(f"Then: {escape(step)}", highlight=False)


@reports_errors
def consensus(
    positions: Annotated[
        list[str], typer.Argument(metavar="STATE=POSITION...", help="Positions: agree, object, abstain or absent.")
    ],
    on: On = None,
    org: Org = None,
    as_json: Json = False,
) -> None:
    """Decide whether a draft is adopted by consensus of the members in good standing on a day."""
    from csto_registry.records.errors import InvalidInput

    day = day_option(on)
    parsed = {}
    for item in positions:
        state, _, position = item.partition("=")
        if not position:
            raise InvalidInput(f"{item!r}: expected STATE=POSITION, such as ARM=agree")
        parsed[state] = position
    django_ready()
    from csto_registry.records.selectors.statutes import consensus_on

    result = consensus_on(day=day, positions=parsed, organization=org)
    if as_json:
        emit_json(result)
        return
    verdict = "adopted" if result["adopted"] else "not adopted"
    Console().print(f"[bold]{verdict}[/] by the members on {day}: {', '.join(result['members'])}", highlight=False)
    for reason in result["reasons"]:
        Console().print(f"- {escape(reason)}", highlight=False)


@reports_errors
def peacekeeping(
    outside: Annotated[
        bool, typer.Option("--outside/--inside", help="Beyond the area of responsibility, or inside it.")
    ] = False,
    council_decision: Annotated[bool, typer.Option("--council-decision", help="The Council has decided.")] = False,
    un_mandate: Annotated[
        bool, typer.Option("--un-mandate", help="The UN Security Council has given a mandate.")
    ] = False,
    as_json: Json = False,
) -> None:
    """Say which authorization a deployment of the Peacekeeping Forces needs, and whether it has it."""
    django_ready()
    from csto_registry.records.selectors.statutes import peacekeeping_on

    result = peacekeeping_on(outside=outside, council_decision=council_decision, un_mandate=un_mandate)
    if as_json:
        emit_json(result)
        return
    state = "may proceed" if result["lawful"] else f"lacks: {', '.join(result['missing'])}"
    Console().print(f"{result['reason']}; the deployment {state}.", highlight=False)


def register(app: typer.Typer) -> None:
    app.command("treaty-term")(recordable(treaty_term))
    app.command()(recordable(article4))
    app.command()(consensus)
    app.command()(peacekeeping)
