from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from corpuskit.cli import app

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"


class Cli:
    """Runs corpuskit commands in-process against one store, as a user would type them."""

    def __init__(self, db: Path, cwd: Path):
        self.db = db
        self.cwd = cwd
        self.runner = CliRunner()

    def __call__(self, *args: str, input: str | None = None, db: bool = True):
        argv = list(args)
        if (
            db
            and "--db" not in argv
            and argv
            and argv[0] in {"ingest", "docs", "show", "search", "entities", "dupes", "diff", "report", "export"}
        ):
            argv += ["--db", str(self.db)]
        old = os.getcwd()
        os.chdir(self.cwd)
        try:
            result = self.runner.invoke(app, argv, input=input, catch_exceptions=False)
        finally:
            os.chdir(old)
        return result

    def json(self, *args: str):
        result = self(*args, "--format", "json")
        assert result.exit_code == 0, result.stderr
        return json.loads(result.stdout)


@pytest.fixture
def cli(tmp_path: Path) -> Cli:
    return Cli(tmp_path / "store" / "corpus.db", tmp_path)


@pytest.fixture
def seeds(tmp_path: Path) -> Path:
    """A private copy of the sample corpus, so tests may change it."""
    target = tmp_path / "seeds"
    shutil.copytree(SEEDS, target)
    return target


def run_corpuskit(*args: str, cwd: Path, timeout: float = 120, **kwargs) -> subprocess.CompletedProcess:
    """corpuskit as a separate process (for kill and concurrency tests)."""
    return subprocess.run(
        [sys.executable, "-m", "corpuskit", *args], cwd=cwd, capture_output=True, text=True, timeout=timeout, **kwargs
    )


@pytest.fixture(scope="session")
def copies(tmp_path_factory) -> Path:
    """The seeds with a near copy and a shortened copy of each, from three outlets
    (``tests/stage_corpus.py``): every stage has several batches of work in it."""
    from tests.stage_corpus import copies_corpus

    return copies_corpus(tmp_path_factory.mktemp("copies") / "corpus")


@pytest.fixture(scope="session")
def copies_ingested(tmp_path_factory, copies):
    """``copies`` ingested, nothing analysed: a test works on a copy of it (``stage_corpus.copy_of``)."""
    from tests.stage_corpus import ingested_store

    return ingested_store(tmp_path_factory.mktemp("copies-store") / "corpus.db", copies)
