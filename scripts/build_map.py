"""Build src/csto_registry/web/geo/region.json, the state outlines of the map on the member-states page.

Run once by hand; the result is committed and the site only reads it (it needs neither this script nor pyshp).

The outlines are Natural Earth's 1:110m Admin 0 - Countries (public domain), as the geopandas 0.14.4 wheel
bundles them (geopandas/datasets/naturalearth_lowres/naturalearth_lowres.shp). To rebuild, in a scratch
directory outside the project:

    python3 -m venv /tmp/shpvenv && /tmp/shpvenv/bin/pip install pyshp
    /tmp/shpvenv/bin/pip download geopandas==0.14.4 --no-deps -d /tmp/ne
    cd /tmp/ne && unzip -o geopandas-0.14.4-py3-none-any.whl 'geopandas/datasets/naturalearth_lowres/*'
    /tmp/shpvenv/bin/python scripts/build_map.py /tmp/ne/geopandas/datasets/naturalearth_lowres/naturalearth_lowres.shp

Steps: the rings Natural Earth cuts at 180° (Chukotka, Wrangel Island) are joined again; each ring is
projected (equidistant conic, see PROJECTION), with longitudes taken relative to the central meridian so
that Chukotka's part beyond 180° lies next to the rest of Russia instead of drawing a stripe across the
map; rings reaching round to the far side of the globe (the Americas) are left out; the rest is clipped to
the frame (a little wider than the viewBox, so the clipped edges stay out of sight), simplified
(Douglas-Peucker, TOLERANCE in viewBox units) and rounded to one decimal. Each state gets an SVG path `d`,
the Natural Earth name and a label anchor: the point of its largest ring farthest from the ring's edges
(its "pole of inaccessibility").
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

import shapefile  # pyshp, installed in a scratch venv only (see above)

Point = tuple[float, float]
Ring = list[Point]

OUT = Path(__file__).resolve().parent.parent / "src" / "csto_registry" / "web" / "geo" / "region.json"

# The states that have been parties to the Collective Security Treaty, and the neighbours the map must show.
PARTIES = ("ARM", "AZE", "BLR", "GEO", "KAZ", "KGZ", "RUS", "TJK", "UZB")
NEIGHBOURS = (
    *("UKR", "MDA", "POL", "LTU", "LVA", "EST", "FIN", "NOR"),  # in Europe
    *("TKM", "AFG", "CHN", "MNG", "IRN", "TUR", "PAK", "IND"),  # in Asia
)
# Natural Earth writes -99 for a few codes; these names stand in for them.
CODE_BY_NAME = {"Norway": "NOR", "France": "FRA", "Kosovo": "XKX", "N. Cyprus": "CYN", "Somaliland": "SOL"}

WIDTH, HEIGHT = 1000, 560
MARGIN = 10.0  # room left around the parties inside the viewBox
LEFT = 110.0  # room left of them, for the labels of the Caucasus and for Ukraine and the Baltic as context
BOTTOM = 40.0  # room below them, for the label of Tajikistan and for the north of Pakistan and India
CLIP = 6.0  # outlines are clipped this far outside the viewBox
TOLERANCE = 0.3  # Douglas-Peucker tolerance, viewBox units
MIN_AREA = 1.5  # rings smaller than this (square viewBox units) are dropped, except a state's largest

# Equidistant conic: distances along the meridians are true, and the scale is true on both standard parallels.
LON0, LAT0, LAT1, LAT2 = 105.0, 55.0, 45.0, 65.0
PROJECTION = (
    f"equidistant conic, central meridian {LON0:g}°E, standard parallels {LAT1:g}°N and {LAT2:g}°N, "
    f"origin {LAT0:g}°N; longitudes taken relative to the central meridian, so Russia's far east beyond 180° "
    "lies next to the rest of Chukotka"
)


def _conic() -> tuple[float, float, float]:
    phi1, phi2 = math.radians(LAT1), math.radians(LAT2)
    n = (math.cos(phi1) - math.cos(phi2)) / (phi2 - phi1)
    g = math.cos(phi1) / n + phi1
    return n, g, g - math.radians(LAT0)


N, G, RHO0 = _conic()


def project(lon: float, lat: float) -> Point:
    """Equidistant conic on the unit sphere; y grows northwards here and is flipped when fitted."""
    delta = (lon - LON0 + 180.0) % 360.0 - 180.0
    if delta == -180.0 and lon > 0:
        delta = 180.0
    rho = G - math.radians(lat)
    theta = N * math.radians(delta)
    return rho * math.sin(theta), RHO0 - rho * math.cos(theta)


def _behind(ring: Ring) -> bool:
    """Whether a ring reaches round to the far side of the globe (the map's cut): such rings are left out."""
    return any(abs((lon - LON0 + 180.0) % 360.0 - 180.0) > 135.0 for lon, _ in ring)


def _on_seam(point: Point) -> bool:
    return abs(abs(point[0]) - 180.0) < 1e-6


def _same(p: Point, q: Point) -> bool:
    return _on_seam(p) and _on_seam(q) and abs(p[1] - q[1]) < 1e-6


def join_at_antimeridian(rings: list[Ring]) -> list[Ring]:
    """Join the rings that Natural Earth cuts at ±180° (Chukotka, Wrangel Island) back into one ring each.

    Two such rings share an edge on the meridian, run in opposite directions; drawn apart, that edge would
    show as a line across the land.
    """
    rings = [ring[:-1] if len(ring) > 1 and ring[0] == ring[-1] else list(ring) for ring in rings]
    joined = True
    while joined:
        joined = False
        for a, ring_a in enumerate(rings):
            for i in range(len(ring_a)):
                p, q = ring_a[i], ring_a[(i + 1) % len(ring_a)]
                if not (_on_seam(p) and _on_seam(q)) or p[1] == q[1]:
                    continue
                for b, ring_b in enumerate(rings):
                    if b == a:
                        continue
                    for j in range(len(ring_b)):
                        if _same(ring_b[j], q) and _same(ring_b[(j + 1) % len(ring_b)], p):
                            # A up to P, then B from after P round to Q, then A after Q.
                            rest_b = [ring_b[(j + 1 + k) % len(ring_b)] for k in range(1, len(ring_b))]
                            rest_a = [ring_a[(i + 2 + k) % len(ring_a)] for k in range(len(ring_a) - 1)]
                            merged = [p, *rest_b, *rest_a[: len(ring_a) - 2]]
                            rings = [r for k, r in enumerate(rings) if k not in (a, b)] + [merged]
                            joined = True
                            break
                    if joined:
                        break
                if joined:
                    break
            if joined:
                break
    return rings


def read_states(path: Path) -> dict[str, tuple[str, list[Ring]]]:
    """Read every country of the shapefile: code -> (Natural Earth name, rings in longitude/latitude)."""
    states: dict[str, tuple[str, list[Ring]]] = {}
    with shapefile.Reader(str(path)) as reader:
        for item in reader.iterShapeRecords():
            record = item.record.as_dict()
            name = record["name"]
            code = record["iso_a3"] if record["iso_a3"] != "-99" else CODE_BY_NAME.get(name)
            if not code:
                continue
            shape = item.shape
            bounds = [*shape.parts, len(shape.points)]
            rings = [[(float(x), float(y)) for x, y in shape.points[a:b]] for a, b in itertools.pairwise(bounds)]
            states[code] = (name, join_at_antimeridian(rings))
    return states


def clip(ring: Ring, box: tuple[float, float, float, float]) -> Ring:
    """Sutherland-Hodgman: the part of a polygon ring inside the box (x0, y0, x1, y1)."""
    x0, y0, x1, y1 = box
    edges = (
        (lambda p: p[0] >= x0, lambda p, q: _at_x(p, q, x0)),
        (lambda p: p[0] <= x1, lambda p, q: _at_x(p, q, x1)),
        (lambda p: p[1] >= y0, lambda p, q: _at_y(p, q, y0)),
        (lambda p: p[1] <= y1, lambda p, q: _at_y(p, q, y1)),
    )
    points = ring
    for inside, cross in edges:
        if not points:
            break
        result: Ring = []
        previous = points[-1]
        for current in points:
            if inside(current):
                if not inside(previous):
                    result.append(cross(previous, current))
                result.append(current)
            elif inside(previous):
                result.append(cross(previous, current))
            previous = current
        points = result
    return points


def _at_x(p: Point, q: Point, x: float) -> Point:
    t = (x - p[0]) / (q[0] - p[0])
    return x, p[1] + t * (q[1] - p[1])


def _at_y(p: Point, q: Point, y: float) -> Point:
    t = (y - p[1]) / (q[1] - p[1])
    return p[0] + t * (q[0] - p[0]), y


def simplify(points: Sequence[Point], tolerance: float) -> Ring:
    """Douglas-Peucker on an open polyline (iterative, keeps both ends)."""
    if len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        best, index = 0.0, 0
        for i in range(first + 1, last):
            distance = _segment_distance(points[i], points[first], points[last])
            if distance > best:
                best, index = distance, i
        if best > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, k in zip(points, keep, strict=True) if k]


