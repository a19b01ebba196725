"""The verdict columns of a workbook cicli exported, and of the same workbook brought back: their headers in
either language (« Typologie : modèle », « Typology: model »), and the column that keeps what a person wrote there
(« Typologie : modèle — votre fichier »), so that cicli never writes over a verdict someone typed."""

from __future__ import annotations

import functools

from . import labels
from .i18n import N_, in_language
from .text import fold

VERDICT = N_("Typology: {axis}")
ZONE = N_("Typology: zone of affiliation")
YOURS = N_("{header} — your file")
#: The axes, and the zone beside the anchoring.
FIELDS = (*labels.LABELS["axis"], "zone")


def header(field: str, lang: str) -> str:
    """« Typologie : statut »: distinct from the data's own « Statut », and grouped with the other verdicts."""
    if field == "zone":
        return in_language(lang, ZONE)
    return in_language(lang, VERDICT, axis=labels.label("axis", field, lang).lower())


def yours(field: str, lang: str) -> str:
    """The header of the column that keeps what the user wrote in a verdict column."""
    return in_language(lang, YOURS, header=header(field, lang))


@functools.cache
def _index() -> dict[str, str]:
    return {fold(h): field for field in FIELDS for lang in labels.LANGS for h in (header(field, lang),
                                                                                   yours(field, lang))}


def field_of(text: str) -> str | None:
    """The verdict (axis, or zone) a header holds, in either language, as cicli writes it or keeps it."""
    return _index().get(fold(text))


def headers() -> set[str]:
    """Every verdict header cicli writes, in either language."""
    return {header(field, lang) for field in FIELDS for lang in labels.LANGS}
