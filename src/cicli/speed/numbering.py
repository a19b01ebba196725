"""Numbering repeated ids, the rule of cicli.ids, as one Arrow/numpy operation that every caller shares.

`number_repeats(ids)`: where an id repeats, the first row keeps it and the next take -2, -3… in the order of the
rows; an id so made that another row already has is numbered again, the row that had it first keeping it
(« x-2 » → « x-2-2 »). speed.reference.number_repeats is the same rule in plain Python, which the property tests
hold equal to this one.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from .arrays import one_chunk, to_numpy_ints


def number_repeats(ids) -> pa.Array:
    """`ids` (strings, no nulls) with every repeat numbered: all distinct."""
    ids = one_chunk(ids if isinstance(ids, (pa.Array, pa.ChunkedArray)) else pa.array(ids, pa.string()))
    ids = ids.cast(pa.large_string())
    count = len(ids)
    generated = np.zeros(count, dtype=bool)  # rows numbered by a pass: a later pass numbers them, not the others
    while True:
        encoded = pc.dictionary_encode(ids)
        if len(encoded.dictionary) == count:
            return ids
        codes = to_numpy_ints(encoded.indices)
        # By id, the rows that had it first (not numbered by cicli) before the numbered ones, then in row order.
        order = np.lexsort((np.arange(count), generated, codes))
        sorted_codes = codes[order]
        starts = np.r_[0, np.flatnonzero(sorted_codes[1:] != sorted_codes[:-1]) + 1]
        rank = np.empty(count, dtype=np.int64)
        rank[order] = np.arange(count) - np.repeat(starts, np.diff(np.r_[starts, count]))
        numbered = rank > 0
        where = np.flatnonzero(numbered)
        suffixes = pa.array(rank[where] + 1).cast(pa.large_string())
        made = pc.binary_join_element_wise(ids.take(pa.array(where)), suffixes, pa.scalar("-", pa.large_string()))
        ids = pc.replace_with_mask(ids, pa.array(numbered), made)
        generated |= numbered


def family_of(key: str) -> str:
    """The ids an id can collide with once numbered all begin with its first dash-separated word: the numbering of
    one row needs only the rows of its family."""
    return key.split("-", 1)[0]
