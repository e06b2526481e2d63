"""A read that sees one state of the records throughout, and blocks no writer."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from django.db import connection, transaction


@contextlib.contextmanager
def read_snapshot(*, undo: bool = False) -> Iterator[bool]:
    """Read in one transaction that sees one state of the database throughout, and blocks no writer.

    PostgreSQL: REPEATABLE READ (its first statement). SQLite: a deferred read transaction, begun by hand,
    which in WAL mode reads one snapshot and takes no lock a writer waits on; Django's own transactions on
    SQLite begin IMMEDIATE (config.env), which takes the write lock: an export of a minute would make every
    write wait for it, and fail at the lock timeout. Inside an enclosing transaction, that one's view is kept.
    With `undo`, the transaction is rolled back at the end, undoing what the read made for itself (temporary
    views); yields whether it will be (not inside an enclosing transaction, which is the caller's).
    """
    if connection.in_atomic_block or _sqlite_reading():
        yield False
        return
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        with connection.cursor() as cursor:
            cursor.execute("BEGIN DEFERRED")
        try:
            yield undo
        finally:
            with connection.cursor() as cursor:
                cursor.execute("ROLLBACK" if undo else "COMMIT")  # it wrote no record: this only ends the read
        return
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        try:
            yield undo
        finally:
            if undo:
                transaction.set_rollback(True)


def _sqlite_reading() -> bool:
    """Whether a read transaction begun by hand (an enclosing `read_snapshot`) is open on SQLite."""
    raw = connection.connection if connection.vendor == "sqlite" else None
    return raw is not None and raw.in_transaction
