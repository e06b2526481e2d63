"""The organization's structure in standard formats, for every reader: Popolo JSON, W3C ORG, CSV.

The structure (states, bodies, posts, people, memberships, tenures) carries no
access level, so these need no token. Each file is built once per records'
revision, organization, format and address the site is reached at (links and
identifiers are built on it: CSTO_PUBLIC_URL where it is set, else the address
of the request), kept on disk (CSTO_EXPORTS_DIR, at most MAX_FILES files there,
the least recently served removed first) and streamed from there. A large
organization's file is built in the background: until it is written the answer
is 202 with Retry-After (datasets.structure.standard_file_or_start).
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Literal

from django.conf import settings
from django.http import FileResponse, HttpRequest, HttpResponse
from ninja import Router

from csto_registry.api.v1.caching import MAX_AGE
from csto_registry.api.v1.params import OrgId
from csto_registry.api.v1.writes import ERRORS

router = Router(tags=["exports"])
STREAM_FROM = 4 * 1024 * 1024  # a file larger than this is streamed from disk, a smaller one sent whole

Table = Literal["states", "organizations", "posts", "persons", "memberships", "tenures", "sources"]


def export_file(request: HttpRequest, *, org: str | None, format: str, name: str, content_type: str) -> HttpResponse:
    """An export's file for the records' revision: sent, streamed from disk, or 202 while it is built."""
    from csto_registry.datasets.structure import standard_file, standard_file_or_start
    from csto_registry.records.revision import revision_stamp
    from csto_registry.records.selectors.common import root_get

    root = root_get(org).slug
    base = settings.CSTO_PUBLIC_URL or request.build_absolute_uri("/")
    arguments = {"organization": root, "format": format, "base": base, "name": name}
    folder = Path(settings.CSTO_EXPORTS_DIR)
    stamp = revision_stamp()
    if stamp is None:  # inside a transaction that wrote (never in a request): built for this answer alone
        path = standard_file(**arguments, folder=folder, stamp=None)
    else:
        inline = settings.CSTO_EXPORT_INLINE_ROWS
        ready = standard_file_or_start(**arguments, folder=folder, stamp=stamp, inline_rows=inline)
        if ready is None:
            return _building(request)
        path = ready
    try:
        stream = path.open("rb")
    except FileNotFoundError:  # removed as stale between finding and opening it: build it for this request
        stream = standard_file(**arguments, folder=folder, stamp=None).open("rb")
    content_type = f"{content_type}; charset=utf-8"
    if os.fstat(stream.fileno()).st_size <= STREAM_FROM:
        with stream:
            response: HttpResponse = HttpResponse(stream.read(), content_type=content_type)
    else:
        response = FileResponse(stream, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{root}-{name}"'
    response["Cache-Control"] = f"public, max-age={MAX_AGE}"
    return response


RETRY_SECONDS = 5


def _building(request: HttpRequest) -> HttpResponse:
    """202: the file is being built in the background; ask again at the same address after a few seconds."""
    body = {
        "status": "building",
        "message": "the export is being built; ask again at the same address in a few seconds",
        "retry_after": RETRY_SECONDS,
    }
    response = HttpResponse(json.dumps(body), status=202, content_type="application/json")
    response["Retry-After"] = str(RETRY_SECONDS)
    response["Location"] = request.get_full_path()
    response["Cache-Control"] = "no-store"
    return response


BUILDING = {
    "description": "A large export is being built in the background: ask again at the same address after "
    "Retry-After seconds.",
    "content": {"application/json": {"schema": {"type": "object"}}},
}


def _described(content_type: str, what: str) -> dict[str, object]:
    # Popolo is one object; JSON-LD in expanded form is an array of node objects; the rest is text.
    kinds = {"application/json": "object", "application/ld+json": "array"}
    schema = {"type": kinds.get(content_type, "string")}
    return {"responses": {200: {"description": what, "content": {content_type: {"schema": schema}}}, 202: BUILDING}}


# One route per single-file form: (file, format, content type, summary, description).
SINGLE_FILES = [
    (
        "popolo.json",
        "popolo",
        "application/json",
        "The structure as Popolo JSON",
        "Organizations (the bodies, partners and states), persons, posts and memberships (a state's status in "
        "the organization, a person's tenure on a post), with sources; EDTF dates and derived bounds beside "
        "Popolo's dates.",
    ),
    (
        "org.ttl",
        "turtle",
        "text/turtle",
        "The structure in the W3C Organization Ontology, as Turtle",
        "org:FormalOrganization, org:OrganizationalUnit, org:Post and org:Membership with OWL-Time intervals.",
    ),
    (
        "org.jsonld",
        "jsonld",
        "application/ld+json",
        "The structure in the W3C Organization Ontology, as JSON-LD",
        "The same graph as org.ttl.",
    ),
]


def _single_file_view(name: str, format: str, content_type: str) -> Callable[..., HttpResponse]:
    def view(request: HttpRequest, org: OrgId = None) -> HttpResponse:
        return export_file(request, org=org, format=format, name=name, content_type=content_type)

    view.__name__ = f"export_{format}"
    return view


for _name, _format, _type, _summary, _description in SINGLE_FILES:
    router.get(
        f"/export/{_name}",
        summary=_summary,
        description=_description,
        response=ERRORS,
        openapi_extra=_described(_type, _summary),
        operation_id=f"export_{_format}",
    )(_single_file_view(_name, _format, _type))


@router.get(
    "/export/{table}.csv",
    summary="One table of the structure as CSV",
    response=ERRORS,
    operation_id="export_csv",
    openapi_extra=_described("text/csv", "CSV with a header row"),
)
def csv_table(request: HttpRequest, table: Table, org: OrgId = None) -> HttpResponse:
    """states, organizations, posts, persons, memberships, tenures (dates as given and their bounds), or sources
    (each record's citations)."""
    return export_file(request, org=org, format="csv", name=f"{table}.csv", content_type="text/csv")
