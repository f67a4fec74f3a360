"""Worker processes or this one: the same results in the same order, the same exceptions."""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading

import pytest

from corpuskit.engines.local import map_in_workers, worker_pool

forking = pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="no fork on this platform")


def square_and_pid(n: int) -> tuple[int, int]:
    return n * n, os.getpid()


def fail_on_three(n: int) -> int:
    if n == 3:
        raise ValueError(f"bad item {n}")
    return n


def scaled(factor: dict, n: int) -> int:
    return factor["by"] * n


def test_few_items_run_in_this_process():
    results = map_in_workers(square_and_pid, [1, 2, 3], processes=4, min_items=10)
    assert results == [(1, os.getpid()), (4, os.getpid()), (9, os.getpid())]


def test_one_process_runs_here_whatever_the_number_of_items():
    results = map_in_workers(square_and_pid, list(range(50)), processes=1, min_items=2)
    assert {pid for _, pid in results} == {os.getpid()}


@forking
def test_many_items_run_in_workers_and_keep_their_order():
    items = list(range(200))
    results = map_in_workers(square_and_pid, items, processes=3, min_items=10, chunksize=7)
    assert [value for value, _ in results] == [n * n for n in items]
    assert os.getpid() not in {pid for _, pid in results}


@forking
@pytest.mark.parametrize("processes", [1, 3])
def test_a_worker_exception_is_raised_here_as_itself(processes):
    with pytest.raises(ValueError, match="bad item 3"):
        map_in_workers(fail_on_three, list(range(10)), processes=processes, min_items=2)


@forking
@pytest.mark.parametrize("processes", [1, 3])
def test_shared_data_reaches_every_call_without_pickling(processes):
    # A lock cannot be pickled: the workers can only have it by inheriting it.
    shared = {"by": 3, "lock": threading.Lock()}
    assert map_in_workers(scaled, list(range(40)), processes=processes, shared=shared) == [3 * n for n in range(40)]


@forking
def test_lazy_items_are_taken_only_a_few_chunks_ahead():
    taken = []

    def items():
        for n in range(100):
            taken.append(n)
            yield n

    with worker_pool(2) as workers:
        assert workers.parallel
        results = workers.map(square_and_pid, items(), chunksize=5, ahead=2)
        assert next(results)[0] == 0
        assert len(taken) <= 2 * 5
        assert [value for value, _ in results] == [n * n for n in range(1, 100)]


def test_a_pool_of_one_is_this_process():
    with worker_pool(1) as workers:
        assert not workers.parallel
        assert list(workers.map(square_and_pid, [5])) == [(25, os.getpid())]


def interrupts_ignored(n: int) -> tuple[bool, bool]:
    """Whether this process ignores Ctrl-C, and whether it holds it back."""
    return signal.getsignal(signal.SIGINT) == signal.SIG_IGN, signal.SIGINT in signal.pthread_sigmask(
        signal.SIG_BLOCK, set()
    )


@forking
def test_workers_leave_ctrl_c_to_this_process():
    """A terminal's Ctrl-C reaches the workers too: they ignore it (this process stops and ends
    the pool), and this process takes it again once the workers are started."""
    with worker_pool(2) as workers:
        assert set(workers.map(interrupts_ignored, range(8))) == {(True, False)}
        assert interrupts_ignored(0) == (False, False)
    assert interrupts_ignored(0) == (False, False)
