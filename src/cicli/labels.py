"""French and English labels of every code cicli prints, in one place.

Machine formats (json, csv) print codes; people see these labels.
"""

from __future__ import annotations

import functools
import os

from .text import fold

LANGS = ("fr", "en")

# domain → code → (French, English)
LABELS: dict[str, dict[str, tuple[str, str]]] = {
    "axis": {
        "origin": ("Origine", "Origin"),
        "anchoring": ("Ancrage", "Anchoring"),
        "model": ("Modèle", "Model"),
        "status": ("Statut", "Status"),
    },
    "origin": {
        "private": ("privée", "private"),
        "public": ("publique", "public"),
        "undetermined": ("indéterminée", "undetermined"),
    },
    "anchoring": {
        "standalone": ("indépendant", "standalone"),
        "zone-affiliated": ("affilié à une zone", "zone-affiliated"),
        "pre-zone": ("première étape vers une zone", "first step toward a zone"),
        "undetermined": ("indéterminé", "undetermined"),
    },
    "model": {
        "hifa": ("modèle HIFA", "HIFA model"),
        "miniature-zone": ("zone en miniature", "miniature zone"),
        "undetermined": ("indéterminé", "undetermined"),
    },
    "status": {
        "designated": ("désigné", "designated"),
        "project": ("projet", "project"),
        "undetermined": ("indéterminé", "undetermined"),
    },
    "initiator_kinds": {
        "company": ("entreprise", "company"),
        "company_group": ("regroupement d'entreprises", "group of companies"),
        "cegep": ("cégep", "cégep"),
        "university": ("université", "university"),
        "research_centre": ("centre de recherche", "research centre"),
        "economic_development": ("organisme de développement économique", "economic development organisation"),
        "zone": ("zone d'innovation", "innovation zone"),
        "municipality": ("municipalité", "municipality"),
    },
    "bool": {
        "yes": ("oui", "yes"),
        "no": ("non", "no"),
    },
    "field": {
        "id": ("Identifiant", "Identifier"),
        "name": ("Nom", "Name"),
        "locality": ("Localisation", "Locality"),
        "region": ("Région", "Region"),
        "zone": ("Zone d'innovation", "Innovation zone"),
        "designated_on": ("Désigné en", "Designated in"),
        "redirected_from_zi": ("Redirigé d'une ZI", "Redirected from a zone"),
        "reason": ("Raison", "Reason"),
        "reasons": ("Raisons", "Reasons"),
        "count": ("Nombre", "Count"),
        "total": ("Total", "Total"),
        "field": ("Champ", "Field"),
        "value": ("Valeur", "Value"),
        "source": ("Source", "Source"),
        "verdict": ("Verdict", "Verdict"),
        "centres": ("centres", "centres"),
        "centres_by_region": ("Centres par région", "Centres per region"),
        "timeline": ("Désignations, de la première à la dernière", "Designations, from the first to the last"),
        "waiting": ("Projets en attente", "Projects still waiting"),
        "funding": ("Financement selon le rapport", "Funding, as the report gives it"),
        "program": ("Programme", "Programme"),
        "cad_per_year": ("$ par année", "CAD per year"),
        "report_says": ("Le rapport dit", "The report says"),
        "typology": ("typologie", "typology"),
        "annex_title": ("Liste des centres d'innovation (par région administrative)",
                        "Innovation centres (by administrative region)"),
        "sheet_annex": ("Annexe", "Annex"),
        "sheet_typology": ("Typologie", "Typology"),
        "sheet_summary": ("Synthèse", "Summary"),
        "sheet_method": ("Méthode", "Method"),
        "sheet_compare": ("Comparaison", "Comparison"),
        "report": ("Source", "Source"),
        "input_file": ("Fichier lu", "Input file"),
        "exported_on": ("Exporté le", "Exported on"),
        "meaning": ("Sens", "Meaning"),
        "topic": ("Sujet", "Topic"),
        "item": ("Élément", "Item"),
        "description": ("Description", "Description"),
    },
}

# Extra spellings people type for a code, beyond its code and labels.
_SYNONYMS: dict[str, dict[str, tuple[str, ...]]] = {
    "bool": {"yes": ("o", "y", "true", "vrai", "1", "x"), "no": ("n", "false", "faux", "0")},
    "status": {"designated": ("designe", "désignée", "designee", "financé"), "project": ("projete",)},
    "origin": {"private": ("prive",), "public": ("publique",)},
    "anchoring": {"standalone": ("independant", "autonome"), "zone-affiliated": ("affilie", "associe"),
                  "pre-zone": ("prezone",)},
    "model": {"miniature-zone": ("zone miniature", "miniature")},
    "initiator_kinds": {"company": ("entreprises", "companies"), "cegep": ("college",),
                        "economic_development": ("developpement economique", "ode")},
}


def label(domain: str, code: str, lang: str) -> str:
    """The label of `code` in `lang`; the code itself when it has none."""
    pair = LABELS.get(domain, {}).get(code)
    if pair is None:
        return code
    return pair[LANGS.index(lang)]


@functools.cache
def index(domain: str) -> dict[str, str]:
    """Folded code, label or synonym → code, for reading what people type."""
    out: dict[str, str] = {}
    for code, pair in LABELS[domain].items():
        for word in (code, *pair, *_SYNONYMS.get(domain, {}).get(code, ())):
            out[fold(word)] = code
    return out


def parse(domain: str, text: str) -> str | None:
    """The code a person means by `text` (code or label, either language, accents optional)."""
    return index(domain).get(fold(text))


def language(lang: str | None) -> str:
    """`lang` checked, or the default language when None: what every function of the library takes."""
    if lang is None:
        return default_lang()
    if lang not in LANGS:
        from .errors import UsageError

        raise UsageError(f"{lang!r} is not a language cicli speaks; choose one of: {', '.join(LANGS)}.",
                         option="lang")
    return lang


def default_lang() -> str:
    """CICLI_LANG, else the locale, else English."""
    for variable in ("CICLI_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable, "")
        if value:
            head = value.split("_")[0].split(".")[0].lower()
            if head in LANGS:
                return head
            if variable == "CICLI_LANG":
                continue
            return "en"
    return "en"
