"""Whole-column helpers: distinct combinations and spreading results back."""

from __future__ import annotations

import numpy as np
import pandas as pd

import cicli.speed.arrays as arrays
from cicli.speed.arrays import in_parallel
from cicli.speed.frames import distinct_rows, map_distinct, spread


def test_distinct_rows_numbers_combinations_in_order_of_first_appearance():
    frame = pd.DataFrame({"a": ["x", "y", "x", "x", "y"], "b": ["1", "1", "1", "2", "1"]},
                         index=[10, 11, 12, 13, 14], dtype="str")
    firsts, groups = distinct_rows(frame, ["a", "b"])
    assert firsts.tolist() == [0, 1, 3]
    assert groups.tolist() == [0, 1, 0, 2, 1]


def test_distinct_rows_without_columns_or_rows():
    frame = pd.DataFrame({"a": ["x", "y"]}, dtype="str")
    assert [a.tolist() for a in distinct_rows(frame, [])] == [[0], [0, 0]]
    assert [a.tolist() for a in distinct_rows(frame.iloc[:0], ["a"])] == [[], []]


def test_distinct_rows_keeps_combinations_apart_when_the_key_would_overflow():
    # Five columns of 65,536 distinct values: a key of 80 bits would wrap in int64 and lose column a.
    values = [str(i) for i in range(65_536)]
    frame = pd.DataFrame(dict.fromkeys("abcde", values), dtype="str")
    frame.loc[len(frame)] = ["1", "0", "0", "0", "0"]  # differs from row 0 in column a only
    firsts, groups = distinct_rows(frame, list("abcde"))
    assert len(firsts) == len(frame)
    assert groups[-1] == len(frame) - 1


def test_spread_is_the_inverse_of_distinct_rows_and_keeps_types():
    index = [3, 4, 5, 6]
    frame = pd.DataFrame({"text": pd.Series(["a", None, "a", "c"], index=index, dtype="str"),
                          "flag": pd.Series([True, None, True, False], index=index, dtype=object),
                          "year": pd.Series([2021.0, np.nan, 2021.0, 2023.0], index=index)})
    firsts, groups = distinct_rows(frame, ["text"])
    out = spread(frame.iloc[firsts], groups, frame.index)
    pd.testing.assert_frame_equal(out, frame)


def test_in_parallel_keeps_order_on_two_threads(monkeypatch):
    import threading

    monkeypatch.setattr(arrays, "PARALLEL_ROWS", 1)
    seen = set()
    out = in_parallel(lambda i: seen.add(threading.get_ident()) or i * i, range(50), rows=10)
    assert out == [i * i for i in range(50)]
    assert threading.get_ident() not in seen  # the work ran on the pool, not here


def test_two_threads_change_nothing_in_what_is_read_checked_and_classified(tmp_path, monkeypatch):
    """Every path that shares long columns between two threads, forced on a small file with problems."""
    import csv

    from cicli import pipeline, results
    from cicli.read import bundled_path

    with bundled_path().open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    header, body = rows[0], rows[1:]
    name = header.index("name")
    extra = [list(r) for r in body[:3]]  # copied rows: duplicate names, leads and sources
    extra[0][name] = " " + extra[0][name].upper() + "\u200b "
    path = tmp_path / "annexe.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([header, *body, *extra])

    def outcome():
        report = pipeline.validate(path)
        table = results.classify(path, lang="fr").frame
        return report.as_dict(), table

    alone_report, alone_table = outcome()
    monkeypatch.setattr(arrays, "PARALLEL_ROWS", 1)
    shared_report, shared_table = outcome()
    assert {p["code"] for p in alone_report["problems"]} >= {"duplicate-name", "duplicate-lead-source",
                                                            "control-character"}
    assert shared_report == alone_report
    pd.testing.assert_frame_equal(shared_table, alone_table)


def test_map_distinct_calls_once_per_value():
    calls = []
    out = map_distinct(pd.Series(["a", "b", "a", "a"], index=[5, 6, 7, 8]), lambda v: calls.append(v) or v.upper())
    assert out.tolist() == ["A", "B", "A", "A"]
    assert out.index.tolist() == [5, 6, 7, 8]
    assert calls == ["a", "b"]
