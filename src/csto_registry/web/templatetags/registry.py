"""Template filters: a citation's link (a seed line opens on this site)."""

from __future__ import annotations

import re

from django import template
from django.urls import reverse

register = template.Library()
SEED = re.compile(r"seed:([^#]+)#L(\d+)")


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
    return f"seed, line {found.group(2)}" if found else source.get("url", "")
