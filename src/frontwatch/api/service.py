"""What one server process holds: the store, the screener, the keys, the limits, the jobs.

The screener is loaded once (from the index cached on disk, or built) and
swapped for a new one when a list version changes: a background thread looks
every few seconds. Each screener comes with the list versions it was built
from, so the audit trail names exactly what a screening was checked against.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from fastapi import Request

from frontwatch import audit
from frontwatch.api.auth import ANONYMOUS, KeyRing, RateLimiter, presented_key
from frontwatch.api.errors import ApiError
from frontwatch.api.jobs import Jobs
from frontwatch.api.network import NetworkHolder
from frontwatch.api.settings import ApiSettings
from frontwatch.match.index import IndexedEntity, index_key
from frontwatch.match.screen import Query, Result, Screener
from frontwatch.screening import get_screener
from frontwatch.store import Store, StoreError, VersionInfo

log = logging.getLogger("frontwatch.api")
CHECK_SECONDS = 5.0
ENTITY_CACHE = 20000  # listed entities kept in memory for responses


@dataclass
class LoadedScreener:
    """A screener and the list versions its index was built from."""

    screener: Screener
    key: str
    versions: list[VersionInfo]
    checksums: dict[str, str]  # source -> checksum, as the audit trail records them
    _by_id: dict[str, IndexedEntity] | None = field(default=None, repr=False)

    @property
    def by_id(self) -> dict[str, IndexedEntity]:
        """The indexed entities by id (what screening knows of each listed party)."""
        if self._by_id is None:
            self._by_id = {e.id: e for e in self.screener.index.entities}
        return self._by_id


class ScreeningHolder:
    """Loads the screener on first use and replaces it when the lists change."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._loaded: LoadedScreener | None = None
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.after_refresh: list[Callable[[], object]] = []  # run by the thread after each look

    def _load(self) -> LoadedScreener:
        for _ in range(5):
            before = index_key(self.store)
            infos = self.store.current_versions()
            screener = get_screener(self.store.url)
            after = index_key(self.store)
            if before == after == screener.index.key:
                break
        return LoadedScreener(
            screener, screener.index.key, infos, {v.source: v.checksum for v in infos}
        )

    def get(self) -> LoadedScreener:
        """The current screener (loading it if this is the first use)."""
        loaded = self._loaded
        if loaded is not None:
            return loaded
        with self._lock:
            if self._loaded is None:
                self._loaded = self._load()
            return self._loaded

    @property
    def ready(self) -> bool:
        """Whether a screener is loaded."""
        return self._loaded is not None

    def refresh(self) -> bool:
        """Load a new screener if the current list versions changed; whether it did."""
        loaded = self._loaded
        if loaded is None:
            self.get()
            return True
        if index_key(self.store) == loaded.key:
            return False
        fresh = self._load()
        with self._lock:
            self._loaded = fresh
        log.info("lists changed: screening index %s -> %s", loaded.key, fresh.key)
        return True

    def start(self) -> None:
        """Load in the background now, then look for list changes every few seconds."""

        def run() -> None:
            while not self._stop.is_set():
                try:
                    self.refresh()
                except Exception:  # noqa: BLE001 - keep serving with the index we have
                    log.exception("cannot refresh the screening index")
                for hook in self.after_refresh:
                    try:
                        hook()
                    except Exception:  # noqa: BLE001 - the next request tries again
                        log.exception("cannot refresh %s", getattr(hook, "__name__", hook))
                self._stop.wait(CHECK_SECONDS)

        self._thread = threading.Thread(target=run, name="frontwatch-index", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Stop looking for list changes."""
        self._stop.set()


class Service:
    """Everything the routes of one app share."""

    def __init__(self, settings: ApiSettings) -> None:
        self.settings = settings
        try:
            self.store = Store(settings.db_url)
        except StoreError as exc:
            raise ApiError(500, str(exc)) from None
        self.keys = KeyRing(self.store)
        self.limiter = RateLimiter(settings.rate_limit, settings.rate_burst)
        self.screening = ScreeningHolder(self.store)
        self.network = NetworkHolder(self.store)
        self.screening.after_refresh.append(self.warm_network)
        self.jobs = Jobs(self.store.url, workers=settings.batch_workers)
        self._entities: dict[str, dict[str, Any]] = {}
        self._entities_key = ""

    def warm_network(self) -> None:
        """Load the network ahead of the first request, and rebuild it when the store changed."""
        if self.store.current_versions(lists_only=True):
            self.network.get()

    # -- who is calling ------------------------------------------------------

    def identify(self, request: Request) -> str | None:
        """The user of the key a request carries; ``ApiError`` 401 for a key that is not valid."""
        key = presented_key(request)
        if key is None:
            return None
        user = self.keys.user_for(key)
        if user is None:
            if not self.settings.auth:
                return None
            raise ApiError(
                401,
                "this API key is not valid (it may have been removed); "
                "ask an administrator for a new one (frontwatch users add NAME)",
                headers={"WWW-Authenticate": "Bearer"},
            )
        return user

    def throttle(self, request: Request, user: str | None) -> None:
        """Apply the rate limit to the caller; ``ApiError`` 429 when it is exceeded."""
        client = request.client.host if request.client else "unknown"
        wait = self.limiter.allow(f"user:{user}" if user else f"ip:{client}")
        if wait > 0:
            raise ApiError(
                429,
                f"too many requests: at most {self.settings.rate_limit:g} per second per key; "
                f"retry in {wait:.2f} s",
                headers={"Retry-After": str(max(1, round(wait + 0.5)))},
            )

    def require_user(self, request: Request) -> str:
        """The caller of an endpoint that screens or writes: a key is needed (unless --no-auth)."""
        user = self.identify(request)
        if user is None and self.settings.auth:
            raise ApiError(
                401,
                "this endpoint needs an API key: send 'Authorization: Bearer KEY' or "
                "'X-API-Key: KEY' (an administrator creates keys with: frontwatch users add NAME)",
                headers={"WWW-Authenticate": "Bearer"},
            )
        self.throttle(request, user)
        return user or ANONYMOUS

    def reader(self, request: Request) -> str:
        """The caller of a read-only endpoint: open unless FRONTWATCH_PUBLIC_READ=0."""
        user = self.identify(request)
        if user is None and self.settings.auth and not self.settings.public_read:
            raise ApiError(
                401,
                "reading needs an API key on this server (FRONTWATCH_PUBLIC_READ=0): send "
                "'Authorization: Bearer KEY' or 'X-API-Key: KEY'",
                headers={"WWW-Authenticate": "Bearer"},
            )
        self.throttle(request, user)
        return user or ANONYMOUS

    # -- screening -----------------------------------------------------------

    def loaded(self) -> LoadedScreener:
        """The screener, or ``ApiError`` 503 when no list is loaded."""
        loaded = self.screening.get()
        if not loaded.versions:
            raise ApiError(503, "no lists are loaded; load them first with: frontwatch lists load")
        return loaded

    def known_dataset(self, loaded: LoadedScreener, dataset: str) -> str | None:
        """``None`` for all lists, else the source name; ``ApiError`` 404 for an unknown one."""
        if dataset in ("default", "all"):
            return None
        if dataset in loaded.checksums:
            return dataset
        raise ApiError(
            404,
            f"no dataset {dataset!r}: use 'default' for every list or one of "
            + ", ".join(sorted(loaded.checksums)),
        )

    def screen(
        self,
        loaded: LoadedScreener,
        queries: Sequence[Query],
        limit: int,
        cutoff: float,
        dataset: str | None = None,
    ) -> list[Result]:
        """Screen the variants of one query and keep each entity's best result."""
        from frontwatch.api.ftm import merge_results

        fetch = limit if dataset is None else max(limit * 4, 50)
        candidates = 40 if dataset is None else 200
        batches = []
        for query in queries:
            # One list asked for: its own entries, not grouped under another list's.
            found = loaded.screener.screen(
                query,
                limit=fetch,
                threshold=cutoff,
                candidates=candidates,
                group=dataset is None,
            )
            if dataset is not None:
                found = [r for r in found if r.source == dataset]
            batches.append(found)
        return merge_results(batches)[:limit]

    def result_entities(
        self, loaded: LoadedScreener, results: Sequence[Result]
    ) -> dict[str, dict[str, Any]]:
        """The listed entities of results in yente's shape, by id.

        Kept in memory while the list versions stay the same (the screener's key
        names them), so a party that comes up again costs no database work.
        """
        from frontwatch.api.ftm import fallback_entity, lookup_entities

        if self._entities_key != loaded.key or len(self._entities) > ENTITY_CACHE:
            self._entities = {}
            self._entities_key = loaded.key
        cache = self._entities
        missing = [r.entity_id for r in results if r.entity_id not in cache]
        if missing:
            cache.update(lookup_entities(self.store, missing))
        return {r.entity_id: cache.get(r.entity_id) or fallback_entity(r) for r in results}

    def record(
        self,
        who: str,
        channel: str,
        endpoint: str,
        loaded: LoadedScreener,
        items: Sequence[tuple[dict[str, Any], list[Result]]],
        threshold: float,
    ) -> None:
        """Write one audit record per screened query."""
        audit.record(
            self.store,
            [
                audit.ScreeningRecord(
                    who=who,
                    channel=channel,
                    endpoint=endpoint,
                    query=query,
                    threshold=threshold,
                    list_versions=loaded.checksums,
                    results=audit.result_refs(results, threshold),
                )
                for query, results in items
            ],
        )
