"""Repeated cells in whole Arrow columns: which rows repeat an earlier one, and where that one is.

Validation names repeated names, ids and copied rows at their rows; ids are made unique. Both need,
for a column of a million cells, the repeats and their first rows, fast whether the column is made of
distinct cells (names of a clean annex) or of a few cells copied over and over (a messy list).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from .arrays import _large_string_chunks, cell_offsets, integers, one_chunk, text, to_numpy_bools, to_numpy_ints


def earlier_rows(column, normalise: Callable | None = None) -> tuple[np.ndarray, np.ndarray] | None:
    """Where a cell's text, after `normalise` (an Arrow kernel, such as lowercasing), appeared on an
    earlier row: the positions of the repeats and, for each, the position of its first row. Empty
    and null cells are skipped. None when no text repeats, the usual case.

    Two ways, chosen from a sample of the column: where text repeats (a lead, a region, a messy list of
    copied rows), Arrow's dictionary encoding of the whole column, which is quick when there are few
    distinct cells; where text seldom repeats (names, addresses), fingerprints (`_by_fingerprints`),
    which copy nothing."""
    if repeats_likely(column):
        return repeats_of_codes(codes(column, normalise))
    return _by_fingerprints(column, normalise)


SAMPLE = 4096  # cells looked at to tell a column of repeats from a column of distinct cells


def repeats_likely(column) -> bool:
    """Whether a sample of evenly spaced cells holds repeats (one in ten or more)."""
    length = len(column)
    if length <= SAMPLE:
        return False
    wanted = np.linspace(0, length - 1, SAMPLE).astype(np.int64)
    chunks = column.chunks if isinstance(column, pa.ChunkedArray) else [column]
    bounds = np.cumsum([0, *(len(chunk) for chunk in chunks)])
    which = np.searchsorted(bounds, wanted, side="right") - 1
    # Taken chunk by chunk: a take across the chunks of a column would first join them (a copy of it all).
    pieces = [pc.take(chunks[k], integers(wanted[which == k] - bounds[k])) for k in np.unique(which)]
    return sum(len(p) for p in pieces) and len(pc.unique(pa.chunked_array(pieces))) < 0.9 * SAMPLE


def codes(column, normalise: Callable | None = None) -> np.ndarray:
    """Each cell's number among the distinct (normalised) cells of the column; -1 for empty and null cells.
    Arrow's dictionary encoding numbers the cells as written; `normalise` then runs on the distinct cells
    only (a few, in a list of copied rows), and the numbers of cells it makes equal are merged."""
    encoded = pc.dictionary_encode(column)
    chunks = encoded.chunks if isinstance(encoded, pa.ChunkedArray) else [encoded]
    if not chunks:
        return np.zeros(0, dtype=np.int64)
    dictionary = chunks[0].dictionary  # the chunks of a column share one dictionary
    indices = np.concatenate([_indices(chunk.indices) for chunk in chunks])
    if normalise is not None:
        merged = pc.dictionary_encode(normalise(dictionary))
        numbers, dictionary = to_numpy_ints(merged.indices), merged.dictionary
    else:
        numbers = np.arange(len(dictionary), dtype=np.int64)
    empty = np.flatnonzero(to_numpy_bools(pc.equal(dictionary.cast(pa.large_string()), text(""))))
    if len(empty):
        numbers[np.isin(numbers, empty)] = -1
    return np.append(numbers, -1)[indices]  # a null's index, -1, reads the last number: -1


def _indices(indices: pa.Array) -> np.ndarray:
    """A dictionary's indices as numpy int64, -1 for nulls (cells are never null in cicli's tables)."""
    if not indices.null_count:
        return to_numpy_ints(indices)  # from the buffer: Arrow's own to_numpy may import pandas
    return np.where(to_numpy_bools(indices.is_valid()), to_numpy_ints(pc.fill_null(indices, integers([0])[0])), -1)


def repeats_of_codes(numbers: np.ndarray, skip: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray] | None:
    """The positions whose code appeared earlier (codes -1 and `skip` aside), and each one's first position."""
    valid = numbers >= 0
    if skip is not None:
        valid &= ~skip
    positions = np.flatnonzero(valid)
    if not len(positions):
        return None
    values = numbers[positions]
    if int(values.max()) < 4 * len(values):  # dense numbers (a dictionary's): no sort needed
        count, compact = int(values.max()) + 1, values
    else:  # sparse numbers (pairs of numbers): made dense first
        distinct, compact = np.unique(values, return_inverse=True)
        count = len(distinct)
    first = first_positions(compact, positions, count)[compact]
    repeated = first != positions
    return (positions[repeated], first[repeated]) if repeated.any() else None


