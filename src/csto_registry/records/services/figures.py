"""Writes of figures: a member state's delegation submits its figures for a joint operation."""

from __future__ import annotations

import datetime as dt
from typing import Any

from csto_registry.records.access import Levels, access_level_check
from csto_registry.records.errors import NotFound, Refused
from csto_registry.records.models import Figure, Operation, State
from csto_registry.records.models.restricted import PUBLIC
from csto_registry.records.revision import write_transaction
from csto_registry.records.rules import rule_figure
from csto_registry.records.selectors.common import readable
from csto_registry.records.selectors.statutes import standing_on
from csto_registry.records.services.audit import audit_append


@write_transaction
def figure_submit(
    *,
    operation: str,
    state: str,
    measure: str,
    unit: str,
    value: str,
    qualifier: str,
    period: str | None,
    actor: str,
    day: dt.date,
    access: str = PUBLIC,
    levels: Levels = None,
) -> dict[str, Any]:
    """Record a figure a member state's delegation submits for an operation (a period's aggregate).

    Refused for a state that is not a member in good standing on `day`.
    Only aggregate numbers are accepted: a figure is a count, an amount or a weight. The
    operation must be one the writer may read (`levels`); `access` says who may read the figure.
    """
    found = readable(Operation.objects.filter(slug=operation), levels).first()
    if found is None:
        raise NotFound(f"no operation {operation!r} (see `csto operations` for the ids)")
    state_obj = State.objects.filter(code=state).first()
    if state_obj is None:
        raise NotFound(f"no state {state!r} (an ISO 3166-1 alpha-3 code, such as KAZ)")
    access = access_level_check(access, record=f"figure of {state} for {operation}", within=(found.access,))
    if state not in standing_on(day=day, organization=found.dataset.slug):
        raise Refused(f"{state} is not a member state in good standing on {day}: its figures are refused")
    measure, unit, number, qualifier, period = rule_figure(
        measure=measure, unit=unit, value=value, qualifier=qualifier, period=period,
        qualifiers=frozenset(Figure.Qualifier.values),
    )  # fmt: skip
    figure = Figure.objects.create(
        operation=found,
        state=state_obj,
        measure=measure,
        unit=unit,
        value=number,
        qualifier=qualifier,
        period=period,
        position=found.figures.count(),
        access=access,
    )
    figure.full_clean()
    after = {
        "operation": operation,
        "state": state,
        "measure": measure,
        "unit": unit,
        "value": str(number),
        "qualifier": qualifier,
        "period": period or None,
        "access": access,
    }
    audit_append(actor=actor, action="figure.submit", record=f"operation:{operation}", after=after)
    return after
