"""Delete stored conversation events older than the retention period (`make retention`).

Reads the tracker store from an endpoints file (default endpoints.yml; ${VAR}s are
expanded from the environment as Rasa does, so deploy/endpoints.scale.yml works with the
same variables as the servers) and deletes, with SQLAlchemy, every event whose timestamp
is older than N days: a conversation idle for longer than that disappears entirely, and
a long-running one loses its old part. Works with the SQL tracker store (SQLite and
PostgreSQL); with the in-memory store there is nothing to delete.

N comes from --days, else $RETENTION_DAYS, else `retention_days` in clinic.yml, else 30.
Run it daily (cron, a Kubernetes CronJob, or `docker compose run`); --dry-run only counts.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Dict, Optional

import sqlalchemy as sa
import yaml

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DAYS = 30
ENV_VAR = re.compile(r"\$\{([^}]+)\}")


def expand_env(value: Any) -> Any:
    """Expand ${VAR} in every string of a loaded YAML document, failing on unset ones."""
    if isinstance(value, dict):
        return {key: expand_env(item) for key, item in value.items()}
    if isinstance(value, list):
        return [expand_env(item) for item in value]
    if isinstance(value, str) and "${" in value:
        missing = [name for name in ENV_VAR.findall(value) if name not in os.environ]
        if missing:
            raise SystemExit(f"retention: environment variable(s) not set: {', '.join(missing)}")
        return ENV_VAR.sub(lambda match: os.environ[match.group(1)], value)
    return value


def retention_days(cli_days: Optional[int], clinic_file: Path = ROOT / "clinic.yml") -> int:
    """The retention period in days: --days, $RETENTION_DAYS, clinic.yml, or 30."""
    if cli_days is not None:
        days = cli_days
    elif os.environ.get("RETENTION_DAYS"):
        days = int(os.environ["RETENTION_DAYS"])
    else:
        settings = yaml.safe_load(clinic_file.read_text("utf-8")) if clinic_file.exists() else {}
        days = int((settings or {}).get("retention_days") or DEFAULT_DAYS)
    if days < 1:
        raise SystemExit("retention: the retention period must be at least 1 day")
    return days


def tracker_store_config(endpoints: Path) -> Optional[Dict[str, Any]]:
    """The tracker_store section of an endpoints file, with ${VAR}s expanded."""
    data = yaml.safe_load(endpoints.read_text("utf-8")) or {}
    section = data.get("tracker_store")
    return expand_env(section) if section else None


def database_url(config: Dict[str, Any], base_dir: Path = ROOT) -> sa.engine.URL:
    """The SQLAlchemy URL of an SQL tracker store, built the way Rasa builds it."""
    dialect = str(config.get("dialect") or "sqlite")
    host = config.get("url") or config.get("host")
    db = str(config.get("db") or "rasa.db")
    if host and "://" in str(host):
        return sa.engine.make_url(str(host))
    port = int(config["port"]) if config.get("port") not in (None, "") else None
    if dialect.startswith("sqlite") and db != ":memory:" and not Path(db).is_absolute():
        db = str(base_dir / db)  # Rasa is started from the project folder (scripts/serve.py)
    return sa.engine.URL.create(
        dialect,
        username=config.get("username"),
        password=config.get("password"),
        host=str(host) if host else None,
        port=port,
        database=db,
        query=config.get("query") or {},
    )


def events_table(engine: sa.engine.Engine) -> Optional[sa.Table]:
    """Rasa's `events` table (honouring $POSTGRESQL_SCHEMA), or None when it doesn't exist."""
    schema = os.environ.get("POSTGRESQL_SCHEMA") if engine.dialect.name == "postgresql" else None
    if not sa.inspect(engine).has_table("events", schema=schema):
        return None
    return sa.Table(
        "events",
        sa.MetaData(),
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("sender_id", sa.String(255)),
        sa.Column("timestamp", sa.Float),
        schema=schema,
    )


def apply_retention(
    url: Any, days: int, now: Optional[float] = None, dry_run: bool = False
) -> Dict[str, int]:
    """Delete events older than `days`; counts of events and conversations affected."""
    cutoff = (time.time() if now is None else now) - days * 86400
    engine = sa.create_engine(url)
    try:
        table = events_table(engine)
        if table is None:
            return {"events": 0, "conversations_removed": 0, "conversations_trimmed": 0}
        old = table.c.timestamp < cutoff
        with engine.begin() as conn:
            last_seen = (
                sa.select(table.c.sender_id, sa.func.max(table.c.timestamp).label("last"))
                .group_by(table.c.sender_id)
                .subquery()
            )
            removed = conn.execute(
                sa.select(sa.func.count()).select_from(last_seen).where(last_seen.c.last < cutoff)
            ).scalar_one()
            touched = conn.execute(
                sa.select(sa.func.count(sa.distinct(table.c.sender_id)))
                .select_from(table)
                .where(old)
            ).scalar_one()
            count = conn.execute(
                sa.select(sa.func.count()).select_from(table).where(old)
            ).scalar_one()
            if not dry_run:
                conn.execute(sa.delete(table).where(old))
    finally:
        engine.dispose()
    return {
        "events": int(count),
        "conversations_removed": int(removed),
        "conversations_trimmed": int(touched) - int(removed),
    }


def main(argv: Optional[list] = None) -> int:
    """Command line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--endpoints", type=Path, default=ROOT / "endpoints.yml")
    parser.add_argument("--days", type=int, default=None, help="override RETENTION_DAYS")
    parser.add_argument("--dry-run", action="store_true", help="count, delete nothing")
    args = parser.parse_args(argv)

    days = retention_days(args.days)
    config = tracker_store_config(args.endpoints)
    store_type = str((config or {}).get("type") or "in_memory").lower()
    if store_type in ("in_memory", "inmemory"):
        print("retention: in-memory tracker store, nothing is kept on disk")
        return 0
    if store_type != "sql":
        print(f"retention: tracker store type '{store_type}' is not supported (SQL only)")
        return 2
    assert config is not None
    url = database_url(config)
    if url.get_backend_name() == "sqlite" and url.database and not Path(url.database).exists():
        print(f"retention: {url.database} does not exist yet, nothing to delete")
        return 0
    result = apply_retention(url, days, dry_run=args.dry_run)
    cutoff = datetime.fromtimestamp(time.time() - days * 86400, tz=timezone.utc)
    verb = "would delete" if args.dry_run else "deleted"
    print(
        f"retention: {verb} {result['events']} events older than {days} days "
        f"(before {cutoff:%Y-%m-%d %H:%M} UTC) from {url.render_as_string(hide_password=True)}: "
        f"{result['conversations_removed']} conversations entirely, "
        f"{result['conversations_trimmed']} in part"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