def simplify_ring(ring: Ring, tolerance: float) -> Ring:
    """Douglas-Peucker on a closed ring, split at its first point and the point farthest from it."""
    if ring and ring[0] == ring[-1]:
        ring = ring[:-1]
    if len(ring) < 4:
        return ring
    far = max(range(len(ring)), key=lambda i: math.dist(ring[0], ring[i]))
    first = simplify(ring[: far + 1], tolerance)
    second = simplify([*ring[far:], ring[0]], tolerance)
    return first[:-1] + second[:-1]


def _segment_distance(p: Point, a: Point, b: Point) -> float:
    dx, dy = b[0] - a[0], b[1] - a[1]
    length = dx * dx + dy * dy
    if length == 0:
        return math.dist(p, a)
    t = max(0.0, min(1.0, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / length))
    return math.dist(p, (a[0] + t * dx, a[1] + t * dy))


def area(ring: Ring) -> float:
    """The ring's area (shoelace), unsigned."""
    return abs(sum(a[0] * b[1] - b[0] * a[1] for a, b in zip(ring, [*ring[1:], ring[0]], strict=True))) / 2


def inside(point: Point, rings: Iterable[Ring]) -> bool:
    """Even-odd rule over all rings."""
    x, y = point
    result = False
    for ring in rings:
        for (ax, ay), (bx, by) in zip(ring, [*ring[1:], ring[0]], strict=True):
            if (ay > y) != (by > y) and x < ax + (y - ay) * (bx - ax) / (by - ay):
                result = not result
    return result


