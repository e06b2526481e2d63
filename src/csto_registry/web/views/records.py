"""Pages of instruments, sessions, forces and exercises, operations and cases."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext

from csto_registry.records.errors import NotFound
from csto_registry.records.selectors import activities
from csto_registry.records.selectors.common import state_short_names
from csto_registry.records.selectors.instruments import instrument_detail, instrument_list_on
from csto_registry.records.selectors.sessions import session_list
from csto_registry.records.selectors.tenures import person_detail
from csto_registry.web.caching import cached_for_visitors
from csto_registry.web.context import body_names, page_state


@cached_for_visitors
def instruments(request: HttpRequest) -> HttpResponse:
    """The instruments in force on the day (?all=1: every instrument)."""
    state = page_state(request)
    show_all = request.GET.get("all") == "1"
    rows = instrument_list_on(day=None if show_all else state.day, lang=state.lang, levels=state.levels)
    return render(request, "web/instruments.html", {"page": state, "day": state.day, "rows": rows, "all": show_all})


@cached_for_visitors
def instrument(request: HttpRequest, slug: str) -> HttpResponse:
    """An instrument: parties, key articles, history."""
    state = page_state(request)
    try:
        detail = instrument_detail(slug=slug, lang=state.lang, levels=state.levels)
    except NotFound as error:
        raise Http404(str(error)) from error
    return render(request, "web/instrument.html", {"page": state, "day": state.day, "i": detail})


def _year_of(value: str | None) -> int | None:
    """The year an EDTF date of the record starts with (`2019-05-23`, `2019`, `2019-22`), else None."""
    head = (value or "")[:4]
    return int(head) if head.isdigit() else None


def _chosen_year(request: HttpRequest, years: Iterable[int]) -> tuple[int | None, str | None]:
    """Read ?year= as a filter over the years the page has: (the year or None for all, an error message)."""
    raw = request.GET.get("year", "")
    if raw == "":
        return None, None
    known = sorted(set(years))
    if raw.isdigit() and int(raw) in known:
        return int(raw), None
    message = gettext("%(value)s is not a year with records here (%(first)s-%(last)s); showing every year.") % {
        "value": repr(raw),
        "first": known[0] if known else "",
        "last": known[-1] if known else "",
    }
    return None, message


@cached_for_visitors
def sessions(request: HttpRequest) -> HttpResponse:
    """The sessions of the bodies, newest first; ?year= keeps one year's (a session that began in it)."""
    # The page does not depend on a day: ?year= is its own filter, not the site's "1 January of".
    state = dataclasses.replace(page_state(request), error=None)
    from csto_registry.records.selectors.common import name_in
    from csto_registry.records.selectors.decisions import decision_list

    rows = list(reversed(session_list(lang=state.lang, levels=state.levels)))
    years = sorted({y for y in (_year_of(r["start"]) for r in rows) if y is not None}, reverse=True)
    year, error = _chosen_year(request, years)
    if year is not None:
        rows = [r for r in rows if _year_of(r["start"]) == year]
    decisions = [d | {"name": name_in(d["title"], state.lang)} for d in decision_list(levels=state.levels)]
    context = {
        "page": state,
        "day": None,
        "rows": _named_sessions(rows, state.lang, state.levels),
        "years": years,
        "year": year,
        "error": error,
        "decisions": decisions,
        "decision_ids": {d["id"] for d in decisions},
    }
    return render(request, "web/sessions.html", context, status=400 if error else 200)


def _instrument_title(slug: str, state: Any) -> str:
    """An instrument's title in the reader's language, where the reader may read it (else its id)."""
    try:
        return str(instrument_detail(slug=slug, lang=state.lang, levels=state.levels)["title"])
    except NotFound:
        return slug


