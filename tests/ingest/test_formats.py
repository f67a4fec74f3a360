"""The binary-format readers (PDF, DOCX, e-mail, WARC/ARC, gzip), on files made here: texts,
metadata and the exact one-line problem of each bad file, and never anything lost besides."""

from __future__ import annotations

import gzip
import io
import json
import random
import tracemalloc
import zipfile
from pathlib import Path

import pytest
from tests.ingest.format_files import BODY, SECOND, docx_bytes, mail_bytes, page_html, pdf_bytes, warc_bytes

from corpuskit.config import IngestConfig
from corpuskit.ingest import pipeline
from corpuskit.ingest.article import Article, Problem
from corpuskit.ingest.docx import read_docx
from corpuskit.ingest.gzipped import BrokenGzip, gunzip, inner_name
from corpuskit.ingest.mail import read_mail, read_mailbox
from corpuskit.ingest.pdf import read_pdf
from corpuskit.ingest.pipeline import READER_LIBRARIES
from corpuskit.ingest.quality import DEFAULT_CHECKS
from corpuskit.ingest.warc import MAX_INFLATION, read_warc, read_warc_stream

LIMIT = 1024 * 1024


def only_article(items: list[Article | Problem]) -> Article:
    assert [type(i) for i in items] == [Article], items
    article = items[0]
    assert isinstance(article, Article)
    return article


def reasons(items: list[Article | Problem]) -> list[str]:
    return [i.reason for i in items if isinstance(i, Problem)]


def articles(items: list[Article | Problem]) -> list[Article]:
    return [i for i in items if isinstance(i, Article)]


# -- PDF --------------------------------------------------------------------------------------

# A page's lines as a typesetter breaks them: mid-sentence, between words.
LINES = [
    "Officials confirmed on Tuesday that the bridge would",
    "reopen next month. Engineers had worked through the",
    "winter to repair the damaged supports.",
]
assert " ".join(LINES) == BODY
TWO_PAGES = [["Bridge to reopen", *LINES], [SECOND]]


def test_pdf_pages_in_order_with_the_document_information():
    info = {"Title": "Bridge reopens", "Author": "Ann Lee", "CreationDate": "D:20240301120000+01'00'"}
    article = only_article(read_pdf(pdf_bytes(TWO_PAGES, info)))
    assert (article.title, article.author, article.published) == (
        "Bridge reopens",
        "Ann Lee",
        "2024-03-01T12:00:00+01:00",
    )
    # the lines of a page are one paragraph again; a new page starts a new one
    assert article.text == f"Bridge to reopen\n\n{BODY}\n\n{SECOND}"


def test_pdf_without_information_takes_its_title_from_the_first_line():
    article = only_article(read_pdf(pdf_bytes(TWO_PAGES)))
    assert article.title == "Bridge to reopen"
    assert article.text == f"{BODY}\n\n{SECOND}"
    assert article.author is None and article.published is None


def test_pdf_with_an_unreadable_date_is_kept_with_a_warning():
    items = read_pdf(pdf_bytes(TWO_PAGES, {"Title": "Bridge", "CreationDate": "D:notadate"}))
    assert articles(items)[0].published is None
    [warning] = [i for i in items if isinstance(i, Problem)]
    assert warning.reason == "unrecognised date 'D:notadate'; kept without a date" and not warning.rejected


def test_page_numbers_and_running_heads_are_not_text():
    pages = [
        ["Council report", *LINES, "Page 1 of 3"],
        ["Council report", SECOND, "- 2 -"],
        ["Council report", "The council thanked residents for their patience.", "3"],
        ["iv", "Annex: the works in detail."],
    ]
    article = only_article(read_pdf(pdf_bytes(pages)))
    assert article.title == "Council report"  # the first page keeps its first line: it may be the headline
    assert article.text == (
        f"{BODY}\n\n{SECOND}\n\nThe council thanked residents for their patience.\n\nAnnex: the works in detail."
    )


def test_on_two_pages_a_repeated_line_is_kept():
    article = only_article(read_pdf(pdf_bytes([["Bridge to reopen", BODY], ["Bridge to reopen", SECOND]])))
    assert article.text == f"{BODY}\n\nBridge to reopen\n\n{SECOND}"


@pytest.mark.parametrize(("pages", "reason"), [(2, "(2 pages)"), (1, "(1 page)")])
def test_a_scanned_pdf_is_rejected_with_a_hint(pages, reason):
    assert reasons(read_pdf(pdf_bytes([None] * pages))) == [f"a scanned PDF with no text layer {reason}: run OCR first"]


