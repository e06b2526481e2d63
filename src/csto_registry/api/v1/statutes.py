"""The statutes applied to the records: treaty term, chair, Article 4, consensus, rotation."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Router

from csto_registry.api.v1 import params
from csto_registry.api.v1.caching import cached_read
from csto_registry.api.v1.params import ChairYear, Day, OptionalStateCode, OrgId, Positions, StateCode
from csto_registry.api.v1.registry import ERRORS
from csto_registry.records.selectors.rotation import chair_of_year, secretary_general_rotation, statute_findings
from csto_registry.records.selectors.statutes import article4_on, consensus_on, peacekeeping_on, treaty_term_on_day

router = Router(tags=["statutes"])
ONE = {200: dict[str, Any], **ERRORS}


@router.get("/treaty-term", response=ONE, summary="The treaty's term in force on a day")
@cached_read
def treaty_term(request: HttpRequest, at: Day = None, org: OrgId = None) -> HttpResponse:
    """{"in_force", "term", "start", "end", "basis", "sources"} (as `csto treaty-term`)."""
    return treaty_term_on_day(day=params.day(at), organization=org)


@router.get("/chair", response=ONE, summary="The Council's chairing state in a year")
@cached_read
def chair(request: HttpRequest, year: ChairYear, org: OrgId = None) -> HttpResponse:
    """{"year", "state", "basis", "anchor", "sources"} (as `csto chair --year`)."""
    return chair_of_year(year=year, organization=org)


@router.get("/article4", response=ONE, summary="Article 4 assessment of an aggression")
@cached_read
def article4(
    request: HttpRequest, victim: StateCode, at: Day = None, aggressor: OptionalStateCode = None, org: OrgId = None
) -> HttpResponse:
    """{"applies", "victim", "obligated", "basis", "procedure", "reasons"} (as `csto article4`)."""
    return article4_on(victim=victim, day=params.day(at), aggressor=aggressor, organization=org)


@router.get("/consensus", response=ONE, summary="Is a draft adopted by consensus, given positions")
@cached_read
def consensus(request: HttpRequest, positions: Positions, at: Day = None, org: OrgId = None) -> HttpResponse:
    """positions=ARM:agree,BLR:object,... -> {"adopted", "members", "agree", "object", ...}."""
    parsed = {}
    for item in filter(None, positions.split(",")):
        state, _, value = item.partition(":")
        if not value:
            raise params.BadParameter("positions", f"{item!r}: expected STATE:POSITION, such as ARM:agree")
        parsed[state] = value
    return consensus_on(day=params.day(at), positions=parsed, organization=org)


@router.get("/rotation/secretary-general", response=ONE, summary="The next Secretary General by rotation")
@cached_read
def secretary_general(request: HttpRequest, org: OrgId = None) -> HttpResponse:
    """{"last", "next": {"state", "start", "end"}, "basis", "sources"}."""
    return secretary_general_rotation(organization=org)


@router.get("/findings", response={200: list[dict[str, Any]], **ERRORS}, summary="Departures from the statutes")
@cached_read
def findings(request: HttpRequest, org: OrgId = None) -> HttpResponse:
    """What `csto check --statutes` reports."""
    return statute_findings(organization=org)


@router.get("/peacekeeping", response=ONE, summary="Which authorization a peacekeeping deployment needs")
@cached_read
def peacekeeping(
    request: HttpRequest, outside: bool = False, council_decision: bool = False, un_mandate: bool = False
) -> HttpResponse:
    """{"lawful", "needs", "missing", "reason", "sources"} (as `csto peacekeeping`)."""
    return peacekeeping_on(outside=outside, council_decision=council_decision, un_mandate=un_mandate)
