"""Search across people, bodies, instruments, operations and partners, in any language and case."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from csto_registry.records.access import Levels
from csto_registry.records.errors import InvalidInput
from csto_registry.records.models import Decision, Instrument, Operation, Organization, OrganizationKind, Person
from csto_registry.records.selectors.common import name_in, readable


def _texts(*maps: dict[str, str], extra: Iterable[str] = ()) -> list[str]:
    return [text for names in maps for text in names.values()] + list(extra)


def search(*, query: str, lang: str = "en", limit: int = 50, levels: Levels = None) -> list[dict[str, Any]]:
    """Return the records whose names contain `query` (case-insensitive, Cyrillic included).

    Each row: {"kind": person | body | partner | instrument | decision | operation, "id", "name"}; only
    records the reader with `levels` may read are searched.
    Matching is done on casefolded text in Python: SQLite's LIKE folds only
    ASCII letters, and the registry's names are few enough to read.
    """
    needle = query.strip().casefold()
    if len(needle) < 2:
        raise InvalidInput("a search needs at least two letters")
    found: list[dict[str, Any]] = []

    def consider(kind: str, slug: str, names: dict[str, str], texts: list[str]) -> None:
        if needle in slug or any(needle in text.casefold() for text in texts):
            found.append({"kind": kind, "id": slug, "name": name_in(names, lang)})

    for person in Person.objects.all():
        consider("person", person.slug, person.name, _texts(person.name, person.full_name, extra=person.other_names))
    for org in Organization.objects.filter(dataset__isnull=False):
        kind = "partner" if org.kind == OrganizationKind.PARTNER else "body"
        consider(kind, org.slug, org.name, _texts(org.name, org.abbr, extra=org.other_names))
    for instrument in readable(Instrument.objects.all(), levels):
        consider("instrument", instrument.slug, instrument.title, _texts(instrument.title))
    for decision in readable(Decision.objects.all(), levels):
        consider("decision", decision.slug, decision.title, _texts(decision.title))
    for operation in readable(Operation.objects.all(), levels):
        consider("operation", operation.slug, operation.name, _texts(operation.name))
    return found[:limit]
