"""PDF documents: the text layer of each page, in order, through pypdf, and the document's
title, author and creation date.

A page's text is what its content stream draws as text; a scanned PDF (pictures of pages)
has none, and is rejected with a hint, since reading it would need OCR.
"""

from __future__ import annotations

import io
import logging
import re
import warnings
from collections import Counter
from typing import TYPE_CHECKING, NamedTuple

from corpuskit.ingest.article import Article, Problem, library_reason
from corpuskit.ingest.clean import drop_repeated_title
from corpuskit.ingest.fields import normalize_date
from corpuskit.ingest.plaintext import text_article

if TYPE_CHECKING:
    from pypdf import PdfReader


class _Complaints(logging.Handler):
    """What pypdf logs about the damage it works around, kept instead of printed: the reader
    reports problems itself, and a page that comes out empty is said to be damaged with it."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


_COMPLAINTS = _Complaints()
_PYPDF_LOG = logging.getLogger("pypdf")
_PYPDF_LOG.addHandler(_COMPLAINTS)
_PYPDF_LOG.propagate = False

PDF_MAGIC = b"%PDF"
# Where a PDF's header may stand: readers accept up to this many bytes of junk before it.
_HEADER_WITHIN = 1024
_OTHERS_KEPT = "; the other pages kept"
# A page's first or last line repeated on at least this share of the pages (digits aside) is a
# running head or foot ("Council report", "Annual review 2024 | 7"), not text ...
RUNNING_LINE_SHARE = 0.5
# ... once the document has this many pages: on two, a repeated line is as likely text.
RUNNING_LINE_MIN_PAGES = 3
# A page's first or last line that is only its number: "7", "- 7 -", "Page 7", "7 of 12", "7/12",
# and the small roman numbers of front matter ("iv").
_PAGE_NUMBER = re.compile(
    r"^[-\u2013\u2014\s]*(?:(?:page\s*)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?|(?-i:[ivxlc]{1,6}))[-\u2013\u2014\s]*$", re.I
)


def read_pdf(data: bytes) -> list[Article | Problem]:
    """The article of a PDF's text layer, pages joined by paragraph breaks, or why there is none."""
    if PDF_MAGIC not in data[:_HEADER_WITHIN]:
        return [Problem("not a PDF document: no %PDF header")]
    from pypdf import PdfReader  # here, not at the top: every command imports the pipeline, few read PDFs

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            layer = _text_layer(PdfReader(io.BytesIO(data)))
    except RecursionError:
        return [Problem("corrupt PDF: its objects are nested too deeply to read")]
    except Exception as exc:  # noqa: BLE001 - pypdf raises KeyError, ValueError... as well as its own on a damaged file
        return [Problem(f"corrupt or truncated PDF: {library_reason(exc)}")]
    if isinstance(layer, Problem):
        return [layer]
    texts, broken, doubtful, known, date_warning = layer
    if not any(text.strip() for text in texts):
        pages = f"{len(texts)} page{'s' if len(texts) > 1 else ''}"
        if broken or len(doubtful) == len(texts):  # not for want of a text layer: the damage is the reason
            first = (broken or doubtful)[0].reason.removesuffix(_OTHERS_KEPT)
            return [Problem(f"corrupt PDF: no text could be read from its {pages} ({first})")]
        return [Problem(f"a scanned PDF with no text layer ({pages}): run OCR first")]
    problems: list[Article | Problem] = [*broken, *doubtful]
    article = text_article("\n\n".join(_without_page_furniture(texts)), known)
    article.text = drop_repeated_title(article.text, known.get("title"))  # a heading of the title's words
    if not article.text:
        return [Problem("no text after cleaning"), *problems]
    if date_warning:
        problems.append(Problem(f"{date_warning}; kept without a date", rejected=False))
    return [article, *problems]


class _Layer(NamedTuple):
    texts: list[str]  # each page's
    broken: list[Problem]  # a line for each page that broke
    doubtful: list[Problem]  # a line for each page that came out empty with a complaint of pypdf's
    known: dict[str, str | None]  # title, author, published
    date_warning: str | None


