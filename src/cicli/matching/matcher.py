"""Which centre of the report a row (or a name typed at the command line) names, on what ground, and how sure.

A row is a centre of the report when its id is the report's, or its name is one of the report's names for it as
people write them (matching.names), or it writes the centre's acronym and nothing that contradicts it, or its web
address is the centre's own, or it names only a place where the report has one centre and its niche agrees.
Anything less is a suggestion (« Vouliez-vous dire… ? »), never a match: a list of college transfer centres, of
innovation zones or of organisations that share a word with a centre must not receive a centre's facts. A row
that names a body the report names (a zone, a research centre, an organisation, a body that bears the name
without being a CI) is said to be that body.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from ..text import fold, look_alike
from .names import _PARENTHESISED, INSTITUTIONS, NameKey, key, words

#: The grounds of a sure match, as JSON writes them.
GROUNDS = ("id", "name", "acronym", "address", "place-and-niche")
#: Why a close row is not taken for the centre.
CLOSE = ("no-mark", "acronym-only", "other-words", "place-only", "shared-address", "conflict", "spelling",
         "some-words")


@dataclass(frozen=True)
class Candidate:
    """A centre a name may name: its id, its names as read, its acronyms, its place, its niche, its addresses."""

    id: str
    name: str
    keys: tuple[NameKey, ...]
    acronyms: frozenset[str]
    place: frozenset[str]  # the words of its locality
    niche: frozenset[str]
    addresses: tuple[str, ...]

    @classmethod
    def of(cls, ident: str, name: str, others: list[str], locality: str = "", niche: str = "",
           addresses: tuple[str, ...] = ()) -> Candidate:
        # A name that joins two with a dash (« ZoneAgtech – Centre d'innovation en agrosciences… ») is either.
        names = [name, *others]
        names += [part for n in names for part in re.split(r"\s[–—-]\s", n) if part != n]
        keys = tuple(key(n) for n in names if n.strip())
        # Its acronyms: the other names written as one (HIFA, CIBÉT-VTE) and those its names put in parentheses;
        # not a school's written in capitals inside its name (« … de l'UQAC »).
        acronyms = frozenset(fold(n) for n in others if n.strip() and n.isupper() and len(n.split()) == 1) | \
            frozenset(fold(p) for n in [name, *others] for p in _PARENTHESISED.findall(n) if len(p.split()) == 1)
        return cls(ident, name, keys, acronyms, frozenset(words(locality)), frozenset(words(niche)) - _THIN,
                   tuple(a for a in addresses if a))


_THIN = frozenset({"innovation", "centre", "associe", "vte", "zone", "aero", "industrie", "entreprise"})


@dataclass(frozen=True)
class Body:
    """A body the report names that is not a centre (a zone, a research centre, an organisation…)."""

    id: str
    kind: str
    keys: tuple[NameKey, ...]
    names: frozenset[str]  # folded


@dataclass(frozen=True)
class Match:
    centre: str | None = None  # the centre named, when sure
    ground: str = ""  # GROUNDS
    close: str | None = None  # a centre the row is close to, when not sure
    why: str = ""  # CLOSE
    body: str | None = None  # a body of the report the row names
    shared: tuple[str, ...] = field(default=())  # the words it shares with the close centre


def address_key(url: str) -> str:
    """A web address as a key: no scheme, no www., no trailing slash, lowercase."""
    return re.sub(r"^(?:https?://)?(?:www\.)?", "", str(url).strip().lower()).rstrip("/")


class Matcher:
    """Tells which candidate a name names. `candidates`: the report's centres (or, for `find`, a table's rows)."""

    def __init__(self, candidates: list[Candidate], bodies: list[Body] = ()):
        self.candidates = candidates
        self.by_id = {c.id: c for c in candidates}
        self.bodies = list(bodies)
        self.places: dict[frozenset[str], list[Candidate]] = {}
        for c in candidates:
            self.places.setdefault(c.place, []).append(c)
        self.addresses: dict[str, list[Candidate]] = {}
        for c in candidates:
            for a in c.addresses:
                self.addresses.setdefault(address_key(a), []).append(c)

    def match(self, name: str, *, locality: str = "", niche: str = "", address: str = "", ident: str = "") -> Match:
        ident = str(ident).strip()
        if ident and ident in self.by_id:
            return Match(ident, "id")
        if not str(name).strip() or look_alike(name) is not None:
            return Match()
        row = key(name)
        place = frozenset(words(locality))
        sure: dict[str, str] = {}
        close: list[tuple[int, str, str, tuple[str, ...]]] = []  # (rank, centre, why, shared words)
        for c in self.candidates:
            ground, why, shared = self._judge(c, row, place, frozenset(words(niche)))
            if ground:
                sure.setdefault(c.id, ground)
            elif why:
                close.append((CLOSE.index(why), c.id, why, shared))
        # An address decides only where the name does not: lists copy addresses from row to row (the annex's
        # Sept-Îles row carries ZoneAgtech's), and a name says which centre a row means.
        by_address = self.addresses.get(address_key(address), []) if str(address).strip() else []
        if len(by_address) == 1 and not sure:
            sure[by_address[0].id] = "address"
        elif len(by_address) > 1 and not sure:
            close += [(CLOSE.index("shared-address"), c.id, "shared-address", ()) for c in by_address]
        if len(sure) == 1:
            centre, ground = next(iter(sure.items()))
            return Match(centre, ground)
        if len(sure) > 1:
            return Match(close=sorted(sure)[0], why="conflict", body=self._body(row, name))
        body = self._body(row, name)
        if body is not None:
            return Match(body=body)
        if close:
            _rank, centre, why, shared = min(close)
            return Match(close=centre, why=why, shared=shared)
        return Match()

    def _judge(self, c: Candidate, row: NameKey, place: frozenset[str], niche: frozenset[str]):
        """(ground of a sure match, or "", why it is close, or "", shared words) for one candidate."""
        # Names, with or without the place, and with or without an acronym the row or the centre adds. A key made
        # of an acronym's words (« CIFTE-VTÉ »: cifte, vte) is an acronym, judged below: else « DI3R-VTÉ (DI3R) »,
        # its own acronym set aside, would leave « vte » and pass for the name of every centre of the VTÉ.
        spelt = {w for a in c.acronyms for w in a.split()}
        for drop in (c.place, c.place | c.acronyms | row.acronyms):
            rest = row.core(drop)
            for k in c.keys:
                theirs = k.core(drop)
                if theirs and rest == theirs and not set(k.words) <= spelt:  # an acronym alone: below
                    if theirs & INSTITUTIONS and k.marked and not row.marked:
                        return "", "no-mark", tuple(sorted(theirs))
                    return "name", "", ()
        own = c.acronyms | c.place
        rest = row.core(own)
        written = (row.acronyms | set(row.words)) & c.acronyms  # « hifa » typed in small letters too
        if written:
            if not rest:
                long_enough = any(len(a.replace(" ", "")) >= 4 for a in written)
                if long_enough or row.marked or (place and place == c.place):
                    return "acronym", "", ()
                return "", "acronym-only", tuple(sorted(written))
            if any(rest == k.core(own) for k in c.keys):
                return "acronym", "", ()
            return "", "other-words", tuple(sorted(written))
        if c.place and not rest and (row.words or row.marked) and (place == c.place or c.place <= set(row.words)):
            if len(self.places.get(c.place, [])) == 1:
                if niche & c.niche:
                    return "place-and-niche", "", tuple(sorted(niche & c.niche))
                return "", "place-only", tuple(sorted(c.place))
        rest = row.core(own | row.acronyms)
        for k in c.keys:
            theirs = k.core(own)
            if not theirs or not rest:
                continue
            shared = rest & theirs
            if len(shared) >= 2 and len(shared) / len(rest | theirs) >= 0.5:
                return "", "some-words", tuple(sorted(shared))
            if row.marked and rest < theirs:  # « Centre d'innovation en aluminium »: part of a centre's name
                return "", "some-words", tuple(sorted(shared))
            if difflib.SequenceMatcher(None, " ".join(sorted(rest)), " ".join(sorted(theirs))).ratio() >= 0.85:
                return "", "spelling", tuple(sorted(shared))
        return "", "", ()

    def _body(self, row: NameKey, name: str) -> str | None:
        folded = fold(name)
        for b in self.bodies:
            if folded in b.names:
                return b.id
        for b in self.bodies:
            for k in b.keys:
                theirs = k.core(k.acronyms)
                if theirs and row.core(k.acronyms) == theirs:
                    return b.id
            if any(k.acronyms and row.acronyms == k.acronyms and not row.core(k.acronyms) for k in b.keys):
                return b.id
        return None
