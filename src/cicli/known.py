"""A user's rows that are centres of the report, completed from what the report says of them.

A row is one of the report's centres when its id, its name (or one of the report's other names for it:
« HIFA ») or its web address is the report's. Each of its fact columns that the file leaves empty, or does
not have, takes the report's value (the coordinates: cicli's own, as for the report's annex); the user's
values always win. The provenance records which cells were completed, so that reasons and `show` say
« the report says » for them and « your file says » for the rest.
"""

from __future__ import annotations

import functools
import re
from dataclasses import replace
from typing import TYPE_CHECKING

import pandas as pd

from . import schema
from .provenance import Provenance
from .speed.fold import fold_column
from .text import fold

if TYPE_CHECKING:
    from .validation import Centres

#: The columns a known row takes from the report: every column but the annex's own seven (the user's).
FILLED = tuple(c.name for c in schema.COLUMNS if not c.annex)


def _address(url: str) -> str:
    """A web address as a key: no scheme, no www., no trailing slash, lowercase."""
    return re.sub(r"^(?:https?://)?(?:www\.)?", "", url.strip().lower()).rstrip("/")


@functools.cache
def _report():
    """The report's annex, and the keys that name each of its centres: folded names and other names, addresses."""
    from .validation import load

    annex = load(None)
    frame = annex.frame.set_index("id", drop=False)
    names: dict[str, str] = {}
    for centre, row in frame.iterrows():
        for name in [row["name"], *str(row.get("aliases", "")).split(";")]:
            if fold(name):
                names.setdefault(fold(name), centre)
    addresses = {_address(url): centre for centre, url in frame["source_url"].items() if url}
    raw = annex.table.frame.set_index(annex.frame["id"])
    return frame, raw, names, addresses


def report_ids(frame: pd.DataFrame) -> pd.Series:
    """For each row of a user's table, the id of the report's centre it is, or "" (matched on the id, then the
    name or another name, then the web address)."""
    report, _raw, names, addresses = _report()
    found = pd.Series("", index=frame.index, dtype=object)
    if "id" in frame.columns:
        given = frame["id"].astype(str)
        found = found.where(~given.isin(report.index), given)
    if "name" in frame.columns:
        by_name = fold_column(frame["name"].astype("str")).map(names).fillna("")
        found = found.where(found != "", by_name)
    if "source_url" in frame.columns:
        urls = frame["source_url"].astype(str)
        by_address = urls.map(lambda url: addresses.get(_address(url), "") if url else "")
        found = found.where(found != "", by_address)
    return found


def complete(centres: Centres) -> tuple[Centres, int, int]:
    """The user's table with its known rows completed from the report; how many rows are known, and how many
    cells were filled. The bundled annex is returned as it is."""
    if centres.table.bundled:
        return centres, 0, 0
    ids = report_ids(centres.frame)
    known = ids != ""
    if not known.any():
        return centres, 0, 0
    report, report_raw, _names, _addresses = _report()
    typed, raw = centres.frame.copy(), centres.table.frame.copy()
    completed: dict[str, pd.Series] = {}
    filled = 0
    matched = ids[known]
    for column in FILLED:
        if column not in report.columns:
            continue
        theirs = matched.map(report[column])
        if column not in typed.columns:
            typed[column] = _empty(report[column], typed.index)
            raw[column] = ""
        mine = typed[column]
        empty = known & (mine.isna() | (mine.astype(str) == ""))
        fill = empty & theirs.reindex(typed.index).notna() & (theirs.reindex(typed.index).astype(str) != "")
        if not fill.any():
            continue
        typed.loc[fill, column] = theirs[fill[fill].index]
        raw.loc[fill, column] = matched[fill[fill].index].map(report_raw[column])
        completed[column] = fill
        filled += int(fill.sum())
    provenance = replace(centres.provenance, known=known, completed=completed)
    table = replace(centres.table)  # the cells as read; its frame (a cached property) is the completed text
    table.__dict__["frame"] = raw
    return replace(centres, frame=typed, table=table, provenance=provenance), int(known.sum()), filled


def _empty(like: pd.Series, index) -> pd.Series:
    if pd.api.types.is_float_dtype(like):
        return pd.Series(float("nan"), index=index)
    return pd.Series("", index=index, dtype=object)


__all__ = ["FILLED", "Provenance", "complete", "report_ids"]
