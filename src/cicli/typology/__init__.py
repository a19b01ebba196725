"""The report's typology applied to a table of centres: for each axis, the first rule that holds.

The rules themselves, the domain knowledge, are in typology.rules; this module only runs them. Each
verdict comes with its rule, its basis (report, inference, file, none; see rules.BASES) and its reason
in the current language, worded by where the row's facts come from (cicli.completion).
"""

from __future__ import annotations

import string

import numpy as np
import pandas as pd

from .. import schema
from ..i18n import _, speaking
from ..speed.frames import join_text, per_distinct, pick
from .facts import FACT_COLUMNS, READ_COLUMNS, facts
from .rules import AXES, AXIS_NAMES, BASES, UNDETERMINED, Axis, Rule

__all__ = ["AXES", "AXIS_NAMES", "BASES", "FACT_COLUMNS", "UNDETERMINED", "judge", "verdicts"]

_BITS = {column: 1 << i for i, column in enumerate(READ_COLUMNS)}


def verdicts(frame: pd.DataFrame, sources: dict[str, np.ndarray] | None = None,
             known: np.ndarray | None = None) -> pd.DataFrame:
    """One row per centre: its axes' verdicts (codes), and zone, designated_on, redirected_from_zi,
    zi_submitted_year. `frame` holds checked values (cicli.pipeline); missing fact columns count as silent.
    `sources` and `known`: as for `judge` (they change reasons only, not verdicts)."""
    return _run(frame, None, sources, known, reasons=False)


def judge(frame: pd.DataFrame, lang: str | None = None, sources: dict[str, np.ndarray] | None = None,
          known: np.ndarray | None = None) -> pd.DataFrame:
    """`verdicts`, with for each axis `<axis>_rule`, `<axis>_basis` and `<axis>_reason` (in `lang`).

    `sources` says, for each column and row, where the value comes from (cicli.completion: FILE and DIFFERS are
    the user's, REPORT and SAME the report's); without it, every value is the file's. `known`: the rows that are
    centres of the report (an undetermined verdict there is the report's silence, elsewhere the file's).
    """
    return _run(frame, lang, sources, known, reasons=True)


def _run(frame: pd.DataFrame, lang: str | None, sources: dict[str, np.ndarray] | None, known: np.ndarray | None,
         reasons: bool) -> pd.DataFrame:
    used = [c for c in READ_COLUMNS if c in frame.columns]
    absent = [c for c in FACT_COLUMNS if c not in frame.columns]
    keyed = frame[used].assign(_file_bits=_file_bits(sources, frame), _known=_known(known, frame))
    # Verdicts and reasons depend on these columns only: each distinct combination is judged once
    # (an inventory of a million rows holds a few hundred), then the verdicts are spread back.
    with speaking(lang):
        return per_distinct(keyed, [*used, "_file_bits", "_known"], lambda rows: _judge(rows, absent, reasons))


def _known(known: np.ndarray | None, frame: pd.DataFrame) -> pd.Series:
    return pd.Series(False if known is None else known, index=frame.index, dtype=bool)


def _file_bits(sources: dict[str, np.ndarray] | None, frame: pd.DataFrame) -> pd.Series:
    """For each row, one bit per column it reads whose cell is the user's, not the report's."""
    from ..completion import DIFFERS, FILE

    bits = np.zeros(len(frame), dtype=np.int64)
    for column, bit in _BITS.items():
        if column not in frame.columns:
            continue
        if sources is None or column not in sources:
            theirs = (frame[column].astype("str") != "").to_numpy()  # the file's, wherever it says something
        else:
            theirs = np.isin(sources[column], (FILE, DIFFERS))
        bits |= theirs.astype(np.int64) * bit
    return pd.Series(bits, index=frame.index)


