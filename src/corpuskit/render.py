"""Turning lists of records into table, JSON, JSON lines, CSV or Markdown output."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import secrets
import stat
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from typing import IO, Any, Protocol, cast

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


class Writable(Protocol):
    """Where streamed output goes: an open text file, ``sys.stdout``, a ``StringIO``."""

    def write(self, text: str, /) -> Any: ...


def to_json(payload: Mapping[str, Any]) -> str:
    """``payload`` as the commands write JSON (see ``write_json_stream``)."""
    text = io.StringIO()
    write_json_stream(text, payload)
    return text.getvalue()


def to_jsonl(rows: Iterable[dict]) -> str:
    text = io.StringIO()
    write_jsonl_stream(text, rows)
    return text.getvalue()


def to_csv(rows: Iterable[dict], columns: Sequence[str]) -> str:
    text = io.StringIO()
    write_csv_stream(text, rows, columns)
    return text.getvalue()


JSON_INDENT = "  "


def write_json_stream(out: Writable, document: Mapping[str, Any]) -> None:
    """``document`` as JSON, one entry a line: each key of it, and under a key each element of a
    list or each key of an object, written compactly (the standard library's C encoder) as it
    comes, so a listing reads one record a line, as sqlite-utils writes rows.

    Indenting every level instead was a third of an incremental ``dupes`` run: the standard
    library indents in pure Python, ten times slower than it writes compact JSON.  A value
    that is a list, a tuple or an iterator (a generator) is written one element at a time,
    so neither the whole text nor a generated list is ever held.
    """
    _write_entries(out, document.items(), "{", "}", depth=0, keyed=True)
    out.write("\n")


def _write_entries(out: Writable, entries: Iterable[Any], opening: str, closing: str, depth: int, keyed: bool) -> None:
    inner = "\n" + JSON_INDENT * (depth + 1)
    empty = True
    for entry in entries:
        out.write((opening if empty else ",") + inner)
        empty = False
        if not keyed:
            out.write(_compact(entry))
            continue
        key, value = entry
        out.write(_json_key(key) + ": ")
        if depth == 0 and isinstance(value, list | tuple | Iterator):
            _write_entries(out, value, "[", "]", depth + 1, keyed=False)
        elif depth == 0 and isinstance(value, Mapping):
            _write_entries(out, value.items(), "{", "}", depth + 1, keyed=True)
        else:
            out.write(_compact(value))
    out.write(opening + closing if empty else "\n" + JSON_INDENT * depth + closing)


def _compact(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _json_key(key: Any) -> str:
    """An object key as the json module writes one: a string, or a number, true, false or null
    written as a string (1 -> "1", None -> "null"); any other key is an error, as there."""
    if isinstance(key, str):
        return _compact(key)
    if key is None or isinstance(key, bool | int | float):
        return _compact(json.dumps(key))
    raise TypeError(f"keys must be str, int, float, bool or None, not {type(key).__name__}")


def write_jsonl_stream(out: Writable, rows: Iterable[dict]) -> None:
    """One JSON line a row, each written as it comes."""
    for row in rows:
        out.write(_compact(row) + "\n")


def write_csv_stream(out: Writable, rows: Iterable[dict], columns: Sequence[str]) -> None:
    """A header and one CSV line a row (the ``columns`` of it), each written as it comes."""
    writer = csv.DictWriter(out, fieldnames=list(columns), extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow(row)


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
def output_file(output: str | os.PathLike | None, console: Console) -> Iterator[IO[str]]:
    """Where a command writes its results: ``console``'s file (stdout), or the file ``output``.

    A file is written whole or not at all: into a new file beside it, renamed over
    ``output`` once all is written and closed, and deleted when anything fails, so an
    error midway never leaves a partial file that looks complete (nor spoils the file
    that was there, whose permissions the new one keeps).  A device or a pipe
    (``/dev/stdout``) is written directly.  A file that cannot be opened, written, closed
    or renamed is an ``OutputError`` naming it, not a traceback; any other error (one
    raised while rendering) is left as it is."""
    if output is None:
        yield console.file
        console.file.flush()
        return
    direct = os.path.exists(output) and not os.path.isfile(output)
    final = os.path.realpath(output)  # through a link, to the file it names
    temporary = None if direct else _beside(final)
    try:
        handle = open(temporary or final, "x" if temporary else "w", encoding="utf-8")  # noqa: SIM115 (closed below)
    except OSError as exc:
        raise _cannot_write(output, exc) from None
    done = False
    try:
        yield cast(IO[str], _NamedFile(handle, output))  # writes and flushes as a text file does
        done = True
    finally:
        try:
            handle.close()
            if done and temporary:
                if os.path.isfile(final):
                    os.chmod(temporary, stat.S_IMODE(os.stat(final).st_mode))
                os.replace(temporary, final)
                temporary = None
        except OSError as exc:
            if done:  # else the error already on its way matters more
                raise _cannot_write(output, exc) from None
        finally:
            if temporary:
                with suppress(OSError):
                    os.remove(temporary)


def _beside(path: str) -> str:
    """A new hidden name in the folder of ``path``, for the file that will replace it."""
    folder, name = os.path.split(path)
    return os.path.join(folder, f".{name[:100]}.{secrets.token_hex(4)}.tmp")


@contextmanager
def output_console(output: str | os.PathLike | None, console: Console, width: int = FILE_WIDTH) -> Iterator[Console]:
    """``console`` for stdout, or a console on the file ``output``, written as ``output_file`` writes."""
    with output_file(output, console) as handle:
        yield console if output is None else Console(file=handle, width=width, color_system=None, soft_wrap=False)


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
