"""Write a sweep bundle of N invented cases, with risk patterns planted at known rates and their ground truth.

A sweep bundle is what an authority's data team would export every morning: `audit.yaml` with every open
case, and one chronology CSV per agency (no audit returns). Each case gets a household, a mix of agencies,
tens to hundreds of everyday entries and, by chance at the rates in `RATES`, one or more planted patterns
whose truth is not a matter of judgement:

- `imminent-eviction` must fire: a documented bailiff / eviction date 1–12 days after the as-of date and no
  rehousing recorded. Must not: the date 25–60 days away, or the eviction already carried out with the family
  in temporary accommodation.
- `antenatal-hv-missing` must fire: 31–37 weeks pregnant on the as-of date, domestic abuse on record, no
  ante-natal health visitor contact (at most a failed attempt). Must not: the same with an ante-natal contact
  at 26–29 weeks.
- `housing-absent-from-core-group` must fire: a housing concern on record and plan meetings with their
  attendance written down, none with Housing. Must not: Housing at a meeting, or meetings with no housing
  concern.

Every case is listed under each of the three rules as `must_fire` or `must_not`; the ground truth says
nothing about the other rules. Same seed, same bytes.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from checker.generate import phrases as P
from checker.model.audit import Manifest
from checker.model.private import private_dir, write_private

__all__ = ["GroundTruth", "generate_bundle", "RATES", "DEFAULT_AS_OF", "TRUTH_RULES"]

DEFAULT_AS_OF = dt.date(2025, 6, 16)
_RULES: dict[str, str] = yaml.safe_load((Path(__file__).with_name("truth.yaml")).read_text(encoding="utf-8"))
EVICTION, ANTENATAL, HOUSING_MEETING = _RULES["eviction"], _RULES["antenatal"], _RULES["housing_meeting"]
TRUTH_RULES = (EVICTION, ANTENATAL, HOUSING_MEETING)
RATES = {
    "eviction_imminent": 0.06, "eviction_far": 0.04, "eviction_rehoused": 0.03,
    "pregnant_no_contact": 0.05, "pregnant_contacted": 0.05,
    "meetings_without_housing": 0.07, "meetings_with_housing": 0.05, "meetings_no_concern": 0.05,
    "arrears": 0.08,
}
DEFECTS = {"bad_date": 0.003, "blank_event": 0.002, "duplicate_row": 0.004}

# Per agency: the header row it uses and how it writes a date (agencies' exports differ).
_LAYOUT: dict[str, tuple[tuple[str, ...], str, str]] = {
    "csc": (("Case ref", "Date of event", "Recorded by", "Event", "Impact on child", "Action/outcome"), "%d/%m/%Y", "utf-8"),
    "mash": (("Case ref", "Date/time", "Worker", "Details", "Outcome"), "%d/%m/%Y %H:%M", "utf-8"),
    "early-help": (("Case id", "Event date", "Practitioner", "Key event", "Impact", "Action taken"), "%-d %b %Y", "utf-8"),
    "police": (("Case ref", "Date", "Source", "Narrative", "Impact", "Action"), "%d/%m/%y", "utf-8"),
    "hv": (("Case", "Date", "Recorded by", "Entry", "Significance", "Outcome"), "%d/%m/%Y", "utf-8"),
    "midwifery": (("Case", "Date of contact", "Practitioner", "Event details", "Significance/impact", "Action/outcome"), "%d/%m/%Y", "utf-8"),
    "gp": (("Case", "Date", "Author", "Description", "Impact", "Action"), "%d/%m/%Y", "utf-8-sig"),
    "hospital": (("Case reference", "Event date", "Source", "Event", "Impact on child", "Outcome"), "%d/%m/%Y", "utf-8"),
    "housing": (("Case reference", "Date of contact", "Source of information", "Significant event", "Impact on the child", "Action taken/outcome"), "%d/%m/%Y", "cp1252"),
    "oakwood": (("Child ref", "Date", "Recorded by", "Details", "Impact", "Action"), "%d/%m/%Y", "utf-8"),
    "millbrook": (("Child ref", "Date", "Recorded by", "Details", "Impact", "Action"), "%d.%m.%Y", "utf-8"),
    "cmht": (("Case", "Date", "Source", "Narrative", "Impact", "Action"), "%d/%m/%Y", "utf-8"),
}
_TYPE = {a[0]: a[2] for a in P.AGENCIES}


@dataclass(slots=True)
class GroundTruth:
    """Per rule, the cases where it must fire and where it must not; what was planted, at what rates."""

    seed: int
    cases: int
    as_of: dt.date
    must_fire: dict[str, list[str]] = field(default_factory=lambda: {r: [] for r in TRUTH_RULES})
    must_not: dict[str, list[str]] = field(default_factory=lambda: {r: [] for r in TRUTH_RULES})
    planted: dict[str, list[str]] = field(default_factory=dict)
    rows: int = 0
    defects: dict[str, int] = field(default_factory=lambda: dict.fromkeys(DEFECTS, 0))

    def to_json(self) -> dict[str, Any]:
        return {
            "seed": self.seed, "cases": self.cases, "as_of": self.as_of.isoformat(), "rows": self.rows,
            "rates": RATES, "defects": self.defects,
            "rules": {r: {"must_fire": self.must_fire[r], "must_not": self.must_not[r]} for r in TRUTH_RULES},
            "planted": self.planted,
        }

    @classmethod
    def read(cls, path: Path) -> GroundTruth:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        truth = cls(seed=data["seed"], cases=data["cases"], as_of=dt.date.fromisoformat(data["as_of"]),
                    planted=data["planted"], rows=data["rows"], defects=data["defects"])
        for rule, sides in data["rules"].items():
            truth.must_fire[rule], truth.must_not[rule] = sides["must_fire"], sides["must_not"]
        return truth


@dataclass(slots=True)
class _Row:
    agency: str
    day: dt.date
    source: str
    event: str
    impact: str = ""
    action: str = ""
    planted: bool = False


class _Case:
    """One invented household and its entries, built from one random stream."""

    def __init__(self, rng: random.Random, case_id: str, as_of: dt.date) -> None:
        self.rng, self.id, self.as_of = rng, case_id, as_of
        self.rows: list[_Row] = []
        self.labels: list[str] = []
        self.children = self._children()
        self.mother = rng.choice(P.ADULT_NAMES["mother"])
        self.father = rng.choice(P.ADULT_NAMES["father"]) if rng.random() < 0.6 else None
        self.partner = rng.choice(P.ADULT_NAMES["partner"]) if self.father is None and rng.random() < 0.5 else None
        self.gran = rng.choice(P.ADULT_NAMES["maternal grandmother"]) if rng.random() < 0.2 else None
        self.pregnancy: dict[str, Any] | None = None
        self.plans: list[dict[str, Any]] = []
        self.agencies = self._agencies()

    def _children(self) -> list[dict[str, Any]]:
        names = self.rng.sample(P.CHILD_NAMES, self.rng.choice((1, 1, 2, 2, 2, 3, 3, 4)))
        return [{"id": f"{self.id}-c{i + 1}", "name": n,
                 "date_of_birth": self.as_of - dt.timedelta(days=self.rng.randint(120, 17 * 365))}
                for i, n in enumerate(names)]

    def _agencies(self) -> list[str]:
        r = self.rng
        odds = {"csc": 0.9, "mash": 0.5, "early-help": 0.3, "police": 0.35, "hv": 0.55, "gp": 0.7, "hospital": 0.2,
                "housing": 0.35, "cmht": 0.1}
        chosen = [a for a, p in odds.items() if r.random() < p]
        chosen.append("oakwood" if r.random() < 0.6 else "millbrook")
        return chosen or ["csc"]

    # --- words --------------------------------------------------------------------------------------------

    def parent(self) -> str:
        options = ["mum", "Mum", "mother", self.mother]
        if self.father:
            options += ["dad", self.father]
        return self.rng.choice(options)

    def other_adult(self) -> str:
        who = self.father or self.partner
        return self.rng.choice(["partner", "ex-partner", *([who] * 2 if who else [])])

    def fill(self, template: str, **extra: str) -> str:
        r = self.rng
        slots = {
            "child": r.choice([c for c in self.children if "name" in c])["name"], "parent_role": self.parent(), "n": str(r.randint(2, 9)),
            "n2": str(r.randint(2, 4)), "time": f"{r.randint(8, 18):02d}:{r.choice((0, 10, 15, 30, 45, 50)):02d}",
            "when": (self.as_of + dt.timedelta(days=r.randint(-200, 20))).strftime("%d/%m"),
            "place": r.choice(P.PLACES), "worker": r.choice(P.WORKERS), "amount": f"{r.randint(3, 48) * 50:,}",
            "pct": str(r.randint(71, 99)), "partner_role": self.other_adult(), **extra,
        }
        text = template.format(**slots)
        return text[:1].upper() + text[1:]

    def add(self, agency: str, day: dt.date, event: str, *, planted: bool = False, source: str = "") -> None:
        if agency not in self.agencies:
            self.agencies.append(agency)
        r = self.rng
        action = "" if planted else self.fill(r.choice(P.OUTCOMES))
        impact = "" if planted else r.choice(P.IMPACTS)
        self.rows.append(_Row(agency, day, source or r.choice(P.WORKERS), event, impact, action, planted))

    def day(self, lo: int, hi: int) -> dt.date:
        """A day `lo`..`hi` days before the as-of date."""
        return self.as_of - dt.timedelta(days=self.rng.randint(lo, hi))

    # --- the case --------------------------------------------------------------------------------------------

    def routine(self) -> None:
        count = max(10, min(300, int(self.rng.lognormvariate(3.6, 0.55))))
        for _ in range(count):
            agency = self.rng.choice(self.agencies)
            pool = P.ROUTINE.get(_TYPE[agency], P.ROUTINE["childrens_social_care"])
            self.add(agency, self.day(1, 365), self.fill(self.rng.choice(pool)))

    def plant(self, truth: GroundTruth) -> None:
        r, a = self.rng, self.as_of
        roll = r.random()
        concern = False
        if roll < RATES["eviction_imminent"]:
            when = a + dt.timedelta(days=r.randint(1, 12))
            self.add("housing", self.day(3, 20), self.fill(r.choice(P.BAILIFF), date=_date_words(r, when)), planted=True)
            self.labels.append("eviction: bailiff date in 1-12 days")
            truth.must_fire[EVICTION].append(self.id)
            concern = True
        else:
            roll -= RATES["eviction_imminent"]
            if roll < RATES["eviction_far"]:
                when = a + dt.timedelta(days=r.randint(25, 60))
                self.add("housing", self.day(2, 15), self.fill(r.choice(P.BAILIFF), date=_date_words(r, when)),
                         planted=True)
                self.labels.append("eviction: bailiff date 25-60 days away")
                concern = True
            elif roll - RATES["eviction_far"] < RATES["eviction_rehoused"]:
                gone = self.day(10, 40)
                self.add("housing", gone - dt.timedelta(days=r.randint(14, 30)),
                         self.fill(r.choice(P.BAILIFF), date=_date_words(r, gone)), planted=True)
                self.add("housing", gone, self.fill(r.choice(P.BAILIFF_REHOUSED), place_ta=r.choice(P.TA_PLACES)),
                         planted=True)
                self.labels.append("eviction: carried out, family in temporary accommodation")
                concern = True
            truth.must_not[EVICTION].append(self.id)
        if r.random() < RATES["arrears"] and "housing" in self.agencies:
            self.add("housing", self.day(20, 200), self.fill(r.choice(P.ARREARS)), planted=True)
            concern = True
        self._pregnancy(truth)
        self._meetings(truth, concern)

    def _pregnancy(self, truth: GroundTruth) -> None:
        r, a = self.rng, self.as_of
        roll = r.random()
        if roll >= RATES["pregnant_no_contact"] + RATES["pregnant_contacted"]:
            truth.must_not[ANTENATAL].append(self.id)
            return
        missing = roll < RATES["pregnant_no_contact"]
        weeks = r.randint(31, 37)
        edd = a + dt.timedelta(days=280 - weeks * 7 - r.randint(0, 6))
        conceived = edd - dt.timedelta(days=280)
        self.pregnancy = {"mother": f"{self.id}-mother", "expected_delivery": edd}
        self.children.append({"id": f"{self.id}-unborn", "unborn": True})
        booking = conceived + dt.timedelta(days=r.randint(70, 110))
        self.add("midwifery", booking, self.fill(r.choice(P.PREGNANCY_NOTE), edd=edd.strftime("%d/%m/%Y")), planted=True)
        self.add("police", self.day(15, 150), self.fill(r.choice(P.RISK_DA)), planted=True)
        if "hv" not in self.agencies:
            self.agencies.append("hv")
        if missing:
            if r.random() < 0.5:
                self.add("hv", conceived + dt.timedelta(days=r.randint(28 * 7, 29 * 7 + 6)),
                         self.fill(r.choice(P.HV_ATTEMPT)), planted=True)
            self.labels.append(f"pregnant {weeks} weeks, domestic abuse, no ante-natal HV contact")
            truth.must_fire[ANTENATAL].append(self.id)
        else:
            seen = r.randint(26, 29)
            self.add("hv", conceived + dt.timedelta(days=seen * 7 + r.randint(0, 6)),
                     self.fill(r.choice(P.HV_ANTENATAL), weeks=str(seen)), planted=True)
            self.labels.append(f"pregnant {weeks} weeks, domestic abuse, ante-natal HV contact at {seen} weeks")
            truth.must_not[ANTENATAL].append(self.id)

    def _meetings(self, truth: GroundTruth, concern: bool) -> None:
        r = self.rng
        roll = r.random()
        without, with_ = RATES["meetings_without_housing"], RATES["meetings_with_housing"]
        if roll >= without + with_ + RATES["meetings_no_concern"]:
            truth.must_not[HOUSING_MEETING].append(self.id)
            return
        housing_there = without <= roll < without + with_
        if roll < without + with_ and not concern:
            self.add("housing", self.day(60, 250), self.fill(r.choice(P.ARREARS)), planted=True)
            concern = True
        kind = r.choice(P.MEETING_KINDS)
        plan = "early_help" if kind.startswith("TAF") else "child_protection" if kind.startswith("Core") else "child_in_need"
        start = self.day(120, 300)
        self.plans.append({"type": plan, "start": start})
        meetings = r.randint(1, 4)
        lead = "early-help" if plan == "early_help" else "csc"
        for i in range(meetings):
            people = r.sample(P.ATTENDEES, r.randint(2, 4)) + [self.parent()]
            if housing_there and i == meetings - 1:
                people.insert(r.randint(0, len(people)), r.choice(P.HOUSING_ATTENDEE))
            when = start + dt.timedelta(days=10 + 42 * i)
            text = self.fill(r.choice(P.MEETING), meeting=kind, attendees=", ".join(people))
            self.add(lead, min(when, self.as_of - dt.timedelta(days=1)), text, planted=True)
        must = concern and not housing_there
        self.labels.append(f"{meetings} x {kind}, housing concern: {'yes' if concern else 'no'}, "
                           f"Housing present: {'yes' if housing_there else 'no'}")
        (truth.must_fire if must else truth.must_not)[HOUSING_MEETING].append(self.id)

    def manifest(self) -> dict[str, Any]:
        adults = [{"id": f"{self.id}-mother", "role": "mother", "name": self.mother, "lives_with_child": True,
                   "aliases": ["mum"]}]
        if self.father:
            adults.append({"id": f"{self.id}-father", "role": "father", "name": self.father,
                           "lives_with_child": self.rng.random() < 0.7, "aliases": ["dad"]})
        if self.partner:
            adults.append({"id": f"{self.id}-partner", "role": "partner", "name": self.partner,
                           "lives_with_child": False})
        if self.gran:
            adults.append({"id": f"{self.id}-mgm", "role": "maternal grandmother", "name": self.gran,
                           "aliases": ["nan"]})
        out: dict[str, Any] = {"id": self.id, "references": {"csc": f"WCS-{self.rng.randint(100000, 999999)}"},
                               "children": self.children, "adults": adults}
        if self.pregnancy:
            out["pregnancy"] = self.pregnancy
        if self.plans:
            out["plans"] = self.plans
        return out


def _date_words(rng: random.Random, day: dt.date) -> str:
    """How a practitioner writes a date in a note: mostly numeric, sometimes in words."""
    style = rng.random()
    if style < 0.5:
        return day.strftime("%d/%m/%Y")
    if style < 0.7:
        return day.strftime("%d/%m/%y")
    if style < 0.9:
        return f"{day.day} {day:%B} {day.year}"
    return f"{day.day} {day:%b}"


def generate_bundle(out: Path, *, cases: int, seed: int, as_of: dt.date = DEFAULT_AS_OF,
                    progress: Callable[[int], None] | None = None) -> GroundTruth:
    """Write the bundle into `out` (created; must be empty or absent) and return its ground truth.
    `progress` is told how many cases are made so far (every 100, and at the end)."""
    out = Path(out)
    if out.exists() and any(out.iterdir()):
        raise FileExistsError(f"{out} is not empty: give a new folder for the generated bundle")
    rng = random.Random(seed)
    truth = GroundTruth(seed=seed, cases=cases, as_of=as_of)
    by_agency: dict[str, list[tuple[str, _Row]]] = {a[0]: [] for a in P.AGENCIES}
    records = []
    for i in range(cases):
        case = _Case(random.Random(rng.getrandbits(64)), f"sw-{i + 1:06d}", as_of)
        case.routine()
        case.plant(truth)
        if case.labels:
            truth.planted[case.id] = case.labels
        case.rows.sort(key=lambda row: (row.day, row.agency))
        for row in case.rows:
            by_agency[row.agency].append((case.id, row))
        records.append(case.manifest())
        if progress is not None and ((i + 1) % 100 == 0 or i + 1 == cases):
            progress(i + 1)
    private_dir(out / "chronologies", export=True)
    sources = []
    defects = random.Random(seed ^ 0x5EED)
    for agency, rows in by_agency.items():
        if rows:
            name = f"chronologies/{agency}.csv"
            truth.rows += _write_agency(out / name, agency, rows, defects, truth)
            sources.append({"file": name, "agency": agency})
    manifest = {
        "audit": {"id": "westmarch-daily-sweep", "title": "Westmarch daily sweep of open cases", "theme": "sweep",
                  "partnership": "Westmarch Safeguarding Children Partnership (invented)", "meeting_date": as_of},
        "agencies": [{"id": i, "name": n, "type": t, "aliases": list(al)} for i, n, t, al in P.AGENCIES],
        "cases": records,
        "submissions": {"chronologies": sources, "returns": []},
    }
    Manifest.model_validate(manifest)  # what is written is a valid manifest, or nothing is
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    text = yaml.dump(manifest, Dumper=dumper, sort_keys=False, allow_unicode=True, width=120)
    header = "# Generated by `maca generate`: an invented borough, households and records (no real people).\n"
    write_private(out / "audit.yaml", header + text)
    return truth


def _write_agency(path: Path, agency: str, rows: list[tuple[str, _Row]], rng: random.Random,
                  truth: GroundTruth) -> int:
    headers, date_format, encoding = _LAYOUT[agency]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n" if encoding == "cp1252" else "\n")
    writer.writerow(headers)
    written = 0
    for case_id, row in rows:
        when = row.day.strftime(date_format)
        event = row.event
        if not row.planted:  # defects only ever touch everyday entries, never a planted one
            roll = rng.random()
            if roll < DEFECTS["bad_date"]:
                when = f"31/02/{row.day.year}" if rng.random() < 0.5 else "TBC"
                truth.defects["bad_date"] += 1
            elif roll < DEFECTS["bad_date"] + DEFECTS["blank_event"]:
                event = ""
                truth.defects["blank_event"] += 1
        values = [case_id, when, row.source, event, row.impact, row.action]
        cells = values if len(headers) == 6 else [case_id, when, row.source, event, row.action]
        writer.writerow(cells)
        written += 1
        if not row.planted and rng.random() < DEFECTS["duplicate_row"]:
            writer.writerow(cells)  # the same entry pasted twice
            written += 1
            truth.defects["duplicate_row"] += 1
    write_private(path, buffer.getvalue().encode(encoding, errors="replace"))
    return written
