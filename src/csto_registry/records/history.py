"""The record's history: every version of every record, kept by the revisions it was current in.

A plain system-versioned design, the same on SQLite and PostgreSQL. Each versioned table T (every table of
the records but the accounts, the audit trail, the revision row and the search index, which are not the
record or are made from it) has a history table T__history with T's columns and two more: `rec_from`, the
revision that wrote the version, and `rec_until`, the revision that replaced or removed it (null while it is
current). Triggers in the database keep it, so every write is kept whichever way it comes (a service, the
admin, an import's bulk SQL): a version is current at revision R when rec_from <= R < rec_until.

A revision keeps only what it changed. An update that changes nothing writes nothing; a row removed and
written again with the same content in one revision (an import that replaces its organization with the
same records: datasets.importer gives each unchanged row its old id back) reopens its old version instead
of adding one. A row's version is found by its primary key, or, for a link table of a many-to-many
relation, by the pair of rows it links (a link written again gets a new id).

`history_sync()` makes the history tables and triggers, adds to a history table a column its table gained,
and fills a new history table with the rows already there (as of the current revision, which `Revision.
history_from` remembers as the first one kept). Migration 0020 runs it; so does every `migrate` afterwards
(the records app's post_migrate), so a later migration that changes a table is followed by its history.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db import connection as default_connection
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Max

from csto_registry.records.errors import InvalidInput
from csto_registry.records.revision import AS_RECORDED
from csto_registry.records.snapshot import read_snapshot

SUFFIX = "__history"
# Not the record, or made from it: who may write, the trail of writes, the revision row, the search index.
UNVERSIONED = frozenset({"account", "apitoken", "auditentry", "revision", "searchentry"})
REVISION = "(SELECT COALESCE(MAX(number), 0) FROM records_revision WHERE id = 1)"
# A new history of at least this many rows is written before it is indexed (below it, dropping and making
# its indexes again costs more than keeping them: `csto init`'s built-in dataset).
REINDEX_FROM = 10_000
# Whether PostgreSQL's triggers stand aside: while an import writes its rows, and `history_in_bulk` the
# history after (SQLite's are dropped meanwhile instead).
QUIET = "(SELECT history_quiet FROM records_revision WHERE id = 1)"


@dataclass(frozen=True)
class Table:
    """A versioned table: its name, its columns (name, declared type), the columns that find a row's version,
    and whether it is a link table (whose own id is not part of what a link says)."""

    name: str
    columns: tuple[tuple[str, str], ...]
    key: tuple[str, ...]
    link: bool = False

    @property
    def history(self) -> str:
        return self.name + SUFFIX

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(name for name, _ in self.columns)

    @property
    def compared(self) -> tuple[str, ...]:
        """The columns two versions must agree on to be the same version."""
        return tuple(name for name in self.names if not (self.link and name == "id"))


def versioned_tables(connection: BaseDatabaseWrapper = default_connection) -> list[Table]:
    """The records' versioned tables, with their columns as the database has them, in a stable order."""
    existing = set(connection.introspection.table_names())
    found: dict[str, tuple[tuple[str, ...], bool]] = {}
    for model in apps.get_app_config("records").get_models():
        if model._meta.model_name in UNVERSIONED or not model._meta.managed:
            continue
        found[model._meta.db_table] = ((model._meta.pk.column,), False)
        for field in model._meta.local_many_to_many:
            through = field.remote_field.through
            if through._meta.auto_created:
                pair = tuple(f.column for f in through._meta.local_fields if f.is_relation)
                found[through._meta.db_table] = (pair, True)
    with connection.cursor() as cursor:
        return [
            Table(name, _columns(connection, cursor, name), key, link)
            for name, (key, link) in sorted(found.items())
            if name in existing
        ]


def _columns(connection: BaseDatabaseWrapper, cursor: Any, table: str) -> tuple[tuple[str, str], ...]:
    """A table's columns and their declared types, in their order."""
    if connection.vendor == "sqlite":
        cursor.execute(f'PRAGMA table_info("{table}")')
        return tuple((row[1], row[2] or "") for row in cursor.fetchall())
    cursor.execute(
        "SELECT attname, format_type(atttypid, atttypmod) FROM pg_attribute"
        " WHERE attrelid = %s::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum",
        [table],
    )
    return tuple((name, kind) for name, kind in cursor.fetchall())


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'  # the same on SQLite and PostgreSQL


