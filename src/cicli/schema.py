"""The columns of an annex table: the one place that knows them.

Each column has a stable name (used in CSV/JSON and in code), the header the
report prints (French) and an English header, a type, the values it allows,
what it means and where the bundled data takes it from in the report.
docs/data.md is tested against this module.

This module imports nothing heavy: `cicli --help` reads it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .i18n import N_
from .text import fold

#: Separator of list cells (initiators, partners, …).
LIST_SEPARATOR = ";"

# Initiator kinds, in the report's words. The typology decides which count as
# private or public (typology.py), not this list.
INITIATOR_KINDS = (
    "company",
    "company_group",
    "cegep",
    "university",
    "research_centre",
    "economic_development",
    "zone",
    "zone_project",
    "municipality",
)
#: What a file may say of a centre's stage. The report's own: designated, funded (« désignés et/ou financés »),
#: project (« en développement »); people's lists also say abandoned and refused.
STATUSES = ("designated", "funded", "project", "abandoned", "refused")


@dataclass(frozen=True)
class Column:
    name: str
    fr: str
    en: str
    type: str  # text | list | url | bool | year | month | number | enum | enum_list
    description: str
    source: str
    allowed: tuple[str, ...] = ()
    annex: bool = False  # one of the seven columns printed in the report's annex
    aliases: tuple[str, ...] = field(default=())  # other headers people type
    codes: str = ""  # the domain of labels its codes take (labels.LABELS), when not its own name

    @property
    def domain(self) -> str:
        """Where the words for its values are: yes/no for a yes-or-no column, else its codes' domain."""
        return "bool" if self.type == "bool" else self.codes or self.name


