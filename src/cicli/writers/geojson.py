"""The GeoJSON export: one point per centre cicli can place in Quebec (its coordinates, or its town in GeoNames), for
Felt, QGIS or a web map; each point says where its position comes from."""

from __future__ import annotations

import json

from .. import labels, schema
from ..i18n import _, ngettext
from ..results.map import positions, where_words
from ..text import some_of
from ..typology import AXIS_NAMES
from ..wording import field_label
from .safety import atomic_write
from .tables import column_header


def write(job) -> int:
    """Writes the points; returns how many. The centres left off the map are named in the job's notes, with why."""
    collection, left_off = _geojson(job.centres, job.table, job.lang)
    if left_off:
        job.notes.append(ngettext("{n} centre left off the map: {centres}.", "{n} centres left off the map: {centres}.",
                                  len(left_off), centres=some_of([f"{i} ({why})" for i, why in left_off])))
    data = json.dumps(collection, ensure_ascii=False, indent=2).encode() + b"\n"
    atomic_write(job.target, lambda s: s.write(data), job.force)
    return len(collection["features"])


def _geojson(centres, table, lang: str) -> tuple[dict, list[tuple[str, str]]]:
    """The points (their position from the file, cicli's annex or the locality's place in GeoNames, said in each
    point's properties), and the (id, why) of the rows left off."""
    raw, headers = centres.raw, centres.table.headers
    placed = positions(centres, table)
    features, left_off = [], []
    position_from = _("Position from")
    for i in table.index:
        where = placed.loc[i]
        if not where["source"]:
            left_off.append((table.at[i, "id"], where["why"]))
            continue
        properties = {"id": table.at[i, "id"]}
        for column in schema.ANNEX_COLUMNS:
            if column in raw.columns:
                properties[column_header(column, headers, lang)] = raw.at[i, column]
        for axis in AXIS_NAMES:
            properties[field_label(axis, lang)] = labels.label(axis, table.at[i, axis], lang)
        properties[labels.label("field", "zone", lang)] = table.at[i, "zone"]
        properties[field_label("designated_on", lang)] = table.at[i, "designated_on"]
        properties[position_from] = where_words(where["source"], str(table.at[i, "locality"] or ""))
        properties["position_source"] = where["source"]  # a stable code: file, annex or gazetteer
        features.append({"type": "Feature", "id": table.at[i, "id"],
                         "geometry": {"type": "Point", "coordinates": [round(float(where["longitude"]), 6),
                                                                       round(float(where["latitude"]), 6)]},
                         "properties": properties})
    return {"type": "FeatureCollection", "features": features}, left_off
