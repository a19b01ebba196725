"""A list kept for years (issue 30): the user's facts beside the report's, verdicts a person typed, what changed
between two editions, and dates people can trust."""

from __future__ import annotations

import json

import pytest
from conftest import ROOT, write_csv

from cicli import results
from cicli.pipeline import load, validate
from cicli.writers import export

UPDATE_2026 = [["Nom", "Région", "Localisation", "Initiateurs", "Types d'initiateurs", "Équipements spécialisés"],
               ["Halles d'innovation et de formation avancée", "Bas-Saint-Laurent", "Rivière-du-Loup",
                "Premier Tech; Cascades; Desjardins", "entreprise; entreprise; entreprise", ""],
               ["Centre d'innovation du Cégep de Sept-Îles", "Côte-Nord", "Sept-Îles", "", "", "oui"]]


@pytest.fixture
def update(tmp_path):
    return write_csv(tmp_path / "mise-a-jour-2026.csv", UPDATE_2026)


def test_where_the_file_and_the_report_differ_both_are_said_at_the_row_and_column(update):
    problems = [(p.code, p.row, p.column, p.message) for p in validate(update, lang="fr").problems
                if p.code == "differs-from-report"]
    assert (problems[-1][:3]) == ("differs-from-report", 3, "Équipements spécialisés")
    assert problems[-1][3].startswith("votre fichier : 'oui' ; le rapport : 'non' (« ")
    assert "pas d’équipements spécialisés" in problems[-1][3]
    assert any(p[1] == 2 and p[2] == "Initiateurs" for p in problems)  # HIFA: more initiators than the report names


def test_adding_facts_does_not_make_a_verdict_the_report_supports_vanish(update):
    table = results.classify(update, lang="fr").frame.set_index("name")
    hifa, sept_iles = table.loc["Halles d'innovation et de formation avancée"], \
        table.loc["Centre d'innovation du Cégep de Sept-Îles"]
    assert (hifa["model"], hifa["model_basis"]) == ("hifa", "report")
    assert (sept_iles["model"], sept_iles["model_basis"]) == ("miniature-zone", "report")
    assert sept_iles["model_reason"].startswith("zone en miniature : le rapport le dit")
    assert "selon votre fichier" not in sept_iles["model_reason"]


def test_show_gives_both_values_and_their_sources(run, update):
    code, out, _ = run("show", "Sept-Îles", "--from", str(update), "--format", "json", "--lang", "fr")
    equipment = next(f for f in json.loads(out)["facts"] if f["field"] == "specialised_equipment")
    assert code == 0 and equipment["value"] == "yes" and equipment["report"]["value"] == "no"
    assert equipment["source"]["kind"] == "file" and equipment["report"]["source"]["kind"] == "body"
    assert [p["id"] for p in equipment["report"]["source"]["passages"]] == ["sept-iles-light"]
    _code, out, _ = run("show", "Sept-Îles", "--from", str(update), "--lang", "fr")
    line = next(i for i, t in enumerate(out.splitlines()) if t.startswith("Équipement spécialisé "))
    assert out.splitlines()[line].split()[2] == "oui" and "(le rapport : non)" in out.splitlines()[line + 1]
    assert out.splitlines()[line + 1].rstrip().endswith("le corps du rapport [8]")


def test_an_empty_cell_of_a_report_centre_is_completed_with_the_reports_passage(run, update):
    _code, out, _ = run("show", "HIFA", "--from", str(update), "--format", "json")
    status = next(f for f in json.loads(out)["facts"] if f["field"] == "status")
    assert status["value"] == "designated" and status["source"]["kind"] == "completed"
    assert status["source"]["passages"]


@pytest.fixture
def edited_workbook(tmp_path):
    """The bundled annex exported, then edited as a person would in a spreadsheet: a verdict retyped."""
    from openpyxl import load_workbook

    path = export(tmp_path / "annexe.xlsx", lang="fr").path
    workbook = load_workbook(path)
    sheet = workbook["Annexe"]
    header = [c.value for c in sheet[1]]
    row = next(r for r in sheet.iter_rows(min_row=2) if r[header.index("Localisation")].value == "Sept-Îles")
    row[header.index("Typologie : modèle")].value = "modèle HIFA"
    workbook.save(path)
    return path, row[0].row


