"""States and their memberships, bodies and their holders, posts, persons, sources, search."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Router

from csto_registry.api.v1 import params
from csto_registry.api.v1.auth import reader_levels
from csto_registry.api.v1.caching import cached_read
from csto_registry.api.v1.params import Day, Key, Lang, Limit, Offset, OptionalStateCode, OrgId, SearchText
from csto_registry.records.selectors.memberships import membership_list_on
from csto_registry.records.selectors.organizations import organization_list_on
from csto_registry.records.selectors.tenures import holder_list_on, person_detail, post_holder_list_on

router = Router(tags=["registry"])
# 401: a read may carry a token, and one that is not valid is refused.
ERRORS: dict[int, Any] = {401: dict[str, Any], 404: dict[str, Any], 409: dict[str, Any], 422: dict[str, Any]}
LIST = {200: list[dict[str, Any]], **ERRORS}
ONE = {200: dict[str, Any], **ERRORS}


@router.get("/members", response=LIST, summary="Member states on a day")
@cached_read
def members(
    request: HttpRequest,
    at: Day = None,
    all: bool = False,  # the CLI's --all, by the same name
    org: OrgId = None,
    state: OptionalStateCode = None,
    lang: Lang = "en",
    limit: Limit = None,
    offset: Offset = 0,
) -> HttpResponse:
    """The states whose status holds on the day, certainly or possibly (all=true: every status)."""
    rows = membership_list_on(day=params.day(at), organization=org, statuses=None if all else ("member",), lang=lang)
    return params.window(rows, state=state, limit=limit, offset=offset)  # cached_read renders it


@router.get("/states", response=LIST, summary="States with their membership periods")
@cached_read
def states(
    request: HttpRequest,
    org: OrgId = None,
    state: OptionalStateCode = None,
    lang: Lang = "en",
    limit: Limit = None,
    offset: Offset = 0,
) -> HttpResponse:
    """Every state with each period of its status (member, suspended, withdrawn...) and the bounds of each."""
    from csto_registry.records.selectors.timelines import membership_timeline

    rows = membership_timeline(organization=org, lang=lang)
    return params.window(rows, state=state, limit=limit, offset=offset)


@router.get("/sources", response=LIST, summary="The sources the records cite")
@cached_read
def sources(request: HttpRequest, limit: Limit = None, offset: Offset = 0) -> HttpResponse:
    """Seed lines and public addresses, each with the words quoted; all are public documents."""
    from csto_registry.records.selectors.common import source_list

    return source_list(limit=limit, offset=offset)


@router.get("/organizations", response=LIST, summary="Bodies on a day")
@cached_read
def organizations(
    request: HttpRequest,
    at: Day = None,
    org: OrgId = None,
    lang: Lang = "en",
    limit: Limit = None,
    offset: Offset = 0,
) -> HttpResponse:
    """The bodies of the organization that exist on the day, as a tree in order."""
    rows = organization_list_on(day=params.day(at), organization=org, lang=lang)
    return params.page(rows, limit, offset)  # cached_read renders it


@router.get("/organizations/{body}/holders", response=LIST, summary="Holders of a body's posts on a day")
@cached_read
def organization_holders(
    request: HttpRequest,
    body: Key,
    at: Day = None,
    state: OptionalStateCode = None,
    lang: Lang = "en",
    limit: Limit = None,
    offset: Offset = 0,
) -> HttpResponse:
    """Who holds the posts of a body on the day, one row per holder (as `csto holders BODY`)."""
    rows = holder_list_on(body=body, day=params.day(at), lang=lang)
    return params.window(rows, state=state, limit=limit, offset=offset)


@router.get("/posts/{post}/holders", response=LIST, summary="Holder of a post on a day")
@cached_read
def post_holders(request: HttpRequest, post: Key, at: Day = None, lang: Lang = "en") -> HttpResponse:
    """Who holds a post on the day (as `csto who POST`)."""
    return post_holder_list_on(post=post, day=params.day(at), lang=lang)


@router.get("/posts/{post}/history", response=ONE, summary="Every holder of a post, in order")
@cached_read
def post_history(request: HttpRequest, post: Key, lang: Lang = "en") -> HttpResponse:
    """A post's holders in order, with their bounds, predecessor and successor (as `csto who POST --history`)."""
    from csto_registry.records.selectors.history import post_history as history

    return history(post=post, lang=lang)


