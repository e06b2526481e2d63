"""Reading the chairmanships and sessions of a dataset."""

from __future__ import annotations

from typing import TYPE_CHECKING

from csto_registry.datasets.fields import Record
from csto_registry.records.models import Chairmanship, Session
from csto_registry.timeline import Bounds, edtf_span, next_day

if TYPE_CHECKING:
    from csto_registry.datasets.importer import _Loader

CHAIRMANSHIP_KEYS = frozenset({"organization", "state", "from", "until", "attested", "sources"})
SESSION_KEYS = frozenset(
    {
        "access",
        "id",
        "body",
        "start",
        "end",
        "kind",
        "status",
        "place",
        "videoconference",
        "state",
        "chair",
        "participants",
        "agenda",
        "documents",
        "sources",
    }
)
SESSION_KINDS = frozenset(Session.Kind.values)
SESSION_STATUSES = frozenset(Session.Status.values)


def read_chairmanship(loader: _Loader, record: Record) -> None:
    """Create a state's chairmanship of a body over an interval."""
    record.check_keys(CHAIRMANSHIP_KEYS)
    chairmanship = Chairmanship(
        organization_id=loader.ref(record, "organization", loader.organizations),
        state_id=loader.ref(record, "state", loader.states),
        dataset=loader.root,
        **loader.temporal_fields(record),
    )
    citations = record.citations(loader.seeds)
    chairmanship.save()
    loader.cite(chairmanship, citations)
    loader.counts["chairmanships"] += 1


def _name_maps(record: Record, field: str) -> list[dict[str, str]]:
    """A record's optional list of name maps (a session's agenda items, the documents it adopted)."""
    items = record.data.get(field, [])
    if not isinstance(items, list):
        raise record.fail(field, "must be a list of name maps")
    return [record.child(f"{field}[{i}]", {"name": item}).names("name") for i, item in enumerate(items)]


def read_session(loader: _Loader, record: Record) -> None:
    """Create a session of a body: `start` and `end` are its first and last day (EDTF)."""
    record.check_keys(SESSION_KEYS)
    slug = record.slug("id")
    if slug in loader.sessions or Session.objects.filter(slug=slug).exists():
        raise record.fail("id", "is defined twice")
    start = record.edtf("start")
    if start is None:
        raise record.fail("start", "is required")
    end = record.edtf("end")
    first, last = edtf_span(start), edtf_span(end or start)
    if last.last < first.first:
        raise record.fail("end", f"ends before the session starts ({start})")
    bounds = Bounds(first.first, first.last, next_day(max(last.first, first.first)), next_day(last.last))
    session = Session(
        slug=slug,
        body_id=loader.ref(record, "body", loader.organizations),
        kind=record.choice("kind", SESSION_KINDS) if "kind" in record.data else Session.Kind.REGULAR,
        status=record.choice("status", SESSION_STATUSES) if "status" in record.data else Session.Status.HELD,
        place=record.names("place", required=False),
        videoconference=record.flag("videoconference"),
        state_id=loader.ref(record, "state", loader.states) if record.data.get("state") else None,
        chair_id=loader.ref(record, "chair", loader.states) if record.data.get("chair") else None,
        dataset=loader.root,
        access=record.access(loader.states),
        start=start,
        end=end or "",
        attested=[],
        start_min=bounds.start_min,
        start_max=bounds.start_max,
        end_min=bounds.end_min,
        end_max=bounds.end_max,
    )
    participants = record.data.get("participants", [])
    if not isinstance(participants, list) or any(code not in loader.states for code in participants):
        raise record.fail("participants", "must list states defined before it")
    session.participants = list(participants)
    session.agenda = _name_maps(record, "agenda")
    session.documents = _name_maps(record, "documents")
    citations = record.citations(loader.seeds)
    session.save()
    loader.cite(session, citations)
    loader.sessions.add(slug)
    loader.counts["sessions"] += 1
