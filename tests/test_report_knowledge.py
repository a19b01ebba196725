"""Issue 20: the report's own account: its notions (cicli context), what is not a centre, a user's rows the
report knows completed from it, and every centre side by side on the rows one chooses."""

from __future__ import annotations

import json

import pytest
from conftest import write_csv
from test_knowledge import needs_the_report, report_text, squeeze

from cicli import results
from cicli.pipeline import load, validate
from cicli.writers import export

ANNEX_HEADER = ["Région", "Localisation", "Nom", "Créneaux", "Responsable", "Sources", "Notes"]


# --- cicli context ------------------------------------------------------------------------------

def test_context_lists_every_topic_as_stable_json(run):
    code, out, _err = run("context", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert list(data) == ["topics"]
    ids = [t["id"] for t in data["topics"]]
    assert {"ci-vs-zi", "programme", "not-a-ci", "designation", "recommendations", "caveats"} <= set(ids)
    for topic in data["topics"]:
        assert list(topic) == ["id", "title", "summary", "quotes"]
        assert topic["quotes"] and all(list(q) == ["text", "section"] for q in topic["quotes"])


@needs_the_report
def test_context_quotes_stand_verbatim_in_the_report():
    text = squeeze(report_text())
    for topic in results.context().topics:
        for quote in topic["quotes"]:
            for piece in quote["text"].split("[…]"):
                assert squeeze(piece) in text, (topic["id"], piece[:80])


def test_context_speaks_the_users_language_and_quotes_the_report_as_it_is(run):
    _code, french, _err = run("context", "ci-vs-zi", "--lang", "fr")
    _code, english, _err = run("context", "ci-vs-zi", "--lang", "en")
    assert french.startswith("Centre d’innovation ou zone d’innovation\n  En bref ")
    assert english.startswith("Innovation centre or innovation zone\n  In short ")
    words = "« Ainsi, le gouvernement québécois, via le PAFODE octroie 800 000$ par année"
    assert words in " ".join(french.split()) and words in " ".join(english.split())  # verbatim in both


@pytest.mark.parametrize("asked", ["ci-vs-zi", "CI VS ZI", "Centre d'innovation ou zone d'innovation", "ci-vs"])
def test_a_topic_is_named_by_its_id_or_its_title(asked):
    assert [t["id"] for t in results.context(asked, lang="fr").topics] == ["ci-vs-zi"]


def test_an_unknown_topic_lists_the_topics(run):
    code, out, err = run("context", "histoire")
    assert (code, out) == (2, "")
    assert err.startswith("cicli: no topic 'histoire'; the topics are: ci-vs-zi (Innovation centre or innovation "
                          "zone); definition (")


# --- What is not a centre -------------------------------------------------------------------------

def test_a_row_naming_a_body_that_is_not_a_centre_is_warned_with_the_reports_words(run, tmp_path):
    path = write_csv(tmp_path / "a.csv", [["Nom", "Région"], ["Innofibre", "Mauricie"], ["HIFA", "Bas-Saint-Laurent"],
                                          ["Centre d'innovation Genome Quebec", "Montréal"]])
    problems = [(p.code, p.row, p.message) for p in validate(path, lang="en").problems]
    assert [(code, row) for code, row, _message in problems] == [("not-a-ci", 2), ("not-a-ci", 4)]
    assert problems[0][2].startswith("'Innofibre' is not a centre of the programme — a CCTT that already bore the "
                                     "name « centre d’innovation »; not a CI of the programme. The report: « ce nom "
                                     "était déjà en usage au Québec.")
    code, _out, err = run("classify", str(path))
    assert code == 0
    assert "cicli: row 2, 'Innofibre': in the table because your file lists it, though the report says it is not a " \
           "centre (cicli validate says what it is).\n" in err


# --- A user's rows the report knows ---------------------------------------------------------------

def my_list(tmp_path, *rows):
    base = [["Bas-Saint-Laurent", "Rivière-du-Loup", "HIFA", "", "", "", ""],
            ["Côte-Nord", "Sept-Îles", "Centre d’innovation du Cégep de Sept-Îles", "", "", "", ""],
            ["Montréal", "Montréal", "Mon carrefour", "", "", "http://www.cybereco.ca/lancement-du-carrefour-cyber", ""],
            ["Laval", "Laval", "Mon centre", "", "", "", ""]]
    return write_csv(tmp_path / "mine.csv", [ANNEX_HEADER, *base, *rows])


def test_a_users_rows_the_report_knows_get_the_reports_verdicts(tmp_path):
    table = results.classify(my_list(tmp_path)).frame.set_index("name")
    assert table.loc["HIFA", ["origin", "anchoring", "model", "status", "designated_on"]].tolist() == \
        ["private", "standalone", "hifa", "designated", "2022-02"]
    assert table.loc["Centre d’innovation du Cégep de Sept-Îles", "model"] == "miniature-zone"
    assert table.loc["Mon carrefour", "status"] == "designated"  # known by its web address
    assert table.loc["Mon centre", ["origin", "status"]].tolist() == ["undetermined", "undetermined"]
    assert table.loc["HIFA", "status_reason"] == ("designated (2022-02): the report lists the centre in its box "
                                                  "« Centres d'innovation désignés »")


@pytest.mark.parametrize("name, expected", [
    ("HALLES D'INNOVATION ET DE FORMATION AVANCEE", "hifa"),  # capitals, no accents, a straight apostrophe
    ("  Halles  d’innovation et de formation avancée. ", "hifa"),  # spaces and a full stop as people leave them
    ("hifa", "hifa"),  # one of the report's other names
    ("Centre d'innovation du Cegep de Sept-Iles", "ci-cegep-sept-iles"),
    ("Halles d’innovation et de formation avancée de Laval", ""),  # shares words, is another centre
    ("Carrefour", ""),
])
def test_a_row_is_the_reports_centre_by_its_whole_name_however_it_is_typed(name, expected):
    from cicli.matching import report_matcher

    assert (report_matcher().match(name).centre or "") == expected


def test_the_users_own_values_win_over_the_reports(tmp_path):
    path = write_csv(tmp_path / "a.csv", [["Nom", "Statut"], ["HIFA", "projet"], ["Sept-Îles", ""]])
    centres = load(path)
    assert centres.frame["status"].tolist() == ["project", ""]  # « Sept-Îles » names no centre: not completed
    assert results.classify(centres=centres).frame.set_index("name").loc["HIFA", "status_reason"] == (
        "project, according to your file — the report's own facts give: designated (designated (2022-02): the report "
        "lists the centre in its box « Centres d'innovation désignés »)")
    assert [(p.code, p.row, p.column, p.message) for p in centres.findings.problems if p.severity == "warning"] == [
        ("differs-from-report", 2, "Statut", "your file: 'project'; the report: 'designated' (« Février 2022 Halles "
         "d’innovation et de formation avancée (Rivière-du-Loup) : emballage de nouvelle génération »). cicli uses "
         "your file's value and shows both."),
        ("near-miss", 3, "Nom", "'Sept-Îles' is close to the report's centre Centre d’innovation du Cégep de "
         "Sept-Îles (the same place, where the report has this one centre, but no niche that says it is the same); "
         "cicli does not complete it. If it is that centre, write its name as the report does ('Centre d’innovation "
         "du Cégep de Sept-Îles') or its id ('ci-cegep-sept-iles').")]


def test_the_command_line_says_how_many_rows_it_completed_and_file_only_turns_it_off(run, tmp_path):
    path = str(my_list(tmp_path))
    code, out, err = run("classify", path, "--format", "csv")
    assert code == 0 and "hifa,HIFA,Bas-Saint-Laurent,Rivière-du-Loup,private,standalone,,hifa,designated,2022-02," in out
    assert "cicli: 3 rows of your file are centres of the report: cicli completed " in err
    code, out, err = run("classify", path, "--format", "csv", "--file-only")
    assert "undetermined,undetermined,,undetermined,undetermined,," in out.splitlines()[1]
    assert "centres of the report" not in err


def test_the_count_of_completed_cells_is_grouped_as_the_language_writes_numbers(run, tmp_path):
    rows = [["Nom", "Région"]] + [["HIFA", "Bas-Saint-Laurent"]] * 1000
    path = str(write_csv(tmp_path / "hifa.csv", rows))
    _code, _out, err = run("classify", path, "--format", "csv", "--lang", "fr")
    assert err.splitlines()[0] == ("cicli: 1\u202f000 lignes de votre fichier sont des centres du rapport : cicli a "
                                   "complété 24\u202f000 de leurs cellules vides d'après le rapport (--file-only garde "
                                   "votre fichier tel quel).")


def test_show_sources_the_completed_values_from_the_report(run, tmp_path):
    _code, out, _err = run("show", "HIFA", "--from", str(my_list(tmp_path)), "--format", "json")
    details = json.loads(out)
    facts = {f["field"]: f["source"] for f in details["facts"]}
    assert facts["name"]["kind"] == "file" and facts["status"]["kind"] == "completed"
    assert facts["latitude"]["kind"] == "outside"  # cicli's coordinates, never the report's
    assert details["account"]  # the report's passages on HIFA


# --- Every centre side by side ------------------------------------------------------------------

def test_compare_all_puts_every_centre_on_the_chosen_rows(run):
    code, out, _err = run("compare", "--all", "--rows", "services,Créneaux", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["fields"] == ["services", "niche"]
    assert len(data["centres"]) == 14 and list(data["centres"][0]) == ["id", "name", "locality", "services", "niche"]
    hifa = next(c for c in data["centres"] if c["id"] == "hifa")
    assert hifa["services"].startswith("Formation appliquée du personnel; formations en entreprise")


def test_compare_all_refuses_centres_and_unknown_rows(run):
    assert run("compare", "HIFA", "--all")[2] == "cicli: --all compares every centre: name none, or leave out --all.\n"
    code, _out, err = run("compare", "--all", "--rows", "couleur")
    assert code == 2 and err.startswith("cicli: --rows 'couleur' is not a row cicli compares; choose among: name, ")


def test_compare_rows_restricts_a_comparison_too(run):
    _code, out, _err = run("compare", "HIFA", "CIM", "--rows", "services", "--format", "csv")
    assert [line.split(",")[0] for line in out.splitlines()] == ["field", "name", "services"]


def test_the_workbook_compares_every_centre_on_the_chosen_rows(tmp_path):
    from openpyxl import load_workbook

    out = export(tmp_path / "a.xlsx", lang="fr", compare_all=True, rows="services").path
    sheet = load_workbook(out)["Comparaison"]
    assert [c.value for c in sheet[1]] == ["Nom", "Localisation", "Services"]
    assert sheet.max_row == 15

