"""The overview: the organization as of a chosen day."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from csto_registry.records.errors import RegistryError
from csto_registry.records.selectors.common import name_in, root_get, state_short_names
from csto_registry.records.selectors.memberships import membership_list_on
from csto_registry.records.selectors.organizations import organization_list_on
from csto_registry.records.selectors.rotation import chair_of_year
from csto_registry.records.selectors.statutes import treaty_term_on_day
from csto_registry.records.selectors.tenures import office_holder_list_on
from csto_registry.web.caching import cached_for_visitors
from csto_registry.web.context import page_state


@cached_for_visitors
def overview(request: HttpRequest) -> HttpResponse:
    """Member states, bodies, the treaty term and the Council's chair as of `?on=` (default today)."""
    state = page_state(request)
    root = root_get()
    # The statutes' answers are the CSTO's; an organization whose dataset records no treaty term
    # or chair rotation (any imported one) is shown without them.
    try:
        chair = chair_of_year(year=state.day.year)
    except RegistryError:
        chair = None
    try:
        term = treaty_term_on_day(day=state.day)
    except RegistryError:
        term = None
    context = {
        "page": state,
        "day": state.day,
        "error": state.error,
        "organization": name_in(root.name, state.lang),
        "members": membership_list_on(day=state.day, statuses=None, lang=state.lang),
        "bodies": organization_list_on(day=state.day, lang=state.lang),
        "offices": office_holder_list_on(day=state.day, lang=state.lang),
        "term": term,
        "chair": chair,
        "chair_name": state_short_names(state.lang).get(chair["state"], chair["state"])
        if chair and chair["state"]
        else None,
    }
    return render(request, "web/overview.html", context, status=400 if state.error else 200)
