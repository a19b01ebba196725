"""Arrow columns without pandas: converters built from buffers, byte-level searches, repeats."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pytest
from conftest import printed_rows, write_csv, write_xlsx

from cicli.speed import arrays, repeats


def test_strings_and_scalars_equal_what_pyarrow_builds():
    values = ["", "é’«»", None, "a\x00b", "x" * 1000]
    assert arrays.strings(values).equals(pa.array(values, type=pa.large_string()))
    assert arrays.strings([]).equals(pa.array([], type=pa.large_string()))
    assert arrays.text("é").equals(pa.scalar("é", type=pa.large_string()))
    assert not arrays.text(None).is_valid
    assert arrays.number(-73.5).as_py() == -73.5
    assert arrays.boolean(False).as_py() is False
    assert arrays.booleans(np.array([True, False, True] * 5)).to_pylist() == [True, False, True] * 5


@pytest.mark.parametrize("start, length", [(0, 20), (3, 11), (9, 0)])
def test_numpy_views_respect_slices_and_nulls(start, length):
    flags = pa.array([i % 3 == 0 if i % 5 else None for i in range(20)]).slice(start, length)
    assert arrays.to_numpy_bools(flags).tolist() == [bool(v) for v in flags.to_pylist()]
    numbers = pa.array(range(20), type=pa.int32()).slice(start, length)
    assert arrays.to_numpy_ints(numbers).tolist() == numbers.to_pylist()


ZERO_WIDTH, SPACE = (0x200B,), (0x20,)


def test_text_bytes_and_holds_any_see_only_their_slice_of_each_chunk():
    column = pa.chunked_array([pa.array(["ab", "c\u200b", ""], type=pa.large_string()).slice(0, 1),
                               pa.array(["", "", "d e"], type=pa.large_string()).slice(0, 2)])
    assert arrays.text_bytes(column) == 2
    assert not arrays.holds_any(column, ZERO_WIDTH)
    assert not arrays.holds_any(column, SPACE)
    whole = pa.chunked_array([pa.array(["ab", "c\u200b"], type=pa.large_string()), pa.array(["d e"], type=pa.large_string())])
    assert arrays.holds_any(whole, ZERO_WIDTH) and arrays.holds_any(whole, SPACE)
    assert arrays.text_bytes(pa.chunked_array([], type=pa.large_string())) == 0
    small = pa.array(["ab", "c\u200b", "d e"]).slice(1, 1)  # 32-bit offsets
    assert arrays.text_bytes(small) == 4 and arrays.holds_any(small, ZERO_WIDTH) and not arrays.holds_any(small, SPACE)


def test_holds_any_agrees_with_a_search_in_every_cell():
    from cicli.validation.checks import _CONTROL, CONTROL

    cells = ["plain", "tab\there", "new\nline", "bell\x07", "nul\x00", "bom\ufeff", "rtl\u202e", "zw\u200d", "del\x7f",
             "é’–…", "\u2028\u206a\u200a"]
    for cell in cells:
        column = pa.chunked_array([pa.array(["x", cell, "y"], type=pa.large_string())])
        assert arrays.holds_any(column, CONTROL) == pc.any(pc.match_substring_regex(column, _CONTROL)).as_py(), cell


@pytest.mark.parametrize("block", [1, 3, 1 << 20])
def test_holds_any_equals_python_on_random_text(monkeypatch, block):
    """Characters of one to four bytes at random, in chunks and search blocks that split them anywhere:
    holds_any says what a look at every character says, for sets of each width."""
    import random

    from cicli.validation.checks import _SPACE, CONTROL

    monkeypatch.setattr(arrays, "SEARCH_BLOCK", block)
    randomly = random.Random(block)
    pool = [*range(0x20, 0x80), 0x09, 0x0A, 0x0D, 0x00, 0x7F, 0xE9, 0x2019, 0x2026, 0x200B, 0x200F, 0x2010, 0x202E, 0x202F,
            0x2069, 0x206A, 0xFEFF, 0xFEFE, 0x1F600, 0x1F601, 0x10FFFF]
    sets = [CONTROL, _SPACE, tuple(map(ord, ',"\r\n')), tuple(map(ord, "=+-@\t\r'")), (0x2019,), (0x1F600, 0xE9), (0x10FFFF,), (0x7F, 0x80)]
    for _ in range(150):
        cells = ["".join(chr(randomly.choice(pool)) for _ in range(randomly.randint(0, 4))) for _ in range(randomly.randint(1, 6))]
        cut = randomly.randint(0, len(cells))
        column = pa.chunked_array([pa.array(cells[:cut], type=pa.large_string()), pa.array(cells[cut:], type=pa.large_string())])
        for characters in sets:
            expected = any(ord(ch) in characters for cell in cells for ch in cell)
            assert arrays.holds_any(column, characters) == expected, (cells, characters)


def test_character_class_matches_exactly_its_characters():
    from cicli.validation.checks import _CONTROL, CONTROL

    points = [c for c in range(0x3000) if not 0xD800 <= c < 0xE000] + [0xFEFE, 0xFEFF, 0xFF00, 0x1F600, 0x10FFFF]
    column = pa.array([chr(c) for c in points], type=pa.large_string())
    assert pc.match_substring_regex(column, _CONTROL).to_pylist() == [c in CONTROL for c in points]
    assert pc.match_substring_regex(column, arrays.character_class([0x0, 0x5D, 0x5C, 0x2D, 0x1F600])).to_pylist() == \
        [c in (0x0, 0x5D, 0x5C, 0x2D, 0x1F600) for c in points]


def test_earlier_rows_points_each_repeat_at_its_first_row():
    key = pa.chunked_array([pa.array(["a", "b", None], type=pa.large_string()),
                            pa.array(["a", None, "b", "a", "c"], type=pa.large_string())])
    positions, firsts = repeats.earlier_rows(key)
    assert positions.tolist() == [3, 5, 6]
    assert firsts.tolist() == [0, 1, 0]
    assert repeats.earlier_rows(pa.array(["a", None, None, "b"], type=pa.large_string())) is None


def test_whitespace_is_what_python_and_arrow_trim():
    assert sorted(arrays.WHITESPACE.tolist()) == [c for c in range(0x110000) if chr(c).isspace()]


@pytest.mark.parametrize("template", ["{}", "a{}", "{}a", "é{}", "{}é", "a{}b", "{}\U0001f600", "\U0001f600{}"])
def test_edge_whitespace_sees_exactly_what_arrow_trims(template):
    """Every code point, alone and beside one-, two- and four-byte characters."""
    cells = arrays.strings([template.format(chr(c)) for c in range(0x110000) if not 0xD800 <= c < 0xE000])
    trimmed = arrays.to_numpy_bools(pc.not_equal(cells, pc.utf8_trim_whitespace(cells)))
    assert not arrays.edge_whitespace(cells.filter(arrays.booleans(~trimmed)))
    for i in np.flatnonzero(trimmed):
        assert arrays.edge_whitespace(pa.chunked_array([cells.slice(0, 3), cells.slice(int(i), 1)])), template.format(cells[i])
    assert trimmed.sum() == (0 if template == "a{}b" else len(arrays.WHITESPACE))


def _first_rows(cells: list[str | None], normalise=lambda s: s) -> tuple[list[int], list[int]]:
    """What earlier_rows finds, written the obvious way."""
    first: dict[str, int] = {}
    positions, firsts = [], []
    for i, cell in enumerate(cells):
        if cell is None or not normalise(cell):
            continue
        key = normalise(cell)
        if key in first:
            positions.append(i)
            firsts.append(first[key])
        else:
            first[key] = i
    return positions, firsts


@pytest.mark.parametrize("span", [repeats.FINGERPRINT_SPAN, 16, 1])
def test_earlier_rows_agrees_with_a_dictionary_of_first_rows(monkeypatch, span):
    """Random text from a small alphabet (many repeats, cells longer than a fingerprint's span that
    differ only past it, empty cells, accents and capitals), cut into random chunks."""
    monkeypatch.setattr(repeats, "FINGERPRINT_SPAN", span)
    rng = np.random.default_rng(span)
    alphabet = ["a", "b", "A", "é", "É", "’", " ", "\u212a", "k"]
    stems = ["".join(rng.choice(alphabet, size=rng.integers(0, 40))) for _ in range(60)]
    cells = [stems[rng.integers(len(stems))] + "".join(rng.choice(alphabet, size=rng.integers(0, 3))) for _ in range(3000)]
    cells[5] = None
    cuts = np.sort(rng.choice(np.arange(1, len(cells)), size=20, replace=False))
    column = pa.chunked_array([pa.array(part, type=pa.large_string()) for part in np.split(np.array(cells, dtype=object), cuts)])
    for normalise, python in ((None, lambda s: s), (pc.utf8_lower, str.lower)):
        expected = _first_rows(cells, python)
        found = repeats.earlier_rows(column, normalise)
        assert found is not None and (found[0].tolist(), found[1].tolist()) == expected
    assert repeats.earlier_rows(pa.chunked_array([pa.array(sorted(set(cells) - {None}), type=pa.large_string())])) is None


def test_fingerprints_ignore_where_a_cell_lies():
    prints, filled = repeats._fingerprints(pa.array(["", "abc", "x", "abc", "", "abcd"], type=pa.large_string()).slice(1))
    assert prints[0] == prints[2] and len(set(prints.tolist())) == 4 and filled.tolist() == [True, True, True, False, True]


def test_map_values_calls_once_per_value():
    calls = []
    out = arrays.map_values(pa.array(["a", "b", "a"], type=pa.large_string()), lambda v: calls.append(v) or v.upper())
    assert out.to_pylist() == ["A", "B", "A"] and calls == ["a", "b"]
    known = arrays.map_values(pa.array(["a", "b", "a"], type=pa.large_string()), lambda v: v == "a", flags=True)
    assert known.to_pylist() == [True, False, True]


def test_validate_never_imports_pandas(tmp_path):
    """pyarrow imports pandas on its own as soon as it converts a Python value: validating must not."""
    rows = printed_rows()
    rows[0] += ["status", "latitude", "designated_on", "zi_submitted_year", "initiator_kinds"]
    rows[1] += ["désigné", "48,5", "février 2022", "2020", "entreprise; cégep"]
    rows[2] += ["bof", "10", "hier", "20201", "alien"]
    for row in rows[3:]:
        row += ["", "", "", "", ""]
    rows[3][2] = rows[3][2] + "\u200b"
    csv_path = write_csv(tmp_path / "a.csv", rows)
    xlsx_path = write_xlsx(tmp_path / "a.xlsx", rows)
    code = ("import json, sys\nfrom cicli.cli import app\n"
            "for args in json.loads(sys.argv[1]):\n"
            "    sys.argv = ['cicli', 'validate', *args]\n"
            "    try:\n        app(prog_name='cicli')\n    except SystemExit:\n        pass\n"
            "print('LOADED', sorted(m for m in ('pandas', 'openpyxl') if m in sys.modules), file=sys.stderr)")
    runs = [[str(csv_path), "--format", fmt] for fmt in ("table", "csv", "json", "markdown")] + [[str(xlsx_path)], []]
    result = subprocess.run([sys.executable, "-c", code, json.dumps(runs)], capture_output=True, text=True, timeout=120, check=False,
                            env={**os.environ, "COLUMNS": "200"})
    # five runs list their problems (four formats, then the workbook), two invalid values and one invisible character each
    assert result.stdout.count("invalid-value") == 10 and result.stdout.count("control-character") == 5
    assert "LOADED []" in result.stderr, result.stderr[-2000:]
