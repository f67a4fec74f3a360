"""What the report could not read fully in each document, and why, so no finding's silence
is taken for agreement: a language no model reads, a text that may not be the article."""

from __future__ import annotations

from collections import defaultdict

from corpuskit.nlp import MODEL_LANGUAGE, SHARED_ACROSS_MODELS, NameModels
from corpuskit.text.language import UNDETERMINED


def analysis_limits(documents: list[dict], models: NameModels) -> list[dict]:
    """Per document not analysed fully (its store row: ``id``, ``language``, ``warning``,
    ``content_hash``), its id, language and the reasons, in document order."""
    languages_of_text: dict[str, set[str | None]] = defaultdict(set)
    for document in documents:
        languages_of_text[document.get("content_hash") or ""].add(document.get("language"))
    limits = []
    for document in documents:
        shared = frozenset(languages_of_text[document.get("content_hash") or ""])
        reasons = _reasons(document.get("language"), models.text_language(shared), document.get("warning"), models)
        if reasons:
            limits.append({"id": document["id"], "language": document.get("language"), "reasons": reasons})
    return limits


def reads_facts(language: str | None) -> bool:
    """Whether a document's numbers, dates, quotes and claims are read: the rules that find
    them are written with English words ("said", "according to", month names)."""
    return language in (None, MODEL_LANGUAGE)


def _reasons(language: str | None, read_as: str | None, warning: str | None, models: NameModels) -> list[str]:
    reasons = []
    if warning:
        reasons.append(f"its text may not be the article: {warning}")
    if language == UNDETERMINED:
        reasons.append("no names found: its language could not be told (give it in the document's metadata)")
    elif read_as == SHARED_ACROSS_MODELS:
        reasons.append("no names found: its text is also a document of another language, read by another model")
    elif models.model_for(language) is None:
        reasons.append(f"no names found: no name model for its language ({language}; see nlp.models)")
    if not reads_facts(language):
        reasons.append("numbers, dates, quotes and claims not compared: they are read with English words")
    return reasons
