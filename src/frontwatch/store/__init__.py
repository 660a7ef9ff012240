"""The store: list versions and their entities in SQLite (default) or PostgreSQL.

Every write of a list version is one transaction that also switches the
source's current version, so a reader sees either the old version or the new
one, and a load that dies half-way leaves the store as it was.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from followthemoney.proxy import EntityProxy
from followthemoney.types import registry
from sqlalchemy import Engine, and_, create_engine, event, func, insert, select, text, update
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.exc import ArgumentError, InterfaceError, OperationalError

from frontwatch.store.schema import current, entities, refs, versions

BATCH = 2000
# Sources whose names start so hold what a stored document says, not a list.
DOCUMENT_SOURCE_PREFIX = "doc_"


def is_document_source(source: str) -> bool:
    """Whether a store source holds a document's entities rather than a list."""
    return source.startswith(DOCUMENT_SOURCE_PREFIX)


class StoreError(Exception):
    """The store cannot be opened or does not hold what was asked for."""


def frontwatch_home() -> Path:
    """``$FRONTWATCH_HOME``, by default ``~/.frontwatch``."""
    return Path(os.environ.get("FRONTWATCH_HOME") or Path.home() / ".frontwatch")


def default_db_url() -> str:
    """``$FRONTWATCH_DB`` or one SQLite file under ``$FRONTWATCH_HOME``."""
    env = os.environ.get("FRONTWATCH_DB")
    if env:
        return env
    return f"sqlite:///{frontwatch_home() / 'frontwatch.db'}"


