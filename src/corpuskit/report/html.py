"""The consistency report as one self-contained HTML page.

Inline CSS, no scripts, no external resource, and a Content-Security-Policy
that forbids scripts even if some text slipped through unescaped.  Every
piece of article text passes through ``_e`` (``html.escape`` with quotes), in
element content and attributes alike; class names come from a fixed
vocabulary, never from the report.
"""

from __future__ import annotations

import html
import re
from typing import Any

from corpuskit.report import outline, pictures
from corpuskit.report.model import verdict_of
from corpuskit.report.settings import DEFAULT_REPORT_SETTINGS

CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"

_STYLE = """
body { font: 16px/1.5 Georgia, "Times New Roman", serif; color: #1d1d1f; background: #fbfbf8; margin: 0; }
main { max-width: 72rem; margin: 0 auto; padding: 1.5rem; }
h1, h2, h3, h4, th, .badge, .doc { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; }
h2 { border-top: 2px solid #1d1d1f; padding-top: 1rem; margin-top: 2.5rem; }
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1rem; font-size: 0.92rem; }
th, td { border: 1px solid #d0d0cc; padding: 0.3rem 0.5rem; text-align: left; vertical-align: top; }
th { background: #efefea; }
td { overflow-wrap: anywhere; }
.short { white-space: nowrap; }
.finding { background: #fff; border: 1px solid #d0d0cc; border-left: 6px solid #888; border-radius: 4px;
           padding: 0.6rem 1rem; margin: 1rem 0; }
.finding h4 { margin: 0.2rem 0; }
.conflict { border-left-color: #c0392b; }
.variant { border-left-color: #d68910; }
.provenance { border-left-color: #2471a3; }
.lone { border-left-color: #7d3c98; }
.badge { font-size: 0.85rem; text-transform: uppercase; letter-spacing: 0.05em; color: #333; }
dl { display: grid; grid-template-columns: fit-content(18rem) minmax(0, 1fr); gap: 0.1rem 0.8rem; margin: 0.5rem 0; }
dt { font-weight: bold; overflow-wrap: anywhere; } dd { margin: 0; overflow-wrap: anywhere; }
.columns { display: grid; grid-template-columns: repeat(auto-fit, minmax(15rem, 1fr)); gap: 0.8rem; }
.column { background: #f6f6f1; border-radius: 4px; padding: 0.4rem 0.7rem; min-width: 0; }
.doc { font-size: 0.85rem; font-weight: bold; margin: 0.2rem 0; overflow-wrap: anywhere; }
blockquote { margin: 0.4rem 0; padding-left: 0.7rem; border-left: 3px solid #bbb; white-space: pre-wrap;
             overflow-wrap: anywhere; }
mark { background: #ffe58a; padding: 0 0.1em; }
.diff { overflow-wrap: anywhere; }
del { background: #f9d0cc; color: #8e1b10; }
ins { background: #cdeccf; color: #145a1e; text-decoration: none; font-weight: bold; }
.fid { font: 0.75rem ui-monospace, monospace; color: #666; font-weight: normal; margin-left: 0.5rem; }
.decision { font-weight: bold; } .confirmed .decision { color: #145a1e; } .dismissed { opacity: 0.6; }
figure { margin: 0.5rem 0 1rem; overflow-x: auto; }
svg.picture { display: block; max-width: 100%; height: auto; }
svg.legend { display: block; margin-top: 0.3rem; }
figcaption { font-size: 0.9rem; color: #444; }
""".strip()

# Findings grouped by what they mean for a reader, for the colour of their card.
_KIND_CLASS = {
    "number_conflict": "conflict",
    "date_conflict": "conflict",
    "name_variant": "variant",
    "quote_variant": "variant",
    "attribution": "provenance",
    "single_source": "lone",
}


# Columns of dates, ids, counts and fixed words, which should not be broken mid-word.
_SHORT_COLUMNS = frozenset({"story", "documents", "independent", "findings", "document", "date", "role", "relation"})


def _e(value: Any) -> str:
    """Text made inert for HTML content or a quoted attribute."""
    return html.escape("" if value is None else str(value), quote=True)


