"""What every page needs: the chosen day and language, and a message if the day was malformed."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.http import HttpRequest
from django.utils import translation
from django.utils.translation import gettext

from csto_registry.timeline import TimelineError, parse_day


@dataclass(frozen=True)
class PageState:
    day: dt.date
    lang: str
    error: str | None


def page_state(request: HttpRequest) -> PageState:
    """Read ?on=YYYY-MM-DD (default today) and the active language (en or ru)."""
    today = dt.datetime.now(dt.UTC).date()
    raw = request.GET.get("on")
    lang = "ru" if translation.get_language() == "ru" else "en"
    if not raw:
        return PageState(today, lang, None)
    try:
        return PageState(parse_day(raw), lang, None)
    except TimelineError:
        message = gettext("%(value)s is not a day (YYYY-MM-DD); showing today.") % {"value": repr(raw)}
        return PageState(today, lang, message)
