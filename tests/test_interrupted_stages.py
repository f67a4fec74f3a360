"""Every long stage, interrupted part-way (Ctrl-C), keeps the batches it saved: run again, it
does only the rest, and ends where an uninterrupted run ends.

Each test makes a small corpus take several batches (small batch constants), raises
KeyboardInterrupt where a Ctrl-C could land (in a save, or in a progress report after a
save), opens the store again as the next run would, counts the items the next run works on,
and compares its result with an uninterrupted run's on a copy of the same store.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys

import pytest
from tests.stage_corpus import DOCUMENTS, copy_of
from tests.test_robustness import assert_a_rerun_finishes, count_documents, make_corpus, wait_for_documents

from corpuskit.config import IngestConfig
from corpuskit.dupes import corpus as dupes_corpus
from corpuskit.dupes.model import DupesResult
from corpuskit.entities import cache as entities_cache
from corpuskit.entities.model import Decisions
from corpuskit.facts import corpus as facts_corpus
from corpuskit.ingest import pipeline as ingest_pipeline
from corpuskit.nlp import DEFAULT_MODELS
from corpuskit.store import Store


@pytest.fixture
def stores(copies_ingested, tmp_path) -> tuple[Store, Store]:
    """Two copies of the ingested store: one to interrupt, one to run without interruption."""
    return copy_of(copies_ingested, tmp_path / "interrupted.db"), copy_of(copies_ingested, tmp_path / "whole.db")


def interrupt_on_save(monkeypatch, store: Store, method: str, on_call: int = 2) -> list[int]:
    """``store.<method>`` raises KeyboardInterrupt on its ``on_call``-th call, before saving (a
    Ctrl-C during that batch's work); returns the sizes of the batches it saved before."""
    real = getattr(store, method)
    saved: list[int] = []

    def save(*args):
        if len(saved) + 1 >= on_call:
            raise KeyboardInterrupt
        items = list(args[-1])
        real(*args[:-1], items)
        saved.append(len(items))

    monkeypatch.setattr(store, method, save)
    return saved


def counting(monkeypatch, module, name: str, size=lambda *args: 1) -> list[int]:
    """Spy on ``module.name``: each call's ``size(*args)`` is appended to the returned list."""
    real = getattr(module, name)
    calls: list[int] = []

    def spy(*args, **kwargs):
        calls.append(size(*args))
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, spy)
    return calls


def reopened(store: Store) -> Store:
    """The store as the next run opens it (another connection, nothing patched)."""
    return Store.open(store.path, create=False)


def texts_of(store: Store) -> int:
    return len(store.text_ids_of_documents().values())


def dupes_json(result: DupesResult) -> dict:
    return result.to_json()


# ---------------------------------------------------------------------------
# ingest
# ---------------------------------------------------------------------------


WRITE_TIMES = {"ingested_at", "updated_at"}  # when a row was written, not what it holds


def stored_documents(store: Store) -> list[dict]:
    rows = store.documents()
    texts = store.document_texts([r["id"] for r in rows])
    return [{**{k: v for k, v in r.items() if k not in WRITE_TIMES}, "text": texts[r["id"]]} for r in rows]


def test_an_interrupted_ingest_reads_only_the_files_it_had_not_saved(copies, tmp_path, monkeypatch):
    config = IngestConfig(batch_size=4)
    files = len(list(copies.iterdir())) - 1  # sources.csv gives metadata, it is no article
    store = Store.open(tmp_path / "interrupted.db")

    def stop_after_first_batch(done: int, total: int) -> None:
        if done:  # called after each batch is written
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        ingest_pipeline.ingest_paths(store, [str(copies)], config, on_file=stop_after_first_batch)
    assert reopened(store).count_documents() == 4

    read = counting(monkeypatch, ingest_pipeline, "read_file")
    report = ingest_pipeline.ingest_paths(reopened(store), [str(copies)], config)
    assert len(read) == files - 4
    assert (report.added, report.unchanged) == (DOCUMENTS - 4, 4)

    whole = Store.open(tmp_path / "whole.db")
    ingest_pipeline.ingest_paths(whole, [str(copies)], config)
    assert stored_documents(reopened(store)) == stored_documents(whole)


