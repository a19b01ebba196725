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
        lines.append(f"| {name} | {c.fr} | {c.en} | {c.type} | {allowed} | {_cell(c.description)} "
                     f"| {_cell(c.source)} |")
    return "\n".join(lines)


def problems() -> str:
    lines = ["| code | severity | meaning |", "|---|---|---|"]
    lines += [f"| `{code}` | {severity} | {_cell(meaning)} |" for code, (severity, meaning) in CATALOGUE.items()]
    return "\n".join(lines)


TYPOLOGY_WORDS = {
    "fr": {"verdicts": "Verdicts", "rules": "Les règles, dans l'ordre ; la première qui tient donne le verdict.",
           "rests": "repose sur", "or_file": "ou `file` quand les faits sont ceux de l'utilisateur",
           "when": "Quand", "reads": "lit", "nothing": "rien",
           "on_report": "Raison, sur les faits du rapport", "on_file": "Raison, sur le fichier de l'utilisateur",
           "report": "Le rapport", "annex_only": "Le rapport : les mots de l'annexe, ou rien (le verdict est "
                                                 "indéterminé)."},
    "en": {"verdicts": "Verdicts", "rules": "The rules, in order; the first that holds gives the verdict.",
           "rests": "resting on", "or_file": "or `file` when the facts are the user's",
           "when": "When", "reads": "reads", "nothing": "nothing",
           "on_report": "Reason, on the report's facts", "on_file": "Reason, on the user's file",
           "report": "The report", "annex_only": "The report: the annex's own words, or nothing (the verdict is "
                                                 "undetermined)."},
}


def typology(lang: str) -> str:
    """Each axis and its rules, in `lang`: what it is drawn from, its verdicts, each rule's condition, what it rests
    on, its reasons and the report's words."""
    from .i18n import in_language, speaking
    from .study.knowledge import knowledge
    from .typology import AXES
    from .typology.describe import reason_pattern

    words, colon = TYPOLOGY_WORDS[lang], " :" if lang == "fr" else ":"
    out = []
    for axis in AXES:
        out.append(f"### {labels.label('axis', axis.name, lang)} (`{axis.name}`)\n")
        out.append(f"{in_language(lang, axis.meaning)}\n")
        out.append(standing(axis, lang) + "\n")
        for ground in axis.grounds:
            passage = knowledge().passage(ground)
            out.append(f"- `{ground}` ({passage.section}){colon} « {passage.quote} »")
        out.append("")
        codes = ", ".join(f"`{code}` ({labels.label(axis.name, code, lang)})" for code in labels.LABELS[axis.name])
        out.append(f"{words['verdicts']}{colon} {codes}.\n")
        out.append(words["rules"] + "\n")
        for n, rule in enumerate(axis.rules, 1):
            with speaking(lang):
                condition, on_report, on_file = rule.when.describe(), reason_pattern(rule.reason), \
                    reason_pattern(rule.reason_file)
            uses = ", ".join(f"`{u}`" for u in rule.uses) or words["nothing"]
            out.append(f"{n}. **`{rule.id}`** → `{rule.verdict}`, {words['rests']} `{rule.basis_of_report()}` "
                       f"({words['or_file']}).  ")
            out.append(f"   {words['when']}{colon} {condition} ; {words['reads']} {uses}.  " if lang == "fr" else
                       f"   {words['when']}{colon} {condition}; {words['reads']} {uses}.  ")
            out.append(f"   {words['on_report']}{colon} « {on_report} ».  ")
            out.append(f"   {words['on_file']}{colon} « {on_file} ».  ")
            if rule.passage:
                passage = knowledge().passage(rule.passage)
                out.append(f"   {words['report']} ({passage.section}){colon} « {passage.quote} »")
            else:
                out.append(f"   {words['annex_only']}")
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def passages() -> str:
    """Per centre, the report's passages cicli carries, and the facts each supports (data/report.toml)."""
    import csv

    from .read import bundled_path
    from .study.knowledge import knowledge

    with bundled_path().open(encoding="utf-8", newline="") as f:
        names = {row["id"]: row["name"] for row in csv.DictReader(f)}
    k = knowledge()
    lines = []
    for centre, name in names.items():
        lines.append(f"{chr(10) if lines else ''}**{name}** (`{centre}`)\n")
        for passage in k.account(centre):
            facts = ", ".join(f"`{c}`" for c in passage.facts.get(centre, ())) or "—"
            lines.append(f"- `{passage.id}` ({passage.theme}; supports {facts}) — {passage.section}: "
                         f"« {_cell(passage.quote)} »")
    return "\n".join(lines)


def changes() -> str:
    """Every change cicli made to the annex as printed (data/report.toml)."""
    from .i18n import speaking
    from .study.knowledge import knowledge

    lines = ["| centre (`id`) | column | change | the report prints | `data/centres.csv` holds | why |",
             "|---|---|---|---|---|---|"]
    with speaking("en"):
        for c in knowledge().changes:
            printed = _cell(c.printed.replace("\n", " ⏎ ")) if c.printed else "(nothing: not in the annex)"
            why = _cell(c.why) if c.why else "line breaks inside a word or an address: joined without a space"
            value = _cell(c.value) or "(empty)"
            lines.append(f"| `{c.centre}` | {c.column} | {c.kind} | {printed} | {value} | {why} |")
    return "\n".join(lines)


def standing(axis, lang: str) -> str:
    """Whether an axis is the report's own categorisation or drawn by cicli from its text, and from which passages."""
    from .study.knowledge import knowledge

    sections = list(dict.fromkeys(knowledge().passage(g).section for g in axis.grounds))
    where = (" ; " if lang == "fr" else "; ").join(f"« {s} »" for s in sections)
    if lang == "fr":
        return (f"**La catégorisation propre du rapport** (sections {where})." if axis.own else
                f"**Tiré par cicli du texte du rapport** (sections {where}) : le rapport ne le propose pas comme "
                f"catégorisation.")
    return (f"**The report's own categorisation** (sections {where})." if axis.own else
            f"**Drawn by cicli from the report's text** (sections {where}): the report does not propose it as a "
            f"categorisation.")


