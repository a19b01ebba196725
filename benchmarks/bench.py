"""cicli's benchmark: start-up, scale, peers, XLSX and memory, as medians and ratios.

Usage:  python benchmarks/bench.py [--quick] [--repeat N] [--skip-peers] [--skip-xlsx]

It generates annexes of 100,000 and 1,000,000 rows (the report's columns, realistic French
text, the notes' wordings mixed) under benchmarks/data/, then runs each measurement several
times, alternating the command and its baseline in the same run, and prints a table of
medians and ratios. Peers (frictionless, csvkit) and XLSX engines are installed in a separate
virtual environment under benchmarks/data/ so that cicli's own environment stays as users have it.
Nothing here is a test: tests never depend on timing.
"""

from __future__ import annotations

import argparse
import csv
import os
import platform
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
PY = sys.executable

REGIONS = ["Abitibi-Témiscamingue", "Bas-Saint-Laurent", "Gaspésie–Îles-de-la-Madeleine", "Centre-du-Québec",
           "Chaudière-Appalaches", "Côte-Nord", "Lanaudière", "Mauricie", "Saguenay–Lac-Saint-Jean", "Montréal",
           "Capitale-Nationale", "Estrie", "Montérégie", "Laval", "Laurentides", "Outaouais", "Nord-du-Québec"]
TOWNS = ["Val-d’Or", "Rivière-du-Loup", "Grande-Rivière", "Victoriaville", "Sainte-Marie", "Bécancour", "Baie-Comeau",
         "L’Assomption", "Shawinigan", "Saguenay", "Montréal", "Sept-Îles", "Trois-Rivières", "Québec", "Sherbrooke",
         "Gatineau", "Rimouski", "Drummondville", "Saint-Hyacinthe", "Granby", "Lévis", "Joliette"]
WORDS = ["innovation", "centre", "énergie", "transition", "numérique", "aluminium", "agroalimentaire", "bois",
         "construction", "aérospatiale", "mobilité", "cybersécurité", "économie", "circulaire", "maritime",
         "minier", "batterie", "hydrogène", "santé", "pêche", "aquaculture", "robotique", "formation", "recherche"]
NICHES = ["Transformation numérique des entreprises", "Transition énergétique (associé à la VTÉ)", "Aluminium",
          "Mobilité et logistique durable (associé à la Zone aéro)", "Cybersécurité des infrastructures essentielles",
          "Capture et transformation des produits de la mer", "Construction innovante", "Technologies agricoles"]
NOTES = ["Financements publics obtenus", "CI affilié à la VTÉ (projet)", "CI associé à la VTÉ (projet)",
         "1ère étape en vue d’une désignation de ZI", "CI associé à la Zone Aéro", "",
         "Financements publics obtenus – Autres pôles en développement (amorcés dans le cadre du projet de la Zone bleue)",
         "", "En discussion avec le MEIE", ""]
FIRST = ["Marie", "Jean", "Chantal", "Rémi", "Fatima", "Marlène", "Stéphan", "Victor", "Paul", "Marilou", "Hélène"]
LAST = ["Tremblay", "Gagnon", "Roy", "Côté", "Bouchard", "Gauthier", "Morin", "Lavoie", "Fortin", "Gagné", "Ouellet"]
HEADER = ["Région", "Localisation", "Nom", "Créneaux", "Responsable", "Sources", "Notes"]


def generate(rows: int, path: Path) -> Path:
    if path.exists():
        return path
    rng = random.Random(rows)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(HEADER)
        for i in range(rows):
            words = " ".join(rng.sample(WORDS, 3))
            writer.writerow([rng.choice(REGIONS), rng.choice(TOWNS), f"Centre d’{words} n° {i}", rng.choice(NICHES),
                             f"{rng.choice(FIRST)} {rng.choice(LAST)}", f"https://centre-{i}.example.qc.ca/",
                             rng.choice(NOTES)])
    return path


def generate_messy(rows: int, path: Path) -> Path:
    """The annex as printed (13 rows) cycled: nearly every row repeats another's name, lead and source,
    and one row in six has a misspelt region (no accents, spaces for hyphens), as real inventories do."""
    if path.exists():
        return path
    import unicodedata

    with (HERE.parent / "tests" / "fixtures" / "annexe_rapport.csv").open(encoding="utf-8", newline="") as f:
        header, *printed = list(csv.reader(f))

    def misspelt(region: str) -> str:
        plain = unicodedata.normalize("NFKD", region).encode("ascii", "ignore").decode().replace("-", " ")
        return plain if plain != region else region + "x"

    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(header)
        for i in range(rows):
            row = list(printed[i % len(printed)])
            if i % 6 == 5:
                row[0] = misspelt(row[0])
            writer.writerow(row)
    return path


