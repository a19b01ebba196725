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


def rule_sentence(axis: Axis, rule: Rule) -> str:
    """« If …, then … » in the current language, with the reason it gives and the report's words it applies."""
    verdict = labels.label(axis.name, rule.verdict)
    sentence = _("If {condition}, then: {verdict}. Reason given: « {reason} ».", condition=rule.when.describe(),
                 verdict=verdict, reason=reason_pattern(rule.reason))
    if rule.passage:
        passage = knowledge().passage(rule.passage)
        sentence += " " + _("The report, section « {section} »: « {quote} »", section=passage.section,
                            quote=passage.quote)
    return sentence


def method_rows() -> list[tuple[str, str, str]]:
    """(axis label, rule id or « meaning », sentence) for every axis and rule, in the current language."""
    rows = []
    for axis in AXES:
        name = labels.label("axis", axis.name)
        rows.append((name, _("meaning"), _(axis.meaning)))
        rows += [(name, rule.id, rule_sentence(axis, rule)) for rule in axis.rules]
    return rows
