"""The report's words, not cicli's (issue 32): what reasons, summaries and docs claim stands in the report, hedges and
qualifiers kept, quotations never holding a translation, and the judgements cicli makes labelled as its own."""

from __future__ import annotations

import re

import pytest
from conftest import ROOT
from test_knowledge import needs_the_report, report_text, squeeze

from cicli import results
from cicli.i18n import in_language
from cicli.study.knowledge import knowledge
from cicli.typology import AXES


def quotations(text: str) -> list[str]:
    """The outermost « … » of a text (a quotation may hold another: « le modèle de la « zone en miniature » »)."""
    out, depth, start = [], 0, 0
    for i, char in enumerate(text):
        if char == "«":
            depth += 1
            if depth == 1:
                start = i + 1
        elif char == "»" and depth:
            depth -= 1
            if depth == 0:
                out.append(text[start:i].strip())
    return out


def in_the_report(quote: str, report: str) -> bool:
    """Whether a quotation stands in the report: each piece between « […] », apostrophes and line breaks aside."""
    def plain(text: str) -> str:
        return squeeze(text).replace("’", "'").replace("« ", "«").replace(" »", "»").lower()

    return all(plain(piece) in report for piece in quote.split("[…]") if piece.strip())


# Quotations cicli makes of names people or the annex write, not of the report's prose.
NOT_PROSE = {"centre d'innovation", "zone", "(projet)", "cité", "district", "carrefour", "impulsion",
             "du secteur de la recherche", "Des initiatives privées"}


def every_text_in_english_and_french() -> list[tuple[str, str]]:
    """(where, text) for the reasons, axis meanings, topic summaries and funding labels, in both languages."""
    from cicli.study.funding import FUNDING

    texts = []
    for axis in AXES:
        texts.append((axis.name, axis.meaning))
        for rule in axis.rules:
            texts += [(rule.id, rule.reason), (rule.id, rule.reason_file)]
    texts += [(f"funding {row[0]}", row[3]) for row in FUNDING]
    out = [(f"{where} (en)", text) for where, text in texts]
    out += [(f"{where} (fr)", in_language("fr", text)) for where, text in texts]
    for topic in knowledge().topics.values():
        out += [(f"topic {topic.id} (en)", topic.summary_en), (f"topic {topic.id} (fr)", topic.summary_fr)]
    return out


@needs_the_report
@pytest.mark.parametrize("where, text", every_text_in_english_and_french(), ids=lambda v: v[:40])
def test_every_quotation_stands_in_the_report_and_holds_no_translation(where, text):
    """In English output a translation sits beside the French quotation, never inside « »."""
    report = squeeze(report_text()).replace("’", "'").replace("« ", "«").replace(" »", "»").lower()
    for quote in quotations(text):
        if quote in NOT_PROSE or "{" in quote:
            continue
        assert in_the_report(quote, report), (where, quote)


def test_quotations_are_found_nested_and_whole():
    assert quotations("« le modèle de la « zone en miniature » » et « Six »") == [
        "le modèle de la « zone en miniature »", "Six"]


def test_vte_centres_are_said_announced_in_the_poles_plan_not_initiated_by_the_vte():
    table = results.classify(lang="fr").frame.set_index("id")
    for centre in ("cifte-vte", "cibet-vte", "di3r-vte"):
        reason = table.at[centre, "origin_reason"]
        assert "à l'initiative de la VTÉ" not in reason and "a été annoncé par" in reason, reason
    passage = knowledge().passage("vte-centres").text
    assert "annonçait dans son Plan stratégique 2024-28 la construction de trois centres" in passage


def test_the_model_axis_states_the_reports_criteria_and_equipment_is_one_cue():
    table = results.classify(lang="fr").frame
    assert not table["model_reason"].str.contains("ne dit pas si le centre a des équipements spécialisés").any()
    doc = (ROOT / "docs" / "typology.md").read_text(encoding="utf-8")
    for words in ("où l'apport universitaire est jugé capital", "incarné par les HIFA", "un indice parmi d'autres"):
        assert words in doc, words