def history_sync(connection: BaseDatabaseWrapper = default_connection) -> None:
    """Make or update every history table and its triggers (idempotent; see the module's docstring)."""
    tables = versioned_tables(connection)
    existing = set(connection.introspection.table_names())
    with connection.cursor() as cursor:
        for table in tables:
            if table.history not in existing:
                _create(connection, cursor, table)
            else:
                kept = {name for name, _ in _columns(connection, cursor, table.history)}
                for name, kind in table.columns:
                    if name not in kept:
                        cursor.execute(f"ALTER TABLE {_quote(table.history)} ADD COLUMN {_quote(name)} {kind}")
            _triggers(connection.vendor, cursor, table)
        cursor.execute("UPDATE records_revision SET history_from = number WHERE id = 1 AND history_from IS NULL")
    _tables_of.cache_clear()


def _create(connection: BaseDatabaseWrapper, cursor: Any, table: Table) -> None:
    """A history table for `table` holding the rows already there as versions of the current revision, indexed."""
    history = _quote(table.history)
    columns = ", ".join(f"{_quote(name)} {kind}" for name, kind in table.columns)
    cursor.execute(f"CREATE TABLE {history} ({columns}, rec_from bigint NOT NULL, rec_until bigint)")
    names = ", ".join(_quote(name) for name in table.names)
    cursor.execute(f"INSERT INTO {history} ({names}, rec_from) SELECT {names}, {REVISION} FROM {_quote(table.name)}")  # noqa: S608  # names from the schema
    for statement in _indexes(connection, cursor, table):
        cursor.execute(statement)


def _indexes(connection: BaseDatabaseWrapper, cursor: Any, table: Table) -> list[str]:
    """The statements that index a history table: by the key (with rec_until), by rec_until, and as the table
    itself is indexed, so that a read as recorded finds its rows as a read of the table does."""
    history = _quote(table.history)
    key = ", ".join(_quote(name) for name in table.key)
    statements = [
        f"CREATE INDEX {_quote(table.history + '_key')} ON {history} ({key}, rec_until)",
        f"CREATE INDEX {_quote(table.history + '_until')} ON {history} (rec_until)",
    ]
    done = {table.key}
    for _, indexed in _index_list(connection, cursor, table.name):
        if not indexed or indexed in done or not set(indexed) <= set(table.names):
            continue
        done.add(indexed)
        statements.append(
            f"CREATE INDEX {_quote(table.history + '_' + str(len(done)))} ON {history} "
            f"({', '.join(_quote(c) for c in indexed)})"
        )
    return statements


def _index_list(connection: BaseDatabaseWrapper, cursor: Any, name: str) -> list[tuple[str, tuple[str, ...]]]:
    """Each index of a table but its primary key's: its name and its columns, in a stable order.

    SQLite's own lists (PRAGMA index_list, index_info): Django's introspection parses each table's SQL, about
    30 ms a table, most of what making the history cost `csto init`.
    """
    if connection.vendor == "sqlite":
        cursor.execute(f"PRAGMA index_list({_quote(name)})")
        names = sorted(row[1] for row in cursor.fetchall() if row[3] != "pk")
        found = []
        for index in names:
            cursor.execute(f"PRAGMA index_info({_quote(index)})")
            found.append((index, tuple(row[2] for row in sorted(cursor.fetchall()))))
        return found
    constraints = connection.introspection.get_constraints(cursor, name)
    return [
        (index, tuple(info.get("columns") or ()))
        for index, info in sorted(constraints.items())
        if not info.get("primary_key") and (info.get("index") or info.get("unique"))
    ]


def _same(vendor: str, table: Table, row: str) -> str:
    """SQL: the history row holds the same values as the written row `row` (NEW or OLD)."""
    if vendor == "sqlite":  # unary +: never a reason to read another index (see _statements)
        return " AND ".join(f"+{_quote(c)} IS {row}.{_quote(c)}" for c in table.compared)
    return " AND ".join(f"{_quote(c)} IS NOT DISTINCT FROM {row}.{_quote(c)}" for c in table.compared)


def _found(table: Table, row: str) -> str:
    """SQL: the history row is a version of the written row `row`."""
    return " AND ".join(f"{_quote(c)} = {row}.{_quote(c)}" for c in table.key)


