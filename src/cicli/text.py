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
    two halves on two threads.
    """
    import pyarrow as pa

    from .arrays import in_parallel
    from .columns import arrow_strings, str_series

    array = arrow_strings(values).combine_chunks()
    half = len(array) // 2
    parts = in_parallel(lambda part: _fold_array(part, separator), [array.slice(0, half), array.slice(half)], len(array))
    return str_series(pa.chunked_array(parts), values.index)


def _fold_array(array, separator: str):
    import pyarrow.compute as pc

    array = pc.utf8_normalize(array, "NFKD")
    array = pc.replace_substring_regex(array, r"\p{Mn}+", "")
    array = pc.utf8_lower(array)
    for ligature, letters in _LIGATURES:
        array = pc.replace_substring(array, ligature, letters)
    array = pc.replace_substring_regex(array, "[^0-9a-z]+", separator)
    return pc.utf8_trim(array, separator)


def some_of(items: list, separator: str = ", ", limit: int = 10, show=str) -> str:
    """The first `limit` items, each as `show` writes it, then how many more: a message stays readable
    when a million rows match."""
    shown = separator.join(show(item) for item in items[:limit])
    return shown + (f"{separator}and {len(items) - limit} more" if len(items) > limit else "")
