"""How schema-v2.sqlite was made, with main at cfe2af4 (schema version 2), from the repository root:
`python tests/data/stores/make_schema_v2.py tests/data/stores/schema-v2.sqlite`. It cannot be re-made with
later code (which writes a newer schema): the file is kept as main wrote it, for the migration test."""
import datetime as dt, json, sys
from pathlib import Path
from checker.check import run_check
from checker.intake.bundle import load_bundle
from checker.review import ensure_run
from checker.storage import Store

out = Path(sys.argv[1]); out.unlink(missing_ok=True)
T = [dt.datetime(2019, 3, 26, 10, 0, tzinfo=dt.UTC)]
def clock():
    T[0] += dt.timedelta(minutes=1); return T[0]
result = run_check(load_bundle("samples/homelessness"))
with Store(f"sqlite:///{out}", clock=clock) as store:
    run = ensure_run(store, result)
    flags = store.flags(run)
    def pick(rule, case=None, agency=None):
        for f in flags:
            if f["rule"] == rule and (case is None or f["case"] == case) and (agency is None or f["agency"] == agency):
                return f
        raise SystemExit(f"no {rule} {case} {agency}")
    audit = result.audit_id
    chosen = {}
    f = pick("was-not-brought-not-escalated", "case-2"); chosen["confirmed"] = f
    store.save_decision(audit, f["id"], "amina.khan", "confirmed", note="Spoke to GP safeguarding lead 26/03")
    f = pick("immediate-concern"); chosen["action_needed"] = f
    store.save_decision(audit, f["id"], "amina.khan", "action_needed", note="referral made")
    f = pick("drift-and-delay"); chosen["group_case"] = f
    store.save_decision(audit, f["id"], "j.smith", "confirmed")
    store.save_decision(audit, f["id"], "amina.khan", "dismissed", reason="plan reviewed on time", expected_version=1)
    f = [x for x in flags if x["rule"] not in {c["rule"] for c in chosen.values()}][0]; chosen["dismissed"] = f
    store.save_decision(audit, f["id"], "j.smith", "dismissed", reason="known to CSC already")
    print(json.dumps({k: (v["id"], v["rule"], v["case"], v["agency"]) for k, v in chosen.items()}, indent=1))
    print(len(flags), "flags")
