"""Text folding: how cicli compares words the way a person reads them."""

from __future__ import annotations

import re
import unicodedata

_NON_WORD = re.compile(r"[^0-9a-z]+")


def fold(text: str) -> str:
    """Lowercase, without accents, punctuation or repeated spaces: `Sept-Îles` → `sept iles`."""
    decomposed = unicodedata.normalize("NFKD", str(text).casefold())
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _NON_WORD.sub(" ", bare.replace("œ", "oe").replace("æ", "ae")).strip()