def edge_distance(point: Point, ring: Ring) -> float:
    """Distance from a point to the nearest edge of the ring."""
    return min(_segment_distance(point, a, b) for a, b in zip(ring, [*ring[1:], ring[0]], strict=True))


def anchor(ring: Ring) -> Point:
    """The point inside the ring farthest from its edges, found on successively finer grids."""
    xs, ys = [p[0] for p in ring], [p[1] for p in ring]
    x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
    best, best_distance = (sum(xs) / len(xs), sum(ys) / len(ys)), -1.0
    step = max(x1 - x0, y1 - y0) / 24
    cx, cy, reach = (x0 + x1) / 2, (y0 + y1) / 2, max(x1 - x0, y1 - y0) / 2
    for _ in range(6):
        steps = int(reach / step)
        for i in range(-steps, steps + 1):
            for j in range(-steps, steps + 1):
                point = (cx + i * step, cy + j * step)
                if inside(point, [ring]):
                    distance = edge_distance(point, ring)
                    if distance > best_distance:
                        best, best_distance = point, distance
        cx, cy = best
        reach, step = step * 2, step / 4
    return best


def path_d(rings: Iterable[Ring]) -> str:
    """An SVG path with absolute commands, one decimal."""
    return "".join("M" + "L".join(f"{x:.1f} {y:.1f}" for x, y in ring) + "Z" for ring in rings)


