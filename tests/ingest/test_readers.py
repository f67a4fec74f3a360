"""Every reader, on small files shaped like real exports and saved pages."""

import codecs

import pytest

from corpuskit.config import FieldMapping
from corpuskit.ingest.article import Article, Problem
from corpuskit.ingest.decode import BinaryFile, decode_bytes
from corpuskit.ingest.html import read_html
from corpuskit.ingest.markdown import read_markdown
from corpuskit.ingest.records import read_csv, read_json, read_json_lines

MAPPING = FieldMapping()
BODY = (
    "Officials confirmed on Tuesday that the bridge would reopen next month. "
    "Engineers had worked through the winter to repair the damaged supports."
)


def articles(items):
    return [i for i in items if isinstance(i, Article)]


def problems(items):
    return [i for i in items if isinstance(i, Problem)]


# -- Markdown -------------------------------------------------------------------


def test_markdown_front_matter_and_plain_text():
    source = (
        "---\ntitle: Bridge to reopen\nsource: The Daily Example\nauthor: [Ann Lee, Bo Chan]\n"
        "date: 2023-02-14\nurl: https://example.org/bridge\n---\n\n"
        f"# Bridge to reopen\n\n{BODY}\n\nSee [the council notice](https://example.org/n) and "
        "**bold** words. ![a photo](p.jpg)\n\n- first point\n- second point\n"
    )
    [article] = read_markdown(source, MAPPING)
    assert article.title == "Bridge to reopen"
    assert article.outlet == "The Daily Example"
    assert article.author == "Ann Lee, Bo Chan"
    assert article.published == "2023-02-14"
    assert article.url == "https://example.org/bridge"
    assert article.text.startswith("Officials confirmed")
    assert "See the council notice and bold words." in article.text
    assert "https://" not in article.text and "**" not in article.text and "photo" not in article.text
    assert "first point" in article.text


def test_markdown_without_front_matter_takes_first_heading_as_title():
    [article] = read_markdown(f"# A headline\n\n{BODY}\n", MAPPING)
    assert article.title == "A headline"
    assert article.text == BODY


def test_malformed_front_matter_keeps_the_article_with_a_warning():
    items = read_markdown(f"---\ntitle: [unclosed\nauthor: x\n---\n{BODY}\n", MAPPING)
    [article] = articles(items)
    [warning] = problems(items)
    assert article.text == BODY and article.title is None
    assert not warning.rejected and "malformed front matter" in warning.reason and warning.line


def test_unclosed_front_matter_is_read_as_text_with_a_warning():
    items = read_markdown(f"---\ntitle: x\n{BODY}\n", MAPPING)
    assert "no closing" in problems(items)[0].reason
    assert BODY in articles(items)[0].text


def test_front_matter_that_is_not_a_mapping():
    items = read_markdown(f"---\n- a\n- b\n---\n{BODY}\n", MAPPING)
    assert "not a mapping" in problems(items)[0].reason
    assert articles(items)[0].text == BODY


# -- HTML -----------------------------------------------------------------------

PAGE = """<!DOCTYPE html><html lang="en-GB"><head><title>Bridge to reopen | Example Times</title>
<meta property="og:title" content="Bridge to reopen"><meta property="og:site_name" content="Example Times">
<meta name="author" content="Ann Lee"><meta property="article:published_time" content="2023-02-14T09:30:00Z">
<link rel="canonical" href="https://example.org/news/bridge"><script>var tracking = "evil()";</script></head>
<body><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul></nav>
<header>Example Times: subscribe today</header><main><article><h1>Bridge to reopen</h1>
<p>Officials confirmed on Tuesday that the bridge would reopen next month, ending a long closure.</p>
<figure><img src="b.jpg" srcset="b240.jpg 240w, b480.jpg 480w"><figcaption>The bridge in winter. Photo: Agency</figcaption></figure>
<p>Engineers had worked through the winter to repair the damaged supports, the council said.</p>
<script>document.write("injected text")</script><iframe src="https://ads.example/frame"></iframe>
<div class="advertisement">Buy cheap flights now</div>
<p>“We are proud of the crews,” said the council leader. Traffic will be limited at first.</p></article></main>
<aside class="related">Most read: Other story</aside><footer>© Example Times 2023</footer></body></html>"""


def test_html_main_text_and_metadata():
    [article] = read_html(PAGE)
    assert article.title == "Bridge to reopen"
    assert article.outlet == "Example Times"
    assert article.author == "Ann Lee"
    assert article.published == "2023-02-14"
    assert article.url == "https://example.org/news/bridge"
    assert article.text.startswith("Officials confirmed")
    assert "proud of the crews" in article.text
    for debris in ("Home", "subscribe", "injected", "evil", "Buy cheap", "Most read", "©", "Photo: Agency", "240w"):
        assert debris not in article.text


def test_deeply_nested_html_falls_back_to_visible_text():
    deep = (
        "<html><body>"
        + "<div>" * 20000
        + f"<p>{BODY}</p><script>alert(1)</script>"
        + "</div>" * 20000
        + "</body></html>"
    )
    items = read_html(deep)
    [article] = articles(items)
    assert article.text == BODY
    assert "could not be isolated" in (article.warning or "") and not problems(items), "flagged, not rejected"


