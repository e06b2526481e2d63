"""Errors a user can cause and understand; each interface maps them once."""

from __future__ import annotations


class RegistryError(Exception):
    """A request the registry refuses, with one line that says why (and the field at fault, where one is)."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class NotFound(RegistryError):
    """An identifier that names no record."""


class Ambiguous(RegistryError):
    """A name that matches more than one record."""


class InvalidInput(RegistryError):
    """A value of the wrong form, such as a malformed date."""


class Refused(RegistryError):
    """A step the statutes or the workflow do not allow now."""


class Conflict(RegistryError):
    """A change made against a version of the record that is no longer the current one."""


# SQLSTATEs of PostgreSQL for a lock not granted in time, a serialization failure and a deadlock: the
# request lost a race with another writer and may simply be retried.
BUSY_STATES = frozenset({"55P03", "40001", "40P01"})


def database_busy(error: BaseException) -> bool:
    """Whether a database error means "another write held the lock too long" (retry), not a fault."""
    from django.db import OperationalError

    if not isinstance(error, OperationalError):
        return False
    if getattr(error.__cause__, "sqlstate", None) in BUSY_STATES:
        return True
    return "database is locked" in str(error) or "database table is locked" in str(error)


BUSY_MESSAGE = "the registry is busy with another write (it held the lock too long); try again in a few seconds"
