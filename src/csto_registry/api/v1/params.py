"""Reading the API's query parameters the way the CLI reads its options."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from ninja import Path, Query
from pydantic import BeforeValidator, WithJsonSchema

from csto_registry.records.errors import InvalidInput
from csto_registry.timeline import TimelineError, parse_day


# The parameters' forms, declared so that the OpenAPI document says what is accepted.
def _iso_day(value: object) -> dt.date:
    # Only YYYY-MM-DD: pydantic's own date type would also take "0" (a Unix timestamp).
    if isinstance(value, dt.date):
        return value
    try:
        return parse_day(str(value))
    except TimelineError as error:
        raise ValueError(str(error)) from None


IsoDay = Annotated[dt.date, WithJsonSchema({"type": "string", "format": "date"}), BeforeValidator(_iso_day)]
Day = Annotated[IsoDay | None, Query(description="The day, YYYY-MM-DD (default: today).")]
FromDay = Annotated[
    IsoDay, Query(alias="from", description="The first day, YYYY-MM-DD (its changes are not included).")
]
ToDay = Annotated[IsoDay, Query(alias="to", description="The last day, YYYY-MM-DD (its changes are included).")]
OptionalBodyId = Annotated[str | None, Query(pattern=r"^[a-z0-9][a-z0-9-]*$", description="A body's id, such as cmd.")]
Lang = Annotated[Literal["en", "ru"], Query(description="Language of names.")]
Limit = Annotated[int | None, Query(ge=1, le=10_000, description="At most this many rows.")]
Offset = Annotated[int, Query(ge=0, le=1_000_000_000, description="Skip this many rows.")]
Year = Annotated[int | None, Query(ge=1900, le=2200)]
ChairYear = Annotated[int, Query(ge=1992, le=2200)]
DecisionStatus = Annotated[Literal["draft", "adopted", "rejected"] | None, Query()]
# Identifiers and free text never hold NUL (PostgreSQL text cannot); the schema says so, and says the forms.
NO_NUL = r"^[^\u0000]+$"
StateCode = Annotated[str, Query(pattern=r"^[A-Z]{3}$", description="ISO 3166-1 alpha-3, such as KAZ.")]
OptionalStateCode = Annotated[str | None, Query(pattern=r"^[A-Z]{3}$")]
OrgId = Annotated[str | None, Query(pattern=r"^[a-z0-9][a-z0-9-]*$", description="The organization's id.")]
Key = Annotated[str, Path(pattern=NO_NUL)]
QueryText = Annotated[str | None, Query(pattern=NO_NUL)]
# Two characters that are not blank, and no NUL anywhere (\S alone would match a NUL).
SearchText = Annotated[str, Query(pattern=r"^[^\u0000]*[^\u0000\s][^\u0000]*[^\u0000\s][^\u0000]*$", max_length=200)]
_POSITION = r"[A-Z]{3}:(agree|object|abstain|absent)"
Positions = Annotated[
    str, Query(pattern=rf"^{_POSITION}(,{_POSITION})*$", description="STATE:POSITION,..., such as ARM:agree,BLR:object")
]


class BadParameter(InvalidInput):
    """A query parameter of the wrong form; names the parameter."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message, field=field)


def day(at: dt.date | None) -> dt.date:
    """The day asked about; none means today (UTC)."""
    return at if at is not None else dt.datetime.now(dt.UTC).date()


def page(rows: list, limit: int | None, offset: int) -> list:  # any rows
    """Return a window of a list (limit none: all from offset)."""
    return rows[offset : offset + limit if limit is not None else None]


def _concerns(row: dict, state: str) -> bool:  # any row
    if state in (row.get("state"), row.get("victim"), row.get("host")):
        return True
    return any(state in (row.get(key) or ()) for key in ("states", "participants", "parties"))


def window(rows: list, *, state: str | None, limit: int | None, offset: int) -> list:
    """The rows that concern `state` (its own row, a victim, a host, or among the states or participants),
    then a window of them; the filter runs on what the reader may read, so nothing hidden is counted."""
    return page([row for row in rows if _concerns(row, state)] if state else rows, limit, offset)