def _text_layer(reader: PdfReader) -> _Layer | Problem:
    """All pypdf reads of the file, or why it has none."""
    if reader.is_encrypted and not _opened(reader):
        return Problem("an encrypted PDF that needs a password: not read")
    if not len(reader.pages):
        return Problem("a PDF with no pages")
    return _Layer(*_page_texts(reader), *_metadata(reader))


def _opened(reader: PdfReader) -> bool:
    """Whether an encrypted PDF opens without a password (many only restrict printing or
    copying, with an empty user password)."""
    from pypdf.errors import PdfReadError

    try:
        return bool(reader.decrypt(""))
    except PdfReadError:
        return False


def _page_texts(reader: PdfReader) -> tuple[list[str], list[Problem], list[Problem]]:
    """Each page's text (empty for a page that breaks), a line for each page that broke, and
    one for each that came out empty with a complaint (a scanned page is empty without one):
    one bad page does not lose the others."""
    texts, broken, doubtful = [], [], []
    for number, page in enumerate(reader.pages, start=1):
        _COMPLAINTS.messages.clear()
        try:
            texts.append(page.extract_text() or "")
            if not texts[-1].strip() and _COMPLAINTS.messages:
                reason = library_reason(ValueError(_COMPLAINTS.messages[-1]))
                doubtful.append(Problem(f"page {number} could not be read: {reason}{_OTHERS_KEPT}"))
        except RecursionError:
            texts.append("")
            broken.append(Problem(f"page {number} could not be read: nested too deeply{_OTHERS_KEPT}"))
        except Exception as exc:  # noqa: BLE001 - as in read_pdf: a damaged page raises any kind of error
            texts.append("")
            broken.append(Problem(f"page {number} could not be read: {library_reason(exc)}{_OTHERS_KEPT}"))
    return texts, broken, doubtful


def _without_page_furniture(texts: list[str]) -> list[str]:
    """The pages' texts without page numbers and running heads and feet: printed on every page,
    they would break the text (and its comparison with other copies) at each page turn.  The
    first page keeps its first line, which may be the headline."""
    pages = [[line for line in text.splitlines() if line.strip()] for text in texts]
    ends = Counter(key for lines in pages if lines for key in {_shape(lines[0]), _shape(lines[-1])})
    running = {key for key, count in ends.items() if count >= RUNNING_LINE_SHARE * len(pages)}
    if len(pages) < RUNNING_LINE_MIN_PAGES:
        running = set()
    kept = []
    for number, lines in enumerate(pages):
        while lines and (_PAGE_NUMBER.match(lines[-1]) or _shape(lines[-1]) in running):
            lines = lines[:-1]
        while lines and (_PAGE_NUMBER.match(lines[0]) or (_shape(lines[0]) in running and number)):
            lines = lines[1:]
        kept.append("\n".join(lines))
    return kept


def _shape(line: str) -> str:
    """A line with its numbers taken out: a running foot carries the page's number."""
    return re.sub(r"\d+", "#", " ".join(line.split()).casefold())


def _metadata(reader: PdfReader) -> tuple[dict[str, str | None], str | None]:
    """Title, author and creation date from the document information, and a warning for an
    unreadable date.  A PDF without them (or with a damaged information dictionary) has none."""
    try:
        info = reader.metadata
    except Exception:  # noqa: BLE001 - damaged metadata is no metadata; the text is still read
        info = None
    if info is None:
        return {}, None
    known: dict[str, str | None] = {"title": _field(info.title), "author": _field(info.author)}
    try:
        created = info.creation_date
    except ValueError:  # a date not in the PDF form: let the general reading try it
        created = info.get("/CreationDate")
    known["published"], warning = normalize_date(created)
    return known, warning


def _field(value: object) -> str | None:
    text = str(value).strip() if value is not None else ""
    return text or None
