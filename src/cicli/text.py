"""Text folding: how cicli compares words the way a person reads them.

`fold` works on one string; `cicli.speed.fold.fold_column` folds a whole column the same way.
"""

from __future__ import annotations

import re
import unicodedata

_NON_WORD = re.compile(r"[^0-9a-z]+")
_LIGATURES = (("ß", "ss"), ("œ", "oe"), ("æ", "ae"))


def bare(text: str) -> str:
    """Lowercase, without accents, ligatures spelt out; punctuation still there. Characters that show nothing
    (soft hyphens, zero-width spaces and joiners, direction marks: Unicode's format characters) are dropped: a
    header « No\u00adm » is « Nom »."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(ch for ch in decomposed if unicodedata.category(ch) not in ("Mn", "Cf")).lower()
    for ligature, letters in _LIGATURES:
        bare = bare.replace(ligature, letters)
    return bare


def fold(text: str) -> str:
    """Lowercase, without accents, punctuation or repeated spaces: `Sept-Îles` → `sept iles`."""
    return _NON_WORD.sub(" ", bare(str(text))).strip()


def some_of(items: list, separator: str = ", ", limit: int = 10, show=str) -> str:
    """The first `limit` items, each as `show` writes it, then how many more: a message stays readable
    when a million rows match."""
    from .i18n import _

    listed = separator.join(show(item) for item in items[:limit])
    return listed + (separator + _("and {count} more", count=len(items) - limit) if len(items) > limit else "")


_HIDDEN = {"Cc", "Cf", "Zl", "Zp", "Co", "Cs", "Cn"}  # control, format (bidi, zero-width), separators, unassigned


def ranges(numbers: list[int], limit: int = 20) -> str:
    """Sorted whole numbers as runs: `5, 9–12, 15`; past `limit` runs, how many more rows."""
    from .i18n import _

    runs: list[list[int]] = []
    for n in numbers:
        if runs and n == runs[-1][1] + 1:
            runs[-1][1] = n
        else:
            runs.append([n, n])
    shown = [str(a) if a == b else f"{a}–{b}" for a, b in runs[:limit]]
    rest = sum(b - a + 1 for a, b in runs[limit:])
    return ", ".join(shown) + (" " + _("and {count} more", count=rest) if rest else "")


def shown(text: str, limit: int = 300) -> str:
    """Text as a message may show it: characters that would act on a terminal or hide themselves
    (line breaks, escapes, direction marks) written as escapes, and at most `limit` characters."""
    text = str(text)
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    if text.isprintable() and not _SUSPECT.search(text):
        return text
    disguised = _disguised(text)
    return "".join(ch.encode("unicode_escape").decode("ascii") if unicodedata.category(ch) in _HIDDEN
                   or ch in disguised else ch for ch in text)


def _disguised(text: str) -> set[str]:
    """The look-alike letters of words that mix them with Latin ones (see look_alike): shown escaped."""
    if look_alike(text) is None:
        return set()
    out = set()
    for word in re.findall(r"[^\W\d_]+", text):
        scripts = {_script(ch) for ch in word}
        if "LATIN" in scripts and scripts & set(_LOOK_ALIKE_SCRIPTS):
            out |= {ch for ch in word if _script(ch) in _LOOK_ALIKE_SCRIPTS}
    return out


def quoted(value, limit: int = 80) -> str:
    """A value of the file as a message quotes it: shown, cut to `limit` characters, in quotes."""
    return f"'{shown(value, limit)}'"


def visible(text: str) -> str:
    """Text for a terminal or a document: its line breaks kept, every other character that would act on a
    terminal or hide itself (escape sequences, direction marks) written as an escape."""
    text = str(text)
    if text.isprintable() and not _SUSPECT.search(text):
        return text
    return "\n".join(shown(line, len(line) + 1) for line in text.split("\n"))


# Alphabets whose letters look like Latin ones: a word that mixes one with Latin letters can pass for another.
_LOOK_ALIKE_SCRIPTS = ("CYRILLIC", "GREEK", "ARMENIAN", "CHEROKEE", "COPTIC")
_DIRECTION = {0x200E, 0x200F, 0x061C, *range(0x202A, 0x202F), *range(0x2066, 0x206A)}
# Where those letters and marks live: text without any is looked at no further.
_SUSPECT = re.compile("[\u0370-\u058f\u13a0-\u13ff\u2c80-\u2cff\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _script(ch: str) -> str:
    return unicodedata.name(ch, "").split(" ", 1)[0]


def look_alike(text: str) -> str | None:
    """Why `text` may pass for something it is not: direction controls (which reorder what a screen shows), or a
    word mixing Latin letters with look-alike letters of another alphabet (a Cyrillic « А » in « HIFА »). The
    first such character, or None."""
    if not _SUSPECT.search(str(text)):
        return None
    for ch in str(text):
        if ord(ch) in _DIRECTION:
            return ch
    for word in re.findall(r"[^\W\d_]+", str(text)):
        scripts = {_script(ch) for ch in word if ch.isalpha()}
        if "LATIN" in scripts and scripts & set(_LOOK_ALIKE_SCRIPTS):
            return next(ch for ch in word if _script(ch) in _LOOK_ALIKE_SCRIPTS)
    return None
