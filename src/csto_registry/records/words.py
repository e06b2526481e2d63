"""The words the site and the command line both say of the record: one set of messages in the catalog.

The site's pages and the CLI's tables (`--lang ru`) translate a status, a certainty, a kind of change, an
instrument's step, a session's kind and why a row is only possible through these tables, so that the same
value reads the same everywhere.
"""

from __future__ import annotations

import re

from django.utils.functional import Promise
from django.utils.translation import gettext, gettext_lazy, pgettext_lazy

STATUS: dict[str, Promise] = {
    "signatory": pgettext_lazy("membership status", "signatory"),
    "member": pgettext_lazy("membership status", "member"),
    "frozen": pgettext_lazy("membership status", "participation frozen"),
    "suspended": pgettext_lazy("membership status", "suspended"),
    "withdrawn": pgettext_lazy("membership status", "withdrawn"),
    "observer": pgettext_lazy("membership status", "observer"),
    "partner": pgettext_lazy("membership status", "partner"),
}
CERTAINTY: dict[str, Promise] = {
    "certain": pgettext_lazy("certainty", "certain"),
    "possible": pgettext_lazy("certainty", "possible"),
    "no": pgettext_lazy("certainty", "no"),
}
EVENT: dict[str, Promise] = {
    "signed": pgettext_lazy("instrument event", "signed"),
    "adopted": pgettext_lazy("instrument event", "adopted"),
    "approved": pgettext_lazy("instrument event", "approved"),
    "ratified": pgettext_lazy("instrument event", "ratified"),
    "acceded": pgettext_lazy("instrument event", "acceded"),
    "entered-into-force": pgettext_lazy("instrument event", "entered into force"),
    "registered-un": pgettext_lazy("instrument event", "registered with the UN"),
    "extended": pgettext_lazy("instrument event", "extended"),
    "amended": pgettext_lazy("instrument event", "amended"),
    "expired": pgettext_lazy("instrument event", "expired"),
    "suspended": pgettext_lazy("instrument event", "suspended"),
    "withdrawn": pgettext_lazy("instrument event", "withdrawn"),
    "implemented": pgettext_lazy("instrument event", "implemented"),
}
SESSION_KIND: dict[str, Promise] = {
    "regular": pgettext_lazy("session kind", "regular"),
    "extraordinary": pgettext_lazy("session kind", "extraordinary"),
    "jubilee": pgettext_lazy("session kind", "jubilee"),
    "informal": pgettext_lazy("session kind", "informal"),
}
CHANGE: dict[str, Promise] = {
    "status-begins": pgettext_lazy("change", "status begins"),
    "status-ends": pgettext_lazy("change", "status ends"),
    "takes-office": pgettext_lazy("change", "takes office"),
    "leaves-office": pgettext_lazy("change", "leaves office"),
    "body-founded": pgettext_lazy("change", "body founded"),
    "body-dissolved": pgettext_lazy("change", "body dissolved"),
    "chair-passes": pgettext_lazy("change", "chairs the Council"),
    "instrument": pgettext_lazy("change", "instrument"),
    "session": pgettext_lazy("change", "session held"),
    "operation-begins": pgettext_lazy("change", "operation begins"),
    "operation-ends": pgettext_lazy("change", "operation ends"),
    "force-formed": pgettext_lazy("change", "force formed"),
    "force-disbanded": pgettext_lazy("change", "force disbanded"),
    "case-opens": pgettext_lazy("change", "case opens"),
    "case-closes": pgettext_lazy("change", "case closes"),
    "decision-adopted": pgettext_lazy("change", "decision adopted"),
}
# Why a row is only possible (timeline.why_possible), in one line: {"reason", "date"} of the JSON rows.
WHY: dict[str, Promise] = {
    "start-imprecise": gettext_lazy("start known only as %(day)s"),
    "start-unrecorded": gettext_lazy("no start recorded; first confirmed %(day)s"),
    "end-imprecise": gettext_lazy("end known only as %(day)s"),
    "next-holder": gettext_lazy("no end recorded; the next holder had taken office by %(day)s"),
    "last-confirmed": gettext_lazy("last confirmed %(day)s"),
}


# The words of the other stored values, by vocabulary: what a page's `label` filter and the CLI say.
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


def why_sentence(why: dict[str, str | None] | None) -> str:
    """Why a row is only possible, in the active language ("last confirmed 2026-02-12"); "" when it is not."""
    if not why or why.get("reason") not in WHY:
        return ""
    if not why.get("date"):
        return gettext("no start recorded, and no day confirmed")
    return str(WHY[str(why["reason"])]) % {"day": why["date"]}


SEASONS = {
    21: pgettext_lazy("season", "spring"),
    22: pgettext_lazy("season", "summer"),
    23: pgettext_lazy("season", "autumn"),
    24: pgettext_lazy("season", "winter"),
}
_EDTF_DATE = re.compile(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?([?~%]?)")


def _date_words(text: str, *, governed: bool = False) -> str | None:
    """One EDTF date in words at its precision ("2015", "September 2015", "summer 2006", "15 September 2015"),
    or None when it is not one of these forms. `governed`: after "from" or "until", where Russian puts a
    month in the genitive ("с октября 2016")."""
    import datetime as dt

    from django.utils import translation
    from django.utils.dates import MONTHS, MONTHS_ALT
    from django.utils.formats import date_format

    match = _EDTF_DATE.fullmatch(text)
    if match is None:
        return None
    year, month, day, qualifier = match.groups()
    try:
        if day:
            words = date_format(dt.date(int(year), int(month), int(day)), "j E Y")
        elif month and int(month) in SEASONS:
            words = f"{SEASONS[int(month)]} {year}"
        elif month:
            name = str((MONTHS_ALT if governed else MONTHS)[int(month)])
            words = f"{name.lower() if translation.get_language() == 'ru' else name} {year}"
        else:
            words = year
    except (KeyError, ValueError):
        return None
    if qualifier:
        words = (gettext("about %(date)s") if qualifier == "~" else gettext("perhaps %(date)s")) % {"date": words}
    return words


def edtf_in_words(value: object) -> str:
    """An EDTF date as a reader says it, in the page's language, at the precision the source gives: a date,
    a month or season, a year; an interval ("2015 – 2017", "from October 2016"); one of a set ("9 September
    1993 or 9 December 1993"). Any other form is shown as written."""
    text = str(value or "").strip()
    if not text:
        return ""
    single = _date_words(text)
    if single is not None:
        return single
    if "/" in text:
        first, _, last = text.partition("/")
        open_end, open_start = last in ("", ".."), first in ("", "..")
        start = None if open_start else _date_words(first, governed=open_end)
        end = None if open_end else _date_words(last, governed=open_start)
        if start and open_end:
            return gettext("from %(date)s") % {"date": start}
        if end and open_start:
            return gettext("until %(date)s") % {"date": end}
        if start and end:
            return f"{start} – {end}"
    if text.startswith("[") and text.endswith("]"):
        options = [_date_words(part.strip()) for part in text[1:-1].split(",")]
        if options and all(options):
            return gettext(" or ").join(o for o in options if o)
    return text
