"""The generated parts of docs/kinds.md: the kinds' tables and the glossary table, from rules/kinds.yaml and
rules/glossary.yaml (`python -m checker.text.docs` rewrites them; tests/text/test_glossary.py fails when stale)."""

from __future__ import annotations

from pathlib import Path

from checker.text.compile import KIND_IDS, CompiledKind, KindRules, load_rules

__all__ = ["glossary_markdown", "kinds_markdown", "update_kinds_doc", "kinds_doc", "unused_glossary_terms"]

START = "<!-- glossary:start (generated from rules/glossary.yaml by `python -m checker.text.docs`) -->"
END = "<!-- glossary:end -->"
KINDS_START = "<!-- kinds:start (generated from rules/kinds.yaml by `python -m checker.text.docs`) -->"
KINDS_END = "<!-- kinds:end -->"
DOC = Path(__file__).resolve().parents[2] / "docs" / "kinds.md"

SECTIONS = {
    "referral_csc": "Front door and referrals", "assessment": "Assessment and planning", "hv_antenatal": "Health",
    "housing_concern": "Housing", "police_incident": "Risk and police", "child_seen": "Child",
    "father_checks": "Adults and practice",
}  # fmt: skip
"""The tables' headings, each at the first kind (in `KIND_IDS` order) it covers."""


def _quoted(texts: list[str]) -> str:
    return "; ".join(f"“{t}”" for t in texts)


def _notes(kind: CompiledKind) -> str:
    notes = []
    if kind.not_with:
        others = [k for k in KIND_IDS if k in kind.not_with]
        notes.append("not with " + ", ".join(f"`{k}`" for k in others))
    if kind.negation is False:
        notes.append("negation ignored")
    if not kind.conditional_negates:
        notes.append("a risk or possibility counts")
    return f" *({'; '.join(notes)})*" if notes else ""


def kinds_markdown(rules: KindRules | None = None) -> str:
    """Every kind, by section in `KIND_IDS` order: its meaning, what counts and what does not (its examples)."""
    rules = rules or load_rules()
    lines: list[str] = []
    for kind in rules.kinds:
        if kind.id in SECTIONS:
            lines += ["", f"### {SECTIONS[kind.id]}", "", "| kind | meaning | counts | does not count |",
                      "|---|---|---|---|"]
        meaning = " ".join(kind.description.split()).replace("|", "\\|")
        lines.append(f"| `{kind.id}` | {meaning}{_notes(kind)} | {_quoted(kind.examples.match)} | "
                     f"{_quoted(kind.examples.no_match)} |")
    return "\n".join(lines).strip("\n")


def _replace(text: str, start: str, end: str, body: str) -> str:
    return text[: text.index(start)] + f"{start}\n\n{body}\n\n{end}" + text[text.index(end) + len(end):]


def kinds_doc(text: str) -> str:
    """docs/kinds.md's text with both generated blocks as the YAML says now."""
    return _replace(_replace(text, KINDS_START, KINDS_END, kinds_markdown()), START, END, glossary_markdown())


def glossary_markdown(rules: KindRules | None = None) -> str:
    """The glossary as a Markdown table, by family, marking the terms the classifier reads as words."""
    rules = rules or load_rules()
    expanded = {e.abbreviation for e in rules.glossary.expansions}
    lines = ["| abbreviation | means | family | read as words |", "|---|---|---|---|"]
    for abbr, (means, family) in rules.glossary.terms.items():
        lines.append(f"| {abbr} | {means} | {family} | {'yes' if abbr in expanded else ''} |")
    return "\n".join(lines)


def unused_glossary_terms(rules: KindRules | None = None) -> list[str]:
    """Glossary abbreviations nothing in the classifier reads: not expanded into words, not written in any
    kind's patterns (as given or in one of its `written` forms), and not matched by them on their own."""
    rules = rules or load_rules()
    expanded = {e.abbreviation for e in rules.glossary.expansions}
    sources = "\n".join(p.pattern for k in rules.kinds for p in k.patterns)
    unused = []
    for abbr in rules.glossary.terms:
        low = abbr.lower()
        if abbr in expanded or low in sources or any(k.combined.search(low) for k in rules.kinds):
            continue
        unused.append(abbr)
    return unused


def update_kinds_doc(path: Path = DOC) -> bool:
    """Rewrite the generated blocks of docs/kinds.md; True when it changed."""
    text = path.read_text(encoding="utf-8")
    new = kinds_doc(text)
    if new != text:
        path.write_text(new, encoding="utf-8")
    return new != text


if __name__ == "__main__":  # pragma: no cover
    print("docs/kinds.md updated" if update_kinds_doc() else "docs/kinds.md already current")