COLUMNS: tuple[Column, ...] = (
    # The annex, in the report's order.
    Column("region", "Région", "Region", "text",
           N_("Administrative region of Quebec (one of the 17), as printed in the annex."),
           N_("The annex, column « Région »."), annex=True,
           aliases=("region administrative", "region adm", "region_adm", "administrative region", "reg adm")),
    Column("locality", "Localisation", "Locality", "text",
           N_("Town or city where the centre is (or will be)."),
           N_("The annex, column « Localisation »."), annex=True,
           aliases=("localite", "ville", "city", "municipalite", "municipality", "town", "lieu", "adresse ville")),
    Column("name", "Nom", "Name", "text",
           N_("Name of the centre, as printed in the annex. Required."),
           N_("The annex, column « Nom »."), annex=True,
           aliases=("nom du centre", "centre", "organisme", "nom organisme", "nom de l organisme", "nom du projet",
                    "projet", "organisation", "organization", "centre name")),
    Column("niche", "Créneaux", "Niche", "text",
           N_("Niche(s) of the centre (« créneaux »), as printed."),
           N_("The annex, column « Créneaux »."), annex=True,
           aliases=("creneau", "niches", "secteur", "secteurs", "domaine", "thematique", "sector", "field")),
    Column("lead", "Responsable", "Lead", "text",
           N_("Person responsible for the centre or project; N/A where the annex prints N/A."),
           N_("The annex, column « Responsable »."), annex=True,
           aliases=("personne ressource", "personne contact", "contact", "direction", "directeur", "directrice",
                    "responsable du projet", "contact person")),
    Column("source_url", "Sources", "Source", "url",
           N_("Web page the annex cites for the centre."),
           N_("The annex, column « Sources »."), annex=True,
           aliases=("source", "url", "site web", "site_web", "site internet", "web", "website", "lien",
                    "lien communique", "link", "press release")),
    Column("notes", "Notes", "Notes", "text",
           N_("The annex's remarks: funding obtained, link to a zone, project status."),
           N_("The annex, column « Notes »."), annex=True,
           aliases=("note", "remarques", "remarque", "commentaires", "commentaire", "comments", "comment",
                    "remarks")),
    # Facts from the report's body.
    Column("id", "Identifiant", "Identifier", "text",
           N_("Stable identifier of the centre (lowercase, dashes)."),
           N_("Given by cicli."), aliases=("identifiant", "id")),
    Column("aliases", "Autres noms", "Other names", "list",
           N_("Acronyms and other names the report uses for the same centre (not related zones or groups)."),
           N_("The body and the annex of the report.")),
    Column("initiators", "Initiateurs", "Initiators", "list",
           N_("Who initiated the centre."),
           N_("The section of each centre in the report."),
           aliases=("porteur", "porteurs", "porteur du projet", "organisme porteur", "initiateur", "promoteur",
                    "promoteurs")),
    Column("initiator_kinds", "Types d'initiateurs", "Initiator kinds", "enum_list",
           N_("What kind of actor each initiator is, in the same order as the initiators."),
           N_("The section of each centre in the report."), allowed=INITIATOR_KINDS),
    Column("zone", "Zone d'innovation", "Innovation zone", "text",
           N_("The innovation zone (ZI) the centre is a pole of."),
           N_("Section « Des centres d’innovation… pour renforcer les ZI ».")),
    Column("zone_project", "Projet de zone lié", "Related zone project", "text",
           N_("A zone project the report ties the centre to, without saying that the centre is its pole or its "
              "first step."),
           N_("The annex's note on Grande-Rivière (Zone bleue). The report ties ZIMER to Donald Bhérer, not to the "
              "Sept-Îles centre, which therefore has none.")),
    Column("aims_zone", "Vise une ZI", "Aims at a zone", "bool",
           N_("Yes where the report says the centre is a first step toward a zone designation."),
           N_("Section « Un noyau pour consolider (tous) les écosystèmes d’innovation »."),
           aliases=("vise une zone",)),
    Column("independent", "Indépendant", "Independent", "bool",
           N_("Yes where the report calls the centre independent of any zone."),
           N_("Section « Des centres d’innovation… pour renforcer les ZI »."), aliases=("independant",)),
    Column("redirected_from_zi", "Redirigé d'une ZI", "Redirected from a zone", "bool",
           N_("Yes where the project was first submitted as a zone and redirected to the CI model."),
           N_("Sections « Un processus trop lent… » and « Un noyau pour consolider… ».")),
    Column("zi_submitted_year", "Soumis comme ZI en", "Submitted as a zone in", "year",
           N_("Year the project was submitted as an innovation zone."),
           N_("Section « Un processus trop lent… » (« soumis au MEIE en 2020 »).")),
    Column("status", "Statut", "Status", "enum",
           N_("Designated, funded (the designation not said), project, or, in people's lists, abandoned or refused."),
           N_("The box « Centres d’innovation désignés » and the body of the report."), allowed=STATUSES,
           aliases=("etape", "stade", "statut du projet", "etat", "stage")),
    Column("designated_on", "Désigné en", "Designated in", "month",
           N_("Month of designation."),
           N_("The box « Centres d’innovation désignés »."),
           aliases=("date de designation", "date_designation", "designation", "date designation", "designation date",
                    "designated on")),
    Column("specialised_equipment", "Équipement spécialisé", "Specialised equipment", "bool",
           N_("Yes where the centre has (or plans) specialised equipment, a pilot plant, labs or test platforms; "
              "no where the report says it has none."),
           N_("The sections of HIFA, the DCI and Sept-Îles.")),
    Column("equipment", "Équipements", "Equipment", "text",
           N_("The equipment or facilities the report describes."),
           N_("The sections of HIFA, Novinor, the DCI and Sept-Îles.")),
    Column("hifa_analogue", "Analogue aux HIFA", "Analogous to HIFA", "bool",
           N_("Yes where the report lists the project among those « analogues à celui des HIFA »."),
           N_("Section « Une inspiration pour plusieurs CI en développement ».")),
    Column("origin_named", "Origine énoncée", "Stated origin", "enum",
           N_("Private or public, where the source says it outright: the report places the centre itself among « Des "
              "initiatives privées » or the projects whose « impulsion » came « du secteur de la recherche »."),
           N_("Sections « Des initiatives privées, pour aller au rythme du changement » and « La recherche comme "
              "pilier du développement économique en région? »."), allowed=("private", "public"), codes="origin"),
    Column("model_named", "Modèle énoncé", "Stated model", "enum",
           N_("The model the source itself gives the centre: in the report, the HIFA embody the model distinctive of "
              "CIs (« incarné par les HIFA »), Sept-Îles is « le modèle de la « zone en miniature » »."),
           N_("Section « Un succès mérité » (Sept-Îles)."), allowed=("hifa", "miniature-zone"), codes="model"),
    Column("research_anchors", "Ancrages de recherche", "Research anchors", "list",
           N_("Research institutions the centre stands on or works with."),
           N_("The section of each centre in the report.")),
    Column("partners", "Partenaires", "Partners", "list",
           N_("Companies, funders and associations that support the centre."),
           N_("The section of each centre in the report.")),
    Column("services", "Services", "Services", "list",
           N_("Services and spaces the centre offers (or plans)."),
           N_("The section of each centre in the report.")),
    Column("investment_cad", "Investissement ($)", "Investment (CAD)", "number",
           N_("Total investment or estimated value of the project, in Canadian dollars."),
           N_("The sections of HIFA (« plus 35 millions$ ») and the DCI (« environ 20 millions $ »)."),
           # Not « Investissement (M$) »: a header in millions would make every amount a millionth of itself.
           aliases=("investissement", "investissement ($ ca)", "investissement (cad)", "investissement ($ can)",
                    "investissement total", "montant investi", "investment", "investment ($)", "total investment")),
    Column("funding_cad", "Financement obtenu ($)", "Funding obtained (CAD)", "number",
           N_("Funding obtained, in Canadian dollars, as the report gives it (it does not always say from whom)."),
           N_("Section « Un succès mérité » (« 3,3 millions $ obtenus en décembre dernier »)."),
           aliases=("public_funding_cad", "Financement public ($)", "Public funding (CAD)")),
    Column("surface_sqft", "Superficie (pi²)", "Surface (sq ft)", "number",
           N_("Floor area in square feet."),
           N_("The sections of HIFA (« 50 000 pieds carrés ») and the Carrefour Cyber (« 5000 PI² »)."),
           # Not « Superficie » alone: in square metres, every area would be a tenth of itself.
           aliases=("superficie (pi2)", "superficie (pieds carres)", "superficie en pieds carres", "surface (pi2)",
                    "area (sq ft)", "floor area (sq ft)")),
    Column("funding_notes", "Notes financières", "Funding notes", "text",
           N_("Other money figures the report gives, in cicli's words."),
           N_("The section of each centre in the report.")),
    Column("latitude", "Latitude", "Latitude", "number",
           N_("Latitude of the locality (WGS 84, decimal degrees)."),
           N_("the centre of the municipality, from public gazetteers (about 0.01° precision)"),
           aliases=("lat",)),
    Column("longitude", "Longitude", "Longitude", "number",
           N_("Longitude of the locality (WGS 84, decimal degrees)."),
           N_("the centre of the municipality, from public gazetteers (about 0.01° precision)"),
           aliases=("lon", "lng", "long")),
)

