"""The translation catalogue, for those who maintain it: find every text to translate, keep the `.po`
in step, compile the `.mo`. Not used when cicli runs (cicli.i18n reads the `.mo` with gettext).

`python -m cicli.docgen` merges new texts into the `.po` (with an empty French to fill in), drops
those no longer used, and compiles; tests/test_i18n.py fails when either file is stale or a text
has no French.
"""

from __future__ import annotations

import ast
import re
import struct
from dataclasses import dataclass
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
PO = PACKAGE / "locale" / "fr" / "LC_MESSAGES" / "cicli.po"
MO = PO.with_suffix(".mo")
HEADER = ("Project-Id-Version: cicli", "Language: fr", "MIME-Version: 1.0", "Content-Type: text/plain; charset=UTF-8",
          "Content-Transfer-Encoding: 8bit", "Plural-Forms: nplurals=2; plural=(n > 1);")
_MARKERS = {"_": 0, "N_": 0, "in_language": 1}  # function name → position of the text among its arguments


@dataclass
class Entry:
    msgid: str
    msgstr: str = ""
    context: str | None = None
    plural: str | None = None
    msgstr_plural: tuple[str, str] = ("", "")
    where: tuple[str, ...] = ()

    @property
    def key(self) -> tuple[str | None, str]:
        return self.context, self.msgid

    @property
    def translated(self) -> bool:
        return all(self.msgstr_plural) if self.plural else bool(self.msgstr)


# --- finding the texts ----------------------------------------------------------------------

def texts_in_code() -> dict[tuple[str | None, str], Entry]:
    """Every text the code marks for translation, with where it stands."""
    found: dict[tuple[str | None, str], Entry] = {}

    def add(entry: Entry) -> None:
        known = found.setdefault(entry.key, entry)
        if known is not entry:
            known.where = tuple(dict.fromkeys((*known.where, *entry.where)))

    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        where = path.relative_to(PACKAGE.parent).as_posix()
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.id if isinstance(node.func, ast.Name) else \
                node.func.attr if isinstance(node.func, ast.Attribute) else None
            args = [a.value if isinstance(a, ast.Constant) and isinstance(a.value, str) else None for a in node.args]
            spot = (where,)  # the file only: a line number would change the .po at every edit
            if name in _MARKERS and len(args) > _MARKERS[name] and args[_MARKERS[name]] is not None:
                add(Entry(args[_MARKERS[name]], where=spot))
            elif name == "pgettext" and len(args) >= 2 and None not in args[:2]:
                add(Entry(args[1], context=args[0], where=spot))
            elif name == "ngettext" and len(args) >= 2 and None not in args[:2]:
                add(Entry(args[0], plural=args[1], where=spot))
    for context, text, where in _texts_in_data():
        add(Entry(text, context=context, where=(where,)))
    return found


def _texts_in_data():
    """Texts held in declarative tables rather than in calls: labels of codes."""
    from .labels import LABELS

    for domain, codes in LABELS.items():
        for label in codes.values():
            yield domain, label, "cicli/labels.py"


# --- reading and writing the .po --------------------------------------------------------------

def _unquote(line: str) -> str:
    return ast.literal_eval(line.strip())


def read_po(path: Path = PO) -> dict[tuple[str | None, str], Entry]:
    entries: dict[tuple[str | None, str], Entry] = {}
    if not path.exists():
        return entries
    blocks = re.split(r"\n\s*\n", path.read_text(encoding="utf-8"))
    for block in blocks:
        fields: dict[str, str] = {}
        current = None
        for line in block.splitlines():
            if line.startswith("#") or not line.strip():
                continue
            m = re.match(r"^(msgctxt|msgid_plural|msgid|msgstr\[\d\]|msgstr)\s+(\".*\")$", line)
            if m:
                current = m.group(1)
                fields[current] = _unquote(m.group(2))
            elif current and line.startswith('"'):
                fields[current] += _unquote(line)
        if "msgid" not in fields or fields["msgid"] == "":
            continue
        entries_key = (fields.get("msgctxt"), fields["msgid"])
        entries[entries_key] = Entry(fields["msgid"], fields.get("msgstr", ""), fields.get("msgctxt"),
                                     fields.get("msgid_plural"),
                                     (fields.get("msgstr[0]", ""), fields.get("msgstr[1]", "")))
    return entries