def test_a_verdict_a_person_typed_is_compared_at_its_row_and_never_overwritten(tmp_path, edited_workbook):
    from openpyxl import load_workbook

    path, row = edited_workbook
    differs = [p for p in validate(path, lang="fr").problems if p.code == "verdict-differs"]
    assert [(p.row, p.column) for p in differs] == [(row, "Typologie : modèle")]
    assert differs[0].message.startswith("vous avez écrit 'modèle HIFA' ; la typologie donne 'zone en miniature' : ")
    again = load_workbook(export(tmp_path / "encore.xlsx", path, lang="fr").path)["Liste"]  # now the user's list
    header = [c.value for c in again[1]]
    sept_iles = next(r for r in again.iter_rows(min_row=2) if r[header.index("Localisation")].value == "Sept-Îles")
    assert sept_iles[header.index("Typologie : modèle")].value == "zone en miniature"
    assert sept_iles[header.index("Typologie : modèle — votre fichier")].value == "modèle HIFA"


def test_diff_of_two_editions_of_a_list(run):
    old, new = (str(ROOT / "docs" / "exemples" / n) for n in ("liste-2025.csv", "liste-2026.csv"))
    code, out, _ = run("diff", old, new, "--format", "json")
    data = json.loads(out)
    assert code == 0
    assert [a["name"] for a in data["added"]] == ["Pôle numérique de l'Outaouais"] and data["removed"] == []
    assert data["renamed"] == [{"id": "centre-d-innovation-maritime-de-rimouski", "old": "Centre d'innovation maritime",
                                "new": "Centre d'innovation maritime de Rimouski"}]
    assert [(c["field"], c["old"], c["new"]) for c in data["cells"]] == [("specialised_equipment", "non", "oui"),
                                                                         ("status", "projet", "désigné")]
    assert [(v["axis"], v["old"], v["new"]) for v in data["verdicts"]] == [("status", "project", "designated")]


def test_diff_of_an_exported_workbook_and_its_edited_copy_writes_a_page_for_the_board(run, tmp_path,
                                                                                       edited_workbook):
    path, _row = edited_workbook
    before = export(tmp_path / "avant.xlsx", lang="fr").path
    out = tmp_path / "changements.html"
    code, _, _ = run("diff", str(before), str(path), "-o", str(out), "--lang", "fr")
    assert code == 0 and out.exists()  # the edited verdict is a warning: exit 0 as validate's, 1 with --strict
    assert "Typologie : modèle" in out.read_text(encoding="utf-8")


def test_a_designation_without_a_month_stays_without_one(run, tmp_path):
    path = write_csv(tmp_path / "a.csv", [["Nom", "Statut", "Désigné en"], ["A", "désigné", "2022"],
                                          ["B", "désigné", "2023-05"], ["C", "désigné", ""]])
    _code, out, _ = run("summary", "--from", str(path), "--lang", "fr")
    assert "2022 (mois inconnu)" in out and "mai 2023" in out and "date inconnue" in out
    html = export(tmp_path / "a.html", path, lang="fr").path.read_text(encoding="utf-8")
    marks = html[html.index('<figure class="timeline">'):html.index("</figure>", html.index('<figure class="timeline">'))]
    assert "mai 2023" in marks and "2022" not in marks  # never drawn under a month it does not have


@pytest.mark.parametrize("name", ["a.html", "a.xlsx", "a.md"])
def test_each_document_says_what_the_knowledge_is_current_to(tmp_path, name):
    path = export(tmp_path / name, write_csv(tmp_path / "l.csv", [["Nom"], ["A"]]), lang="fr").path
    line = "Ce que sait cicli : le rapport de 2025, dont la date la plus récente est janvier 2025."
    if name.endswith(".xlsx"):
        from openpyxl import load_workbook

        text = " ".join(str(c) for row in load_workbook(path)["Méthode"].iter_rows(values_only=True) for c in row)
    else:
        text = path.read_text(encoding="utf-8")
    assert line in text and "Votre liste : l.csv, modifiée le " in text


def test_a_loaded_list_of_a_report_centre_keeps_the_users_value(update):
    centres = load(update)
    assert centres.frame.at[3, "specialised_equipment"] == "yes"
