"""A document's language: the one its metadata names, else the one its text is written in.

Detection is py3langid (langid.py's model, 97 languages, bundled with the package: no
download).  A language is a lower-case ISO 639-1 code ("en", "de", "ru"), the form
spaCy's models and the ``nlp.models`` setting use.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Enough text to tell a language by (langid's own figures level off well before this);
# reading more only costs time on long documents.
DETECT_CHARACTERS = 2_000

# A primary language subtag of a tag such as "en-GB", "pt_BR", "EN".
_TAG = re.compile(r"^\s*([A-Za-z]{2})(?:[-_][A-Za-z0-9]+)*\s*$")


def language_code(value: str | None) -> str | None:
    """The ISO 639-1 code a metadata value names ("en-GB" -> "en"), or None when it is not a
    language tag of that form ("English", "eng", "", None): the text is read instead."""
    match = _TAG.match(value or "")
    return match.group(1).lower() if match else None


def detected_language(text: str, min_confidence: float) -> str | None:
    """The language ``text`` is written in, or None when the detector is less sure than
    ``min_confidence`` (0-1; short texts, names, lists of figures)."""
    sample = text[:DETECT_CHARACTERS]
    if not any(ch.isalpha() for ch in sample):
        return None
    language, confidence = _identifier().classify(sample)
    return str(language) if confidence >= min_confidence else None


def document_language(given: str | None, text: str, fallback: str, min_confidence: float) -> str:
    """The language of a document: the one its metadata gives, else the one detected in its
    text, else ``fallback`` (the ``ingest.language`` setting)."""
    return language_code(given) or detected_language(text, min_confidence) or fallback


@lru_cache(maxsize=1)
def _identifier():
    """The detector, loaded once a process (its model takes a few hundred milliseconds)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
