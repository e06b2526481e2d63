"""The floor: the three questions asked by hand-written SQL over the project's own tables.

Each function returns what the project's selector returns (the same columns,
the citations in the order the dataset listed them), computed by one plain
`sqlite3` query and a loop that groups the citations of a row.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path
from typing import Any

CERTAINTY = "CASE WHEN x.start_max <= :day AND :day < x.end_min THEN 'certain' ELSE 'possible' END"

HOLDERS = f"""
SELECT x.id, p.slug, pe.slug, json_extract(pe.name, '$.en'), coalesce(ps.code, ns.code), {CERTAINTY},
       s.ref, s.url, s.quote
FROM records_organization o
JOIN records_post p ON p.organization_id = o.id
JOIN records_tenure x ON x.post_id = p.id AND x.start_min <= :day AND x.end_max > :day
JOIN records_person pe ON pe.id = x.person_id
LEFT JOIN records_state ps ON ps.id = p.state_id
LEFT JOIN records_state ns ON ns.id = pe.nationality_id
LEFT JOIN records_tenure_sources l ON l.tenure_id = x.id
LEFT JOIN records_source s ON s.id = l.source_id
WHERE o.slug = :body
ORDER BY p.position, x.start_min, x.id, l.id
"""

MEMBERS = f"""
SELECT x.id, st.code, coalesce(json_extract(st.short, '$.en'), json_extract(st.name, '$.en')), x.status, {CERTAINTY},
       s.ref, s.url, s.quote
FROM records_organization o
JOIN records_statemembership x ON x.organization_id = o.id AND x.start_min <= :day AND x.end_max > :day
JOIN records_state st ON st.id = x.state_id
LEFT JOIN records_statemembership_sources l ON l.statemembership_id = x.id
LEFT JOIN records_source s ON s.id = l.source_id
WHERE o.slug = :organization AND o.parent_id IS NULL AND x.status = 'member'
ORDER BY st.code, x.start_min, x.id, l.id
"""

# The unary + keeps SQLite from walking the whole dataset by its dataset_id index: the day's range
# on tenure_on_day (start_min, end_max) reads the index alone and fetches only the rows that hold.
SNAPSHOT = f"""
SELECT b.slug, p.slug, pe.slug, json_extract(pe.name, '$.en'), {CERTAINTY}
FROM records_tenure x
JOIN records_post p ON p.id = x.post_id
JOIN records_organization b ON b.id = p.organization_id
JOIN records_person pe ON pe.id = x.person_id
WHERE +x.dataset_id = (SELECT id FROM records_organization WHERE slug = :organization AND parent_id IS NULL)
  AND x.start_min <= :day AND x.end_max > :day
"""


def connect(path: Path) -> sqlite3.Connection:
    """Open the benchmark's database read-only."""
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)


def _citation(ref: str, url: str, quote: str) -> dict[str, str]:
    return {"ref": ref, "quote": quote} if ref else {"url": url, "quote": quote}


def _grouped(cursor: sqlite3.Cursor, keys: tuple[str, ...]) -> list[dict[str, Any]]:
    """Turn rows (id, *columns, ref, url, quote), one per citation, into one dict per id with its citations."""
    rows: list[dict[str, Any]] = []
    last = None
    for row in cursor:
        if row[0] != last:
            last = row[0]
            rows.append(dict(zip(keys, row[1:-3], strict=True)) | {"sources": []})
        if row[-1] is not None:
            rows[-1]["sources"].append(_citation(*row[-3:]))
    return rows


def holders(db: sqlite3.Connection, body: str, day: dt.date) -> list[dict[str, Any]]:
    """Who holds a post of `body` on `day`: rows as `holder_list_on` returns them."""
    cursor = db.execute(HOLDERS, {"body": body, "day": day.isoformat()})
    return _grouped(cursor, ("post", "person", "name", "state", "certainty"))


def members(db: sqlite3.Connection, organization: str, day: dt.date) -> list[dict[str, Any]]:
    """The member states of `organization` on `day`: rows as `membership_list_on` returns them."""
    cursor = db.execute(MEMBERS, {"organization": organization, "day": day.isoformat()})
    return _grouped(cursor, ("state", "name", "status", "certainty"))


def snapshot(db: sqlite3.Connection, organization: str, day: dt.date) -> list[tuple[Any, ...]]:
    """Every holder of every post of `organization` on `day`: tuples as `holder_snapshot_on` returns them."""
    return db.execute(SNAPSHOT, {"organization": organization, "day": day.isoformat()}).fetchall()
