"""The stylesheet's colours meet WCAG 2.1 AA: 4.5:1 for text, 3:1 for the keyboard focus outline."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

CSS = (Path(__file__).parents[2] / "src/csto_registry/web/static/web/site.css").read_text(encoding="utf-8")
VARIABLES = dict(re.findall(r"--([a-z]+):\s*(#[0-9a-fA-F]{3,6})", CSS))
WHITE = "#ffffff"


def luminance(colour: str) -> float:
    """Relative luminance of an sRGB colour (WCAG 2.1)."""
    value = colour.lstrip("#")
    if len(value) == 3:
        value = "".join(c * 2 for c in value)
    channels = [int(value[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def css_colour(selector: str, prop: str) -> str:
    block = re.search(re.escape(selector) + r"\s*\{([^}]*)\}", CSS)
    assert block is not None, selector
    value = re.search(rf"(?<![-\w]){prop}:\s*([^;]+);", block.group(1))
    assert value is not None, (selector, prop)
    found = value.group(1).strip().split()[-1]
    return VARIABLES[found[6:-1]] if found.startswith("var(--") else found


def test_the_helpers_agree_with_known_ratios() -> None:
    assert contrast("#000000", WHITE) == pytest.approx(21.0)
    assert contrast("#777777", WHITE) == pytest.approx(4.48, abs=0.01)  # the classic near miss


@pytest.mark.parametrize("name", ["ink", "muted", "certain", "possible", "accent"])
def test_text_colours_on_white(name: str) -> None:
    assert contrast(VARIABLES[name], WHITE) >= 4.5


@pytest.mark.parametrize(
    ("text", "background"),
    [
        (WHITE, css_colour("header.site", "background")),  # the header's links and labels
        (VARIABLES["ink"], css_colour(".error", "background")),
        (VARIABLES["ink"], css_colour(".messages", "background")),
        (VARIABLES["ink"], css_colour(".seed li:target", "background")),  # a cited line, highlighted
    ],
)
def test_text_on_coloured_backgrounds(text: str, background: str) -> None:
    assert contrast(text, background) >= 4.5


def test_the_focus_outline_stands_out_on_the_page_and_in_the_header() -> None:
    outline = re.search(r"outline:\s*\d+px solid (#[0-9a-fA-F]{6})", CSS)
    assert outline is not None
    assert contrast(outline.group(1), WHITE) >= 3.0
    assert contrast(outline.group(1), css_colour("header.site", "background")) >= 3.0
