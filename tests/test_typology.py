"""The report's typology: each rule, the verdicts on the bundled annex, the same verdicts in every format."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from conftest import PRINTED_ANNEX, printed_rows, write_csv, write_xlsx

from cicli import results
from cicli.typology import AXES, judge

AXES_ = ("origin", "anchoring", "model", "status")


def _as_the_reports(frame, report: bool) -> dict:
    """The typology's arguments for a row of the report's (every value the report's) or of a user's file."""
    if not report:
        return {}
    from cicli.completion import REPORT

    return {"sources": {c: np.full(len(frame), REPORT, dtype=np.int8) for c in frame.columns},
            "known": np.ones(len(frame), dtype=bool)}


def verdict(axis: str, lang: str = "en", report: bool = False, **cells: str) -> tuple[str, str, str]:
    """(verdict, rule id, reason) of one row made of `cells`: a user's file, or the report's facts."""
    frame = pd.DataFrame([{"name": "X", **cells}], index=[2])
    out = judge(frame, lang, **_as_the_reports(frame, report))
    return out.at[2, axis], out.at[2, f"{axis}_rule"], out.at[2, f"{axis}_reason"]


def basis(axis: str, report: bool = False, **cells: str) -> str:
    frame = pd.DataFrame([{"name": "X", **cells}], index=[2])
    return judge(frame, "en", **_as_the_reports(frame, report)).at[2, f"{axis}_basis"]


# Each rule: cells that make it hold, and cells that look close but must not.
RULES = [
    ("origin", "origin.named-private", "private", {"origin_named": "private"}, {"origin_named": "public"}),
    ("origin", "origin.named-public", "public", {"origin_named": "public"}, {"origin_named": ""}),
    ("origin", "origin.companies", "private",
     {"initiators": "Premier Tech; Cascades", "initiator_kinds": "company; company"},
     {"initiators": "Premier Tech; UQAR", "initiator_kinds": "company; university"}),
    ("origin", "origin.companies", "private",  # a group of companies is private too
     {"initiators": "Groupe Premier Tech", "initiator_kinds": "company_group"},
     {"initiators": "Groupe Premier Tech; UQAR", "initiator_kinds": "company_group; university"}),
    ("origin", "origin.public-institutions", "public",
     {"initiators": "Cégep de Sept-Îles", "initiator_kinds": "cegep"},
     {"initiators": "DENB", "initiator_kinds": "economic_development"}),
    ("origin", "origin.public-institutions", "public",  # a research centre is one of the report's examples too
     {"initiators": "CQRDA; UQAC", "initiator_kinds": "research_centre; university"},
     {"initiators": "CQRDA; DENB", "initiator_kinds": "research_centre; economic_development"}),
    ("origin", "origin.zone-initiator", "undetermined",
     {"initiators": "VTÉ", "initiator_kinds": "zone"},
     {"initiators": "Ville", "initiator_kinds": "municipality"}),
    ("origin", "origin.local-development", "undetermined",
     {"initiators": "DENB", "initiator_kinds": "economic_development"},
     {"initiators": "UQAC", "initiator_kinds": "university"}),
    ("origin", "origin.municipality", "public",
     {"initiators": "Ville Saint-Laurent", "initiator_kinds": "municipality"},
     {"initiators": "Ville; DENB", "initiator_kinds": "municipality; economic_development"}),
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
    ("anchoring", "anchoring.zone-project", "undetermined", {"zone_project": "ZIMER"}, {"zone_project": ""}),
    ("model", "model.named-miniature", "miniature-zone", {"model_named": "miniature-zone"}, {"model_named": "hifa"}),
    ("model", "model.named-hifa", "hifa", {"model_named": "hifa"}, {"model_named": ""}),
    ("model", "model.light-research", "miniature-zone",
     {"specialised_equipment": "no", "research_anchors": "ITMI"},
     {"specialised_equipment": "no", "research_anchors": ""}),
    ("model", "model.industry-equipment", "hifa",
     {"specialised_equipment": "yes", "equipment": "usine-pilote", "initiators": "PT", "initiator_kinds": "company"},
     {"specialised_equipment": "yes", "equipment": "usine-pilote", "initiators": "U", "initiator_kinds": "university"}),
    ("model", "model.hifa-analogue", "hifa", {"hifa_analogue": "yes"}, {"hifa_analogue": "no"}),
    ("model", "model.equipment-only", "undetermined", {"specialised_equipment": "yes"},
     {"specialised_equipment": "no"}),
    ("model", "model.light-only", "undetermined", {"specialised_equipment": "no"}, {"specialised_equipment": ""}),
    ("status", "status.designated", "designated", {"status": "designated", "designated_on": "2022-02"},
     {"status": "project"}),
    ("status", "status.funded", "funded", {"status": "funded"}, {"status": "designated"}),
    ("status", "status.project", "project", {"status": "project"}, {"status": ""}),
    ("status", "status.abandoned", "abandoned", {"status": "abandoned"}, {"status": "refused"}),
    ("status", "status.refused", "refused", {"status": "refused"}, {"status": "abandoned"}),
    ("status", "status.annex-funded", "funded",
     {"notes": "Financements publics obtenus – Autres pôles"}, {"notes": "Financements demandés"}),
    ("status", "status.annex-project", "project", {"notes": "CI associé à la VTÉ (projet)"},
     {"notes": "projet de loi"}),
]


@pytest.mark.parametrize("axis, rule, expected, positive, negative", RULES,
                         ids=[f"{r[1]}-{k}" for k, r in enumerate(RULES)])
def test_rule_positive_and_negative(axis, rule, expected, positive, negative):
    got, rule_id, reason = verdict(axis, **positive)
    assert (got, rule_id) == (expected, rule)
    assert reason
    assert verdict(axis, **negative)[1] != rule


def test_every_rule_is_pinned_by_a_test():
    pinned = {r[1] for r in RULES} | {f"{a}.unknown" for a in AXES_}
    assert {rule.id for axis in AXES for rule in axis.rules} == pinned


def test_what_a_rule_reads_is_derived_from_its_condition_and_its_reasons():
    """Dropping every column a rule does not read changes neither its verdict nor its reason."""
    for axis, rule_id, expected, positive, _negative in RULES:
        rule = next(r for a in AXES for r in a.rules if r.id == rule_id)
        assert set(positive) <= set(rule.uses) | {"notes", "niche"}, rule_id
        assert verdict(axis, **{k: v for k, v in positive.items() if k in rule.uses})[:2] == (expected, rule_id)


def test_on_a_users_file_undetermined_reasons_name_the_missing_columns_as_the_file_would():
    assert verdict("origin", "fr") == ("undetermined", "origin.unknown",
                                       "origine indéterminée : votre fichier ne dit pas qui a initié le centre "
                                       "(colonnes absentes du fichier : « Origine énoncée », « Types d'initiateurs »)")
    assert verdict("status", status="", notes="")[2] == (
        "status undetermined: your file does not say whether the centre is designated, funded or a project")


def test_on_a_users_file_no_reason_says_the_report_speaks_of_the_centre():
    """The report does not name a user's own centre: their facts are their file's (issue 15)."""
    cases = [("origin", {"initiators": "A", "initiator_kinds": "company"}),
             ("anchoring", {"independent": "yes"}), ("model", {"hifa_analogue": "yes"}),
             ("status", {"status": "designated"}), ("model", {})]
    for axis, cells in cases:
        for lang, words in (("en", "the report says"), ("fr", "le rapport dit")):
            reason = verdict(axis, lang, **cells)[2]
            assert words not in reason and "report does not say" not in reason, reason
        assert basis(axis, **cells) in ("file", "none")


def test_no_reason_holds_empty_parentheses():
    reason = verdict("model", specialised_equipment="yes", initiators="PT", initiator_kinds="company")[2]
    assert reason == "HIFA model: cicli infers it from your file, an industrial initiative (PT (company)) with " \
                     "specialised equipment, the cues of HIFA"
    assert "()" not in verdict("model", "fr", specialised_equipment="yes")[2]


def test_every_verdict_says_what_it_rests_on():
    assert basis("anchoring", report=True, independent="yes") == "report"
    assert verdict("anchoring", report=True, independent="yes")[2] == \
        "standalone: the report calls the centre independent"
    assert basis("origin", report=True, initiators="PT", initiator_kinds="company") == "inference"
    assert verdict("origin", "fr", report=True, initiators="PT", initiator_kinds="company")[2].startswith(
        "origine privée : cicli le déduit")
    assert basis("status", report=True, notes="Financements publics obtenus") == "report"
    assert basis("status", notes="Financements publics obtenus") == "file"
    assert basis("model", report=True) == "none"


def test_facts_come_before_annex_words():
    assert verdict("status", status="project", notes="Financements publics obtenus")[0] == "project"


def test_no_rule_reads_the_name():
    assert verdict("model", name="HIFA")[0] == "undetermined"
    assert verdict("anchoring", name="Zone Agtech")[0] == "undetermined"


BUNDLED = {  # id: (origin, anchoring, zone, model, status, designated_on)
    "novinor": ("undetermined", "undetermined", "", "hifa", "project", ""),
    "hifa": ("private", "standalone", "", "hifa", "designated", "2022-02"),
    "carrefour-peche-aquaculture": ("undetermined", "undetermined", "", "undetermined", "designated", "2025-01"),
    "cite-innovation-circulaire": ("undetermined", "undetermined", "", "undetermined", "designated", "2023-09"),
    "dci": ("undetermined", "undetermined", "", "hifa", "project", ""),
    "cifte-vte": ("undetermined", "zone-affiliated", "VTÉ", "undetermined", "project", ""),
    "ci3em": ("undetermined", "undetermined", "", "undetermined", "project", ""),
    "zone-agtech": ("undetermined", "undetermined", "", "undetermined", "designated", "2024-03"),
    "cibet-vte": ("undetermined", "zone-affiliated", "VTÉ", "undetermined", "project", ""),
    "ci-aluminium-uqac": ("undetermined", "pre-zone", "", "undetermined", "project", ""),
    "cim": ("public", "zone-affiliated", "Zone Aéro", "undetermined", "project", ""),
    "carrefour-cyber": ("private", "undetermined", "", "undetermined", "designated", "2023-11"),
    "ci-cegep-sept-iles": ("public", "undetermined", "", "miniature-zone", "designated", "2024-12"),
    "di3r-vte": ("undetermined", "zone-affiliated", "VTÉ", "undetermined", "project", ""),
}


def test_bundled_verdicts():
    table = results.classify().frame
    got = {r.id: (r.origin, r.anchoring, r.zone, r.model, r.status, r.designated_on) for r in table.itertuples()}
    assert got == BUNDLED
    redirected = dict(zip(table["id"], table["redirected_from_zi"], strict=True))
    assert {k for k, v in redirected.items() if v is True} == {"novinor", "dci", "ci-aluminium-uqac"}
    assert table.set_index("id").at["dci", "zi_submitted_year"] == 2020


def test_novinor_and_the_dci_cited_together_as_hifa_analogues_are_judged_alike():
    table = results.classify(lang="fr").frame.set_index("id")
    for centre in ("novinor", "dci"):
        assert (table.at[centre, "model"], table.at[centre, "model_basis"]) == ("hifa", "report")
        assert table.at[centre, "model_reason"] == \
            "modèle HIFA : le rapport range le projet parmi les « projets de CI analogues à celui des HIFA »"


def test_the_dci_names_both_its_initiators_and_a_town_is_public_by_cicli_s_inference():
    """Issue 32: the report names DENB and Université Laval behind the DCI and draws no line between local
    development bodies and public institutions; its public institutions are examples, so a city's initiative is
    public by an inference cicli labels as its own."""
    table = results.classify(lang="en").frame.set_index("id")
    dci = table.at["dci", "origin_reason"]
    assert table.at["dci", "origin"] == "undetermined"
    assert "Université Laval" in dci and "Développement économique Nouvelle-Beauce (DENB)" in dci, dci
    assert "organismes de développement locaux" not in dci and "does not say on which side" in dci
    assert (table.at["cim", "origin"], table.at["cim", "origin_basis"]) == ("public", "inference")
    assert table.at["cim", "origin_reason"].startswith("public origin: cicli infers it, not the report: ")
    assert "« recherche universitaire ou collégiale par exemple »" in table.at["cim", "origin_reason"]


def test_no_reason_denies_a_zone_project_the_report_mentions():
    table = results.classify(lang="en").frame.set_index("id")
    reason = table.at["carrefour-peche-aquaculture", "anchoring_reason"]
    assert "Zone bleue" in reason and "ties the centre to no zone" not in reason, reason


def test_sept_iles_is_not_tied_to_zimer_which_the_report_ties_to_donald_bherer():
    """Issue 32: « chargé de projet pour la zone d'innovation ZIMER » is said of the person, not the centre."""
    table = results.classify(lang="fr").frame.set_index("id")
    assert "ZIMER" not in table.at["ci-cegep-sept-iles", "anchoring_reason"]
    assert table.at["ci-cegep-sept-iles", "zone"] in ("", None) or pd.isna(table.at["ci-cegep-sept-iles", "zone"])


PRINTED_VERDICTS = {  # the seven annex columns alone: what their words say, nothing more (funding is not designation)
    "Novinor Innovation": ("undetermined", "undetermined", "", "undetermined", "undetermined"),
    "alles d’innovation et de formation avancée": ("undetermined", "undetermined", "", "undetermined", "funded"),
    "Carrefour d’innovation en pêche et en aquaculture Merinov": ("undetermined", "undetermined", "", "undetermined", "funded"),
    "Cité de l’innovation circulaire et durable": ("undetermined", "undetermined", "", "undetermined", "funded"),
    "District de la construction innovante": ("undetermined", "undetermined", "", "undetermined", "undetermined"),
    "Centre d’Innovation et de Formation en Transition Énergétique": ("undetermined", "zone-affiliated", "VTÉ", "undetermined", "project"),
    "Centre d'innovation, d'industrialisation et d'inclusion en énergies alternatives et métallurgie verte (CI3EM)": ("undetermined", "undetermined", "", "undetermined", "undetermined"),
    "ZoneAgtech – Centre d’innovation en agrosciences et agritechnologies": ("undetermined", "undetermined", "", "undetermined", "funded"),
    "Centre d’Innovation de la Batterie et l’Électrification des Transports": ("undetermined", "zone-affiliated", "VTÉ", "undetermined", "project"),
    "Centre d’innovation en aluminium de l’UQAC": ("undetermined", "pre-zone", "", "undetermined", "undetermined"),
    "Centre d’innovation collaborative en aérospatiale et mobilité (CIM)": ("undetermined", "zone-affiliated", "Zone Aéro", "undetermined", "undetermined"),
    "Carrefour Cyber": ("undetermined", "undetermined", "", "undetermined", "undetermined"),
    "Centre d’innovation du Cégep de Sept-Îles": ("undetermined", "undetermined", "", "undetermined", "funded"),
}


def _verdicts(path, from_report: bool = False, **kw) -> dict:
    """The verdicts of a file; by default of the file alone, without what the report knows of its rows."""
    from cicli.pipeline import load

    table = results.classify(centres=load(path, from_report=from_report, **kw)).frame
    return {r.name: (r.origin, r.anchoring, r.zone, r.model, r.status) for r in table.itertuples()}


def test_printed_annex_alone_gives_what_its_words_say():
    assert _verdicts(PRINTED_ANNEX) == PRINTED_VERDICTS


def test_the_printed_annex_completed_from_the_report_gives_the_reports_verdicts():
    """Issue 20: a user's list with the seven columns got « undetermined » even for HIFA and Sept-Îles."""
    bundled = _verdicts(None)
    completed = _verdicts(PRINTED_ANNEX, from_report=True)
    assert len(completed) == 13  # the annex as printed: DI3R-VTE is in the body only
    assert all(completed[name] == bundled[name] for name in completed if name in bundled)
    assert sum(name in bundled for name in completed) >= 12


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
    assert data == json.loads(json.dumps(results.classify(lang="fr").records(), ensure_ascii=False))
    hifa = next(d for d in data if d["id"] == "hifa")
    assert list(hifa)[:16] == ["id", "name", "region", "locality", "niche", "lead", "source_url", "notes", "origin",
                               "anchoring", "zone", "model", "status", "designated_on", "redirected_from_zi",
                               "zi_submitted_year"]
    assert hifa["reasons"]["origin"] == ("origine privée : le rapport présente le centre sous son intertitre « Des "
                                         "initiatives privées », des centres mis sur pied par de grandes entreprises "
                                         "(« mis sur pied par des grandes entreprises »)")
    assert hifa["bases"] == {"origin": "report", "anchoring": "report", "model": "report", "status": "report"}
    assert (hifa["origin"], hifa["redirected_from_zi"], hifa["zi_submitted_year"]) == ("private", None, None)


def test_json_codes_do_not_depend_on_the_language(run_json):
    _, fr, _ = run_json("classify", "--lang", "fr")
    _, en, _ = run_json("classify", "--lang", "en")
    strip = lambda rows: [{k: v for k, v in r.items() if k != "reasons"} for r in rows]  # noqa: E731
    assert {tuple(r["bases"].values()) for r in fr} <= {tuple(b) for b in __import__("itertools").product(
        ("report", "inference", "none"), repeat=4)}
    assert strip(fr) == strip(en)


@pytest.mark.parametrize("option, value, expected", [
    ("--status", "désigné", 6), ("--status", "DESIGNATED", 6), ("--status", "projet", 8),
    ("--origin", "privee", 2), ("--origin", "public", 2), ("--anchoring", "zone-affiliated", 4),
    ("--anchoring", "affilié à une zone", 4), ("--model", "zone en miniature", 1), ("--model", "hifa", 3),
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
    assert err == "cicli: --model 'géant' is not one of: hifa (HIFA model), miniature-zone (miniature zone), " \
                  "undetermined (undetermined).\n"


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
    # One block per centre: its name, where it is, then the reason of each verdict.
    assert lines[:4] == ["### Centre d’innovation du Cégep de Sept-Îles", "", "Sept-Îles · Côte-Nord", ""]
    assert lines[6] == ("- **Modèle** : zone en miniature : le rapport le dit (« On a donc, avec le CI de Sept-Îles, "
                        "le modèle de la « zone en miniature » »)")
    assert lines[-1] == "1 centre"


def test_the_last_rule_of_each_axis_always_holds_and_says_undetermined():
    # judge() does not evaluate the last rule: it is where every row not yet decided lands.
    from cicli.typology.conditions import Always

    for axis in AXES:
        last = axis.rules[-1]
        assert (last.verdict, last.when, last.id) == ("undetermined", Always(), f"{axis.name}.unknown")
        assert all(not isinstance(rule.when, Always) for rule in axis.rules[:-1])


# Rows that two adjacent rules both fit: the earlier rule decides. With the pairs that no row can fit both of
# (DISJOINT, checked below), every rule that is moved one place changes a verdict or a reason a test sees.
ORDER = {
    ("origin.named-public", "origin.companies"):
        {"origin_named": "public", "initiators": "Premier Tech", "initiator_kinds": "company"},
    ("origin.public-institutions", "origin.municipality"): {"initiators": "UQAC", "initiator_kinds": "university"},
    ("origin.zone-initiator", "origin.local-development"):
        {"initiators": "VTÉ; DENB", "initiator_kinds": "zone; economic_development"},
    ("origin.local-development", "origin.mixed"): {"initiators": "DENB", "initiator_kinds": "economic_development"},
    ("anchoring.zone", "anchoring.aims-zone"): {"zone": "VTÉ", "aims_zone": "yes"},
    ("anchoring.aims-zone", "anchoring.independent"): {"aims_zone": "yes", "independent": "yes"},
    ("anchoring.independent", "anchoring.annex-affiliated"): {"independent": "yes", "notes": "CI affilié à la VTÉ"},
    ("anchoring.annex-affiliated", "anchoring.annex-first-step"):
        {"notes": "CI affilié à la VTÉ ; 1ère étape en vue d’une désignation de ZI"},
    ("anchoring.annex-first-step", "anchoring.zone-project"):
        {"notes": "1ère étape en vue d’une désignation de ZI", "zone_project": "ZIMER"},
    ("model.named-hifa", "model.hifa-analogue"): {"model_named": "hifa", "hifa_analogue": "yes"},
    ("model.hifa-analogue", "model.light-research"):
        {"hifa_analogue": "yes", "specialised_equipment": "no", "research_anchors": "ITMI"},
    ("model.industry-equipment", "model.equipment-only"):
        {"specialised_equipment": "yes", "equipment": "usine-pilote", "initiators": "PT", "initiator_kinds": "company"},
    ("status.refused", "status.annex-funded"): {"status": "refused", "notes": "Financements publics obtenus"},
    ("status.annex-funded", "status.annex-project"): {"notes": "Financements publics obtenus (projet)"},
}
#: Adjacent rules no row can fit both of: moving one below the other changes nothing, and needs no witness.
DISJOINT = {("origin.named-private", "origin.named-public"), ("origin.companies", "origin.public-institutions"),
            ("origin.municipality", "origin.zone-initiator"), ("status.designated", "status.funded"),
            ("status.funded", "status.project"), ("status.project", "status.abandoned"),
            ("status.abandoned", "status.refused"), ("model.named-miniature", "model.named-hifa"),
            ("model.light-research", "model.industry-equipment"),  # equipment « no », then « yes »
            ("model.equipment-only", "model.light-only")}


def _holds(rule, cells: dict) -> bool:
    from cicli.typology.facts import facts

    frame = pd.DataFrame([{"name": "X", **cells}], index=[2]).fillna("")
    return bool(rule.when.test(facts(frame)).fillna(False).iloc[0])


@pytest.mark.parametrize("pair, cells", ORDER.items(), ids=[" > ".join(p) for p in ORDER])
def test_of_two_rules_a_row_fits_the_earlier_decides(pair, cells):
    """« Financements publics obtenus (projet) » is funded, not a project: the rule for funding comes first."""
    rules = {rule.id: rule for axis in AXES for rule in axis.rules}
    assert all(_holds(rules[rule], cells) for rule in pair)
    assert verdict(pair[0].split(".")[0], **cells)[1] == pair[0]


def test_every_pair_of_adjacent_rules_is_ordered_by_a_witness_or_cannot_meet():
    """Moving a rule below the next is caught wherever it matters: each adjacent pair either has a row that fits
    both (ORDER), or no row fits both: none of the witnesses of either, nor the two merged."""
    witnesses: dict[str, list[dict]] = {}
    for _axis, rule, _expected, positive, negative in RULES:
        witnesses.setdefault(rule, []).extend([positive, negative])
    for axis in AXES:
        for earlier, later in zip(axis.rules[:-2], axis.rules[1:-1], strict=True):
            pair = (earlier.id, later.id)
            if pair in ORDER:
                continue
            rows = [*witnesses[earlier.id], *witnesses[later.id]]
            rows += [{**a, **b} for a in witnesses[earlier.id] for b in witnesses[later.id]]
            meeting = [r for r in rows if _holds(earlier, r) and _holds(later, r)]
            assert pair in DISJOINT, f"{pair}: add a row both fit to ORDER, or the pair to DISJOINT ({meeting[:1]})"
            assert not meeting, f"{pair} both fit {meeting[0]}: give ORDER a witness"


def test_the_columns_a_users_file_lacks_are_named_on_every_axis(run_json, tmp_path):
    path = tmp_path / "names.csv"
    path.write_text("Nom\nA\n", encoding="utf-8")
    _code, (centre,), _err = run_json("classify", str(path))
    assert centre["reasons"] == {
        "origin": "origin undetermined: your file does not say who initiated the centre (columns not in the file: "
                  "« Stated origin », « Initiator kinds »)",
        "anchoring": "anchoring undetermined: your file does not say whether the centre stands alone, is a pole of a "
                     "zone or a first step toward one (columns not in the file: « Innovation zone », « Aims at a "
                     "zone », « Independent »)",
        "model": "model undetermined: your file neither names the centre's model nor gives the cues of either (an "
                 "industrial initiative with specialised equipment, or a light structure standing on research) "
                 "(columns not in the file: « Stated model », « Analogous to HIFA », « Specialised equipment », "
                 "« Research anchors », « Initiator kinds »)",
        "status": "status undetermined: your file does not say whether the centre is designated, funded or a "
                  "project (columns not in the file: « Status »)"}


#: Rules that cite no passage of the report: what they rest on instead.
NO_PASSAGE = {"status.abandoned": "a status the user's file gives (« abandonné »): no rule cites a passage for it",
              "status.refused": "a status the user's file gives (« refusé »): no rule cites a passage for it"}


def test_every_rule_that_decides_rests_on_a_passage_of_the_report_or_on_the_annexs_own_words():
    from cicli.study.knowledge import knowledge

    passages = knowledge().passages
    for axis in AXES:
        for rule in axis.rules:
            if rule.passage:
                assert rule.passage in passages, rule.id
            else:
                assert rule.verdict == "undetermined" or rule.id.startswith(f"{axis.name}.annex-") \
                    or rule.id in NO_PASSAGE, f"{rule.id} decides {rule.verdict} on no passage of the report"
