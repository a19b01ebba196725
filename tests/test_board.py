"""For the board (issue 31): a user's list says it is theirs, warnings and changes travel with the data, the page
has a map, speaks to people rather than terminals, reads on a phone and prints in few pages; her region works
everywhere; French where people type it."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest
from conftest import write_csv
from test_html import CHROMIUM, browse

from cicli.writers import export

USER_ROWS = [["Nom", "Région", "Localisation", "Statut"],
             ["Halles d'innovation et de formation avancée", "Bas-Saint-Laurent", "Rivière-du-Loup", ""],
             ["LaboIDN", "Outaouais", "Gatineau", "désigné"],  # the report says it is not a CI of the programme
             ["Centre maritime de Rimouski", "Bas-St-Laurent", "Rimouski", "en projet"],
             ["Pôle de Gatineau", "Outaouais", "Atlantis", "projet"]]
REPORT_TITLE = "Liste des centres d'innovation (par région administrative)"
REPORT_SUBTITLE = "tels que les recense le rapport de 2025"


@pytest.fixture
def user_list(tmp_path):
    return write_csv(tmp_path / "ma-liste.csv", USER_ROWS)


def _html(tmp_path, *args, name="page.html", **options) -> str:
    return export(tmp_path / name, *args, **options).path.read_text(encoding="utf-8")


# --- Say whose list it is -------------------------------------------------------------------------

def test_a_users_list_is_never_titled_as_the_reports_annex(tmp_path, user_list):
    from openpyxl import load_workbook

    html = _html(tmp_path, user_list, lang="fr")
    assert REPORT_TITLE not in html and REPORT_SUBTITLE not in html
    assert "<h1>Centres d&#39;innovation : ma-liste.csv</h1>" in html
    assert "classée selon la typologie tirée du rapport de 2025" in html
    assert re.search(r"Votre liste : ma-liste\.csv, modifiée le \d+ \w+ 20\d\d\.", html)
    workbook = load_workbook(export(tmp_path / "a.xlsx", user_list, lang="fr").path)
    assert workbook.sheetnames[0] == "Liste" and "Annexe" not in workbook.sheetnames
    assert workbook["Liste"].oddHeader.center.text == "Centres d'innovation : ma-liste.csv — Liste"
    markdown = export(tmp_path / "a.md", user_list, lang="fr").path.read_text(encoding="utf-8")
    assert markdown.startswith("# Centres d'innovation : ma-liste.csv\n") and REPORT_TITLE not in markdown


def test_the_reports_annex_keeps_its_title(tmp_path):
    html = _html(tmp_path, lang="fr")
    assert f"<h1>{REPORT_TITLE.replace(chr(39), '&#39;')}</h1>" in html and REPORT_SUBTITLE in html


def test_title_and_organisation_are_the_users_words_with_the_date(tmp_path, user_list, run):
    from openpyxl import load_workbook

    out = tmp_path / "conseil.html"
    code, _, _ = run("export", str(out), "--from", str(user_list), "--title", "Nos centres <2026>",
                     "--organisation", "SADC & Côte-Nord", "--lang", "fr")
    html = out.read_text(encoding="utf-8")
    assert code == 0 and "<h1>Nos centres &lt;2026&gt;</h1>" in html
    assert '<p class="organisation">SADC &amp; Côte-Nord</p>' in html and "Fait par cicli le " in html
    workbook = load_workbook(export(tmp_path / "c.xlsx", user_list, lang="fr", title="Nos centres",
                                    organisation="SADC").path)
    assert workbook["Liste"].oddHeader.center.text == "SADC — Nos centres — Liste"
    assert workbook.properties.title == "Nos centres"


# --- Changes from the printed annex, warnings with the data ---------------------------------------

def test_the_bundled_annex_marks_what_differs_from_the_printed_annex(tmp_path):
    from openpyxl import load_workbook

    workbook = load_workbook(export(tmp_path / "a.xlsx", lang="fr").path)
    changes = list(workbook["Annexe imprimée"].iter_rows(values_only=True))
    assert ("District d’Innovation Trois-Rivières", "Nom", "ajouté (absent de l'annexe imprimée)", "—",
            "District d’Innovation Trois-Rivières") in [row[:5] for row in changes]
    assert ("Halles d’innovation et de formation avancée", "Nom", "corrigé",
            "alles d’innovation et de formation avancée") in [row[:4] for row in changes]
    annex = workbook["Annexe"]
    header = [c.value for c in annex[1]]
    sept_iles = next(r for r in annex.iter_rows(min_row=2) if r[header.index("Localisation")].value == "Sept-Îles")
    comment = sept_iles[header.index("Responsable")].comment
    assert comment is not None and comment.text.startswith("L'annexe du rapport imprime : Marilou Cyr. ")
    html = _html(tmp_path, lang="fr")
    assert '<section id="changes">' in html and "Marilou Cyr" in html


def test_warnings_travel_with_the_list_to_the_workbook_and_the_page(tmp_path, user_list):
    from openpyxl import load_workbook

    workbook = load_workbook(export(tmp_path / "a.xlsx", user_list, lang="fr").path)
    problems = list(workbook["Problèmes"].iter_rows(values_only=True))
    assert problems[0] == ("Ligne", "Colonne", "Nature", "Ce que cicli a relevé")
    laboidn = [p for p in problems if p[0] == 3]
    assert laboidn and any("LaboIDN" in str(p[3]) for p in laboidn), problems
    sheet = workbook["Liste"]
    names = {r[2].value: r[2].comment for r in sheet.iter_rows(min_row=2)}
    assert names["LaboIDN"] is not None and names["LaboIDN"].text.startswith("⚠ ")
    assert names["Centre maritime de Rimouski"] is None or "Région" not in names["Centre maritime de Rimouski"].text
    html = _html(tmp_path, user_list, lang="fr")
    assert '<section id="problems">' in html
    row = html[html.index('data-label="Nom" data-number'):]
    assert re.search(r'<span class="mark" title="[^"]*LaboIDN[^"]*" aria-label="Un problème a été relevé', html)
    assert row


# --- Written for people -----------------------------------------------------------------------------

TERMINAL = [(r"`", "a backtick"), (r"(?<![\w-])--[a-z]", "an option"), (r"\b(origin|anchoring|model|status)\.[a-z]",
            "a rule id"), (r"SHA-256", "a checksum"), (r"UTC", "an offset from UTC"), (r"not-a-ci|near-miss", "a code")]


@pytest.mark.parametrize("brief", [False, True])
def test_no_terminal_text_outside_the_technical_appendix(tmp_path, user_list, brief):
    html = _html(tmp_path, user_list, lang="fr", brief=brief, compare=["HIFA", "LaboIDN"])
    body = html[html.index("<body"):html.index('<section id="technical">') if not brief else html.index("</main>")]
    visible = re.sub(r"<script.*?</script>|<[^>]+>", " ", body, flags=re.DOTALL)
    for pattern, what in TERMINAL:
        found = re.search(pattern, visible)
        assert found is None, (what, visible[max(found.start() - 80, 0):found.end() + 80] if found else "")


def test_the_comparison_rows_are_labelled_in_words_not_codes(tmp_path):
    html = _html(tmp_path, lang="fr", compare=["HIFA", "Sept-Îles"])
    comparison = html[html.index('<section id="comparison">'):html.index("</section>", html.index(
        '<section id="comparison">'))]
    for code in ("research_anchors", "investment_cad", "designated_on", "initiator_kinds"):
        assert code not in comparison, code
    assert "Ancrages de recherche" in comparison and "février 2022" in comparison


def test_months_read_as_words_and_lists_keep_their_lines(tmp_path):
    html = _html(tmp_path, lang="fr")
    assert ">février 2022<" in html and ">janvier 2025<" in html and ">2022-02<" not in html
    assert "td, th { white-space: pre-line; }" in html  # a list's items, one a line in its cell
    assert "Premier Tech\nCascades" in html


# --- The map ----------------------------------------------------------------------------------------

def test_the_page_draws_the_map_with_a_legend_a_list_and_its_sources(tmp_path):
    html = _html(tmp_path, lang="fr", map_by="origin")
    the_map = html[html.index('<section id="map">'):html.index('<section id="regions">')]
    assert the_map.count('<g class="point">') == 14 and the_map.count("<li>") == 14
    assert "Légende : les centres par origine" in the_map and "privée (2)" in the_map and "publique (2)" in the_map
    assert "Natural Earth (domaine public)" in the_map and "répertoires publics de lieux" in the_map
    assert 'fill="#0072B2"' in the_map and 'fill="#8a8a8a"' in the_map  # private in blue, undetermined grey


def test_a_users_towns_are_placed_and_the_others_said(tmp_path, user_list):
    html = _html(tmp_path, user_list, lang="fr")
    the_map = html[html.index('<section id="map">'):html.index('<section id="regions">')]
    assert the_map.count('<g class="point">') == 3  # Rivière-du-Loup, Gatineau, Rimouski
    assert "GeoNames (geonames.org), CC BY 4.0" in the_map
    assert "Pôle de Gatineau — &#39;Atlantis&#39; n&#39;est pas dans la liste des lieux du Québec" in the_map


def test_the_outline_and_the_gazetteer_are_bundled_with_their_licences():
    from cicli.places import gazetteer, locate
    from cicli.read import bundled_path

    assert locate("Sept-Îles").population > 20_000 and locate("ville de saguenay").name == "Saguenay"
    assert locate("Sainte-Catherine") is None and len(gazetteer()["sainte catherine"]) == 2
    assert bundled_path("quebec.json").stat().st_size < 60_000
    licences = bundled_path("LICENCES.md").read_text(encoding="utf-8")
    assert "Natural Earth" in licences and "public domain" in licences and "CC BY 4.0" in licences


# --- Her region, everywhere -------------------------------------------------------------------------

@pytest.mark.parametrize("args, count", [
    (("summary", "--format", "json"), lambda out: json.loads(out)["centres"]),
    (("compare", "--all", "--format", "json"), lambda out: len(json.loads(out)["centres"])),
    (("classify", "--format", "json"), lambda out: len(json.loads(out))),
])
def test_region_is_repeatable_and_written_any_usual_way(run, args, count):
    code, out, _ = run(*args, "--region", "09", "--region", "mauricie")
    assert code == 0 and count(out) == 4  # Côte-Nord (2) and Mauricie (2)


def test_export_and_template_keep_the_regions_asked(tmp_path, run):
    from openpyxl import load_workbook

    code, _, _ = run("export", str(tmp_path / "a.xlsx"), "--region", "Côte-Nord", "--region", "Mauricie")
    assert code == 0 and load_workbook(tmp_path / "a.xlsx").worksheets[0].max_row == 5
    html = _html(tmp_path, lang="fr", regions=["Côte-Nord"])
    assert "Régions gardées : Côte-Nord." in html and "2 centres" in html
    code, _, err = run("template", str(tmp_path / "t.xlsx"), "--region", "09", "--lang", "fr")
    assert code == 0 and "avec 2 centres en exemple" in err


# --- French where people type it --------------------------------------------------------------------

def test_statuses_are_read_in_plural_and_feminine(run):
    _code, out, _ = run("classify", "--status", "désignés", "--format", "json")
    assert len(json.loads(out)) == 6


@pytest.mark.parametrize("command", ["classify", "show", "export", "diff", "context", "validate", "template"])
def test_french_help_names_its_values_in_french(run, command):
    _code, out, _ = run(command, "--help", "--lang", "fr")
    for english in ("PATH", "FILE", " NAME", "[required]", "TOPIC", " OUT", "OLD", "NEW "):
        assert english not in out, (command, english)


# --- Phone and paper ----------------------------------------------------------------------------------

WIDE = """<script>
setTimeout(function () {
  var width = document.documentElement.clientWidth, wide = [];
  document.querySelectorAll("body *").forEach(function (e) {
    var box = e.getBoundingClientRect();
    if (!e.closest("svg") && box.width > 0 && box.right > width + 1) { wide.push(e.tagName + "#" + e.id); }
  });
  document.body.dataset.wide = wide.slice(0, 5).join(" ") || "none";
  document.body.dataset.scroll = document.documentElement.scrollWidth <= width ? "fits" : "scrolls";
}, 100);
</script>"""


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (.ci/run installs the Debian package)")
def test_a_phone_shows_no_cut_table_and_no_overflowing_chart(tmp_path, user_list):
    for name, source, compare in (("annexe.html", None, ["HIFA", "Sept-Îles"]), ("liste.html", user_list, None)):
        out = export(tmp_path / name, source, lang="fr", compare=compare).path
        probed = tmp_path / f"probed-{name}"
        probed.write_text(out.read_text(encoding="utf-8").replace("</body>", WIDE + "</body>"), encoding="utf-8")
        dom = browse(probed, "--dump-dom", "--window-size=400,800").stdout
        assert 'data-wide="none"' in dom and 'data-scroll="fits"' in dom, re.findall(r'data-wide="[^"]*"', dom)


def _printed_pages(html_path, tmp_path) -> int:
    pdf = tmp_path / (html_path.stem + ".pdf")
    subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", f"--print-to-pdf={pdf}",
                    "--no-pdf-header-footer", html_path.as_uri()], capture_output=True, timeout=120, check=False)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"Pages:\s+(\d+)", info).group(1))


@pytest.mark.skipif(CHROMIUM is None or shutil.which("pdfinfo") is None, reason="Chromium or poppler is missing")
def test_the_page_prints_in_under_twenty_pages_and_the_brief_in_four(tmp_path):
    full = export(tmp_path / "full.html", lang="fr", compare=["HIFA", "Sept-Îles"]).path
    brief = export(tmp_path / "brief.html", lang="fr", compare=["HIFA", "Sept-Îles"], brief=True).path
    assert _printed_pages(full, tmp_path) < 20  # about 50 before
    assert _printed_pages(brief, tmp_path) <= 4


def test_brief_is_for_html_only(tmp_path):
    from cicli.errors import UsageError

    with pytest.raises(UsageError, match="HTML"):
        export(tmp_path / "a.xlsx", brief=True)
