"""Import a dataset file (or folder) into the records: all of it, or nothing."""

from __future__ import annotations

import gc
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from django.db import connection, models, transaction

from csto_registry.datasets.activities import read_case, read_exercise, read_force, read_operation, read_programme
from csto_registry.datasets.bulk import insert_rows
from csto_registry.datasets.errors import DatasetError
from csto_registry.datasets.fields import SEAT, SLUG, STATE_CODE, Citation, Record
from csto_registry.datasets.instruments import read_instrument, read_partner
from csto_registry.datasets.proceedings import read_chairmanship, read_session
from csto_registry.datasets.yamlfile import parsed
from csto_registry.records.history import history_in_bulk
from csto_registry.records.models import (
    Organization,
    OrganizationKind,
    Person,
    Post,
    Source,
    State,
    StateMembership,
    Tenure,
    Vacancy,
)
from csto_registry.records.revision import revision_bump
from csto_registry.records.search_index import bulk_writes as search_bulk_writes
from csto_registry.records.search_index import rebuild as search_rebuild
from csto_registry.records.services.audit import audit_append
from csto_registry.timeline import Bounds, TimelineError, succession

SEED_DIR = Path(__file__).parent / "builtin" / "seed"
SECTIONS = (
    "organization",
    "states",
    "organizations",
    "partners",
    "posts",
    "persons",
    "memberships",
    "tenures",
    "vacancies",
    "instruments",
    "chairmanships",
    "sessions",
    "forces",
    "exercises",
    "operations",
    "programmes",
    "cases",
)
# The order in which a document's top-level keys are read (and a large file's parts, see datasets.yamlfile).
READ_ORDER = ["organization", "statutes", *SECTIONS[1:]]
BATCH = 5000

ORGANIZATION_KEYS = frozenset(
    {
        "id",
        "name",
        "abbr",
        "other_names",
        "parent",
        "kind",
        "seat",
        "founded_by",
        "from",
        "until",
        "attested",
        "sources",
    }
)
TREATY_TERM_KEYS = frozenset({"entry_into_force", "years", "extension_years", "automatic_extension", "sources"})
STATE_KEYS = frozenset({"code", "name", "short", "sources"})
POST_KEYS = frozenset({"id", "organization", "state", "title", "single", "sources"})
PERSON_KEYS = frozenset({"id", "name", "full_name", "other_names", "nationality", "ranks", "sources"})
RANK_KEYS = frozenset({"title", "from", "until", "attested", "sources"})
MEMBERSHIP_KEYS = frozenset({"state", "organization", "status", "from", "until", "attested", "note", "sources"})
TENURE_KEYS = frozenset({"person", "post", "role", "from", "until", "attested", "term_until", "note", "sources"})
VACANCY_KEYS = frozenset({"post", "from", "until", "attested", "note", "sources"})
KINDS = frozenset(OrganizationKind.values)
STATUSES = frozenset(StateMembership.Status.values)


@lru_cache(maxsize=1)
def seed_lines() -> dict[str, list[str]]:
    """Return the lines of each seed text shipped with the project, by file name."""
    return {path.name: path.read_text(encoding="utf-8").splitlines() for path in sorted(SEED_DIR.glob("*.txt"))}


def dataset_files(path: Path) -> list[Path]:
    """Return the YAML files of a dataset: the file itself, or a folder's files in name order."""
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.suffix in {".yaml", ".yml"} and p.is_file())
        if not files:
            raise DatasetError(file=str(path), record="dataset", field=None, value=None, problem="holds no YAML files")
        return files
    if not path.is_file():
        raise DatasetError(file=str(path), record="dataset", field=None, value=None, problem="no such file or folder")
    return [path]


@dataclass
class ImportReport:
    """What an import wrote (or, for a check, would have written)."""

    organization: str
    files: int
    counts: Counter[str] = field(default_factory=Counter)


