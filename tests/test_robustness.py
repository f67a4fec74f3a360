"""A killed ingest and two ingests at once leave a consistent store."""

import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import run_corpuskit


def make_corpus(folder: Path, count: int, tag: str = "") -> None:
    folder.mkdir(parents=True)
    for i in range(count):
        body = " ".join(f"Sentence {j} of article {i}{tag} tells of word{i * 7 + j} in town{j}." for j in range(12))
        (folder / f"a{i:05d}.txt").write_text(f"Headline number {i}{tag}\n\n{body}\n", encoding="utf-8")


def count_documents(db: Path) -> int:
    with sqlite3.connect(db, timeout=30) as connection:
        return connection.execute("SELECT count(*) FROM documents").fetchone()[0]


def wait_for_documents(process: subprocess.Popen, db: Path, count: int, seconds: float = 60) -> None:
    """Wait until the store ``db`` holds ``count`` documents, the process ends, or ``seconds`` pass."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and process.poll() is None:
        try:
            if db.exists() and count_documents(db) >= count:
                return
        except sqlite3.OperationalError:  # not made yet, or busy
            pass
        time.sleep(0.02)


def test_sigkill_midway_leaves_a_store_that_a_rerun_completes(tmp_path):
    make_corpus(tmp_path / "corpus", 3000)
    (tmp_path / "corpuskit.yaml").write_text("ingest:\n  batch_size: 10\n")
    db = tmp_path / "c.db"
    process = subprocess.Popen(
        [sys.executable, "-m", "corpuskit", "ingest", "corpus", "--db", str(db), "--quiet"],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    wait_for_documents(process, db, 50)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert process.returncode == -signal.SIGKILL, "ingest finished before it could be killed"

    with sqlite3.connect(db) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    survived = count_documents(db)
    assert 50 <= survived < 3000

    assert_a_rerun_finishes(tmp_path, db, survived, 3000)


def assert_a_rerun_finishes(folder: Path, db: Path, kept: int, total: int) -> None:
    """Ingesting ``folder``/corpus again reads only what was not kept, and ends with all of it."""
    rerun = run_corpuskit("ingest", "corpus", "--db", str(db), "--format", "json", cwd=folder)
    assert rerun.returncode == 0, rerun.stderr
    assert '"unchanged": %d' % kept in rerun.stdout
    assert count_documents(db) == total


def test_two_ingests_at_once_both_finish_without_duplicates(tmp_path):
    make_corpus(tmp_path / "corpus", 400)
    make_corpus(tmp_path / "more", 200, tag="b")
    (tmp_path / "corpuskit.yaml").write_text("ingest:\n  batch_size: 20\n")
    db = tmp_path / "c.db"
    command = [sys.executable, "-m", "corpuskit", "ingest", "--db", str(db), "--quiet"]
    first = subprocess.Popen(command + ["corpus", "more"], cwd=tmp_path, stderr=subprocess.PIPE, text=True)
    second = subprocess.Popen(command + ["corpus"], cwd=tmp_path, stderr=subprocess.PIPE, text=True)
    assert first.wait(timeout=300) == 0, first.stderr.read()
    assert second.wait(timeout=300) == 0, second.stderr.read()
    with sqlite3.connect(db) as connection:
        assert connection.execute("SELECT count(*) FROM documents").fetchone()[0] == 600
        assert connection.execute("SELECT count(DISTINCT path) FROM documents").fetchone()[0] == 600
        assert connection.execute("SELECT count(*) FROM texts").fetchone()[0] == 600
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