BY_NAME: dict[str, Column] = {c.name: c for c in COLUMNS}
ANNEX_COLUMNS: tuple[str, ...] = tuple(c.name for c in COLUMNS if c.annex)


def _singular(folded: str) -> str:
    """A folded header with each word's plural mark dropped: « equipements specialises » as « equipement specialise »
    (people write a column's header in the singular or the plural)."""
    return " ".join(w[:-1] if len(w) > 3 and w[-1] in "sx" else w for w in folded.split())


def _header_keys(column: Column) -> set[str]:
    keys = {fold(h) for h in (column.name, column.name.replace("_", " "), column.fr, column.en, *column.aliases)}
    return keys | {_singular(k) for k in keys}


# Every way a header may be written, folded (case, accents, punctuation, plural), to its column.
HEADER_INDEX: dict[str, str] = {key: c.name for c in COLUMNS for key in _header_keys(c)}


def header(column: str, lang: str | None = None) -> str:
    """The header of a column as people read it, in `lang` (default: the current language)."""
    from .i18n import current

    spec = BY_NAME.get(column)
    if spec is None:
        return column
    return spec.fr if (lang or current()) == "fr" else spec.en


def is_own_header(column: str, header: str) -> bool:
    """Whether `header` is the column's own name (its code, French or English header), not another word for it."""
    spec = BY_NAME[column]
    return fold(header) in {fold(spec.name), fold(spec.name.replace("_", " ")), fold(spec.fr), fold(spec.en)}


def column_for_header(header: str) -> str | None:
    """The column a header names, in French, English or the project's own words; None if unknown."""
    folded = fold(header)
    return HEADER_INDEX.get(folded) or HEADER_INDEX.get(_singular(folded))


