"""How a table fits a terminal: column widths, and text wrapped on word boundaries.

Pure functions over text (the width of a string is given: a terminal's cells, not Python's characters),
so that they can be tested without a terminal. A table that fits keeps every column at its natural
width; one that does not gives each column the width of its longest word, then spends what is left on
the columns that matter most (a centre's name before a verdict), then on the others.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

Width = Callable[[str], int]
#: The longest word a column must hold whole: a longer one (a web address) is cut where the column ends.
MAX_WORD = 24
MIN_COLUMN = 4
# Where a line may break: at spaces, and after a hyphen, a dash or a slash followed by a letter (Rivière-|du-|Loup;
# not 2022-02, not http://).
_PIECES = re.compile(r"[^ \t]+?(?:(?:[-–—]|(?<!/)/)(?=[^\W\d_])|(?=[ \t])|$)|[ \t]+")
# Spaces that must not break: inside « », before : ; ? ! $ % (French typography), between groups of digits
# (800 000); held by a private character while wrapping.
_GLUE = "\ue000"
_FRENCH_SPACE = re.compile(r"(?<=«) | (?=[»:;?!$%])|(?<=\d) (?=\d{3}(?!\d))")


def pieces(line: str) -> list[str]:
    """A line cut where it may break: words, their parts after hyphens, and the spaces between (not those
    that French typography holds to a word; no-break spaces never break)."""
    return [piece.replace(_GLUE, " ") for piece in _PIECES.findall(_FRENCH_SPACE.sub(_GLUE, line))]


def longest_word(text: str, width: Width) -> int:
    return max((width(p) for line in text.split("\n") for p in pieces(line) if not p.isspace()), default=0)


def natural(text: str, width: Width) -> int:
    return max((width(line) for line in text.split("\n")), default=0)


def wrap(text: str, columns: int, width: Width) -> list[str]:
    """`text` in lines of at most `columns` cells, broken between words (or after a hyphen); a word longer
    than a line is cut. Line breaks of the text are kept."""
    out: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for piece in pieces(paragraph):
            if piece.isspace():
                if line:
                    line += " "
                continue
            if width(line + piece) <= columns:
                line += piece
                continue
            if line.strip():
                out.append(line.rstrip())
            line = ""
            while width(piece) > columns:  # a word wider than the column: cut it
                cut = _fit(piece, columns, width)
                out.append(piece[:cut])
                piece = piece[cut:]
            line = piece
        out.append(line.rstrip())
    return out


def _fit(text: str, columns: int, width: Width) -> int:
    """How many characters of `text` fit in `columns` cells (at least one)."""
    n = 0
    while n < len(text) and width(text[: n + 1]) <= columns:
        n += 1
    return max(n, 1)


def widths(cells: Sequence[Sequence[str]], available: int, width: Width, priority: Sequence[int] = ()) -> list[int]:
    """Column widths for a table whose columns (header first) are `cells`, in `available` cells of text.

    A table that fits keeps its natural widths. Otherwise every column gets the width of its longest word
    (at most MAX_WORD); then the columns of `priority` (a name, a message) up to ROOMY cells. If the others
    then fit whole, they get their natural width and the priority columns the rest; if not, short columns (a
    verdict, a code) get theirs, the priority columns all they can use, and the others what is left, in
    proportion to what they lack. When even the words do not fit, the widest columns give way first, the
    priority ones last.
    """
    natural_widths = [max((natural(c, width) for c in column), default=0) for column in cells]
    if sum(natural_widths) <= available:
        return natural_widths
    out = _least(cells, natural_widths, available, width, priority)
    left = available - sum(out)
    others = [i for i in range(len(out)) if i not in priority]
    for i in priority:  # room to read first
        left -= _grant(out, i, min(left, min(natural_widths[i], ROOMY) - out[i]))
    if sum(natural_widths[i] - out[i] for i in others) <= left:  # the others whole, the priority columns the rest
        order = [*others, *priority]
    else:  # short columns whole, then the priority columns, then the long ones share what is left
        order = [*(i for i in others if natural_widths[i] <= SHORT), *priority]
    for i in order:
        left -= _grant(out, i, min(left, natural_widths[i] - out[i]))
    lacking = {i: natural_widths[i] - out[i] for i in others if natural_widths[i] > out[i]}
    total = sum(lacking.values())
    budget = left
    for i, lack in lacking.items():
        left -= _grant(out, i, min(lack, budget * lack // total))
    for i in sorted(lacking, key=lambda i: -lacking[i]):  # what rounding left
        left -= _grant(out, i, min(left, natural_widths[i] - out[i]))
    return out


SHORT = 24  # cells: a column this narrow gets its natural width once the priority columns have ROOMY cells
ROOMY = 40  # cells: room enough to read a name or a sentence; narrower, secondary columns go under it


def _grant(out: list[int], i: int, cells: int) -> int:
    cells = max(cells, 0)
    out[i] += cells
    return cells


def _least(cells, natural_widths: list[int], available: int, width: Width, priority: Sequence[int]) -> list[int]:
    """Each column's longest word (up to MAX_WORD), narrowed until the table fits, the priority columns last."""
    least = [min(max((longest_word(c, width) for c in column), default=0), MAX_WORD, n)
             for column, n in zip(cells, natural_widths, strict=True)]
    least = [max(n, min(MIN_COLUMN, natural_widths[i])) for i, n in enumerate(least)]
    while sum(least) > available and max(least) > MIN_COLUMN:
        widest = max(range(len(least)), key=lambda i: (i not in priority and least[i] > MIN_COLUMN, least[i]))
        least[widest] -= 1
    return least


def comfortable(cells: Sequence[Sequence[str]], available: int, width: Width, priority: Sequence[int] = ()) -> bool:
    """Whether the table fits with every column but the priority ones at its natural width, and the priority
    ones at ROOMY cells at least (or their natural width, when less)."""
    need = 0
    for i, column in enumerate(cells):
        natural_width = max((natural(c, width) for c in column), default=0)
        if i in priority:
            natural_width = min(natural_width, max(ROOMY, longest_word("\n".join(column), width)))
        need += natural_width
    return need <= available
