"""Template filter: a figure in the words of its source ("more than 428 t"), in the reader's language."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import template

from csto_registry.records.figure_words import figure_in_words

register = template.Library()


@register.filter
def figure(value: Mapping[str, Any] | None) -> str:
    """Write a figure {"value", "qualifier", "unit"} as its source words it (records.figure_words)."""
    return figure_in_words(value)
