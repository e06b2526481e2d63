"""The search index: what a search matches for each record, kept in step with every write.

Each readable record (a state, body, partner, post, person, instrument, session, decision,
exercise, operation, force, programme or case) has one SearchEntry: its names in every language
and its id as `title`, its other words (article texts, places, agenda, documents, figures'
measures, the year it concerns) as `body`, both folded by `words()` (case, the Russian ё/е and
other diacritics) so that SQLite's FTS5 and PostgreSQL's full text see the same words.

Writes through the ORM (services, the admin) update the entries of what they saved or deleted from
Django's signals, in the same transaction. The dataset import writes in bulk inside `bulk_writes()`:
the signals' receivers stand aside, and it rebuilds its organization's entries (and the shared
states') before it commits; on SQLite the FTS index is then rebuilt once, not row by row.
"""

from __future__ import annotations

import contextlib
import contextvars
import itertools
import json
import re
import unicodedata
from collections.abc import Iterable, Iterator
from typing import Any

from django.db import connection, models

from csto_registry.records.models import (
    Case,
    Decision,
    Exercise,
    Figure,
    Force,
    Instrument,
    Operation,
    Organization,
    OrganizationKind,
    Person,
    Post,
    Programme,
    SearchEntry,
    Session,
    State,
)
from csto_registry.records.models.restricted import PUBLIC
from csto_registry.timeline import EARLIEST, LATEST

BATCH = 2_000
_BULK: contextvars.ContextVar[bool] = contextvars.ContextVar("search_bulk", default=False)
_WORD = re.compile(r"[^\W_]+")
_CYRILLIC = str.maketrans("ёй", "еи")  # the two Russian letters with a mark, folded without decomposing


def words(*texts: object) -> str:
    """The words of `texts`, casefolded and without diacritics (ё is е, й is и), one space apart."""
    found: list[str] = []
    for text in texts:
        if isinstance(text, str) and text:
            folded = text.casefold()
            if not folded.isascii():
                folded = folded.translate(_CYRILLIC)
                if not unicodedata.is_normalized("NFKD", folded):  # letters with marks: drop the marks
                    decomposed = unicodedata.normalize("NFKD", folded)
                    folded = "".join(c for c in decomposed if not unicodedata.combining(c))
            found.extend(_WORD.findall(folded))
    return " ".join(found)


def _values(*maps: Any) -> list[str]:
    """Every text of name maps ({lang: text}) and lists of texts or of name maps."""
    texts: list[str] = []
    for value in maps:
        if isinstance(value, str):
            texts.append(value)
        elif isinstance(value, dict):
            texts.extend(_values(*value.values()))
        elif isinstance(value, list | tuple):
            texts.extend(_values(*value))
    return texts


def _year(edtf: str) -> str:
    """The year an EDTF date or interval begins in ("2022" of "2022-01-06/2022-01-19"), to be found by it."""
    found = re.match(r"\d{4}", edtf or "")
    return found.group(0) if found else ""


def _first_day(record: Any) -> Any:
    day = getattr(record, "start_min", None) or getattr(record, "day_min", None)
    return None if day in (None, EARLIEST, LATEST) else day


class _Names:
    """The names of states and bodies by id, read once for a batch of entries."""

    def __init__(self) -> None:
        self.states = {code: (name, short) for code, name, short in State.objects.values_list("code", "name", "short")}
        self.state_codes = dict(State.objects.values_list("pk", "code"))
        self.bodies = {pk: (name, abbr) for pk, name, abbr in Organization.objects.values_list("pk", "name", "abbr")}

    def state(self, pk: int | None) -> list[str]:
        code = self.state_codes.get(pk) if pk is not None else None
        return [code, *_values(*self.states[code])] if code is not None and code in self.states else []

    def state_short(self, pk: int | None) -> dict[str, str]:
        code = self.state_codes.get(pk) if pk is not None else None
        name, short = self.states.get(code, ({}, {})) if code else ({}, {})
        return short or name

    def body(self, pk: int | None) -> list[str]:
        return _values(*self.bodies[pk]) if pk in self.bodies else []

    def body_name(self, pk: int | None) -> dict[str, str]:
        return self.bodies[pk][0] if pk in self.bodies else {}


