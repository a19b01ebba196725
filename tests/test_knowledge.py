"""The report's knowledge (data/report.toml) is the report's: quotes verbatim, every reference whole."""

from __future__ import annotations

import re

import pytest
from conftest import PRINTED_ANNEX, ROOT, printed_rows

from cicli import schema
from cicli.study.knowledge import ENTITY_KINDS, THEMES, knowledge
from cicli.typology import AXES

SEEDS = sorted((ROOT.parent / "shared" / "seeds").glob("*.txt"))
needs_the_report = pytest.mark.skipif(not SEEDS, reason="the report's text is not beside the checkout")


def squeeze(text: str) -> str:
    """Line breaks and runs of spaces folded; after a hyphen, a line break joins (« incubateurs-⏎accélérateurs »)."""
    return re.sub(r"\s+", " ", re.sub(r"-[ \t]*\n\s*", "-", text)).strip()


def report_text() -> str:
    return SEEDS[0].read_text(encoding="utf-8")


def centre_ids() -> set[str]:
    import csv

    with (ROOT / "data" / "centres.csv").open(encoding="utf-8", newline="") as f:
        return {row["id"] for row in csv.DictReader(f)}


@needs_the_report
def test_every_passage_stands_verbatim_in_the_report():
    text = squeeze(report_text())
    for passage in knowledge().passages.values():
        for piece in passage.text.split("[…]"):
            assert squeeze(piece) in text, (passage.id, piece[:80])


@needs_the_report
def test_every_cell_printed_over_several_lines_stands_so_in_the_report():
    lines = [line.rstrip() for line in report_text().splitlines()]
    text = "\n".join(lines)
    for change in knowledge().changes:
        if change.kind == "joined":
            assert "\n".join(line.rstrip() for line in change.printed.splitlines()) in text, change.value
            assert re.sub(r"\s", "", change.printed) == re.sub(r"\s", "", change.value), change.value
        elif change.printed:
            assert squeeze(change.printed) in squeeze(text), change.printed


def test_joined_cells_are_the_annex_as_people_type_it():
    printed = {(row[2], i): row for i, row in enumerate(printed_rows())}
    cells = {cell for row in printed.values() for cell in row}
    for change in knowledge().changes:
        if change.kind == "joined":
            assert change.value in cells, change.value
    assert PRINTED_ANNEX.exists()


def test_references_are_whole():
    k = knowledge()
    ids, columns = centre_ids(), {c.name for c in schema.COLUMNS}
    for passage in k.passages.values():
        assert set(passage.about) <= ids, passage.id
        assert all(set(cols) <= columns for cols in passage.facts.values()), passage.id
        assert passage.theme in (*THEMES, "programme", "notions", "caveats", "not-a-ci", "recommendations")
    for topic in k.topics.values():
        assert set(topic.passages) <= set(k.passages), topic.id
        assert topic.summary_fr and topic.summary_en and topic.title_fr and topic.title_en
    for entity in k.entities.values():
        assert entity.kind in ENTITY_KINDS and set(entity.centres) <= ids, entity.id
        assert set(entity.passages) <= set(k.passages), entity.id
    for change in k.changes:
        assert change.centre in ids and change.column in schema.ANNEX_COLUMNS, change
    for axis in AXES:
        for rule in axis.rules:
            assert not rule.passage or rule.passage in k.passages, rule.id


def test_the_topics_cicli_context_promises():
    assert {"ci-vs-zi", "programme", "not-a-ci", "designation", "recommendations", "caveats"} <= set(knowledge().topics)
