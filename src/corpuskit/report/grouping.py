"""Connected components over small link lists (findings group statements that agree to be about one thing)."""

from __future__ import annotations


def components(size: int, links: list[tuple[int, int]]) -> list[set[int]]:
    """Groups of indexes 0..size-1 joined by links; unlinked indexes are left out."""
    parent = list(range(size))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for a, b in links:
        parent[find(a)] = find(b)
    groups: dict[int, set[int]] = {}
    for a, b in links:
        groups.setdefault(find(a), set()).update((a, b))
    return list(groups.values())
