"""One way to run a stage's function over many items on this machine.

Worker processes pay only on enough work, so each stage says from how many
items they are worth it; below that, or on one core, the same function runs
in this process.  Either way the results come back in the order of the items
and an exception a worker raises is raised here as the same exception, so a
stage cannot tell, and no finding depends on, how it ran.

Workers are forked where the platform can: they start fast and inherit what
the parent holds.  A stage that shares large read-only data with every call
(``shared``) therefore pays nothing to send it; only items and results travel
through pipes.  Fork a pool before loading much, since each worker keeps a
copy-on-write image of the parent at the time it was forked.
"""

from __future__ import annotations

import math
import multiprocessing
import multiprocessing.pool
import os
import signal
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from corpuskit.batches import batched

# Results do not depend on how they were computed (above): an edit here keeps every cache.
SHAPES_RESULTS = False

_NOTHING = object()
# What the workers of the pool being run inherit, read by ``_run_chunk``.  A
# module global because that is what a fork copies without pickling it.
_shared: Any = _NOTHING


def cpu_count() -> int:
    """The cores this process may use: those it is allowed to run on (CPU affinity, as ``taskset``
    and container runtimes set it), no more than a cgroup's CPU quota allows (``docker --cpus``);
    each worker holds its own copy of a model, so one too many costs memory and gains nothing."""
    allowed = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    quota = cgroup_cpu_quota()
    return max(1, min(allowed, quota) if quota else allowed)


CGROUP_ROOT = Path("/sys/fs/cgroup")
CGROUP_MEMBERSHIP = Path("/proc/self/cgroup")


def cgroup_cpu_quota(root: Path | None = None, membership: Path | None = None) -> int | None:
    """The whole cores the tightest CPU quota of this process's cgroups allows (at least 1), or None
    without one: cgroup v2 (``cpu.max`` of its cgroup and each parent) and v1 (``cpu.cfs_quota_us``)."""
    root, membership = root or CGROUP_ROOT, membership or CGROUP_MEMBERSHIP
    try:
        lines = membership.read_text().splitlines()
    except OSError:
        lines = ["0::/"]
    quotas = [q for q in (_quota(*files) for files in _quota_files(root, lines)) if q is not None]
    return min(quotas) if quotas else None


def _quota_files(root: Path, lines: list[str]) -> Iterator[tuple[Path, Path | None]]:
    """(quota file, period file or None for v2's one file) of each cgroup this process is under."""
    for line in lines:
        _, controllers, path = (line.split(":", 2) + ["", ""])[:3]
        relative = Path(path.strip().lstrip("/"))
        if controllers == "":  # cgroup v2: the process's cgroup and every parent up to the root
            for folder in [root / relative, *(root / parent for parent in relative.parents)]:
                yield folder / "cpu.max", None
        elif "cpu" in controllers.split(","):
            folder = root / controllers / relative
            yield folder / "cpu.cfs_quota_us", folder / "cpu.cfs_period_us"


def _quota(quota_file: Path, period_file: Path | None) -> int | None:
    try:
        if period_file is None:
            quota, period = quota_file.read_text().split()[:2]
        else:
            quota, period = quota_file.read_text().strip(), period_file.read_text().strip()
        if quota in ("max", "-1") or int(period) <= 0:
            return None
        return max(1, math.ceil(int(quota) / int(period)))
    except (OSError, ValueError):
        return None


class Workers:
    """Maps functions over items in order, in a pool of worker processes or, without one, here."""

    def __init__(self, pool: multiprocessing.pool.Pool | None, processes: int):
        self._pool = pool
        self.processes = processes if pool is not None else 1

    @property
    def parallel(self) -> bool:
        return self._pool is not None

    def map(self, function: Callable, items: Iterable, chunksize: int = 1, ahead: int | None = None) -> Iterator:
        """``function(item)`` for each item, or ``function(shared, item)`` in a pool made
        with ``shared``; lazily and in order.

        At most ``ahead`` chunks (default two per process) are handed out before
        their results are taken, so a stage that makes its items as it goes (reads
        texts from the store) holds only a few chunks of them at once.
        """
        chunks = batched(items, max(1, chunksize))
        if self._pool is None:
            for chunk in chunks:
                yield from _run_chunk(function, chunk)
            return
        limit = max(1, ahead if ahead is not None else 2 * self.processes)
        pending: list[multiprocessing.pool.AsyncResult] = []
        for chunk in chunks:
            pending.append(self._pool.apply_async(_run_chunk, (function, chunk)))
            if len(pending) >= limit:
                yield from pending.pop(0).get()
        while pending:
            yield from pending.pop(0).get()


IN_PROCESS = Workers(None, 1)


@contextmanager
def worker_pool(processes: int, shared: Any = _NOTHING) -> Iterator[Workers]:
    """Workers for the ``with`` block: ``processes`` forked ones, or this process when
    ``processes`` < 2 (or when ``shared`` data cannot be inherited: no fork here).

    ``shared`` is passed as the first argument of every call, in this process and
    in the workers alike.
    """
    global _shared
    context = _context(processes, shared is not _NOTHING)
    outer, _shared = _shared, shared
    try:
        if context is None:
            yield IN_PROCESS
            return
        # A Ctrl-C while the workers are forked would land in the fork hooks of the standard
        # library, which swallow it (in this process too): it waits until they are done.
        held = _hold_interrupts()
        try:
            pool = context.Pool(processes, initializer=_leave_interrupts_to_the_parent)
        except BaseException:
            _release_interrupts(held)
            raise
        try:
            _release_interrupts(held)  # a Ctrl-C that came meanwhile is raised here
            yield Workers(pool, processes)
        finally:
            pool.terminate()
            pool.join()
    finally:
        _shared = outer


def map_in_workers(
    function: Callable,
    items: Sequence,
    *,
    processes: int | None = None,
    min_items: int = 2,
    chunksize: int = 1,
    shared: Any = _NOTHING,
) -> list:
    """``function`` over ``items`` as a list in their order: in ``processes`` workers
    (default one per core) when there are at least ``min_items`` items, else here."""
    count = cpu_count() if processes is None else processes
    if len(items) < min_items:
        count = 1
    with worker_pool(count, shared) as workers:
        # The items are already in memory: hand them all out at once.
        return list(workers.map(function, items, chunksize, ahead=len(items)))


def _context(processes: int, inherits: bool) -> multiprocessing.context.BaseContext | None:
    if processes < 2:
        return None
    if "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    # Started afresh, a worker cannot inherit shared data; one that needs none can.
    return None if inherits else multiprocessing.get_context()


def _leave_interrupts_to_the_parent() -> None:
    """Ctrl-C reaches every process of the terminal's group: a worker ignores it, so that only
    the parent stops (with its one-line message) and ends the pool, and no worker prints a
    traceback of its own."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _release_interrupts(set())  # held while it was forked: one pending now is dropped


def _hold_interrupts() -> set:
    """Hold SIGINT back (in this thread, and in the processes and threads it starts) until
    ``_release_interrupts``; the signals held before."""
    if not hasattr(signal, "pthread_sigmask"):
        return set()
    return set(signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT}))


def _release_interrupts(held_before: set) -> None:
    if hasattr(signal, "pthread_sigmask") and signal.SIGINT not in held_before:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def _run_chunk(function: Callable, chunk: list) -> list:
    if _shared is _NOTHING:
        return [function(item) for item in chunk]
    return [function(_shared, item) for item in chunk]
