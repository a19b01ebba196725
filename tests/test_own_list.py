"""The user's own list (issue 29): the report's centres recognised as people write them and never a false match,
the headers and words people use, their regions as one, a row in error that does not stop the rest, and the
reconciliation said plainly."""

from __future__ import annotations

import json

import pytest
from conftest import write_csv

from cicli import schema
from cicli.matching import report_matcher
from cicli.pipeline import load, validate

# Written as press releases, partners' sites and people's lists write them (issue 29 named the first eight).
SPELLINGS = [
    ("Centre d'innovation HIFA", "hifa"), ("Halles d'innovation et de formation avancée (HIFA)", "hifa"),
    ("District de la construction innovante (DCI)", "dci"), ("CI Cégep Sept-Iles", "ci-cegep-sept-iles"),
    ("Carrefour de l'innovation en pêches et aquaculture", "carrefour-peche-aquaculture"),
    ("Cité de l'innovation circulaire et durable (CICD)", "cite-innovation-circulaire"),
    ("Centre d'innovation, d'industrialisation et d'inclusion en énergies alternatives et métallurgie verte", "ci3em"),
    ("HIFA", "hifa"), ("Les Halles d’innovation et de formation avancée", "hifa"), ("HIFA Rivière-du-Loup", "hifa"),
    ("HIFA (Rivière-du-Loup)", "hifa"), ("Centre d'innovation du Cégep de Sept-Îles", "ci-cegep-sept-iles"),
    ("CENTRE D'INNOVATION DU CEGEP DE SEPT-ILES", "ci-cegep-sept-iles"),
    ("Carrefour d'innovation en pêche et en aquaculture (Grande-Rivière)", "carrefour-peche-aquaculture"),
    ("CI3EM", "ci3em"), ("Zone Agtech", "zone-agtech"), ("ZoneAgtech", "zone-agtech"),
    ("Zone AgTech – L'Assomption", "zone-agtech"),
    ("Centre d'innovation en agrosciences et agritechnologies", "zone-agtech"), ("Carrefour Cyber", "carrefour-cyber"),
    ("Le Carrefour Cyber", "carrefour-cyber"), ("Complexe d'Innovation et de Commercialisation (CIC)", "carrefour-cyber"),
    ("Novinor", "novinor"), ("NOVINOR", "novinor"), ("Novinor Innovation (Val-d'Or)", "novinor"),
    ("CIBÉT-VTE", "cibet-vte"), ("Centre d'innovation de la batterie et de l'électrification des transports",
                                 "cibet-vte"),
    ("CIFTE", "cifte-vte"), ("District d'innovation Trois-Rivières", "di3r-vte"), ("DI3R", "di3r-vte"),
    ("Centre d'innovation en aluminium de l'UQAC", "ci-aluminium-uqac"),
    ("Centre d'innovation collaborative en aérospatiale et mobilité", "cim"), ("Centre d'innovation CIM", "cim"),
]
# Lists that share words with a centre but are not one: transfer centres, zones, initiators, research centres.
TRAPS = ["Cégep de Sept-Îles", "Merinov", "Zone d'innovation en aluminium (ZIAL)", "Vallée de la transition énergétique",
         "Développement économique Nouvelle-Beauce", "Premier Tech", "ITMI", "Innofibre", "CEFRAIL", "Technum Québec",
         "Centre d'innovation en microélectronique du Québec (CIMEQ)", "Centre de recherche de Sept-Îles",
         "Centre collégial de transfert de technologie en pêche", "Laboratoire d'identité numérique du Canada",
         "Centre de développement des bioproduits", "Cégep de Rivière-du-Loup", "Centre d'innovation", "Zone Aéro",
         "Centre international de mobilité (CIM)", "Innovation maritime", "Université Laval", "CIM",
         "Carrefour jeunesse-emploi de Sept-Îles"]


@pytest.mark.parametrize("name, centre", SPELLINGS)
def test_the_reports_centres_are_recognised_as_people_write_them(name, centre):
    assert report_matcher().match(name).centre == centre


@pytest.mark.parametrize("name", TRAPS)
def test_no_body_sharing_a_word_with_a_centre_gets_its_facts(name):
    assert report_matcher().match(name).centre is None


