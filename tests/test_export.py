"""`cicli export`: every format, golden text outputs, the round trip, injections, and nothing overwritten or half-written."""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import PRINTED_ANNEX, printed_rows, sha256, write_csv

from cicli import results
from cicli.errors import OutputError, UsageError
from cicli.writers import csv as export_module
from cicli.writers import export
from cicli.writers import safety as safety_module

GOLDEN = Path(__file__).parent / "golden"
VERDICT_KEYS = ("origin", "anchoring", "zone", "model", "status", "designated_on", "redirected_from_zi")


def verdicts(path=None) -> dict:
    return {r["id"]: tuple(r[k] for k in VERDICT_KEYS) for r in results.classify(path).records()}


@pytest.mark.parametrize("name, lang", [("annexe.csv", "fr"), ("annex.json", "en"), ("annexe.md", "fr"),
                                        ("centres.geojson", "fr")])
def test_text_exports_match_their_golden_files(tmp_path, name, lang):
    out = tmp_path / name
    export(out, lang=lang)
    golden = GOLDEN / name
    # The moment a document was made is the one line that changes from run to run.
    text = re.sub(r"Fait par cicli le [^.]*\.", "Fait par cicli le (date).", out.read_text(encoding="utf-8"))
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


def test_a_map_says_where_its_coordinates_come_from(tmp_path):
    """The report gives no coordinates: the bundled ones are cicli's, a user's are their file's, a town's GeoNames'."""
    bundled = json.loads(export(tmp_path / "a.geojson", lang="en").path.read_text(encoding="utf-8"))
    assert {(f["properties"]["Position from"], f["properties"]["position_source"]) for f in bundled["features"]} == {
        ("the coordinates cicli gives the report's centres (the municipality's centre, from public gazetteers)",
         "annex")}
    source = write_csv(tmp_path / "mine.csv", [["Nom", "Région", "Localisation", "Latitude", "Longitude"],
                                               ["Centre A", "Laval", "Laval", "45.6", "-73.7"],
                                               ["Centre B", "Estrie", "Sherbrooke", "", ""]])
    mine = json.loads(export(tmp_path / "b.geojson", source, lang="fr").path.read_text(encoding="utf-8"))
    assert [(f["id"], f["properties"]["Position d'après"]) for f in mine["features"]] == [
        ("centre-a", "les coordonnées de votre fichier"),
        ("centre-b", "la position de Sherbrooke dans GeoNames (geonames.org), CC BY 4.0")]
    assert mine["features"][1]["geometry"]["coordinates"] == [-71.8991, 45.4001]


def test_json_export_is_classify_json(tmp_path, run):
    export(tmp_path / "a.json", lang="fr")
    _, out, _ = run("classify", "--format", "json", "--lang", "fr")
    assert json.loads((tmp_path / "a.json").read_text(encoding="utf-8")) == json.loads(out)


