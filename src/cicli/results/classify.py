"""`classify`: every centre with the typology's verdicts, and the reason of each."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pyarrow as pa

from .. import labels
from ..completion import REPORT
from ..errors import UsageError
from ..i18n import _, ngettext, speaking
from ..ids import make_ids
from ..labels import language
from ..pipeline import Centres, load
from ..schema import region_of
from ..sections import Section, frame_columns
from ..speed.frames import map_distinct
from ..text import fold, quoted, some_of
from ..typology import AXIS_NAMES, judge
from ..typology import verdicts as verdicts_of
from ..typology.facts import READ_COLUMNS
from ..wording import field_label, plain, verdict_text

#: The fields of a classified centre, in order: the JSON and CSV outputs use these names.
RECORD_FIELDS = ("id", "name", "region", "locality", "niche", "lead", "source_url", "notes",
                 "origin", "anchoring", "zone", "model", "status", "designated_on",
                 "redirected_from_zi", "zi_submitted_year")
_MACHINE_FIELDS = ("id", "name", "region", "locality", "origin", "anchoring", "zone", "model", "status",
                   "designated_on", "redirected_from_zi")


@dataclass
class Classification:
    """The classified centres: `verdicts` holds their fields and verdict codes; `frame` adds, for each axis, the
    rule, the basis and the reason (`<axis>_rule`, `<axis>_basis`, `<axis>_reason`), worded when first asked for
    (a million reasons weigh: a CSV of verdicts does without them)."""

    verdicts: pd.DataFrame
    lang: str
    explain: bool = False
    notes: list[str] = field(default_factory=list)  # what the user should know: why nothing is left
    reasons: Callable[[pd.Index], pd.DataFrame] | None = None  # the reasons of the rows of an index

    @functools.cached_property
    def frame(self) -> pd.DataFrame:
        if self.reasons is None or not len(self.verdicts):
            parts = [f"{a}_{part}" for a in AXIS_NAMES for part in ("reason", "rule", "basis")]
            return self.verdicts.assign(**{p: pd.Series(dtype=str) for p in parts if p not in self.verdicts})
        return pd.concat([self.verdicts, self.reasons(self.verdicts.index)], axis=1)

    def explained(self) -> Classification:
        """The same centres, shown with the reason of each verdict (--explain)."""
        return Classification(self.verdicts, self.lang, True, self.notes, self.reasons)

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
            for name in RECORD_FIELDS:
                column = table[name]
                if name == "zi_submitted_year":
                    fields.append((name, json_lines.number(pd.to_numeric(column).to_numpy(dtype=float))))
                elif name == "redirected_from_zi":
                    fields.append((name, json_lines.boolean(column.tolist())))
                else:
                    fields.append((name, json_lines.string(arrow_strings(column.astype("str")))))
            for part, suffix in (("reasons", "reason"), ("bases", "basis"), ("rules", "rule")):
                fields.append((part, json_lines.record(
                    [(a, json_lines.string(arrow_strings(table[f"{a}_{suffix}"]))) for a in AXIS_NAMES])))
            return json_lines.record(fields)

        return json_lines.lines(pieces, len(self.frame))

    def rows(self):
        table = self.frame if self.explain else self.verdicts
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
        """Name, locality and region (which a narrow terminal puts under the name), the four axes with zone and
        month beside them; with `explain`, one block per centre, the reason of each verdict under its axis."""
        table, lang = self.frame if self.explain else self.verdicts, self.lang
        out = pd.DataFrame(index=table.index)
        for column in ("name", "locality", "region"):
            out[field_label(column, lang)] = table[column]
        for axis in AXIS_NAMES:
            if self.explain:
                out[field_label(axis, lang)] = table[f"{axis}_reason"]
                continue
            text = verdict_text(table[axis], axis, lang)
            if axis == "anchoring":
                text = text.where(table["zone"] == "", text + " (" + table["zone"] + ")")
            if axis == "status":
                text = text.where(table["designated_on"] == "", text + " (" + table["designated_on"] + ")")
            out[field_label(axis, lang)] = text
        count = ngettext("{n} centre", "{n} centres", len(table))
        return [Section.of(out, caption=count, priority=(0,), stack={1: 0, 2: 0}, cards=self.explain)]


def _plain_list(values: pd.Series) -> list:
    """A column as JSON wants it: None for missing, whole numbers as int, Python scalars."""
    if pd.api.types.is_float_dtype(values):
        return [None if v != v else int(v) if v.is_integer() else v for v in values.tolist()]
    if values.dtype == object:
        return [plain(v) for v in values.tolist()]
    return values.tolist()


def classify(path=None, *, lang: str | None = None, sheet: str | None = None, encoding: str | None = None,
             centres: Centres | None = None, explain: bool = False, **filters) -> Classification:
    """Every centre with the typology's verdicts; the frame of the result adds `<axis>_rule`, `<axis>_basis` and
    `<axis>_reason` (see Classification).

    `filters` (region, origin, anchoring, model, status) take codes or labels in French or English, accents
    optional, one value or several (a list: any of them); an unknown value raises UsageError listing the choices.
    """
    lang = language(lang)
    with speaking(lang):
        centres = centres or load(path, sheet=sheet, encoding=encoding)
        return _classify(centres, lang, explain, filters)


def _classify(centres: Centres, lang: str, explain: bool, filters: dict) -> Classification:
    frame = centres.frame
    sources, known = centres.completed.sources, centres.the_reports
    verdicts = verdicts_of(frame, sources=sources, known=known)
    base = pd.DataFrame(index=frame.index)
    for column in ("id", "name", "region", "locality", "niche", "lead", "source_url", "notes"):
        base[column] = frame[column] if column in frame.columns else ""
    if "aliases" in frame.columns:
        base["aliases"] = frame["aliases"]
    base["id"] = make_ids(base["id"], base["name"])
    for column in verdicts.columns:
        base[column] = verdicts[column]
    extra = ["aliases"] if "aliases" in base.columns else []
    table = base[list(RECORD_FIELDS) + extra]
    kept, notes = _filter(table, filters)

    def reasons(index: pd.Index) -> pd.DataFrame:
        positions = frame.index.get_indexer(index)
        rows = frame.iloc[positions]
        worded = judge(rows, lang, sources={c: v[positions] for c, v in sources.items()},
                       known=known[positions])
        parts = [f"{a}_{part}" for a in AXIS_NAMES for part in ("reason", "rule", "basis")]
        worded = worded[parts]
        worded.index = index
        return with_the_reports_verdicts(worded, centres, positions, lang)

    return Classification(kept, lang, explain, _not_centres(centres) + notes, reasons)


def with_the_reports_verdicts(worded: pd.DataFrame, centres: Centres, positions, lang: str) -> pd.DataFrame:
    """Where a row of the report's gives facts the report contradicts, and they change a verdict, its reason says
    what the report's own facts give: adding facts never makes a verdict the report supports vanish unsaid."""
    from ..completion import DIFFERS

    differs = np.zeros(len(positions), dtype=bool)
    for column, source in centres.completed.sources.items():
        if column in READ_COLUMNS:
            differs |= source[positions] == DIFFERS
    if not differs.any():
        return worded
    rows = centres.frame.iloc[positions[differs]].copy()
    for column, theirs in centres.completed.theirs.items():
        if column in rows.columns and column in READ_COLUMNS:
            mine = centres.completed.sources[column][positions[differs]] == DIFFERS
            values = pd.Series(theirs.take(pa.array(positions[differs])).to_pylist(), index=rows.index)
            rows[column] = rows[column].where(~mine, values)
    report = judge(rows, lang, known=np.ones(len(rows), dtype=bool),
                   sources={c: np.full(len(rows), REPORT, dtype=np.int8) for c in rows.columns})
    mine = verdicts_of(centres.frame.iloc[positions[differs]],
                       sources={c: v[positions[differs]] for c, v in centres.completed.sources.items()},
                       known=np.ones(len(rows), dtype=bool))
    at = worded.index[differs]
    with speaking(lang):
        for axis in AXIS_NAMES:
            changed = report[axis].to_numpy() != mine[axis].to_numpy()
            if not changed.any():
                continue
            notes = [_(" — the report's own facts give: {verdict} ({reason})",
                       verdict=labels.label(axis, verdict), reason=reason)
                     for verdict, reason in zip(report[axis][changed], report[f"{axis}_reason"][changed],
                                                strict=True)]
            cells = at[changed]
            worded.loc[cells, f"{axis}_reason"] = worded.loc[cells, f"{axis}_reason"] + pd.Series(notes, index=cells)
    return worded


