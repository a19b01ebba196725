"""`cicli validate`: problems as data, one code per failure, rows as a spreadsheet shows them."""

from __future__ import annotations

import json

import numpy as np
import pyarrow as pa
import pytest
from conftest import PRINTED_ANNEX, printed_rows, sha256, write_csv, write_xlsx

from cicli.errors import InputError
from cicli.pipeline import load, validate
from cicli.problems import CATALOGUE
from cicli.validation.checks import MAX_PER_CODE


def problems(tmp_path, rows, **kw):
    return [(p.severity, p.code, p.row, p.column, p.value) for p in validate(write_csv(tmp_path / "t.csv", rows, **kw)).problems]


def test_printed_annex_points_at_the_copied_row_and_the_wrong_regions():
    report = validate(PRINTED_ANNEX)
    assert report.valid
    assert [(p.code, p.row, p.column, p.value) for p in report.problems] == [
        ("unknown-region", 4, "Région", "Bas-Saint-Laurent et Gaspésie"),
        ("read-as", 6, "Région", "Chaudières-Appalaches"),
        ("duplicate-lead-source", 14, "Responsable", "Marilou Cyr"),
    ]
    assert report.problems[1].message == "'Chaudières-Appalaches' read as the region Chaudière-Appalaches (row 6)."
    assert report.problems[2].message == "same lead and same source as row 9: was the row copied from it?"


def test_printed_annex_in_xlsx_gives_the_same_problems(tmp_path):
    path = write_xlsx(tmp_path / "a.xlsx", printed_rows())
    assert [(p.code, p.row) for p in validate(path).problems] == [
        ("unknown-region", 4), ("read-as", 6), ("duplicate-lead-source", 14)]


def test_missing_name_column(tmp_path):
    assert problems(tmp_path, [["Région", "Ville"], ["Laval", "Laval"]]) == [
        ("error", "missing-name-column", 1, None, None)]


def test_empty_name(tmp_path):
    assert problems(tmp_path, [["Nom", "Région"], ["A", "Laval"], ["", "Laval"]]) == [
        ("error", "empty-name", 3, "Nom", "")]


@pytest.mark.parametrize("column, value, code", [
    ("designated_on", "2022-13", "invalid-date"),
    ("designated_on", "hier", "invalid-date"),
    ("zi_submitted_year", "20201", "invalid-number"),
    ("latitude", "48,4,1", "invalid-number"),
    ("investment_cad", "beaucoup", "invalid-number"),
    ("investment_cad", "inf", "invalid-number"),
    ("latitude", "nan", "invalid-number"),
    ("latitude", "1.2.3", "invalid-number"),
    ("status", "peut-être", "invalid-value"),
    ("aims_zone", "bof", "invalid-value"),
    ("initiator_kinds", "company; alien", "invalid-value"),
])
def test_malformed_values_are_warnings_kept_as_written(tmp_path, column, value, code):
    """A value cicli cannot read no longer stops the file (#29): a warning at its cell, the cell kept as written."""
    assert problems(tmp_path, [["name", column], ["A", value]]) == [("warning", code, 2, column, value)]
    centres = load(write_csv(tmp_path / "t.csv", [["name", column], ["A", value]]))
    assert centres.raw[column].tolist() == [value] and centres.left_out == []


@pytest.mark.parametrize("column, value, typed", [
    ("designated_on", "février 2022", "2022-02"),
    ("designated_on", "2022-02-01", "2022-02"),
    ("status", "Désigné", "designated"),
    ("status", "projet", "project"),
    ("aims_zone", "Oui", "yes"),
    ("initiator_kinds", "Entreprise ; cégep", "company; cegep"),
    ("investment_cad", "35 000 000", 35_000_000),
    ("latitude", "48,43", 48.43),
    ("longitude", "-7.15e1", -71.5),
    ("investment_cad", "3 500 000,50 $", 3_500_000.5),
])
def test_values_people_type_are_read(tmp_path, column, value, typed):
    centres = load(write_csv(tmp_path / "t.csv", [["Nom", column], ["A", value]]))
    assert centres.findings.problems == []
    assert centres.frame[column].iloc[0] == typed