def test_an_ingest_interrupted_inside_a_batch_keeps_none_of_that_batch(copies, tmp_path, monkeypatch):
    """A Ctrl-C while a batch is being written rolls the whole batch back: the store holds
    whole batches only, and the next run writes the rest."""
    config = IngestConfig(batch_size=4)
    store = Store.open(tmp_path / "interrupted.db")
    real = store._upsert_document
    written: list[int] = []

    def upsert(document):
        if len(written) == 5:  # the second document of the second batch
            raise KeyboardInterrupt
        written.append(1)
        return real(document)

    monkeypatch.setattr(store, "_upsert_document", upsert)
    with pytest.raises(KeyboardInterrupt):
        ingest_pipeline.ingest_paths(store, [str(copies)], config)
    assert reopened(store).count_documents() == 4
    report = ingest_pipeline.ingest_paths(reopened(store), [str(copies)], config)
    assert (report.added, report.unchanged) == (DOCUMENTS - 4, 4)


# ---------------------------------------------------------------------------
# dupes: signatures, sentence hashes, verdicts
# ---------------------------------------------------------------------------


@pytest.fixture
def small_dupes_batches(monkeypatch):
    monkeypatch.setattr(dupes_corpus, "SIGN_BATCH", 4)
    monkeypatch.setattr(dupes_corpus, "VERIFY_BATCH", 2)


@pytest.mark.parametrize(
    ("save", "per_text", "stage_before"),
    [
        ("save_signatures", "compute_signature", None),
        ("save_sentence_hashes", "sentence_hashes", "compute_signature"),
    ],
    ids=["signing", "sentence hashes"],
)
def test_an_interrupted_per_text_stage_does_only_the_texts_left(
    save, per_text, stage_before, stores, monkeypatch, small_dupes_batches
):
    store, whole = stores
    saved = interrupt_on_save(monkeypatch, store, save)
    with pytest.raises(KeyboardInterrupt):
        dupes_corpus.corpus_duplicates(store)
    assert saved == [4]

    done = counting(monkeypatch, dupes_corpus, per_text)
    redone = counting(monkeypatch, dupes_corpus, stage_before) if stage_before else []
    result = dupes_corpus.corpus_duplicates(reopened(store))
    assert len(done) == texts_of(whole) - 4  # every document has an outlet, so its sentences are hashed
    assert not redone  # the stage before was finished and kept
    monkeypatch.undo()
    assert dupes_json(result) == dupes_json(dupes_corpus.corpus_duplicates(whole))


def pairs_in(docs, pairs, *rest) -> int:
    return len(pairs)


def test_interrupted_verification_verifies_only_the_pairs_left(stores, monkeypatch, small_dupes_batches):
    store, whole = stores
    saved = interrupt_on_save(monkeypatch, store, "save_pairs", on_call=3)
    with pytest.raises(KeyboardInterrupt):
        dupes_corpus.corpus_duplicates(store)
    assert len(saved) == 2  # two batches of verdicts kept; the third was lost with the Ctrl-C

    verified = counting(monkeypatch, dupes_corpus, "verify_pairs", size=pairs_in)
    hashed = counting(monkeypatch, dupes_corpus, "sentence_hashes")
    result = dupes_corpus.corpus_duplicates(reopened(store))
    verified_again, hashed_again = sum(verified), len(hashed)
    verified.clear()
    reference = dupes_corpus.corpus_duplicates(whole)
    assert verified_again == sum(verified) - sum(saved)
    assert not hashed_again  # the stages before were finished and kept
    assert dupes_json(result) == dupes_json(reference)


def test_a_second_run_after_a_finished_one_verifies_nothing(stores, monkeypatch, small_dupes_batches):
    store, _ = stores
    first = dupes_corpus.corpus_duplicates(store)
    verified = counting(monkeypatch, dupes_corpus, "verify_pairs")
    assert dupes_json(dupes_corpus.corpus_duplicates(reopened(store))) == dupes_json(first)
    assert not verified


# ---------------------------------------------------------------------------
# entities: names found by NER
# ---------------------------------------------------------------------------


def test_interrupted_name_finding_analyses_only_the_texts_left(stores, monkeypatch):
    store, whole = stores
    monkeypatch.setattr(entities_cache, "SAVE_EVERY", 4)
    # A text no model reads (a shortened copy that is a byline alone: its language cannot be
    # told) is saved with no names first; the interrupt comes after the first batch of names.
    saved = interrupt_on_save(monkeypatch, store, "save_mentions", on_call=3)
    with pytest.raises(KeyboardInterrupt):
        entities_cache.update_mentions(store)
    assert saved == [1, 4]

    read: list[int] = []
    real = entities_cache.extract

    def extract(nlp, texts, **options):
        def counted():
            for item in texts:
                read.append(item[0])
                yield item

        return real(nlp, counted(), **options)

    monkeypatch.setattr(entities_cache, "extract", extract)
    assert entities_cache.update_mentions(reopened(store)) == texts_of(whole) - sum(saved)
    assert len(read) == texts_of(whole) - sum(saved)
    monkeypatch.undo()
    entities_cache.update_mentions(whole)
    again, reference = reopened(store), reopened(whole)
    assert list(map(tuple, again.document_mentions())) == list(map(tuple, reference.document_mentions()))
    resolved = [entities_cache.resolved_entities(s, DEFAULT_MODELS, Decisions()) for s in (again, reference)]
    assert entities_cache.entities_to_bytes(resolved[0]) == entities_cache.entities_to_bytes(resolved[1])


