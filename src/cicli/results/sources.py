"""Where each value of a centre comes from, said truly: the annex as printed, corrected (what was printed,
and why), the body of the report (its passages), cicli itself (from what), the user's file (which
column), or outside the report. A value cicli removed is listed too, with what was printed and why.
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import schema
from ..i18n import _
from ..study.knowledge import Passage, knowledge
from ..text import shown


@dataclass(frozen=True)
class Source:
    kind: str
    column: str = ""  # the header of the column (the annex's, or the user's file's)
    printed: str = ""  # what the annex prints, for a corrected or removed value
    why: str = ""
    passages: tuple[Passage, ...] = ()
    note: str = ""  # for derived and outside values: from what

    def record(self) -> dict:
        return {"kind": self.kind, "column": self.column or None, "printed": self.printed or None,
                "why": self.why or None, "text": self.text(),
                "passages": [{"id": p.id, "section": p.section, "text": p.quote} for p in self.passages]}

    def text(self, numbers: dict[str, int] | None = None) -> str:
        """The source in words; with `numbers`, passages are named by their number in the centre's account."""
        cited = self._cited(numbers)
        match self.kind:
            case "annex":
                return _("the report's annex, column « {column} », as printed", column=self.column)
            case "annex-read":
                return _("read from the report's annex, column « {column} »", column=self.column)
            case "corrected":
                return _("the report's annex, column « {column} », corrected: it prints « {printed} ». {why}",
                         column=self.column, printed=self.printed, why=self.why)
            case "removed":
                return _("not used: the annex prints « {printed} » here. {why}", printed=self.printed, why=self.why)
            case "added":
                return _("not in the annex, which omits this centre: {why}", why=self.why) + cited
            case "body":
                return _("the body of the report") + cited
            case "derived":
                return _("given by cicli: {note}", note=self.note)
            case "outside":
                return _("not in the report: {note}", note=self.note)
            case "completed":
                return _("from the report (your file leaves it empty)") + cited
            case "file-and-report":
                return _("your file, column « {column} », as the report says", column=self.column) + cited
            case _:
                return _("your file, column « {column} »", column=self.column)

    def _cited(self, numbers: dict[str, int] | None) -> str:
        if not self.passages:
            return ""
        if numbers:
            return " " + ", ".join(f"[{numbers[p.id]}]" for p in self.passages if p.id in numbers)
        return " : " + " ; ".join(_("« {quote} » (section « {section} »)", quote=p.quote, section=p.section)
                                  for p in self.passages)


def source_of(centre: str | None, column: str, *, bundled: bool, file_headers: dict[str, str], kind: int = 1) -> Source:
    """The source of one value of a centre (`centre`: its id in the report, when it is one of the report's;
    `kind`: where the pipeline took the value, cicli.completion's FILE, REPORT, SAME or DIFFERS)."""
    from ..completion import REPORT, SAME

    k = knowledge()
    header = schema.header(column)
    if column in ("latitude", "longitude") and (bundled or kind == REPORT):
        return Source("outside", note=_(schema.BY_NAME[column].source))
    if not bundled:
        if kind == REPORT:
            return Source("completed", passages=tuple(k.supporting(centre, column)))
        if column in file_headers:
            if kind == SAME and centre:
                return Source("file-and-report", column=shown(file_headers[column], 80),
                              passages=tuple(k.supporting(centre, column)))
            return Source("file", column=shown(file_headers[column], 80))
        return Source("derived", note=_derived(column, bundled))
    change = k.change(centre, column)
    if change is not None:
        if change.kind == "added":
            passages = (k.passage(change.source),) if change.source in k.passages else ()
            if change.source == "outside":
                return Source("outside", note=change.why)
            return Source("added", why=change.why, passages=passages)
        return Source(change.kind, column=header, printed=change.printed, why=change.why)
    if column in schema.ANNEX_COLUMNS:
        return Source("annex", column=header)
    passages = tuple(k.supporting(centre, column))
    if passages:
        return Source("body", passages=passages)
    if (centre, column) in k.from_annex:
        return Source("annex-read", column=schema.header(k.from_annex[centre, column]))
    return Source("derived", note=_derived(column, bundled))


def _derived(column: str, bundled: bool) -> str:
    if column == "id":
        return _("a stable identifier of the centre") if bundled else \
            _("an identifier made from the name (lowercase, dashes; -2, -3… after a name that repeats)")
    return _("the column « {column} »", column=schema.header(column))


def removed_values(centre: str) -> list[tuple[str, Source]]:
    """The values of the annex cicli does not use for one centre: (column, source)."""
    return [(c.column, Source("removed", column=schema.header(c.column), printed=c.printed, why=c.why))
            for c in knowledge().changes_of(centre) if c.kind == "removed"]
