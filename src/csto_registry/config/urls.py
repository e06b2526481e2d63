"""The site's URLs."""

from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from django.views.generic import RedirectView
from django.views.i18n import set_language

from csto_registry.api.v1 import api
from csto_registry.web.feeds import RevisionsFeed

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    # The language switch (POST) only sets the language cookie, so it takes no CSRF token: a page for a
    # visitor then holds no per-visitor secret and can be kept and served again (web/caching.py).
    # An Atom feed of the record's revisions (not a page of the site: no language menu, no day).
    path("feeds/revisions.atom", RevisionsFeed(), name="feed-revisions"),
    path("i18n/setlang/", csrf_exempt(set_language), name="set_language"),
    # Browsers ask for /favicon.ico where a page names no icon (the API's docs, a file): the site's icon.
    path("favicon.ico", RedirectView.as_view(url=static("web/favicon.svg"), permanent=True)),
    path("", include("csto_registry.web.urls")),
]
