"""`context`: the report's notions beyond its annex (what a CI is, the programme, designation, what bears the
name without being a CI, the caveats, the recommendations…), each a short summary in the user's language and
the report's own words, quoted verbatim with their section (data/report.toml)."""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import UsageError
from ..i18n import _, ngettext, speaking
from ..labels import language
from ..sections import Section
from ..study.knowledge import knowledge
from ..text import fold, quoted


@dataclass
class Context:
    """`topics`: [{id, title, summary, quotes: [{text, section}]}], in the report's words and the user's language."""

    topics: list[dict]
    lang: str

    def records(self) -> dict:
        return {"topics": self.topics}

    def rows(self):
        rows = [(t["id"], "summary", t["summary"], "") for t in self.topics]
        rows += [(t["id"], "quote", q["text"], q["section"]) for t in self.topics for q in t["quotes"]]
        rows.sort(key=lambda row: [t["id"] for t in self.topics].index(row[0]))
        header = ["topic", "kind", "text", "section"]
        return header, [[row[k] for row in rows] for k in range(len(header))]

    def sections(self) -> list[Section]:
        with speaking(self.lang):
            columns = [_("Topic"), _("In short"), _("The report's words")]
            rows = [[t["title"], t["summary"],
                     "\n".join(f"« {q['text']} » — {q['section']}" for q in t["quotes"])] for t in self.topics]
            caption = ngettext("{n} topic; cicli context TOPIC shows one (its id: {ids}).",
                               "{n} topics; cicli context TOPIC shows one (their ids: {ids}).", len(rows),
                               ids=", ".join(t["id"] for t in self.topics)) if len(rows) > 1 else None
            return [Section(None, columns, rows, caption=caption, cards=True)]


def context(topic: str | None = None, *, lang: str | None = None) -> Context:
    """The report's notions, or the one `topic` names (its id, or its title, accents and case aside)."""
    lang = language(lang)
    with speaking(lang):
        topics = list(knowledge().topics.values())
        if topic is not None:
            topics = [_chosen(topic, topics)]
        return Context([_record(t) for t in topics], lang)


_ARTICLE = ("le ", "la ", "les ", "l ", "the ")


def _bare(text: str) -> str:
    folded = fold(text)
    return folded[len(next((a for a in _ARTICLE if folded.startswith(a)), "")):]


def _chosen(wanted: str, topics: list):
    """The topic a person names: its id, its title in either language or another of its names (« financement »),
    whole or begun, accents, case and a first article aside."""
    key = _bare(wanted)

    def names(t) -> list[str]:
        return [_bare(n) for n in (t.id, t.title_fr, t.title_en, *t.also)]

    for test in (lambda t: key in names(t), lambda t: any(n.startswith(key) for n in names(t))):
        found = [t for t in topics if key and test(t)]
        if len(found) == 1:
            return found[0]
    choices = "; ".join(f"{t.id} ({t.title})" for t in topics)
    raise UsageError(_("no topic {topic}; the topics are: {choices}.", topic=quoted(wanted), choices=choices))


def _record(topic) -> dict:
    passages = knowledge().passages
    return {"id": topic.id, "title": topic.title, "summary": topic.summary,
            "quotes": [{"text": passages[p].quote, "section": passages[p].section} for p in topic.passages]}
