"""The report's knowledge beyond its annex, read from data/report.toml: its passages (verbatim, with their
section), its notions (`cicli context`), the bodies it names that are not centres, and every change
cicli made to its annex.

The file is the one place for the report's words; this module only reads it and answers questions.
"""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass, field

from ..i18n import _, current
from ..text import fold

THEMES = ("origin", "designation", "anchoring", "model", "services", "equipment", "funding", "results", "lessons")
#: Kinds of bodies that are not centres of the annex; `not-a-ci` bear the name without being CIs of the programme.
ENTITY_KINDS = ("zone", "zone-project", "research-centre", "group", "company", "building", "facility", "agency",
                "organisation", "not-a-ci")


def _in(lang_fr: str, lang_en: str) -> str:
    return lang_fr if current() == "fr" else lang_en


@dataclass(frozen=True)
class Passage:
    id: str
    section: str
    theme: str
    text: str
    facts: dict[str, tuple[str, ...]] = field(default_factory=dict)  # centre id → the columns it supports
    centres: tuple[str, ...] = ()  # other centres it tells about
    note_fr: str = ""
    note_en: str = ""

    @property
    def about(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys((*self.facts, *self.centres)))

    @property
    def note(self) -> str:
        return _in(self.note_fr, self.note_en)

    @property
    def quote(self) -> str:
        return " ".join(self.text.split())


@dataclass(frozen=True)
class Topic:
    id: str
    title_fr: str
    title_en: str
    summary_fr: str
    summary_en: str
    passages: tuple[str, ...]
    also: tuple[str, ...] = ()  # other names people type for it (« financement »)

    @property
    def title(self) -> str:
        return _in(self.title_fr, self.title_en)

    @property
    def summary(self) -> str:
        return _in(self.summary_fr, self.summary_en)


@dataclass(frozen=True)
class Entity:
    id: str
    name: str
    also: tuple[str, ...]
    kind: str
    centres: tuple[str, ...]
    note_fr: str
    note_en: str
    passages: tuple[str, ...] = ()

    @property
    def note(self) -> str:
        return _in(self.note_fr, self.note_en)


@dataclass(frozen=True)
class Change:
    centre: str
    column: str
    kind: str  # corrected | removed | joined | added
    value: str
    printed: str = ""
    why_fr: str = ""
    why_en: str = ""
    source: str = ""  # for an added cell: a passage id, or "outside"
    passages: tuple[str, ...] = ()

    @property
    def why(self) -> str:
        return _in(self.why_fr, self.why_en)

    @property
    def printed_on_one_line(self) -> str:
        return " / ".join(line.strip() for line in self.printed.splitlines())


@dataclass(frozen=True)
class Knowledge:
    report: dict
    passages: dict[str, Passage]
    topics: dict[str, Topic]
    entities: dict[str, Entity]
    changes: tuple[Change, ...]
    by_name: dict[str, Entity] = field(default_factory=dict)  # folded name → entity
    from_annex: dict[tuple[str, str], str] = field(default_factory=dict)  # (centre, column) → the annex column read
    judgements: tuple[tuple[str, str, str], ...] = ()  # (id, French, English): what cicli judges, not the report

    def passage(self, passage_id: str) -> Passage:
        return self.passages[passage_id]

    def supporting(self, centre: str, column: str) -> list[Passage]:
        """The passages that support one fact of one centre."""
        return [p for p in self.passages.values() if column in p.facts.get(centre, ())]

    def account(self, centre: str) -> list[Passage]:
        """What the report tells of one centre, by theme (THEMES' order), then in the report's order."""
        told = [p for p in self.passages.values() if centre in p.about]
        return sorted(told, key=lambda p: THEMES.index(p.theme) if p.theme in THEMES else len(THEMES))

    def has_source(self, centre: str, column: str) -> bool:
        """Whether a fact of a centre has its passage, or is read from the annex."""
        return bool(self.supporting(centre, column)) or (centre, column) in self.from_annex

    def change(self, centre: str, column: str) -> Change | None:
        return next((c for c in self.changes if c.centre == centre and c.column == column
                     and c.kind in ("corrected", "removed", "added")), None)

    def changes_of(self, centre: str) -> list[Change]:
        return [c for c in self.changes if c.centre == centre]

    def entity_named(self, text: str) -> Entity | None:
        """The body the report names that `text` names (its name or another of its names), if any."""
        return self.by_name.get(fold(text))


@functools.lru_cache(maxsize=1)
def knowledge() -> Knowledge:
    from ..read import bundled_path

    with bundled_path("report.toml").open("rb") as f:
        data = tomllib.load(f)
    passages = {p["id"]: Passage(
        p["id"], p["section"], p["theme"], p["text"],
        {centre: tuple(columns) for centre, columns in p.get("facts", {}).items()},
        tuple(p.get("centres", ())), p.get("note_fr", ""), p.get("note_en", "")) for p in data["passages"]}
    topics = {t["id"]: Topic(t["id"], t["title_fr"], t["title_en"], t["summary_fr"], t["summary_en"],
                             tuple(t["passages"]), tuple(t.get("also", ()))) for t in data["topics"]}
    entities = {e["id"]: Entity(e["id"], e["name"], tuple(e.get("also", ())), e["kind"], tuple(e.get("centres", ())),
                                e["note_fr"], e["note_en"], tuple(e.get("passages", ()))) for e in data["entities"]}
    changes = tuple(Change(c["centre"], c["column"], c["kind"], c["value"], c.get("printed", ""),
                           c.get("why_fr", ""), c.get("why_en", ""), c.get("source", ""), tuple(c.get("passages", ())))
                    for c in data["changes"])
    by_name: dict[str, Entity] = {}
    for entity in entities.values():
        for name in (entity.name, *entity.also):
            by_name.setdefault(fold(name), entity)
    from_annex = {(a["centre"], a["column"]): a["annex_column"] for a in data.get("from_annex", ())}
    judgements = tuple((j["id"], j["text_fr"], j["text_en"]) for j in data.get("judgements", ()))
    return Knowledge(data["report"], passages, topics, entities, changes, by_name, from_annex, judgements)


def citation() -> str:
    """The report as its readers have it: title, subject, year, audience, and its online map."""
    report = knowledge().report
    return _("« {title} » ({year}), on {subject}; {audience}. The report's map: {map}", title=report["title"],
             year=report["year"], subject=report["subject"], audience=_in(report["audience_fr"], report["audience_en"]),
             map=report["map"])
