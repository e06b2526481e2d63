"""Refuse a request whose address carries a NUL character before any view or database sees it.

PostgreSQL text cannot hold NUL, so such a value would otherwise reach the
database and fail there (the API fuzz test found it). No identifier, name or
date of the registry contains one.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import unquote

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse


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
