"""Reading forces, exercises, operations, programmes and cases, with their figures."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from csto_registry.datasets.fields import Record
from csto_registry.records.errors import InvalidInput
from csto_registry.records.models import Case, Exercise, Figure, Force, Operation, Programme, Session
from csto_registry.records.rules import rule_figure
from csto_registry.timeline import EARLIEST, LATEST, edtf_span

if TYPE_CHECKING:
    from csto_registry.datasets.importer import _Loader

FIGURE_KEYS = frozenset({"access", "measure", "unit", "value", "qualifier", "period", "sources"})
FORCE_KEYS = frozenset(
    {"access", "id", "name", "abbr", "kind", "region", "states", "from", "until", "attested", "strength", "sources"}
)
EXERCISE_KEYS = frozenset({"access", "id", "name", "date", "host", "states", "force", "sources"})
OPERATION_KEYS = frozenset(
    {
        "access",
        "id",
        "name",
        "kind",
        "coordinator",
        "basis",
        "from",
        "until",
        "attested",
        "times",
        "figures",
        "contingents",
        "sources",
    }
)
CONTINGENT_KEYS = frozenset({"state", "strength", "sources"})
PROGRAMME_KEYS = frozenset({"access", "id", "kind", "name", "date", "producer", "figures", "sources"})
CASE_KEYS = frozenset(
    {"access", "id", "victim", "opened", "summary", "appeal", "decision", "mission", "closed", "sources"}
)
QUALIFIERS = frozenset(Figure.Qualifier.values)


def _optional_ref(loader: _Loader, record: Record, field: str, known: Mapping[str, Any]) -> int | None:
    return loader.ref(record, field, known) if record.data.get(field) else None


def _unique(loader: _Loader, record: Record, model: type, seen: set[str]) -> str:
    slug = record.slug("id")
    if slug in seen or model.objects.filter(slug=slug).exists():  # type: ignore[attr-defined]
        raise record.fail("id", "is defined twice")
    seen.add(slug)
    return slug


def _states(loader: _Loader, record: Record, field: str = "states") -> list[int]:
    value = record.data.get(field, [])
    if not isinstance(value, list):
        raise record.fail(field, "must be a list of state codes")
    for code in value:
        if code not in loader.states:
            raise record.fail(field, f"{code!r} names no state defined before it")
    return [loader.states[code] for code in value]


def _figures(loader: _Loader, record: Record, field: str, **owner: Any) -> list[tuple[Figure, list[Any]]]:
    value = record.data.get(field, [])
    if not isinstance(value, list):
        raise record.fail(field, "must be a list of figures")
    return [
        _figure(
            loader,
            Record(record.file, f"{record.where} {field}[{i}]", item if isinstance(item, Mapping) else {}),
            i,
            owner,
        )
        for i, item in enumerate(value)
    ]


def _figure(loader: _Loader, record: Record, index: int, owner: dict[str, Any]) -> tuple[Figure, list[Any]]:
    record.check_keys(FIGURE_KEYS)
    # The rules of records.rules, as every write obeys them, so that an export always imports back.
    try:
        measure, unit, value, qualifier, period = rule_figure(
            measure=record.required("measure"), unit=str(record.required("unit")),
            value=record.required("value"), qualifier=record.choice("qualifier", QUALIFIERS),
            period=record.edtf("period") or "", qualifiers=QUALIFIERS,
        )  # fmt: skip
    except InvalidInput as error:
        raise record.fail(error.field or "value", str(error).partition(": ")[2] or str(error)) from None
    figure = Figure(
        measure=measure,
        unit=unit,
        value=value,
        qualifier=qualifier,
        period=period,
        position=index,
        access=record.access(loader.states),
        **owner,
    )
    return figure, record.citations(loader.seeds)


def _save_figures(loader: _Loader, figures: list[tuple[Figure, list[Any]]], **owner: Any) -> None:
    for figure, citations in figures:
        for key, value in owner.items():
            setattr(figure, key, value)
        figure.save()
        loader.cite(figure, citations)
        loader.counts["figures"] += 1


def read_force(loader: _Loader, record: Record) -> None:
    """Create a force with its contributing states and strength figures."""
    record.check_keys(FORCE_KEYS)
    slug = _unique(loader, record, Force, loader.seen["forces"])
    figures = _figures(loader, record, "strength")
    force = Force(
        slug=slug,
        name=record.names("name"),
        abbr=record.names("abbr", required=False),
        kind=record.choice("kind", frozenset(Force.Kind.values)),
        region=record.names("region", required=False),
        dataset=loader.root,
        access=record.access(loader.states),
        position=loader.next_position(),
        **loader.temporal_fields(record),
    )
    states, citations = _states(loader, record), record.citations(loader.seeds)
    force.save()
    force.states.set(states)
    loader.cite(force, citations)
    _save_figures(loader, figures, force=force)
    loader.forces[slug] = force.pk
    loader.counts["forces"] += 1


def read_exercise(loader: _Loader, record: Record) -> None:
    """Create an exercise: its name, date, host and participants."""
    record.check_keys(EXERCISE_KEYS)
    slug = _unique(loader, record, Exercise, loader.seen["exercises"])
    date = record.edtf("date") or ""
    span = edtf_span(date) if date else None
    exercise = Exercise(
        slug=slug,
        name=record.names("name"),
        date=date,
        day_min=span.first if span else EARLIEST,
        day_max=span.last if span else LATEST,
        host_id=loader.ref(record, "host", loader.states) if record.data.get("host") else None,
        force_id=loader.ref(record, "force", loader.forces) if record.data.get("force") else None,
        dataset=loader.root,
        access=record.access(loader.states),
        position=loader.next_position(),
    )
    states, citations = _states(loader, record), record.citations(loader.seeds)
    exercise.save()
    exercise.states.set(states)
    loader.cite(exercise, citations)
    loader.counts["exercises"] += 1


def read_operation(loader: _Loader, record: Record) -> None:
    """Create an operation or mission with its legal basis, figures and contingents."""
    record.check_keys(OPERATION_KEYS)
    slug = _unique(loader, record, Operation, loader.seen["operations"])
    figures = _figures(loader, record, "figures")
    contingents = _contingents(loader, record)
    basis = record.data.get("basis", [])
    if not isinstance(basis, list) or any(b not in loader.instruments for b in basis):
        raise record.fail("basis", "must list instruments defined before it")
    times = record.data.get("times")
    if times is not None and (not isinstance(times, int) or isinstance(times, bool) or times < 0):
        raise record.fail("times", "must be a whole number")
    operation = Operation(
        slug=slug,
        name=record.names("name"),
        kind=record.choice("kind", frozenset(Operation.Kind.values)),
        coordinator_id=loader.ref(record, "coordinator", loader.organizations)
        if record.data.get("coordinator")
        else None,
        times=times,
        dataset=loader.root,
        access=record.access(loader.states),
        position=loader.next_position(),
        **loader.temporal_fields(record),
    )
    citations = record.citations(loader.seeds)
    operation.save()
    operation.basis.set([loader.instruments[b] for b in basis])
    loader.cite(operation, citations)
    _save_figures(loader, figures + contingents, operation=operation)
    loader.operations[slug] = operation.pk
    loader.counts["operations"] += 1


def _contingents(loader: _Loader, record: Record) -> list[tuple[Figure, list[Any]]]:
    value = record.data.get("contingents", [])
    if not isinstance(value, list):
        raise record.fail("contingents", "must be a list of {state, strength, sources}")
    result = []
    for index, item in enumerate(value):
        contingent = Record(
            record.file, f"{record.where} contingents[{index}]", item if isinstance(item, Mapping) else {}
        )
        contingent.check_keys(CONTINGENT_KEYS)
        strength = contingent.required("strength")
        inner = Record(
            contingent.file, f"{contingent.where} strength", strength if isinstance(strength, Mapping) else {}
        )
        figure, citations = _figure(loader, inner, 1000 + index, {})
        figure.state_id = loader.ref(contingent, "state", loader.states)
        figure.contingent = True
        result.append((figure, citations + contingent.citations(loader.seeds)))
    return result


def read_programme(loader: _Loader, record: Record) -> None:
    """Create a programme (training, documentary, ...) with its figures."""
    record.check_keys(PROGRAMME_KEYS)
    slug = _unique(loader, record, Programme, loader.seen["programmes"])
    figures = _figures(loader, record, "figures")
    programme = Programme(
        slug=slug,
        kind=record.choice("kind", frozenset(Programme.Kind.values)),
        name=record.names("name"),
        date=record.edtf("date") or "",
        producer_id=loader.ref(record, "producer", loader.organizations) if record.data.get("producer") else None,
        dataset=loader.root,
        access=record.access(loader.states),
        position=loader.next_position(),
    )
    citations = record.citations(loader.seeds)
    programme.save()
    loader.cite(programme, citations)
    _save_figures(loader, figures, programme=programme)
    loader.counts["programmes"] += 1


def read_case(loader: _Loader, record: Record) -> None:
    """Create a crisis-response case: the appeal, the decision, the mission, the closure."""
    record.check_keys(CASE_KEYS)
    slug = _unique(loader, record, Case, loader.seen["cases"])
    opened = record.edtf("opened")
    if opened is None:
        raise record.fail("opened", "is required")
    appeal = _step(record, "appeal", frozenset({"date", "by", "sources"}))
    decision = _step(record, "decision", frozenset({"date", "instrument", "session", "sources"}))
    session_id = None
    if decision.data.get("session"):
        session = Session.objects.filter(slug=decision.data["session"], dataset=loader.root).first()
        if session is None:
            raise decision.fail("session", "names no session defined before it")
        session_id = session.pk
    closed = record.edtf("closed") or ""
    mission_id = loader.ref(record, "mission", loader.operations) if record.data.get("mission") else None
    status = (
        Case.Status.CLOSED
        if closed
        else Case.Status.MISSION
        if mission_id
        else (Case.Status.DECIDED if decision.data else Case.Status.OPEN)
    )
    case = Case(
        slug=slug,
        victim_id=loader.ref(record, "victim", loader.states),
        opened=opened,
        summary=record.names("summary", required=False),
        status=status,
        appeal_by_id=loader.ref(appeal, "by", loader.persons) if appeal.data.get("by") else None,
        decision_date=decision.edtf("date") or "",
        decision_id=loader.ref(decision, "instrument", loader.instruments) if decision.data.get("instrument") else None,
        session_id=session_id,
        mission_id=mission_id,
        closed=closed,
        step_sources={
            "appeal": [c.as_dict() for c in appeal.citations(loader.seeds)],
            "appeal_date": appeal.edtf("date") or "",
            "decision": [c.as_dict() for c in decision.citations(loader.seeds)],
        },
        dataset=loader.root,
        access=record.access(loader.states),
    )
    citations = record.citations(loader.seeds)
    case.save()
    loader.cite(case, citations)
    loader.counts["cases"] += 1


def _step(record: Record, field: str, keys: frozenset[str]) -> Record:
    value = record.data.get(field) or {}
    if not isinstance(value, Mapping):
        raise record.fail(field, "must be a map")
    step = Record(record.file, f"{record.where} {field}", value)
    step.check_keys(keys)
    return step
