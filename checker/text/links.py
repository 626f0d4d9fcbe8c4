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
from checker.text.patterns import search_each, search_many

__all__ = ["referral_targets", "targets_column", "records_uptake", "records_receipt", "records_no_outcome",
           "named_services"]

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
    "substance_misuse": ("cgl", "drug (?:and|&) alcohol\\w*", "substance misuse\\w*", "alcohol service",
                         "recovery (?:service|team|worker)s?"),
    "voluntary": ("idva", "womens aid", "refuge", "freedom programme", "dapp", "perpetrator programme",
                  "home-? ?start", "citizens advice"),
    "gp": ("gp", "surgery"),
    "health_visiting": ("hv", "health visit\\w*"),
    "midwifery": ("midwi\\w*", "safeguarding midwife"),
    "police": ("police", "ppu", "caiu"),
    "education": ("school", "nursery", "college"),
    "probation": ("probation",),
    "adult_social_care": ("adult social care", "asc"),
    # Not an agency: a panel. Its outcome is the panel hearing the case, recorded by whoever sat on it.
    "marac": ("marac",),
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


_ANY_TYPE_WORD: dict[str, re.Pattern[str]] = {}


def _any_type_word(rules: KindRules) -> re.Pattern[str]:
    """Every type's words in one pattern of the same form: it matches where one of `_type_words` does (a
    backtracking match tries every alternative), so where it does not, none of them need trying."""
    cached = _ANY_TYPE_WORD.get(rules.digest)
    if cached is None:
        words = sorted({w for t in set(_SERVICES) | set(rules.attendee_roles)
                        for w in [*_SERVICES.get(t, ()), *rules.attendee_roles.get(t, ())]}, key=len, reverse=True)
        alternation = "|".join(f"(?:{w})" for w in words)
        cached = _ANY_TYPE_WORD[rules.digest] = re.compile(rf"^(?:[\w&/-]+ ){{0,6}}?(?:{alternation})\b")
    return cached


def referral_targets(text: str, agency_type: str, rules: KindRules | None = None, *,
                     clauses: dict[str, Clauses] | None = None, known: CueStarts | None = None,
                     may_name: bool = True) -> tuple[str, ...]:  # fmt: skip
    """Agency types a referral in `text` (normalised) goes to; the recorder's own type for one received.
    `clauses`: a cache of `Clauses` by text, shared with other readers of the same texts; `known`: the texts'
    cues found at once (`checker.text.context.cue_starts`); `may_name` False: the text is known to hold no
    "<service> referral made" (`named_first_pattern` finds none)."""
    rules = rules or load_rules()
    any_type = _any_type_word(rules)
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
            words = after.lstrip(" :")
            stripped = len(after) - len(words)  # a template's "Referral to: CAMHS"
            if any_type.match(words) is None:
                continue
            for type_, pattern in _type_words(rules):
                hit = pattern.match(words)
                if hit is None or type_ in found:
                    continue
                # "The referral to children's services has not yet been sent" goes nowhere yet.
                t = cache.get(text)
                if t is None:
                    t = cache[text] = prepare(text, rules.context, known)
                status, _ = status_at(t, m.start(), after_at + stripped + hit.end(), rules.context)
                if status == "done":
                    found.append(type_)
    for type_, start, end in _named_first(text, rules) if may_name else ():
        if type_ not in found:
            t = cache.get(text)
            if t is None:
                t = cache[text] = Clauses(text, rules.context)
            if status_at(t, start, end, rules.context)[0] == "done":
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
    distinct = list(dict.fromkeys(all_texts))  # each text looked at once, in the order it first comes
    refer, received, named = search_each(distinct, [_REFER, _RECEIVED, _FRONT_DOOR_NAME])
    maybes = [t for t, m in zip(distinct, (refer | received | named).tolist(), strict=True) if m and t]
    # Whether each text with a referral word may hold "<service> referral made" (None: the row is not read).
    names = dict(zip(maybes, search_many(maybes, named_first_pattern(rules)).tolist(), strict=True))
    # The cues of the texts that may need a status and have no clauses yet, found at once.
    known = cue_starts([t for t in maybes if t not in clauses], rules.context)
    for text, type_ in zip(all_texts, agency_types.tolist(), strict=True):
        may_name = names.get(text)
        if may_name is None:
            values.append(())
            continue
        key = (text, type_)
        if key not in cache:
            cache[key] = referral_targets(text, type_, rules, clauses=clauses, known=known, may_name=may_name)
        values.append(cache[key])
    array = np.empty(len(values), dtype=object)
    for i, v in enumerate(values):
        array[i] = v
    return pd.Series(array, index=texts.index, dtype=object, name="targets")