def test_show_and_compare_take_the_names_a_file_is_matched_by(run):
    code, out, _ = run("show", "CI Cégep Sept-Iles", "--format", "json")
    assert code == 0 and json.loads(out)["id"] == "ci-cegep-sept-iles"
    code, out, _ = run("compare", "Centre d'innovation HIFA", "District de la construction innovante (DCI)",
                       "--format", "json")
    assert code == 0 and json.loads(out)["centres"] == ["hifa", "dci"]


OPEN_DATA = [["NOM_ORGANISME", "MUNICIPALITE", "REGION_ADM", "SITE_WEB", "DATE_DESIGNATION", "Statut", "Remarques"],
             ["Centre d'innovation HIFA", "Rivière-du-Loup", "01 - Bas-Saint-Laurent", "", "février 2022", "désignée",
              ""],
             ["CI Cégep Sept-Iles", "Sept-Îles", "09 - Côte-Nord", "", "", "en développement", ""],
             ["Cégep de Sept-Îles", "Sept-Îles", "Cote Nord", "", "", "à l'étude", ""],
             ["LaboIDN", "Gatineau", "07 - Outaouais", "", "", "désigné", ""],
             ["Zone d'innovation en aluminium (ZIAL)", "Saguenay", "Saguenay-Lac-St-Jean", "", "", "", ""],
             ["", "Rimouski", "Bas-St-Laurent", "", "", "projet", "ligne sans nom"],
             ["Centre d'innovation maritime", "Rimouski", "BAS-SAINT-LAURENT", "https://exemple.ca", "", "bof", ""]]


@pytest.fixture
def veille(tmp_path):
    return write_csv(tmp_path / "veille.csv", OPEN_DATA, delimiter=";")


@pytest.mark.parametrize("header, column", [
    ("Municipalité", "locality"), ("Ville", "locality"), ("Région administrative", "region"), ("Site web", "source_url"),
    ("Lien", "source_url"), ("Lien communiqué", "source_url"), ("Porteur", "initiators"), ("Personne-ressource", "lead"),
    ("Date de désignation", "designated_on"), ("Commentaires", "notes"), ("Remarques", "notes"), ("Secteur", "niche"),
    ("Organisme", "name"), ("NOM_ORGANISME", "name"), ("MUNICIPALITE", "locality"), ("REGION_ADM", "region"),
    ("SITE_WEB", "source_url"), ("DATE_DESIGNATION", "designated_on"), ("Website", "source_url"), ("City", "locality"),
])
def test_the_headers_people_use_are_read(tmp_path, header, column):
    other = "Nom" if column != "name" else "Localisation"
    path = write_csv(tmp_path / "a.csv", [[other, header], ["Centre A" if other == "Nom" else "Laval", "x"]])
    uses = {c.header: c.column for c in validate(path).columns}
    assert uses[header] == column


def test_validate_names_every_column_it_ignores_and_how_to_map_it(run, tmp_path):
    path = write_csv(tmp_path / "a.csv", [["Nom", "Ville de réalisation"], ["Centre A", "Laval"]])
    _code, out, _ = run("validate", str(path), "--lang", "fr")
    assert "Ville de réalisation  non utilisée : pour l'utiliser, passez --column \"Ville de réalisation=COLONNE\"" \
        in out
    from cicli.read import column_mapping

    mapping = column_mapping(["Ville de réalisation=Localisation"])
    assert load(path, columns=mapping).frame.at[2, "locality"] == "Laval"


def test_a_file_without_a_name_column_says_which_to_map(run, tmp_path):
    path = write_csv(tmp_path / "a.csv", [["Titre du projet", "Ville"], ["Centre X", "Rimouski"]])
    code, out, _ = run("validate", str(path), "--lang", "fr", "--format", "json")
    problem = json.loads(out)["problems"][0]
    assert code == 1 and problem["code"] == "missing-name-column"
    assert problem["message"].endswith("Si c'est 'Titre du projet', passez --column \"Titre du projet=Nom\".")


