"""Multi-agency case audit checker.

The package is laid out as the data flows, each layer importing only the layers before it
(docs/architecture.md; tests/test_architecture.py enforces it):

1. `checker.model`   — the data model: manifest and return models, the canonical frame, problems, errors,
   dates, working days, wording, where the shipped data lives.
2. `checker.intake`  — importers and the bundle loader: agencies' files in, validated, every problem located.
3. `checker.text`    — event kinds and the dates and people read from chronology text.
4. `checker.facts`   — the named derivations (pandas) that turn the frame into per-case facts.
5. `checker.engine`  — the rule catalogue, the one durable-rules door, the rule run, rule examples.
6. `checker.outputs` — quality, referrals, household, exports.
7. `checker.check`   — the whole check of one bundle: every rule, then the outputs, as one result;
   `checker.examples` runs each rule's examples through it.
8. `checker.storage` — runs and review decisions in SQLite or PostgreSQL (imports only the model).
9. `checker.review`  — the review workflow the dashboard drives.
10. `checker.cli`    — the `maca` command line, a thin shell.

The Streamlit dashboard is the separate top-level package `dashboard`, the other thin shell.
"""

__version__ = "0.1.0"
