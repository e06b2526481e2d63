"""What every page needs: the chosen day and language, and a message if the day was malformed."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.http import HttpRequest
from django.utils import translation
from django.utils.translation import gettext

from csto_registry.records.access import Levels, access_levels, account_of
from csto_registry.records.models.restricted import PUBLIC
from csto_registry.timeline import TimelineError, parse_day


@dataclass(frozen=True)
class PageState:
    day: dt.date
    lang: str
    error: str | None
    # What the visitor may read: the public records, or more once signed in (records.access).
    levels: Levels = (PUBLIC,)


def page_state(request: HttpRequest) -> PageState:
    """Read ?on=YYYY-MM-DD (default today), the active language (en or ru) and the visitor's access levels."""
    today = dt.datetime.now(dt.UTC).date()
    raw = request.GET.get("on")
    lang = "ru" if translation.get_language() == "ru" else "en"
    levels = access_levels(account_of(getattr(request, "user", None)))
    year = request.GET.get("year")
    if not raw and year:
        # The year slider: 1 January of the year chosen, from 1992 to this year.
        if year.isdigit() and 1992 <= int(year) <= today.year:
            return PageState(dt.date(int(year), 1, 1), lang, None, levels)
        message = gettext("%(value)s is not a year from 1992 to this year; showing today.") % {"value": repr(year)}
        return PageState(today, lang, message, levels)
    if not raw:
        return PageState(today, lang, None, levels)
    try:
        return PageState(parse_day(raw), lang, None, levels)
    except TimelineError:
        message = gettext("%(value)s is not a day (YYYY-MM-DD); showing today.") % {"value": repr(raw)}
        return PageState(today, lang, message, levels)


def body_names(lang: str) -> dict[str, str]:
    """Every body's (and organization's) name in `lang`, by id."""
    from csto_registry.records.models import Organization
    from csto_registry.records.selectors.common import name_in

    return {slug: name_in(name, lang) for slug, name in Organization.objects.values_list("slug", "name")}
