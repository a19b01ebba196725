"""Whole pandas columns at once: the helpers that keep Python loops off the rows.

Annexes repeat their notes, niches and kinds, so work is done once per distinct value or
combination and spread back; text goes through Arrow kernels (see arrays.py, which holds what
needs no pandas).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .arrays import in_parallel
from .repeats import first_positions


def arrow_strings(values: pd.Series):
    """A Series of strings as an Arrow large_string ChunkedArray: no copy when it is Arrow-backed already."""
    import pyarrow as pa

    array = getattr(values.array, "_pa_array", None)
    if array is None:
        array = pa.chunked_array([pa.array(values.astype(object).where(values.notna(), "").astype(str).tolist())])
    return array.cast(pa.large_string()) if array.type != pa.large_string() else array


def str_series(array, index) -> pd.Series:
    """An Arrow string array as a pandas `str` Series on `index`, without copying it."""
    return pd.Series(array, dtype="str").set_axis(index)


def map_distinct(values: pd.Series, function, columns: tuple[str, ...] | None = None):
    """`function` applied once per distinct value of a Series, broadcast back to every row.

    For columns with few distinct values (notes, kinds, regions): the Python work is per value,
    not per row. With `columns`, `function` returns a tuple and the result is a DataFrame.
    """
    codes, uniques = pd.factorize(values, use_na_sentinel=False)
    results = [function(u) for u in uniques]
    if columns is not None:
        return pd.DataFrame(results, columns=list(columns)).take(codes).set_axis(values.index)
    mapped = np.empty(len(uniques), dtype=object)
    mapped[:] = results
    return pd.Series(mapped[codes], index=values.index)


def distinct_rows(frame: pd.DataFrame, columns: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """The position of the first row of each distinct combination of `columns`, in order of first
    appearance, and for every row the number of its combination."""
    rows = len(frame)
    key = np.zeros(rows, dtype=np.int64)
    size = 1
    for column in columns:
        codes, uniques = pd.factorize(frame[column], use_na_sentinel=False)
        if size * max(len(uniques), 1) >= 2 ** 62:  # renumber before the combined key could overflow
            key, seen = pd.factorize(key)
            size = len(seen)
        key = key * max(len(uniques), 1) + codes
        size *= max(len(uniques), 1)
    groups, uniques = pd.factorize(key)
    return first_positions(groups, np.arange(rows), len(uniques)), groups


def spread(distinct: pd.DataFrame, groups: np.ndarray, index) -> pd.DataFrame:
    """Row `groups[i]` of `distinct` for every row i, on `index`: the inverse of `distinct_rows`."""
    import pyarrow as pa
    import pyarrow.compute as pc

    positions = pa.array(groups.astype(np.int64, copy=False))

    def column(name: str) -> pd.Series:
        values = distinct[name]
        if isinstance(values.dtype, pd.StringDtype):
            return str_series(pc.take(arrow_strings(values), positions), index)
        return pd.Series(values.to_numpy()[groups], index=index, dtype=values.dtype)

    spread_columns = in_parallel(column, distinct.columns, len(groups))
    return pd.DataFrame(dict(zip(distinct.columns, spread_columns, strict=True)), index=index)


def per_distinct(frame: pd.DataFrame, columns: list[str], function) -> pd.DataFrame:
    """`function` of the first row of each distinct combination of `columns` (a DataFrame on those
    rows), spread back to every row: work done once per combination, not once per row."""
    firsts, groups = distinct_rows(frame, columns)
    return spread(function(frame[columns].iloc[firsts]), groups, frame.index)


def pick(choices: np.ndarray, values: list[str], index) -> pd.Series:
    """values[choices[i]] for every row, built by Arrow (no Python string per row)."""
    import pyarrow as pa

    strings = pa.DictionaryArray.from_arrays(pa.array(choices, type=pa.int32()),
                                             pa.array(values, type=pa.large_string()))
    return str_series(strings.dictionary_decode(), index)


def join_text(pieces: list) -> pd.Series:
    """Pieces (strings, or Series of strings on one index) joined row by row: one element-wise join."""
    import pyarrow as pa
    import pyarrow.compute as pc

    index = next(p.index for p in pieces if isinstance(p, pd.Series))
    arrays = [pa.scalar(p, type=pa.large_string()) if isinstance(p, str) else arrow_strings(p).combine_chunks()
              for p in pieces]
    return str_series(pc.binary_join_element_wise(*arrays, pa.scalar("", type=pa.large_string())), index)


def has_repeats(values: pd.Series) -> bool:
    """Whether any non-empty string appears twice."""
    from .repeats import earlier_rows

    return earlier_rows(arrow_strings(values)) is not None
