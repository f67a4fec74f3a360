"""HTML pages: main text and metadata through trafilatura, with a flat fallback."""

from __future__ import annotations

import logging
import re
from html.parser import HTMLParser

import trafilatura
from trafilatura.settings import Document

from corpuskit.ingest.article import Article, Problem
from corpuskit.ingest.clean import clean_text, drop_repeated_title
from corpuskit.ingest.quality import DEFAULT_CHECKS, QualityChecks, thin_extraction_warning

# trafilatura logs its own parsing trouble; the reader reports problems itself.
logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
logging.getLogger("htmldate").setLevel(logging.CRITICAL)


def read_html(html: str, checks: QualityChecks = DEFAULT_CHECKS) -> list[Article | Problem]:
    """Extract an article from a saved web page.

    trafilatura drops navigation, ads, captions and scripts and reads the
    page's metadata. Pages it cannot parse (very deep nesting, fragments)
    fall back to all visible text, with a warning, so nothing is lost. A main
    text that is a small part of a large page is kept and flagged.
    """
    found = _extract_main_text(html)
    if found is not None:
        if len(found.text) < checks.thin_characters:  # the page's whole text is read only then
            found.warning = thin_extraction_warning(len(found.text), len(clean_text(visible_text(html))), checks)
        return [found]
    visible = clean_text(visible_text(html))
    if not visible:
        return [Problem("no article text found in the HTML page")]
    return [Article(text=visible, warning=ALL_VISIBLE_TEXT)]


# The warning of a page read whole: menus, teasers and captions are in its text.
ALL_VISIBLE_TEXT = "main text could not be isolated: the text is all the page shows (menus and teasers too)"


def _extract_main_text(html: str) -> Article | None:
    precise = _extraction(html, favor_precision=True)
    if precise is None or not (precise.text or "").strip():
        return None
    title = (precise.title or "").strip() or None
    text = drop_repeated_title(
        clean_text(_with_inner_paragraphs(precise, _extraction(html, favor_precision=False))), title
    )
    if not text:
        return None
    return Article(
        text=text,
        title=title,
        outlet=precise.sitename or precise.hostname or None,
        author=precise.author or None,
        published=precise.date or None,
        url=precise.url or None,
        language=precise.language or _page_language(html),
    )


def _extraction(html: str, favor_precision: bool) -> Document | None:
    try:
        doc = trafilatura.bare_extraction(
            html,
            with_metadata=True,
            include_comments=False,
            include_images=False,
            include_tables=True,
            include_links=not favor_precision,  # the broad reading marks its links: see below
            favor_precision=favor_precision,
        )
    except Exception:  # noqa: BLE001 - any parser failure means: use the fallback
        return None
    return doc if isinstance(doc, Document) else None


# A link as trafilatura writes it with include_links: [text](target).
_LINK = re.compile(r"\[([^\]\n]*)\]\([^)\s]*\)")


def _with_inner_paragraphs(precise: Document, broad: Document | None) -> str:
    """The precise extraction's text with the paragraphs holding a link that it dropped from
    inside the article.

    Favouring precision drops a paragraph that is mostly a link ("Read the ministry's
    statement") wherever it stands; navigation and related links stand around an
    article, not between its paragraphs. So a paragraph with a link that the broader
    extraction keeps between two paragraphs the precise one kept is the article's, and
    comes back (without its link targets). Paragraphs without a link it dropped (an
    advertisement's slogan) stay dropped."""
    kept = [p for p in (precise.text or "").split("\n") if p.strip()]
    wider = [p for p in ((broad.text if broad else "") or "").split("\n") if p.strip()]
    plain = [_LINK.sub(r"\1", p) for p in wider]
    places = _places_in_order(kept, plain)
    if not places:  # the two disagree on the article itself: trust the precise one
        return "\n".join(kept)
    inside = range(places[0], places[-1] + 1)
    chosen = set(places) | {i for i in inside if plain[i] != wider[i]}
    return "\n".join(plain[i] for i in inside if i in chosen)


def _places_in_order(kept: list[str], wider: list[str]) -> list[int] | None:
    """Where each of ``kept`` stands in ``wider``, in order, or None when one is missing."""
    places, at = [], 0
    for paragraph in kept:
        try:
            at = wider.index(paragraph, at)
        except ValueError:
            return None
        places.append(at)
        at += 1
    return places


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
