"""The plain meaning of each fast operation of cicli.speed, one cell (or one list) at a time.

These are what the kernels compute, written as a person would read them; tests/test_kernels.py holds each kernel
equal to its reference on generated text (accents, dashes, apostrophes, odd Unicode). Small inputs (a header, a
message) use them directly.
"""

from __future__ import annotations

import re

from .csv_lines import FORMULA_START, PLAIN_NUMBER

_FORMULA = re.compile(FORMULA_START)
_NUMBER = re.compile(PLAIN_NUMBER)


def formula_safe(value: str) -> str:
    """A cell as a CSV file may hold it: an apostrophe first when a spreadsheet would run it as a formula
    (« =… », « +… », « -2+3 », « @… », a tab or a carriage return first, after any apostrophes), unless it is
    a plain number (« -66.38 »). cicli reads the apostrophe back off (read.table.undefuse)."""
    return "'" + value if _FORMULA.match(value) and not _NUMBER.match(value) else value


def number_repeats(ids: list[str]) -> list[str]:
    """speed.numbering.number_repeats, row by row: repeats numbered -2, -3… in order; an id so made that another
    row has is numbered again, the row that had it keeping it."""
    out, generated = list(ids), [False] * len(ids)
    while len(set(out)) < len(out):
        rows_of: dict[str, list[int]] = {}
        for i, key in enumerate(out):
            rows_of.setdefault(key, []).append(i)
        numbered = [False] * len(out)
        for rows in rows_of.values():
            ordered = sorted(rows, key=lambda i: (generated[i], i))
            for rank, i in enumerate(ordered[1:], 2):
                out[i] = f"{out[i]}-{rank}"
                numbered[i] = True
        generated = [g or n for g, n in zip(generated, numbered, strict=True)]
    return out