def _entry(
    kind: str,
    key: str,
    *,
    dataset: int | None,
    names: dict[str, str],
    title: Iterable[object],
    body: Iterable[object] = (),
    when: str = "",
    day: Any = None,
    access: str = PUBLIC,
) -> tuple[Any, ...]:
    """One entry as the row `_index` writes (the columns of COLUMNS)."""
    return (kind, key, dataset, access, names, when, day, words(key, *title), words(*body, _year(when)))


def _joined(lang_maps: list[dict[str, str]], sep: str = ", ") -> dict[str, str]:
    """Name maps joined by language: [{en: Council}, {en: Minsk}] -> {en: "Council, Minsk"}."""
    langs = {lang for names in lang_maps for lang in names}
    return {
        lang: sep.join(names.get(lang) or names.get("en", "") for names in lang_maps if names) for lang in sorted(langs)
    }


# -- one builder per kind: the records of a queryset as entries ---------------------------------


def _states(queryset: models.QuerySet[State], _names: _Names) -> Iterator[tuple[Any, ...]]:
    for state in queryset:
        yield _entry(
            "state", state.code, dataset=None, names=state.short or state.name, title=_values(state.name, state.short)
        )


def _organizations(queryset: models.QuerySet[Organization], names: _Names) -> Iterator[tuple[Any, ...]]:
    for org in queryset:
        kind = "partner" if org.kind == OrganizationKind.PARTNER else "body"
        yield _entry(
            kind,
            org.slug,
            dataset=org.dataset_id or org.pk,
            names=org.name,
            title=_values(org.name, org.abbr, org.other_names),
            body=[*_values(org.seat, org.founded_by), *names.body(org.parent_id)],
            when=org.start,
            day=_first_day(org),
        )


def _posts(queryset: models.QuerySet[Post], names: _Names) -> Iterator[tuple[Any, ...]]:
    for post in queryset:
        yield _entry(
            "post",
            post.slug,
            dataset=post.dataset_id,
            names=post.title,
            title=_values(post.title),
            body=[*names.body(post.organization_id), *names.state(post.state_id)],
        )


def _persons(queryset: models.QuerySet[Person], _names: _Names) -> Iterator[tuple[Any, ...]]:
    # Read with a plain cursor (server-side on PostgreSQL, as the ORM's iterator), the JSON decoded
    # here: for 200,000 persons the ORM's converters cost as much as the rest of their entries.
    sql, params = queryset.values_list("slug", "dataset_id", "name", "full_name", "other_names").query.sql_with_params()
    with connection.chunked_cursor() as cursor:
        cursor.execute(sql, params)
        while rows := cursor.fetchmany(BATCH):
            for slug, dataset, *maps in rows:
                name, full_name, other_names = (json.loads(m) if isinstance(m, str | bytes) else m for m in maps)
                yield _entry("person", slug, dataset=dataset, names=name, title=_values(name, full_name, other_names))


def _instruments(queryset: models.QuerySet[Instrument], names: _Names) -> Iterator[tuple[Any, ...]]:
    for instrument in queryset:
        articles = [
            text
            for article in instrument.articles
            for text in ("article", str(article.get("number", "")), *_values(article.get("text")))
        ]
        yield _entry(
            "instrument",
            instrument.slug,
            dataset=instrument.dataset_id,
            names=instrument.title,
            title=_values(instrument.title),
            body=[instrument.kind, *articles, *names.body(instrument.adopted_by_id)],
            when=instrument.start,
            day=_first_day(instrument),
            access=instrument.access,
        )


def _sessions(queryset: models.QuerySet[Session], names: _Names) -> Iterator[tuple[Any, ...]]:
    for session in queryset:
        yield _entry(
            "session",
            session.slug,
            dataset=session.dataset_id,
            names=_joined([names.body_name(session.body_id), session.place]),
            title=[*names.body(session.body_id), *_values(session.place)],
            body=[session.kind, *_values(session.agenda, session.documents), *names.state(session.state_id)],
            when=session.start,
            day=_first_day(session),
            access=session.access,
        )


def _decisions(queryset: models.QuerySet[Decision], names: _Names) -> Iterator[tuple[Any, ...]]:
    for decision in queryset:
        yield _entry(
            "decision",
            decision.slug,
            dataset=decision.dataset_id,
            names=decision.title,
            title=_values(decision.title),
            body=[decision.number, *names.body(decision.body_id)],
            when=decision.adopted_on.isoformat() if decision.adopted_on else "",
            day=decision.adopted_on,
            access=decision.access,
        )