def test_a_pdf_with_some_pages_scanned_keeps_the_text_of_the_others():
    article = only_article(read_pdf(pdf_bytes([None, [BODY], None])))
    assert article.text == BODY


def test_a_damaged_page_is_named_and_the_others_kept():
    data = pdf_bytes([[BODY], [SECOND]])
    stream = f"BT /F1 11 Tf 14 TL 72 720 Td ({SECOND}) Tj T* ET".encode()
    marker = b"<< /Length %d >>" % len(stream)
    assert data.count(marker) == 1
    damaged = data.replace(marker, marker[:-2] + b" /Filter /FlateDecode >>")  # compressed, it says; it is not
    items = read_pdf(damaged)
    assert articles(items)[0].text == BODY
    assert reasons(items) == [
        "page 2 could not be read: Error -3 while decompressing data: incorrect header check; the other pages kept"
    ]


def test_a_pdf_whose_every_page_is_damaged_is_not_called_scanned():
    data = pdf_bytes([[BODY], [BODY]])
    damaged = data.replace(b" >>\nstream", b" /Filter /FlateDecode >>\nstream")
    assert reasons(read_pdf(damaged)) == [
        "corrupt PDF: no text could be read from its 2 pages "
        "(page 1 could not be read: Error -3 while decompressing data: incorrect header check)"
    ]


@pytest.mark.parametrize("cut", [0.5, 0.1])
def test_a_truncated_pdf_is_one_line(cut):
    data = pdf_bytes(TWO_PAGES)
    [reason] = reasons(read_pdf(data[: int(len(data) * cut)]))
    assert reason.startswith("corrupt or truncated PDF: ") and "\n" not in reason


def test_a_file_named_pdf_that_is_not_one():
    assert reasons(read_pdf(b"<html><body>404 not found</body></html>")) == ["not a PDF document: no %PDF header"]


