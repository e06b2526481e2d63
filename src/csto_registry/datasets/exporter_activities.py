"""Exporting forces, exercises, operations, programmes and cases (the exporter's second half)."""

from __future__ import annotations

from typing import Any

from csto_registry.records.models import Case, Exercise, Figure, Force, Operation, Organization, Programme
from csto_registry.records.models.restricted import PUBLIC
from csto_registry.records.selectors.common import source_map


def drop_empty(record: dict[str, Any]) -> dict[str, Any]:
    """Leave out the keys a dataset file omits when they have no value."""
    return {k: v for k, v in record.items() if v not in (None, "", [], {}, False)}


def access_of(record: Any) -> str | None:
    """A record's access level as the dataset format writes it: left out when public, the default."""
    return None if record.access == PUBLIC else record.access


def _number(value: Any) -> int | float:
    return int(value) if value == int(value) else float(value)


def _owner(figure: Figure) -> tuple[str, int]:
    if figure.operation_id:
        return "operation", figure.operation_id
    if figure.force_id:
        return "force", figure.force_id
    return "programme", figure.programme_id  # a figure has one owner


def figure_dict(figure: Figure, sources: list[Any]) -> dict[str, Any]:
    """A figure as the dataset format writes it."""
    record = {
        "measure": figure.measure,
        "unit": figure.unit,
        "value": _number(figure.value),
        "qualifier": figure.qualifier,
        "period": figure.period,
        "access": access_of(figure),
        "sources": sources,
    }
    return drop_empty(record)


def activities_document(root: Organization) -> dict[str, list[dict[str, Any]]]:
    """Return the forces, exercises, operations, programmes and cases of a dataset, as the format writes them."""
    figures = list(
        Figure.objects.filter(operation__dataset=root)
        | Figure.objects.filter(force__dataset=root)
        | Figure.objects.filter(programme__dataset=root)
    )
    figure_sources = source_map(Figure, pk__in=[f.pk for f in figures])
    by_owner: dict[tuple[str, int], list[Figure]] = {}
    for figure in sorted(figures, key=lambda f: (f.position, f.pk)):
        owner = (
            ("operation", figure.operation_id)
            if figure.operation_id
            else ("force", figure.force_id)
            if figure.force_id
            else ("programme", figure.programme_id)
        )
        by_owner.setdefault(owner, []).append(figure)

    def plain(kind: str, pk: int) -> list[dict[str, Any]]:
        return [figure_dict(f, figure_sources.get(f.pk, [])) for f in by_owner.get((kind, pk), []) if not f.contingent]

    def temporal(record: Any) -> dict[str, Any]:
        return {"from": record.start, "until": record.end, "attested": list(record.attested)}

    forces = list(Force.objects.filter(dataset=root).prefetch_related("states"))
    force_sources = source_map(Force, dataset=root)
    exercises = list(Exercise.objects.filter(dataset=root).select_related("host", "force").prefetch_related("states"))
    exercise_sources = source_map(Exercise, dataset=root)
    operations = list(
        Operation.objects.filter(dataset=root).select_related("coordinator").prefetch_related("basis", "figures__state")
    )
    operation_sources = source_map(Operation, dataset=root)
    programmes = list(Programme.objects.filter(dataset=root).select_related("producer"))
    programme_sources = source_map(Programme, dataset=root)
    cases = list(
        Case.objects.filter(dataset=root).select_related("victim", "appeal_by", "decision", "session", "mission")
    )
    case_sources = source_map(Case, dataset=root)
    return {
        "forces": [
            drop_empty(
                {
                    "id": f.slug,
                    "name": f.name,
                    "abbr": f.abbr,
                    "kind": f.kind,
                    "region": f.region,
                    "states": [s.code for s in f.states.all()],
                    **temporal(f),
                    "strength": plain("force", f.pk),
                    "access": access_of(f),
                    "sources": force_sources.get(f.pk, []),
                }
            )
            for f in forces
        ],
        "exercises": [
            drop_empty(
                {
                    "id": e.slug,
                    "name": e.name,
                    "date": e.date,
                    "host": e.host.code if e.host else None,
                    "states": [s.code for s in e.states.all()],
                    "force": e.force.slug if e.force else None,
                    "access": access_of(e),
                    "sources": exercise_sources.get(e.pk, []),
                }
            )
            for e in sorted(exercises, key=lambda e: e.position)
        ],
        "operations": [
            drop_empty(
                {
                    "id": o.slug,
                    "name": o.name,
                    "kind": o.kind,
                    "coordinator": o.coordinator.slug if o.coordinator else None,
                    "basis": [i.slug for i in o.basis.all()],
                    **temporal(o),
                    "times": o.times,
                    "figures": plain("operation", o.pk),
                    "contingents": [
                        {
                            "state": f.state.code if f.state else None,
                            "strength": figure_dict(f, figure_sources.get(f.pk, [])),
                        }
                        for f in by_owner.get(("operation", o.pk), [])
                        if f.contingent
                    ],
                    "access": access_of(o),
                    "sources": operation_sources.get(o.pk, []),
                }
            )
            for o in operations
        ],
        "programmes": [
            drop_empty(
                {
                    "id": p.slug,
                    "kind": p.kind,
                    "name": p.name,
                    "date": p.date,
                    "producer": p.producer.slug if p.producer else None,
                    "figures": plain("programme", p.pk),
                    "access": access_of(p),
                    "sources": programme_sources.get(p.pk, []),
                }
            )
            for p in programmes
        ],
        "cases": [_case(c, case_sources.get(c.pk, [])) for c in cases],
    }


def _case(case: Case, sources: list[Any]) -> dict[str, Any]:
    steps = case.step_sources
    appeal = drop_empty(
        {
            "date": steps.get("appeal_date"),
            "by": case.appeal_by.slug if case.appeal_by else None,
            "sources": steps.get("appeal"),
        }
    )
    decision = drop_empty(
        {
            "date": case.decision_date,
            "instrument": case.decision.slug if case.decision else None,
            "session": case.session.slug if case.session else None,
            "sources": steps.get("decision"),
        }
    )
    record = {
        "id": case.slug,
        "victim": case.victim.code,
        "opened": case.opened,
        "summary": case.summary,
        "appeal": appeal,
        "decision": decision,
        "mission": case.mission.slug if case.mission else None,
        "closed": case.closed,
        "access": access_of(case),
        "sources": sources,
    }
    return drop_empty(record)
