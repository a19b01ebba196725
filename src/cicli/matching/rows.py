"""The rows of a user's list matched to the report's centres: each distinct (name, locality, niche, address, id) is
matched once (matching.matcher), and what it gives is spread back to every row that repeats it.

A list of a few thousand names is matched whole, near misses and all. In a list of more distinct names than
SMALL, only the rows that can name a centre are matched one by one: those whose id or address is one of the
report's, whose name is one of its names, or holds a word only its centres' names hold (an acronym, « Novinor »…);
the recognition then says that its suggestions were looked for among those rows only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from ..speed.arrays import distinct_rows, one_chunk, strings, to_numpy_bools
from ..speed.fold import fold_array
from .matcher import Match, Matcher
from .names import GENERIC, STOPWORDS

SMALL = 20_000  # distinct names matched one by one, suggestions and all (a second or so)
#: Words many organisations' names hold: in a long list, they alone do not make a row worth a closer look.
COMMON = frozenset({
    "aluminium", "construction", "transition", "energetique", "energie", "formation", "transport", "mobilite",
    "aerospatiale", "batterie", "electrification", "hydrogene", "peche", "aquaculture", "circulaire", "durable",
    "industrie", "industrielle", "industrialisation", "numerique", "technologie", "recherche", "developpement",
    "economique", "agricole", "zone", "district", "cite", "carrefour", "complexe", "collaborative", "collaboratif",
    "commercialisation", "inclusion", "alternative", "verte", "avancee", "innovante", "halle", "halles", "solution",
    "laboratoire", "institut", "reseau", "groupe", "societe", "maritime", "mer", "produit", "service", "vallee",
    "trois", "riviere", "quebec", "canada", "nord", "sud", "lourd", "metallurgie", "decarbonation", "intelligence",
    "nouvelle", "premier", "saint", "sainte", "tech", "technologique", "expertise", "universitaire", "maintenance",
    "ferroviaire", "nordique", "minier", "rail", "pavillon", "identite", "collaboration", "beauce", "alabama", "chu",
    "bleue", "aero", "genome", "justine", "rio", "tinto",
})


@dataclass
class Recognition:
    """For each row: the report's centre it is ("" for none) and on what ground, the centre it is close to and why,
    the body of the report it names. `limited`: suggestions were looked for among some rows only (a long list)."""

    centre: np.ndarray
    ground: np.ndarray
    close: np.ndarray
    why: np.ndarray
    body: np.ndarray
    shared: np.ndarray
    limited: bool = False
    distinct: int = 0

    @property
    def known(self) -> np.ndarray:
        return self.centre != ""

    @classmethod
    def none(cls, rows: int) -> Recognition:
        blank = np.full(rows, "", dtype=object)
        shared = np.empty(rows, dtype=object)
        shared[:] = [()] * rows
        return cls(blank, blank.copy(), blank.copy(), blank.copy(), blank.copy(), shared)

    @classmethod
    def every(cls, ids) -> Recognition:
        """The report's own annex: every row is its centre, by its id."""
        found = cls.none(len(ids))
        found.centre = np.array(list(ids), dtype=object)
        found.ground[:] = "id"
        return found


def recognise(cells: pa.Table, matcher: Matcher) -> Recognition:
    """Which centre of the report each row of `cells` (the cells as read) is, or is close to, or which body."""
    rows = cells.num_rows
    if "name" not in cells.column_names or not rows:
        return Recognition.none(rows)
    names = one_chunk(cells["name"])
    blank = strings([""] * rows) if rows else None
    columns = [names] + [one_chunk(cells[c]) if c in cells.column_names else blank
                         for c in ("locality", "niche", "source_url", "id")]
    distinct_names = len(pc.unique(names))
    limited = distinct_names > SMALL
    where = _worth_a_look(cells, names, matcher) if limited else None
    combinations, number = distinct_rows(columns, where)
    found = [matcher.match(name or "", locality=locality or "", niche=niche or "", address=url or "", ident=ident or "")
             for name, locality, niche, url, ident in combinations]
    out = Recognition.none(rows)
    out.limited, out.distinct = limited, distinct_names
    if not found:
        return out
    chosen = number >= 0
    pick = number[chosen]
    for attribute, of in (("centre", lambda m: m.centre or ""), ("ground", lambda m: m.ground),
                          ("close", lambda m: m.close or ""), ("why", lambda m: m.why),
                          ("body", lambda m: m.body or ""), ("shared", lambda m: m.shared)):
        values = np.empty(len(found), dtype=object)
        values[:] = [of(m) for m in found]
        getattr(out, attribute)[chosen] = values[pick]
    return out


def _worth_a_look(cells: pa.Table, names: pa.Array, matcher: Matcher) -> np.ndarray:
    """In a long list, the rows that can name one of the report's centres or bodies (see the module's note)."""
    encoded = one_chunk(pc.dictionary_encode(names))
    folded = one_chunk(fold_array(encoded.dictionary))
    exact = pc.is_in(folded, value_set=strings(sorted(_folded_names(matcher))))
    pattern = _anchors(matcher)
    distinct = pc.or_(exact, pc.match_substring_regex(folded, pattern)) if pattern else exact
    worth = to_numpy_bools(distinct)[_indices(encoded)]
    if "id" in cells.column_names:
        worth |= to_numpy_bools(pc.is_in(cells["id"], value_set=strings(sorted(matcher.by_id))))
    if "source_url" in cells.column_names and matcher.addresses:
        worth |= to_numpy_bools(pc.match_substring_regex(
            cells["source_url"], "|".join(re.escape(a.split("/")[0]) for a in sorted(matcher.addresses)),
            ignore_case=True))
    return worth


def _indices(encoded) -> np.ndarray:
    from ..speed.arrays import to_numpy_ints

    return to_numpy_ints(encoded.indices)


def _folded_names(matcher: Matcher) -> set[str]:
    from ..text import fold

    out = {fold(c.name) for c in matcher.candidates}
    for b in matcher.bodies:
        out |= set(b.names)
    return out


def _anchors(matcher: Matcher) -> str:
    """A pattern for the words that point to one of the report's centres or bodies (acronyms, names of their own),
    as fold writes them."""
    found: set[str] = set()
    for c in matcher.candidates:
        found |= set(c.acronyms)
        for k in c.keys:
            found |= set(k.words)
        found -= set(c.place)
    for b in matcher.bodies:
        for k in b.keys:
            found |= set(k.words) | set(k.acronyms)
    found -= GENERIC | STOPWORDS | COMMON
    found = {w for w in found if len(w) >= 3 and not w.isdigit()}
    return "|".join(rf"\b{re.escape(w)}s?\b" for w in sorted(found)) if found else ""


__all__ = ["Match", "Recognition", "recognise"]
