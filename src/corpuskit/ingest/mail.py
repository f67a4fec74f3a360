"""E-mail messages (``.eml``, RFC 5322) and mailboxes of them (``.mbox``) through the standard
library: the subject as title, the sender as author, the Date header as published, and the
text/plain part (or, without one, the text/html part, read as a web page).  Attachments are
not read."""

from __future__ import annotations

import email
import io
import re
from collections.abc import Iterator
from email import policy
from email.message import EmailMessage, MIMEPart
from email.parser import BytesHeaderParser
from typing import IO

from corpuskit.ingest.article import Article, Problem, library_reason
from corpuskit.ingest.decode import BinaryFile, decode_bytes
from corpuskit.ingest.fields import normalize_date
from corpuskit.ingest.html import read_html
from corpuskit.ingest.plaintext import text_article
from corpuskit.ingest.quality import DEFAULT_CHECKS, QualityChecks
from corpuskit.ingest.records import RecordKeys
from corpuskit.ingest.sizes import over_limit

# Headers every sent message has one of; a file with none of them is not an e-mail.
_MAIL_HEADERS = ("from", "to", "subject", "date", "message-id", "received", "mime-version")


def read_mail(data: bytes, checks: QualityChecks = DEFAULT_CHECKS) -> list[Article | Problem]:
    """The article of one e-mail message, or why there is none."""
    try:
        message = email.message_from_bytes(data, policy=policy.default)
        assert isinstance(message, EmailMessage)  # what policy.default makes
        if not any(name in message for name in _MAIL_HEADERS):
            return [Problem("not an e-mail message: none of From, To, Subject, Date, Message-ID found")]
        known, date_warning = _headers(message)
        body = _body(message)
    except RecursionError:
        return [Problem("broken e-mail message: nested too deeply to read")]
    except Exception as exc:  # noqa: BLE001 - the standard library's header parser fails in many ways on junk
        return [Problem(f"broken e-mail message: {library_reason(exc)}")]
    if body is None:
        return [Problem("e-mail message has no text part (text/plain or text/html)")]
    items = _read_body(*body, known, checks)
    if date_warning and any(isinstance(item, Article) for item in items):
        items.append(Problem(f"{date_warning}; kept without a date", rejected=False))
    return items


# A message of an mbox file starts at a line beginning "From " (the envelope line), as the
# standard library's ``mailbox.mbox`` reads it; writers escape such body lines as ">From "
# (mboxrd: one ">" more on every ">From " line), which reading takes off again.
ENVELOPE = b"From "
_ESCAPED = re.compile(rb"^>(>*From )")


def read_mailbox(data: bytes, limit: int, checks: QualityChecks = DEFAULT_CHECKS) -> list[Article | Problem]:
    """``read_mailbox_stream`` of an mbox file's bytes."""
    return read_mailbox_stream(io.BytesIO(data), limit, checks)


def read_mailbox_stream(
    stream: IO[bytes], limit: int, checks: QualityChecks = DEFAULT_CHECKS
) -> list[Article | Problem]:
    """An article for each message of an mbox file (a mail client's or Takeout's export), read
    from ``stream`` a line at a time, whatever its size; each message keyed by its Message-ID
    (else its place) and held whole only within ``limit`` bytes.  A message that cannot be read
    is one line naming it, and the others are kept."""
    first = stream.readline()
    if not first.startswith(ENVELOPE):
        return [Problem('not an mbox file: it does not start with a "From " line')]
    keys, items, number = RecordKeys(), list[Article | Problem](), 0
    for lines, size in _messages(stream, limit):
        number += 1
        if size > limit:
            items.append(Problem(f"message {number}: {over_limit('the message', limit)}"))
            continue
        items += keys.unique(number, _message_items(b"".join(lines), number, checks))
    return items


def _messages(stream: IO[bytes], limit: int) -> Iterator[tuple[list[bytes], int]]:
    """Each message's lines (unescaped; none once it is past ``limit``) and its size, the
    envelope line already read."""
    lines: list[bytes] = []
    size = 0
    for line in stream:
        if line.startswith(ENVELOPE):
            yield lines, size
            lines, size = [], 0
            continue
        size += len(line)
        if size <= limit:
            lines.append(_ESCAPED.sub(rb"\1", line))
    yield lines, size


def _message_items(message: bytes, number: int, checks: QualityChecks) -> list[Article | Problem]:
    found = read_mail(message, checks)
    for item in found:
        if isinstance(item, Article):
            item.record = _message_id(message) or f"message {number}"
        else:
            item.reason = f"message {number}: {item.reason}"
    return found


def _message_id(message: bytes) -> str | None:
    """The Message-ID header's value without its angle brackets (folded or not, any line ends);
    None without one."""
    try:
        value = BytesHeaderParser(policy=policy.default).parsebytes(message).get("message-id")
    except Exception:  # noqa: BLE001 - the header parser fails in many ways on junk; the place keys it then
        return None
    return str(value or "").strip().strip("<>").strip() or None


def _headers(message: EmailMessage) -> tuple[dict[str, str | None], str | None]:
    subject = str(message.get("subject", "")).strip() or None
    date = message.get("date")
    # policy.default parses the date (None when it cannot); the raw value then says why.
    published, warning = normalize_date(getattr(date, "datetime", None) or (str(date) if date else None))
    return {"title": subject, "author": _sender(message), "published": published}, warning


def _sender(message: EmailMessage) -> str | None:
    """The From header's names (or addresses, for a sender without a name)."""
    header = message.get("from")
    if header is None:
        return None
    names = [a.display_name or a.addr_spec for a in getattr(header, "addresses", ())]
    return ", ".join(n for n in names if n) or str(header).strip() or None


def _body(message: EmailMessage) -> tuple[str, str] | None:
    """The message's text and its kind: the text/plain part, or else the text/html one."""
    plain = message.get_body(preferencelist=("plain",))
    text = _part_text(plain) if plain is not None else ""
    if text.strip():
        return "plain", text
    html = message.get_body(preferencelist=("html",))
    return ("html", _part_text(html)) if html is not None else None


def _read_body(kind: str, text: str, known: dict[str, str | None], checks: QualityChecks) -> list[Article | Problem]:
    if kind == "plain":
        article = text_article(text, known)
        return [article] if article.text else [Problem("no text after cleaning")]
    items = read_html(text, checks)
    for item in items:
        if isinstance(item, Article):  # the headers name the message better than its HTML does
            item.title = known["title"] or item.title
            item.author = known["author"] or item.author
            item.published = known["published"] or item.published
    return items


def _part_text(part: MIMEPart) -> str:
    """A text part's text; one in a charset Python does not know is decoded as a file is."""
    try:
        return part.get_content()
    except LookupError:
        payload = part.get_payload(decode=True)
        try:
            return decode_bytes(payload).text if isinstance(payload, bytes) else ""
        except BinaryFile:
            return ""
