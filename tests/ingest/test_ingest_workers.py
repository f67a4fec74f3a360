"""How many processes ingest reads files in: one a core for a batch worth it, else this one."""

from __future__ import annotations

import pytest

from corpuskit.config import IngestConfig
from corpuskit.ingest import pipeline
from corpuskit.store import Store


@pytest.fixture
def started(monkeypatch):
    """The process counts each batch was read with (the reading itself still done, here)."""
    counts: list[int] = []
    original = pipeline.map_in_workers

    def recording(function, items, *, processes=None, **options):
        counts.append(processes)
        return original(function, items, processes=1, **options)

    monkeypatch.setattr(pipeline, "map_in_workers", recording)
    monkeypatch.setattr(pipeline, "cpu_count", lambda: 2)
    return counts


def _folder(tmp_path, files: int):
    folder = tmp_path / f"corpus{files}"
    folder.mkdir()
    for i in range(files):
        (folder / f"{i:03}.txt").write_text(
            f"Headline {i}\n\nThe council met on day {i} of {files} to discuss the harbour.\n"
        )
    return folder


def test_a_large_batch_is_read_on_every_core_and_a_small_one_here(tmp_path, started):
    store = Store.open(tmp_path / "s.db")
    report = pipeline.ingest_paths(store, [str(_folder(tmp_path, pipeline.PARALLEL_FROM))], IngestConfig())
    assert report.added == pipeline.PARALLEL_FROM and started == [2]
    report = pipeline.ingest_paths(store, [str(_folder(tmp_path, 3))], IngestConfig())
    assert report.added == 3 and started == [2, 1]
    store.close()


def test_jobs_given_are_used_whatever_the_batch(tmp_path, started):
    store = Store.open(tmp_path / "s.db")
    pipeline.ingest_paths(store, [str(_folder(tmp_path, 3))], IngestConfig(), jobs=2)
    pipeline.ingest_paths(store, [str(_folder(tmp_path, pipeline.PARALLEL_FROM))], IngestConfig(), jobs=1)
    assert started == [2, 1]
    store.close()
