"""The report's typology: each rule, the verdicts on the bundled annex, the same verdicts in every format."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from conftest import PRINTED_ANNEX, printed_rows, write_csv, write_xlsx

from cicli import reports
from cicli.typology import AXES, classify

AXES_ = ("origin", "anchoring", "model", "status")


def verdict(axis: str, lang: str = "en", **cells: str) -> tuple[str, str, str]:
    """(verdict, rule id, reason) of one row made of `cells`, validated as a file would be."""
    frame = pd.DataFrame([{"name": "X", **cells}], index=[2])
    out = classify(frame, lang)
    return out.at[2, axis], out.at[2, f"{axis}_rule"], out.at[2, f"{axis}_reason"]


# Each rule: cells that make it hold, and cells that look close but must not.
RULES = [
    ("origin", "origin.companies", "private",
     {"initiators": "Premier Tech; Cascades", "initiator_kinds": "company; company"},
     {"initiators": "Premier Tech; UQAR", "initiator_kinds": "company; university"}),
    ("origin", "origin.public-institutions", "public",
     {"initiators": "Cégep de Sept-Îles", "initiator_kinds": "cegep"},
     {"initiators": "", "initiator_kinds": ""}),
    ("origin", "origin.zone-initiator", "undetermined",
     {"initiators": "VTÉ", "initiator_kinds": "zone"},
     {"initiators": "Ville", "initiator_kinds": "municipality"}),
    ("origin", "origin.mixed", "undetermined",
     {"initiators": "A; B", "initiator_kinds": "company; university"},
     {"initiators": "A", "initiator_kinds": "company"}),
    ("anchoring", "anchoring.zone", "zone-affiliated", {"zone": "VTÉ"}, {"zone": ""}),
    ("anchoring", "anchoring.aims-zone", "pre-zone", {"aims_zone": "yes"}, {"aims_zone": "no"}),
    ("anchoring", "anchoring.independent", "standalone", {"independent": "yes"}, {"independent": "no"}),
    ("anchoring", "anchoring.annex-affiliated", "zone-affiliated",
     {"notes": "CI affilie a la VTE (projet)"}, {"notes": "Zone bleue, VTÉ mentionnée"}),
    ("anchoring", "anchoring.annex-first-step", "pre-zone",
     {"notes": "1ère étape en vue d’une désignation de ZI"}, {"notes": "étape suivante"}),
    ("model", "model.light-research", "miniature-zone",
     {"specialised_equipment": "no", "research_anchors": "ITMI"},
     {"specialised_equipment": "no", "research_anchors": ""}),
    ("model", "model.industry-equipment", "hifa",
     {"specialised_equipment": "yes", "equipment": "usine-pilote", "initiators": "PT", "initiator_kinds": "company"},
     {"specialised_equipment": "yes", "equipment": "usine-pilote", "initiators": "U", "initiator_kinds": "university"}),
    ("model", "model.hifa-analogue", "hifa",
     {"specialised_equipment": "yes", "equipment": "labs", "hifa_analogue": "yes"},
     {"specialised_equipment": "", "equipment": "labs", "hifa_analogue": "yes"}),
    ("status", "status.designated", "designated", {"status": "designated", "designated_on": "2022-02"},
     {"status": "project"}),
    ("status", "status.project", "project", {"status": "project"}, {"status": ""}),
    ("status", "status.annex-funded", "designated",
     {"notes": "Financements publics obtenus – Autres pôles"}, {"notes": "Financements demandés"}),
    ("status", "status.annex-project", "project", {"notes": "CI associé à la VTÉ (projet)"},
     {"notes": "projet de loi"}),
]


@pytest.mark.parametrize("axis, rule, expected, positive, negative", RULES, ids=[r[1] for r in RULES])
def test_rule_positive_and_negative(axis, rule, expected, positive, negative):
    got, rule_id, reason = verdict(axis, **positive)
    assert (got, rule_id) == (expected, rule)
    assert reason
    assert verdict(axis, **negative)[1] != rule


def test_every_rule_is_pinned_by_a_test():
    pinned = {r[1] for r in RULES} | {f"{a}.unknown" for a in AXES_} | {"model.equipment-only", "model.light-only"}
    assert {rule.id for axis in AXES for rule in axis.rules} == pinned


def test_undetermined_reasons_name_the_missing_fact():
    assert verdict("origin", "fr") == ("undetermined", "origin.unknown",
                                       "origine indéterminée : le rapport ne dit pas qui a initié le centre "
                                       "(colonnes absentes du fichier : initiator_kinds)")
    assert verdict("model", specialised_equipment="yes", equipment="labs", initiator_kinds="",
                   hifa_analogue="")[1] == "model.equipment-only"
    assert verdict("model", specialised_equipment="no", research_anchors="")[1] == "model.light-only"
    assert verdict("status", status="", notes="")[2] == (
        "status undetermined: the report does not say whether the centre is designated or a project")


def test_reasons_name_the_facts_they_used():
    assert verdict("origin", "fr", initiators="Premier Tech; Cascades", initiator_kinds="company; company")[2] == \
        "origine privée : initiée par Premier Tech (entreprise) et Cascades (entreprise)"
    assert verdict("anchoring", notes="CI associé à la Zone Aéro")[2] == \
        "a pole of the zone Zone Aéro: the annex says « associé à la Zone Aéro »"


def test_facts_come_before_annex_words():
    assert verdict("status", status="project", notes="Financements publics obtenus")[0] == "project"


def test_no_rule_reads_the_name():
    assert verdict("model", name="HIFA")[0] == "undetermined"
    assert verdict("anchoring", name="Zone Agtech")[0] == "undetermined"


BUNDLED = {  # id: (origin, anchoring, zone, model, status, designated_on)
    "novinor": ("undetermined", "undetermined", "", "undetermined", "project", ""),
    "hifa": ("private", "standalone", "", "hifa", "designated", "2022-02"),
    "carrefour-peche-aquaculture": ("undetermined", "undetermined", "", "undetermined", "designated", "2025-01"),
    "cite-innovation-circulaire": ("undetermined", "undetermined", "", "undetermined", "designated", "2023-09"),
    "dci": ("public", "undetermined", "", "hifa", "project", ""),
    "cifte-vte": ("undetermined", "zone-affiliated", "VTÉ", "undetermined", "project", ""),
    "ci3em": ("undetermined", "undetermined", "", "undetermined", "project", ""),
    "zone-agtech": ("undetermined", "undetermined", "", "undetermined", "designated", "2024-03"),
    "cibet-vte": ("undetermined", "zone-affiliated", "VTÉ", "undetermined", "project", ""),
    "ci-aluminium-uqac": ("public", "pre-zone", "", "undetermined", "project", ""),
    "cim": ("public", "zone-affiliated", "Zone Aéro", "undetermined", "project", ""),
    "carrefour-cyber": ("private", "undetermined", "", "undetermined", "designated", "2023-11"),
    "ci-cegep-sept-iles": ("public", "undetermined", "", "miniature-zone", "designated", "2024-12"),
    "di3r-vte": ("undetermined", "zone-affiliated", "VTÉ", "undetermined", "project", ""),
}


def test_bundled_verdicts():
    table = reports.classify().frame
    got = {r.id: (r.origin, r.anchoring, r.zone, r.model, r.status, r.designated_on) for r in table.itertuples()}
    assert got == BUNDLED
    redirected = dict(zip(table["id"], table["redirected_from_zi"], strict=True))
    assert {k for k, v in redirected.items() if v is True} == {"novinor", "dci", "ci-aluminium-uqac"}
    assert table.set_index("id").at["dci", "zi_submitted_year"] == 2020


PRINTED_VERDICTS = {  # the seven annex columns alone: what their words say, nothing more
    "Novinor Innovation": ("undetermined", "undetermined", "", "undetermined", "undetermined"),
    "alles d’innovation et de formation avancée": ("undetermined", "undetermined", "", "undetermined", "designated"),
    "Carrefour d’innovation en pêche et en aquaculture Merinov": ("undetermined", "undetermined", "", "undetermined", "designated"),
    "Cité de l’innovation circulaire et durable": ("undetermined", "undetermined", "", "undetermined", "designated"),
    "District de la construction innovante": ("undetermined", "undetermined", "", "undetermined", "undetermined"),
    "Centre d’Innovation et de Formation en Transition Énergétique": ("undetermined", "zone-affiliated", "VTÉ", "undetermined", "project"),
    "Centre d'innovation, d'industrialisation et d'inclusion en énergies alternatives et métallurgie verte (CI3EM)": ("undetermined", "undetermined", "", "undetermined", "undetermined"),
    "ZoneAgtech – Centre d’innovation en agrosciences et agritechnologies": ("undetermined", "undetermined", "", "undetermined", "designated"),
    "Centre d’Innovation de la Batterie et l’Électrification des Transports": ("undetermined", "zone-affiliated", "VTÉ", "undetermined", "project"),
    "Centre d’innovation en aluminium de l’UQAC": ("undetermined", "pre-zone", "", "undetermined", "undetermined"),
    "Centre d’innovation collaborative en aérospatiale et mobilité (CIM)": ("undetermined", "zone-affiliated", "Zone Aéro", "undetermined", "undetermined"),
    "Carrefour Cyber": ("undetermined", "undetermined", "", "undetermined", "undetermined"),
    "Centre d’innovation du Cégep de Sept-Îles": ("undetermined", "undetermined", "", "undetermined", "designated"),
}


def _verdicts(path, **kw) -> dict:
    table = reports.classify(path, **kw).frame
    return {r.name: (r.origin, r.anchoring, r.zone, r.model, r.status) for r in table.itertuples()}


def test_printed_annex_alone_gives_what_its_words_say():
    assert _verdicts(PRINTED_ANNEX) == PRINTED_VERDICTS


def test_same_verdicts_in_csv_and_xlsx_french_or_english_headers(tmp_path):
    rows = printed_rows()
    english = [["Region", "Locality", "Name", "Niche", "Lead", "Source", "Notes"], *rows[1:]]
    own = [["region", "locality", "name", "niche", "lead", "source_url", "notes"], *rows[1:]]
    files = [
        write_csv(tmp_path / "fr.csv", rows, delimiter=";", encoding="cp1252"),
        write_csv(tmp_path / "en.csv", english, delimiter="\t", encoding="utf-8-sig"),
        write_xlsx(tmp_path / "fr.xlsx", rows, title="Annexe"),
        write_xlsx(tmp_path / "own.xlsx", own),
    ]
    for path in files:
        assert _verdicts(path) == PRINTED_VERDICTS, path.name


def test_bundled_data_round_trips_through_xlsx(tmp_path):
    import csv as _csv

    from cicli.read import bundled_path

    with bundled_path().open(encoding="utf-8", newline="") as f:
        rows = list(_csv.reader(f))
    path = write_xlsx(tmp_path / "centres.xlsx", rows)
    assert _verdicts(path) == _verdicts(None)


def test_cli_json_equals_the_library(run_json):
    code, data, _ = run_json("classify", "--lang", "fr")
    assert code == 0
    assert data == json.loads(json.dumps(reports.classify(lang="fr").records(), ensure_ascii=False))
    hifa = next(d for d in data if d["id"] == "hifa")
    assert list(hifa)[:16] == ["id", "name", "region", "locality", "niche", "lead", "source_url", "notes", "origin",
                               "anchoring", "zone", "model", "status", "designated_on", "redirected_from_zi",
                               "zi_submitted_year"]
    assert hifa["reasons"]["origin"] == "origine privée : initiée par Premier Tech (entreprise) et Cascades (entreprise)"
    assert (hifa["origin"], hifa["redirected_from_zi"], hifa["zi_submitted_year"]) == ("private", None, None)


def test_json_codes_do_not_depend_on_the_language(run_json):
    _, fr, _ = run_json("classify", "--lang", "fr")
    _, en, _ = run_json("classify", "--lang", "en")
    strip = lambda rows: [{k: v for k, v in r.items() if k != "reasons"} for r in rows]  # noqa: E731
    assert strip(fr) == strip(en)


@pytest.mark.parametrize("option, value, expected", [
    ("--status", "désigné", 6), ("--status", "DESIGNATED", 6), ("--status", "projet", 8),
    ("--origin", "privee", 2), ("--origin", "public", 4), ("--anchoring", "zone-affiliated", 4),
    ("--anchoring", "affilié à une zone", 4), ("--model", "zone en miniature", 1), ("--model", "hifa", 2),
    ("--region", "cote nord", 2), ("--region", "Montréal", 2),
])
def test_filters_take_codes_or_labels(run_json, option, value, expected):
    code, data, _ = run_json("classify", option, value)
    assert code == 0
    assert len(data) == expected


def test_unknown_filter_value_is_a_usage_error(run):
    code, out, err = run("classify", "--model", "géant")
    assert code == 2
    assert out == ""
    assert err == "cicli: --model 'géant' is not one of: hifa (modèle HIFA), miniature-zone (zone en miniature), " \
                  "undetermined (indéterminé).\n"


def test_csv_output_uses_codes(run):
    _code, out, _ = run("classify", "--format", "csv", "--lang", "fr")
    lines = out.splitlines()
    assert lines[0] == "id,name,region,locality,origin,anchoring,zone,model,status,designated_on,redirected_from_zi"
    assert lines[2] == ("hifa,Halles d’innovation et de formation avancée,Bas-Saint-Laurent,Rivière-du-Loup,private,"
                        "standalone,,hifa,designated,2022-02,")
    assert len(lines) == 15


def test_markdown_output_with_reasons(run):
    _code, out, _ = run("classify", "--format", "markdown", "--explain", "--lang", "fr", "--model", "zone en miniature")
    lines = out.splitlines()
    assert lines[0].startswith("| Nom ")
    assert len(lines) == 3
    assert "Modèle : zone en miniature : structure légère sans équipement spécialisé" in lines[2]


def test_the_last_rule_of_each_axis_always_holds_and_says_undetermined():
    # classify() does not evaluate the last rule: it is where every row not yet decided lands.
    from cicli.typology.conditions import Always

    for axis in AXES:
        last = axis.rules[-1]
        assert (last.verdict, last.when, last.id) == ("undetermined", Always(), f"{axis.name}.unknown")
        assert all(not isinstance(rule.when, Always) for rule in axis.rules[:-1])
