"""The briefing as Markdown: `# title`, a contents list, `##` per section and `###` per case."""

from __future__ import annotations

import re

from checker.outputs.briefing.content import Briefing, Section

__all__ = ["briefing_markdown"]


def _anchor(title: str) -> str:
    return re.sub(r"[^a-z0-9 -]", "", title.lower()).strip().replace(" ", "-")


def _escape(text: str) -> str:
    """Keep record text from turning into Markdown structure (headings, HTML); bold markers we add stay."""
    text = text.replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"^([#>|])", r"\\\1", text)


def _bullets(lines: list[str]) -> list[str]:
    return [f"- {_escape(line)}" for line in lines]


def _section(section: Section) -> list[str]:
    out = [f"## {section.title}", ""]
    if section.bullets:
        out += _bullets(section.bullets) + [""]
    for sub in section.subsections:
        out += [f"### {sub.title}", ""] + _bullets(sub.bullets) + [""]
    return out


def briefing_markdown(briefing: Briefing) -> str:
    """The whole briefing as one Markdown document."""
    out = [f"# {briefing.title}", ""]
    if briefing.notice:
        out += [f"> **{briefing.notice}**", ""]
    out += ["## Contents", ""]
    out += [f"{i}. [{s.title}](#{_anchor(s.title)})" for i, s in enumerate(briefing.sections, start=1)] + [""]
    for section in briefing.sections:
        out += _section(section)
    return "\n".join(out).rstrip() + "\n"