def build(shapefile_path: Path) -> dict:
    """Project, fit, clip and simplify the states; return region.json's content."""
    states = read_states(shapefile_path)
    missing = [code for code in (*PARTIES, *NEIGHBOURS) if code not in states]
    if missing:
        sys.exit(f"not in {shapefile_path}: {', '.join(missing)}")
    projected = {
        code: (name, [[project(*p) for p in ring] for ring in rings if not _behind(ring)])
        for code, (name, rings) in states.items()
    }

    # Fit the parties (all of Russia included) into the viewBox, flush right and top; the y axis is flipped.
    xs = [x for code in PARTIES for ring in projected[code][1] for x, _ in ring]
    ys = [y for code in PARTIES for ring in projected[code][1] for _, y in ring]
    scale = min((WIDTH - LEFT - MARGIN) / (max(xs) - min(xs)), (HEIGHT - MARGIN - BOTTOM) / (max(ys) - min(ys)))
    right, top = max(xs), max(ys)

    def fit(p: Point) -> Point:
        return WIDTH - MARGIN + (p[0] - right) * scale, MARGIN + (top - p[1]) * scale

    box = (-CLIP, -CLIP, WIDTH + CLIP, HEIGHT + CLIP)
    out: dict[str, dict] = {}
    for code, (name, rings) in sorted(projected.items()):
        kept: list[Ring] = []
        for ring in rings:
            shown = simplify_ring(clip([fit(p) for p in ring], box), TOLERANCE)
            if len(shown) >= 3:
                kept.append(shown)
        if not kept:
            continue
        largest = max(kept, key=area)
        kept = [ring for ring in kept if ring is largest or area(ring) >= MIN_AREA]
        if code not in PARTIES and code not in NEIGHBOURS and area(largest) < MIN_AREA * 4:
            continue
        ax, ay = anchor(largest)
        out[code] = {"name": name, "anchor": [round(ax, 1), round(ay, 1)], "d": path_d(kept)}
    return {
        "source": {
            "name": "Natural Earth 1:110m Cultural Vectors, Admin 0 – Countries",
            "address": "https://www.naturalearthdata.com/downloads/110m-cultural-vectors/",
            "licence": "public domain",
            "package": {
                "registry": "PyPI",
                "name": "geopandas",
                "version": "0.14.4",
                "file": "geopandas/datasets/naturalearth_lowres/naturalearth_lowres.shp",
            },
            "projection": PROJECTION,
            "simplification": (
                f"clipped {CLIP:g} units beyond the viewBox; Douglas-Peucker, tolerance {TOLERANCE:g} viewBox units; "
                f"rings under {MIN_AREA:g} square units dropped; coordinates rounded to one decimal"
            ),
            "boundaries": "boundaries as Natural Earth draws them; no position on disputed territory",
            "built_by": "scripts/build_map.py",
        },
        "width": WIDTH,
        "height": HEIGHT,
        "parties": list(PARTIES),
        "states": out,
    }


def main() -> None:
    """Read the shapefile named on the command line and write region.json."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("shapefile", type=Path, help="naturalearth_lowres.shp (or any Natural Earth admin-0 .shp)")
    parser.add_argument("--out", type=Path, default=OUT, help=f"where to write (default {OUT})")
    args = parser.parse_args()
    data = build(args.shapefile)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    states = data.pop("states")
    # One state per line: small diffs when the data is rebuilt.
    body = json.dumps(data, ensure_ascii=False, indent=1)[:-2]
    lines = [f" {json.dumps(code)}: {json.dumps(value, ensure_ascii=False)}" for code, value in states.items()]
    args.out.write_text(body + ',\n "states": {\n' + ",\n".join(lines) + "\n }\n}\n", encoding="utf-8")
    print(f"{args.out}: {len(states)} states, {args.out.stat().st_size} bytes")


if __name__ == "__main__":
    main()
