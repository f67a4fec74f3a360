"""The union-find against a plain breadth-first search, on random graphs."""

from __future__ import annotations

from collections import defaultdict, deque

from hypothesis import given
from hypothesis import strategies as st

from corpuskit.unionfind import UnionFind, components

nodes = st.lists(st.integers(0, 30), unique=True)
edges = st.lists(st.tuples(st.integers(0, 30), st.integers(0, 30)), max_size=60)


def bfs_components(nodes: list[int], edges: list[tuple[int, int]]) -> list[set[int]]:
    """Reference: components by breadth-first search, over the given nodes and every edge end."""
    neighbours: dict[int, set[int]] = defaultdict(set)
    for a, b in edges:
        neighbours[a].add(b)
        neighbours[b].add(a)
    everything = list(dict.fromkeys([*nodes, *(end for edge in edges for end in edge)]))
    seen: set[int] = set()
    found = []
    for start in everything:
        if start in seen:
            continue
        group, queue = {start}, deque([start])
        while queue:
            for n in neighbours[queue.popleft()] - group:
                group.add(n)
                queue.append(n)
        seen |= group
        found.append(group)
    return found


@given(nodes, edges)
def test_components_are_the_breadth_first_components_in_first_seen_order(nodes, edges):
    assert [set(group) for group in components(nodes, edges)] == bfs_components(nodes, edges)


@given(nodes, edges)
def test_each_component_keeps_the_order_its_nodes_were_added(nodes, edges):
    order = {node: i for i, node in enumerate(dict.fromkeys([*nodes, *(end for edge in edges for end in edge)]))}
    for group in components(nodes, edges):
        assert group == sorted(group, key=order.__getitem__)


@given(nodes, edges)
def test_connected_exactly_when_in_one_component(nodes, edges):
    sets = UnionFind(nodes)
    for a, b in edges:
        sets.union(a, b)
    group_of = {node: i for i, group in enumerate(bfs_components(nodes, edges)) for node in group}
    for a in group_of:
        for b in group_of:
            assert sets.connected(a, b) == (group_of[a] == group_of[b])


@given(edges)
def test_union_keeps_the_root_of_its_first_argument(edges):
    sets: UnionFind[int] = UnionFind()
    for a, b in edges:
        root = sets.find(a)
        assert sets.union(a, b) == root
        assert sets.find(b) == root


def test_nodes_are_added_when_first_named():
    sets = UnionFind(["x"])
    assert "y" not in sets
    assert sets.find("y") == "y"
    assert "y" in sets and len(sets) == 2
    assert sets.groups() == [["x"], ["y"]]


def test_components_without_nodes_are_the_linked_ones_only():
    assert components([], [(3, 1), (5, 6), (1, 2)]) == [[3, 1, 2], [5, 6]]
