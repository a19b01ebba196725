"""The bundled annex is faithful to the report: every difference with the annex as printed is listed with
its reason, and every fact has its passage."""

from __future__ import annotations

import csv

from conftest import ROOT, printed_rows

from cicli import schema
from cicli.pipeline import load, validate
from cicli.study.knowledge import knowledge

DATA = ROOT / "data" / "centres.csv"


def bundled_rows() -> list[dict]:
    with DATA.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_header_is_the_schema_in_order():
    with DATA.open(encoding="utf-8", newline="") as f:
        header = next(csv.reader(f))
    assert header == [c.name for c in schema.COLUMNS]
    assert header[:7] == ["region", "locality", "name", "niche", "lead", "source_url", "notes"]


def test_fourteen_centres_with_unique_ids():
    rows = bundled_rows()
    assert len(rows) == 14
    ids = [r["id"] for r in rows]
    assert len(set(ids)) == 14
    assert ids[-1] == "di3r-vte"  # the centre the body names and the annex omits


def test_bundled_data_is_valid_without_warnings():
    report = validate()
    assert report.valid
    assert report.problems == []


def test_annex_columns_match_the_printed_annex_except_the_changes_the_knowledge_lists():
    """A cell of the annex differs from what the report prints only where data/report.toml says why."""
    printed = printed_rows()[1:]
    bundled = bundled_rows()[:13]
    differences = {(brow["id"], col): (p, brow[col]) for prow, brow in zip(printed, bundled, strict=True)
                   for col, p in zip(schema.ANNEX_COLUMNS, prow, strict=True) if p != brow[col]}
    listed = {(c.centre, c.column): (c.printed, c.value) for c in knowledge().changes if c.kind in ("corrected", "removed")}
    assert differences == listed
    assert set(listed) == {("hifa", "name"), ("carrefour-peche-aquaculture", "region"), ("dci", "region"),
                           ("ci-cegep-sept-iles", "lead"), ("ci-cegep-sept-iles", "source_url")}


def test_no_note_the_annex_leaves_blank_is_written_in():
    rows = {r["id"]: r for r in bundled_rows()}
    assert [i for i, r in rows.items() if not r["notes"]] == ["novinor", "dci", "ci3em", "carrefour-cyber", "di3r-vte"]
    assert rows["di3r-vte"]["niche"] == "Hydrogène et décarbonation industrielle et du transport lourd"


def test_every_cell_of_the_added_centre_says_where_it_comes_from():
    rows = {r["id"]: r for r in bundled_rows()}
    added = {c.column: c for c in knowledge().changes if c.centre == "di3r-vte"}
    filled = {c for c in schema.ANNEX_COLUMNS if rows["di3r-vte"][c]}
    assert set(added) == filled
    for change in added.values():
        assert change.value == rows["di3r-vte"][change.column]
        assert change.source == "outside" or change.source in knowledge().passages
        assert change.why_fr and change.why_en


def test_every_fact_of_the_bundled_data_has_its_passage():
    """A fact cicli carries about a centre stands in a passage of the report that supports it."""
    k = knowledge()
    facts = [c.name for c in schema.COLUMNS if c.name not in (*schema.ANNEX_COLUMNS, "id", "latitude", "longitude")]
    unsupported = [(r["id"], column) for r in bundled_rows() for column in facts
                   if r[column] and not k.has_source(r["id"], column)]
    assert unsupported == []


def test_facts_from_the_report_body():
    rows = {r["id"]: r for r in bundled_rows()}
    designated = {i: r["designated_on"] for i, r in rows.items() if r["status"] == "designated"}
    assert designated == {"hifa": "2022-02", "cite-innovation-circulaire": "2023-09", "carrefour-cyber": "2023-11",
                          "zone-agtech": "2024-03", "ci-cegep-sept-iles": "2024-12",
                          "carrefour-peche-aquaculture": "2025-01"}
    assert {i for i, r in rows.items() if r["redirected_from_zi"] == "yes"} == {"novinor", "dci", "ci-aluminium-uqac"}
    assert rows["hifa"]["initiators"] == "Premier Tech; Cascades"
    assert rows["ci-cegep-sept-iles"]["specialised_equipment"] == "no"
    assert {i for i, r in rows.items() if r["zone"]} == {"cifte-vte", "cibet-vte", "di3r-vte", "cim"}
    assert {i: r["zone_project"] for i, r in rows.items() if r["zone_project"]} == {
        "carrefour-peche-aquaculture": "Zone bleue"}  # ZIMER is Donald Bhérer's, not the centre's (issue 32)
    # « obtenus », the report says, not from whom: not « public funding ».
    assert rows["ci-cegep-sept-iles"]["funding_cad"] == "3300000" and "public_funding_cad" not in rows["hifa"]


def test_an_alias_is_another_name_of_the_same_centre_never_a_related_body():
    """ZIAL is the zone project, CURAL the research centre, Cybereco the group: told, not joined."""
    k = knowledge()
    for row in bundled_rows():
        for alias in filter(None, (a.strip() for a in row["aliases"].split(";"))):
            assert k.entity_named(alias) is None, (row["id"], alias)


def test_every_coordinate_is_in_quebec_and_every_centre_has_one():
    frame = load().frame
    assert frame["latitude"].between(*schema.QUEBEC_BOUNDS["lat"]).all()
    assert frame["longitude"].between(*schema.QUEBEC_BOUNDS["lon"]).all()