def test_stated_facts_rest_on_the_report_and_inferences_on_cicli():
    table = results.classify(lang="en").frame.set_index("id")
    assert (table.at["hifa", "origin"], table.at["hifa", "origin_basis"]) == ("private", "report")
    assert (table.at["carrefour-cyber", "origin"], table.at["carrefour-cyber", "origin_basis"]) == ("private", "report")
    assert table.at["ci-cegep-sept-iles", "model_basis"] == "report"
    assert table.at["ci-cegep-sept-iles", "model_reason"].startswith("miniature zone: the report says so")
    assert table.at["hifa", "model_basis"] == "report"


def test_sept_iles_lead_change_says_the_annex_prints_one_and_why_it_is_not_used():
    change = knowledge().change("ci-cegep-sept-iles", "lead")
    assert change.printed == "Marilou Cyr" and change.value == ""
    assert "Le rapport ne nomme pas le responsable" not in change.why_fr
    assert change.why_fr.startswith("L’annexe imprime « Marilou Cyr »") and "Le corps du rapport" in change.why_fr


@pytest.mark.parametrize("page", ["README.md", "README.en.md"])
def test_the_readme_quotes_the_reports_own_standing(page):
    text = squeeze((ROOT / page).read_text(encoding="utf-8"))
    assert "seule étude" not in text and "only study" not in text
    assert "« constitue la première étude entièrement dédiée aux Centres d'innovation au Québec »" in text
    assert "(« à notre connaissance »)" in text


@pytest.mark.parametrize("page, own", [("README.md", "catégorisation que propose le rapport lui-même"),
                                       ("README.en.md", "report's own categorisation"),
                                       ("docs/guide.md", "La catégorisation propre du rapport"),
                                       ("docs/guide.en.md", "The report's own categorisation"),
                                       ("docs/typology.md", "La catégorisation propre du rapport"),
                                       ("docs/typology.en.md", "The report's own categorisation")])
def test_the_docs_say_which_axis_is_the_reports_own_categorisation(page, own):
    text = squeeze((ROOT / page).read_text(encoding="utf-8"))
    assert own in text
    assert [a.name for a in AXES if a.own] == ["origin"]


def test_classify_help_says_which_axis_is_the_reports_own(run):
    _code, out, _ = run("classify", "--help", "--lang", "en")
    assert "Origin (a private or a public initiative) is the report's own categorisation" in squeeze(
        out.replace("│", " "))
    _code, out, _ = run("classify", "--help", "--lang", "fr")
    assert "catégorisation des CI que propose le rapport lui-même" in squeeze(out.replace("│", " "))


@pytest.mark.parametrize("page", ["docs/guide.md", "docs/guide.en.md", "docs/typology.md", "docs/typology.en.md"])
def test_funding_is_never_said_to_mean_designated(page):
    text = squeeze((ROOT / page).read_text(encoding="utf-8"))
    assert "« Financements publics obtenus » veut dire désigné" not in text
    assert "« Financements publics obtenus » means designated" not in text
    assert "« Financements publics obtenus » means funded" in text or \
        "« Financements publics obtenus » veut dire financé" in text


def test_designated_rests_on_the_box_and_funded_on_the_annex_note():
    table = results.classify(lang="en").frame.set_index("id")
    assert "« Centres d'innovation désignés »" in table.at["carrefour-cyber", "status_reason"]
    from cicli.typology.rules import STATUS

    assert next(r for r in STATUS.rules if r.id == "status.designated").passage == "designated-box"


@pytest.mark.parametrize("command, words", [
    (("compare", "HIFA", "DCI", "--lang", "fr"), ("plus de 35\u202f000\u202f000", "évalué à environ 20\u202f000\u202f000")),
    (("show", "HIFA", "--lang", "en"), ("more than 35,000,000",)),
    (("compare", "--all", "--rows", "investment_cad", "--lang", "en"), ("estimated at about 20,000,000",)),
])
def test_numbers_keep_the_reports_qualifier_where_people_read_them(run, command, words):
    _code, out, _ = run(*command)
    for w in words:
        assert w in out, w