def timed(command: list[str] | str, *, shell: bool = False, cwd: Path | None = None) -> float:
    started = time.perf_counter()
    result = subprocess.run(command, shell=shell, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=cwd, check=False)
    elapsed = time.perf_counter() - started
    if result.returncode not in (0, 1):
        raise SystemExit(f"failed ({result.returncode}): {command}\n{result.stderr.decode()[-2000:]}")
    return elapsed


def compare(label: str, command, baseline, repeat: int, rows: list, *, shell: bool = False,
            cwd: Path | None = None) -> tuple[float, float]:
    """Medians of command and baseline, run alternately; appends a row (label, command, baseline, ratio)."""
    timed(command, shell=shell, cwd=cwd), timed(baseline, shell=shell, cwd=cwd)  # warm the file cache
    ours, theirs = [], []
    for _ in range(repeat):
        ours.append(timed(command, shell=shell, cwd=cwd))
        theirs.append(timed(baseline, shell=shell, cwd=cwd))
    a, b = statistics.median(ours), statistics.median(theirs)
    rows.append((label, a, b, a / b))
    print(f"  {label}: {a * 1000:.0f} ms vs {b * 1000:.0f} ms → {a / b:.2f}×", file=sys.stderr, flush=True)
    return a, b


def peak_memory_mb(command: list[str]) -> float:
    probe = ("import resource, subprocess, sys\n"
             "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)\n"
             "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    out = subprocess.run([PY, "-c", probe, *command], capture_output=True, text=True, check=False).stdout
    return int(out) / 1024


def peers_python() -> Path:
    """A separate environment with frictionless, csvkit, python-calamine and XlsxWriter."""
    venv = DATA / "peers"
    python = venv / "bin" / "python"
    if not python.exists():
        subprocess.run([PY, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "-q", "frictionless", "csvkit", "python-calamine",
                        "xlsxwriter", "openpyxl", "pandas"], check=True)
    return python


MINIMAL_APP = '''
import typer
app = typer.Typer()
@app.command()
def one(): "First."
@app.command()
def two(): "Second."
app()
'''
BASELINE_TABLE = '''
import sys, typer
app = typer.Typer()
@app.command()
def show(path: str):
    import pandas
    from rich.console import Console
    from rich.table import Table
    frame = pandas.read_csv(path)
    table = Table()
    for c in frame.columns: table.add_column(str(c))
    for row in frame.itertuples(index=False): table.add_row(*map(str, row))
    Console().print(table)
@app.command()
def other(): pass
app()
'''

# The floor: what any tool that reads every cell as text pays on this machine, with the fastest
# reader here (Arrow's, on every core) and no check at all. A ratio against a peer cannot beat it.
FLOOR = '''
import csv, sys
import pyarrow as pa, pyarrow.csv as pcsv
with open(sys.argv[1], encoding="utf-8", newline="") as f:
    header = next(csv.reader(f))
table = pcsv.read_csv(sys.argv[1], convert_options=pcsv.ConvertOptions(column_types={h: pa.large_string() for h in header}))
if sys.argv[2:] == ["--write"]:
    pcsv.write_csv(table, sys.stdout.buffer)
'''


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="100,000 rows only, 3 repeats")
    parser.add_argument("--skip-peers", action="store_true")
    parser.add_argument("--skip-xlsx", action="store_true")
    args = parser.parse_args()
    repeat = 3 if args.quick else args.repeat
    cicli = [PY, "-m", "cicli"]
    import compileall

    from cicli.read import bundled_path

    import cicli as package

    # pip compiles an installed package's bytecode; an editable checkout, with PYTHONDONTWRITEBYTECODE
    # set (as on the machine of these figures), would compile cicli's sources at every start (~30 ms).
    compileall.compile_dir(Path(package.__file__).parent, quiet=1)

    bundled = str(bundled_path())
    small = generate(100_000, DATA / "annexe-100k.csv")
    big = None if args.quick else generate(1_000_000, DATA / "annexe-1m.csv")
    scripts = DATA / "scripts"
    scripts.mkdir(parents=True, exist_ok=True)
    (scripts / "minimal_app.py").write_text(MINIMAL_APP)
    (scripts / "baseline_table.py").write_text(BASELINE_TABLE)
    (scripts / "floor.py").write_text(FLOOR)
    floor = [PY, str(scripts / "floor.py")]
    rows: list = []

    print("start-up", file=sys.stderr)
    compare("cicli --help  vs  two-command Typer app --help", [*cicli, "--help"],
            [PY, str(scripts / "minimal_app.py"), "--help"], repeat * 2, rows)
    compare("cicli --version  vs  python -c pass", [*cicli, "--version"], [PY, "-c", "pass"], repeat * 2, rows)
    compare("cicli classify (bundled)  vs  Typer + pandas.read_csv + rich table", [*cicli, "classify"],
            [PY, str(scripts / "baseline_table.py"), "show", bundled], repeat * 2, rows)

    print("scale", file=sys.stderr)
    read_only = "import pandas, sys; pandas.read_csv(sys.argv[1])"
    messy_small = generate_messy(100_000, DATA / "annexe-messy-100k.csv")
    messy_big = None if args.quick else generate_messy(1_000_000, DATA / "annexe-messy-1m.csv")
    files = [("100k", small), ("100k messy", messy_small), ("1M", big), ("1M messy", messy_big)]
    files = [(label, path) for label, path in files if path is not None]
    for label, data in files:
        compare(f"classify {label} --format csv  vs  pandas.read_csv(FILE)",
                [*cicli, "classify", str(data), "--format", "csv"], [PY, "-c", read_only, str(data)], repeat, rows)
        compare(f"validate {label}  vs  floor: read as text, no checks", [*cicli, "validate", str(data)],
                [*floor, str(data)], repeat, rows)
    for label, data in files:
        if label.startswith("1M"):
            for command in ("classify", "validate"):
                memory = peak_memory_mb([*cicli, command, str(data), *(["--format", "csv"] if command == "classify" else [])])
                rows.append((f"peak memory, {command} {label} (MB)", memory, 2048, memory / 2048))
    table_rows = generate(50_000, DATA / "annexe-50k.csv")
    compare("classify 50k, table  vs  classify 50k --format csv", [*cicli, "classify", str(table_rows)],
            [*cicli, "classify", str(table_rows), "--format", "csv"], repeat, rows)

    if not args.skip_peers:
        print("peers", file=sys.stderr)
        bin_dir = peers_python().parent
        for label, data in files:
            # frictionless refuses absolute paths ("not safe"): every tool runs in the data folder.
            # Check once that each one really reads the file, so that a refusal cannot pass for speed.
            checked = subprocess.run([str(bin_dir / "frictionless"), "validate", data.name], cwd=DATA,
                                     capture_output=True, text=True, check=False).stdout
            if "VALID" not in checked:
                raise SystemExit(f"frictionless did not validate {data.name}:\n{checked[-2000:]}")
            compare(f"validate {label}  vs  frictionless validate", [*cicli, "validate", data.name],
                    [str(bin_dir / "frictionless"), "validate", data.name], repeat, rows, cwd=DATA)
            compare(f"validate {label}  vs  csvclean -a", [*cicli, "validate", data.name],
                    [str(bin_dir / "csvclean"), "-a", data.name], repeat, rows, cwd=DATA)

    if not args.skip_xlsx:
        print("xlsx", file=sys.stderr)
        peers = peers_python()
        xlsx = DATA / "annexe-100k.xlsx"
        if not xlsx.exists():
            subprocess.run([*cicli, "export", str(xlsx), "--from", str(small), "--force"], check=True,
                           stderr=subprocess.DEVNULL)
        engines = {
            "openpyxl read-only": "import openpyxl,sys; wb=openpyxl.load_workbook(sys.argv[1], read_only=True); "
                                  "[r for r in wb[wb.sheetnames[0]].iter_rows(values_only=True)]",
            "calamine": "import python_calamine as c,sys; c.CalamineWorkbook.from_path(sys.argv[1]).get_sheet_by_index(0).to_python()",
        }
        compare("read 100k-row XLSX: calamine  vs  openpyxl read-only", [str(peers), "-c", engines["calamine"], str(xlsx)],
                [str(peers), "-c", engines["openpyxl read-only"], str(xlsx)], repeat, rows)
        # The export's sheet (styles, row heights, links), written by each candidate: xlsx_writers.py.
        writers = HERE / "xlsx_writers.py"
        out = DATA / "written.xlsx"
        compare("write the export's 100k-row sheet: XlsxWriter (constant memory)  vs  openpyxl write-only",
                [PY, str(writers), "xlsxwriter", str(small), str(out)],
                [PY, str(writers), "openpyxl", str(small), str(out)], repeat, rows)
        compare("cicli classify 100k.xlsx  vs  cicli classify 100k.csv", [*cicli, "classify", str(xlsx), "--format", "csv"],
                [*cicli, "classify", str(small), "--format", "csv"], repeat, rows)
        target = DATA / "export.xlsx"
        compare("cicli export 100k → xlsx  vs  cicli classify 100k --format csv",
                [*cicli, "export", str(target), "--from", str(small), "--force"],
                [*cicli, "classify", str(small), "--format", "csv"], repeat, rows)

    print()
    print(f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"{platform.system()} {platform.release()}; medians of {repeat} alternated runs (start-up: {repeat * 2}; "
          f"peak memory: one run).")
    print()
    print("| measurement | cicli | baseline | ratio |")
    print("|---|---:|---:|---:|")
    for label, a, b, ratio in rows:
        unit = "" if label.startswith("peak memory") else " s"
        fmt = (lambda v: f"{v:.0f}") if label.startswith("peak memory") else (lambda v: f"{v:.3f}")
        print(f"| {label} | {fmt(a)}{unit} | {fmt(b)}{unit} | {ratio:.2f}× |")


if __name__ == "__main__":
    main()