# Quebec's 17 administrative regions, official spelling.
REGIONS: tuple[str, ...] = (
    "Bas-Saint-Laurent",
    "Saguenay–Lac-Saint-Jean",
    "Capitale-Nationale",
    "Mauricie",
    "Estrie",
    "Montréal",
    "Outaouais",
    "Abitibi-Témiscamingue",
    "Côte-Nord",
    "Nord-du-Québec",
    "Gaspésie–Îles-de-la-Madeleine",
    "Chaudière-Appalaches",
    "Laval",
    "Lanaudière",
    "Laurentides",
    "Montérégie",
    "Centre-du-Québec",
)
REGION_INDEX: dict[str, str] = {fold(r): r for r in REGIONS}
# How people shorten them: a region's own abbreviation, and words written short (St, Ste, Mtl…).
_REGION_ABBREVIATIONS = {"mtl": "Montréal", "bsl": "Bas-Saint-Laurent", "gim": "Gaspésie–Îles-de-la-Madeleine",
                         "slsj": "Saguenay–Lac-Saint-Jean", "at": "Abitibi-Témiscamingue", "cdq": "Centre-du-Québec",
                         "ca": "Chaudière-Appalaches", "cn": "Côte-Nord", "ndq": "Nord-du-Québec",
                         "abitibi": "Abitibi-Témiscamingue", "temiscamingue": "Abitibi-Témiscamingue",
                         "chaudieres appalaches": "Chaudière-Appalaches", "ile de montreal": "Montréal"}
_SHORT_WORDS = {"st": "saint", "ste": "sainte", "mtl": "montreal", "qc": "quebec"}


def _region_keys() -> dict[str, str]:
    """Folded ways of writing a region → the region: its name, its name with Saint written St, each half of
    a two-part name when the half names no other region (« Gaspésie », « Saguenay »), its abbreviations."""
    keys: dict[str, str] = {}
    halves: dict[str, set[str]] = {}
    for region in REGIONS:
        keys[fold(region)] = region
        for half in region.replace(" et ", "–").split("–"):
            if half != region:
                halves.setdefault(fold(half), set()).add(region)
    for half, regions in halves.items():
        if len(regions) == 1:
            keys.setdefault(half, next(iter(regions)))
    for abbreviation, region in _REGION_ABBREVIATIONS.items():
        keys.setdefault(abbreviation, region)
    return keys


_REGION_KEYS = _region_keys()


_REGION_WORDS = re.compile(r"^(?:region(?:s)?(?: administrative)?(?: de la| de l| du| des| de)?|la|le|l) ")
_REGION_CODE = re.compile(r"^(?:(?:region )?(\d{1,2})\b ?)?(.*?)(?: (\d{1,2}))?$")


def region_of(text: str) -> str | None:
    """The administrative region a person means by `text`, written in full, short (« Bas-St-Laurent »,
    « Mtl »), by one half of its name (« Gaspésie »), with its official number (« 09 - Côte-Nord », « 09 ») or
    words around it (« Région de la Côte-Nord »); None when it is none of the 17, or more than one (a number
    and a name that disagree)."""
    folded = fold(text)
    m = _REGION_CODE.match(folded)
    codes = {int(c) for c in (m.group(1), m.group(3)) if c} if m else set()
    rest = m.group(2).strip() if m else folded
    by_code = {REGIONS[c - 1] for c in codes if 1 <= c <= len(REGIONS)}
    if len(by_code) != len(codes) or len(by_code) > 1:
        return None
    by_name = _region_named(rest) if rest else None
    if rest and by_name is None:
        return None
    if by_code and by_name and by_code != {by_name}:
        return None
    return by_name or (next(iter(by_code)) if by_code else None)


def _region_named(folded: str) -> str | None:
    for candidate in (folded, _REGION_WORDS.sub("", folded)):
        if candidate in _REGION_KEYS:
            return _REGION_KEYS[candidate]
        expanded = " ".join(_SHORT_WORDS.get(word, word) for word in candidate.split())
        if expanded in _REGION_KEYS:
            return _REGION_KEYS[expanded]
    return None

# A box around Quebec, generous by a few tenths of a degree.
QUEBEC_BOUNDS = {"lat": (44.9, 62.7), "lon": (-79.9, -57.0)}