@pytest.mark.parametrize("word, code", [
    ("désigné", "designated"), ("Désignée", "designated"), ("désignés", "designated"), ("DESIGNEES", "designated"),
    ("designated", "designated"), ("financé", "funded"), ("funded", "funded"), ("en projet", "project"),
    ("à l'étude", "project"), ("en développement", "project"), ("project", "project"), ("refusé", "refused"),
    ("abandonné", "abandoned"), ("abandoned", "abandoned"),
])
def test_status_words_people_type(tmp_path, word, code):
    path = write_csv(tmp_path / "a.csv", [["Nom", "Statut"], ["Centre A", word]])
    assert load(path).frame.at[2, "status"] == code


def test_funded_is_not_designated_and_an_unknown_status_is_a_warning_kept_as_written(tmp_path):
    from cicli import results

    path = write_csv(tmp_path / "a.csv", [["Nom", "Statut"], ["A", "financé"], ["B", "bof"], ["C", "désigné"]])
    report = validate(path)
    assert [(p.code, p.severity, p.row) for p in report.problems] == [("invalid-value", "warning", 3)]
    table = results.classify(path, lang="en").frame.set_index("name")
    assert table.loc[["A", "B", "C"], "status"].tolist() == ["funded", "undetermined", "designated"]


@pytest.mark.parametrize("written", ["Cote Nord", "cote-nord", "COTE-NORD", "09 - Côte-Nord", "Région de la Côte-Nord",
                                     "Côte-Nord", "09"])
def test_a_region_written_any_way_is_one_of_the_seventeen(tmp_path, written):
    path = write_csv(tmp_path / "a.csv", [["Nom", "Région"], ["A", written]])
    assert load(path).frame.at[2, "region"] == "Côte-Nord"


def test_one_region_written_three_ways_counts_once_everywhere(run, tmp_path):
    path = write_csv(tmp_path / "a.csv", [["Nom", "Région"], ["A", "Bas-St-Laurent"], ["B", "BAS-SAINT-LAURENT"],
                                          ["C", "01 - Bas-Saint-Laurent"], ["D", "Gaspésie"]])
    _code, out, _ = run("summary", "--from", str(path), "--format", "json")
    assert json.loads(out)["regions"] == {"Bas-Saint-Laurent": 3, "Gaspésie–Îles-de-la-Madeleine": 1}
    report = validate(path, lang="fr")
    assert next(p.message for p in report.problems if p.code == "read-as") == \
        "'Bas-St-Laurent' lu comme la région Bas-Saint-Laurent (ligne 2)."


def test_a_row_without_a_name_is_reported_and_the_others_are_classified(run, veille):
    code, out, _ = run("classify", "--from", str(veille), "--format", "json", "--lang", "fr")
    names = [c["name"] for c in json.loads(out)]
    assert code == 1 and len(names) == 6 and "" not in names
    report = validate(veille, lang="fr")
    empty = next(p for p in report.problems if p.code == "empty-name")
    assert (empty.row, empty.column, empty.severity) == (7, "NOM_ORGANISME", "error")
    assert "écrivez le nom du centre dans sa cellule « NOM_ORGANISME », ou supprimez la ligne" in empty.message


def test_the_reconciliation_says_which_rows_are_which_centres_and_which_are_absent(run, veille):
    code, out, _ = run("validate", str(veille), "--format", "json")
    data = json.loads(out)["reconciliation"]
    assert code == 1
    recognised = {r["centre"]: (r["rows"], r["grounds"]) for r in data["recognised"]}
    assert recognised == {"hifa": ("2", ["acronym"]), "ci-cegep-sept-iles": ("3", ["name"])}
    assert [(r["row"], r["centre"], r["why"]) for r in data["close"]] == [(4, "ci-cegep-sept-iles", "no-mark")]
    assert [(b["rows"], b["kind"]) for b in data["bodies"]] == [("5", "not-a-ci"), ("6", "zone-project")]
    assert len(data["absent"]) == 12 and "carrefour-cyber" in [a["id"] for a in data["absent"]]


def test_the_reconciliation_reads_in_a_minute(run, veille):
    _code, out, _ = run("validate", str(veille), "--lang", "fr")
    sections = ["Problèmes", "Colonnes de votre fichier", "Les centres du rapport dans votre liste",
                "Lignes proches d'un centre du rapport (non complétées)",
                "Lignes qui nomment un organisme que cite le rapport, pas un centre",
                "Les centres du rapport absents de votre liste"]
    positions = [out.index(title + "\n") for title in sections]
    assert positions == sorted(positions)


