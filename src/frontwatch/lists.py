"""Loading lists into the store: find the files, parse them, write a version.

The command line and the API call these functions; they report progress
through a small callback object so that a progress bar can be shown.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol

from followthemoney.proxy import EntityProxy

from frontwatch.sources import ListFiles, ListParseError, ParseContext, detect, discover, get_parser
from frontwatch.sources.urls import OFFICIAL_URLS
from frontwatch.store import Store, VersionDraft, VersionInfo, frontwatch_home


def default_lists_dir() -> Path | None:
    """``$FRONTWATCH_LISTS``, else ``../shared/data/lists`` when it exists."""
    env = os.environ.get("FRONTWATCH_LISTS")
    if env:
        return Path(env)
    for base in (Path.cwd(), Path(__file__).resolve().parents[3]):
        candidate = (base / ".." / "shared" / "data" / "lists").resolve()
        if candidate.is_dir():
            return candidate
    return None


class Progress(Protocol):
    """What the loader reports while it works."""

    def start(self, files: ListFiles, size: int) -> None: ...
    def advance(self, entities: int) -> None: ...
    def finish(self, result: LoadResult) -> None: ...


class _Silent:
    def start(self, files: ListFiles, size: int) -> None:
        pass

    def advance(self, entities: int) -> None:
        pass

    def finish(self, result: LoadResult) -> None:
        pass


@dataclass
class LoadResult:
    """The outcome of loading one list file set."""

    files: ListFiles
    status: str  # "loaded", "unchanged" or "failed"
    version: VersionInfo | None = None
    error: str | None = None
    seconds: float = 0.0


def checksum_files(files: ListFiles) -> str:
    """SHA-256 over the content of every file in the set, in a fixed order."""
    digest = hashlib.sha256()
    for role, path in [("main", files.main), *sorted(files.extras.items())]:
        digest.update(role.encode())
        with open(path, "rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                digest.update(chunk)
    return digest.hexdigest()


_PUBLISH_DATE = re.compile(rb"<Publish_Date>\s*(\d{2})/(\d{2})/(\d{4})\s*</Publish_Date>")
_UN_DATE = re.compile(rb'dateGenerated="(\d{4}-\d{2}-\d{2})')


def _stated_date(files: ListFiles) -> str | None:
    """The publication date a file states in its first bytes, when it does."""
    if files.format not in ("ofac_xml", "un_xml"):
        return None
    with open(files.main, "rb") as fh:
        head = fh.read(4096)
    if m := _PUBLISH_DATE.search(head):
        return f"{m.group(3).decode()}-{m.group(1).decode()}-{m.group(2).decode()}"
    if m := _UN_DATE.search(head):
        return m.group(1).decode()
    return None


def _highest_record(files: ListFiles) -> int:
    """The highest numeric record id in an OFAC CSV (ids only grow over time)."""
    if files.format != "ofac_csv":
        return 0
    top = 0
    with open(files.main, encoding="latin-1") as fh:
        for line in fh:
            head = line.split(",", 1)[0]
            if head.isdigit():
                top = max(top, int(head))
    return top


def load_order(found: Iterable[ListFiles]) -> list[ListFiles]:
    """Order file sets so that, per source, the newest is loaded last (and is current).

    Files that state their publication date are ordered by it and load after
    files that state none (legacy exports); those are ordered by their highest
    record id, which only grows at OFAC.
    """
    keyed = []
    for files in found:
        date = _stated_date(files)
        keyed.append(((files.source, date is not None, date or "", _highest_record(files)), files))
    keyed.sort(key=lambda kv: kv[0])
    return [files for _, files in keyed]


def _file_date(path: Path) -> str:
    mtime = datetime.fromtimestamp(path.stat().st_mtime, tz=UTC)
    return mtime.date().isoformat()


def load_files(store: Store, files: ListFiles, progress: Progress | None = None) -> LoadResult:
    """Parse one list file set and store it as a new version, unless already stored."""
    progress = progress or _Silent()
    t0 = time.perf_counter()
    size = sum(p.stat().st_size for p in files.paths)
    progress.start(files, size)
    try:
        checksum = checksum_files(files)
        existing = store.find_version(files.source, checksum)
        if existing is not None:
            result = LoadResult(files, "unchanged", existing, seconds=time.perf_counter() - t0)
            progress.finish(result)
            return result
        ctx = ParseContext(files)
        parser = get_parser(files.format)
        draft = VersionDraft(
            source=files.source,
            checksum=checksum,
            format=files.format,
            files=[str(p) for p in files.paths],
            file_date=_file_date(files.main),
        )

        def stream() -> Iterator[EntityProxy]:
            yield from parser(ctx)
            # The parser has read the whole file: what it found in the header counts.
            draft.issued = ctx.issued
            draft.record_count = ctx.record_count

        version = store.write_version(
            draft, _with_meta(stream(), draft, ctx), on_entity=progress.advance, started=t0
        )
    except ListParseError as exc:
        result = LoadResult(files, "failed", error=str(exc), seconds=time.perf_counter() - t0)
    except (OSError, UnicodeDecodeError) as exc:
        result = LoadResult(
            files, "failed", error=f"{files.main}: {exc}", seconds=time.perf_counter() - t0
        )
    else:
        result = LoadResult(files, "loaded", version, seconds=time.perf_counter() - t0)
    progress.finish(result)
    return result


def _with_meta(
    proxies: Iterator[EntityProxy], draft: VersionDraft, ctx: ParseContext
) -> Iterator[EntityProxy]:
    """Pass entities through; copy the parser's header facts into the draft as they appear."""
    for proxy in proxies:
        draft.issued = ctx.issued
        draft.record_count = ctx.record_count
        yield proxy