def _by_fingerprints(column, normalise: Callable | None = None) -> tuple[np.ndarray, np.ndarray] | None:
    """earlier_rows for a column whose cells seldom repeat. A hash table of a million strings copies them
    all and is slow to build: instead each cell gets a 64-bit fingerprint computed by numpy, a sort finds
    the fingerprints that repeat, and only the cells that share one are compared whole (none, in the usual
    case). `normalise` runs chunk by chunk, so the normalised text is never held whole."""
    prints, present = [], []
    for chunk in _large_string_chunks(column):
        cells = _large_string_chunks(normalise(chunk))[0] if normalise else chunk
        fingerprint, filled = _fingerprints(cells)
        if cells.null_count:
            filled &= to_numpy_bools(cells.is_valid())
        prints.append(fingerprint)
        present.append(filled)
    if not prints:
        return None
    positions = np.flatnonzero(np.concatenate(present))
    prints = np.concatenate(prints)[positions]
    ordered = np.sort(prints)
    shared = ordered[1:][ordered[1:] == ordered[:-1]]
    if not len(shared):
        return None
    candidates = positions[np.isin(prints, shared)]
    cells = pc.take(column, integers(candidates))
    encoded = pc.dictionary_encode(one_chunk(normalise(cells) if normalise else cells))
    codes = to_numpy_ints(encoded.indices)
    first = first_positions(codes, candidates, len(encoded.dictionary))[codes]
    repeated = first != candidates
    return (candidates[repeated], first[repeated]) if repeated.any() else None  # else: fingerprints met by chance


#: Fingerprints are computed over runs of cells whose text spans at most this many bytes (a longer
#: cell: over its first bytes): the tables of powers stay small, the temporaries in the CPU's caches
#: (256 KB ran 10% faster than 1 MB on a million names).
FINGERPRINT_SPAN = 1 << 18
_BASE = 0x100000001B3  # odd, so it has an inverse modulo 2**64
_powers: dict[int, tuple[np.ndarray, np.ndarray]] = {}


def _power_tables() -> tuple[np.ndarray, np.ndarray]:
    """BASE**i and BASE**-i modulo 2**64, for i below FINGERPRINT_SPAN: built when first needed, and
    stored in one step (two threads may build them at once; either pair is right)."""
    tables = _powers.get(FINGERPRINT_SPAN)
    if tables is None:
        def powers(base: int) -> np.ndarray:
            factors = np.full(FINGERPRINT_SPAN, base, dtype=np.uint64)
            factors[0] = 1
            return np.cumprod(factors, dtype=np.uint64)  # numpy's integers wrap: modulo 2**64
        tables = _powers[FINGERPRINT_SPAN] = (powers(_BASE), powers(pow(_BASE, -1, 1 << 64)))
    return tables


def _fingerprints(chunk: pa.Array) -> tuple[np.ndarray, np.ndarray]:
    """A 64-bit fingerprint of each cell of a large_string chunk (equal text, equal fingerprints), and
    whether the cell holds any text. The fingerprint is the polynomial hash of the cell's bytes: all
    the text is weighed by the powers of its place in the run at once, and summed cell by cell, then
    each sum is shifted back by its cell's start so that where a cell lies does not count."""
    offsets = cell_offsets(chunk)
    starts, ends = offsets[:-1], offsets[1:]
    lengths = ends - starts
    prints = np.zeros(len(starts), dtype=np.uint64)
    if lengths.any():
        data = np.frombuffer(chunk.buffers()[2], dtype=np.uint8)
        powers, inverses = _power_tables()
        low = 0
        while low < len(starts):
            high = max(int(np.searchsorted(ends, starts[low] + FINGERPRINT_SPAN, side="right")), low + 1)
            first, last = starts[low], min(ends[high - 1], starts[low] + FINGERPRINT_SPAN)
            weighed = data[first:last].astype(np.uint64)
            weighed *= powers[: last - first]
            at = starts[low:high] - first
            counted = (lengths[low:high] > 0) & (at < last - first)
            sums = np.zeros(high - low, dtype=np.uint64)
            sums[counted] = np.add.reduceat(weighed, at[counted])  # empty cells take no place in the text
            prints[low:high] = sums * inverses[np.minimum(at, FINGERPRINT_SPAN - 1)]
            low = high
    return prints ^ lengths.astype(np.uint64), lengths > 0


def first_positions(codes: np.ndarray, positions: np.ndarray, count: int) -> np.ndarray:
    """For each of `count` codes, the first of `positions` (in order) where `codes` holds it."""
    firsts = np.empty(count, dtype=np.int64)
    firsts[codes[::-1]] = positions[::-1]  # written last, so kept: each code's first position
    return firsts


