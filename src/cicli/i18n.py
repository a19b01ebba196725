"""Which language cicli speaks, and the French and English of every text a person reads.

Texts are written in English in the code, marked `_("…")` (with `{names}` for the values they
hold); their French lives in gettext's catalogue, `locale/fr/LC_MESSAGES/cicli.po`, compiled to
`cicli.mo` beside it (`python -m cicli.docgen` compiles it; a test fails when the two differ or a
text lacks its French). Labels of codes use a context (`pgettext("origin", "private")`).

The language comes from, in order: the `lang` a function or the command line is given, then
$CICLI_LANG, then the system (the locale; on Windows, the display language), then French, the
report's language. Machine formats never depend on it: they carry stable codes.
"""

from __future__ import annotations

import contextvars
import functools
import gettext
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

LANGS = ("fr", "en")
LOCALE = Path(__file__).resolve().parent / "locale"
DOMAIN = "cicli"

_spoken: contextvars.ContextVar[str | None] = contextvars.ContextVar("cicli_language", default=None)
_process: dict[str, str | None] = {"lang": None}  # set by the command line, seen by every thread


class UnknownLanguage(ValueError):
    """A language cicli does not speak."""


def checked(lang: str) -> str:
    if lang not in LANGS:
        raise UnknownLanguage(lang)
    return lang


def current() -> str:
    """The language texts are written in now."""
    return _spoken.get() or _process["lang"] or default_lang()


def set_language(lang: str) -> None:
    """The language of the whole process (the command line sets it once)."""
    _process["lang"] = checked(lang)


@contextmanager
def speaking(lang: str | None) -> Iterator[str]:
    """Texts made inside are in `lang` (the current language when None)."""
    token = _spoken.set(checked(lang) if lang is not None else current())
    try:
        yield _spoken.get()
    finally:
        _spoken.reset(token)


def default_lang() -> str:
    """$CICLI_LANG, else the system's language, else French."""
    wanted = os.environ.get("CICLI_LANG", "").strip().lower()[:2]
    if wanted in LANGS:
        return wanted
    return system_lang() or "fr"


def system_lang() -> str | None:
    """French or English as the system says it: None when it says nothing (C, POSIX, unset); English
    for another language (a reader of German is likelier to read English than French)."""
    if sys.platform == "win32":
        return _windows_lang()
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(variable, "")
        if value:
            head = value.split(":")[0].split("_")[0].split(".")[0].split("@")[0].lower()
            if head in ("c", "posix", ""):
                return None
            return head if head in LANGS else "en"
    return None


def _windows_lang() -> str | None:
    # Windows sets no LANG: its display language is the user's interface language.
    try:
        import ctypes

        lang_id = ctypes.windll.kernel32.GetUserDefaultUILanguage()  # type: ignore[attr-defined]
    except (AttributeError, OSError):
        return None
    primary = lang_id & 0x3FF
    return "fr" if primary == 0x0C else "en" if primary else None


@functools.cache
def catalogue(lang: str) -> gettext.NullTranslations:
    if lang == "en":
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, localedir=LOCALE, languages=[lang])


def N_(text: str) -> str:
    """Marks a text for the catalogue where it is defined; `_` translates it where it is shown."""
    return text


def _(text: str, **values) -> str:
    """`text` in the current language, its `{names}` filled with `values`."""
    translated = catalogue(current()).gettext(text)
    return translated.format(**values) if values else translated


def pgettext(context: str, text: str) -> str:
    """`text` in the current language, as meant in `context` (the labels of a domain's codes)."""
    return catalogue(current()).pgettext(context, text)


def ngettext(singular: str, plural: str, n: int, **values) -> str:
    """The singular or plural of a text in the current language, its `{names}` filled (`n` too, its digits
    grouped as the language groups them)."""
    translated = catalogue(current()).ngettext(singular, plural, n)
    return translated.format(n=readable_count(n), **values)


def in_language(lang: str, text: str, **values) -> str:
    """`text` in a given language, whatever the current one (a document in both languages)."""
    with speaking(lang):
        return _(text, **values)


MONTHS = (N_("January"), N_("February"), N_("March"), N_("April"), N_("May"), N_("June"), N_("July"),
          N_("August"), N_("September"), N_("October"), N_("November"), N_("December"))


def readable_date(year: int, month: int, day: int | None = None) -> str:
    """« 2 décembre 2026 » / « 2 December 2026 »; without a day, « décembre 2026 »."""
    name = _(MONTHS[month - 1])
    return _("{day} {month} {year}", day=day, month=name, year=year) if day else \
        _("{month} {year}", month=name, year=year)


def readable_datetime(moment) -> str:
    """A local date and time as people write it, with its offset from UTC."""
    offset = moment.strftime("%z")
    return _("{date} at {hour}:{minute} (UTC{offset})", date=readable_date(moment.year, moment.month, moment.day),
             hour=f"{moment.hour:02d}", minute=f"{moment.minute:02d}", offset=f"{offset[:3]}:{offset[3:]}")


def readable_count(n: int) -> str:
    """A whole number as the current language groups its digits: « 49 500 » (a narrow no-break space), « 49,500 »."""
    text = f"{n:,}"
    return text.replace(",", "\u202f") if current() == "fr" else text


def readable_number(value: float) -> str:
    """A number as the current language writes it: « 12 500 000 », « 47,8357 » / « 12,500,000 », « 47.8357 »."""
    if float(value).is_integer():
        return readable_count(int(value))
    text = repr(float(value))
    return text.replace(".", ",") if current() == "fr" else text
