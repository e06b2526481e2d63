"""Reported figures and their totals: a qualifier travels with the number it qualifies."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Any


class Qualifier(StrEnum):
    """How a source qualifies a number: "6,351", "at least", "more than 428", "about 5,000"."""

    EXACT = "exact"
    AT_LEAST = "at-least"
    MORE_THAN = "more-than"
    ABOUT = "about"


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number with its qualifier and unit."""

    value: Decimal
    qualifier: Qualifier
    unit: str


class UnitMismatch(ValueError):
    """Figures in different units cannot be added."""


def figure_total(quantities: Iterable[Quantity]) -> Quantity | None:
    """Add figures of one unit, keeping what the qualifiers allow to be said of the sum.

    The sum of exact numbers is exact. A sum with a lower bound is a lower bound:
    "more than" if any part is "more than", else "at least" if any part is "at
    least". A sum with an approximate part is approximate ("about"), whatever
    else it holds. Returns None for no figures.

    Implements: the seed's figures keep their words — "more than 428 tons",
    "over 1,7 million violations", "about 90 million US dollars", "6,351 drug
    groups" (seed 000_e52e44ee9352e8ff.txt, lines 168 and 184).
    """
    items = list(quantities)
    if not items:
        return None
    units = {q.unit for q in items}
    if len(units) > 1:
        raise UnitMismatch(f"cannot add figures in different units: {', '.join(sorted(units))}")
    qualifiers = {q.qualifier for q in items}
    if Qualifier.ABOUT in qualifiers:
        qualifier = Qualifier.ABOUT
    elif Qualifier.MORE_THAN in qualifiers:
        qualifier = Qualifier.MORE_THAN
    elif Qualifier.AT_LEAST in qualifiers:
        qualifier = Qualifier.AT_LEAST
    else:
        qualifier = Qualifier.EXACT
    return Quantity(sum((q.value for q in items), Decimal(0)), qualifier, items[0].unit)


QUALIFIER_WORDS = {"exact": "", "at-least": "at least ", "more-than": "more than ", "about": "about "}


def figure_text(figure: Mapping[str, Any] | None) -> str:
    """Write a figure (as the interfaces give it) in its source's words: "more than 428 t"; empty for none."""
    if not figure:
        return ""
    return f"{QUALIFIER_WORDS.get(figure['qualifier'], '')}{figure['value']:,} {figure['unit']}"


def lower_bound(quantity: Quantity) -> Decimal | None:
    """Return the least value the figure allows (exclusive for "more than"), or None for "about"."""
    return None if quantity.qualifier is Qualifier.ABOUT else quantity.value
