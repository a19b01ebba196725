"""A user's rows that are centres of the report, completed from what the report says of them.

For each fact of such a row: a value the user gives is used (source: the user's file); a value the user leaves
empty, or a column the file does not have, takes the report's (source: the report); where both exist and differ,
the user's is used, the report's is kept beside it, and the rows and columns where they differ are listed (the
pipeline warns there, `show` shows both, and the verdicts say which they rest on).

Whole columns at a time, with Arrow: the report's values are taken by each row's place in the report's annex (a row
the report does not know takes an empty one), then kept where the row is known and its own cell is empty.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from . import schema
from .speed.arrays import booleans, distinct_rows, integers, one_chunk, strings, text, to_numpy_bools

# Where a cell's value comes from (one small integer per row and column).
EMPTY, FILE, REPORT, SAME, DIFFERS = 0, 1, 2, 3, 4
#: What a row of the report's takes from it: every column but its name (the user's name stays the user's).
COMPLETED = tuple(c.name for c in schema.COLUMNS if c.name != "name")
#: Facts where the file and the report disagreeing is worth a warning: what the typology reads, and the places.
#: Free text (niches, notes, services, partners, leads, addresses) is the user's to word.
CONFLICTS = ("region", "locality", "status", "designated_on", "initiators", "initiator_kinds", "zone", "zone_project",
             "aims_zone", "independent", "redirected_from_zi", "zi_submitted_year", "specialised_equipment",
             "hifa_analogue", "research_anchors", "investment_cad", "funding_cad", "surface_sqft")


@dataclass
class Completed:
    """The values of every column (typed, and as text), each row's source for each column, and the report's own
    value on the rows that are its centres."""

    typed: dict[str, pa.Array]
    text: dict[str, pa.Array]
    sources: dict[str, np.ndarray]
    theirs: dict[str, pa.Array] = field(default_factory=dict)  # typed
    theirs_text: dict[str, pa.Array] = field(default_factory=dict)
    known: int = 0  # rows that are centres of the report
    filled: int = 0  # their cells completed from the report

    def differing(self) -> list[tuple[int, str]]:
        """(position, column) of every cell where the file and the report disagree, in the columns worth a word."""
        return [(int(i), c) for c in CONFLICTS if c in self.sources
                for i in np.flatnonzero(self.sources[c] == DIFFERS)]


def filled(values: pa.Array) -> np.ndarray:
    """Which cells hold something: not null, and not empty text."""
    values = one_chunk(values)
    if pa.types.is_string(values.type):
        values = values.cast(pa.large_string())
    if pa.types.is_large_string(values.type):
        return to_numpy_bools(pc.and_(pc.is_valid(values), pc.not_equal(values, text(""))))
    return to_numpy_bools(pc.is_valid(values))


def readable(column: str, values: pa.Array) -> np.ndarray:
    """Which cells of a checked column hold a value cicli reads: a code its column allows, a month, a number, one of
    the 17 regions (checking keeps what it cannot read as written)."""
    spec = schema.BY_NAME.get(column)
    values = one_chunk(values)
    if spec is None or not (pa.types.is_string(values.type) or pa.types.is_large_string(values.type)):
        return np.ones(len(values), dtype=bool)
    if column == "region":
        allowed = schema.REGIONS
    elif spec.type == "bool":
        allowed = ("yes", "no")
    elif spec.type == "enum":
        allowed = spec.allowed
    elif spec.type == "month":
        return to_numpy_bools(pc.match_substring_regex(values, r"^[0-9]{4}(-[0-9]{2})?$"))
    elif spec.type == "enum_list":
        items = "|".join(spec.allowed)
        return to_numpy_bools(pc.match_substring_regex(values, rf"^(?:{items})(?:; (?:{items}))*$"))
    else:
        return np.ones(len(values), dtype=bool)
    return to_numpy_bools(pc.is_in(values, value_set=strings(list(allowed))))


def _blank(values: pa.Array) -> pa.Array:
    return strings([""]) if pa.types.is_large_string(values.type) else pa.nulls(1, values.type)


def complete(cells: pa.Table, typed: dict[str, pa.Array], centre: np.ndarray, annex, *, own: int = FILE) -> Completed:
    """The file's values, completed on the rows whose `centre` (the report's id, "" for none) is one of the
    report's, from `annex` (study.annex.Annex: the report's typed values and text, by id). `own`: the source of the
    file's own values (REPORT for the report's annex itself)."""
    own_text = {c: one_chunk(cells[c]) for c in cells.column_names}
    own_typed = {c: one_chunk(typed.get(c, own_text[c])) for c in cells.column_names}
    sources = {c: np.where(filled(own_typed[c]), own, EMPTY).astype(np.int8) for c in cells.column_names}
    known = centre != ""
    out = Completed(own_typed, own_text, sources, known=int(known.sum()))
    if not out.known:
        return out
    place = np.where(known, annex.position(centre), len(annex.ids))
    taken = integers(place)
    for column in COMPLETED:
        if column not in annex.typed:
            continue
        theirs = pa.concat_arrays([annex.typed[column], _blank(annex.typed[column])]).take(taken)
        theirs_text = pa.concat_arrays([annex.text[column], strings([""])]).take(taken)
        has = filled(theirs) & known
        if not has.any():
            continue
        out.theirs[column], out.theirs_text[column] = theirs, theirs_text
        mine = own_typed.get(column)
        if mine is None:  # a column the file does not have: the report's, wherever it says something
            out.typed[column], out.text[column] = theirs, theirs_text
            out.sources[column] = np.where(has, REPORT, EMPTY).astype(np.int8)
            out.filled += int(has.sum())
            continue
        if mine.type != theirs.type:
            theirs = theirs.cast(mine.type)
        # A value the file gives that cicli cannot read (« peut-être » for a status) is no value: the report's is
        # used; the file's text stays in what cicli writes back, as written (its warning says so).
        mine_has = filled(mine) & readable(column, mine)
        fill = has & ~mine_has
        if fill.any():
            out.typed[column] = pc.if_else(booleans(fill), theirs, mine)
            out.text[column] = pc.if_else(booleans(fill & ~filled(own_text[column])), theirs_text, own_text[column])
            out.filled += int(fill.sum())
        both = np.flatnonzero(has & mine_has)
        source = out.sources[column]
        source[fill] = REPORT
        if len(both):
            # A list of copied rows holds a few distinct (file, report) pairs: each is compared once.
            pairs, number = distinct_rows([mine, theirs], has & mine_has)
            same = _same(column, [a for a, _b in pairs], [b for _a, b in pairs])
            source[both] = np.where(same[number[both]], SAME, DIFFERS)
    return out


def _same(column: str, mine: list, theirs: list) -> np.ndarray:
    """Whether the file's values and the report's say the same: lists as sets, text case and accents aside."""
    from .text import fold

    spec = schema.BY_NAME.get(column)
    kind = spec.type if spec else "text"

    def key(value):
        if value is None:
            return None
        if kind in ("list", "enum_list"):
            return frozenset(fold(item) for item in str(value).split(schema.LIST_SEPARATOR) if fold(item))
        if kind == "number":
            return round(float(value), 6)
        if column in ("region", "locality", "zone", "zone_project"):
            return fold(value)
        return str(value).strip()

    return np.array([key(a) == key(b) for a, b in zip(mine, theirs, strict=True)], dtype=bool)
