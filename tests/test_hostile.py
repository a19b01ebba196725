"""Hostile and broken inputs: refused cleanly, in bounded time and memory, the input untouched.

Each file goes through `cicli validate` and `cicli classify` in a real process: the bounds are
hang and blow-up guards (generous on purpose), not speed targets.
"""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from conftest import CORPUS, printed_rows, sha256, write_csv, write_xlsx

from cicli.pipeline import ROW_ERRORS

TIME_LIMIT = 15  # seconds a refusal may take at most, on a busy machine (10 s on a quiet one)
MEMORY_LIMIT_MB = 1500


def run_cicli(*args: str, timeout: float = TIME_LIMIT) -> tuple[int, str, str, float]:
    """Run cicli in its own process; returns (exit code, stdout, stderr, peak memory of the child in MB)."""
    probe = ("import resource, subprocess, sys\n"
             "r = subprocess.run([sys.executable, '-m', 'cicli', *sys.argv[1:]], capture_output=True, text=True, check=False)\n"
             "sys.stdout.write(r.stdout); sys.stderr.write(r.stderr)\n"
             "sys.stderr.write('\\nPEAK %d\\n' % resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
             "sys.exit(r.returncode)\n")
    result = subprocess.run([sys.executable, "-c", probe, *args], capture_output=True, text=True, timeout=timeout,
                            env={**os.environ, "COLUMNS": "200"}, check=False)
    err, _, peak = result.stderr.rpartition("\nPEAK ")
    return result.returncode, result.stdout, err.rstrip("\n") + "\n" if err.strip() else "", int(peak) / 1024


def zip_with(path: Path, parts: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return path


def workbook_with(path: Path, replace: dict[str, bytes]) -> Path:
    """A real workbook of the printed annex, with some parts replaced."""
    buffer = io.BytesIO()
    from openpyxl import Workbook

    workbook = Workbook()
    for row in printed_rows():
        workbook.active.append(row)
    workbook.save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(item.filename, replace.get(item.filename, source.read(item.filename)))
    return path


LAUGHS = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
          + b"".join(b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10) for i in range(1, 10))
          + b']><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
          b'<row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>')
EXTERNAL = (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
            b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
            b'<row r="1"><c r="A1" t="inlineStr"><is><t>&xxe;</t></is></c></row></sheetData></worksheet>')


NS = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
END = b"</sheetData></worksheet>"


