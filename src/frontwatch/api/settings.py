"""Settings of the HTTP service, from arguments or ``FRONTWATCH_*`` environment variables.

| variable | default | meaning |
|---|---|---|
| ``FRONTWATCH_DB`` | the SQLite file under ``$FRONTWATCH_HOME`` | the store |
| ``FRONTWATCH_NO_AUTH`` | ``0`` | ``1``: no API keys (one analyst on localhost) |
| ``FRONTWATCH_PUBLIC_READ`` | ``1`` | ``0``: reading lists and entities needs a key too |
| ``FRONTWATCH_RATE_LIMIT`` | ``50`` | requests per second per key (``0``: no limit) |
| ``FRONTWATCH_RATE_BURST`` | ``100`` | requests a key may make at once before the limit applies |
| ``FRONTWATCH_MAX_UPLOAD_MB`` | ``10`` | largest batch CSV upload |
| ``FRONTWATCH_MAX_QUERIES`` | ``100`` | most queries in one ``POST /match`` |
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from frontwatch.store import default_db_url

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


class SettingsError(ValueError):
    """A setting with a value frontwatch cannot use (the message says which)."""


def _env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise SettingsError(f"{name}={raw!r}: use 1 or 0")


def _env_number(name: str, default: float) -> float:
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        value = float(raw)
    except ValueError:
        raise SettingsError(f"{name}={raw!r} is not a number") from None
    if value < 0:
        raise SettingsError(f"{name}={raw!r} must not be negative")
    return value


@dataclass
class ApiSettings:
    """How one instance of the service behaves."""

    db_url: str = field(default_factory=default_db_url)
    auth: bool = True  # False: ``--no-auth``, every request acts as "anonymous"
    public_read: bool = True  # lists, entities, graph and health readable without a key
    rate_limit: float = 50.0  # requests per second per key; 0 turns the limit off
    rate_burst: float = 100.0
    max_upload_bytes: int = 10 * 1024 * 1024
    max_body_bytes: int = 2 * 1024 * 1024  # every request but the batch upload
    max_queries: int = 100
    max_limit: int = 100  # most results per query
    batch_workers: int = 2  # processes a batch job screens with

    @classmethod
    def from_env(cls, **overrides: object) -> ApiSettings:
        """Settings from ``FRONTWATCH_*`` variables; keyword arguments win."""
        settings = cls(
            db_url=os.environ.get("FRONTWATCH_DB") or default_db_url(),
            auth=not _env_bool("FRONTWATCH_NO_AUTH", False),
            public_read=_env_bool("FRONTWATCH_PUBLIC_READ", True),
            rate_limit=_env_number("FRONTWATCH_RATE_LIMIT", 50.0),
            rate_burst=_env_number("FRONTWATCH_RATE_BURST", 100.0),
            max_upload_bytes=int(_env_number("FRONTWATCH_MAX_UPLOAD_MB", 10) * 1024 * 1024),
            max_queries=int(_env_number("FRONTWATCH_MAX_QUERIES", 100)),
        )
        for key, value in overrides.items():
            if value is None:
                continue
            if not hasattr(settings, key):
                raise SettingsError(f"unknown setting {key!r}")
            setattr(settings, key, value)
        return settings
