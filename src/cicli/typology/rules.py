"""The report's typology of centres d'innovation, as rules: the domain knowledge, in one place.

Each axis is an ordered list of rules; the first that holds gives the verdict, and the last of each
axis holds always and says `undetermined`. A rule is a condition on a row's facts (see
typology.conditions), the verdict it gives, what it rests on (`basis`), two reasons — one for facts
the report gives, one for facts from the user's own file — and the passage of the report it applies
(an id of data/report.toml). Reasons are English here, French in the catalogue; `{field}` names a
fact, `{field:paren}` puts it in parentheses when it holds something. No rule reads a centre's name.
What a rule reads is derived from its condition and its reasons; docs/typology.md is generated here.
"""

from __future__ import annotations

import string
from dataclasses import dataclass

from ..i18n import N_
from .conditions import AllOf, Always, AnnexSays, Condition, Filled, Is, KindsAll, KindsAny
from .facts import FIELD_SOURCES

#: The report's own two sides: « impulsions du secteur privé » and « institutions publiques
#: (recherche universitaire ou collégiale par exemple) ». Other kinds it places on neither side.
PRIVATE_KINDS = frozenset({"company", "company_group"})
PUBLIC_KINDS = frozenset({"cegep", "university", "research_centre"})
ZONE_KINDS = frozenset({"zone", "zone_project"})
UNDETERMINED = "undetermined"

#: What a verdict rests on: the report's explicit words about the centre, cicli's reading of the
#: report's facts, the user's own file, or nothing (undetermined). Stable codes of the JSON output.
BASES = ("report", "inference", "file", "none")


@dataclass(frozen=True)
class Rule:
    id: str
    verdict: str
    when: Condition
    reason: str  # English; for facts the report gives (the bundled annex, or a row completed from it)
    reason_file: str  # English; for facts from the user's own file
    basis: str = "stated"  # stated: the facts are the report's words about the centre; inferred: cicli reads them
    passage: str = ""  # the id of the report's passage this rule applies

    def fields(self) -> tuple[str, ...]:
        """The facts the reasons name."""
        return tuple(dict.fromkeys(f for t in (self.reason, self.reason_file)
                                   for _literal, f, _spec, _conversion in string.Formatter().parse(t) if f))

    @property
    def uses(self) -> tuple[str, ...]:
        """The columns this rule reads: its condition's, and those its reasons name."""
        named = (c for f in self.fields() for c in FIELD_SOURCES.get(f, (f,)))
        return tuple(dict.fromkeys((*self.when.reads(), *named)))

    def basis_of_report(self) -> str:
        """The basis of this rule's verdict when its facts are the report's."""
        if self.verdict == UNDETERMINED:
            return "none"
        return "report" if self.basis == "stated" else "inference"


@dataclass(frozen=True)
class Axis:
    name: str
    meaning: str  # English; French in the catalogue
    rules: tuple[Rule, ...]
    grounds: tuple[str, ...] = ()  # the report's passages the axis is drawn from
    own: bool = False  # the report's own categorisation (the others are drawn by cicli from its text)

    def deciding_columns(self) -> tuple[str, ...]:
        """The columns the conditions of deciding rules read (verdict other than undetermined): those whose
        absence an undetermined verdict names."""
        return tuple(dict.fromkeys(c for r in self.rules if r.verdict != UNDETERMINED for c in r.when.reads()))


ORIGIN = Axis(
    "origin",
    N_("The report's own categorisation of CIs by their « modèle d'implantation »: whether a centre owes its origin "
       "to a private initiative (« impulsions du secteur privé ») or a public one (« institutions publiques "
       "(recherche universitaire ou collégiale par exemple) »)."),
    (
        Rule("origin.named-private", "private", Is("origin_named", "private"),
             N_("private origin: the report presents the centre under its heading « Des initiatives privées », "
                "centres set up by large companies (« mis sur pied par des grandes entreprises »)"),
             N_("private origin, according to your file"),
             passage="private-initiatives"),
        Rule("origin.named-public", "public", Is("origin_named", "public"),
             N_("public origin: the report says the impulse came from research (« l'impulsion peut également venir "
                "du secteur de la recherche »), the public institutions of its typology"),
             N_("public origin, according to your file"),
             passage="sept-iles-impulse"),
        Rule("origin.companies", "private", KindsAll(PRIVATE_KINDS),
             N_("private origin: cicli infers it from the initiators the report names, all companies: "
                "{initiators_text}"),
             N_("private origin: according to your file, every initiator is a company: {initiators_text}"),
             basis="inferred", passage="two-types"),
        Rule("origin.public-institutions", "public", KindsAll(PUBLIC_KINDS),
             N_("public origin: cicli infers it from the initiators the report names, all research or teaching "
                "institutions, the report's examples of public institutions: {initiators_text}"),
             N_("public origin: according to your file, every initiator is a research or teaching institution, the "
                "report's examples of public institutions: {initiators_text}"),
             basis="inferred", passage="two-types"),
        Rule("origin.municipality", "public", KindsAll(PUBLIC_KINDS | {"municipality"}),
             N_("public origin: cicli infers it, not the report: {initiators_text}; a municipality is a public body, "
                "and the report's public institutions are examples (« recherche universitaire ou collégiale par "
                "exemple »)"),
             N_("public origin: cicli infers it from your file: {initiators_text}; a municipality is a public body, "
                "and the report's public institutions are examples (« recherche universitaire ou collégiale par "
                "exemple »)"),
             basis="inferred", passage="two-types"),
        Rule("origin.zone-initiator", UNDETERMINED, KindsAny(ZONE_KINDS),
             N_("origin undetermined: in the report, the centre was announced by {initiators_text}, a zone or a zone "
                "project, which its typology places neither on the private nor on the public side"),
             N_("origin undetermined: your file names as initiator {initiators_text}, a zone or a zone project, which "
                "the report's typology places neither on the private nor on the public side"),
             passage="vte-centres"),
        Rule("origin.local-development", UNDETERMINED, KindsAny(frozenset({"economic_development"})),
             N_("origin undetermined: initiated by {initiators_text}; the report does not say on which side a local "
                "economic development organisation stands, and cicli does not guess"),
             N_("origin undetermined: your file names as initiator {initiators_text}; the report does not say on "
                "which side a local economic development organisation stands, and cicli does not guess"),
             passage="dci-project"),
        Rule("origin.mixed", UNDETERMINED, Filled("initiator_kinds"),
             N_("origin undetermined: private and public initiators at once ({initiators_text})"),
             N_("origin undetermined: your file names private and public initiators at once ({initiators_text})"),
             passage="two-types"),
        Rule("origin.unknown", UNDETERMINED, Always(),
             N_("origin undetermined: the report does not say who initiated the centre"),
             N_("origin undetermined: your file does not say who initiated the centre")),
    ),
    grounds=("method", "two-types"), own=True,
)

