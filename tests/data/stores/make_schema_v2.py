"""How schema-v2.sqlite was made, with main at cfe2af4 (schema version 2), from the repository root:
`python tests/data/stores/make_schema_v2.py tests/data/stores/schema-v2.sqlite`. It cannot be re-made with
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
                  "action_needed": pick("immediate-concern"), "group_case": pick("drift-and-delay")}
        store.save_decision(audit, chosen["confirmed"]["id"], "amina.khan", "confirmed",
                            note="Spoke to GP safeguarding lead 26/03")
        store.save_decision(audit, chosen["action_needed"]["id"], "amina.khan", "action_needed", note="referral made")
        store.save_decision(audit, chosen["group_case"]["id"], "j.smith", "confirmed")
        store.save_decision(audit, chosen["group_case"]["id"], "amina.khan", "dismissed",
                            reason="plan reviewed on time", expected_version=1)
        chosen["dismissed"] = next(f for f in flags if f["rule"] not in {c["rule"] for c in chosen.values()})
        store.save_decision(audit, chosen["dismissed"]["id"], "j.smith", "dismissed", reason="known to CSC already")
        print(json.dumps({k: (v["id"], v["rule"], v["case"], v["agency"]) for k, v in chosen.items()}, indent=1))


if __name__ == "__main__":
    main(Path(sys.argv[1]))
