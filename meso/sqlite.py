"""SQLite settings for the conversation store, shared by the tracker store and retention.

Light on purpose (no Rasa import): `meso retention` uses it too.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Any

import sqlalchemy as sa


def tune_sqlite_connection(dbapi_connection: Any, connection_record: Any) -> None:
    """WAL, synchronous=NORMAL and secure_delete on a new SQLite connection.

    WAL with synchronous=NORMAL is SQLite's advice for WAL; with secure_delete, deleted rows
    are overwritten with zeros instead of staying in free pages.
    """
    if not isinstance(dbapi_connection, sqlite3.Connection):
        return
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA secure_delete=ON")
    finally:
        cursor.close()


def scrub_sqlite(connection: Any) -> None:
    """After a deletion on SQLite, checkpoint the write-ahead log and truncate it.

    Deleted text then does not linger in `tracker.db-wal` until a later checkpoint. Nothing
    on other databases. `connection`: an SQLAlchemy Connection or Session, not in a
    transaction.
    """
    bind = connection.get_bind() if hasattr(connection, "get_bind") else connection.engine
    if bind.dialect.name != "sqlite":
        return
    connection.execute(sa.text("PRAGMA wal_checkpoint(TRUNCATE)"))


def make_private(path: Path) -> None:
    """Create the database file readable by its owner only (or make it so).

    SQLite gives the write-ahead log and shared-memory files the database file's
    permissions, so the conversations (health answers) are not readable by other local
    users, whatever the umask.
    """
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
    path.chmod(0o600)
