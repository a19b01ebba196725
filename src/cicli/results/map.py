"""`The map`: each centre placed where its file or its town says, coloured by a verdict of the typology, with a
legend, a numbered list (the map's text equivalent) and the centres left off it, each with why. The HTML page
draws it; the GeoJSON export places the same rows."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from .. import labels, schema
from ..i18n import _
from ..places import GEONAMES, locate, shared
from ..text import quoted

AXES = ("status", "origin", "anchoring", "model")


@dataclass(frozen=True)
class Point:
    number: int
    id: str
    name: str
    locality: str
    latitude: float
    longitude: float
    source: str  # places.POSITION_SOURCES
    verdict: str
    label: str
    where: str  # where the position comes from, in words


@dataclass
class CentreMap:
    axis: str
    lang: str
    points: list[Point]
    left_off: list[tuple[str, str, str]] = field(default_factory=list)  # (id, name, why)

    def legend(self) -> list[tuple[str, str, int]]:
        """(code, label, how many points) for each verdict of the axis that the map shows."""
        counts = pd.Series([p.verdict for p in self.points], dtype=object).value_counts()
        return [(code, labels.label(self.axis, code, self.lang), int(counts.get(code, 0)))
                for code in labels.LABELS[self.axis] if counts.get(code, 0)]

    def sources(self) -> list[str]:
        """The sources of the positions drawn, in words, once each."""
        return list(dict.fromkeys(p.where for p in self.points))


def positions(centres, table: pd.DataFrame) -> pd.DataFrame:
    """For each row of `table`: latitude, longitude, source (places.POSITION_SOURCES, or "" when unplaced) and,
    for an unplaced row, why; in the current language."""
    from ..completion import REPORT

    typed = centres.frame
    has_points = {"latitude", "longitude"} <= set(typed.columns)
    lat = pd.to_numeric(typed["latitude"], errors="coerce") if has_points else pd.Series(float("nan"), typed.index)
    lon = pd.to_numeric(typed["longitude"], errors="coerce") if has_points else pd.Series(float("nan"), typed.index)
    (south, north), (west, east) = schema.QUEBEC_BOUNDS["lat"], schema.QUEBEC_BOUNDS["lon"]
    position = {row: k for k, row in enumerate(typed.index)}
    rows = []
    for i in table.index:
        locality = str(table.at[i, "locality"] or "") if "locality" in table.columns else ""
        if pd.notna(lat[i]) and pd.notna(lon[i]):
            if not (south <= lat[i] <= north and west <= lon[i] <= east):
                rows.append((None, None, "", _("its coordinates lie outside Quebec")))
                continue
            kind = centres.source("latitude", position[i])
            source = "annex" if centres.bundled or kind == REPORT else "file"
            rows.append((float(lat[i]), float(lon[i]), source, ""))
            continue
        place = locate(locality)
        if place is not None:
            rows.append((place.latitude, place.longitude, "gazetteer", ""))
        elif not locality.strip():
            rows.append((None, None, "", _("no coordinates and no locality")))
        elif shared(locality):
            rows.append((None, None, "", _("several places are named {locality}: cicli does not choose",
                                           locality=quoted(locality))))
        else:
            rows.append((None, None, "", _("{locality} is not in the list of Quebec's places",
                                           locality=quoted(locality))))
    return pd.DataFrame(rows, index=table.index, columns=["latitude", "longitude", "source", "why"])


def where_words(source: str, locality: str) -> str:
    if source == "file":
        return _("the coordinates of your file")
    if source == "annex":
        return _("the coordinates cicli gives the report's centres (the municipality's centre, from public "
                 "gazetteers)")
    return _("the position of {locality} in {gazetteer}", locality=locality, gazetteer=GEONAMES)


def centre_map(centres, table: pd.DataFrame, axis: str, lang: str) -> CentreMap:
    """The map of `table`'s centres coloured by `axis` (AXES)."""
    placed = positions(centres, table)
    points, left_off = [], []
    for i in table.index:
        row = placed.loc[i]
        name, locality = str(table.at[i, "name"]), str(table.at[i, "locality"] or "")
        if not row["source"]:
            left_off.append((str(table.at[i, "id"]), name, row["why"]))
            continue
        code = str(table.at[i, axis])
        points.append(Point(len(points) + 1, str(table.at[i, "id"]), name, locality, row["latitude"],
                            row["longitude"], row["source"], code, labels.label(axis, code, lang),
                            where_words(row["source"], locality)))
    return CentreMap(axis, lang, points, left_off)
