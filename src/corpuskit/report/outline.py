"""The report in plain words, shared by every renderer.

Summary sentences, table rows and finding details are worded once here from
the report dict of the JSON contract; the Markdown, HTML and terminal
renderers only differ in how they mark these up (and escape them).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from corpuskit.render import plural
from corpuskit.report.model import verdict_of

REPORT_TITLE = "Cross-source consistency report"

KIND_LABELS = {
    "name_variant": "Name variant",
    "number_conflict": "Number conflict",
    "date_conflict": "Date conflict",
    "quote_variant": "Quote variant",
    "attribution": "Attribution",
    "single_source": "Single-source claim",
}

# Kinds whose evidence is the same thing told by several documents: shown side by side.
SIDE_BY_SIDE_KINDS = frozenset({"name_variant", "number_conflict", "date_conflict", "quote_variant", "attribution"})

STORY_COLUMNS = ["story", "title", "documents", "outlets", "independent", "findings"]
STORY_HEADERS = ["story", "title", "documents", "outlets", "independent sources", "findings"]
SOURCE_COLUMNS = ["document", "title", "outlet", "date", "role", "copied_from"]
SOURCE_HEADERS = ["document", "title", "outlet (or path)", "date", "role", "copied from"]
DIRECTION_REASONS = {
    "credit": "it credits the source",
    "dates": "by publication dates",
    "containment": "by the texts' shapes only",
    "story": "inferred from the story's original",
}
DERIVATION_COLUMNS = ["documents", "relation", "copying", "shared"]
DERIVATION_HEADERS = ["documents", "relation", "who copied whom", "text shared"]


def documents_by_id(report: dict) -> dict[Any, dict]:
    return {d.get("id"): d for d in report.get("documents") or []}


def document_name(doc_id: Any, docs: dict[Any, dict]) -> str:
    """What a reader calls a document: its outlet, else the path it was read from."""
    doc = docs.get(doc_id) or {}
    return doc.get("outlet") or doc.get("path") or f"document {doc_id}"


def document_ref(doc_id: Any, docs: dict[Any, dict]) -> str:
    """'2 (Bay News)': the id to look the document up, the name to recognise it."""
    return f"{doc_id} ({document_name(doc_id, docs)})"


def document_refs(doc_ids: Iterable[Any], docs: dict[Any, dict]) -> str:
    refs = [document_ref(d, docs) for d in doc_ids]
    return ("document " if len(refs) == 1 else "documents ") + ", ".join(refs) if refs else "no document"


def document_heading(doc_id: Any, docs: dict[Any, dict]) -> str:
    """'Document 2 — Bay News: “Title”', naming where quoted evidence comes from."""
    title = (docs.get(doc_id) or {}).get("title")
    heading = f"Document {doc_id} — {document_name(doc_id, docs)}"
    return f"{heading}: “{title}”" if title else heading


def is_multi_source(story: dict) -> bool:
    return len(story.get("documents") or []) > 1


def listed_stories(report: dict) -> tuple[list[dict], int]:
    """Stories worth a section, and how many single-document stories without findings are left out."""
    stories = report.get("stories") or []
    listed = [
        s
        for s in stories
        if is_multi_source(s) or s.get("findings") or s.get("hidden_findings") or _asked_for(report, s)
    ]
    return listed, len(stories) - len(listed)


def _asked_for(report: dict, story: dict) -> bool:
    """A story chosen by id (``--story``) is shown even with one document and no finding."""
    return (report.get("selection") or {}).get("story") == story.get("id")


def summary_paragraph(report: dict) -> str:
    summary = report.get("summary") or {}
    documents, stories = summary.get("documents", 0), summary.get("stories", 0)
    multi, findings = summary.get("multi_source_stories", 0), summary.get("findings", 0)
    limited, listed = summary.get("not_fully_analysed", 0), len(report.get("not_fully_analysed") or [])
    where = "at the end" if listed == limited else f"the {listed} in the stories shown at the end"
    limits = (
        f" {plural(limited, 'document')} could not be analysed fully ({LIMITS_HEADING.lower()}, {where})."
        if limited
        else ""
    )
    return (
        f"This report compares {plural(documents, 'document')} grouped into {plural(stories, 'story', 'stories')}. "
        f"{plural(multi, 'story', 'stories')} {'is' if multi == 1 else 'are'} covered by more than one document, "
        f"with {plural(findings, 'finding')} in all; within each story the most consequential findings come first."
        + limits
    )


LIMITS_HEADING = "Documents not fully analysed"


def limit_lines(report: dict, docs: dict[Any, dict]) -> list[str]:
    """Each document the report could not read fully, and why: "7 (Le Monde): no names found: …"."""
    return [
        f"{document_ref(item.get('id'), docs)}: {'; '.join(item.get('reasons') or [])}."
        for item in report.get("not_fully_analysed") or []
    ]


HIGHLIGHTS_HEADING = "Most consequential findings"


def highlight_lines(report: dict) -> list[str]:
    """The report's top findings, one line each: "Story 3, finding 1 (number conflict, confidence
    0.85): …", for an editor who reads only the top."""
    lines = []
    for item in report.get("highlights") or []:
        label = KIND_LABELS.get(str(item.get("kind")), str(item.get("kind"))).lower()
        lines.append(
            f"Story {item.get('story')}, finding {item.get('finding')} ({label}, "
            f"confidence {_confidence(item.get('confidence'))}): {item.get('summary', '')}"
        )
    return lines