def dataset_import(
    path: Path, *, dry_run: bool = False, progress: Callable[[int], None] | None = None, actor: str = "system"
) -> ImportReport:
    """Import the dataset at `path` in one transaction; with `dry_run`, roll it back.

    An organization already in the database is replaced by the dataset's. Raises
    DatasetError, naming file, record, field and value, on the first fault; then
    nothing is written. `progress` is called with the bytes of each file read.
    """
    files = dataset_files(path)
    # A large import allocates millions of objects and frees none in cycles: the cyclic collector
    # would only walk the growing heap again and again (61 s -> 50 s for a million tenures when switched off).
    collecting = gc.isenabled()
    gc.disable()
    try:
        with transaction.atomic():
            revision_bump()  # first: every other writer now waits for this import (records.revision)
            # The history in step once, at the end: an unchanged record keeps its id and no second copy.
            with history_in_bulk(), search_bulk_writes():
                loader = _Loader()
                for part, result in parsed(files, READ_ORDER):
                    loader.load(part.path.name, _document(part.path, result), offsets=part.offsets)
                    if progress is not None:
                        progress(part.size)
                report = loader.finish(files=len(files))
            if dry_run:
                transaction.set_rollback(True)
            else:
                after = {"files": report.files, "counts": dict(report.counts)}
                audit_append(actor=actor, action="dataset.import", record=f"dataset:{report.organization}", after=after)
    finally:
        if collecting:
            gc.enable()
    return report


def _document(file: Path, result: tuple[Any, str | None, str | None]) -> Mapping[str, Any]:
    """Check that a parsed file is a map of sections; raise DatasetError for a syntax error."""
    document, where, problem = result
    if where is not None:
        raise DatasetError(file=file.name, record=where, field=None, value=None, problem=problem or "not valid YAML")
    if document is None:
        return {}
    if not isinstance(document, Mapping):
        raise DatasetError(
            file=file.name, record="document", field=None, value=None, problem="must be a map of sections"
        )
    return document


@dataclass
class _Pending:
    """Rows of one model waiting to be written, with their citations and the records they came from."""

    rows: list[dict[str, Any]] = field(default_factory=list)
    sources: list[list[str]] = field(default_factory=list)
    records: list[Record] = field(default_factory=list)
    single: list[bool] = field(default_factory=list)