def encrypted(user_password: str) -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter(clone_from=io.BytesIO(pdf_bytes(TWO_PAGES)))
    writer.encrypt(user_password=user_password, owner_password="owner", algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_an_encrypted_pdf_that_needs_a_password_is_one_line():
    assert reasons(read_pdf(encrypted("secret"))) == ["an encrypted PDF that needs a password: not read"]


def test_an_encrypted_pdf_that_opens_without_a_password_is_read():
    assert BODY in only_article(read_pdf(encrypted(""))).text


# -- DOCX -------------------------------------------------------------------------------------


def test_docx_paragraphs_and_table_cells_in_order_with_core_properties():
    data = docx_bytes("Bridge reopens", "Ann Lee", table=[["Lane", "Opens"], ["North", "June"]])
    article = only_article(read_docx(data))
    assert (article.title, article.author, article.published) == (
        "Bridge reopens",
        "Ann Lee",
        "2024-03-01T09:30:00+00:00",
    )
    assert article.text.split("\n\n") == ["Bridge to reopen", BODY, "Lane", "Opens", "North", "June", SECOND]


def test_a_heading_that_repeats_the_title_is_not_text():
    assert only_article(read_docx(docx_bytes("Bridge to reopen"))).text == f"{BODY}\n\n{SECOND}"
    pdf = read_pdf(pdf_bytes(TWO_PAGES, {"Title": "Bridge to Reopen"}))
    assert only_article(pdf).text == f"{BODY}\n\n{SECOND}"


def test_docx_without_a_title_takes_its_heading():
    article = only_article(read_docx(docx_bytes()))
    assert article.title == "Bridge to reopen"
    assert article.text == f"{BODY}\n\n{SECOND}"


def test_a_merged_table_cell_is_read_once():
    import docx

    document = docx.Document(io.BytesIO(docx_bytes()))
    table = document.add_table(rows=2, cols=2)
    merged = table.cell(0, 0).merge(table.cell(0, 1))
    merged.text = "Closed until further notice"
    out = io.BytesIO()
    document.save(out)
    assert only_article(read_docx(out.getvalue())).text.count("Closed until further notice") == 1


def test_a_corrupt_docx_is_one_line():
    [reason] = reasons(read_docx(docx_bytes()[:3000]))
    assert reason.startswith("corrupt DOCX document: ") and "\n" not in reason


def test_a_macro_enabled_word_file_is_named_as_one():
    original = zipfile.ZipFile(io.BytesIO(docx_bytes()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name in original.namelist():
            data = original.read(name)
            if name == "[Content_Types].xml":
                data = data.replace(
                    b"openxmlformats-officedocument.wordprocessingml.document.main+xml",
                    b"ms-word.document.macroEnabled.main+xml",  # as Word writes a .docm
                )
            archive.writestr(name, data)
    assert reasons(read_docx(out.getvalue())) == [
        "a Word file of another kind (ms-word.document.macroEnabled.main+xml): save it as a .docx document"
    ]


def test_a_zip_named_docx_that_is_not_a_word_document():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("notes.txt", BODY)
    assert reasons(read_docx(out.getvalue())) == ["not a Word document: a ZIP archive without word/document.xml"]


# -- E-mail -----------------------------------------------------------------------------------


def test_a_plain_mail_with_an_attachment():
    data = mail_bytes(f"{BODY}\n\n{SECOND}\n", attachment=True, Date="Tue, 05 Mar 2024 08:00:00 +0000")
    article = only_article(read_mail(data))
    assert (article.title, article.author, article.published) == (
        "Bridge to reopen",
        "Ann Lee",
        "2024-03-05T08:00:00+00:00",
    )
    assert article.text == f"{BODY}\n\n{SECOND}"
    assert "PDF" not in article.text  # the attachment is not read


def test_an_html_only_mail_is_read_as_a_page():
    data = mail_bytes(None, page_html("Page title", BODY), Date="Tue, 05 Mar 2024 08:00:00 +0000")
    article = only_article(read_mail(data))
    assert article.title == "Bridge to reopen"  # the subject, not the page's title
    assert article.author == "Ann Lee" and article.published == "2024-03-05T08:00:00+00:00"
    assert article.text == f"{BODY}\n\n{SECOND}"
    assert "Home" not in article.text and "Copyright" not in article.text


def test_the_plain_part_wins_over_the_html_one():
    data = mail_bytes(f"{BODY}\n", page_html("Other", "Something else entirely, said in HTML only."))
    assert only_article(read_mail(data)).text == BODY


def test_a_sender_without_a_name_is_named_by_address():
    assert only_article(read_mail(mail_bytes(BODY, From="desk@news.example"))).author == "desk@news.example"


def test_a_mail_with_an_unreadable_date_is_kept_with_a_warning():
    data = b"From: Ann Lee <ann@news.example>\nSubject: Bridge\nDate: someday soon\n\n" + BODY.encode()
    items = read_mail(data)
    assert articles(items)[0].text == BODY and articles(items)[0].published is None
    assert reasons(items) == ["unrecognised date 'someday soon'; kept without a date"]


def test_a_mail_in_an_unknown_charset_is_still_read():
    data = (
        b"From: ann@news.example\nSubject: Bridge\nContent-Type: text/plain; charset=x-no-such\n\n"
        + BODY.encode()
        + b"\n"
    )
    assert only_article(read_mail(data)).text == BODY


def test_a_file_that_is_not_a_mail():
    assert reasons(read_mail(BODY.encode())) == [
        "not an e-mail message: none of From, To, Subject, Date, Message-ID found"
    ]


def test_a_mail_with_only_an_attachment():
    assert reasons(read_mail(mail_bytes(None, attachment=True))) == [
        "e-mail message has no text part (text/plain or text/html)"
    ]


def _mbox(*messages: bytes) -> bytes:
    """An mbox file as mail clients write it: each message after its envelope line, body lines
    that start with "From " escaped."""
    return b"".join(
        b"From desk@news.example Tue Mar  5 08:00:00 2024\n" + m.replace(b"\nFrom ", b"\n>From ") + b"\n"
        for m in messages
    )


def test_each_message_of_a_mailbox_is_an_article_keyed_by_its_message_id():
    items = read_mailbox(
        _mbox(
            mail_bytes(f"{BODY}\nFrom the desk: more soon.\n", **{"Message-ID": "<tip-1@news.example>"}),
            mail_bytes(None, attachment=True, Subject="Only a file"),
            mail_bytes(None, page_html("x", BODY + " Tunnel."), Subject="Tunnel closes"),
        ),
        LIMIT,
    )
    found = articles(items)
    assert [(a.title, a.record) for a in found] == [
        ("Bridge to reopen", "tip-1@news.example"),
        ("Tunnel closes", "message 3"),
    ]
    assert found[0].text.endswith("\nFrom the desk: more soon."), "an escaped body line is read back, not a new message"
    assert reasons(items) == ["message 2: e-mail message has no text part (text/plain or text/html)"]


def test_a_mailbox_with_one_message_id_twice_keeps_both_messages():
    twice = mail_bytes(BODY, **{"Message-ID": "<same@news.example>"})
    assert [a.record for a in articles(read_mailbox(_mbox(twice, twice), LIMIT))] == [
        "same@news.example",
        "same@news.example@2",
    ]


def test_a_file_that_is_no_mailbox():
    assert reasons(read_mailbox(mail_bytes(BODY), LIMIT)) == ['not an mbox file: it does not start with a "From " line']


def test_a_mailbox_with_windows_line_ends_is_keyed_as_with_unix_ones():
    """A Message-ID quoted in the body (a forwarded mail) is not the message's; line ends and a
    folded header do not change a key."""
    forwarded = mail_bytes(f"{BODY}\n\n> Message-ID: <quoted@elsewhere.example>\n")
    folded = b"From: ann@news.example\nSubject: Folded\nMessage-ID:\n <folded@news.example>\n\n" + BODY.encode()
    unix = _mbox(forwarded, folded)
    windows = unix.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
    keys = [[a.record for a in articles(read_mailbox(data, LIMIT))] for data in (unix, windows)]
    assert keys[0] == keys[1] == ["message 1", "folded@news.example"]


def test_a_message_over_the_limit_is_one_line_and_the_others_are_kept():
    items = read_mailbox(_mbox(mail_bytes(BODY * 100), mail_bytes(BODY, Subject="Short")), 4096)
    assert [a.title for a in articles(items)] == ["Short"]
    assert reasons(items) == [
        "message 1: the message is larger than the limit (4.0 KB; raise ingest.max_file_size in corpuskit.yaml)"
    ]


def test_a_large_mailbox_is_read_a_message_at_a_time(cli, tmp_path):
    folder = tmp_path / "mail"
    folder.mkdir()
    messages = [mail_bytes(f"{BODY} Message {n}.", Subject=f"Message {n}") for n in range(80)]
    (folder / "inbox.mbox").write_bytes(_mbox(*messages))
    (tmp_path / "corpuskit.yaml").write_text("ingest:\n  max_file_size: 8 KB\n", encoding="utf-8")
    assert (folder / "inbox.mbox").stat().st_size > 8 * 1024
    summary = json.loads(cli("ingest", str(folder), "--format", "json").stdout)
    assert (summary["added"], summary["rejected"]) == (80, [])


# -- WARC and ARC -----------------------------------------------------------------------------

PAGES = [
    ("https://news.example/bridge", page_html("Bridge to reopen", BODY)),
    ("https://news.example/tunnel", page_html("Tunnel closes", BODY + " The tunnel closes.", "2024-02-01")),
]


@pytest.mark.parametrize("compressed", [False, True])
def test_warc_html_responses_only(compressed):
    items = read_warc(warc_bytes(PAGES, gzip=compressed), LIMIT)
    bridge, tunnel = articles(items)
    assert reasons(items) == []  # request, image, 404 page and metadata passed over silently
    assert (bridge.title, bridge.url, bridge.record) == ("Bridge to reopen", PAGES[0][0], PAGES[0][0])
    assert bridge.published == "2024-03-05T08:00:00+00:00"  # the capture time: the page gives none
    assert tunnel.published == "2024-02-01"  # the page's own date wins
    assert bridge.text == f"{BODY}\n\n{SECOND}"
    assert "Home" not in bridge.text


def test_a_warc_gzipped_whole_is_read_too():
    items = read_warc(gzip.compress(warc_bytes(PAGES)), LIMIT)
    assert [a.url for a in articles(items)] == [url for url, _ in PAGES] and reasons(items) == []
    many = [(f"https://news.example/{n}", html) for n, (_, html) in enumerate(PAGES * 50)]
    items = read_warc(gzip.compress(warc_bytes(many)), 4096)
    assert len(articles(items)) == 100 and reasons(items) == [], "each page within the limit, not the whole archive"


def test_a_warc_gzipped_whole_that_is_a_bomb_is_read_only_to_its_inflation_limit():
    padded = [(f"https://news.example/{n}", page_html(f"Page {n}", f"{BODY} {n}.") + " " * 200_000) for n in range(40)]
    data = gzip.compress(warc_bytes(padded, extra=False))
    items = read_warc(data, 256 * 1024)
    assert 0 < len(articles(items)) < len(padded)
    assert reasons(items)[0].startswith(f"the web archive's pages decompress to more than {MAX_INFLATION} times")


def test_a_page_captured_twice_is_two_documents_with_distinct_keys():
    items = read_warc(warc_bytes([PAGES[0], PAGES[0]], extra=False), LIMIT)
    assert [a.record for a in articles(items)] == [PAGES[0][0], f"{PAGES[0][0]}@2"]


def test_a_truncated_warc_keeps_the_records_before_the_break():
    data = warc_bytes(PAGES, extra=False)
    items = read_warc(data[:-300], LIMIT)
    assert [a.url for a in articles(items)] == [PAGES[0][0]]
    assert reasons(items) == [f"record 2 ({PAGES[1][0]}): truncated (the archive ends inside it)"]


def test_a_page_in_a_legacy_charset_and_one_that_is_binary():
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=False)
    for url, body, content_type in [
        (
            "https://news.example/cafe",
            page_html("Caf\u00e9 reopens", BODY).encode("cp1252"),
            "text/html; charset=windows-1252",
        ),
        ("https://news.example/fake", b"\x89PNG\r\n\x1a\n" + bytes(300), "text/html"),
    ]:
        headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers))
    items = read_warc(out.getvalue(), LIMIT)
    assert [a.title for a in articles(items)] == ["Caf\u00e9 reopens"]
    assert reasons(items) == ["record 2 (https://news.example/fake): binary file (a PNG image), not text"]


