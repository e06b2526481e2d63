"""The term of the Treaty in force on a day."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class TreatyTermRules:
    """The statute's parameters: when the Treaty entered into force, for how long, how it is extended."""

    entry_into_force: dt.date
    years: int
    extension_years: int
    automatic_extension: bool


@dataclass(frozen=True, slots=True)
class TermInForce:
    """The term of the Treaty on a day: its number, first day and end (the first day after it)."""

    in_force: bool
    term: int | None
    start: dt.date | None
    end: dt.date | None
    basis: str


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year that has none: the term runs to 1 March
        return dt.date(day.year + years, 3, 1)


def treaty_term_on(day: dt.date, rules: TreatyTermRules) -> TermInForce:
    """Decide whether the Treaty is in force on `day`, and in which term.

    The first term runs `years` from the entry into force; when extension is
    automatic, each later term runs `extension_years` from the end of the one
    before, with no end to the succession of terms.

    Implements: the Collective Security Treaty as extended by the 1999 Protocol —
    "The Collective Security Treaty was concluded for a period of five years with
    the possibility of further extension. In 1999, ... signed a Protocol on the
    extension of the Collective Security Treaty, on the basis of which ... an
    automatic procedure for extending the Treaty for five years was established"
    (seed 000_e52e44ee9352e8ff.txt, line 7); "The treaty entered into force upon
    completion of the national ratification procedures on April 20, 1994" (line 3).
    """
    if day < rules.entry_into_force:
        return TermInForce(False, None, None, None, "not yet in force: before its entry into force")
    first_end = _add_years(rules.entry_into_force, rules.years)
    if day < first_end:
        return TermInForce(True, 1, rules.entry_into_force, first_end, "initial term from the entry into force")
    if not rules.automatic_extension:
        return TermInForce(False, None, None, None, "expired: the initial term ended and no extension is recorded")
    elapsed = (day.year - first_end.year) // rules.extension_years
    start = _add_years(first_end, elapsed * rules.extension_years)
    if start > day:  # the anniversary of this year is still ahead
        elapsed -= 1
        start = _add_years(first_end, elapsed * rules.extension_years)
    end = _add_years(start, rules.extension_years)
    return TermInForce(True, elapsed + 2, start, end, "automatic extension")