def test_geojson_points_are_lon_lat_with_readable_properties(tmp_path):
    data = json.loads((export(tmp_path / "m.geojson", lang="fr").path).read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection" and len(data["features"]) == 14
    hifa = next(f for f in data["features"] if f["id"] == "hifa")
    assert hifa["geometry"] == {"type": "Point", "coordinates": [-69.5361, 47.8357]}
    assert hifa["properties"]["Nom"] == "Halles d’innovation et de formation avancée"
    assert hifa["properties"]["Modèle"] == "modèle HIFA"


def test_geojson_places_rows_by_their_town_and_says_which_it_could_not(run, tmp_path):
    """Issue 31: a list without coordinates gave an empty map. Each row is placed by its town when GeoNames knows
    it; a town it does not know, or two places share, is named with why."""
    out = tmp_path / "m.geojson"
    code, _, err = run("export", str(out), "--from", str(PRINTED_ANNEX), "--file-only")
    assert code == 0
    features = json.loads(out.read_text(encoding="utf-8"))["features"]
    assert len(features) == 12 and {f["properties"]["position_source"] for f in features} == {"gazetteer"}
    assert ("cicli: 1 centre left off the map: district-de-la-construction-innovante ('Sainte-Marie-de-Beauce' is "
            "not in the list of Quebec's places).\n") in err
    rows = [["Nom", "Ville"]] + [[f"CCTT {t}", t] for t in ("Rimouski", "Sherbrooke", "Trois-Rivières", "MONTREAL",
                                                           "Ville de Saguenay", "Sainte-Catherine", "")]
    code, _, err = run("export", str(tmp_path / "cctt.geojson"), "--from", str(write_csv(tmp_path / "c.csv", rows)))
    placed = json.loads((tmp_path / "cctt.geojson").read_text(encoding="utf-8"))["features"]
    assert [f["properties"]["Locality"] for f in placed] == ["Rimouski", "Sherbrooke", "Trois-Rivières", "MONTREAL",
                                                             "Ville de Saguenay"]
    assert ("2 centres left off the map: cctt-sainte-catherine (several places are named 'Sainte-Catherine': cicli "
            "does not choose), cctt (no coordinates and no locality).") in err


def test_csv_for_french_excel(tmp_path):
    out = export(tmp_path / "a.csv", excel=True, lang="fr").path
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfR\xc3\xa9gion;Localisation;Nom;")
    assert b"\r\n" in data


@pytest.mark.parametrize("name", ["a.xlsx", "a.csv", "excel.csv"])
def test_what_cicli_exports_cicli_reads_back(tmp_path, name):
    out = export(tmp_path / name, lang="fr", excel=name.startswith("excel")).path
    assert verdicts(out) == verdicts()


def test_printed_annex_round_trips_too(tmp_path):
    for name in ("p.xlsx", "p.csv"):
        out = export(tmp_path / name, PRINTED_ANNEX, lang="en").path
        assert verdicts(out) == verdicts(PRINTED_ANNEX)


def test_workbook_sheets_headers_filters_links_and_no_formula(tmp_path):
    from openpyxl import load_workbook

    out = export(tmp_path / "a.xlsx", lang="fr", compare=["HIFA", "Sept-Îles"]).path
    workbook = load_workbook(out)
    assert workbook.sheetnames == ["Annexe", "Typologie", "Synthèse", "Annexe imprimée", "Méthode", "Technique",
                                   "Comparaison"]
    frozen = {"Annexe": "D2", "Typologie": "B2", "Synthèse": None, "Annexe imprimée": "A2", "Méthode": None,
              "Technique": "A2", "Comparaison": "C2"}
    for sheet in workbook:
        assert sheet.freeze_panes == frozen[sheet.title], sheet.title
        sections = sheet.title in ("Synthèse", "Méthode")  # sections one under another, not a table
        assert bool(sheet.auto_filter.ref) != sections, sheet.title
        assert all(c.font.b for c in sheet[1] if c.value is not None), sheet.title
        assert not any(c.data_type == "f" for row in sheet.iter_rows() for c in row), sheet.title
    annex = workbook["Annexe"]
    assert [c.value for c in annex[1]][:7] == ["Région", "Localisation", "Nom", "Créneaux", "Responsable", "Sources", "Notes"]
    assert [annex.cell(r, 1).value for r in range(2, 16)] == sorted(
        [annex.cell(r, 1).value for r in range(2, 16)], key=lambda v: v.replace("–", "-").lower())
    links = [c.hyperlink.target for row in annex.iter_rows(min_row=2) for c in row if c.hyperlink]
    assert "https://www.hifa.ca/" in links and len(links) == 13
    # the twelve printed columns are narrowed to fit a landscape page at 8 points or more; the others keep theirs
    assert all(10 <= annex.column_dimensions[c].width < 16 for c in "ABC")
    assert len(workbook["Synthèse"]._charts) == 5  # the four axes and the regions
    technical = {row[1]: row[2] for row in workbook["Technique"].iter_rows(values_only=True)}
    assert technical["SHA-256"] == sha256(Path(__file__).resolve().parents[1] / "data" / "centres.csv")
    assert technical["Fichier lu"] == "centres.csv (fourni avec cicli)"
    assert ("Origine", "règle 3", "origin.companies") in list(workbook["Technique"].iter_rows(values_only=True))
    method = list(workbook["Méthode"].iter_rows(values_only=True))
    assert not any("origin.companies" in str(cell) for row in method for cell in row)  # rule ids: technical only


HOSTILE = ["=HYPERLINK(\"http://evil\",\"x\")", "+cmd|' /C calc'!A0", "-2+3", "@SUM(1+1)", "\t=1+1", "\r=1+1"]


def test_injections_in_every_column_stay_text(tmp_path):
    header = ["Région", "Localisation", "Nom", "Créneaux", "Responsable", "Sources", "Notes", "Commentaire"]
    rows = [header] + [[f"{h}{i}" if j else value for j, h in enumerate(header)] for i, value in enumerate(HOSTILE)]
    rows += [[value] * len(header) for value in HOSTILE]
    rows += [["Laval", "Laval", "Négatif", "x", "y", "https://a.ca/", "-73.5", "48"]]
    source = write_csv(tmp_path / "in.csv", rows)
    checksum = sha256(source)

    out_csv = export(tmp_path / "out.csv", source, lang="fr").path
    with out_csv.open(encoding="utf-8", newline="") as f:
        cells = [c for row in list(csv.reader(f))[1:] for c in row]
    live = [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r") and c != "-73.5"]
    assert live == []
    for value in HOSTILE:  # cells are read stripped: a leading tab or CR is gone, what follows is escaped
        assert "'" + value.strip() in cells
    assert "-73.5" in cells and "'-73.5" not in cells  # a plain number is not a formula

    from openpyxl import load_workbook

    workbook = load_workbook(export(tmp_path / "out.xlsx", source, lang="fr").path)
    values = [c.value for row in workbook["Liste"].iter_rows() for c in row]
    assert not any(c.data_type == "f" for row in workbook["Liste"].iter_rows() for c in row)
    for value in HOSTILE:
        assert value.strip() in values
    assert sha256(source) == checksum


def test_control_characters_are_removed_and_said(run, tmp_path):
    source = write_csv(tmp_path / "in.csv", [["Nom", "Notes"], ["A\x07", "b\x00c"]])
    out = tmp_path / "out.xlsx"
    code, _, err = run("export", str(out), "--from", str(source))
    assert code == 0
    assert "cicli: removed 2 control characters that Excel refuses.\n" in err
    from openpyxl import load_workbook

    annex = load_workbook(out)["List"]
    assert [c.value for c in annex[1]][:2] == ["Name", "Notes"]
    assert [c.value for c in annex[2]][:2] == ["A", "bc"]


def test_existing_output_is_never_overwritten_without_force(run, tmp_path):
    out = tmp_path / "a.xlsx"
    out.write_bytes(b"precious")
    code, _, err = run("export", str(out))
    assert (code, err) == (1, f"cicli: {out}: the file exists; pass --force to replace it.\n")
    assert out.read_bytes() == b"precious"
    assert run("export", str(out), "--force")[0] == 0
    assert out.read_bytes()[:2] == b"PK"


def test_output_equal_to_input_is_refused(tmp_path):
    source = write_csv(tmp_path / "in.csv", [["Nom"], ["A"]])
    checksum = sha256(source)
    with pytest.raises(OutputError, match="this is the input file"):
        export(source, source, force=True)
    with pytest.raises(OutputError, match="this is the input file"):
        export(tmp_path / "." / "in.csv", str(source), force=True)
    assert sha256(source) == checksum


def test_missing_or_read_only_folder(tmp_path, monkeypatch):
    with pytest.raises(OutputError, match="does not exist"):
        export(tmp_path / "nope" / "a.csv")
    real_access = os.access
    monkeypatch.setattr(safety_module.os, "access", lambda p, mode: False if mode == os.W_OK else real_access(p, mode))
    with pytest.raises(OutputError, match="is not writable"):
        export(tmp_path / "a.csv")
    assert list(tmp_path.iterdir()) == []


def test_unknown_suffix_lists_the_choices(run, tmp_path):
    code, out, err = run("export", str(tmp_path / "a.pdf"))
    assert (code, out) == (2, "")
    assert err == (f"cicli: cannot tell the format from '{tmp_path / 'a.pdf'}': name it with one of "
                   ".xlsx, .html, .csv, .json, .md, .geojson, or pass --format.\n")
    assert run("export", str(tmp_path / "a.out"), "--format", "json")[0] == 0


@pytest.mark.parametrize("args, message", [
    (("HIFA",), "unexpected argument 'HIFA': to compare centres in the workbook, add --compare."),
    (("--compare", "HIFA"), "--compare needs two centres or more after OUT"),
])
def test_compare_arguments(run, tmp_path, args, message):
    code, _, err = run("export", str(tmp_path / "a.xlsx"), *args)
    assert code == 2
    assert message in err
    assert not (tmp_path / "a.xlsx").exists()


def test_excel_flag_needs_csv():
    with pytest.raises(UsageError, match="excel: applies to CSV"):
        export("a.xlsx", excel=True)


@pytest.mark.parametrize("name", ["a.xlsx", "a.csv"])
def test_interrupted_export_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch, name):
    out = tmp_path / name
    out.write_bytes(b"old")

    class Stop(BaseException):
        pass

    def interrupted(target, write, force):
        real(target, lambda stream: (write(stream), (_ for _ in ()).throw(Stop())), force)

    real = export_module.atomic_write
    monkeypatch.setattr(export_module, "atomic_write", interrupted)
    import cicli.writers.excel as workbook

    monkeypatch.setattr(workbook, "atomic_write", interrupted)
    with pytest.raises(Stop):
        export(out, force=True)
    assert out.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == [name]


@pytest.mark.parametrize("name", ["a.xlsx", "a.csv"])
def test_a_full_disk_is_an_output_error_naming_the_file_and_leaves_the_old_one(tmp_path, monkeypatch, name):
    import errno

    out = tmp_path / name
    out.write_bytes(b"old")

    def full(target, write, force):
        def write_then_fail(stream):
            write(stream)
            raise OSError(errno.ENOSPC, "No space left on device")
        real(target, write_then_fail, force)

    real = export_module.atomic_write
    monkeypatch.setattr(export_module, "atomic_write", full)
    from cicli.writers import excel as workbook

    monkeypatch.setattr(workbook, "atomic_write", full)
    with pytest.raises(OutputError) as caught:
        export(out, force=True)
    assert str(caught.value) == f"{out}: the file could not be written: No space left on device."
    assert out.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == [name]


def test_exports_show_no_temporary_file_and_readable_permissions(tmp_path):
    out = export(tmp_path / "a.csv").path
    assert [p.name for p in tmp_path.iterdir()] == ["a.csv"]
    assert out.stat().st_mode & 0o044 == 0o044


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_workbook_opens_in_libreoffice(tmp_path):
    out = export(tmp_path / "a.xlsx", lang="fr", compare=["HIFA", "Sept-Îles"]).path
    result = subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
                             "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
                             "--outdir", str(tmp_path / "csv"), str(out)], capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    produced = sorted(p.name for p in (tmp_path / "csv").iterdir())
    assert produced == ["a-Annexe imprimée.csv", "a-Annexe.csv", "a-Comparaison.csv", "a-Méthode.csv", "a-Synthèse.csv",
                        "a-Technique.csv", "a-Typologie.csv"]
    annex = (tmp_path / "csv" / "a-Annexe.csv").read_text(encoding="utf-8").splitlines()
    assert annex[0].startswith("Région,Localisation,Nom,Créneaux,Responsable,Sources,Notes,Typologie : origine")
    assert len(annex) == 15


