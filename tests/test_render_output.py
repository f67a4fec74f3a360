"""output_console: the errors of the file are OutputErrors naming it, the others stay what they are."""

from __future__ import annotations

import os
import re

import pytest
from rich.console import Console

from corpuskit.errors import OutputError
from corpuskit.render import output_console, write_output


@pytest.mark.parametrize("error", [FileNotFoundError(2, "No such file or directory", "other.txt"), ZeroDivisionError()])
def test_an_error_while_rendering_is_not_reported_as_a_file_that_cannot_be_written(tmp_path, error):
    """Even an OSError of something else the renderer reads is not "cannot write out.txt"."""
    target = tmp_path / "out.txt"
    with pytest.raises(type(error)) as caught, output_console(target, Console()) as console:
        console.print("a first line")
        raise error
    assert caught.value is error
    assert target.read_text(encoding="utf-8") == "a first line\n"


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
