"""The six-step briefing as a document tree, before it is written as Markdown or Word.

    briefing = build_briefing(data)          # Briefing(title, notice, sections)
    [s.title for s in briefing.sections]     # SECTION_TITLES

Every sentence from a record, a return, a panel note or a person's edit has been through the pseudonymiser;
the fixed wording comes from rules/briefing.yaml.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from checker.outputs.briefing.action_plan import Action, build_actions
from checker.outputs.briefing.config import BriefingConfig, load_briefing_config
from checker.outputs.briefing.data import (
    BriefingData,
    agency_names,
    case_number,
    finding_title,
    not_reviewed,
    reviewed,
)
from checker.outputs.briefing.privacy import pseudonymiser, sentence
from checker.outputs.briefing.strengths import strengths_by_case
from checker.outputs.briefing.themes import (
    ThemeFinding,
    cross_case_themes,
    number_word,
    quality_statement,
)
from checker.outputs.panel_findings import agencies_of, finding_key

__all__ = ["SECTION_TITLES", "Section", "Briefing", "build_briefing"]

SECTION_TITLES = (
    "Theme and cases",
    "Process",
    "Strengths identified per case",
    "Findings identified per case",
    "Recommendations: issues identified across several cases",
    "Good practice and evidence as a result of this audit",
)


@dataclass(slots=True)
class Section:
    title: str
    bullets: list[str] = field(default_factory=list)
    subsections: list[Section] = field(default_factory=list)


@dataclass(slots=True)
class Briefing:
    title: str
    notice: str | None
    sections: list[Section]
    themes: list[ThemeFinding]
    actions: list[Action]


def _plural(n: int, one: str, many: str) -> str:
    return f"{number_word(n)} {one if n == 1 else many}"


def _fill(lines: list[str], **values: str) -> list[str]:
    return [" ".join(line.format(**values).split()) for line in lines]


def _process_values(data: BriefingData, actions: list[Action]) -> dict[str, str]:
    subs = data.manifest.submissions
    meeting = data.meeting or {}
    when = meeting.get("meeting_date") or data.manifest.audit.meeting_date
    return {
        "theme": data.manifest.audit.theme,
        "cases_word": sentence(number_word(len(data.case_ids))),
        "cases_count": number_word(len(data.case_ids)),
        "chronologies": _plural(len(subs.chronologies), "chronology", "chronologies"),
        "returns": _plural(len(subs.returns), "completed audit tool", "completed audit tools"),
        "meeting_on": f" on {when:%d/%m/%Y}" if when else "",
        "actions": _plural(len(actions), "action", "actions"),
    }


def _per_case(data: BriefingData, lines: dict[str, list[str]], empty: str) -> list[Section]:
    return [Section(case_number(data.manifest, c), lines.get(c) or [empty]) for c in data.case_ids]


def _findings(data: BriefingData, config: BriefingConfig, scrub: Callable[[str], str]) -> dict[str, list[str]]:
    selection = reviewed(data.flags, data.complete)
    names = agency_names(data.manifest)
    out: dict[str, list[str]] = {}
    for case in data.case_ids:
        flags = [f for f in selection.flags if f["case"] == case]
        by_rule: dict[tuple[str, bool], list[dict[str, Any]]] = {}
        for flag in flags:  # a rule's reviewed and not yet reviewed findings on a case are written apart
            by_rule.setdefault((finding_key(flag), not_reviewed(flag)), []).append(flag)
        lines = []
        for (_, open_), group in by_rule.items():
            mark = f" {config.wording.not_reviewed}" if open_ else ""
            title = finding_title(data, group[0], scrub)
            agencies = list(dict.fromkeys(names.get(a, a) for f in group for a in agencies_of(f)))
            notes = [scrub(str(f["decision"]["note"])) for f in group  # a note is private unless ticked
                     if isinstance(f.get("decision"), dict) and f["decision"].get("note")
                     and f["decision"].get("for_briefing")]
            line = title + (f" ({'; '.join(agencies)})" if agencies else "") + "."
            if data.has_previous_run and all(f.get("change") == "persisting" for f in group):
                line += f" {config.wording.persisting}"
            if notes:
                line += " " + " ".join(sentence(n).rstrip(".") + "." for n in notes)
            lines.append(line + mark)
        note = data.panel_notes.get(case, {}).get("note")
        if note:
            lines.append("Panel: " + sentence(scrub(str(note))))
        out[case] = lines
    return out


_MAX_NAMED = 5


def _agencies(names: tuple[str, ...]) -> str:
    if not names:
        return ""
    shown = "; ".join(names[:_MAX_NAMED])
    more = f"; and {_plural(len(names) - _MAX_NAMED, 'other', 'others')}" if len(names) > _MAX_NAMED else ""
    return f" (Seen in the records of: {shown}{more}.)"


def _recommendations(data: BriefingData, config: BriefingConfig, themes: list[ThemeFinding],
                     scrub: Callable[[str], str]) -> list[str]:
    lines = [f"**{t.title}.** {t.statement} {t.recommendation}{_agencies(t.agencies)}" for t in themes]
    quality = quality_statement(data.quality, config.quality)
    if quality is not None:
        causes = f" {config.quality.causes_intro} {'; '.join(quality.causes)}." if quality.causes else ""
        lines.append(f"**{quality.title}.** {quality.text}{causes} {quality.recommendation}")
    meeting = data.meeting or {}
    attendees = meeting.get("attendees") or []
    if attendees:
        agencies = {a.get("agency") for a in attendees if a.get("agency")}
        lines.append(config.wording.attendance.format(
            people=_plural(len(attendees), "person", "people"), agencies=_plural(len(agencies), "agency", "agencies")))
    if meeting.get("summary"):
        lines.append(sentence(scrub(str(meeting["summary"]))))
    return lines


def _good_practice(actions: list[Action], config: BriefingConfig, scrub: Callable[[str], str]) -> list[str]:
    done = [a for a in actions if a.status == "Done"]
    lines = [sentence(scrub(f"{a.action.rstrip('.')}: {a.evidence}" if a.evidence else a.action)) for a in done]
    return lines or [" ".join(config.wording.no_good_practice.split())]


def build_briefing(data: BriefingData, config: BriefingConfig | None = None) -> Briefing:
    """The briefing for one audit, from its reviewed flags, quality results, meeting and action plan."""
    config = config or load_briefing_config()
    meeting_date = (data.meeting or {}).get("meeting_date")
    scrub = pseudonymiser(data.manifest, meeting_date or data.manifest.audit.meeting_date)
    actions = build_actions(data, config)
    themes = cross_case_themes(data, config)
    values = _process_values(data, actions)
    words = config.wording
    sections = [
        Section(SECTION_TITLES[0], _fill(words.theme_and_cases, **values)),
        Section(SECTION_TITLES[1], _fill(words.process, **values)),
        Section(SECTION_TITLES[2], subsections=_per_case(data, strengths_by_case(data, config, scrub),
                                                         words.no_strengths)),
        Section(SECTION_TITLES[3], subsections=_per_case(data, _findings(data, config, scrub), words.no_findings)),
        Section(SECTION_TITLES[4], _recommendations(data, config, themes, scrub)),
        Section(SECTION_TITLES[5], _good_practice(actions, config, scrub)),
    ]
    selection = reviewed(data.flags, data.complete)
    notice = " ".join(words.draft_notice.format(open=_plural(selection.open, "flag", "flags"),
                                                are="is" if selection.open == 1 else "are").split()) \
        if selection.draft else None
    title = words.title.format(theme=data.manifest.audit.theme)
    return Briefing(title, notice, sections, themes, actions)
