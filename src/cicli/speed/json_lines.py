"""JSON records built by Arrow kernels, a record a line: what `json.dumps(record, ensure_ascii=False)` writes
for each, without a Python call per record.

A value becomes pieces: literal text and whole columns (`string`, `number`, `boolean`); a record is the
pieces of its keys and values (`record`), and may hold records (nested objects); `lines` joins all the
pieces of every record in one pass, so the text (hundreds of megabytes with the reasons) is copied once.
"""

from __future__ import annotations

import json

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from .arrays import holds_any, text

_CONTROL = tuple(range(0x20))
_ESCAPES = {ord('"'): '\\"', ord("\\"): "\\\\", 0x08: "\\b", 0x0C: "\\f", 0x0A: "\\n", 0x0D: "\\r", 0x09: "\\t"}


def _large(values) -> pa.Array:
    values = values.combine_chunks() if isinstance(values, pa.ChunkedArray) else values
    return values.cast(pa.large_string()) if values.type != pa.large_string() else values


def string(values) -> list:
    """Strings as JSON strings, escaped as Python's encoder escapes them; nulls as null."""
    values = _large(values)
    if holds_any(values, (ord('"'), ord("\\"))):
        values = pc.replace_substring(values, "\\", "\\\\")
        values = pc.replace_substring(values, '"', '\\"')
    if holds_any(values, _CONTROL):
        for code in _CONTROL:
            values = pc.replace_substring(values, chr(code), _ESCAPES.get(code, f"\\u{code:04x}"))
    if values.null_count:
        quoted = pc.binary_join_element_wise(text('"'), values, text('"'), text(""))
        return [pc.fill_null(quoted, text("null"))]
    return ['"', values, '"']


def number(values: np.ndarray) -> list:
    """Floats as JSON numbers: whole ones as integers, NaN as null."""
    out = [None if v != v else str(int(v)) if float(v).is_integer() else json.dumps(float(v))
           for v in values.tolist()]
    return [pc.fill_null(pa.array(out, type=pa.large_string()), text("null"))]


def boolean(values: list) -> list:
    """True, False or None (a missing value) as true, false or null."""
    words = {True: "true", False: "false"}
    return [pa.array([words.get(v, "null") for v in values], type=pa.large_string())]


def record(fields: list[tuple[str, list]]) -> list:
    """The pieces of each row's JSON object: `{"key": value, …}`."""
    pieces: list = []
    for n, (key, values) in enumerate(fields):
        pieces.append(("{" if n == 0 else ", ") + json.dumps(key, ensure_ascii=False) + ": ")
        pieces.extend(values)
    pieces.append("}")
    return pieces


BLOCK_ROWS = 1 << 16  # records joined at a time: the text of a block, not of the whole list, is in memory


def lines(make_pieces, rows: int):
    """A JSON list of `rows` records, one a line, as pieces of bytes (views of the buffers Arrow built them in).
    `make_pieces(start, stop)` gives the pieces of the records of rows start to stop; each block of rows is
    joined in one pass over its pieces."""
    from .arrays import booleans, text_extent

    if not rows:
        yield b"[]\n"
        return
    yield b"[\n  "
    for start in range(0, rows, BLOCK_ROWS):
        stop = min(start + BLOCK_ROWS, rows)
        last = np.zeros(stop - start, dtype=bool)
        last[-1] = stop == rows
        merged: list = []
        for piece in make_pieces(start, stop):  # neighbouring literals as one
            if isinstance(piece, str) and merged and isinstance(merged[-1], str):
                merged[-1] += piece
            else:
                merged.append(piece)
        columns = [text(p) if isinstance(p, str) else p for p in merged]
        separators = pc.if_else(booleans(last), text(""), text(",\n  "))
        joined = _large(pc.binary_join_element_wise(*columns, separators, text("")))
        first, end = text_extent(joined)
        yield memoryview(joined.buffers()[2])[first:end]
    yield b"\n]\n"
