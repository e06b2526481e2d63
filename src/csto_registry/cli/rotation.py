"""Rotation commands: chair, rotation."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console

from csto_registry.cli.output import emit_json
from csto_registry.cli.queries import Json, Org
from csto_registry.cli.runtime import django_ready, recordable, reports_errors

rotation_app = typer.Typer(help="Who comes next by the rotation.", no_args_is_help=True)


@reports_errors
def chair(
    year: Annotated[int, typer.Option("--year", help="The year.")],
    org: Org = None,
    as_json: Json = False,
) -> None:
    """Say which state chairs the Collective Security Council in a year: recorded, or by the rotation."""
    django_ready()
    from csto_registry.records.selectors.rotation import chair_of_year

    result = chair_of_year(year=year, organization=org)
    if as_json:
        emit_json(result)
        return
    how = {
        "recorded": "as recorded",
        "rotation": f"by the rotation from the chair recorded for {result['anchor']}",
        "none": "no chairmanship is recorded to project the rotation from",
    }[result["basis"]]
    Console().print(f"{year}: {result['state'] or 'unknown'} ({how})", highlight=False)


@rotation_app.command("secretary-general")
@recordable
@reports_errors
def secretary_general(org: Org = None, as_json: Json = False) -> None:
    """Give the next Secretary General's state and term by the rotation."""
    django_ready()
    from csto_registry.records.selectors.rotation import secretary_general_rotation

    result = secretary_general_rotation(organization=org)
    if as_json:
        emit_json(result)
        return
    nxt = result["next"]
    Console().print(
        f"After {result['last']['person']} ({result['last']['state']}): a citizen of {nxt['state']}, "
        f"{nxt['start']} to {nxt['end']}",
        highlight=False,
    )


def register(app: typer.Typer) -> None:
    app.command()(recordable(chair))
    app.add_typer(rotation_app, name="rotation")
