"""HTML pages: main text and metadata through trafilatura, with a flat fallback."""

from __future__ import annotations

import logging
from html.parser import HTMLParser

import trafilatura
from trafilatura.settings import Document

from corpuskit.ingest.article import Article, Problem
from corpuskit.ingest.clean import clean_text, drop_repeated_title

# trafilatura logs its own parsing trouble; the reader reports problems itself.
logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
logging.getLogger("htmldate").setLevel(logging.CRITICAL)


def read_html(html: str) -> list[Article | Problem]:
    """Extract an article from a saved web page.

    trafilatura drops navigation, ads, captions and scripts and reads the
    page's metadata. Pages it cannot parse (very deep nesting, fragments)
    fall back to all visible text, with a warning, so nothing is lost.
    """
    found = _extract_main_text(html)
    if found is not None:
        return [found]
    text = clean_text(visible_text(html))
    if not text:
        return [Problem("no article text found in the HTML page")]
    return [Article(text=text), Problem("main text could not be isolated; kept all visible text", rejected=False)]


def _extract_main_text(html: str) -> Article | None:
    try:
        doc = trafilatura.bare_extraction(
            html,
            with_metadata=True,
            include_comments=False,
            include_images=False,
            include_tables=True,
            favor_precision=True,
        )
    except Exception:  # noqa: BLE001 - any parser failure means: use the fallback
        return None
    if not isinstance(doc, Document) or not (doc.text or "").strip():
        return None
    title = (doc.title or "").strip() or None
    text = drop_repeated_title(clean_text(doc.text or ""), title)
    if not text:
        return None
    return Article(
        text=text,
        title=title,
        outlet=doc.sitename or doc.hostname or None,
        author=doc.author or None,
        published=doc.date or None,
        url=doc.url or None,
        language=doc.language or _page_language(html),
    )


def _page_language(html: str) -> str | None:
    finder = _LangFinder()
    try:
        finder.feed(html[:4096])
    except Exception:  # noqa: BLE001 - a broken head just means no language
        return None
    return finder.lang


class _LangFinder(HTMLParser):
    lang: str | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "html" and self.lang is None:
            value = dict(attrs).get("lang")
            self.lang = value.split("-")[0].lower() if value else None


# Elements whose content is never article text.
_SKIP = {
    "script",
    "style",
    "noscript",
    "iframe",
    "template",
    "svg",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "button",
    "select",
    "figcaption",
    "head",
    "object",
    "embed",
}
_BLOCKS = {
    "p",
    "div",
    "br",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "section",
    "article",
    "blockquote",
    "tr",
    "table",
    "ul",
    "ol",
    "pre",
    "main",
    "dd",
    "dt",
}


class _VisibleText(HTMLParser):
    """Streams visible text; being event-based it has no nesting-depth limit."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in _SKIP:
            self.skipping += 1
        elif tag in _BLOCKS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag):
        if tag in _SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _VisibleText()
    parser.feed(html)
    parser.close()
    return "".join(parser.parts)
