"""The columns of an annex table: the one place that knows them.

Each column has a stable name (used in CSV/JSON and in code), the header the
report prints (French) and an English header, a type, the values it allows,
what it means and where the bundled data takes it from in the report.
docs/data.md is tested against this module.

This module imports nothing heavy: `cicli --help` reads it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

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
    "municipality",
)
STATUSES = ("designated", "project")


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


COLUMNS: tuple[Column, ...] = (
    # The annex, in the report's order.
    Column("region", "Région", "Region", "text",
           "Administrative region of Quebec (one of the 17), as printed in the annex.",
           "Annex, column « Région ».", annex=True),
    Column("locality", "Localisation", "Locality", "text",
           "Town or city where the centre is (or will be).",
           "Annex, column « Localisation ».", annex=True, aliases=("localite", "ville", "city")),
    Column("name", "Nom", "Name", "text",
           "Name of the centre, as printed in the annex. Required.",
           "Annex, column « Nom ».", annex=True, aliases=("nom du centre", "centre")),
    Column("niche", "Créneaux", "Niche", "text",
           "Niche(s) of the centre (« créneaux »), as printed.",
           "Annex, column « Créneaux ».", annex=True, aliases=("creneau", "niches")),
    Column("lead", "Responsable", "Lead", "text",
           "Person responsible for the centre or project; `N/A` where the annex prints N/A.",
           "Annex, column « Responsable ».", annex=True),
    Column("source_url", "Sources", "Source", "url",
           "Web page the annex cites for the centre.",
           "Annex, column « Sources ».", annex=True, aliases=("source", "url")),
    Column("notes", "Notes", "Notes", "text",
           "The annex's remarks: funding obtained, link to a zone, project status.",
           "Annex, column « Notes ».", annex=True, aliases=("note", "remarques")),
    # Facts from the report's body.
    Column("id", "Identifiant", "Identifier", "text",
           "Stable identifier of the centre (lowercase, dashes).",
           "Given by cicli."),
    Column("aliases", "Autres noms", "Other names", "list",
           "Acronyms and other names the report uses for the centre.",
           "Body and annex of the report."),
    Column("initiators", "Initiateurs", "Initiators", "list",
           "Who initiated the centre.",
           "Sections « Les HIFA, un modèle pour tous? », « Des initiatives privées… », "
           "« L'exemple de Sept-Îles », « Un noyau pour consolider… », « Des centres d'innovation… pour renforcer les ZI »."),
    Column("initiator_kinds", "Types d'initiateurs", "Initiator kinds", "enum_list",
           "What kind of actor each initiator is, in the same order as `initiators`.",
           "Same sections as `initiators`.", allowed=INITIATOR_KINDS),
    Column("zone", "Zone d'innovation", "Innovation zone", "text",
           "The zone d'innovation (ZI) the centre is a pole of.",
           "Section « Des centres d'innovation… pour renforcer les ZI »; annex notes."),
    Column("aims_zone", "Vise une ZI", "Aims at a zone", "bool",
           "`yes` where the report says the centre is a first step toward a zone designation.",
           "Section « Un noyau pour consolider (tous) les écosystèmes d'innovation »; annex notes."),
    Column("independent", "Indépendant", "Independent", "bool",
           "`yes` where the report calls the centre independent of any zone.",
           "Section « Des centres d'innovation… pour renforcer les ZI » (« les HIFA comme modèle-type du centre d'innovation indépendant »)."),
    Column("redirected_from_zi", "Redirigé d'une ZI", "Redirected from a zone", "bool",
           "`yes` where the project was first submitted as a zone and redirected to the CI model.",
           "Sections « Une inspiration pour plusieurs CI en développement » and « Un noyau pour consolider… »."),
    Column("zi_submitted_year", "Soumis comme ZI en", "Submitted as a zone in", "year",
           "Year the project was submitted as a zone d'innovation.",
           "Section « Un processus trop lent… » (« soumis au MEIE en 2020 »)."),
    Column("status", "Statut", "Status", "enum",
           "`designated` (designated and funded) or `project`.",
           "Encadré « Centres d'innovation désignés »; section « L'avenir des centres d'innovation »; annex notes.",
           allowed=STATUSES),
    Column("designated_on", "Désigné en", "Designated in", "month",
           "Month of designation, `YYYY-MM`.",
           "Encadré « Centres d'innovation désignés »."),
    Column("specialised_equipment", "Équipement spécialisé", "Specialised equipment", "bool",
           "`yes` where the centre has (or plans) specialised equipment, pilot plant, labs or test platforms; "
           "`no` where the report says it has none.",
           "Sections on HIFA, the DCI and Sept-Îles (« ici, pas d'équipements spécialisés comme dans les HIFA »)."),
    Column("equipment", "Équipements", "Equipment", "text",
           "The equipment or facilities the report describes.",
           "Same sections as `specialised_equipment`."),
    Column("hifa_analogue", "Analogue aux HIFA", "Analogous to HIFA", "bool",
           "`yes` where the report lists the project among those « analogues à celui des HIFA ».",
           "Section « Une inspiration pour plusieurs CI en développement »."),
    Column("research_anchors", "Ancrages de recherche", "Research anchors", "list",
           "Research institutions the centre stands on or partners with.",
           "Body of the report, section of each centre."),
    Column("partners", "Partenaires", "Partners", "list",
           "Companies, funders and associations that support the centre.",
           "Body of the report, section of each centre."),
    Column("services", "Services", "Services", "list",
           "Services and spaces the centre offers (or plans).",
           "Body of the report, section of each centre."),
    Column("investment_cad", "Investissement ($)", "Investment (CAD)", "number",
           "Total investment or estimated value of the project, in Canadian dollars.",
           "Sections on HIFA (« plus 35 millions$ ») and the DCI (« environ 20 millions $ »)."),
    Column("public_funding_cad", "Financement public ($)", "Public funding (CAD)", "number",
           "Public funding obtained, in Canadian dollars.",
           "Section on Sept-Îles (« 3,3 millions $ obtenus en décembre dernier »)."),
    Column("surface_sqft", "Superficie (pi²)", "Surface (sq ft)", "number",
           "Floor area in square feet.",
           "Sections on HIFA (« 50 000 pieds carrés ») and Carrefour Cyber (« 5000 PI² »)."),
    Column("funding_notes", "Notes financières", "Funding notes", "text",
           "Other money figures the report gives, in its words.",
           "Body of the report, section of each centre."),
    Column("latitude", "Latitude", "Latitude", "number",
           "Latitude of the locality (WGS 84, decimal degrees).",
           "Not in the report: centre of the municipality, from public gazetteers (about 0.01° precision)."),
    Column("longitude", "Longitude", "Longitude", "number",
           "Longitude of the locality (WGS 84, decimal degrees).",
           "Not in the report: centre of the municipality, from public gazetteers (about 0.01° precision)."),
)

BY_NAME: dict[str, Column] = {c.name: c for c in COLUMNS}
ANNEX_COLUMNS: tuple[str, ...] = tuple(c.name for c in COLUMNS if c.annex)


def _header_keys(column: Column) -> set[str]:
    return {fold(h) for h in (column.name, column.name.replace("_", " "), column.fr, column.en, *column.aliases)}


# Every way a header may be written, folded (case, accents, punctuation), to its column.
HEADER_INDEX: dict[str, str] = {key: c.name for c in COLUMNS for key in _header_keys(c)}


def column_for_header(header: str) -> str | None:
    """The column a header names, in French, English or the project's own words; None if unknown."""
    return HEADER_INDEX.get(fold(header))


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

# A box around Quebec, generous by a few tenths of a degree.
QUEBEC_BOUNDS = {"lat": (44.9, 62.7), "lon": (-79.9, -57.0)}
