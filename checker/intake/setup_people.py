"""The People and Plans sheets of the set-up workbook: each case's children (an unborn baby with its expected
delivery date), adults and plans, with ids that stay put (`checker.intake.setup_read` reads the rest).

A person keeps the id an existing audit gave them (matched by role and name; a child without a name by date
of birth); anyone new gets `<case>-<role>` (`case-1-mother`, `case-1-child-1`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from checker.intake.setup_cells import SheetRows, as_text, slug
from checker.model.audit import Manifest
from checker.model.setup import ROLES, choice_key, plan_type_choices

__all__ = ["read_people", "read_plans"]

_YES = {"yes", "y", "true", "1"}
_NO = {"no", "n", "false", "0"}


# --- People -------------------------------------------------------------------------------------------

def read_people(sheet: SheetRows, cases: dict[str, dict[str, Any]], existing: Manifest | None) -> None:
    """The People sheet into each case's children, adults and pregnancy."""
    roles = {choice_key(r): r for r in ROLES}
    unborn_due: dict[str, tuple[dt.date, int]] = {}
    for number, values in sheet.records():
        case = sheet.case(number, "case", values["case"], cases)
        role = roles.get(choice_key(values["role"] or ""))
        if values["role"] is None:
            sheet.problem(number, sheet.letter("role"), "this person has no role",
                          f"Choose one: {', '.join(ROLES)}.")
        elif role is None:
            sheet.problem(number, sheet.letter("role"), "this is not a role the workbook knows",
                          f"Choose one from the drop-down: {', '.join(ROLES)}.", values["role"])
        name = as_text(values["name"])
        if role == "unborn":
            day = sheet.day(number, "date", values["date"], required=True,
                            what="an unborn baby's expected delivery date")
        elif role == "child":
            day = sheet.day(number, "date", values["date"])
        else:
            day = None
            if values["date"] is not None and role is not None:
                sheet.problem(number, sheet.letter("date"), "adults' dates of birth are not kept; it was not "
                              "read", "Leave it blank.", level="warning")
        lives = values["lives_with_child"]
        lives_with: bool | None = None
        if lives is not None:
            word = str(lives).strip().casefold()
            if word in _YES or word in _NO:
                lives_with = word in _YES
            else:
                sheet.problem(number, sheet.letter("lives_with_child"), "this is not yes or no",
                              "Choose Yes or No (or leave it blank if not known).", lives)
        if case is None or role is None:
            continue
        person_id = None  # given below: an existing person's own, else made from the case and role
        if role in ("child", "unborn"):
            child: dict[str, Any] = {"id": person_id, "name": name}
            if role == "unborn":
                child["unborn"] = True
                if day is not None:
                    earlier = unborn_due.get(case["id"])
                    if earlier is not None and earlier[0] != day:
                        sheet.problem(number, sheet.letter("date"), f"this case already has an unborn baby "
                                      f"due on {earlier[0]:%d/%m/%Y} (row {earlier[1]})", "A case has one "
                                      "pregnancy: twins share one expected delivery date.", values["date"])
                    elif earlier is None:
                        unborn_due[case["id"]] = (day, number)
                        case["pregnancy"] = {"expected_delivery": day}
            else:
                child["date_of_birth"] = day
            child["_row"] = number
            case["children"].append(child)
        else:
            relationship = as_text(values["relationship"])
            shown_role = relationship if role == "other adult" and relationship else role
            case["adults"].append({"id": person_id, "role": shown_role, "name": name,
                                   "lives_with_child": lives_with})
    for case in cases.values():
        _person_ids(case, existing)
        if case["pregnancy"] is not None:
            mother = next((a["id"] for a in case["adults"] if a["role"] == "mother"), None)
            if mother:
                case["pregnancy"] = {"mother": mother, **case["pregnancy"]}

