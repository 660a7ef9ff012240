"""Analysts' judgements about entity resolution, kept in the ``judgements`` table.

A judgement is kept apart from the list versions, so it survives every reload of a
list (entity ids are stable across versions):

* ``merge`` — ``entity_id`` and ``other_id`` are the same party;
* ``split`` — ``entity_id`` stands apart from ``other_id``, or from every other entity
  when ``other_id`` is ``None``.

A judgement is never deleted: ``withdraw`` stamps it with ``withdrawn_at`` and
``withdrawn_by``. The resolver (:mod:`frontwatch.graph.resolve`) applies the active ones
on top of its automatic rules; a later judgement about the same pair supersedes an
earlier one. SQLAlchemy Core only, so this runs on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

import getpass
import hashlib
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import insert, select, update

from frontwatch.store import Store, StoreError
from frontwatch.store.schema import judgements

KINDS = ("merge", "split")


class JudgementError(StoreError):
    """A judgement that cannot be recorded or withdrawn (unknown id, bad kind)."""


@dataclass(frozen=True)
class Judgement:
    """One analyst's decision, as stored."""

    id: int
    kind: str
    entity_id: str
    other_id: str | None
    who: str
    note: str | None
    at: str
    withdrawn_at: str | None = None
    withdrawn_by: str | None = None

    @property
    def active(self) -> bool:
        """Whether it still counts (not withdrawn)."""
        return self.withdrawn_at is None

    @property
    def ids(self) -> tuple[str, ...]:
        """The entity ids it is about."""
        return (self.entity_id,) if self.other_id is None else (self.entity_id, self.other_id)

    def describe(self) -> str:
        """One line: ``#3 merge A + B by ana on 2026-11-26 ("same passport")``."""
        if self.kind == "merge":
            what = f"merge {self.entity_id} + {self.other_id}"
        elif self.other_id is None:
            what = f"split {self.entity_id} from its cluster"
        else:
            what = f"split {self.entity_id} from {self.other_id}"
        note = f' ("{self.note}")' if self.note else ""
        return f"#{self.id} {what} by {self.who} at {self.at}{note}"

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready form."""
        return asdict(self)


def default_who() -> str:
    """Who records a judgement when ``--who`` is not given: the login name."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "analyst"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _row(row: Any) -> Judgement:
    m = row._mapping
    return Judgement(
        id=int(m["id"]),
        kind=m["kind"],
        entity_id=m["entity_id"],
        other_id=m["other_id"],
        who=m["who"],
        note=m["note"],
        at=m["at"],
        withdrawn_at=m["withdrawn_at"],
        withdrawn_by=m["withdrawn_by"],
    )


def record(
    store: Store,
    kind: str,
    entity_id: str,
    other_id: str | None = None,
    who: str | None = None,
    note: str | None = None,
) -> Judgement:
    """Store a new judgement and return it.

    ``merge`` needs ``other_id``; ``split`` without it takes ``entity_id`` out of its
    cluster. The ids are stored as given: the caller checks they exist (a judgement
    about an entity that later leaves the lists is kept and reported as dangling).
    """
    if kind not in KINDS:
        raise JudgementError(f"unknown judgement kind {kind!r}; use merge or split")
    if kind == "merge" and not other_id:
        raise JudgementError("a merge needs two entity ids")
    if other_id is not None and other_id == entity_id:
        raise JudgementError(f"{entity_id} and {other_id} are the same entity")
    values = {
        "kind": kind,
        "entity_id": entity_id,
        "other_id": other_id or None,
        "who": (who or default_who())[:100],
        "note": note or None,
        "at": _now(),
    }
    with store.engine.begin() as conn:
        key = conn.execute(insert(judgements).values(**values)).inserted_primary_key
        assert key is not None
        row = conn.execute(select(judgements).where(judgements.c.id == int(key[0]))).one()
    return _row(row)


def get(store: Store, judgement_id: int) -> Judgement | None:
    """One judgement by its number, withdrawn or not."""
    with store.engine.connect() as conn:
        row = conn.execute(select(judgements).where(judgements.c.id == judgement_id)).first()
    return _row(row) if row is not None else None


def list_judgements(
    store: Store, entity_ids: set[str] | None = None, include_withdrawn: bool = False
) -> list[Judgement]:
    """Judgements in the order they were made, oldest first.

    Only the active ones unless ``include_withdrawn``; only those about one of
    ``entity_ids`` when given.
    """
    query = select(judgements).order_by(judgements.c.id)
    if not include_withdrawn:
        query = query.where(judgements.c.withdrawn_at.is_(None))
    if entity_ids is not None:
        wanted = sorted(entity_ids)
        query = query.where(judgements.c.entity_id.in_(wanted) | judgements.c.other_id.in_(wanted))
    with store.engine.connect() as conn:
        return [_row(r) for r in conn.execute(query).all()]


def withdraw(store: Store, judgement_id: int, who: str | None = None) -> Judgement:
    """Take a judgement back (it stays in the table, stamped as withdrawn)."""
    with store.engine.begin() as conn:
        row = conn.execute(select(judgements).where(judgements.c.id == judgement_id)).first()
        if row is None:
            raise JudgementError(
                f"no judgement #{judgement_id}; `frontwatch resolve judgements` lists them"
            )
        if row._mapping["withdrawn_at"] is not None:
            raise JudgementError(
                f"judgement #{judgement_id} was already withdrawn at "
                f"{row._mapping['withdrawn_at']} by {row._mapping['withdrawn_by']}"
            )
        conn.execute(
            update(judgements)
            .where(judgements.c.id == judgement_id)
            .values(withdrawn_at=_now(), withdrawn_by=(who or default_who())[:100])
        )
        row = conn.execute(select(judgements).where(judgements.c.id == judgement_id)).one()
    return _row(row)


def checksum(store: Store) -> str:
    """A checksum of every judgement and its state, for the network's cache key."""
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(
                judgements.c.id,
                judgements.c.kind,
                judgements.c.entity_id,
                judgements.c.other_id,
                judgements.c.withdrawn_at,
            ).order_by(judgements.c.id)
        ).all()
    blob = "|".join(f"{r[0]}:{r[1]}:{r[2]}:{r[3]}:{r[4]}" for r in rows)
    return hashlib.sha1(blob.encode("utf-8")).hexdigest()
