"""The report's typology of centres d'innovation, as rules: the domain knowledge, in one place.

Each axis is an ordered list of rules. A rule is a condition on a row's facts (typology.conditions),
the verdict it gives, a reason in French and English that may name facts ({field}), and the
report's sentence it rests on. The first rule that holds gives the verdict; the last rule of each
axis holds always and says `undetermined`. No rule reads a centre's name. What a rule reads is
derived from its condition and its reasons. docs/typology.md is generated from AXES.
"""

from __future__ import annotations

import string
from dataclasses import dataclass

from .conditions import AllOf, Always, AnnexSays, Condition, Filled, Is, KindsAll, KindsAny
from .facts import FIELD_SOURCES

PRIVATE_KINDS = frozenset({"company", "company_group"})
PUBLIC_KINDS = frozenset({"cegep", "university", "research_centre", "economic_development", "municipality"})
UNDETERMINED = "undetermined"


@dataclass(frozen=True)
class Rule:
    id: str
    verdict: str
    when: Condition
    reason_fr: str
    reason_en: str
    quote: str = ""  # the report's words this rule rests on
    section: str = ""  # where they are in the report

    def reason(self, lang: str) -> str:
        return self.reason_fr if lang == "fr" else self.reason_en

    def fields(self) -> tuple[str, ...]:
        """The facts the reason names."""
        return tuple(dict.fromkeys(f for t in (self.reason_fr, self.reason_en)
                                   for _, f, _, _ in string.Formatter().parse(t) if f))

    @property
    def uses(self) -> tuple[str, ...]:
        """The columns this rule reads: its condition's, and those its reason names."""
        named = (c for f in self.fields() for c in FIELD_SOURCES.get(f, (f,)))
        return tuple(dict.fromkeys((*self.when.reads(), *named)))


@dataclass(frozen=True)
class Axis:
    name: str
    meaning_fr: str
    meaning_en: str
    rules: tuple[Rule, ...]

    def deciding_columns(self) -> tuple[str, ...]:
        """The columns the conditions of deciding rules read (verdict other than undetermined): those whose
        absence an undetermined verdict names."""
        return tuple(dict.fromkeys(c for r in self.rules if r.verdict != UNDETERMINED for c in r.when.reads()))


ORIGIN = Axis(
    "origin",
    "Qui a donné l'impulsion du centre : le secteur privé (une ou plusieurs entreprises, « champions de l'industrie ») "
    "ou des institutions publiques (recherche universitaire ou collégiale, organismes publics de développement).",
    "Who gave the centre its impulse: the private sector (one or more companies, « champions de l'industrie ») or "
    "public institutions (university or college research, public development bodies).",
    (
        Rule("origin.companies", "private", KindsAll(PRIVATE_KINDS),
             "origine privée : initiée par {initiators_text}",
             "private origin: initiated by {initiators_text}",
             "Nous avons mentionné plus haut le rôle initiateur de Premier Tech dans la genèse des HIFA. Mais il ne "
             "s'agit pas là du seul exemple d'implication de champions de l'industrie dans la mise en place d'un "
             "centre d'innovation.",
             "Des initiatives privées, pour aller au rythme du changement"),
        Rule("origin.public-institutions", "public", KindsAll(PUBLIC_KINDS),
             "origine publique : initiée par {initiators_text}",
             "public origin: initiated by {initiators_text}",
             "distinguer les écosystèmes nés d'impulsions du secteur privé des projets suscités par la mobilisation "
             "au sein d'institutions publiques (recherche universitaire ou collégiale par exemple)",
             "Les Centres d'innovation, entre deux modèles d'implantation"),
        Rule("origin.zone-initiator", UNDETERMINED, KindsAny(frozenset({"zone"})),
             "origine indéterminée : initiée par {initiators_text}, une zone d'innovation, que le rapport ne range "
             "ni du côté privé ni du côté public",
             "origin undetermined: initiated by {initiators_text}, an innovation zone, which the report places "
             "neither on the private nor on the public side",
             "Chacun des pôles de la Vallée de la transition énergétique annonçait dans son Plan stratégique 2024-28 "
             "la construction de trois centres d'innovation",
             "Des centres d'innovation… pour renforcer les ZI"),
        Rule("origin.mixed", UNDETERMINED, Filled("initiator_kinds"),
             "origine indéterminée : initiateurs privés et publics à la fois ({initiators_text})",
             "origin undetermined: both private and public initiators ({initiators_text})",
             "il ne s'agit pas ici de forcer à tout prix une catégorisation sur des réalités nuancées",
             "Les Centres d'innovation, entre deux modèles d'implantation"),
        Rule("origin.unknown", UNDETERMINED, Always(),
             "origine indéterminée : le rapport ne dit pas qui a initié le centre",
             "origin undetermined: the report does not say who initiated the centre"),
    ),
)

