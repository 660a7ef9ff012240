"""The resolved network for the API and the web UI: paths, red flags and exposure.

The network (:mod:`frontwatch.graph`: parties resolved across lists and documents,
joined by relations and shared facts) is built once per process and per store and
kept in memory; it is built again when the store's current versions change (a list
loaded, a document ingested): every use compares the store's key with the kept
network's (a few milliseconds), and the service's background thread rebuilds it
ahead of the requests, as it does for the screening index. Several apps over the same
store in one process (tests, ``--workers`` share nothing) share one network.

The answers reuse :mod:`frontwatch.graph.query` (``paths``, ``flags``, ``exposure``,
``path_as_dict``) and add what a reader needs: captions, designations and, for a
relation a document states, the document (id, title, page) and the sentence.
"""

from __future__ import annotations

import logging
import re
import threading
from dataclasses import asdict
from typing import Any

from frontwatch.graph import Flag, Network, Path, exposure, flags, load_network, path_as_dict
from frontwatch.graph.build import store_key
from frontwatch.store import Store, is_document_source

log = logging.getLogger("frontwatch.api")

MAX_HOPS = 6
EXPOSURE_HOPS = 4

_networks: dict[str, Network] = {}
_locks: dict[str, threading.Lock] = {}
_guard = threading.Lock()

FLAG_LABELS: dict[str, tuple[str, str]] = {
    "shared_address": (
        "Shared address",
        "The same address is given for a designated party: front companies often use "
        "the registered address of the party they buy for.",
    ),
    "shared_phone": ("Shared phone", "The same phone number is given for a designated party."),
    "shared_email": ("Shared email", "The same email address is given for a designated party."),
    "shared_website": ("Shared website", "The same website is given for a designated party."),
    "shared_identifier": (
        "Shared identifier",
        "The same registration, tax, passport or vessel number is given for a designated party.",
    ),
    "document_procurement": (
        "Procurement in a document",
        "A stored document says it buys for, supplies, fronts for or is owned or "
        "controlled by a designated party.",
    ),
    "transshipment_hub": (
        "Trans-shipment hub",
        "It is registered where goods bound for Iran or Russia are often re-exported "
        "(FinCEN, BIS and OFSI advisories).",
    ),
    "former_name_of_designated": (
        "Former name of a designated party",
        "One of its names is a former name (f.k.a.) of a designated party: a renamed "
        "company can keep trading under its old name.",
    ),
    "designated_officer": ("Designated officer", "A director or officer of it is designated."),
    "shared_officer": (
        "Shared officer",
        "One of its directors or officers is also an officer of a designated party.",
    ),
}
KIND_LABELS: dict[str, str] = {
    "linked_to": "Linked To",
    "link": "link",
    "ownership": "ownership",
    "succession": "succession",
    "directorship": "directorship",
    "membership": "membership",
    "employment": "employment",
    "family": "family",
    "associate": "associate",
    "representation": "representation",
    "identifier": "same identifier",
    "address": "same address",
    "phone": "same phone",
    "email": "same email",
    "website": "same website",
    "document": "stated in a document",
}


def _lock_for(url: str) -> threading.Lock:
    with _guard:
        return _locks.setdefault(url, threading.Lock())


class NetworkHolder:
    """The network of one store, loaded on first use and rebuilt when the store changes."""

    def __init__(self, store: Store) -> None:
        self.store = store

    @property
    def ready(self) -> bool:
        """Whether a network of this store is in memory (it may be about to be rebuilt)."""
        return self.store.url in _networks

    def get(self) -> Network:
        """The network of the store's current versions (built or loaded if needed)."""
        url = self.store.url
        key = store_key(self.store)
        net = _networks.get(url)
        if net is not None and net.key == key:
            return net
        with _lock_for(url):
            net = _networks.get(url)
            if net is not None and net.key == store_key(self.store):
                return net
            try:
                fresh = load_network(self.store)
            except FileNotFoundError:
                # Another process renamed the shared cache file first: read its result.
                fresh = load_network(self.store)
            if net is not None:
                log.info("store changed: network %s -> %s", net.key[:12], fresh.key[:12])
            _networks[url] = fresh
            return fresh

    def refresh(self) -> bool:
        """Rebuild a network in memory whose store changed; whether it did."""
        net = _networks.get(self.store.url)
        if net is None or net.key == store_key(self.store):
            return False
        self.get()
        return True


# -- JSON ---------------------------------------------------------------------------


def node_json(net: Network, node: str) -> dict[str, Any]:
    """A node as the API shows it: caption, schema, designation, the entries it resolves."""
    data = net.graph.nodes[node]
    return {
        "id": node,
        "caption": data["caption"],
        "schema": data["schema"],
        "designated": data["designated"],
        "sanctions": data["sanctions"],
        "countries": data["countries"],
        "members": data["members"],
        "sources": data["sources"],
    }


