"""Issue 19: the Excel round trip of a French-speaking office: the CSV for Excel, what Excel makes of values,
a workbook that prints, a template to fill in, all checked in a real spreadsheet (LibreOffice)."""

from __future__ import annotations

import csv
import shutil
import subprocess
from datetime import datetime

import pytest
from conftest import write_csv

from cicli import results
from cicli.pipeline import load, validate
from cicli.writers import export
from cicli.writers.tables import verdict_header
from cicli.writers.template import write_template

VERDICT_KEYS = ("origin", "anchoring", "model", "status", "designated_on")


def verdicts(path=None) -> set:
    return {(r["id"], *(r[k] for k in VERDICT_KEYS)) for r in results.classify(path).records()}


def excel_rows(path) -> list[dict]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f, delimiter=";"))


# --- The CSV for French Excel -------------------------------------------------------------------

def test_excel_csv_has_decimal_commas_french_words_and_headers_that_say_what_they_are(tmp_path):
    out = export(tmp_path / "a.csv", excel=True, lang="fr").path
    with out.open(encoding="utf-8-sig", newline="") as f:
        header = next(csv.reader(f, delimiter=";"))
    assert len(header) == len(set(header))
    assert header[7:12] == ["Typologie : origine", "Typologie : ancrage", "Typologie : zone d'affiliation",
                            "Typologie : modèle", "Typologie : statut"]
    hifa = next(r for r in excel_rows(out) if r["Identifiant"] == "hifa")
    assert (hifa["Latitude"], hifa["Longitude"]) == ("47,8357", "-69,5361")
    assert (hifa["Investissement ($)"], hifa["Superficie (pi²)"]) == ("35000000", "50000")
    assert (hifa["Statut"], hifa["Typologie : statut"], hifa["Indépendant"]) == ("désigné", "désigné", "oui")
    assert hifa["Types d'initiateurs"] == "entreprise; entreprise"
    assert hifa["Désigné en"] == "2022-02"


def test_excel_csv_in_english_has_english_words(tmp_path):
    hifa = next(r for r in excel_rows(export(tmp_path / "a.csv", excel=True, lang="en").path)
                if r["Identifier"] == "hifa")
    assert (hifa["Status"], hifa["Independent"], hifa["Initiator kinds"]) == ("designated", "yes", "company; company")
    assert hifa["Latitude"] == "47,8357"  # the CSV for Excel is for French Excel


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("name", ["a.csv", "a.xlsx"])
def test_what_cicli_writes_for_excel_it_reads_back_to_the_same_verdicts_without_a_word(tmp_path, lang, name):
    out = export(tmp_path / name, excel=name.endswith(".csv"), lang=lang).path
    assert validate(out).problems == []
    assert verdicts(out) == verdicts()
    again = export(tmp_path / f"again-{name}", out, excel=name.endswith(".csv"), lang=lang)
    assert any(verdict_header("status", lang) in note for note in again.notes)  # said, and not copied
    assert verdicts(again.path) == verdicts()


# --- What Excel makes of values -----------------------------------------------------------------

@pytest.mark.parametrize("written, month, how", [
    ("2022-02", "2022-02", None),
    ("février 2022", "2022-02", None),
    ("févr-22", "2022-02", "the way a spreadsheet shows a month"),
    ("févr. 2022", "2022-02", "the way a spreadsheet shows a month"),
    ("Feb-22", "2022-02", "the way a spreadsheet shows a month"),
    ("déc. 2024", "2024-12", "the way a spreadsheet shows a month"),
    ("02/2022", "2022-02", "the way a spreadsheet shows a month"),
    ("2022/02", "2022-02", "the way a spreadsheet shows a month"),
    ("01/12/2024", "2024-12", "day/month/year, as French Excel writes a date"),
    ("44593", "2022-02", "a spreadsheet's date serial number"),
    ("2024-12-01 00:00:00", "2024-12", None),
])
def test_months_as_excel_shows_them_are_read_and_said(tmp_path, written, month, how):
    path = write_csv(tmp_path / "a.csv", [["Nom", "Désigné en"], ["A", written]])
    assert load(path).frame["designated_on"].tolist() == [month]
    notes = [(p.code, p.message) for p in validate(path, lang="en").problems]
    assert notes == ([("read-as", f"'{written}' read as {month} ({how}).")] if how else [])


def test_dates_that_put_the_month_first_are_read_so_when_the_column_says_it(tmp_path):
    path = write_csv(tmp_path / "a.csv", [["Nom", "Désigné en"], ["A", "12/25/2023"], ["B", "02/01/2022"]])
    assert load(path).frame["designated_on"].tolist() == ["2023-12", "2022-02"]