ANCHORING = Axis(
    "anchoring",
    "Le centre agit seul, comme pôle d'une zone d'innovation, ou comme première étape vers une zone.",
    "The centre stands alone, is a pole of an innovation zone, or is a first step toward becoming a zone.",
    (
        Rule("anchoring.zone", "zone-affiliated", Filled("zone"),
             "pôle de la zone d'innovation {zone}",
             "a pole of the innovation zone {zone}",
             "certains des pôles régionaux de ces grandes zones ont en effet besoin de se doter eux aussi de lieux "
             "pour centraliser leurs expertises et services",
             "Des centres d'innovation… pour renforcer les ZI"),
        Rule("anchoring.aims-zone", "pre-zone", Is("aims_zone", "yes"),
             "première étape vers une zone : le projet vise la désignation comme zone d'innovation",
             "first step toward a zone: the project aims at the designation as an innovation zone",
             "Notons ici que l'objectif à long-terme du projet reste la désignation comme zone d'innovation.",
             "Un noyau pour consolider (tous) les écosystèmes d'innovation"),
        Rule("anchoring.independent", "standalone", Is("independent", "yes"),
             "indépendant : le rapport le présente comme centre d'innovation indépendant",
             "standalone: the report presents it as an independent innovation centre",
             "nous attardant notamment aux HIFA comme modèle-type du centre d'innovation indépendant",
             "Des centres d'innovation… pour renforcer les ZI"),
        Rule("anchoring.annex-affiliated", "zone-affiliated", AnnexSays("zone"),
             "pôle de la zone {_zone_text} : l'annexe dit « {_zone_phrase} »",
             "a pole of the zone {_zone_text}: the annex says « {_zone_phrase} »",
             "CI affilié à la VTÉ (projet) ; CI associé à la Zone Aéro",
             "Annexe, colonnes « Créneaux » et « Notes »"),
        Rule("anchoring.annex-first-step", "pre-zone", AnnexSays("first-step"),
             "première étape vers une zone : l'annexe dit « 1ère étape en vue d'une désignation de ZI »",
             "first step toward a zone: the annex says « 1ère étape en vue d'une désignation de ZI »",
             "1ère étape en vue d'une désignation de ZI",
             "Annexe, colonne « Notes »"),
        Rule("anchoring.unknown", UNDETERMINED, Always(),
             "ancrage indéterminé : le rapport ne rattache le centre à aucune zone et ne le dit pas indépendant",
             "anchoring undetermined: the report ties the centre to no zone and does not call it independent"),
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
             AllOf((Is("specialised_equipment", "no"), Filled("research_anchors"))),
             "zone en miniature : structure légère sans équipement spécialisé, appuyée sur la recherche "
             "({research_anchors})",
             "miniature zone: light structure without specialised equipment, standing on research ({research_anchors})",
             "Le centre mise également sur une structure légère – ici, pas d'équipements spécialisés comme dans les "
             "HIFA – […] On a donc, avec le CI de Sept-Îles, le modèle de la « zone en miniature », par opposition "
             "au modèle distinctif aux CI, incarné par les HIFA.",
             "La recherche comme pilier du développement économique en région? L'exemple de Sept-Îles"),
        Rule("model.industry-equipment", "hifa",
             AllOf((Is("specialised_equipment", "yes"), KindsAll(PRIVATE_KINDS))),
             "modèle HIFA : équipement spécialisé ({equipment}) et initiative industrielle ({initiators_text})",
             "HIFA model: specialised equipment ({equipment}) and an industrial initiative ({initiators_text})",
             "une infrastructure industrielle flexible et unique de 50 000 pieds carrés, dont 80 % de la superficie "
             "prend la forme d'une usine-pilote",
             "Les HIFA, un modèle pour tous?"),
        Rule("model.hifa-analogue", "hifa",
             AllOf((Is("specialised_equipment", "yes"), Is("hifa_analogue", "yes"))),
             "modèle HIFA : équipement spécialisé ({equipment}), et le rapport le range parmi les projets "
             "« analogues à celui des HIFA »",
             "HIFA model: specialised equipment ({equipment}), and the report lists it among the projects "
             "« analogues à celui des HIFA »",
             "Parmi ceux-ci, on trouve beaucoup de responsables de projets de CI analogues à celui des HIFA.",
             "Une inspiration pour plusieurs CI en développement"),
        Rule("model.equipment-only", UNDETERMINED, Is("specialised_equipment", "yes"),
             "modèle indéterminé : équipement spécialisé ({equipment}), mais ni initiative industrielle ni "
             "analogie avec les HIFA dans le rapport",
             "model undetermined: specialised equipment ({equipment}), but neither an industrial initiative nor "
             "an analogy with HIFA in the report"),
        Rule("model.light-only", UNDETERMINED, Is("specialised_equipment", "no"),
             "modèle indéterminé : sans équipement spécialisé, mais aucun ancrage de recherche documenté",
             "model undetermined: no specialised equipment, but no research anchor documented"),
        Rule("model.unknown", UNDETERMINED, Always(),
             "modèle indéterminé : le rapport ne dit pas si le centre a des équipements spécialisés",
             "model undetermined: the report does not say whether the centre has specialised equipment"),
    ),
)

