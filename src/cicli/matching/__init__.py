"""Telling which centre of the report a row of a user's list is, or which body the report names it is: one matcher
(matching.matcher) for the rows of a file (matching.rows) and for the names typed at the command line
(matching.find)."""

from __future__ import annotations

import functools

from .matcher import Body, Candidate, Match, Matcher, address_key
from .names import key

__all__ = ["Body", "Candidate", "Match", "Matcher", "address_key", "report_matcher"]


@functools.cache
def report_matcher() -> Matcher:
    """The report's centres (the bundled annex: names, other names, localities, niches, addresses) and the bodies
    it names that are not centres (data/report.toml), as one matcher."""
    from ..read import read_table
    from ..study.knowledge import knowledge

    cells = read_table(None).cells
    candidates = []
    for centre in cells.to_pylist():
        others = [a.strip() for a in centre.get("aliases", "").split(";") if a.strip()]
        candidates.append(Candidate.of(centre["id"], centre["name"], others, centre["locality"], centre["niche"],
                                       (centre["source_url"],)))
    bodies = []
    for entity in knowledge().entities.values():
        names = [entity.name, *entity.also]
        bodies.append(Body(entity.id, entity.kind, tuple(key(n) for n in names),
                           frozenset(_fold(n) for n in names)))
    return Matcher(candidates, bodies)


def _fold(text: str) -> str:
    from ..text import fold

    return fold(text)
