"""Reading documents: plain text, HTML main text, PDF text layer, URLs, and bad input."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from frontwatch.extract.readers import DocumentError, read_bytes, read_path, read_url

DOCS = Path(__file__).resolve().parent / "fixtures" / "docs"


def make_pdf(lines: list[str]) -> bytes:
    """A one-page PDF whose text layer holds ``lines`` (an empty list: no text layer)."""
    ops = ["BT /F1 12 Tf 72 720 Td 14 TL"]
    for line in lines:
        escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        ops.append(f"({escaped}) Tj T*")
    ops.append("ET")
    stream = "\n".join(ops).encode("latin-1") if lines else b""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{n} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return bytes(out)


def test_plain_text_keeps_the_text_and_a_title() -> None:
    doc = read_path(DOCS / "release_short_forms.txt")
    assert doc.format == "text"
    assert doc.title == "Chinese National Pleads Guilty to Exporting Pressure Transducers"
    assert "Sihai Cheng, a Chinese national" in doc.text
    assert len(doc.sha256) == 64 and doc.id == f"doc-{doc.sha256[:12]}"


def test_html_main_text_without_navigation_or_furniture() -> None:
    doc = read_path(DOCS / "page.html", source_url="https://example.org/press/1")
    assert doc.format == "html"
    assert doc.title == "Treasury Sanctions Procurement Agents"
    assert "Rayan Roshd Afzar Company" in doc.text and "Sunway Tech" in doc.text
    for furniture in ("Home", "Press Releases", "Skip to main", "Privacy", "tracking", "color"):
        assert furniture not in doc.text
    assert "Hezbollah" not in doc.text and "Related:" not in doc.text
    assert doc.source_url == "https://example.org/press/1"


def test_pdf_text_layer_is_read() -> None:
    data = make_pdf(["Liu Baoxia, a Chinese national, owns Sunway Tech Co., Ltd.", "Second line."])
    doc = read_bytes(data, "release.pdf")
    assert doc.format == "pdf"
    assert "Liu Baoxia" in doc.text and "Second line." in doc.text


def test_pdf_without_text_layer_is_refused() -> None:
    with pytest.raises(DocumentError, match="no text layer"):
        read_bytes(make_pdf([]), "scan.pdf")


def test_damaged_pdf_is_refused() -> None:
    with pytest.raises(DocumentError, match="cannot read this PDF"):
        read_bytes(b"%PDF-1.4\n1 0 obj garbage", "broken.pdf")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"   \n\n  ", "empty"),
        (b"\x00\x01\x02\x03binary\x00data" * 20, "binary"),
        ("Société Générale à Téhéran".encode("latin-1"), "not UTF-8"),
    ],
)
def test_bad_input_gets_a_clear_message(tmp_path: Path, data: bytes, message: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    with pytest.raises(DocumentError, match=message):
        read_path(path)


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(DocumentError, match="no such file"):
        read_path(tmp_path / "nope.txt")
    with pytest.raises(DocumentError, match="folder"):
        read_path(tmp_path)


def test_declared_charset_is_used() -> None:
    html = (
        '<html><head><meta charset="windows-1252"></head><body><p>Caf\xe9 Teheran</p></body></html>'
    )
    doc = read_bytes(html.encode("cp1252"), "page.html")
    assert "Café Teheran" in doc.text


@pytest.fixture()
def served_docs() -> Iterator[str]:
    """The fixture documents on a loopback HTTP server for the duration of a test."""

    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, directory=str(DOCS), **kwargs)  # type: ignore[arg-type]

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_url_is_fetched_with_its_address(served_docs: str) -> None:
    doc = read_url(f"{served_docs}/page.html")
    assert doc.format == "html" and doc.source_url == f"{served_docs}/page.html"
    assert "Rayan Roshd Afzar Company" in doc.text
    with pytest.raises(DocumentError, match="404"):
        read_url(f"{served_docs}/missing.html")
    with pytest.raises(DocumentError, match="only http"):
        read_url("ftp://127.0.0.1/x")
