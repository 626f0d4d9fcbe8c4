"""The generated parts of docs/kinds.md: the glossary table (`python -m checker.text.docs` rewrites it)."""

from __future__ import annotations

from pathlib import Path

from checker.text.compile import KindRules, load_rules

__all__ = ["glossary_markdown", "update_kinds_doc"]

START = "<!-- glossary:start (generated from rules/glossary.yaml by `python -m checker.text.docs`) -->"
END = "<!-- glossary:end -->"
DOC = Path(__file__).resolve().parents[2] / "docs" / "kinds.md"


def glossary_markdown(rules: KindRules | None = None) -> str:
    """The glossary as a Markdown table, by family, marking the terms the classifier reads as words."""
    rules = rules or load_rules()
    expanded = {e.abbreviation for e in rules.glossary.expansions}
    lines = ["| abbreviation | means | family | read as words |", "|---|---|---|---|"]
    for abbr, (means, family) in rules.glossary.terms.items():
        lines.append(f"| {abbr} | {means} | {family} | {'yes' if abbr in expanded else ''} |")
    return "\n".join(lines)


def update_kinds_doc(path: Path = DOC) -> bool:
    """Rewrite the glossary block of docs/kinds.md; True when it changed."""
    text = path.read_text(encoding="utf-8")
    block = f"{START}\n\n{glossary_markdown()}\n\n{END}"
    if START in text and END in text:
        new = text[: text.index(START)] + block + text[text.index(END) + len(END) :]
    else:
        new = text.rstrip("\n") + "\n\n## The field's vocabulary\n\n" + block + "\n"
    if new != text:
        path.write_text(new, encoding="utf-8")
    return new != text


if __name__ == "__main__":  # pragma: no cover
    print("docs/kinds.md updated" if update_kinds_doc() else "docs/kinds.md already current")
