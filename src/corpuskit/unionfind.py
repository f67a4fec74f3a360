"""The one union-find of the package: documents joined by copy links, sentences by
alignment links, mention groups by merges, statements by shared keys.

Groups come out in a stable order (by their first-added node, each group's nodes
in the order they were added) because callers number stories, clusters and
findings in that order.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from typing import Generic, TypeVar

Node = TypeVar("Node", bound=Hashable)


class UnionFind(Generic[Node]):
    """Disjoint sets of hashable nodes; a node is added the first time it is named."""

    def __init__(self, nodes: Iterable[Node] = ()) -> None:
        self._parent: dict[Node, Node] = {}
        for node in nodes:
            self.add(node)

    def add(self, node: Node) -> None:
        self._parent.setdefault(node, node)

    def __contains__(self, node: object) -> bool:
        return node in self._parent

    def __len__(self) -> int:
        return len(self._parent)

    def find(self, node: Node) -> Node:
        """The root of the node's set."""
        parent = self._parent
        parent.setdefault(node, node)
        while parent[node] != node:
            # Path halving: every other node on the way skips to its grandparent,
            # so repeated finds stay short without a second pass.
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    def union(self, keep: Node, other: Node) -> Node:
        """Join the sets of both nodes and return the joined set's root: the root of ``keep``.

        The caller picks which root survives, because some callers store data
        under the root (a cluster keeps the larger side's record).
        """
        root, joined = self.find(keep), self.find(other)
        if joined != root:
            self._parent[joined] = root
        return root

    def connected(self, a: Node, b: Node) -> bool:
        return self.find(a) == self.find(b)

    def groups(self) -> list[list[Node]]:
        """Every set, ordered by its first-added node; each set's nodes in the order they were added."""
        grouped: dict[Node, list[Node]] = {}
        for node in self._parent:
            grouped.setdefault(self.find(node), []).append(node)
        return list(grouped.values())


def components(nodes: Iterable[Node], edges: Iterable[tuple[Node, Node]]) -> list[list[Node]]:
    """Connected components of a graph, unlinked nodes alone, in ``UnionFind.groups`` order.

    Edge ends that are not among ``nodes`` join the graph after them, in the
    order the edges name them; pass no nodes to get only the linked ones.
    """
    sets = UnionFind(nodes)
    for a, b in edges:
        sets.union(a, b)
    return sets.groups()
