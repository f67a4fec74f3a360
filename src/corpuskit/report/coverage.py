"""What the report could not read fully in each document, and why, so no finding's silence
is taken for agreement: a language no model reads, a text that may not be the article."""

from __future__ import annotations

from corpuskit.nlp import MODEL_LANGUAGE, NameModels


def analysis_limits(documents: list[dict], models: NameModels) -> list[dict]:
    """Per document not analysed fully (its store row: ``id``, ``language``, ``warning``),
    its id, language and the reasons, in document order."""
    limits = []
    for document in documents:
        reasons = _reasons(document.get("language"), document.get("warning"), models)
        if reasons:
            limits.append({"id": document["id"], "language": document.get("language"), "reasons": reasons})
    return limits


def _reasons(language: str | None, warning: str | None, models: NameModels) -> list[str]:
    reasons = []
    if warning:
        reasons.append(f"its text may not be the article: {warning}")
    if models.model_for(language) is None:
        reasons.append(f"no names found: no name model for its language ({language}; see nlp.models)")
    if language and language != MODEL_LANGUAGE:
        reasons.append("dates, speakers and attributions read with English words")
    return reasons
