"""Loading CSV and XLSX files the way French Excel and colleagues write them."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest
from conftest import CORPUS, printed_rows, sha256, write_csv, write_xlsx

from cicli.errors import InputError
from cicli.pipeline import validate
from cicli.read import read_table

ANNEX = ["region", "locality", "name", "niche", "lead", "source_url", "notes"]


def annex_values(table) -> list[list[str]]:
    return table.frame[ANNEX].values.tolist()


EXPECTED = printed_rows()[1:]


@pytest.mark.parametrize("delimiter, encoding, before, expected_encoding", [
    (",", "utf-8", "", "utf-8"),
    (";", "utf-8-sig", "", "utf-8-sig"),
    (";", "cp1252", "", "cp1252"),
    ("\t", "utf-8", "", "utf-8"),
    (";", "cp1252", "sep=;\r\n", "cp1252"),
    (";", "utf-8-sig", "Liste des Centres d’innovation (par région administrative);;;;;;\r\n", "utf-8-sig"),
    (",", "utf-16", "", "utf-16"),
])
def test_printed_annex_loads_from_every_csv_flavour(tmp_path, delimiter, encoding, before, expected_encoding):
    path = write_csv(tmp_path / "annexe.csv", printed_rows(), delimiter=delimiter, encoding=encoding, before=before)
    checksum = sha256(path)
    table = read_table(path)
    assert annex_values(table) == EXPECTED
    assert (table.encoding, table.delimiter) == (expected_encoding, delimiter)
    assert table.header_row == (2 if before.startswith("Liste") else 1)
    assert table.frame.index[0] == table.header_row + 1
    assert sha256(path) == checksum


def test_title_row_shifts_row_numbers_as_a_spreadsheet_shows_them(tmp_path):
    path = write_csv(tmp_path / "a.csv", printed_rows(), delimiter=";", before="Annexe;;;;;;\r\n")
    report = validate(path)
    copied = [p for p in report.problems if p.code == "duplicate-lead-source"]
    assert [(p.row, p.column) for p in copied] == [(15, "Responsable")]  # Sept-Îles, the 13th centre


@pytest.mark.parametrize("title, first_sheet_empty", [(None, False), ("Liste des Centres d’innovation", False),
                                                      ("Annexe", True)])
def test_printed_annex_loads_from_xlsx(tmp_path, title, first_sheet_empty):
    path = write_xlsx(tmp_path / "annexe.xlsx", printed_rows(), title=title, first_sheet_empty=first_sheet_empty)
    checksum = sha256(path)
    table = read_table(path)
    assert annex_values(table) == EXPECTED
    assert table.sheet == "Annexe"
    assert table.header_row == (2 if title else 1)
    assert sha256(path) == checksum


def test_sheet_option_and_unknown_sheet(tmp_path):
    path = write_xlsx(tmp_path / "a.xlsx", printed_rows(), first_sheet_empty=True)
    assert read_table(path, sheet="Annexe").sheet == "Annexe"
    with pytest.raises(InputError, match="no sheet named 'Nope'; the sheets are: 'Notes', 'Annexe'") as e:
        read_table(path, sheet="Nope")
    assert e.value.code == "sheet-not-found"


def test_headers_in_any_case_accents_and_order_and_extra_columns_kept(tmp_path):
    rows = printed_rows()
    header = ["NOTES", "nom", "region", "Creneaux", "Commentaire interne", "SOURCES", "responsable", "localisation"]
    order = [6, 2, 0, 3, None, 5, 4, 1]
    shuffled = [header] + [[r[i] if i is not None else "à revoir" for i in order] for r in rows[1:]]
    table = read_table(write_csv(tmp_path / "s.csv", shuffled, delimiter=";"))
    assert annex_values(table) == EXPECTED
    assert table.frame["Commentaire interne"].eq("à revoir").all()
    assert table.headers["name"] == "nom"


def test_cells_stay_text(tmp_path):
    rows = [["Nom", "Notes", "latitude"], ["01", "NA", "0048.10"], ["N/A", "NULL", ""], ["None", "", "1e3"]]
    table = read_table(write_csv(tmp_path / "t.csv", rows))
    assert table.frame.values.tolist() == [["01", "NA", "0048.10"], ["N/A", "NULL", ""], ["None", "", "1e3"]]


@pytest.mark.parametrize("writer", [write_csv, write_xlsx])
def test_cells_are_trimmed_of_every_kind_of_whitespace_and_only_of_it(tmp_path, writer):
    rows = [["Nom", "Région", "Notes"],
            ["\u00a0A\u2003", "Laval", "x"],
            ["B", "Estrie\u3000", "\t y \u2029"],
            ["\u202f", " \u00a0", "\u205f"],  # only whitespace: a blank row
            ["C", "Laval", "z’"]]
    table = read_table(writer(tmp_path / ("t" + (".csv" if writer is write_csv else ".xlsx")), rows))
    assert table.frame.values.tolist() == [["A", "Laval", "x"], ["B", "Estrie", "y"], ["C", "Laval", "z’"]]
    assert table.rows.tolist() == [2, 3, 5]


def test_blank_rows_keep_row_numbers(tmp_path):
    path = tmp_path / "b.csv"
    path.write_text("Nom,Région\nA,Montréal\n\n,\nB,Laval\n", encoding="utf-8")
    table = read_table(path)
    assert table.frame.index.tolist() == [2, 5]


@pytest.mark.parametrize("content, suffix, code, message", [
    (b"", ".csv", "empty-file", "the file is empty"),
    (b"\n\n  \n", ".csv", "empty-file", "no table"),
    (b"Nom,Region\nA,B\n", ".xlsx", "unsupported-format", "text file, not an XLSX workbook"),
    (b"Nom,Region\nA,B\n", ".json", "unsupported-format", "not .json"),
    (b"\x1f\x8b\x08\x00" + b"\x00" * 20, ".csv", "unsupported-format", "gzip-compressed"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, ".xls", "unsupported-format", "legacy Excel 97-2003"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100 + "EncryptionInfo".encode("utf-16-le"), ".xlsx",
     "encrypted-file", "protected by a password"),
    (b"PK\x05\x06" + b"\x00" * 18, ".xlsx", "unsupported-format", "an empty zip archive"),
    (b"Nom\n\x81\x8d\x8f\x90 ok\n", ".csv", "encoding-error", "row 2: byte 0x81"),
])
def test_unreadable_files_are_refused_with_their_reason(tmp_path, content, suffix, code, message):
    path = tmp_path / f"f{suffix}"
    path.write_bytes(content)
    with pytest.raises(InputError, match=message) as e:
        read_table(path)
    assert e.value.code == code
    assert e.value.path == str(path)
    assert path.read_bytes() == content


def test_missing_path_and_folder(tmp_path):
    with pytest.raises(InputError, match="no such file") as e:
        read_table(tmp_path / "nope.csv")
    assert e.value.code == "file-not-found"
    with pytest.raises(InputError, match="folder") as e:
        read_table(tmp_path)
    assert e.value.code == "not-a-file"


def test_truncated_workbook(tmp_path):
    whole = write_xlsx(tmp_path / "whole.xlsx", printed_rows()).read_bytes()
    path = tmp_path / "cut.xlsx"
    path.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(InputError, match="damaged or truncated") as e:
        read_table(path)
    assert e.value.code == "unreadable-file"


def test_ods_and_zip_without_workbook(tmp_path):
    ods = tmp_path / "a.ods"
    with zipfile.ZipFile(ods, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", "<x/>")
    with pytest.raises(InputError, match="OpenDocument"):
        read_table(ods)
    other = tmp_path / "b.xlsx"
    with zipfile.ZipFile(other, "w") as z:
        z.writestr("readme.txt", "hello")
    with pytest.raises(InputError, match="without an Excel workbook"):
        read_table(other)


def test_zip_bomb_is_refused_before_parsing(tmp_path):
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", "<workbook/>")
        z.writestr("xl/worksheets/sheet1.xml", b" " * (20 << 20))
    with pytest.raises(InputError, match="zip bomb") as e:
        read_table(path)
    assert e.value.code == "unsafe-file"


def test_xml_entity_attack_is_refused(tmp_path):
    source = write_xlsx(tmp_path / "ok.xlsx", printed_rows())
    path = tmp_path / "laughs.xlsx"
    attack = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
              '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">&lol2;</workbook>')
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(path, "w") as dst:
        for item in src.infolist():
            data = attack.encode() if item.filename == "xl/workbook.xml" else src.read(item.filename)
            dst.writestr(item, data)
    with pytest.raises(InputError, match="XML entity attack") as e:
        read_table(path)
    assert e.value.code == "unsafe-file"


def test_ragged_row_is_an_extra_cell_error_at_its_row(tmp_path):
    path = tmp_path / "r.csv"
    path.write_text("Nom,Région\nA,Laval\nB,Laval,surplus,\nC,Laval\n", encoding="utf-8")
    table = read_table(path)
    assert [(p.code, p.row, p.value) for p in table.problems] == [("extra-cell", 3, "surplus")]
    assert "row 3 has 3 cells but the header has 2" in table.problems[0].message
    assert table.frame["name"].tolist() == ["A", "B", "C"]


CORPUS_FILES = sorted(p for p in CORPUS.glob("*/*") if p.suffix != ".md")


@pytest.mark.skipif(not CORPUS_FILES, reason="shared/corpus is not beside the checkout")
@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_corpus_file_loads_or_is_refused_with_a_reason(path: Path):
    checksum = sha256(path)
    report = validate(path)
    for problem in report.problems:
        assert problem.message and "Traceback" not in problem.message
        assert problem.severity in ("error", "warning", "note")
    if not report.valid:
        assert report.errors[0].code
    assert sha256(path) == checksum


@pytest.mark.skipif(not CORPUS_FILES, reason="shared/corpus is not beside the checkout")
@pytest.mark.parametrize("name, encoding, delimiter, codes", [
    ("csvkit/test_latin1.csv", "cp1252", ",", ["missing-name-column"]),
    ("csvkit/test_utf16_little.csv", "utf-16", ",", ["missing-name-column"]),
    ("csvkit/test_utf8_bom.csv", "utf-8-sig", ",", ["missing-name-column"]),
    ("csvkit/sniff_limit.csv", "utf-8", ";", ["missing-name-column"]),
    ("csvkit/bad.csv", "utf-8", ",", ["missing-name-column", "extra-cell"]),
    ("csvkit/mac_newlines.csv", "utf-8", ",", ["missing-name-column"]),
    ("frictionless/capital-invalid.csv", "utf-8", ",", ["duplicate-column", "duplicate-id", "blank-row", "extra-cell"]),
    ("frictionless/blank-cells.csv", "utf-8", ",", ["empty-name"]),
    ("frictionless/duplicate-rows.csv", "utf-8", ",", ["duplicate-id", "duplicate-name"]),
    ("csvlint/invalid-byte-sequence.csv", None, None, ["encoding-error"]),
    ("csvkit/sheets.xls", None, None, ["unsupported-format"]),
    ("csvkit/dummy.csv.gz", None, None, ["unsupported-format"]),
])
def test_corpus_files_are_read_as_they_are(name, encoding, delimiter, codes):
    report = validate(CORPUS / name)
    assert (report.encoding, report.delimiter) == (encoding, delimiter)
    assert [p.code for p in report.problems] == codes


@pytest.mark.skipif(not CORPUS_FILES, reason="shared/corpus is not beside the checkout")
def test_corpus_workbook_with_an_empty_first_sheet_reads_the_data_sheet():
    table = read_table(CORPUS / "csvkit" / "sheets.xlsx")
    assert table.sheet == "data"


def test_unknown_encoding_is_a_usage_error(run, tmp_path):
    path = write_csv(tmp_path / "a.csv", printed_rows())
    code, out, err = run("validate", str(path), "--encoding", "klingon")
    assert (code, out) == (2, "")
    assert err == "cicli: --encoding 'klingon' is not an encoding Python knows; try utf-8, cp1252 or latin-1.\n"


def test_cp1252_is_recognised_beyond_the_first_chunk(tmp_path):
    rows = printed_rows() + [[f"Centre {i}", "Laval", "Laval", "", "", "", ""] for i in range(200_000)]
    rows.append(["Région", "Québec", "Dernière ligne éàç", "", "", "", ""])
    path = write_csv(tmp_path / "big.csv", rows, delimiter=";", encoding="cp1252")
    table = read_table(path)
    assert table.encoding == "cp1252"
    assert table.frame["name"].iloc[-1] == "Dernière ligne éàç"


def test_invalid_byte_far_down_names_its_line(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_bytes(b"Nom,Notes\n" + b"A,ok\n" * 100_000 + b"B,\x81\x8d\n")
    with pytest.raises(InputError, match=r"row 100002: byte 0x81") as e:
        read_table(path)
    assert e.value.code == "encoding-error"


@pytest.mark.parametrize("content, row", [
    ('Nom,Notes\nA,"never closed\nB,x\n', 2),  # the rest of the file would fall into the last cell
    ('Nom,Notes\nA,x\nB,"never closed', 3),  # on the last line, without a line break after it
    ('Nom,Notes,Région\nA,"never closed,Laval\nB,x,Laval\n', 2),  # in a cell that is not the last
])
def test_a_quote_never_closed_is_an_error_at_its_row(tmp_path, content, row):
    path = tmp_path / "q.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as e:
        read_table(path)
    assert (e.value.code, e.value.row) == ("unreadable-file", row)


def test_quotes_inside_a_cell_and_line_breaks_in_quoted_cells_read_as_written(tmp_path):
    path = tmp_path / "q.csv"
    path.write_text('Nom,Notes\nA,écran 5" de large\nB,"deux\nlignes"\nC,"dit ""oui"""\n', encoding="utf-8")
    assert read_table(path).frame["notes"].tolist() == ['écran 5" de large', "deux\nlignes", 'dit "oui"']