def _statements(vendor: str, table: Table, revision: str) -> tuple[list[str], list[str]]:
    """The statements that close the version of OLD, and those that open (or reopen) the version of NEW.

    Each finds a row's versions by its key's index: on SQLite every other term is written `+column`,
    which no index serves, since with no statistics its planner may take another index the row's values
    match (every version of a body's people shares its dataset; every current one has no rec_until),
    which makes each write scan the history: quadratic over a large import. PostgreSQL's trigger
    function runs with sequential scans off for the same reason (`_triggers`).
    """
    history = _quote(table.history)
    plus = "+" if vendor == "sqlite" else ""
    until, since = f"{plus}rec_until", f"{plus}rec_from"
    names = ", ".join(_quote(name) for name in table.names)
    values = ", ".join(f"NEW.{_quote(name)}" for name in table.names)
    # Every name below comes from the schema, every value from the written row: nothing from a user.
    old, new = _found(table, "OLD"), _found(table, "NEW")
    close = [
        # A version written in this same revision was never current in a committed one: it goes.
        f"DELETE FROM {history} WHERE {old} AND {until} IS NULL AND {since} = {revision}",  # noqa: S608
        f"UPDATE {history} SET rec_until = {revision} WHERE {old} AND {until} IS NULL",  # noqa: S608
    ]
    same = _same(vendor, table, "NEW")
    open_ = [
        # The same content written again in the revision that removed it: the old version goes on.
        f"UPDATE {history} SET rec_until = NULL WHERE {new} AND {until} = {revision} AND {same}",  # noqa: S608
        f"INSERT INTO {history} ({names}, rec_from) SELECT {values}, {revision}"  # noqa: S608
        f" WHERE NOT EXISTS (SELECT 1 FROM {history} WHERE {new} AND {until} IS NULL)",
    ]
    return close, open_


def _triggers(vendor: str, cursor: Any, table: Table) -> None:
    """(Re)make the triggers that keep `table`'s history, for its columns as they are now."""
    base, name = _quote(table.name), table.name + SUFFIX
    if vendor == "sqlite":
        close, open_ = _statements(vendor, table, REVISION)
        changed = " OR ".join(f"OLD.{_quote(c)} IS NOT NEW.{_quote(c)}" for c in table.names)
        # No quiet check here: while an import writes, history_in_bulk has dropped these triggers.
        bodies = {
            "i": ("AFTER INSERT", "", open_),
            "d": ("AFTER DELETE", "", close),
            "u": ("AFTER UPDATE", f" WHEN {changed}", close + open_),
        }
        for suffix, (event, when, statements) in bodies.items():
            trigger = _quote(f"{name}_{suffix}")
            cursor.execute(f"DROP TRIGGER IF EXISTS {trigger}")
            body = "; ".join(statements)
            cursor.execute(f"CREATE TRIGGER {trigger} {event} ON {base} FOR EACH ROW{when} BEGIN {body}; END")
        return
    close, open_ = _statements(vendor, table, "revision")
    function = _quote(f"{name}_keep")
    cursor.execute(
        f"CREATE OR REPLACE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql SET enable_seqscan = off AS $$\n"
        f"DECLARE revision bigint := {REVISION};\n"
        "BEGIN\n"
        f"  IF {QUIET} IS TRUE THEN RETURN NULL; END IF;\n"
        "  IF TG_OP = 'UPDATE' AND OLD IS NOT DISTINCT FROM NEW THEN RETURN NULL; END IF;\n"
        f"  IF TG_OP IN ('UPDATE', 'DELETE') THEN {'; '.join(close)}; END IF;\n"
        f"  IF TG_OP IN ('UPDATE', 'INSERT') THEN {'; '.join(open_)}; END IF;\n"
        "  RETURN NULL;\n"
        "END $$"
    )
    trigger = _quote(f"{name}_keep")
    cursor.execute(f"DROP TRIGGER IF EXISTS {trigger} ON {base}")
    events = "AFTER INSERT OR UPDATE OR DELETE"
    cursor.execute(f"CREATE TRIGGER {trigger} {events} ON {base} FOR EACH ROW EXECUTE FUNCTION {function}()")


