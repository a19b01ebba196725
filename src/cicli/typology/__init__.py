"""The report's typology applied to a table of centres: for each axis, the first rule that holds.

The rules themselves, the domain knowledge, are in typology.rules; this module only runs them.
"""

from __future__ import annotations

import string

import numpy as np
import pandas as pd

from ..speed.frames import join_text, per_distinct, pick
from .facts import FACT_COLUMNS, READ_COLUMNS, facts
from .rules import AXES, AXIS_NAMES, UNDETERMINED, Axis, Rule

__all__ = ["AXES", "AXIS_NAMES", "FACT_COLUMNS", "UNDETERMINED", "classify"]


def classify(frame: pd.DataFrame, lang: str = "en", reasons: bool = True) -> pd.DataFrame:
    """One row per centre: its axes' verdicts (codes), the rule and the reason of each, in `lang`.

    `frame` holds validated values (validation.load); missing fact columns count as silent.
    Columns: origin, anchoring, zone, model, status, designated_on, redirected_from_zi, zi_submitted_year,
    and for each axis, unless `reasons` is false, `<axis>_rule` and `<axis>_reason`.
    """
    # Verdicts and reasons depend on these columns only: each distinct combination is judged once
    # (an inventory of a million rows holds a few hundred), then the verdicts are spread back.
    used = [c for c in READ_COLUMNS if c in frame.columns]
    absent = [c for c in FACT_COLUMNS if c not in frame.columns]
    return per_distinct(frame, used, lambda distinct: _judge(distinct, absent, lang, reasons))


def _judge(frame: pd.DataFrame, absent: list[str], lang: str, reasons: bool) -> pd.DataFrame:
    known = facts(frame, lang)
    out = pd.DataFrame(index=frame.index)
    for axis in AXES:
        fired = np.full(len(frame), len(axis.rules) - 1, dtype=np.int32)  # the last rule always holds
        pending = np.ones(len(frame), dtype=bool)
        for k, rule in enumerate(axis.rules[:-1]):
            hit = pending & rule.when.test(known).fillna(False).to_numpy(dtype=bool)
            fired[hit] = k
            pending &= ~hit
        out[axis.name] = pick(fired, [rule.verdict for rule in axis.rules], frame.index)
        if reasons:  # a million reasons (and rules) weigh: build them only for those who print them
            templates = [rule.reason(lang) + _absent_note(axis, rule, absent, lang) for rule in axis.rules]
            out[f"{axis.name}_rule"] = pick(fired, [rule.id for rule in axis.rules], frame.index)
            out[f"{axis.name}_reason"] = _reasons(fired, templates, known)
    affiliated = out["anchoring"] == "zone-affiliated"
    out["zone"] = known["zone"].where(known["zone"] != "", known["_zone_text"]).where(affiliated, "")
    out["designated_on"] = known["designated_on"].where(out["status"] == "designated", "")
    out["redirected_from_zi"] = known["redirected_from_zi"].map({"yes": True, "no": False})
    out["zi_submitted_year"] = pd.to_numeric(known["zi_submitted_year"], errors="coerce")
    return out


def _absent_note(axis: Axis, rule: Rule, absent: list[str], lang: str) -> str:
    if rule.verdict != UNDETERMINED:
        return ""
    missing = [c for c in axis.deciding_columns() if c in absent]
    if not missing:
        return ""
    names = ", ".join(missing)
    return f" (colonnes absentes du fichier : {names})" if lang == "fr" else f" (columns not in the file: {names})"


def _reasons(fired: np.ndarray, templates: list[str], known: pd.DataFrame) -> pd.Series:
    """The reason of the rule that fired on each row: constants picked, templates filled on whole columns."""
    reasons = pick(fired, [t if not _fields(t) else "" for t in templates], known.index)
    for k, template in enumerate(templates):
        if _fields(template) and (fired == k).any():
            pieces = []
            for literal, field, _, _ in string.Formatter().parse(template):
                pieces += [literal] if literal else []
                pieces += [known[field]] if field else []
            reasons = reasons.where(fired != k, join_text(pieces))
    return reasons


def _fields(template: str) -> list[str]:
    return [field for _, field, _, _ in string.Formatter().parse(template) if field]
