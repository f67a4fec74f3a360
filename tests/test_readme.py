"""The README's command reference against the commands themselves, as sqlite-utils checks its docs.

Every command has a section ("### `corpuskit NAME ...`"; a subcommand is
documented in its parent's section), every option of a command appears
there in backticks, every choice of an option with fixed choices is named
there, and no section documents a command that does not exist. An option
added without documentation fails here.
"""

from __future__ import annotations

import re
import typing
from enum import Enum
from pathlib import Path

import pytest
import typer.main

from corpuskit.cli import app

README = Path(__file__).resolve().parents[1] / "README.md"
ROOT = typer.main.get_command(app)


def walk(group, prefix: tuple[str, ...] = ()):
    context = type(typer.main.get_command(app)).context_class(group) if hasattr(group, "context_class") else None
    for name in group.list_commands(context):
        command = group.get_command(context, name)
        yield (*prefix, name), command
        if hasattr(command, "list_commands"):
            yield from walk(command, (*prefix, name))


COMMANDS = dict(walk(ROOT))


def headed_lines() -> list[tuple[str, bool]]:
    """README lines, each marked whether it is outside a fenced code block (where a # is a heading)."""
    lines, fence = [], ""
    for line in README.read_text(encoding="utf-8").splitlines():
        marker = re.match(r"^(`{3,}|~{3,})", line)
        if marker and not fence:
            fence = marker.group(1)
            lines.append((line, False))
        elif fence and line.strip() == fence:
            fence = ""
            lines.append((line, False))
        else:
            lines.append((line, not fence))
    return lines


def sections() -> dict[str, str]:
    """The Commands chapter by top-level command name; "" holds the part before the first command."""
    found: dict[str, list[str]] = {}
    current = None
    for line, heading in headed_lines():
        if heading and line.startswith("## "):
            current = "" if line == "## Commands" else None
            continue
        if heading and current is not None and line.startswith("### "):
            match = re.match(r"### `corpuskit ([a-z-]+)", line)
            current = match.group(1) if match else None
            continue
        if current is not None:
            found.setdefault(current, []).append(line)
    return {name: "\n".join(lines) for name, lines in found.items()}


def options(command) -> list:
    return [p for p in command.params if getattr(p, "opts", None) and p.opts[0].startswith("-") and not p.hidden]


def choices(parameter) -> list[str]:
    annotation = parameter.type_descriptor.annotation
    for candidate in (annotation, *typing.get_args(annotation)):
        if isinstance(candidate, type) and issubclass(candidate, Enum):
            return [member.value for member in candidate]
    return []


def documented(option: str, text: str) -> bool:
    """The option in backticks, alone or with its value: `--limit` or `--limit N`."""
    return re.search(r"`" + re.escape(option) + r"(?:[\s=][^`]*)?`", text) is not None


@pytest.mark.parametrize("path", list(COMMANDS), ids=" ".join)
def test_every_option_of_every_command_is_in_its_readme_section(path):
    section = sections().get(path[0])
    assert section is not None, f"README has no section for corpuskit {path[0]}"
    missing = [p.opts[0] for p in options(COMMANDS[path]) if not documented(p.opts[0], section)]
    assert not missing, f"corpuskit {' '.join(path)}: options not in its README section: {missing}"


@pytest.mark.parametrize("path", list(COMMANDS), ids=" ".join)
def test_every_choice_of_every_option_is_named(path):
    section = sections()[path[0]]
    for parameter in options(COMMANDS[path]):
        missing = [c for c in choices(parameter) if not re.search(rf"\b{re.escape(c)}\b", section)]
        assert not missing, f"corpuskit {' '.join(path)} {parameter.opts[0]}: choices not in the README: {missing}"


def test_every_subcommand_is_named_in_its_parents_section():
    for path in COMMANDS:
        if len(path) > 1:
            assert f"corpuskit {' '.join(path)}" in sections()[path[0]], path


def test_the_root_options_are_documented():
    for parameter in options(ROOT):
        assert documented(parameter.opts[0], sections()[""]), parameter.opts[0]


def test_no_section_documents_a_missing_command():
    names = {path[0] for path in COMMANDS}
    assert set(sections()) - {""} <= names


def test_the_check_notices_an_undocumented_option():
    """The test above could pass by reading nothing: it must see what is there and what is not."""
    section = sections()["docs"]
    assert documented("--limit", section)
    assert not documented("--no-such-option", section)
    assert not documented("--lim", section)


def test_ci_runs_the_readme_test_command_word_for_word():
    readme = README.read_text(encoding="utf-8")
    command = next(line for line in readme.splitlines() if line.startswith('python -m pip install -e ".[test,spark]"'))
    ci = (README.parent / ".ci" / "run").read_text(encoding="utf-8")
    assert command in ci.splitlines()
    assert "python -m pytest" in command and "mypy" in command and "ruff check" in command
