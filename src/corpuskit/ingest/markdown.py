"""Markdown with optional YAML front matter, reduced to plain text."""

from __future__ import annotations

import re

import yaml
from markdown_it import MarkdownIt

from corpuskit.config import FieldMapping
from corpuskit.ingest.article import Article, Problem
from corpuskit.ingest.clean import clean_text
from corpuskit.ingest.fields import metadata
from corpuskit.ingest.yamlload import TOO_DEEP, load_yaml

_FENCE = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)
_md = MarkdownIt("commonmark", {"html": False})

# Block tokens after which the plain text starts a new paragraph.
_BLOCK_ENDS = {"paragraph_close", "heading_close", "list_item_close", "blockquote_close", "code_block", "fence", "hr"}


def read_markdown(source: str, mapping: FieldMapping) -> list[Article | Problem]:
    front, body, problem = split_front_matter(source)
    problems = [problem] if problem else []
    meta, date_warning = metadata(front, mapping)
    if date_warning:
        problems.append(Problem(f"front matter: {date_warning}", rejected=False))
    first_heading, text = markdown_to_text(body)
    text = clean_text(text)
    if not text:
        return [Problem("no article text in the Markdown file"), *problems]
    meta["title"] = meta["title"] or first_heading
    if meta["title"] and text.startswith(meta["title"]):
        text = text[len(meta["title"]) :].strip()
    return [Article(text=text, record=None, line=None, **meta), *problems]


def split_front_matter(source: str) -> tuple[dict, str, Problem | None]:
    """The front matter as a mapping, the body, and a warning when it is malformed."""
    if not source.startswith("---"):
        return {}, source, None
    first_line_end = source.find("\n")
    if first_line_end == -1 or source[:first_line_end].strip() != "---":
        return {}, source, None
    closing = _FENCE.search(source, first_line_end + 1)
    if not closing:
        return (
            {},
            source[first_line_end + 1 :],
            Problem("front matter has no closing '---'; read the rest as the article", line=1, rejected=False),
        )
    raw, body = source[first_line_end + 1 : closing.start()], source[closing.end() :]
    try:
        front = load_yaml(raw)
    except RecursionError:
        return {}, body, Problem(f"malformed front matter ({TOO_DEEP}); metadata ignored", line=1, rejected=False)
    except yaml.YAMLError as exc:
        # The context mark is where the broken construct opens; the problem
        # mark is often just the end of the block.
        mark = getattr(exc, "context_mark", None) or getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark else 1
        reason = getattr(exc, "problem", None) or "not valid YAML"
        return {}, body, Problem(f"malformed front matter ({reason}); metadata ignored", line=line, rejected=False)
    if front is None:
        return {}, body, None
    if not isinstance(front, dict):
        return (
            {},
            body,
            Problem("front matter is not a mapping of keys to values; metadata ignored", line=1, rejected=False),
        )
    return front, body, None


def markdown_to_text(body: str) -> tuple[str | None, str]:
    """Plain text of a Markdown body (links keep their words, images go) and its first heading."""
    parts: list[str] = []
    first_heading = None
    in_heading = False
    for token in _md.parse(body):
        if token.type == "heading_open":
            in_heading = True
        elif token.type == "inline":
            words = _inline_text(token)
            if in_heading and first_heading is None:
                first_heading = words.strip() or None
            parts.append(words)
        elif token.type in ("code_block", "fence"):
            parts.append(token.content)
        if token.type == "heading_close":
            in_heading = False
        if token.type in _BLOCK_ENDS:
            parts.append("\n\n")
    return first_heading, "".join(parts)


def _inline_text(token) -> str:
    out = []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            out.append(child.content)
        elif child.type == "softbreak":
            out.append(" ")
        elif child.type == "hardbreak":
            out.append("\n")
    return "".join(out)
