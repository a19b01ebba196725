"""`fold` over a whole column: numpy over the column's UTF-8 bytes, no Python loop over rows.

`cicli.text.fold` says what folding is, on one string; tests/test_text.py keeps the two equal.
"""

from __future__ import annotations

import functools

from ..text import bare

FOLD_BLOCK = 25_000  # strings folded at a time: the byte-level temporaries stay in the CPU's caches


def fold_column(values, separator: str = " "):
    """`fold` of every cell of a pandas Series of strings, as a Series with the same index.

    `separator` (one ASCII character) replaces what `fold` turns into a space (`-` makes ids).
    """
    from .frames import arrow_strings, str_series

    return str_series(fold_array(arrow_strings(values), separator), values.index)


def fold_distinct(values, separator: str = " "):
    """`fold_column`, each distinct cell folded once when cells repeat (a list of copied rows holds a few
    distinct ones): a `str` Series with the same index."""
    import pyarrow.compute as pc

    from .arrays import one_chunk
    from .frames import arrow_strings, str_series
    from .repeats import repeats_likely

    cells = arrow_strings(values.astype("str"))
    if not repeats_likely(cells):  # mostly distinct (a sample says): fold them all, in blocks
        return str_series(fold_array(cells, separator), values.index)
    encoded = pc.dictionary_encode(one_chunk(cells))
    return str_series(one_chunk(fold_array(encoded.dictionary, separator)).take(encoded.indices), values.index)


def fold_array(values, separator: str = " "):
    """`fold` of every string of an Arrow string column, as a chunked large_string array (no pandas: for
    validation). Long columns are folded in blocks, on two threads."""
    import pyarrow as pa

    from .arrays import in_parallel, one_chunk

    array = one_chunk(values)
    if array.type != pa.large_string():
        array = array.cast(pa.large_string())
    blocks = [array.slice(start, FOLD_BLOCK) for start in range(0, len(array), FOLD_BLOCK)] or [array]
    parts = in_parallel(lambda block: _fold_utf8(block, separator), blocks, len(array))
    return pa.chunked_array(parts, type=pa.large_string())


def _kept_bounds(keep, bounds):
    """The strings' bounds once the bytes where `keep` is false are taken out."""
    import numpy as np

    filled = np.flatnonzero(bounds[1:] > bounds[:-1])
    counts = np.zeros(len(bounds) - 1, dtype=np.int64)
    if len(filled):  # a sum per string; empty strings lie inside no segment and keep 0
        counts[filled] = np.add.reduceat(keep, bounds[filled], dtype=np.int64)
    kept = np.zeros(len(bounds), dtype=np.int64)
    np.cumsum(counts, out=kept[1:])
    return kept


@functools.lru_cache(maxsize=4096)
def _fold_char(ch: str, separator: str) -> bytes:
    """What one character becomes in `fold`, before runs of separators collapse: `É` → `e`, `œ` → `oe`,
    `’` → the separator, a combining accent → nothing."""
    return "".join(c if "0" <= c <= "9" or "a" <= c <= "z" else separator for c in bare(ch)).encode("ascii")