class DocumentNames:
    """Titles of the documents behind ``doc_*`` sources, looked up once per answer."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._found: dict[str, dict[str, Any] | None] = {}

    def get(self, source: str) -> dict[str, Any] | None:
        """``{"id", "title", "page"}`` of the document a source holds, or ``None``."""
        if not is_document_source(source):
            return None
        if source not in self._found:
            from frontwatch.extract.documents import find_document

            doc = find_document(self.store, source)
            self._found[source] = (
                None
                if doc is None
                else {
                    "id": doc.id,
                    "title": doc.title or doc.name,
                    "page": f"/ui/documents/{doc.id}",
                    "api": f"/documents/{doc.id}",
                }
            )
        return self._found[source]


def relation_json(rel: dict[str, Any], docs: DocumentNames) -> dict[str, Any]:
    """One relation of an edge as evidence: its kind, role, source and the text that says it."""
    out = {
        "kind": rel["kind"],
        "role": rel["role"],
        "source": rel["source"],
        "relation_id": rel["relation_id"],
        "subject": rel["subject"],
        "object": rel["object"],
        "strength": rel["strength"],
        "evidence": rel["evidence"],
        "document": None,
    }
    doc = docs.get(rel["source"])
    if doc is not None:
        sentence, start, end = document_sentence(rel["evidence"])
        out["evidence"] = sentence
        out["document"] = {**doc, "sentence": sentence, "start": start, "end": end}
    return out


_OFFSETS = re.compile(r"\s*evidence: characters (\d+)-(\d+) of \S+\s*$")


def document_sentence(text: str) -> tuple[str, int | None, int | None]:
    """The sentence of a document relation's evidence and its offsets in the document.

    The network joins a relation's description (the sentence) and summary
    (``evidence: characters START-END of DOC``); this splits them again.
    """
    found = _OFFSETS.search(text)
    if found is None:
        return text, None, None
    return text[: found.start()].strip(), int(found.group(1)), int(found.group(2))


def path_json(net: Network, p: Path, docs: DocumentNames) -> dict[str, Any]:
    """A path as ``path_as_dict`` gives it, each step with its evidence spelled out."""
    base = path_as_dict(net, p)
    captions = {n["id"]: n["caption"] for n in base["nodes"]}
    for node in base["nodes"]:
        data = net.graph.nodes[node["id"]] if node["id"] in net.graph else {}
        node["schema"] = data.get("schema", "Thing")  # the query itself is no node
        node["sanctions"] = data.get("sanctions", [])
        node["query"] = node["id"] not in net.graph
    steps = []
    for step in base["steps"]:
        relations = [relation_json(r, docs) for r in step["relations"]]
        steps.append(
            {
                "from": step["from"],
                "from_caption": captions[step["from"]],
                "to": step["to"],
                "to_caption": captions[step["to"]],
                "kind": step["kind"],
                "kind_label": KIND_LABELS.get(step["kind"], step["kind"]),
                "role": relations[0]["role"] if relations else step["kind"],
                "strength": step["strength"],
                "evidence": relations,
            }
        )
    base["steps"] = steps
    base["target"] = base["nodes"][-1]
    return base


_NODE_REF = re.compile(r"\(([^()\s]+)\)")


def _named_nodes(net: Network, message: str) -> list[str]:
    """The nodes a flag's message names as ``CAPTION (ID)``."""
    return [m for m in _NODE_REF.findall(message) if m in net.graph]


def flag_json(net: Network, flag: Flag, docs: DocumentNames) -> dict[str, Any]:
    """A red flag with its label, what it means, the parties it names and its evidence."""
    label, meaning = FLAG_LABELS.get(flag.kind, (flag.kind.replace("_", " ").capitalize(), ""))
    documents = []
    for ev in flag.evidence:
        source, _, _ = ev.partition(": ")
        doc = docs.get(source)
        if doc is not None and doc not in documents:
            documents.append(doc)
    named = _named_nodes(net, flag.message)
    return {
        **asdict(flag),
        "label": label,
        "meaning": meaning,
        "counterpart": node_json(net, flag.counterpart) if flag.counterpart else None,
        "parties": [
            {
                "id": n,
                "caption": net.graph.nodes[n]["caption"],
                "designated": net.graph.nodes[n]["designated"],
            }
            for n in named
        ],
        "documents": documents,
    }


def unique_flags(found: list[Flag]) -> list[Flag]:
    """The flags without repeats (one per kind, message and evidence), in their order."""
    seen: set[tuple[str, str, tuple[str, ...]]] = set()
    out = []
    for f in found:
        key = (f.kind, f.message, tuple(f.evidence))
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


def exposure_json(
    net: Network, node: str, docs: DocumentNames, max_hops: int = EXPOSURE_HOPS
) -> dict[str, Any]:
    """The exposure score of a node and the path that gives it."""
    score, best = exposure(net, node, max_hops)
    designated = bool(net.graph.nodes[node]["designated"])
    return {
        "score": round(score, 4),
        "designated": designated,
        "max_hops": max_hops,
        "path": path_json(net, best, docs) if best is not None else None,
    }


def flags_report(net: Network, store: Store, node: str) -> dict[str, Any]:
    """Everything ``GET /graph/flags/{id}`` answers for a node."""
    docs = DocumentNames(store)
    return {
        "entity": node_json(net, node),
        "exposure": exposure_json(net, node, docs),
        "flags": [flag_json(net, f, docs) for f in unique_flags(flags(net, node))],
    }