def test_a_warc_with_no_html_page():
    assert reasons(read_warc(warc_bytes([]), LIMIT)) == [
        "no HTML pages in the web archive (4 records, none an HTML response with status 200)"
    ]


def test_a_file_that_is_not_a_web_archive():
    expected = ["not a web archive: it starts with neither a WARC record nor an ARC file header"]
    assert reasons(read_warc(b"this is not a web archive\n", LIMIT)) == expected
    assert reasons(read_warc(gzip.compress(b"<html><p>A page.</p></html>"), LIMIT)) == expected


def test_a_page_over_the_limit_is_passed_over_and_the_others_kept():
    big = ("https://news.example/big", page_html("Big", BODY * 100))
    items = read_warc(warc_bytes([big, PAGES[0]], extra=False), 4096)
    assert [a.url for a in articles(items)] == [PAGES[0][0]]
    assert reasons(items) == [
        "record 1 (https://news.example/big): the page is larger than the limit "
        "(4.0 KB; raise ingest.max_file_size in corpuskit.yaml)"
    ]


def test_a_warc_gzip_bomb_is_read_only_to_its_inflation_limit():
    padded = [(f"https://news.example/{n}", page_html(f"Page {n}", f"{BODY} {n}.") + " " * 200_000) for n in range(40)]
    data = warc_bytes(padded, extra=False, gzip=True)
    limit = 256 * 1024
    budget = max(limit, MAX_INFLATION * len(data))
    items = read_warc(data, limit)
    read = articles(items)
    assert 0 < len(read) <= budget // 200_000 < len(padded)
    assert reasons(items) == [
        f"the web archive's pages decompress to more than {MAX_INFLATION} times its size (a gzip bomb?); "
        f"the records from record {len(read) + 1} (https://news.example/{len(read)}) on were not read"
    ]


