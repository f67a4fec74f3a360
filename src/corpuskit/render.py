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
from rich.text import Text

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


def to_markdown_table(
    rows: Sequence[dict], columns: Sequence[str], headers: Sequence[str] | None = None, cell=md_escape
) -> str:
    headers = headers or columns
    lines = ["| " + " | ".join(md_escape(h) for h in headers) + " |", "|" + "|".join(" --- " for _ in headers) + "|"]
    for row in rows:
        lines.append("| " + " | ".join(cell(row.get(c)) for c in columns) + " |")
    return "\n".join(lines) + "\n"


def rich_table(
    rows: Sequence[dict],
    columns: Sequence[str],
    headers: Sequence[str] | None = None,
    title: str | None = None,
    wrap: Sequence[str] = (),
    flex: str = "title",
    shrink: str = "path",
    width: int = 80,
) -> Table:
    """A terminal table that fits ``width``.

    Short columns keep their natural width (at most 30 characters); columns
    in ``wrap`` fold long values over several lines; the ``flex`` column gets
    the width that is left and cuts its values with an ellipsis; when even
    that is too little, the ``shrink`` column gives up its width first.
    """
    headers = list(headers or columns)
    widths = {c: min(30, max([len(h)] + [len(_plain(r.get(c))) for r in rows])) for c, h in zip(columns, headers)}
    wanted_flex = max(
        [len(h) for c, h in zip(columns, headers) if c == flex] + [len(_plain(r.get(flex))) for r in rows]
    )
    fixed = sum(widths[c] for c in columns if c != flex and c not in wrap)
    available = width - fixed - (3 * len(columns) + 3)  # padding, borders, a margin
    if shrink in widths and available < 24 + 24 * len(wrap):
        given_up = min(24 + 24 * len(wrap) - available, widths[shrink] - 8)
        widths[shrink] -= given_up
        available += given_up
    share = available // 2 if wrap else available  # wrapped columns take the other half
    widths[flex] = max(8, min(wanted_flex, share))
    table = Table(title=title, show_lines=bool(wrap), header_style="bold")
    for column, header in zip(columns, headers):
        if column in wrap:
            table.add_column(header, overflow="fold", ratio=1)
        else:
            table.add_column(header, overflow="ellipsis", no_wrap=True, width=widths[column])
    for row in rows:
        table.add_row(*(_cell(row.get(c)) for c in columns))
    return table


def _plain(value: Any) -> str:
    return value.plain if isinstance(value, Text) else ("" if value is None else str(value))


def _cell(value: Any) -> Text:
    """Article text is shown literally: '[x]' in a title is not rich markup."""
    if isinstance(value, Text):
        return value
    return Text("" if value is None else str(value))


def render_rows(
    rows: Sequence[dict],
    columns: Sequence[str],
    fmt: str,
    key: str,
    headers: Sequence[str] | None = None,
    width: int = 80,
) -> str | Table:
    """One list of records in any output format; ``key`` names the list in JSON."""
    if fmt == "json":
        return to_json({key: list(rows)})
    if fmt == "jsonl":
        return to_jsonl(rows)
    if fmt == "csv":
        return to_csv(rows, columns)
    if fmt == "md":
        return to_markdown_table(rows, columns, headers)
    return rich_table(rows, columns, headers, width=width)


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