def test_a_column_that_writes_dates_both_ways_is_refused_at_the_ambiguous_cells(tmp_path):
    path = write_csv(tmp_path / "a.csv", [["Nom", "Désigné en"], ["A", "25/12/2023"], ["B", "12/25/2023"],
                                          ["C", "2022-02"]])
    warnings = [(p.code, p.row, p.message) for p in validate(path, lang="en").warnings]
    assert warnings == [
        ("invalid-date", 2, "'25/12/2023' is ambiguous: this column writes dates both day first and month first. "
                            "Write it YYYY-MM, as 2022-02; cicli keeps it as written and does not use it."),
        ("invalid-date", 3, "'12/25/2023' is ambiguous: this column writes dates both day first and month first. "
                            "Write it YYYY-MM, as 2022-02; cicli keeps it as written and does not use it.")]


@pytest.mark.parametrize("written, amount, noted", [
    ("35 000 000 $", 35_000_000, False),
    ("35\u00a0000\u00a0000 $", 35_000_000, False),
    ("12,5 M$", 12_500_000, True),
    ("3,3 millions $", 3_300_000, True),
    ("$1,250,000", 1_250_000, False),
    ("1.250.000,50", 1_250_000.5, False),
    ("500 k$", 500_000, True),
])
def test_amounts_as_people_write_them(tmp_path, written, amount, noted):
    path = write_csv(tmp_path / "a.csv", [["Nom", "Investissement ($)"], ["A", written]])
    assert load(path).frame["investment_cad"].tolist() == [amount]
    assert [p.code for p in validate(path).problems] == (["read-as"] if noted else [])


@pytest.mark.parametrize("written", ["48,4,1", "1.2.3", "12 M$ environ", "beaucoup"])
def test_what_is_no_amount_stays_unread(tmp_path, written):
    path = write_csv(tmp_path / "a.csv", [["Nom", "Investissement ($)"], ["A", written]])
    assert [p.code for p in validate(path).warnings] == ["invalid-number"]


@pytest.mark.parametrize("written, code", [("oui", "yes"), ("Non", "no"), ("x", "yes"), ("vrai", "yes")])
def test_yes_and_no_as_people_write_them(tmp_path, written, code):
    path = write_csv(tmp_path / "a.csv", [["Nom", "Indépendant"], ["A", written]])
    assert load(path).frame["independent"].tolist() == [code]


# --- A workbook that prints ----------------------------------------------------------------------

@pytest.fixture(scope="module")
def workbook_path(tmp_path_factory):
    return export(tmp_path_factory.mktemp("wb") / "a.xlsx", lang="fr", compare=["HIFA", "Sept-Îles"]).path


@pytest.fixture(scope="module")
def workbook(workbook_path):
    from openpyxl import load_workbook

    return load_workbook(workbook_path)


def test_every_sheet_prints_landscape_readable_with_a_title_and_the_date(workbook):
    """Issue 31: as wide as the page when the printed columns fit at 75 % or more (8 points), else at 75 % with the
    frozen columns repeated on the pages across; never smaller."""
    today = datetime.now().astimezone()
    for sheet in workbook:
        assert sheet.page_setup.orientation == "landscape", sheet.title
        fitted = sheet.sheet_properties.pageSetUpPr is not None and sheet.sheet_properties.pageSetUpPr.fitToPage
        if fitted:  # fitToWidth is 1 when absent (ECMA-376: its default), as XlsxWriter writes it
            assert (sheet.page_setup.fitToWidth or 1, sheet.page_setup.fitToHeight) == (1, 0), sheet.title
        else:
            assert sheet.page_setup.scale >= 75, sheet.title
        assert sheet.oddHeader.center.text == f"Liste des centres d'innovation (par région administrative) — {sheet.title}"
        assert sheet.oddFooter.left.text.startswith(f"cicli, {today.day} ")
        assert str(today.year) in sheet.oddFooter.left.text
        assert sheet.oddFooter.right.text == "Page &P de &N"
    for title in ("Annexe", "Typologie", "Annexe imprimée", "Technique", "Comparaison"):  # tables: header on every page
        assert workbook[title].print_title_rows == "$1:$1", title
    assert workbook["Annexe"].print_area == "'Annexe'!$A$1:$L$15"  # as the report prints it, with the verdicts
    assert workbook["Typologie"].print_area == "'Typologie'!$A$1:$I$15"  # the name, each verdict and its reason


@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None,
                    reason="LibreOffice or poppler is not installed (.ci/run installs them)")
