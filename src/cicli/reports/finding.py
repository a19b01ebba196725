"""Finding centres the way people type them: acronym, any name, part of it, or the locality."""

from __future__ import annotations

import difflib

import pandas as pd

from ..errors import UsageError
from ..speed.fold import fold_column
from ..text import fold, some_of

MAX_CANDIDATES = 10  # an ambiguous name lists this many centres, then counts the rest


def find(table: pd.DataFrame, query: str, aliases: pd.Series | None = None) -> str:
    """The index label of the one centre `query` names: acronym, any name, part of the name, or locality.

    Case, accents and punctuation do not matter. Several matches, or none, raise UsageError
    listing the candidates or suggesting the closest.
    """
    q = fold(query)
    if not q:
        raise UsageError("an empty name matches no centre.")
    # Whole columns, folded once: a file of a million centres is searched in a second or two.
    keys = [fold_column(table["id"].astype("str")), fold_column(table["name"])]
    if aliases is not None:
        listed = aliases.fillna("").astype("str").str.split(";").explode()
        keys.append(fold_column(listed[listed.str.strip() != ""]))  # one row per alias, on its centre's label
    localities = fold_column(table["locality"])

    def named(test) -> pd.Series:  # whether any of a centre's names passes `test`
        hits = [test(k) for k in keys]
        found = table.index.isin(pd.concat([h[h] for h in hits]).index)
        return pd.Series(found, index=table.index)

    tiers = (
        lambda: named(lambda k: k == q),
        lambda: localities == q,
        lambda: named(lambda k: (" " + k + " ").str.contains(f" {q} ", regex=False)),
        lambda: named(lambda k: k.str.contains(q, regex=False)) | localities.str.contains(q, regex=False),
    )
    for tier in tiers:
        hit = tier()
        found = hit[hit].index.tolist()
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            listed = some_of(found, "; ", MAX_CANDIDATES,
                             lambda i: f"{table.at[i, 'id']} ({table.at[i, 'name']}, {table.at[i, 'locality']})")
            raise UsageError(f"{query!r} matches {len(found)} centres: {listed}. Name one of them, by its id for example.")
    words = sorted(set().union(*(set(k) for k in keys), set(localities)) - {""})
    close = difflib.get_close_matches(q, words, n=1, cutoff=0.5)
    hint = ""
    if close:
        match = (named(lambda k: k == close[0]) | (localities == close[0])).idxmax()
        hint = f" Did you mean {table.at[match, 'id']!r} ({table.at[match, 'name']})?"
    raise UsageError(f"no centre matches {query!r}.{hint}")
