"""Whole Arrow columns, without pandas: what reading and validating a file need.

`cicli validate` stops here: importing pandas alone costs more than checking a hundred thousand
rows. pyarrow imports pandas, when it is installed, as soon as it converts a Python or numpy value
(`pa.array`, `pa.scalar`, a `"text"` argument to a kernel, `to_numpy`): the converters below build
arrays and scalars from buffers instead, and tests/test_arrays.py checks that validating a file
leaves pandas unimported.

Annexes repeat their kinds, regions and notes, so Python work is done once per distinct value and
spread back; Arrow kernels release the GIL, so long columns are shared between two threads.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

T = TypeVar("T")
R = TypeVar("R")

#: Below this many rows, starting a second thread costs more than it saves.
PARALLEL_ROWS = 200_000


def in_parallel(function: Callable[[T], R], items: Iterable[T], rows: int) -> list[R]:
    """`function` over `items`, in order; on two threads when the columns are `rows` long or more."""
    items = list(items)
    if rows < PARALLEL_ROWS or len(items) < 2:
        return [function(item) for item in items]
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(2) as pool:
        return list(pool.map(function, items))


def one_chunk(values) -> pa.Array:
    return values.combine_chunks() if isinstance(values, pa.ChunkedArray) else values


# --- Python and numpy values → Arrow, and back, without pyarrow's converters -----------------

def _bitmap(flags: np.ndarray) -> pa.Buffer:
    return pa.py_buffer(np.packbits(flags.astype(bool, copy=False), bitorder="little"))


def strings(values: list[str | None]) -> pa.Array:
    """A large_string array of `values` (None: null)."""
    validity = None
    if None in values:
        missing = np.fromiter((v is None for v in values), dtype=bool, count=len(values))
        validity = _bitmap(~missing)
        values = ["" if v is None else v for v in values]
    encoded = list(map(str.encode, values))  # UTF-8; map keeps the loop in C
    offsets = np.zeros(len(encoded) + 1, dtype=np.int64)
    np.cumsum(np.fromiter(map(len, encoded), dtype=np.int64, count=len(encoded)), out=offsets[1:])
    return pa.Array.from_buffers(pa.large_string(), len(encoded),
                                 [validity, pa.py_buffer(offsets), pa.py_buffer(b"".join(encoded))])


def booleans(flags: np.ndarray) -> pa.Array:
    return pa.Array.from_buffers(pa.bool_(), len(flags), [None, _bitmap(flags)])


def integers(values: np.ndarray) -> pa.Array:
    """An int64 array of `values` (row positions, for `take`)."""
    values = np.ascontiguousarray(values, dtype=np.int64)
    return pa.Array.from_buffers(pa.int64(), len(values), [None, pa.py_buffer(values)])


def text(value: str | None) -> pa.Scalar:
    """A string scalar of the type cicli's columns have (kernels refuse to mix string and large_string)."""
    return strings([value])[0]


def boolean(value: bool) -> pa.Scalar:
    return booleans(np.array([value], dtype=bool))[0]


def number(value: float) -> pa.Scalar:
    return pa.Array.from_buffers(pa.float64(), 1, [None, pa.py_buffer(np.array([value], dtype=np.float64))])[0]


def to_numpy_bools(values) -> np.ndarray:
    """A boolean Arrow array as numpy; nulls are false."""
    values = one_chunk(pc.fill_null(values, boolean(False)))
    if not len(values):
        return np.zeros(0, dtype=bool)
    bits = np.unpackbits(np.frombuffer(values.buffers()[1], dtype=np.uint8), bitorder="little")
    return bits[values.offset: values.offset + len(values)].astype(bool)


def to_numpy_ints(values) -> np.ndarray:
    """An integer Arrow array without nulls as numpy int64."""
    values = one_chunk(values)
    if not len(values):
        return np.zeros(0, dtype=np.int64)
    data = np.frombuffer(values.buffers()[1], dtype=np.dtype(f"int{values.type.bit_width}"))
    return data[values.offset: values.offset + len(values)].astype(np.int64)


def _large_string_chunks(column) -> list[pa.Array]:
    chunks = column.chunks if isinstance(column, pa.ChunkedArray) else [column]
    return [c if c.type == pa.large_string() else c.cast(pa.large_string()) for c in chunks]  # 64-bit offsets


def cell_offsets(chunk: pa.Array) -> np.ndarray:
    """Where each cell of a large_string chunk starts in its data buffer, and where the last one ends
    (len + 1 positions; a slice's cells do not start at 0)."""
    if not len(chunk):
        return np.zeros(1, dtype=np.int64)
    return np.frombuffer(chunk.buffers()[1], dtype=np.int64)[chunk.offset: chunk.offset + len(chunk) + 1]


