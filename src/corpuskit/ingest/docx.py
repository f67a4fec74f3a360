"""Word documents (DOCX) through python-docx: the body's paragraphs and its tables' cells, in
the order they stand, and the title, author and creation date of the core properties."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from typing import TYPE_CHECKING

from corpuskit.ingest.article import Article, Problem, library_reason
from corpuskit.ingest.clean import drop_repeated_title
from corpuskit.ingest.fields import normalize_date
from corpuskit.ingest.plaintext import text_article

if TYPE_CHECKING:
    from docx.table import Table
    from docx.text.paragraph import Paragraph

ZIP_MAGIC = b"PK\x03\x04"
# The part every Word document has (ECMA-376); a ZIP without it is another kind of archive.
_MAIN_PART = "word/document.xml"
# How python-docx refuses a macro-enabled document (.docm) or a template (.dotx): by content type.
_OTHER_KIND = re.compile(r"is not a Word file, content type is '(?:application/vnd\.)?([^']+)'")


def is_docx(data: bytes) -> bool:
    """A ZIP archive holding a Word document's main part."""
    return _MAIN_PART in (_zip_names(data) or ())


def read_docx(data: bytes) -> list[Article | Problem]:
    """The article of a DOCX file, or why there is none."""
    names = _zip_names(data)
    if names is not None and _MAIN_PART not in names:
        return [Problem(f"not a Word document: a ZIP archive without {_MAIN_PART}")]
    import docx  # here, not at the top: every command imports the pipeline, few read DOCX files

    try:
        document = docx.Document(io.BytesIO(data))
        text = "\n\n".join(_blocks(document.iter_inner_content()))
        properties = document.core_properties
        title, author, created = properties.title, properties.author, properties.created
    except RecursionError:
        return [Problem("corrupt DOCX document: nested too deeply to read")]
    except ValueError as exc:
        kind = _OTHER_KIND.search(str(exc))
        if kind is None:
            return [Problem(f"corrupt DOCX document: {library_reason(exc)}")]
        return [Problem(f"a Word file of another kind ({kind.group(1)}): save it as a .docx document")]
    except Exception as exc:  # noqa: BLE001 - a damaged package raises zip, XML and KeyError alike
        return [Problem(f"corrupt DOCX document: {library_reason(exc)}")]
    published, date_warning = normalize_date(created)
    known = {"title": (title or "").strip() or None, "author": (author or "").strip() or None, "published": published}
    article = text_article(text, known)
    article.text = drop_repeated_title(article.text, known.get("title"))  # a heading of the title's words
    if not article.text:
        return [Problem("no article text found in the DOCX document")]
    if date_warning:
        return [article, Problem(f"{date_warning}; kept without a date", rejected=False)]
    return [article]


def _zip_names(data: bytes) -> list[str] | None:
    """The names in a ZIP archive, or None when it cannot be opened as one."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return None


def _blocks(content: Iterator[Paragraph | Table]) -> Iterator[str]:
    """The text of each paragraph, a table's cells row by row (a merged cell once), nested
    tables inside their cell."""
    from docx.text.paragraph import Paragraph

    for item in content:
        if isinstance(item, Paragraph):
            if item.text.strip():
                yield item.text
            continue
        seen = set()  # the cells' elements: a merged cell is one element under several grid positions
        for row in item.rows:
            for cell in row.cells:
                if cell._tc not in seen:
                    seen.add(cell._tc)
                    yield from _blocks(cell.iter_inner_content())
