"""The labels of every code cicli prints, in one place: English here, French in the catalogue
(cicli.i18n; the domain is the translation's context).

Machine formats (json, csv) print codes; people see these labels.
"""

from __future__ import annotations

import functools
import re

from .i18n import LANGS, UnknownLanguage, _, catalogue, current, default_lang, pgettext
from .text import fold, quoted

# domain → code → English label
LABELS: dict[str, dict[str, str]] = {
    "axis": {
        "origin": "Origin",
        "anchoring": "Anchoring",
        "model": "Model",
        "status": "Status",
    },
    "origin": {
        "private": "private",
        "public": "public",
        "undetermined": "undetermined",
    },
    "anchoring": {
        "standalone": "standalone",
        "zone-affiliated": "zone-affiliated",
        "pre-zone": "first step toward a zone",
        "undetermined": "undetermined",
    },
    "model": {
        "hifa": "HIFA model",
        "miniature-zone": "miniature zone",
        "undetermined": "undetermined",
    },
    "status": {
        "designated": "designated",
        "funded": "funded",
        "project": "project",
        "abandoned": "abandoned",
        "refused": "refused",
        "undetermined": "undetermined",
    },
    "initiator_kinds": {
        "company": "company",
        "company_group": "group of companies",
        "cegep": "cégep",
        "university": "university",
        "research_centre": "research centre",
        "economic_development": "economic development organisation",
        "zone": "innovation zone",
        "zone_project": "innovation zone project",
        "municipality": "municipality",
    },
    "severity": {
        "error": "error",
        "warning": "warning",
        "note": "note",
    },
    "basis": {
        "report": "the report says so",
        "inference": "cicli infers it",
        "file": "your file says so",
        "none": "nothing decides",
    },
    "entity_kind": {
        "zone": "a designated innovation zone",
        "zone-project": "an innovation zone project",
        "research-centre": "a research centre",
        "group": "a group of organisations",
        "company": "a company",
        "building": "a building",
        "facility": "a facility",
        "agency": "an agency",
        "organisation": "an organisation",
        "not-a-ci": "a body that bears the name « centre d'innovation » without being a CI of the programme",
    },
    "theme": {
        "origin": "origin",
        "designation": "designation",
        "anchoring": "anchoring",
        "model": "model",
        "services": "services",
        "equipment": "equipment",
        "funding": "funding",
        "results": "results",
        "lessons": "lessons",
        "programme": "programme",
        "notions": "notions",
        "caveats": "caveats",
        "not-a-ci": "not a CI",
        "recommendations": "recommendations",
    },
    "bool": {
        "yes": "yes",
        "no": "no",
    },
    "field": {
        "id": "Identifier",
        "name": "Name",
        "locality": "Locality",
        "region": "Region",
        "zone": "Innovation zone",
        "designated_on": "Designated in",
        "redirected_from_zi": "Redirected from a zone",
        "reason": "Reason",
        "reasons": "Reasons",
        "count": "Count",
        "total": "Total",
        "field": "Field",
        "value": "Value",
        "source": "Source",
        "verdict": "Verdict",
        "centres": "centres",
        "centres_by_region": "Centres per region",
        "timeline": "Designations, from the first to the last",
        "date_unknown": "date unknown",
        "sheet_problems": "Problems",
        "sheet_technical": "Technical",
        "waiting": "Projects still waiting",
        "funding": "Funding, as the report gives it",
        "program": "What it is",
        "amount": "Amount",
        "period": "Period",
        "report_says": "The report says",
        "typology": "typology",
        "annex_title": "Innovation centres (by administrative region)",
        "sheet_annex": "Annex",
        "sheet_typology": "Typology",
        "sheet_summary": "Summary",
        "sheet_method": "Method",
        "sheet_compare": "Comparison",
        "report": "Source",
        "input_file": "Input file",
        "exported_on": "Exported on",
        "meaning": "Meaning",
        "topic": "Topic",
        "item": "Item",
        "description": "Description",
    },
}

# Extra spellings people type for a code, beyond its code and labels.
_SYNONYMS: dict[str, dict[str, tuple[str, ...]]] = {
    "bool": {"yes": ("o", "y", "true", "vrai", "1", "x"), "no": ("n", "false", "faux", "0")},
    # « Financé » is not « désigné »: the report speaks of centres « désignés et/ou financés ».
    "status": {"designated": ("designe", "officiellement designe", "designe et finance", "officiel"),
               "funded": ("finance", "financement obtenu", "financements obtenus", "financements publics obtenus",
                          "subventionne"),
               "project": ("projete", "en projet", "a l etude", "etude", "en etude", "en developpement",
                           "developpement", "en preparation", "en demarrage", "propose", "planned", "proposed",
                           "in development", "under study"),
               "abandoned": ("abandonne", "abandon", "ferme", "closed"),
               "refused": ("refuse", "rejete", "non retenu", "rejected", "declined")},
    "origin": {"private": ("prive",), "public": ("publique",)},
    "anchoring": {"standalone": ("independant", "autonome"), "zone-affiliated": ("affilie", "associe"),
                  "pre-zone": ("prezone",)},
    "model": {"miniature-zone": ("zone miniature", "miniature")},
    "initiator_kinds": {"company": ("entreprises", "companies"), "cegep": ("college",),
                        "economic_development": ("developpement economique", "ode")},
}


def label(domain: str, code: str, lang: str | None = None) -> str:
    """The label of `code` in `lang` (default: the current language); the code itself when it has none."""
    english = LABELS.get(domain, {}).get(code)
    if english is None:
        return code
    if lang is None:
        return pgettext(domain, english)
    return catalogue(lang).pgettext(domain, english)


@functools.cache
def index(domain: str) -> dict[str, str]:
    """Folded code, label (either language) or synonym → code, for reading what people type."""
    out: dict[str, str] = {}
    for code in LABELS[domain]:
        labels = (label(domain, code, lang) for lang in LANGS)
        for word in (code, *labels, *_SYNONYMS.get(domain, {}).get(code, ())):
            out[fold(word)] = code
    return out


def parse(domain: str, text: str) -> str | None:
    """The code a person means by `text` (code or label, either language, accents optional, in the plural or the
    feminine: « désignées » is « désigné »)."""
    words = index(domain)
    folded = fold(_INCLUSIVE.sub("", text))
    if folded in words:
        return words[folded]
    return words.get(" ".join(_singular(w) for w in folded.split()))


_INCLUSIVE = re.compile(r"\((?:e|s|es|x|ne|le)\)|[·.](?:e|es|s)\b", re.IGNORECASE)  # désigné(e)(s), désigné·e·s


def _singular(word: str) -> str:
    """A folded French word without its plural and feminine endings: designees → designe, projets → projet."""
    if len(word) > 3 and word.endswith(("s", "x")):
        word = word[:-1]
    if len(word) > 3 and word.endswith("ee"):
        word = word[:-1]
    return word


def language(lang: str | None) -> str:
    """`lang` checked, or the current language when None: what every function of the library takes."""
    if lang is None:
        return current()
    try:
        from .i18n import checked

        return checked(lang)
    except UnknownLanguage:
        from .errors import UsageError

        raise UsageError(_("{lang} is not a language cicli speaks; choose one of: {choices}.", lang=quoted(lang),
                           choices=", ".join(LANGS)),
                         option="lang") from None


__all__ = ["LABELS", "LANGS", "default_lang", "index", "label", "language", "parse"]