def test_printed_every_sheet_reads_at_8_points_or_more_and_fits_the_page_width(workbook_path, tmp_path):
    """Issue 31: the workbook printed at 2.4 pt (Typologie) and 4.1 pt (Annexe). Printed by LibreOffice, the
    smallest word on any page is at least 8 points (a word's box is 1.22 times its size in Carlito), and no
    sheet's printed columns spill onto a page of their own."""
    import re

    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(workbook_path)],
                   capture_output=True, timeout=180, check=True)
    pdf = tmp_path / (workbook_path.stem + ".pdf")
    boxes = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = boxes.split("<page ")[1:]
    heights = [float(b) - float(a) for a, b in re.findall(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)"', boxes)]
    assert min(heights) >= 8 * 1.2, min(heights)
    assert len(pages) <= 24, len(pages)  # 50 before: the list, the typology and the method spilled across pages


def test_numbers_are_numbers_and_months_are_dates(workbook):
    annex = workbook["Annexe"]
    header = [c.value for c in annex[1]]
    hifa = next(row for row in annex.iter_rows(min_row=2) if row[header.index("Identifiant")].value == "hifa")
    designated = hifa[header.index("Désigné en")]
    assert designated.is_date and designated.value == datetime(2022, 2, 1) and designated.number_format == "yyyy-mm"
    assert hifa[header.index("Latitude")].value == 47.8357
    assert hifa[header.index("Investissement ($)")].value == 35_000_000
    assert hifa[header.index("Indépendant")].value == "oui"


def test_a_checksum_longer_than_its_column_gets_a_second_line(workbook):
    """Seen in LibreOffice: the 64 digits of the SHA-256 wrapped onto a row one line tall, over the next row."""
    method = workbook["Technique"]
    row = next(r for r in range(1, 10) if method.cell(r, 2).value == "SHA-256")
    assert len(method.cell(row, 3).value) > method.column_dimensions["C"].width
    assert method.row_dimensions[row].height >= 2 * 15


def test_rows_of_several_lines_are_tall_enough_and_aligned_to_the_top(workbook):
    annex = workbook["Annexe"]
    header = [c.value for c in annex[1]]
    row = next(r for r in range(2, 16) if annex.cell(r, header.index("Identifiant") + 1).value == "hifa")
    assert annex.row_dimensions[row].height >= 4 * 15  # the services of HIFA take several lines
    assert all(c.alignment.vertical == "top" for c in annex[row] if c.value is not None)
    assert annex.row_dimensions[row].customFormat  # its empty cells take the row's format: top too


def test_the_summary_shows_each_chart_beside_its_table(workbook):
    summary = workbook["Synthèse"]
    anchors = [(chart.anchor._from.col, chart.anchor._from.row) for chart in summary._charts]
    titles = {row: summary.cell(row + 1, 1).value for _col, row in anchors}  # the header row the chart starts at
    assert [col for col, _row in anchors] == [3] * 5  # column D: beside tables of two columns
    assert list(titles.values()) == ["Origine", "Ancrage", "Modèle", "Statut", "Région"]
    assert not summary.auto_filter.ref


def test_the_comparison_is_headed_by_the_centres_names(workbook):
    header = [c.value for c in workbook["Comparaison"][1]]
    assert header == ["≠", "Champ", "Halles d’innovation et de formation avancée",
                      "Centre d’innovation du Cégep de Sept-Îles"]


# --- A template to fill in ----------------------------------------------------------------------

def test_the_template_reads_back_without_a_warning_and_classifies_as_the_report(tmp_path):
    result = write_template(tmp_path / "mes-centres.xlsx", lang="fr")
    assert result.examples == 14
    assert validate(result.path).problems == []
    assert verdicts(result.path) == verdicts()


def test_the_template_has_drop_down_lists_instructions_and_a_hidden_sheet_of_lists(tmp_path):
    from openpyxl import load_workbook

    book = load_workbook(write_template(tmp_path / "t.xlsx", lang="fr", empty=True).path)
    assert [(s.title, s.sheet_state) for s in book] == [("Centres", "visible"), ("Mode d'emploi", "visible"),
                                                        ("Listes", "hidden")]
    sheet = book["Centres"]
    header = [c.value for c in sheet[1]]
    assert header[:7] == ["Région", "Localisation", "Nom", "Créneaux", "Responsable", "Sources", "Notes"]
    lists = {str(v.sqref).split(":")[0]: v.formula1 for v in sheet.data_validations.dataValidation}
    column = {name: sheet.cell(1, j + 1).column_letter for j, name in enumerate(header)}
    assert lists[f"{column['Région']}2"] == "'Listes'!$A$2:$A$18"
    kinds = book["Listes"]
    assert [kinds.cell(r, 1).value for r in (2, 18)] == ["Bas-Saint-Laurent", "Centre-du-Québec"]
    statuses = next(j for j in range(1, kinds.max_column + 1) if kinds.cell(1, j).value == "Statut")
    assert [kinds.cell(r, statuses).value for r in range(2, 8)] == ["désigné", "financé", "projet", "abandonné", "refusé",
                                                                    None]
    assert f"{column['Statut']}2" in lists and f"{column['Indépendant']}2" in lists
    assert sheet.max_row == 1  # --empty: the headers only


def test_a_template_filled_in_reads_back_without_a_warning(tmp_path):
    from openpyxl import load_workbook

    path = write_template(tmp_path / "t.xlsx", lang="fr", empty=True).path
    book = load_workbook(path)
    sheet = book["Centres"]
    header = [c.value for c in sheet[1]]
    row = {"Région": "Laval", "Localisation": "Laval", "Nom": "Mon centre", "Statut": "désigné",
           "Désigné en": "2025-03", "Indépendant": "oui", "Types d'initiateurs": "entreprise; cégep",
           "Initiateurs": "A; B", "Latitude": 45.57, "Longitude": -73.69}
    for name, value in row.items():
        sheet.cell(2, header.index(name) + 1, value)
    book.save(path)
    assert validate(path).problems == []
    frame = load(path).frame
    assert frame.loc[2, ["status", "designated_on", "independent", "initiator_kinds"]].tolist() == \
        ["designated", "2025-03", "yes", "company; cegep"]


def test_the_template_command_refuses_another_suffix_and_an_existing_file(run, tmp_path):
    code, _out, err = run("template", str(tmp_path / "t.csv"))
    assert code == 2 and "name it with .xlsx, as 't.xlsx'" in err
    assert run("template", str(tmp_path / "t.xlsx"), "--empty")[0] == 0
    code, _out, err = run("template", str(tmp_path / "t.xlsx"))
    assert code == 1 and "--force" in err


# --- In a real spreadsheet --------------------------------------------------------------------

needs_libreoffice = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")


def _libreoffice(tmp_path, source, *options) -> None:
    result = subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", *options,
                             "--convert-to", "xlsx", "--outdir", str(tmp_path / "lo-out"), str(source)],
                            capture_output=True, text=True, timeout=180, check=False)
    assert result.returncode == 0, result.stderr