def test_a_near_miss_is_a_suggestion_never_completed(veille):
    centres = load(veille)
    position = list(centres.frame.index).index(4)
    assert centres.recognition.centre[position] in ("", None)
    assert centres.frame.at[4, "initiators"] in ("", None) if "initiators" in centres.frame.columns else True
    message = next(p.message for p in centres.findings.problems if p.code == "near-miss")
    assert "Centre d’innovation du Cégep de Sept-Îles" in message


def test_the_schema_knows_the_open_data_headers():
    for header in ("NOM_ORGANISME", "MUNICIPALITE", "REGION_ADM", "SITE_WEB", "DATE_DESIGNATION"):
        assert schema.column_for_header(header) is not None, header


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_an_export_of_a_users_list_keeps_every_cell_it_says_it_completed(tmp_path, run, suffix):
    """The message « completed N cells » and the file agree: the report's facts are in the exported file, read
    back by cicli as written (no completion on the way back)."""
    import re

    source = tmp_path / "mine.csv"
    source.write_text("Nom\nHIFA\nMon centre\n", encoding="utf-8")
    out = tmp_path / f"out{suffix}"
    code, _out, err = run("export", str(out), "--from", str(source))
    said = int(re.search(r"cicli completed (\d+) of its empty cells", err).group(1))
    back = load(out, from_report=False).frame
    facts = [c for c in schema.BY_NAME if c in back.columns and c != "name"]  # the id too: the report's « hifa »
    import pandas as pd

    def filled(row: int) -> dict:
        return {c: back.iloc[row][c] for c in facts if not pd.isna(back.iloc[row][c]) and back.iloc[row][c] != ""}

    hifa = filled(0)
    assert code == 0 and said == len(hifa) == 25, sorted(hifa)
    assert (hifa["region"], hifa["locality"], hifa["status"], hifa["designated_on"]) == \
        ("Bas-Saint-Laurent", "Rivière-du-Loup", "designated", "2022-02")
    assert hifa["id"] == "hifa"
    assert filled(1) == {}  # the user's own row stays as written: cicli's derived id is not written into it


def test_a_row_is_recognised_by_its_web_address_alone(tmp_path, run_json):
    """Its name says nothing the report knows; its address is HIFA's, written without its slash or its case."""
    path = tmp_path / "sites.csv"
    path.write_text("Nom,Site web\nNotre pôle,HTTPS://WWW.HIFA.CA\nAutre,https://exemple.org\n", encoding="utf-8")
    code, centres, err = run_json("classify", str(path))
    assert code == 0
    assert [(c["id"], c["name"], c["status"], c["region"]) for c in centres] == [
        ("hifa", "Notre pôle", "designated", "Bas-Saint-Laurent"), ("autre", "Autre", "undetermined", "")]
    assert "1 row of your file is a centre of the report" in err


@pytest.mark.parametrize("name, close, why, shared", [
    ("Batterie électrification", "cibet-vte", "some-words", ("batterie", "electrification")),  # two words suffice
    ("Transition énergétique Bécancour centre", "cifte-vte", "some-words", ("energetique", "transition")),
    ("Innovation aluminium UQAC centre", "ci-aluminium-uqac", "no-mark", ("aluminium", "uqac")),
    ("HIFA (DCI)", "dci", "other-words", ("dci",)),
])
def test_a_name_close_to_a_centre_is_a_suggestion_never_a_completion(name, close, why, shared):
    match = report_matcher().match(name)
    assert (match.centre, match.close, match.why, match.shared) == (None, close, why, shared)


@pytest.mark.parametrize("name", ["Programme de transition énergétique des municipalités rurales et agricoles",
                                  "Batterie de tests électrification des flottes municipales et scolaires régionales"])
def test_two_words_in_common_among_many_others_suggest_nothing(name):
    """A programme or an organisation that shares two words with a centre is not close to it: most of its words
    are not the centre's."""
    match = report_matcher().match(name)
    assert (match.centre, match.close, match.body) == (None, None, None)


