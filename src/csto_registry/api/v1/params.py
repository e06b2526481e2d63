"""Reading the API's query parameters the way the CLI reads its options."""

from __future__ import annotations

import datetime as dt

from csto_registry.records.errors import InvalidInput
from csto_registry.timeline import TimelineError, parse_day


class BadParameter(InvalidInput):
    """A query parameter of the wrong form; names the parameter."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        super().__init__(message)


def day(at: str | None) -> dt.date:
    """Read at=YYYY-MM-DD; none means today (UTC)."""
    if at is None:
        return dt.datetime.now(dt.UTC).date()
    try:
        return parse_day(at)
    except TimelineError:
        raise BadParameter("at", f"at={at!r} is not a day (YYYY-MM-DD)") from None


def lang(value: str) -> str:
    if value not in ("en", "ru"):
        raise BadParameter("lang", f"lang={value!r}: expected en or ru")
    return value


def page(rows: list, limit: int | None, offset: int) -> list:  # type: ignore[type-arg]  # any rows
    """Return a window of a list (limit none: all from offset)."""
    if offset < 0:
        raise BadParameter("offset", "offset must be 0 or more")
    if limit is not None and not 1 <= limit <= 10_000:
        raise BadParameter("limit", "limit must be from 1 to 10000")
    return rows[offset : offset + limit if limit is not None else None]
