"""`cicli export rapport.html`: one self-contained page, every value escaped, checked in a real browser."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import write_csv

from cicli import results
from cicli.writers import export

NAMES = [r["name"] for r in results.classify().records()]


def page(tmp_path, *args, name="rapport.html", **options) -> str:
    return export(tmp_path / name, *args, **options).path.read_text(encoding="utf-8")


def test_the_bundled_report_in_french_holds_every_centre_its_charts_and_its_method(tmp_path):
    html = page(tmp_path, lang="fr")
    assert html.startswith("<!DOCTYPE html>") and '<html lang="fr">' in html
    assert "<h2>Le portrait d&#39;ensemble</h2>" in html and "Tous les centres et leur typologie (14 centres)" in html
    for name in NAMES:
        assert name.replace("'", "&#39;") in html, name
    assert html.count('<svg role="img"') == 7  # four axes, the map, the regions, the timeline
    assert html.count('<article class="card"') == 14
    assert "Pourquoi" in html and "Why" not in html
    technical = html[html.index('<section id="technical">'):]
    assert "SHA-256" in technical and "Version de cicli" in technical
    assert "Pas de carte ici" not in html and html.count('<circle cx=') == 14 + 6  # the map's points, the timeline's


def test_the_english_report_speaks_english(tmp_path):
    html = page(tmp_path, lang="en")
    assert '<html lang="en">' in html and "<h2>The landscape at a glance</h2>" in html
    assert "Every centre and its typology (14 centres)" in html and "Pourquoi" not in html


def test_the_page_fetches_nothing(tmp_path):
    html = page(tmp_path, lang="fr")
    assert "default-src 'none'" in html  # the page itself forbids every fetch
    assert not re.search(r"<(script|img|link|iframe)[^>]+(src|href)=", html)
    assert not re.search(r"url\(", html)


def test_every_value_is_text_and_only_web_links_are_links(tmp_path):
    source = write_csv(tmp_path / "hostile.csv", [
        ["Nom", "Région", "Localisation", "Sources", "Notes"],
        ["<script>alert(1)</script>", "Laval", "<b>Laval</b>", "javascript:alert(1)", "=HYPERLINK(\"http://x\",\"y\")"],
        ["Centre \" onmouseover=\"alert(2)", "Laval", "Laval", "https://exemple.qc.ca/?a=1&b=2", ""],
    ])
    html = page(tmp_path, source, lang="fr")
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<b>Laval</b>" not in html and "&lt;b&gt;Laval&lt;/b&gt;" in html
    assert 'href="javascript' not in html and "javascript:alert(1)" in html  # shown, not followed
    assert '" onmouseover="' not in html and "Centre &#34; onmouseover=&#34;alert(2)" in html
    assert '<a href="https://exemple.qc.ca/?a=1&amp;b=2">' in html
    assert html.count("<script") == 3  # the page's own: two data blocks and its script


def test_a_file_without_centres_says_so_rather_than_blaming_the_filters(tmp_path):
    html = page(tmp_path, write_csv(tmp_path / "empty.csv", [["Nom", "Région"]]), lang="fr")
    assert '<p id="none" class="note">Le fichier lu ne contient aucun centre' in html
    assert "Aucun centre ne répond à ces filtres" not in html


def test_the_comparison_is_in_the_page_when_asked(tmp_path):
    html = page(tmp_path, lang="fr", compare=["HIFA", "Sept-Îles"])
    section = html[html.index('<section id="comparison">'):html.index('<section id="notions">')]
    assert "Halles d’innovation et de formation avancée" in section and "Centre d’innovation du Cégep de Sept-Îles" in section
    assert 'href="#comparison"' in html
    assert '<section id="comparison">' not in page(tmp_path, lang="fr", name="b.html")


def test_the_cli_writes_the_report_and_refuses_to_overwrite_it(run, tmp_path):
    out = tmp_path / "rapport.html"
    assert run("export", str(out), "--lang", "fr")[0] == 0
    status, stdout, err = run("export", str(out), "--lang", "fr")
    assert (status, stdout) == (1, "") and "--force" in err
    status, _, err = run("export", str(tmp_path / "a.md"), "HIFA", "Sept-Îles", "--compare")
    assert status == 2 and err == "cicli: --compare adds a comparison to XLSX and HTML exports only.\n"


def test_a_page_of_more_than_ten_thousand_centres_says_it_opens_slowly(tmp_path, monkeypatch):
    import cicli.writers.html as html

    monkeypatch.setattr(html, "SMOOTH_ROWS", 10)  # the bundled annex has 14 rows
    notes = export(tmp_path / "a.html", lang="en").notes
    assert notes == ["the page holds 14 centres: browsers open pages of more than 10,000 slowly; a workbook suits so many."]
    monkeypatch.setattr(html, "SMOOTH_ROWS", 14)
    assert export(tmp_path / "b.html", lang="en").notes == []


def test_counts_in_the_page_are_grouped_as_the_language_writes_numbers(tmp_path):
    """Seen in the page of 10,000 rows: « Origine (10000 centres) », « 10000 » in the crosstabs."""
    rows = [["Nom", "Région"]] + [[f"Centre {i}", "Laval"] for i in range(1200)]
    source = write_csv(tmp_path / "many.csv", rows)
    french = page(tmp_path, source, lang="fr", name="fr.html")
    assert "Origine (1\u202f200 centres)" in french and '<td class="n">1\u202f200</td>' in french
    assert ">1\u202f200</text>" in french  # the bar's label
    english = page(tmp_path, source, lang="en", name="en.html")
    assert "Origin (1,200 centres)" in english and '<td class="n">1,200</td>' in english


def test_a_large_file_folds_its_long_tables_and_writes_each_reason_once(tmp_path):
    rows = [["Nom", "Région", "Localisation", "Statut"]]
    rows += [[f"Centre {i}", "Laval", "Laval", "Désigné" if i % 2 else "En projet"] for i in range(500)]
    html = page(tmp_path, write_csv(tmp_path / "big.csv", rows), lang="fr")
    assert html.count("<tr data-region=") == 500
    assert html.count('<article class="card"') == 200 and "Les fiches sont données pour les 200 premiers centres" in html
    assert "Afficher les 250 lignes" in html  # the designations, folded
    assert "Statut (500 centres)" in html
    reasons = re.search(r'<script type="application/json" id="reasons">(.*?)</script>', html).group(1)
    assert len(reasons) < 3000  # a few distinct reasons, not 500 × 4


CHROMIUM = next((shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome") if shutil.which(n)), None)

# Added to a copy of the page: acts as a reader would (search, sort, open a row's reasons) and writes
# what the page then shows on <body>, for --dump-dom to read.
PROBE = """<script>
setTimeout(function () {
  var out = document.body.dataset;
  var search = document.getElementById("search");
  search.value = "sept iles"; search.dispatchEvent(new Event("input"));
  out.searched = document.getElementById("shown").textContent;
  search.value = ""; search.dispatchEvent(new Event("input"));
  var status = document.querySelector("select[data-filter=status]");
  status.value = "designated"; status.dispatchEvent(new Event("change"));
  out.designated = document.getElementById("shown").textContent;
  status.value = ""; status.dispatchEvent(new Event("change"));
  document.querySelector("#centre-table thead button").click();
  out.first = document.querySelector("#centre-table tbody tr:not([hidden]) th").textContent;
  var details = document.querySelector("#centre-table details");
  details.open = true;
  setTimeout(function () { out.reason = details.querySelector("dd").textContent; out.probed = "yes"; }, 50);
}, 0);
</script>"""


def browse(html_path: Path, *options: str) -> subprocess.CompletedProcess:
    return subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                           "--virtual-time-budget=3000", *options, html_path.as_uri()],
                          capture_output=True, text=True, timeout=120, check=False)


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (.ci/run installs the Debian package)")
def test_the_report_renders_in_chromium_without_a_script_error(tmp_path):
    out = export(tmp_path / "rapport.html", lang="fr", compare=["HIFA", "Sept-Îles"]).path
    dom = browse(out, "--dump-dom").stdout
    assert 'data-ready="yes"' in dom and 'data-errors="' not in dom
    assert dom.count('<svg role="img"') == 7
    for name in NAMES:
        assert name in dom, name  # the browser's serialisation writes ' as itself
    assert "Centres affichés : 14 sur 14" in dom and "Page 1 sur 1" in dom
    shots = Path(os.environ.get("CICLI_SCREENSHOTS", tmp_path))
    shots.mkdir(parents=True, exist_ok=True)
    browse(out, f"--screenshot={shots / 'rapport.png'}", "--window-size=1280,2400")
    assert (shots / "rapport.png").stat().st_size > 50_000  # a drawn page, kept for a person to look at


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (.ci/run installs the Debian package)")
def test_search_filter_sort_and_reasons_work_in_chromium(tmp_path):
    out = export(tmp_path / "rapport.html", lang="fr").path
    probed = tmp_path / "probed.html"
    probed.write_text(out.read_text(encoding="utf-8").replace("</body>", PROBE + "</body>"), encoding="utf-8")
    dom = browse(probed, "--dump-dom").stdout
    assert 'data-probed="yes"' in dom and 'data-errors="' not in dom
    assert 'data-searched="Centres affichés : 1 sur 14"' in dom  # « sept iles » finds Sept-Îles, accents aside
    assert 'data-designated="Centres affichés : 6 sur 14"' in dom
    assert 'data-first="Carrefour Cyber"' in dom  # sorted by name, as French sorts
    first_reason = re.search(r'data-reason="([^"]*)"', dom).group(1)
    assert first_reason.startswith("origine ")


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (.ci/run installs the Debian package)")
def test_a_thousand_rows_show_a_page_at_a_time_in_chromium(tmp_path):
    rows = [["Nom", "Région", "Localisation"]] + [[f"Centre {i}", "Laval", "Laval"] for i in range(1000)]
    out = export(tmp_path / "rapport.html", write_csv(tmp_path / "big.csv", rows), lang="en").path
    dom = browse(out, "--dump-dom").stdout
    assert 'data-ready="yes"' in dom and 'data-errors="' not in dom
    assert "Centres shown: 1,000 of 1,000" in dom and "Page 1 of 20" in dom
    assert dom.count('class="off-page"') == 950
