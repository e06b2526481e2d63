"""Search every kind of record by its words, with the database's own full-text index, ranked."""

from __future__ import annotations

import json
from typing import Any

from django.db import connection

from csto_registry.records.access import Levels
from csto_registry.records.errors import InvalidInput
from csto_registry.records.search_index import words
from csto_registry.records.selectors.common import name_in

# The order of the groups of a page of results (within a group, the results keep their rank).
KINDS = (
    "state",
    "body",
    "post",
    "person",
    "instrument",
    "case",
    "operation",
    "session",
    "decision",
    "exercise",
    "force",
    "partner",
    "programme",
)
MAX_LENGTH = 200  # characters of a query, as the API's schema says
# A name counts ten times a word of the text (SQLite's bm25 weights; PostgreSQL's A and B).
_SQLITE = """
    SELECT e.kind, e.key, e.names, e."when", e.day FROM records_searchtext
    JOIN records_searchentry e ON e.id = records_searchtext.rowid
    WHERE records_searchtext MATCH %s{levels}
    ORDER BY bm25(records_searchtext, 10.0, 1.0), e.id LIMIT %s OFFSET %s
"""
_POSTGRESQL = """
    SELECT e.kind, e.key, e.names, e."when", e.day FROM records_searchentry e
    WHERE e.document @@ %s::tsquery{levels}
    ORDER BY ts_rank(e.document, %s::tsquery, 0) DESC, e.id LIMIT %s OFFSET %s
"""


def search_terms(query: str) -> list[str]:
    """The folded words of a query, without those that are the start of another (which add nothing).

    InvalidInput for fewer than two characters (spaces aside) or more than MAX_LENGTH; a query of
    punctuation only has no words and finds nothing.
    """
    if len("".join(query.split())) < 2:
        raise InvalidInput("a search needs at least two letters")
    if len(query) > MAX_LENGTH:
        raise InvalidInput(f"a search takes at most {MAX_LENGTH} characters")
    terms = sorted(set(words(query).split()), key=len, reverse=True)
    kept: list[str] = []
    for term in terms:
        if not any(longer.startswith(term) for longer in kept):
            kept.append(term)
    return sorted(kept)


def search(
    *,
    query: str,
    lang: str = "en",
    limit: int = 50,
    offset: int = 0,
    levels: Levels = None,
    kinds: tuple[str, ...] | None = None,
) -> list[dict[str, Any]]:
    """Return the records with every word of `query` (as a word or the start of one), best first.

    Case, the Russian ё/е and other diacritics are ignored; a record's names and id rank above its
    other words. Each row: {"kind", "id", "name", "when", "day", "body" (of a post: its body's id)};
    only records the reader with `levels` may read are searched (None: all); `kinds` keeps those kinds.
    """
    terms = search_terms(query)
    if not terms:
        return []
    params: list[Any] = []
    if connection.vendor == "postgresql":
        match = " & ".join(f"'{term}':*" for term in terms)
        sql, params = _POSTGRESQL, [match]
    else:
        sql, params = _SQLITE, [" ".join(f'"{term}"*' for term in terms)]
    condition = ""
    if levels is not None:
        condition = f" AND e.access IN ({', '.join(['%s'] * len(levels))})" if levels else " AND 1 = 0"
        params += list(levels)
    if kinds is not None:
        condition += f" AND e.kind IN ({', '.join(['%s'] * len(kinds))})" if kinds else " AND 1 = 0"
        params += list(kinds)
    if connection.vendor == "postgresql":
        params.append(params[0])
    with connection.cursor() as cursor:
        cursor.execute(sql.format(levels=condition), [*params, limit, offset])
        rows = cursor.fetchall()
    found = [_row(kind, key, names, when, day, lang) for kind, key, names, when, day in rows]
    _add_post_bodies(found)
    return found


def _row(kind: str, key: str, names: Any, when: str, day: Any, lang: str) -> dict[str, Any]:
    names = json.loads(names) if isinstance(names, str) else names
    return {
        "kind": kind,
        "id": key,
        "name": name_in(names, lang) or key,
        "when": when or None,
        "day": day if isinstance(day, str) or day is None else day.isoformat(),
    }


def _add_post_bodies(rows: list[dict[str, Any]]) -> None:
    """A post's page is its body's: name the body of each post found."""
    from csto_registry.records.models import Post

    slugs = [row["id"] for row in rows if row["kind"] == "post"]
    bodies = dict(Post.objects.filter(slug__in=slugs).values_list("slug", "organization__slug")) if slugs else {}
    for row in rows:
        if row["kind"] == "post":
            row["body"] = bodies.get(row["id"])


def search_path(row: dict[str, Any]) -> str | None:
    """The site's page of a search result (with its anchor), or None where the site has none."""
    from django.urls import reverse

    kind, key = row["kind"], row["id"]
    pages = {
        "person": ("web:person", key, ""),
        "body": ("web:body", key, ""),
        "partner": ("web:body", key, ""),
        "instrument": ("web:instrument", key, ""),
        "case": ("web:case", key, ""),
        "post": ("web:body", row.get("body"), f"#post-{key}"),
        "state": ("web:state", key, ""),
        "decision": ("web:sessions", None, f"#decision-{key}"),
        "session": ("web:sessions", None, f"#session-{key}"),
        "operation": ("web:operation", key, ""),
        "force": ("web:forces", None, f"#force-{key}"),
        "exercise": ("web:forces", None, f"#exercise-{key}"),
    }
    if kind not in pages:
        return None
    name, arg, anchor = pages[kind]
    if kind == "post" and arg is None:
        return None
    return (reverse(name, args=[arg]) if arg is not None else reverse(name)) + anchor