def test_no_links_beyond_excels_limit(tmp_path, monkeypatch):
    from openpyxl import load_workbook

    import cicli.writers.excel as workbook

    monkeypatch.setattr(workbook, "MAX_LINKS", 5)  # the bundled annex has 14 rows
    annex = load_workbook(export(tmp_path / "a.xlsx", lang="fr").path)["Annexe"]
    assert not any(c.hyperlink for row in annex.iter_rows() for c in row)
    assert "https://www.hifa.ca/" in [c.value for row in annex.iter_rows() for c in row]


def test_a_source_too_long_for_an_excel_link_stays_text_without_a_python_warning(tmp_path):
    from openpyxl import load_workbook

    address = "https://exemple.qc.ca/" + "a" * 2100
    source = write_csv(tmp_path / "long.csv", [["Nom", "Région", "Sources"], ["Centre A", "Laval", address]])
    done = subprocess.run([sys.executable, "-m", "cicli", "export", str(tmp_path / "a.xlsx"), "--from", str(source)],
                          check=False, capture_output=True, text=True)  # pytest would catch the warning
    assert done.returncode == 0 and "Warning" not in done.stderr and "warn(" not in done.stderr
    annex = load_workbook(tmp_path / "a.xlsx").worksheets[0]
    cell = next(c for row in annex.iter_rows() for c in row if c.value == address)
    assert cell.hyperlink is None


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_method_sheet_reads_as_sentences_without_template_placeholders(tmp_path, lang):
    """Issue 15: the Méthode sheet showed {initiators_text}, {_zone_text}… and repeated itself."""
    from openpyxl import load_workbook

    out = export(tmp_path / "a.xlsx", lang=lang).path
    sheet = load_workbook(out)["Méthode" if lang == "fr" else "Method"]
    cells = [str(c) for row in sheet.iter_rows(values_only=True) for c in row if c]
    assert not [c for c in cells if "{" in c or "}" in c]
    rules = [c for c in cells if c.startswith(("Si ", "If "))]
    from cicli.typology import AXES

    assert len(rules) == sum(len(axis.rules) for axis in AXES)  # every rule, each once
    assert any(c.startswith(("Si chaque type de « Types d'initiateurs »", "If every kind in « Initiator kinds »"))
               or "chaque type de « Types d'initiateurs »" in c for c in rules)
    assert not any(c.count("privée :") > 1 or c.count("private origin:") > 1 for c in rules)