def _judge(rows: pd.DataFrame, absent: list[str], reasons: bool) -> pd.DataFrame:
    known = facts(rows)
    bits = rows["_file_bits"].to_numpy()
    report_row = rows["_known"].to_numpy(dtype=bool)
    out = pd.DataFrame(index=rows.index)
    for axis in AXES:
        fired = np.full(len(rows), len(axis.rules) - 1, dtype=np.int32)  # the last rule always holds
        pending = np.ones(len(rows), dtype=bool)
        for k, rule in enumerate(axis.rules[:-1]):
            hit = pending & rule.when.test(known).fillna(False).to_numpy(dtype=bool)
            fired[hit] = k
            pending &= ~hit
        out[axis.name] = pick(fired, [rule.verdict for rule in axis.rules], rows.index)
        if reasons:  # a million reasons (and rules) weigh: build them only for those who print them
            filed = _worded_for_the_file(axis, fired, bits, report_row)
            deciding = np.array([rule.verdict != UNDETERMINED for rule in axis.rules])
            codes = np.where(filed & deciding[fired], len(axis.rules), fired)  # len(rules): the file's basis
            out[f"{axis.name}_rule"] = pick(fired, [rule.id for rule in axis.rules], rows.index)
            out[f"{axis.name}_basis"] = pick(codes, [*(r.basis_of_report() for r in axis.rules), "file"], rows.index)
            out[f"{axis.name}_reason"] = _reasons(axis, fired, filed, absent, known)
    affiliated = out["anchoring"] == "zone-affiliated"
    out["zone"] = known["zone"].where(known["zone"] != "", known["_zone_text"]).where(affiliated, "")
    out["designated_on"] = known["designated_on"].where(out["status"] == "designated", "")
    out["redirected_from_zi"] = known["redirected_from_zi"].map({"yes": True, "no": False})
    out["zi_submitted_year"] = pd.to_numeric(known["zi_submitted_year"], errors="coerce")
    return out


def _worded_for_the_file(axis: Axis, fired: np.ndarray, bits: np.ndarray, report_row: np.ndarray) -> np.ndarray:
    """Rows whose reason speaks of the user's file: a deciding rule whose facts are the file's, or an
    undetermined verdict on a row that is not one of the report's centres."""
    masks = np.array([sum(_BITS[c] for c in rule.when.reads() if c in _BITS) for rule in axis.rules], dtype=np.int64)
    undetermined = np.array([rule.verdict == UNDETERMINED for rule in axis.rules])
    deciding_from_file = (bits & masks[fired]) != 0
    return np.where(undetermined[fired], ~report_row, deciding_from_file)


def _reasons(axis: Axis, fired: np.ndarray, filed: np.ndarray, absent: list[str], known: pd.DataFrame) -> pd.Series:
    """The reason of the rule that fired on each row, worded for the report or the file: templates
    translated, then filled on whole columns."""
    templates = [_(rule.reason) for rule in axis.rules] + \
                [_(rule.reason_file) + _absent_note(axis, rule, absent) for rule in axis.rules]
    chosen = np.where(filed, fired + len(axis.rules), fired)
    reasons = pick(chosen, [t if not _fields(t) else "" for t in templates], known.index)
    for k, template in enumerate(templates):
        if _fields(template) and (chosen == k).any():
            reasons = reasons.where(chosen != k, _fill(template, known))
    return reasons


def _fill(template: str, known: pd.DataFrame) -> pd.Series:
    """The template filled with every row's facts; `{field:paren}` becomes « (value) », or nothing when empty."""
    pieces: list = []
    for literal, field, spec, _conversion in string.Formatter().parse(template):
        if literal:
            pieces.append(literal)
        if field:
            value = known[field]
            pieces.append((" (" + value + ")").where(value != "", "") if spec == "paren" else value)
    return join_text(pieces)


def _absent_note(axis: Axis, rule: Rule, absent: list[str]) -> str:
    """For an undetermined verdict on the user's file: the columns that would decide it, as the file would
    name them, when the file lacks them."""
    if rule.verdict != UNDETERMINED:
        return ""
    missing = [c for c in axis.deciding_columns() if c in absent]
    if not missing:
        return ""
    headers = ", ".join(f"« {schema.header(c)} »" for c in missing)
    return " " + _("(columns not in the file: {headers})", headers=headers)


def _fields(template: str) -> list[str]:
    return [field for _literal, field, _spec, _conversion in string.Formatter().parse(template) if field]
