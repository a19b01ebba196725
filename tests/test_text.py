"""fold and fold_column agree: names compare the same one at a time and by whole columns."""

from __future__ import annotations

import pandas as pd
import pytest

from cicli.speed.fold import fold_column
from cicli.text import fold

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
    from cicli.speed import arrays

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


def test_fold_column_equals_fold_on_random_text_in_many_blocks(monkeypatch):
    """Letters, accents, combining marks, ligatures, fractions, Greek, CJK, emoji, spaces and dashes
    at random: folding by whole columns, in blocks that split them anywhere, equals fold."""
    import random

    from cicli.speed import arrays
    from cicli.speed import fold as text

    monkeypatch.setattr(text, "FOLD_BLOCK", 7)
    monkeypatch.setattr(arrays, "PARALLEL_ROWS", 50)
    randomly = random.Random(7)
    pool = [chr(c) for c in [*range(32, 0x250), *range(0x300, 0x370), 0x2019, 0x2013, 0x2014, 0xAB, 0xBB, 0xA0, 0x202F,
                             0x2153, 0xFB01, 0x2160, 0x2460, 0x130, 0x1C5, 0x3B1, 0x3A3, 0x65E5, 0x1D400, 0x1F600, 0x200B]]
    cells = ["".join(randomly.choice(pool) for _ in range(randomly.randint(0, 14))) for _ in range(3000)]
    cells += ["", " ", "--", "-a-", "a - b", "\u0301", "½", "ǅ"]
    column = pd.Series(cells, dtype="str")
    assert fold_column(column).tolist() == [fold(c) for c in cells]
    assert fold_column(column, separator="-").tolist() == [fold(c).replace(" ", "-") for c in cells]


def test_fold_column_on_a_slice_and_on_nothing():
    column = pd.Series(["x", "Été", "à-b", "Ça"], dtype="str").iloc[1:3]
    assert fold_column(column).tolist() == ["ete", "a b"]
    assert fold_column(pd.Series([], dtype="str")).tolist() == []
    assert fold_column(pd.Series(["", ""], dtype="str")).tolist() == ["", ""]


@pytest.mark.parametrize("text, expected", [
    ("HIF\u0410", "HIF\\u0410"),  # a Cyrillic А among Latin letters: shown as what it is
    ("Москва", "Москва"),  # a word all in Cyrillic disguises nothing
    ("A\u202eB", "A\\u202eB"),  # a direction mark acts on the screen: escaped
    ("HIF\u0391", "HIF\\u0391"), ("N\u0555VINOR", "N\\u0555VINOR"),  # Greek Alpha, Armenian Oh
    ("HIF\u0410 Москва", "HIF\\u0410 Москва"),  # the disguised word escaped, the Russian one as written
    ("Sept-Îles", "Sept-Îles"),
])
def test_a_message_shows_disguised_letters_and_marks_as_escapes_and_the_rest_as_written(text, expected):
    from cicli.text import shown

    assert shown(text) == expected
