"""Documents whose text may not be the article are kept and flagged; link paragraphs are kept."""

from __future__ import annotations

import json

import pytest
from tests.conftest import Cli

from corpuskit.ingest.html import ALL_VISIBLE_TEXT, read_html
from corpuskit.ingest.quality import QualityChecks, notice_warning, thin_extraction_warning

ARTICLE = (
    "The council voted on Tuesday to close the old bridge for repairs. Engineers found cracks in two of its "
    "supports during an inspection in the spring, the council said in a statement. "
) * 3


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("We use cookies to improve your experience. By continuing you accept our privacy policy.", "cookie"),
        ("This article is for subscribers only. Subscribe now to continue reading.", "subscription or reprint"),
        ("© 2024 Example Media. All rights reserved. This material may not be published or redistributed.", "reprint"),
        ("The bridge at dusk on Monday. Photo: Jane Doe/Getty Images", "photo caption"),
    ],
)
def test_short_notices_and_captions_are_named(text, kind):
    warning = notice_warning(text)
    assert warning is not None and kind in warning and f"{len(text):,} characters" in warning


def test_an_article_that_mentions_cookies_or_photos_is_no_notice():
    long_text = ARTICLE + "The bakery's cookies were praised; a photo: the mayor accepted a privacy award."
    assert notice_warning(long_text) is None
    assert notice_warning("The council voted to close the bridge for repairs on Tuesday.") is None


def test_the_notice_length_is_a_setting():
    text = "Subscribe to read the rest of this story."
    assert notice_warning(text, QualityChecks(notice_max_characters=10)) is None
    assert notice_warning(text, QualityChecks(notice_max_characters=100)) is not None


def test_a_small_part_of_a_large_page_is_thin_and_a_short_page_is_not():
    assert "200 characters of the 20,000" in (thin_extraction_warning(200, 20_000) or "")
    assert thin_extraction_warning(200, 1_000) is None, "a short page: its main text is most of it"
    assert thin_extraction_warning(5_000, 80_000) is None, "a whole article is not thin, however large the page"


def _page(article: str, around: str = "") -> str:
    return (
        "<!DOCTYPE html><html><head><title>Bridge closes</title></head><body>"
        f"<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>{around}"
        f"<main><article><h1>Bridge closes</h1>{article}</article></main>"
        "<footer><a href='/about'>About us</a></footer></body></html>"
    )


PARAGRAPHS = [
    f"<p>Paragraph {n}: the council voted on Tuesday to close the old bridge, and engineers said repairs to its "
    "supports would take most of the coming year.</p>"
    for n in range(5)
]


def test_a_paragraph_that_is_mostly_a_link_inside_the_article_is_kept_without_its_target():
    link = '<p><a href="https://example.org/statement">Read the full statement of the transport ministry</a>.</p>'
    [article] = read_html(_page("".join(PARAGRAPHS[:2]) + link + "".join(PARAGRAPHS[2:])))
    assert "Read the full statement of the transport ministry." in article.text
    assert "https://" not in article.text and "](" not in article.text
    paragraphs = article.text.split("\n\n")
    assert paragraphs.index("Read the full statement of the transport ministry.") == 2, "in its place"


def test_links_around_the_article_and_a_slogan_inside_it_stay_out():
    related = (
        "<ul>"
        + "".join(f"<li><a href='/s{n}'>Another story number {n} about the city</a></li>" for n in range(6))
        + "</ul>"
    )
    ad = '<div class="advertisement">Buy cheap flights now</div>'
    [article] = read_html(_page("".join(PARAGRAPHS[:2]) + ad + "".join(PARAGRAPHS[2:]), around=related))
    assert "Another story" not in article.text and "Home" not in article.text and "About us" not in article.text
    assert "Buy cheap" not in article.text
    assert article.warning is None


def _commented(article: str) -> str:
    comments = "".join(
        f"<div class='comment'><p>Reader {n} wrote: I have crossed this bridge every day for twenty years and the "
        "council should have acted much sooner.</p></div>"
        for n in range(60)
    )
    return (
        "<!DOCTYPE html><html><head><title>Bridge closes</title></head><body><main>"
        f"<article><h1>Bridge closes</h1>{article}</article><div class='comments' id='comments'>{comments}</div>"
        "</main></body></html>"
    )


def test_a_sliver_read_from_a_large_page_is_kept_and_flagged():
    [article] = read_html(_commented("<p>The old bridge will close on Monday for repairs that will last a year.</p>"))
    assert article.text.startswith("The old bridge will close")
    assert article.warning is not None and "the article may be missing" in article.warning


