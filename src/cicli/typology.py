"""The report's typology of centres d'innovation, as rules.

Each axis is an ordered list of rules. A rule is a condition on a row's facts,
the verdict it gives, a reason template in French and English naming the
facts it used, and the report's sentence it rests on. The first rule that
holds gives the verdict; the last rule of each axis holds always and says
`undetermined`, naming the missing fact. No rule reads a centre's name.

Rules run on whole columns: a condition returns a boolean Series.
docs/typology.md is generated from AXES (see `markdown()`).
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from . import labels
from .columns import arrow_strings, distinct_rows, map_distinct, spread
from .text import fold

PRIVATE_KINDS = {"company", "company_group"}
PUBLIC_KINDS = {"cegep", "university", "research_centre", "economic_development", "municipality"}
UNDETERMINED = "undetermined"

# The columns rules may read, beyond the annex's seven. A file without them still classifies.
FACT_COLUMNS = ("initiators", "initiator_kinds", "zone", "aims_zone", "independent", "status", "designated_on",
                "specialised_equipment", "equipment", "hifa_analogue", "research_anchors",
                "redirected_from_zi", "zi_submitted_year")

# Wordings of the annex, read as evidence. Accents and case are optional.
_ZONE_PHRASE = re.compile(
    r"(?P<phrase>(?:associ|affili)[ée]e?s?\s+(?:à|a)\s+(?:la\s+|l['’]\s*|au\s+)?(?P<zone>[^()\n,;–]+?))\s*(?:[()]|$|[,;–])",
    re.IGNORECASE | re.MULTILINE)
_KNOWN_ZONES = {"vte": "VTÉ", "vallee de la transition energetique": "VTÉ", "zone aero": "Zone Aéro"}
_PROJECT = re.compile(r"\(\s*projet\s*\)", re.IGNORECASE)
_PRE_ZONE = re.compile(r"(?:premiere|1 ?e?re) etape en vue d une designation (?:de|comme) (?:zi|zone)")
_FUNDED = "financements publics obtenus"


@dataclass(frozen=True)
class Rule:
    id: str
    verdict: str
    when: Callable[[pd.DataFrame], pd.Series]
    reason_fr: str
    reason_en: str
    uses: tuple[str, ...]
    quote: str = ""  # the report's words this rule rests on
    section: str = ""  # where they are in the report

    def reason(self, lang: str) -> str:
        return self.reason_fr if lang == "fr" else self.reason_en


@dataclass(frozen=True)
class Axis:
    name: str
    meaning_fr: str
    meaning_en: str
    rules: tuple[Rule, ...]


def _filled(column: str):
    return lambda f: f[column] != ""


def _is(column: str, value: str):
    return lambda f: f[column] == value


def _evidence(column: str):
    """A rule on derived evidence (see _facts): `_all_private`, `_all_public`, `_any_zone`…"""
    return lambda f: f[column]


def _always(f: pd.DataFrame) -> pd.Series:
    return pd.Series(True, index=f.index)


ORIGIN = Axis(
    "origin",
    "Qui a donné l'impulsion du centre : le secteur privé (une ou plusieurs entreprises, « champions de l'industrie ») "
    "ou des institutions publiques (recherche universitaire ou collégiale, organismes publics de développement).",
    "Who gave the centre its impulse: the private sector (one or more companies, « champions de l'industrie ») or "
    "public institutions (university or college research, public development bodies).",
    (
        Rule("origin.companies", "private", _evidence("_all_private"),
             "origine privée : initiée par {initiators_text}",
             "private origin: initiated by {initiators_text}",
             ("initiators", "initiator_kinds"),
             "Nous avons mentionné plus haut le rôle initiateur de Premier Tech dans la genèse des HIFA. Mais il ne "
             "s'agit pas là du seul exemple d'implication de champions de l'industrie dans la mise en place d'un "
             "centre d'innovation.",
             "Des initiatives privées, pour aller au rythme du changement"),
        Rule("origin.public-institutions", "public", _evidence("_all_public"),
             "origine publique : initiée par {initiators_text}",
             "public origin: initiated by {initiators_text}",
             ("initiators", "initiator_kinds"),
             "distinguer les écosystèmes nés d'impulsions du secteur privé des projets suscités par la mobilisation "
             "au sein d'institutions publiques (recherche universitaire ou collégiale par exemple)",
             "Les Centres d'innovation, entre deux modèles d'implantation"),
        Rule("origin.zone-initiator", UNDETERMINED, _evidence("_any_zone"),
             "origine indéterminée : initiée par {initiators_text}, une zone d'innovation, que le rapport ne range "
             "ni du côté privé ni du côté public",
             "origin undetermined: initiated by {initiators_text}, an innovation zone, which the report places "
             "neither on the private nor on the public side",
             ("initiators", "initiator_kinds"),
             "Chacun des pôles de la Vallée de la transition énergétique annonçait dans son Plan stratégique 2024-28 "
             "la construction de trois centres d'innovation",
             "Des centres d'innovation… pour renforcer les ZI"),
        Rule("origin.mixed", UNDETERMINED, _filled("initiator_kinds"),
             "origine indéterminée : initiateurs privés et publics à la fois ({initiators_text})",
             "origin undetermined: both private and public initiators ({initiators_text})",
             ("initiators", "initiator_kinds"),
             "il ne s'agit pas ici de forcer à tout prix une catégorisation sur des réalités nuancées",
             "Les Centres d'innovation, entre deux modèles d'implantation"),
        Rule("origin.unknown", UNDETERMINED, _always,
             "origine indéterminée : le rapport ne dit pas qui a initié le centre",
             "origin undetermined: the report does not say who initiated the centre",
             ("initiator_kinds",)),
    ),
)

ANCHORING = Axis(
    "anchoring",
    "Le centre agit seul, comme pôle d'une zone d'innovation, ou comme première étape vers une zone.",
    "The centre stands alone, is a pole of an innovation zone, or is a first step toward becoming a zone.",
    (
        Rule("anchoring.zone", "zone-affiliated", _filled("zone"),
             "pôle de la zone d'innovation {zone}",
             "a pole of the innovation zone {zone}",
             ("zone",),
             "certains des pôles régionaux de ces grandes zones ont en effet besoin de se doter eux aussi de lieux "
             "pour centraliser leurs expertises et services",
             "Des centres d'innovation… pour renforcer les ZI"),
        Rule("anchoring.aims-zone", "pre-zone", _is("aims_zone", "yes"),
             "première étape vers une zone : le projet vise la désignation comme zone d'innovation",
             "first step toward a zone: the project aims at the designation as an innovation zone",
             ("aims_zone",),
             "Notons ici que l'objectif à long-terme du projet reste la désignation comme zone d'innovation.",
             "Un noyau pour consolider (tous) les écosystèmes d'innovation"),
        Rule("anchoring.independent", "standalone", _is("independent", "yes"),
             "indépendant : le rapport le présente comme centre d'innovation indépendant",
             "standalone: the report presents it as an independent innovation centre",
             ("independent",),
             "nous attardant notamment aux HIFA comme modèle-type du centre d'innovation indépendant",
             "Des centres d'innovation… pour renforcer les ZI"),
        Rule("anchoring.annex-affiliated", "zone-affiliated", _filled("_zone_text"),
             "pôle de la zone {_zone_text} : l'annexe dit « {_zone_phrase} »",
             "a pole of the zone {_zone_text}: the annex says « {_zone_phrase} »",
             ("niche", "notes"),
             "CI affilié à la VTÉ (projet) ; CI associé à la Zone Aéro",
             "Annexe, colonnes « Créneaux » et « Notes »"),
        Rule("anchoring.annex-first-step", "pre-zone", _evidence("_pre_zone_text"),
             "première étape vers une zone : l'annexe dit « 1ère étape en vue d'une désignation de ZI »",
             "first step toward a zone: the annex says « 1ère étape en vue d'une désignation de ZI »",
             ("notes",),
             "1ère étape en vue d'une désignation de ZI",
             "Annexe, colonne « Notes »"),
        Rule("anchoring.unknown", UNDETERMINED, _always,
             "ancrage indéterminé : le rapport ne rattache le centre à aucune zone et ne le dit pas indépendant",
             "anchoring undetermined: the report ties the centre to no zone and does not call it independent",
             ("zone", "aims_zone", "independent")),
    ),
)

MODEL = Axis(
    "model",
    "Le modèle d'implantation : le modèle HIFA, distinctif des CI (centré sur l'industrie, équipements spécialisés "
    "et plateaux d'essai, formation), ou la « zone en miniature » de Sept-Îles (portée par la recherche, structure "
    "légère sans équipement spécialisé, formation et commercialisation).",
    "The implementation model: the HIFA model, distinctive of CI (industry-centred, specialised equipment and test "
    "platforms, training), or the « zone en miniature » of Sept-Îles (research-driven, light structure without "
    "specialised equipment, training and commercialisation).",
    (
        Rule("model.light-research", "miniature-zone",
             lambda f: (f["specialised_equipment"] == "no") & (f["research_anchors"] != ""),
             "zone en miniature : structure légère sans équipement spécialisé, appuyée sur la recherche "
             "({research_anchors})",
             "miniature zone: light structure without specialised equipment, standing on research ({research_anchors})",
             ("specialised_equipment", "research_anchors"),
             "Le centre mise également sur une structure légère – ici, pas d'équipements spécialisés comme dans les "
             "HIFA – […] On a donc, avec le CI de Sept-Îles, le modèle de la « zone en miniature », par opposition "
             "au modèle distinctif aux CI, incarné par les HIFA.",
             "La recherche comme pilier du développement économique en région? L'exemple de Sept-Îles"),
        Rule("model.industry-equipment", "hifa",
             lambda f: (f["specialised_equipment"] == "yes") & f["_all_private"],
             "modèle HIFA : équipement spécialisé ({equipment}) et initiative industrielle ({initiators_text})",
             "HIFA model: specialised equipment ({equipment}) and an industrial initiative ({initiators_text})",
             ("specialised_equipment", "equipment", "initiators", "initiator_kinds"),
             "une infrastructure industrielle flexible et unique de 50 000 pieds carrés, dont 80 % de la superficie "
             "prend la forme d'une usine-pilote",
             "Les HIFA, un modèle pour tous?"),
        Rule("model.hifa-analogue", "hifa",
             lambda f: (f["specialised_equipment"] == "yes") & (f["hifa_analogue"] == "yes"),
             "modèle HIFA : équipement spécialisé ({equipment}), et le rapport le range parmi les projets "
             "« analogues à celui des HIFA »",
             "HIFA model: specialised equipment ({equipment}), and the report lists it among the projects "
             "« analogues à celui des HIFA »",
             ("specialised_equipment", "equipment", "hifa_analogue"),
             "Parmi ceux-ci, on trouve beaucoup de responsables de projets de CI analogues à celui des HIFA.",
             "Une inspiration pour plusieurs CI en développement"),
        Rule("model.equipment-only", UNDETERMINED, _is("specialised_equipment", "yes"),
             "modèle indéterminé : équipement spécialisé ({equipment}), mais ni initiative industrielle ni "
             "analogie avec les HIFA dans le rapport",
             "model undetermined: specialised equipment ({equipment}), but neither an industrial initiative nor "
             "an analogy with HIFA in the report",
             ("specialised_equipment", "initiator_kinds", "hifa_analogue")),
        Rule("model.light-only", UNDETERMINED, _is("specialised_equipment", "no"),
             "modèle indéterminé : sans équipement spécialisé, mais aucun ancrage de recherche documenté",
             "model undetermined: no specialised equipment, but no research anchor documented",
             ("specialised_equipment", "research_anchors")),
        Rule("model.unknown", UNDETERMINED, _always,
             "modèle indéterminé : le rapport ne dit pas si le centre a des équipements spécialisés",
             "model undetermined: the report does not say whether the centre has specialised equipment",
             ("specialised_equipment",)),
    ),
)

STATUS = Axis(
    "status",
    "Désigné (et financé) par le gouvernement du Québec, ou encore en projet.",
    "Designated (and funded) by the Quebec government, or still a project.",
    (
        Rule("status.designated", "designated", _is("status", "designated"),
             "désigné et financé ({_month_text})",
             "designated and funded ({_month_text})",
             ("status", "designated_on"),
             "Six centres d'innovation ont reçu des appuis financiers de la part du gouvernement du Québec",
             "L'avenir des centres d'innovation au Québec, entre opportunités et incertitudes"),
        Rule("status.project", "project", _is("status", "project"),
             "projet : le rapport le présente comme un centre en projet",
             "project: the report presents it as a centre still planned",
             ("status",),
             "D'autres pourraient voir le jour à Saguenay, Val-d'Or, Sainte-Marie, à Baie-Comeau ou ailleurs encore.",
             "L'avenir des centres d'innovation au Québec, entre opportunités et incertitudes"),
        Rule("status.annex-funded", "designated", _evidence("_funded_text"),
             "désigné : l'annexe dit « Financements publics obtenus »",
             "designated: the annex says « Financements publics obtenus »",
             ("notes",),
             "Financements publics obtenus",
             "Annexe, colonne « Notes »"),
        Rule("status.annex-project", "project", _evidence("_project_text"),
             "projet : l'annexe dit « (projet) »",
             "project: the annex says « (projet) »",
             ("notes", "niche"),
             "CI affilié à la VTÉ (projet)",
             "Annexe, colonne « Notes »"),
        Rule("status.unknown", UNDETERMINED, _always,
             "statut indéterminé : le rapport ne dit pas si le centre est désigné ou en projet",
             "status undetermined: the report does not say whether the centre is designated or a project",
             ("status", "notes")),
    ),
)

AXES: tuple[Axis, ...] = (ORIGIN, ANCHORING, MODEL, STATUS)
AXIS_NAMES = tuple(a.name for a in AXES)


def classify(frame: pd.DataFrame, lang: str = "en", reasons: bool = True) -> pd.DataFrame:
    """One row per centre: its axes' verdicts (codes), the rule and the reason of each, in `lang`.

    `frame` holds validated values (validation.load); missing fact columns count as silent.
    Columns: origin, anchoring, zone, model, status, designated_on, redirected_from_zi, zi_submitted_year,
    and for each axis, unless `reasons` is false, `<axis>_rule` and `<axis>_reason`.
    """
    # Verdicts and reasons depend on these columns only: each distinct combination is judged once
    # (an inventory of a million rows holds a few hundred), then the verdicts are spread back.
    used = [c for c in (*FACT_COLUMNS, "niche", "notes") if c in frame.columns]
    firsts, groups = distinct_rows(frame, used)
    judged = _judge(frame[used].iloc[firsts], [c for c in FACT_COLUMNS if c not in frame.columns], lang, reasons)
    return spread(judged, groups, frame.index)


def _judge(frame: pd.DataFrame, absent: list[str], lang: str, reasons: bool) -> pd.DataFrame:
    facts = _facts(frame, lang)
    out = pd.DataFrame(index=frame.index)
    for axis in AXES:
        fired = np.full(len(frame), len(axis.rules) - 1, dtype=np.int32)  # the last rule always holds
        pending = np.ones(len(frame), dtype=bool)
        for k, rule in enumerate(axis.rules[:-1]):
            hit = pending & rule.when(facts).fillna(False).to_numpy(dtype=bool)
            fired[hit] = k
            pending &= ~hit
        out[axis.name] = _decode(fired, [rule.verdict for rule in axis.rules], frame.index)
        if reasons:  # a million reasons (and rules) weigh: build them only for those who print them
            templates = [rule.reason(lang) + _absent_note(rule, absent, lang) for rule in axis.rules]
            out[f"{axis.name}_rule"] = _decode(fired, [rule.id for rule in axis.rules], frame.index)
            out[f"{axis.name}_reason"] = _reasons(fired, templates, facts)
    affiliated = out["anchoring"] == "zone-affiliated"
    out["zone"] = facts["zone"].where(facts["zone"] != "", facts["_zone_text"]).where(affiliated, "")
    out["designated_on"] = facts["designated_on"].where(out["status"] == "designated", "")
    out["redirected_from_zi"] = facts["redirected_from_zi"].map({"yes": True, "no": False})
    out["zi_submitted_year"] = pd.to_numeric(facts["zi_submitted_year"], errors="coerce")
    return out


def _absent_note(rule: Rule, absent: list[str], lang: str) -> str:
    if rule.verdict != UNDETERMINED:
        return ""
    missing = [c for c in rule.uses if c in absent]
    if not missing:
        return ""
    names = ", ".join(missing)
    return f" (colonnes absentes du fichier : {names})" if lang == "fr" else f" (columns not in the file: {names})"


def _facts(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The columns rules read, each present (empty where the file is silent), and derived evidence.

    Derived evidence is computed once per distinct value (annexes repeat their notes, niches and
    kinds), never once per row.
    """
    index = frame.index
    facts = pd.DataFrame(index=index)
    for column in (*FACT_COLUMNS, "niche", "notes"):
        facts[column] = frame[column].astype("str") if column in frame.columns else pd.Series("", index=index, dtype="str")
    kinds = map_distinct(facts["initiator_kinds"], _kinds_evidence, columns=("_all_private", "_all_public", "_any_zone"))
    for name in kinds.columns:
        facts[name] = kinds[name].astype(bool)
    pairs = facts["initiators"] + "\x1f" + facts["initiator_kinds"]
    facts["initiators_text"] = map_distinct(pairs, lambda pair: _initiators_text(*pair.split("\x1f"), lang))
    annex_text = facts["niche"] + " \n " + facts["notes"]
    names = ("_zone_phrase", "_zone_text", "_funded_text", "_project_text", "_pre_zone_text")
    evidence = map_distinct(annex_text, _annex_evidence, columns=names)
    for name in names:
        facts[name] = evidence[name].astype(bool if name in names[2:] else "str")
    unknown_month = "mois non documenté" if lang == "fr" else "month not documented"
    facts["_month_text"] = facts["designated_on"].where(facts["designated_on"] != "", unknown_month)
    return facts


