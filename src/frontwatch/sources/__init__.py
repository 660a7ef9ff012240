"""List parsers, one module per publisher format, and the recognition of list files.

``discover(paths)`` turns files and folders into ``ListFiles`` (which source,
which format, which companion files); ``get_parser(format)`` gives the parser.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable
from importlib import import_module
from pathlib import Path

from normality import slugify

from frontwatch.sources.base import (
    SOURCES,
    ListFiles,
    ListParseError,
    ParseContext,
    Parser,
)

__all__ = [
    "SOURCES",
    "FORMATS",
    "ListFiles",
    "ListParseError",
    "ParseContext",
    "Parser",
    "detect",
    "discover",
    "get_parser",
]

# format name -> "module:function"; imported when first used.
FORMATS: dict[str, str] = {
    "ofac_xml": "frontwatch.sources.us_ofac:parse_ofac_xml",
    "ofac_csv": "frontwatch.sources.us_ofac:parse_ofac_csv",
    "un_xml": "frontwatch.sources.un_sc:parse_un_xml",
    "csl_csv": "frontwatch.sources.us_trade_csl:parse_csl_csv",
    "dpl_txt": "frontwatch.sources.us_bis_dpl:parse_dpl",
    "ftm": "frontwatch.sources.ftm:parse_ftm",
}

# Companion files of the OFAC legacy CSV sets, by the main file's name.
_OFAC_CSV_SETS: dict[str, tuple[str, dict[str, str]]] = {
    "sdn.csv": (
        "us_ofac_sdn",
        {"add": "add.csv", "alt": "alt.csv", "comments": "sdn_comments.csv"},
    ),
    "cons_prim.csv": (
        "us_ofac_cons",
        {"add": "cons_add.csv", "alt": "cons_alt.csv", "comments": "cons_comments.csv"},
    ),
}
_COMPANIONS = {name for _, extras in _OFAC_CSV_SETS.values() for name in extras.values()}
_XML_ROOT = re.compile(rb"<([A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)[\s>/]")


def get_parser(fmt: str) -> Parser:
    """The parser function for a format name."""
    target = FORMATS.get(fmt)
    if target is None:
        raise KeyError(f"unknown list format {fmt!r}; known: {', '.join(sorted(FORMATS))}")
    module_name, func = target.split(":")
    parser: Parser = getattr(import_module(module_name), func)
    return parser


def _xml_root(path: Path) -> str | None:
    """The local name of an XML file's root element, read from its first bytes."""
    with open(path, "rb") as fh:
        head = fh.read(8192)
    # Skip the declaration, comments, processing instructions and DOCTYPE.
    head = re.sub(rb"<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>\[]*(\[.*?\])?\s*>", b"", head, flags=re.S)
    match = _XML_ROOT.search(head)
    return match.group(2).decode("ascii") if match else None


def _first_line(path: Path) -> str:
    with open(path, encoding="utf-8-sig", errors="replace") as fh:
        return fh.readline().strip()


def _ftm_source(path: Path) -> str:
    """The source name of an FtM file: a known source in its name, else its name."""
    stem = path.name
    for suffix in (".ftm.json", ".ftm.jsonl", ".jsonl", ".json", ".ijson"):
        if stem.lower().endswith(suffix):
            stem = stem[: -len(suffix)]
            break
    if stem in SOURCES:
        return stem
    return (slugify(stem, sep="_") or "ftm").lower()


def _looks_like_ftm(path: Path) -> bool:
    line = _first_line(path)
    if not line.startswith("{"):
        return False
    try:
        data = json.loads(line)
    except json.JSONDecodeError:
        return path.name.lower().endswith((".ftm.json", ".ftm.jsonl"))
    return isinstance(data, dict) and "schema" in data and "id" in data


def detect(path: Path) -> ListFiles | None:
    """Which list a file is, or ``None`` when it is no list frontwatch reads."""
    name = path.name.lower()
    if name in _OFAC_CSV_SETS:
        source, roles = _OFAC_CSV_SETS[name]
        extras = {}
        for role, fname in roles.items():
            companion = path.parent / fname
            if companion.exists():
                extras[role] = companion
        return ListFiles(source, "ofac_csv", path, extras)
    if name in _COMPANIONS:
        return None
    if name.endswith(".xml"):
        root = _xml_root(path)
        if root == "sdnList":
            source = "us_ofac_cons" if "cons" in name else "us_ofac_sdn"
            return ListFiles(source, "ofac_xml", path)
        if root == "CONSOLIDATED_LIST":
            return ListFiles("un_sc", "un_xml", path)
        return None
    if name.endswith(".csv"):
        header = next(csv.reader([_first_line(path)]), [])
        if header[:3] == ["_id", "source", "entity_number"]:
            return ListFiles("us_trade_csl", "csl_csv", path)
        return None
    if name.endswith(".txt"):
        header = _first_line(path).replace('"', "").split("\t")
        if header[:2] == ["Name", "Street_Address"]:
            return ListFiles("us_bis_dpl", "dpl_txt", path)
        return None
    if name.endswith((".json", ".jsonl", ".ijson")) and _looks_like_ftm(path):
        return ListFiles(_ftm_source(path), "ftm", path)
    return None


def discover(paths: Iterable[Path]) -> tuple[list[ListFiles], list[Path]]:
    """Every list file in ``paths`` (files or folders, searched recursively).

    Returns the recognised lists and the files that were passed over. A file
    named explicitly that is not a known list raises ``ListParseError``.
    """
    found: list[ListFiles] = []
    skipped: list[Path] = []
    for path in paths:
        if not path.exists():
            raise ListParseError(path, None, "no such file or folder")
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if child.name.startswith("."):
                    continue
                files = detect(child)
                if files is None:
                    if child.name.lower() not in _COMPANIONS:
                        skipped.append(child)
                else:
                    found.append(files)
        else:
            files = detect(path)
            if files is None:
                raise ListParseError(
                    path,
                    None,
                    "not a list file frontwatch knows (OFAC XML/CSV, UN XML, trade.gov CSL CSV, "
                    "BIS DPL text, FollowTheMoney JSON lines)",
                )
            found.append(files)
    return found, skipped
