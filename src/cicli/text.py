"""Text folding: how cicli compares words the way a person reads them.

`fold` works on one string, `fold_column` on a whole column (Arrow kernels, no Python loop
over rows); tests/test_text.py keeps the two equal.
"""

from __future__ import annotations

import re
import unicodedata

_NON_WORD = re.compile(r"[^0-9a-z]+")
_LIGATURES = (("ß", "ss"), ("œ", "oe"), ("æ", "ae"))


def fold(text: str) -> str:
    """Lowercase, without accents, punctuation or repeated spaces: `Sept-Îles` → `sept iles`."""
    decomposed = unicodedata.normalize("NFKD", str(text))
    bare = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn").lower()
    for ligature, letters in _LIGATURES:
        bare = bare.replace(ligature, letters)
    return _NON_WORD.sub(" ", bare).strip()


def fold_column(values, separator: str = " "):
    """`fold` of every cell of a pandas Series of strings, as a Series with the same index.

    `separator` replaces what `fold` turns into a space (`-` makes ids). Long columns are folded in
    two halves on two threads: Arrow's kernels release the GIL.
    """
    import pyarrow as pa

    array = arrow_strings(values).combine_chunks()
    if len(array) >= PARALLEL_FOLD_ROWS:
        from concurrent.futures import ThreadPoolExecutor

        half = len(array) // 2
        with ThreadPoolExecutor(2) as pool:
            parts = list(pool.map(lambda a: _fold_array(a, separator), [array.slice(0, half), array.slice(half)]))
        folded = pa.chunked_array(parts)
    else:
        folded = _fold_array(array, separator)
    return folded.to_pandas().astype("str").set_axis(values.index)


PARALLEL_FOLD_ROWS = 200_000


def _fold_array(array, separator: str):
    import pyarrow.compute as pc

    array = pc.utf8_normalize(array, "NFKD")
    array = pc.replace_substring_regex(array, r"\p{Mn}+", "")
    array = pc.utf8_lower(array)
    for ligature, letters in _LIGATURES:
        array = pc.replace_substring(array, ligature, letters)
    array = pc.replace_substring_regex(array, "[^0-9a-z]+", separator)
    return pc.utf8_trim(array, separator)


def arrow_strings(values):
    """A Series of strings as an Arrow large_string ChunkedArray: no copy when it is Arrow-backed already."""
    import pyarrow as pa

    array = getattr(values.array, "_pa_array", None)
    if array is None:
        array = pa.chunked_array([pa.array(values.astype(object).where(values.notna(), "").astype(str).tolist())])
    return array.cast(pa.large_string()) if array.type != pa.large_string() else array


def map_distinct(values, function, columns: tuple[str, ...] | None = None):
    """`function` applied once per distinct value of a Series, broadcast back to every row.

    For columns with few distinct values (notes, kinds, regions): the Python work is per value,
    not per row. With `columns`, `function` returns a tuple and the result is a DataFrame.
    """
    import numpy as np
    import pandas as pd

    codes, uniques = pd.factorize(values, use_na_sentinel=False)
    results = [function(u) for u in uniques]
    if columns is not None:
        return pd.DataFrame(results, columns=list(columns)).take(codes).set_axis(values.index)
    mapped = np.empty(len(uniques), dtype=object)
    mapped[:] = results
    return pd.Series(mapped[codes], index=values.index)
