"""A figure in the words of its source ("more than 428 t"), in the reader's language: the site's and the CLI's."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django.utils.formats import number_format
from django.utils.translation import gettext, npgettext

# The units of the built-in dataset's figures, with their plural forms, twice: for the plain number
# ("6,351 groups") and for the number a qualifier governs ("more than 428 t"), since Russian puts
# the noun in another case after "более", "около" and "не менее" ("564 дела", "более 36 000 дел").
# The contexts are literal so that makemessages finds them.
PLAIN: dict[str, Callable[[int], str]] = {
    "t": lambda n: npgettext("figure", "%(number)s t", "%(number)s t", n),
    "usd": lambda n: npgettext("figure", "%(number)s USD", "%(number)s USD", n),
    "people": lambda n: npgettext("figure", "%(number)s person", "%(number)s people", n),
    "groups": lambda n: npgettext("figure", "%(number)s group", "%(number)s groups", n),
    "violations": lambda n: npgettext("figure", "%(number)s violation", "%(number)s violations", n),
    "cases": lambda n: npgettext("figure", "%(number)s case", "%(number)s cases", n),
    "resources": lambda n: npgettext("figure", "%(number)s resource", "%(number)s resources", n),
    "links": lambda n: npgettext("figure", "%(number)s link", "%(number)s links", n),
    "units": lambda n: npgettext("figure", "%(number)s unit", "%(number)s units", n),
    "trainings": lambda n: npgettext("figure", "%(number)s training", "%(number)s trainings", n),
    "acts": lambda n: npgettext("figure", "%(number)s act", "%(number)s acts", n),
}
GOVERNED: dict[str, Callable[[int], str]] = {
    "t": lambda n: npgettext("figure after a qualifier", "%(number)s t", "%(number)s t", n),
    "usd": lambda n: npgettext("figure after a qualifier", "%(number)s USD", "%(number)s USD", n),
    "people": lambda n: npgettext("figure after a qualifier", "%(number)s person", "%(number)s people", n),
    "groups": lambda n: npgettext("figure after a qualifier", "%(number)s group", "%(number)s groups", n),
    "violations": lambda n: npgettext("figure after a qualifier", "%(number)s violation", "%(number)s violations", n),
    "cases": lambda n: npgettext("figure after a qualifier", "%(number)s case", "%(number)s cases", n),
    "resources": lambda n: npgettext("figure after a qualifier", "%(number)s resource", "%(number)s resources", n),
    "links": lambda n: npgettext("figure after a qualifier", "%(number)s link", "%(number)s links", n),
    "units": lambda n: npgettext("figure after a qualifier", "%(number)s unit", "%(number)s units", n),
    "trainings": lambda n: npgettext("figure after a qualifier", "%(number)s training", "%(number)s trainings", n),
    "acts": lambda n: npgettext("figure after a qualifier", "%(number)s act", "%(number)s acts", n),
}


def _qualified(qualifier: str, amount: str) -> str:
    if qualifier == "at-least":
        return gettext("at least %(amount)s") % {"amount": amount}
    if qualifier == "more-than":
        return gettext("more than %(amount)s") % {"amount": amount}
    if qualifier == "about":
        return gettext("about %(amount)s") % {"amount": amount}
    return amount


def figure_in_words(value: Mapping[str, Any] | None) -> str:
    """Write a figure {"value", "qualifier", "unit"} as its source words it; empty for none."""
    if not value:
        return ""
    number = value["value"]
    qualifier = value.get("qualifier", "exact")
    written = number_format(number, force_grouping=True)
    # A fraction takes the plural in English and the genitive singular in Russian: the form for 2 gives both.
    count = int(number) if number == int(number) else 2
    unit = (PLAIN if qualifier in ("exact", "", None) else GOVERNED).get(value["unit"])
    amount = unit(count) % {"number": written} if unit else f"{written} {value['unit']}"
    return _qualified(qualifier, amount)