def _exercises(queryset: models.QuerySet[Exercise], names: _Names) -> Iterator[tuple[Any, ...]]:
    for exercise in queryset:
        yield _entry(
            "exercise",
            exercise.slug,
            dataset=exercise.dataset_id,
            names=exercise.name,
            title=_values(exercise.name),
            body=names.state(exercise.host_id),
            when=exercise.date,
            day=exercise.day_min,
            access=exercise.access,
        )


def _measures(figures: Iterable[Figure]) -> list[str]:
    return [text for figure in figures for text in (figure.measure.replace("-", " "), figure.unit)]


def _operations(queryset: models.QuerySet[Operation], names: _Names) -> Iterator[tuple[Any, ...]]:
    for operation in queryset.prefetch_related("figures"):
        # A figure's words are found only where the operation's readers may read the figure too.
        figures = [f for f in operation.figures.all() if f.access in (PUBLIC, operation.access)]
        yield _entry(
            "operation",
            operation.slug,
            dataset=operation.dataset_id,
            names=operation.name,
            title=_values(operation.name),
            body=[operation.kind, *_measures(figures), *names.body(operation.coordinator_id)],
            when=operation.start,
            day=_first_day(operation),
            access=operation.access,
        )


def _forces(queryset: models.QuerySet[Force], _names: _Names) -> Iterator[tuple[Any, ...]]:
    for force in queryset.prefetch_related("figures"):
        figures = [f for f in force.figures.all() if f.access in (PUBLIC, force.access)]
        yield _entry(
            "force",
            force.slug,
            dataset=force.dataset_id,
            names=force.name,
            title=_values(force.name, force.abbr),
            body=[*_values(force.region), *_measures(figures)],
            when=force.start,
            day=_first_day(force),
            access=force.access,
        )


def _programmes(queryset: models.QuerySet[Programme], _names: _Names) -> Iterator[tuple[Any, ...]]:
    for programme in queryset:
        yield _entry(
            "programme",
            programme.slug,
            dataset=programme.dataset_id,
            names=programme.name,
            title=_values(programme.name),
            body=[programme.kind],
            when=programme.date,
            access=programme.access,
        )


def _cases(queryset: models.QuerySet[Case], names: _Names) -> Iterator[tuple[Any, ...]]:
    for case in queryset:
        yield _entry(
            "case",
            case.slug,
            dataset=case.dataset_id,
            names=names.state_short(case.victim_id),
            title=names.state(case.victim_id),
            body=_values(case.summary),
            when=case.opened,
            access=case.access,
        )


BUILDERS: dict[type[models.Model], Any] = {
    State: _states,
    Organization: _organizations,
    Post: _posts,
    Person: _persons,
    Instrument: _instruments,
    Session: _sessions,
    Decision: _decisions,
    Exercise: _exercises,
    Operation: _operations,
    Force: _forces,
    Programme: _programmes,
    Case: _cases,
}
_KEY = {State: "code"}


COLUMNS = ("kind", "key", "dataset_id", "access", "names", "when", "day", "title", "body")


def _index(model: type[models.Model], queryset: models.QuerySet[Any], names: _Names | None = None) -> int:
    """Write the entries of `queryset`'s records, in batches; return how many.

    The rows go in by one prepared INSERT per batch (executemany), their JSON and dates prepared by
    the model's own fields: a quarter of a million entries cost seconds, not the ORM's minutes.
    """
    names = names or _Names()
    fields = [SearchEntry._meta.get_field(column.removesuffix("_id")) for column in COLUMNS]
    table = connection.ops.quote_name(SearchEntry._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(column) for column in COLUMNS)
    sql = f"INSERT INTO {table} ({columns}) VALUES ({', '.join(['%s'] * len(COLUMNS))})"  # noqa: S608  # names of the model's own table and columns
    prepared = [(i, field) for i, field in enumerate(fields) if field.get_internal_type() in ("JSONField", "DateField")]
    count = 0
    rows = (list(entry) for entry in BUILDERS[model](queryset, names))
    with connection.cursor() as cursor:
        while batch := list(itertools.islice(rows, BATCH)):
            for row in batch:
                for i, field in prepared:
                    row[i] = field.get_db_prep_save(row[i], connection)
            cursor.executemany(sql, batch)
            count += len(batch)
    return count