@pytest.mark.parametrize("name, centre", [("DI3R-VTÉ (DI3R)", "di3r-vte"), ("CIFTE VTE (CIFTE)", "cifte-vte"),
                                          ("CIBET-VTÉ", "cibet-vte")])
def test_a_vte_centre_written_with_its_acronym_is_that_centre_not_every_centre_of_the_vte(name, centre):
    """« DI3R-VTÉ (DI3R) », its acronym set aside, left « vte »: the name of all three VTÉ centres at once."""
    assert report_matcher().match(name).centre == centre


def test_in_a_long_list_a_centre_is_found_by_its_name_its_id_or_its_address_alone(tmp_path, monkeypatch):
    """Past SMALL distinct names only the rows that can name a centre are matched one by one: a row whose only
    sign is the report's id, or its web address, or an acronym among other words, is among them."""
    from cicli.matching import rows as matching_rows

    monkeypatch.setattr(matching_rows, "SMALL", 10)
    lines = ["Nom,id,Site web"] + [f"Organisme régional numéro {i},," for i in range(40)]
    lines += ["Notre pôle,hifa,", "Autre pôle,,https://NOVINOR.com/", "Le nouveau CI3EM de la Côte,,",
              "Centre de transition énergétique des municipalités,,", "DCI Sainte-Marie,,"]
    path = tmp_path / "long.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    centres = load(path)
    known = [(centres.raw.at[i, "name"], centres.recognition.centre[k]) for k, i in enumerate(centres.raw.index)
             if centres.recognition.centre[k]]
    assert known == [("Notre pôle", "hifa"), ("Autre pôle", "novinor")]
    close = {centres.raw.at[i, "name"]: centres.recognition.close[k] for k, i in enumerate(centres.raw.index)
             if centres.recognition.close[k]}
    assert close == {"Le nouveau CI3EM de la Côte": "ci3em", "DCI Sainte-Marie": "dci"}  # three-letter acronyms too


@pytest.mark.parametrize("locality, centre, close", [("Sainte-Marie-de-Beauce", "dci", None), ("", None, "dci"),
                                                      ("Montréal", None, "dci")])
def test_a_short_acronym_is_the_centre_in_its_town_and_a_suggestion_elsewhere(locality, centre, close):
    """« DCI » alone could be another body's acronym: with the DCI's own town it is the DCI."""
    match = report_matcher().match("DCI", locality=locality)
    assert (match.centre, match.close) == (centre, close)


@pytest.mark.parametrize("name, centre", [("ZoneAgtech (Qc)", "zone-agtech"), ("Zone Agtech, L’Assomption, Qc", "zone-agtech"),
                                          ("Carrefour cyber de Mtl", "carrefour-cyber"),
                                          ("Halles d’innovation et de formation avancée (hifa)", "hifa"),
                                          ("Centre d'innovation du Cégep de Sept-Îles, Québec", "ci-cegep-sept-iles")])
def test_the_abbreviations_and_the_province_people_add_do_not_hide_a_centre(name, centre):
    assert report_matcher().match(name).centre == centre


def test_rows_are_named_as_runs():
    from cicli.text import ranges

    assert ranges([5, 9, 10, 11, 12, 15]) == "5, 9–12, 15"
    assert ranges([1, 2, 4], limit=1) == "1–2 and 1 more"


@pytest.mark.parametrize("name, centre", [("Futur centre d’innovation du Cégep de Sept-Îles", "ci-cegep-sept-iles"),
                                          ("Carrefour Cyber OBNL", "carrefour-cyber"),
                                          ("Carrefour Cyber obnl", "carrefour-cyber"),
                                          ("Novinor Innovation Center", "novinor"), ("Projet Novinor", "novinor"),
                                          ("Novinor project", "novinor"), ("Nouveau Carrefour Cyber inc.", "carrefour-cyber")])
def test_the_words_every_list_adds_to_a_name_do_not_hide_the_centre(name, centre):
    """« Futur », « projet », « nouveau », « OBNL », « inc. », « Center »: words of status or of form, not of name."""
    assert report_matcher().match(name).centre == centre
