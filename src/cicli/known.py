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
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from . import schema
from .provenance import Provenance
from .speed.fold import fold_array
from .text import fold
from .typology.facts import FACT_COLUMNS

#: The columns a known row takes from the report: every column but the annex's own seven (the user's).
FILLED = tuple(c.name for c in schema.COLUMNS if not c.annex)
#: Those the typology reads, with the id and other names: what classify and summary need (the long texts of
#: services and partners, copied onto a million rows, would cost seconds for nothing).
FOR_VERDICTS = ("id", "aliases", *(c for c in FILLED if c in FACT_COLUMNS))


def _address(url: str) -> str:
    """A web address as a key: no scheme, no www., no trailing slash, lowercase."""
    return re.sub(r"^(?:https?://)?(?:www\.)?", "", url.strip().lower()).rstrip("/")


@dataclass(frozen=True, eq=False)
class ReportAnnex:
    """The report's annex (typed, and as read), and the keys that name each of its centres: folded names and
    other names, addresses. Made by `validation.report_annex`, which loads the annex."""

    frame: pd.DataFrame
    raw: pd.DataFrame
    names: dict[str, str]
    addresses: dict[str, str]

    @classmethod
    def of(cls, annex) -> ReportAnnex:
        frame = annex.frame.set_index("id", drop=False)
        names: dict[str, str] = {}
        for centre, row in frame.iterrows():
            for name in [row["name"], *str(row.get("aliases", "")).split(";")]:
                if fold(name):
                    names.setdefault(fold(name), centre)
        addresses = {_address(url): centre for centre, url in frame["source_url"].items() if url}
        return cls(frame, annex.table.frame.set_index(annex.frame["id"]), names, addresses)

    @functools.cached_property
    def patterns(self) -> dict[str, str]:
        """A pattern that every cell naming one of the report's centres matches: in `name`, one of its names
        (or other names) whole, as `fold` reads it (accents optional, any punctuation or spacing between
        words); in `source_url`, the site of one of its addresses. A name that merely shares a word with one of
        the report's does not match: on a large file few rows are left to fold."""
        gap = "[^0-9a-z]"  # what fold turns into a space (with ignore_case, capitals are letters too)
        return {"name": "|".join(f"^{gap}*" + f"{gap}+".join(_spelt(word) for word in name.split()) + f"{gap}*$"
                                 for name in sorted(self.names)),
                "source_url": "|".join(re.escape(address.split("/")[0]) for address in sorted(self.addresses))}


def report_ids(frame: pd.DataFrame, annex: ReportAnnex) -> pd.Series:
    """For each row of a user's table, the id of the report's centre it is, or "" (matched on the id, then the
    name or another name, then the web address).

    Only distinct cells that a cheap pattern finds possible (ReportAnnex.patterns) are folded and looked up. Where cells
    repeat (a list of copied rows) the pattern runs on the distinct cells; where they are mostly distinct, on
    every cell first, so that only the few it keeps are encoded."""
    import pyarrow.compute as pc

    from .speed.arrays import integers, one_chunk, strings, to_numpy_bools, to_numpy_ints
    from .speed.frames import arrow_strings
    from .speed.repeats import repeats_likely

    found = np.full(len(frame), "", dtype=object)
    keys = (("id", lambda cells: cells, {i: i for i in annex.frame.index}),
            ("name", fold_array, annex.names),
            ("source_url", _addresses, annex.addresses))
    for column, normalise, table in keys:
        if column not in frame.columns:
            continue

        def possible(values, column=column):
            if column == "id":
                return np.arange(len(values))
            return np.flatnonzero(to_numpy_bools(pc.match_substring_regex(values, annex.patterns[column],
                                                                          ignore_case=True)))

        cells = one_chunk(arrow_strings(frame[column].astype("str")))
        rows = np.arange(len(cells))
        if column != "id" and not repeats_likely(cells):
            rows = possible(cells)
            cells = cells.take(integers(rows))
        encoded = one_chunk(pc.dictionary_encode(cells))
        entries = possible(encoded.dictionary)
        if not len(entries):
            continue
        where = pc.index_in(normalise(encoded.dictionary.take(integers(entries))), value_set=strings(list(table)))
        entry_ids = np.full(len(encoded.dictionary), "", dtype=object)
        entry_ids[entries] = np.array([*table.values(), ""], dtype=object)[
            to_numpy_ints(pc.fill_null(where, len(table)))]
        ids = entry_ids[to_numpy_ints(encoded.indices)]
        found[rows] = np.where(found[rows] == "", ids, found[rows])
    return pd.Series(found, index=frame.index, dtype=object)