def _kind_class(kind: Any) -> str:
    """A CSS class for a finding kind: only known kinds, so no report text ever reaches an attribute unchecked."""
    known = isinstance(kind, str) and re.fullmatch(r"[a-z_]+", kind)
    return _KIND_CLASS.get(kind, "other") + (f" kind-{kind}" if known else "")


def _table(rows: list[dict], columns: list[str], headers: list[str], link_story: bool = False) -> str:
    head = "".join(f"<th>{_e(h)}</th>" for h in headers)
    body = []
    for row in rows:
        cells = []
        for column in columns:
            value = _e(row.get(column))
            if link_story and column == "title":
                value = f'<a href="#story-{_e(row.get("story"))}">{value}</a>'
            cells.append(f'<td class="short">{value}</td>' if column in _SHORT_COLUMNS else f"<td>{value}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def _quote(evidence: dict) -> str:
    before, span, after = outline.split_context(evidence)
    marked = f"<mark>{_e(span)}</mark>" if span else ""
    return f"<blockquote>{_e(before)}{marked}{_e(after)}</blockquote>"


def _evidence(finding: dict, docs: dict) -> str:
    groups = outline.evidence_by_document(finding)
    if not groups:
        return ""
    columns = [
        f'<div class="column"><p class="doc">{_e(outline.document_heading(doc_id, docs))}</p>'
        + "".join(_quote(e) for e in items)
        + "</div>"
        for doc_id, items in groups
    ]
    if finding.get("kind") in outline.SIDE_BY_SIDE_KINDS:
        return f'<div class="columns">{"".join(columns)}</div>'
    return "".join(columns)


def _diff(finding: dict) -> str:
    words = []
    for op, a, b in outline.diff_ops(finding):
        if op == "equal":
            words.append(_e(a))
        if op in ("replace", "delete") and a.strip():
            words.append(f"<del>{_e(a)}</del>")
        if op in ("replace", "insert") and b.strip():
            words.append(f"<ins>{_e(b)}</ins>")
    if not words:
        return ""
    return (
        '<p class="diff"><strong>Word changes</strong> (<del>struck</del>: only in version 1, '
        f"<ins>marked</ins>: only in version 2): {' '.join(words)}</p>"
    )


def _finding(number: int, finding: dict, docs: dict) -> str:
    details = "".join(
        f"<dt>{_e(label)}</dt><dd>{_e(text)}</dd>" for label, text in outline.finding_details(finding, docs)
    )
    verdict = verdict_of(finding)  # a class only when it is one of the two words
    decided = f" {verdict}" if verdict in ("confirmed", "dismissed") else ""
    marked_id = f' <small class="fid">{_e(finding["id"])}</small>' if finding.get("id") else ""
    decision = outline.decision_line(finding)
    return (
        f'<article class="finding {_kind_class(finding.get("kind"))}{decided}">'
        f'<h4><span class="badge">{number}. {_e(outline.finding_label(finding))}</span>{marked_id}</h4>'
        f"<p>{_e(finding.get('summary'))}</p>"
        + (f'<p class="decision">{_e(decision)}</p>' if decision else "")
        + (f"<dl>{details}</dl>" if details else "")
        + _diff(finding)
        + _evidence(finding, docs)
        + "</article>"
    )


def _pictures(story: dict, docs: dict, max_nodes: int, key: int) -> list[str]:
    """The story's derivation graph and publication timeline (none for a story of one document)."""
    graph = pictures.derivation_svg(story, docs, max_nodes, key)
    if graph is None:
        return []
    left_out = (
        f" {outline.plural(graph.left_out, 'more document')} of this story "
        f"{'is' if graph.left_out == 1 else 'are'} not drawn (the graph shows the {max_nodes} most linked)."
        if graph.left_out
        else ""
    )
    parts = [
        "<h3>Who copied whom</h3>",
        f"<figure>{graph.svg}{pictures.legend_svg(story)}<figcaption>Arrows point from a source to its copy."
        f"{_e(left_out)}</figcaption></figure>",
    ]
    timeline = pictures.timeline_svg(story, docs, key)
    _, undated = pictures.dated_documents(story, docs)
    parts.append("<h3>Timeline of publication</h3>")
    if timeline:
        parts.append(f"<figure>{timeline}</figure>")
    if undated:
        names = ", ".join(outline.document_ref(d, docs) for d in undated)
        parts.append(f"<p>Date unknown: {_e(names)}.</p>")
    return parts


def _story(story: dict, docs: dict, max_nodes: int = DEFAULT_REPORT_SETTINGS.graph_max_nodes, key: int = 0) -> str:
    findings = story.get("findings") or []
    parts = [
        f'<section class="story" id="story-{_e(story.get("id"))}">',
        f"<h2>Story {_e(story.get('id'))}: {_e(story.get('title') or '(untitled)')}</h2>",
        f"<p>{outline.plural(len(story.get('documents') or []), 'document')}, "
        f"{outline.plural(story.get('independent_sources') or 0, 'independent source')}, "
        f"{outline.plural(len(findings), 'finding')}.</p>",
        "<h3>Sources</h3>",
        _table(outline.source_rows(story, docs), outline.SOURCE_COLUMNS, outline.SOURCE_HEADERS),
        *_pictures(story, docs, max_nodes, key),
    ]
    derivation = outline.derivation_rows(story, docs)
    if derivation:
        parts += ["<h3>Derivation</h3>", _table(derivation, outline.DERIVATION_COLUMNS, outline.DERIVATION_HEADERS)]
    parts.append("<h3>Findings</h3>")
    if not findings:
        parts.append(f"<p>{_e(outline.no_findings_sentence(story))}</p>")
    parts += [_finding(number, finding, docs) for number, finding in enumerate(findings, start=1)]
    minor = outline.minor_note(story, docs)
    if minor:
        parts.append(f"<p>{_e(minor)}</p>")
    parts.append("</section>")
    return "\n".join(parts)


def _body(report: dict, max_nodes: int) -> str:
    nothing = outline.no_comparison_sentence(report)
    if nothing:
        return f"<p>{_e(nothing)}</p>"
    docs = outline.documents_by_id(report)
    stories, left_out = outline.listed_stories(report)
    parts = [f"<p>{_e(outline.summary_paragraph(report))}</p>"]
    hidden = outline.hidden_sentence(report)
    if hidden:
        parts.append(f"<p>{_e(hidden)}</p>")
    top = outline.highlight_lines(report)
    if top:
        items = "".join(f"<li>{_e(line)}</li>" for line in top)
        parts += [f"<h2>{_e(outline.HIGHLIGHTS_HEADING)}</h2>", f"<ol>{items}</ol>"]
    parts += [
        "<h2>Stories</h2>",
        _table(
            [outline.story_row(s, docs) for s in stories], outline.STORY_COLUMNS, outline.STORY_HEADERS, link_story=True
        ),
    ]
    if left_out:
        parts.append(f"<p>{_e(outline.leftover_sentence(left_out))}</p>")
    # Each story's element ids are made from its place in the page: unique, whatever its id holds.
    parts += [_story(story, docs, max_nodes, key) for key, story in enumerate(stories, start=1)]
    limits = outline.limit_lines(report, docs)
    if limits:
        items = "".join(f"<li>{_e(line)}</li>" for line in limits)
        parts += [f'<h2 id="limits">{_e(outline.LIMITS_HEADING)}</h2>', f"<ul>{items}</ul>"]
    return "\n".join(parts)


def render_html(report: dict, max_nodes: int = DEFAULT_REPORT_SETTINGS.graph_max_nodes) -> str:
    """The whole report as one HTML page that needs nothing else: no script, no external file;
    each story's graph draws at most ``max_nodes`` documents (``report.graph_max_nodes``)."""
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{_e(CONTENT_SECURITY_POLICY)}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(outline.REPORT_TITLE)}</title>\n<style>\n{_STYLE}\n</style>\n</head>\n<body>\n<main>\n"
        f"<h1>{_e(outline.REPORT_TITLE)}</h1>\n{_body(report, max_nodes)}\n</main>\n</body>\n</html>\n"
    )
