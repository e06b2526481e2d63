"""The rules a record's fields obey: one set for every way in (a dataset import, the CLI, the API, the admin site).

Each rule returns the value to store or raises InvalidInput naming the field, so that whatever one
way accepts the others accept too, and an export always imports back.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from csto_registry.records.errors import InvalidInput
from csto_registry.timeline import TimelineError, edtf_span

SLUG = re.compile(r"[a-z0-9][a-z0-9-]*")
# Free text (a title, a summary, a name): PostgreSQL's text holds no NUL, and no record needs more.
TEXT_MAX = 2000
# A figure's value: Figure.value is a decimal of 20 digits, 4 after the point.
VALUE_DIGITS, VALUE_PLACES = 20, 4


def rule_text(value: object, *, field: str, required: bool = True, max_length: int = TEXT_MAX) -> str:
    """Text of at most `max_length` characters without NUL (and not blank, when required)."""
    if not isinstance(value, str):
        raise InvalidInput(f"{field}: must be text", field=field)
    if "\x00" in value:
        raise InvalidInput(f"{field}: must not hold a NUL character", field=field)
    if len(value) > max_length:
        raise InvalidInput(f"{field}: {len(value)} characters, at most {max_length}", field=field)
    if required and not value.strip():
        raise InvalidInput(f"{field}: is required", field=field)
    return value


def rule_slug(value: object, *, field: str, max_length: int = 80) -> str:
    """An identifier: lowercase letters, digits and hyphens, starting with a letter or digit."""
    if not isinstance(value, str) or not SLUG.fullmatch(value) or len(value) > max_length:
        raise InvalidInput(
            f"{field}={value!r}: is not an identifier (lowercase letters, digits and hyphens, at most {max_length})",
            field=field,
        )
    return value


def rule_figure_value(value: object, *, field: str = "value") -> Decimal:
    """A figure: a number of zero or more, with at most 16 digits before the point and 4 after."""
    if isinstance(value, bool):
        raise InvalidInput(f"{field}={value!r}: must be a number", field=field)
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        raise InvalidInput(f"{field}={value!r}: must be a number", field=field) from None
    if not number.is_finite() or number < 0:
        raise InvalidInput(f"{field}={value!r}: a figure is a number of zero or more", field=field)
    if number >= Decimal(10) ** (VALUE_DIGITS - VALUE_PLACES):
        raise InvalidInput(
            f"{field}={value!r}: at most {VALUE_DIGITS - VALUE_PLACES} digits before the point", field=field
        )
    if number.quantize(Decimal(1).scaleb(-VALUE_PLACES)) != number:
        raise InvalidInput(f"{field}={value!r}: at most {VALUE_PLACES} digits after the point", field=field)
    return number


def rule_edtf(value: object, *, field: str) -> str:
    """An EDTF date or interval the timeline can read."""
    if not isinstance(value, str):
        raise InvalidInput(f"{field}={value!r}: is not an EDTF date", field=field)
    try:
        edtf_span(value)
    except TimelineError as error:
        raise InvalidInput(f"{field}={value!r}: is not an EDTF date ({error})", field=field) from None
    return value


def rule_figure(
    *, measure: object, unit: object, value: object, qualifier: object, period: object, qualifiers: frozenset[str]
) -> tuple[str, str, Decimal, str, str]:
    """A figure's fields as they are stored: measure, unit, value, qualifier, period ("" for none)."""
    measure = rule_slug(measure, field="measure")
    unit = rule_text(unit, field="unit", max_length=32)
    number = rule_figure_value(value)
    if qualifier not in qualifiers:
        expected = ", ".join(sorted(qualifiers))
        raise InvalidInput(f"qualifier={qualifier!r}: expected one of {expected}", field="qualifier")
    stored_period = rule_edtf(period, field="period") if period not in (None, "") else ""
    if len(stored_period) > 64:
        raise InvalidInput(f"period={period!r}: at most 64 characters", field="period")
    return measure, unit, number, str(qualifier), stored_period
