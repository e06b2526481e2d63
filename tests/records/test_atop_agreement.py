"""The registry's spells of the Treaty's states agree with ATOP's coding of it (atopid 4220).

ATOP (the Alliance Treaty Obligations and Provisions project) counts a state in
the Collective Security Treaty from its signature: the six of 1992-05-15,
Azerbaijan 1993-09-24, Georgia 1993-12-09, Belarus 1993-12-31 (or 1994-01-03,
as sources differ); Azerbaijan, Georgia and Uzbekistan leave on 1999-04-20,
and Uzbekistan's second spell runs from 2006 to 2012 (known to us by year
only). A spell of the registry is a state's signatory and member periods
joined end to start. A date agrees if it lies within the registry's bounds;
the README's "Agreement with ATOP" names the differences that remain.
"""

from __future__ import annotations

import datetime as dt

import pytest

from csto_registry.records.selectors.memberships import membership_periods

pytestmark = pytest.mark.django_db

D = dt.date
# state: [(entry, exit)], each a list of the dates ATOP's sources give (any one may be right),
# or a year; exit None: still in.
ATOP: dict[str, list[tuple[list[dt.date] | int, list[dt.date] | int | None]]] = {
    "ARM": [([D(1992, 5, 15)], None)],
    "KAZ": [([D(1992, 5, 15)], None)],
    "KGZ": [([D(1992, 5, 15)], None)],
    "RUS": [([D(1992, 5, 15)], None)],
    "TJK": [([D(1992, 5, 15)], None)],
    "UZB": [([D(1992, 5, 15)], [D(1999, 4, 20)]), (2006, 2012)],
    "AZE": [([D(1993, 9, 24)], [D(1999, 4, 20)])],
    "GEO": [([D(1993, 12, 9)], [D(1999, 4, 20)])],
    "BLR": [([D(1993, 12, 31), D(1994, 1, 3)], None)],
}
Spell = tuple[dt.date, dt.date, dt.date, dt.date]  # earliest and latest first day, earliest and latest end


def registry_spells() -> dict[str, list[Spell]]:
    """Each state's member-or-signatory spells: periods joined where one may end as the next begins."""
    spells: dict[str, list[Spell]] = {}
    periods = membership_periods(organization=None, statuses=("member", "signatory"), lang="en")
    for start_min, start_max, end_min, end_max, row in sorted(periods, key=lambda p: (p[4]["state"], p[0])):
        mine = spells.setdefault(row["state"], [])
        if mine and start_min <= mine[-1][3] and mine[-1][2] <= start_max:
            first_min, first_max, _, _ = mine[-1]
            mine[-1] = (first_min, first_max, end_min, end_max)
        else:
            mine.append((start_min, start_max, end_min, end_max))
    return spells


def agrees(coded: list[dt.date] | int | None, low: dt.date, high: dt.date) -> bool:
    """Whether a date ATOP codes (one of several, or a year; None: open) lies in [low, high]."""
    if coded is None:
        return high == dt.date.max
    if isinstance(coded, int):
        return low <= D(coded, 12, 31) and D(coded, 1, 1) <= high
    return any(low <= day <= high for day in coded)


def test_every_state_of_the_treaty_has_atops_spells_and_no_others() -> None:
    spells = registry_spells()
    assert {state: len(spells.get(state, [])) for state in ATOP} == {state: len(coded) for state, coded in ATOP.items()}


@pytest.mark.parametrize("state", sorted(ATOP))
def test_entry_and_exit_agree_with_atop(state: str) -> None:
    for (entry, exit_), (start_min, start_max, end_min, end_max) in zip(
        ATOP[state], registry_spells()[state], strict=True
    ):
        assert agrees(entry, start_min, start_max), (state, entry, start_min, start_max)
        assert agrees(exit_, end_min, end_max), (state, exit_, end_min, end_max)


def test_a_wrong_date_does_not_agree() -> None:
    # The check can fail: Georgia did not enter on the day of the 1992 signature.
    start_min, start_max, _, _ = registry_spells()["GEO"][0]
    assert not agrees([D(1992, 5, 15)], start_min, start_max)
