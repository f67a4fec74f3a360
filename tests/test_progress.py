"""Progress of the long stages: each reports done/total as it goes, from 0 to its total; a
person at a terminal sees the stage, its rate and the time it has left; nothing is shown with
--quiet or when stderr is not a terminal."""

from __future__ import annotations

import io

import pytest
from rich.console import Console
from rich.progress import Progress
from tests.stage_corpus import DOCUMENTS, copy_of

from corpuskit import cli as cli_module
from corpuskit.config import IngestConfig, load_config
from corpuskit.dupes import corpus as dupes_corpus
from corpuskit.entities import cache as entities_cache
from corpuskit.facts import corpus as facts_corpus
from corpuskit.ingest.pipeline import ingest_paths
from corpuskit.report import build
from corpuskit.store import Store


@pytest.fixture
def store(copies_ingested, tmp_path) -> Store:
    return copy_of(copies_ingested, tmp_path / "corpus.db")


def assert_reported_as_it_goes(calls: list[tuple[int, int]]) -> None:
    """From 0 done to the total, rising, with steps between: not only at the end."""
    total = calls[0][1]
    assert calls[0] == (0, total) and calls[-1] == (total, total), calls
    assert all(t == total for _, t in calls), calls
    done = [d for d, _ in calls]
    assert done == sorted(done) and len(set(done)) > 2, calls


# ---------------------------------------------------------------------------
# What each stage reports
# ---------------------------------------------------------------------------


def test_ingest_reports_each_batch_of_files(copies, tmp_path):
    calls: list[tuple[int, int]] = []
    store = Store.open(tmp_path / "c.db")
    ingest_paths(store, [str(copies)], IngestConfig(batch_size=4), on_file=lambda *call: calls.append(call))
    assert calls == [(0, DOCUMENTS), (4, DOCUMENTS), (8, DOCUMENTS), (12, DOCUMENTS), (DOCUMENTS, DOCUMENTS)]


def test_dupes_stages_report_each_batch(store, monkeypatch):
    monkeypatch.setattr(dupes_corpus, "SIGN_BATCH", 4)
    monkeypatch.setattr(dupes_corpus, "VERIFY_BATCH", 2)
    calls: list[tuple[str, int, int]] = []
    dupes_corpus.corpus_duplicates(store, on_progress=lambda *call: calls.append(call))
    stages = list(dict.fromkeys(stage for stage, _, _ in calls))
    assert stages == ["sign", "boilerplate", "compare"]
    for stage in stages:
        assert_reported_as_it_goes([(done, total) for name, done, total in calls if name == stage])
    assert calls[0] == ("sign", 0, DOCUMENTS)  # a text each


def test_a_cached_stage_reports_nothing(store):
    dupes_corpus.corpus_duplicates(store)
    calls: list = []
    dupes_corpus.corpus_duplicates(store, on_progress=lambda *call: calls.append(call))
    assert calls == []


def test_name_finding_reports_each_text(store, monkeypatch):
    monkeypatch.setattr(entities_cache, "SAVE_EVERY", 4)
    calls: list[tuple[int, int]] = []
    entities_cache.update_mentions(store, on_progress=lambda *call: calls.append(call))
    assert calls == [(done, DOCUMENTS) for done in range(DOCUMENTS + 1)]


def test_fact_reading_reports_each_text_not_each_save(store, monkeypatch):
    monkeypatch.setattr(facts_corpus, "SAVE_EVERY", 1000)  # one save for the whole corpus
    calls: list[tuple[int, int]] = []
    facts_corpus.corpus_facts(store, store.documents(), on_progress=lambda *call: calls.append(call))
    assert calls == [(done, DOCUMENTS) for done in range(DOCUMENTS + 1)]


def test_the_report_names_each_of_its_stages_in_order(store, monkeypatch):
    monkeypatch.setattr(dupes_corpus, "SIGN_BATCH", 4)
    monkeypatch.setattr(dupes_corpus, "VERIFY_BATCH", 2)
    calls: list[tuple[str, int, int]] = []
    build.build_report(store, load_config(None), on_progress=lambda *call: calls.append(call))
    stages = list(dict.fromkeys(stage for stage, _, _ in calls))
    assert stages == ["sign", "boilerplate", "compare", "count words", "find names", "read facts", "analyse stories"]
    for stage in stages:
        assert_reported_as_it_goes([(done, total) for name, done, total in calls if name == stage])


def test_stories_are_analysed_in_any_order_to_the_same_report(store, monkeypatch):
    """The stories are analysed shuffled (so the rate is steady), and numbered as before."""
    config = load_config(None)
    first = build.build_report(store, config)
    monkeypatch.setattr(build.random.Random, "shuffle", lambda self, items: items.reverse())
    assert build.build_report(store, config) == first
    assert [s["id"] for s in first["stories"]] == list(range(1, len(first["stories"]) + 1))


