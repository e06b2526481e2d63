"""Article 4 of the Treaty: aggression against one member is aggression against all."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from csto_registry.timeline import Certainty

ARTICLE_4 = (
    "Collective Security Treaty, Article 4: “If one of the States Parties is subjected to aggression by any "
    "state or group of states, then this will be considered as aggression against all States Parties to this "
    "Treaty. In the event of an act of aggression against any of the participating States, all other "
    "participating States will provide him with the necessary assistance, including military, and will also "
    "provide support at their disposal in exercising the right to collective defense in accordance with "
    "Article 51 of the UN Charter.” (seed 000_e52e44ee9352e8ff.txt, line 5)"
)
UN_ARTICLE_51 = (
    "Charter of the United Nations, Article 51: the inherent right of individual or collective self-defence "
    "if an armed attack occurs against a Member of the United Nations, until the Security Council has taken "
    "measures; measures taken in its exercise are immediately reported to the Security Council."
)
PROCEDURE = (
    "consultations of the member states to coordinate their positions and measures against the threat",
    "a decision of the Collective Security Council on the assistance to provide, including military assistance",
    "the measures taken are immediately reported to the UN Security Council (UN Charter, Article 51)",
)


@dataclass(frozen=True, slots=True)
class Assessment:
    """Whether Article 4 applies to an aggression against `victim` on `day`, and what follows."""

    applies: bool
    victim: str
    day: dt.date
    obligated: tuple[str, ...]
    possibly_obligated: tuple[str, ...]
    basis: tuple[str, ...]
    procedure: tuple[str, ...]
    reasons: tuple[str, ...] = field(default=())


def article4_assess(
    *, victim: str, day: dt.date, standing: Mapping[str, Certainty], aggressor: str | None = None
) -> Assessment:
    """Assess an aggression against `victim` on `day` under Article 4 of the Treaty.

    `standing` says, for each state, how sure the record is that it is a member
    in good standing on `day` (a suspended or withdrawn member has none). The
    article applies when the victim certainly is one; the obligated states are
    the other members in good standing, not the aggressor; members only possibly
    in good standing are listed apart.

    Implements: Collective Security Treaty, Article 4, with Article 51 of the UN
    Charter (seed 000_e52e44ee9352e8ff.txt, line 5).
    """
    victim_standing = standing.get(victim, Certainty.NO)
    others = {s: c for s, c in standing.items() if s not in (victim, aggressor)}
    obligated = tuple(sorted(s for s, c in others.items() if c is Certainty.CERTAIN))
    possibly = tuple(sorted(s for s, c in others.items() if c is Certainty.POSSIBLE))
    reasons: list[str] = []
    if victim_standing is Certainty.NO:
        reasons.append(f"{victim} is not a member state in good standing on {day}")
    elif victim_standing is Certainty.POSSIBLE:
        reasons.append(f"{victim} is only possibly a member state in good standing on {day}: the record is not certain")
    if aggressor is not None and aggressor in standing and standing[aggressor] is not Certainty.NO:
        reasons.append(f"the aggressor {aggressor} is itself a member state: it is not among the obligated")
    applies = victim_standing is Certainty.CERTAIN
    if applies and not obligated:
        reasons.append("no other member state is certainly in good standing on that day")
    return Assessment(
        applies=applies,
        victim=victim,
        day=day,
        obligated=obligated if applies else (),
        possibly_obligated=possibly if applies else (),
        basis=(ARTICLE_4, UN_ARTICLE_51),
        procedure=PROCEDURE if applies else (),
        reasons=tuple(reasons),
    )
