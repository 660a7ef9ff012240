"""What the network says about one party, for the entity and paths pages.

The entity page shows, next to what the lists state, the resolved party's entries on
every list and document, its red flags, its exposure with the path that gives it, and
the documents that mention it. All of it comes from the service's network
(:mod:`frontwatch.api.network`) and the stored documents.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from markupsafe import Markup, escape

from frontwatch.api.network import (
    DocumentNames,
    document_sentence,
    exposure_json,
    flag_json,
    unique_flags,
)
from frontwatch.extract.documents import find_document
from frontwatch.graph import Network, flags
from frontwatch.store import Store, is_document_source

RULES = {
    "identifier": "same identifier",
    "name": "same name",
    "document": "document linked to this entry",
}
STEP_WORDS = {
    "linked_to": "Linked To",
    "link": "linked to",
    "ownership": "ownership",
    "succession": "succession",
    "directorship": "director or officer",
    "membership": "member",
    "employment": "employee",
    "family": "family",
    "associate": "associate",
    "representation": "representative",
    "identifier": "same identifier",
    "address": "same address",
    "phone": "same phone",
    "email": "same email",
    "website": "same website",
    "document": "a document says",
}
_NODE_REF = re.compile(r"\(([^()\s]+)\)")


def entity_link(entity_id: str, caption: str) -> Markup:
    """A link to an entity's page."""
    return Markup('<a href="/ui/entity/{}">{}</a>').format(quote(entity_id, safe=""), caption)


# A document predicate after "a document says it …" in a flag's message, as English.
SAYS = {
    "says it owned by": "says it is owned by",
    "says it controlled by": "says it is controlled by",
    "says it supplied to": "says it supplied",
    "says it front company for": "says it is a front company for",
}


def linked_message(net: Network, message: str) -> Markup:
    """A flag's message with each ``CAPTION (ID)`` it names turned into a link."""
    for words, better in SAYS.items():
        message = message.replace(words, better)
    out = str(escape(message))
    for node in dict.fromkeys(_NODE_REF.findall(message)):
        if node not in net.graph:
            continue
        caption = net.graph.nodes[node]["caption"]
        plain = str(escape(f"{caption} ({node})"))
        out = out.replace(plain, str(entity_link(node, caption)))
    return Markup(out)


def evidence_text(text: str, source: str = "") -> str:
    """A relation's evidence as a reader wants it: the list's wording without the store's ids."""
    if source and text.startswith(f"{source} entry "):
        text = text.removeprefix(f"{source} ")
    found = re.match(r"^country (\w+) of (.*)$", text)
    if found:
        n = len(found.group(2).split(", "))
        whom = "it" if n == 1 else f"{n} of its entries"
        return f"the country code “{found.group(1)}” given for {whom}"
    return re.sub(r"^(same \w+ )'([^']*)' \(.*\)$", r"\1“\2”", text)


def step_view(step: dict[str, Any]) -> dict[str, Any]:
    """One step of a path for a page: what joins the two parties, and why we know."""
    evidence = []
    for rel in step["evidence"]:
        doc = rel["document"]
        evidence.append(
            {
                "role": rel["role"].replace("_", " "),
                "source": rel["source"],
                "text": evidence_text(rel["evidence"], rel["source"]),
                "document": doc,
                "relation_id": rel["relation_id"],
            }
        )
    return {
        **step,
        "words": STEP_WORDS.get(step["kind"], step["kind"].replace("_", " ")),
        "role_words": step["role"].replace("_", " "),
        "evidence_rows": evidence,
    }


def path_view(path: dict[str, Any]) -> dict[str, Any]:
    """A path for a page: its nodes and, between them, the explained steps."""
    return {**path, "step_views": [step_view(s) for s in path["steps"]]}


@dataclass
class PartyFacts:
    """The network's view of one entity."""

    node: str | None
    caption: str = ""
    entries: list[dict[str, Any]] = field(default_factory=list)
    flags: list[dict[str, Any]] = field(default_factory=list)
    exposure: dict[str, Any] | None = None
    documents: list[dict[str, Any]] = field(default_factory=list)