def _kinds_evidence(text: str) -> tuple[bool, bool, bool]:
    """Whether a cell of initiator kinds names only private kinds, only public ones, or a zone."""
    kinds = {k.strip() for k in text.split(";") if k.strip()}
    return bool(kinds) and kinds <= PRIVATE_KINDS, bool(kinds) and kinds <= PUBLIC_KINDS, "zone" in kinds


def _annex_evidence(text: str) -> tuple[str, str, bool, bool, bool]:
    """What the annex's own words say in a niche + notes: zone phrase and zone, funded, project, first step."""
    niche, _, notes = text.partition(" \n ")
    match = _ZONE_PHRASE.search(text)
    phrase = match.group("phrase").strip() if match else ""
    zone = match.group("zone").strip() if match else ""
    folded_notes = fold(notes)
    return (phrase, _KNOWN_ZONES.get(fold(zone), zone), _FUNDED in folded_notes, bool(_PROJECT.search(text)),
            bool(_PRE_ZONE.search(folded_notes)))


def _initiators_text(initiators: str, kinds: str, lang: str) -> str:
    names = [n.strip() for n in initiators.split(";") if n.strip()]
    codes = [k.strip() for k in kinds.split(";") if k.strip()]
    if len(codes) == len(names):
        names = [f"{n} ({labels.label('initiator_kinds', k, lang)})" for n, k in zip(names, codes)]
    elif not names:
        names = [labels.label("initiator_kinds", k, lang) for k in codes]
    if len(names) <= 1:
        return "".join(names)
    conjunction = " et " if lang == "fr" else " and "
    return ", ".join(names[:-1]) + conjunction + names[-1]


