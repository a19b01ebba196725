"""The map as SVG shapes: Quebec's outline (data/quebec.json, Natural Earth), the centres as numbered points,
framed on where the points are. Plain data for the page's template; nothing is fetched."""

from __future__ import annotations

import functools
import json
import math

WIDTH = 640
#: Okabe–Ito colours, told apart by people with colour blindness; undetermined is grey. By a verdict's rank.
COLOURS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9")
GREY = "#8a8a8a"
MIN_SPAN = (9.0, 5.0)  # degrees of longitude and latitude a map shows at least: the towns around stay in view
LABEL = (16, 14)  # a number's box, in the map's units


@functools.lru_cache(maxsize=1)
def shapes() -> dict:
    from ..read import bundled_path

    return json.loads(bundled_path("quebec.json").read_text(encoding="utf-8"))


def colour(axis_codes: tuple[str, ...], code: str) -> str:
    if code == "undetermined" or code not in axis_codes:
        return GREY
    return COLOURS[axis_codes.index(code) % len(COLOURS)]


def drawing(points, axis_codes: tuple[str, ...]) -> dict | None:
    """viewBox, outline paths and placed points (x, y, number, its label's place, colour) for `points`
    (results.map.Point); None when there is none."""
    if not points:
        return None
    lons = [p.longitude for p in points]
    lats = [p.latitude for p in points]
    west, east, south, north = _frame(min(lons), max(lons), min(lats), max(lats))
    middle = math.cos(math.radians((south + north) / 2))
    scale = WIDTH / ((east - west) * middle)
    height = round((north - south) * scale)

    def xy(lon: float, lat: float) -> tuple[float, float]:
        return round((lon - west) * middle * scale, 1), round((north - lat) * scale, 1)

    def path(ring) -> str:
        return "M" + "L".join("{},{}".format(*xy(x, y)) for x, y in ring) + "Z"

    data = shapes()
    placed, boxes = [], []
    for p in points:
        x, y = xy(p.longitude, p.latitude)
        lx, ly = _label_place(x, y, boxes)
        placed.append({"x": x, "y": y, "lx": lx, "ly": ly, "number": p.number, "colour": colour(axis_codes, p.verdict),
                       "name": p.name, "locality": p.locality, "label": p.label, "where": p.where})
    return {"width": WIDTH, "height": height, "quebec": [path(r) for r in data["quebec"]],
            "neighbours": [path(r) for r in data["neighbours"]], "points": placed}


def _frame(west: float, east: float, south: float, north: float) -> tuple[float, float, float, float]:
    """The points' box, a margin around, at least MIN_SPAN wide and high."""
    span_x = max(east - west, MIN_SPAN[0]) * 1.15
    span_y = max(north - south, MIN_SPAN[1]) * 1.15
    middle_x, middle_y = (west + east) / 2, (south + north) / 2
    return middle_x - span_x / 2, middle_x + span_x / 2, middle_y - span_y / 2, middle_y + span_y / 2


def _label_place(x: float, y: float, boxes: list) -> tuple[float, float]:
    """Where a point's number goes: beside it, on the first side free of the numbers already placed (further out
    in rings when all are taken), so that close towns keep readable numbers."""
    w, h = LABEL
    for ring in range(1, 8):
        d = 6 + (ring - 1) * 12
        for dx, dy in ((d, -2), (-d - w, -2), (-w / 2, -d - h / 2), (-w / 2, d + h / 2 - 2),
                       (d, -d), (-d - w, -d), (d, d), (-d - w, d)):
            box = (x + dx, y + dy - h / 2, x + dx + w, y + dy + h / 2)
            if not any(_overlap(box, other) for other in boxes):
                boxes.append(box)
                return round(x + dx + w / 2, 1), round(y + dy + 4, 1)
    boxes.append((x + 6, y - 7, x + 6 + w, y + 7))
    return round(x + 6 + w / 2, 1), round(y + 4, 1)


def _overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