ANCHORING = Axis(
    "anchoring",
    N_("The centre stands alone (« centre d'innovation indépendant »), is a pole of an innovation zone (« un pôle "
       "secondaire »), or is a first step toward becoming a zone (« stade initial d'une future zone »): drawn by cicli "
       "from the report's section on centres and zones."),
    (
        Rule("anchoring.zone", "zone-affiliated", Filled("zone"),
             N_("pole of the zone {zone}: the report ties the centre to this zone"),
             N_("pole of the zone {zone}, according to your file"),
             passage="vte-poles"),
        Rule("anchoring.aims-zone", "pre-zone", Is("aims_zone", "yes"),
             N_("first step toward a zone: the report says the project still aims at the designation as an "
                "innovation zone"),
             N_("first step toward a zone: according to your file, the project aims at a zone designation"),
             passage="zial-goal"),
        Rule("anchoring.independent", "standalone", Is("independent", "yes"),
             N_("standalone: the report calls the centre independent"),
             N_("standalone: according to your file, the centre is independent of any zone"),
             passage="hifa-independent"),
        Rule("anchoring.annex-affiliated", "zone-affiliated", AnnexSays("zone"),
             N_("pole of the zone {_zone_text}: the annex says « {_zone_phrase} »"),
             N_("pole of the zone {_zone_text}: your file says « {_zone_phrase} »")),
        Rule("anchoring.annex-first-step", "pre-zone", AnnexSays("first-step"),
             N_("first step toward a zone: the annex says « 1ère étape en vue d'une désignation de ZI »"),
             N_("first step toward a zone: your file says it is a first step toward a zone designation")),
        Rule("anchoring.zone-project", UNDETERMINED, Filled("zone_project"),
             N_("anchoring undetermined: the report names the zone project {zone_project} with the centre, without "
                "saying whether the centre is a pole or a first step of it"),
             N_("anchoring undetermined: your file names the zone project {zone_project} with the centre, without "
                "saying whether the centre is a pole or a first step of it")),
        Rule("anchoring.unknown", UNDETERMINED, Always(),
             N_("anchoring undetermined: the report does not say whether the centre stands alone, is a pole of a "
                "zone or a first step toward one"),
             N_("anchoring undetermined: your file does not say whether the centre stands alone, is a pole of a "
                "zone or a first step toward one")),
    ),
    grounds=("neither-binary", "hifa-independent", "zial-ambition", "vte-poles"),
)