def text_extent(chunk: pa.Array) -> tuple[int, int]:
    """Where a large_string chunk's cells lie in its data buffer: they lie end to end."""
    offsets = cell_offsets(chunk)
    return int(offsets[0]), int(offsets[-1])


def text_bytes(column) -> int:
    """How many bytes of text a string column holds: 0 when every cell is empty."""
    return sum(end - start for start, end in map(text_extent, _large_string_chunks(column)))


SEARCH_BLOCK = 1 << 20  # bytes searched at a time: the comparisons' temporaries stay in the CPU's caches


def holds_any(column, characters) -> bool:
    """Whether any cell of a string column holds one of `characters` (code points).

    All the column's text is searched at once, a block of bytes at a time (a search per cell costs
    more than the search itself): numpy comparisons find the bytes that can begin one of the
    characters, and only the characters at those places are decoded and looked up. Arrow's regular
    expressions took 4 to 8 times as long."""
    wanted = np.unique(np.fromiter(characters, dtype=np.int64))
    runs = _runs(_utf8_bytes(wanted, 0))
    for chunk in _large_string_chunks(column):
        start, end = text_extent(chunk)
        data = np.frombuffer(chunk.buffers()[2], dtype=np.uint8)[start:end] if end > start else np.zeros(0, np.uint8)
        for at in range(0, len(data), SEARCH_BLOCK):
            block = data[at: at + SEARCH_BLOCK]
            maybe = np.zeros(len(block), dtype=bool)
            for low, high in runs:
                maybe |= (block == low) if low == high else (block <= high) & (block >= low)
            places = np.flatnonzero(maybe) + at
            if len(places) and np.isin(characters_at(data, places), wanted).any():
                return True
    return False


def _runs(table: np.ndarray) -> list[tuple[int, int]]:
    """The runs of true entries of a byte table, those a few bytes apart joined: one comparison
    fewer costs less than a few more places to look at. The bytes taken in begin characters too
    (ASCII ones, or wider ones: the 64 bytes that only continue a character are never between two
    that begin one), so what is decoded there is a character, looked up and turned down."""
    runs: list[list[int]] = []
    for byte in np.flatnonzero(table).tolist():
        if runs and byte - runs[-1][1] <= 3:
            runs[-1][1] = byte
        else:
            runs.append([byte, byte])
    return [(low, high) for low, high in runs]


def character_class(characters) -> str:
    """A regular expression (RE2, as Arrow's kernels take) matching one of `characters` (code points)."""
    return "[" + "".join(f"\\x{{{c:x}}}" for c in sorted(set(characters))) + "]"


#: The characters Python's `str.isspace()` names: those Arrow's `utf8_trim_whitespace` trims (tested).
WHITESPACE = np.array([0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1C, 0x1D, 0x1E, 0x1F, 0x20, 0x85, 0xA0, 0x1680,
                       *range(0x2000, 0x200B), 0x2028, 0x2029, 0x202F, 0x205F, 0x3000])


def _utf8_bytes(characters: np.ndarray, which: int) -> np.ndarray:
    """A 256-entry table: which bytes stand first (which=0) or last (-1) in the UTF-8 of `characters`."""
    table = np.zeros(256, dtype=bool)
    table[[chr(c).encode()[which] for c in characters.tolist()]] = True
    return table


_SPACE_FIRST_BYTE = _utf8_bytes(WHITESPACE, 0)
_SPACE_LAST_BYTE = _utf8_bytes(WHITESPACE, -1)


def code_points(b0: np.ndarray, b1: np.ndarray, b2: np.ndarray, b3: np.ndarray) -> np.ndarray:
    """The code points of UTF-8 characters from their first byte `b0` and the three bytes after it
    (those beyond a shorter character are not read)."""
    b0 = b0.astype(np.int64)
    c1, c2, c3 = ((b.astype(np.int64) & 0x3F) for b in (b1, b2, b3))
    return np.select([b0 < 0x80, b0 < 0xE0, b0 < 0xF0],
                     [b0, (b0 & 0x1F) << 6 | c1, (b0 & 0x0F) << 12 | c1 << 6 | c2],
                     (b0 & 0x07) << 18 | c1 << 12 | c2 << 6 | c3)


def characters_at(data: np.ndarray, places: np.ndarray) -> np.ndarray:
    """The code points of the characters that begin at `places` in UTF-8 bytes `data`."""
    following = (data.take(places + k, mode="clip") for k in (1, 2, 3))  # clipped: past a character's end
    return code_points(data[places], *following)


