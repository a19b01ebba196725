"""`compare --all`: every centre side by side on the rows one chooses (niches, services, equipment…): what a
director asked for, « comparer la liste de services offerts par les autres centres »."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .. import labels
from ..errors import UsageError
from ..i18n import _, ngettext, speaking
from ..labels import language
from ..results import Section, frame_columns
from ..text import fold, quoted
from ..validation import Centres, load
from .comparison import COMPARE_FIELDS, full_table
from .wording import field_label, plain, value_text

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
            out[field_label(field, self.lang)] = [value_text(field, v, self.lang) for v in self.table[field]]
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