# ---------------------------------------------------------------------------
# What a person sees
# ---------------------------------------------------------------------------


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def shown(progress: Progress) -> tuple[str, str]:
    """The rate and time-left columns of the first task, as rendered."""
    task = progress.tasks[0]
    return str(cli_module._RateColumn().render(task)), str(cli_module._TimeLeftColumn().render(task))


def test_rate_and_time_left_come_from_the_stage_so_far():
    clock = Clock()
    progress = Progress(get_time=clock, console=Console(file=io.StringIO()))
    task = progress.add_task("sign", total=None)
    assert shown(progress) == ("?/s", "-:--:-- left")  # no total yet
    progress.reset(task, total=1000, completed=0)
    clock.now = 0.5
    progress.update(task, completed=100)
    assert shown(progress) == ("?/s", "-:--:-- left")  # too soon to tell
    clock.now = 10
    progress.update(task, completed=500)
    assert shown(progress) == ("50/s", "0:00:10 left")
    clock.now = 20
    progress.update(task, completed=520)  # a slow batch: the average over the stage, not the last step
    assert shown(progress) == ("26/s", "0:00:18 left")
    progress.update(task, completed=1000)
    assert shown(progress)[1] == "0:00:00 left"
    progress.reset(task, total=1000, completed=0)
    clock.now = 120
    progress.update(task, completed=10)
    assert shown(progress) == ("0.1/s", "2:45:00 left")


def test_each_stage_starts_its_own_clock(monkeypatch):
    clock = Clock()
    progress = Progress(get_time=clock, console=Console(file=io.StringIO()))
    monkeypatch.setattr(cli_module, "_progress", lambda quiet: progress)

    def work(update):
        update("sign", 0, 100)
        clock.now = 100
        update("sign", 100, 100)
        update("compare", 0, 50)
        clock.now = 105
        update("compare", 10, 50)
        return "result"

    assert cli_module._with_stage_progress(False, "dupes", work) == "result"
    task = progress.tasks[0]
    assert (task.description, task.completed, task.total) == ("compare", 10, 50)
    assert shown(progress) == ("2.0/s", "0:00:20 left")


@pytest.fixture
def terminal(monkeypatch) -> io.StringIO:
    """stderr as a terminal: what corpuskit writes there, colours and all."""
    screen = io.StringIO()
    monkeypatch.setattr(cli_module, "err", Console(file=screen, force_terminal=True, width=120))
    return screen


def test_a_terminal_sees_the_stage_its_count_rate_and_time_left(cli, seeds, terminal):
    assert cli("ingest", str(seeds)).exit_code == 0
    screen = terminal.getvalue()
    assert "ingest" in screen and "5/5" in screen and "/s" in screen and "left" in screen
    assert isinstance(cli_module._progress(False), Progress)


def test_quiet_shows_nothing_even_at_a_terminal(cli, seeds, terminal):
    assert cli("ingest", str(seeds), "--quiet").exit_code == 0
    assert cli("dupes", "--quiet", "--format", "json").exit_code == 0
    assert terminal.getvalue() == ""
    assert isinstance(cli_module._progress(True), cli_module._NoProgress)


def test_a_short_run_without_a_terminal_prints_no_progress(cli, seeds):
    ingest = cli("ingest", str(seeds))
    dupes = cli("dupes", "--format", "json")
    assert ingest.exit_code == dupes.exit_code == 0
    assert ingest.stderr == dupes.stderr == ""
    assert isinstance(cli_module._progress(False), cli_module._LineProgress)
    assert isinstance(cli_module._progress(True), cli_module._NoProgress)


def test_a_long_stage_without_a_terminal_says_how_far_it_is_now_and_then(monkeypatch):
    """A run of hours under nohup or a scheduler: a line a minute at most, with the rate and the
    time left, and none in a stage's first minute."""
    clock, log = Clock(), io.StringIO()
    progress = cli_module._LineProgress(Console(file=log, width=60), clock)
    monkeypatch.setattr(cli_module, "_progress", lambda quiet: progress)

    def work(update):
        update("compare", 0, 10_000)
        for second in range(1, 181):
            clock.now = second
            update("compare", second * 50, 10_000)
        update("write the listing", 0, 3)
        clock.now = 200
        update("write the listing", 3, 3)

    cli_module._with_stage_progress(False, "dupes", work)
    assert log.getvalue().splitlines() == [
        "compare: 3,000/10,000 (50/s, 0:02:20 left)",
        "compare: 6,000/10,000 (50/s, 0:01:20 left)",
        "compare: 9,000/10,000 (50/s, 0:00:20 left)",
    ], "one line a minute, whole on one line however narrow; the short stage after it prints none"
