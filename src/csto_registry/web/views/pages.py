"""Pages of states, bodies, people and sources."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.safestring import SafeString
from django.utils.translation import gettext

from csto_registry.datasets.importer import seed_lines
from csto_registry.records.errors import NotFound
from csto_registry.records.models import Organization
from csto_registry.records.selectors.common import name_in, state_short_names
from csto_registry.records.selectors.history import body_history, occupants_in_order
from csto_registry.records.selectors.memberships import membership_list_on
from csto_registry.records.selectors.search import MAX_LENGTH
from csto_registry.records.selectors.tenures import holder_list_on, person_detail
from csto_registry.records.selectors.timelines import body_timeline, membership_timeline, person_timeline
from csto_registry.web.caching import cached_for_visitors
from csto_registry.web.charts import timeline_svg
from csto_registry.web.context import page_state

FIRST = dt.date(1992, 1, 1)


@cached_for_visitors
def states(request: HttpRequest) -> HttpResponse:
    """The states with their status on the day, and the membership timeline from 1992 to today."""
    state = page_state(request)
    timeline = membership_timeline(lang=state.lang)
    today = dt.datetime.now(dt.UTC).date()
    chart = timeline_svg(
        [(row["name"], row["periods"]) for row in timeline],
        first=FIRST,
        last=today,
        marker=state.day,
        title=gettext("Membership of the states over time"),
    )
    rows = membership_list_on(day=state.day, statuses=None, lang=state.lang)
    context = {"page": state, "day": state.day, "rows": rows, "chart": chart, "map": _map(rows, state.day)}
    return render(request, "web/states.html", context)


def _map(rows: list[dict[str, Any]], day: dt.date) -> SafeString:
    """The region with each state in the colour of its status on `day` (a certain status before a possible one)."""
    from csto_registry.web.map import map_svg
    from csto_registry.web.templatetags.registry import CERTAINTY, STATUS

    statuses: dict[str, tuple[str, str]] = {}
    for row in sorted(rows, key=lambda r: r["certainty"] != "certain"):
        statuses.setdefault(row["state"], (row["status"], row["certainty"]))
    legend = {status: str(STATUS[status]) for status in ("member", "suspended", "withdrawn", "observer")}
    legend |= {"certain": str(CERTAINTY["certain"]), "possible": str(CERTAINTY["possible"]), "other": gettext("other")}
    return map_svg(
        statuses,
        title=gettext("The states on %(day)s") % {"day": day.isoformat()},
        labels={row["state"]: row["name"] for row in rows},
        legend=legend,
        links={row["state"]: f"#state-{row['state']}" for row in rows},
    )


@cached_for_visitors
def body(request: HttpRequest, slug: str) -> HttpResponse:
    """A body: its posts and their holders on the day."""
    state = page_state(request)
    found = Organization.objects.filter(slug=slug).select_related("parent").first()
    if found is None:
        raise Http404(f"no body {slug!r}")
    children = Organization.objects.filter(parent=found).exclude(kind="partner").order_by("position")
    posts = [_named_neighbours(post) for post in body_history(body=slug, lang=state.lang)]
    titles = {post["post"]: post["title"] for post in posts}
    states = state_short_names(state.lang)
    holders = [  # each seat by its title, each state by its name: the ids stay in the links
        row | {"title": titles.get(row["post"], row["post"]), "state_name": states.get(row["state"] or "", "")}
        for row in holder_list_on(body=slug, day=state.day, lang=state.lang)
    ]
    context = {
        "holders": holders,
        "page": state,
        "day": state.day,
        "body": found,
        "name": name_in(found.name, state.lang),
        "parent_name": name_in(found.parent.name, state.lang) if found.parent else None,
        "founded_by": name_in(found.founded_by, state.lang) if found.founded_by else None,
        "children": [(c.slug, name_in(c.name, state.lang)) for c in children],
        "history": _body_history(slug, state.day, state.lang),
        "posts": posts,
    }
    return render(request, "web/body.html", context)


def _named_neighbours(post: dict[str, Any]) -> dict[str, Any]:
    """A post's history with the names of each holder's predecessor and successor (the ids are in the rows),
    and its holders and vacancies in one order ("rows")."""
    names = {row["person"]: row["name"] for row in post["holders"]}
    holders = [
        row | {"before": names.get(row["preceded_by"] or ""), "after": names.get(row["succeeded_by"] or "")}
        for row in post["holders"]
    ]
    return post | {"rows": occupants_in_order(post | {"holders": holders})}


def _body_history(slug: str, day: dt.date, lang: str) -> SafeString:
    """Every post of the body with the tenures of its holders, 1992 (or the first tenure) to today."""
    posts = body_timeline(body=slug, lang=lang)
    if not posts:
        return SafeString("")
    starts = [dt.date.fromisoformat(p["start_min"]) for post in posts for p in post["periods"] if p["start_min"]]
    return timeline_svg(
        [(post["title"], post["periods"]) for post in posts],
        first=min([*starts, FIRST]),
        last=dt.datetime.now(dt.UTC).date(),
        marker=day,
        title=gettext("History of the posts"),
    )


@cached_for_visitors
def person(request: HttpRequest, slug: str) -> HttpResponse:
    """A person, every tenure, and a timeline of them."""
    state = page_state(request)
    try:
        detail = person_detail(query=slug, lang=state.lang)
    except NotFound as error:
        raise Http404(str(error)) from error
    periods = person_timeline(person=detail["id"], lang=state.lang)
    today = dt.datetime.now(dt.UTC).date()
    first = min((dt.date.fromisoformat(p["start_min"]) for p in periods if p["start_min"]), default=FIRST)
    chart = timeline_svg(
        [(p["label"], [p]) for p in periods],
        first=min(first, FIRST),
        last=today,
        marker=state.day,
        title=gettext("Tenures of %(name)s") % {"name": detail["name"]},
    )
    return render(request, "web/person.html", {"page": state, "day": state.day, "person": detail, "chart": chart})


@cached_for_visitors
def seed_source(request: HttpRequest, name: str) -> HttpResponse:
    """A seed text, line by line, so that a citation opens its line in context (#L<n>)."""
    if not re.fullmatch(r"[\w.-]+\.txt", name):
        raise Http404("no such seed")
    lines = seed_lines().get(name)
    if lines is None:
        raise Http404("no such seed")
    context = {"page": page_state(request), "name": name, "lines": list(enumerate(lines, start=1))}
    return render(request, "web/seed.html", context)


@cached_for_visitors
def data(request: HttpRequest) -> HttpResponse:
    """Where to download the structure in standard formats (the files the API serves)."""
    from csto_registry.datasets.standard import TABLES

    return render(request, "web/data.html", {"page": page_state(request), "tables": list(TABLES)})


@cached_for_visitors
def about(request: HttpRequest) -> HttpResponse:
    """About the data: what the record covers, its coverage per body, where the seed comes from, corrections."""
    from csto_registry.records.selectors.gaps import record_gaps

    state = page_state(request)
    found = record_gaps(today=dt.datetime.now(dt.UTC).date(), lang=state.lang)
    bodies = {
        o.slug: name_in(o.name, state.lang) for o in Organization.objects.filter(slug__in=found["coverage"]["bodies"])
    }
    coverage = [
        {"body": slug, "name": bodies.get(slug, slug), **figure, "percent": _percent(figure["share"])}
        for slug, figure in found["coverage"]["bodies"].items()
    ]
    context = {
        "page": state,
        "found": found,
        "overall": found["coverage"]["overall"] | {"percent": _percent(found["coverage"]["overall"]["share"])},
        "coverage": coverage,
        "seeds": sorted(seed_lines()),
    }
    return render(request, "web/about.html", context)


def _percent(share: float | None) -> str:
    return "" if share is None else f"{share * 100:.1f}%"


PAGE_OF_RESULTS = 50


@cached_for_visitors
def search(request: HttpRequest) -> HttpResponse:
    """Search every kind of record by its words; results ranked, grouped by kind, a page at a time."""
    from csto_registry.records.errors import InvalidInput
    from csto_registry.records.selectors.search import KINDS, search_path
    from csto_registry.records.selectors.search import search as find

    state = page_state(request)
    query = request.GET.get("q", "")
    page = request.GET.get("page", "1")
    number = int(page) if page.isdigit() and 0 < int(page) <= 1000 else 1
    rows, problem = [], None
    if query.strip():
        try:
            offset = (number - 1) * PAGE_OF_RESULTS
            rows = find(query=query, lang=state.lang, levels=state.levels, limit=PAGE_OF_RESULTS + 1, offset=offset)
        except InvalidInput as error:
            problem = _search_problem(str(error))
    more = len(rows) > PAGE_OF_RESULTS
    groups: dict[str, list[dict[str, Any]]] = {}
    for row in rows[:PAGE_OF_RESULTS]:
        groups.setdefault(row["kind"], []).append({**row, "page": search_path(row)})
    context = {
        "page": state,
        "day": state.day,
        "query": query,
        "groups": sorted(groups.items(), key=lambda item: KINDS.index(item[0]) if item[0] in KINDS else len(KINDS)),
        "number": number,
        "previous": number - 1 if number > 1 else None,
        "next": number + 1 if more else None,
        "error": problem,
    }
    return render(request, "web/search.html", context)


def _search_problem(message: str) -> str:
    if "characters" in message:
        return gettext("A search takes at most %(count)d characters.") % {"count": MAX_LENGTH}
    return gettext("A search needs at least two letters.")


@cached_for_visitors
def bodies(request: HttpRequest) -> HttpResponse:
    """The organization chart: the bodies that exist on the day, as a tree (dashed: possibly)."""
    from django.urls import reverse

    from csto_registry.records.selectors.organizations import organization_list_on
    from csto_registry.web.charts import tree_svg

    state = page_state(request)
    rows = organization_list_on(day=state.day, lang=state.lang)
    on = state.day.isoformat()
    chart = tree_svg(
        rows,
        root="csto",
        link=lambda slug: reverse("web:body", args=[slug]) + f"?on={on}",
        title=gettext("Organization chart"),
        root_label=gettext("CSTO"),
    )
    return render(request, "web/bodies.html", {"page": state, "day": state.day, "rows": rows, "chart": chart})
