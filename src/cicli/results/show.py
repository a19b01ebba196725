"""`show`: everything known about one centre — each fact with its true source, each verdict with its basis
and reason, the report's own account of the centre (its passages, by theme), and what cicli changed in
its row of the annex."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .. import labels
from ..i18n import _, speaking
from ..labels import language
from ..pipeline import Centres, load
from ..sections import Section
from ..study.knowledge import knowledge
from ..text import quoted
from ..typology import AXIS_NAMES
from ..wording import field_label, plain, value_text
from .classify import classify
from .finding import find
from .sources import Source, removed_values, source_of


@dataclass
class CentreDetails:
    """`details`: id, name, row, source, facts [{field, value, source}], removed [{field, source}], verdicts
    [{axis, verdict, rule, basis, reason}], account [{id, theme, section, text, note}] (the report's passages)."""

    details: dict
    lang: str

    def records(self) -> dict:
        return self.details

    def rows(self):
        d = self.details
        rows = [("fact", f["field"], _text(f["value"]), "", f["source"]["kind"], f["source"]["text"])
                for f in d["facts"]]
        rows += [("removed", r["field"], r["source"]["printed"], "", "removed", r["source"]["text"])
                 for r in d["removed"]]
        rows += [("verdict", v["axis"], v["verdict"], v["rule"], v["basis"], v["reason"]) for v in d["verdicts"]]
        rows += [("passage", p["theme"], p["id"], "", p["section"], p["text"]) for p in d["account"]]
        header = ["kind", "field", "value", "rule", "source", "note"]
        return header, [[row[k] for row in rows] for k in range(len(header))]

    def sections(self) -> list[Section]:
        d = self.details
        with speaking(self.lang):
            numbers = {p["id"]: n for n, p in enumerate(d["account"], 1)}
            field, value, source = _("Field"), _("Value"), _("Source")
            facts = []
            for f in d["facts"]:
                value = value_text(f["field"], f["value"], self.lang, d["id"])
                source = _short_source(f["source"], numbers)
                if "report" in f:  # your file and the report disagree: both
                    theirs = value_text(f["field"], f["report"]["value"], self.lang, d["id"])
                    value = _("{mine}\n(the report: {theirs})", mine=value, theirs=theirs)
                    source = _("{mine}; the report: {theirs}", mine=source,
                               theirs=_short_source(f["report"]["source"], numbers))
                facts.append([field_label(f["field"], self.lang), value, source])
            facts += [[field_label(r["field"], self.lang), _("(not used)"), r["source"]["text"]] for r in d["removed"]]
            sections = [Section(f"{d['name']} ({d['id']})", [field, value, source], facts)]
            verdicts = [[field_label(v["axis"], self.lang), labels.label(v["axis"], v["verdict"]),
                         labels.label("basis", v["basis"]), v["reason"]] for v in d["verdicts"]]
            sections.append(Section(_("Verdicts"), [_("Axis"), _("Verdict"), _("Rests on"), _("Reason")], verdicts,
                                    priority=(3,), stack={2: 1}))
            if d["account"]:
                account = [[str(n), labels.label("theme", p["theme"]), p["section"],
                            f"« {p['text']} »" + (f"\n({p['note']})" if p["note"] else "")]
                           for n, p in enumerate(d["account"], 1)]
                sections.append(Section(_("What the report says of it"), ["#", _("Theme"), _("Section"), _("Passage")],
                                        account, priority=(3,), stack={2: 1}))
        return sections


def _text(value) -> str:
    return "" if value is None else str(value)


def _short_source(source: dict, numbers: dict[str, int]) -> str:
    """A source in a table cell: the passages by their number in the account below."""
    if source["kind"] in ("body", "completed", "added", "file-and-report") and source["passages"]:
        cited = ", ".join(f"[{numbers[p['id']]}]" for p in source["passages"] if p["id"] in numbers)
        words = {"body": _("the body of the report"), "completed": _("from the report (your file leaves it empty)"),
                 "added": _("not in the annex; the body of the report"),
                 "file-and-report": _("your file, column « {column} », as the report says",
                                      column=source["column"])}[source["kind"]]
        return f"{words} {cited}"
    return source["text"]


def show(query: str, path=None, *, lang: str | None = None, sheet: str | None = None,
         encoding: str | None = None, centres: Centres | None = None) -> CentreDetails:
    """Everything known about one centre: its facts with their sources, its verdicts with their reasons, and
    the report's own account of it."""
    lang = language(lang)
    centres = centres or load(path, sheet=sheet, encoding=encoding)
    with speaking(lang):
        table = classify(centres=centres, lang=lang).frame
        i = find(table, query, table.get("aliases"))
        return CentreDetails(details(centres, table, i), lang)


def details(centres: Centres, table: pd.DataFrame, i) -> dict:
    """The record of `show` for row `i` (its row number) of a classified table (`table`, from `centres`)."""
    from ..completion import DIFFERS, REPORT

    bundled = centres.bundled
    frame = centres.frame
    position = int(frame.index.get_loc(i))
    headers = centres.table.headers
    centre_id = table.at[i, "id"] if bundled else (centres.recognition.centre[position] or None)
    facts = []
    for column in ["id", *[c for c in centres.columns if c != "id"]]:
        value = plain(table.at[i, "id"]) if column == "id" else plain(frame.at[i, column])
        if value in (None, ""):
            continue
        kind = centres.source(column, position)
        source = source_of(centre_id, column, bundled=bundled, file_headers=headers, kind=kind)
        if column == "id" and "id" in frame.columns and frame.at[i, "id"] not in ("", value):  # a repeated id
            source = Source("derived", note=_("the id of your file, {id}, numbered: an earlier row has it too",
                                              id=quoted(frame.at[i, "id"])))
        fact = {"field": column, "value": value, "source": source.record()}
        if kind == DIFFERS:  # the report says otherwise: both, each with its source
            theirs = plain(centres.completed.theirs[column][position].as_py())
            fact["report"] = {"value": theirs,  # where the report says it: its annex or its body
                              "source": source_of(centre_id, column, bundled=True, file_headers={},
                                                  kind=REPORT).record()}
        facts.append(fact)
    removed = [{"field": column, "source": source.record()} for column, source in removed_values(centre_id)] \
        if bundled else []
    verdicts = [{"axis": a, "verdict": table.at[i, a], "rule": table.at[i, f"{a}_rule"],
                 "basis": table.at[i, f"{a}_basis"], "reason": table.at[i, f"{a}_reason"]} for a in AXIS_NAMES]
    account = [{"id": p.id, "theme": p.theme, "section": p.section, "text": p.quote, "note": p.note}
               for p in knowledge().account(centre_id)] if centre_id else []
    return {"id": table.at[i, "id"], "name": table.at[i, "name"], "row": int(i), "source": centres.table.source,
            "centre": centre_id, "ground": None if bundled else (centres.recognition.ground[position] or None),
            "facts": facts, "removed": removed, "verdicts": verdicts, "account": account}
