"""The facts the typology's rules read: a row's columns, and what the annex's own words say.

A file without the fact columns still classifies: a missing column reads as silent (empty). The
annex's words are read once per distinct niche and note (an inventory repeats them).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from .. import labels
from ..i18n import N_, _
from ..speed.frames import map_distinct
from ..text import fold

# The columns rules may read, beyond the annex's seven.
FACT_COLUMNS = ("initiators", "initiator_kinds", "zone", "zone_project", "aims_zone", "independent", "status",
                "designated_on", "specialised_equipment", "equipment", "hifa_analogue", "origin_named", "model_named",
                "research_anchors", "redirected_from_zi", "zi_submitted_year")
READ_COLUMNS = (*FACT_COLUMNS, "niche", "notes")


@dataclass(frozen=True)
class AnnexWords:
    """A wording of the annex read as evidence: where it is looked for, and the fact column it fills."""

    columns: tuple[str, ...]
    evidence: str
    says: str  # English; French in the catalogue


# Accents and case are optional in every wording.
ANNEX_WORDS = {
    "zone": AnnexWords(("niche", "notes"), "_zone_text", N_("« associé à … » or « affilié à … » a zone")),
    "funded": AnnexWords(("notes",), "_funded_text", N_("« Financements publics obtenus »")),
    "project": AnnexWords(("niche", "notes"), "_project_text", N_("« (projet) »")),
    "first-step": AnnexWords(("notes",), "_pre_zone_text", N_("« 1ère étape en vue d'une désignation de ZI »")),
}

_ZONE_PHRASE = re.compile(
    r"(?P<phrase>(?:associ|affili)[ée]e?s?\s+(?:à|a)\s+(?:la\s+|l['’]\s*|au\s+)?(?P<zone>[^()\n,;–]+?))\s*(?:[()]|$|[,;–])",
    re.IGNORECASE | re.MULTILINE)
_KNOWN_ZONES = {"vte": "VTÉ", "vallee de la transition energetique": "VTÉ", "zone aero": "Zone Aéro"}
_PROJECT = re.compile(r"\(\s*projet\s*\)", re.IGNORECASE)
_PRE_ZONE = re.compile(r"(?:premiere|1 ?e?re) etape en vue d une designation (?:de|comme) (?:zi|zone)")
_FUNDED = "financements publics obtenus"

#: The fields a reason may name, beyond the fact columns, and the columns each is made from.
FIELD_SOURCES = {
    "initiators_text": ("initiators", "initiator_kinds"),
    "_zone_text": ("niche", "notes"),
    "_zone_phrase": ("niche", "notes"),
    "_month_text": ("designated_on",),
}


def facts(frame: pd.DataFrame) -> pd.DataFrame:
    """The columns rules read, each present (empty where the file is silent), and derived evidence."""
    index = frame.index
    out = pd.DataFrame(index=index)
    for column in READ_COLUMNS:
        out[column] = frame[column].astype("str") if column in frame.columns else \
            pd.Series("", index=index, dtype="str")
    pairs = out["initiators"] + "\x1f" + out["initiator_kinds"]
    out["initiators_text"] = map_distinct(pairs, lambda pair: initiators_text(*pair.split("\x1f")))
    annex_text = out["niche"] + " \n " + out["notes"]
    names = ("_zone_phrase", "_zone_text", "_funded_text", "_project_text", "_pre_zone_text")
    evidence = map_distinct(annex_text, _annex_evidence, columns=names)
    for name in names:
        out[name] = evidence[name].astype(bool if name in names[2:] else "str")
    out["_month_text"] = out["designated_on"].where(out["designated_on"] != "", _("month not documented"))
    return out


def _annex_evidence(text: str) -> tuple[str, str, bool, bool, bool]:
    """What the annex's own words say in a niche + notes: zone phrase and zone, funded, project, first step."""
    _niche, _separator, notes = text.partition(" \n ")
    match = _ZONE_PHRASE.search(text)
    phrase = match.group("phrase").strip() if match else ""
    zone = match.group("zone").strip() if match else ""
    folded_notes = fold(notes)
    return (phrase, _KNOWN_ZONES.get(fold(zone), zone), _FUNDED in folded_notes, bool(_PROJECT.search(text)),
            bool(_PRE_ZONE.search(folded_notes)))


def initiators_text(initiators: str, kinds: str) -> str:
    """« Premier Tech (entreprise) et Cascades (entreprise) », in the current language."""
    names = [n.strip() for n in initiators.split(";") if n.strip()]
    codes = [k.strip() for k in kinds.split(";") if k.strip()]
    if len(codes) == len(names):
        names = [f"{n} ({labels.label('initiator_kinds', k)})" for n, k in zip(names, codes, strict=True)]
    elif not names:
        names = [labels.label("initiator_kinds", k) for k in codes]
    return and_list(names)


def and_list(items: list[str]) -> str:
    """« a, b et c » / « a, b and c »."""
    if len(items) <= 1:
        return "".join(items)
    return _("{items} and {last}", items=", ".join(items[:-1]), last=items[-1])