def _fold_utf8(array, separator: str):
    """`fold` of every string of a large_string array, computed on its UTF-8 bytes with numpy.

    Folding is a map from each character to a few ASCII letters, digits or separators, then runs of
    separators collapse and the ends are trimmed: the map is built once per distinct character (a
    French column holds a few dozen), and everything else is whole-array arithmetic over the bytes.
    Unicode normalisation and regular expressions over every cell cost three times as much.
    """
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    from .arrays import cell_offsets, text

    sep = ord(separator)
    rows = len(array)
    offsets = cell_offsets(array)
    data = np.frombuffer(array.buffers()[2], dtype=np.uint8)[offsets[0]: offsets[-1]] if offsets[-1] > offsets[0] \
        else np.zeros(0, np.uint8)
    offsets = offsets - offsets[0]

    leads = np.flatnonzero(data >= 0xC0)  # where each character beyond ASCII begins
    characters, rank = _distinct_characters(data, leads)
    pieces = [_fold_char(c, separator) for c in characters]
    if all(len(piece) <= len(c.encode()) for piece, c in zip(pieces, characters, strict=True)):
        # The usual case: each piece fits in its character's own bytes (é → e, œ → oe). It is
        # written there, over bytes that ASCII's table drops, and what is left of them is dropped.
        table, lengths = _piece_table(pieces)
        out = _ascii_table(separator).take(data)
        for k in range(table.shape[1]):
            at = lengths[rank] > k
            out[leads[at] + k] = table[rank[at], k]
        keep = out != 0
        bounds = _kept_bounds(keep, offsets)
        out = out[keep]
    else:
        # A piece longer than its character (½ → 1-2): every byte's piece, end to end; the bytes
        # after a character's first have an empty one.
        table, lengths = _piece_table([*(_fold_char(chr(c), separator) for c in range(128)), b"", *pieces])
        classes = np.minimum(data, 128).astype(np.int64)
        classes[leads] = 129 + rank
        out_lengths = lengths[classes]
        ends = np.zeros(len(data) + 1, dtype=np.int64)  # int64 throughout: offsets of Arrow's large strings
        np.cumsum(out_lengths, out=ends[1:])
        source = np.repeat(np.arange(len(data)), out_lengths)
        out = table[classes[source], np.arange(int(ends[-1])) - ends[source]]
        bounds = ends[offsets]

    # A separator stays only after a letter or digit of the same string: runs collapse, leads go.
    word = out != sep
    after_word = np.zeros(len(out), dtype=bool)
    after_word[1:] = word[:-1]
    firsts = bounds[:-1]
    after_word[firsts[firsts < len(out)]] = False
    keep = word | after_word
    bounds = _kept_bounds(keep, bounds)
    out = out[keep]
    # At most one separator is left at the end of a string: drop it.
    last = bounds[1:] - 1
    filled = bounds[1:] > bounds[:-1]
    trailing = np.zeros(rows, dtype=bool)
    trailing[filled] = out[last[filled]] == sep
    if trailing.any():
        drop = np.ones(len(out), dtype=bool)
        drop[last[trailing]] = False
        out = out[drop]
        bounds = bounds - np.concatenate([[0], np.cumsum(trailing)])
    folded = pa.Array.from_buffers(pa.large_string(), rows, [None, pa.py_buffer(bounds), pa.py_buffer(out)])
    return pc.if_else(array.is_valid(), folded, text(None)) if array.null_count else folded


@functools.lru_cache(maxsize=8)
def _ascii_table(separator: str):
    """What each byte becomes in `fold` when it is a whole ASCII character; 0 for the bytes of other
    characters (0 never comes out of `fold`, so it marks bytes to drop)."""
    import numpy as np

    return np.frombuffer(b"".join(_fold_char(chr(c), separator) for c in range(128)) + bytes(128), dtype=np.uint8)


def _piece_table(pieces: list[bytes]):
    """The pieces as rows of a byte table (padded with 0), and their lengths."""
    import numpy as np

    lengths = np.array([len(p) for p in pieces], dtype=np.int64)
    table = np.zeros((len(pieces), max([1, *lengths.tolist()])), dtype=np.uint8)
    for i, piece in enumerate(pieces):
        table[i, :len(piece)] = np.frombuffer(piece, dtype=np.uint8)
    return table, lengths


def _distinct_characters(data, leads):
    """The distinct characters that begin at `leads` in UTF-8 `data`, and which of them each one is."""
    import numpy as np

    from .arrays import characters_at

    if not len(leads):
        return [], np.zeros(0, dtype=np.int64)
    points = characters_at(data, leads)
    if points.max() < 0x10000:  # a table over the Basic Multilingual Plane: no sort
        seen = np.zeros(0x10000, dtype=bool)
        seen[points] = True
        distinct = np.flatnonzero(seen)
        ranks = np.zeros(0x10000, dtype=np.int64)
        ranks[distinct] = np.arange(len(distinct))
        rank = ranks[points]
    else:
        distinct, rank = np.unique(points, return_inverse=True)
    return [chr(c) for c in distinct.tolist()], rank
