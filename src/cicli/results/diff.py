"""`diff`: what changed between two editions of a list (CSV or XLSX, French or English headers): the centres added,
removed and renamed, every cell changed with its old and new value, and every verdict that changed as a result,
with the reason the new edition gives.

Rows are paired by id (the file's own, else the report's centre the row is), then by name (case, accents and
punctuation aside); what is left is added or removed. Cells are compared as each file writes them, before cicli
completes anything from the report: what the person changed, not what the report fills in.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from .. import labels, schema
from ..i18n import _, ngettext, speaking
from ..labels import language
from ..pipeline import Centres, load
from ..sections import Section
from ..text import fold, shown
from ..wording import AXIS_NAMES, field_label, value_text
from .classify import classify

FIELDS = ["kind", "id", "name", "field", "old", "new", "reason"]


@dataclass
class Differences:
    old: str
    new: str
    lang: str
    added: list[dict] = field(default_factory=list)  # {id, name, row}
    removed: list[dict] = field(default_factory=list)  # {id, name, row}
    renamed: list[dict] = field(default_factory=list)  # {id, old, new}
    cells: list[dict] = field(default_factory=list)  # {id, name, field, header, old, new}
    verdicts: list[dict] = field(default_factory=list)  # {id, name, axis, old, new, reason}
    editions: tuple[Centres, ...] = ()  # the two editions as read: their problems, their rows left out

    @property
    def same(self) -> bool:
        return not (self.added or self.removed or self.renamed or self.cells or self.verdicts)

    def records(self) -> dict:
        return {"old": shown(self.old), "new": shown(self.new), "added": self.added, "removed": self.removed,
                "renamed": self.renamed, "cells": self.cells, "verdicts": self.verdicts}

    def rows(self):
        out = [("added", a["id"], a["name"], "", "", "", "") for a in self.added]
        out += [("removed", r["id"], r["name"], "", "", "", "") for r in self.removed]
        out += [("renamed", r["id"], r["new"], "name", r["old"], r["new"], "") for r in self.renamed]
        out += [("cell", c["id"], c["name"], c["field"], c["old"], c["new"], "") for c in self.cells]
        out += [("verdict", v["id"], v["name"], v["axis"], v["old"], v["new"], v["reason"]) for v in self.verdicts]
        return FIELDS, [[row[k] for row in out] for k in range(len(FIELDS))]

    def sections(self) -> list[Section]:
        with speaking(self.lang):
            return self._sections()

    def _sections(self) -> list[Section]:
        lang = self.lang
        out = []
        if self.same:
            return [Section(None, [_("Differences")], [[_("The two editions hold the same centres, the same cells and "
                                                          "the same verdicts.")]])]
        name, centre = _("Name"), _("Centre")
        if self.added:
            out.append(Section(_("Centres added"), [name, _("Row")], [[a["name"], str(a["row"])] for a in self.added],
                               caption=ngettext("{n} centre", "{n} centres", len(self.added))))
        if self.removed:
            out.append(Section(_("Centres removed"), [name, _("Row in the old edition")],
                               [[r["name"], str(r["row"])] for r in self.removed],
                               caption=ngettext("{n} centre", "{n} centres", len(self.removed))))
        if self.renamed:
            out.append(Section(_("Centres renamed"), [_("Before"), _("After")],
                               [[r["old"], r["new"]] for r in self.renamed]))
        if self.cells:
            rows = [[c["name"], c["header"], value_text(c["field"], c["old"], lang),
                     value_text(c["field"], c["new"], lang)] for c in self.cells]
            out.append(Section(_("Cells changed"), [centre, _("Column"), _("Before"), _("After")], rows,
                               caption=ngettext("{n} cell", "{n} cells", len(rows)), priority=(2, 3)))
        if self.verdicts:
            rows = [[v["name"], field_label(v["axis"], lang), labels.label(v["axis"], v["old"], lang),
                     labels.label(v["axis"], v["new"], lang), v["reason"]] for v in self.verdicts]
            out.append(Section(_("Verdicts changed"), [centre, _("Axis"), _("Before"), _("After"), _("Why, now")],
                               rows, priority=(4,)))
        return out


def diff(old, new, *, lang: str | None = None, sheet: str | None = None, encoding: str | None = None,
         columns: dict[str, str] | None = None) -> Differences:
    """What changed from the list `old` to the list `new` (see the module's note)."""
    lang = language(lang)
    with speaking(lang):
        before = load(old, sheet=sheet, encoding=encoding, columns=columns)
        after = load(new, sheet=sheet, encoding=encoding, columns=columns)
        return compare_editions(before, after, lang)


def compare_editions(before: Centres, after: Centres, lang: str) -> Differences:
    old_table, new_table = classify(centres=before, lang=lang).verdicts, classify(centres=after, lang=lang).frame
    pairs, removed, added = _pairs(before, old_table, after, new_table)
    out = Differences(before.table.source, after.table.source, lang, editions=(before, after))
    out.added = [{"id": new_table.at[i, "id"], "name": new_table.at[i, "name"], "row": int(i)} for i in added]
    out.removed = [{"id": old_table.at[i, "id"], "name": old_table.at[i, "name"], "row": int(i)} for i in removed]
    old_cells, new_cells = before.table.frame, after.table.frame
    headers = {**before.table.headers, **after.table.headers}
    for i, j in pairs:
        ident, name = new_table.at[j, "id"], new_table.at[j, "name"]
        if fold(old_table.at[i, "name"]) != fold(name):
            out.renamed.append({"id": ident, "old": old_table.at[i, "name"], "new": name})
        for column in dict.fromkeys([*old_cells.columns, *new_cells.columns]):
            if column == "name":
                continue
            was = old_cells.at[i, column] if column in old_cells.columns else ""
            now = new_cells.at[j, column] if column in new_cells.columns else ""
            if str(was).strip() != str(now).strip():
                out.cells.append({"id": ident, "name": name, "field": column,
                                  "header": schema.header(column) if column in schema.BY_NAME else
                                  headers.get(column, column), "old": was, "new": now})
        for axis in AXIS_NAMES:
            if old_table.at[i, axis] != new_table.at[j, axis]:
                out.verdicts.append({"id": ident, "name": name, "axis": axis, "old": old_table.at[i, axis],
                                     "new": new_table.at[j, axis], "reason": new_table.at[j, f"{axis}_reason"]})
    return out


def _pairs(before: Centres, old: pd.DataFrame, after: Centres, new: pd.DataFrame):
    """The rows of the two editions that are one centre: by id (the file's, else the report's centre), then by
    name; the old rows left (removed) and the new ones left (added)."""
    def ids(centres: Centres, table: pd.DataFrame) -> dict:
        own = centres.table.frame["id"] if "id" in centres.table.frame.columns else None
        out = {}
        for position, i in enumerate(table.index):
            key = (own[i] if own is not None else "") or centres.recognition.centre[position]
            if key:
                out.setdefault(key, []).append(i)
        return out

    pairs = []
    left_old, left_new = list(old.index), list(new.index)
    old_ids, new_ids = ids(before, old), ids(after, new)
    for key, rows in old_ids.items():
        if len(rows) == 1 and len(new_ids.get(key, [])) == 1:
            pairs.append((rows[0], new_ids[key][0]))
    paired_old, paired_new = {i for i, _j in pairs}, {j for _i, j in pairs}
    left_old = [i for i in left_old if i not in paired_old]
    left_new = [j for j in left_new if j not in paired_new]
    by_name: dict[str, list] = {}
    for j in left_new:
        by_name.setdefault(fold(new.at[j, "name"]), []).append(j)
    for i in list(left_old):
        candidates = by_name.get(fold(old.at[i, "name"]), [])
        if candidates:
            j = candidates.pop(0)
            pairs.append((i, j))
            left_old.remove(i)
            left_new.remove(j)
    # A centre renamed in the same town (« Centre d'innovation maritime » → « … de Rimouski »): one row each side
    # whose names are close, and no other row of that town could be it.
    for i in list(left_old):
        town = fold(str(old.at[i, "locality"] or "")) if "locality" in old.columns else ""
        near = [j for j in left_new if town and "locality" in new.columns
                and fold(str(new.at[j, "locality"] or "")) == town and _close(old.at[i, "name"], new.at[j, "name"])]
        if len(near) == 1 and sum(_close(old.at[k, "name"], new.at[near[0], "name"]) for k in left_old) == 1:
            pairs.append((i, near[0]))
            left_old.remove(i)
            left_new.remove(near[0])
    return pairs, left_old, left_new


def _close(a: str, b: str) -> bool:
    """Two names of one centre: one holds the other, or they share most of their words."""
    x, y = fold(str(a)), fold(str(b))
    if x and y and (x in y or y in x):
        return True
    words_x, words_y = ({w for w in n.split() if len(w) > 2} for n in (x, y))
    return bool(words_x and words_y) and len(words_x & words_y) / len(words_x | words_y) >= 0.6
