"""The map of the region: outlines from Natural Earth, colours by status, nothing fetched from another host."""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET

import pytest

from csto_registry.web import map as region_map
from csto_registry.web.charts import COLOURS
from csto_registry.web.map import map_svg, region

NS = "{http://www.w3.org/2000/svg}"
PARTIES = ("ARM", "AZE", "BLR", "GEO", "KAZ", "KGZ", "RUS", "TJK", "UZB")
NEIGHBOURS = (
    *("UKR", "MDA", "POL", "LTU", "LVA", "EST", "FIN", "NOR"),  # in Europe
    *("TKM", "AFG", "CHN", "MNG", "IRN", "TUR", "PAK", "IND"),  # in Asia
)
MEMBERS_2008 = {code: ("member", "certain") for code in ("ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK", "UZB")} | {
    "AZE": ("withdrawn", "certain"),
    "GEO": ("withdrawn", "certain"),
}


def _parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # noqa: S314  # our own output, not untrusted input


def _paths(root: ET.Element) -> dict[str, ET.Element]:
    return {path.get("data-state"): path for path in root.iter(f"{NS}path")}


def _rings(d: str) -> list[list[tuple[float, float]]]:
    rings = []
    for ring in re.findall(r"M([^Z]*)Z", d):
        rings.append([(float(x), float(y)) for x, y in (point.split() for point in ring.split("L"))])
    return rings


def test_the_map_is_an_accessible_svg_with_every_party() -> None:
    root = _parse(map_svg(MEMBERS_2008, title="Members on 2008-01-01"))
    assert root.tag == f"{NS}svg"
    assert root.get("role") == "img"
    # Drawn at its own size (the page's style scales it down to the page, or lets it scroll on a phone).
    assert (root.get("width"), root.get("height")) == (f"{region()['width']:g}", f"{region()['height']:g}")
    assert root.get("viewBox") == f"0 0 {region()['width']} {region()['height']}"  # no legend asked for
    ids = {element.get("id"): element for element in root.iter() if element.get("id")}
    title_id, desc_id = root.get("aria-labelledby").split()
    assert ids[title_id].tag == f"{NS}title"
    assert ids[title_id].text == "Members on 2008-01-01"
    assert ids[desc_id].tag == f"{NS}desc"
    assert "Russia: member (certain)" in ids[desc_id].text
    paths = _paths(root)
    for code in (*PARTIES, *NEIGHBOURS):
        assert paths[code].get("d").startswith("M"), code


def test_certain_members_are_solid_and_possible_ones_hatched_in_their_colour() -> None:
    statuses = MEMBERS_2008 | {"UZB": ("suspended", "possible")}
    root = _parse(map_svg(statuses, title="t"))
    paths = _paths(root)
    assert paths["KAZ"].get("fill") == COLOURS["member"]
    assert paths["AZE"].get("fill") == COLOURS["withdrawn"]
    fill = paths["UZB"].get("fill")
    match = re.fullmatch(r"url\(#([\w-]+)\)", fill)
    assert match, fill
    patterns = {pattern.get("id"): pattern for pattern in root.iter(f"{NS}pattern")}
    pattern = patterns[match.group(1)]
    assert COLOURS["suspended"] in {rect.get("fill") for rect in pattern.iter(f"{NS}rect")}
    assert paths["KAZ"].get("fill") != fill


def test_states_without_a_status_are_light_grey() -> None:
    paths = _paths(_parse(map_svg({"RUS": ("member", "certain")}, title="t")))
    for code in ("CHN", "UKR", "ARM", "MNG"):
        fill = paths[code].get("fill")
        assert fill == region_map.CONTEXT
        red, green, blue = (int(fill[i : i + 2], 16) for i in (1, 3, 5))
        assert red == green == blue > 200
        assert paths[code].find(f"{NS}title") is None


def test_names_and_titles_are_escaped() -> None:
    svg = map_svg(
        MEMBERS_2008,
        title="Members <&> 2008",
        labels={"ARM": "Arm<&>enia", "RUS": "Россия"},
        legend={"member": "Member <b>", "possible": "Possible"},
    )
    assert "Arm<&>" not in svg
    assert "Arm&lt;&amp;&gt;enia" in svg
    assert "Member &lt;b&gt;" in svg
    root = _parse(svg)
    assert root.find(f"{NS}title").text == "Members <&> 2008"
    paths = _paths(root)
    assert paths["ARM"].find(f"{NS}title").text == "Arm<&>enia: Member <b> (certain)"
    texts = [text.text for text in root.iter(f"{NS}text")]
    assert "Arm<&>enia" in texts
    assert "Россия" in texts
    assert "Member <b>" in texts
    # Each of the nine parties has a label on the map, with or without a status.
    for code in ("AZE", "GEO"):
        assert region()["states"][code]["name"] in texts