def _named_sessions(rows: list[dict[str, Any]], lang: str, levels: Any) -> list[dict[str, Any]]:
    """The sessions with their body, host, chair and decisions named in the reader's language (ids stay in links)."""
    from csto_registry.records.models import Instrument
    from csto_registry.records.selectors.common import name_in, readable

    states, bodies = state_short_names(lang), body_names(lang)
    wanted = {d for r in rows for d in r["decisions"]}
    titles = {
        slug: name_in(title, lang)
        for slug, title in readable(Instrument.objects.filter(slug__in=wanted), levels).values_list("slug", "title")
    }
    return [
        r
        | {
            "body_name": bodies.get(r["body"], r["body"]),
            "state_name": states.get(r["state"], r["state"]) if r.get("state") else "",
            "chair_name": states.get(r["chair"], r["chair"]) if r.get("chair") else "",
            "decision_titles": [(d, titles.get(d, d)) for d in r["decisions"]],
        }
        for r in rows
    ]


@cached_for_visitors
def forces(request: HttpRequest) -> HttpResponse:
    """The forces and the exercises; ?year= keeps one year's exercises."""
    state = dataclasses.replace(page_state(request), error=None)
    exercises = activities.exercise_list(lang=state.lang, levels=state.levels)
    years = sorted({y for y in (_year_of(e["date"]) for e in exercises) if y is not None}, reverse=True)
    year, error = _chosen_year(request, years)
    if year is not None:
        exercises = [e for e in exercises if _year_of(e["date"]) == year]
    names = state_short_names(state.lang)

    def named(codes: list[str]) -> str:
        return ", ".join(names.get(code, code) for code in codes)

    forces = activities.force_list(lang=state.lang, levels=state.levels)
    context = {
        "page": state,
        "day": None,
        "forces": [f | {"state_names": named(f["states"])} for f in forces],
        "exercises": [
            e | {"state_names": named(e["states"]), "host_name": names.get(e["host"], e["host"]) if e["host"] else ""}
            for e in exercises
        ],
        "years": years,
        "year": year,
        "error": error,
    }
    return render(request, "web/forces.html", context, status=400 if error else 200)


@cached_for_visitors
def operations(request: HttpRequest) -> HttpResponse:
    """The operations and missions with their figures, qualifiers kept."""
    state = page_state(request)
    from csto_registry.web.charts import figures_svg
    from csto_registry.web.templatetags.registry import VOCABULARIES, edtf_words, word

    rows = activities.operation_list(lang=state.lang, levels=state.levels)
    measures = VOCABULARIES["measure"]

    def label(item: dict[str, Any]) -> str:
        name = word(measures, item["measure"])
        return f"{name} ({edtf_words(item['period'])})" if item.get("period") else name

    bodies = body_names(state.lang)
    for row in rows:
        row["coordinator_name"] = bodies.get(row["coordinator"], row["coordinator"]) if row["coordinator"] else None
        row["chart"] = figures_svg(
            row["figures"], title=gettext("Figures of %(name)s") % {"name": row["name"]}, label=label
        )
    return render(request, "web/operations.html", {"page": state, "day": state.day, "rows": rows})


@cached_for_visitors
def case(request: HttpRequest, slug: str) -> HttpResponse:
    """A crisis-response case as a timeline of its steps."""
    state = page_state(request)
    try:
        detail = activities.case_detail(slug=slug, lang=state.lang, levels=state.levels)
    except NotFound as error:
        raise Http404(str(error)) from error
    # The steps name a person and an operation by id; the page shows their names.
    by = detail["appeal"]["by"]
    by_name = person_detail(query=by, lang=state.lang)["name"] if by else None
    mission = (
        activities.operation_detail(slug=detail["mission"], lang=state.lang, levels=state.levels)
        if detail["mission"]
        else None
    )
    names = state_short_names(state.lang)
    decision = detail["decision"]
    context = {
        "page": state,
        "day": state.day,
        "case": detail,
        "by_name": by_name,
        "mission": mission,
        "victim_name": names.get(detail["victim"], detail["victim"]),
        "obliged": ", ".join(names.get(code, code) for code in detail["assessment"].get("obligated", [])),
        "decision_title": _instrument_title(decision["instrument"], state)
        if decision and decision.get("instrument")
        else None,
    }
    return render(request, "web/case.html", context)
