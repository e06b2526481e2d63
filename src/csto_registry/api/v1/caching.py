"""Reads: the reader's access levels, an answer cached per revision, ETag and Cache-Control.

The bytes of an answer are kept per process for the records' revision (see
records.revision), the view, its arguments and the reader's access levels: a
second request for the same answer costs one read of the revision's stamp. A
client that has the answer gets 304 Not Modified.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseNotModified

from csto_registry.api.v1.auth import reader_levels
from csto_registry.records.revision import ANSWERS

MAX_AGE = 60


def _rendered(result: Any) -> tuple[bytes, str]:
    body = json.dumps(result, ensure_ascii=False, separators=(",", ":")).encode()
    return body, '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def cached_read(view: Callable[..., Any]) -> Callable[..., HttpResponse]:
    """Answer a read from the revision cache (or render it), with a strong ETag and Cache-Control.

    The view finds the reader's levels with `reader_levels(request)`; answers for
    anonymous readers may be kept by shared caches, others only by the reader's.
    """

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        levels = reader_levels(request)
        key = ("api", view.__module__, view.__qualname__, repr(args), repr(sorted(kwargs.items())), levels)
        body, etag = ANSWERS.get_or_compute(key, lambda: _rendered(view(request, *args, **kwargs)))
        if etag in [tag.strip() for tag in request.headers.get("If-None-Match", "").split(",")]:
            response: HttpResponse = HttpResponseNotModified()
        else:
            response = HttpResponse(body, content_type="application/json; charset=utf-8")
        response["ETag"] = etag
        public = levels == ("public",) and not request.headers.get("Authorization")
        response["Cache-Control"] = f"{'public' if public else 'private'}, max-age={MAX_AGE}"
        response["Vary"] = "Authorization, Cookie"
        return response

    return wrapper
