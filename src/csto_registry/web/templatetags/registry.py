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
from django.utils.translation import gettext, pgettext_lazy

from csto_registry.records.words import CERTAINTY, CHANGE, EVENT, SESSION_KIND, STATUS, edtf_in_words, why_sentence

register = template.Library()
SEED = re.compile(r"seed:([^#]+)#L(\d+)")

VOCABULARIES: dict[str, dict[str, Promise]] = {
    "event": EVENT,
    "session-kind": SESSION_KIND,
    "change": CHANGE,
    "body-kind": {
        "organization": pgettext_lazy("body kind", "organization"),
        "statutory-body": pgettext_lazy("body kind", "statutory body"),
        "permanent-working-body": pgettext_lazy("body kind", "permanent working body"),
        "subsidiary-body": pgettext_lazy("body kind", "subsidiary body"),
        "coordination-council": pgettext_lazy("body kind", "coordination council"),
        "working-group": pgettext_lazy("body kind", "working group"),
        "parliamentary-body": pgettext_lazy("body kind", "parliamentary body"),
        "centre": pgettext_lazy("body kind", "centre"),
        "commission": pgettext_lazy("body kind", "commission"),
        "advisory-body": pgettext_lazy("body kind", "advisory body"),
        "association": pgettext_lazy("body kind", "association"),
        "partner": pgettext_lazy("body kind", "partner organization"),
    },
    "instrument-kind": {
        "treaty": pgettext_lazy("instrument kind", "treaty"),
        "charter": pgettext_lazy("instrument kind", "charter"),
        "protocol": pgettext_lazy("instrument kind", "protocol"),
        "agreement": pgettext_lazy("instrument kind", "agreement"),
        "decision": pgettext_lazy("instrument kind", "decision"),
        "provision": pgettext_lazy("instrument kind", "provision"),
        "strategy": pgettext_lazy("instrument kind", "strategy"),
        "plan": pgettext_lazy("instrument kind", "plan"),
        "memorandum": pgettext_lazy("instrument kind", "memorandum"),
        "statement": pgettext_lazy("instrument kind", "statement"),
        "position": pgettext_lazy("instrument kind", "joint position"),
        "resolution": pgettext_lazy("instrument kind", "resolution"),
        "list": pgettext_lazy("instrument kind", "list"),
    },
    "relation": {
        "extends": pgettext_lazy("relation of instruments", "extends"),
        "amends": pgettext_lazy("relation of instruments", "amends"),
        "implements": pgettext_lazy("relation of instruments", "implements"),
        "replaces": pgettext_lazy("relation of instruments", "replaces"),
    },
    "operation-kind": {
        "regular": pgettext_lazy("operation kind", "regular operation"),
        "mission": pgettext_lazy("operation kind", "mission"),
    },
    "case-status": {
        "open": pgettext_lazy("case status", "open"),
        "assessed": pgettext_lazy("case status", "assessed"),
        "decided": pgettext_lazy("case status", "decided"),
        "mission": pgettext_lazy("case status", "mission under way"),
        "closed": pgettext_lazy("case status", "closed"),
    },
    "chair-basis": {
        "recorded": pgettext_lazy("basis of the chair", "on record"),
        "rotation": pgettext_lazy("basis of the chair", "by rotation"),
        "none": pgettext_lazy("basis of the chair", "not determined"),
    },
    "search-kind": {
        "person": pgettext_lazy("search result", "person"),
        "body": pgettext_lazy("search result", "body"),
        "partner": pgettext_lazy("search result", "partner"),
        "instrument": pgettext_lazy("search result", "instrument"),
        "decision": pgettext_lazy("search result", "decision"),
        "operation": pgettext_lazy("search result", "operation"),
        "state": pgettext_lazy("search result", "state"),
        "post": pgettext_lazy("search result", "post"),
        "session": pgettext_lazy("search result", "session"),
        "exercise": pgettext_lazy("search result", "exercise"),
        "force": pgettext_lazy("search result", "force"),
        "case": pgettext_lazy("search result", "case"),
        "programme": pgettext_lazy("search result", "programme"),
    },
    "search-group": {
        "person": pgettext_lazy("search results", "People"),
        "body": pgettext_lazy("search results", "Bodies"),
        "partner": pgettext_lazy("search results", "Partners"),
        "instrument": pgettext_lazy("search results", "Instruments"),
        "decision": pgettext_lazy("search results", "Decisions"),
        "operation": pgettext_lazy("search results", "Operations"),
        "state": pgettext_lazy("search results", "States"),
        "post": pgettext_lazy("search results", "Posts"),
        "session": pgettext_lazy("search results", "Sessions"),
        "exercise": pgettext_lazy("search results", "Exercises"),
        "force": pgettext_lazy("search results", "Forces"),
        "case": pgettext_lazy("search results", "Cases"),
        "programme": pgettext_lazy("search results", "Programmes"),
    },
    "decision-status": {
        "draft": pgettext_lazy("decision status", "draft"),
        "adopted": pgettext_lazy("decision status", "adopted"),
        "rejected": pgettext_lazy("decision status", "rejected"),
    },
    "position": {
        "agree": pgettext_lazy("position", "agree"),
        "object": pgettext_lazy("position", "object"),
        "abstain": pgettext_lazy("position", "abstain"),
    },
    # The measures of the built-in dataset's figures; another dataset's measure shows as its id.
    "measure": {
        "criminal-cases-human-trafficking": pgettext_lazy("measure", "criminal cases for human trafficking"),
        "criminal-cases-initiated": pgettext_lazy("measure", "criminal cases initiated"),
        "criminal-cases-organizing-illegal-migration": pgettext_lazy(
            "measure", "criminal cases for organizing illegal migration"
        ),
        "criminal-cases-other-crimes": pgettext_lazy("measure", "criminal cases for other crimes"),
        "drug-groups-neutralized": pgettext_lazy("measure", "drug groups neutralized"),
        "drugs-seized": pgettext_lazy("measure", "drugs seized"),
        "equipment": pgettext_lazy("measure", "equipment"),
        "fines-imposed": pgettext_lazy("measure", "fines imposed"),
        "heroin-seized": pgettext_lazy("measure", "heroin seized"),
        "information-links-revealed": pgettext_lazy("measure", "information links revealed"),
        "information-links-suspended": pgettext_lazy("measure", "information links suspended"),
        "information-resources-revealed": pgettext_lazy("measure", "information resources revealed"),
        "information-resources-suspended": pgettext_lazy("measure", "information resources suspended"),
        "joint-trainings-conducted": pgettext_lazy("measure", "joint trainings conducted"),
        "migration-violations-detected": pgettext_lazy("measure", "violations of migration law detected"),
        "normative-legal-acts-adopted": pgettext_lazy("measure", "normative legal acts adopted"),
        "personnel": pgettext_lazy("measure", "personnel"),
        "personnel-armed-forces": pgettext_lazy("measure", "personnel of the armed forces"),
        "personnel-internal-affairs": pgettext_lazy("measure", "personnel of the internal affairs bodies"),
        "students-per-year": pgettext_lazy("measure", "students per year"),
        "wanted-persons-detained": pgettext_lazy("measure", "wanted persons detained"),
    },
}


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
    """What a reader cites this page by: its stable address (the day in it), the records' revision, today."""
    import datetime as dt

    from csto_registry.records.revision import revision_number

    request = context["request"]
    day = context.get("day")
    query = request.GET.copy()
    if day:
        query["on"] = day.isoformat()
        query.pop("year", None)
    address = request.build_absolute_uri(request.path) + (f"?{query.urlencode()}" if query else "")
    return {"address": address, "revision": revision_number(), "today": dt.datetime.now(dt.UTC).date().isoformat()}


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
