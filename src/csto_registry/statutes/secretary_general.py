"""The Secretary General: three-year terms, rotating among the member states' citizens."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from csto_registry.statutes.chairmanship import next_in_rotation


@dataclass(frozen=True, slots=True)
class NextTerm:
    """The next Secretary General's term by the rotation: the state whose citizen holds it, and its dates."""

    state: str | None
    start: dt.date
    end: dt.date
    after: str  # the state of the last recorded holder


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year that has none
        return dt.date(day.year + years, 3, 1)


def secretary_general_next(
    *,
    last_state: str,
    last_start: dt.date,
    last_end: dt.date | None,
    eligible: Sequence[str],
    names_ru: Mapping[str, str],
    years: int = 3,
) -> NextTerm:
    """Return the next term of the Secretary General after the last recorded one.

    The next term begins when the last one ends (or `years` after it began, if
    its end is not recorded) and lasts `years`. The seed fixes the rotation but
    not its order; the order used is the Russian alphabetical order of the
    states' names, as for the Council's chairmanship, which is the order of the
    holders since 2017 (Armenia, Belarus, Kazakhstan, Kyrgyzstan).

    Implements: "He is appointed by the decision of the Heads of State on the
    proposal of the CSTO Ministerial Council for a period of 3 years on a
    rotational basis from among the citizens of the CSTO member States." (seed
    000_e52e44ee9352e8ff.txt, line 96)
    """
    start = last_end or _add_years(last_start, years)
    return NextTerm(
        state=next_in_rotation(last_state, eligible, names_ru),
        start=start,
        end=_add_years(start, years),
        after=last_state,
    )