def test_html_without_text_is_rejected():
    [problem] = read_html("<html><head><script>x()</script></head><body><img src=a.png></body></html>")
    assert problem.rejected and "no article text" in problem.reason


# -- JSON, JSON lines, CSV --------------------------------------------------------


def test_json_list_with_default_field_names():
    source = (
        '[{"id": "a1", "headline": "Bridge", "content": "%s", "link": "https://x.org/1", '
        '"published_at": "14 Feb 2023", "publisher": "Example Times", "authors": ["Ann Lee"]}]' % BODY
    )
    [article] = read_json(source, MAPPING)
    assert (article.title, article.url, article.published, article.outlet, article.author, article.record) == (
        "Bridge",
        "https://x.org/1",
        "2023-02-14",
        "Example Times",
        "Ann Lee",
        "a1",
    )
    assert article.text == BODY


def test_json_object_holding_articles_and_html_bodies():
    source = '{"meta": {"n": 1}, "articles": [{"title": "T", "body": "<p>First para.</p><p>Second para.</p>"}]}'
    [article] = read_json(source, MAPPING)
    assert article.text == "First para.\n\nSecond para."


def test_json_single_article_object():
    [article] = read_json('{"title": "T", "text": "%s"}' % BODY, MAPPING)
    assert article.text == BODY


def test_invalid_json_reports_line():
    [problem] = read_json('{"title": "T",\n "text": oops}', MAPPING)
    assert problem.rejected and problem.line == 2 and "not valid JSON" in problem.reason


def test_custom_field_mapping():
    mapping = FieldMapping(text=["story"], title=["hed"], outlet=["paper"])
    [article] = read_json('[{"hed": "H", "story": "%s", "paper": "P"}]' % BODY, mapping)
    assert (article.title, article.outlet, article.text) == ("H", "P", BODY)


def test_json_lines_keep_good_lines_and_report_bad_ones():
    lines = [
        '{"title": "One", "text": "First article text."}',
        '{"title": "Two", "text": ',
        "",
        '{"title": "Three"}',
        '["not", "an", "object"]',
        '{"title": "Four", "text": "Fourth article."}',
    ]
    items = list(read_json_lines(lines, MAPPING))
    assert [a.title for a in articles(items)] == ["One", "Four"]
    assert [(p.line, p.rejected) for p in problems(items)] == [(2, True), (4, True), (5, True)]
    assert "malformed JSON line" in problems(items)[0].reason
    assert "has no text" in problems(items)[1].reason


def test_repeated_ids_do_not_overwrite_each_other():
    lines = ['{"id": 7, "text": "First text."}', '{"id": 7, "text": "Second text."}']
    keys = [a.record for a in articles(read_json_lines(lines, MAPPING))]
    assert len(set(keys)) == 2


def test_unreadable_date_is_a_warning_not_a_rejection():
    items = list(read_json_lines(['{"text": "Some text.", "date": "sometime soon"}'], MAPPING))
    assert articles(items)[0].published is None
    assert not problems(items)[0].rejected and "date" in problems(items)[0].reason


def test_csv_with_quoted_newlines_and_semicolons():
    source = 'title;text;url;date;source\n"Bridge";"%s\n\nSecond paragraph.";https://x.org;2023-02-14;Times\n' % BODY
    [article] = read_csv(source, MAPPING)
    assert article.text == BODY + "\n\nSecond paragraph."
    assert (article.outlet, article.published, article.line) == ("Times", "2023-02-14", 2)


def test_csv_without_text_column_is_rejected_naming_the_columns():
    [problem] = read_csv("title,url\nA,https://x\n", MAPPING)
    assert problem.rejected and "columns: title, url" in problem.reason


def test_csv_row_without_text_is_reported_with_its_line():
    items = read_csv("title,text\nA,Some article text.\nB,\n", MAPPING)
    assert len(articles(items)) == 1
    assert problems(items)[0].line == 3


# -- decoding ---------------------------------------------------------------------

TEXT = "Café owners in Zürich said “prices rose” by £5 — a naïve estimate, one noted. " * 3


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le-bom", "cp1252"])
def test_decoding(encoding):
    if encoding == "utf-16-le-bom":
        data = codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le")
    else:
        data = TEXT.encode(encoding)
    assert decode_bytes(data).text.lstrip("\ufeff") == TEXT


def test_latin1_with_few_accents():
    data = "The judge fined him £500 at the café yesterday, the court heard.".encode("latin-1")
    assert decode_bytes(data).text == "The judge fined him £500 at the café yesterday, the court heard."


def test_damaged_utf8_is_kept_with_a_warning():
    data = ("Über den Fluss — " * 20).encode() + b"\xff\xfe broken" + (" und weiter" * 20).encode()
    decoded = decode_bytes(data)
    assert "\ufffd" in decoded.text and "undecodable" in decoded.warning


def test_cyrillic_legacy_encoding_is_detected():
    text = "Заключённых отправляют на фронт без их согласия, сообщают правозащитники. " * 4
    assert decode_bytes(text.encode("cp1251")).text == text


@pytest.mark.parametrize(
    "data",
    [b"%PDF-1.7\n...", b"\x89PNG\r\n\x1a\n....", b"PK\x03\x04rest", bytes(range(256)) * 4, b"\x00\x01\x02\x03" * 100],
)
def test_binary_is_refused(data):
    with pytest.raises(BinaryFile):
        decode_bytes(data)
