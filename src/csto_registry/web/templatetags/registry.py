"""Template filters: a citation's link (a seed line opens on this site) and the words for the data's values.

The records keep statuses, certainties and kinds as fixed English values (for the
API, the CLI and CSS classes); a page shows each in the reader's language through
`status_label`, `certainty_label` and `label`, and keeps the raw value where it
serves as a class.
"""

from __future__ import annotations

import re

from django import template
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext

from csto_registry.records.words import CERTAINTY, STATUS, VOCABULARIES, edtf_in_words, why_sentence

register = template.Library()
SEED = re.compile(r"seed:([^#]+)#L(\d+)")


def word(vocabulary: dict[str, Promise], value: object) -> str:
    """The word for a data value in the active language; an unknown value shows as it is."""
    text = "" if value is None else str(value)
    found = vocabulary.get(text)
    return str(found) if found is not None else text


@register.filter
def status_label(value: object) -> str:
    """A membership status in the reader's language ("member" → "член")."""
    return word(STATUS, value)


@register.filter
def certainty_label(value: object) -> str:
    """A certainty in the reader's language ("possible" → "возможно")."""
    return word(CERTAINTY, value)


@register.filter
def why_label(why: dict[str, str | None] | None) -> str:
    """Why a row is only possible, in the reader's language ("last confirmed 2026-02-12"); "" when it is not."""
    return why_sentence(why)


@register.filter
def label(value: object, vocabulary: str) -> str:
    """A value of one of VOCABULARIES (`{{ row.kind|label:"body-kind" }}`) in the reader's language."""
    return word(VOCABULARIES[vocabulary], value)


@register.filter
def source_link(source: dict[str, str]) -> str:
    """The address a citation opens: the seed line on this site, or the public page."""
    ref = source.get("ref", "")
    found = SEED.fullmatch(ref)
    if found:
        return reverse("web:seed", args=[found.group(1)]) + f"?line={found.group(2)}#L{found.group(2)}"
    return source.get("url", "")


@register.filter
def source_label(source: dict[str, str]) -> str:
    ref = source.get("ref", "")
    found = SEED.fullmatch(ref)
    return gettext("seed, line %(line)s") % {"line": found.group(2)} if found else source.get("url", "")


@register.simple_tag(takes_context=True)
def citation(context: template.Context) -> dict[str, str | int | None]:
    """What a reader cites this page by: its stable address (the day and the records' revision in it: it opens
    the page as it was cited), the revision, today."""
    import datetime as dt

    from csto_registry.records.revision import revision_number

    request = context["request"]
    day = context.get("day")
    query = request.GET.copy()
    if day:
        query["on"] = day.isoformat()
        query.pop("year", None)
    revision = revision_number()
    query.pop("as_recorded", None)
    if revision is not None:
        query["rev"] = str(revision)  # the page as it is now, even after later writes (config.middleware)
    address = request.build_absolute_uri(request.path) + (f"?{query.urlencode()}" if query else "")
    return {"address": address, "revision": revision, "today": dt.datetime.now(dt.UTC).date().isoformat()}


@register.filter
def last_day_before(value: object) -> str:
    """The day before an exclusive end bound (YYYY-MM-DD): the last day a fact certainly held; "" for none."""
    import datetime as dt

    if not value:
        return ""
    return (dt.date.fromisoformat(str(value)) - dt.timedelta(days=1)).isoformat()


@register.filter
def edtf_words(value: object) -> str:
    """An EDTF date as a reader says it, in the page's language (records.words.edtf_in_words)."""
    return edtf_in_words(value)
