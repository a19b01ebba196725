"""How a name is read to tell which centre it names, the way people write names.

« Centre d'innovation HIFA », « Halles d'innovation et de formation avancée (HIFA) », « CI Cégep Sept-Iles »,
« Carrefour de l'innovation en pêches et aquaculture »: the same centres as the report's, written otherwise. A
name is read as its words (folded: case, accents, apostrophes and dashes aside; singular; « St » is « Saint »)
without the small words (le, de, en…), whether it carries the mark of its kind (« centre d'innovation », « CI »),
and the acronyms it writes (in capitals, or in parentheses).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..text import fold

#: Words that tell no name from another.
STOPWORDS = frozenset("le la les l de du des d en et a au aux pour sur par dans un une the of and for in at".split())
#: The mark of the kind: « centre d'innovation », « CI »… A name that has it says it is a centre d'innovation.
MARKS = ("centre d innovation", "centres d innovation", "centre innovation", "centre d innovations",
         "innovation centre", "centre of innovation", "ci")
#: Words of every centre's name: they tell none apart.
GENERIC = frozenset({"centre", "center", "innovation", "projet", "project", "nouveau", "futur", "multifonction",
                     "multifonctions",
                     "quebec"})  # « (Qc) », « Québec » after a town: the province, which every centre is in
#: Words people write short.
ABBREVIATIONS = {"st": "saint", "ste": "sainte", "mtl": "montreal", "qc": "quebec", "ctr": "centre", "cntr": "centre",
                 "univ": "universite", "inc": "", "ltee": "", "obnl": ""}
#: Words naming a college or a university: a centre named after one needs the mark, or the name is the school's.
INSTITUTIONS = frozenset({"cegep", "college", "universite", "university", "uqac", "uqar", "uqat", "uqam", "uqtr", "uqo",
                          "ets", "inrs", "polytechnique"})

_MARK = re.compile(r"\b(?:" + "|".join(re.escape(m) for m in sorted(MARKS, key=len, reverse=True)) + r")\b")
_ACRONYM = re.compile(r"(?<![\w])([0-9]*[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ0-9&]*(?:-[A-ZÀ-ÖØ-Þ0-9]+)*)(?![\w])")
_PARENTHESISED = re.compile(r"\(([^()]{1,30})\)")


def singular(word: str) -> str:
    """A folded word without its plural: peches → peche, laboratoires → laboratoire (not « iles », « bois »)."""
    if len(word) > 4 and word.endswith(("s", "x")) and not word.endswith(("ss", "is", "us", "ois", "iles")):
        return word[:-1]
    return word


def words(text: str) -> tuple[str, ...]:
    """The words of a name, folded, singular, short forms spelt out, without the small words."""
    out = []
    for word in fold(text).split():
        word = ABBREVIATIONS.get(word, word)
        if word and word not in STOPWORDS:
            out.append(singular(word))
    return tuple(w for part in out for w in part.split())


@dataclass(frozen=True)
class NameKey:
    """A name as read: its words (in order, without the mark), whether it carries the mark of its kind, and the
    acronyms it writes."""

    words: tuple[str, ...]
    marked: bool
    acronyms: frozenset[str]

    def core(self, *without: frozenset[str] | set[str]) -> frozenset[str]:
        """Its words that tell it apart: without the generic ones and those given (a place, the acronyms)."""
        drop = set(GENERIC).union(*without)
        return frozenset(w for w in self.words if w not in drop)


def key(text: str) -> NameKey:
    text = str(text)
    acronyms = {fold(a) for a in _ACRONYM.findall(text) if sum(ch.isupper() for ch in a) >= 2}
    acronyms |= {fold(p) for p in _PARENTHESISED.findall(text) if len(fold(p).split()) == 1}
    acronyms.discard("ci")
    folded = " ".join(ABBREVIATIONS.get(w, w) for w in fold(text).split())
    marked = bool(_MARK.search(folded))
    bare = _MARK.sub(" ", folded)
    return NameKey(words(bare), marked, frozenset(a for a in acronyms if a))
