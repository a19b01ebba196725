"""The rules in sentences, for people who check them: the workbook's method sheet and docs/typology.md."""

from __future__ import annotations

import string

from .. import labels
from ..i18n import N_, _
from ..study.knowledge import knowledge
from .rules import AXES, Axis, Rule

#: What each fact a reason names stands for, when the reason is shown without a centre.
FIELD_WORDS = {
    "initiators_text": N_("the initiators"),
    "zone": N_("the zone"),
    "zone_project": N_("the zone project"),
    "equipment": N_("the equipment"),
    "research_anchors": N_("the research anchors"),
    "_zone_text": N_("the zone the annex names"),
    "_zone_phrase": N_("the annex's words"),
    "_month_text": N_("the month"),
}


def reason_pattern(template: str) -> str:
    """A reason as a pattern: each fact it names written as what it stands for, in brackets."""
    out = []
    for literal, field, spec, _conversion in string.Formatter().parse(_(template)):
        out.append(literal)
        if field:
            words = f"[{_(FIELD_WORDS.get(field, field))}]"
            out.append(f" ({words})" if spec == "paren" else words)
    return "".join(out)


def rule_sentence(axis: Axis, rule: Rule, passages: dict[str, int] | None = None) -> str:
    """« If …, then … » in the current language, with the reason it gives and the report's words it applies: quoted
    in full, or, with `passages` (passage id → its number in a list printed once), by its number."""
    verdict = labels.label(axis.name, rule.verdict)
    sentence = _("If {condition}, then: {verdict}. Reason given: « {reason} ».", condition=rule.when.describe(),
                 verdict=verdict, reason=reason_pattern(rule.reason))
    if rule.passage and passages is not None:
        sentence += " " + _("The report: passage {n}.", n=passages.setdefault(rule.passage, len(passages) + 1))
    elif rule.passage:
        passage = knowledge().passage(rule.passage)
        sentence += " " + _("The report, section « {section} »: « {quote} »", section=passage.section,
                            quote=passage.quote)
    return sentence


def method_rows() -> tuple[list[tuple[str, str, str]], list[tuple[str, str, str]]]:
    """The method for people, in the current language: (axis, « meaning » or the rule's rank, sentence) for every
    axis and rule, the report's passages they apply cited by number; then (number, section, passage), each once."""
    rows, passages = [], {}
    for axis in AXES:
        name = labels.label("axis", axis.name)
        rows.append((name, _("meaning"), _(axis.meaning)))
        rows += [(name, _("rule {n}", n=n), rule_sentence(axis, rule, passages))
                 for n, rule in enumerate(axis.rules, 1)]
    k = knowledge()
    cited = [(str(n), k.passage(p).section, f"« {k.passage(p).quote} »") for p, n in passages.items()]
    return rows, cited


def rule_ids() -> list[tuple[str, str, str]]:
    """(axis, rule rank, rule id): for the technical sheet, where a technician finds a rule in the code."""
    return [(labels.label("axis", axis.name), _("rule {n}", n=n), rule.id)
            for axis in AXES for n, rule in enumerate(axis.rules, 1)]
