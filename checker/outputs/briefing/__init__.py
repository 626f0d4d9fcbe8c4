"""After the meeting: the six-step briefing and the composite action plan, drafted from the reviewed flags.

    data = gather(store, run_id, result)            # source: the store and the check result, plain values
    briefing = build_briefing(data)                                   # content: the six sections
    write_briefing(data, "out/")       # briefing.md (writer_md), briefing.docx (writer_docx), action-plan.xlsx

Rooms: `config` (rules/briefing.yaml), `data` (what is drafted from, which findings are reported),
`privacy` (names, dates of birth and references out), `themes` (cross-case themes, quality statement),
`strengths`, `action_plan`, `content`, `writer_md`, `writer_docx`, `source`.

May import `checker.model` up to `checker.engine` and `checker.outputs.exports` / `docx_writer`; the store and
the check result come in through `source`'s protocols, never by import.
"""

from checker.outputs.briefing.action_plan import (
    PRIORITIES,
    STATUSES,
    Action,
    action_key,
    action_tables,
    build_actions,
    write_action_plan,
)
from checker.outputs.briefing.config import BriefingConfig, load_briefing_config
from checker.outputs.briefing.content import SECTION_TITLES, Briefing, build_briefing
from checker.outputs.briefing.data import BriefingData, reviewed
from checker.outputs.briefing.source import (
    FILE_NAMES,
    action_changes,
    attendee_rows,
    briefing_file,
    briefing_files,
    gather,
    render,
    write_briefing,
)
from checker.outputs.briefing.themes import ThemeFinding, cross_case_themes, quality_statement
from checker.outputs.briefing.writer_docx import write_briefing_docx
from checker.outputs.briefing.writer_md import briefing_markdown

__all__ = [
    "Action",
    "action_changes",
    "attendee_rows",
    "briefing_file",
    "briefing_files",
    "Briefing",
    "BriefingConfig",
    "BriefingData",
    "FILE_NAMES",
    "PRIORITIES",
    "SECTION_TITLES",
    "STATUSES",
    "ThemeFinding",
    "action_key",
    "action_tables",
    "briefing_markdown",
    "build_actions",
    "build_briefing",
    "cross_case_themes",
    "gather",
    "load_briefing_config",
    "quality_statement",
    "render",
    "reviewed",
    "write_action_plan",
    "write_briefing",
    "write_briefing_docx",
]
