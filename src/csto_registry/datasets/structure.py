"""Read an organization's structure (states, bodies, posts, people, memberships, tenures) for the standard exports.

The structure is what the organization publishes, so it carries no access
level: every reader may have it. Each temporal record keeps its EDTF dates as
given and the four bounds the registry derived from them (for a tenure on a
single-holder post, the next holder's start bounds the previous holder's end).
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import time
import uuid
import zipfile
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from django.db.models import CharField, F, TextField, Window
from django.db.models.functions import Cast, RowNumber

from csto_registry.datasets.exporter import CHUNK, chunks, read_snapshot
from csto_registry.datasets.standard import standard_write
from csto_registry.records.errors import NotFound
from csto_registry.records.models import (
    Organization,
    OrganizationKind,
    Person,
    Post,
    State,
    StateMembership,
    Tenure,
)
from csto_registry.records.revision import revision_number
from csto_registry.records.selectors.common import source_map
from csto_registry.timeline import EARLIEST, LATEST

STALE_SECONDS = 60  # a file of an older revision is kept this long for the requests still reading it
# At most this many export files are kept in the folder: past it, the least recently served go first.
MAX_FILES = 32
# The temporal fields as text, read without Django's converters (a date's ISO form, a JSON field's text): at
# 100,000 tenures converting them row by row was most of the time of a read.
BOUNDS = ("start_min", "start_max", "end_min", "end_max")
AS_TEXT = {f"{name}_text": Cast(name, CharField()) for name in BOUNDS} | {
    "attested_text": Cast("attested", TextField())
}
TEMPORAL_TEXT = ("start", "end", "attested_text", *(f"{name}_text" for name in BOUNDS))
FIRST_DAY, LAST_DAY = EARLIEST.isoformat(), LATEST.isoformat()


def structure_read(*, organization: str) -> dict[str, Any]:
    """Return the structure of the dataset whose root is `organization`, as plain values in dataset order."""
    root = Organization.objects.filter(slug=organization, dataset__isnull=True).first()
    if root is None:
        raise NotFound(f"no organization {organization!r} (a dataset's root) in the database")
    organizations = [root, *Organization.objects.filter(dataset=root).select_related("parent").order_by("position")]
    org_sources = source_map(Organization, pk=root.pk) | source_map(Organization, dataset=root)
    posts = list(Post.objects.filter(dataset=root).select_related("organization", "state").order_by("position"))
    memberships = list(
        StateMembership.objects.filter(dataset=root)
        .annotate(**AS_TEXT)
        .order_by("id")
        .values_list("id", "state__code", "organization__slug", "status", *TEMPORAL_TEXT)
    )
    codes = {row[1] for row in memberships} | {p.state.code for p in posts if p.state}
    codes |= set(
        Person.objects.filter(dataset=root, nationality__isnull=False).values_list("nationality__code", flat=True)
    )
    states = list(State.objects.filter(code__in=codes).order_by("code"))
    state_sources = source_map(State, code__in=codes)
    post_sources = source_map(Post, dataset=root)
    membership_sources = source_map(StateMembership, dataset=root)
    return {
        "organization": root.slug,
        "revision": revision_number(),  # the revision the records are read at (in the caller's snapshot)
        "states": [
            {"code": s.code, "name": s.name, "short": s.short, "sources": state_sources.get(s.pk, [])} for s in states
        ],
        "organizations": [
            {
                "id": o.slug,
                "name": o.name,
                "abbr": o.abbr,
                "other_names": o.other_names,
                "parent": o.parent.slug if o.parent else None,
                "kind": "organization" if o.pk == root.pk else o.kind,
                "partner": o.kind == OrganizationKind.PARTNER,
                "seat": o.seat,
                **_time(
                    o.start,
                    o.end,
                    o.attested,
                    *(d.isoformat() for d in (o.start_min, o.start_max, o.end_min, o.end_max)),
                ),
                "sources": org_sources.get(o.pk, []),
            }
            for o in organizations
        ],
        "posts": [
            {
                "id": p.slug,
                "organization": p.organization.slug,
                "state": p.state.code if p.state else None,
                "title": p.title,
                "single": p.single,
                "sources": post_sources.get(p.pk, []),
            }
            for p in posts
        ],
        "persons": Rows(lambda: _persons(root), Person.objects.filter(dataset=root).count),
        "memberships": _numbered(
            [
                {
                    "state": code,
                    "organization": org,
                    "status": status,
                    **_time(*temporal),
                    "sources": membership_sources.get(pk, []),
                }
                for pk, code, org, status, *temporal in memberships
            ],
            key=lambda m: f"{m['organization']}:{m['state']}",
        ),
        "tenures": Rows(lambda: _tenures(root), Tenure.objects.filter(dataset=root).count),
    }


class Rows:
    """Records read from the database as they are iterated, CHUNK at a time, afresh each time (a standard
    export walks the tenures more than once: Popolo's memberships, CSV's table and its sources)."""

    def __init__(self, rows: Callable[[], Iterator[dict[str, Any]]], count: Callable[[], int]) -> None:
        self._rows, self._count = rows, count

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return self._rows()

    def __len__(self) -> int:
        return self._count()


def _persons(root: Organization) -> Iterator[dict[str, Any]]:
    people = Person.objects.filter(dataset=root).select_related("nationality").order_by("position", "id")
    for chunk in chunks(people.iterator(chunk_size=CHUNK)):
        sources = source_map(Person, pk__in=[p.pk for p in chunk])
        for p in chunk:
            yield {
                "id": p.slug,
                "name": p.name,
                "full_name": p.full_name,
                "other_names": p.other_names,
                "nationality": p.nationality.code if p.nationality else None,
                "sources": sources.get(p.pk, []),
            }


def _tenures(root: Organization) -> Iterator[dict[str, Any]]:
    """The tenures in dataset order, each numbered among those of its post and person (POST:PERSON:n) by the
    database (a window over the whole dataset), read as one stream; joined in SQL, so a record written meanwhile
    can never name a post or person not read here."""
    number = Window(RowNumber(), partition_by=[F("post_id"), F("person_id")], order_by=F("id").asc())
    rows = (
        Tenure.objects.filter(dataset=root)
        .annotate(**AS_TEXT, role_text=Cast("role", TextField()), number=number)
        .order_by("id")
        .values_list(
            "id", "person__slug", "post__slug", "post__organization__slug", "post__state__code", "role_text",
            "number", *TEMPORAL_TEXT,
        )
    )  # fmt: skip
    for chunk in chunks(rows.iterator(chunk_size=CHUNK)):
        sources = source_map(Tenure, pk__in=[row[0] for row in chunk])
        for pk, person, post, body, state, role, n, *temporal in chunk:
            yield {
                "person": person,
                "post": post,
                "organization": body,
                "state": state,
                "role": _json(role, dict),
                **_time(*temporal),
                "sources": sources.get(pk, []),
                "id": f"{post}:{person}:{n}",
            }


def _time(start: str, end: str, attested: list[str] | str, *bounds: str) -> dict[str, Any]:
    """EDTF as given, attested days, and the bounds (YYYY-MM-DD): a start bound is null only at the beginning of
    time, an end bound only at the end of time (so "start_max: 9999-12-31", a start never certain, is said as it is).
    """
    start_min, start_max = (None if day == FIRST_DAY else day for day in bounds[:2])
    end_min, end_max = (None if day == LAST_DAY else day for day in bounds[2:])
    return {
        "from": start or None,
        "until": end or None,
        "attested": _json(attested, list) if isinstance(attested, str) else list(attested),
        "bounds": {"start_min": start_min, "start_max": start_max, "end_min": end_min, "end_max": end_max},
    }


def _json(text: str | None, empty: Callable[[], Any]) -> Any:
    """A JSON field read as text: most are empty, and those need no parser."""
    return empty() if text in (None, "", "[]", "{}") else json.loads(text)


def _numbered(rows: list[dict[str, Any]], *, key: Any) -> list[dict[str, Any]]:
    """Give each row an identifier that stays the same across imports of the same dataset: KEY:n in dataset order."""
    seen: Counter[str] = Counter()
    for row in rows:
        base = key(row)
        seen[base] += 1
        row["id"] = f"{base}:{seen[base]}"
    return rows


def standard_export(*, organization: str, format: str, path: Path, base: str) -> dict[str, int]:
    """Write the structure of `organization` in a standard format to `path`; return the count of each section.

    One file for Popolo JSON, Turtle and JSON-LD; for CSV a folder of tables, or
    a ZIP archive of them when `path` ends in ".zip".
    """
    with read_snapshot():
        return _standard_export(organization=organization, format=format, path=path, base=base)


def _standard_export(*, organization: str, format: str, path: Path, base: str) -> dict[str, int]:
    structure = structure_read(organization=organization)
    if format == "csv" and path.suffix.lower() == ".zip":
        with tempfile.TemporaryDirectory() as folder, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            standard_write(structure, format=format, base=base, path=Path(folder))
            for table in sorted(Path(folder).iterdir()):
                archive.write(table, table.name)
    else:
        standard_write(structure, format=format, base=base, path=path)
    return {key: len(value) for key, value in structure.items() if isinstance(value, (list, Rows))}


def _digest(organization: str, format: str, base: str) -> str:
    return hashlib.sha256(f"{organization}\0{format}\0{base}".encode()).hexdigest()[:16]


def _final(*, organization: str, format: str, base: str, name: str, folder: Path, stamp: str | None) -> Path:
    """Where the file of an export for a revision is kept (a name of its own when there is no revision)."""
    return folder / f"{stamp or uuid.uuid4().hex}-{_digest(organization, format, base)}-{name}"


def export_rows(organization: str) -> int:
    """How many rows an export of `organization` writes, roughly: its tenures and persons."""
    root = Organization.objects.filter(slug=organization, dataset__isnull=True).first()
    if root is None:
        raise NotFound(f"no organization {organization!r} (a dataset's root) in the database")
    return Tenure.objects.filter(dataset=root).count() + Person.objects.filter(dataset=root).count()


def standard_file_or_start(
    *, organization: str, format: str, base: str, name: str, folder: Path, stamp: str, inline_rows: int
) -> Path | None:
    """Return the file of an export if it is built, or build it now if it is small (at most `inline_rows`
    rows); else make sure a background process builds it, and return None: the caller says "ask again".

    No request waits on a large build, and a build already under way (its lock held) is not started twice.
    """
    arguments = {"organization": organization, "format": format, "base": base, "name": name}
    folder.mkdir(parents=True, exist_ok=True)
    final = _final(**arguments, folder=folder, stamp=stamp)
    if _served(final):
        return final
    if export_rows(organization) <= inline_rows:
        return standard_file(**arguments, folder=folder, stamp=stamp)
    with (folder / f"{name}.lock").open("w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return None  # being built
    # `sh` starts the builder in the background and exits at once: the builder belongs to no worker,
    # survives the request and leaves no process to reap.
    job = json.dumps({**arguments, "folder": str(folder), "stamp": stamp})
    command = [sys.executable, "-m", "csto_registry.datasets.background", job]
    subprocess.run(  # noqa: S603  # our own interpreter and module, the arguments as JSON
        ["/bin/sh", "-c", 'exec "$@" </dev/null >/dev/null 2>&1 &', "sh", *command], check=True, close_fds=True
    )
    return None


def standard_file(*, organization: str, format: str, base: str, name: str, folder: Path, stamp: str | None) -> Path:
    """Return one file of a standard export (`name`: "popolo.json", "org.ttl", "org.jsonld" or "TABLE.csv"), or of
    the dataset file (format "yaml"), for the records' revision `stamp`, built once per revision into `folder`
    and kept there on disk.

    One process builds a file while the others wait for it (a lock per file); a
    file of an older revision is removed a minute after a newer one is written.
    Without a revision (`stamp` None) the file is built for this request alone.
    """
    folder.mkdir(parents=True, exist_ok=True)
    final = _final(organization=organization, format=format, base=base, name=name, folder=folder, stamp=stamp)
    digest = _digest(organization, format, base)
    if stamp and _served(final):
        return final
    # One lock per file name, whatever the address: the lock files stay as few as the names.
    with (folder / f"{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if stamp and _served(final):  # another process built it while this one waited
            return final
        with tempfile.TemporaryDirectory(dir=folder) as scratch:
            if format == "yaml":  # the dataset file itself, written as a stream (datasets.exporter)
                from csto_registry.datasets.exporter import dataset_export

                dataset_export(organization=organization, path=Path(scratch) / name)
            else:
                with read_snapshot():
                    structure = structure_read(organization=organization)
                    only = name.removesuffix(".csv") if format == "csv" else None
                    target = Path(scratch) if format == "csv" else Path(scratch) / name
                    standard_write(structure, format=format, base=base, path=target, only=only)
            os.replace(Path(scratch) / name, final)
        for old in folder.glob(f"*-{digest}-{name}"):
            if old != final and time.time() - old.stat().st_mtime > STALE_SECONDS:
                old.unlink(missing_ok=True)
        _prune(folder, keep=final)
    return final


def _served(path: Path) -> bool:
    """Whether the file is there; if so, mark it as just served (its time orders the pruning)."""
    try:
        os.utime(path)
    except FileNotFoundError:
        return False
    return True


def _prune(folder: Path, *, keep: Path) -> None:
    """Remove the least recently served export files beyond MAX_FILES (a request reading one keeps its copy open)."""
    files = []
    for path in folder.iterdir():
        try:
            if path.is_file() and not path.name.endswith(".lock"):
                files.append((path.stat().st_mtime, path))
        except FileNotFoundError:  # removed by another process meanwhile
            continue
    files.sort()
    for _, path in files[: max(len(files) - MAX_FILES, 0)]:
        if path != keep:
            path.unlink(missing_ok=True)
