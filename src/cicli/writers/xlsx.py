"""The XLSX export: what the workbook holds, sheet by sheet (writers.excel writes it).

The list (« Annexe » for the report's own annex only; a user's list is « Liste »), its typology with the reasons,
the summary with its charts, what checking the file found (a note on each row concerned), for the bundled annex
where it differs from the printed one (a note on each cell changed), the method in people's words, a technical
sheet (version, checksum, rule ids), and the comparison asked for.
"""

from __future__ import annotations

from .. import schema
from ..i18n import _
from ..typology import AXIS_NAMES
from .excel import MAX_CELL, MAX_ROWS, PRINTED_WIDTH, SUMMARY_WIDTH, Sheet, write_workbook
from .heading import heading
from .safety import input_checksum, strip_illegal
from .tables import (
    annex_order,
    annex_table,
    changes_table,
    column_header,
    comparison_table,
    method_table,
    problem_marks,
    problems_table,
    technical_table,
    typology_table,
)


def check_fits(centres) -> None:
    """Refuse, naming what does not fit, a table Excel cannot open whole: more rows than a sheet holds, or a cell
    longer than a cell holds. Said before any work, with what to use instead."""
    from ..errors import OutputError
    from ..i18n import readable_count
    from ..text import shown

    rows = len(centres.frame)
    if rows > MAX_ROWS:
        raise OutputError(_("the file holds {rows} centres; an Excel sheet holds {limit} under its header. Export to "
                            "CSV (.csv) instead, or keep part of the list (cicli classify --region …).",
                            rows=readable_count(rows), limit=readable_count(MAX_ROWS)))
    cells = centres.table.cells
    for column in cells.column_names:
        longest = _longest_cell(cells[column])
        if longest is not None and longest[1] > MAX_CELL:
            raise OutputError(_("this cell holds {count} characters; an Excel cell holds {limit}. Shorten it, or "
                                "export to CSV (.csv), which holds it whole.", count=readable_count(longest[1]),
                                limit=readable_count(MAX_CELL)),
                              path=shown(centres.table.source), row=int(centres.table.rows[longest[0]]),
                              column=centres.table.headers.get(column, column))


def _longest_cell(values) -> tuple[int, int] | None:
    """(position, length in characters) of a column's longest cell; None for an empty column."""
    import pyarrow.compute as pc

    if not len(values):
        return None
    lengths = pc.utf8_length(values)
    longest = pc.max(lengths).as_py()
    if not longest or longest <= MAX_CELL:
        return None if not longest else (0, longest)
    return int(pc.index(lengths, longest).as_py()), longest


def write(job) -> None:
    """Write the workbook to the job's target (atomically); notes how many illegal characters the data held."""
    from .. import results

    head = heading(job)
    side = comparison_table(job)
    listed = annex_table(job.centres, job.table, job.lang, words=True)
    annex, removed = strip_illegal(listed)
    typology = strip_illegal(typology_table(job.table, job.lang))[0]  # repeats the annex's names: counted once
    summary = results.summarize(job.table, job.lang)
    source = job.source or job.centres.table.source
    # The list prints as the report prints its annex, with the verdicts: its other columns are for the screen.
    printed = sum(c in job.centres.raw.columns for c in schema.ANNEX_COLUMNS) + len(AXIS_NAMES) + 1
    sheets = [Sheet(head.list_sheet, [(None, annex)], frozen_columns=3, printed_columns=printed,
                    max_width=PRINTED_WIDTH, comments=_comments(job, annex, list(annex_order(job.centres)))),
              Sheet(_("Typology"), [(None, typology)], frozen_columns=1, printed_columns=1 + 2 * len(AXIS_NAMES)),
              Sheet(_("Summary"), [(s.title, strip_illegal(s.frame)[0]) for s in summary.sections()],
                    table=False, charts=True, max_width=SUMMARY_WIDTH)]
    if job.centres.findings.problems:
        sheets.append(Sheet(_("Problems"), [(None, strip_illegal(problems_table(job.centres.findings))[0])]))
    if job.centres.bundled:
        sheets.append(Sheet(_("Printed annex"), [(None, changes_table(job.lang))], max_width=48))
    sheets.append(Sheet(_("Method"), [(t, strip_illegal(f)[0]) for t, f in method_table(head)], table=False,
                        max_width=90))
    sheets.append(Sheet(_("Technical"), [(None, technical_table(source, input_checksum(job.source)))]))
    if side is not None:
        sheets.append(Sheet(_("Comparison"), [(None, strip_illegal(side)[0])],
                            frozen_columns=1 if job.compare_all else 2))
    for sheet in sheets:
        sheet.heading = " — ".join(filter(None, (head.organisation, head.title)))
    write_workbook(job.target, sheets, force=job.force, progress=job.progress, title=head.title)
    job.note_removed(removed)


def _comments(job, annex, rows: list) -> dict[tuple[int, int], str]:
    """A note on the name of each row checking found a problem in, and, for the bundled annex, on each cell that
    differs from the printed annex (what the report prints, and why)."""
    position = {row: k for k, row in enumerate(rows)}
    name = list(annex.columns).index(column_header("name", {}, job.lang)) if "name" in job.centres.raw.columns \
        else 0
    comments = {(position[row], name): "⚠ " + text for row, text in problem_marks(job.centres.findings).items()
                if row in position}
    if job.centres.bundled:
        from ..study.knowledge import knowledge

        ids = dict(zip(job.table["id"], job.table.index, strict=True))
        for change in knowledge().changes:
            header = column_header(change.column, {}, job.lang)
            if change.kind == "joined" or change.centre not in ids or header not in annex.columns:
                continue
            printed = change.printed_on_one_line or _("(not in the printed annex)")
            comments[position[ids[change.centre]], list(annex.columns).index(header)] = _(
                "The report's annex prints: {printed}. {why}", printed=printed, why=change.why)
    return comments