def test_a_users_own_figure_keeps_no_hedge_of_the_report():
    from cicli.wording import value_text

    assert value_text("investment_cad", 35_000_000, "fr", "hifa") == "plus de 35\u202f000\u202f000"
    assert value_text("investment_cad", 36_000_000, "fr", "hifa") == "36\u202f000\u202f000"
    assert value_text("investment_cad", 35_000_000, "fr", "novinor") == "35\u202f000\u202f000"


def test_the_workbook_keeps_the_qualifier_in_the_cell_format_and_the_number_sums(tmp_path):
    import openpyxl

    from cicli.writers import export

    path = export(tmp_path / "a.xlsx", lang="fr").path
    sheet = openpyxl.load_workbook(path).worksheets[0]
    cells = {c.value: c.number_format for row in sheet.iter_rows() for c in row if c.value in (35_000_000, 20_000_000)}
    assert cells == {35_000_000: '"plus de "#,##0', 20_000_000: '"évalué à environ "#,##0'}


def test_the_summary_keeps_the_reports_hedges(run):
    _code, out, _ = run("context", "ci-vs-zi", "--lang", "fr")
    text = squeeze(out.replace("│", " "))
    assert "« généralement centrés sur un seul bâtiment (ou un complexe de bâtiments) »" in text
    _code, out, _ = run("context", "definition", "--lang", "fr")
    assert "les CI « sont d’ordinaire liés de près au secteur privé »" in squeeze(out.replace("│", " "))


def test_the_year_cicli_adds_to_last_december_says_where_it_comes_from(run_json):
    _code, data, _ = run_json("summary")
    row = next(f for f in data["funding"] if f["code"] == "sept_iles_funding")
    assert row["quote"].endswith("obtenus en décembre dernier")
    assert run_json("summary", "--lang", "fr")[0] == 0
    judgements = [j for j in knowledge().judgements if j[0] == "december-2024"]
    assert judgements and "le rapport ne donne pas l’année" in judgements[0][1]


@pytest.mark.parametrize("topic, passages", [
    ("designation", {"designated-or-funded", "designated-box"}),
    ("recommendations", {"hope"}),
    ("counts", {"abstract", "designated-box", "six-funded"}),
    ("caveats", {"method"}),
])
def test_context_gives_what_readers_need(topic, passages):
    assert passages <= set(knowledge().topics[topic].passages)


@pytest.mark.parametrize("typed, topic", [("financement", "funding"), ("désignés et/ou financés", "designation"),
                                          ("comptes", "counts"), ("la méthode", "caveats")])
def test_context_finds_a_topic_by_the_words_people_use(run, typed, topic):
    code, out, _ = run("context", typed, "--lang", "fr")
    assert code == 0 and knowledge().topics[topic].title_fr in out


def test_data_doc_lists_every_judgement_cicli_makes():
    text = (ROOT / "docs" / "data.md").read_text(encoding="utf-8")
    block = text.split("<!-- generated: judgements -->")[1].split("<!-- end generated -->")[0]
    for _id, french, _english in knowledge().judgements:
        assert french in block
    for axis in AXES:
        for rule in axis.rules:
            assert (f"(`{rule.id}`)" in block) == (rule.basis == "inferred"), rule.id


def test_no_reason_says_zimer_or_the_closed_list_of_public_institutions():
    from cicli.typology.rules import ORIGIN

    for rule in ORIGIN.rules:
        for text in (rule.reason, rule.reason_file, in_language("fr", rule.reason)):
            assert "sont la recherche universitaire ou collégiale" not in text
            assert "organismes de développement locaux" not in text
    assert re.search("ZIMER", (ROOT / "docs" / "data.md").read_text(encoding="utf-8").split("## Problems")[0]
                     .split("| `zone_project`")[1].split("\n")[0]) is not None  # named as not the centre's
