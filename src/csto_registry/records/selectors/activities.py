"""Reads of forces, exercises, operations, programmes and crisis-response cases."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from csto_registry.records.access import Levels, access_can_read
from csto_registry.records.errors import InvalidInput, NotFound
from csto_registry.records.models import Case, Exercise, Figure, Force, Operation, Programme
from csto_registry.records.selectors.common import name_in, readable, root_get, source_map
from csto_registry.records.selectors.statutes import article4_on
from csto_registry.statutes.figures import Qualifier, Quantity, UnitMismatch, figure_total
from csto_registry.timeline import edtf_span


def _number(value: Decimal) -> int | float:
    return int(value) if value == int(value) else float(value)


def _figure_rows(figures: list[Figure]) -> list[dict[str, Any]]:
    sources = source_map(Figure, pk__in=[f.pk for f in figures])
    return [
        {
            "measure": f.measure,
            "unit": f.unit,
            "value": _number(f.value),
            "qualifier": f.qualifier,
            "period": f.period or None,
            "state": f.state.code if f.state else None,
            "sources": sources.get(f.pk, []),
        }
        for f in figures
    ]


def _total(figures: list[Figure]) -> dict[str, Any] | None:
    try:
        total = figure_total(Quantity(f.value, Qualifier(f.qualifier), f.unit) for f in figures)
    except UnitMismatch:
        return None
    if total is None:
        return None
    return {"value": _number(total.value), "qualifier": total.qualifier.value, "unit": total.unit}


def _latest(figures: list[Figure]) -> list[Figure]:
    """Return the figures of the latest period (a figure without one is the earliest, as the seed gives it)."""
    if not figures:
        return []

    def start(figure: Figure) -> dt.date:
        return edtf_span(figure.period).first if figure.period else dt.date.min

    latest = max(start(f) for f in figures)
    return [f for f in figures if start(f) == latest]


def force_list(*, organization: str | None = None, lang: str = "en", levels: Levels = None) -> list[dict[str, Any]]:
    """Return the forces: {"id", "name", "kind", "established", "strength", "strengths", "states", "sources"}.

    `strength` is the total of the personnel figures of the latest period, its
    qualifier kept ("about"); `strengths` lists every figure with its period.
    """
    root = root_get(organization)
    forces = list(readable(Force.objects.filter(dataset=root), levels).prefetch_related("states", "figures__state"))
    sources = source_map(Force, dataset=root)
    rows = []
    for force in forces:
        figures = [f for f in force.figures.all() if access_can_read(levels, f.access)]
        rows.append(
            {
                "id": force.slug,
                "name": name_in(force.name, lang),
                "kind": force.kind,
                "established": force.start or None,
                "strength": _total(_latest([f for f in figures if f.unit == "people"])),
                "strengths": _figure_rows(figures),
                "states": [s.code for s in force.states.all()],
                "sources": sources.get(force.pk, []),
            }
        )
    return rows


def exercise_list(
    *, year: int | None = None, organization: str | None = None, lang: str = "en", levels: Levels = None
) -> list[dict[str, Any]]:
    """Return the exercises (of a year): {"id", "name", "year", "date", "host", "states", "force", "sources"}."""
    root = root_get(organization)
    exercises = (
        readable(Exercise.objects.filter(dataset=root), levels)
        .select_related("host", "force")
        .prefetch_related("states")
    )
    if year is not None:
        if not 1900 <= year <= 2200:
            raise InvalidInput(f"--year {year}: expected a year from 1900 to 2200")
        exercises = exercises.filter(day_min__lte=dt.date(year, 12, 31), day_max__gte=dt.date(year, 1, 1))
    rows = list(exercises)
    sources = source_map(Exercise, pk__in=[e.pk for e in rows])
    return [
        {
            "id": e.slug,
            "name": name_in(e.name, lang),
            "year": e.day_min.year if e.date and e.day_min.year == e.day_max.year else None,
            "date": e.date or None,
            "host": e.host.code if e.host else None,
            "states": [s.code for s in e.states.all()],
            "force": e.force.slug if e.force else None,
            "sources": sources.get(e.pk, []),
        }
        for e in rows
    ]


def _submitted(figures: list[Figure]) -> list[dict[str, Any]]:
    """Totals of the figures member states submitted, per measure and unit, qualifiers respected."""
    groups: dict[tuple[str, str], list[Figure]] = {}
    for figure in figures:
        groups.setdefault((figure.measure, figure.unit), []).append(figure)
    return [
        {
            "measure": measure,
            "unit": unit,
            "total": _total(group),
            "by_state": sorted({f.state.code for f in group if f.state}),
        }
        for (measure, unit), group in groups.items()
    ]


def _operation_row(operation: Operation, lang: str, sources: dict[int, list[Any]], levels: Levels) -> dict[str, Any]:
    figures = [f for f in operation.figures.all() if access_can_read(levels, f.access)]
    contingents = [f for f in figures if f.contingent]
    submitted = [f for f in figures if f.state_id and not f.contingent]
    return {
        "id": operation.slug,
        "name": name_in(operation.name, lang),
        "kind": operation.kind,
        "period": {"from": operation.start or None, "until": operation.end or None},
        "times": operation.times,
        "coordinator": operation.coordinator.slug if operation.coordinator else None,
        "basis": [i.slug for i in operation.basis.all() if access_can_read(levels, i.access)],
        "figures": _figure_rows([f for f in figures if not f.contingent and not f.state_id]),
        "submitted": _submitted(submitted),
        "contingents": _figure_rows(contingents),
        "total_contingents": _total(contingents),
        "sources": sources.get(operation.pk, []),
    }


def operation_list(*, organization: str | None = None, lang: str = "en", levels: Levels = None) -> list[dict[str, Any]]:
    """Return the operations: {"id", "name", "kind", "period", "figures", ...}."""
    root = root_get(organization)
    operations = readable(Operation.objects.filter(dataset=root), levels).select_related("coordinator")
    operations = operations.prefetch_related("basis", "figures__state")
    sources = source_map(Operation, dataset=root)
    return [_operation_row(o, lang, sources, levels) for o in operations]


def operation_detail(*, slug: str, lang: str = "en", levels: Levels = None) -> dict[str, Any]:
    """Return one operation with its figures, contingents and their total."""
    operation = readable(Operation.objects.filter(slug=slug), levels).select_related("coordinator").first()
    if operation is None:
        raise NotFound(f"no operation {slug!r} (see `csto operations` for the ids)")
    return _operation_row(operation, lang, source_map(Operation, pk=operation.pk), levels)


def programme_list(*, organization: str | None = None, lang: str = "en", levels: Levels = None) -> list[dict[str, Any]]:
    """Return the programmes: {"id", "kind", "name", "date", "producer", "figures", "sources"}."""
    root = root_get(organization)
    programmes = list(
        readable(Programme.objects.filter(dataset=root), levels).select_related("producer").prefetch_related("figures")
    )
    sources = source_map(Programme, dataset=root)
    return [
        {
            "id": p.slug,
            "kind": p.kind,
            "name": name_in(p.name, lang),
            "date": p.date or None,
            "producer": p.producer.slug if p.producer else None,
            "figures": _figure_rows([f for f in p.figures.all() if access_can_read(levels, f.access)]),
            "sources": sources.get(p.pk, []),
        }
        for p in programmes
    ]


def case_detail_of(case: Case, lang: str = "en", levels: Levels = None) -> dict[str, Any]:
    """Return a case: {"id", "victim", "opened", "assessment", "decision", "mission", "status", "sources"}.

    The assessment is the Article 4 statute applied to the victim on the day of
    the appeal (computed, never stored by hand); a case assessed through the
    workflow keeps the assessment made then.
    """
    assessment = case.assessment or article4_on(victim=case.victim.code, day=edtf_span(case.opened).last)
    steps = case.step_sources
    return {
        "id": case.slug,
        "victim": case.victim.code,
        "opened": case.opened,
        "summary": name_in(case.summary, lang) if case.summary else None,
        "appeal": {
            "date": steps.get("appeal_date") or case.opened,
            "by": case.appeal_by.slug if case.appeal_by else None,
            "sources": steps.get("appeal", []),
        },
        "assessment": assessment,
        "decision": (
            {
                "date": case.decision_date or None,
                "instrument": case.decision.slug
                if case.decision and access_can_read(levels, case.decision.access)
                else None,
                "session": case.session.slug if case.session and access_can_read(levels, case.session.access) else None,
                "sources": steps.get("decision", []),
            }
            if case.decision_date or case.decision_id
            else None
        ),
        "mission": case.mission.slug if case.mission and access_can_read(levels, case.mission.access) else None,
        "closed": case.closed or None,
        "status": case.status,
        "sources": source_map(Case, pk=case.pk).get(case.pk, []),
    }


def case_list(*, organization: str | None = None, lang: str = "en", levels: Levels = None) -> list[dict[str, Any]]:
    """Return every case, as case_detail gives it."""
    root = root_get(organization)
    cases = readable(Case.objects.filter(dataset=root), levels)
    cases = cases.select_related("victim", "appeal_by", "decision", "session", "mission")
    return [case_detail_of(c, lang, levels) for c in cases]


def case_get(slug: str, levels: Levels = None) -> Case:
    """Return the case with this id (one the reader may not read is not found)."""
    case = (
        readable(Case.objects.filter(slug=slug), levels)
        .select_related("victim", "appeal_by", "decision", "session", "mission")
        .first()
    )
    if case is None:
        raise NotFound(f"no case {slug!r} (see `csto cases` for the ids)")
    return case


def case_detail(*, slug: str, lang: str = "en", levels: Levels = None) -> dict[str, Any]:
    """Return one case (see case_detail_of)."""
    return case_detail_of(case_get(slug, levels), lang, levels)
