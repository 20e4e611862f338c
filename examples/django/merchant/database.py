"""DATABASE_URL to Django's DATABASES entry, and SQLite's write-ahead log.

The URL is parsed here with the standard library rather than with a new dependency: the shop
needs three schemes and no options, and the parsing is a dozen lines."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

from django.db.backends.signals import connection_created
from django.dispatch import receiver

ENGINES = {
    "postgres": "django.db.backends.postgresql",
    "postgresql": "django.db.backends.postgresql",
    "mysql": "django.db.backends.mysql",
}


def database_from_url(url: str) -> dict[str, Any]:
    """``postgresql://user:password@host:port/name?sslmode=require``: user and password
    percent-decoded, query parameters as OPTIONS."""
    parts = urlsplit(url)
    if parts.scheme not in ENGINES:
        raise ValueError(f"DATABASE_URL: unsupported scheme {parts.scheme!r}")
    return {
        "ENGINE": ENGINES[parts.scheme],
        "NAME": unquote(parts.path.lstrip("/")),
        "USER": unquote(parts.username or ""),
        "PASSWORD": unquote(parts.password or ""),
        "HOST": parts.hostname or "",
        "PORT": str(parts.port or ""),
        "OPTIONS": dict(parse_qsl(parts.query)),
    }


@receiver(connection_created, dispatch_uid="merchant.database.sqlite_wal")
def _sqlite_wal(sender: Any, connection: Any, **kwargs: Any) -> None:
    # WAL: readers do not block the writer nor the writer them. The setting is kept in the
    # file; setting it on each connection also covers a database made by `migrate`.
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode=WAL")
