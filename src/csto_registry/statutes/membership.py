"""A state's membership from the events of the founding treaty, and its agreement with the records."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from csto_registry.timeline import Span

JOINS = frozenset({"entered-into-force", "acceded"})
STATUS_AFTER = {"entered-into-force": "member", "acceded": "member", "withdrawn": "withdrawn", "suspended": "suspended"}


@dataclass(frozen=True, slots=True)
class TreatyEvent:
    """An event of the founding treaty: `state` None means it concerns every party."""

    kind: str
    span: Span
    state: str | None


@dataclass(frozen=True, slots=True)
class StatusPeriod:
    """A recorded status of a state, with the spans its start and end may lie in."""

    status: str
    start: Span | None
    end: Span | None


def _overlap(a: Span, b: Span) -> bool:
    return a.first <= b.last and b.first <= a.last


def membership_status_changes(
    *, state: str, parties: frozenset[str], events: Sequence[TreatyEvent]
) -> list[tuple[Span, str]]:
    """Return the state's changes of status that the treaty's events make, in order of time.

    The entry into force makes every party a member; an accession, a withdrawal
    or a suspension changes the status of the state it names. An accession
    before the entry into force takes effect with it.

    Implements: "The treaty entered into force upon completion of the national
    ratification procedures on April 20, 1994" (seed 000_e52e44ee9352e8ff.txt,
    line 3); "Azerbaijan, Georgia and Uzbekistan ceased your membership in the
    Treaty" (line 7); "in the summer of 2006, the CSTO resumed its membership,
    and in 2012 the Republic of Uzbekistan suspended it" (line 17).
    """
    in_force = next((e.span for e in events if e.kind == "entered-into-force" and e.state is None), None)
    changes: list[tuple[Span, str]] = []
    for event in events:
        if event.kind not in STATUS_AFTER:
            continue
        concerns = event.state == state if event.state else (state in parties and event.kind == "entered-into-force")
        if not concerns:
            continue
        span = event.span
        if event.kind == "acceded" and in_force is not None and span.last < in_force.first:
            span = in_force
        if (span, STATUS_AFTER[event.kind]) not in changes:
            changes.append((span, STATUS_AFTER[event.kind]))
    return sorted(changes, key=lambda change: change[0].first)


def membership_consistency(
    *, state: str, parties: frozenset[str], events: Sequence[TreatyEvent], periods: Sequence[StatusPeriod]
) -> list[str]:
    """List the disagreements between a state's recorded statuses and the treaty's events.

    Each recorded status whose start is known must begin where an event gives
    the state that status; each event must begin a recorded status.
    """
    changes = membership_status_changes(state=state, parties=parties, events=events)
    problems = []
    for period in periods:
        if period.start is None:
            continue
        if not any(status == period.status and _overlap(span, period.start) for span, status in changes):
            problems.append(
                f"{state}: recorded as {period.status} from {_show(period.start)}, "
                "but no event of the treaty begins that status then"
            )
    for span, status in changes:
        if not any(p.status == status and p.start is not None and _overlap(span, p.start) for p in periods):
            problems.append(f"{state}: the treaty's events make it {status} from {_show(span)}, but no record says so")
    return problems


def _width(span: Span) -> int:
    return (span.last - span.first).days


def _show(span: Span) -> str:
    return span.first.isoformat() if span.first == span.last else f"{span.first}..{span.last}"


SIGNS = frozenset({"signed", "acceded"})


@dataclass(frozen=True, slots=True)
class SignatoryPeriod:
    """A state's time as a signatory: from its signature (or accession) to the treaty's entry into force."""

    state: str
    start: Span
    end: Span
    signed: TreatyEvent


def signatory_periods(*, events: Sequence[TreatyEvent]) -> list[SignatoryPeriod]:
    """Return the states that signed the founding treaty before it entered into force, with their periods.

    A state that signs (or accedes to) the treaty before its entry into force
    is a signatory from that day until the entry into force makes it a member.
    Only events naming a state count: a signature "by the heads of six states"
    says nothing of a seventh. Where several events date the same state's
    signature (a year from one source, the day from another), the most precise
    one starts the period. A state that signs after the entry into force
    becomes a member at once (see membership_status_changes).

    Implements: the Treaty "was signed in Tashkent (Uzbekistan) on May 15, 1992
    by the heads of Armenia, Kazakhstan, Kyrgyzstan, Russia, Tajikistan and
    Uzbekistan. Later, it was joined by Azerbaijan, Belarus and Georgia (1993).
    The treaty entered into force upon completion of the national ratification
    procedures on April 20, 1994." (seed 000_e52e44ee9352e8ff.txt, line 3)
    """
    in_force = next((e.span for e in events if e.kind == "entered-into-force" and e.state is None), None)
    if in_force is None:
        return []
    first: dict[str, TreatyEvent] = {}
    for event in events:
        if event.kind in SIGNS and event.state and event.span.first < in_force.first:
            known = first.get(event.state)
            if known is None or _width(event.span) < _width(known.span):
                first[event.state] = event
    return [
        SignatoryPeriod(state=state, start=event.span, end=in_force, signed=event)
        for state, event in sorted(first.items())
    ]
