"""A document's language: the one its metadata names, else the one its text is written in.

Detection is py3langid (a langid.py model of about 140 languages, bundled with the package:
no download).  A language is a lower-case ISO 639-1 code ("en", "de", "ru"), the form
spaCy's models and the ``nlp.models`` setting use, or the detector's ISO 639-3 code for a
language without one ("ary").  Codes that name one language two ways are written one way,
spaCy's (``CANONICAL``), so a metadata tag, a detected language and a configured model agree.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Enough text to tell a language by: a paragraph (langid's accuracy levels off after a few
# hundred characters); the detector's time grows with what it reads (2,000 characters cost
# 2.7 ms a document, as much as reading and cleaning the file).
DETECT_CHARACTERS = 600

# A primary language subtag of a tag such as "en-GB", "pt_BR", "EN".
_TAG = re.compile(r"^\s*([A-Za-z]{2})(?:[-_][A-Za-z0-9]+)*\s*$")


# The language of a text the detector cannot tell (ISO 639-2 "undetermined"): no model reads it.
UNDETERMINED = "und"

# One language, two codes: the withdrawn ISO 639-1 codes older software still writes (Java's
# locales write "iw" for Hebrew), and Norwegian, which the detector calls "no" and spaCy's
# models (nb_core_news_*) "nb"; "zxx" is the detector's "no linguistic content".
CANONICAL = {"iw": "he", "in": "id", "ji": "yi", "jw": "jv", "mo": "ro", "no": "nb", "zxx": UNDETERMINED}


def canonical_language(code: str) -> str:
    """``code`` as this package writes it: lower case, one code a language (``CANONICAL``)."""
    code = code.strip().lower()
    return CANONICAL.get(code, code)


def language_code(value: str | None) -> str | None:
    """The ISO 639-1 code a metadata value names ("en-GB" -> "en", "iw" -> "he"), or None when
    it is not a language tag of that form ("English", "eng", "", None): the text is read instead."""
    match = _TAG.match(value or "")
    return canonical_language(match.group(1)) if match else None


def detected_language(text: str, min_confidence: float) -> str | None:
    """The language ``text`` is written in, or None when the detector is less sure than
    ``min_confidence`` (0-1; short texts, names, lists of figures)."""
    guess = _guess(text)
    return guess[0] if guess and guess[1] >= min_confidence else None


def contradicted_language(given: str | None, text: str, min_confidence: float) -> str | None:
    """The language ``text`` is surely written in when the metadata tag ``given`` names another
    (a site template's ``lang="en"`` on a German page), else None.  The tag still wins (the
    publisher's word); this is for a warning, so that a wrong tag is seen."""
    code = language_code(given)
    if code is None:
        return None
    detected = detected_language(text, min_confidence)
    return detected if detected not in (None, code, UNDETERMINED) else None


def document_language(given: str | None, text: str, fallback: str, min_confidence: float) -> str:
    """The language of a document: the one its metadata gives, else the one detected in its
    text; when the detector is unsure, ``fallback`` (the ``ingest.language`` setting) if that
    is its best guess or the text has no letters, else ``UNDETERMINED``: a short brief in
    another language must not be read by the fallback language's model."""
    code = language_code(given)
    if code:
        return code
    fallback = canonical_language(fallback)
    guess = _guess(text)
    if guess is None:
        return fallback
    language, confidence = guess
    if confidence >= min_confidence or language == fallback:
        return language
    return UNDETERMINED


def _guess(text: str) -> tuple[str, float] | None:
    """The detector's best guess at ``text``'s language and how sure it is, or None for a
    text without letters."""
    sample = text[:DETECT_CHARACTERS]
    if not any(ch.isalpha() for ch in sample):
        return None
    language, confidence = _identifier().classify(sample)
    return canonical_language(str(language)), float(confidence)


def load_detector() -> None:
    """Load the detector in this process now: worker processes forked after it share it
    (loaded in each, it costs most of a second a worker, for every batch of files)."""
    _identifier()


@lru_cache(maxsize=1)
def _identifier():
    """The detector, loaded once a process (its model takes a few hundred milliseconds)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