def history_from() -> int:
    """The first revision whose record the history keeps whole (0: every one)."""
    with default_connection.cursor() as cursor:
        cursor.execute("SELECT history_from FROM records_revision WHERE id = 1")
        row = cursor.fetchone()
    return int(row[0]) if row and row[0] is not None else 0


def views_create(cursor: Any, tables: list[Table], revision: int) -> None:
    """Temporary views named as the versioned tables, showing their rows as recorded at `revision`.

    A temporary object is found before a table of the same name, on SQLite and on PostgreSQL, so every
    read on this connection reads the record as it stood, through the same queries.
    """
    for table in tables:
        names = ", ".join(_quote(name) for name in table.names)
        cursor.execute(
            f"CREATE TEMP VIEW {_quote(table.name)} AS SELECT {names} FROM {_quote(table.history)}"  # noqa: S608  # names from the schema
            f" WHERE rec_from <= {int(revision)} AND (rec_until IS NULL OR rec_until > {int(revision)})"
        )


def views_drop(cursor: Any, tables: list[Table]) -> None:
    """Drop the views `views_create` made: the tables are read again."""
    for table in tables:
        if default_connection.vendor == "sqlite":
            cursor.execute(f"DROP VIEW IF EXISTS temp.{_quote(table.name)}")
        else:
            cursor.execute(f"DROP VIEW IF EXISTS pg_temp.{_quote(table.name)}")


@contextlib.contextmanager
def history_in_bulk() -> Iterator[None]:
    """Write many rows with the triggers quiet, then bring the history in step with the tables at once.

    A dataset import replaces its organization: it removes every row of it and writes the dataset's.
    Kept row by row, that is a trigger per row removed and per row written (most of an import's time at a
    million tenures). Inside, the triggers stand aside; at the end, in the same transaction, every new
    row that holds exactly what a removed one held is given that row's id back (parents first, and the
    references to it follow), and then each table is compared with its current versions: a version whose
    row is gone or differs is closed, a row with no equal current version opens one. So re-importing
    the same dataset keeps no second copy, and changing one tenure keeps its new version and its links.
    """
    everything = versioned_tables()
    sqlite = default_connection.vendor == "sqlite"
    with default_connection.cursor() as cursor:
        cursor.execute("UPDATE records_revision SET history_quiet = %s WHERE id = 1", [True])
        if sqlite:
            # Not even asked: a trigger that stands aside still costs each row written (a quarter of a
            # million-tenure import). Dropped inside the import's transaction, they are back with its end,
            # or its rollback; readers go on with the schema of the last commit. (On PostgreSQL dropping
            # one would lock its table against readers until the commit: there they stand aside.)
            for table in everything:
                for suffix in ("i", "d", "u"):
                    cursor.execute(f"DROP TRIGGER IF EXISTS {_quote(table.history + '_' + suffix)}")
    yield
    revision = _current_revision()
    records = {table.name: table for table in everything if not table.link}
    models = _parents_first([m for m in apps.get_app_config("records").get_models() if m._meta.db_table in records])
    with default_connection.cursor() as cursor:
        _map_table(cursor)
        for model in models:
            table = records[model._meta.db_table]
            while True:  # a table that refers to itself (a body's parent) matches level by level
                mapping = _matches(cursor, table)
                if not mapping:
                    break
                _renumber(cursor, model, table, mapping)
        for table in everything:
            _reconcile(cursor, table, revision)
            if sqlite:
                _triggers("sqlite", cursor, table)
        cursor.execute("UPDATE records_revision SET history_quiet = %s WHERE id = 1", [False])


def _map_table(cursor: Any) -> None:
    """The scratch table of ids given back (new -> old), made empty."""
    kind = "integer" if default_connection.vendor == "sqlite" else "bigint"
    cursor.execute(f"CREATE TEMP TABLE IF NOT EXISTS history_ids (new {kind} PRIMARY KEY, old {kind} NOT NULL)")
    cursor.execute("DELETE FROM history_ids")


def _current_revision() -> int:
    with default_connection.cursor() as cursor:
        cursor.execute(f"SELECT {REVISION}")  # a constant
        return int(cursor.fetchone()[0])


