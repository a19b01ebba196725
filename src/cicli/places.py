"""Where a centre is on a map, and where that position comes from.

A row's position is its own coordinates when the file gives them (or the bundled annex's, which cicli took
from public gazetteers), else that of its locality in GeoNames' list of Quebec's populated places
(data/places.csv, CC BY 4.0; see data/LICENCES.md). A locality two places share (Sainte-Catherine) is not
guessed: the row stays off the map, and is named.
"""

from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass

from .text import fold

#: Where a position comes from: the file's own columns, the bundled annex's (cicli's, from gazetteers), or the
#: locality found in GeoNames. Stable codes of the GeoJSON and of the page.
POSITION_SOURCES = ("file", "annex", "gazetteer")
GEONAMES = "GeoNames (geonames.org), CC BY 4.0"

_NOT_A_LETTER = re.compile(r"[\s\-–'’.]+")
_PREFIXES = re.compile(r"^(ville de |municipalite de |city of )")


@dataclass(frozen=True)
class Place:
    name: str
    latitude: float
    longitude: float
    population: int


def _key(name: str) -> str:
    """A locality as people write it, compared without accents, case, hyphens or « Ville de »."""
    return _NOT_A_LETTER.sub(" ", _PREFIXES.sub("", fold(name).strip())).strip()


@functools.lru_cache(maxsize=1)
def gazetteer() -> dict[str, tuple[Place, ...]]:
    """Each folded name → the places of that name (several when two places share it)."""
    from .read import bundled_path

    out: dict[str, list[Place]] = {}
    with bundled_path("places.csv").open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            place = Place(row["name"], float(row["latitude"]), float(row["longitude"]), int(row["population"]))
            out.setdefault(_key(row["name"]), []).append(place)
    return {k: tuple(v) for k, v in out.items()}


def locate(locality: str) -> Place | None:
    """The one place `locality` names, or None (unknown, or shared by several places)."""
    if not locality or not locality.strip():
        return None
    found = gazetteer().get(_key(locality), ())
    return found[0] if len(found) == 1 else None


def shared(locality: str) -> bool:
    """Whether several places bear this name (cicli does not choose between them)."""
    return len(gazetteer().get(_key(locality or ""), ())) > 1
