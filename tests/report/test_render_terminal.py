"""The terminal report: the same content as the Markdown, fitted to the console, markup and escapes inert."""

from __future__ import annotations

import io

from rich.console import Console

from corpuskit.report.terminal import render_terminal

from .fixtures import FINDINGS, empty_report, sample_report, single_document_report, squash, with_article_text


def shown(report: dict, width: int = 100, color: bool = False) -> str:
    console = Console(
        file=io.StringIO(), width=width, force_terminal=color, color_system="truecolor" if color else None, record=True
    )
    render_terminal(report, console)
    return console.file.getvalue() if color else console.export_text()


def test_summary_stories_sources_and_findings_in_order():
    text = shown(sample_report())
    assert text.startswith("Cross-source consistency report\n")
    assert "1 story is covered by more than one document" in squash(text)
    assert "1 more story with a single document and no findings is not listed." in text
    assert "Story 1: Harbour wall gives way after storm" in text
    assert "2 (Bay News) copied 1 (Coastal Herald)" in text
    labels = [
        "1. Number conflict",
        "2. Dates cannot be compared",
        "3. Name variant",
        "4. Quote variant",
        "5. Credited reuse",
        "6. Uncredited reuse",
        "7. Single-source claim",
    ]
    assert [text.index(label) for label in labels] == sorted(text.index(label) for label in labels)
    flat = squash(text.replace("│", " "))
    for finding in FINDINGS:
        assert squash(finding["summary"]) in flat


def test_kind_specific_details_and_the_quote_diff_readable_without_colour():
    text = shown(sample_report())
    assert "Why: 'last Tuesday' is relative and document 4 has no publication date" in text
    assert "“Ingrid Solbert”: document 2 (Bay News)" in text
    assert "Credit: not credited: the source is not named" in text
    assert "We had [-loads of-]{+many+} warnings about [-that-]{+the+} wall" in text


def test_conflict_evidence_is_side_by_side():
    lines = shown(sample_report(), width=120).splitlines()
    first = lines.index(next(line for line in lines if "1. Number conflict" in line))
    header = next(line for line in lines[first:] if "Document 1 — Coastal Herald" in line)
    assert "Document 2 — Bay News" in header


def test_output_fits_the_console_width():
    for width in (60, 100):
        assert max(len(line) for line in shown(sample_report(), width).splitlines()) <= width


def test_a_corpus_without_multi_source_story_gets_a_short_clear_report():
    assert squash(shown(single_document_report())) == (
        "Cross-source consistency report No story is covered by more "
        "than one document; 1 document, 1 story, so there is nothing "
        "to compare across sources."
    )
    assert "0 documents, 0 stories" in squash(shown(empty_report()))


def test_rich_markup_and_terminal_escapes_in_article_text_are_inert():
    payload = "[bold red]loud[/bold red] [link=http://x]click[/link] \x1b[31mred\x1b[0m \x07bell"
    report = with_article_text(sample_report(), lambda text: f"{text} {payload}")
    coloured = shown(report, width=200, color=True)
    assert "\x07" not in coloured and "\x1b[31mred" not in coloured
    assert "\x1b]8;" not in coloured  # no hyperlink escape made from the text
    plain = shown(report, width=200)
    assert "[bold red]loud[/bold red] [link=http://x]click[/link] [31mred[0m bell" in plain
    assert "Story 1: Harbour wall gives way after storm [bold red]loud[/bold red]" in plain
