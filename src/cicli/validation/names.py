"""Rows that name a body the report says is not a centre of the programme (LaboIDN, CIMEQ, Innofibre…):
found by name, accents and case aside, and warned about with the report's words."""

from __future__ import annotations

import functools
import re

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from ..i18n import _
from ..speed.arrays import to_numpy_bools
from ..study.knowledge import knowledge
from ..text import fold, quoted
from .checks import Flagger

_ACCENTED = {"a": "aàâä", "e": "eéèêë", "i": "iîï", "o": "oôö", "u": "uùûü", "c": "cç"}


@functools.cache
def _candidates() -> str:
    """A pattern that every name of such a body matches, cheap to run over a million names: the longest word
    of each of its names, accents optional. Only the rows it matches are folded and looked up."""
    # Words of everyday names: a row holding one is no candidate on that account alone.
    common = {"centre", "innovation", "quebec", "reseau", "laboratoire", "canada", "produits", "recherche",
              "numerique", "sainte", "justine"}
    words = set()
    for entity in knowledge().entities.values():
        if entity.kind != "not-a-ci":
            continue
        for name in (entity.name, *entity.also):
            rare = [w for w in fold(name).split() if w not in common] or fold(name).split()
            words.add(max(rare, key=len))
    return "|".join("".join(f"[{_ACCENTED[ch]}]" if ch in _ACCENTED else re.escape(ch) for ch in word)
                    for word in sorted(words))


def check_not_a_ci(cells: pa.Table, flag: Flagger) -> None:
    if "name" not in cells.column_names:
        return
    names = cells["name"]
    maybe = pc.match_substring_regex(names, _candidates(), ignore_case=True)
    if not pc.any(maybe).as_py():
        return
    entities = knowledge()

    def named(value: str):
        entity = entities.entity_named(value)
        return entity if entity is not None and entity.kind == "not-a-ci" else None

    from ..speed.arrays import integers, map_values

    rows = np.flatnonzero(to_numpy_bools(maybe))  # the few rows the pattern lets through are folded
    hits = to_numpy_bools(map_values(names.take(integers(rows)), lambda v: named(v) is not None, flags=True))
    found = np.zeros(len(names), dtype=bool)
    found[rows[hits]] = True

    def message(i, value):
        entity = named(value)
        passage = entities.passage(entity.passages[0]) if entity.passages else None
        words = _(" The report: « {quote} » ({section}).", quote=passage.quote, section=passage.section) \
            if passage else ""
        return _("{value} is not a centre of the programme — {note}.", value=quoted(value), note=entity.note) + words

    flag.rows("not-a-ci", found, "name", names, message)
