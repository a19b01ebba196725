"""`classify`: every centre with the typology's verdicts, and the reason of each."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from .. import labels
from ..errors import UsageError
from ..i18n import speaking
from ..labels import language
from ..results import Section, frame_columns
from ..speed.fold import fold_column
from ..speed.frames import has_repeats, map_distinct
from ..text import fold
from ..typology import AXIS_NAMES
from ..typology import classify as judge
from ..validation import Centres, load
from .wording import field_label, plain, verdict_text

#: The fields of a classified centre, in order: the JSON and CSV outputs use these names.
RECORD_FIELDS = ("id", "name", "region", "locality", "niche", "lead", "source_url", "notes",
                 "origin", "anchoring", "zone", "model", "status", "designated_on",
                 "redirected_from_zi", "zi_submitted_year")
_MACHINE_FIELDS = ("id", "name", "region", "locality", "origin", "anchoring", "zone", "model", "status",
                   "designated_on", "redirected_from_zi")


@dataclass
class Classification:
    """The classified centres: `frame` holds codes (and `<axis>_reason`, `<axis>_rule` when asked)."""

    frame: pd.DataFrame
    lang: str
    explain: bool = False
    notes: list[str] = field(default_factory=list)  # what the user should know: why nothing is left

    def records(self) -> list[dict]:
        """The centres as plain dicts (codes, not labels): what `--format json` prints. Built a column at a
        time: a cell at a time took 4 s for 100,000 centres."""
        table = self.frame
        fields = [_plain_list(table[f]) for f in RECORD_FIELDS]
        nested = {part: [table[f"{a}_{part[:-1] if part != 'bases' else 'basis'}"].tolist() for a in AXIS_NAMES]
                  for part in ("reasons", "bases", "rules")}
        out = []
        for i, values in enumerate(zip(*fields, strict=True)):
            record = dict(zip(RECORD_FIELDS, values, strict=True))
            for part, columns in nested.items():
                record[part] = {a: column[i] for a, column in zip(AXIS_NAMES, columns, strict=True)}
            out.append(record)
        return out

    def json_pieces(self):
        """What `records()` holds, as JSON lines built on whole columns, a block of rows at a time
        (speed.json_lines): the same bytes as Python's encoder writes, in a fraction of the time and memory."""
        from ..speed import json_lines
        from ..speed.frames import arrow_strings

        def pieces(start: int, stop: int) -> list:
            table = self.frame.iloc[start:stop]
            fields = []
            for field in RECORD_FIELDS:
                column = table[field]
                if field == "zi_submitted_year":
                    fields.append((field, json_lines.number(pd.to_numeric(column).to_numpy(dtype=float))))
                elif field == "redirected_from_zi":
                    fields.append((field, json_lines.boolean(column.tolist())))
                else:
                    fields.append((field, json_lines.string(arrow_strings(column.astype("str")))))
            for part, suffix in (("reasons", "reason"), ("bases", "basis"), ("rules", "rule")):
                fields.append((part, json_lines.record(
                    [(a, json_lines.string(arrow_strings(table[f"{a}_{suffix}"]))) for a in AXIS_NAMES])))
            return json_lines.record(fields)

        return json_lines.lines(pieces, len(self.frame))

    def rows(self):
        table = self.frame
        out = table[list(_MACHINE_FIELDS)].copy()
        out["redirected_from_zi"] = out["redirected_from_zi"].map({True: "yes", False: "no"}).fillna("")
        if self.explain:
            for axis in AXIS_NAMES:
                out[f"{axis}_basis"] = table[f"{axis}_basis"]
                out[f"{axis}_reason"] = table[f"{axis}_reason"]
        return frame_columns(out)

    def sections(self) -> list[Section]:
        with speaking(self.lang):
            return self._sections()

    def _sections(self) -> list[Section]:
        """Name, locality, the four axes (zone and month beside them), with labels."""
        table, lang = self.frame, self.lang
        out = pd.DataFrame(index=table.index)
        out[field_label("name", lang)] = table["name"]
        out[field_label("locality", lang)] = table["locality"]
        for axis in AXIS_NAMES:
            text = verdict_text(table[axis], axis, lang)
            if axis == "anchoring":
                text = text.where(table["zone"] == "", text + " (" + table["zone"] + ")")
            if axis == "status":
                text = text.where(table["designated_on"] == "", text + " (" + table["designated_on"] + ")")
            out[field_label(axis, lang)] = text
        if self.explain:
            colon = " : " if lang == "fr" else ": "
            reasons = [table[f"{a}_reason"].radd(field_label(a, lang) + colon) for a in AXIS_NAMES]
            out[labels.label("field", "reasons", lang)] = pd.concat(reasons, axis=1).agg("\n".join, axis=1) \
                if len(table) else pd.Series(dtype=object)
        return [Section.of(out)]


