"""The consistency report as Markdown an editor can read on its own.

Takes the report dict of the JSON contract (what ``report --format json``
prints); the wording comes from ``outline``, this module adds the Markdown
markup.

All article text goes through ``md_text`` (one line, markup made literal) or
``_quote_lines`` (blockquote lines, each made literal), so a title or quote
holding ``|``, ``#``, ``*``, ``<`` or newlines cannot break the layout.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from corpuskit.render import md_escape, to_markdown_table
from corpuskit.report import outline

# --- Markdown markup -------------------------------------------------------------------------------

# Markdown that md_escape leaves live: strikethrough, entity references, and block markers at a line start.
_ENTITY = re.compile(r"&(?=#?\w+;)")
_LINE_START_MARKER = re.compile(r"^(?:[-+=]|\d+[.)](?=\s|$))")


def md_text(value: Any) -> str:
    """Any text as one literal line of Markdown (table cell, heading, list item)."""
    return _ENTITY.sub(r"\\&", md_escape(value).replace("~", r"\~"))


def _md_paragraph(value: Any) -> str:
    """Any text as one literal paragraph: also no list, heading or rule marker at its start."""
    return _escape_line_start(md_text(value))


def _escape_line_start(line: str) -> str:
    """'- x' -> '\\- x', '1. x' -> '1\\. x': a line's start cannot open a list, heading or rule."""
    return _LINE_START_MARKER.sub(lambda m: m[0][:-1] + "\\" + m[0][-1] if m[0][0].isdigit() else "\\" + m[0], line)


def _md_inline(value: str) -> str:
    """Like md_text, but keeps one space at either edge so escaped pieces can be joined."""
    if not value.strip():
        return " " if value else ""
    return (" " if value[0].isspace() else "") + md_text(value) + (" " if value[-1].isspace() else "")


def _md_strong(value: str, marker: str = "**") -> str:
    """``value`` wrapped in emphasis markers, with its edge spaces kept outside them."""
    if not value.strip():
        return _md_inline(value)
    lead = " " if value[0].isspace() else ""
    trail = " " if value[-1].isspace() else ""
    return f"{lead}{marker}{md_text(value)}{marker}{trail}"


def _quote_lines(before: str, span: str, after: str) -> list[str]:
    """Blockquote lines for a sentence with its span in bold; each line of the text stays inside the quote."""
    lines: list[list[str]] = [[]]
    for piece, strong in ((before, False), (span, True), (after, False)):
        for number, part in enumerate(piece.split("\n")):
            if number:
                lines.append([])
            lines[-1].append(_md_strong(part) if strong else _md_inline(part))
    quoted = []
    for parts in lines:
        line = "".join(parts).strip()
        quoted.append("> " + _escape_line_start(line) if line else ">")
    return quoted


def _table(rows: Sequence[dict], columns: Sequence[str], headers: Sequence[str]) -> str:
    return to_markdown_table(rows, columns, headers, cell=md_text)


def _md_evidence(finding: dict, docs: dict) -> list[str]:
    blocks = []
    for doc_id, items in outline.evidence_by_document(finding):
        for evidence in items:
            blocks.append(
                "\n".join(
                    [
                        f"> **{md_text(outline.document_heading(doc_id, docs))}**",
                        ">",
                        *_quote_lines(*outline.split_context(evidence)),
                    ]
                )
            )
    return blocks


def _md_diff(finding: dict) -> str | None:
    ops = outline.diff_ops(finding)
    if not ops:
        return None
    words = []
    for op, a, b in ops:
        if op == "equal":
            words.append(md_text(a))
        if op in ("replace", "delete") and a.strip():
            words.append(_md_strong(a.strip(), "~~"))
        if op in ("replace", "insert") and b.strip():
            words.append(_md_strong(b.strip()))
    return " ".join(w for w in words if w)


def _md_finding(number: int, finding: dict, docs: dict) -> str:
    # The id as code, so it is copied as typed (for `corpuskit report dismiss ID`).
    marked_id = f" · `{md_text(finding['id'])}`" if finding.get("id") else ""
    parts = [
        f"#### {number}. {md_text(outline.finding_label(finding))}{marked_id}",
        "",
        _md_paragraph(finding.get("summary") or ""),
        "",
    ]
    decision = outline.decision_line(finding)
    if decision:
        parts += [f"**{md_text(decision)}**", ""]
    details = [f"- **{md_text(label)}:** {md_text(text)}" for label, text in outline.finding_details(finding, docs)]
    diff = _md_diff(finding)
    if diff:
        details.append(f"- **Word changes** (~~struck~~: only in version 1, **bold**: only in version 2): {diff}")
    if details:
        parts += details + [""]
    for block in _md_evidence(finding, docs):
        parts += [block, ""]
    return "\n".join(parts)


def _md_story(story: dict, docs: dict) -> str:
    doc_count = len(story.get("documents") or [])
    findings = story.get("findings") or []
    parts = [
        f"## Story {md_text(story.get('id'))}: {md_text(story.get('title') or '(untitled)')}",
        "",
        f"{outline.plural(doc_count, 'document')}, "
        f"{outline.plural(story.get('independent_sources') or 0, 'independent source')}, "
        f"{outline.plural(len(findings), 'finding')}.",
        "",
        "### Sources",
        "",
        _table(outline.source_rows(story, docs), outline.SOURCE_COLUMNS, outline.SOURCE_HEADERS),
    ]
    derivation = outline.derivation_rows(story, docs)
    if derivation:
        parts += ["### Derivation", "", _table(derivation, outline.DERIVATION_COLUMNS, outline.DERIVATION_HEADERS)]
    parts += ["### Findings", ""]
    if not findings:
        parts += [_md_paragraph(outline.no_findings_sentence(story)), ""]
    for number, finding in enumerate(findings, start=1):
        parts.append(_md_finding(number, finding, docs))
    minor = outline.minor_note(story, docs)
    if minor:
        parts += [_md_paragraph(minor), ""]
    return "\n".join(parts)


def render_markdown(report: dict) -> str:
    """The whole report as Markdown: title, summary, table of stories, then each story with its findings."""
    docs = outline.documents_by_id(report)
    parts = [f"# {outline.REPORT_TITLE}", ""]
    nothing = outline.no_comparison_sentence(report)
    if nothing:
        return "\n".join(parts + [nothing, ""])
    stories, left_out = outline.listed_stories(report)
    parts += [outline.summary_paragraph(report), ""]
    hidden = outline.hidden_sentence(report)
    if hidden:
        parts += [hidden, ""]
    top = outline.highlight_lines(report)
    if top:
        parts += [f"## {outline.HIGHLIGHTS_HEADING}", "", *(f"1. {md_text(line)}" for line in top), ""]
    parts += [
        "## Stories",
        "",
        _table([outline.story_row(s, docs) for s in stories], outline.STORY_COLUMNS, outline.STORY_HEADERS),
    ]
    leftover = outline.leftover_sentence(left_out)
    if leftover:
        parts += [leftover, ""]
    for story in stories:
        parts.append(_md_story(story, docs))
    limits = outline.limit_lines(report, docs)
    if limits:
        parts += [f"## {outline.LIMITS_HEADING}", "", *(f"- {md_text(line)}" for line in limits), ""]
    return "\n".join(parts).rstrip("\n") + "\n"
