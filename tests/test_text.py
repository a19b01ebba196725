"""fold and fold_column agree: names compare the same one at a time and by whole columns."""

from __future__ import annotations

import pandas as pd
import pytest

from cicli.text import fold, fold_column

TRICKY = ["Sept-Îles", "SEPT ILES", "Rivière-du-Loup", "L’Assomption", "Œuvre d'Æsop", "Straße", "ﬁbre",
          "Gaspésie–Îles-de-la-Madeleine", "  espaces   multiples ", "CIBÉT-VTE", "Ça", "naïve", "Zürich",
          "Ελληνικά", "日本語", "A\u200bB", "\u202eRTL", "", "n° 12", "Ǆ", "İstanbul", "Ñandú", "x\u0301y"]


@pytest.mark.parametrize("text, expected", [("Sept-Îles", "sept iles"), ("L’Assomption", "l assomption"),
                                            ("Œuvre", "oeuvre"), ("Straße", "strasse"), ("  a  b ", "a b")])
def test_fold(text, expected):
    assert fold(text) == expected


def test_fold_column_equals_fold_on_tricky_text():
    column = pd.Series(TRICKY, index=range(10, 10 + len(TRICKY)), dtype="str")
    folded = fold_column(column)
    assert folded.index.tolist() == column.index.tolist()
    assert folded.tolist() == [fold(t) for t in TRICKY]


def test_fold_column_in_two_threads_and_with_a_separator(monkeypatch):
    import cicli.arrays as arrays

    monkeypatch.setattr(arrays, "PARALLEL_ROWS", 4)
    column = pd.Series(TRICKY, dtype="str")
    assert fold_column(column).tolist() == [fold(t) for t in TRICKY]
    assert fold_column(column, separator="-").tolist() == [fold(t).replace(" ", "-") for t in TRICKY]


def test_fold_column_on_object_columns():
    assert fold_column(pd.Series(["Sept-Îles", None], dtype=object)).tolist() == ["sept iles", ""]


def test_some_of_lists_a_few_then_counts_the_rest():
    from cicli.text import some_of

    assert some_of(["a", "b"]) == "a, b"
    assert some_of([str(n) for n in range(12)], limit=3) == "0, 1, 2, and 9 more"
    assert some_of([1, 2, 3], "; ", 2, show=lambda n: f"#{n}") == "#1; #2; and 1 more"
