"""The overview: the organization as of a chosen day."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from csto_registry.records.selectors.memberships import membership_list_on
from csto_registry.records.selectors.organizations import organization_list_on
from csto_registry.timeline import TimelineError, parse_day


def overview(request: HttpRequest) -> HttpResponse:
    """Show the member states and the bodies as of `?on=YYYY-MM-DD` (default today)."""
    today = dt.datetime.now(dt.UTC).date()
    raw = request.GET.get("on")
    error = None
    try:
        day = parse_day(raw) if raw else today
    except TimelineError:
        day, error = today, f"{raw!r} is not a day (YYYY-MM-DD); showing today."
    context = {
        "day": day,
        "error": error,
        "members": membership_list_on(day=day, statuses=None),
        "bodies": organization_list_on(day=day),
    }
    return render(request, "web/overview.html", context, status=400 if error else 200)
