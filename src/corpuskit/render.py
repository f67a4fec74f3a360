"""Turning lists of records into table, JSON, JSON lines, CSV or Markdown output."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Sequence
from typing import Any

from rich.console import Console
from rich.table import Table

FORMATS = ("table", "json", "jsonl", "csv", "md")


def to_json(payload: Any) -> str:
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def to_jsonl(rows: Sequence[dict]) -> str:
    return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)


def to_csv(rows: Sequence[dict], columns: Sequence[str]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(columns), extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>|#])")


def md_escape(value: Any) -> str:
    """Text that stays one literal Markdown table cell: no pipes, tags, markup or line breaks."""
    if value is None:
        return ""
    text = " ".join(str(value).split())
    return _MD_SPECIAL.sub(r"\\\1", text)


def to_markdown_table(rows: Sequence[dict], columns: Sequence[str], headers: Sequence[str] | None = None) -> str:
    headers = headers or columns
    lines = ["| " + " | ".join(md_escape(h) for h in headers) + " |",
             "|" + "|".join(" --- " for _ in headers) + "|"]
    for row in rows:
        lines.append("| " + " | ".join(md_escape(row.get(c)) for c in columns) + " |")
    return "\n".join(lines) + "\n"


def rich_table(rows: Sequence[dict], columns: Sequence[str], headers: Sequence[str] | None = None,
               title: str | None = None) -> Table:
    table = Table(title=title, show_lines=False, header_style="bold")
    for header in headers or columns:
        table.add_column(str(header), overflow="fold")
    for row in rows:
        table.add_row(*("" if row.get(c) is None else str(row.get(c)) for c in columns))
    return table


def render_rows(rows: Sequence[dict], columns: Sequence[str], fmt: str, key: str,
                headers: Sequence[str] | None = None) -> str | Table:
    """One list of records in any output format; ``key`` names the list in JSON."""
    if fmt == "json":
        return to_json({key: list(rows)})
    if fmt == "jsonl":
        return to_jsonl(rows)
    if fmt == "csv":
        return to_csv(rows, columns)
    if fmt == "md":
        return to_markdown_table(rows, columns, headers)
    return rich_table(rows, columns, headers)


def write_output(content: str | Table, output: str | None, console: Console) -> None:
    """Print to stdout (rich for tables) or write to a file."""
    if output:
        if not isinstance(content, str):
            file_console = Console(record=True, width=160, file=io.StringIO())
            file_console.print(content)
            content = file_console.export_text()
        with open(output, "w", encoding="utf-8") as handle:
            handle.write(content)
        return
    if isinstance(content, str):
        console.file.write(content)
        console.file.flush()
    else:
        console.print(content)
