"""Sessions of the Collective Security Council: at least once a year, alternately in the member states."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class SessionRecord:
    """A recorded session: its year, the state that hosted it, its id."""

    year: int
    host: str | None
    id: str
    regular: bool = True


@dataclass(frozen=True, slots=True)
class Finding:
    """A departure from the rule, with the facts behind it."""

    year: int
    kind: str  # "no-session" | "same-host"
    message: str


def council_sessions_check(*, sessions: Sequence[SessionRecord], years: Iterable[int]) -> list[Finding]:
    """List each year without a recorded session, and each regular session held where the regular one before was.

    Implements: "Sessions of the CSC are held alternately in the member States
    as necessary, but at least once a year." (seed 000_e52e44ee9352e8ff.txt,
    line 21)
    """
    findings = []
    held = {s.year for s in sessions}
    for year in years:
        if year not in held:
            findings.append(Finding(year, "no-session", f"{year}: no session of the Council is recorded"))
    hosted = sorted((s for s in sessions if s.host and s.regular), key=lambda s: (s.year, s.id))
    for before, after in itertools.pairwise(hosted):
        if before.host == after.host and before.year != after.year:
            findings.append(
                Finding(
                    after.year,
                    "same-host",
                    f"{after.year}: session {after.id} was held in {after.host}, as was the one before it "
                    f"({before.id}, {before.year})",
                )
            )
    return sorted(findings, key=lambda f: (f.year, f.kind))
