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
