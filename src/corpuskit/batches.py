"""Work in batches: items taken a list at a time, and results saved a batch at a time as they come.

Kept apart from the worker pool (``engines/local.py``), which says it shapes no result and is
left out of cache keys: how items are grouped and saved is part of what a stage computes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from itertools import islice

Progress = Callable[[str, int, int], None]


def batched(items: Iterable, size: int) -> Iterator[list]:
    """The items in lists of ``size`` (the last one shorter), taken lazily."""
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def save_as_computed(
    batches: Iterable[list], save: Callable[[list], None], stage: str, total: int, on_progress: Progress | None
) -> int:
    """Save each computed batch as it comes, reporting progress (from 0 done, when there is
    anything to do); how many items were saved."""
    done = 0
    if on_progress and total:
        on_progress(stage, 0, total)
    for batch in batches:
        save(batch)
        done += len(batch)
        if on_progress:
            on_progress(stage, done, total)
    return done