def _edge_spaces(chunk: pa.Array) -> bool:
    """Whether a cell of a large_string chunk begins or ends with whitespace. Read from the bytes at
    each cell's ends: a byte table leaves the few cells that may, whose end characters are decoded."""
    offsets = cell_offsets(chunk)
    starts, ends = offsets[:-1], offsets[1:]
    filled = ends > starts
    starts, ends = starts[filled], ends[filled]
    if not len(starts):
        return False
    data = np.frombuffer(chunk.buffers()[2], dtype=np.uint8)
    byte = data.take  # positions before or past the buffer only arise where the byte is not used
    maybe = _SPACE_FIRST_BYTE[byte(starts)]
    if maybe.any() and np.isin(characters_at(data, starts[maybe]), WHITESPACE).any():
        return True
    maybe = _SPACE_LAST_BYTE[byte(ends - 1)]
    if maybe.any():
        at = ends[maybe]
        e1, e2, e3 = byte(at - 1), byte(at - 2, mode="clip"), byte(at - 3, mode="clip")
        # The last character begins at the last byte that is not a continuation byte (0b10xxxxxx);
        # four-byte characters (-1) hold no whitespace.
        last = np.select([e1 < 0x80, e2 >= 0xC0, (e3 >= 0xE0) & (e3 < 0xF0)],
                         [e1, code_points(e2, e1, e1, e1), code_points(e3, e2, e1, e1)], -1)
        if np.isin(last, WHITESPACE).any():
            return True
    return False


def edge_whitespace(column) -> bool:
    """Whether any cell of a string column begins or ends with whitespace: when none does, trimming
    the column would copy all its text to change nothing."""
    return any(map(_edge_spaces, _large_string_chunks(column)))


# --- whole columns --------------------------------------------------------------------------

def map_values(values, function: Callable, *, flags: bool = False) -> pa.Array:
    """`function` applied once per distinct value, spread back to every row: strings (None gives a
    null), or booleans with `flags`."""
    encoded = pc.dictionary_encode(one_chunk(values))
    results = [function(v) for v in encoded.dictionary.to_pylist()]
    distinct = booleans(np.array(results, dtype=bool)) if flags else strings(results)
    return distinct.take(encoded.indices)


def mask(values) -> np.ndarray:
    """A boolean Arrow array (nulls false) or numpy array as a numpy bool array."""
    if isinstance(values, (pa.Array, pa.ChunkedArray)):
        return to_numpy_bools(values)
    return np.asarray(values, dtype=bool)


def distinct_rows(columns: list, where: np.ndarray | None = None) -> tuple[list[tuple], np.ndarray]:
    """The distinct combinations of several string columns' cells (among the rows `where` holds true), and for
    each row the number of its combination (-1 for rows left out): a list of copied rows holds a few, so work
    done once per combination is spread back to a million rows by numpy."""
    rows = len(columns[0]) if columns else 0
    chosen = np.arange(rows) if where is None else np.flatnonzero(where)
    number = np.full(rows, -1, dtype=np.int64)
    if not len(chosen):
        return [], number
    keys = np.zeros(len(chosen), dtype=np.int64)
    span = 1
    for column in columns:
        encoded = one_chunk(pc.dictionary_encode(one_chunk(column).take(integers(chosen))))
        indices = to_numpy_ints(encoded.indices) + 1  # a null cell: its own combination (nulls are few)
        if encoded.indices.null_count:
            indices[~to_numpy_bools(pc.is_valid(encoded.indices))] = 0
        size = len(encoded.dictionary) + 1
        if span * size >= 1 << 62:  # renumber the combinations so far before the product overflows
            _unique, keys = np.unique(keys, return_inverse=True)
            span = int(keys.max()) + 1
        keys = keys * size + indices
        span *= size
    _unique, first, inverse = np.unique(keys, return_index=True, return_inverse=True)
    number[chosen] = inverse
    at = chosen[first]
    values = [one_chunk(column).take(integers(at)).to_pylist() for column in columns]
    return list(zip(*values, strict=True)), number


def positions_in(values, choices: list[str]) -> np.ndarray:
    """For each string of `values`, its position among `choices`; -1 where it is none of them."""
    found = one_chunk(pc.index_in(values, value_set=strings(choices)))
    out = to_numpy_ints(found.cast(pa.int64()))
    if found.null_count:
        out = np.where(to_numpy_bools(pc.is_valid(found)), out, -1)
    return out