def _quote(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t")
    if "\n" not in escaped.rstrip("\n"):
        return '"' + escaped.replace("\n", "\\n") + '"'
    lines = escaped.split("\n")
    parts = [line + "\\n" for line in lines[:-1]] + ([lines[-1]] if lines[-1] else [])
    return '""\n' + "\n".join(f'"{p}"' for p in parts)


def write_po(entries: list[Entry], path: Path = PO) -> str:
    out = ["# French texts of cicli. Fill in each msgstr; `python -m cicli.docgen` keeps this file in step.",
           'msgid ""', 'msgstr ""', *(f'"{line}\\n"' for line in HEADER), ""]
    for e in entries:
        out += [f"#: {w}" for w in e.where[:3]]
        if "{" in e.msgid:
            out.append("#, python-brace-format")
        if e.context is not None:
            out.append(f"msgctxt {_quote(e.context)}")
        out.append(f"msgid {_quote(e.msgid)}")
        if e.plural is not None:
            out.append(f"msgid_plural {_quote(e.plural)}")
            out += [f"msgstr[{i}] {_quote(s)}" for i, s in enumerate(e.msgstr_plural)]
        else:
            out.append(f"msgstr {_quote(e.msgstr)}")
        out.append("")
    text = "\n".join(out)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return text


def merged() -> list[Entry]:
    """The texts the code holds, each with its French from the `.po` where it has one."""
    known = read_po()
    out = []
    for key, entry in texts_in_code().items():
        old = known.get(key)
        if old is not None:
            entry.msgstr, entry.msgstr_plural = old.msgstr, old.msgstr_plural
        out.append(entry)
    return sorted(out, key=lambda e: (e.where[0] if e.where else "", e.context or "", e.msgid))


# --- compiling the .mo ------------------------------------------------------------------------

def compile_mo(entries: dict[tuple[str | None, str], Entry]) -> bytes:
    """The GNU `.mo` of translated entries (what msgfmt writes, without a hash table)."""
    pairs = {b"": ("\n".join(HEADER) + "\n").encode()}
    for (context, msgid), e in entries.items():
        if not e.translated:
            continue
        key = msgid.encode() if context is None else f"{context}\x04{msgid}".encode()
        if e.plural is not None:
            pairs[key + b"\0" + e.plural.encode()] = b"\0".join(s.encode() for s in e.msgstr_plural)
        else:
            pairs[key] = e.msgstr.encode()
    keys = sorted(pairs)
    count = len(keys)
    ids_at, strs_at = 28, 28 + 8 * count
    data_at = 28 + 16 * count
    ids = strs = b""
    id_table, str_table = [], []
    for k in keys:
        id_table.append((len(k), data_at + len(ids)))
        ids += k + b"\0"
    for k in keys:
        str_table.append((len(pairs[k]), data_at + len(ids) + len(strs)))
        strs += pairs[k] + b"\0"
    head = struct.pack("<7I", 0x950412DE, 0, count, ids_at, strs_at, 0, 0)
    tables = b"".join(struct.pack("<2I", *t) for t in id_table) + b"".join(struct.pack("<2I", *t) for t in str_table)
    return head + tables + ids + strs


def refresh() -> list[str]:
    """Merge the code's texts into the `.po`, compile the `.mo`; what changed."""
    changed = []
    entries = merged()
    old = PO.read_text(encoding="utf-8") if PO.exists() else ""
    if write_po(entries) != old:
        changed.append(str(PO.relative_to(PACKAGE.parent.parent)))
    mo = compile_mo(read_po())
    if not MO.exists() or MO.read_bytes() != mo:
        MO.write_bytes(mo)
        changed.append(str(MO.relative_to(PACKAGE.parent.parent)))
    return changed