def test_a_warc_gzipped_whole_and_cut_keeps_the_pages_before_the_cut():
    many = [(f"https://news.example/{n}", page_html(f"Page {n}", f"{BODY} {n}.")) for n in range(30)]
    whole = gzip.compress(warc_bytes(many, extra=False))
    items = read_warc(whole[: len(whole) // 2], LIMIT)
    assert 5 < len(articles(items)) < 30
    assert reasons(items)[-1] == (
        "broken gzip archive: it ends before its data does (truncated?); the pages before the break were kept"
    )


def test_a_streamed_web_archive_is_never_held_whole(tmp_path):
    """Images of incompressible bytes make the archive several megabytes; reading it from its
    file holds a record at a time (warcio's buffers and one page), not the archive."""
    many = [(f"https://news.example/{n}", page_html(f"Page {n}", f"{BODY} {n}.")) for n in range(20)]
    path = tmp_path / "crawl.warc"
    with open(path, "wb") as out:
        out.write(warc_bytes(many[:10], extra=False))
        out.write(_image_records(60, 100_000))
        out.write(warc_bytes(many[10:], extra=False))
    assert path.stat().st_size > 5_000_000
    tracemalloc.start()
    with open(path, "rb") as handle:
        items = read_warc_stream(handle, path.stat().st_size, 256 * 1024, DEFAULT_CHECKS)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert len(articles(items)) == 20 and peak < 2_000_000, peak


def _image_records(count: int, size: int) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=False)
    rng = random.Random(1)
    for n in range(count):
        headers = StatusAndHeaders("200 OK", [("Content-Type", "image/jpeg")], protocol="HTTP/1.1")
        payload = io.BytesIO(rng.randbytes(size))
        writer.write_record(
            writer.create_warc_record(
                f"https://news.example/{n}.jpg", "response", payload=payload, http_headers=headers
            )
        )
    return out.getvalue()


def test_a_file_only_named_like_a_web_archive_keeps_the_size_limit(cli, tmp_path):
    folder = tmp_path / "files"
    folder.mkdir()
    (folder / "notes.warc").write_bytes(b"not an archive at all\n" * 2000)
    (folder / "empty.warc").write_bytes(b"")
    (tmp_path / "corpuskit.yaml").write_text("ingest:\n  max_file_size: 4 KB\n", encoding="utf-8")
    rejected = {
        r["path"].rsplit("/", 1)[-1]: r["reason"]
        for r in json.loads(cli("ingest", str(folder), "--format", "json").stdout)["rejected"]
    }
    assert rejected["notes.warc"].startswith("file too large (43.0 KB > limit 4.0 KB")
    assert rejected["empty.warc"] == "empty file"


def test_a_web_archive_larger_than_the_file_limit_is_read_a_record_at_a_time(cli, tmp_path):
    """Crawlers write archives a gigabyte each: the limit holds for each page, not the archive,
    and the archive is never held whole; any other file over the limit is still refused."""
    folder = tmp_path / "crawl"
    folder.mkdir()
    many = [(f"https://news.example/{n}", page_html(f"Page {n}", f"{BODY} Page {n}.")) for n in range(60)]
    (folder / "crawl.warc.gz").write_bytes(warc_bytes(many, gzip=True))
    (folder / "big.txt").write_text(BODY * 200, encoding="utf-8")
    (tmp_path / "corpuskit.yaml").write_text("ingest:\n  max_file_size: 16 KB\n", encoding="utf-8")
    assert (folder / "crawl.warc.gz").stat().st_size > 16 * 1024
    result = cli("ingest", str(folder), "--format", "json")
    summary = json.loads(result.stdout)
    assert summary["added"] == 60
    assert [r["path"].rsplit("/", 1)[-1] for r in summary["rejected"]] == ["big.txt"]
    assert json.loads(cli("ingest", str(folder), "--format", "json").stdout)["unchanged"] == 60


def arc_bytes(pages: list[tuple[str, str]]) -> bytes:
    """An ARC (version 1) file, written by hand: warcio reads ARC but does not write it."""
    description = b"1 0 Example\nURL IP-address Archive-date Content-type Archive-length\n"
    out = b"filedesc://test.arc 0.0.0.0 20240305080000 text/plain %d\n%s\n" % (len(description), description)
    for url, html in pages:
        body = b"HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n\r\n" + html.encode()
        out += b"%s 192.0.2.1 20240305080000 text/html %d\n%s\n" % (url.encode(), len(body), body)
    return out


def test_an_arc_file():
    [article] = articles(read_warc(arc_bytes(PAGES[:1]), LIMIT))
    assert (article.title, article.url, article.published) == (
        "Bridge to reopen",
        PAGES[0][0],
        "2024-03-05T08:00:00+00:00",
    )


# -- gzip -------------------------------------------------------------------------------------


def test_inner_names():
    assert inner_name("a/page.html.gz") == "a/page.html"
    assert inner_name("export.JSONL.GZ") == "export.JSONL"
    assert inner_name("notes.gzip") == "notes"


def test_a_gzip_bomb_is_read_only_up_to_the_limit():
    out = io.BytesIO()
    with gzip.GzipFile(fileobj=out, mode="wb") as archive:
        for _ in range(64):
            archive.write(bytes(1024 * 1024))  # 64 MB of zeros, 64 KB compressed
    tracemalloc.start()
    try:
        with pytest.raises(BrokenGzip, match=r"larger than the limit \(1\.0 MB; raise ingest.max_file_size"):
            gunzip(out.getvalue(), LIMIT)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 8 * LIMIT


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("a.txt.gz", gzip.compress(gzip.compress(BODY.encode())), "a gzip archive inside a gzip archive: not read"),
        ("a.txt.gz", gzip.compress(b"  \n\n "), "empty file (once decompressed)"),
        ("a.txt.gz", BODY.encode(), "broken gzip archive: Not a gzipped file (b'Of')"),
        ("a.warc.gz", b"\x1f\x8b" + bytes(40), "broken gzip archive: its start cannot be decompressed"),
    ],
)
def test_gzip_problems(name, data, reason):
    assert reasons(pipeline._read_bytes(name, data, IngestConfig())) == [reason]


