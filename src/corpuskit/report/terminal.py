"""The consistency report in the terminal, with rich.

Article text is always wrapped in ``rich.text.Text`` (never parsed as rich
markup, so '[bold]' in a title is shown as typed) after control characters
are removed, so an article cannot send escape sequences to the terminal.
Word changes carry ``[-old-]{+new+}`` marks as well as colours, so they
survive a terminal without colour.
"""

from __future__ import annotations

import re
from typing import Any

from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from corpuskit.render import rich_table
from corpuskit.report import outline
from corpuskit.report.model import verdict_of

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_KIND_STYLE = {
    "number_conflict": "red",
    "date_conflict": "red",
    "name_variant": "yellow",
    "quote_variant": "yellow",
    "attribution": "blue",
    "single_source": "magenta",
}

_VERDICT_STYLE = {"confirmed": "bold green", "dismissed": "bold"}


def _t(value: Any, style: str = "") -> Text:
    """Report text as literal, control-free rich Text."""
    return Text(_CONTROL.sub("", "" if value is None else str(value)), style=style)


def _clean_rows(rows: list[dict]) -> list[dict]:
    return [{k: _t(v) if isinstance(v, str) else v for k, v in row.items()} for row in rows]


def _folding_table(
    rows: list[dict], columns: list[str], headers: list[str], title: str, ratios: dict[str, int]
) -> Table:
    """Short columns at their natural width; the ``ratios`` columns share the rest and fold long text."""
    table = Table(title=title, header_style="bold", show_lines=True, expand=True)
    for column, header in zip(columns, headers):
        if column in ratios:
            table.add_column(header, ratio=ratios[column], overflow="fold")
        else:
            table.add_column(header, no_wrap=True)
    for row in rows:
        table.add_row(*(_t(row.get(c)) for c in columns))
    return table


def _quote(evidence: dict) -> Text:
    before, span, after = outline.split_context(evidence)
    return Text.assemble(_t(before), _t(span, "bold black on yellow"), _t(after))


def _evidence(finding: dict, docs: dict) -> RenderableType | None:
    groups = outline.evidence_by_document(finding)
    if not groups:
        return None
    if finding.get("kind") in outline.SIDE_BY_SIDE_KINDS and len(groups) > 1:
        table = Table(show_lines=False, header_style="bold", expand=True)
        for doc_id, _ in groups:
            table.add_column(_t(f"Document {doc_id} — {outline.document_name(doc_id, docs)}"), ratio=1, overflow="fold")
        table.add_row(*(Text("\n\n").join(_quote(e) for e in items) for _, items in groups))
        return table
    return Group(
        *(
            Group(
                _t(outline.document_heading(doc_id, docs), "bold"), *(Padding(_quote(e), (0, 0, 0, 2)) for e in items)
            )
            for doc_id, items in groups
        )
    )


def _diff(finding: dict) -> Text | None:
    ops = outline.diff_ops(finding)
    if not ops:
        return None
    text = Text("Word changes: ", style="bold")
    for op, a, b in ops:
        if op == "equal":
            text.append_text(_t(a.strip()))
        if op in ("replace", "delete") and a.strip():
            text.append_text(_t(f"[-{a.strip()}-]", "strike red"))
        if op in ("replace", "insert") and b.strip():
            text.append_text(_t(f"{{+{b.strip()}+}}", "bold green"))
        text.append(" ")
    return text


def _finding(number: int, finding: dict, docs: dict) -> Panel:
    parts: list[RenderableType] = [_t(finding.get("summary"))]
    decision, verdict = outline.decision_line(finding), verdict_of(finding)
    if decision and verdict:
        parts.append(_t(decision, _VERDICT_STYLE[verdict]))
    details = outline.finding_details(finding, docs)
    if details:
        parts.append(Text("\n").join(Text.assemble(_t(label, "bold"), ": ", _t(text)) for label, text in details))
    for extra in (_diff(finding), _evidence(finding, docs)):
        if extra is not None:
            parts.append(extra)
    # A dismissed finding, shown when asked for, in grey: seen, but not read as one to act on.
    style = "dim" if verdict == "dismissed" else _KIND_STYLE.get(str(finding.get("kind")), "white")
    title = _t(f"{number}. {outline.finding_label(finding)}", f"bold {style}")
    subtitle = _t(f"id {finding['id']}", "dim") if finding.get("id") else None
    return Panel(
        Group(*_spaced(parts)),
        title=title,
        title_align="left",
        subtitle=subtitle,
        subtitle_align="right",
        border_style=style,
    )


def _spaced(parts: list[RenderableType]) -> list[RenderableType]:
    spaced: list[RenderableType] = []
    for part in parts:
        if spaced:
            spaced.append(Text(""))
        spaced.append(part)
    return spaced


def _story(story: dict, docs: dict, console: Console) -> None:
    findings = story.get("findings") or []
    console.rule(_t(f"Story {story.get('id')}: {story.get('title') or '(untitled)'}", "bold"), align="left")
    console.print(
        _t(
            f"{outline.plural(len(story.get('documents') or []), 'document')}, "
            f"{outline.plural(story.get('independent_sources') or 0, 'independent source')}, "
            f"{outline.plural(len(findings), 'finding')}."
        )
    )
    console.print(
        _folding_table(
            outline.source_rows(story, docs),
            outline.SOURCE_COLUMNS,
            ["doc", *outline.SOURCE_HEADERS[1:]],
            "Sources",
            {"title": 3, "outlet": 2, "copied_from": 2},
        )
    )
    derivation = outline.derivation_rows(story, docs)
    if derivation:
        console.print(
            rich_table(
                _clean_rows(derivation),
                outline.DERIVATION_COLUMNS,
                outline.DERIVATION_HEADERS,
                title="Derivation",
                wrap=["copying"],
                flex="documents",
                width=console.width,
            )
        )
    if not findings:
        console.print(_t(outline.no_findings_sentence(story)))
    for number, finding in enumerate(findings, start=1):
        console.print(_finding(number, finding, docs))
    minor = outline.minor_note(story, docs)
    if minor:
        console.print(_t(minor, "dim"))


def render_terminal(report: dict, console: Console) -> None:
    """Print the whole report to ``console``: summary, table of stories, then each story's sources and findings."""
    console.print(_t(outline.REPORT_TITLE, "bold underline"))
    nothing = outline.no_comparison_sentence(report)
    if nothing:
        console.print(_t(nothing))
        return
    docs = outline.documents_by_id(report)
    stories, left_out = outline.listed_stories(report)
    console.print(_t(outline.summary_paragraph(report)))
    hidden = outline.hidden_sentence(report)
    if hidden:
        console.print(_t(hidden))
    top = outline.highlight_lines(report)
    if top:
        console.print(_t(outline.HIGHLIGHTS_HEADING, "bold"))
        for number, line in enumerate(top, start=1):
            console.print(_t(f"{number}. {line}"))
    console.print(
        _folding_table(
            [outline.story_row(s, docs) for s in stories],
            outline.STORY_COLUMNS,
            ["story", "title", "docs", "outlets", "independent", "findings"],
            "Stories",
            {"title": 3, "outlets": 2},
        )
    )
    if left_out:
        console.print(_t(outline.leftover_sentence(left_out)))
    for story in stories:
        _story(story, docs, console)
    limits = outline.limit_lines(report, docs)
    if limits:
        console.print(_t(outline.LIMITS_HEADING, "bold"))
        for line in limits:
            console.print(_t(f"- {line}"))
