"""The conditions of the typology's rules: small predicates over a centre's facts.

Each condition says which columns it reads (a rule's `uses` is derived from them), tests a whole
table of facts at once, and describes itself in words, so that docs/typology.md can print every
rule's condition beside its verdict for a domain expert to check.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .. import labels, schema
from ..i18n import _
from ..speed.frames import map_distinct


def _column(column: str) -> str:
    return f"« {schema.header(column)} »"


def _value(column: str, value: str) -> str:
    spec = schema.BY_NAME.get(column)
    domain = spec.domain if spec is not None else column
    return labels.label(domain, value)


class Condition:
    """A test on a table of facts (see typology.facts): one boolean per row."""

    def reads(self) -> tuple[str, ...]:
        raise NotImplementedError

    def test(self, facts: pd.DataFrame) -> pd.Series:
        raise NotImplementedError

    def describe(self) -> str:
        """The condition in words, in the current language."""
        raise NotImplementedError


@dataclass(frozen=True)
class Filled(Condition):
    """The column holds something."""

    column: str

    def reads(self) -> tuple[str, ...]:
        return (self.column,)

    def test(self, facts: pd.DataFrame) -> pd.Series:
        return facts[self.column] != ""

    def describe(self) -> str:
        return _("{column} holds something", column=_column(self.column))


@dataclass(frozen=True)
class Is(Condition):
    """The column holds this code."""

    column: str
    value: str

    def reads(self) -> tuple[str, ...]:
        return (self.column,)

    def test(self, facts: pd.DataFrame) -> pd.Series:
        return facts[self.column] == self.value

    def describe(self) -> str:
        return _("{column} is « {value} »", column=_column(self.column), value=_value(self.column, self.value))


def _kinds(cell: str) -> set[str]:
    return {k.strip() for k in cell.split(";") if k.strip()}


@dataclass(frozen=True)
class KindsAll(Condition):
    """Every initiator is of one of these kinds (and there is at least one)."""

    kinds: frozenset[str]
    column: str = "initiator_kinds"

    def reads(self) -> tuple[str, ...]:
        return (self.column,)

    def test(self, facts: pd.DataFrame) -> pd.Series:
        return map_distinct(facts[self.column], lambda cell: bool(_kinds(cell)) and _kinds(cell) <= self.kinds) \
            .astype(bool)

    def describe(self) -> str:
        kinds = ", ".join(labels.label(self.column, k) for k in sorted(self.kinds))
        return _("every kind in {column} is one of: {kinds}", column=_column(self.column), kinds=kinds)


@dataclass(frozen=True)
class KindsAny(Condition):
    """At least one initiator is of one of these kinds."""

    kinds: frozenset[str]
    column: str = "initiator_kinds"

    def reads(self) -> tuple[str, ...]:
        return (self.column,)

    def test(self, facts: pd.DataFrame) -> pd.Series:
        return map_distinct(facts[self.column], lambda cell: bool(_kinds(cell) & self.kinds)).astype(bool)

    def describe(self) -> str:
        kinds = ", ".join(labels.label(self.column, k) for k in sorted(self.kinds))
        return _("a kind in {column} is one of: {kinds}", column=_column(self.column), kinds=kinds)


@dataclass(frozen=True)
class AnnexSays(Condition):
    """The annex's own words, in a niche or a note, say this (see typology.facts.ANNEX_WORDS)."""

    words: str  # a key of typology.facts.ANNEX_WORDS

    def reads(self) -> tuple[str, ...]:
        from .facts import ANNEX_WORDS

        return ANNEX_WORDS[self.words].columns

    def test(self, facts: pd.DataFrame) -> pd.Series:
        from .facts import ANNEX_WORDS

        return facts[ANNEX_WORDS[self.words].evidence].astype(bool)

    def describe(self) -> str:
        from .facts import ANNEX_WORDS

        words = ANNEX_WORDS[self.words]
        columns = _(" or ").join(_column(c) for c in words.columns)
        return _("{columns} say {words}", columns=columns, words=_(words.says))


@dataclass(frozen=True)
class AllOf(Condition):
    """Every part holds."""

    parts: tuple[Condition, ...]

    def reads(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(c for part in self.parts for c in part.reads()))

    def test(self, facts: pd.DataFrame) -> pd.Series:
        result = self.parts[0].test(facts)
        for part in self.parts[1:]:
            result = result & part.test(facts)
        return result

    def describe(self) -> str:
        return _(" and ").join(part.describe() for part in self.parts)


@dataclass(frozen=True)
class Always(Condition):
    """Holds for every row: the last rule of an axis."""

    def reads(self) -> tuple[str, ...]:
        return ()

    def test(self, facts: pd.DataFrame) -> pd.Series:
        return pd.Series(True, index=facts.index)

    def describe(self) -> str:
        return _("no rule above holds")
