"""`cicli export`: the annex and its typology to XLSX, CSV, JSON, Markdown or GeoJSON, safely.

An export never overwrites a file without `force`, never writes over its input, and is
written to a temporary file beside the target, then moved into place in one step: an
interrupted export leaves the old file or the new one, never half a file.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from . import labels, schema
from .columns import map_distinct
from .errors import OutputError, UsageError
from .reader import bundled_path
from .text import fold, some_of
from .typology import AXIS_NAMES

SUFFIXES = {".xlsx": "xlsx", ".csv": "csv", ".json": "json", ".md": "markdown", ".geojson": "geojson"}
FORMATS = tuple(dict.fromkeys(SUFFIXES.values()))

# What Excel and LibreOffice would run as a formula; a plain number is not one.
_FORMULA_START = re.compile(r"^[=+\-@\t\r]")
_PLAIN_NUMBER = re.compile(r"^[+-]?\d+(?:[.,]\d+)?$")
# XML 1.0 forbids these; openpyxl refuses them, Excel too.
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")

Progress = Callable[[int, int], None]


@dataclass
class ExportResult:
    path: Path
    format: str
    centres: int
    notes: list[str] = field(default_factory=list)  # what the user should know: removed characters, missing points


def format_for(out: str | os.PathLike, fmt: str | None) -> str:
    """The export format: `fmt` if given, else OUT's suffix; a usage error lists the choices."""
    if fmt:
        if fmt not in FORMATS:
            raise UsageError(f"unknown export format {fmt!r}; choose one of: {', '.join(FORMATS)}.")
        return fmt
    suffix = Path(out).suffix.lower()
    if suffix not in SUFFIXES:
        choices = ", ".join(SUFFIXES)
        raise UsageError(f"cannot tell the format from {str(out)!r}: name it with one of {choices}, or pass --format.")
    return SUFFIXES[suffix]


def check_output(out: Path, source: str | None, force: bool) -> Path:
    """Refuse what would lose data or cannot work, before any work is done."""
    target = Path(os.path.abspath(out))
    if target.is_dir():
        raise OutputError("this is a folder; name the file to write.", path=str(out))
    if not target.parent.is_dir():
        raise OutputError(f"the folder {str(target.parent)!r} does not exist.", path=str(out))
    if not os.access(target.parent, os.W_OK):
        raise OutputError(f"the folder {str(target.parent)!r} is not writable.", path=str(out))
    given = Path(source) if source else bundled_path()
    same_path = Path(os.path.abspath(given)) == target
    same_file = given.exists() and target.exists() and os.path.samefile(given, target)  # links, ../ detours
    if same_path or same_file:
        raise OutputError("this is the input file; cicli never writes over its input. Choose another name.",
                          path=str(out))
    if target.exists() and not force:
        raise OutputError("the file exists; pass --force to replace it.", path=str(out))
    return target


def atomic_write(target: Path, write: Callable[[io.BufferedWriter], None], force: bool) -> None:
    """Write through a temporary file beside `target`, then move it into place in one step."""
    fd, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as stream:
            write(stream)
            stream.flush()
            os.fsync(stream.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)
        if target.exists() and not force:  # appeared while we worked
            raise OutputError("the file appeared while cicli was writing; pass --force to replace it.",
                              path=str(target))
        os.replace(temporary, target)
    except BaseException as e:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        if isinstance(e, OSError):  # a full disk, a quota, a folder gone: the target is untouched
            raise OutputError(f"the file could not be written: {e.strerror or e}.", path=str(target)) from None
        raise


