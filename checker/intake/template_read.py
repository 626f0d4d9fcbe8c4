"""Read one case's audit tool back out of a returned template (XLSX sheet or DOCX tables) into an
`AuditReturn`, every problem located: sheet and cell in a workbook; table, row and column in a document.

    load = load_template_return(data, source, manifest, file_label="returns/hv.docx", tool=tool)

What the agency edited freely is read as far as it can be and the rest reported, never guessed: text typed
beside a cell or below a table, a row added without a question id, text added to a question, a table split
across pages (read as one), tracked changes (read as accepted, and said so). The chronology in the same file
is read by `checker.intake.chronology` (the Chronology sheet, or the document's chronology table).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from checker.intake.docx import DocBody, DocParagraph, DocTable, continues, hidden_text, read_docx
from checker.intake.headers import chronology_lookup, column_letter, header_key, resolve_header
from checker.intake.returns import ReturnLoad, question_lookup
from checker.intake.tables import cell_text
from checker.intake.template_stamp import file_format, read_stamp
from checker.intake.xlsxgrid import open_workbook
from checker.model.audit import (
    Answer,
    AuditReturn,
    AuditTool,
    Manifest,
    ReturnSource,
    load_audit_tool,
    normalise_grade,
)
from checker.model.frame import normalise_text
from checker.model.problems import FileCounts, Level, Problem, clip
from checker.model.templates import CHRONOLOGY_SHEET, DETAIL_LABELS, QUESTION_HEADERS, Stamp, paragraph_key

__all__ = ["load_template_return", "is_template", "CaseCells", "Cell"]

_LABELS = {header_key(label): key for key, label in DETAIL_LABELS.items()}
_COLUMNS = {header_key(head): key for key, head in QUESTION_HEADERS.items()}
_YES = {"yes", "y", "true"}
_NO = {"no", "n", "false"}


@dataclass(frozen=True, slots=True)
class Cell:
    """A value as read, and where it was."""

    text: str
    part: str
    row: int
    column: str


@dataclass(slots=True)
class CaseCells:
    """One case's audit tool as cells: the labelled details and one dict of cells per question row."""

    details: dict[str, Cell] = field(default_factory=dict)
    rows: list[dict[str, Cell]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    found: bool = False


def is_template(data: bytes) -> bool:
    """Read as a template: a stamped workbook, or any Word document (audit tools come back in Word only so)."""
    kind = file_format(data)
    return kind == "docx" or (kind == "xlsx" and read_stamp(data) is not None)


def load_template_return(
    data: bytes, source: ReturnSource, manifest: Manifest, *, file_label: str, tool: AuditTool | None = None
) -> ReturnLoad:
    """The audit return for `source.case` in a template workbook or document."""
    tool = tool or load_audit_tool()
    counts = FileCounts(file=file_label, kind="return", agency=source.agency)
    stamp = read_stamp(data)
    problems: list[Problem] = []
    if stamp is not None and stamp.audit != manifest.audit.id:
        problems.append(Problem(
            "warning", file_label, f"this template was made for audit '{clip(stamp.audit)}', not this one "
            f"('{manifest.audit.id}'); read as audit.yaml lists it", hint="Check the file belongs to this audit.",
            code="template-other-audit"))
    if source.case is None:
        problems.append(Problem(
            "error", file_label, "a template return is read one case at a time and audit.yaml gives no case",
            hint="Set `case:` on this return's entry in audit.yaml (maca intake does this).", column="case",
            code="case-missing"))
        return ReturnLoad(None, problems, counts)
    kind = file_format(data)
    cells = (_xlsx_cells(data, source.case, stamp, file_label) if kind == "xlsx"
             else _docx_cells(data, source.case, stamp, file_label))
    problems.extend(cells.problems)
    if not cells.found:
        return ReturnLoad(None, problems, counts)
    prefilled = {"case", "reference"}
    if not any(c.text for k, c in cells.details.items() if k not in prefilled) and not any(
        c.text for row in cells.rows for k, c in row.items() if k in ("answer", "evidence")
    ):
        problems.append(Problem("info", file_label, f"nothing is filled in for case {source.case} in this file, "
                                "so no return was read from it", code="template-case-blank"))
        return ReturnLoad(None, problems, counts)
    audit_return, more = _build(cells, source, tool, file_label, counts)
    return ReturnLoad(audit_return, problems + more, counts)


# --- cells -> AuditReturn -------------------------------------------------------------------------------


def _located(level: Level, file_label: str, message: str, cell: Cell, *, hint: str = "", code: str,
             value: str | None = None) -> Problem:
    return Problem(level, file_label, message, hint=hint, row=cell.row, column=cell.column,
                   value=clip(cell.text) if value is None else value, code=code, part=cell.part)


def _grade(cell: Cell | None, file_label: str, problems: list[Problem]) -> str | None:
    if cell is None:
        return None
    try:
        return normalise_grade(cell.text or None)
    except ValueError:
        problems.append(_located("warning", file_label, "this is not a grade, so it was not read; the rest "
                                 "loaded", cell, hint="Choose Outstanding, Good, Requires improvement, Inadequate "
                                 "or N/A.", code="grade-unreadable"))
        return None


def _known(cell: Cell | None, file_label: str, problems: list[Problem]) -> bool | None:
    text = (cell.text if cell else "").strip().casefold()
    if not text or cell is None:
        return None
    if text in _YES or text in _NO:
        return text in _YES
    problems.append(_located("warning", file_label, "write Yes or No here; this was not read", cell,
                             code="yes-no-unreadable"))
    return None


def _question_text_added(written: str, expected: str) -> str:
    """What was typed after the template's question text in its cell ('' when nothing was)."""
    text = " ".join(written.split())
    for form in (expected + " (optional)", expected):
        if text.casefold().startswith(form.casefold()):
            return text[len(form):].strip()
    return ""


def _build(cells: CaseCells, source: ReturnSource, tool: AuditTool, file_label: str,
           counts: FileCounts) -> tuple[AuditReturn, list[Problem]]:
    problems: list[Problem] = []
    lookup = question_lookup(tool)
    texts = {q.id: q.text for q in tool.questions}
    answers: list[Answer] = []
    seen: set[str] = set()
    for row in cells.rows:
        written = row.get("question")
        id_fixed = None
        if written is not None and written.text and lookup.get(_key(written.text)) is None:
            id_fixed = _id_with_text(written, texts, file_label, problems)
        content = {k: c for k, c in row.items() if k in ("answer", "grade", "evidence") and c.text
                   and not (k == "grade" and c.text.strip().casefold() in ("n/a", "na"))}
        text_cell = row.get("text")
        known = (lookup.get(_key(written.text)) or id_fixed) if written is not None and written.text else None
        if text_cell is not None and known in texts:
            added = _question_text_added(text_cell.text, texts[known])
            if added:
                problems.append(_located(
                    "warning", file_label, "text was added to the question itself and was not read as the answer",
                    text_cell, value=clip(added), hint="Put it in the Answer (or Evidence) cell of this row and "
                    "send the file again.", code="answer-outside-cell"))
        if not content:
            continue  # a question left unanswered (the template's own 'N/A' grade is not an answer)
        if written is None or not written.text:
            by_text = row.get("text")
            qid = lookup.get(_key(by_text.text)) if by_text and by_text.text else None
            if qid is None:
                counts.read += 1
                first = next(iter(content.values()))
                problems.append(_located(
                    "warning", file_label, "this row has no question id (a row added to the questions "
                    "table?), so it was not read", first, hint="Put the text in the Answer or Evidence cell "
                    "of the question it belongs to, or give the row a question id from the audit tool.",
                    code="question-row-added"))
                continue
        else:
            qid = lookup.get(_key(written.text)) or id_fixed
        counts.read += 1
        if qid is None:
            assert written is not None
            problems.append(_located("warning", file_label, "this question is not in the audit tool; the answer "
                                     "loaded", written, hint=f"Use a question id such as {tool.questions[0].id}.",
                                     code="question-unknown"))
            qid = written.text
        if qid in seen:
            problems.append(_located("warning", file_label, "this question is answered more than once",
                                     written or next(iter(row.values())), hint="Keep one answer.",
                                     code="question-repeated", value=qid))
        seen.add(qid)
        grade = _grade(row.get("grade"), file_label, problems)
        answers.append(Answer(
            question=qid,
            answer=_text(row.get("answer")),
            grade=grade,
            evidence=_text(row.get("evidence")),
        ))
    counts.loaded = len(answers)
    counts.rejected = counts.read - counts.loaded
    d = cells.details
    audit_return = AuditReturn(
        agency=source.agency,
        case=source.case or "",
        submitted=source.submitted,
        completed_by=_text(d.get("completed_by")),
        known_to_agency=_known(d.get("known_to_agency"), file_label, problems),
        answers=answers,
        overall_grade=_grade(d.get("overall_grade"), file_label, problems),
        immediate_concern=_text(d.get("immediate_concern")),
        source_file=file_label,
    )
    return audit_return, problems


def _id_with_text(written: Cell, texts: dict[str, str], file_label: str, problems: list[Problem]) -> str | None:
    """A question id with text typed after it in the id cell: the id is read, the text reported, not read."""
    head, _, rest = written.text.partition(" ")
    if head not in texts or not rest.strip():
        return None
    problems.append(_located("warning", file_label, "text was typed into the question id cell and was not read "
                             "as the answer", written, value=clip(rest.strip()), hint="Put it in the Answer (or "
                             "Evidence) cell of this row and send the file again.", code="answer-outside-cell"))
    return head


def _text(cell: Cell | None) -> str | None:
    return cell.text if cell is not None and cell.text else None


def _key(text: str) -> str:
    return re.sub(r"[^\w]+", " ", normalise_text(text)).strip()


def _not_found(file_label: str, case: str, where: str) -> Problem:
    return Problem("error", file_label, f"the audit tool for case {case} is not in this file ({where}), so "
                   "nothing was read for it", hint="Check the file is the one sent for this case; if the sheet "
                   "or table was removed, ask the agency for the template again.", code="template-case-missing")


# --- XLSX -----------------------------------------------------------------------------------------------


Grid = list[list[object]]

MAX_TOOL_ROWS = 1_000
"""Rows of one case's audit tool sheet read: its details and questions are a few dozen rows."""
_LOOK_ROWS = 15
"""Rows at the top of a sheet searched for the Case cell when the stamp does not name the case's sheet."""


def _dense(rows: list[tuple[int, list[object]]]) -> Grid:
    """Sparse (row number, cells) as a list of rows from row 1 (rows are bounded by the reader)."""
    grid: Grid = [[] for _ in range(rows[-1][0])] if rows else []
    for number, cells in rows:
        grid[number - 1] = cells
    return grid


def _names_case(grid: Grid, case: str) -> bool:
    return any(len(row) >= 2 and _LABELS.get(header_key(row[0])) == "case" and cell_text(row[1]) == case
               for row in grid[:_LOOK_ROWS])


@lru_cache(maxsize=8)
def _case_grid(data: bytes, case: str, wanted: str | None, file_label: str) -> tuple[str | None, Grid,
                                                                                     tuple[Problem, ...]]:
    """The title and cells of the sheet holding `case`'s audit tool (the stamp's `wanted` sheet, else the
    visible sheet whose Case cell names it), read bounded (`checker.intake.xlsxgrid`): only that sheet is
    read whole, up to MAX_TOOL_ROWS; other sheets only their top rows; the Chronology sheet not at all."""
    problems: list[Problem] = []
    with open_workbook(data, file_label, problems) as book:
        if book is None:
            return None, [], tuple(problems)
        visible = [w for w in book.worksheets if w.sheet_state == "visible"]
        chosen = next((w for w in visible if w.title == wanted), None) if wanted else None
        if chosen is None:
            for ws in visible:
                if ws.title == CHRONOLOGY_SHEET:
                    continue
                top = book.grid(ws, _blank, first_rows=_LOOK_ROWS)
                if top.readable and _names_case(_dense([r for r in top.rows if r[0] <= _LOOK_ROWS]), case):
                    chosen = ws
                    break
        if chosen is None:
            return None, [], tuple(problems)
        read = book.grid(chosen, _blank, max_row=MAX_TOOL_ROWS)
        problems.extend(read.problems)
        return chosen.title, _dense(read.rows), tuple(problems)


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _xlsx_cells(data: bytes, case: str, stamp: Stamp | None, file_label: str) -> CaseCells:
    out = CaseCells()
    title, grid, problems = _case_grid(data, case, stamp.sheets.get(case) if stamp else None, file_label)
    out.problems.extend(problems)
    if any(p.level == "error" for p in problems):
        return out
    if title is None:
        out.problems.append(_not_found(file_label, case, "no sheet names it in its Case cell"))
        return out
    _read_sheet(title, grid, out, file_label)
    return out


def _read_sheet(title: str, grid: Grid, out: CaseCells, file_label: str) -> None:
    part = f"sheet '{title}'"
    header_at = next((i for i, r in enumerate(grid) if r and _COLUMNS.get(header_key(r[0])) == "question"), None)
    for i, cells in enumerate(grid[: header_at if header_at is not None else 15]):
        key = _LABELS.get(header_key(cells[0])) if cells else None
        if key is None:
            continue
        out.found = True
        value = cell_text(cells[1]) if len(cells) > 1 else ""
        out.details[key] = Cell(value, part, i + 1, f"B ({DETAIL_LABELS[key]})")
        for j, extra in enumerate(cells[2:], start=2):
            if cell_text(extra):
                out.problems.append(Problem(
                    "warning", file_label, f"text typed beside the '{DETAIL_LABELS[key]}' box was not read",
                    hint=f"Put it in cell B{i + 1} and send the file again.", row=i + 1,
                    column=column_letter(j), value=clip(cell_text(extra)), code="answer-outside-cell", part=part))
    if header_at is None:
        out.problems.append(Problem("error", file_label, "the questions table's header (Question id, Question, "
                                    "Answer, Grade, Evidence) is not on this sheet, so no answer was read",
                                    hint="Restore the header row, or ask for the template again.",
                                    code="column-missing", part=part))
        return
    out.found = True
    columns = {_COLUMNS[header_key(h)]: j for j, h in enumerate(grid[header_at]) if header_key(h) in _COLUMNS}
    width = max(columns.values()) + 1
    for i, cells in enumerate(grid[header_at + 1 :], start=header_at + 2):
        row = {k: Cell(cell_text(cells[j]) if j < len(cells) else "", part, i,
                       f"{column_letter(j)} ({QUESTION_HEADERS[k]})") for k, j in columns.items()}
        if any(c.text for c in row.values()):
            out.rows.append(row)
        for j, extra in enumerate(cells[width:], start=width):
            if cell_text(extra):
                out.problems.append(Problem(
                    "warning", file_label, "text typed to the right of the questions table was not read",
                    hint="Put it in the Answer or Evidence cell of its question and send the file again.",
                    row=i, column=column_letter(j), value=clip(cell_text(extra)), code="answer-outside-cell",
                    part=part))


# --- DOCX -----------------------------------------------------------------------------------------------


def _kind(table: DocTable) -> str:
    first = table.rows[0].texts() if table.rows else []
    if first and _COLUMNS.get(header_key(first[0])) == "question":
        return "questions"
    if any(r.cells and _LABELS.get(header_key(r.cells[0].text)) == "case" for r in table.rows):
        return "details"
    lookup = chronology_lookup({}, {})
    if sum(1 for t in first if resolve_header(t, lookup) is not None) >= 2:
        return "chronology"
    return "other"


def _details_case(table: DocTable) -> str:
    for row in table.rows:
        if len(row.cells) > 1 and _LABELS.get(header_key(row.cells[0].text)) == "case":
            return row.cells[1].text.strip()
    return ""


@lru_cache(maxsize=4)
def _document(data: bytes, file_label: str) -> DocBody:
    """The document's body, read once per file however many cases it holds (read only: never changed)."""
    return read_docx(data, file_label=file_label)


def _docx_cells(data: bytes, case: str, stamp: Stamp | None, file_label: str) -> CaseCells:
    out = CaseCells()
    body = _document(data, file_label)
    out.problems.extend(body.problems)
    if not body.readable:
        return out
    kinds = {id(b): _kind(b) for b in body.tables()}
    starts = [i for i, b in enumerate(body.blocks) if isinstance(b, DocTable) and kinds[id(b)] == "details"]
    mine = [i for i in starts if _details_case(body.blocks[i]) == case]  # type: ignore[arg-type]
    if not mine:
        out.problems.append(_not_found(file_label, case, "no details table names it in its Case row"))
        return out
    start = mine[0]
    later = [i for i in starts if i > start]
    chronology = next((i for i, b in enumerate(body.blocks) if isinstance(b, DocTable)
                       and kinds[id(b)] == "chronology"), len(body.blocks))
    end = min([*later, *([chronology] if chronology > start else [])], default=len(body.blocks))
    out.found = True
    _details(body.blocks[start], out, file_label)  # type: ignore[arg-type]
    _questions(body, start + 1, end, kinds, case, out, file_label)
    # Text outside the tables: each paragraph is reported by the case section it stands in; the first case
    # also reports what is above it, the last case what is below the chronology.
    first_case, last_case = starts[0] == start, start == starts[-1]
    low = 0 if first_case else start
    high = len(body.blocks) if last_case else end
    if stamp is not None:
        _stray_paragraphs(body, (low, start, end, high), set(stamp.paragraphs), case, out, file_label)
    return out


def _details(table: DocTable, out: CaseCells, file_label: str) -> None:
    part = f"table {table.number}"
    for r, row in enumerate(table.rows, start=1):
        key = _LABELS.get(header_key(row.cells[0].text)) if row.cells else None
        if key is None:
            continue
        value = row.cells[1] if len(row.cells) > 1 else None
        out.details[key] = Cell(value.text if value else "", part, r, DETAIL_LABELS[key])
        if value is not None and value.tracked:
            out.problems.append(_tracked(file_label, part, r, DETAIL_LABELS[key], value.removed))
        if value is not None and value.hidden:
            out.problems.append(hidden_text(file_label, part, r, DETAIL_LABELS[key], value.hidden))


def _tracked(file_label: str, part: str, row: int, column: str, removed: str) -> Problem:
    return Problem("warning", file_label, "this cell has tracked changes; it was read as if they were accepted"
                   + (f" (deleted text not read: '{clip(removed)}')" if removed else ""),
                   hint="Accept or reject the changes in Word (Review > Accept) and send it again if that is wrong.",
                   row=row, column=column, code="tracked-change", part=part)


def _questions(body: DocBody, low: int, high: int, kinds: dict[int, str], case: str, out: CaseCells,
               file_label: str) -> None:
    tables = [b for b in body.blocks[low:high] if isinstance(b, DocTable)]
    at = next((i for i in range(low, high) if isinstance(body.blocks[i], DocTable)
               and kinds[id(body.blocks[i])] == "questions"), None)
    if at is None:
        out.problems.append(Problem("error", file_label, f"case {case} has no questions table (its header starts "
                                    "'Question id'), so no answer was read", hint="Restore the table, or ask for "
                                    "the template again.", code="column-missing", part=f"after table "
                                    f"{tables[0].number - 1 if tables else '?'}"))
        return
    first = body.blocks[at]
    assert isinstance(first, DocTable)
    header = first.rows[0].texts()
    columns = {_COLUMNS[header_key(h)]: j for j, h in enumerate(header) if header_key(h) in _COLUMNS}
    number, previous, between = 1, first, []
    pieces = [(first, 1)]
    for block in body.blocks[at + 1 : high]:
        if isinstance(block, DocParagraph):
            between.append(block)
            continue
        if kinds[id(block)] not in ("other", "questions") or not continues(previous, block, between):
            out.problems.append(Problem("warning", file_label, f"a table in case {case}'s part of the document "
                                        "is not part of the template and was not read", hint="Put its content "
                                        "in the questions table.", part=f"table {block.number}",
                                        code="table-unknown"))
            continue
        skip = 1 if kinds[id(block)] == "questions" else 0
        pieces.append((block, skip))
        out.problems.append(Problem("info", file_label, f"table {block.number} continues the questions table "
                                    f"{first.number} (split across pages); read as one table, its rows numbered on "
                                    f"from table {first.number}'s", part=f"table {block.number}",
                                    code="table-continued"))
        previous, between = block, []
    for table, skip in pieces:
        part = f"table {first.number}" if table is first else f"table {table.number} (continuing table {first.number})"
        for row in table.rows[skip:]:
            number += 1
            if row.deleted:
                continue
            cells = {k: Cell(row.cells[j].text if j < len(row.cells) else "", part, number, QUESTION_HEADERS[k])
                     for k, j in columns.items()}
            for j, cell in enumerate(row.cells):
                if cell.tracked:
                    name = header[j] if j < len(header) else column_letter(j)
                    out.problems.append(_tracked(file_label, part, number, name, cell.removed))
                if cell.hidden:
                    name = header[j] if j < len(header) else column_letter(j)
                    out.problems.append(hidden_text(file_label, part, number, name, cell.hidden))
            if any(c.text for c in cells.values()):
                out.rows.append(cells)


def _stray_paragraphs(body: DocBody, bounds: tuple[int, int, int, int], own: set[str], case: str,
                      out: CaseCells, file_label: str) -> None:
    low, start, end, high = bounds
    last_table: DocTable | None = None
    for i, block in enumerate(body.blocks[:high]):
        if isinstance(block, DocTable):
            last_table = block
            continue
        if i < low or not block.text or paragraph_key(block.text) in own:
            continue
        after = f" (after table {last_table.number})" if last_table else ""
        out.problems.append(Problem(
            "warning", file_label, "text typed outside the tables was not read"
            + (f" (it is in case {case}'s part of the document)" if start <= i < end else ""),
            hint="If it answers a question, put it in that question's Answer or Evidence cell and send the "
                 "document again.", value=clip(block.text), part=f"paragraph {block.number}{after}",
            code="text-outside-table"))