def _plain_list(values: pd.Series) -> list:
    """A column as JSON wants it: None for missing, whole numbers as int, Python scalars."""
    if pd.api.types.is_float_dtype(values):
        return [None if v != v else int(v) if v.is_integer() else v for v in values.tolist()]
    if values.dtype == object:
        return [plain(v) for v in values.tolist()]
    return values.tolist()


def classify(path=None, *, lang: str | None = None, sheet: str | None = None, encoding: str | None = None,
             centres: Centres | None = None, reasons: bool = True, explain: bool = False,
             **filters: str | None) -> Classification:
    """Every centre with the typology's verdicts and (unless `reasons` is false) `<axis>_rule` and `<axis>_reason`.

    `filters` (region, origin, anchoring, model, status) take codes or labels in French or English,
    accents optional; an unknown value raises UsageError listing the choices.
    """
    lang = language(lang)
    with speaking(lang):
        centres = centres or load(path, sheet=sheet, encoding=encoding)
        return _classify(centres, lang, reasons, explain, filters)


def _classify(centres: Centres, lang: str, reasons: bool, explain: bool, filters: dict) -> Classification:
    frame = centres.frame
    verdicts = judge(frame, lang, reasons=reasons or explain, provenance=centres.provenance)
    base = pd.DataFrame(index=frame.index)
    for column in ("id", "name", "region", "locality", "niche", "lead", "source_url", "notes"):
        base[column] = frame[column] if column in frame.columns else ""
    if "aliases" in frame.columns:
        base["aliases"] = frame["aliases"]
    if "id" not in frame.columns or (base["id"] == "").any():
        base["id"] = base["id"].where(base["id"] != "", _slugs(fold_column(base["name"], separator="-")))
    for column in verdicts.columns:
        base[column] = verdicts[column]
    extra = ["aliases"] if "aliases" in base.columns else []
    parts = ("reason", "rule", "basis") if reasons or explain else ()
    table = base[list(RECORD_FIELDS) + [f"{a}_{part}" for a in AXIS_NAMES for part in parts] + extra]
    return Classification(_filter(table, filters), lang, explain)


def _slugs(folded: pd.Series) -> pd.Series:
    """Ids from names folded with `-`: `centre-d-innovation-du-cegep-de-sept-iles`; repeats get -2, -3…"""
    slugs = folded.where(folded != "", "centre")
    if not has_repeats(slugs):  # the usual case, known from one cheap pass
        return slugs
    repeated = slugs.duplicated(keep=False)
    rank = slugs[repeated].groupby(slugs[repeated]).cumcount()  # only the repeats: grouping all would be slow
    suffixed = slugs[repeated].where(rank == 0, slugs[repeated] + "-" + (rank + 1).astype(str))
    return slugs.where(~repeated, suffixed.reindex(slugs.index))


def _filter(table: pd.DataFrame, filters: dict[str, str | None]) -> pd.DataFrame:
    mask = pd.Series(True, index=table.index)
    for key, wanted in filters.items():
        if wanted is None:
            continue
        if key == "region":
            folded = fold(wanted)
            mask &= map_distinct(table["region"], fold).astype("str").str.contains(folded, regex=False) if folded else mask
            continue
        if key not in AXIS_NAMES:
            raise UsageError(f"unknown filter {key!r}.")
        code = labels.parse(key, wanted)
        if code is None:
            choices = ", ".join(f"{c} ({labels.label(key, c, 'fr')})" for c in labels.LABELS[key])
            raise UsageError(f"{wanted!r} is not one of: {choices}.", option=key)
        mask &= table[key] == code
    return table[mask]