_ACCENTED = {"a": "aàâä", "e": "eéèêë", "i": "iîï", "o": "oôö", "u": "uùûü", "c": "cç"}


def _spelt(word: str) -> str:
    """A pattern for the ways people write a folded word: accents optional, œ and æ for oe and ae."""
    pieces = re.split(r"(oe|ae)", word)
    return "".join(f"(?:{piece}|{'œ' if piece == 'oe' else 'æ'})" if piece in ("oe", "ae") else
                   "".join(f"[{_ACCENTED[c]}]" if c in _ACCENTED else re.escape(c) for c in piece)
                   for piece in pieces)


def _addresses(urls):
    """Web addresses as keys, on a whole Arrow column (as _address does one)."""
    import pyarrow.compute as pc

    lowered = pc.utf8_lower(pc.utf8_trim_whitespace(urls))
    return pc.utf8_rtrim(pc.replace_substring_regex(lowered, r"^(?:https?://)?(?:www\.)?", ""), characters="/")


def complete(centres, annex: ReportAnnex, columns: tuple[str, ...] = FILLED, *, with_text: bool = True):
    """The user's table with its known rows completed from the report (in `columns`); how many rows are known,
    and how many cells were filled. The bundled annex is returned as it is. Without `with_text`, the table's
    text as read (what exports write) is left as it is: the verdicts read the typed values alone.

    Whole columns at a time: the report's values are taken by each row's place in the report (a row the
    report does not know takes an empty one), then kept where the row is known and its own cell is empty."""
    if centres.table.bundled:
        return centres, 0, 0
    ids = report_ids(centres.frame, annex)
    known = ids != ""
    if not known.any():
        return centres, 0, 0
    theirs_typed, theirs_raw = annex.frame, annex.raw
    place = np.where(known.to_numpy(), theirs_typed.index.get_indexer(ids.where(known, None)), len(theirs_typed))
    typed, raw = centres.frame.copy(), centres.table.frame.copy()
    completed: dict[str, pd.Series] = {}
    filled = 0
    for column in columns:
        if column not in theirs_typed.columns:
            continue
        # Whether the report has a value, worked out on its few rows, then spread to every row.
        theirs_filled = np.append(_filled(theirs_typed[column]).to_numpy(dtype=bool), False)[place]
        mine = typed[column] if column in typed.columns else None
        fill = theirs_filled if mine is None else theirs_filled & ~_filled(mine).to_numpy(dtype=bool)
        if not fill.any():
            continue
        theirs = _taken(theirs_typed[column], place, typed.index)  # blank where the report has nothing
        typed[column] = theirs if mine is None else theirs.where(fill, mine)
        if with_text:
            text = _taken(theirs_raw[column], place, raw.index)
            raw[column] = text if column not in raw.columns else text.where(fill, raw[column])
        completed[column] = pd.Series(fill, index=typed.index)
        filled += int(fill.sum())
    provenance = replace(centres.provenance, known=known, completed=completed)
    table = replace(centres.table)  # the cells as read; its frame (a cached property) is the completed text
    table.__dict__["frame"] = raw
    return replace(centres, frame=typed, table=table, provenance=provenance), int(known.sum()), filled


def _taken(values: pd.Series, place: np.ndarray, index) -> pd.Series:
    """The report's values at each row's place (its last place, one past the report, holds an empty value)."""
    extended = pd.concat([values.reset_index(drop=True), pd.Series([_blank(values)], dtype=values.dtype)],
                         ignore_index=True)
    taken = extended.take(place)
    taken.index = index
    return taken


def _filled(values: pd.Series) -> pd.Series:
    if pd.api.types.is_float_dtype(values):
        return values.notna()
    return values.notna() & (values.astype("str") != "")


def _blank(values: pd.Series):
    return float("nan") if pd.api.types.is_float_dtype(values) else ""


__all__ = ["FILLED", "FOR_VERDICTS", "Provenance", "ReportAnnex", "complete", "report_ids"]
