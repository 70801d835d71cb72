"""Delete stored conversation events older than the retention period (`make retention`).

Reads the tracker store from an endpoints file (default endpoints.yml; ${VAR}s are
expanded from the environment as Rasa does, so deploy/endpoints.scale.yml works with the
same variables as the servers) and deletes, with SQLAlchemy, every event whose timestamp
is older than N days: a conversation idle for longer than that disappears entirely, and
a long-running one loses its old part. Booking requests (meso/booking/store.py, same
database) created before then are deleted too, delivered or not. Works with the SQL
tracker store (SQLite and PostgreSQL); with the in-memory store there is nothing to delete.

N comes from --days, else $RETENTION_DAYS, else `retention_days` in the clinic settings
(clinic.yml, or the file $CLINIC_SETTINGS names), else 30: meso/settings.py.
Run it daily (cron, a Kubernetes CronJob, or `docker compose run`); --dry-run only counts.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Dict, Optional

import sqlalchemy as sa

from meso import settings
from meso.booking.store import delete_requests_before
from meso.settings import PROJECT_ROOT
from meso.sqlite import scrub_sqlite, tune_sqlite_connection
from meso.tools.common import database_url, is_sql_store, tracker_store_config

ROOT = PROJECT_ROOT


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
    sa.event.listen(engine, "connect", tune_sqlite_connection)
    try:
        with engine.begin() as conn:
            requests = delete_requests_before(conn, cutoff, dry_run=dry_run)
        table = events_table(engine)
        if table is None:
            return {
                "events": 0,
                "conversations_removed": 0,
                "conversations_trimmed": 0,
                "booking_requests": requests,
            }
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
        if not dry_run and (count or requests):
            with engine.connect() as conn:
                scrub_sqlite(conn)
    finally:
        engine.dispose()
    return {
        "events": int(count),
        "conversations_removed": int(removed),
        "conversations_trimmed": int(touched) - int(removed),
        "booking_requests": requests,
    }


def main(argv: Optional[list] = None) -> int:
    """Command line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--endpoints", type=Path, default=ROOT / "endpoints.yml")
    parser.add_argument("--days", type=int, default=None, help="override RETENTION_DAYS")
    parser.add_argument("--dry-run", action="store_true", help="count, delete nothing")
    args = parser.parse_args(argv)

    try:
        days = settings.retention_days(args.days)
        config = tracker_store_config(args.endpoints)
    except ValueError as error:
        print(f"retention: {error}")
        return 2
    store_type = str((config or {}).get("type") or "in_memory")
    if store_type.lower() in ("in_memory", "inmemory"):
        print("retention: in-memory tracker store, nothing is kept on disk")
        return 0
    if not is_sql_store(store_type):
        print(f"retention: tracker store type '{store_type}' is not supported (SQL only)")
        return 2
    assert config is not None
    url = database_url(config, ROOT)
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
        f"{result['conversations_trimmed']} in part; "
        f"{result['booking_requests']} booking request(s)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
