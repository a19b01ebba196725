"""The GeoJSON export: one point per centre that has coordinates, for Felt, QGIS or a web map."""

from __future__ import annotations

import json

import pandas as pd

from .. import labels, schema
from ..reports.wording import field_label
from ..text import some_of
from ..typology import AXIS_NAMES
from .safety import atomic_write
from .tables import column_header


def write(job) -> int:
    """Writes the points; returns how many."""
    collection, missing = _geojson(job.centres.table.frame, job.table, job.centres.table.headers, job.lang)
    if missing:
        job.notes.append(f"{len(missing)} centre(s) without coordinates, left off the map: {some_of(missing)}.")
    data = json.dumps(collection, ensure_ascii=False, indent=2).encode() + b"\n"
    atomic_write(job.target, lambda s: s.write(data), job.force)
    return len(collection["features"])


def _geojson(raw, table, headers, lang: str) -> tuple[dict, list[str]]:
    features, missing = [], []
    has_points = {"latitude", "longitude"} <= set(raw.columns)
    lat = pd.to_numeric(raw["latitude"].str.replace(",", "."), errors="coerce") if has_points else None
    lon = pd.to_numeric(raw["longitude"].str.replace(",", "."), errors="coerce") if has_points else None
    for i in table.index:
        if not has_points or pd.isna(lat[i]) or pd.isna(lon[i]):
            missing.append(table.at[i, "id"])
            continue
        properties = {"id": table.at[i, "id"]}
        for column in schema.ANNEX_COLUMNS:
            if column in raw.columns:
                properties[column_header(column, headers, lang)] = raw.at[i, column]
        for axis in AXIS_NAMES:
            properties[field_label(axis, lang)] = labels.label(axis, table.at[i, axis], lang)
        properties[labels.label("field", "zone", lang)] = table.at[i, "zone"]
        properties[field_label("designated_on", lang)] = table.at[i, "designated_on"]
        features.append({"type": "Feature", "id": table.at[i, "id"],
                         "geometry": {"type": "Point", "coordinates": [round(float(lon[i]), 6), round(float(lat[i]), 6)]},
                         "properties": properties})
    return {"type": "FeatureCollection", "features": features}, missing
