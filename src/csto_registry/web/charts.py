"""Timeline charts drawn on the server as SVG: no script, no request to another host.

Each bar spans a period; where its start or end is uncertain, that stretch is
drawn lighter and striped, so a reader sees at once what is certain.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from csto_registry.web.templatetags.registry import status_label

COLOURS = {
    "member": "#1b7837",
    "suspended": "#b35806",
    "withdrawn": "#8c8c8c",
    "observer": "#2166ac",
    "partner": "#5e3c99",
}
DEFAULT = "#2166ac"


def _x(day: dt.date, first: dt.date, last: dt.date, width: float) -> float:
    span = (last - first).days or 1
    return max(0.0, min(width, (day - first).days / span * width))


def _day(value: str | None, default: dt.date) -> dt.date:
    return dt.date.fromisoformat(value) if value else default


def timeline_svg(
    rows: Sequence[tuple[str, Sequence[dict[str, Any]]]],
    *,
    first: dt.date,
    last: dt.date,
    marker: dt.date | None = None,
    title: str = "",
) -> SafeString:
    """Draw one row per label with its periods; `marker` draws the chosen day as a line."""
    # Room for the longest label at 12 px (about 6.6 px a letter), from 110 to 360 px; a longer one is cut.
    longest = max((len(label) for label, _ in rows), default=0)
    label_width, width, row_height = max(110, min(360, round(longest * 6.6) + 8)), 620, 22
    height = row_height * len(rows) + 24
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {label_width + width + 10} {height}" '
        f'width="{label_width + width + 10}" height="{height}" role="img" aria-label="{escape(title)}" '
        'class="timeline">',
        "<defs><pattern id='unsure' width='6' height='6' patternUnits='userSpaceOnUse' patternTransform='rotate(45)'>"
        "<rect width='3' height='6' fill='#ffffff' fill-opacity='0.6'/></pattern></defs>",
    ]
    for year in range(first.year + (first.month > 1), last.year + 1, 5):
        x = label_width + _x(dt.date(year, 1, 1), first, last, width)
        parts.append(f'<line x1="{x:.1f}" y1="0" x2="{x:.1f}" y2="{height - 18}" stroke="#ddd"/>')
        parts.append(f'<text x="{x:.1f}" y="{height - 4}" font-size="11" text-anchor="middle">{year}</text>')
    unsure = escape(" " + gettext("(possible)"))
    for index, (label, periods) in enumerate(rows):
        y = index * row_height + 4
        shown = label if len(label) * 6.6 + 8 <= label_width else label[: int((label_width - 8) / 6.6) - 1] + "…"
        parts.append(f'<text x="0" y="{y + 13}" font-size="12"><title>{escape(label)}</title>{escape(shown)}</text>')
        for period in periods:
            colour = COLOURS.get(period.get("status", ""), DEFAULT)
            start_min = _day(period.get("start_min"), first)
            start_max = _day(period.get("start_max"), last)
            end_min = _day(period.get("end_min"), last)
            end_max = _day(period.get("end_max"), last)
            certain_from, certain_to = min(start_max, end_min), max(start_max, end_min)
            for a, b, sure in (
                (start_min, certain_from, False),
                (certain_from, certain_to, start_max < end_min),
                (certain_to, end_max, False),
            ):
                x1, x2 = label_width + _x(a, first, last, width), label_width + _x(b, first, last, width)
                if x2 - x1 < 0.5:
                    continue
                opacity = "1" if sure else "0.45"
                status = escape(status_label(period["status"]) if "status" in period else period.get("label", ""))
                parts.append(
                    f'<rect x="{x1:.1f}" y="{y}" width="{x2 - x1:.1f}" height="16" fill="{colour}" '
                    f'fill-opacity="{opacity}"><title>{status}: {a} – {b}{"" if sure else unsure}</title></rect>'
                )
                if not sure:
                    parts.append(f'<rect x="{x1:.1f}" y="{y}" width="{x2 - x1:.1f}" height="16" fill="url(#unsure)"/>')
    if marker is not None and first <= marker <= last:
        x = label_width + _x(marker, first, last, width)
        parts.append(f'<line x1="{x:.1f}" y1="0" x2="{x:.1f}" y2="{height - 18}" stroke="#c00" stroke-width="2"/>')
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308  # every text in it is escaped above


def tree_svg(
    rows: Sequence[dict[str, Any]],
    *,
    root: str,
    link: Callable[[str], str],
    title: str = "",
    root_label: str = "",
) -> SafeString:
    """Draw bodies as an indented tree (an organization chart), each box a link to its page.

    `rows` are {"id", "name", "parent", "certainty"} in tree order, as organization_list_on gives them;
    `root_label` names the root (default: its id in capitals).
    """
    # Each body right under its parent (depth first, siblings in the order given), so a connector never
    # crosses another box; a body whose parent is not drawn hangs from the root.
    ids = {row["id"] for row in rows}
    children: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        parent = row["parent"] if row["parent"] in ids else root
        children.setdefault(parent, []).append(row)
    placed: list[tuple[dict[str, Any], int]] = []

    def visit(parent: str, level: int) -> None:
        for row in children.get(parent, []):
            placed.append((row, level))
            visit(row["id"], level + 1)

    visit(root, 1)
    row_height, indent = 26, 28
    # Wide enough for the longest name at 12 px (about 6.8 px a letter), and never narrower than 420.
    box_width = max([420] + [round(len(row["name"]) * 6.8 + 12 + (level - 2) * indent) for row, level in placed])
    height = row_height * (len(placed) + 1) + 4
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {indent * 6 + box_width} {height}" '
        f'width="{indent * 6 + box_width}" height="{height}" role="img" aria-label="{escape(title)}" class="orgchart">',
        f'<text x="4" y="18" font-size="13" font-weight="bold">{escape(root_label or root.upper())}</text>',
    ]
    y_of: dict[str, float] = {root: 14.0}
    for index, (row, level) in enumerate(placed, start=1):
        y = index * row_height + 4
        x = level * indent
        parent_y = y_of.get(row["parent"] or root, 14.0)
        parts.append(f'<path d="M{x - indent / 2:.0f} {parent_y + 6:.0f} V{y + 9} H{x}" fill="none" stroke="#999"/>')
        style = "" if row["certainty"] == "certain" else ' stroke-dasharray="4 3"'
        parts.append(
            f'<a href="{escape(link(row["id"]))}"><rect x="{x}" y="{y}" width="{box_width - x + indent * 2}" '
            f'height="20" rx="3" fill="#eef3f9" stroke="#0b4f8a"{style}/>'
            f'<text x="{x + 6}" y="{y + 14}" font-size="12">{escape(row["name"])}</text></a>'
        )
        y_of[row["id"]] = float(y)
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308  # every text in it is escaped above


def _text_width(text: str, size: float = 12) -> float:
    """About how wide `text` is drawn at `size` px in the site's sans-serif (an average glyph of 0.6 em)."""
    return len(text) * size * 0.6