def _not_centres(centres: Centres) -> list[str]:
    """Why a row the report names as something else than a centre is in the table: the file has it."""
    listed = [p for p in centres.findings.problems if p.code in ("not-a-ci", "not-a-centre") and p.row is not None]
    notes = [_("row {row}, {name}: in the table because your file lists it, though the report says it is not a "
               "centre (cicli validate says what it is).", row=p.row, name=quoted(p.value or "")) for p in listed[:10]]
    if len(listed) > 10:
        notes.append(ngettext("and {n} more such row.", "and {n} more such rows.", len(listed) - 10))
    return notes


def _filter(table: pd.DataFrame, filters: dict) -> tuple[pd.DataFrame, list[str]]:
    """The rows every filter keeps (a filter of several values keeps any of them), and notes when none is left:
    which values the rows hold instead."""
    mask = pd.Series(True, index=table.index)
    asked = []
    for key, wanted in filters.items():
        if key not in ("region", *AXIS_NAMES):
            raise UsageError(_("unknown filter {filter}.", filter=quoted(key)))
        values = [wanted] if isinstance(wanted, str) else list(wanted or [])
        if not values:
            continue
        either = pd.Series(False, index=table.index)
        for value in values:
            if key == "region":
                either |= _in_region(table["region"], value)
                continue
            code = labels.parse(key, value)
            if code is None:
                choices = ", ".join(f"{c} ({labels.label(key, c)})" for c in labels.LABELS[key])
                raise UsageError(_("{value} is not one of: {choices}.", value=quoted(value), choices=choices),
                                 option=key)
            either |= table[key] == code
        mask &= either
        asked.append((key, values))
    kept = table[mask]
    if len(kept) or not len(table) or not asked:
        return kept, []
    notes = [_("no centre is left once filtered by {filters}.",
               filters=", ".join(f"--{key} {quoted(value)}" for key, values in asked for value in values))]
    for key, _values in asked:
        counts = table[key].value_counts()
        shown = some_of([f"{value if key == 'region' else labels.label(key, value)} ({count})"
                         for value, count in counts.items() if value != ""], limit=17)
        notes.append(_("the centres read have these values of --{filter}: {values}.", filter=key,
                       values=shown or _("none")))
    return kept, notes


def _in_region(regions: pd.Series, wanted: str) -> pd.Series:
    """The rows of the region a person means: its name, short (« Mtl », « Bas-St-Laurent ») or in part
    (« Gaspésie »); a text that names no region keeps the rows whose region contains it."""
    meant = region_of(wanted)
    if meant is not None:
        return map_distinct(regions, region_of) == meant
    folded = fold(wanted)
    return map_distinct(regions, fold).astype("str").str.contains(folded, regex=False) if folded else \
        pd.Series(True, index=regions.index)