# ---------------------------------------------------------------------------
# report: facts read from each text
# ---------------------------------------------------------------------------


def test_interrupted_fact_reading_reads_only_the_texts_left(stores, monkeypatch):
    store, whole = stores
    monkeypatch.setattr(facts_corpus, "SAVE_EVERY", 4)
    saved = interrupt_on_save(monkeypatch, store, "save_facts")
    with pytest.raises(KeyboardInterrupt):
        facts_corpus.corpus_facts(store, store.documents())
    assert saved == [4]

    read = counting(monkeypatch, facts_corpus, "_extract_one")
    again = reopened(store)
    found = facts_corpus.corpus_facts(again, again.documents())
    assert len(read) == DOCUMENTS - 4  # one (text, date) each
    monkeypatch.undo()
    assert found == facts_corpus.corpus_facts(whole, whole.documents())


# ---------------------------------------------------------------------------
# Ctrl-C at the command line: one line, exit code 130, and the next run finishes
# ---------------------------------------------------------------------------

INTERRUPTED = "interrupted: work committed so far is kept; run the command again to finish"
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report a command ended by Ctrl-C

# A function of each command's long stage, made to raise KeyboardInterrupt.
STAGE_OF_COMMAND = {
    "ingest": (ingest_pipeline, "read_file"),
    "dupes": (dupes_corpus, "compute_signature"),
    "entities": (entities_cache, "extract"),
    "report": (facts_corpus, "_extract_one"),
}


def ctrl_c(*args, **kwargs):
    raise KeyboardInterrupt


@pytest.mark.parametrize("command", sorted(STAGE_OF_COMMAND))
def test_ctrl_c_is_one_line_and_exit_130_then_a_rerun_finishes(command, cli, seeds, monkeypatch):
    arguments = [str(seeds)] if command == "ingest" else ["--format", "json"]
    if command != "ingest":
        assert cli("ingest", str(seeds), "--quiet").exit_code == 0
    module, name = STAGE_OF_COMMAND[command]
    with monkeypatch.context() as patched:
        patched.setattr(module, name, ctrl_c)
        result = cli(command, *arguments)
    assert result.exit_code == EXIT_INTERRUPTED
    assert result.stderr.splitlines() == [INTERRUPTED]
    assert result.stdout == ""
    again = cli(command, *arguments)
    assert again.exit_code == 0, again.stderr


def test_ctrl_c_through_the_console_script(cli, seeds, monkeypatch, capsys):
    from corpuskit import cli as cli_module

    assert cli("ingest", str(seeds), "--quiet").exit_code == 0
    capsys.readouterr()
    monkeypatch.setattr(dupes_corpus, "compute_signature", ctrl_c)
    monkeypatch.setattr("sys.argv", ["corpuskit", "dupes", "--db", str(cli.db)])
    with pytest.raises(SystemExit) as stopped:
        cli_module.main()
    assert stopped.value.code == EXIT_INTERRUPTED
    captured = capsys.readouterr()
    assert captured.err.splitlines() == [INTERRUPTED] and captured.out == ""


def test_a_real_ctrl_c_stops_an_ingest_in_worker_processes_with_one_line(tmp_path):
    """SIGINT, as a terminal sends it to the whole process group: the workers leave it to
    corpuskit, which says one line, exits 130 and keeps the batches written."""
    make_corpus(tmp_path / "corpus", 2000)
    (tmp_path / "corpuskit.yaml").write_text("ingest:\n  batch_size: 20\n")
    db = tmp_path / "c.db"
    process = subprocess.Popen(
        [sys.executable, "-m", "corpuskit", "ingest", "corpus", "--jobs", "2", "--db", str(db), "--quiet"],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, to signal it as a terminal would
    )
    wait_for_documents(process, db, 40)
    os.killpg(process.pid, signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == EXIT_INTERRUPTED, stderr
    assert stderr.splitlines() == [INTERRUPTED]
    kept = count_documents(db)
    assert 40 <= kept < 2000
    assert_a_rerun_finishes(tmp_path, db, kept, 2000)