def test_warnings(tmp_path):
    rows = [["Nom", "Région", "Responsable", "Sources", "latitude", "longitude"],
            ["A", "Laval", "X", "https://a.ca/", "45.5", "-73.6"],
            ["a", "Gaspésie", "N/A", "a.ca", "", ""],
            ["B", "Monterégie", "x", "https://a.ca", "10", "-73"],
            ["C", "", "N/A", "https://a.ca/", "", ""]]
    assert problems(tmp_path, rows) == [
        ("warning", "duplicate-name", 3, "Nom", "a"),
        ("note", "read-as", 3, "Région", "Gaspésie"),
        ("warning", "invalid-url", 3, "Sources", "a.ca"),
        ("note", "read-as", 4, "Région", "Monterégie"),
        ("warning", "duplicate-lead-source", 4, "Responsable", "x"),
        ("warning", "outside-quebec", 4, "latitude", "10.0"),
    ]


@pytest.mark.parametrize("sources, flagged", [
    (["https://a.ca", "http://b.ca"], []),
    (["HTTPS://A.ca", "http://b.ca"], []),  # a capital anywhere: the check ignores case
    (["Http://a.ca", "ftp://b.ca", "", "https://c.ca/x y"], [3, 5]),
])
def test_web_addresses_are_read_whatever_their_case(tmp_path, sources, flagged):
    rows = [["Nom", "Sources"]] + [[f"C{i}", s] for i, s in enumerate(sources)]
    found = problems(tmp_path, rows)
    assert [row for _, code, row, _, _ in found if code == "invalid-url"] == flagged


def test_accents_and_dashes_do_not_make_a_region_unknown(tmp_path):
    rows = [["Nom", "Région"], ["A", "Saguenay-Lac-Saint-Jean"], ["B", "MONTREAL"], ["C", "gaspesie iles de la madeleine"]]
    assert [(severity, code, row) for severity, code, row, _, _ in problems(tmp_path, rows)] == [
        ("note", "read-as", 3), ("note", "read-as", 4)]  # a hyphen for an en dash is the same spelling: no note
    regions = load(write_csv(tmp_path / "r.csv", rows)).frame["region"].tolist()
    assert regions == ["Saguenay–Lac-Saint-Jean", "Montréal", "Gaspésie–Îles-de-la-Madeleine"]


def test_control_and_invisible_characters_are_reported(tmp_path):
    rows = [["Nom", "Notes"], ["A\u200b", "ok"], ["B", "bell\x07"]]
    assert [(c, r, col) for _, c, r, col, _ in problems(tmp_path, rows)] == [
        ("control-character", 2, "Nom"), ("control-character", 3, "Notes")]


def test_duplicate_columns_are_an_error_not_a_rename(tmp_path):
    assert problems(tmp_path, [["Nom", "name", "Région"], ["A", "B", "Laval"]]) == [
        ("error", "duplicate-column", 1, "name", "name")]


def test_problems_are_capped_per_code(tmp_path):
    rows = [["Nom", "x"]] + [["", "y"] for _ in range(MAX_PER_CODE + 50)]
    found = validate(write_csv(tmp_path / "t.csv", rows)).problems
    assert len(found) == MAX_PER_CODE + 1
    assert found[-1].message == f"50 more rows have this problem; only the first {MAX_PER_CODE} are listed."


def test_a_header_without_rows_is_a_warning_that_says_why_nothing_shows(tmp_path, run):
    """An empty result says why: « 0 centres » and « no problem found » left the user guessing."""
    assert problems(tmp_path, [["Titre de mon tableau"], [], ["Nom", "Région"]]) == [("warning", "no-rows", 3, None, None)]
    path = write_csv(tmp_path / "h.csv", [["Nom", "Région"]])
    status, out, err = run("classify", str(path))
    assert (status, out) == (0, "0 centres\n")
    assert err.splitlines()[-1] == f"cicli: {path}: 0 errors, 1 warning; to see them: cicli validate {path}"


