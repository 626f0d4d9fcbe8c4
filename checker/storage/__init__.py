"""Where results and review decisions are kept: one schema on SQLite (default) or PostgreSQL.

    from checker.storage import Store

    with Store() as store:              # URL argument, else $MACA_DB_URL, else $MACA_DATA_DIR/maca.sqlite
        run_id = store.record_run(audit_id, bundle_digest, ruleset_hash, as_of, flags, quality, referrals)
        flag = store.flags(run_id)[0]
        store.save_decision(audit_id, flag["id"], "a.reviewer", "confirmed",
                            expected_version=flag["decision_version"])

Nothing here logs record text: log lines carry ids and counts only. See docs/storage.md.
"""

from checker.storage._decisions import DECISIONS
from checker.storage._engine import ENV_DATA_DIR, ENV_URL, data_dir, default_db_url
from checker.storage._precision import RIGHT, Precision, precision
from checker.storage._runs import FLAG_KEYS, SEVERITIES
from checker.storage._schema import SCHEMA_VERSION
from checker.storage._store import Store

__all__ = [
    "Store", "Precision", "precision", "RIGHT", "DECISIONS", "FLAG_KEYS", "SEVERITIES", "SCHEMA_VERSION", "ENV_URL",
    "ENV_DATA_DIR", "data_dir", "default_db_url",
]
