"""The map of the region drawn on the server as SVG: no script, no tiles, no request to another host.

The outlines come from geo/region.json (Natural Earth 1:110m, public domain, built by scripts/build_map.py).
A state with a status is filled in that status's colour (the colours of the timeline charts); where the
fact is only possible, it is hatched in that colour instead, so a reader sees at once what is certain.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from csto_registry.web.charts import COLOURS, DEFAULT

REGION = Path(__file__).resolve().parent / "geo" / "region.json"

PARTIES = ("ARM", "AZE", "BLR", "GEO", "KAZ", "KGZ", "RUS", "TJK", "UZB")
SEA = "#cfe3f1"
CONTEXT = "#e4e4e4"  # a state with no status on the map
BORDER = "#ffffff"
SWATCH = "#595959"  # the stripes of the legend's "possible" swatch
TEXT = "#1a1a1a"  # on the white halo of every label: contrast far above WCAG AA

# Labels of the small states of the Caucasus and Central Asia would overlap at their anchors: each goes to
# (dx, dy) from its anchor, in viewBox units, with that text-anchor, and a thin line joins it to its state.
LABEL_OFFSETS: dict[str, tuple[float, float, str]] = {
    "GEO": (-38.0, -20.0, "end"),
    "ARM": (-30.0, 26.0, "end"),
    "AZE": (6.0, 52.0, "middle"),
    "UZB": (-30.0, 34.0, "end"),
    "TJK": (28.0, 24.0, "start"),
    "KGZ": (44.0, -2.0, "start"),
}
# Legend keys with a meaning beyond a status: the hatched swatch, and the swatch of states with no status.
POSSIBLE, OTHER = "possible", "other"


@functools.cache
def region() -> dict[str, Any]:
    """The outlines, read once: {"source", "width", "height", "states": {code: {"name", "anchor", "d"}}}."""
    return json.loads(REGION.read_text(encoding="utf-8"))


def _colour(status: str) -> str:
    return COLOURS.get(status, DEFAULT)


def _hatch_id(prefix: str, colour: str) -> str:
    return f"{prefix}-hatch-{colour.lstrip('#')}"


def _hatch(prefix: str, colour: str) -> str:
    return (
        f'<pattern id="{_hatch_id(prefix, colour)}" width="6" height="6" patternUnits="userSpaceOnUse" '
        f'patternTransform="rotate(45)"><rect width="6" height="6" fill="#ffffff"/>'
        f'<rect width="3" height="6" fill="{colour}"/></pattern>'
    )


def map_svg(
    statuses: Mapping[str, tuple[str, str]],
    *,
    title: str,
    labels: Mapping[str, str] | None = None,
    legend: Mapping[str, str] | None = None,
    links: Mapping[str, str] | None = None,
) -> SafeString:
    """Draw the region with each state of `statuses` ({code: (status, certainty)}) in its status's colour.

    A state whose certainty is "possible" is hatched in that colour; a state absent from `statuses` is light
    grey; codes that region.json lacks are left out. `labels` gives the states' display names (else Natural
    Earth's English name); each coloured state gets a <title> "name: status (certainty)" and the nine parties
    to the treaty a label on the map. `links` makes a state's outline a link. `legend` maps a status to its
    printed label, in the legend's order; its key "possible" labels the hatched swatch and "other" the grey
    one, and the labels of "possible" and "certain" also stand for the certainty in the titles.
    """
    data = region()
    states: dict[str, dict[str, Any]] = data["states"]
    width, height = data["width"], data["height"]
    labels, legend, links = labels or {}, legend or {}, links or {}
    # Ids must differ between two maps on one page; the same map always gets the same ones.
    digest = hashlib.sha256(repr((title, sorted(statuses.items()))).encode()).hexdigest()[:8]
    prefix = f"map-{digest}"

    def name(code: str) -> str:
        return labels.get(code) or states.get(code, {}).get("name", code)

    shown = {code: value for code, value in statuses.items() if code in states}
    hatched = [_colour(status) for status, certainty in shown.values() if certainty == POSSIBLE]
    if POSSIBLE in legend:
        hatched.append(SWATCH)
    summary = (
        "; ".join(
            f"{name(code)}: {legend.get(status, status)} ({legend.get(certainty, certainty)})"
            for code, (status, certainty) in sorted(shown.items(), key=lambda item: name(item[0]))
        )
        or title
    )
    legend_parts, legend_height = _legend(legend, prefix, width, height)
    total = f"{height + legend_height:g}"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {total}" width="{width}" '
        f'height="{total}" role="img" aria-labelledby="{prefix}-title {prefix}-desc" class="map" '
        'font-family="sans-serif">',
        f'<title id="{prefix}-title">{escape(title)}</title>',
        f'<desc id="{prefix}-desc">{escape(summary)}</desc>',
        "<defs>" + "".join(_hatch(prefix, colour) for colour in dict.fromkeys(hatched)) + "</defs>",
        f'<rect width="{width}" height="{total}" fill="#ffffff"/>',
        f'<rect width="{width}" height="{height}" fill="{SEA}"/>',
    ]
    # States with no status first, so the coloured ones' outlines lie on top.
    for code in sorted(states, key=lambda c: (c in shown, c)):
        state = states[code]
        attributes = f'd="{escape(state["d"])}" data-state="{escape(code)}"'
        if code not in shown:
            parts.append(f'<path {attributes} fill="{CONTEXT}" stroke="{BORDER}" stroke-width="0.6"/>')
            continue
        status, certainty = shown[code]
        colour = _colour(status)
        fill = f"url(#{_hatch_id(prefix, colour)})" if certainty == POSSIBLE else colour
        tooltip = f"{name(code)}: {legend.get(status, status)} ({legend.get(certainty, certainty)})"
        path = (
            f'<path {attributes} fill="{fill}" stroke="{colour if certainty == POSSIBLE else BORDER}" '
            f'stroke-width="{1 if certainty == POSSIBLE else 0.6}"><title>{escape(tooltip)}</title></path>'
        )
        if links.get(code):
            path = f'<a href="{escape(links[code])}">{path}</a>'
        parts.append(path)
    parts.extend(_labels(states, name))
    parts.extend(legend_parts)
    parts.append(
        f'<text x="{width - 6}" y="{height - 6}" font-size="12" text-anchor="end" fill="#4d4d4d">Natural Earth</text>'
    )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308  # every text in it is escaped above


def _labels(states: Mapping[str, dict[str, Any]], name: Callable[[str], str]) -> list[str]:
    halo = f'fill="{TEXT}" stroke="#ffffff" stroke-width="3" stroke-linejoin="round" paint-order="stroke"'
    parts = []
    for code in PARTIES:
        if code not in states:
            continue
        x, y = states[code]["anchor"]
        dx, dy, align = LABEL_OFFSETS.get(code, (0.0, 0.0, "middle"))
        size = 15 if code == "RUS" else 12
        if dx or dy:
            gap = {"start": (-3.0, 0.0), "end": (3.0, 0.0)}.get(align, (0.0, -size * 0.6 if dy > 0 else size * 0.6))
            parts.append(
                f'<line x1="{x:.1f}" y1="{y:.1f}" x2="{x + dx + gap[0]:.1f}" y2="{y + dy + gap[1]:.1f}" '
                f'stroke="{TEXT}" stroke-width="0.8"/>'
            )
        parts.append(
            f'<text x="{x + dx:.1f}" y="{y + dy + size / 3:.1f}" font-size="{size}" text-anchor="{align}" '
            f"{halo}>{escape(name(code))}</text>"
        )
    return parts


def _legend(legend: Mapping[str, str], prefix: str, width: float, top: float) -> tuple[list[str], float]:
    """The legend as rows of swatches below the map (so it never hides a state or a label), and its height."""
    entries = [(key, label) for key, label in legend.items() if key != "certain"]
    if not entries:
        return [], 0.0
    row, x, y = 22, 8.0, top + 6
    parts = ['<g class="legend">']
    for key, label in entries:
        if key == POSSIBLE:
            fill = f"url(#{_hatch_id(prefix, SWATCH)})"
        elif key == OTHER:
            fill = CONTEXT
        else:
            fill = _colour(key)
        entry_width = 18 + 6 + len(label) * 7.0 + 20  # an estimate: the server does not measure text
        if x > 8 and x + entry_width > width - 8:
            x, y = 8.0, y + row
        parts.append(
            f'<rect x="{x:.0f}" y="{y + 1:.0f}" width="18" height="12" fill="{fill}" stroke="{SWATCH}" '
            f'stroke-width="0.6"/><text x="{x + 24:.0f}" y="{y + 11:.0f}" font-size="12" fill="{TEXT}">'
            f"{escape(label)}</text>"
        )
        x += entry_width
    parts.append("</g>")
    return parts, y + row - top
