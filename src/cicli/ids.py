"""The id of every centre: what `show` and `compare` take, unique in any file.

A row's id is its file's `id` cell when it has one, else its name folded with dashes
(`centre-d-innovation-du-cegep-de-sept-iles`; `centre` for a row without a name). When ids repeat,
the first row keeps its id and the next ones take -2, -3… in the order of the rows, so that every
row can be named; an id so made that another row already has is numbered again (x-2-2), the row that had it
keeping it. `make_ids` names every row of a table; `RowIds` names the few rows validation's warnings quote. Both
number with one operation, speed.numbering.number_repeats.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa


def make_ids(given: pd.Series, names: pd.Series) -> pd.Series:
    """Each row's id: `given` where it is filled, else the name's slug; repeats numbered -2, -3…"""
    from .speed.fold import fold_distinct
    from .speed.frames import arrow_strings, has_repeats, str_series
    from .speed.numbering import number_repeats

    ids = given.astype("str")
    missing = ids == ""
    if missing.any():
        slugs = fold_distinct(names[missing], separator="-")
        unnamed = slugs == ""
        if unnamed.any():
            slugs = slugs.where(~unnamed, "centre")
        # A file without ids (the usual case) takes the slugs whole: a masked replace of every cell of an
        # Arrow column costs half a second on a million rows.
        ids = slugs if missing.all() else ids.where(~missing, slugs)
    if not has_repeats(ids):  # the usual case: nothing to number
        return ids
    return str_series(number_repeats(arrow_strings(ids)), ids.index)


class RowIds:
    """The id `make_ids` gives a row, computed for the few rows a message names (validation), on Arrow columns."""

    def __init__(self, cells: pa.Table):
        import pyarrow.compute as pc

        from .speed.arrays import one_chunk, strings, text, to_numpy_ints
        from .speed.fold import fold_array

        names = cells["name"] if "name" in cells.column_names else strings([""] * cells.num_rows)
        # Each distinct name folded once, then spread back: a list of copied rows holds a few.
        distinct = one_chunk(pc.dictionary_encode(one_chunk(names)))
        slugs = fold_array(distinct.dictionary, separator="-")
        slugs = pc.if_else(pc.equal(slugs, text("")), text("centre"), slugs)
        if "id" in cells.column_names:
            keys = pc.if_else(pc.equal(cells["id"], text("")), one_chunk(slugs).take(distinct.indices),
                              one_chunk(cells["id"]))
            encoded = pc.dictionary_encode(one_chunk(keys))
            self.keys = encoded.dictionary.to_pylist()
            self.indices = to_numpy_ints(encoded.indices)
        else:  # no text spread to every row: the slugs' own numbers, taken through the names' numbers
            merged = one_chunk(pc.dictionary_encode(slugs))  # names that fold alike share a slug
            self.keys = merged.dictionary.to_pylist()
            self.indices = to_numpy_ints(merged.indices)[to_numpy_ints(distinct.indices)]
        self._numbered: dict[str, dict[int, str]] = {}  # family → row → id

    def of(self, position: int) -> str:
        """The row's id, numbered as cicli.ids numbers every row: among the rows of its family only (speed.numbering),
        computed once a family."""
        import numpy as np
        import pyarrow as pa

        from .speed.numbering import family_of, number_repeats

        family = family_of(self.keys[self.indices[position]])
        if family not in self._numbered:
            codes = [k for k, key in enumerate(self.keys) if family_of(key) == family]
            rows = np.flatnonzero(np.isin(self.indices, codes))
            ids = number_repeats(pa.array([self.keys[k] for k in self.indices[rows]], pa.string()))
            self._numbered[family] = dict(zip(rows.tolist(), ids.to_pylist(), strict=True))
        return self._numbered[family][position]
