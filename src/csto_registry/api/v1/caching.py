"""ETag and Cache-Control on reads: a client that has the answer gets 304 Not Modified."""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseNotModified

MAX_AGE = 60


def cached_read(view: Callable[..., Any]) -> Callable[..., HttpResponse]:
    """Render a read's JSON with a strong ETag of its bytes and a short public Cache-Control."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        result = view(request, *args, **kwargs)
        body = json.dumps(result, ensure_ascii=False, separators=(",", ":")).encode()
        etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
        if etag in [tag.strip() for tag in request.headers.get("If-None-Match", "").split(",")]:
            response: HttpResponse = HttpResponseNotModified()
        else:
            response = HttpResponse(body, content_type="application/json; charset=utf-8")
        response["ETag"] = etag
        response["Cache-Control"] = f"public, max-age={MAX_AGE}"
        return response

    return wrapper