def hidden_sentence(report: dict) -> str | None:
    """Says how many findings ``--min-confidence`` hid and how many the analyst dismissed, so a
    short report is not read as a clean one."""
    selection = report.get("selection") or {}
    hidden = selection.get("hidden_findings")
    sentences = []
    if hidden:
        sentences.append(
            f"{plural(hidden, 'finding')} below confidence {_confidence(selection.get('min_confidence'))} "
            f"{'is' if hidden == 1 else 'are'} not shown."
        )
    dismissed = (report.get("summary") or {}).get("dismissed_findings")
    if dismissed:
        shown = any(verdict_of(f) == "dismissed" for s in report.get("stories") or [] for f in s.get("findings") or [])
        verb = "is" if dismissed == 1 else "are"
        sentences.append(
            f"{plural(dismissed, 'finding')} dismissed by the analyst {verb} "
            + ("shown, marked as dismissed, and not counted." if shown else "not shown.")
        )
    return " ".join(sentences) or None


def no_comparison_sentence(report: dict) -> str | None:
    """The whole report when no story has two documents or a finding; None when there is something to show.

    A single-document story can still have findings (claims no other source
    makes): when one is chosen, with ``--story``, they are shown, not hidden
    behind this sentence.
    """
    if any(is_multi_source(s) or s.get("findings") or _asked_for(report, s) for s in report.get("stories") or []):
        return None
    summary = report.get("summary") or {}
    counts = (
        f"{plural(summary.get('documents', 0), 'document')}, {plural(summary.get('stories', 0), 'story', 'stories')}"
    )
    if summary.get("multi_source_stories"):
        return (
            f"No story in this selection is covered by more than one document; the corpus has {counts}, "
            f"{summary['multi_source_stories']} of them covered by several documents."
        )
    return f"No story is covered by more than one document; {counts}, so there is nothing to compare across sources."


def leftover_sentence(left_out: int) -> str | None:
    if not left_out:
        return None
    verb = "is" if left_out == 1 else "are"
    return f"{plural(left_out, 'more story', 'more stories')} with a single document and no findings {verb} not listed."


def story_row(story: dict, docs: dict[Any, dict]) -> dict:
    doc_ids = story.get("documents") or []
    outlets = list(dict.fromkeys(str(docs[d]["outlet"]) for d in doc_ids if docs.get(d, {}).get("outlet")))
    without = sum(1 for d in doc_ids if not docs.get(d, {}).get("outlet"))
    if without:
        outlets.append(f"{without} without outlet")
    return {
        "story": story.get("id"),
        "title": story.get("title") or "(untitled)",
        "documents": len(doc_ids),
        "outlets": ", ".join(outlets),
        "independent": story.get("independent_sources"),
        "findings": len(story.get("findings") or []),
    }


def source_rows(story: dict, docs: dict[Any, dict]) -> list[dict]:
    sources = story.get("sources") or [{"document": d} for d in story.get("documents") or []]
    rows = []
    for source in sources:
        doc_id = source.get("document")
        doc = docs.get(doc_id) or {}
        rows.append(
            {
                "document": doc_id,
                "title": doc.get("title") or "",
                "outlet": source.get("outlet") or doc.get("outlet") or doc.get("path") or "",
                "date": source.get("published") or doc.get("published") or "no date",
                "role": (source.get("role") or "")
                + (" (flagged: may not be the article)" if source.get("flagged") else ""),
                "copied_from": ", ".join(document_ref(d, docs) for d in source.get("copied_from") or []),
            }
        )
    return rows


