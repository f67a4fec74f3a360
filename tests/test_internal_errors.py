"""A bug of corpuskit's own is one line and exit code 3, never a traceback (unless asked for)."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from corpuskit import cli
from corpuskit.store import Store


def broken_documents(self, limit=None, offset=0, flagged=False):
    raise ValueError("a deliberately broken store read")


@pytest.fixture
def corpus(cli, seeds):
    assert cli("ingest", str(seeds), "--quiet").exit_code == 0
    return cli.db


def test_an_internal_error_is_one_line_with_exit_code_3(corpus, monkeypatch):
    monkeypatch.delenv("CORPUSKIT_DEBUG", raising=False)
    monkeypatch.setattr(Store, "documents", broken_documents)
    result = CliRunner().invoke(cli.app, ["docs", "--db", str(corpus)])
    assert result.exit_code == cli.INTERNAL_ERROR == 3
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "internal error" in lines[0] and "ValueError" in lines[0] and "CORPUSKIT_DEBUG=1" in lines[0]
    assert "Traceback" not in result.output


def test_the_debug_variable_shows_the_traceback_instead(corpus, monkeypatch):
    monkeypatch.setenv("CORPUSKIT_DEBUG", "1")
    monkeypatch.setattr(Store, "documents", broken_documents)
    result = CliRunner().invoke(cli.app, ["docs", "--db", str(corpus)])
    assert isinstance(result.exception, ValueError)


def test_a_user_error_keeps_its_own_exit_code(corpus, monkeypatch):
    monkeypatch.delenv("CORPUSKIT_DEBUG", raising=False)
    result = CliRunner().invoke(cli.app, ["show", "999", "--db", str(corpus)])
    assert result.exit_code == 2
    assert "internal error" not in result.stderr


def test_a_command_exit_code_is_not_taken_for_an_internal_error(tmp_path, monkeypatch):
    monkeypatch.delenv("CORPUSKIT_DEBUG", raising=False)
    feed = tmp_path / "feed.jsonl"
    feed.write_text('{"text": 5}\n{"title": "Kept", "text": "A whole sentence of article text."}\n', encoding="utf-8")
    result = CliRunner().invoke(cli.app, ["ingest", str(feed), "--db", str(tmp_path / "c.db")])
    assert result.exit_code == 1, result.output
    assert "internal error" not in result.stderr
    assert "its text field holds int data, not text" in result.stderr
