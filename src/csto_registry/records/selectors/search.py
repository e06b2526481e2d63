"""Search across people, bodies, instruments, operations and partners, in any language and case."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from csto_registry.records.errors import InvalidInput
from csto_registry.records.models import Instrument, Operation, Organization, OrganizationKind, Person
from csto_registry.records.selectors.common import name_in


def _texts(*maps: dict[str, str], extra: Iterable[str] = ()) -> list[str]:
    return [text for names in maps for text in names.values()] + list(extra)


def search(*, query: str, lang: str = "en", limit: int = 50) -> list[dict[str, Any]]:
    """Return the records whose names contain `query` (case-insensitive, Cyrillic included).

    Each row: {"kind": person | body | partner | instrument | operation, "id", "name"}.
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
    for instrument in Instrument.objects.all():
        consider("instrument", instrument.slug, instrument.title, _texts(instrument.title))
    for operation in Operation.objects.all():
        consider("operation", operation.slug, operation.name, _texts(operation.name))
    return found[:limit]
