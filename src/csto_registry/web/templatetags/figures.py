"""Template filter: a figure in the words of its source ("more than 428 t")."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()
WORDS = {"exact": "", "at-least": "at least ", "more-than": "more than ", "about": "about "}


@register.filter
def figure(value: dict[str, Any] | None) -> str:
    if not value:
        return ""
    return f"{WORDS.get(value['qualifier'], '')}{value['value']:,} {value['unit']}"
