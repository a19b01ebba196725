"""Codes made readable: field names and values as people read them, in their language. Nothing heavy is imported
here: `cicli validate` words values in its messages without pandas."""

from __future__ import annotations

import math

from . import labels, schema

AXIS_NAMES = tuple(labels.LABELS["axis"])


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def field_label(field: str, lang: str) -> str:
    if field in AXIS_NAMES:
        return labels.label("axis", field, lang)
    spec = schema.BY_NAME.get(field)
    if spec:
        return spec.fr if lang == "fr" else spec.en
    return labels.label("field", field, lang)


def value_text(field: str, value, lang: str, centre: str | None = None) -> str:
    """One value as a person reads it; a number of `centre` keeps the report's hedge (« plus de 35 000 000 »)."""
    if _missing(value) or value == "":
        return ""
    if field in AXIS_NAMES:
        return labels.label(field, str(value), lang)
    if isinstance(value, bool):
        return labels.label("bool", "yes" if value else "no", lang)
    spec = schema.BY_NAME.get(field)
    kind = spec.type if spec else ""
    if kind == "bool":
        return labels.label("bool", str(value), lang)
    if kind == "enum":
        return labels.label(spec.domain, str(value), lang)
    if kind == "month":
        return month_text(str(value), lang)
    if kind == "enum_list":
        return "\n".join(labels.label(field, k.strip(), lang) for k in str(value).split(";"))
    if kind == "list":
        return "\n".join(item.strip() for item in str(value).split(schema.LIST_SEPARATOR))
    if isinstance(value, (int, float)) and kind == "number":
        return hedged_text(value, qualifier_of(centre, field, value) if centre else None, lang)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def month_text(value: str, lang: str) -> str:
    """« 2022-02 » as people read it, « février 2022 »; a year alone says its month is unknown, « 2022 (mois
    inconnu) »; other text stays as written."""
    from .i18n import N_, in_language, readable_date, speaking

    text = value.strip()
    if len(text) == 7 and text[4] == "-" and text[:4].isdigit() and text[5:].isdigit() and 1 <= int(text[5:]) <= 12:
        with speaking(lang):
            return readable_date(int(text[:4]), int(text[5:]))
    if len(text) == 4 and text.isdigit():
        return in_language(lang, N_("{year} (month unknown)"), year=text)
    return text


def verdict_text(codes, axis: str, lang: str):
    """A pandas column of verdict codes as labels, looked up once per distinct code."""
    from .speed.frames import map_distinct

    return map_distinct(codes, lambda code: labels.label(axis, code, lang)).astype("str")


def number_text(value: float, lang: str) -> str:
    text = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.4f}".rstrip("0")
    return text.replace(",", "\u202f").replace(".", ",") if lang == "fr" else text


def plain(value):
    """A cell as JSON wants it: None for missing, int for whole floats, Python scalars."""
    if _missing(value):
        return None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value


def amount_text(value, qualifier: str | None, lang: str) -> str:
    """An amount as people read it, with the report's hedge when it has one: « plus de 35 000 000 $ »."""
    return hedged_text(value, qualifier, lang) + " $"


class Hedged(float):
    """A number the report hedges (« plus de », « environ »): a number everywhere, its qualifier where people read it
    (the workbook shows it in the cell's number format, so the cell still sums)."""

    qualifier: str

    def __new__(cls, value: float, qualifier: str):
        number = super().__new__(cls, value)
        number.qualifier = qualifier
        return number


def hedged_text(value, qualifier: str | None, lang: str) -> str:
    """A number with the report's hedge before it, when it has one: « environ 20 000 000 »."""
    if qualifier and qualifier == qualifier:  # not NaN
        return f"{qualifier_words(qualifier, lang)} {number_text(value, lang)}"
    return number_text(value, lang)


def qualifier_words(qualifier: str, lang: str) -> str:
    from .i18n import in_language
    from .study.funding import QUALIFIERS

    return in_language(lang, QUALIFIERS[qualifier])


def qualifier_of(centre, field: str, value) -> str | None:
    from .study.funding import qualifier_of

    return qualifier_of(centre, field, value)