@needs_libreoffice
def test_french_libreoffice_reads_the_excel_csv_numbers_as_numbers(tmp_path):
    from openpyxl import load_workbook

    out = export(tmp_path / "a.csv", excel=True, lang="fr").path
    # ; separated, " quoted, UTF-8, from line 1, French (Canada), special numbers detected
    _libreoffice(tmp_path, out, "--infilter=CSV:59,34,76,1,,3084,false,true")
    sheet = load_workbook(tmp_path / "lo-out" / "a.xlsx").active
    header = [c.value for c in sheet[1]]
    hifa = next(row for row in sheet.iter_rows(min_row=2, values_only=True) if row[header.index("Identifiant")] == "hifa")
    assert hifa[header.index("Latitude")] == 47.8357 and hifa[header.index("Longitude")] == -69.5361
    assert hifa[header.index("Investissement ($)")] == 35_000_000
    assert hifa[header.index("Indépendant")] == "oui"


@needs_libreoffice
def test_libreoffice_keeps_the_workbooks_numbers_and_dates(tmp_path):
    from openpyxl import load_workbook

    out = export(tmp_path / "a.xlsx", lang="fr").path
    _libreoffice(tmp_path, out)
    sheet = load_workbook(tmp_path / "lo-out" / "a.xlsx")["Annexe"]
    header = [c.value for c in sheet[1]]
    hifa = next(row for row in sheet.iter_rows(min_row=2) if row[header.index("Identifiant")].value == "hifa")
    assert hifa[header.index("Désigné en")].is_date and hifa[header.index("Désigné en")].value == datetime(2022, 2, 1)
    assert hifa[header.index("Latitude")].value == 47.8357
    assert verdicts(tmp_path / "lo-out" / "a.xlsx") == verdicts()  # and cicli reads LibreOffice's rewrite


def test_the_annex_table_carries_no_attrs_that_pandas_would_copy_on_every_step():
    """annex_table once kept the file's row of each line in `attrs`: pandas deep-copies attrs after every
    operation, and a 100,000-row export took minutes instead of seconds."""
    from cicli import results
    from cicli.pipeline import load
    from cicli.writers.tables import annex_order, annex_table

    centres = load()
    table = annex_table(centres, results.classify(centres=centres).frame, "fr", words=True)
    assert table.attrs == {}
    assert [centres.raw.at[i, "name"] for i in annex_order(centres)] == table.iloc[:, 2].tolist()


@pytest.mark.parametrize("column, letters", [(1, "A"), (26, "Z"), (27, "AA"), (52, "AZ"), (703, "AAA"),
                                             (16_384, "XFD")])
def test_column_letters_and_numbers_are_each_others_inverse(column, letters):
    from cicli.read.sheet_xml import letters as letters_of
    from cicli.read.survey import column_number

    assert letters_of(column) == letters and column_number(letters) == column