def test_the_counts_say_every_row_flagged_not_only_those_listed(tmp_path, run):
    """Seen on a messy file of 100,000 rows: « 0 errors, 603 warnings » where 201,260 rows were flagged."""
    rows = [["Nom", "Région"]] + [[f"Centre {i}", "Ailleurs"] for i in range(1200)]
    path = write_csv(tmp_path / "t.csv", rows)
    report = validate(path)
    assert (report.count("error"), report.count("warning")) == (0, 1200)
    assert report.as_dict()["counts"] == {"error": 0, "warning": 1200, "note": 0}  # validate --format json
    assert report.problems[-1].message == "1,000 more rows have this problem; only the first 200 are listed."
    status, out, err = run("validate", str(path))
    assert status == 0 and "\n1,200 problems\n" in out
    assert err.splitlines()[-1] == f"cicli: {path}: 0 errors, 1,200 warnings."
    _status, _out, err = run("classify", str(path), "--format", "csv")
    assert err.splitlines()[-1] == f"cicli: {path}: 0 errors, 1,200 warnings; to see them: cicli validate {path}"


def test_the_line_of_rows_not_listed_stays_true_when_a_code_flags_several_columns(tmp_path):
    from cicli.validation.checks import Flagger

    problems: list = []
    flag = Flagger(problems, {}, np.arange(2, 2000))
    values = pa.array(["x"] * 150)
    for column in ("a", "b", "c"):  # 450 rows in all, 200 listed
        flag.rows("invalid-url", np.ones(150, dtype=bool), column, values, lambda i, v: "bad")
    more = [p.message for p in problems if "more rows" in p.message]
    assert more == ["250 more rows have this problem; only the first 200 are listed."]
    assert flag.counts == {"invalid-url": 450}


def test_a_row_in_error_is_left_out_and_the_others_go_on(tmp_path, run):
    """#29: a row without a name is said at its row; the other rows are classified and shown, and the exit code is
    1."""
    path = write_csv(tmp_path / "t.csv", [["Nom", "status"], ["", "x"], ["B", "y"], ["C", "projet"]])
    centres = load(path)
    assert centres.frame.index.tolist() == [3, 4] and centres.left_out == [2]
    assert [(p.code, p.row) for p in centres.findings.errors] == [("empty-name", 2)]
    status, out, err = run("classify", str(path), "--format", "csv")
    assert status == 1
    assert [line.split(",")[1] for line in out.splitlines()[1:]] == ["B", "C"]
    assert "cicli: row 2 is left out: it has an error (cicli validate says which); the other rows are shown." in err


def test_a_file_that_cannot_be_used_raises_with_the_first_error_and_the_count(tmp_path):
    path = write_csv(tmp_path / "t.csv", [["Région", "Nom", "name"], ["Laval", "A", "B"]])
    with pytest.raises(InputError) as e:
        load(path)
    assert e.value.code == "duplicate-column" and e.value.row == 1


def test_unreadable_file_is_a_report_with_one_error(tmp_path):
    report = validate(tmp_path / "nope.csv")
    assert not report.valid
    assert [(p.code, p.row) for p in report.problems] == [("file-not-found", None)]


def test_every_code_in_the_catalogue_is_an_error_a_warning_or_a_note():
    assert {severity for severity, _ in CATALOGUE.values()} == {"error", "warning", "note"}


def test_cli_validate_json_shape_and_exit_codes(run, tmp_path):
    code, out, err = run("validate", str(PRINTED_ANNEX), "--format", "json")
    data = json.loads(out)
    assert code == 0
    assert set(data) >= {"valid", "encoding", "delimiter", "sheet", "problems"}
    assert (data["valid"], data["encoding"], data["delimiter"], data["sheet"]) == (True, "utf-8", ",", None)
    assert data["problems"][2] == {"severity": "warning", "code": "duplicate-lead-source", "row": 14,
                                   "column": "Responsable", "value": "Marilou Cyr",
                                   "message": "same lead and same source as row 9: was the row copied from it?"}
    assert "encoding utf-8, separator ','" in err

    bad = write_csv(tmp_path / "bad.csv", [["Nom", "designated_on"], ["", "2022-13"]])
    checksum = sha256(bad)
    code, out, err = run("validate", str(bad), "--format", "json")
    assert code == 1
    assert json.loads(out)["valid"] is False
    assert sha256(bad) == checksum


def test_cli_validate_bundled_is_valid(run):
    code, out, err = run("validate")
    assert code == 0
    assert out == ""
    assert err.splitlines()[-1] == "cicli: centres.csv (bundled with cicli): no problem found (0 errors, 0 warnings)."


