"""What Excel and LibreOffice make of what people type, read back: months shown as « févr-22 », dates as
« 01/12/2024 » or as serial numbers, amounts as « 12,5 M$ » or « 35 000 000 $ ».

Each reader returns the value and how it was understood (None: as written), so that validation can say
what it understood; what is truly ambiguous is refused by the caller.
"""

from __future__ import annotations

import math
import re
from datetime import date, timedelta

from ..i18n import N_
from ..text import fold

# Months as French and English spreadsheets abbreviate or spell them (folded: no accents, no dots).
_MONTH_WORDS = {
    **{word: i + 1 for i, names in enumerate((
        ("janvier", "janv", "jan", "january"), ("fevrier", "fevr", "fev", "feb", "february"),
        ("mars", "mar", "march"), ("avril", "avr", "apr", "april"), ("mai", "may"), ("juin", "jun", "june"),
        ("juillet", "juil", "jul", "july"), ("aout", "aug", "august"), ("septembre", "sept", "sep", "september"),
        ("octobre", "oct", "october"), ("novembre", "nov", "november"), ("decembre", "dec", "december"),
    )) for word in names},
}
_ISO = re.compile(r"^(\d{4})-(\d{1,2})(?:-(\d{1,2}))?(?:[ T]00:00(?::00)?)?$")
_YEAR_FIRST = re.compile(r"^(\d{4})[/.](\d{1,2})(?:[/.](\d{1,2}))?$")
_MONTH_YEAR = re.compile(r"^(\d{1,2})[/.-](\d{4})$")
_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})(?: 00:00(?::00)?)?$")
_WORD_YEAR = re.compile(r"^(?:(\d{1,2}) )?([a-z]+) (\d{2}|\d{4})$")  # folded: « fevr 22 », « 1 fevr 2022 »
_SERIAL = re.compile(r"^\d{5}(?:\.0+)?$")
_YEAR = re.compile(r"^\d{4}$")
_EXCEL_EPOCH = date(1899, 12, 30)  # serial 1 is 1900-01-01, counting Excel's 29 February 1900

# How a value was understood, when it was not written as cicli writes it.
AS_SHOWN = N_("the way a spreadsheet shows a month")
DAY_FIRST = N_("day/month/year, as French Excel writes a date")
MONTH_FIRST = N_("month/day/year, as the other dates of the column are written")
SERIAL = N_("a spreadsheet's date serial number")
UNIT = N_("the amount with its unit spelled out")


def _year(text: str) -> int:
    """A year of two digits as Excel reads it: 00–29 in the 2000s, 30–99 in the 1900s."""
    year = int(text)
    if len(text) == 2:
        year += 2000 if year < 30 else 1900
    return year


def _month(year: int, month: int) -> str | None:
    return f"{year:04d}-{month:02d}" if 1 <= month <= 12 and 1900 <= year <= 2100 else None


def slash_order(values: list[str]) -> str | None:
    """Whether a column's dates of three numbers put the day first ("day"), the month first ("month"), or
    both (None: the column is inconsistent). With no date that tells, day first: French Excel's way."""
    days_first = months_first = False
    for value in values:
        if m := _DAY_MONTH_YEAR.match(value.strip()):
            first, second = int(m.group(1)), int(m.group(2))
            days_first |= first > 12
            months_first |= second > 12
    if days_first and months_first:
        return None
    return "month" if months_first else "day"


def month_of(text: str, order: str | None = "day") -> tuple[str | None, str | None]:
    """The month (YYYY-MM) a cell means, or the year alone (YYYY) when it gives no month, and how it was understood
    (None: written as cicli writes it).
    `order` is the column's order of day and month in dates of three numbers (slash_order)."""
    text = text.strip()
    if not text:
        return "", None
    if _YEAR.match(text):  # a designation whose month is not known stays without a month
        return (text if 1900 <= int(text) <= 2100 else None), None
    if m := _ISO.match(text):
        return _month(int(m.group(1)), int(m.group(2))), None
    if m := _YEAR_FIRST.match(text):
        return _month(int(m.group(1)), int(m.group(2))), AS_SHOWN
    if m := _MONTH_YEAR.match(text):
        return _month(int(m.group(2)), int(m.group(1))), AS_SHOWN
    if m := _DAY_MONTH_YEAR.match(text):
        if order is None:
            return None, None
        first, second = int(m.group(1)), int(m.group(2))
        month = second if order == "day" else first
        return _month(_year(m.group(3)), month), DAY_FIRST if order == "day" else MONTH_FIRST
    if _SERIAL.match(text):
        day = _EXCEL_EPOCH + timedelta(days=int(float(text)))
        return _month(day.year, day.month), SERIAL
    folded = fold(text)
    if m := _WORD_YEAR.match(folded):
        month = _MONTH_WORDS.get(m.group(2))
        if month is None:
            return None, None
        written = folded in (f"{name} {m.group(3)}" for name in ("janvier", "fevrier", "mars", "avril", "mai", "juin",
                                                                 "juillet", "aout", "septembre", "octobre",
                                                                 "novembre", "decembre"))
        return _month(_year(m.group(3)), month), None if written and len(m.group(3)) == 4 else AS_SHOWN
    return None, None


_AMOUNT = re.compile(r"^\$?(?P<number>[0-9][0-9.,]*)(?P<unit>k|m|g|md|mm|millions?|milliards?|billions?|thousands?)?"
                     r"\$?(?:ca|cad)?\$?$")
_GROUPED_BY_COMMAS = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$")
_GROUPED_BY_DOTS = re.compile(r"^\d{1,3}(?:\.\d{3})+(?:,\d+)?$")
_DECIMAL = re.compile(r"^\d+(?:[.,]\d+)?$")
_UNITS = {"k": 1e3, "thousand": 1e3, "thousands": 1e3, "m": 1e6, "mm": 1e6, "million": 1e6, "millions": 1e6,
          "g": 1e9, "md": 1e9, "milliard": 1e9, "milliards": 1e9, "billion": 1e9, "billions": 1e9}


def number_of(text: str) -> tuple[float | None, str | None]:
    """A number as people and spreadsheets write amounts: « 35 000 000 $ », « 12,5 M$ », « 3,3 millions $ »,
    « $1,250,000 », « 1.234,5 »; and whether a unit was spelled out. None when it is no number."""
    compact = re.sub(r"[\s\u00a0\u202f]", "", text).lower()
    m = _AMOUNT.match(compact)
    if not m:
        return None, None
    digits = m.group("number")
    if _GROUPED_BY_COMMAS.match(digits):  # 1,250,000.50
        digits = digits.replace(",", "")
    elif _GROUPED_BY_DOTS.match(digits):  # 1.250.000,50
        digits = digits.replace(".", "").replace(",", ".")
    elif _DECIMAL.match(digits):  # 12,5 or 12.5
        digits = digits.replace(",", ".")
    else:
        return None, None
    value = float(digits)
    unit = m.group("unit")
    value, how = (value * _UNITS[unit], UNIT) if unit else (value, None)
    return (value, how) if math.isfinite(value) else (None, None)
