"""FollowTheMoney JSON lines: any FtM export (OpenSanctions datasets, EU and UK lists).

Each line is one entity, ``{"id", "schema", "properties", ...}``. Extra keys that
OpenSanctions adds (``caption``, ``datasets``, ``referents``, ``first_seen`` ...)
are accepted; the entity keeps its own id. The source's own reference is the
entity id without the source prefix (``eu-fsf-6449`` -> ``6449``).
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from followthemoney import model
from followthemoney.exc import InvalidData
from followthemoney.proxy import EntityProxy

from frontwatch.sources.base import ParseContext


def source_id_of(source: str, entity_id: str) -> str:
    """The publisher's reference inside an FtM id: ``gb-hmt-INU0080`` -> ``INU0080``."""
    prefix = source.replace("_", "-") + "-"
    if entity_id.startswith(prefix):
        return entity_id[len(prefix) :]
    return entity_id


def parse_ftm(ctx: ParseContext) -> Iterator[EntityProxy]:
    """Read FtM JSON lines, one entity per line; blank lines are skipped."""
    path = ctx.files.main
    seen_any = False
    with open(path, encoding="utf-8") as fh:
        try:
            for lineno, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    data = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise ctx.error(f"line {lineno}", f"not valid JSON ({exc.msg})") from None
                if not isinstance(data, dict) or "schema" not in data:
                    raise ctx.error(
                        f"line {lineno}", "not a FollowTheMoney entity (no 'schema' key)"
                    )
                schema = model.get(data["schema"])
                if schema is None:
                    raise ctx.error(f"line {lineno}", f"unknown FtM schema {data['schema']!r}")
                if not data.get("id"):
                    raise ctx.error(f"line {lineno}", "entity without an 'id'")
                try:
                    proxy = model.get_proxy(
                        {
                            "id": data["id"],
                            "schema": data["schema"],
                            "properties": data.get("properties", {}),
                        },
                        cleaned=False,
                    )
                except (InvalidData, TypeError, ValueError) as exc:
                    raise ctx.error(f"line {lineno}", f"invalid entity: {exc}") from None
                seen_any = True
                yield proxy
        except UnicodeDecodeError as exc:
            raise ctx.error(None, f"not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    if not seen_any:
        raise ctx.error(None, "the file holds no entities")
