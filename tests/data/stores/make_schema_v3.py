"""How schema-v3.sqlite was made, with main at 0e8e091 (schema version 3), from the repository root:
`python tests/data/stores/make_schema_v3.py tests/data/stores/schema-v3.sqlite`. It cannot be re-made with
later code (which writes a newer schema): the file is kept as main wrote it, for the migration test."""

import datetime as dt
import json
import sys
from pathlib import Path

from checker.check import run_check
from checker.intake.bundle import load_bundle
from checker.review import ensure_run
from checker.storage import Store

T = [dt.datetime(2019, 3, 26, 10, 0, tzinfo=dt.UTC)]


def clock() -> dt.datetime:
    T[0] += dt.timedelta(minutes=1)
    return T[0]


def main(out: Path) -> None:
    out.unlink(missing_ok=True)
    result = run_check(load_bundle("samples/homelessness"))
    with Store(f"sqlite:///{out}", clock=clock) as store:
        flags = store.flags(ensure_run(store, result))

        def pick(rule: str, case: str | None = None) -> dict:  # type: ignore[type-arg]
            return next(f for f in flags if f["rule"] == rule and (case is None or f["case"] == case))

        audit = result.audit_id
        chosen = {"confirmed": pick("was-not-brought-not-escalated", "case-2"),
                  "dismissed": pick("drift-and-delay")}
        store.save_decision(audit, chosen["confirmed"]["id"], "amina.khan", "confirmed",
                            note="Spoke to GP safeguarding lead 26/03", for_briefing=True)
        store.save_decision(audit, chosen["dismissed"]["id"], "j.smith", "confirmed")
        store.save_decision(audit, chosen["dismissed"]["id"], "amina.khan", "dismissed",
                            reason="plan reviewed on time", expected_version=1)
        store.record_meeting(audit, "amina.khan", dt.date(2019, 3, 26),
                             [{"agency": "housing", "role": "Housing Options team leader"}], summary="Quorate.")
        store.add_strength(audit, "case-1", "amina.khan", "GP persisted in seeking consent.")
        store.save_action_edit(audit, "rule:drift-and-delay", "amina.khan", {"status": "In progress"})
        print(json.dumps({k: (v["id"], v["rule"], v["case"], v["agency"]) for k, v in chosen.items()}, indent=1))


if __name__ == "__main__":
    main(Path(sys.argv[1]))
