"""Middleware of the site and the API.

RejectNulMiddleware refuses a request whose address carries a NUL character before any view or
database sees it: PostgreSQL text cannot hold NUL, so such a value would otherwise reach the
database and fail there (the API fuzz test found it). No identifier, name or date of the registry
contains one.

BusyMiddleware answers a request that waited longer than the lock timeout (CSTO_LOCK_TIMEOUT) for
another write with 503 and Retry-After, the API's JSON error on the API: a writer that loses the race
is told to retry, never given a 500.

RevisionHeaderMiddleware names the records' revision on every answer (X-Record-Revision).

AsRecordedMiddleware answers a page (`?rev=`) or an API read (`?as_recorded=`) as the registry recorded it
at an earlier revision (a number, or a time YYYY-MM-DDTHH:MM UTC): the same views read the record of that
revision (records.history), so a cited page opens as it was cited.

ApiErrorsMiddleware gives every error of the API the API's JSON error shape, whatever made it
(an unknown address, a body over the size limit, a fault): a program never has to parse a page.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from urllib.parse import unquote

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse

API = "/api/"
# The error codes of the API (records.refusals) for the statuses Django itself answers with.
CODES = {400: "invalid", 401: "unauthenticated", 403: "forbidden", 404: "not_found", 405: "method_not_allowed"}
MESSAGES = {
    400: "the request could not be read",
    403: "this request is refused",
    404: "no such address in the API (see /api/v1/docs)",
    405: "this address does not take that method",
    500: "the server failed on this request; it is logged",
}


def api_error(status: int, message: str, code: str | None = None) -> JsonResponse:
    """The API's error shape."""
    body = {"error": {"code": code or CODES.get(status, "internal"), "message": message, "field": None}}
    return JsonResponse(body, status=status)


class RejectNulMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        address = request.path + "?" + unquote(request.META.get("QUERY_STRING", ""))
        if "\x00" in address:
            message = "the address contains a NUL character"
            if request.path.startswith("/api/"):
                return JsonResponse({"error": {"code": "invalid", "message": message, "field": None}}, status=422)
            return HttpResponseBadRequest(message)
        return self.get_response(request)


class BusyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        from csto_registry.records.errors import BUSY_MESSAGE, database_busy

        if not database_busy(exception):
            return None
        if request.path.startswith(API):
            response: HttpResponse = api_error(503, BUSY_MESSAGE, "busy")
        else:
            response = HttpResponse(BUSY_MESSAGE + "\n", status=503, content_type="text/plain; charset=utf-8")
        response["Retry-After"] = "5"
        return response


class ApiErrorsMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith(API):
            return self.get_response(request)
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return api_error(400, "Content-Length is not a number")
        if limit is not None and length > limit:
            return api_error(413, f"the body is {length} bytes, more than the {limit} the API reads", "too_large")
        response = self.get_response(request)
        kind = response.get("Content-Type", "")
        if response.status_code >= 400 and not kind.startswith("application/json"):
            message = MESSAGES.get(response.status_code, f"HTTP {response.status_code}")
            replaced = api_error(response.status_code, message)
            for header in ("Allow", "WWW-Authenticate", "Retry-After"):
                if header in response:
                    replaced[header] = response[header]
            return replaced
        return response


NOT_FROM_RECORDS = ("/static/", "/favicon.ico", "/api/v1/openapi.json", "/api/v1/docs")


class RevisionHeaderMiddleware:
    """Name the records' revision an answer was made from: `X-Record-Revision` on every page and API answer
    (not on static files, nor on the API's own description and docs, which no record is read for), so that a
    citation can say which state of the record it quotes."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not request.path.startswith(NOT_FROM_RECORDS):
            from csto_registry.records.revision import revision_number

            number = revision_number()
            if number is not None:
                response["X-Record-Revision"] = str(number)
        return response


AS_RECORDED_PARAMETERS = ("rev", "as_recorded")
# Not read as recorded: the admin site and the sign-in (they write), the exports (built per current revision),
# and the search, whose index is made from the current record only.
NOT_AS_RECORDED = ("/admin/", "/accounts/", "/api/v1/export", "/static/")
SEARCH = ("/search/", "/api/v1/search")


class AsRecordedMiddleware:
    """Answer a read as the registry recorded it at the revision `?rev=` or `?as_recorded=` names."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        value = next((request.GET[name] for name in AS_RECORDED_PARAMETERS if name in request.GET), None)
        if value is None:
            return self.get_response(request)
        api = request.path.startswith(API)
        refused = None
        if request.method not in ("GET", "HEAD") or request.path.startswith(NOT_AS_RECORDED):
            refused = "only a read of the record can be made as recorded at an earlier revision"
        elif request.path.startswith(SEARCH):
            refused = "the search covers the current record only; ask a page or a read as recorded instead"
        if refused is not None:
            return api_error(422, refused, "invalid") if api else HttpResponseBadRequest(refused)
        from csto_registry.records.errors import InvalidInput
        from csto_registry.records.history import records_as_recorded

        stack = contextlib.ExitStack()
        try:
            stack.enter_context(records_as_recorded(value))
        except InvalidInput as error:
            if api:
                return api_error(422, str(error), "invalid")
            return HttpResponseBadRequest(str(error), content_type="text/plain; charset=utf-8")
        with stack:
            return self.get_response(request)