_UPTAKE = re.compile(
    r"\b(?:confirm\w*|accept\w*|started|starts|attend\w*|present|support\w*|continu\w*|seeing|sees|seen by|"
    r"allocated|assessed|completed|engag\w*|in contact|contact w(?:ith)?|held|(?:case|referral) heard|heard at)\b"
)
# An outcome recorded as absent, unknown or still awaited answers nothing: "heard nothing from the IDVA service",
# "chased, nothing back", "not sure if she has an appointment", "Outcome: awaited".
_NO_OUTCOME = re.compile(
    r"\b(?:heard nothing|nothing (?:back|heard|received|yet)|no (?:response|reply|feedback|outcome|word|news|update)|"
    r"not (?:yet )?(?:heard|received|known)|not sure (?:if|whether|when)|unsure (?:if|whether)|unknown|"
    r"still (?:awaiting|waiting|chasing)|chas(?:ed|ing)|awaited|awaiting|await)\b"
)
# "In contact with mum" is the service working with her, not a contact (referral) to anyone.
_IN_CONTACT = re.compile(r"\bin (?:regular |weekly |daily )?contact\b")
_SERVICE_SEARCH: dict[str, dict[str, re.Pattern[str]]] = {}
_WORD_SEARCH: dict[str, tuple[tuple[str, str, re.Pattern[str]], ...]] = {}
_NAMED_FIRST: dict[str, re.Pattern[str]] = {}
# Agencies that refer more than they are referred to: "GP referral sent" is the GP's own referral, not one to the GP.
_REFERRERS = frozenset({"gp", "health_visiting", "community_health", "midwifery", "police", "education"})


def _service_words(rules: KindRules) -> tuple[tuple[str, str, re.Pattern[str]], ...]:
    """(type, word, pattern) for every service word of every type (the type's words, then its attendee roles)."""
    cached = _WORD_SEARCH.get(rules.digest)
    if cached is None:
        cached = tuple((type_, w, re.compile(rf"\b(?:{w})\b"))
                       for type_ in sorted(set(_SERVICES) | set(rules.attendee_roles))
                       for w in dict.fromkeys([*_SERVICES.get(type_, ()), *rules.attendee_roles.get(type_, ())]))
        _WORD_SEARCH[rules.digest] = cached
    return cached


def named_first_pattern(rules: KindRules) -> re.Pattern[str]:
    """A "<service> referral made/sent/submitted" ("MARAC referral submitted")."""
    pattern = _NAMED_FIRST.get(rules.digest)
    if pattern is None:
        words = sorted({w for _, w, _ in _service_words(rules)}, key=len, reverse=True)
        alternation = "|".join(f"(?:{w})" for w in words)
        pattern = _NAMED_FIRST[rules.digest] = re.compile(
            rf"\b(?P<service>{alternation}) (?:referral|dtr)s? (?:\w+ )?(?:made|sent|submitted|completed|done|emailed|faxed)\b")
    return pattern


def _named_first(text: str, rules: KindRules) -> list[tuple[str, int, int]]:
    """(type, start, end) of each "<service> referral made/sent/submitted" ("MARAC referral submitted")."""
    found = []
    for m in named_first_pattern(rules).finditer(text):
        for type_, _, word in _service_words(rules):
            if word.fullmatch(m["service"]):
                if type_ not in _REFERRERS:
                    found.append((type_, m.start(), m.end()))
                break
    return found


def named_services(text: str, types: tuple[str, ...], rules: KindRules | None = None) -> tuple[str, ...]:
    """The service words of `types` that `text` (normalised, the referral itself) names: a referral "to IDVA"
    names the IDVA service, not every voluntary service; empty when it names none of them."""
    rules = rules or load_rules()
    return tuple(w for type_, w, p in _service_words(rules) if type_ in types and p.search(text))


def _said_done(sentence: str, words: re.Pattern[str], rules: KindRules) -> bool:
    """Some match of `words` in `sentence` is recorded as done: not negated, planned or conditional
    ("IDVA not yet engaged", "IDVA to contact her")."""
    t: Clauses | None = None
    for m in words.finditer(sentence):
        t = t or Clauses(sentence, rules.context)
        if status_at(t, m.start(), m.end(), rules.context)[0] == "done":
            return True
    return False


def records_uptake(text: str, types: tuple[str, ...], rules: KindRules | None = None, *,
                   named: tuple[str, ...] = ()) -> bool:  # fmt: skip
    """Whether `text` (normalised) records one of these services taking the work up, in a sentence that is not
    itself a referral: "IDVA confirmed contact with Jade", "Callum has started the perpetrator programme".
    With `named` (the service words the referral named), only those services count: a refuge worker at a
    meeting is not the IDVA service taking up a referral to it. A sentence recording the outcome as absent or
    awaited ("heard nothing from the IDVA service", "not yet engaged") is no uptake."""
    rules = rules or load_rules()
    patterns = _SERVICE_SEARCH.get(rules.digest)
    if patterns is None:
        patterns = {}
        for type_ in set(_SERVICES) | set(rules.attendee_roles):
            words = [*_SERVICES.get(type_, ()), *rules.attendee_roles.get(type_, ())]
            patterns[type_] = re.compile(r"\b(?:" + "|".join(f"(?:{w})" for w in words) + r")\b")
        _SERVICE_SEARCH[rules.digest] = patterns
    wanted = [re.compile(r"\b(?:" + "|".join(f"(?:{w})" for w in named) + r")\b")] if named else \
        [patterns[t] for t in types if t in patterns]
    for sentence in _SENTENCE.split(text):
        if _REFER.search(_IN_CONTACT.sub(" ", sentence)) or not _UPTAKE.search(sentence) or _NO_OUTCOME.search(sentence):
            continue
        if any(p.search(sentence) for p in wanted) and _said_done(sentence, _UPTAKE, rules):
            return True
    return False


def records_no_outcome(text: str) -> bool:
    """Whether `text` (normalised) records an outcome as absent, unknown or still awaited."""
    return _NO_OUTCOME.search(text) is not None


def records_receipt(text: str) -> bool:
    """Whether `text` (normalised) records a referral received ("referral from midwife rec'd + accepted")."""
    return _RECEIVED.search(text) is not None
