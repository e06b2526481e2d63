"""The one place that decides between a Rich table for people and JSON for programs."""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Sequence
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table


def gettext_noop(message: str) -> str:
    """Mark a message for the catalog (makemessages finds the call), to be translated where it is shown."""
    return message


STYLES = {"certain": "bold green", "possible": "yellow"}
# The columns that hold a date as its source gives it (EDTF), shown in words at its precision ("summer 2006",
# "from October 2016"); the bounds (start_max, end_min...) are days, shown as they are.
DATE_COLUMNS = frozenset({"from", "until", "date", "established", "term_until", "last_confirmed"})


def _(message: str) -> str:
    """A message in the language the command was asked in (--lang), from the site's catalog."""
    from django.conf import settings

    if not settings.configured:
        return message
    from django.utils.translation import gettext

    return gettext(message)


def date_words(value: str) -> str:
    """An EDTF date in words, in the command's language (records.words.edtf_in_words), as the site says it."""
    from django.conf import settings

    if not settings.configured:
        return value
    from csto_registry.records.words import edtf_in_words

    return edtf_in_words(value)


class StateNames:
    """The states' short names in one language, by code (a code the record does not know stays as it is)."""

    def __init__(self, names: dict[str, str]) -> None:
        self.names = names

    def get(self, code: str | None) -> str:
        return "" if not code else self.names.get(code, code)

    def join(self, codes: Sequence[str]) -> str:
        return ", ".join(self.get(code) for code in codes)


def state_names(lang: str) -> StateNames:
    """The states' names in `lang`, for a table that names states (ids stay in the JSON)."""
    from csto_registry.records.selectors.common import state_short_names

    return StateNames(state_short_names(lang))


def figure_words(value: Any) -> str:
    """A figure in the words of its source, in the command's language (records.figure_words), as the site says it."""
    from django.conf import settings

    if not settings.configured:
        from csto_registry.statutes.figures import figure_text

        return figure_text(value)
    from csto_registry.records.figure_words import figure_in_words

    return figure_in_words(value)


def word(vocabulary: str, value: str) -> str:
    """A stored value (a status, a certainty, a kind of change, ...) as the site says it, in the command's
    language: `vocabulary` names a table of records.words (STATUS, CERTAINTY, CHANGE, EVENT, SESSION_KIND) or one
    of its VOCABULARIES ("instrument-kind", "operation-kind", "measure", ...)."""
    from django.conf import settings

    if not settings.configured:
        return value
    from csto_registry.records import words

    table = words.VOCABULARIES.get(vocabulary) or getattr(words, vocabulary)
    found = table.get(value)
    return value if found is None else str(found)


def why_text(why: dict[str, Any] | None) -> str:
    """Why a row is only possible, in one line ("last confirmed 2026-02-12"); "" when it is not."""
    from django.conf import settings

    if not why or not settings.configured:
        return ""
    from csto_registry.records.words import why_sentence

    return why_sentence(why)


def emit_json(value: Any) -> None:
    """Write `value` as JSON (UTF-8, not escaped) to stdout."""
    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=2) + "\n")


def source_cell(sources: Sequence[dict[str, str]]) -> str:
    """Show the first citation of a row, and how many more there are."""
    if not sources:
        return ""
    first = sources[0].get("ref") or sources[0].get("url", "")
    return first + (f" (+{len(sources) - 1})" if len(sources) > 1 else "")


def declared_cell(declared: dict[str, Any]) -> str:
    """Show what a state declared of its participation: "frozen (possible; last confirmed 2026-02-12)"."""
    status = word("STATUS", declared["status"])
    certainty = word("CERTAINTY", declared["certainty"])
    confirmed = declared.get("last_confirmed")
    said = _("last confirmed %(day)s") % {"day": confirmed} if confirmed else ""
    return f"{status} ({certainty}" + (f"; {said})" if said else ")")


def emit_table(title: str, columns: Sequence[tuple[str, str]], rows: Sequence[dict[str, Any]]) -> None:
    """Print rows as a table: `columns` are (key, heading); sources and certainty get their own form."""
    console = Console()
    if not rows:
        console.print(_("%(title)s: none") % {"title": title}, highlight=False)
        return
    table = Table(title=title, title_justify="left")
    for _key, heading in columns:
        # A narrow terminal wraps a cell, an id or an address folded over lines, never cut short with "…".
        table.add_column(_(heading), overflow="fold")
    for row in rows:
        cells = []
        for key, _heading in columns:
            value = row.get(key)
            if key == "sources":
                cells.append(escape(source_cell(value or [])))
            elif key == "certainty":
                style = STYLES.get(str(value))
                # A value with no style of its own is printed plain: "[]" would open no tag for "[/]" to close.
                shown = word("CERTAINTY", str(value))
                cell = f"[{style}]{escape(shown)}[/]" if style else escape(shown)
                why = row.get("why")
                # A table with its own "Last confirmed" column already says that reason.
                has_column = any(k == "last_confirmed" for k, _heading in columns)
                why = "" if has_column and why and why.get("reason") == "last-confirmed" else why_text(why)
                cells.append(cell + (f" ({escape(why)})" if why else ""))
            elif key == "status" and isinstance(value, str):
                cells.append(escape(word("STATUS", value)))
            elif key == "declared":
                cells.append(escape("; ".join(declared_cell(d) for d in value or [])))
            elif key in DATE_COLUMNS and isinstance(value, str):
                cells.append(escape(date_words(value)))
            elif key == "end_min" and isinstance(value, str):  # an exclusive bound: the last day certain is before it
                never = row.get("start_max") is None or str(row["start_max"]) >= value  # no day certain at all
                cells.append("" if never else (dt.date.fromisoformat(value) - dt.timedelta(days=1)).isoformat())
            elif isinstance(value, bool):
                cells.append("yes" if value else "")
            else:
                cells.append("" if value is None else escape(str(value)))
        table.add_row(*cells)
    console.print(table)


def emit(rows: Sequence[dict[str, Any]], *, as_json: bool, title: str, columns: Sequence[tuple[str, str]]) -> None:
    """Write rows as JSON or as a table."""
    if as_json:
        emit_json(list(rows))
    else:
        emit_table(title, columns, rows)