def _first_source(item: dict[str, Any]) -> str:
    """A figure's first source as its hover text names it: the seed's line or the page's address (the quoted
    words are in the table below the chart, in the language of the source)."""
    from csto_registry.web.templatetags.registry import source_label

    return source_label(item["sources"][0])


def figures_svg(figures: Sequence[dict[str, Any]], *, title: str, label: Callable[[dict[str, Any]], str]) -> SafeString:
    """Draw an operation's figures as bars, one group per unit, each scaled to the largest of its unit.

    A figure is drawn as its source gives it: "more than" and "at least" end in an arrow (the true
    number lies beyond the bar), "about" in a dashed outline; the printed value keeps the qualifier.
    `label` names a figure (its measure and period, in the reader's language). Empty if there is
    nothing to compare (fewer than two figures).
    """
    from csto_registry.web.templatetags.figures import figure as figure_text

    if len(figures) < 2:
        return mark_safe("")
    row_height, gap, width = 42, 10, 240.0
    units: dict[str, list[dict[str, Any]]] = {}
    for item in figures:
        units.setdefault(item["unit"], []).append(item)
    groups = list(units.values())
    texts = {id(item): figure_text(item) for item in figures}
    # Each figure's label on a line of its own above its bar (so that a phone shows the label, the bar and the
    # value together), the chart as wide as its longest label or its bars with their values.
    value_room = _text_width(max(texts.values(), key=len)) + 24
    total = max(_text_width(max((label(item) for item in figures), key=len)), width + value_room) + 4
    height = row_height * len(figures) + gap * (len(groups) - 1) + 4
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {total:.0f} {height}" '
        f'width="{total:.0f}" height="{height}" role="img" aria-label="{escape(title)}" class="timeline">'
    ]
    y = 2
    for number, group in enumerate(groups):
        if number:  # a new unit, a new scale: a line between them says the bars are not compared across it
            y += gap
            parts.append(f'<line x1="0" x2="{total:.0f}" y1="{y - gap / 2 - 2}" y2="{y - gap / 2 - 2}" stroke="#ccc"/>')
        largest = max(float(other["value"]) for other in group) or 1.0
        for item in group:
            length = max(2.0, float(item["value"]) / largest * width)
            qualifier = item.get("qualifier", "exact")
            text = escape(texts[id(item)])
            hover = escape(f"{texts[id(item)]} — {_first_source(item)}") if item.get("sources") else text
            parts.append(f'<text x="0" y="{y + 12}" font-size="12">{escape(label(item))}</text>')
            dash = ' stroke-dasharray="4 3"' if qualifier == "about" else ""
            bar = y + 18
            parts.append(
                f'<rect x="0" y="{bar}" width="{length:.1f}" height="16" fill="#2166ac" '
                f'fill-opacity="0.8" stroke="#0b2545"{dash}><title>{hover}</title></rect>'
            )
            if qualifier in ("more-than", "at-least"):
                parts.append(f'<path d="M{length:.1f} {bar - 1} l9 9 l-9 9 z" fill="#0b2545"/>')
            parts.append(f'<text x="{length + 14:.1f}" y="{bar + 13}" font-size="12">{text}</text>')
            y += row_height
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308  # every text in it is escaped above