def _parents_first(models: list[Any]) -> list[Any]:
    """The models ordered so that each comes after the models it refers to (a reference to itself aside)."""
    ordered: list[Any] = []
    pending = list(models)
    while pending:
        for model in pending:
            parents = {
                f.related_model
                for f in model._meta.concrete_fields
                if f.is_relation and f.related_model is not model and f.related_model in pending
            }
            if not parents:
                ordered.append(model)
                pending.remove(model)
                break
        else:  # a cycle: keep the rest in their order (none today)
            ordered.extend(pending)
            break
    return ordered


def _hashable(value: Any) -> Any:
    if isinstance(value, dict | list):
        import json

        return json.dumps(value, sort_keys=True)
    return value


def _matches(cursor: Any, table: Table) -> dict[int, int]:
    """New rows (id -> id) that hold what a removed row held, each removed row used once.

    Removed: a current version whose row is gone. New: a row with no current version. (Ids are never
    used twice, on either database, so a new row never has a removed row's id.)
    """
    pk = table.key[0]
    others = [name for name in table.names if name != pk]
    columns = ", ".join(_quote(c) for c in (pk, *others))
    base, history, key = _quote(table.name), _quote(table.history), _quote(pk)
    cursor.execute(
        f"SELECT {columns} FROM {history} h WHERE h.rec_until IS NULL"  # noqa: S608  # names from the schema
        f" AND NOT EXISTS (SELECT 1 FROM {base} t WHERE t.{key} = h.{key})"
    )
    removed: dict[int, list[int]] = {}
    for rows in iter(lambda: cursor.fetchmany(2000), []):
        for values in rows:
            removed.setdefault(hash(tuple(_hashable(v) for v in values[1:])), []).append(values[0])
    if not removed:
        return {}
    cursor.execute(
        f"SELECT {columns} FROM {base} t WHERE NOT EXISTS"  # noqa: S608  # names from the schema
        f" (SELECT 1 FROM {history} h WHERE h.{key} = t.{key} AND h.rec_until IS NULL)"
    )
    mapping: dict[int, int] = {}
    for rows in iter(lambda: cursor.fetchmany(2000), []):
        for values in rows:
            old = removed.get(hash(tuple(_hashable(v) for v in values[1:])))
            if old:
                mapping[values[0]] = old.pop()
    return mapping


def _renumber(cursor: Any, model: Any, table: Table, mapping: dict[int, int]) -> None:
    """Give rows their old ids back (new -> old), and the references to them with them."""
    cursor.execute("DELETE FROM history_ids")
    cursor.executemany("INSERT INTO history_ids (new, old) VALUES (%s, %s)", list(mapping.items()))
    given = "(SELECT old FROM history_ids WHERE new = {column})"
    news = "(SELECT new FROM history_ids)"
    # Names from the schema, values from the scratch table: nothing from a user.
    for name, column in [(table.name, table.key[0])] + [
        (f.model._meta.db_table, f.column) for f in _references_to(model)
    ]:
        column = _quote(column)
        cursor.execute(f"UPDATE {_quote(name)} SET {column} = {given.format(column=column)} WHERE {column} IN {news}")  # noqa: S608


def _reconcile(cursor: Any, table: Table, revision: int) -> None:
    """Close every current version whose row is gone or differs, and open one for every row with none equal."""
    base, history = _quote(table.name), _quote(table.history)
    if _empty(cursor, history) and _at_least(cursor, base, REINDEX_FROM):
        # A history with nothing yet (a new database's first import): every row is a new version, written
        # before the indexes are made again, which is several times faster than keeping them row by row.
        for name, _ in _index_list(default_connection, cursor, table.history):
            cursor.execute(f"DROP INDEX {_quote(name)}")
        names = ", ".join(_quote(name) for name in table.names)
        cursor.execute(f"INSERT INTO {history} ({names}, rec_from) SELECT {names}, %s FROM {base}", [revision])  # noqa: S608
        for statement in _indexes(default_connection, cursor, table):
            cursor.execute(statement)
        return
    sqlite = default_connection.vendor == "sqlite"
    plus = "+" if sqlite else ""  # the key's index only (see _statements)
    key = " AND ".join(f"h.{_quote(c)} = t.{_quote(c)}" for c in table.key)
    same = "IS" if sqlite else "IS NOT DISTINCT FROM"
    equal = " AND ".join(f"{plus}h.{_quote(c)} {same} t.{_quote(c)}" for c in table.compared)
    names = ", ".join(_quote(name) for name in table.names)
    row_equal = f"NOT EXISTS (SELECT 1 FROM {base} t WHERE {key} AND {equal})"  # noqa: S608
    # Names from the schema, the revision a bound value: nothing from a user. A version opened in this
    # same revision was never current in a committed one: it goes; the others are closed.
    cursor.execute(
        f"DELETE FROM {history} AS h WHERE h.rec_until IS NULL AND {plus}h.rec_from = %s AND {row_equal}",  # noqa: S608
        [revision],
    )
    cursor.execute(f"UPDATE {history} AS h SET rec_until = %s WHERE h.rec_until IS NULL AND {row_equal}", [revision])  # noqa: S608
    cursor.execute(
        f"INSERT INTO {history} ({names}, rec_from) SELECT {names}, %s FROM {base} t WHERE NOT EXISTS"  # noqa: S608
        f" (SELECT 1 FROM {history} h WHERE {key} AND {plus}h.rec_until IS NULL AND {equal})",
        [revision],
    )