def fingerprint(data: dict[str, Any]) -> str:
    """A checksum of an entity's schema and properties, independent of value order."""
    props = {k: sorted(v) for k, v in sorted(data.get("properties", {}).items())}
    blob = json.dumps([data.get("schema"), props], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha1(blob.encode("utf-8")).hexdigest()


@dataclass
class VersionInfo:
    """One loaded version of one list."""

    id: int
    source: str
    checksum: str
    format: str
    files: list[str]
    issued: str | None
    file_date: str | None
    record_count: int | None
    entity_count: int
    counts: dict[str, int]
    loaded_at: str
    load_seconds: float
    is_current: bool = False

    @property
    def label(self) -> str:
        """How a user names this version: its number, date and checksum prefix."""
        date = self.issued or self.file_date or "undated"
        return f"v{self.id} ({date}, {self.checksum[:12]})"


@dataclass
class VersionDraft:
    """What the loader knows about a version before its entities are written."""

    source: str
    checksum: str
    format: str
    files: list[str]
    issued: str | None = None
    file_date: str | None = None
    record_count: int | None = None
    counts: dict[str, int] = field(default_factory=dict)


@dataclass
class EntityChange:
    """How one entity differs between two versions."""

    id: str
    caption: str
    schema: str
    added: dict[str, list[str]]
    removed: dict[str, list[str]]


@dataclass
class Diff:
    """Entities added, removed and changed from one version to another."""

    source: str
    old: VersionInfo
    new: VersionInfo
    added: list[tuple[str, str, str]]  # (id, schema, caption)
    removed: list[tuple[str, str, str]]
    changed: list[EntityChange]


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cursor = dbapi_conn.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def engine_url(url: str) -> str:
    """The SQLAlchemy URL for a URL as users write it: ``postgresql://`` means psycopg 3."""
    for plain in ("postgresql://", "postgres://"):
        if url.startswith(plain):
            return "postgresql+psycopg://" + url[len(plain) :]
    return url


def display_url(url: str) -> str:
    """A database URL fit to print: the password, if any, hidden."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url


def _error_line(exc: BaseException) -> str:
    """The database driver's message as one line."""
    orig = getattr(exc, "orig", None) or exc
    return " ".join(str(orig).split())


# Engines of server databases (PostgreSQL), one per URL and process: a Store is
# cheap to make again (``get_screener`` does so per call) and reuses the pool.
_ENGINES: dict[str, Engine] = {}
_ENGINES_LOCK = threading.Lock()
# Databases this process has seen at the newest schema revision.
_MIGRATED: set[tuple[str, int]] = set()


def _forget_engines_after_fork() -> None:
    # A forked child must not use its parent's pooled connections.
    for engine in _ENGINES.values():
        engine.dispose(close=False)


os.register_at_fork(after_in_child=_forget_engines_after_fork)


def _make_engine(url: str) -> Engine:
    sa_url = engine_url(url)
    if sa_url.startswith("sqlite"):
        engine = create_engine(sa_url)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    with _ENGINES_LOCK:
        found = _ENGINES.get(sa_url)
        if found is not None:
            return found
        options: dict[str, Any] = {"pool_pre_ping": True}
        if sa_url.startswith("postgresql+psycopg"):
            options["connect_args"] = {"connect_timeout": 10, "application_name": "frontwatch"}
        engine = create_engine(sa_url, **options)
        _ENGINES[sa_url] = engine
        return engine


def dispose_engine(url: str) -> None:
    """Close the pooled connections this process keeps to a server database (before dropping it)."""
    with _ENGINES_LOCK:
        engine = _ENGINES.pop(engine_url(url), None)
    if engine is not None:
        engine.dispose()
    _MIGRATED.discard((url, 0))


class Store:
    """List versions and entities behind one SQLAlchemy engine (SQLite or PostgreSQL).

    Opening a store brings its schema to the newest revision (``frontwatch.store.migrate``)
    unless ``migrate=False``.
    """

    def __init__(self, url: str | None = None, migrate: bool = True) -> None:
        self.url = url or default_db_url()
        try:
            if self.url.startswith("sqlite:///"):
                path = Path(self.url[len("sqlite:///") :])
                if str(path) not in ("", ":memory:"):
                    path.parent.mkdir(parents=True, exist_ok=True)
            self.engine: Engine = _make_engine(self.url)
        except (ArgumentError, ImportError) as exc:
            raise StoreError(f"cannot use database URL {self.display_url!r}: {exc}") from None
        self.dialect = self.engine.dialect.name
        if migrate:
            self.upgrade()

    @property
    def display_url(self) -> str:
        """The URL without its password."""
        return display_url(self.url)

    def _migration_key(self) -> tuple[str, int] | None:
        """What identifies this database for the this-process migration cache."""
        database = self.engine.url.database or ""
        if self.dialect == "sqlite":
            if database in ("", ":memory:"):
                return None
            try:
                return (self.url, os.stat(database).st_ino)
            except OSError:
                return None
        return (self.url, 0)

    def upgrade(self) -> list[str]:
        """Bring the schema to the newest revision; the revisions applied (``[]`` if none)."""
        from frontwatch.store.migrate import MigrationError, upgrade

        key = self._migration_key()
        if key is not None and key in _MIGRATED:
            return []
        try:
            applied = upgrade(self.engine)
        except MigrationError as exc:
            raise StoreError(f"cannot open the store at {self.display_url}: {exc}") from None
        except (OperationalError, InterfaceError) as exc:
            raise StoreError(
                f"cannot open the store at {self.display_url}: {_error_line(exc)}"
            ) from None
        key = self._migration_key()
        if key is not None:
            _MIGRATED.add(key)
        return applied

    # -- writing -----------------------------------------------------------

    def find_version(self, source: str, checksum: str) -> VersionInfo | None:
        """The stored version of ``source`` with this checksum, if any."""
        with self.engine.connect() as conn:
            row = conn.execute(
                select(versions).where(
                    and_(versions.c.source == source, versions.c.checksum == checksum)
                )
            ).first()
            return self._version(conn, row._mapping) if row else None

    def write_version(
        self,
        draft: VersionDraft,
        proxies: Iterable[EntityProxy],
        on_entity: Callable[[int], None] | None = None,
        started: float | None = None,
    ) -> VersionInfo:
        """Store a new version with its entities and make it current, all or nothing."""
        t0 = started if started is not None else time.perf_counter()
        with self.engine.begin() as conn:
            if self.dialect == "postgresql":
                # Loads of one source wait for each other (two people updating the lists at
                # once); then the second finds the version the first stored.
                conn.execute(
                    text("SELECT pg_advisory_xact_lock(:key)"), {"key": _lock_key(draft.source)}
                )
                row = conn.execute(
                    select(versions).where(
                        and_(
                            versions.c.source == draft.source, versions.c.checksum == draft.checksum
                        )
                    )
                ).first()
                if row is not None:
                    return self._version(conn, row._mapping)
            inserted = conn.execute(
                insert(versions).values(
                    source=draft.source,
                    checksum=draft.checksum,
                    format=draft.format,
                    files=json.dumps(draft.files),
                    issued=draft.issued,
                    file_date=draft.file_date,
                    record_count=draft.record_count,
                    entity_count=0,
                    counts="{}",
                    loaded_at=datetime.now(UTC).isoformat(timespec="seconds"),
                    load_seconds=0.0,
                )
            ).inserted_primary_key
            assert inserted is not None
            version_id = int(inserted[0])
            counts: dict[str, int] = {}
            seen: set[str] = set()
            ent_rows: list[dict[str, Any]] = []
            ref_rows: list[dict[str, Any]] = []
            total = 0
            for proxy in proxies:
                if proxy.id is None:
                    continue
                if proxy.id in seen:
                    # The same id twice in one file: merge, as FtM exports may split entities.
                    self._merge_pending(conn, version_id, ent_rows, proxy)
                    continue
                seen.add(proxy.id)
                data = proxy.to_dict()
                ent_rows.append(
                    {
                        "version_id": version_id,
                        "id": proxy.id,
                        "schema": proxy.schema.name,
                        "caption": proxy.caption or proxy.id,
                        "source_id": _source_id(draft.source, proxy),
                        "fingerprint": fingerprint(data),
                        "data": json.dumps(data, ensure_ascii=False),
                    }
                )
                for prop, value in proxy.itervalues():
                    if prop.type == registry.entity:
                        ref_rows.append(
                            {
                                "version_id": version_id,
                                "entity_id": proxy.id,
                                "prop": prop.name,
                                "target_id": value,
                            }
                        )
                counts[proxy.schema.name] = counts.get(proxy.schema.name, 0) + 1
                total += 1
                if len(ent_rows) >= BATCH:
                    self._flush(conn, ent_rows, ref_rows)
                if on_entity is not None:
                    on_entity(total)
            self._flush(conn, ent_rows, ref_rows)
            seconds = time.perf_counter() - t0
            conn.execute(
                update(versions)
                .where(versions.c.id == version_id)
                .values(
                    entity_count=total,
                    counts=json.dumps(counts),
                    load_seconds=seconds,
                    # The parser learns these from the file while it is read.
                    issued=draft.issued,
                    record_count=draft.record_count,
                )
            )
            self._set_current(conn, draft.source, version_id)
            row = conn.execute(select(versions).where(versions.c.id == version_id)).one()
            return self._version(conn, row._mapping)

    def _merge_pending(
        self, conn: Connection, version_id: int, pending: list[dict[str, Any]], proxy: EntityProxy
    ) -> None:
        """Merge a repeated entity id into the row already written or pending."""
        from followthemoney import model

        for row in pending:
            if row["id"] == proxy.id:
                break
        else:
            found = conn.execute(
                select(entities.c.data).where(
                    and_(entities.c.version_id == version_id, entities.c.id == proxy.id)
                )
            ).scalar_one()
            row = {"id": proxy.id, "data": found, "_stored": True}
        merged = model.get_proxy(json.loads(row["data"]))
        merged.merge(proxy)
        data = merged.to_dict()
        values = {
            "schema": merged.schema.name,
            "caption": merged.caption or merged.id,
            "fingerprint": fingerprint(data),
            "data": json.dumps(data, ensure_ascii=False),
        }
        if row.get("_stored"):
            conn.execute(
                update(entities)
                .where(and_(entities.c.version_id == version_id, entities.c.id == proxy.id))
                .values(**values)
            )
        else:
            row.update(values)

    @staticmethod
    def _flush(
        conn: Connection, ent_rows: list[dict[str, Any]], ref_rows: list[dict[str, Any]]
    ) -> None:
        if ent_rows:
            conn.execute(insert(entities), ent_rows)
            ent_rows.clear()
        if ref_rows:
            conn.execute(insert(refs), ref_rows)
            ref_rows.clear()

    @staticmethod
    def _set_current(conn: Connection, source: str, version_id: int) -> None:
        """Point ``current`` at a version: one upsert, so concurrent writers cannot collide."""
        from sqlalchemy.dialects import postgresql, sqlite

        stmt: Any = (postgresql if conn.dialect.name == "postgresql" else sqlite).insert(current)
        stmt = stmt.values(source=source, version_id=version_id)
        conn.execute(
            stmt.on_conflict_do_update(
                index_elements=[current.c.source], set_={"version_id": stmt.excluded.version_id}
            )
        )

    def set_current(self, source: str, version_id: int) -> None:
        """Make a stored version the current one of its source."""
        with self.engine.begin() as conn:
            self._set_current(conn, source, version_id)

    # -- reading -----------------------------------------------------------

    def _version(self, conn: Connection, row: Any, is_current: bool | None = None) -> VersionInfo:
        if is_current is None:
            cur = conn.execute(
                select(current.c.version_id).where(current.c.source == row["source"])
            ).scalar()
            is_current = cur == row["id"]
        return VersionInfo(
            id=row["id"],
            source=row["source"],
            checksum=row["checksum"],
            format=row["format"],
            files=json.loads(row["files"]),
            issued=row["issued"],
            file_date=row["file_date"],
            record_count=row["record_count"],
            entity_count=row["entity_count"],
            counts=json.loads(row["counts"]),
            loaded_at=row["loaded_at"],
            load_seconds=row["load_seconds"],
            is_current=is_current,
        )

    def current_versions(self, lists_only: bool = False) -> list[VersionInfo]:
        """The version in use of every loaded source (only the lists, if asked)."""
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(versions)
                .join(current, current.c.version_id == versions.c.id)
                .order_by(self._bytewise(versions.c.source))
            ).all()
            found = [self._version(conn, r._mapping, is_current=True) for r in rows]
        if lists_only:
            found = [v for v in found if not is_document_source(v.source)]
        return found

    def versions(self, source: str) -> list[VersionInfo]:
        """Every stored version of a source, oldest first."""
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(versions, current.c.version_id.label("current_id"))
                .outerjoin(
                    current,
                    and_(
                        current.c.source == versions.c.source, current.c.version_id == versions.c.id
                    ),
                )
                .where(versions.c.source == source)
                .order_by(versions.c.id)
            ).all()
            return [
                self._version(conn, r._mapping, is_current=r.current_id is not None) for r in rows
            ]

    def sources(self) -> list[str]:
        """The names of all sources with at least one stored version."""
        with self.engine.connect() as conn:
            return list(
                conn.execute(
                    select(versions.c.source)
                    .group_by(versions.c.source)
                    .order_by(self._bytewise(versions.c.source))
                )
                .scalars()
                .all()
            )

    def resolve_version(self, source: str, ref: str) -> VersionInfo:
        """A version named by number (``3``/``v3``), checksum prefix or issued date."""
        candidates = self.versions(source)
        if not candidates:
            raise StoreError(f"no versions of {source!r} are loaded")
        key = ref.lower().removeprefix("v")
        for v in candidates:
            if key.isdigit() and v.id == int(key):
                return v
        matches = [v for v in candidates if v.checksum.startswith(ref.lower()) and len(ref) >= 6]
        matches = matches or [v for v in candidates if ref in (v.issued, v.file_date)]
        if len(matches) == 1:
            return matches[0]
        known = ", ".join(v.label for v in candidates)
        if matches:
            raise StoreError(f"{ref!r} names several versions of {source}: {known}")
        raise StoreError(f"no version {ref!r} of {source}; stored versions: {known}")

    def _bytewise(self, column: Any) -> Any:
        """``column`` for ORDER BY in byte order, as SQLite sorts, whatever the server's locale."""
        return column.collate("C") if self.dialect == "postgresql" else column

    def _current_ids(self, conn: Connection) -> list[int]:
        return list(conn.execute(select(current.c.version_id)).scalars().all())

    def get_entity(self, entity_id: str) -> dict[str, Any] | None:
        """An entity in a current version, by id or by the source's own reference."""
        with self.engine.connect() as conn:
            cur = self._current_ids(conn)
            base = select(entities, versions.c.source).join(
                versions, versions.c.id == entities.c.version_id
            )
            row = conn.execute(
                base.where(and_(entities.c.version_id.in_(cur), entities.c.id == entity_id))
            ).first()
            if row is None:
                row = conn.execute(
                    base.where(
                        and_(
                            entities.c.version_id.in_(cur),
                            entities.c.source_id == entity_id,
                            entities.c.schema.notin_(_REL_SCHEMATA),
                        )
                    ).order_by(versions.c.source)
                ).first()
            if row is None:
                return None
            return self._entity_row(row._mapping)

    @staticmethod
    def _entity_row(row: Any) -> dict[str, Any]:
        data: dict[str, Any] = json.loads(row["data"])
        data["caption"] = row["caption"]
        data["source"] = row["source"]
        data["source_id"] = row["source_id"]
        data["version_id"] = row["version_id"]
        return data

    def find_by_source_id(self, source_id: str) -> list[dict[str, Any]]:
        """Entities in current versions whose source reference is ``source_id``."""
        with self.engine.connect() as conn:
            cur = self._current_ids(conn)
            rows = conn.execute(
                select(entities, versions.c.source)
                .join(versions, versions.c.id == entities.c.version_id)
                .where(and_(entities.c.version_id.in_(cur), entities.c.source_id == source_id))
            ).all()
            return [self._entity_row(r._mapping) for r in rows]

    def referencing(self, entity_id: str) -> list[dict[str, Any]]:
        """Entities in current versions that point at ``entity_id`` (sanctions, links)."""
        with self.engine.connect() as conn:
            cur = self._current_ids(conn)
            ids = (
                select(refs.c.entity_id, refs.c.version_id)
                .where(and_(refs.c.target_id == entity_id, refs.c.version_id.in_(cur)))
                .subquery()
            )
            rows = conn.execute(
                select(entities, versions.c.source)
                .join(versions, versions.c.id == entities.c.version_id)
                .join(
                    ids,
                    and_(
                        ids.c.entity_id == entities.c.id, ids.c.version_id == entities.c.version_id
                    ),
                )
            ).all()
            return [self._entity_row(r._mapping) for r in rows]

    def get_entities(self, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        """Several entities of current versions by id."""
        wanted = list(set(ids))
        out: dict[str, dict[str, Any]] = {}
        with self.engine.connect() as conn:
            cur = self._current_ids(conn)
            for i in range(0, len(wanted), 500):
                rows = conn.execute(
                    select(entities, versions.c.source)
                    .join(versions, versions.c.id == entities.c.version_id)
                    .where(
                        and_(entities.c.version_id.in_(cur), entities.c.id.in_(wanted[i : i + 500]))
                    )
                ).all()
                for r in rows:
                    out[r.id] = self._entity_row(r._mapping)
        return out

    def iter_entities(
        self,
        source: str | None = None,
        version_id: int | None = None,
        lists_only: bool = False,
        version_ids: Sequence[int] | None = None,
    ) -> Iterator[dict[str, Any]]:
        """Every entity of the current versions (or of the versions named), streamed.

        The current versions are read once, then their entities: a version's
        entities never change once stored, so a list loaded meanwhile is seen
        whole or not at all. Callers that also need the versions themselves
        (the screening index) read them first and pass ``version_ids``.
        """
        with self.engine.connect() as conn:
            if version_ids is not None:
                wanted = list(version_ids)
            elif version_id is not None:
                wanted = [version_id]
            else:
                query = select(current.c.version_id)
                if source is not None:
                    query = query.where(current.c.source == source)
                if lists_only:
                    query = query.where(
                        ~current.c.source.startswith(DOCUMENT_SOURCE_PREFIX, autoescape=True)
                    )
                wanted = list(conn.execute(query).scalars().all())
            query = (
                select(entities, versions.c.source)
                .join(versions, versions.c.id == entities.c.version_id)
                .where(entities.c.version_id.in_(wanted))
                .order_by(self._bytewise(versions.c.source), self._bytewise(entities.c.id))
            )
            result = conn.execution_options(stream_results=True, yield_per=2000).execute(query)
            for row in result:
                yield self._entity_row(row._mapping)

    def count_current(self) -> int:
        """How many entities the current versions hold together."""
        with self.engine.connect() as conn:
            cur = self._current_ids(conn)
            return int(
                conn.execute(
                    select(func.count()).select_from(entities).where(entities.c.version_id.in_(cur))
                ).scalar_one()
            )

    # -- diff --------------------------------------------------------------

    def diff(self, source: str, old: VersionInfo, new: VersionInfo) -> Diff:
        """What changed in ``source`` from version ``old`` to version ``new``."""
        with self.engine.connect() as conn:
            q = select(entities.c.id, entities.c.schema, entities.c.caption, entities.c.fingerprint)
            before = {r.id: r for r in conn.execute(q.where(entities.c.version_id == old.id))}
            after = {r.id: r for r in conn.execute(q.where(entities.c.version_id == new.id))}
            added = sorted(
                (i, after[i].schema, after[i].caption) for i in after.keys() - before.keys()
            )
            removed = sorted(
                (i, before[i].schema, before[i].caption) for i in before.keys() - after.keys()
            )
            changed_ids = sorted(
                i
                for i in after.keys() & before.keys()
                if after[i].fingerprint != before[i].fingerprint
            )
            changes: list[EntityChange] = []
            for i in range(0, len(changed_ids), 500):
                chunk = changed_ids[i : i + 500]
                data_q = select(entities.c.id, entities.c.version_id, entities.c.data).where(
                    and_(
                        entities.c.id.in_(chunk),
                        entities.c.version_id.in_([old.id, new.id]),
                    )
                )
                pairs: dict[str, dict[int, dict[str, Any]]] = {}
                for r in conn.execute(data_q):
                    pairs.setdefault(r.id, {})[r.version_id] = json.loads(r.data)
                for eid in chunk:
                    a = pairs[eid][old.id].get("properties", {})
                    b = pairs[eid][new.id].get("properties", {})
                    plus = {
                        p: sorted(set(b.get(p, [])) - set(a.get(p, [])))
                        for p in b
                        if set(b.get(p, [])) - set(a.get(p, []))
                    }
                    minus = {
                        p: sorted(set(a.get(p, [])) - set(b.get(p, [])))
                        for p in a
                        if set(a.get(p, [])) - set(b.get(p, []))
                    }
                    changes.append(
                        EntityChange(eid, after[eid].caption, after[eid].schema, plus, minus)
                    )
        return Diff(source, old, new, added, removed, changes)


# FtM schemata of relations between parties (a Sanction relates a party to a list).
RELATION_SCHEMATA = frozenset(
    {
        "UnknownLink",
        "Ownership",
        "Directorship",
        "Family",
        "Associate",
        "Membership",
        "Employment",
        "Representation",
        "Succession",
    }
)
_REL_SCHEMATA = ("Sanction", *sorted(RELATION_SCHEMATA))


def _lock_key(source: str) -> int:
    """A PostgreSQL advisory lock key (signed 64-bit) for writing a source's versions."""
    return int.from_bytes(
        hashlib.sha1(f"frontwatch:{source}".encode()).digest()[:8], "big", signed=True
    )


def _source_id(source: str, proxy: EntityProxy) -> str | None:
    """The publisher's own reference of an entity, derived from its id."""
    prefix = source.replace("_", "-") + "-"
    eid = proxy.id or ""
    if proxy.schema.name in _REL_SCHEMATA:
        return None
    if eid.startswith(prefix):
        return eid[len(prefix) :]
    return eid
