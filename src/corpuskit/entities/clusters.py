"""Clusters of mention groups that grow only when the whole cluster agrees.

A merge is justified by one pair of names, but it is checked against every
name already in both clusters: "Melnyk" may join "Oksana Melnyk", and
"Oksana Melnyk" may be fuzzily "Oksana Melnik", yet nothing lets "Ivar
Melnyk" into a cluster through a "Melnyk" that joined "Oksana Melnyk".
Vetoes, in order:

1. the analyst's separations (absolute);
2. incompatible consensus labels (a PERSON never joins a GPE), unless one
   side has real evidence for the other's label (``labels.agree``);
3. two names in the clusters that could not name one thing at all
   (``names.related``), unless the analyst made one of them an alias or a
   document defined one as the acronym of the other.

Analyst aliases are merged without the checks 2 and 3 (the analyst knows
better), but never against a separation.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from corpuskit.entities.labels import Votes, agree
from corpuskit.entities.names import Key, related
from corpuskit.unionfind import UnionFind

# A cluster with this many distinct names is checked against a sample of
# them (its most frequent ones), to keep a merge cheap in huge corpora.
MAX_CHECKED_KEYS = 64


@dataclass
class Cluster:
    keys: Counter = field(default_factory=Counter)  # key -> number of mentions
    votes: Votes = field(default_factory=Votes)
    why: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        return self.votes.label


class Clusters:
    """Union-find over mention groups (numbered 0..n-1)."""

    def __init__(self, separations: dict[Key, set[Key]] | None = None):
        self._sets: UnionFind[int] = UnionFind()
        self._clusters: list[Cluster | None] = []
        self._separations = separations or {}
        self._vouched: dict[Key, set[Key]] = {}  # acronym <-> long form, as documents defined them
        self._exempt: set[Key] = set()  # names the analyst vouched for

    def add(self, key: Key, count: int, votes: Votes) -> int:
        number = len(self._clusters)
        self._sets.add(number)
        own = Votes()
        own.update(votes)
        self._clusters.append(Cluster(Counter({key: count}), own))
        return number

    def vouch(self, a: Key, b: Key) -> None:
        """Record that ``a`` and ``b`` name one thing whatever they look like
        (a document defined one as the acronym of the other)."""
        self._vouched.setdefault(a, set()).add(b)
        self._vouched.setdefault(b, set()).add(a)

    def exempt(self, key: Key) -> None:
        """An analyst's alias: the name's cluster was decided by a person, so
        its spelling does not veto names that join it by the rules."""
        self._exempt.add(key)

    def find(self, node: int) -> int:
        return self._sets.find(node)

    def cluster(self, node: int) -> Cluster:
        cluster = self._clusters[self.find(node)]
        assert cluster is not None
        return cluster

    def roots(self) -> list[int]:
        return [n for n, cluster in enumerate(self._clusters) if cluster is not None]

    def same(self, a: int, b: int) -> bool:
        return self.find(a) == self.find(b)

    def veto(self, a: int, b: int, check_names: bool = True, check_labels: bool = True) -> str | None:
        """Why clusters of ``a`` and ``b`` must stay apart, or None."""
        ca, cb = self.cluster(a), self.cluster(b)
        if self._separated(ca, cb):
            return "separated by the analyst"
        if check_names and check_labels and not agree(ca.votes, cb.votes):
            return f"labels {ca.label} and {cb.label}"
        if check_names:
            for x in _most_frequent(ca.keys):
                for y in _most_frequent(cb.keys):
                    if x == y or x in self._exempt or y in self._exempt:
                        continue
                    if not self._related(x, y):
                        return f"{' '.join(x)} and {' '.join(y)} are different names"
        return None

    def join(
        self,
        a: int,
        b: int,
        why: str | None = None,
        *,
        check_names: bool = True,
        check_labels: bool = True,
        defer: bool = False,
    ) -> bool:
        """Merge the clusters of ``a`` and ``b`` unless vetoed; True when merged.

        ``check_names=False`` (analyst aliases) skips the label and name
        checks; ``check_labels=False`` only the label check.  ``defer``: the
        model's labels of ``b`` are dropped, because ``b`` is a short form that
        takes the label of the name it shortens."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        if self.veto(ra, rb, check_names, check_labels) is not None:
            return False
        ca, cb = self._clusters[ra], self._clusters[rb]
        assert ca is not None and cb is not None
        if defer:
            cb.votes.drop_model()
        if len(ca.keys) < len(cb.keys):
            ra, rb, ca, cb = rb, ra, cb, ca
        ca.keys.update(cb.keys)
        ca.votes.update(cb.votes)
        ca.why.extend(w for w in cb.why if w not in ca.why)
        if why and why not in ca.why:
            ca.why.append(why)
        self._sets.union(ra, rb)
        self._clusters[rb] = None
        return True

    def _related(self, x: Key, y: Key) -> bool:
        """Related by their spelling, or through a definition: an acronym is
        related to whatever its defined long form is related to."""
        if related(x, y):
            return True
        return any(related(z, y) for z in self._vouched.get(x, ())) or any(
            related(x, z) for z in self._vouched.get(y, ())
        )

    def _separated(self, ca: Cluster, cb: Cluster) -> bool:
        for x in ca.keys:
            apart = self._separations.get(x)
            if apart and any(y in apart for y in cb.keys):
                return True
        return False


def _most_frequent(keys: Counter) -> list[Key]:
    if len(keys) <= MAX_CHECKED_KEYS:
        return list(keys)
    return [k for k, _ in keys.most_common(MAX_CHECKED_KEYS)]