STATUS = Axis(
    "status",
    "Désigné (et financé) par le gouvernement du Québec, ou encore en projet.",
    "Designated (and funded) by the Quebec government, or still a project.",
    (
        Rule("status.designated", "designated", Is("status", "designated"),
             "désigné et financé ({_month_text})",
             "designated and funded ({_month_text})",
             "Six centres d'innovation ont reçu des appuis financiers de la part du gouvernement du Québec",
             "L'avenir des centres d'innovation au Québec, entre opportunités et incertitudes"),
        Rule("status.project", "project", Is("status", "project"),
             "projet : le rapport le présente comme un centre en projet",
             "project: the report presents it as a centre still planned",
             "D'autres pourraient voir le jour à Saguenay, Val-d'Or, Sainte-Marie, à Baie-Comeau ou ailleurs encore.",
             "L'avenir des centres d'innovation au Québec, entre opportunités et incertitudes"),
        Rule("status.annex-funded", "designated", AnnexSays("funded"),
             "désigné : l'annexe dit « Financements publics obtenus »",
             "designated: the annex says « Financements publics obtenus »",
             "Financements publics obtenus",
             "Annexe, colonne « Notes »"),
        Rule("status.annex-project", "project", AnnexSays("project"),
             "projet : l'annexe dit « (projet) »",
             "project: the annex says « (projet) »",
             "CI affilié à la VTÉ (projet)",
             "Annexe, colonne « Notes »"),
        Rule("status.unknown", UNDETERMINED, Always(),
             "statut indéterminé : le rapport ne dit pas si le centre est désigné ou en projet",
             "status undetermined: the report does not say whether the centre is designated or a project"),
    ),
)

AXES: tuple[Axis, ...] = (ORIGIN, ANCHORING, MODEL, STATUS)
AXIS_NAMES = tuple(a.name for a in AXES)

AXES: tuple[Axis, ...] = (ORIGIN, ANCHORING, MODEL, STATUS)
AXIS_NAMES = tuple(a.name for a in AXES)
