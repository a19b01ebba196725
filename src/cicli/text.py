"""Text folding: how cicli compares words the way a person reads them.

`fold` works on one string; `cicli.speed.fold.fold_column` folds a whole column the same way.
"""

from __future__ import annotations

import re
import unicodedata

_NON_WORD = re.compile(r"[^0-9a-z]+")
_LIGATURES = (("ß", "ss"), ("œ", "oe"), ("æ", "ae"))


def bare(text: str) -> str:
    """Lowercase, without accents, ligatures spelt out; punctuation still there."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn").lower()
    for ligature, letters in _LIGATURES:
        bare = bare.replace(ligature, letters)
    return bare


def fold(text: str) -> str:
    """Lowercase, without accents, punctuation or repeated spaces: `Sept-Îles` → `sept iles`."""
    return _NON_WORD.sub(" ", bare(str(text))).strip()


def some_of(items: list, separator: str = ", ", limit: int = 10, show=str) -> str:
    """The first `limit` items, each as `show` writes it, then how many more: a message stays readable
    when a million rows match."""
    shown = separator.join(show(item) for item in items[:limit])
    return shown + (f"{separator}and {len(items) - limit} more" if len(items) > limit else "")