def derivation_rows(story: dict, docs: dict[Any, dict]) -> list[dict]:
    rows = []
    for pair in story.get("derivation") or []:
        a, b = pair.get("a"), pair.get("b")
        direction = pair.get("direction")
        if direction in ("a->b", "b->a"):
            source, copy = (a, b) if direction == "a->b" else (b, a)  # "a->b": b was derived from a
            copying = f"{document_ref(copy, docs)} copied {document_ref(source, docs)}"
            told_by = DIRECTION_REASONS.get(str(pair.get("direction_reason")))
            copying += f" ({told_by})" if told_by else ""
        else:
            copying = "cannot be told" + (
                ": the evidence points both ways" if pair.get("direction_reason") == "conflicting" else ""
            )
        share = pair.get("share") or {}
        shared = ", ".join(
            f"{_percent(share[side])} of {doc}"
            for side, doc in (("a", a), ("b", b))
            if isinstance(share.get(side), (int, float))
        )
        rows.append(
            {
                "documents": f"{a} and {b}",
                "relation": str(pair.get("relation") or "").replace("_", " "),
                "copying": copying,
                "shared": shared,
            }
        )
    return rows


def no_findings_sentence(story: dict) -> str:
    """What a story without listed findings says: none found, or all hidden by --min-confidence
    or dismissed by the analyst."""
    hidden, dismissed = story.get("hidden_findings") or 0, story.get("dismissed_findings") or 0
    sentences = []
    if hidden:
        sentences.append(
            f"{plural(hidden, 'finding')} of this story {'is' if hidden == 1 else 'are'} below the confidence asked for."
        )
    if dismissed:
        sentences.append(f"The analyst dismissed {plural(dismissed, 'finding')} of this story.")
    return " ".join(sentences) or "No disagreement, variant or single-source claim was found in this story."


def decision_line(finding: dict) -> str | None:
    """The analyst's word on a finding, for a reader: "Confirmed by ana on 2026-12-03: checked
    with the court record"; None when there is none."""
    verdict = verdict_of(finding)
    if verdict not in ("confirmed", "dismissed"):
        return None
    decision = finding["decision"]
    line = f"{verdict.capitalize()} by {decision.get('by') or 'the analyst'}"
    line += f" on {str(decision['at'])[:10]}" if decision.get("at") else ""  # the day; the time is in the JSON
    return line + (f": {decision['note']}" if decision.get("note") else "")


def minor_note(story: dict, docs: dict[Any, dict]) -> str | None:
    """One sentence for the quotes whose versions differ only trivially, so they are seen
    without being counted as findings: each quote once, with every document involved."""
    by_quote: dict[str, tuple[set, list[str]]] = {}
    for note in story.get("minor_differences") or []:
        documents, changes = by_quote.setdefault(str(note.get("quote") or ""), (set(), []))
        documents.update(note.get("documents") or [])
        for change in note.get("changes") or []:
            worded = _minor_change(change)
            if worded not in changes:
                changes.append(worded)
    if not by_quote:
        return None
    shown = [
        f"“{_shortened(quote)}” in {document_refs(sorted(documents), docs)}: {', '.join(changes)}"
        for quote, (documents, changes) in list(by_quote.items())[:3]
    ]
    more = f"; and {len(by_quote) - 3} more" if len(by_quote) > 3 else ""
    return (
        f"Minor differences, not findings: {plural(len(by_quote), 'quote')} reproduced with only "
        f"trivial changes (filler words, courtesy titles, tense or agreement): {'; '.join(shown)}{more}."
    )


def _shortened(quote: str, words: int = 12) -> str:
    parts = quote.split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")


def _minor_change(change: Any) -> str:
    _, old, new = (list(change) + ["", "", ""])[:3] if isinstance(change, (list, tuple)) else ("", "", "")
    if old and new:
        return f"“{old}” → “{new}”"
    return f"“{old}” dropped" if old else f"“{new}” added"


def finding_label(finding: dict) -> str:
    kind = finding.get("kind")
    if kind == "date_conflict" and finding.get("status") == "cannot_compare":
        return "Dates cannot be compared"
    if kind == "attribution":
        return "Credited reuse" if finding.get("credited") else "Uncredited reuse"
    return KIND_LABELS.get(str(kind), str(kind or "Finding").replace("_", " ").capitalize())


def finding_details(finding: dict, docs: dict[Any, dict]) -> list[tuple[str, str]]:
    """The kind-specific facts of a finding as (label, text) lines, then which version prevails
    and the confidence with its basis; the quote diff is left to each renderer."""
    describe = _DETAILS.get(str(finding.get("kind")))
    lines = describe(finding, docs) if describe else []
    prevailing = finding.get("prevailing")
    if prevailing:  # none prevails (a tie, no original): nothing to say
        lines.append(("Weigh most", f"“{prevailing.get('text', '')}”: {prevailing.get('because', '')}"))
    if finding.get("confidence") is not None:
        basis = "; ".join(str(b) for b in finding.get("basis") or [])
        lines.append(("Confidence", _confidence(finding["confidence"]) + (f": {basis}" if basis else "")))
    return lines


