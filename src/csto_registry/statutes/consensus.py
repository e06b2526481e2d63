"""Decisions by consensus: who must agree, and what a suspended member counts for."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

CHARTER_ARTICLE_12 = (
    "https://en.odkb-csto.org/documents/documents/ustav_organizatsii_dogovora_o_kollektivnoy_bezopasnosti_/"
)


class Position(StrEnum):
    """A member state's position on a draft decision."""

    AGREE = "agree"
    OBJECT = "object"
    ABSTAIN = "abstain"
    ABSENT = "absent"


@dataclass(frozen=True, slots=True)
class Outcome:
    """Whether a draft is adopted, and why."""

    adopted: bool
    agree: tuple[str, ...]
    object: tuple[str, ...]
    abstain: tuple[str, ...]
    awaiting: tuple[str, ...]
    ignored: tuple[str, ...]
    reasons: tuple[str, ...]


def consensus_decide(*, members: frozenset[str], positions: Mapping[str, Position]) -> Outcome:
    """Decide whether a draft is adopted by consensus of the member states in good standing (`members`).

    Each member in good standing has one voice. The draft is adopted when none
    of them objects, at least one agrees, and every one of them has stated a
    position: an abstention does not block consensus, an objection does, and a
    member that has not stated one yet (or is absent) leaves the decision open.
    A suspended member, or any state not in good standing, counts for nothing:
    its position is ignored.

    Implements: CSTO Charter, Article 12 — decisions of the Council, the Council
    of Foreign Ministers, the Council of Ministers of Defence and the Committee of
    Secretaries of Security Councils, other than on procedural matters, are taken
    by consensus (paraphrased; the Charter's text: CHARTER_ARTICLE_12).
    """
    counted = {s: p for s, p in positions.items() if s in members}
    ignored = tuple(sorted(s for s in positions if s not in members))
    agree = tuple(sorted(s for s, p in counted.items() if p is Position.AGREE))
    objecting = tuple(sorted(s for s, p in counted.items() if p is Position.OBJECT))
    abstain = tuple(sorted(s for s, p in counted.items() if p is Position.ABSTAIN))
    awaiting = tuple(sorted(s for s in members if counted.get(s, Position.ABSENT) is Position.ABSENT))
    reasons = []
    if objecting:
        reasons.append(f"objected: {', '.join(objecting)}")
    if awaiting:
        reasons.append(f"no position yet: {', '.join(awaiting)}")
    if not agree:
        reasons.append("no member state agrees")
    if ignored:
        reasons.append(f"not counted (not members in good standing): {', '.join(ignored)}")
    adopted = not objecting and not awaiting and bool(agree)
    return Outcome(adopted, agree, objecting, abstain, awaiting, ignored, tuple(reasons))