def _decode(fired: np.ndarray, values: list[str], index) -> pd.Series:
    """values[fired[i]] for every row, built by Arrow (no Python string per row)."""
    strings = pa.DictionaryArray.from_arrays(pa.array(fired, type=pa.int32()), pa.array(values, type=pa.large_string()))
    return pd.Series(strings.dictionary_decode().to_pandas(), dtype="str").set_axis(index)


def _reasons(fired: np.ndarray, templates: list[str], facts: pd.DataFrame) -> pd.Series:
    """The reason of the rule that fired on each row: constants decoded, templates filled on whole columns."""
    constants = [t if not _fields(t) else "" for t in templates]
    reasons = pa.DictionaryArray.from_arrays(pa.array(fired, type=pa.int32()),
                                             pa.array(constants, type=pa.large_string())).dictionary_decode()
    for k, template in enumerate(templates):
        if _fields(template) and (fired == k).any():
            reasons = pc.if_else(pa.array(fired == k), _fill(template, facts), reasons)
    return pd.Series(reasons.to_pandas(), dtype="str").set_axis(facts.index)


def _fields(template: str) -> list[str]:
    return [field for _, field, _, _ in string.Formatter().parse(template) if field]


def _fill(template: str, facts: pd.DataFrame) -> pa.Array:
    """The template filled with every row's facts: one element-wise join over whole columns."""
    pieces = []
    for literal, field, _, _ in string.Formatter().parse(template):
        if literal:
            pieces.append(pa.scalar(literal, type=pa.large_string()))
        if field:
            pieces.append(arrow_strings(facts[field]).combine_chunks())
    return pc.binary_join_element_wise(*pieces, pa.scalar("", type=pa.large_string()))
