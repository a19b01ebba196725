"""CSV bytes built by Arrow kernels: a million rows in a fraction of a second.

The output is the `csv` module's (quotes only where needed, RFC 4180), with one rule more that every CSV cicli
writes follows: a cell a spreadsheet would run as a formula gets an apostrophe first (`formula_safe`; its plain
reference is speed.reference.formula_safe, and tests/test_kernels.py holds the two equal).
"""

from __future__ import annotations

#: What a spreadsheet runs as a formula (after any apostrophes), and what is a plain number all the same.
FORMULA_START = r"^'*[=+\-@\t\r]"
PLAIN_NUMBER = r"^[+-]?[0-9]+(?:[.,][0-9]+)?$"
_FORMULA_FIRST = tuple(map(ord, "=+-@\t\r'"))


def csv_lines(columns: list, delimiter: str = ",", newline: str = "\n") -> list[memoryview]:
    """Equally long Arrow columns of strings as CSV lines, each cell formula-safe: the top and bottom halves of a
    long table are built on two threads."""
    from .arrays import in_parallel

    rows = len(columns[0]) if columns else 0
    half = rows // 2
    halves = in_parallel(lambda bounds: _lines_of([c.slice(*bounds) for c in columns], delimiter, newline),
                         [(0, half), (half, rows - half)], rows)
    return [part for lines in halves for part in lines]


def formula_safe(values):
    """An Arrow column of strings with an apostrophe before each cell a spreadsheet would run as a formula."""
    import pyarrow.compute as pc

    from .arrays import holds_any, text

    if not len(values) or not holds_any(values, _FORMULA_FIRST):
        return values
    risky = pc.and_(pc.match_substring_regex(values, FORMULA_START),
                    pc.invert(pc.match_substring_regex(values, PLAIN_NUMBER)))
    if not pc.any(risky).as_py():
        return values
    return pc.if_else(risky, pc.binary_join_element_wise(text("'"), values, text("")), values)


def _lines_of(columns: list, delimiter: str, newline: str) -> list[memoryview]:
    """The CSV lines of equally long Arrow columns, as views of the bytes Arrow built them in."""
    import pyarrow as pa
    import pyarrow.compute as pc

    from .arrays import character_class, holds_any, text, text_extent

    special_characters = tuple(map(ord, delimiter + '"\r\n'))  # a cell holding one is quoted
    quote, nothing, separator, end = map(text, ('"', "", delimiter, newline))
    cells = []
    for values in columns:
        values = formula_safe(values)
        if holds_any(values, special_characters):  # most columns hold no such character: no search in every cell
            special = pc.match_substring_regex(values, character_class(special_characters))
            quoted = pc.binary_join_element_wise(quote, pc.replace_substring(values, '"', '""'), quote, nothing)
            values = pc.if_else(special, quoted, values)
        cells.append(values)
    # The line end joins the last column first: one join then builds the lines (a second join over
    # whole lines would copy them all again).
    cells[-1] = pc.binary_join_element_wise(cells[-1], end, nothing)
    lines = pc.binary_join_element_wise(*cells, separator)
    parts = []
    for chunk in lines.chunks if isinstance(lines, pa.ChunkedArray) else [lines]:
        if len(chunk):
            # The lines lie end to end in the chunk's data buffer: its bytes are the CSV (a view, not a copy).
            start, stop = text_extent(chunk)
            parts.append(memoryview(chunk.buffers()[2])[start:stop])
    return parts