@contextlib.contextmanager
def bulk_writes() -> Iterator[None]:
    """Within a transaction: write records in bulk, then `rebuild()` their entries, the index once.

    The signals' receivers do nothing inside; on SQLite a row in records_searchbulk makes the FTS
    triggers stand aside (migration 0017) and the FTS index is rebuilt from the entries at the end,
    which costs a fraction of keeping it row by row. On an error the transaction is rolled back,
    the row with it.
    """
    sqlite = connection.vendor == "sqlite"
    token = _BULK.set(True)
    try:
        if sqlite:
            with connection.cursor() as cursor:
                cursor.execute("INSERT INTO records_searchbulk (id) VALUES (1)")
        yield
        if sqlite:
            with connection.cursor() as cursor:
                cursor.execute("DELETE FROM records_searchbulk")
                cursor.execute("INSERT INTO records_searchtext (records_searchtext) VALUES ('rebuild')")
    finally:
        _BULK.reset(token)


def rebuild(dataset: Organization | None = None) -> int:
    """Write afresh the entries of `dataset`'s records and of every state (None: of every record).

    The dataset import calls it before it commits; `csto search --reindex` calls it for all.
    """
    names = _Names()
    stale = SearchEntry.objects.all() if dataset is None else SearchEntry.objects.filter(dataset=dataset)
    stale.delete()
    SearchEntry.objects.filter(kind="state").delete()
    count = _index(State, State.objects.all(), names)
    for model in BUILDERS:
        if model is State:
            continue
        queryset = model.objects.all()
        if dataset is not None and model is Organization:
            queryset = queryset.filter(models.Q(dataset=dataset) | models.Q(pk=dataset.pk))
        elif dataset is not None:
            queryset = queryset.filter(dataset=dataset)
        count += _index(model, queryset, names)
    return count


# -- writes through the ORM: the signals' receivers ---------------------------------------------


def _kinds(model: type[models.Model]) -> tuple[str, ...]:
    return (
        ("body", "partner")
        if model is Organization
        else ("state",)
        if model is State
        else (model._meta.model_name or "",)
    )


def _refresh(model: type[models.Model], queryset: models.QuerySet[Any]) -> None:
    """Write afresh the entries of the records of `queryset`."""
    keys = list(queryset.values_list(_KEY.get(model, "slug"), flat=True))
    if not keys:
        return
    SearchEntry.objects.filter(kind__in=_kinds(model), key__in=keys).delete()
    _index(model, queryset)


def _dependents(model: type[models.Model], record: Any) -> list[tuple[type[models.Model], models.QuerySet[Any]]]:
    """The records whose entries hold words of `record`: a figure's owner, a body's posts and sessions, ..."""
    if model is Figure:
        return [
            (Operation, Operation.objects.filter(pk=record.operation_id)),
            (Force, Force.objects.filter(pk=record.force_id)),
        ]
    if model is Organization:
        return [(Post, Post.objects.filter(organization=record.pk)), (Session, Session.objects.filter(body=record.pk))]
    if model is State:
        return [(Post, Post.objects.filter(state=record.pk)), (Case, Case.objects.filter(victim=record.pk))]
    return []


def record_saved(sender: type[models.Model], instance: Any, raw: bool = False, **_: Any) -> None:
    """post_save: the saved record's entry (and its dependents') written afresh."""
    if raw or _BULK.get() or (sender not in BUILDERS and sender is not Figure):
        return
    if sender in BUILDERS:
        _refresh(sender, sender.objects.filter(pk=instance.pk))
    for model, queryset in _dependents(sender, instance):
        _refresh(model, queryset)


def record_deleted(sender: type[models.Model], instance: Any, origin: Any = None, **_: Any) -> None:
    """post_delete: the deleted record's entry removed (its owner's written afresh, for a figure).

    A dataset's root removed (an import replacing it, or the admin) takes its entries with it by
    the cascade; then nothing is done per record.
    """
    if _BULK.get() or (isinstance(origin, Organization) and origin.dataset_id is None):
        return
    if sender in BUILDERS:
        SearchEntry.objects.filter(kind__in=_kinds(sender), key=getattr(instance, _KEY.get(sender, "slug"))).delete()
    elif sender is Figure:
        for model, queryset in _dependents(sender, instance):
            _refresh(model, queryset)
