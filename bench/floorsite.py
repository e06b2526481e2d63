"""The floor of `bench/api.py`: a minimal Django site that answers each benchmarked URL with fixed bytes.

No apps, no middleware, no database, no templates: one URL per question, whose view returns the bytes
(and the content type) that the real server returned for it, read once at start-up from the JSON file
named by `CSTO_FLOOR_RESPONSES` (`{"path": {"content_type": ..., "body_base64": ...}}`). Served by
gunicorn exactly as `csto serve` serves the project (`floorsite:application`, with `--chdir bench`),
it is what Django and gunicorn alone cost per request: the most the project could reach.
"""

from __future__ import annotations

import base64
import json
import os
from collections.abc import Callable

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, path

RESPONSES_VARIABLE = "CSTO_FLOOR_RESPONSES"


def fixed_view(body: bytes, content_type: str) -> Callable[[HttpRequest], HttpResponse]:
    """Return a view that answers every request with `body`, as the real server did (with its length, too)."""
    length = str(len(body))

    def view(request: HttpRequest) -> HttpResponse:
        response = HttpResponse(body, content_type=content_type)
        response["Content-Length"] = length  # the project's CommonMiddleware sets it; without it gunicorn chunks
        return response

    return view


def url_patterns(responses: dict[str, dict[str, str]]) -> list[URLPattern]:
    """One URL pattern per recorded path (query strings play no part in Django's routing)."""
    patterns = []
    for url_path, response in responses.items():
        body = base64.b64decode(response["body_base64"])
        patterns.append(path(url_path.lstrip("/"), fixed_view(body, response["content_type"])))
    return patterns


def responses_load() -> dict[str, dict[str, str]]:
    """Read the recorded responses from the file named by CSTO_FLOOR_RESPONSES."""
    file = os.environ.get(RESPONSES_VARIABLE)
    if not file:
        raise SystemExit(f"floorsite: set {RESPONSES_VARIABLE} to the recorded responses (JSON)")
    with open(file, encoding="utf-8") as handle:
        return json.load(handle)


if not settings.configured:
    settings.configure(
        DEBUG=False,
        SECRET_KEY="csto-bench-floor-not-a-secret",  # noqa: S106  # a loopback-only benchmark site
        ALLOWED_HOSTS=["127.0.0.1", "localhost"],
        ROOT_URLCONF=__name__,
        INSTALLED_APPS=[],
        MIDDLEWARE=[],
        DATABASES={},
        USE_I18N=False,
        USE_TZ=True,
    )

urlpatterns = url_patterns(responses_load())
application = get_wsgi_application()
