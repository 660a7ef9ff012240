"""API keys and who is calling: users, key hashes, the per-key rate limit.

``frontwatch users add NAME`` makes a random key, prints it once and stores only
its SHA-256 (a key is 256 random bits, so a fast hash is enough: there is
nothing to guess). A request names its key with ``Authorization: Bearer KEY``,
``X-API-Key: KEY`` or, for the web UI, the ``frontwatch_key`` cookie set by the
login page.

The rate limit is a token bucket per key (per client address for requests
without one), kept in memory: each server process counts on its own.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import threading
import time
from dataclasses import dataclass

from sqlalchemy import delete, insert, select
from sqlalchemy.exc import IntegrityError
from starlette.requests import HTTPConnection

from frontwatch.audit import now_iso
from frontwatch.store import Store
from frontwatch.store.schema import api_users

KEY_PREFIX = "fw_"
COOKIE = "frontwatch_key"
ANONYMOUS = "anonymous"
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.@-]{0,99}$")


class UserError(ValueError):
    """A user that cannot be added or removed as asked (the message says why)."""


@dataclass
class ApiUser:
    """A user of the API as listed by ``frontwatch users list`` (never the key)."""

    name: str
    key_prefix: str
    created_at: str


def hash_key(key: str) -> str:
    """The stored form of an API key."""
    return hashlib.sha256(key.strip().encode("utf-8")).hexdigest()


def add_user(store: Store, name: str) -> str:
    """Create a user and return its new key (shown once, stored only as a hash)."""
    name = name.strip()
    if not _NAME.match(name):
        raise UserError(
            f"{name!r} is not a usable user name: use letters, digits and . _ @ - "
            "(at most 100 characters)"
        )
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    try:
        with store.engine.begin() as conn:
            conn.execute(
                insert(api_users).values(
                    name=name,
                    key_hash=hash_key(key),
                    key_prefix=key[:10],
                    created_at=now_iso(),
                )
            )
    except IntegrityError:
        raise UserError(
            f"user {name!r} already exists; remove it first (frontwatch users remove {name})"
        ) from None
    return key


def list_users(store: Store) -> list[ApiUser]:
    """Every user, by name."""
    with store.engine.connect() as conn:
        rows = conn.execute(select(api_users).order_by(api_users.c.name)).all()
    return [ApiUser(r.name, r.key_prefix, r.created_at) for r in rows]


def remove_user(store: Store, name: str) -> None:
    """Delete a user; its key stops working within seconds."""
    with store.engine.begin() as conn:
        deleted = conn.execute(delete(api_users).where(api_users.c.name == name)).rowcount
    if not deleted:
        known = ", ".join(u.name for u in list_users(store)) or "none"
        raise UserError(f"no user {name!r}; users: {known}")


class KeyRing:
    """Looks keys up in the store, remembering answers for a few seconds."""

    def __init__(self, store: Store, ttl: float = 5.0) -> None:
        self.store = store
        self.ttl = ttl
        self._cache: dict[str, tuple[str | None, float]] = {}
        self._lock = threading.Lock()

    def user_for(self, key: str) -> str | None:
        """The user a key belongs to, or ``None`` for a key that is not valid."""
        digest = hash_key(key)
        now = time.monotonic()
        hit = self._cache.get(digest)
        if hit is not None and hit[1] > now:
            return hit[0]
        with self.store.engine.connect() as conn:
            user = conn.execute(
                select(api_users.c.name).where(api_users.c.key_hash == digest)
            ).scalar()
        with self._lock:
            if len(self._cache) > 10000:
                self._cache.clear()
            self._cache[digest] = (user, now + self.ttl)
        return user


def presented_key(conn: HTTPConnection) -> str | None:
    """The API key a request carries, if any (header first, then the web UI's cookie)."""
    auth = conn.headers.get("authorization")
    if auth:
        scheme, _, value = auth.partition(" ")
        if scheme.lower() == "bearer" and value.strip():
            return value.strip()
        if scheme.lower() == "apikey" and value.strip():  # yente clients' spelling
            return value.strip()
    key = conn.headers.get("x-api-key")
    if key and key.strip():
        return key.strip()
    cookie = conn.cookies.get(COOKIE)
    return cookie.strip() if cookie and cookie.strip() else None


class RateLimiter:
    """A token bucket per caller: ``rate`` requests per second, ``burst`` at once."""

    def __init__(self, rate: float, burst: float) -> None:
        self.rate = rate
        self.burst = max(burst, 1.0)
        self._buckets: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def allow(self, caller: str) -> float:
        """0 when the request may go on, else the seconds to wait before retrying."""
        if self.rate <= 0:
            return 0.0
        now = time.monotonic()
        with self._lock:
            tokens, last = self._buckets.get(caller, (self.burst, now))
            tokens = min(self.burst, tokens + (now - last) * self.rate)
            if tokens >= 1.0:
                self._buckets[caller] = (tokens - 1.0, now)
                return 0.0
            self._buckets[caller] = (tokens, now)
            if len(self._buckets) > 50000:
                self._buckets.clear()
            return (1.0 - tokens) / self.rate
