"""Issue 17: warnings that are not silent, every row reachable, tables people can read from 80 to 200 columns."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from conftest import ROOT, write_csv

from cicli import results
from cicli.pipeline import validate
from cicli.rendering.layout import pieces, widths, wrap

HEADER = ["Nom", "Région", "Localisation", "Sources", "Responsable", "Latitude", "Longitude"]


def my_centres(tmp_path):
    """The user's own list, as the issue found it: kept in Excel, a copied row, a short region, an address
    without http, a flipped longitude, a blank row, a total row, two rows named « Carrefour Cyber »."""
    rows = [HEADER,
            ["Halles d’innovation et de formation avancée", "Bas-St-Laurent", "Rivière-du-Loup", "https://www.hifa.ca/",
             "Rémi Massé", "47.8357", "-69.5361"],
            ["Carrefour Cyber", "Montréal", "Montréal", "www.carrefourcyber.ca", "", "45.5017", "-73.5673"],
            ["Merinov", "Gaspésie", "Grande-Rivière", "https://merinov.ca", "", "48.3994", "-64.5050"],
            ["", "", "", "", "", "", ""],
            ["Carrefour Cyber", "Outaouais", "Gatineau", "https://a.ca", "X", "45.4765", "75.7013"],
            ["ZoneAgtech", "Lanaudière", "L’Assomption", "https://zoneagtech.ca", "Anne B.", "45.8237", "-73.4290"],
            ["ZoneAgtech bis", "Lanaudière", "L’Assomption", "https://zoneagtech.ca/", "anne b.", "45.8237", "-73.4290"],
            ["Total", "Total", "", "", "", "", ""]]
    return write_csv(tmp_path / "mes-centres.csv", rows)


# --- What the file holds is said ---------------------------------------------------------------

def test_every_problem_of_the_users_list_is_found_where_it_is(tmp_path):
    report = validate(my_centres(tmp_path), lang="en")
    found = [(p.severity, p.code, p.row, p.column, p.message) for p in report.problems]
    assert found == [
        ("note", "read-as", 2, "Région", "'Bas-St-Laurent' read as the region Bas-Saint-Laurent (row 2)."),
        ("warning", "invalid-url", 3, "Sources", "'www.carrefourcyber.ca' is not a web address (http:// or https://). "
                                                 "Did you mean 'https://www.carrefourcyber.ca'?"),
        ("note", "read-as", 4, "Région", "'Gaspésie' read as the region Gaspésie–Îles-de-la-Madeleine (row 4)."),
        ("note", "blank-row", 5, None, "row 5 is blank: cicli skips it."),
        ("warning", "duplicate-name", 6, "Nom", "same name as row 3; their ids tell them apart: this row's is "
                                                "'carrefour-cyber-2'."),
        # a second « Carrefour Cyber » is still the report's Carrefour Cyber: where the two disagree, both are said
        ("warning", "differs-from-report", 6, "Région", "your file: 'Outaouais'; the report: 'Montréal'. cicli uses "
                                                        "your file's value and shows both."),
        ("warning", "differs-from-report", 6, "Localisation", "your file: 'Gatineau'; the report: 'Montréal'. cicli "
                                                              "uses your file's value and shows both."),
        ("warning", "outside-quebec", 6, "Longitude", "longitude 75.7013 lies outside Quebec (-79.9 to -57.0): the "
                                                      "centre is left off the map. Did you mean -75.7013?"),
        ("warning", "duplicate-lead-source", 8, "Responsable", "same lead and same source as row 7: was the row "
                                                               "copied from it?"),
        ("warning", "total-row", 9, "Nom", "this row looks like a total ('Total'), not a centre: cicli counts it as a "
                                           "centre unless you remove it."),
    ]  # no « Did you mean 'Montréal'? » for the total row's « Total »


def test_the_same_problems_in_french(tmp_path):
    report = validate(my_centres(tmp_path), lang="fr")
    messages = [p.message for p in report.problems]
    assert messages[0] == "'Bas-St-Laurent' lu comme la région Bas-Saint-Laurent (ligne 2)."
    assert messages[3] == "la ligne 5 est vide : cicli la saute."


@pytest.mark.parametrize("command", [["classify"], ["summary"], ["compare", "Merinov", "ZoneAgtech bis"],
                                     ["show", "Merinov"]])
def test_every_command_that_reads_a_file_says_its_problems_and_strict_fails(run, tmp_path, command):
    path = str(my_centres(tmp_path))
    code, _out, err = run(*command, "--from", path)
    assert code == 0
    assert err.endswith(f"cicli: {path}: 0 errors, 7 warnings, 3 notes; to see them: cicli validate {path}\n")
    code, _out, _err = run(*command, "--from", path, "--strict")
    assert code == 1


def test_notes_alone_do_not_fail_strict(run, tmp_path):
    path = write_csv(tmp_path / "a.csv", [["Nom", "Région"], ["A", "Laval"], ["", ""], ["B", "Laval"]])
    code, _out, err = run("classify", str(path), "--strict")
    assert code == 0
    assert "0 errors, 0 warnings, 1 note" in err


def test_blank_rows_are_said_in_runs_and_trailing_ones_are_not_part_of_the_table(tmp_path):
    rows = [["Nom"], ["A"], [""], [""], [""], ["B"], [""], ["C"], [""], [""]]
    report = validate(write_csv(tmp_path / "a.csv", rows), lang="en")
    assert [(p.code, p.row, p.message) for p in report.problems] == [
        ("blank-row", 3, "rows 3–5, 7 are blank: cicli skips them.")]


def test_a_map_leaves_out_coordinates_outside_quebec_and_counts_what_it_wrote(run, tmp_path):
    out = tmp_path / "m.geojson"
    code, _out, err = run("export", str(out), "--from", str(my_centres(tmp_path)))
    assert code == 0
    features = json.loads(out.read_text(encoding="utf-8"))["features"]
    assert len(features) == 5 and "carrefour-cyber-2" not in [f["id"] for f in features]
    assert ("cicli: 2 centres left off the map: carrefour-cyber-2 (its coordinates lie outside Quebec), total (no "
            "coordinates and no locality).\n") in err
    assert "(geojson, 5 points)" in err


def test_a_filter_that_keeps_nothing_says_so_and_what_exists(run):
    code, out, err = run("classify", "--region", "Côte-Nord", "--status", "refused", "--lang", "en")
    assert code == 0
    assert err.splitlines() == ["cicli: no centre is left once filtered by --status 'refused'.",
                                "cicli: the centres read have these values of --status: project (1), designated (1)."]
    assert out == "0 centres\n"


def test_a_region_the_file_does_not_hold_says_which_it_holds(run):
    code, out, err = run("classify", "--region", "Laval", "--lang", "en")
    assert (code, out) == (0, "0 centres\n")
    assert err == ("cicli: no centre of the file is in Laval; its regions are: Abitibi-Témiscamingue, "
                   "Bas-Saint-Laurent, Centre-du-Québec, Chaudière-Appalaches, Côte-Nord, Gaspésie–Îles-de-la-Madeleine, "
                   "Lanaudière, Mauricie, Montréal, Saguenay–Lac-Saint-Jean.\n")


# --- Abbreviations and rows people write ------------------------------------------------------

@pytest.mark.parametrize("region, ids", [
    ("Mtl", ["cim", "carrefour-cyber"]),
    ("Bas-St-Laurent", ["hifa"]),
    ("bsl", ["hifa"]),
    ("Gaspésie", ["carrefour-peche-aquaculture"]),
    ("Saguenay", ["ci-aluminium-uqac"]),
    ("Côte", ["ci3em", "ci-cegep-sept-iles"]),  # part of a name still matches
])
def test_region_filter_reads_abbreviations_and_halves(region, ids):
    assert results.classify(region=region).frame["id"].tolist() == ids


# --- Every row reachable -----------------------------------------------------------------------

def test_both_rows_of_a_repeated_name_are_reachable(run, tmp_path):
    path = str(my_centres(tmp_path))
    _code, out, _err = run("show", "carrefour-cyber", "--from", path, "--format", "json")
    assert json.loads(out)["row"] == 3
    _code, out, _err = run("show", "carrefour-cyber-2", "--from", path, "--format", "json")
    assert json.loads(out)["row"] == 6
    code, out, _err = run("compare", "carrefour-cyber", "carrefour-cyber-2", "--from", path, "--format", "csv")
    assert code == 0 and "locality,Montréal,Gatineau,yes" in out


def test_ids_repeated_in_the_file_are_numbered_and_said(run, tmp_path):
    path = write_csv(tmp_path / "a.csv", [["id", "Nom"], ["x", "A"], ["x", "B"], ["x-2", "C"]])
    assert results.classify(path).frame["id"].tolist() == ["x", "x-2-2", "x-2"]  # every id unique, even then
    report = validate(path, lang="en")
    assert [(p.code, p.row, p.message) for p in report.problems] == [
        ("duplicate-id", 3, "same id as row 2; cicli gives this row the id 'x-2-2'.")]
    _code, out, _err = run("show", "x-2-2", "--from", str(path), "--format", "json")
    source = json.loads(out)["facts"][0]["source"]
    assert source["kind"] == "derived" and "the id of your file, 'x', numbered" in source["text"]


def test_compare_shows_the_public_funding():
    side = results.compare(["HIFA", "Sept-Îles"]).side
    assert side.loc["funding_cad", "ci-cegep-sept-iles"] == 3300000


# --- Terminal tables from 80 to 200 columns ----------------------------------------------------

def _table(run, monkeypatch, columns: int, *args: str) -> list[str]:
    monkeypatch.setenv("COLUMNS", str(columns))
    code, out, _err = run(*args)
    assert code == 0
    return out.splitlines()


@pytest.mark.parametrize("columns", [80, 120, 200])
def test_classify_fits_and_never_splits_a_word(run, monkeypatch, columns):
    lines = _table(run, monkeypatch, columns, "classify", "--lang", "fr")
    assert max(len(line) for line in lines) <= columns
    text = "\n".join(lines)
    for word in ("indéterminée", "indéterminé", "d’innovation", "Abitibi-Témiscamingue" if columns >= 120 else "Val-d’Or"):
        assert word in text
    assert lines[-1] == "14 centres"
    assert "Région" in lines[0] + lines[1]


def test_classify_at_80_columns_puts_where_under_the_name(run, monkeypatch):
    lines = _table(run, monkeypatch, 80, "classify", "--lang", "fr")
    assert lines[:2] == ["Nom", "Localisation · Région          Origine       Ancrage      Modèle       Statut"]
    assert lines[3] == "Novinor Innovation             indéterminée  indéterminé  modèle HIFA  projet"
    assert lines[4] == "Val-d’Or · Abitibi-"
    assert len(lines) < 80  # 93 before, for 14 centres


def test_classify_at_200_columns_has_one_line_per_short_name(run, monkeypatch):
    lines = _table(run, monkeypatch, 200, "classify", "--lang", "fr")
    assert lines[0].split() == ["Nom", "Localisation", "Région", "Origine", "Ancrage", "Modèle", "Statut"]
    assert lines[2].split("  ")[0] == "Novinor Innovation"
    assert any(line.startswith("Halles d’innovation et de formation avancée ") and line.endswith("désigné (2022-02)")
               for line in lines)


@pytest.mark.parametrize("columns", [80, 160])
def test_explain_lays_reasons_out_under_each_centre(run, monkeypatch, columns):
    lines = _table(run, monkeypatch, columns, "classify", "--explain", "--lang", "fr")
    assert max(len(line) for line in lines) <= columns
    start = lines.index("Halles d’innovation et de formation avancée")
    assert lines[start + 1] == "Rivière-du-Loup · Bas-Saint-Laurent"
    assert lines[start + 2].startswith("  Origine  origine privée : le rapport présente le centre sous son intertitre")
    # reasons get the width of the terminal, not a narrow column
    assert len(lines[start + 2]) > columns - 15
    assert len(lines) < (190 if columns == 80 else 120)  # 735 lines before, at 80 columns


def test_show_says_its_title_once_and_each_passage_once(run, monkeypatch):
    lines = _table(run, monkeypatch, 100, "show", "HIFA", "--lang", "fr")
    text = "\n".join(lines)
    assert text.count("Halles d’innovation et de formation avancée (hifa)") == 1
    assert text.count("De fait, les HIFA doivent leur") == 1


def test_validate_table_puts_the_code_under_the_severity_when_narrow(run, monkeypatch, tmp_path):
    lines = _table(run, monkeypatch, 80, "validate", str(my_centres(tmp_path)))
    assert max(len(line) for line in lines) <= 80
    assert lines[0] == "Problems"
    assert lines[1].split() == ["Severity"] and lines[2].split() == ["Row", "Column", "Code", "Message"]
    assert "10 problems" in lines


def test_wrapping_breaks_between_words_and_after_hyphens_only():
    assert wrap("Rivière-du-Loup et Sainte-Marie-de-Beauce", 14, len) == ["Rivière-du-", "Loup et", "Sainte-Marie-",
                                                                          "de-Beauce"]
    lines = wrap("Centre d’Innovation et de Formation en Transition Énergétique", 14, len)
    assert lines == ["Centre", "d’Innovation", "et de", "Formation en", "Transition", "Énergétique"]
    assert wrap("désigné (2022-02)", 10, len) == ["désigné", "(2022-02)"]  # a date stays whole
    # an address breaks after its slashes, never inside « https:// »; a piece too long is cut
    assert wrap("https://www.example.qc.ca/centres/a", 16, len) == ["https://www.exam", "ple.qc.ca/", "centres/a"]
    assert pieces("la colonne « Localisation », telle : oui") == ["la", " ", "colonne", " ", "« Localisation »,", " ",
                                                                 "telle :", " ", "oui"]


def test_a_word_longer_than_its_column_is_cut_not_lost():
    assert wrap("abcdefghij", 4, len) == ["abcd", "efgh", "ij"]


def test_widths_keep_natural_widths_when_they_fit_and_favour_the_priority_column():
    cells = [["Nom", "Un nom de centre assez long pour ne pas tenir"], ["Statut", "désigné (2022-02)"]]
    assert widths(cells, 80, len, (0,)) == [45, 17]
    narrow = widths(cells, 40, len, (0,))
    assert sum(narrow) == 40 and narrow[1] == 9  # the verdict keeps its longest word; the name gets the rest


# --- Help and completion ----------------------------------------------------------------------

@pytest.mark.parametrize("command", ["classify", "compare", "show", "summary", "export", "validate"])
@pytest.mark.parametrize("lang, example", [("en", "Example: cicli "), ("fr", "Exemple : cicli ")])
def test_help_reads_plainly_in_both_languages(run, command, lang, example):
    code, out, _err = run(command, "--help", "--lang", lang)
    assert code == 0
    assert "<bool>" not in out and "[[" not in out and "{" not in out
    assert example + command in out


def test_version_has_a_short_flag(run):
    from cicli import __version__

    assert run("-V")[1] == f"cicli {__version__}\n"


def _complete(words: str, lang: str = "fr") -> str:
    env = {**os.environ, "_CICLI_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": words, "CICLI_LANG": lang}
    result = subprocess.run([sys.executable, "-m", "cicli", *words.split()[1:]], capture_output=True, text=True,
                            env=env, timeout=60, check=False, cwd=ROOT)
    return result.stdout


@pytest.mark.parametrize("words, offered", [
    ("cicli show h", '"hifa":"Halles d’innovation et de formation avancée"'),
    ("cicli compare HIFA Hal", '"Halles d’innovation et de formation avancée"'),
    ("cicli classify --status dé", '"désigné":"designated"'),
    ("cicli classify --status d", '"designated":"désigné"'),
    ("cicli classify --region bas", '"bas-Saint-Laurent"'),
    ("cicli classify --model m", '"miniature-zone":"zone en miniature"'),
])
def test_completion_offers_centres_regions_and_coded_values(words, offered):
    assert offered in _complete(words)


def test_completion_offers_the_ids_of_the_file_named_by_from(tmp_path):
    path = my_centres(tmp_path)
    out = _complete(f"cicli show --from {path} carrefour-c")
    assert '"carrefour-cyber":"Carrefour Cyber"' in out and '"carrefour-cyber-2":"Carrefour Cyber"' in out


def test_completion_in_english_gives_english_labels():
    assert '"designated":"designated"' in _complete("cicli classify --status d", lang="en")


def test_a_big_table_shows_what_fits_and_counts_the_rest_as_french_writes_numbers(run, tmp_path):
    path = write_csv(tmp_path / "big.csv", [["Nom", "Région"]] + [[f"Centre {n}", "Laval"] for n in range(1, 1601)])
    code, out, _err = run("classify", str(path), "--lang", "fr")
    assert code == 0
    assert "\nCentre 500 " in out and "\nCentre 501 " not in out
    assert out.endswith("… et 1\u202f100 lignes de plus. Pour les avoir toutes : --format csv (ou markdown) -o FICHIER.\n"
                        "1\u202f600 centres\n")