# --- issue 16: no silent loss, and the right words --------------------------------------------------

def test_the_visible_active_sheet_is_read_not_a_hidden_draft(tmp_path):
    from openpyxl import Workbook

    workbook = Workbook()
    draft = workbook.active
    draft.title = "Brouillon"
    draft.append(["Nom", "Notes"])
    draft.append(["Ancien centre", "à jeter"])
    draft.sheet_state = "hidden"
    visible = workbook.create_sheet("Annexe")
    for row in printed_rows():
        visible.append(row)
    workbook.active = 1
    path = tmp_path / "drafts.xlsx"
    workbook.save(path)
    table = read_table(path)
    assert table.sheet == "Annexe" and len(table.frame) == 13
    assert read_table(path, sheet="Brouillon").frame["name"].tolist() == ["Ancien centre"]


def test_hidden_sheets_alone_are_named_not_read(tmp_path):
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.title = "Vide"
    hidden = workbook.create_sheet("Données")
    hidden.append(["Nom"])
    hidden.append(["A"])
    hidden.sheet_state = "hidden"
    workbook.save(tmp_path / "h.xlsx")
    with pytest.raises(InputError, match="hidden sheets do \\('Données'\\)") as e:
        read_table(tmp_path / "h.xlsx")
    assert e.value.hint == "sheet"


