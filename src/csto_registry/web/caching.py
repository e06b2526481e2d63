"""Pages for visitors who are not signed in, kept per revision of the records (records.revision).

A page depends on its address, the language, today's date (a page without ?on=
shows today) and the records; a signed-in user sees more, so is never served a
kept page. A page that holds a CSRF token (a secret of one visitor) is never kept.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils import translation

from csto_registry.records.revision import ANSWERS

TOKEN = b'name="csrfmiddlewaretoken"'


def cached_for_visitors(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Serve a GET by a visitor who is not signed in from the page kept for the revision, or keep it."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method != "GET" or request.user.is_authenticated:
            return view(request, *args, **kwargs)
        today = dt.datetime.now(dt.UTC).date()
        key = ("page", view.__module__, view.__qualname__, request.get_full_path(), translation.get_language(), today)

        def render() -> tuple[int, bytes, str]:
            response = view(request, *args, **kwargs)
            if response.status_code != 200 or response.streaming or TOKEN in response.content:
                raise _Uncacheable(response)
            return response.status_code, response.content, response["Content-Type"]

        try:
            status, body, content_type = ANSWERS.get_or_compute(key, render)
        except _Uncacheable as skipped:
            return skipped.response
        response = HttpResponse(body, status=status, content_type=content_type)
        response["Vary"] = "Cookie, Accept-Language"
        return response

    return wrapper


class _Uncacheable(Exception):  # a signal within this module, not an error
    """A response that is not kept (an error page, a redirect)."""

    def __init__(self, response: HttpResponse) -> None:
        super().__init__()
        self.response = response