def _name_variant_details(finding: dict, docs: dict) -> list[tuple[str, str]]:
    lines = [("Entity", _join_present(finding.get("entity"), _bracket(finding.get("label"))))]
    for variant in finding.get("variants") or []:
        lines.append((f"“{variant.get('text', '')}”", document_refs(variant.get("documents") or [], docs)))
    return lines


def _number_conflict_details(finding: dict, docs: dict) -> list[tuple[str, str]]:
    lines = [("Counted", str(finding.get("counted")))] if finding.get("counted") else []
    for value in finding.get("values") or []:
        lines.append((str(value.get("text", "")), document_refs(value.get("documents") or [], docs)))
    return lines


def _date_conflict_details(finding: dict, docs: dict) -> list[tuple[str, str]]:
    lines = [("Event", str(finding.get("event")))] if finding.get("event") else []
    status = "cannot be compared" if finding.get("status") == "cannot_compare" else "the times do not overlap"
    lines.append(("Status", status))
    if finding.get("reason"):
        lines.append(("Why", str(finding["reason"])))
    for time in finding.get("times") or []:
        interval = time.get("interval")
        lines.append(
            (f"Document {document_ref(time.get('document'), docs)}", f"“{time.get('text', '')}”: {_interval(interval)}")
        )
    return lines


def _quote_variant_details(finding: dict, docs: dict) -> list[tuple[str, str]]:
    lines = [("Speaker", str(finding["speaker"]))] if finding.get("speaker") else []
    for number, version in enumerate(finding.get("versions") or [], start=1):
        lines.append(
            (
                f"Version {number}",
                f"“{version.get('text', '')}” — {document_refs(version.get('documents') or [], docs)}",
            )
        )
    return lines


def _attribution_details(finding: dict, docs: dict) -> list[tuple[str, str]]:
    reuser, source = finding.get("document"), finding.get("source_document")
    if finding.get("credited"):
        credit = f"credited: “{finding['credit']}”" if finding.get("credit") else "credited"
    else:
        credit = "not credited: the source is not named"
    return [
        ("Reuse", f"document {document_ref(reuser, docs)} reuses document {document_ref(source, docs)}"),
        ("Credit", credit),
    ]


def _single_source_details(finding: dict, docs: dict) -> list[tuple[str, str]]:
    kind = str(finding.get("claim_kind") or "claim")
    return [
        ("Only source", f"document {document_ref(finding.get('document'), docs)}"),
        (f"Claim ({kind})", f"“{finding.get('claim', '')}”"),
    ]


_DETAILS = {
    "name_variant": _name_variant_details,
    "number_conflict": _number_conflict_details,
    "date_conflict": _date_conflict_details,
    "quote_variant": _quote_variant_details,
    "attribution": _attribution_details,
    "single_source": _single_source_details,
}


def evidence_by_document(finding: dict) -> list[tuple[Any, list[dict]]]:
    """Evidence grouped per document, in the order the documents first appear."""
    groups: dict[Any, list[dict]] = {}
    for evidence in finding.get("evidence") or []:
        groups.setdefault(evidence.get("document"), []).append(evidence)
    return list(groups.items())


def split_context(evidence: dict) -> tuple[str, str, str]:
    """The evidence sentence cut around its span: (before, span, after); the span is '' when not in the sentence."""
    text, context = str(evidence.get("text") or ""), str(evidence.get("context") or "")
    if not context:
        return "", text, ""
    at = context.find(text) if text else -1
    if at < 0:
        return context, "", ""
    return context[:at], text, context[at + len(text) :]


def diff_ops(finding: dict) -> list[tuple[str, str, str]]:
    """The quote diff as (op, a words, b words), tolerating short or malformed entries."""
    ops = []
    for entry in finding.get("diff") or []:
        if isinstance(entry, (list, tuple)) and entry:
            op, a, b = (list(entry) + ["", ""])[:3]
            ops.append((str(op), str(a or ""), str(b or "")))
    return ops


def _join_present(*parts: Any) -> str:
    return " ".join(str(p) for p in parts if p)


def _bracket(value: Any) -> str:
    return f"({value})" if value else ""


def _interval(interval: Any) -> str:
    if not interval or len(interval) != 2:
        return "not placed in time"
    start, end = interval
    return str(start) if start == end else f"{start} to {end}"


def _confidence(value: Any) -> str:
    return f"{value:.2f}" if isinstance(value, (int, float)) else "unknown"


def _percent(share: float) -> str:
    return f"{round(share * 100)}%"