# --- issue 16: no live formula anywhere, what cicli exports it reads back, nothing left behind --------

HEADERS = ["=HYPERLINK(\"http://evil\",\"x\")", "+cmd|' /C calc'!A0", "@SUM(1+1)", "-2+3"]


@pytest.mark.parametrize("excel", [False, True])
def test_csv_exports_defuse_headers_too_and_read_back_to_the_same_text(tmp_path, excel):
    header = ["Nom", "Notes", *HEADERS]
    values = [*HOSTILE, "'=déjà protégé", "''=x", "-2", "+33 1 23", "plain"]
    rows = [header] + [[f"C{i}", v, *(v for _ in HEADERS)] for i, v in enumerate(values)]
    source = write_csv(tmp_path / "in.csv", rows)
    out = export(tmp_path / "out.csv", source, lang="fr", excel=excel).path
    raw = out.read_text(encoding="utf-8-sig")
    for line in raw.splitlines():
        for cell in next(csv.reader([line], delimiter=";" if excel else ",")):
            assert cell[:1] not in ("=", "+", "@", "\t", "\r") or cell in ("+33 1 23",), cell
    back = export(tmp_path / "back.csv", out, lang="fr", excel=excel).path
    from cicli.read import read_table

    first, second = read_table(source), read_table(out)
    assert [h for h in second.headers.values() if h in HEADERS] == HEADERS
    assert second.frame["notes"].tolist() == first.frame["notes"].tolist()
    assert back.read_bytes() == out.read_bytes()