def load_paths(
    store: Store, paths: Iterable[Path], progress: Progress | None = None
) -> tuple[list[LoadResult], list[Path]]:
    """Load every list found in ``paths``; returns the results and the files passed over."""
    found, skipped = discover(paths)
    results = [load_files(store, files, progress) for files in load_order(found)]
    return results, skipped


def download_lists(
    sources: Iterable[str] | None = None,
    urls: dict[str, list[tuple[str, str]]] | None = None,
    dest: Path | None = None,
    timeout: float = 120.0,
) -> tuple[list[ListFiles], dict[str, str]]:
    """Fetch the current official files; returns what was fetched and the failures."""
    urls = urls if urls is not None else OFFICIAL_URLS
    wanted = list(sources) if sources else list(urls)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    dest = dest or frontwatch_home() / "downloads"
    fetched: list[ListFiles] = []
    failures: dict[str, str] = {}
    for source in wanted:
        if source not in urls:
            failures[source] = f"no official URL is known for {source!r}"
            continue
        folder = dest / source / stamp
        folder.mkdir(parents=True, exist_ok=True)
        try:
            for fname, url in urls[source]:
                _download(url, folder / fname, timeout)
            files = detect(folder / urls[source][0][0])
            if files is None or files.source != source:
                raise ListParseError(
                    folder / urls[source][0][0], None, f"the file from {url} is not a {source} list"
                )
            fetched.append(files)
        except (OSError, urllib.error.URLError, ListParseError) as exc:
            reason = getattr(exc, "reason", None) or exc
            failures[source] = f"could not fetch {source}: {reason}"
            shutil.rmtree(folder, ignore_errors=True)
    return fetched, failures


def _download(url: str, target: Path, timeout: float) -> None:
    """Stream a URL to ``target``; the file appears only when complete."""
    request = urllib.request.Request(url, headers={"User-Agent": "frontwatch"})
    with (
        urllib.request.urlopen(request, timeout=timeout) as response,
        tempfile.NamedTemporaryFile(dir=target.parent, delete=False) as tmp,
    ):
        shutil.copyfileobj(response, tmp, 1 << 20)
    Path(tmp.name).replace(target)