def package(path: Path, sheet: bytes, shared: bytes | None = None, workbook_at: str = "xl/workbook.xml") -> Path:
    """A minimal workbook written by hand, as generators other than Excel write them."""
    folder = workbook_at.rsplit("/", 1)[0]
    rels = (b'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            b'officeDocument" Target="' + workbook_at.encode() + b'"/></Relationships>')
    workbook = (b'<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                b'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
                b'<sheet name="Feuil1" sheetId="1" r:id="rId1"/></sheets></workbook>')
    workbook_rels = (b'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                     b'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
                     b'2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
                     + (b'<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                        b'relationships/sharedStrings" Target="sharedStrings.xml"/>' if shared else b"")
                     + b"</Relationships>")
    types = (b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
             b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
             b'<Default Extension="xml" ContentType="application/xml"/><Override PartName="/' + workbook_at.encode()
             + b'" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
             b'<Override PartName="/' + folder.encode() + b'/worksheets/sheet1.xml" ContentType="application/'
             b'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>')
    parts = {"[Content_Types].xml": types, "_rels/.rels": rels, workbook_at: workbook,
             f"{folder}/_rels/{workbook_at.rsplit('/', 1)[1]}.rels": workbook_rels,
             f"{folder}/worksheets/sheet1.xml": NS + sheet + END}
    if shared:
        parts[f"{folder}/sharedStrings.xml"] = shared
    return zip_with(path, parts)


def inline(ref: str, text: str) -> bytes:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'.encode()


def hostile_files(folder: Path) -> list[tuple[str, Path, str]]:
    """(what, file, the code of the refusal or "" when it must load)."""
    rows = printed_rows()
    files = [
        ("zip bomb", zip_with(folder / "bomb.xlsx", {"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<w/>",
                                                      "xl/worksheets/sheet1.xml": b"\0" * (200 << 20)}), "unsafe-file"),
        ("too many parts", zip_with(folder / "parts.xlsx", {"xl/workbook.xml": b"<w/>",
                                                             **{f"xl/p{i}.xml": b"<p/>" for i in range(1200)}}),
         "unsafe-file"),
        ("billion laughs", workbook_with(folder / "laughs.xlsx", {"xl/worksheets/sheet1.xml": LAUGHS}), "unsafe-file"),
        ("external entity", workbook_with(folder / "xxe.xlsx", {"xl/worksheets/sheet1.xml": EXTERNAL}), "unsafe-file"),
        ("empty zip", zip_with(folder / "empty.xlsx", {}), "unsupported-format"),
        ("xlsx renamed .csv", write_xlsx(folder / "renamed.csv", rows), ""),
        ("text renamed .xlsx", write_csv(folder / "text.xlsx", rows), "unsupported-format"),
        ("truncated xlsx", folder / "cut.xlsx", "unreadable-file"),
        ("corrupt deflate data", folder / "corrupt.xlsx", "unreadable-file"),
        ("mimetype bomb", zip_with(folder / "mime.xlsx", {"mimetype": b"\0" * (200 << 20)}), "unsafe-file"),
        ("oversize field", folder / "field.csv", ""),
        ("thousands of cells", folder / "wide.csv", "extra-cell"),
        ("NUL bytes", folder / "nul.csv", ""),
        ("mixed line endings", folder / "endings.csv", ""),
        ("invalid UTF-8 behind a BOM", folder / "bom.csv", "encoding-error"),
        ("right-to-left and zero-width names", folder / "rtl.csv", ""),
        ("unterminated quote", folder / "quote.csv", "unreadable-file"),
        ("binary noise", folder / "noise.csv", "encoding-error"),
        ("a corner cell at XFD1048576", package(folder / "corner.xlsx", b'<row r="1">' + inline("A1", "Nom")
                                                + b'</row><row r="1048576">' + inline("XFD1048576", "x") + b"</row>"),
         "empty-name"),
        ("a far cell on every row", package(folder / "far.xlsx", b'<row r="1">' + inline("A1", "Nom") + b"</row>"
                                            + b"".join(b'<row r="%d">' % r + inline(f"A{r}", f"C{r}")
                                                       + inline(f"XFA{r}", "x") + b"</row>" for r in range(2, 800))),
         ""),
        ("one long shared text in 100,000 cells", package(
            folder / "shared.xlsx", b"".join(b'<row r="%d"><c r="A%d" t="s"><v>0</v></c></row>' % (r, r)
                                             for r in range(1, 100_001)),
            shared=b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>'
                   + b"x" * 32_767 + b"</t></si></sst>"), "too-large"),
        ("a row of a million cells", folder / "million.csv", "extra-cell"),
        ("a header of a million columns", folder / "columns.csv", "too-large"),
        ("sep= and a NUL byte", folder / "sepnul.csv", "unreadable-file"),
        ("an encrypted .xls", folder / "locked.xls", "encrypted-file"),
        ("an Excel binary workbook", zip_with(folder / "binary.xlsb", {"xl/workbook.bin": b"\0" * 64}),
         "unsupported-format"),
        ("a workbook that is not at xl/workbook.xml", package(folder / "moved.xlsx", b'<row r="1">' + inline("A1", "Nom")
                                                              + b'</row><row r="2">' + inline("A2", "HIFA") + b"</row>",
                                                              workbook_at="book/main.xml"), ""),
        ("UTF-16 without a byte order mark", folder / "wide16.csv", ""),
        ("a whole binary as a header", folder / "header.csv", "missing-name-column"),
    ]
    (folder / "million.csv").write_text("Nom,Notes\nA," + "c," * 1_000_000 + "\n", encoding="utf-8")
    (folder / "columns.csv").write_text("Nom," + "a," * 1_000_000 + "\nA,x\n", encoding="utf-8")
    (folder / "sepnul.csv").write_bytes(b"sep=\x00\nNom\x00Notes\nA\x00x\n")
    # An .xls whose workbook stream starts with BOF then FILEPASS: what Excel writes for a password.
    (folder / "locked.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504
                                        + b"\x09\x08\x10\x00\x00\x06\x05\x00" + b"\0" * 12 + b"\x2f\x00\x06\x00"
                                        + b"\0" * 2000)
    (folder / "wide16.csv").write_bytes("Nom,Notes\nHIFA,ok\n".encode("utf-16-le"))
    (folder / "header.csv").write_bytes(bytes(range(32, 127)) * 3000 + b"\n")
    whole = (folder / "renamed.csv").read_bytes()
    (folder / "cut.xlsx").write_bytes(whole[: len(whole) // 3])
    with zipfile.ZipFile(folder / "renamed.csv") as z:  # garble the compressed bytes of xl/workbook.xml
        info = z.getinfo("xl/workbook.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    garbled = bytearray(whole)
    garbled[start: start + 16] = b"\xff" * 16
    (folder / "corrupt.xlsx").write_bytes(bytes(garbled))
    (folder / "field.csv").write_text("Nom,Notes\nA," + "x" * 500_000 + "\n", encoding="utf-8")
    (folder / "wide.csv").write_text("Nom,Notes\nA," + ",".join("c" * 3 for _ in range(20_000)) + "\n", encoding="utf-8")
    (folder / "nul.csv").write_bytes(b"Nom,Notes\nA\x00B,ok\n")
    (folder / "endings.csv").write_bytes(b"Nom,Notes\r\nA,1\nB,2\rC,3\r\n")
    (folder / "bom.csv").write_bytes(b"\xef\xbb\xbfNom,Notes\nA,\xff\xfe\n")
    (folder / "rtl.csv").write_text("Nom,Notes\n\u202eA\u200bB,x\n", encoding="utf-8")
    (folder / "quote.csv").write_text('Nom,Notes\nA,"never closed\nB,x\n', encoding="utf-8")
    (folder / "noise.csv").write_bytes(bytes(range(256)) * 64)
    return files


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    return hostile_files(tmp_path_factory.mktemp("hostile"))


CASES = ["zip bomb", "too many parts", "billion laughs", "external entity", "empty zip", "xlsx renamed .csv",
         "text renamed .xlsx", "truncated xlsx", "corrupt deflate data", "mimetype bomb", "oversize field",
         "thousands of cells", "NUL bytes", "mixed line endings", "invalid UTF-8 behind a BOM",
         "right-to-left and zero-width names", "unterminated quote", "binary noise",
         # issue 16: small files that crashed cicli or ran away with memory, and words that were wrong
         "a corner cell at XFD1048576", "a far cell on every row", "one long shared text in 100,000 cells",
         "a row of a million cells", "a header of a million columns", "sep= and a NUL byte", "an encrypted .xls",
         "an Excel binary workbook", "a workbook that is not at xl/workbook.xml", "UTF-16 without a byte order mark",
         "a whole binary as a header"]


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("command", ["validate", "classify"])
def test_hostile_files_are_refused_or_read_cleanly(hostile, case, command):
    _what, path, code = next(h for h in hostile if h[0] == case)
    checksum = sha256(path)
    started = time.monotonic()
    status, out, err, peak = run_cicli(command, str(path), "--format", "json")
    assert time.monotonic() - started < TIME_LIMIT
    assert peak < MEMORY_LIMIT_MB, f"{peak:.0f} MB"
    assert "Traceback" not in err + out
    assert max(map(len, err.splitlines()), default=0) < 1200, "a message echoes the file back"
    assert sha256(path) == checksum
    if code:
        assert status == 1
        if command == "validate":
            import json

            assert code in [p["code"] for p in json.loads(out)["problems"]]
        elif code in ROW_ERRORS:  # the row is left out, said, and the others are shown
            assert "is left out: it has an error" in err or "are left out: they have errors" in err, err
            assert f"cicli: {path}: " in err
        else:
            assert err.startswith(f"cicli: {path}"), err
    else:
        assert status == 0, err
        if command == "classify":  # read cleanly: exactly these rows, named as written
            import json

            names = [c["name"] for c in json.loads(out)]
            first, count = READ[case]
            assert (names[: len(first)], len(names)) == (first, count)


#: What each file that must load gives: its first names, and how many rows.
READ = {"xlsx renamed .csv": (["Novinor Innovation", "alles d’innovation et de formation avancée"], 13),
        "oversize field": (["A"], 1), "NUL bytes": (["A\x00B"], 1), "mixed line endings": (["A", "B", "C"], 3),
        "right-to-left and zero-width names": (["\u202eA\u200bB"], 1),
        "a far cell on every row": (["C2", "C3"], 798), "a workbook that is not at xl/workbook.xml": (["HIFA"], 1),
        "UTF-16 without a byte order mark": (["HIFA"], 1)}


@pytest.mark.skipif(not CORPUS.exists(), reason="shared/corpus is not beside the checkout")
@pytest.mark.parametrize("path", sorted(p for p in CORPUS.glob("*/*") if p.suffix != ".md"),
                         ids=lambda p: f"{p.parent.name}/{p.name}")
def test_corpus_through_classify(run, path):
    """Each file of the corpus is read as tests/golden/corpus.txt says: exit code, rows shown, and the first word of
    what cicli says (its refusal, or the rows it leaves out). UPDATE_GOLDEN=1 writes the file again."""
    checksum = sha256(path)
    status, out, err = run("classify", str(path), "--format", "csv")
    assert "Traceback" not in err and "internal error" not in err
    assert sha256(path) == checksum
    name = f"{path.parent.name}/{path.name}"
    said = next((line for line in err.splitlines() if not line.startswith("cicli: read ")), "")
    said = said.replace(str(path), "FILE")
    got = f"{name}\t{status}\t{max(len(out.splitlines()) - 1, 0)}\t{said[:160]}"
    golden = Path(__file__).parent / "golden" / "corpus.txt"
    known = dict(line.split("\t", 1) for line in golden.read_text(encoding="utf-8").splitlines()) \
        if golden.exists() else {}
    if os.environ.get("UPDATE_GOLDEN"):
        known[name] = got.split("\t", 1)[1]
        golden.write_text("".join(f"{k}\t{v}\n" for k, v in sorted(known.items())), encoding="utf-8")
    assert got.split("\t", 1)[1] == known.get(name), got


def test_sigterm_during_export_exits_143_and_leaves_nothing(tmp_path):
    rows = [["Nom", "Région", "Notes"]] + [[f"Centre {i}", "Laval", "Financements publics obtenus"] for i in range(60_000)]
    source = write_csv(tmp_path / "big.csv", rows)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    process = subprocess.Popen([sys.executable, "-m", "cicli", "export", str(out_dir / "big.xlsx"), "--from", str(source)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not any(out_dir.iterdir()) and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)  # the temporary file appears when writing starts
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=60)
    if process.returncode == 0:
        pytest.skip("the export finished before the signal arrived")
    assert process.returncode == 143
    assert err == "cicli: interrupted.\n"
    assert list(out_dir.iterdir()) == []


def test_sigint_exits_130(tmp_path):
    rows = [["Nom", "Notes"]] + [[f"C{i}", "x"] for i in range(300_000)]
    source = write_csv(tmp_path / "big.csv", rows)
    process = subprocess.Popen([sys.executable, "-m", "cicli", "classify", str(source), "--format", "csv"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(1.5)
    process.send_signal(signal.SIGINT)
    _out, err = process.communicate(timeout=60)
    if process.returncode == 0:
        pytest.skip("the command finished before the signal arrived")
    assert process.returncode == 130
    assert err.endswith("cicli: interrupted.\n")