def test_a_text_that_only_starts_like_a_warc_is_text():
    note = f"WARC/ARC archives are how crawlers keep pages.\n\n{BODY}\n".encode()
    assert only_article(pipeline._read_bytes("note.txt", note, IngestConfig())).text.endswith(BODY)
    warc = warc_bytes(PAGES[:1], extra=False)
    assert [a.url for a in articles(pipeline._read_bytes("crawl.txt", warc, IngestConfig()))] == [PAGES[0][0]]


def test_a_gzip_is_read_by_its_inner_name_or_content():
    config = IngestConfig()
    pdf = only_article(pipeline._read_bytes("report.pdf.gz", gzip.compress(pdf_bytes(TWO_PAGES)), config))
    assert pdf.title == "Bridge to reopen"
    page = only_article(pipeline._read_bytes("saved.gz", gzip.compress(page_html("Ferry", BODY).encode()), config))
    assert page.title == "Ferry" and "Home" not in page.text  # read as HTML by its content, not as text


def test_a_multi_member_gzip_is_read_whole():
    assert gunzip(gzip.compress(b"first ") + gzip.compress(b"second"), LIMIT) == b"first second"


# -- End to end -------------------------------------------------------------------------------


def test_the_new_libraries_are_in_the_reader_key():
    assert {"pypdf", "python-docx", "warcio"} <= set(READER_LIBRARIES)


