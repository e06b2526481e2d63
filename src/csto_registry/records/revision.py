"""The revision of the records, and answers cached on it.

Every write changes the revision's stamp in the same transaction: the services
and the admin through the model signals wired in `RecordsConfig.ready`, the
import through its audit entry. The stamp changes once per transaction, however
many records it writes (replacing an organization deletes a hundred thousand
rows: one update of the revision row, not one per row). A reader takes the
stamp first and then reads, so an answer is never cached under a stamp newer
than the data it saw; a stamp is random, so one seen inside a transaction that
was rolled back never comes back. A transaction that has written caches
nothing: its stamp is already the one its later writes will commit under.
Each process keeps its own bounded table of answers; a second process sees
the other's writes through the shared stamp.

Every request reads the stamp afresh when it starts (`request_started`), so a
reader never gets an answer older than a write that completed before its
request began, whichever process served the write. Within one request, and
in a process that serves no requests, the stamp is read at most once every
STAMP_SECONDS, and at once after a write of this process. Inside a transaction
the stamp is read every time, so a transaction always sees its own writes.
"""

from __future__ import annotations

import contextvars
import functools
import threading
import time
import uuid
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, ParamSpec, TypeVar

from django.db import DatabaseError, connection, transaction

P = ParamSpec("P")
R = TypeVar("R")

_SELECT = "SELECT stamp, number FROM records_revision WHERE id = 1"
_BUMP = "UPDATE records_revision SET number = number + 1, stamp = %s WHERE id = 1"
_CREATE = "INSERT INTO records_revision (id, number, stamp) VALUES (1, 1, %s)"


STAMP_SECONDS = 0.25
# The revision a read is made "as recorded" at (records.history.records_as_recorded), or None: the current one.
AS_RECORDED: contextvars.ContextVar[int | None] = contextvars.ContextVar("as_recorded", default=None)
# The stamp (and the revision's number) this process last read outside a transaction, and when (time.monotonic()).
_seen: dict[str, object] = {"stamp": None, "number": None, "at": float("-inf")}


def revision_stamp() -> str | None:
    """Return the stamp of the records' revision, under which answers may be kept.

    None when nothing may be kept: there is no revision yet, or this transaction
    has written (its stamp is already the one it commits under, while its data
    may still change). A read as recorded at an earlier revision has a stamp of its own, which never
    changes: that revision's record does not.
    """
    recorded = AS_RECORDED.get()
    if recorded is not None:
        return f"as-recorded-{recorded}"
    if _written_here():
        return None
    outside = not connection.in_atomic_block
    if outside and time.monotonic() - float(_seen["at"]) < STAMP_SECONDS:  # type: ignore[arg-type]
        return _seen["stamp"]  # type: ignore[return-value]
    return _read(outside)[0]


def revision_number() -> int | None:
    """The number of the records' current revision (each write adds one), or None before the first (and,
    outside a transaction, on a database not yet made: a page that reads no record still renders).

    It is read with the stamp, so a request that has read the stamp (every cached page and API answer)
    names its revision without another query. A read as recorded names the revision it reads.
    """
    recorded = AS_RECORDED.get()
    if recorded is not None:
        return recorded
    outside = not connection.in_atomic_block
    if outside and time.monotonic() - float(_seen["at"]) < STAMP_SECONDS:  # type: ignore[arg-type]
        return _seen["number"]  # type: ignore[return-value]
    try:
        return _read(outside)[1]
    except DatabaseError:
        if not outside:
            raise
        return None


def _read(outside: bool) -> tuple[str | None, int | None]:
    """The revision's stamp and number from the database, kept as seen when read outside a transaction."""
    with connection.cursor() as cursor:
        cursor.execute(_SELECT)
        row = cursor.fetchone()
    stamp, number = (row[0], int(row[1])) if row else (None, None)
    if outside:
        _seen["stamp"], _seen["number"], _seen["at"] = stamp, number, time.monotonic()
    return stamp, number


def revision_read_afresh(**_: Any) -> None:
    """Read the stamp from the database at its next use (a `request_started` receiver)."""
    _seen["at"] = float("-inf")


def _written_here() -> bool:
    """Whether the open transaction has already changed the stamp (and that change is not rolled back).

    The change registers `revision_read_afresh` to run on commit; Django drops the
    registration when the transaction, or the savepoint the change was made in, is
    rolled back, which is exactly when the change is undone.
    """
    return connection.in_atomic_block and any(entry[1] is revision_read_afresh for entry in connection.run_on_commit)


def revision_bump() -> None:
    """Give the records a new revision, in the caller's transaction (once per transaction)."""
    if _written_here():
        return
    stamp = uuid.uuid4().hex
    _seen["at"] = float("-inf")  # whether this commits or rolls back, read the stamp again next time
    if connection.in_atomic_block:
        transaction.on_commit(revision_read_afresh)
    with connection.cursor() as cursor:
        cursor.execute(_BUMP, [stamp])
        if cursor.rowcount == 0:
            cursor.execute(_CREATE, [stamp])


def revision_changed(sender: Any, **kwargs: Any) -> None:
    """A model signal's receiver: a record of this app is about to be saved, deleted or relinked.

    Changing the stamp before the record takes the revision row's lock first, so
    writing transactions take their turns in one order (on PostgreSQL as on
    SQLite): none can insert a row under an organization an import is replacing,
    or append to the audit trail in between another's read of its head and its
    append.
    """
    if sender._meta.app_label == "records" and sender._meta.model_name != "revision":
        revision_bump()


def write_transaction(func: Callable[P, R]) -> Callable[P, R]:
    """Run a service that writes in one transaction that first takes the write turn (changes the stamp).

    Taking the revision row's lock before reading what the write depends on (the
    next free number of a draft, a version to compare) makes concurrent writers
    wait in line instead of both reading the same state and one failing on it.
    """

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with transaction.atomic():
            revision_bump()
            return func(*args, **kwargs)

    return wrapper


class RevisionCache:
    """A bounded table of answers, each valid for the revision it was computed under."""

    def __init__(self, size: int = 2048) -> None:
        self.size = size
        self._answers: OrderedDict[tuple[str, Hashable], Any] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0

    def get_or_compute(self, key: Hashable, compute: Callable[[], R]) -> R:
        """Return the answer for `key` at the current revision, computing it once per revision."""
        stamp = revision_stamp()
        if stamp is None:
            return compute()
        full = (stamp, key)
        with self._lock:
            if full in self._answers:
                self._answers.move_to_end(full)
                self.hits += 1
                return self._answers[full]
        answer = compute()
        with self._lock:
            self._answers[full] = answer
            while len(self._answers) > self.size:
                self._answers.popitem(last=False)
        return answer

    def clear(self) -> None:
        """Forget every answer."""
        with self._lock:
            self._answers.clear()


ANSWERS = RevisionCache()


def cached_on_revision(func: Callable[P, R]) -> Callable[P, R]:
    """Cache a read's answer per revision and arguments; the answer is shared, so callers must not change it."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        key = (func.__module__, func.__qualname__, args, tuple(sorted(kwargs.items())))
        try:
            hash(key)
        except TypeError:
            return func(*args, **kwargs)
        return ANSWERS.get_or_compute(key, lambda: func(*args, **kwargs))

    return wrapper