def test_an_interrupted_xlsx_export_leaves_no_temporary_file_in_tmpdir(tmp_path):
    rows = [["Nom", "Région", "Notes"]] + [[f"Centre {i}", "Laval", "texte " * 20] for i in range(60_000)]
    source = write_csv(tmp_path / "big.csv", rows)
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    out = tmp_path / "out"
    out.mkdir()
    env = {**os.environ, "TMPDIR": str(temporary)}
    process = subprocess.Popen([sys.executable, "-m", "cicli", "export", str(out / "big.xlsx"), "--from", str(source)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    deadline = time.monotonic() + 60
    while not any(temporary.iterdir()) and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)  # the writer's temporary files appear when the sheets are written
    process.send_signal(signal.SIGTERM)
    process.communicate(timeout=60)
    if process.returncode == 0:
        pytest.skip("the export finished before the signal arrived")
    assert process.returncode == 143
    assert list(temporary.iterdir()) == [] and list(out.iterdir()) == []


def test_a_control_character_in_the_input_file_name_does_not_stop_the_export(tmp_path):
    source = write_csv(tmp_path / "nom\x07\nbizarre.csv", printed_rows())
    out = export(tmp_path / "a.xlsx", source, lang="fr").path
    from openpyxl import load_workbook

    workbook = load_workbook(out)
    technical = {row[1]: row[2] for row in workbook["Technique"].iter_rows(values_only=True)}
    assert technical["Fichier lu"].endswith("nom\\x07\\nbizarre.csv")  # shown escaped, as in every message
    method = [str(c) for row in workbook["Méthode"].iter_rows(values_only=True) for c in row if c]
    assert any(c.startswith("Votre liste : nom\\x07\\nbizarre.csv, modifiée le ") for c in method)  # escaped too


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_force_never_replaces_a_pipe_or_a_device_and_follows_a_link_to_a_file(tmp_path):
    pipe = tmp_path / "pipe.csv"
    os.mkfifo(pipe)
    with pytest.raises(OutputError, match="a device or a pipe"):
        export(pipe, force=True)
    link = tmp_path / "null.csv"  # /dev/stdout is a device at a terminal (pytest makes it a file)
    os.symlink("/dev/null", link)
    with pytest.raises(OutputError, match="a device or a pipe"):
        export(link, force=True)
    real = tmp_path / "real.csv"
    real.write_text("old", encoding="utf-8")
    os.symlink(real, tmp_path / "link.csv")
    export(tmp_path / "link.csv", force=True)
    assert (tmp_path / "link.csv").is_symlink() and real.read_text(encoding="utf-8").startswith("Region,")


def test_a_vertical_tab_and_a_bell_after_a_number_column_never_reach_the_workbook(run, tmp_path):
    """Excel shows what openpyxl or XlsxWriter escape as « _x000B_ », « _x0007_ »: removed and said, on every column
    whatever its neighbours' types."""
    import zipfile

    source = write_csv(tmp_path / "in.csv", [["Nom", "Investissement ($ CA)", "Notes"], ["A\x0bB", "1000", "bip\x07bip"],
                                             ["C", "2000", "ok"]])
    out = tmp_path / "out.xlsx"
    code, _, err = run("export", str(out), "--from", str(source))
    assert code == 0 and "cicli: removed 2 control characters that Excel refuses.\n" in err
    with zipfile.ZipFile(out) as package:
        xml = "".join(package.read(n).decode() for n in package.namelist() if n.startswith("xl/worksheets/"))
    assert "_x000B_" not in xml and "_x0007_" not in xml and "\x0b" not in xml and "\x07" not in xml
    from openpyxl import load_workbook

    annex = load_workbook(out)["List"]
    header = [c.value for c in annex[1]]
    row = dict(zip(header, [c.value for c in annex[2]], strict=True))
    assert (row["Name"], row["Investment (CAD)"], row["Notes"]) == ("AB", 1000, "bipbip")  # a number stays one


def test_strip_illegal_cleans_text_in_every_kind_of_column_and_leaves_numbers_alone():
    import pandas as pd

    from cicli.writers.safety import strip_illegal

    frame = pd.DataFrame({"mixed": pd.Series(["a\x07b", 3, None], dtype=object),
                          "text": pd.Series(["c\x0bd", "ok", "e"], dtype="str"),
                          "objects": pd.Series(["f\x01", "g", "h"], dtype=object),
                          "numbers": pd.Series([1.5, None, 2.0])})
    out, removed = strip_illegal(frame)
    assert removed == 3
    assert out["mixed"].tolist()[:2] == ["ab", 3] and out["mixed"].isna().tolist()[2]
    assert out["text"].tolist() == ["cd", "ok", "e"] and out["objects"].tolist() == ["f", "g", "h"]
    assert out["numbers"].tolist()[0] == 1.5


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_an_export_is_an_ordinary_file_that_the_umask_governs(tmp_path):
    """Written to a private temporary file first, it gets the mode any file of the user gets (not 0600, never +x)."""
    from cicli.writers import export

    umask = os.umask(0o022)
    try:
        path = export(tmp_path / "a.csv").path
    finally:
        os.umask(umask)
    assert path.stat().st_mode & 0o777 == 0o644
