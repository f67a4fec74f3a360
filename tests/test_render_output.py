"""output_console and output_file: the errors of the file are OutputErrors naming it, the others stay what
they are, and a file is written whole or not at all; the streaming writers give the same text as
the whole renderings, piece by piece."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import stat

import pytest
from rich.console import Console

from corpuskit.errors import OutputError
from corpuskit.render import (
    output_console,
    output_file,
    to_csv,
    to_json,
    to_jsonl,
    write_csv_stream,
    write_json_stream,
    write_jsonl_stream,
    write_output,
)


@pytest.mark.parametrize("error", [FileNotFoundError(2, "No such file or directory", "other.txt"), ZeroDivisionError()])
def test_an_error_while_rendering_is_not_reported_as_a_file_that_cannot_be_written(tmp_path, error):
    """Even an OSError of something else the renderer reads is not "cannot write out.txt"."""
    target = tmp_path / "out.txt"
    with pytest.raises(type(error)) as caught, output_console(target, Console()) as console:
        console.print("a first line")
        raise error
    assert caught.value is error
    assert list(tmp_path.iterdir()) == []  # and what was written before it is no file that looks complete


def test_a_file_that_cannot_be_opened_names_the_file(tmp_path):
    target = tmp_path / "missing" / "out.txt"
    message = f"cannot write {target}: No such file or directory"
    with pytest.raises(OutputError, match=re.escape(message)), output_console(target, Console()):
        raise AssertionError("the body ran although the file could not be opened")


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_a_file_that_cannot_be_written_names_the_file():
    with pytest.raises(OutputError, match="cannot write /dev/full: No space left on device"):
        write_output("x" * 100_000, "/dev/full", Console())


def test_a_rendered_file_holds_what_was_written(tmp_path):
    target = tmp_path / "out.txt"
    write_output(["one\n", "two\n"], target, Console())
    assert target.read_text(encoding="utf-8") == "one\ntwo\n"


def test_a_file_that_fails_midway_keeps_the_file_that_was_there(tmp_path):
    target = tmp_path / "out.txt"
    target.write_text("the last complete result\n", encoding="utf-8")
    with pytest.raises(ZeroDivisionError), output_file(target, Console()) as handle:
        handle.write("half of a new result")
        raise ZeroDivisionError
    assert target.read_text(encoding="utf-8") == "the last complete result\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_a_replaced_file_keeps_its_permissions_and_a_new_one_gets_the_usual_ones(tmp_path):
    kept, new = tmp_path / "kept.txt", tmp_path / "new.txt"
    kept.write_text("old\n", encoding="utf-8")
    kept.chmod(0o640)
    for target in (kept, new):
        write_output("new\n", target, Console())
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(kept.stat().st_mode) == 0o640
    assert stat.S_IMODE(new.stat().st_mode) == 0o666 & ~umask
    assert kept.read_text(encoding="utf-8") == new.read_text(encoding="utf-8") == "new\n"


def test_an_output_through_a_link_writes_the_file_it_names(tmp_path):
    real, link = tmp_path / "real.txt", tmp_path / "link.txt"
    real.write_text("old\n", encoding="utf-8")
    link.symlink_to(real)
    write_output("new\n", link, Console())
    assert link.is_symlink() and real.read_text(encoding="utf-8") == "new\n"


# Values as the JSON contracts hold them: nested lists and objects, empty ones, text beyond ASCII
# (with quotes, backslashes and line breaks), floats, booleans and nulls.
RECORDS = [
    {"id": 1, "title": "Anuar “copied” \\ Анвар\nline two", "share": {"a": 0.25, "b": 1.0}, "tags": []},
    {"id": 2, "title": None, "passages": [{"a": [0, 10], "edits": [{"kind": "name", "a": "é", "b": "e"}]}]},
    {"id": 3, "empty": {}, "flag": True, "nested": [[1, [2, []]], {}]},
]


@pytest.mark.parametrize(
    "document",
    [
        {},
        {"documents": [], "pairs": []},
        {"documents": RECORDS, "pairs": RECORDS[1:], "clusters": [{"id": 1, "documents": [1, 2]}]},
        {"count": 3, "title": "ü", "settings": {"a": [1, 2]}, "rows": RECORDS},
    ],
    ids=["empty", "empty lists", "lists", "scalars and objects"],
)
def test_the_streamed_json_is_to_json_byte_for_byte(document):
    lists = io.StringIO()
    write_json_stream(lists, document)
    generators = io.StringIO()  # the same, each list a generator
    write_json_stream(generators, {k: iter(v) if isinstance(v, list) else v for k, v in document.items()})
    assert lists.getvalue() == generators.getvalue() == to_json(document)
    assert json.loads(lists.getvalue()) == document


def test_json_is_one_entry_a_line_and_each_record_compact():
    """The top object's keys, and each element (or key) under them, one a line; deeper levels on
    that line, as the standard library's compact encoder writes them."""
    document = {"count": 2, "settings": {"a": [1, 2]}, "pairs": RECORDS[1:], "none": [], "nothing": {}}
    assert to_json(document).splitlines() == [
        "{",
        '  "count": 2,',
        '  "settings": {',
        '    "a": [1, 2]',
        "  },",
        '  "pairs": [',
        "    " + json.dumps(RECORDS[1], ensure_ascii=False) + ",",
        "    " + json.dumps(RECORDS[2], ensure_ascii=False),
        "  ],",
        '  "none": [],',
        '  "nothing": {}',
        "}",
    ]
    assert to_json({}) == "{}\n"


def test_keys_that_are_not_strings_are_written_as_the_json_module_writes_them():
    document = {"by id": {1: "a", None: "b", False: "c", 2.5: "d"}, 7: [1]}
    assert json.loads(to_json(document)) == json.loads(json.dumps(document))
    with pytest.raises(TypeError):
        to_json({"a": {(1, 2): "pair"}})


def test_json_lines_and_csv_are_the_whole_renderings():
    expected_lines = "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in RECORDS)
    text = io.StringIO()
    csv.DictWriter(text, fieldnames=["id", "title"], extrasaction="ignore", lineterminator="\n").writeheader()
    csv.DictWriter(text, fieldnames=["id", "title"], extrasaction="ignore", lineterminator="\n").writerows(RECORDS)
    assert to_jsonl(RECORDS) == expected_lines
    assert to_csv(RECORDS, ["id", "title"]) == text.getvalue()


class RecordingFile:
    """A text file that keeps each write apart."""

    def __init__(self) -> None:
        self.writes: list[str] = []

    def write(self, text: str) -> int:
        self.writes.append(text)
        return len(text)


STREAMED = {
    "json": lambda out, rows: write_json_stream(out, {"documents": [], "pairs": rows, "clusters": []}),
    "jsonl": write_jsonl_stream,
    "csv": lambda out, rows: write_csv_stream(out, rows, ["id", "title"]),
}


@pytest.mark.parametrize("fmt", STREAMED)
def test_each_row_is_written_before_the_next_is_made(fmt):
    out = RecordingFile()
    writes_when_made: list[int] = []

    def rows():
        for number in range(200):
            writes_when_made.append(len(out.writes))
            yield {"id": number, "title": f"article {number} " * 5, "passages": [{"a": [0, number]}]}

    STREAMED[fmt](out, rows())
    whole = "".join(out.writes)
    assert len(writes_when_made) == 200
    # the writes went on while the rows were made: each row was written before the next was asked for
    assert all(later > earlier for earlier, later in zip(writes_when_made, writes_when_made[1:]))
    assert len(out.writes) >= 200 and max(map(len, out.writes)) < len(whole) / 100