def make_folder(folder: Path) -> dict[str, str]:
    """Good and bad files of every new format; returns the bad ones' names and exact reasons."""
    folder.mkdir()
    files = {
        "report.pdf": pdf_bytes(TWO_PAGES, {"Title": "Bridge report", "Author": "Ann Lee"}),
        "letter.docx": docx_bytes("Council letter", "Bo Chan", table=[["Lane", "Opens"], ["North", "June"]]),
        "tip.eml": mail_bytes(f"{BODY} Tip.\n", Date="Tue, 05 Mar 2024 08:00:00 +0000"),
        "inbox.mbox": _mbox(mail_bytes(f"{BODY} Boxed.\n", Subject="From a mailbox")),
        "crawl.warc.gz": warc_bytes(PAGES, gzip=True),
        "page.html.gz": gzip.compress(page_html("Ferry returns", BODY + " Ferry.").encode()),
        "feed.jsonl.gz": gzip.compress(b'{"title": "From a feed", "text": "%s Feed."}\n' % BODY.encode()),
        "report.pdf.gz": gzip.compress(pdf_bytes([["Gzipped report", BODY + " Gzipped."]])),
        "scan.pdf": pdf_bytes([None, None, None]),
        "cut.pdf": pdf_bytes(TWO_PAGES)[:400],
        "cut.docx": docx_bytes()[:3000],
        "plain.zip": _zip(),
        "notes.eml": BODY.encode(),
        "bad.html.gz": gzip.compress(page_html("x", BODY).encode())[:60],
        "huge.txt.gz": gzip.compress(b"word " * 300_000),
        "junk.warc": b"this is not a web archive\n",
        "table.parquet.gz": gzip.compress(b"PAR1" + bytes(100) + b"PAR1"),
        "photo.png": b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8,
    }
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return {
        "scan.pdf": "a scanned PDF with no text layer (3 pages): run OCR first",
        "cut.pdf": "corrupt or truncated PDF: ",
        "cut.docx": "corrupt DOCX document: ",
        "plain.zip": "binary file (a ZIP archive (or DOCX/ODT/EPUB)), not text",
        "notes.eml": "not an e-mail message: none of From, To, Subject, Date, Message-ID found",
        "bad.html.gz": "broken gzip archive: it ends before its data does (truncated?)",
        "huge.txt.gz": "the gzip archive's content is larger than the limit (1.0 MB; raise ingest.max_file_size",
        "junk.warc": "not a web archive: it starts with neither a WARC record nor an ARC file header",
        "photo.png": "binary file (a PNG image), not text",
        "table.parquet.gz": "a gzip-compressed Parquet file: decompress it first",
    }


def _zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("notes.txt", BODY)
    return out.getvalue()


GOOD_TITLES = {
    "Bridge report",
    "Council letter",
    "Bridge to reopen",  # the mail's subject and the first WARC page
    "Tunnel closes",
    "Ferry returns",
    "From a feed",
    "Gzipped report",
    "From a mailbox",
}


@pytest.fixture
def folder_run(cli, tmp_path):
    (tmp_path / "corpuskit.yaml").write_text("ingest:\n  max_file_size: 1 MB\n")
    expected = make_folder(tmp_path / "formats")
    return cli("ingest", "formats"), expected


