"""Bytes to text: byte-order marks, UTF-8, then charset detection; binary files refused."""

from __future__ import annotations

import codecs
from dataclasses import dataclass

import charset_normalizer

# Files that are certainly not articles, recognised by their first bytes.
_MAGIC = [
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or DOCX/ODT/EPUB)"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x7fELF", "an executable"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"\xd0\xcf\x11\xe0", "an old Office document"),
    (b"RIFF", "a RIFF media file"),
    (b"OggS", "an Ogg media file"),
    (b"ID3", "an MP3 file"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ", "an xz archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
]

_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]

# A few stray bytes in otherwise valid UTF-8 are damage, not another encoding.
_MAX_DAMAGED_SHARE = 0.01
# Share of accented letters up to which a non-UTF-8 file is read as Western European.
_MAX_ACCENTED_SHARE = 0.06


# A detector's reading this clean (charset-normalizer's mess ratio) is a confident one.
_MAX_CONFIDENT_CHAOS = 0.1
# Share of odd characters in a cp1252 reading above which it is another encoding misread.
_MAX_MISREAD_SHARE = 0.05
# Latin-1 signs (no-break space to inverted question mark, times, divide): never inside a word.
_SIGNS = frozenset(chr(c) for c in range(0xA0, 0xC0)) | {"\u00d7", "\u00f7"}
# Letters of Icelandic alone, and the florin sign: seldom in news text read as cp1252.
_RARE_LETTERS = frozenset("\u00d0\u00f0\u00de\u00fe\u0192")


class BinaryFile(ValueError):
    """The bytes are not text."""


@dataclass
class Decoded:
    text: str
    encoding: str
    warning: str | None = None


def decode_bytes(data: bytes) -> Decoded:
    """Decode a file's bytes, trying in turn: BOM, strict UTF-8, damaged UTF-8, detection."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return Decoded(data.decode(encoding, errors="replace"), encoding)
    _refuse_binary(data)
    utf16 = _bomless_utf16_encoding(data[:8192])
    if utf16:
        return Decoded(data.decode(utf16, errors="replace"), utf16)
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    damaged = _decode_damaged_utf8(data)
    if damaged:
        return damaged
    western = _decode_sparse_western(data)
    if western:
        return western
    return _detect(data)


def _refuse_binary(data: bytes) -> None:
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise BinaryFile(f"binary file ({what}), not text")
    head = data[:8192]
    if b"\x00" in head and not _bomless_utf16_encoding(head):
        raise BinaryFile("binary file (contains NUL bytes), not text")


def _bomless_utf16_encoding(head: bytes) -> str | None:
    """UTF-16 text without a BOM: one byte of each pair is NUL, the other mostly printable."""
    for encoding, zeros, chars in (("utf-16-le", head[1::2], head[0::2]), ("utf-16-be", head[0::2], head[1::2])):
        if not zeros or b"\x00" not in zeros:
            continue
        printable = sum(1 for b in chars if 32 <= b < 127 or b in (9, 10, 13))
        if zeros.count(0) >= 0.7 * len(zeros) and printable >= 0.7 * len(chars):
            return encoding
    return None


def _decode_damaged_utf8(data: bytes) -> Decoded | None:
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    has_multibyte = any(ord(ch) > 127 and ch != "\ufffd" for ch in text)
    if has_multibyte and bad <= max(1, len(data) * _MAX_DAMAGED_SHARE):
        return Decoded(text, "utf-8", f"{bad} undecodable byte(s) replaced with U+FFFD")
    return None


def _decode_sparse_western(data: bytes) -> Decoded | None:
    """Read non-UTF-8 text as cp1252 when it looks like a Western European language.

    Detectors guess wildly on short evidence (a lone pound sign reads as Big5
    or cp932, German umlauts as cp1250). Western text has few accented
    letters among plain ASCII ones; a text in another script read as cp1252
    has accented letters throughout, so their share is the better signal.
    """
    try:
        text = data.decode("cp1252")
        encoding = "cp1252"
    except UnicodeDecodeError:  # bytes cp1252 leaves undefined are Latin-1 controls
        text, encoding = data.decode("latin-1"), "latin-1"
    letters = [ch for ch in text if ch.isalpha()]
    accented = sum(1 for ch in letters if ord(ch) > 127)
    if not letters or accented > len(letters) * _MAX_ACCENTED_SHARE:
        return None
    return Decoded(text, encoding)


def _detect(data: bytes) -> Decoded:
    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        if _control_share(data) > 0.1:
            raise BinaryFile("binary file (undecodable bytes), not text")
        # Single-byte Western text is by far the commonest undetected case.
        return Decoded(
            data.decode("cp1252", errors="replace"), "cp1252", "encoding could not be detected; read as cp1252"
        )
    western = _prefer_cp1252(data, best)
    text, encoding = (western, "cp1252") if western is not None else (str(best), best.encoding)
    if _control_share(text.encode("utf-8", errors="ignore")) > 0.1:
        raise BinaryFile("binary file (mostly control bytes), not text")
    return Decoded(text, encoding)


def _prefer_cp1252(data: bytes, best: charset_normalizer.CharsetMatch) -> str | None:
    """The cp1252 reading, unless the detector's other choice is the better one.

    cp1252 is the commonest legacy encoding of web and news text, and on short
    or sparse evidence detectors pick a sibling (cp1250, cp1257, cp775) that
    turns ``naïve`` into ``naďve``. The detector wins only when it is confident
    (its reading is clean) and the cp1252 reading looks like another script
    misread: C1 controls, or letters and signs in places Western words do not
    have them.
    """
    if best.encoding == "cp1252":
        return None
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    confident = best.chaos <= _MAX_CONFIDENT_CHAOS
    if confident and _misread_share(text) > _MAX_MISREAD_SHARE:
        return None
    return text


def _misread_share(text: str) -> float:
    """Share of the non-ASCII characters of a cp1252 reading that Western text seldom has
    there: C1 controls, Icelandic and rare letters, a sign inside a word (``og³osi³o``,
    ``gê¶l±``), a capital after a small letter (``ÏÔÐÒÁ×ÌÑÀÔ``), a letter inside a run
    of three or more accented ones (``Çàêëþ``)."""
    odd = total = 0
    for i, ch in enumerate(text):
        if ord(ch) < 128:
            continue
        total += 1
        before = text[i - 1] if i else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        if (
            "\x80" <= ch <= "\x9f"
            or ch in _RARE_LETTERS
            or (ch in _SIGNS and before.isalpha() and after.isalpha())
            or (ch.isupper() and before.islower())
            or (ch.isalpha() and _accented_letter(before) and _accented_letter(after))
        ):
            odd += 1
    return odd / total if total else 0.0


def _accented_letter(ch: str) -> bool:
    return ord(ch) > 127 and ch.isalpha()


def _control_share(data: bytes) -> float:
    if not data:
        return 0.0
    sample = data[:65536]
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls / len(sample)
