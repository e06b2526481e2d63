"""Use of the Peacekeeping Forces: which authorization a proposed deployment needs."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

SOURCE = {
    "ref": "seed:000_e52e44ee9352e8ff.txt#L132",
    "quote": "The CSTO Peacekeeping Forces can be used both in the area of responsibility of the Organization by the "
    "decision of the Collective Security Council, and beyond its limits under the mandate of the UN Security Council.",
}


class Authorization(StrEnum):
    COUNCIL_DECISION = "council-decision"
    UN_SECURITY_COUNCIL_MANDATE = "un-security-council-mandate"


@dataclass(frozen=True, slots=True)
class DeploymentRuling:
    """The authorizations a deployment needs, which of them it has, and whether it may proceed."""

    needs: tuple[Authorization, ...]
    missing: tuple[Authorization, ...]
    lawful: bool
    reason: str


def peacekeeping_authorization(
    *, inside_area: bool, council_decision: bool = False, un_mandate: bool = False
) -> DeploymentRuling:
    """Say which authorization a deployment of the Peacekeeping Forces needs, and whether it has it.

    Inside the area of responsibility the Collective Security Council decides;
    beyond it the Forces may be used only under a mandate of the UN Security
    Council.

    Implements: "The CSTO Peacekeeping Forces can be used both in the area of
    responsibility of the Organization by the decision of the Collective Security
    Council, and beyond its limits under the mandate of the UN Security Council."
    (seed 000_e52e44ee9352e8ff.txt, line 132)
    """
    if inside_area:
        needs: tuple[Authorization, ...] = (Authorization.COUNCIL_DECISION,)
        reason = "inside the area of responsibility: by decision of the Collective Security Council"
    else:
        needs = (Authorization.UN_SECURITY_COUNCIL_MANDATE,)
        reason = "beyond the area of responsibility: only under a mandate of the UN Security Council"
    has = {Authorization.COUNCIL_DECISION: council_decision, Authorization.UN_SECURITY_COUNCIL_MANDATE: un_mandate}
    missing = tuple(a for a in needs if not has[a])
    return DeploymentRuling(needs, missing, not missing, reason)
