"""The words the site and the command line both say of the record: one set of messages in the catalog.

The site's pages and the CLI's tables (`--lang ru`) translate a status, a certainty, a kind of change, an
instrument's step, a session's kind and why a row is only possible through these tables, so that the same
value reads the same everywhere.
"""

from __future__ import annotations

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


def why_sentence(why: dict[str, str | None] | None) -> str:
    """Why a row is only possible, in the active language ("last confirmed 2026-02-12"); "" when it is not."""
    if not why or why.get("reason") not in WHY:
        return ""
    if not why.get("date"):
        return gettext("no start recorded, and no day confirmed")
    return str(WHY[str(why["reason"])]) % {"day": why["date"]}
