"""compare, show and summary: names found as people type them, the report's contrast, the landscape's figures."""

from __future__ import annotations

import json

import pytest
from conftest import PRINTED_ANNEX, write_csv

from cicli import results
from cicli.errors import UsageError


@pytest.fixture(scope="module")
def table():
    return results.classify().frame


@pytest.mark.parametrize("query, expected", [
    ("HIFA", "hifa"), ("hifa", "hifa"), ("Halles d'innovation et de formation avancée", "hifa"),
    ("CI3EM", "ci3em"), ("CIM", "cim"), ("CCIAM", "cim"), ("cibet", "cibet-vte"), ("CIBÉT-VTE", "cibet-vte"),
    ("Sept-Îles", "ci-cegep-sept-iles"), ("sept iles", "ci-cegep-sept-iles"), ("SEPT-ILES", "ci-cegep-sept-iles"),
    ("Rivière-du-Loup", "hifa"), ("riviere du loup", "hifa"), ("Cyber", "carrefour-cyber"),
    ("aluminium", "ci-aluminium-uqac"), ("Merinov", "carrefour-peche-aquaculture"), ("dci", "dci"),
    ("L'Assomption", "zone-agtech"), ("l’assomption", "zone-agtech"), ("Trois-Rivières", "di3r-vte"),
    ("carrefour-cyber", "carrefour-cyber"),
])
def test_names_are_found_as_people_type_them(table, query, expected):
    assert table.at[results.find(table, query, table["aliases"]), "id"] == expected


def test_a_name_matching_several_centres_lists_them(table):
    with pytest.raises(UsageError) as e:
        results.find(table, "Montréal", table["aliases"])
    assert str(e.value) == ("'Montréal' matches 2 centres: cim (Centre d’innovation collaborative en aérospatiale et "
                            "mobilité (CIM), Montréal); carrefour-cyber (Carrefour Cyber, Montréal). Name one of them "
                            "by its id.")
    assert e.value.exit_code == 2


def test_a_name_matching_many_centres_lists_ten_and_counts_the_rest(tmp_path):
    from conftest import write_csv

    path = write_csv(tmp_path / "many.csv", [["Nom", "Localisation"]] + [[f"Centre {n}", "Laval"] for n in range(1, 13)])
    table = results.classify(path).frame
    with pytest.raises(UsageError) as e:
        results.find(table, "Laval")
    assert str(e.value) == ("'Laval' matches 12 centres: " + "; ".join(f"centre-{n} (Centre {n}, Laval)" for n in range(1, 11))
                            + "; and 2 more. Name one of them by its id.")
    assert table.at[results.find(table, "centre 12"), "name"] == "Centre 12"


def test_an_unknown_name_suggests_the_closest(table):
    with pytest.raises(UsageError, match=r"no centre matches 'zzz'\.$"):
        results.find(table, "zzz", table["aliases"])
    with pytest.raises(UsageError, match=r"no centre matches 'hifaa'. Did you mean hifa \(Halles"):
        results.find(table, "hifaa", table["aliases"])


def test_compare_hifa_and_sept_iles_shows_the_reports_contrast():
    side = results.compare(["HIFA", "Sept-Îles"]).side
    assert list(side.columns) == ["hifa", "ci-cegep-sept-iles", "differs"]
    rows = {f: (side.at[f, "hifa"], side.at[f, "ci-cegep-sept-iles"], side.at[f, "differs"]) for f in side.index}
    assert rows["origin"] == ("private", "public", True)
    assert rows["model"] == ("hifa", "miniature-zone", True)
    assert rows["anchoring"] == ("standalone", "undetermined", True)
    assert rows["status"] == ("designated", "designated", False)
    assert rows["specialised_equipment"] == ("yes", "no", True)
    assert rows["initiators"] == ("Premier Tech; Cascades", "Cégep de Sept-Îles", True)
    assert rows["investment_cad"] == (35_000_000, None, True)
    assert "zone" not in side.index  # no centre of the two has one


