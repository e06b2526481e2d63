"""Chairmanship of the Collective Security Council: recorded, or projected by the rotation."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

from csto_registry.statutes.alphabet import russian_key


@dataclass(frozen=True, slots=True)
class Chair:
    """The state that chairs in `year`, and whether a record says so or the rotation projects it."""

    year: int
    state: str | None
    basis: str  # "recorded" | "rotation" | "none"
    anchor: int | None = None  # the recorded year a projection starts from


def next_in_rotation(previous: str, eligible: Sequence[str], names_ru: Mapping[str, str]) -> str | None:
    """Return the state after `previous` in the Russian alphabetical order of names, among `eligible`."""
    if not eligible:
        return None
    ordered = sorted(eligible, key=lambda code: russian_key(names_ru[code]))
    after = russian_key(names_ru[previous]) if previous in names_ru else ()
    return next((code for code in ordered if russian_key(names_ru[code]) > after), ordered[0])


def previous_in_rotation(following: str, eligible: Sequence[str], names_ru: Mapping[str, str]) -> str | None:
    """Return the state before `following` in the Russian alphabetical order, among `eligible`."""
    if not eligible:
        return None
    ordered = sorted(eligible, key=lambda code: russian_key(names_ru[code]), reverse=True)
    before = russian_key(names_ru[following]) if following in names_ru else ()
    return next((code for code in ordered if russian_key(names_ru[code]) < before), ordered[0])


def chair_for_year(
    year: int,
    *,
    recorded: Mapping[int, str],
    eligible: Mapping[int, Sequence[str]],
    names_ru: Mapping[str, str],
) -> Chair:
    """Decide which state chairs the Council in `year`.

    A recorded chairmanship (a session or decision of the Council) wins. A year
    without one is projected from the nearest recorded year before it, passing
    the chair each year to the next state in the Russian alphabetical order of
    the states' names, among the members in good standing that year
    (`eligible`); with no earlier record, it is projected back from the nearest
    later one.

    Implements: "The chairmanship of the Council is transferred in the order of
    the Russian alphabet, unless the Council decides otherwise." (seed
    000_e52e44ee9352e8ff.txt, line 23)
    """
    anchor = projection_anchor(year, recorded)
    if anchor is None:
        return Chair(year, None, "none")
    if anchor == year:
        return Chair(year, recorded[year], "recorded", year)
    state: str | None = recorded[anchor]
    if anchor < year:
        for step in projection_years(year, recorded):
            state = next_in_rotation(state or "", eligible.get(step, ()), names_ru)
    else:
        for step in reversed(projection_years(year, recorded)):
            state = previous_in_rotation(state or "", eligible.get(step, ()), names_ru)
    return Chair(year, state, "rotation", anchor)


def projection_anchor(year: int, recorded: Collection[int]) -> int | None:
    """Return the recorded year a year's chair is taken from: itself, else the nearest earlier, else later."""
    if year in recorded:
        return year
    earlier = [y for y in recorded if y < year]
    if earlier:
        return max(earlier)
    later = [y for y in recorded if y > year]
    return min(later) if later else None


def projection_years(year: int, recorded: Collection[int]) -> range:
    """Return the years a projection to `year` passes through, whose members in good standing it reads."""
    anchor = projection_anchor(year, recorded)
    if anchor is None or anchor == year:
        return range(0)
    return range(anchor + 1, year + 1) if anchor < year else range(year, anchor)
