"""Readers of a dataset record's fields: each returns a clean value or raises DatasetError."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

from csto_registry.datasets.errors import DatasetError
from csto_registry.records.models.restricted import PUBLIC, access_problem
from csto_registry.records.rules import SLUG
from csto_registry.records.selectors.common import citation_dict
from csto_registry.timeline import Bounds, TimelineError, bounds_from, edtf_span, parse_day

SEAT = re.compile(r"[a-z0-9][a-z0-9-]*:[A-Z]{3}")
STATE_CODE = re.compile(r"[A-Z]{3}")
SEED_REF = re.compile(r"seed:([^#\s]+)#L(\d+)")


@dataclass(frozen=True, slots=True)
class Citation:
    """A source as a dataset gives it."""

    ref: str
    url: str
    quote: str

    def as_dict(self) -> dict[str, str]:
        """Return the citation as a dataset and the interfaces write it."""
        return citation_dict(self.ref, self.url, self.quote)


@dataclass(frozen=True, slots=True)
class Record:
    """One record of a dataset file, with what an error about it must name."""

    file: str
    label: str
    data: Mapping[str, Any]
    index: int | None = None  # with an index, `label` is the section and `where` adds the record's ids

    @property
    def where(self) -> str:
        """Name the record in an error: its section, index and identifying fields (worked out only when needed)."""
        if self.index is None:
            return self.label
        item = self.data
        keys = [k for k in ("id", "code") if isinstance(item.get(k), str)][:1] or [
            k for k in ("state", "person", "post", "status") if isinstance(item.get(k), str)
        ]
        detail = ", ".join(f"{k} {item[k]}" for k in keys)
        return f"{self.label}[{self.index}]" + (f" ({detail})" if detail else "")

    def child(self, part: str, item: object) -> Record:
        """Return a record nested in this one (an event, a figure), named after it in errors."""
        return Record(self.file, f"{self.where} {part}", item if isinstance(item, Mapping) else {})

    def fail(self, field: str | None, problem: str) -> DatasetError:
        value = self.data.get(field) if field is not None else None
        return DatasetError(file=self.file, record=self.where, field=field, value=value, problem=problem)

    def check_keys(self, allowed: frozenset[str]) -> None:
        if allowed.issuperset(self.data):
            return
        key = next(k for k in self.data if k not in allowed)
        raise self.fail(str(key), f"unknown field (expected one of {', '.join(sorted(allowed))})")

    def required(self, field: str) -> Any:
        value = self.data.get(field)
        if value is None or value == "":
            raise self.fail(field, "is required")
        return value

    def slug(self, field: str, pattern: re.Pattern[str] = SLUG) -> str:
        value = self.required(field)
        if not isinstance(value, str) or not pattern.fullmatch(value):
            raise self.fail(field, "is not a valid identifier (lowercase letters, digits and hyphens)")
        return value

    def optional_text(self, field: str) -> str | None:
        value = self.data.get(field)
        if value is None:
            return None
        if not isinstance(value, str):
            raise self.fail(field, "must be text")
        return value

    def names(self, field: str, *, required: bool = True) -> dict[str, str]:
        value = self.data.get(field)
        if value is None and not required:
            return {}
        if not isinstance(value, Mapping) or not value:
            raise self.fail(field, "must be a map of language to text, e.g. {en: ..., ru: ...}")
        for lang, text in value.items():
            if not isinstance(lang, str) or not re.fullmatch(r"[a-z]{2,3}(-[A-Za-z0-9]+)?", lang):
                raise self.fail(field, f"{lang!r} is not a language code")
            if not isinstance(text, str) or not text.strip():
                raise self.fail(field, f"the {lang} text is empty")
        if "en" not in value:
            raise self.fail(field, "needs an English (en) text")
        return {str(k): str(v) for k, v in value.items()}

    def text_list(self, field: str) -> list[str]:
        value = self.data.get(field, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise self.fail(field, "must be a list of texts")
        return list(value)

    def flag(self, field: str) -> bool:
        value = self.data.get(field, False)
        if not isinstance(value, bool):
            raise self.fail(field, "must be true or false")
        return value

    def access(self, states: Collection[str]) -> str:
        """The record's access level: public (the default), member-states or state:XXX of a known state."""
        value = self.data.get("access", PUBLIC)
        problem = access_problem(value, lambda code: code in states)
        if problem is not None:
            raise self.fail("access", problem)
        return str(value)

    def choice(self, field: str, choices: frozenset[str]) -> str:
        value = self.required(field)
        if value not in choices:
            raise self.fail(field, f"must be one of {', '.join(sorted(choices))}")
        return str(value)

    def days(self, field: str) -> list[dt.date]:
        value = self.data.get(field, [])
        if not isinstance(value, list):
            raise self.fail(field, "must be a list of days (YYYY-MM-DD)")
        days = []
        for item in value:
            # YAML reads an unquoted 2022-04-01 as a date already.
            if isinstance(item, dt.date):
                days.append(item)
                continue
            try:
                days.append(parse_day(item))
            except TimelineError as error:
                raise self.fail(field, str(error)) from error
        return days

    def days_one(self, field: str) -> dt.date:
        value = self.required(field)
        if isinstance(value, dt.date):
            return value
        try:
            return parse_day(value)
        except TimelineError as error:
            raise self.fail(field, str(error)) from error

    def positive(self, field: str) -> int:
        value = self.required(field)
        if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
            raise self.fail(field, "must be a positive whole number")
        return value

    def edtf(self, field: str) -> str | None:
        value = self.data.get(field)
        if value is None:
            return None
        if isinstance(value, dt.date):
            value = value.isoformat()
        elif isinstance(value, int):
            value = str(value)
        try:
            edtf_span(value)
        except TimelineError as error:
            raise self.fail(field, f"is not an EDTF date ({error})") from error
        return str(value)

    def temporal(self) -> tuple[str, str, list[str], Bounds]:
        """Read from/until/attested and derive the bounds."""
        start, end, attested = self.edtf("from"), self.edtf("until"), self.days("attested")
        try:
            bounds = bounds_from(start=start, end=end, attested=attested)
        except TimelineError as error:
            field = "attested" if attested and "attested" in str(error) else "until"
            raise self.fail(field, str(error)) from error
        return start or "", end or "", [d.isoformat() for d in sorted(attested)] if attested else [], bounds

    def citations(self, seed_lines: Mapping[str, list[str]]) -> list[Citation]:
        value = self.data.get("sources", [])
        if not isinstance(value, list):
            raise self.fail("sources", "must be a list of {ref, quote} or {url, quote}")
        result = []
        for index, item in enumerate(value):
            # A large dataset repeats a few citations many times: each distinct one is checked once.
            known = _CHECKED.get(_citation_key(item)) if isinstance(item, Mapping) else None
            result.append(known or self._citation(index, item, seed_lines))
        return result

    def _citation(self, index: int, item: Any, seed_lines: Mapping[str, list[str]]) -> Citation:
        field = f"sources[{index}]"
        if not isinstance(item, Mapping) or set(item) - {"ref", "url", "quote"}:
            raise self.fail("sources", f"{field} must be {{ref, quote}} or {{url, quote}}")
        ref, url, quote = item.get("ref") or "", item.get("url") or "", item.get("quote")
        if not isinstance(quote, str) or not quote.strip():
            raise self.fail("sources", f"{field} needs the quoted words (quote)")
        if bool(ref) == bool(url):
            raise self.fail("sources", f"{field} needs exactly one of ref and url")
        if url and not re.fullmatch(r"https?://\S+", str(url)):
            raise self.fail("sources", f"{field} url {url!r} is not a web address")
        if ref:
            _check_seed_quote(self, field, str(ref), quote, seed_lines)
        citation = Citation(str(ref), str(url), quote)
        if len(_CHECKED) < 100_000:
            _CHECKED[_citation_key(item)] = citation
        return citation


_CHECKED: dict[tuple[object, ...], Citation] = {}


def _citation_key(item: Mapping[str, Any]) -> tuple[object, ...]:
    return (item.get("ref"), item.get("url"), item.get("quote"), len(item))


def _squash(text: str) -> str:
    return " ".join(text.split())


def _check_seed_quote(record: Record, field: str, ref: str, quote: str, seed_lines: Mapping[str, list[str]]) -> None:
    match = SEED_REF.fullmatch(ref)
    if match is None:
        raise record.fail("sources", f"{field} ref {ref!r} is not of the form seed:FILE#Lnn")
    lines = seed_lines.get(match.group(1))
    if lines is None:
        return  # A seed this installation does not hold cannot be checked here.
    number = int(match.group(2))
    if not 1 <= number <= len(lines):
        raise record.fail("sources", f"{field} ref {ref!r}: the seed has {len(lines)} lines")
    if _squash(quote) not in _squash(lines[number - 1]):
        raise record.fail("sources", f"{field} quote {quote[:60]!r} is not on line {number} of the seed")