def test_compare_cli_json_is_the_same_content(run):
    code, out, err = run("compare", "hifa", "sept iles", "--format", "json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert data["centres"] == ["hifa", "ci-cegep-sept-iles"]
    fields = {f["field"]: f for f in data["fields"]}
    assert fields["origin"] == {"field": "origin", "differs": True,
                                "values": {"hifa": "private", "ci-cegep-sept-iles": "public"}}
    assert fields["model"]["values"] == {"hifa": "hifa", "ci-cegep-sept-iles": "miniature-zone"}
    assert [f["field"] for f in data["fields"]] == list(results.compare(["HIFA", "Sept-Îles"]).side.index)


def test_compare_diff_keeps_only_differences(run):
    _code, out, _ = run("compare", "HIFA", "Sept-Îles", "--diff", "--format", "csv")
    lines = out.splitlines()
    assert lines[0] == "field,hifa,ci-cegep-sept-iles,differs"
    assert all(line.endswith(",yes") for line in lines[1:])
    assert not any(line.startswith(("status,", "notes,")) for line in lines)


def test_compare_table_marks_differences(run):
    _code, out, _ = run("compare", "HIFA", "Sept-Îles", "--lang", "fr")
    origin = next(line for line in out.splitlines() if "Origine" in line)
    status = next(line for line in out.splitlines() if "Statut" in line)
    assert "≠" in origin and "privée" in origin and "publique" in origin
    assert "≠" not in status


@pytest.mark.parametrize("args, message", [
    (("compare", "Montréal", "HIFA"), "cicli: 'Montréal' matches 2 centres: "),
    (("compare", "HIFA", "nowhere"), "cicli: no centre matches 'nowhere'"),
    (("compare", "HIFA"), "cicli: compare needs two centres or more"),
    (("compare", "HIFA", "hifa"), "cicli: 'hifa' is named twice"),
    (("show", "cibet-vte", "CIFTE", "x"), "cicli: unexpected argument"),
    (("show", "VTE"), "cicli: 'VTE' is not a centre of the annex: it is Vallée de la transition énergétique (VTÉ), a "
                      "designated innovation zone"),
])
def test_ambiguous_or_unknown_names_are_usage_errors(run, args, message):
    code, out, err = run(*args)
    assert (code, out) == (2, "")
    assert err.startswith(message)
    assert "Traceback" not in err


def test_compare_on_a_users_file(run):
    code, out, _ = run("compare", "Cyber", "Sept-Îles", "--from", str(PRINTED_ANNEX), "--format", "json", "--file-only")
    data = json.loads(out)
    assert code == 0
    assert data["centres"] == ["carrefour-cyber", "centre-d-innovation-du-cegep-de-sept-iles"]
    lead = next(f for f in data["fields"] if f["field"] == "lead")
    assert lead["values"] == {"carrefour-cyber": "Paul Berthier", "centre-d-innovation-du-cegep-de-sept-iles": "Marilou Cyr"}


def test_show_gives_facts_with_sources_and_verdicts_with_reasons(run_json):
    code, data, _ = run_json("show", "sept iles", "--lang", "fr")
    assert code == 0
    assert (data["id"], data["row"]) == ("ci-cegep-sept-iles", 14)
    facts = {f["field"]: f for f in data["facts"]}
    assert facts["specialised_equipment"]["value"] == "no"
    source = facts["specialised_equipment"]["source"]
    assert source["kind"] == "body" and [p["id"] for p in source["passages"]] == ["sept-iles-light"]
    assert source["passages"][0]["text"].startswith("Le centre mise également sur une structure légère – ici, pas "
                                                    "d’équipements spécialisés comme dans les HIFA")
    assert facts["region"]["source"]["text"] == "l'annexe du rapport, colonne « Région », telle qu'imprimée"
    assert facts["funding_cad"]["value"] == 3_300_000
    assert "lead" not in facts  # empty: the report does not name it
    verdicts = {v["axis"]: v for v in data["verdicts"]}
    assert (verdicts["model"]["verdict"], verdicts["model"]["basis"]) == ("miniature-zone", "report")
    assert [p["theme"] for p in data["account"]][:1] == ["origin"] and len(data["account"]) >= 10


def test_show_lists_what_cicli_removed_with_what_the_annex_printed(run_json):
    _, data, _ = run_json("show", "sept iles")
    removed = {r["field"]: r["source"] for r in data["removed"]}
    assert set(removed) == {"lead", "source_url"}
    assert removed["lead"]["printed"] == "Marilou Cyr" and "ZoneAgtech" in removed["lead"]["why"]


def test_show_says_a_corrected_cell_is_corrected_and_what_was_printed(run_json):
    _, data, _ = run_json("show", "Grande-Rivière")
    region = next(f for f in data["facts"] if f["field"] == "region")["source"]
    assert (region["kind"], region["printed"]) == ("corrected", "Bas-Saint-Laurent et Gaspésie")
    _, data, _ = run_json("show", "dci")
    assert next(f for f in data["facts"] if f["field"] == "region")["source"]["printed"] == "Chaudières-Appalaches"


def test_show_never_says_the_annex_for_a_centre_the_annex_omits(run_json):
    _, data, _ = run_json("show", "DI3R-VTE")
    kinds = {f["field"]: f["source"]["kind"] for f in data["facts"]}
    assert "annex" not in kinds.values()
    assert (kinds["region"], kinds["locality"], kinds["name"], kinds["niche"]) == ("outside", "added", "added", "added")
    assert "notes" not in kinds  # the annex prints no note for it, and cicli writes none in


def test_a_blank_note_of_the_annex_stays_blank(run_json):
    _, data, _ = run_json("show", "Carrefour Cyber")
    assert "notes" not in {f["field"] for f in data["facts"]}
    status = next(v for v in data["verdicts"] if v["axis"] == "status")
    assert (status["verdict"], status["basis"]) == ("designated", "report")


def test_show_on_a_users_file_cites_the_file_and_cicli_for_what_it_derives(run_json):
    _code, data, _ = run_json("show", "Rivière-du-Loup", "--from", str(PRINTED_ANNEX), "--file-only")
    facts = {f["field"]: f for f in data["facts"]}
    assert facts["lead"]["source"]["text"] == "your file, column « Responsable »"
    assert facts["id"]["source"]["kind"] == "derived"  # the file has no id column: cicli made it
    assert all("report" not in v["reason"] or "« Financements" in v["reason"] for v in data["verdicts"])


@pytest.mark.parametrize("query, entity, centre", [
    ("ZIAL", "Zone d’innovation en aluminium (ZIAL)", "ci-aluminium-uqac"),
    ("CURAL", "Centre universitaire de recherche sur l’aluminium (CURAL)", "ci-aluminium-uqac"),
    ("Cybereco", "Cybereco", "carrefour-cyber"),
    ("ZIMER", "zone d’innovation ZIMER", "ci-cegep-sept-iles"),
    ("Pavillon Rio Tinto IOC", "pavillon RioTinto IOC du Cégep de Sept-Îles", "ci-cegep-sept-iles"),
])
def test_a_related_body_is_told_for_what_it_is_never_taken_for_the_centre(run, query, entity, centre):
    code, out, err = run("show", query)
    assert (code, out) == (2, "")
    assert err.startswith(f"cicli: '{query}' is not a centre of the annex: it is {entity}, ")
    assert f"({centre})" in err


def test_summary_figures_on_the_bundled_annex(run_json):
    code, data, _ = run_json("summary")
    assert code == 0
    assert data["centres"] == 14
    assert data["counts"] == {
        "origin": {"private": 2, "public": 2, "undetermined": 10},
        "anchoring": {"standalone": 1, "zone-affiliated": 4, "pre-zone": 1, "undetermined": 8},
        "model": {"hifa": 3, "miniature-zone": 1, "undetermined": 10},
        "status": {"designated": 6, "funded": 0, "project": 8, "abandoned": 0, "refused": 0, "undetermined": 0},
    }
    assert data["origin_by_model"]["private"] == {"hifa": 1, "miniature-zone": 0, "undetermined": 1, "total": 2}
    assert data["origin_by_model"]["total"]["total"] == 14
    assert data["anchoring_by_status"]["zone-affiliated"] == {"designated": 0, "funded": 0, "project": 4, "abandoned": 0,
                                                             "refused": 0, "undetermined": 0, "total": 4}
    assert [(t["designated_on"], t["id"]) for t in data["timeline"]] == [
        ("2022-02", "hifa"), ("2023-09", "cite-innovation-circulaire"), ("2023-11", "carrefour-cyber"),
        ("2024-03", "zone-agtech"), ("2024-12", "ci-cegep-sept-iles"), ("2025-01", "carrefour-peche-aquaculture")]
    assert [(w["id"], w["zi_submitted_year"]) for w in data["waiting"]][:2] == [("novinor", 2020), ("dci", 2020)]
    assert len(data["waiting"]) == 8
    # « par année » belongs to the zones' 800 000 $; the report gives no period for the centres' 360 000 $.
    # Issue 32: every amount the report cites, with its words and its hedge.
    assert [(f["code"], f["cad"], f["period"], f["qualifier"]) for f in data["funding"]] == [
        ("pafode_zi", 800_000, "year", None), ("pafode_ci", 360_000, None, None),
        ("hifa_investment", 35_000_000, None, "more-than"), ("dci_estimate", 20_000_000, None, "estimated-about"),
        ("sept_iles_funding", 3_300_000, None, None), ("rio_tinto_gift", 4_000_000, None, None)]
    assert [f["quote"] for f in data["funding"]][2:4] == [
        "Grâce à des investissements combinés de plus 35 millions$", "Le projet, évalué à environ 20 millions $"]
    assert sum(data["regions"].values()) == 14
    assert data["regions"]["Montréal"] == 2


def test_summary_table_has_bars_and_markdown_has_sections(run):
    _, out, _ = run("summary", "--lang", "fr")
    assert "désigné           6  ██████\n" in out  # counts right-aligned, a bar beside each
    _, out, _ = run("summary", "--lang", "fr", "--format", "markdown")
    assert out.startswith("## Origine (14 centres)\n\n| Origine ")
    assert "## Financement selon le rapport" in out
    assert "█" not in out


def test_ids_come_from_names_and_repeats_are_numbered(tmp_path):
    from conftest import write_csv

    path = write_csv(tmp_path / "a.csv", [["Nom", "id"], ["Centre Â", ""], ["CENTRE  a !", ""], ["Centre B", "mon-id"],
                                          ["centre-a", ""]])
    assert results.classify(path).frame["id"].tolist() == ["centre-a", "centre-a-2", "mon-id", "centre-a-3"]


def test_the_verdicts_alone_leave_out_rules_and_reasons_only():
    from cicli.typology import AXIS_NAMES

    full = results.classify(lang="fr").frame
    bare = results.classify(lang="fr").verdicts
    assert list(bare.columns) == [*results.RECORD_FIELDS, "aliases"]  # the bundled annex has aliases
    assert set(full.columns) - set(bare.columns) == {f"{a}_{part}" for a in AXIS_NAMES
                                                     for part in ("rule", "reason", "basis")}
    assert bare.equals(full[bare.columns])


def test_a_large_summary_groups_its_counts_and_keeps_its_bars_on_the_line(run, tmp_path):
    """Seen on 10,000 rows: « 10000 » ungrouped, and a bar of one character per centre (10,000 characters)."""
    rows = [["Nom", "Région"]] + [[f"Centre {i}", "Laval"] for i in range(1200)]
    status, out, _err = run("summary", str(write_csv(tmp_path / "many.csv", rows)), "--lang", "fr")
    assert status == 0
    lines = out.splitlines()
    assert lines[0] == "Origine (1\u202f200 centres)"
    undetermined = next(line for line in lines if line.startswith("indéterminée"))
    assert undetermined.split("  ")[-1] == "█" * 40 and "1\u202f200" in undetermined