def test_the_folder_ingests_the_good_files_and_names_each_bad_one_once(folder_run, cli):
    result, expected = folder_run
    assert result.exit_code == 1  # some inputs rejected, the rest kept (DESIGN.md)
    assert "Traceback" not in result.stdout + result.stderr
    lines = result.stderr.splitlines()
    assert all(line.startswith("rejected formats/") for line in lines), result.stderr
    for name, reason in expected.items():
        assert len([line for line in lines if line.startswith(f"rejected formats/{name}: {reason}")]) == 1, name
    assert len(lines) == len(expected)
    assert "9 added" in result.stdout and f"{len(expected)} rejected" in result.stdout
    docs = cli.json("docs")["documents"]
    assert sorted(d["title"] for d in docs) == sorted([*GOOD_TITLES, "Bridge to reopen"])
    by_path = {d["path"]: d for d in docs}
    assert by_path["formats/report.pdf"]["title"] == "Bridge report"
    shown = cli.json("show", "formats/report.pdf")["documents"][0]
    assert shown["author"] == "Ann Lee" and shown["text"] == f"Bridge to reopen\n\n{BODY}\n\n{SECOND}"


def test_warc_pages_are_keyed_by_url_and_dated_by_capture(folder_run, cli):
    docs = [d for d in cli.json("docs")["documents"] if d["path"] == "formats/crawl.warc.gz"]
    assert sorted(d["title"] for d in docs) == ["Bridge to reopen", "Tunnel closes"]
    shown = [cli.json("show", str(d["id"]))["documents"][0] for d in docs]
    assert {s["url"] for s in shown} == {url for url, _ in PAGES}
    assert {s["published"] for s in shown} == {"2024-03-05T08:00:00+00:00", "2024-02-01"}


def test_re_ingesting_the_unchanged_folder_changes_nothing(folder_run, cli):
    first, _ = folder_run
    again = cli("ingest", "formats")
    assert again.exit_code == 1
    assert "0 added, 0 updated, 9 unchanged" in again.stdout
    assert sorted(again.stderr.splitlines()) == sorted(first.stderr.splitlines())


def test_a_rewritten_warc_keeps_its_pages_documents(folder_run, cli, tmp_path):
    before = {d["title"]: d["id"] for d in cli.json("docs")["documents"] if d["path"] == "formats/crawl.warc.gz"}
    (tmp_path / "formats" / "crawl.warc.gz").write_bytes(warc_bytes(PAGES[::-1], extra=False, gzip=True))
    result = cli("ingest", "formats")
    assert "0 added" in result.stdout
    after = {d["title"]: d["id"] for d in cli.json("docs")["documents"] if d["path"] == "formats/crawl.warc.gz"}
    assert after == before


# -- Damage anywhere --------------------------------------------------------------------------


def damaged_copies(data: bytes, seed: int, count: int = 40) -> list[bytes]:
    """Copies of ``data`` cut short, with bytes overwritten, or with junk put in, at random places."""
    rng = random.Random(seed)
    copies = []
    for trial in range(count):
        copy = bytearray(data)
        if trial % 3 == 0:
            for _ in range(rng.randint(1, 8)):
                copy[rng.randrange(len(copy))] = rng.randrange(256)
        elif trial % 3 == 1:
            copy = copy[: rng.randrange(1, len(copy))]
        else:
            at = rng.randrange(len(copy))
            copy[at:at] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 50)))
        copies.append(bytes(copy))
    return copies


@pytest.mark.parametrize(
    ("name", "make"),
    [
        ("a.pdf", lambda: pdf_bytes(TWO_PAGES, {"Title": "Bridge", "CreationDate": "D:20240301"})),
        ("a.docx", lambda: docx_bytes("Bridge", "Ann Lee", [["Lane", "Opens"]])),
        ("a.warc", lambda: warc_bytes(PAGES)),
        ("a.warc.gz", lambda: warc_bytes(PAGES, gzip=True)),
        ("a.eml", lambda: mail_bytes(BODY, page_html("x", BODY), attachment=True)),
        ("a.mbox", lambda: _mbox(mail_bytes(BODY), mail_bytes(None, page_html("x", BODY)))),
        ("a.html.gz", lambda: gzip.compress(page_html("Bridge", BODY).encode())),
    ],
)
def test_damage_anywhere_is_one_line_never_an_error(name, make):
    config = IngestConfig()
    for number, data in enumerate(damaged_copies(make(), seed=len(name))):
        items = pipeline._read_bytes(name, data, config)  # raises on a bug: read_file would call it one
        assert items, number
        for problem in (i for i in items if isinstance(i, Problem)):
            assert "\n" not in problem.reason and len(problem.reason) < 300, (number, problem.reason)