def input_checksum(source: str | None) -> str:
    digest = hashlib.sha256()
    with open(source or bundled_path(), "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


# --- the tables every format writes -------------------------------------------------------------

def verdict_header(axis: str, lang: str) -> str:
    """Distinct from the data's own headers (`Statut`), so that an export reads back cleanly."""
    return f"{labels.label('axis', axis, lang)} ({labels.label('field', 'typology', lang)})"


def annex_table(raw: pd.DataFrame, headers: dict[str, str], table: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The annex as the report lays it out (by region), the verdicts beside it, then the other columns.

    Data cells are the file's own text, so that cicli reads an export back as it read its source.
    """
    from .present import verdict_text

    order = map_distinct(raw["region"], _region_key) if "region" in raw.columns else pd.Series(0, index=raw.index)
    rows = order.sort_values(kind="stable").index
    out = pd.DataFrame(index=rows)
    for column in schema.ANNEX_COLUMNS:
        if column in raw.columns:
            out[column_header(column, headers, lang)] = raw.loc[rows, column]
    for axis in AXIS_NAMES:
        out[verdict_header(axis, lang)] = verdict_text(table.loc[rows, axis], axis, lang)
        if axis == "anchoring":
            out[f"{labels.label('field', 'zone', lang)} ({labels.label('field', 'typology', lang)})"] = table.loc[rows, "zone"]
    for column in raw.columns:
        if column not in schema.ANNEX_COLUMNS:
            out[column_header(column, headers, lang)] = raw.loc[rows, column]
    return out.reset_index(drop=True)


def column_header(column: str, headers: dict[str, str], lang: str) -> str:
    spec = schema.BY_NAME.get(column)
    if spec is None:
        return headers.get(column, column)
    return spec.fr if lang == "fr" else spec.en


def _region_key(region: str) -> str:
    return fold(region) or "~"  # rows without a region last


def typology_table(table: pd.DataFrame, lang: str) -> pd.DataFrame:
    from .present import field_label, verdict_text

    out = pd.DataFrame({field_label("id", lang): table["id"], field_label("name", lang): table["name"],
                        field_label("region", lang): table["region"], field_label("locality", lang): table["locality"]})
    for axis in AXIS_NAMES:
        out[field_label(axis, lang)] = verdict_text(table[axis], axis, lang)
        out[f"{field_label(axis, lang)} — {labels.label('field', 'reason', lang).lower()}"] = table[f"{axis}_reason"]
    return out.reset_index(drop=True)


def strip_illegal(frame: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """Text cells without the characters Excel refuses; and how many were removed."""
    out = frame.copy()
    removed = 0
    for column in out.columns:
        values = out[column]
        if values.dtype == object or pd.api.types.is_string_dtype(values):
            text = values.astype(str).where(values.notna(), "")
            count = int(text.str.count(_ILLEGAL).sum())
            out[column] = text.str.replace(_ILLEGAL, "", regex=True) if count else text
            removed += count
    return out, removed


def defuse(frame: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """For CSV: `strip_illegal`, and cells that would run as formulas get a leading apostrophe.

    (XLSX needs no apostrophe: its strings are written as text cells.)
    """
    out, removed = strip_illegal(frame)
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            text = out[column]
            risky = text.str.match(_FORMULA_START) & ~text.str.match(_PLAIN_NUMBER)
            out[column] = text.where(~risky, "'" + text)
    return out, removed


# --- the export ---------------------------------------------------------------------------------

def export(out: str | os.PathLike, source: str | None = None, *, fmt: str | None = None, lang: str = "fr",
           force: bool = False, excel: bool = False, compare: list[str] | None = None, sheet: str | None = None,
           encoding: str | None = None, progress: Progress | None = None) -> ExportResult:
    """Export the annex with its typology to OUT; see the module's docstring for the guarantees."""
    from . import reports
    from .validation import load

    source = None if source is None else str(source)
    kind = format_for(out, fmt)
    if excel and kind != "csv":
        raise UsageError("--excel applies to CSV exports only.")
    if compare and kind != "xlsx":
        raise UsageError("--compare adds a sheet to XLSX exports only.")
    target = check_output(Path(out), source, force)
    centres = load(source, sheet=sheet, encoding=encoding)
    table = reports.classify(centres=centres, lang=lang)
    result = ExportResult(path=target, format=kind, centres=len(table))
    raw = centres.table.frame

    if kind == "json":
        payload = json.dumps(reports.records(table), ensure_ascii=False, indent=2).encode() + b"\n"
        atomic_write(target, lambda s: s.write(payload), force)
    elif kind == "csv":
        frame, removed = defuse(annex_table(raw, centres.table.headers, table, lang))
        _note_removed(result, removed)
        buffer = io.StringIO()
        frame.to_csv(buffer, index=False, sep=";" if excel else ",", lineterminator="\r\n" if excel else "\n")
        data = buffer.getvalue().encode("utf-8-sig" if excel else "utf-8")
        atomic_write(target, lambda s: s.write(data), force)
    elif kind == "markdown":
        text = _markdown(raw, centres, table, lang)
        atomic_write(target, lambda s: s.write(text.encode()), force)
    elif kind == "geojson":
        collection, missing = _geojson(raw, table, centres.table.headers, lang)
        if missing:
            result.notes.append(f"{len(missing)} centre(s) without coordinates, left off the map: {some_of(missing)}.")
        data = json.dumps(collection, ensure_ascii=False, indent=2).encode() + b"\n"
        atomic_write(target, lambda s: s.write(data), force)
    else:
        from .workbook import write_workbook

        side = reports.compare(compare, lang=lang, centres=centres) if compare else None
        summary = reports.summarize(table, lang)
        removed = write_workbook(target, force=force, raw=raw, headers=centres.table.headers, table=table,
                                 summary=summary, side=side, lang=lang, source=source or f"{bundled_path().name} (bundled)",
                                 checksum=input_checksum(source), progress=progress)
        _note_removed(result, removed)
    return result


def _note_removed(result: ExportResult, removed: int) -> None:
    if removed:
        result.notes.append(f"removed {removed} control character(s) that Excel refuses.")


def _markdown(raw, centres, table, lang: str) -> str:
    from . import render, reports
    from .present import summary_sections

    annex = annex_table(raw, centres.table.headers, table, lang)
    keep = list(annex.columns[: len(schema.ANNEX_COLUMNS) + len(AXIS_NAMES) + 1])
    stream = io.StringIO()
    stream.write(f"# {labels.label('field', 'annex_title', lang)}\n\n")
    render.write_markdown(annex[keep], stream)
    stream.write("\n")
    sections = summary_sections(reports.summarize(table, lang), lang, bars=False)
    render.write_sections(sections, "markdown", stream)
    return stream.getvalue()


def _geojson(raw, table, headers, lang: str) -> tuple[dict, list[str]]:
    from .present import field_label

    features, missing = [], []
    has_points = {"latitude", "longitude"} <= set(raw.columns)
    lat = pd.to_numeric(raw["latitude"].str.replace(",", "."), errors="coerce") if has_points else None
    lon = pd.to_numeric(raw["longitude"].str.replace(",", "."), errors="coerce") if has_points else None
    for i in table.index:
        if not has_points or pd.isna(lat[i]) or pd.isna(lon[i]):
            missing.append(table.at[i, "id"])
            continue
        properties = {"id": table.at[i, "id"]}
        for column in schema.ANNEX_COLUMNS:
            if column in raw.columns:
                properties[column_header(column, headers, lang)] = raw.at[i, column]
        for axis in AXIS_NAMES:
            properties[field_label(axis, lang)] = labels.label(axis, table.at[i, axis], lang)
        properties[labels.label("field", "zone", lang)] = table.at[i, "zone"]
        properties[field_label("designated_on", lang)] = table.at[i, "designated_on"]
        features.append({"type": "Feature", "id": table.at[i, "id"],
                         "geometry": {"type": "Point", "coordinates": [round(float(lon[i]), 6), round(float(lat[i]), 6)]},
                         "properties": properties})
    return {"type": "FeatureCollection", "features": features}, missing
