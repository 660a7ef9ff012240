"""Documents in: plain text, HTML (main text only) and PDF (text layer), from files or URLs.

``read_path(path)`` and ``read_url(url)`` return a ``SourceDocument``: the text
that extraction reads (every character offset refers to it), a title, the
SHA-256 of the bytes as published and the format. Input that cannot be read as
text — an empty file, a binary, a PDF without a text layer, bytes in an unknown
encoding — raises ``DocumentError`` with a message that says what to do.
"""

from __future__ import annotations

import hashlib
import io
import re
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

MAX_BYTES = 50 * 1024 * 1024
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
# Page furniture: elements whose text is never the document's own.
FURNITURE_TAGS = (
    "script",
    "style",
    "noscript",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "iframe",
    "svg",
    "button",
    "template",
    "menu",
)
FURNITURE_ROLES = ("navigation", "banner", "contentinfo", "complementary", "search", "menu")
FURNITURE_CLASS = re.compile(
    r"(^|[\s_-])(nav|navbar|menu|breadcrumbs?|footer|header|sidebar|cookie|share|social|"
    r"related|skip-link|visually-hidden|sr-only)($|[\s_-])",
    re.I,
)
BLOCK_TAGS = frozenset(
    "p div section article main h1 h2 h3 h4 h5 h6 li ul ol table tr blockquote pre br hr "
    "dd dt dl figcaption address td th caption".split()
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SPACES = re.compile(r"[ \t\u00a0\u2009\u202f]+")
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_-]+)""", re.I)


class DocumentError(ValueError):
    """A document that cannot be read as text (the message says why and what to do)."""


@dataclass
class SourceDocument:
    """A document as extraction reads it."""

    text: str
    title: str | None
    source_url: str | None
    sha256: str
    format: str  # "text", "html" or "pdf"
    name: str  # the file name or URL it was read from

    @property
    def id(self) -> str:
        """The document's id in frontwatch: ``doc-`` and the first 12 hex digits of its SHA-256."""
        return f"doc-{self.sha256[:12]}"


def read_path(path: Path, source_url: str | None = None) -> SourceDocument:
    """Read a text, HTML or PDF file."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise DocumentError(f"{path}: {size:,} bytes is more than a document can be")
        data = path.read_bytes()
    except FileNotFoundError:
        raise DocumentError(f"no such file: {path}") from None
    except IsADirectoryError:
        raise DocumentError(f"{path} is a folder; give the document files") from None
    except OSError as exc:
        raise DocumentError(f"cannot read {path}: {exc.strerror}") from None
    return read_bytes(data, str(path), source_url=source_url)


def read_url(url: str, timeout: float = 30.0) -> SourceDocument:
    """Fetch a document over HTTP(S) with urllib and read it."""
    if not url.lower().startswith(("http://", "https://")):
        raise DocumentError(f"{url}: only http:// and https:// addresses are fetched")
    request = urllib.request.Request(url, headers={"User-Agent": "frontwatch document reader"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            data = response.read(MAX_BYTES + 1)
            content_type = response.headers.get("Content-Type")
            final_url = response.geturl() or url
    except urllib.error.HTTPError as exc:
        raise DocumentError(f"{url}: the server answered {exc.code} {exc.reason}") from None
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise DocumentError(f"{url}: cannot fetch it ({reason})") from None
    if len(data) > MAX_BYTES:
        raise DocumentError(f"{url}: more than {MAX_BYTES:,} bytes; download it and trim it")
    return read_bytes(data, url, content_type=content_type, source_url=final_url)


def read_bytes(
    data: bytes,
    name: str,
    content_type: str | None = None,
    source_url: str | None = None,
) -> SourceDocument:
    """Read a document from its bytes; the format is told by content type, name and content."""
    if not data.strip():
        raise DocumentError(f"{name} is empty: there is no text to read")
    sha = hashlib.sha256(data).hexdigest()
    ctype = (content_type or "").lower()
    lower_name = name.lower().split("?", 1)[0]
    if data.startswith(b"%PDF") or "application/pdf" in ctype:
        text, title = _pdf_text(data, name)
        fmt = "pdf"
    elif "html" in ctype or lower_name.endswith(HTML_SUFFIXES) or _looks_like_html(data):
        text, title = _html_text(_decode(data, name, ctype), name)
        fmt = "html"
    else:
        text = _clean_text(_decode(data, name, ctype))
        title = _first_title_line(text)
        fmt = "text"
    if not text.strip():
        raise DocumentError(f"{name} holds no readable text")
    return SourceDocument(text, title, source_url, sha, fmt, name)


def _looks_like_html(data: bytes) -> bool:
    head = data[:2048].lstrip().lower()
    return (
        head.startswith((b"<!doctype html", b"<html", b"<?xml")) and b"<html" in data[:4096].lower()
    )


def _decode(data: bytes, name: str, content_type: str = "") -> str:
    """Text from bytes: UTF-8 (with or without BOM), UTF-16 with BOM, or a declared charset."""
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DocumentError(f"{name} looks like a binary file, not a text, HTML or PDF document")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise DocumentError(f"{name}: its UTF-16 text is damaged") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    declared = None
    match = re.search(r"charset=([A-Za-z0-9_-]+)", content_type)
    if match:
        declared = match.group(1)
    else:
        meta = _CHARSET.search(data[:4096])
        if meta:
            declared = meta.group(1).decode("ascii")
    if declared and declared.lower().replace("_", "-") not in ("utf-8", "utf8"):
        try:
            return data.decode(declared)
        except (LookupError, UnicodeDecodeError):
            pass
    raise DocumentError(
        f"{name} is not UTF-8 text and declares no encoding frontwatch can use; "
        "convert it to UTF-8 (e.g. iconv -f WINDOWS-1252 -t UTF-8)"
    )


def _clean_text(text: str) -> str:
    """Newlines unified, control characters and trailing spaces taken out."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if len(_CONTROL.findall(text[:8192])) > 50:
        raise DocumentError("the file is mostly control characters: it is not a text document")
    text = _CONTROL.sub(" ", text)
    return "\n".join(line.rstrip() for line in text.split("\n")).strip("\n")


