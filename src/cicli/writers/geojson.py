"""The GeoJSON export: one point per centre whose coordinates lie in Quebec, for Felt, QGIS or a web map."""

from __future__ import annotations

import json

import pandas as pd

from .. import labels, schema
from ..i18n import _, ngettext
from ..results.sources import source_of
from ..text import some_of
from ..typology import AXIS_NAMES
from ..wording import field_label
from .safety import atomic_write
from .tables import column_header


def write(job) -> int:
    """Writes the points; returns how many. The centres left off the map are named in the job's notes."""
    collection, missing, outside = _geojson(job.centres, job.table, job.lang)
    if missing:
        job.notes.append(ngettext("{n} centre without coordinates, left off the map: {ids}.",
                                  "{n} centres without coordinates, left off the map: {ids}.", len(missing),
                                  ids=some_of(missing)))
    if outside:
        job.notes.append(ngettext("{n} centre whose coordinates lie outside Quebec, left off the map: {ids}.",
                                  "{n} centres whose coordinates lie outside Quebec, left off the map: {ids}.",
                                  len(outside), ids=some_of(outside)))
    data = json.dumps(collection, ensure_ascii=False, indent=2).encode() + b"\n"
    atomic_write(job.target, lambda s: s.write(data), job.force)
    return len(collection["features"])


def _geojson(centres, table, lang: str) -> tuple[dict, list[str], list[str]]:
    raw, typed, headers = centres.raw, centres.frame, centres.table.headers
    features, missing, outside = [], [], []
    has_points = {"latitude", "longitude"} <= set(typed.columns)
    lat = pd.to_numeric(typed["latitude"], errors="coerce") if has_points else None
    lon = pd.to_numeric(typed["longitude"], errors="coerce") if has_points else None
    (south, north), (west, east) = schema.QUEBEC_BOUNDS["lat"], schema.QUEBEC_BOUNDS["lon"]
    bundled = centres.bundled
    position = {row: k for k, row in enumerate(typed.index)}
    coordinates_from = _("Coordinates from")
    for i in table.index:
        if not has_points or pd.isna(lat[i]) or pd.isna(lon[i]):
            missing.append(table.at[i, "id"])
            continue
        if not (south <= lat[i] <= north and west <= lon[i] <= east):  # validate warns at the row (outside-quebec)
            outside.append(table.at[i, "id"])
            continue
        properties = {"id": table.at[i, "id"]}
        for column in schema.ANNEX_COLUMNS:
            if column in raw.columns:
                properties[column_header(column, headers, lang)] = raw.at[i, column]
        for axis in AXIS_NAMES:
            properties[field_label(axis, lang)] = labels.label(axis, table.at[i, axis], lang)
        properties[labels.label("field", "zone", lang)] = table.at[i, "zone"]
        properties[field_label("designated_on", lang)] = table.at[i, "designated_on"]
        # The report gives no coordinates: a map says where its points come from.
        properties[coordinates_from] = source_of(None, "latitude", bundled=bundled, file_headers=headers,
                                                 kind=centres.source("latitude", position[i])).text()
        features.append({"type": "Feature", "id": table.at[i, "id"],
                         "geometry": {"type": "Point",
                                      "coordinates": [round(float(lon[i]), 6), round(float(lat[i]), 6)]},
                         "properties": properties})
    return {"type": "FeatureCollection", "features": features}, missing, outside