class _Loader:
    """Reads records section by section, checks them, and writes them in batches."""

    def __init__(self) -> None:
        self.root: Organization | None = None
        self.file = ""
        self.seeds = seed_lines()
        self.states: dict[str, int] = dict(State.objects.values_list("code", "pk"))
        self.organizations: dict[str, int] = {}
        self.posts: dict[str, tuple[int, bool]] = {}
        self.persons: dict[str, int] = {}
        self.partners: set[str] = set()
        self.instruments: dict[str, int] = {}
        self.sessions: set[str] = set()
        self.forces: dict[str, int] = {}
        self.operations: dict[str, int] = {}
        self.seen: defaultdict[str, set[str]] = defaultdict(set)
        self.sources: dict[str, int] = dict(Source.objects.values_list("key", "pk"))
        self.new_sources: dict[str, Source] = {}
        self.pending: dict[type[models.Model], _Pending] = {}
        # The tenures and vacancies of the posts of one holder at a time: they follow one another.
        self.single_tenures: list[tuple[int, dict[str, Any], Record]] = []
        self.counts: Counter[str] = Counter()
        self.position = 0

    # -- reading -------------------------------------------------------------

    def load(self, file: str, document: Mapping[str, Any], offsets: Mapping[str, int] | None = None) -> None:
        """Read one file's document, or one part of a large file's (`offsets`: records of a section before it)."""
        self.file = file
        if "organization" in document:
            self._organization_root(
                Record(file, "organization", _as_map(file, "organization", document["organization"]))
            )
        elif self.root is None:
            raise DatasetError(
                file=file, record="organization", field=None, value=None, problem="is required in the first file"
            )
        if "statutes" in document:
            self._statutes(_as_map(file, "statutes", document["statutes"]))
        for section in SECTIONS[1:]:
            items = document.get(section)
            if items is None:
                continue
            if not isinstance(items, list):
                raise DatasetError(file=file, record=section, field=None, value=None, problem="must be a list")
            read = getattr(self, f"_{section}")
            for index, item in enumerate(items, start=(offsets or {}).get(section, 0)):
                if not isinstance(item, Mapping):
                    raise DatasetError(
                        file=file, record=f"{section}[{index}]", field=None, value=None, problem="must be a map"
                    )
                read(Record(file, section, item, index))
            self._flush_all()

    def _organization_root(self, record: Record) -> None:
        slug = record.slug("id")
        if self.root is not None:
            if slug != self.root.slug:
                raise record.fail("id", f"a dataset describes one organization, and this one is {self.root.slug!r}")
            return
        existing = Organization.objects.filter(slug=slug).first()
        if existing is not None:
            if existing.dataset_id is not None:
                raise record.fail("id", "is a body of another organization")
            existing.delete()
        data = dict(record.data)
        data.setdefault("kind", str(OrganizationKind.ORGANIZATION))
        self.root = self._organization(Record(record.file, record.where, data), root=True)

    def _statutes(self, statutes: Mapping[str, Any]) -> None:
        """Read the statute parameters of the organization (see docs/dataset-format.md)."""
        if self.root is None:  # load() reads the organization first, so this is a programming error
            raise RuntimeError("statutes read before the organization")
        for name, value in statutes.items():
            record = Record(self.file, f"statutes.{name}", value if isinstance(value, Mapping) else {})
            if name != "treaty_term":
                raise DatasetError(
                    file=self.file, record="statutes", field=str(name), value=value, problem="unknown statute"
                )
            record.check_keys(TREATY_TERM_KEYS)
            self.root.statutes[name] = {
                "entry_into_force": record.days_one("entry_into_force").isoformat(),
                "years": record.positive("years"),
                "extension_years": record.positive("extension_years"),
                "automatic_extension": record.flag("automatic_extension"),
                "sources": [c.as_dict() for c in record.citations(self.seeds)],
            }
        self.root.save(update_fields=["statutes"])

    def _organization(self, record: Record, *, root: bool = False) -> Organization:
        record.check_keys(ORGANIZATION_KEYS)
        slug = record.slug("id")
        if slug in self.organizations:
            raise record.fail("id", "is defined twice")
        if not root and Organization.objects.filter(slug=slug).exists():
            raise record.fail("id", "is already used by another organization's dataset")
        parent_id = None
        if not root:
            parent = record.slug("parent")
            if parent not in self.organizations:
                raise record.fail("parent", "names no organization defined before it")
            parent_id = self.organizations[parent]
        start, end, attested, bounds = record.temporal()
        organization = Organization(
            slug=slug,
            name=record.names("name"),
            abbr=record.names("abbr", required=False),
            other_names=record.text_list("other_names"),
            kind=record.choice("kind", KINDS),
            parent_id=parent_id,
            dataset=None if root else self.root,
            seat=record.names("seat", required=False),
            founded_by=record.names("founded_by", required=False),
            position=self.next_position(),
            **_temporal_fields(start, end, attested, bounds),
        )
        citations = record.citations(self.seeds)
        organization.save()
        self.cite(organization, citations)
        self.organizations[slug] = organization.pk
        self.counts["organizations"] += 1
        return organization

    def _organizations(self, record: Record) -> None:
        self._organization(record)

    def _partners(self, record: Record) -> None:
        read_partner(self, record)

    def _instruments(self, record: Record) -> None:
        read_instrument(self, record)

    def _chairmanships(self, record: Record) -> None:
        read_chairmanship(self, record)

    def _sessions(self, record: Record) -> None:
        read_session(self, record)

    def _forces(self, record: Record) -> None:
        read_force(self, record)

    def _exercises(self, record: Record) -> None:
        read_exercise(self, record)

    def _operations(self, record: Record) -> None:
        read_operation(self, record)

    def _programmes(self, record: Record) -> None:
        read_programme(self, record)

    def _cases(self, record: Record) -> None:
        read_case(self, record)

    def _states(self, record: Record) -> None:
        record.check_keys(STATE_KEYS)
        code = record.slug("code", STATE_CODE)
        defaults = {"name": record.names("name"), "short": record.names("short", required=False)}
        citations = record.citations(self.seeds)
        self._check_shared_state(record, code, defaults)
        state, _ = State.objects.update_or_create(code=code, defaults=defaults)
        self.cite(state, citations)
        self.states[code] = state.pk
        self.counts["states"] += 1

    def _check_shared_state(self, record: Record, code: str, names: dict[str, Any]) -> None:
        """A state belongs to every organization's dataset alike: another organization's may not rename it.

        The organization being replaced has already been removed, so any membership or post of the
        state still recorded is another organization's.
        """
        existing = State.objects.filter(code=code).first()
        if existing is None:
            return
        others = StateMembership.objects.filter(state=existing).exclude(organization__dataset=self.root)
        others = others.exclude(organization=self.root)
        posts = Post.objects.filter(state=existing).exclude(organization__dataset=self.root)
        if not others.exists() and not posts.exclude(organization=self.root).exists():
            return
        for key in ("name", "short"):
            if names[key] and names[key] != (getattr(existing, key) or {}):
                shared = getattr(existing, key) or {}
                raise record.fail(
                    key,
                    f"{code} is shared with another organization's dataset, which names it "
                    f"{shared.get('en') or shared}: use the same names or leave the state out",
                )

    def _posts(self, record: Record) -> None:
        record.check_keys(POST_KEYS)
        slug = record.slug("id", SEAT if ":" in str(record.data.get("id", "")) else SLUG)
        if slug in self.posts:
            raise record.fail("id", "is defined twice")
        single = record.flag("single")
        post = {
            "slug": slug,
            "organization_id": self.ref(record, "organization", self.organizations),
            "state_id": self.ref(record, "state", self.states) if record.data.get("state") else None,
            "title": record.names("title"),
            "single": single,
            "dataset_id": self.root_id,
            "position": self.next_position(),
        }
        # The key is taken now; the pk comes with the flush, which this very record may trigger.
        self.posts[slug] = (0, single)
        self._queue(Post, post, record)

    def _persons(self, record: Record) -> None:
        record.check_keys(PERSON_KEYS)
        slug = record.slug("id")
        if slug in self.persons:
            raise record.fail("id", "is defined twice")
        person = {
            "slug": slug,
            "name": record.names("name"),
            "full_name": record.names("full_name", required=False),
            "other_names": record.text_list("other_names"),
            "nationality_id": self.ref(record, "nationality", self.states) if record.data.get("nationality") else None,
            "ranks": self._ranks(record),
            "dataset_id": self.root_id,
            "position": self.next_position(),
        }
        self.persons[slug] = 0
        self._queue(Person, person, record)

    def _ranks(self, record: Record) -> list[dict[str, Any]]:
        ranks = record.data.get("ranks", [])
        if not isinstance(ranks, list):
            raise record.fail("ranks", "must be a list")
        result = []
        for index, item in enumerate(ranks):
            rank = record.child(f"ranks[{index}]", item)
            rank.check_keys(RANK_KEYS)
            start, end, attested, _ = rank.temporal()
            entry: dict[str, Any] = {"title": rank.names("title")}
            entry |= {k: v for k, v in (("from", start), ("until", end), ("attested", attested)) if v}
            entry["sources"] = [c.as_dict() for c in rank.citations(self.seeds)]
            result.append(entry)
        return result

    def _memberships(self, record: Record) -> None:
        record.check_keys(MEMBERSHIP_KEYS)
        start, end, attested, bounds = record.temporal()
        membership = {
            "state_id": self.ref(record, "state", self.states),
            "organization_id": self.ref(record, "organization", self.organizations),
            "status": record.choice("status", STATUSES),
            "note": _note(record),
            "dataset_id": self.root_id,
            **_temporal_fields(start, end, attested, bounds),
        }
        self._queue(StateMembership, membership, record)

    def _tenures(self, record: Record) -> None:
        record.check_keys(TENURE_KEYS)
        post_slug = record.required("post")
        if post_slug not in self.posts:
            raise record.fail("post", "names no post defined before it")
        person_id = self.ref(record, "person", self.persons)
        start, end, attested, bounds = record.temporal()
        post_id, single = self.posts[post_slug]
        tenure = {
            "person_id": person_id,
            "post_id": post_id,
            "role": record.names("role", required=False),
            "term_until": record.edtf("term_until") or "",
            "note": _note(record),
            "dataset_id": self.root_id,
            **_temporal_fields(start, end, attested, bounds),
        }
        self._queue(Tenure, tenure, record, single=single)

    def _vacancies(self, record: Record) -> None:
        record.check_keys(VACANCY_KEYS)
        post_slug = record.required("post")
        if post_slug not in self.posts:
            raise record.fail("post", "names no post defined before it")
        post_id, single = self.posts[post_slug]
        if not single:
            raise record.fail("post", "has more than one holder at a time: only a post of one holder can be vacant")
        if not record.citations(self.seeds):
            raise record.fail("sources", "is required: a vacancy is recorded only where a source says so")
        start, end, attested, bounds = record.temporal()
        vacancy = {
            "post_id": post_id,
            "note": _note(record),
            "dataset_id": self.root_id,
            **_temporal_fields(start, end, attested, bounds),
        }
        self._queue(Vacancy, vacancy, record, single=True)

    # -- references and sources ---------------------------------------------

    def ref(self, record: Record, field_name: str, known: Mapping[str, Any]) -> int:
        value = record.required(field_name)
        if value not in known:
            raise record.fail(field_name, "names no record defined before it")
        pk = known[value]
        return pk[0] if isinstance(pk, tuple) else pk

    def source_keys(self, citations: list[Citation]) -> list[str]:
        """Return the keys of the citations, queueing the ones not stored yet."""
        keys = []
        for citation in citations:
            key = _source_key(citation)
            if key not in self.sources and key not in self.new_sources:
                self.new_sources[key] = Source(key=key, ref=citation.ref, url=citation.url, quote=citation.quote)
            if key not in keys:  # a citation listed twice links once
                keys.append(key)
        return keys

    def cite(self, obj: models.Model, citations: list[Citation]) -> None:
        """Link a saved record to its citations, replacing any it had, in the order the dataset lists them.

        (A related manager's set() would not keep that order.)
        """
        keys = self.source_keys(citations)
        self._flush_sources()
        through = obj.sources.through
        owner = through._meta.get_field(obj._meta.model_name).attname
        through.objects.filter(**{owner: obj.pk}).delete()
        through.objects.bulk_create([through(**{owner: obj.pk, "source_id": self.sources[key]}) for key in keys])

    def _queue(self, model: type[models.Model], row: dict[str, Any], record: Record, *, single: bool = False) -> None:
        pending = self.pending.get(model)
        if pending is None:
            pending = self.pending[model] = _Pending()
        pending.rows.append(row)
        pending.sources.append(self.source_keys(record.citations(self.seeds)))
        pending.records.append(record)
        pending.single.append(single)
        if len(pending.rows) >= BATCH:
            self._flush(model)

    # -- writing -------------------------------------------------------------

    def _flush_sources(self) -> None:
        if not self.new_sources:
            return
        created = Source.objects.bulk_create(list(self.new_sources.values()), batch_size=BATCH)
        self.sources.update((source.key, source.pk) for source in created)
        self.new_sources.clear()

    def _flush_all(self) -> None:
        for model in list(self.pending):
            self._flush(model)

    def _flush(self, model: type[models.Model]) -> None:
        pending = self.pending.pop(model, None)
        if pending is None or not pending.rows:
            return
        if model in (Post, Person):
            self._refuse_taken_ids(model, pending)
        self._flush_sources()
        ids = insert_rows(model, pending.rows)
        name = model._meta.verbose_name_plural
        self.counts[str(name).replace("state memberships", "memberships")] += len(ids)
        if model is Post:
            self.posts.update((row["slug"], (pk, row["single"])) for row, pk in zip(pending.rows, ids, strict=True))
        elif model is Person:
            self.persons.update((row["slug"], pk) for row, pk in zip(pending.rows, ids, strict=True))
        elif model in (Tenure, Vacancy):
            # Keep only what an error about the tenure names, not the whole parsed record.
            self.single_tenures.extend(
                (pk, row | {"model": model}, Record(record.file, record.label, _identity(record.data), record.index))
                for pk, row, record, single in zip(ids, pending.rows, pending.records, pending.single, strict=True)
                if single
            )
        through = model.sources.through
        owner = through._meta.get_field(model._meta.model_name).column
        links = [(pk, self.sources[key]) for pk, keys in zip(ids, pending.sources, strict=True) for key in keys]
        if links:
            # Citation links are plain pairs of ids: written directly, without a model object per link.
            sql = f'INSERT INTO {through._meta.db_table} ("{owner}", "source_id") VALUES (%s, %s)'  # noqa: S608  # names come from the models
            with connection.cursor() as cursor:
                cursor.executemany(sql, links)

    @staticmethod
    def _refuse_taken_ids(model: type[models.Model], pending: _Pending) -> None:
        """Refuse an identifier another organization's dataset already uses (ids are global)."""
        slugs = [row["slug"] for row in pending.rows]
        taken = set(model.objects.filter(slug__in=slugs).values_list("slug", flat=True))
        for row, record in zip(pending.rows, pending.records, strict=True):
            if row["slug"] in taken:
                raise record.fail("id", "is already used by another organization's dataset")

    def finish(self, *, files: int) -> ImportReport:
        self._flush_all()
        self._flush_sources()
        if self.root is None:
            raise DatasetError(file=self.file, record="organization", field=None, value=None, problem="is required")
        self._infer_successions()
        search_rebuild(self.root)  # written in bulk, without signals: its entries written here, in the same transaction
        return ImportReport(organization=self.root.slug, files=files, counts=self.counts)

    def _infer_successions(self) -> None:
        """Apply the successor inference to the tenures and vacancies of every single-holder post."""
        by_post: dict[int, list[tuple[type[models.Model], int, Bounds, Record]]] = {}
        for pk, row, record in self.single_tenures:
            bounds = Bounds(row["start_min"], row["start_max"], row["end_min"], row["end_max"])
            by_post.setdefault(row["post_id"], []).append((row["model"], pk, bounds, record))
        changed: dict[type[models.Model], list[models.Model]] = {Tenure: [], Vacancy: []}
        for items in by_post.values():
            try:
                inferred = succession([bounds for _, _, bounds, _ in items])
            except TimelineError as error:
                raise items[-1][3].fail("post", str(error)) from error
            for (model, pk, bounds, _), new in zip(items, inferred, strict=True):
                if new != bounds:
                    changed[model].append(
                        model(
                            pk=pk,
                            start_min=new.start_min,
                            start_max=new.start_max,
                            end_min=new.end_min,
                            end_max=new.end_max,
                        )
                    )
        for model, rows in changed.items():
            model.objects.bulk_update(rows, ["start_min", "start_max", "end_min", "end_max"], batch_size=BATCH)

    @property
    def root_id(self) -> int:
        if self.root is None:  # load() reads the organization first, so this is a programming error
            raise RuntimeError("records read before the organization")
        return self.root.pk

    def temporal_fields(self, record: Record) -> dict[str, Any]:
        """Read a record's from/until/attested as the model's temporal fields."""
        return _temporal_fields(*record.temporal())

    def next_position(self) -> int:
        self.position += 1
        return self.position


def _as_map(file: str, section: str, value: object) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise DatasetError(file=file, record=section, field=None, value=None, problem="must be a map")
    return value


@lru_cache(maxsize=100_000)
def _source_key(citation: Citation) -> str:
    return Source.key_for(citation.ref, citation.url, citation.quote)


def _note(record: Record) -> str:
    """A record's note, refused when it exceeds what the model keeps (the same bound for tenures and memberships)."""
    note = record.optional_text("note") or ""
    limit = Tenure._meta.get_field("note").max_length
    if limit is not None and len(note) > limit:
        raise record.fail("note", f"is longer than {limit} characters")
    return note


def _identity(data: Mapping[str, Any]) -> dict[str, Any]:
    return {key: data[key] for key in ("person", "post") if key in data}


def _temporal_fields(start: str, end: str, attested: list[str], bounds: Bounds) -> dict[str, Any]:
    return {
        "start": start,
        "end": end,
        "attested": attested,
        "start_min": bounds.start_min,
        "start_max": bounds.start_max,
        "end_min": bounds.end_min,
        "end_max": bounds.end_max,
    }


__all__ = ["DatasetError", "ImportReport", "dataset_files", "dataset_import", "seed_lines"]
