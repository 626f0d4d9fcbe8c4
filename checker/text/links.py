"""Links across agencies read from the text: where a referral goes, as an agency type.

"Referral to CAMHS" goes to `mental_health`; "PPN submitted to MASH" to `mash`; an entry recording a
referral *received* ("referral from midwife rec'd + accepted") goes to the recording agency itself. The words
for each agency type are `rules/kinds.yaml` `attendee_roles` plus the service words below.

    >>> referral_targets("gp referred mum to talking therapies", "gp")
    ('mental_health',)
    >>> referral_targets("referral from midwife (29/07) received + accepted", "mental_health")
    ('mental_health',)
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from checker.text.compile import KindRules, load_rules
from checker.text.context import Clauses, CueStarts, cue_starts, prepare, status_at
from checker.text.patterns import search_each

__all__ = ["referral_targets", "targets_column", "records_uptake", "records_receipt"]

# Service words not in attendee_roles (those name people at meetings), by agency type.
_SERVICES: dict[str, tuple[str, ...]] = {
    "mental_health": ("talking therap\\w*", "iapt", "perinatal mental health", "perinatal", "adult mental health",
                      "mental health", "crisis team", "camhs", "cmht", "psychology", "counselling"),
    "childrens_social_care": ("childrens social care", "childrens services", "social care", "csc", "ssd",
                              "social services", "duty team", "first response"),
    "mash": ("mash", "front door", "edt", "emergency duty team"),
    "hospital": ("paediatric\\w*", "paeds", "consultant", "dietetics", "dietitian", "audiology", "ent",
                 "outpatients?", "hospital"),
    "housing": ("housing options", "housing", "homeless\\w*(?: team| service)?", "the council", "tenancy sustainment"),
    "early_help": ("early help", "eh", "eha", "family support", "family hub"),
    "substance_misuse": ("cgl", "drug (?:and|&) alcohol\\w*", "substance misuse\\w*", "alcohol service"),
    "voluntary": ("idva", "womens aid", "refuge", "freedom programme", "dapp", "perpetrator programme",
                  "home-? ?start", "citizens advice"),
    "gp": ("gp", "surgery"),
    "health_visiting": ("hv", "health visit\\w*"),
    "midwifery": ("midwi\\w*", "safeguarding midwife"),
    "police": ("police", "ppu", "caiu"),
    "education": ("school", "nursery", "college"),
    "probation": ("probation",),
    "adult_social_care": ("adult social care", "asc"),
}
_REFER = re.compile(r"\b(?:referr?(?:al|ed|ing)?s?|re-referred|self-? ?referr?\w*|request(?:ed)?|contact|ppn|notification)\b")
_TO = re.compile(r"\b(?:to|into|for|with)\b")
_RECEIVED = re.compile(r"\b(?:referral|request|contact|notification)s? (?:from|by)\b[^.;]{0,40}\b(?:received|recd|accepted|screened)\b"
                       r"|\b(?:received|recd|accepted|screened) (?:a )?(?:referral|request|contact)s? from\b"
                       r"|\b(?:referral|contact|request) received from\b")
# A request for service is a contact to the front door wherever it is written.
_FRONT_DOOR_NAME = re.compile(r"\b(?:request for service|rfs)\b|\b(?:mash|csc|front door) (?:online )?portal\b")
_SENTENCE = re.compile(r"[.;!?](?=\s|$)|\n")


_TYPE_WORDS: dict[str, tuple[tuple[str, re.Pattern[str]], ...]] = {}


def _type_words(rules: KindRules) -> tuple[tuple[str, re.Pattern[str]], ...]:
    cached = _TYPE_WORDS.get(rules.digest)
    if cached is not None:
        return cached
    out = []
    for type_ in sorted(set(_SERVICES) | set(rules.attendee_roles)):
        words = [*_SERVICES.get(type_, ()), *rules.attendee_roles.get(type_, ())]
        alternation = "|".join(f"(?:{w})" for w in sorted(words, key=len, reverse=True))
        # The service may follow a few words of description: "to the children and young people's mental
        # health service (CAMHS)".
        out.append((type_, re.compile(rf"^(?:[\w&/-]+ ){{0,6}}?(?:{alternation})\b")))
    _TYPE_WORDS[rules.digest] = tuple(out)
    return _TYPE_WORDS[rules.digest]


def referral_targets(text: str, agency_type: str, rules: KindRules | None = None, *,
                     clauses: dict[str, Clauses] | None = None, known: CueStarts | None = None
                     ) -> tuple[str, ...]:  # fmt: skip
    """Agency types a referral in `text` (normalised) goes to; the recorder's own type for one received.
    `clauses`: a cache of `Clauses` by text, shared with other readers of the same texts; `known`: the texts'
    cues found at once (`checker.text.context.cue_starts`)."""
    rules = rules or load_rules()
    found: list[str] = []
    if _RECEIVED.search(text):
        found.append(agency_type)
    elif _FRONT_DOOR_NAME.search(text) and "mash" not in found:
        found.append("mash")
    cache: dict[str, Clauses] = clauses if clauses is not None else {}
    for m in _REFER.finditer(text):
        rest = text[m.end() : m.end() + 80]
        for to in _TO.finditer(rest):
            if len(rest[: to.start()].split()) > 4 or _SENTENCE.search(rest, 0, to.start()):
                break
            after_at = m.end() + to.end()
            after = text[after_at:]
            stripped = len(after) - len(after.lstrip())
            for type_, pattern in _type_words(rules):
                hit = pattern.match(after.lstrip())
                if hit is None or type_ in found:
                    continue
                # "The referral to children's services has not yet been sent" goes nowhere yet.
                t = cache.get(text)
                if t is None:
                    t = cache[text] = prepare(text, rules.context, known)
                status, _ = status_at(t, m.start(), after_at + stripped + hit.end(), rules.context)
                if status == "done":
                    found.append(type_)
    return tuple(found)


def targets_column(texts: pd.Series, agency_types: pd.Series, rules: KindRules | None = None, *,
                   clauses: dict[str, Clauses] | None = None) -> pd.Series:  # fmt: skip
    """`referral_targets` for each row (texts normalised); rows with no referral word are skipped cheaply."""
    rules = rules or load_rules()
    clauses = clauses if clauses is not None else {}
    values: list[tuple[str, ...]] = []
    cache: dict[tuple[str, str], tuple[str, ...]] = {}
    all_texts = texts.tolist()
    refer, received, named = search_each(all_texts, [_REFER, _RECEIVED, _FRONT_DOOR_NAME])
    maybes = (refer | received | named).tolist()
    # The cues of the texts that may need a status and have no clauses yet, found at once.
    known = cue_starts(list(dict.fromkeys(t for t, m in zip(all_texts, maybes, strict=True)
                                          if m and t and t not in clauses)), rules.context)  # fmt: skip
    for text, type_, maybe in zip(all_texts, agency_types.tolist(), maybes, strict=True):
        if not text or not maybe:
            values.append(())
            continue
        key = (text, type_)
        if key not in cache:
            cache[key] = referral_targets(text, type_, rules, clauses=clauses, known=known)
        values.append(cache[key])
    array = np.empty(len(values), dtype=object)
    for i, v in enumerate(values):
        array[i] = v
    return pd.Series(array, index=texts.index, dtype=object, name="targets")


_UPTAKE = re.compile(
    r"\b(?:confirm\w*|accept\w*|started|starts|attend\w*|present|support\w*|continu\w*|seeing|sees|seen by|"
    r"allocated|assessed|completed|engag\w*|in contact|contact w(?:ith)?)\b"
)
_SERVICE_SEARCH: dict[str, dict[str, re.Pattern[str]]] = {}


def records_uptake(text: str, types: tuple[str, ...], rules: KindRules | None = None) -> bool:
    """Whether `text` (normalised) records one of these services taking the work up, in a sentence that is not
    itself a referral: "IDVA confirmed contact with Jade", "Callum has started the perpetrator programme"."""
    rules = rules or load_rules()
    patterns = _SERVICE_SEARCH.get(rules.digest)
    if patterns is None:
        patterns = {}
        for type_ in set(_SERVICES) | set(rules.attendee_roles):
            words = [*_SERVICES.get(type_, ()), *rules.attendee_roles.get(type_, ())]
            patterns[type_] = re.compile(r"\b(?:" + "|".join(f"(?:{w})" for w in words) + r")\b")
        _SERVICE_SEARCH[rules.digest] = patterns
    for sentence in _SENTENCE.split(text):
        if _REFER.search(sentence) or not _UPTAKE.search(sentence):
            continue
        if any(t in patterns and patterns[t].search(sentence) for t in types):
            return True
    return False


def records_receipt(text: str) -> bool:
    """Whether `text` (normalised) records a referral received ("referral from midwife rec'd + accepted")."""
    return _RECEIVED.search(text) is not None