MODEL = Axis(
    "model",
    N_("The model a centre follows, in the report's contrast at Sept-Îles: the « modèle distinctif aux CI, incarné "
       "par les HIFA », close to the private sector (an industrial initiative, specialised equipment and test "
       "platforms, training), or « le modèle de la « zone en miniature » », a structure « plus proche de celle qui "
       "prédomine dans les ZI, où l'apport universitaire est jugé capital » (here collegial research, a light "
       "structure). Drawn by cicli from that passage; specialised equipment is one cue among others."),
    (
        Rule("model.named-miniature", "miniature-zone", Is("model_named", "miniature-zone"),
             N_("miniature zone: the report says so (« On a donc, avec le CI de Sept-Îles, le modèle de la « zone en "
                "miniature » »)"),
             N_("miniature zone, according to your file"),
             passage="sept-iles-miniature-zone"),
        Rule("model.named-hifa", "hifa", Is("model_named", "hifa"),
             N_("HIFA model: the report says the HIFA embody it (« modèle distinctif aux CI, incarné par les HIFA »)"),
             N_("HIFA model, according to your file"),
             passage="sept-iles-miniature-zone"),
        Rule("model.hifa-analogue", "hifa", Is("hifa_analogue", "yes"),
             N_("HIFA model: the report lists the project among the « projets de CI analogues à celui des HIFA »"),
             N_("HIFA model: according to your file, the project is analogous to HIFA"),
             passage="analogues-of-hifa"),
        Rule("model.light-research", "miniature-zone",
             AllOf((Is("specialised_equipment", "no"), Filled("research_anchors"))),
             N_("miniature zone: cicli infers it from the report's facts, a light structure without specialised "
                "equipment standing on research ({research_anchors}), the cues of Sept-Îles' « zone en miniature »"),
             N_("miniature zone: cicli infers it from your file, a light structure without specialised equipment "
                "standing on research ({research_anchors}), the cues of Sept-Îles' « zone en miniature »"),
             basis="inferred", passage="sept-iles-miniature-zone"),
        Rule("model.industry-equipment", "hifa",
             AllOf((Is("specialised_equipment", "yes"), KindsAll(PRIVATE_KINDS))),
             N_("HIFA model: cicli infers it from the report's facts, an industrial initiative ({initiators_text}) "
                "with specialised equipment{equipment:paren}, the cues of HIFA"),
             N_("HIFA model: cicli infers it from your file, an industrial initiative ({initiators_text}) with "
                "specialised equipment{equipment:paren}, the cues of HIFA"),
             basis="inferred", passage="hifa-plant"),
        Rule("model.equipment-only", UNDETERMINED, Is("specialised_equipment", "yes"),
             N_("model undetermined: specialised equipment{equipment:paren}, but the report names neither an "
                "industrial initiative nor an analogy with HIFA, and does not place the centre on either model"),
             N_("model undetermined: specialised equipment{equipment:paren} according to your file, but neither an "
                "industrial initiative nor an analogy with HIFA")),
        Rule("model.light-only", UNDETERMINED, Is("specialised_equipment", "no"),
             N_("model undetermined: a light structure without specialised equipment, but the report names no research "
                "the centre stands on, and does not place it on either model"),
             N_("model undetermined: a light structure without specialised equipment according to your file, but no "
                "research the centre stands on")),
        Rule("model.unknown", UNDETERMINED, Always(),
             N_("model undetermined: the report does not place the centre on either of its models (HIFA, or the « zone "
                "en miniature »), and gives none of their cues for it (an industrial initiative with specialised "
                "equipment, or a light structure standing on research)"),
             N_("model undetermined: your file neither names the centre's model nor gives the cues of either (an "
                "industrial initiative with specialised equipment, or a light structure standing on research)")),
    ),
    grounds=("sept-iles-miniature-zone", "private-proximity", "analogues-of-hifa"),
)

STATUS = Axis(
    "status",
    N_("Where the centre stands with the Quebec government: designated (the box « Centres d'innovation désignés »), "
       "funded without a designation said (the report speaks of centres « désignés et/ou financés »), or still a "
       "project (« en développement »); people's lists also say abandoned or refused."),
    (
        Rule("status.designated", "designated", Is("status", "designated"),
             N_("designated ({_month_text}): the report lists the centre in its box « Centres d'innovation désignés »"),
             N_("designated ({_month_text}), according to your file"),
             passage="designated-box"),
        Rule("status.funded", "funded", Is("status", "funded"),
             N_("funded: the report says the centre received public funding, without saying it was designated"),
             N_("funded, according to your file, which does not say it was designated"),
             passage="designated-or-funded"),
        Rule("status.project", "project", Is("status", "project"),
             N_("project: the report presents the centre as a project"),
             N_("project, according to your file"),
             passage="more-to-come"),
        Rule("status.abandoned", "abandoned", Is("status", "abandoned"),
             N_("abandoned: the report says the project was abandoned"),
             N_("abandoned, according to your file")),
        Rule("status.refused", "refused", Is("status", "refused"),
             N_("refused: the report says the project was refused"),
             N_("refused, according to your file")),
        Rule("status.annex-funded", "funded", AnnexSays("funded"),
             N_("funded: the annex's note says « Financements publics obtenus »; the report speaks of centres "
                "« désignés et/ou financés », so funding alone does not say designation"),
             N_("funded: your file's note says « Financements publics obtenus », which does not say designation"),
             passage="designated-or-funded"),
        Rule("status.annex-project", "project", AnnexSays("project"),
             N_("project: the annex says « (projet) »"),
             N_("project: your file says « (projet) »")),
        Rule("status.unknown", UNDETERMINED, Always(),
             N_("status undetermined: the report does not say whether the centre is designated, funded or a project"),
             N_("status undetermined: your file does not say whether the centre is designated, funded or a "
                "project")),
    ),
    grounds=("designated-box", "designated-or-funded", "in-development"),
)

AXES: tuple[Axis, ...] = (ORIGIN, ANCHORING, MODEL, STATUS)
AXIS_NAMES = tuple(a.name for a in AXES)