def _first_title_line(text: str) -> str | None:
    """The first line that reads like a title (three words or more), cut to 160 characters."""
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    for line in lines[:8]:
        if len(line.split()) >= 3:
            return line if len(line) <= 160 else line[:157].rstrip() + "…"
    return lines[0][:160] if lines else None


def _is_furniture(el: object) -> bool:
    tag = getattr(el, "tag", None)
    if not isinstance(tag, str):
        return False
    if tag.lower() in FURNITURE_TAGS:
        return True
    get = el.get  # type: ignore[attr-defined]
    if (get("role") or "").lower() in FURNITURE_ROLES:
        return True
    if get("hidden") is not None or (get("aria-hidden") or "").lower() == "true":
        return True
    marks = f"{get('class') or ''} {get('id') or ''}"
    return bool(FURNITURE_CLASS.search(marks))


def _html_text(html: str, name: str) -> tuple[str, str | None]:
    """The main text of an HTML page, block by block, without navigation or page furniture."""
    import lxml.etree
    import lxml.html

    try:
        root = lxml.html.document_fromstring(html.encode("utf-8"), parser=_html_parser())
    except (lxml.etree.ParserError, ValueError) as exc:
        raise DocumentError(f"{name}: cannot read it as HTML ({exc})") from None
    title = None
    for path in ("//h1", "//title"):
        found = root.xpath(path)
        if found:
            title = " ".join(found[0].text_content().split()) or None
            if title:
                break
    for el in list(root.iter()):
        if el.getparent() is not None and _is_furniture(el):
            el.drop_tree()
    body = root.find("body")
    main = (
        root.xpath("//main") or root.xpath("//article") or ([body] if body is not None else [root])
    )
    parts: list[str] = []
    _walk(main[0], parts)
    lines = [_SPACES.sub(" ", ln).strip() for ln in "".join(parts).split("\n")]
    paragraphs = [ln for ln in lines if ln]
    return "\n\n".join(paragraphs), title


def _html_parser() -> object:
    import lxml.html

    return lxml.html.HTMLParser(encoding="utf-8", remove_comments=True, no_network=True)


def _walk(el: object, parts: list[str]) -> None:
    tag = getattr(el, "tag", "")
    tag = tag.lower() if isinstance(tag, str) else ""
    block = tag in BLOCK_TAGS
    if block:
        parts.append("\n")
    text = getattr(el, "text", None)
    if text:
        parts.append(text.replace("\n", " "))
    for child in el:  # type: ignore[attr-defined]
        _walk(child, parts)
        tail = child.tail
        if tail:
            parts.append(tail.replace("\n", " "))
    if block:
        parts.append("\n")


def _pdf_text(data: bytes, name: str) -> tuple[str, str | None]:
    """The text layer of a PDF, page by page; an error when it has none."""
    import pypdf
    from pypdf.errors import PdfReadError

    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            reader.decrypt("")
        pages = [page.extract_text() or "" for page in reader.pages]
        meta_title = (reader.metadata.title if reader.metadata else None) or None
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise DocumentError(f"{name}: cannot read this PDF ({exc})") from None
    except Exception as exc:  # pypdf raises many kinds on damaged files
        raise DocumentError(f"{name}: cannot read this PDF ({type(exc).__name__}: {exc})") from None
    text = _clean_text("\n\n".join(p.strip() for p in pages if p.strip()))
    if not text.strip():
        raise DocumentError(
            f"{name}: this PDF has no text layer (a scan?); run OCR on it first "
            "(e.g. ocrmypdf) and give frontwatch the result"
        )
    return text, (str(meta_title).strip() or None) if meta_title else _first_title_line(text)
