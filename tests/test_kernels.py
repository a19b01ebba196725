"""Each fast operation of cicli.speed equals its plain meaning (cicli.text, cicli.speed.reference) on generated text.

The text is what users type into lists: accents, ligatures, typographic apostrophes and dashes, non-breaking and
zero-width spaces, combining marks, control characters, emoji, and any Unicode hypothesis draws besides.
"""

from __future__ import annotations

import csv
import io
import re

import pyarrow as pa
from hypothesis import given, settings
from hypothesis import strategies as st

from cicli.ids import make_ids
from cicli.speed import reference
from cicli.speed.csv_lines import csv_lines, formula_safe
from cicli.speed.fold import fold_array
from cicli.speed.numbering import number_repeats
from cicli.speed.repeats import earlier_rows
from cicli.text import fold

TYPED = "aAeéÉèêëiîïoôœŒuùûüçÇßæ -–—‑’'‘«»\u00a0\u202f\u200b\u00ad\u0301\u0327.,;:/()&=+@\t\r\n\"0123456789😀ǅﬁ"
cells = st.text(alphabet=st.sampled_from(TYPED), max_size=24) | st.text(max_size=12)
columns = st.lists(cells, max_size=40)


@settings(max_examples=300, deadline=None)
@given(columns, st.sampled_from([" ", "-"]))
def test_fold_array_is_fold_on_every_cell(values, separator):
    folded = fold_array(pa.array(values, pa.string()), separator).to_pylist()
    assert folded == [fold(v).replace(" ", separator) for v in values]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from("'=+-@\t\r0123456789.,aé "), max_size=8) | cells, max_size=30))
def test_formula_safe_is_the_reference_on_every_cell(values):
    assert formula_safe(pa.array(values, pa.large_string())).to_pylist() == [reference.formula_safe(v) for v in values]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(cells, min_size=3, max_size=3), max_size=20), st.sampled_from([",", ";", "\t"]))
def test_csv_lines_are_what_the_csv_module_writes_of_the_safe_cells(rows, delimiter):
    columns = [pa.array([row[k] for row in rows], pa.large_string()) for k in range(3)]
    written = b"".join(bytes(part) for part in csv_lines(columns, delimiter)).decode() if rows else ""
    expected = ""
    for row in rows:  # the csv module quotes what its line end holds: "\r\n" makes it quote a lone "\r" too
        line = io.StringIO()
        csv.writer(line, delimiter=delimiter, lineterminator="\r\n").writerow([reference.formula_safe(c) for c in row])
        expected += line.getvalue().removesuffix("\r\n") + "\n"
    assert written == expected
    back = list(csv.reader(io.StringIO(written, newline=""), delimiter=delimiter))
    assert back == [[reference.formula_safe(cell) for cell in row] for row in rows]


ids = st.lists(st.sampled_from(["a", "a-2", "a-2-2", "a-3", "a-2-3", "b", "b-2", "centre"]), max_size=12)


@settings(max_examples=400, deadline=None)
@given(ids)
def test_number_repeats_is_the_reference_and_leaves_no_repeat(values):
    numbered = number_repeats(values).to_pylist()
    assert numbered == reference.number_repeats(values)
    assert len(set(numbered)) == len(numbered)
    first = {}
    for value, made in zip(values, numbered, strict=True):
        first.setdefault(value, made)
        assert made == value or made.startswith(value + "-")


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["", "x", "X", "é", "y", "x "]), max_size=30))
def test_earlier_rows_points_each_repeat_at_its_first_row(values):
    found = earlier_rows(pa.array(values, pa.large_string()))
    first, expected = {}, []
    for row, value in enumerate(values):
        if value and value in first:
            expected.append((row, first[value]))
        first.setdefault(value, row)
    got = [] if found is None else list(zip(found[0].tolist(), found[1].tolist(), strict=True))
    assert got == expected


names_and_ids = st.lists(st.tuples(st.sampled_from(["alpha", "Alpha", "alpha 2", "alpha-2-2", "beta", ""]),
                                    st.sampled_from(["", "", "alpha-2", "alpha-2-2", "centre"])), max_size=8)


@settings(max_examples=300, deadline=None)
@given(names_and_ids)
def test_validate_words_the_ids_that_classify_gives(rows):
    """Issue #28: validate's duplicate-name messages and classify named one row differently (6 rows were enough)."""
    import pandas as pd

    from cicli.ids import RowIds

    names, given_ids = [r[0] for r in rows], [r[1] for r in rows]
    made = make_ids(pd.Series(given_ids, dtype="str"), pd.Series(names, dtype="str")).tolist()
    worded = RowIds(pa.table({"name": pa.array(names, pa.large_string()), "id": pa.array(given_ids, pa.large_string())}))
    assert [worded.of(i) for i in range(len(rows))] == made
    assert len(set(made)) == len(made)


def test_validate_and_classify_name_the_rows_of_a_six_row_file_alike(tmp_path, run, run_json):
    path = tmp_path / "six.csv"
    path.write_text("nom,id\nalpha,\nalpha,\nalpha 2,\nalpha,alpha-2\nalpha,\nbeta,\n", encoding="utf-8")
    code, out, _err = run("classify", str(path), "--format", "csv")
    assert code == 0
    ids = [line.split(",")[0] for line in out.splitlines()[1:]]
    assert ids == ["alpha", "alpha-2-2", "alpha-2", "alpha-2-2-2", "alpha-3", "beta"]
    _code, validated, _err = run_json("validate", str(path))
    quoted = {p["row"]: re.search(r"'([a-z0-9-]+)'", p["message"]).group(1)
              for p in validated["problems"] if p["code"] == "duplicate-name"}
    assert quoted == {3: "alpha-2-2", 5: "alpha-2-2-2", 6: "alpha-3"}
