"""Turning lists of records into table, JSON, JSON lines, CSV or Markdown output."""

from __future__ import annotations

import csv
import io
import json
import os
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import IO, Any, cast

from rich.console import Console, RenderableType
from rich.table import Table
from rich.text import Text

from corpuskit.errors import OutputError

FORMATS = ("table", "json", "jsonl", "csv", "md")
# Tables written to a file are not cut to a terminal's width.
FILE_WIDTH = 160
MIN_FLEX = 24
SHRINK_FLOOR = 20
SHRINK_CAP = 60

# What a command prints: text, a rich renderable, or several of them in order.
Content = str | RenderableType | list[str | RenderableType]


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


# A column this narrow holds ids, counts or dates, which must stay whole.
SHORT_COLUMN = 12


def rich_table(
    rows: Sequence[dict],
    columns: Sequence[str],
    headers: Sequence[str] | None = None,
    title: str | None = None,
    wrap: Sequence[str] = (),
    flex: str = "title",
    shrink: str = "path",
    width: int = 80,
    hide_empty: bool = False,
) -> Table:
    """A terminal table that fits ``width``.

    Short columns keep their natural width (at most 30 characters, the
    ``shrink`` column up to ``SHRINK_CAP``); columns
    in ``wrap`` fold long values over several lines; the ``flex`` column gets
    the width that is left and cuts its values with an ellipsis; when even
    that is too little, the ``shrink`` column gives up width first, down to
    its longest file name (or ``SHRINK_FLOOR``), keeping the end of its
    values (a path's end names the file). ``hide_empty`` leaves out columns empty in every row, whose width
    the others need more.
    """
    pairs = list(zip(columns, headers or columns))
    if hide_empty and rows:
        pairs = [(c, h) for c, h in pairs if c in (flex, shrink) or any(_plain(r.get(c)) for r in rows)]
    widths = {
        c: min(SHRINK_CAP if c == shrink else 30, max([len(h)] + [len(_plain(r.get(c))) for r in rows]))
        for c, h in pairs
    }
    wanted_flex = max([len(h) for c, h in pairs if c == flex] + [len(_plain(r.get(flex))) for r in rows], default=0)
    fixed = sum(widths[c] for c, _ in pairs if c != flex and c not in wrap)
    available = width - fixed - (3 * len(pairs) + 1)  # padding and borders
    wanted_room = MIN_FLEX + MIN_FLEX * len(wrap)
    if shrink in widths and shrink != flex and available < wanted_room:
        # a path's last part names the file: keep it whole if it is not absurdly long
        names = [len(_plain(r.get(shrink)).replace("\\", "/").rsplit("/", 1)[-1]) + 1 for r in rows]
        floor = max([SHRINK_FLOOR] + [min(n, SHRINK_CAP // 2) for n in names])
        given_up = max(0, min(wanted_room - available, widths[shrink] - floor))
        widths[shrink] -= given_up
        available += given_up
    share = available // 2 if wrap else available  # wrapped columns take the other half
    widths[flex] = max(8, min(wanted_flex, share))
    _fit_long_columns(widths, [c for c, _ in pairs if c not in wrap], width - 3 * len(pairs) - 1)
    # A title may quote a query or an article: Text, never rich markup ('[/b]' would fail).
    table = Table(title=None if title is None else Text(title), show_lines=bool(wrap), header_style="bold")
    for column, header in pairs:
        if column in wrap:
            table.add_column(Text(header), overflow="fold", ratio=1)
        else:
            table.add_column(Text(header), overflow="ellipsis", no_wrap=True, width=widths[column])
    for row in rows:
        cells = []
        for column, _ in pairs:
            cell = _cell(row.get(column))
            if column == shrink and column != flex and len(cell) > widths[column]:
                cell = Text("…") + cell[len(cell) - widths[column] + 1 :]
            cells.append(cell)
        table.add_row(*cells)
    return table


def _fit_long_columns(widths: dict[str, int], columns: list[str], room: int) -> None:
    """Narrow the widest columns, never below ``SHORT_COLUMN``, until ``columns`` fit ``room``;
    short columns (ids, counts, dates) keep their width: an id cut to "…" cannot be looked up."""
    while sum(widths[c] for c in columns) > room:
        widest = max(columns, key=lambda c: widths[c])
        if widths[widest] <= SHORT_COLUMN:
            return
        widths[widest] -= 1


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


@contextmanager
def output_console(output: str | os.PathLike | None, console: Console, width: int = FILE_WIDTH) -> Iterator[Console]:
    """``console`` for stdout, or a console on ``output``: opened once, always closed, and a
    file that cannot be opened, written or closed is an ``OutputError`` naming it, not a
    traceback.  Any other error (one raised while rendering) is left as it is."""
    if output is None:
        yield console
        return
    try:
        handle = open(output, "w", encoding="utf-8")  # noqa: SIM115 (closed below, its errors named)
    except OSError as exc:
        raise _cannot_write(output, exc) from None
    done = False
    try:
        named = cast(IO[str], _NamedFile(handle, output))  # writes and flushes as a text file does
        yield Console(file=named, width=width, color_system=None, soft_wrap=False)
        done = True
    finally:
        try:
            handle.close()
        except OSError as exc:
            if done:  # else the error already on its way matters more
                raise _cannot_write(output, exc) from None


class _NamedFile:
    """A text file whose failures to write are an ``OutputError`` naming it."""

    def __init__(self, handle: Any, name: str | os.PathLike) -> None:
        self._handle = handle
        self._name = name

    def write(self, text: str) -> int:
        try:
            return self._handle.write(text)
        except OSError as exc:
            raise _cannot_write(self._name, exc) from None

    def flush(self) -> None:
        try:
            self._handle.flush()
        except OSError as exc:
            raise _cannot_write(self._name, exc) from None

    def __getattr__(self, name: str) -> Any:
        return getattr(self._handle, name)


def _cannot_write(output: str | os.PathLike, exc: OSError) -> OutputError:
    return OutputError(f"cannot write {os.fspath(output)}: {exc.strerror or exc}")


def write_output(content: Content, output: str | os.PathLike | None, console: Console) -> None:
    """Results to stdout (rich for tables) or to the file ``output``."""
    with output_console(output, console) as target:
        for part in content if isinstance(content, list) else [content]:
            if isinstance(part, str):
                target.file.write(part)
                target.file.flush()
            else:
                target.print(part)


def plural(count: int, word: str, many: str | None = None) -> str:
    """'1 pair', '2 pairs', '3 stories' (with ``many`` for irregular plurals)."""
    return f"{count} {word if count == 1 else (many or word + 's')}"
