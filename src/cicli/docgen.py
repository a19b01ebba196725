"""The parts of docs/ that describe code are generated here, from the code.

`python -m cicli.docgen` rewrites them; tests/test_docs.py fails when they are stale.
A generated part stands between `<!-- generated: NAME -->` and `<!-- end generated -->`.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from . import labels, schema
from .problems import CATALOGUE


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def columns() -> str:
    lines = ["| column | French header | English header | type | allowed values | meaning | source in the report |",
             "|---|---|---|---|---|---|---|"]
    for c in schema.COLUMNS:
        allowed = ", ".join(f"`{a}`" for a in c.allowed) or ("`yes`, `no`" if c.type == "bool" else "")
        name = f"`{c.name}`" + (" (annex)" if c.annex else "")
        lines.append(f"| {name} | {c.fr} | {c.en} | {c.type} | {allowed} | {_cell(c.description)} | {_cell(c.source)} |")
    return "\n".join(lines)


def problems() -> str:
    lines = ["| code | severity | meaning |", "|---|---|---|"]
    lines += [f"| `{code}` | {severity} | {_cell(meaning)} |" for code, (severity, meaning) in CATALOGUE.items()]
    return "\n".join(lines)


def typology() -> str:
    from .typology import AXES

    out = []
    for axis in AXES:
        out.append(f"### {labels.label('axis', axis.name, 'en')} — {labels.label('axis', axis.name, 'fr')} (`{axis.name}`)\n")
        out.append(f"{axis.meaning_en}\n\n> {axis.meaning_fr}\n")
        codes = ", ".join(f"`{code}` ({labels.label(axis.name, code, 'fr')} / {labels.label(axis.name, code, 'en')})"
                          for code in labels.LABELS[axis.name])
        out.append(f"Verdicts: {codes}.\n")
        out.append("The rules, in order; the first that holds gives the verdict.\n")
        for n, rule in enumerate(axis.rules, 1):
            uses = ", ".join(f"`{u}`" for u in rule.uses) or "nothing"
            out.append(f"{n}. **`{rule.id}`** → `{rule.verdict}` when {rule.when.describe('en')} "
                       f"(« {rule.when.describe('fr')} »); reads {uses}.  ")
            out.append(f"   Reason: « {rule.reason_fr} » / “{rule.reason_en}”.  ")
            if rule.quote:
                out.append(f"   The report ({rule.section}): « {rule.quote} »")
            else:
                out.append("   When no rule above holds: the reason names the missing fact.")
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def evidence() -> str:
    """Per centre, the report's sentences behind its facts (data/evidence.csv)."""
    import csv

    from .read import bundled_evidence, bundled_path

    with bundled_path().open(encoding="utf-8", newline="") as f:
        names = {row["id"]: row["name"] for row in csv.DictReader(f)}
    lines, current = [], None
    for row in bundled_evidence():
        if row["id"] != current:
            current = row["id"]
            lines.append(f"{'' if not lines else chr(10)}**{names[current]}** (`{current}`)\n")
        columns = ", ".join(f"`{c}`" for c in row["columns"].split())
        lines.append(f"- {columns} — {row['section']}: « {_cell(' '.join(row['quote'].split()))} »")
    return "\n".join(lines)


def cli_reference() -> str:
    """Every command's --help, as a terminal 100 columns wide shows it."""
    import os
    import subprocess

    from .cli.commands import COMMANDS

    env = {**os.environ, "COLUMNS": "100", "NO_COLOR": "1", "TERM": "dumb", "CICLI_LANG": "en"}
    out = []
    for command in ("", *COMMANDS):
        args = [sys.executable, "-m", "cicli", *([command] if command else []), "--help"]
        text = subprocess.run(args, capture_output=True, text=True, env=env, check=True).stdout
        text = "\n".join(line.rstrip() for line in text.strip("\n").splitlines())
        out.append(f"## `cicli{' ' + command if command else ''}`\n\n```text\n{text.rstrip()}\n```\n")
    return "\n".join(out)


GENERATED = {
    "docs/data.md": {"columns": columns, "problems": problems, "evidence": evidence},
    "docs/typology.md": {"typology": typology},
    "docs/cli.md": {"cli": cli_reference},
}
_BLOCK = re.compile(r"(<!-- generated: (?P<name>[a-z]+) -->\n)(?P<body>.*?)(<!-- end generated -->)", re.DOTALL)


def refresh(text: str, makers: dict) -> str:
    """`text` with each generated block made anew."""
    return _BLOCK.sub(lambda m: m.group(1) + makers[m.group("name")]().rstrip("\n") + "\n" + m.group(4), text)


def main(root: Path) -> int:
    from .catalogue import refresh as refresh_catalogue

    for changed in refresh_catalogue():
        print(f"rewrote {changed}", file=sys.stderr)
    stale = 0
    for relative, makers in GENERATED.items():
        path = root / relative
        old = path.read_text(encoding="utf-8")
        new = refresh(old, makers)
        if new != old:
            path.write_text(new, encoding="utf-8")
            print(f"rewrote {relative}", file=sys.stderr)
            stale += 1
    return 0


if __name__ == "__main__":
    sys.exit(main(Path.cwd()))