@router.get("/gaps", response=ONE, summary="Where the record falls short, and its coverage figure")
@cached_read
def gaps(request: HttpRequest, org: OrgId = None, lang: Lang = "en") -> HttpResponse:
    """Stretches with no certain holder, open facts not confirmed in 12 months, the coverage (as `csto gaps`)."""
    import datetime as dt

    from csto_registry.records.selectors.gaps import record_gaps

    return record_gaps(organization=org, today=dt.date.today(), lang=lang)  # noqa: DTZ011  # the reader's today


@router.get("/changes", response=ONE, summary="Every change in the record between two days")
@cached_read
def changes(
    request: HttpRequest,
    start: params.FromDay,
    end: params.ToDay,
    org: OrgId = None,
    body: params.OptionalBodyId = None,
    state: OptionalStateCode = None,
    lang: Lang = "en",
) -> HttpResponse:
    """Statuses, holders, bodies, chairs, instruments' steps, sessions and operations (as `csto changes`)."""
    from csto_registry.records.selectors.changes import changes_between

    return changes_between(
        start=start, end=end, organization=org, body=body, state=state, lang=lang, levels=reader_levels(request)
    )


@router.get("/persons/{person}", response=ONE, summary="A person and every tenure")
@cached_read
def person(request: HttpRequest, person: Key, lang: Lang = "en") -> HttpResponse:
    """A person with every tenure and its bounds (as `csto person ID`)."""
    return person_detail(query=person, lang=lang)


@router.get("/search", response=LIST, summary="Search every kind of record by its words")
@cached_read
def search(
    request: HttpRequest, q: SearchText, lang: Lang = "en", limit: Limit = None, offset: Offset = 0
) -> HttpResponse:
    """Records with every word of q, as a word or the start of one, in any language and case, best first
    (as `csto search`; at most 50 unless limit says); each with the site's page for it."""
    from csto_registry.records.selectors.search import search as find
    from csto_registry.records.selectors.search import search_path

    rows = find(query=q, lang=lang, levels=reader_levels(request), limit=limit or 50, offset=offset)
    return [{**row, "page": search_path(row)} for row in rows]


def _secretariat(request: HttpRequest) -> bool:
    """Whether the reader may see who wrote and what: whoever may read the audit trail (records.access)."""
    from csto_registry.api.v1.auth import reader_of
    from csto_registry.records.access import Forbidden, access_run_workflow

    try:
        access_run_workflow(reader_of(request))
    except Forbidden:
        return False
    return True


@router.get("/revisions", response=LIST, summary="The latest revisions of the record")
def revisions(request: HttpRequest, limit: Limit = None, offset: Offset = 0) -> list[dict[str, Any]]:
    """Newest first: {"revision", "at", "writes", "kinds"} and, for the public, "other" (writes of records it may
    not count); with a Secretariat token also "actors" and "actions" (as `csto revisions`)."""
    from csto_registry.records.selectors.revisions import revision_list

    return revision_list(limit=min(limit or 20, 500), offset=offset, full=_secretariat(request))


@router.get("/revisions/{number}", response=ONE, summary="One revision of the record")
def revision(request: HttpRequest, number: int) -> dict[str, Any]:
    """A revision's summary (as /revisions); with a Secretariat token also each record it added, changed or
    removed, and the fields it changed (as `csto revision N`)."""
    from csto_registry.records.selectors.revisions import revision_detail

    return revision_detail(number=number, full=_secretariat(request))
