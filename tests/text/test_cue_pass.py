"""The cues found for many texts at once (`context.cue_starts`: RE2 for where, the compiled pass for which)
give each text the reading it gets when read alone: property tests on generated text with the rules' own cue,
pseudo-cue, action and referral words, with Hyperscan and with the fallback forced, and on the samples and a
generated sweep. Also the quicker forms of a clause's and a sentence's bounds and of a name's places against
their definitions."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from importlib.util import find_spec
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.generate import generate_bundle
from checker.intake.bundle import load_bundle
from checker.model.audit import Manifest
from checker.text import compiled
from checker.text.cast import load_people, name_starts
from checker.text.compile import load_rules
from checker.text.context import Clauses, cue_starts, prepare, status_at
from checker.text.links import referral_targets, targets_column
from checker.text.match import _read_unique, entry_texts, normalise_series
from checker.text.people import find_mentions, mentions_column

RULES = load_rules()
CONTEXT = RULES.context
PEOPLE = load_people()
ENGINES = ["hyperscan", "python"] if find_spec("hyperscan") is not None else ["python"]  # the fallback always


def _words(patterns: list[re.Pattern[str]]) -> list[str]:
    return sorted({w for p in patterns for w in re.findall(r"[a-z]{2,}(?: [a-z]{2,})?", p.pattern)})


VOCAB = _words([c.pattern for c in CONTEXT.cues] + [CONTEXT.breaks] + ([CONTEXT.pseudo] if CONTEXT.pseudo else [])
               + [p for _, p in PEOPLE.actions])  # fmt: skip
EXTRA = ["dad", "mum", "reece", "kerry", "poppy", "both parents", "referral to", "camhs", "referred", "to", "hv",
         "not", "no", "seen", "-", ".", ",", ":", ";", "|", "(", ")", "plan:", "present:", "18/03", "café", "\n",
         # pseudo-cues, blanked before cues are looked for
         "not invited", "did not attend", "declined to engage", "checks requested", "not known", "next steps"]
TEXT = st.lists(st.sampled_from(VOCAB + EXTRA), max_size=16).map(" ".join)
TEXTS = st.lists(TEXT, min_size=1, max_size=80)


@contextmanager
def engine(name: str) -> Iterator[None]:
    before = compiled.ENGINE
    compiled.ENGINE = name
    try:
        yield
    finally:
        compiled.ENGINE = before


@pytest.mark.parametrize("name", ENGINES)
@settings(max_examples=12, deadline=None)
@given(texts=TEXTS)
def test_cues_found_at_once_equal_each_text_read_alone(name: str, texts: list[str]) -> None:
    texts = list(dict.fromkeys(texts))
    with engine(name):
        known = cue_starts(texts * 40, CONTEXT)  # enough texts for the RE2 pass
    for text in texts:
        alone, batch = Clauses(text, CONTEXT), prepare(text, CONTEXT, known)
        assert batch.masked == alone.masked
        assert batch.hits(CONTEXT) == alone.hits(CONTEXT), text
        for m in re.finditer(r"\w+", text):
            assert status_at(batch, m.start(), m.end(), CONTEXT) == status_at(alone, m.start(), m.end(), CONTEXT)


@settings(max_examples=25, deadline=None)
@given(text=TEXT)
def test_clause_and_sentence_bounds_equal_their_definitions(text: str) -> None:
    text = text[:80]
    t = Clauses(text, CONTEXT)
    spans = [m.span() for m in CONTEXT.breaks.finditer(text)]
    ends = [m.end() for m in re.finditer(r"[.;!?|](?=\s|$)|\n", text)]
    for start in range(len(text) + 1):
        assert t.sentence_start(start) == max((e for e in ends if e <= start), default=0)
        for end in range(start, len(text) + 1):
            expected = (max((e for _, e in spans if e <= start), default=0),
                        min((s for s, _ in spans if s >= end), default=len(text)))  # fmt: skip
            assert t.clause(start, end) == expected


@settings(max_examples=40, deadline=None)
@given(text=st.text(alphabet="ab ", max_size=30), name=st.text(alphabet="ab", max_size=3))
def test_one_names_places_equal_the_set_of_all_places(text: str, name: str) -> None:
    expected = sorted({i for i in range(len(text) + 1) if text.startswith(name, i)})
    assert name_starts(text, (name,)) == expected == name_starts(text, (name, name))


MANIFEST = Manifest.model_validate({
    "audit": {"id": "t", "title": "cues", "theme": "cues found at once"},
    "agencies": [{"id": "csc", "name": "CSC", "type": "childrens_social_care"}],
    "cases": [{"id": "c1", "children": [{"id": "kid", "name": "Poppy", "date_of_birth": "2019-01-01"}],
               "adults": [{"id": "dad", "role": "father", "name": "Reece"},
                          {"id": "mum", "role": "mother", "name": "Kerry"}]}],
})  # fmt: skip


@pytest.mark.parametrize("name", ENGINES)
@settings(max_examples=10, deadline=None)
@given(texts=TEXTS)
def test_mentions_and_targets_of_many_texts_equal_each_read_alone(name: str, texts: list[str]) -> None:
    texts = texts * 2  # repeated texts: the readers' caches
    series = pd.Series(texts, dtype=object)
    with engine(name):
        mentions = mentions_column(series, pd.Series("c1", index=series.index), MANIFEST, RULES).tolist()
        targets = targets_column(series, pd.Series("health_visiting", index=series.index), RULES).tolist()
    assert mentions == [find_mentions(t, MANIFEST.cases[0], RULES, normalised=True) if t else () for t in texts]
    assert targets == [referral_targets(t, "health_visiting", RULES) if t else () for t in texts]


@pytest.fixture(scope="module")
def sweep() -> tuple[pd.DataFrame, Manifest, np.ndarray]:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        generate_bundle(Path(folder) / "sweep", cases=40, seed=2626)
        bundle = load_bundle(Path(folder) / "sweep")
    texts = normalise_series(entry_texts(bundle.chronology, RULES), RULES)
    assert bundle.manifest is not None
    return bundle.chronology, bundle.manifest, np.asarray(pd.unique(texts), dtype=object)


@pytest.mark.parametrize("name", ENGINES)
def test_kinds_of_a_sweep_read_at_once_equal_each_text_read_alone(name: str, sweep: tuple) -> None:
    _, _, uniques = sweep
    with engine(name):
        together = _read_unique(uniques, RULES)
    # Every text with a status other than done (a cue decided it) and the first 200, each read alone.
    picked = sorted({*range(min(200, len(uniques))), *(i for i, r in enumerate(together) if any(x.status != "done"
                                                                                                for x in r))})
    assert len(picked) >= 205  # statuses read, not only `done`
    alone = [_read_unique(np.array([uniques[i]], dtype=object), RULES)[0] for i in picked]
    assert [together[i] for i in picked] == alone


@pytest.mark.parametrize("name", ENGINES)
def test_mentions_of_a_sweep_equal_each_row_read_alone(name: str, sweep: tuple) -> None:
    frame, manifest, _ = sweep
    rows = frame.head(600)
    texts = normalise_series(entry_texts(rows, RULES), RULES)
    with engine(name):
        column = mentions_column(texts, rows["case"], manifest, RULES).tolist()
    cases = {c.id: c for c in manifest.cases}
    alone = [find_mentions(t, cases[c], RULES, normalised=True) if t else ()
             for t, c in zip(texts, rows["case"], strict=True)]
    assert sum(1 for ms in alone for m in ms if m.records != ("named",)) >= 50
    assert column == alone
