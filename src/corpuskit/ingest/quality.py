"""Telling when what was read is probably not the article: a notice, a caption, a sliver.

A document is kept whatever it reads as (nothing is lost), but flagged with a one-line
warning, so that ``corpuskit docs --flagged`` lists it and the report says its findings
rest on text that may not be the article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from corpuskit.ranges import count, share


@dataclass(frozen=True)
class QualityChecks:
    """When a document is flagged (settings ``ingest.quality``)."""

    # Texts longer than this are articles that may mention cookies or subscriptions, not notices.
    notice_max_characters: int = count(600)
    # A page's main text shorter than this, and under ``thin_share`` of the text the page shows,
    # may have missed the article: news articles are seldom both so short and so small a part
    # of their page (navigation, related links and footers are a few thousand characters).
    thin_characters: int = count(1000)
    thin_share: float = share(0.1)


DEFAULT_CHECKS = QualityChecks()

# What a page shows instead of its article, each in the words such notices use.
_NOTICES = [
    (
        "a cookie or consent notice",
        re.compile(r"\bcookies?\b.{0,200}\b(?:consent|accept|agree|privacy|settings|preferences)\b", re.I | re.S),
    ),
    (
        "a subscription or reprint notice",
        re.compile(
            r"\b(?:subscribe (?:now|today|to (?:read|continue|unlock))|(?:for|only for) (?:paying )?subscribers"
            r"|subscribers only|subscriber[- ]only|paywall|(?:sign|log) in to (?:read|continue)|to continue reading"
            r"|all rights reserved|(?:may|must) not be (?:re)?(?:published|reproduced|distributed)"
            r"|reprinted with permission|republish(?:ing)? this (?:article|story)|permission to reproduce)\b",
            re.I,
        ),
    ),
    (
        "a photo caption",
        re.compile(
            r"(?:\b(?:photo|photograph|picture|image)s?\s*(?::|by\b|credit\b|courtesy\b)|\bgetty images\b"
            r"|\((?:[A-Z]{2,5} )?photo\b|\bvia getty\b|\u00a9)",
            re.I,
        ),
    ),
]


def notice_warning(text: str, checks: QualityChecks = DEFAULT_CHECKS) -> str | None:
    """Why a short ``text`` reads as a notice or a caption rather than an article, or None."""
    if len(text) > checks.notice_max_characters:
        return None
    for kind, pattern in _NOTICES:
        if pattern.search(text):
            return f"the text read ({len(text):,} characters) looks like {kind}, not an article"
    return None


def thin_extraction_warning(main: int, visible: int, checks: QualityChecks = DEFAULT_CHECKS) -> str | None:
    """Why a page's main text of ``main`` characters, out of ``visible`` characters the page
    shows, may have missed the article, or None."""
    if main >= checks.thin_characters or visible == 0 or main / visible >= checks.thin_share:
        return None
    return (
        f"the main text read is {main:,} characters of the {visible:,} the page shows: "
        "the article may be missing (a paywall, a gallery, a page the extractor misread)"
    )