def _doc_entity_facts(doc_extraction: dict[str, Any], entity_id: str) -> dict[str, Any] | None:
    entities = {e["id"]: e for e in doc_extraction.get("entities", [])}
    found = entities.get(entity_id)
    if found is None:
        return None
    said = []
    for r in doc_extraction.get("relations", []):
        if entity_id not in (r["subject"], r["object"]):
            continue
        said.append(
            {
                "subject": entities.get(r["subject"], {}).get("name", r["subject"]),
                "predicate": r["predicate"].replace("_", " "),
                "object": entities.get(r["object"], {}).get("name", r["object"]),
                "sentence": (r.get("evidence") or {}).get("text", ""),
            }
        )
    return {
        "name": found["name"],
        "mentions": len(found.get("mentions", [])),
        "relations": said,
    }


def documents_mentioning(store: Store, ids: list[str]) -> list[dict[str, Any]]:
    """The stored documents that name one of these entities, or link a name to them."""
    doc_entities: set[str] = {i for i in ids if i.startswith("doc-")}
    for eid in ids:
        for ref in store.referencing(eid):
            if ref["schema"] == "Similar" and eid in ref.get("properties", {}).get("match", []):
                doc_entities.update(ref["properties"].get("candidate", []))
    by_doc: dict[str, dict[str, Any]] = {}
    for data in store.get_entities(doc_entities).values():
        if not is_document_source(data["source"]):
            continue
        doc = find_document(store, data["source"])
        if doc is None:
            continue
        facts = _doc_entity_facts(doc.extraction, data["id"])
        if facts is None:
            continue
        row = by_doc.setdefault(
            doc.id,
            {
                "id": doc.id,
                "title": doc.title or doc.name,
                "stored": doc.ingested_at,
                "names": [],
                "mentions": 0,
                "relations": [],
            },
        )
        if facts["name"] not in row["names"]:
            row["names"].append(facts["name"])
        row["mentions"] += facts["mentions"]
        row["relations"].extend(facts["relations"])
    return sorted(by_doc.values(), key=lambda d: d["stored"], reverse=True)


def party_facts(net: Network, store: Store, entity_id: str) -> PartyFacts:
    """Entries, red flags, exposure and documents of the party an entity belongs to."""
    node = net.node_of(entity_id)
    if node is None:
        return PartyFacts(
            node=None, documents=documents_mentioning(store, [entity_id]) if entity_id else []
        )
    attrs = net.graph.nodes[node]
    members: list[str] = list(attrs["members"])
    found = store.get_entities(members)
    rules: dict[str, str] = {}
    for m in net.merges.get(node, []):
        for end in (m.get("a"), m.get("b")):
            if end:
                rules.setdefault(end, RULES.get(m.get("rule", ""), m.get("rule", "")))
    entries = []
    for member in members:
        data = found.get(member)
        if data is None:
            continue
        entries.append(
            {
                "id": member,
                "caption": data["caption"],
                "source": data["source"],
                "source_id": data.get("source_id"),
                "document": is_document_source(data["source"]),
                "rule": rules.get(member, ""),
            }
        )
    docs = DocumentNames(store)
    flag_rows = []
    for f in unique_flags(flags(net, node)):
        row = flag_json(net, f, docs)
        row["html"] = linked_message(net, f.message)
        row["evidence_text"] = [_flag_evidence(docs, ev) for ev in f.evidence]
        flag_rows.append(row)
    flag_rows.sort(key=lambda r: (r["kind"] == "transshipment_hub", r["kind"]))
    exposure = exposure_json(net, node, docs)
    if exposure["path"] is not None:
        exposure["path"] = path_view(exposure["path"])
    return PartyFacts(
        node=node,
        caption=attrs["caption"],
        entries=entries,
        flags=flag_rows,
        exposure=exposure,
        documents=documents_mentioning(store, members),
    )


def _flag_evidence(docs: DocumentNames, text: str) -> dict[str, Any]:
    source, sep, rest = text.partition(": ")
    doc = docs.get(source) if sep else None
    if doc is not None:
        return {"document": doc, "text": document_sentence(rest)[0]}
    return {"document": None, "text": evidence_text(text)}
