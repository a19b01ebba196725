"""The id of every centre: what `show` and `compare` take, unique in any file.

A row's id is its file's `id` cell when it has one, else its name folded with dashes
(`centre-d-innovation-du-cegep-de-sept-iles`; `centre` for a row without a name). When ids repeat,
the first row keeps its id and the next ones take -2, -3… in the order of the rows, so that every
row can be named; an id so made that the file already gives another row is numbered again (x-2-2): the
file's own ids are kept. validation.checks words the same ids in its warnings.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from .text import fold

if TYPE_CHECKING:
    import pandas as pd


def slug(name: str) -> str:
    """The id a name gives: folded, words joined by dashes."""
    return fold(name).replace(" ", "-") or "centre"


def make_ids(given: pd.Series, names: pd.Series) -> pd.Series:
    """Each row's id: `given` where it is filled, else the name's slug; repeats numbered -2, -3…"""
    import pandas as pd

    from .speed.fold import fold_distinct
    from .speed.frames import has_repeats

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
    generated = None  # the ids numbered by a pass: a later pass numbers them, not the file's own
    while has_repeats(ids):  # the usual case is a single cheap pass; a second only when "x-2" was taken
        codes, _uniques = pd.factorize(ids)
        order = np.argsort(codes, kind="stable") if generated is None else \
            np.lexsort((np.arange(len(codes)), generated.to_numpy(), codes))  # the file's own ids first
        rank = np.empty(len(codes), dtype=np.int64)
        sorted_codes = codes[order]
        starts = np.r_[0, np.flatnonzero(sorted_codes[1:] != sorted_codes[:-1]) + 1]
        rank[order] = np.arange(len(codes)) - np.repeat(starts, np.diff(np.r_[starts, len(codes)]))
        numbered = pd.Series(rank > 0, index=ids.index)
        suffix = pd.Series(rank + 1, index=ids.index).astype("str")
        ids = ids.where(~numbered, ids + "-" + suffix)
        generated = numbered if generated is None else generated | numbered
    return ids
