"""The tables every export writes: the annex as the report lays it out with its typology, and the typology
with its reasons."""

from __future__ import annotations

import pandas as pd

from .. import labels, schema
from ..reports.wording import field_label, verdict_text
from ..speed.frames import map_distinct
from ..text import fold
from ..typology import AXIS_NAMES


def verdict_header(axis: str, lang: str) -> str:
    """Distinct from the data's own headers (`Statut`), so that an export reads back cleanly."""
    return f"{labels.label('axis', axis, lang)} ({labels.label('field', 'typology', lang)})"


def annex_table(raw: pd.DataFrame, headers: dict[str, str], table: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The annex as the report lays it out (by region), the verdicts beside it, then the other columns.

    Data cells are the file's own text, so that cicli reads an export back as it read its source.
    """
    order = map_distinct(raw["region"], _region_key) if "region" in raw.columns else pd.Series(0, index=raw.index)
    rows = order.sort_values(kind="stable").index
    out = pd.DataFrame(index=rows)
    for column in schema.ANNEX_COLUMNS:
        if column in raw.columns:
            out[column_header(column, headers, lang)] = raw.loc[rows, column]
    for axis in AXIS_NAMES:
        out[verdict_header(axis, lang)] = verdict_text(table.loc[rows, axis], axis, lang)
        if axis == "anchoring":
            zone = f"{labels.label('field', 'zone', lang)} ({labels.label('field', 'typology', lang)})"
            out[zone] = table.loc[rows, "zone"]
    for column in raw.columns:
        if column not in schema.ANNEX_COLUMNS:
            out[column_header(column, headers, lang)] = raw.loc[rows, column]
    return out.reset_index(drop=True)


def column_header(column: str, headers: dict[str, str], lang: str) -> str:
    spec = schema.BY_NAME.get(column)
    if spec is None:
        return headers.get(column, column)
    return spec.fr if lang == "fr" else spec.en


def _region_key(region: str) -> str:
    return fold(region) or "~"  # rows without a region last


def typology_table(table: pd.DataFrame, lang: str) -> pd.DataFrame:
    out = pd.DataFrame({field_label("id", lang): table["id"], field_label("name", lang): table["name"],
                        field_label("region", lang): table["region"], field_label("locality", lang): table["locality"]})
    for axis in AXIS_NAMES:
        out[field_label(axis, lang)] = verdict_text(table[axis], axis, lang)
        out[f"{field_label(axis, lang)} — {labels.label('field', 'reason', lang).lower()}"] = table[f"{axis}_reason"]
    return out.reset_index(drop=True)
