"""Version 1 of the API, under /api/v1/ (OpenAPI document at /api/v1/openapi.json, docs at /api/v1/docs)."""

from __future__ import annotations

from ninja import NinjaAPI

from csto_registry.api import errors
from csto_registry.api.v1 import activities, exports, records_admin, registry, statutes, writes

api = NinjaAPI(
    title="CSTO Registry API",
    version="1",
    description=(
        "Who, what and when in a collective-security organization, with sources. Every temporal "
        "collection takes at=YYYY-MM-DD (default: today) and says for each row whether it holds "
        "certainly or only possibly; the JSON is the same as the `csto` command's --json."
    ),
    urls_namespace="api-v1",
)
errors.register(api)
api.add_router("", registry.router)
api.add_router("/statutes", statutes.router)
api.add_router("", activities.router)
api.add_router("", writes.router)
api.add_router("", records_admin.router)
api.add_router("", exports.router)

__all__ = ["api"]
