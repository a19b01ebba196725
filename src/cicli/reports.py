"""What commands show, as tables: the classification, and (later) summaries and comparisons.

Pure functions: they take a loaded annex (or a path) and return DataFrames or plain data.
"""

from __future__ import annotations

import pandas as pd

from . import labels
from .errors import UsageError
from .text import fold
from .typology import AXES, AXIS_NAMES, classify as classify_frame
from .validation import Centres, load

#: The fields of a classified centre, in order: the JSON and CSV outputs use these names.
RECORD_FIELDS = ("id", "name", "region", "locality", "niche", "lead", "source_url", "notes",
                 "origin", "anchoring", "zone", "model", "status", "designated_on",
                 "redirected_from_zi", "zi_submitted_year")


def classify(path=None, *, lang: str = "en", sheet: str | None = None, encoding: str | None = None,
             centres: Centres | None = None, **filters: str | None) -> pd.DataFrame:
    """Every centre with the typology's verdicts, `<axis>_reason` and `<axis>_rule` columns.

    `filters` (region, origin, anchoring, model, status) take codes or labels in French or English,
    accents optional; an unknown value raises UsageError listing the choices.
    """
    centres = centres or load(path, sheet=sheet, encoding=encoding)
    frame = centres.frame
    verdicts = classify_frame(frame, lang)
    base = pd.DataFrame(index=frame.index)
    for column in ("id", "name", "region", "locality", "niche", "lead", "source_url", "notes"):
        base[column] = frame[column] if column in frame.columns else ""
    if "id" not in frame.columns or (base["id"] == "").any():
        base["id"] = base["id"].where(base["id"] != "", _slugs(base["name"]))
    table = pd.concat([base, verdicts], axis=1)
    table = table[list(RECORD_FIELDS) + [f"{a}_{part}" for a in AXIS_NAMES for part in ("reason", "rule")]]
    return _filter(table, filters)


def records(table: pd.DataFrame) -> list[dict]:
    """The classified centres as plain dicts (codes, not labels): what `--format json` prints."""
    out = []
    for row in table.to_dict("records"):
        record = {f: _plain(row[f]) for f in RECORD_FIELDS}
        record["reasons"] = {a: row[f"{a}_reason"] for a in AXIS_NAMES}
        record["rules"] = {a: row[f"{a}_rule"] for a in AXIS_NAMES}
        out.append(record)
    return out


def _plain(value):
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value


def _slugs(names: pd.Series) -> pd.Series:
    slugs = names.map(lambda n: fold(n).replace(" ", "-") or "centre")
    rank = slugs.groupby(slugs).cumcount()
    return slugs.where(rank == 0, slugs + "-" + (rank + 1).astype(str))


def _filter(table: pd.DataFrame, filters: dict[str, str | None]) -> pd.DataFrame:
    mask = pd.Series(True, index=table.index)
    for key, wanted in filters.items():
        if wanted is None:
            continue
        if key == "region":
            folded = fold(wanted)
            mask &= table["region"].map(fold).str.contains(folded, regex=False) if folded else mask
            continue
        if key not in AXIS_NAMES:
            raise UsageError(f"unknown filter {key!r}.")
        code = labels.parse(key, wanted)
        if code is None:
            choices = ", ".join(f"{c} ({labels.label(key, c, 'fr')})" for c in labels.LABELS[key])
            raise UsageError(f"--{key} {wanted!r} is not one of: {choices}.")
        mask &= table[key] == code
    return table[mask]


def axis_label(axis: str, code: str, lang: str) -> str:
    return labels.label(axis, code, lang)


__all__ = ["classify", "records", "RECORD_FIELDS", "AXES"]
