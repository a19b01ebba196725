"""`compare`: centres side by side, facts and verdicts in rows; `compare --all`, every centre on the rows one
chooses (niches, services, equipment…): what a director asked for, « comparer la liste de services offerts par les
autres centres »; and the table both compare and show read."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .. import labels
from ..errors import UsageError
from ..i18n import _, ngettext, speaking
from ..labels import language
from ..pipeline import Centres, load
from ..sections import Section, frame_columns
from ..text import fold, quoted
from ..wording import field_label, plain, value_text
from .classify import classify
from .finding import find

#: The rows of a comparison, in order: verdicts (codes) and facts (as the data holds them).
COMPARE_FIELDS = ("name", "region", "locality", "niche", "lead", "status", "designated_on", "origin", "anchoring",
                  "zone", "model", "redirected_from_zi", "zi_submitted_year", "initiators", "partners",
                  "research_anchors", "specialised_equipment", "equipment", "services", "investment_cad",
                  "funding_cad", "surface_sqft", "funding_notes", "source_url", "notes")


@dataclass
class Comparison:
    """`side`: one row per field, one column per centre id, and a last column `differs`."""

    side: pd.DataFrame
    lang: str

    @property
    def ids(self) -> list[str]:
        return [c for c in self.side.columns if c != "differs"]

    def only_differences(self) -> Comparison:
        return Comparison(self.side[self.side["differs"]], self.lang)

    def records(self) -> dict:
        return {"centres": self.ids,
                "fields": [{"field": f, "differs": bool(row["differs"]), "values": {i: row[i] for i in self.ids}}
                           for f, row in self.side.iterrows()]}

    def rows(self):
        out = self.side.copy()
        out.insert(0, "field", out.index)
        out["differs"] = out["differs"].map({True: "yes", False: "no"})
        return frame_columns(out.reset_index(drop=True))

    def labelled(self) -> pd.DataFrame:
        """The comparison with labels; a first column marks the rows where the centres differ."""
        side, lang = self.side, self.lang
        out = pd.DataFrame({"≠": side["differs"].map({True: "≠", False: ""}),
                            labels.label("field", "field", lang): [field_label(f, lang) for f in side.index]},
                           index=side.index)
        for centre in self.ids:
            out[centre] = [value_text(f, v, lang, centre) for f, v in side[centre].items()]
        return out

    def sections(self) -> list[Section]:
        with speaking(self.lang):
            return [Section.of(self.labelled(), highlight=self.side["differs"])]


def compare(queries: list[str], path=None, *, lang: str | None = None, sheet: str | None = None,
            encoding: str | None = None, centres: Centres | None = None, fields: list[str] | None = None) -> Comparison:
    """Centres side by side: one row per field (`fields`, or COMPARE_FIELDS, where any of them has a value)."""
    check_comparable(queries)
    lang = language(lang)
    with speaking(lang):
        centres = centres or load(path, sheet=sheet, encoding=encoding)
        return _compare(queries, centres, lang, fields)


def _compare(queries: list[str], centres: Centres, lang: str, only: list[str] | None = None) -> Comparison:
    full = full_table(centres, lang)
    chosen = [find(full, q, full.get("aliases")) for q in queries]
    if len(set(chosen)) < len(chosen):
        twice = next(full.at[i, "id"] for i in chosen if chosen.count(i) > 1)
        raise UsageError(_("{id} is named twice; compare different centres.", id=quoted(twice)))
    fields = [f for f in (["name", *only] if only else COMPARE_FIELDS) if f in full.columns]
    side = full.loc[chosen, fields].T
    side.columns = [full.at[i, "id"] for i in chosen]
    side = side.map(plain).astype(object).where(side.notna(), None)
    filled = side.apply(lambda row: any(v not in (None, "") for v in row), axis=1)
    side = side[filled]
    side["differs"] = side.apply(lambda row: len({"" if v is None else str(v) for v in row}) > 1, axis=1)
    return Comparison(side, lang)


def check_comparable(queries: list[str]) -> None:
    """A comparison needs two centres or more: said before any file is read."""
    if len(queries) < 2:
        raise UsageError(_("compare needs two centres or more."), hint="compare-example")


def full_table(centres: Centres, lang: str) -> pd.DataFrame:
    """The file's own columns beside the classification (the classification's values win)."""
    table = classify(centres=centres, lang=lang).frame
    extra = [c for c in centres.frame.columns if c not in table.columns]
    return pd.concat([table, centres.frame[extra]], axis=1)


DEFAULT_ROWS = ("niche", "services", "equipment")


@dataclass
class Overview:
    """`table`: one row per centre (id, name, locality), then the chosen fields, as the data holds them."""

    table: pd.DataFrame
    fields: list[str]
    lang: str

    def records(self) -> dict:
        return {"fields": self.fields,
                "centres": [{k: plain(v) for k, v in row.items()} for row in self.table.to_dict("records")]}

    def rows(self):
        return frame_columns(self.table)

    def labelled(self) -> pd.DataFrame:
        """The table for people: labels as headers, values as words, lists one item a line."""
        out = pd.DataFrame({field_label(c, self.lang): self.table[c] for c in ("name", "locality")})
        for field in self.fields:
            values = zip(self.table[field], self.table["id"], strict=True)
            out[field_label(field, self.lang)] = [value_text(field, v, self.lang, centre) for v, centre in values]
        return out

    def sections(self) -> list[Section]:
        with speaking(self.lang):
            count = ngettext("{n} centre", "{n} centres", len(self.table))
            return [Section.of(self.labelled(), caption=count, stack={1: 0})]


def parse_fields(text: str | None) -> list[str]:
    """The fields `--rows` names (codes or labels, either language, separated by commas); the default ones."""
    if not text:
        return list(DEFAULT_ROWS)
    known = {}
    for field in COMPARE_FIELDS:
        for lang in labels.LANGS:
            known[fold(field_label(field, lang))] = field
        known[fold(field)] = field
    fields = []
    for item in text.split(","):
        field = known.get(fold(item))
        if field is None:
            choices = ", ".join(COMPARE_FIELDS)
            raise UsageError(_("{row} is not a row cicli compares; choose among: {choices}.", row=quoted(item.strip()),
                               choices=choices), option="rows")
        fields.append(field)
    return list(dict.fromkeys(fields))


def compare_all(path=None, *, rows: str | list[str] | None = None, lang: str | None = None, sheet: str | None = None,
                encoding: str | None = None, centres: Centres | None = None) -> Overview:
    """Every centre on the chosen rows (default: niche, services, equipment)."""
    lang = language(lang)
    with speaking(lang):
        fields = parse_fields(rows) if not isinstance(rows, list) else rows
        centres = centres or load(path, sheet=sheet, encoding=encoding)
        full = full_table(centres, lang)
        columns = ["id", "name", "locality", *fields]
        table = pd.DataFrame({c: full[c] if c in full.columns else "" for c in columns}, index=full.index)
        return Overview(table.reset_index(drop=True), fields, lang)
