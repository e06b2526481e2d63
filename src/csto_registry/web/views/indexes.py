"""Indexes of every kind of record (people, cases, partners) and the pages of one state and one operation."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext

from csto_registry.records.errors import NotFound
from csto_registry.records.models import Person, Post, State
from csto_registry.records.selectors import activities
from csto_registry.records.selectors.common import name_in, root_get, state_short_names
from csto_registry.records.selectors.history import occupants_in_order, post_history
from csto_registry.records.selectors.instruments import partner_list
from csto_registry.records.selectors.sessions import session_list
from csto_registry.records.selectors.timelines import membership_timeline
from csto_registry.web.caching import cached_for_visitors
from csto_registry.web.context import page_state

PEOPLE_PER_PAGE = 100


@cached_for_visitors
def people(request: HttpRequest) -> HttpResponse:
    """Every person of the organization, in the dataset's order, a page at a time (?state=XXX: of that nationality)."""
    state = page_state(request)
    root = root_get()
    persons = Person.objects.filter(dataset=root).select_related("nationality").order_by("position", "id")
    code = request.GET.get("state", "").upper()
    names = state_short_names(state.lang)
    if code:
        if code not in names:
            raise Http404(f"no state {code!r}")
        persons = persons.filter(nationality__code=code)
    paginator = Paginator(persons.only("slug", "name", "nationality__code"), PEOPLE_PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    rows = [
        {
            "id": p.slug,
            "name": name_in(p.name, state.lang),
            "nationality": names.get(p.nationality.code) if p.nationality else None,
        }
        for p in page.object_list
    ]
    nationalities = sorted(
        {c for c in Person.objects.filter(dataset=root).values_list("nationality__code", flat=True) if c},
        key=lambda c: names.get(c, c),
    )
    context = {
        "page": state,
        "day": state.day,
        "rows": rows,
        "pages": page,
        "code": code,
        "states": [(c, names.get(c, c)) for c in nationalities],
    }
    return render(request, "web/people.html", context)


@cached_for_visitors
def cases(request: HttpRequest) -> HttpResponse:
    """The crisis-response cases, each with its state, appeal day and status."""
    state = page_state(request)
    names = state_short_names(state.lang)
    rows = [
        {**c, "victim_name": names.get(c["victim"], c["victim"])}
        for c in activities.case_list(lang=state.lang, levels=state.levels)
    ]
    return render(request, "web/cases.html", {"page": state, "day": state.day, "rows": rows})


@cached_for_visitors
def partners(request: HttpRequest) -> HttpResponse:
    """The partner organizations, with the instruments that bind them."""
    state = page_state(request)
    rows = partner_list(lang=state.lang, levels=state.levels)
    return render(request, "web/partners.html", {"page": state, "day": state.day, "rows": rows})


@cached_for_visitors
def operation(request: HttpRequest, slug: str) -> HttpResponse:
    """One operation or mission: its period, figures and (a mission's) contingents by state."""
    state = page_state(request)
    try:
        detail = activities.operation_detail(slug=slug, lang=state.lang, levels=state.levels)
    except NotFound as error:
        raise Http404(str(error)) from error
    names = state_short_names(state.lang)
    for row in detail["contingents"]:
        row["state_name"] = names.get(row["state"], row["state"])
    return render(request, "web/operation.html", {"page": state, "day": state.day, "o": detail})


@cached_for_visitors
def state_page(request: HttpRequest, code: str) -> HttpResponse:
    """One state: its status over time, its holders on every seat, the sessions it hosted, its contingents."""
    state = page_state(request)
    found = State.objects.filter(code=code.upper()).first()
    if found is None:
        raise Http404(f"no state {code!r}")
    if found.code != code:  # one address per state: /states/rus/ is /states/RUS/
        return redirect("web:state", code=found.code, permanent=True)
    timeline = next((row for row in membership_timeline(lang=state.lang) if row["state"] == code), None)
    seats = [
        post_history(post=slug, lang=state.lang)
        for slug in Post.objects.filter(state=found, dataset=root_get())
        .order_by("position")
        .values_list("slug", flat=True)
    ]
    hosted = [s for s in session_list(lang=state.lang, levels=state.levels) if s.get("state") == code]
    contingents: list[dict[str, Any]] = []
    for o in activities.operation_list(lang=state.lang, levels=state.levels):
        for row in o["contingents"]:
            if row["state"] == code:
                contingents.append({**row, "operation": o["id"], "operation_name": o["name"]})
    context = {
        "page": state,
        "day": state.day,
        "code": code,
        "name": name_in(found.name, state.lang),
        "short": name_in(found.short or found.name, state.lang),
        "periods": timeline["periods"] if timeline else [],
        "seats": [s | {"rows": occupants_in_order(s)} for s in seats if s["holders"] or s["vacancies"]],
        "hosted": hosted,
        "contingents": contingents,
    }
    return render(request, "web/state.html", context)


@cached_for_visitors
def changes(request: HttpRequest) -> HttpResponse:
    """Every change in the record between two days (?from=&to=; default: the twelve months up to today)."""
    import dataclasses
    import datetime as dt

    from csto_registry.records.errors import InvalidInput
    from csto_registry.records.selectors.changes import changes_between
    from csto_registry.timeline import TimelineError, parse_day

    state = dataclasses.replace(page_state(request), error=None)
    today = dt.datetime.now(dt.UTC).date()
    error = None
    try:
        last = parse_day(request.GET["to"]) if request.GET.get("to") else today
        first = parse_day(request.GET["from"]) if request.GET.get("from") else last - dt.timedelta(days=365)
        found = changes_between(start=first, end=last, lang=state.lang, levels=state.levels)
    except (TimelineError, InvalidInput) as problem:
        error = gettext("%(problem)s; showing the twelve months up to today.") % {"problem": problem}
        first, last = today - dt.timedelta(days=365), today
        found = changes_between(start=first, end=last, lang=state.lang, levels=state.levels)
    names = state_short_names(state.lang)
    context = {
        "page": state,
        "day": None,
        "first": found["from"],
        "last": found["to"],
        "rows": [c | {"state_name": names.get(c.get("state") or "", c.get("state"))} for c in found["changes"]],
        "error": error,
    }
    return render(request, "web/changes.html", context, status=400 if error else 200)
