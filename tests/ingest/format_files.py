"""Builders of the files the binary-format readers take (PDF, DOCX, WARC, e-mail), made by
hand or with the libraries that read them, so every test makes its own."""

from __future__ import annotations

import io
from email.message import EmailMessage
from pathlib import Path

BODY = (
    "Officials confirmed on Tuesday that the bridge would reopen next month. "
    "Engineers had worked through the winter to repair the damaged supports."
)
SECOND = "The council said traffic would be limited to one lane in each direction until the summer."


def pdf_bytes(pages: list[list[str] | None], info: dict[str, str] | None = None) -> bytes:
    """A minimal valid PDF: a page for each item, its lines drawn in Helvetica as a text layer,
    or (for None) only a filled rectangle, as a scanned page has no text.  ``info`` is the
    document information (Title, Author, CreationDate...)."""
    objects: list[bytes] = [b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    streams = [_page_stream(lines) for lines in pages]
    first_content = len(objects) + 1
    objects += [b"<< /Length %d >>\nstream\n%s\nendstream" % (len(s), s) for s in streams]
    pages_id = len(objects) + len(pages) + 1
    for number in range(len(pages)):
        objects.append(
            b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 1 0 R >> >> "
            b"/Contents %d 0 R >>" % (pages_id, first_content + number)
        )
    kids = b" ".join(b"%d 0 R" % (pages_id - len(pages) + i) for i in range(len(pages)))
    objects.append(b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, len(pages)))
    objects.append(b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id)
    trailer = b"/Root %d 0 R" % len(objects)
    if info:
        objects.append(b"<< %s >>" % b" ".join(b"/%s (%s)" % (k.encode(), _pdf_string(v)) for k, v in info.items()))
        trailer += b" /Info %d 0 R" % len(objects)
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d %s >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, trailer, xref)
    return bytes(out)


def _page_stream(lines: list[str] | None) -> bytes:
    if lines is None:
        return b"0.5 g 72 72 468 648 re f"
    shown = " ".join(f"({_pdf_string(line).decode('latin-1')}) Tj T*" for line in lines)
    return f"BT /F1 11 Tf 14 TL 72 720 Td {shown} ET".encode("latin-1")


def _pdf_string(text: str) -> bytes:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").encode("latin-1")


def docx_bytes(title: str | None = None, author: str | None = None, table: list[list[str]] | None = None) -> bytes:
    """A Word document made with python-docx: a heading, two paragraphs, then a table, and a
    closing paragraph after it (so the order can be checked)."""
    import datetime as dt

    import docx

    document = docx.Document()
    document.add_heading("Bridge to reopen", level=1)
    document.add_paragraph(BODY)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for row, values in zip(grid.rows, table):
            for cell, value in zip(row.cells, values):
                cell.text = value
    document.add_paragraph(SECOND)
    properties = document.core_properties
    properties.title = title or ""
    properties.author = author or ""
    properties.created = dt.datetime(2024, 3, 1, 9, 30, tzinfo=dt.UTC)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def page_html(title: str, body: str, date: str | None = None) -> str:
    meta = f'<meta property="article:published_time" content="{date}">' if date else ""
    return (
        f"<!doctype html><html lang='en'><head><title>{title}</title>{meta}</head><body>"
        f"<nav>Home | News | Sport</nav><article><h1>{title}</h1><p>{body}</p><p>{SECOND}</p></article>"
        "<footer>Copyright Example News</footer></body></html>"
    )


def warc_bytes(pages: list[tuple[str, str]], extra: bool = True, gzip: bool = False) -> bytes:
    """A WARC made with warcio's writer: an HTTP 200 HTML response for each (url, html), and with
    ``extra`` a request record, an image response, a 404 HTML page and a metadata record."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gzip)

    def response(url: str, body: bytes, content_type: str, status: str = "200 OK") -> None:
        headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
        record = writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers)
        record.rec_headers.replace_header("WARC-Date", "2024-03-05T08:00:00Z")
        writer.write_record(record)

    if extra:
        request = StatusAndHeaders("GET / HTTP/1.1", [("Host", "news.example")], is_http_request=True)
        writer.write_record(writer.create_warc_record("https://news.example/", "request", http_headers=request))
    for url, html in pages:
        response(url, html.encode("utf-8"), "text/html; charset=utf-8")
    if extra:
        response("https://news.example/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(200), "image/png")
        response("https://news.example/gone", page_html("Gone", BODY).encode(), "text/html", "404 Not Found")
        metadata = writer.create_warc_record(
            "https://news.example/", "metadata", payload=io.BytesIO(b"via: crawler"), warc_content_type="text/plain"
        )
        writer.write_record(metadata)
    return out.getvalue()


def mail_bytes(plain: str | None, html: str | None = None, attachment: bool = False, **headers: str) -> bytes:
    message = EmailMessage()
    for name, value in {"Subject": "Bridge to reopen", "From": "Ann Lee <ann@news.example>", **headers}.items():
        message[name] = value
    message["To"] = "desk@news.example"
    if plain is not None:
        message.set_content(plain)
        if html is not None:
            message.add_alternative(html, subtype="html")
    elif html is not None:
        message.set_content(html, subtype="html")
    if attachment:
        message.add_attachment(b"%PDF-1.4 not read", maintype="application", subtype="pdf", filename="notes.pdf")
    return message.as_bytes()


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path