def _person_ids(case: dict[str, Any], existing: Manifest | None) -> None:
    """Each person keeps the id an existing audit gave them (matched by role and name, a child without a
    name by date of birth); anyone new gets `<case>-<role>` (`-2`, `-3`… if taken)."""
    old = next((c for c in existing.cases if c.id == case["id"]), None) if existing else None
    taken: set[str] = set()
    for child in case["children"]:
        match = next((c for c in (old.children if old else []) if c.id not in taken and bool(c.unborn) ==
                      bool(child.get("unborn")) and (child.get("unborn") or _same_person(
                          c.name, child["name"], c.id) or (child["name"] is None and c.name is None and
                                                          c.date_of_birth == child.get("date_of_birth")))),
                     None)
        if match is not None:
            child["id"] = match.id
            taken.add(match.id)
    for adult in case["adults"]:
        found = next((a for a in (old.adults if old else []) if a.id not in taken
                      and a.role.casefold() == adult["role"].casefold()
                      and (a.name or "").casefold() == (adult["name"] or "").casefold()), None)
        if found is not None:
            adult["id"] = found.id
            taken.add(found.id)
    if old is not None:
        taken |= {c.id for c in old.children} | {a.id for a in old.adults}
    for person in [*case["children"], *case["adults"]]:
        if person["id"] is not None:
            continue
        stem = "unborn" if person.get("unborn") else "child" if "role" not in person else slug(person["role"], 24)
        n = 1
        made = f"{case['id']}-{stem}-1" if stem == "child" else f"{case['id']}-{stem}"
        while made in taken:
            n += 1
            made = f"{case['id']}-{stem}-{n}"
        person["id"] = made
        taken.add(made)

# --- Plans --------------------------------------------------------------------------------------------

def read_plans(sheet: SheetRows, cases: dict[str, dict[str, Any]]) -> None:
    """The Plans sheet into each case's plans."""
    choices = {choice_key(label): value for label, value in plan_type_choices()}
    choices.update({choice_key(value): value for _, value in plan_type_choices()})
    shown = ", ".join(label for label, _ in plan_type_choices())
    for number, values in sheet.records():
        case = sheet.case(number, "case", values["case"], cases)
        kind = choices.get(choice_key(values["type"] or ""))
        if values["type"] is None:
            sheet.problem(number, sheet.letter("type"), "this plan has no type", f"Choose one: {shown}.")
        elif kind is None:
            sheet.problem(number, sheet.letter("type"), "this is not a plan type the checker knows",
                          f"Choose one from the drop-down: {shown}.", values["type"])
        start = sheet.day(number, "start", values["start"], required=True, what="the plan's start date")
        end = sheet.day(number, "end", values["end"])
        if start is not None and end is not None and end < start:
            sheet.problem(number, sheet.letter("end"), f"the plan ends ({end:%d/%m/%Y}) before it starts "
                          f"({start:%d/%m/%Y})", "Check the two dates: day first, e.g. 13/02/2019.",
                          values["end"])
            continue
        if case is None or kind is None or start is None:
            continue
        child = _plan_child(sheet, number, case, kind, as_text(values["child"]))
        if child is False:
            continue
        case["plans"].append({"type": kind, "child": child, "start": start, "end": end})

def _plan_child(sheet: SheetRows, number: int, case: dict[str, Any], kind: str,
                written: str | None) -> str | None | bool:
    unborn = [c["id"] for c in case["children"] if c.get("unborn")]
    if written is None:
        return unborn[0] if kind == "pre_birth" and unborn else None
    if choice_key(written) == "unborn" and unborn:
        return unborn[0]
    found = [c["id"] for c in case["children"]
             if choice_key(written) in (choice_key(c.get("name") or ""), choice_key(c["id"]))]
    if len(found) == 1:
        return found[0]
    why = "two children of this case share this name" if found else "no child of this case has this name"
    sheet.problem(number, sheet.letter("child"), f"{why} on the People sheet", "Write the child's first name or "
                  "initials as on the People sheet (give each child different initials), or leave it blank "
                  "for the whole family.", written)
    return False


def _same_person(old_name: str | None, new_name: str | None, old_id: str) -> bool:
    return new_name is not None and (choice_key(new_name) in (choice_key(old_name or ""), choice_key(old_id)))