def test_formulas_without_a_result_and_error_cells_are_warnings_at_their_row(tmp_path):
    """openpyxl (like other generators) writes formulas without their result: a spreadsheet shows them."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Nom", "Notes"])
    sheet.append(["=\"Centre \"&\"A\"", "=1+1"])
    sheet.append(["B", "x"])
    workbook.save(tmp_path / "f.xlsx")
    path = tmp_path / "f.xlsx"
    report = validate(path)
    assert [(p.code, p.row, p.column) for p in report.problems if p.code == "formula-without-value"] == [
        ("formula-without-value", 2, "Nom"), ("formula-without-value", 2, "Notes")]
    errors = tmp_path / "e.xlsx"
    import zipfile

    with zipfile.ZipFile(path) as z, zipfile.ZipFile(errors, "w") as out:
        for item in z.infolist():
            data = z.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b'<c r="A3" t="inlineStr"><is><t>B</t></is></c>',
                                    b'<c r="A3" t="e"><v>#REF!</v></c>')
            out.writestr(item, data)
    assert [(p.code, p.row, p.value) for p in validate(errors).problems if p.code == "error-cell"] == [
        ("error-cell", 3, "#REF!")]


def test_a_utf8_row_in_a_cp1252_file_is_a_warning_with_what_it_should_read(tmp_path):
    path = tmp_path / "m.csv"
    french = "".join(f"Centre d’été n° {i};Région à préciser\r\n" for i in range(12))
    path.write_bytes(("Nom;Notes\r\n" + french).encode("cp1252") + "Centre ajouté;ok\r\n".encode())
    table = read_table(path)
    assert table.encoding == "cp1252"
    [problem] = [p for p in table.problems if p.code == "mixed-encoding"]
    assert (problem.row, problem.column, problem.value) == (14, "Nom", "Centre ajoutÃ©")
    assert "'Centre ajouté'" in problem.message


@pytest.mark.parametrize("make, code, words", [
    (lambda d: "-", "not-a-file", "not standard input"),
    (lambda d: "/dev/zero", "not-a-file", "a device or a pipe"),
    (lambda d: (os.mkfifo(d / "pipe.csv"), d / "pipe.csv")[1], "not-a-file", "a device or a pipe"),
    (lambda d: (os.symlink(d / "loop.csv", d / "loop.csv"), d / "loop.csv")[1], "not-a-file", "a loop of links"),
    (lambda d: (os.symlink(d / "gone.csv", d / "dangling.csv"), d / "dangling.csv")[1], "file-not-found",
     "does not exist"),
    (lambda d: d, "not-a-file", "a folder"),
])
def test_what_is_not_a_file_is_called_what_it_is(tmp_path, make, code, words):
    with pytest.raises(InputError) as e:
        read_table(make(tmp_path))
    assert e.value.code == code and words in e.value.message


def test_a_quote_that_protects_a_formula_in_a_csv_is_read_without_it(tmp_path):
    path = tmp_path / "d.csv"
    path.write_text("Nom,Notes\n'=HYPERLINK(1),''=x\n'-2,-2\n", encoding="utf-8")
    assert read_table(path).frame[["name", "notes"]].values.tolist() == [["=HYPERLINK(1)", "'=x"], ["-2", "-2"]]


def test_a_file_whose_only_bad_byte_is_0x81_is_refused_at_its_line(tmp_path):
    """0x81 is neither UTF-8 alone nor a character of cp1252: the file reads in neither, and cicli says where."""
    path = tmp_path / "b.csv"
    path.write_bytes(b"Nom,Notes\nA,ok\nB,x\x81y\n")
    with pytest.raises(InputError) as e:
        read_table(path)
    assert (e.value.code, e.value.row) == ("encoding-error", 3)
    assert str(e.value).startswith(f"{path}, row 3: byte 0x81 at offset 18 is not UTF-8, and the file does not read "
                                   "as French text in cp1252 either.")


@pytest.mark.parametrize("content, row, byte, offset", [
    (b"Nom\nCaf\xc3", 2, "0xc3", 7),  # a character cut by the end of the file
    # A character cut by the reader's 4 MB chunk, then a bad byte: offsets count from the file's start.
    (b"Nom\n" + b"a" * ((1 << 22) - 5) + "é".encode() + b"\x81\n", 2, "0x81", (1 << 22) + 1),
])
def test_the_byte_that_is_not_utf8_is_named_where_it_is(tmp_path, content, row, byte, offset):
    path = tmp_path / "b.csv"
    path.write_bytes(content)
    with pytest.raises(InputError) as e:
        read_table(path)
    assert e.value.row == row
    assert e.value.message.startswith(f"byte {byte} at offset {offset} is not UTF-8")


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|", ":"])
def test_the_sep_line_excel_writes_names_the_delimiter(tmp_path, delimiter):
    """« sep=: » first: Excel reads the file with that delimiter, and so does cicli (the line is not a row)."""
    path = tmp_path / "s.csv"
    path.write_text(f"sep={delimiter}\nNom{delimiter}Région\nHIFA{delimiter}Bas-Saint-Laurent\n", encoding="utf-8")
    table = read_table(path)
    assert (table.delimiter, table.header_row) == (delimiter, 1)  # as Excel shows it: the sep line hidden
    assert table.frame["name"].tolist() == ["HIFA"] and table.frame["region"].tolist() == ["Bas-Saint-Laurent"]


def test_a_cell_of_more_than_16_mb_is_refused_with_the_reason(tmp_path):
    path = tmp_path / "big.csv"
    path.write_text("Nom,Notes\nA," + "x" * (17 << 20) + "\n", encoding="utf-8")
    with pytest.raises(InputError) as e:
        read_table(path)
    assert e.value.code == "unreadable-file"
    assert e.value.message == "the CSV cannot be parsed (field larger than field limit (16777216))."