def test_a_page_read_whole_is_kept_and_flagged():
    [article] = read_html(_commented("<figure><p>The old bridge at dusk. Photo: Jane Doe.</p></figure>"))
    assert "Reader 0 wrote" in article.text and article.warning == ALL_VISIBLE_TEXT


def test_a_whole_article_on_its_page_is_not_flagged():
    [article] = read_html(_page("".join(PARAGRAPHS)))
    assert article.warning is None


NOTICE_PAGE = (
    "<!DOCTYPE html><html lang='en'><head><title>Council approves the budget</title></head><body><main><article>"
    "<h1>Council approves the budget</h1><p>This article is for subscribers only. Subscribe now to continue "
    "reading.</p></article></main></body></html>"
)


def _paywalled_and_story(tmp_path):
    """A folder of a paywalled page (a notice) and an article."""
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "paywalled.html").write_text(NOTICE_PAGE, encoding="utf-8")
    (folder / "story.txt").write_text("Bridge closes\n\n" + ARTICLE, encoding="utf-8")
    return folder


def test_a_flagged_document_is_kept_named_at_ingest_and_listed_by_docs_flagged(cli, tmp_path):
    folder = _paywalled_and_story(tmp_path)
    result = cli("ingest", str(folder), "--format", "json")
    summary = json.loads(result.stdout)
    assert summary["added"] == 2 and summary["rejected"] == []
    [warning] = summary["warnings"]
    assert warning["path"].endswith("paywalled.html") and "subscription or reprint notice" in warning["reason"]
    flagged = cli.json("docs", "--flagged")["documents"]
    assert [d["path"].rsplit("/", 1)[-1] for d in flagged] == ["paywalled.html"]
    everything = {d["path"].rsplit("/", 1)[-1]: d["warning"] for d in cli.json("docs")["documents"]}
    assert everything["story.txt"] is None and "notice" in everything["paywalled.html"]
    assert "subscription or reprint" in cli("docs", "--flagged").stdout
    again = json.loads(cli("ingest", str(folder), "--format", "json").stdout)
    assert again["unchanged"] == 2 and len(cli.json("docs", "--flagged")["documents"]) == 1, "still flagged"


def test_no_document_flagged_lists_none(cli, seeds):
    assert cli("ingest", str(seeds)).exit_code == 0
    assert cli.json("docs", "--flagged")["documents"] == []
    assert "0 flagged documents" in cli("docs", "--flagged").stdout


def test_changing_ingest_quality_re_reads_the_files_and_the_report_follows(cli, tmp_path):
    folder = _paywalled_and_story(tmp_path)
    assert cli("ingest", str(folder)).exit_code == 0
    assert len(cli.json("report")["not_fully_analysed"]) == 1
    (tmp_path / "corpuskit.yaml").write_text("ingest:\n  quality:\n    notice_max_characters: 10\n", encoding="utf-8")
    again = json.loads(cli("ingest", str(folder), "--format", "json").stdout)
    assert again["updated"] == 1 and again["warnings"] == [], "the setting applied to the files already read"
    assert cli.json("docs", "--flagged")["documents"] == []
    assert cli.json("report")["not_fully_analysed"] == [], "the report kept for the old warning is not shown"


@pytest.mark.parametrize(
    "brief",
    [
        "Flixly added 3 million subscribers in the quarter, the streaming company said on Tuesday.",
        "The paper will reprint the mayor's letter on Sunday, its editor said.",
        "Cookies sold at the school fair raised 300 euros for the library.",
    ],
)
def test_a_short_article_that_uses_a_notice_s_words_is_not_flagged(brief):
    assert notice_warning(brief) is None


def test_a_page_s_flag_survives_an_export_read_into_another_store(cli, tmp_path):
    """A thin page's flag comes from the page, which an export no longer has: the export keeps it."""
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "thin.html").write_text(
        _commented("<p>The old bridge will close on Monday for repairs that will last a year.</p>"), encoding="utf-8"
    )
    (folder / "story.txt").write_text("Bridge closes\n\n" + ARTICLE, encoding="utf-8")
    assert cli("ingest", str(folder)).exit_code == 0
    assert cli("export", str(tmp_path / "out")).exit_code == 0
    again = Cli(tmp_path / "again.db", tmp_path)
    assert again("ingest", str(tmp_path / "out" / "documents.parquet")).exit_code == 0
    warnings = {d["path"].rsplit("/", 1)[-1]: d["warning"] for d in again.json("docs")["documents"]}
    assert warnings["story.txt"] is None
    assert warnings["thin.html"] is not None and "the article may be missing" in warnings["thin.html"]
