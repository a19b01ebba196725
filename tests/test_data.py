"""The bundled annex is faithful to the report, and its corrections are documented."""

from __future__ import annotations

import csv

import pytest
from conftest import ROOT, printed_rows

from cicli import schema
from cicli.validation import load, validate

DATA = ROOT / "data" / "centres.csv"
DATA_DOC = (ROOT / "docs" / "data.md").read_text(encoding="utf-8")


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


def test_annex_columns_match_the_printed_annex_except_documented_corrections():
    printed = printed_rows()[1:]
    bundled = bundled_rows()[:13]
    differences = [(brow["id"], col, p, brow[col]) for prow, brow in zip(printed, bundled, strict=True)
                   for col, p in zip(schema.ANNEX_COLUMNS, prow, strict=True) if p != brow[col]]
    assert {(i, col) for i, col, _, _ in differences} == {
        ("hifa", "name"),  # truncated in the report
        ("carrefour-peche-aquaculture", "region"),  # not one of the 17 regions
        ("dci", "region"),  # misspelt
        ("ci-cegep-sept-iles", "lead"),  # copied from the ZoneAgtech row
        ("ci-cegep-sept-iles", "source_url"),
        ("carrefour-cyber", "notes"),  # designated in the body, blank in the annex
    }
    # Every correction is documented with the report's original, in docs/data.md.
    for _, column, original, corrected in differences:
        assert original in DATA_DOC, (column, original)
        assert corrected == "" or corrected in DATA_DOC, (column, corrected)


def test_corrections_are_the_expected_ones():
    rows = {r["id"]: r for r in bundled_rows()}
    assert rows["hifa"]["name"] == "Halles d’innovation et de formation avancée"
    assert rows["dci"]["region"] == "Chaudière-Appalaches"
    assert rows["carrefour-peche-aquaculture"]["region"] == "Gaspésie–Îles-de-la-Madeleine"
    assert (rows["ci-cegep-sept-iles"]["lead"], rows["ci-cegep-sept-iles"]["source_url"]) == ("", "")
    assert rows["carrefour-cyber"]["notes"] == "Financements publics obtenus"


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


def test_every_coordinate_is_in_quebec_and_every_centre_has_one():
    frame = load().frame
    assert frame["latitude"].between(*schema.QUEBEC_BOUNDS["lat"]).all()
    assert frame["longitude"].between(*schema.QUEBEC_BOUNDS["lon"]).all()


SEED = ROOT.parent / "shared" / "seeds" / "000_2d1375cded5fe982.txt"


def _squeeze(text: str) -> str:
    """Whitespace folded; a hyphen at the end of a printed line joins the next (« incubateurs-\naccélérateurs »)."""
    import re

    return re.sub(r"\s+", " ", text.replace("-\n", "-")).strip()


@pytest.mark.skipif(not SEED.exists(), reason="the report's text is not beside the checkout")
def test_every_quote_of_the_evidence_stands_in_the_report():
    from cicli.read import bundled_evidence

    report = _squeeze(SEED.read_text(encoding="utf-8"))
    for row in bundled_evidence():
        for piece in row["quote"].split("[…]"):
            assert _squeeze(piece) in report, (row["id"], piece[:60])


def test_evidence_names_real_centres_and_columns():
    from cicli.read import bundled_evidence

    ids = {r["id"] for r in bundled_rows()}
    evidence = bundled_evidence()
    assert len(evidence) >= 40
    for row in evidence:
        assert row["id"] in ids
        assert set(row["columns"].split()) <= {c.name for c in schema.COLUMNS}, row