def _empty(cursor: Any, table: str) -> bool:
    cursor.execute(f"SELECT 1 FROM {table} LIMIT 1")  # noqa: S608  # a name from the schema
    return cursor.fetchone() is None


def _at_least(cursor: Any, table: str, rows: int) -> bool:
    cursor.execute(f"SELECT COUNT(*) FROM (SELECT 1 FROM {table} LIMIT {int(rows)}) AS counted")  # noqa: S608
    return int(cursor.fetchone()[0]) >= rows


def _references_to(model: Any) -> list[Any]:
    """Every foreign key, in any table of the records (a link table's too), that refers to `model`."""
    found = []
    for other in apps.get_app_config("records").get_models(include_auto_created=True):
        for field in other._meta.concrete_fields:
            if field.is_relation and field.related_model is model and field.column:
                found.append(field)
    return found


@functools.lru_cache(maxsize=4)
def _tables_of(alias: str, vendor: str) -> tuple[Table, ...]:
    """The versioned tables, read once per process (the schema changes only with a migrate)."""
    return tuple(versioned_tables())


def revision_resolve(value: str) -> int:
    """The revision a reader names: its number, or a time (YYYY-MM-DDTHH:MM, UTC): the last revision made by then.

    Raises InvalidInput, saying why, for a revision the history does not hold: one not made yet, or one
    before the history began.
    """
    from csto_registry.records.models import AuditEntry

    text = value.strip()
    if text.isdigit():
        number = int(text)
    else:
        try:
            moment = dt.datetime.fromisoformat(text.removesuffix("Z"))
        except ValueError:
            raise InvalidInput(
                f"as recorded {value!r}: expected a revision's number or a time YYYY-MM-DDTHH:MM (UTC)"
            ) from None
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=dt.UTC)
        found = AuditEntry.objects.filter(revision__isnull=False, at__lte=moment).aggregate(n=Max("revision"))["n"]
        if found is None:
            raise InvalidInput(f"as recorded {value!r}: no revision was recorded by then")
        number = int(found)
    latest, first = _current_revision(), history_from()
    if number > latest:
        raise InvalidInput(f"as recorded {value!r}: there is no revision {number} yet (the latest is {latest})")
    if number < first:
        raise InvalidInput(f"as recorded {value!r}: the record's history begins at revision {first}")
    return number


@contextlib.contextmanager
def records_as_recorded(value: str | int) -> Iterator[int]:
    """Read the record as it stood at a revision (a number, or a time: `revision_resolve`), yielding its number.

    Inside, every read of the records, through the same selectors and queries as a current read, sees the
    versions current at that revision (views over the history named as the tables, in one snapshot
    transaction); answers are kept in the cache under that revision, which never changes. Nothing may be
    written inside.
    """
    with read_snapshot(undo=True) as undone:
        number = revision_resolve(str(value))
        tables = list(_tables_of(default_connection.alias, default_connection.vendor))
        with default_connection.cursor() as cursor:
            views_create(cursor, tables, number)
        token = AS_RECORDED.set(number)
        try:
            yield number
        finally:
            AS_RECORDED.reset(token)
            if not undone:  # inside the caller's transaction: the views go by hand (else with the rollback)
                with default_connection.cursor() as cursor:
                    views_drop(cursor, tables)