def test_cli_validate_table_keeps_row_numbers_whole(run, tmp_path):
    path = write_csv(tmp_path / "t.csv", [["Nom", "Région", "x"], ["A", "Nowhere", "1"], ["B", "Laval", "2", "3"]])
    code, out, _ = run("validate", str(path), "--format", "csv")
    assert code == 1
    assert out.splitlines()[1:] == [
        "warning,unknown-region,2,Région,Nowhere,'Nowhere' is not one of Quebec's 17 administrative regions; cicli "
        "keeps it as written.",
        "error,extra-cell,3,,3,row 3 has 4 cells but the header has 3; the extra cells are not read.",
    ]


def test_copied_rows_among_many_are_found_at_their_rows(tmp_path):
    """The usual path: fewer than one row in ten shares a source (tools/mutate.py found it never ran)."""
    rows = [["Nom", "Responsable", "Sources"]]
    rows += [[f"Centre {i}", f"Personne {i}", f"https://exemple{i}.ca"] for i in range(40)]
    rows += [["Copie", "personne 3", "HTTPS://EXEMPLE3.CA/"],  # same lead and source, typed otherwise: row 42
             ["Autre", "Quelqu'un d'autre", "https://exemple5.ca"],  # same source, another lead: not a copy
             ["Sans", "n/a", "https://exemple7.ca"], ["Sans 2", "N/A", "https://exemple7.ca"]]  # no lead: not said
    found = [(code, row, column) for _s, code, row, column, _v in problems(tmp_path, rows)]
    assert found == [("duplicate-lead-source", 42, "Responsable")]


@pytest.mark.parametrize("value, flagged", [("v2021", True), ("2021v", True), ("20210", True), ("1899", True),
                                            ("2101", True), ("2021", False), ("1900", False), ("2100", False)])
def test_a_year_is_four_digits_and_anything_else_is_said(tmp_path, value, flagged):
    found = problems(tmp_path, [["Nom", "Soumis comme ZI en"], ["A", value]])
    assert found == ([("warning", "invalid-number", 2, "Soumis comme ZI en", value)] if flagged else [])


def test_a_look_alike_letter_is_named_by_its_code_point(tmp_path):
    """« НIFA » with a Cyrillic Н: the message says which letter, so that a person can find it."""
    found = validate(write_csv(tmp_path / "t.csv", [["Nom"], ["\u041dIFA"]])).problems
    assert [(p.code, p.row, p.column) for p in found] == [("look-alike", 2, "Nom")]
    assert "(U+041D CYRILLIC CAPITAL LETTER EN)" in found[0].message


@pytest.mark.parametrize("name, total", [("Total", True), ("Sous-total", True), ("TOTAL GÉNÉRAL", True),
                                         ("Grand total :", True), ("Somme", True), ("Totalement Bois", False),
                                         ("Centre Total Énergie de la ville", False)])
def test_the_rows_a_spreadsheet_adds_up_are_said_not_counted_silently(tmp_path, name, total):
    found = problems(tmp_path, [["Nom", "Région"], ["HIFA", "Bas-Saint-Laurent"], [name, ""]])
    assert [(code, row) for _s, code, row, _c, _v in found if code == "total-row"] == ([("total-row", 3)] if total else [])


def test_a_tab_in_a_cell_is_whitespace_not_a_hidden_character(tmp_path):
    found = problems(tmp_path, [["Nom", "Notes"], ["A", "un\tdeux"], ["B", "trois\x0bquatre"]])
    assert [(code, row) for _s, code, row, _c, _v in found] == [("control-character", 3)]


def test_a_region_written_otherwise_on_several_rows_is_said_once_with_its_rows(tmp_path):
    found = validate(write_csv(tmp_path / "t.csv", [["Nom", "Région"], ["A", "Cote Nord"], ["B", "Cote Nord"],
                                                    ["C", "Estrie"], ["D", "cote-nord"]])).problems
    assert [(p.code, p.row, p.message) for p in found] == [
        ("read-as", 2, "'Cote Nord' read as the region Côte-Nord (rows 2–3)."),
        ("read-as", 5, "'cote-nord' read as the region Côte-Nord (row 5).")]