def test_links_wrap_the_states_outlines() -> None:
    svg = map_svg(MEMBERS_2008, title="t", links={"ARM": "/states/arm/?on=2008-01-01&x=1", "BLR": "/states/blr/"})
    assert "&amp;x=1" in svg
    root = _parse(svg)
    links = {link.get("href"): link for link in root.iter(f"{NS}a")}
    assert set(links) == {"/states/arm/?on=2008-01-01&x=1", "/states/blr/"}
    assert links["/states/arm/?on=2008-01-01&x=1"].find(f"{NS}path").get("data-state") == "ARM"
    assert links["/states/blr/"].find(f"{NS}path").get("data-state") == "BLR"


def test_the_map_references_no_other_host() -> None:
    svg = map_svg(MEMBERS_2008 | {"UZB": ("suspended", "possible")}, title="t", legend={"member": "Member"})
    assert svg.count('xmlns="http://www.w3.org/2000/svg"') == 1
    rest = svg.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "http" not in rest.lower()
    assert "//" not in rest
    assert "xlink" not in rest


def test_the_legend_prints_the_callers_labels_with_their_swatches() -> None:
    legend = {"member": "Член", "withdrawn": "Вышел", "possible": "Возможно", "other": "Не участник"}
    root = _parse(map_svg(MEMBERS_2008, title="t", legend=legend))
    group = next(g for g in root.iter(f"{NS}g") if g.get("class") == "legend")
    assert [text.text for text in group.iter(f"{NS}text")] == list(legend.values())
    fills = [rect.get("fill") for rect in group.iter(f"{NS}rect")]
    assert fills[0] == COLOURS["member"]
    assert fills[1] == COLOURS["withdrawn"]
    assert fills[2].startswith("url(#")
    assert fills[3] == region_map.CONTEXT
    # Below the map, where it hides no state and no label.
    _, _, width, height = map(float, root.get("viewBox").split())
    assert width == region()["width"]
    assert height > region()["height"]
    assert all(float(rect.get("y")) >= region()["height"] for rect in group.iter(f"{NS}rect"))


def test_a_map_without_statuses_or_legend_is_all_context() -> None:
    root = _parse(map_svg({}, title="1991", legend={"certain": "точно"}))
    assert {path.get("fill") for path in root.iter(f"{NS}path")} == {region_map.CONTEXT}
    assert not any(g.get("class") == "legend" for g in root.iter(f"{NS}g"))
    assert root.find(f"{NS}desc").text == "1991"


def test_two_maps_on_one_page_have_different_ids() -> None:
    first = _parse(map_svg(MEMBERS_2008, title="2008"))
    second = _parse(map_svg({"RUS": ("member", "certain")}, title="1993"))
    assert first.get("aria-labelledby") != second.get("aria-labelledby")


def test_region_file_names_its_public_domain_source_and_stays_small() -> None:
    data = region()
    assert region() is data  # read once
    source = data["source"]
    assert source["name"].startswith("Natural Earth")
    assert source["licence"] == "public domain"
    assert source["package"]["name"] == "geopandas"
    assert "no position on disputed territory" in source["boundaries"]
    assert region_map.REGION.stat().st_size < 200_000
    for code in (*PARTIES, *NEIGHBOURS):
        state = data["states"][code]
        x, y = state["anchor"]
        assert 0 <= x <= data["width"]
        assert 0 <= y <= data["height"]
        assert state["name"]


@pytest.mark.parametrize("code", PARTIES)
def test_each_partys_label_anchor_lies_in_its_outline(code: str) -> None:
    state = region()["states"][code]
    x, y = state["anchor"]
    crossings = 0
    for ring in _rings(state["d"]):
        for (ax, ay), (bx, by) in zip(ring, [*ring[1:], ring[0]], strict=True):
            if (ay > y) != (by > y) and x < ax + (y - ay) * (bx - ax) / (by - ay):
                crossings += 1
    assert crossings % 2 == 1


def test_no_outline_is_drawn_across_the_map() -> None:
    """Guards against the antimeridian stripe: Chukotka drawn from one edge of the map to the other."""
    width, height = region()["width"], region()["height"]
    for code, state in region()["states"].items():
        rings = _rings(state["d"])
        xs = [x for ring in rings for x, _ in ring]
        if code != "RUS":
            assert max(xs) - min(xs) <= 0.9 * width, code
        for ring in rings:
            for a, b in zip(ring, [*ring[1:], ring[0]], strict=True):
                seen = any(0 <= p[0] <= width and 0 <= p[1] <= height for p in (a, b))
                assert not seen or math.dist(a, b) < 0.1 * width, (code, a, b)


def test_russia_is_whole_and_the_parties_are_not_too_small_to_see() -> None:
    states = region()["states"]
    # Chukotka and Wrangel Island are single rings across 180°, not two halves drawn with a seam between them.
    owner: dict[frozenset[tuple[float, float]], int] = {}
    for index, ring in enumerate(_rings(states["RUS"]["d"])):
        for a, b in zip(ring, [*ring[1:], ring[0]], strict=True):
            assert owner.setdefault(frozenset((a, b)), index) == index, (a, b)
    for code in PARTIES:
        xs = [x for ring in _rings(states[code]["d"]) for x, _ in ring]
        ys = [y for ring in _rings(states[code]["d"]) for _, y in ring]
        assert max(xs) - min(xs) >= 10, code
        assert max(ys) - min(ys) >= 10, code