def judgements() -> str:
    """Every judgement cicli makes that the report does not state outright: data/report.toml's list, the rules
    whose verdict cicli infers, and the changes to the annex as printed."""
    from .i18n import speaking
    from .study.knowledge import knowledge
    from .typology import AXES
    from .typology.describe import reason_pattern

    lines = [f"- **{fr}**  \n  {en}" for _id, fr, en in knowledge().judgements]
    for axis in AXES:
        for rule in axis.rules:
            if rule.basis == "inferred":
                with speaking("fr"):
                    fr = reason_pattern(rule.reason)
                with speaking("en"):
                    en = reason_pattern(rule.reason)
                lines.append(f"- **{fr}** (`{rule.id}`)  \n  {en}")
    changed = sorted({f"`{c.centre}` ({c.column})" for c in knowledge().changes if c.kind != "joined"})
    lines.append(f"- **Les changements à l'annexe telle qu'imprimée**, chacun avec sa raison (tableau ci-dessus) : "
                 f"{len(changed)} cellules.  \n  The changes to the annex as printed, each with its reason (the table "
                 f"above): {len(changed)} cells.")
    return "\n".join(lines)


def axes(lang: str) -> str:
    """The typology in plain words, for the user guide: each axis, what it asks, and its verdicts."""
    from .i18n import in_language
    from .typology import AXES

    out = []
    for axis in AXES:
        verdicts = ", ".join(f"*{labels.label(axis.name, code, lang)}*" for code in labels.LABELS[axis.name])
        word = "Verdicts possibles :" if lang == "fr" else "Verdicts:"  # French puts a space before the colon
        out.append(f"- **{labels.label('axis', axis.name, lang)}** — {in_language(lang, axis.meaning)}  \n"
                   f"  {standing(axis, lang)}  \n"
                   f"  {word} {verdicts}.")
    return "\n".join(out)


def cli_reference(lang: str) -> str:
    """Every command's --help in `lang`, as a terminal 100 columns wide shows it."""
    import os
    import subprocess

    from .cli.commands import COMMANDS

    env = {**os.environ, "COLUMNS": "100", "NO_COLOR": "1", "TERM": "dumb", "CICLI_LANG": lang}
    out = []
    for command in ("", *COMMANDS):
        args = [sys.executable, "-m", "cicli", *([command] if command else []), "--help"]
        text = subprocess.run(args, capture_output=True, text=True, env=env, check=True).stdout
        text = "\n".join(line.rstrip() for line in text.strip("\n").splitlines())
        out.append(f"## `cicli{' ' + command if command else ''}`\n\n```text\n{text.rstrip()}\n```\n")
    return "\n".join(out)


def api() -> str:
    """The Python API in short: each function cicli exports, its signature and the first paragraph of its docstring;
    then the typology's two entry points."""
    import importlib
    import inspect

    import cicli

    out = []
    entries = [(f"cicli.{name}", getattr(cicli, name)) for name in cicli._API]
    typology = importlib.import_module("cicli.typology")
    entries += [(f"cicli.typology.{name}", getattr(typology, name)) for name in ("judge", "verdicts")]
    for qualified, function in entries:
        signature = _signature(inspect.signature(function))
        summary = inspect.getdoc(function).split("\n\n")[0].replace("\n", " ")
        out.append(f"### `{qualified}`\n\n```python\n{qualified.rsplit('.', 1)[1]}{signature}\n```\n\n{summary}\n")
    return "\n".join(out)


def _signature(signature) -> str:
    """A signature as written in the source: annotations are strings there (`from __future__ import annotations`)."""
    parameters = signature.parameters.values()
    return signature.replace(
        parameters=[p.replace(annotation=p.annotation if p.annotation is p.empty else _Written(p.annotation))
                    for p in parameters],
        return_annotation=_Written(signature.return_annotation)).__str__()


class _Written(str):
    def __repr__(self) -> str:
        return str(self)


GENERATED = {
    "docs/api.md": {"api": api},
    "docs/data.md": {"columns": columns, "problems": problems, "passages": passages, "changes": changes,
                     "judgements": judgements},
    "docs/typology.md": {"typology": lambda: typology("fr")},
    "docs/typology.en.md": {"typology": lambda: typology("en")},
    "docs/cli.md": {"cli": lambda: cli_reference("fr")},
    "docs/cli.en.md": {"cli": lambda: cli_reference("en")},
    "docs/guide.md": {"axes": lambda: axes("fr")},
    "docs/guide.en.md": {"axes": lambda: axes("en")},
}
_BLOCK = re.compile(r"(<!-- generated: (?P<name>[a-z]+) -->\n)(?P<body>.*?)(<!-- end generated -->)", re.DOTALL)


def refresh(text: str, makers: dict) -> str:
    """`text` with each generated block made anew."""
    return _BLOCK.sub(lambda m: m.group(1) + makers[m.group("name")]().rstrip("\n") + "\n" + m.group(4), text)


def main(root: Path) -> int:
    from .catalogue import refresh as refresh_catalogue

    for changed in refresh_catalogue():
        print(f"rewrote {changed}", file=sys.stderr)
    for relative, makers in GENERATED.items():
        path = root / relative
        old = path.read_text(encoding="utf-8")
        new = refresh(old, makers)
        if new != old:
            path.write_text(new, encoding="utf-8")
            print(f"rewrote {relative}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(Path.cwd()))
