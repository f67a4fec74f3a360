"""Cross-document entity resolution: which mentions name one real thing.

The unit is a *group*: the mentions of one name key in one document.  Names
that cannot be short forms of another name ("Oksana Melnyk", "Dilshod")
have all their groups merged at once, as exact matching would.  Names that
can ("Melnyk", "Northwind", "ICR") keep one group per document,
because a surname means whoever carries it *in that document*.

Merges, strongest evidence first, each checked against the whole cluster
(``clusters.Clusters``):

1. the analyst's aliases;
2. one name with and without middle initials ("Oksana T. Melnyk");
3. spelling variants: same number of words, each word within its edit
   budget (``names.fuzzy_edits``), candidates from a deletion index;
4. acronyms a document defines: "Institute for Coastal Research (ICR)";
5. short forms inside a document (``shortforms``): a surname, a company's
   first word, initials, an abbreviation — only when exactly one name fits
   (as a reader sees it: among the names introduced before it);
6. short forms across documents: the remaining groups of a short name
   merge with each other, then with the one name in the corpus that fits,
   if there is exactly one.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from corpuskit.entities import assemble, labels, shortforms
from corpuskit.entities.blocking import FuzzyIndex
from corpuskit.entities.clusters import Clusters
from corpuskit.entities.mentions import clean
from corpuskit.entities.model import Decisions, Entity, Mention
from corpuskit.entities.names import (
    Key,
    describe_edits,
    drop_initials,
    explains_acronym,
    fuzzy_edits,
    has_legal_form,
    initials,
    normalise,
    words,
)

# Longest name (in words) whose prefixes and suffixes are indexed as
# possible short forms; longer "names" are usually NER run-ons.
MAX_NAME_WORDS = 8
# "Long Name (ACR)" right after a mention defines ACR.
_DEFINITION = re.compile(r"^\s*\(\s*([A-Z][A-Za-z&.]{0,11})\s*\)")


@dataclass
class Resolution:
    """Entities, and for each input mention the index of its entity in
    ``entities`` (None when clean-up rejected the mention)."""

    entities: list[Entity]
    entity_of: list[int | None]


@dataclass(slots=True)
class _Group:
    key: Key
    document: int
    mentions: list[int] = field(default_factory=list)  # indices into the cleaned list
    surfaces: Counter = field(default_factory=Counter)
    votes: labels.Votes = field(default_factory=labels.Votes)
    node: int = -1
    resolved: bool = False
    ambiguous: bool = False


def resolve(mentions: Iterable[Mention], decisions: Decisions | None = None) -> list[Entity]:
    """The entities named by ``mentions`` across all their documents.

    >>> [e.name for e in resolve([Mention(1, 0, 13, "Oksana Melnyk", "PERSON"),
    ...                           Mention(2, 0, 13, "Oksana Melnik", "PERSON")])]
    ['Oksana Melnyk']
    """
    return link(mentions, decisions).entities


def link(mentions: Iterable[Mention], decisions: Decisions | None = None) -> Resolution:
    """Like ``resolve``, and also says which entity each input mention went to.  ``mentions`` are
    read once, in order: an iterator of them is never held whole with its sentences."""
    return _Resolver(mentions, decisions or Decisions()).run()


class _Resolver:
    def __init__(self, mentions: Iterable[Mention], decisions: Decisions):
        self.originals = mentions
        self.decisions = decisions
        # Each input mention cleaned (None: dropped) and its name key; kept without its sentence,
        # which is read once, when the mention is (see ``_note_definition``).
        self.cleaned: list[Mention | None] = []
        self.keys: list[Key | None] = []
        # (mention index, acronym) where "Long Name (ACR)" defines an acronym.
        self.definitions: list[tuple[int, str]] = []
        self.groups: dict[tuple[int, Key], _Group] = {}
        self.by_key: dict[Key, list[_Group]] = defaultdict(list)
        self.doc_keys: dict[int, set[Key]] = defaultdict(set)
        self.key_surfaces: dict[Key, Counter] = defaultdict(Counter)
        self.aliases = [self._keys_of(group) for group in decisions.aliases]
        self.alias_keys = {k for group in self.aliases for k in group}
        self.clusters = Clusters(self._separations())
        # Where the longer names a short form may stand for are found:
        # by their first or last words, their initials, their first letters.
        self.containers: dict[Key, set[Key]] = defaultdict(set)
        self.by_initials: dict[str, set[Key]] = defaultdict(set)
        self.by_start: dict[str, set[Key]] = defaultdict(set)
        self.kinds: dict[Key, str] = {}
        # One-word names that start a longer name's first word ("Consol").
        self.clipped: dict[Key, set[Key]] = defaultdict(set)
        # Clusters a short name joined in some document, by its key.
        self.resolved_targets: dict[Key, set[int]] = defaultdict(set)

    # ---------------------------------------------------------------- setup

    def run(self) -> Resolution:
        self._build_groups()
        self._index_short_forms()
        self._make_nodes()
        self._merge_aliases()
        self._merge_initials_dropped()
        self._merge_spelling_variants()
        self._merge_defined_acronyms()
        self._merge_short_forms_in_documents()
        self._merge_short_forms_across_documents()
        return self._entities()

    def _keys_of(self, spellings: Iterable[str]) -> list[Key]:
        return list(dict.fromkeys(k for k in (normalise(s) for s in spellings) if k))

    def _separations(self) -> dict[Key, set[Key]]:
        apart: dict[Key, set[Key]] = defaultdict(set)
        for group in self.decisions.separations:
            keys = self._keys_of(group)
            for key in keys:
                apart[key].update(k for k in keys if k != key)
        return apart

    def _build_groups(self) -> None:
        for index, original in enumerate(self.originals):
            mention = clean(original)
            key = normalise(mention.text) if mention else None
            if mention is None or not key:
                self.cleaned.append(None)
                self.keys.append(None)
                continue
            self._note_definition(index, mention, key)
            self.cleaned.append(replace(mention, sentence=""))  # a corpus's sentences are most of its text
            self.keys.append(key)
            group = self.groups.get((mention.document, key))
            if group is None:
                group = self.groups[(mention.document, key)] = _Group(key, mention.document)
                self.by_key[key].append(group)
                self.doc_keys[mention.document].add(key)
            group.mentions.append(index)
            group.surfaces[mention.text] += 1
            group.votes.update(labels.mention_votes(mention))
            self.key_surfaces[key][mention.text] += 1
        self._add_corpus_votes()
        self.key_words = {key: words(c.most_common(1)[0][0]) for key, c in self.key_surfaces.items()}

    def _note_definition(self, index: int, mention: Mention, key: Key) -> None:
        """Whether a kept mention defines an acronym ("Long Name (ACR)"), noted while its
        sentence is at hand: the mention is kept without it."""
        if len(key) >= 2 and mention.sentence:
            definition = _DEFINITION.match(mention.sentence[mention.end - mention.sentence_start :])
            if definition:
                self.definitions.append((index, definition.group(1)))

    def _add_corpus_votes(self) -> None:
        """Cues about a name as a whole; shared among its groups so that the
        name counts them once."""
        plural_cues = labels.corpus_cues(s for c in self.key_surfaces.values() for s in c)
        for key, groups in self.by_key.items():
            surface = self.key_surfaces[key].most_common(1)[0][0]
            model: Counter[str] = Counter()
            for group in groups:
                model.update(group.votes.model)
            extra = plural_cues.get(surface.casefold(), Counter()) + labels.shape_cues(surface, model)
            for group in groups:
                group.votes.add_cues({label: w / len(groups) for label, w in extra.items()})

    def _index_short_forms(self) -> None:
        """Prefixes and suffixes of every multi-word name, initials, and the
        starts of first words (for abbreviations)."""
        for key, surfaces in self.key_surfaces.items():
            self.kinds[key] = shortforms.kind_of(key, surfaces)
        abbreviations = {k[0] for k, kind in self.kinds.items() if kind == shortforms.ABBREVIATION}
        for key in self.by_key:
            if 1 < len(key) <= MAX_NAME_WORDS:
                for k in range(1, len(key)):
                    self.containers[key[:k]].add(key)
                    self.containers[key[-k:]].add(key)
                for letters in initials(key) | initials(self.key_words[key]):
                    self.by_initials[letters].add(key)
            first = key[0]
            for n in range(shortforms.MIN_ABBREVIATION, len(first) - 1):
                if first[:n] in abbreviations:
                    self.by_start[first[:n]].add(key)
                if len(key) > 1 and shortforms.is_clipping(first[:n], first) and (first[:n],) in self.by_key:
                    self.clipped[(first[:n],)].add(key)

    def _is_short_form(self, key: Key) -> bool:
        """Names resolved per document: acronyms, abbreviations, and names
        that are the start or end of a longer name in the corpus.  Aliases
        are the analyst's; a name mostly written with its legal form
        ("Northwind Corp") is a full name, not the short form of
        "Northwind Finance Corp"."""
        if key in self.alias_keys:
            return False
        if self.kinds[key] != shortforms.NAME:
            return True
        if key not in self.containers and key not in self.clipped:
            return False
        surfaces = self.key_surfaces[key]
        legal = sum(n for s, n in surfaces.items() if has_legal_form(s))
        return legal * 2 <= surfaces.total()

    def _make_nodes(self) -> None:
        """A node per group of a short form; one node for all the groups of any other name, which
        exact matching makes one entity at once (one cluster a name, not one a document)."""
        for key, groups in self.by_key.items():
            if self._is_short_form(key):
                for group in groups:
                    group.node = self.clusters.add(key, len(group.mentions), group.votes)
                continue
            votes = labels.Votes()
            for group in groups:
                votes.update(group.votes)
            node = self.clusters.add(key, sum(len(g.mentions) for g in groups), votes)
            for group in groups:
                group.node = node
                group.resolved = True

    # --------------------------------------------------------------- merges

    def _node(self, key: Key) -> int:
        """The node of a name whose groups are all one cluster: a name in the corpus, not a short form."""
        groups = self.by_key.get(key)
        assert groups and not self._is_short_form(key), "a short form's groups are not one cluster"
        return groups[0].node

    def _mention(self, index: int) -> Mention:
        """A mention a group holds: groups hold only the mentions that cleaning kept."""
        mention = self.cleaned[index]
        assert mention is not None, "a group holds a dropped mention"
        return mention

    def _merge_aliases(self) -> None:
        for keys in self.aliases:
            present = [k for k in keys if k in self.by_key]
            for key in present:
                self.clusters.exempt(key)
            for key in present[1:]:
                self.clusters.join(
                    self.by_key[present[0]][0].node, self.by_key[key][0].node, "analyst alias", check_names=False
                )

    def _merge_initials_dropped(self) -> None:
        reduced: dict[Key, list[Key]] = defaultdict(list)
        for key in self.by_key:
            if len(key) >= 2 and not self._is_short_form(key):
                reduced[drop_initials(key)].append(key)
        for keys in reduced.values():
            keys.sort(key=len)
            for key in keys[1:]:
                if key != keys[0]:
                    why = f"{self._surface(key)} ~ {self._surface(keys[0])}: middle initial"
                    self.clusters.join(self._node(keys[0]), self._node(key), why)

    def _merge_spelling_variants(self) -> None:
        keys = [k for k in self.by_key if not self._is_short_form(k)]
        pairs = []
        for a, b in FuzzyIndex(keys).candidate_pairs():
            differences = fuzzy_edits(a, b)
            if differences is not None and not self._in_one_document(a, b):
                pairs.append((sum(e for _, _, e in differences), a, b, differences))
        # Closest spellings first: when two merges exclude each other, the
        # better evidence wins.
        for _, a, b, differences in sorted(pairs):
            why = describe_edits(differences, self._surface(a), self._surface(b))
            self.clusters.join(self._node(a), self._node(b), why)

    def _in_one_document(self, a: Key, b: Key) -> bool:
        """Two one-word names that one document uses side by side are two
        things (Iran and Iraq), not a spelling variant."""
        if len(a) > 1:
            return False
        docs_a = {g.document for g in self.by_key[a]}
        return any(g.document in docs_a for g in self.by_key[b])

    def _merge_defined_acronyms(self) -> None:
        for index, acronym in self.definitions:
            mention, key = self._mention(index), self.keys[index]
            assert key is not None, "a definition follows a kept mention"
            acronym_key = normalise(acronym)
            group = self.groups.get((mention.document, acronym_key))
            long_words = words(mention.text)
            if group is None or len(acronym_key) != 1 or not explains_acronym(acronym_key[0], long_words):
                continue
            self.clusters.vouch(acronym_key, key)
            full = self.groups[(mention.document, key)].node
            why = f"{acronym}: acronym defined in document {mention.document}"
            if self.clusters.join(full, group.node, why):
                group.resolved = True
                self.resolved_targets[acronym_key].add(full)

    def _merge_short_forms_in_documents(self) -> None:
        for (document, key), group in self.groups.items():
            if group.resolved:
                continue
            candidates = self._fitting(group, self._document_fits(key, document), document)
            chosen = self._unambiguous(group, candidates)
            if chosen is None:
                group.ambiguous = bool(candidates)
                continue
            node, why, full = chosen
            self.clusters.vouch(key, full)
            deferring = labels.defers(group.votes)
            if self.clusters.join(node, group.node, why, check_labels=not deferring, defer=deferring):
                group.resolved = True
                self.resolved_targets[key].add(node)

    def _unambiguous(self, group: _Group, candidates: list[tuple[int, str, Key]]) -> tuple[int, str, Key] | None:
        """The one entity a short form in a document can mean, seen as a reader
        sees it: at its first occurrence, only names introduced before count
        (news style calls a second person of the same surname by full name)."""
        targets = {self.clusters.find(node) for node, _, _ in candidates}
        if len(targets) == 1:
            return candidates[0]
        if not targets:
            return None
        first_short = min(self._mention(i).start for i in group.mentions)
        introduced: dict[int, tuple[int, str, Key]] = {}
        for node, why, full in candidates:
            full_group = self.groups[(group.document, full)]
            if min(self._mention(i).start for i in full_group.mentions) < first_short:
                introduced.setdefault(self.clusters.find(node), (node, why, full))
        if len(introduced) == 1:
            node, why, full = introduced.popitem()[1]
            return node, f"{why}, the only one named before it", full
        return None

    def _merge_short_forms_across_documents(self) -> None:
        """First each short name's unresolved groups become one entity, for
        all names; then, longest names first, each joins the one name in the
        corpus it fits (so "United Provinces" is one entity before "U.P."
        looks for it)."""
        anchors: list[tuple[Key, _Group]] = []
        for key, groups in self.by_key.items():
            if self._is_short_form(key):
                open_groups = [g for g in groups if not g.resolved and not g.ambiguous]
                anchors.extend((key, anchor) for anchor in self._merge_open_groups(open_groups))
        anchors.sort(key=lambda item: -len(item[0]))
        for key, anchor in anchors:
            self._merge_with_only_fit(key, anchor)

    def _merge_open_groups(self, open_groups: list[_Group]) -> list[_Group]:
        """Unresolved groups of one short name are one entity, as exact
        matching would have it, unless their labels disagree."""
        anchors: list[_Group] = []
        for group in open_groups:
            if not any(self.clusters.join(anchor.node, group.node) for anchor in anchors):
                anchors.append(group)
        return anchors

    def _merge_with_only_fit(self, key: Key, anchor: _Group) -> None:
        votes = self.clusters.cluster(anchor.node).votes
        probe = _Group(key, anchor.document, anchor.mentions, anchor.surfaces, votes, anchor.node)
        candidates = self._fitting(probe, self._corpus_fits(key), None)
        targets = {self.clusters.find(node) for node, _, _ in candidates}
        targets |= {
            self.clusters.find(node)
            for node in self.resolved_targets.get(key, ())
            if labels.agree(votes, self.clusters.cluster(node).votes)
        }
        if len(targets) == 1:
            target = targets.pop()
            for node, _, full in candidates:
                if self.clusters.find(node) == target:
                    self.clusters.vouch(key, full)
            self.clusters.join(target, anchor.node, self._corpus_why(anchor, candidates, target))

    def _document_fits(self, key: Key, document: int) -> Iterable[Key]:
        """Names of ``document`` that ``key`` may be short for."""
        names = self.doc_keys[document]
        if self.kinds[key] == shortforms.NAME:
            return (self.containers.get(key, set()) | self.clipped.get(key, set())) & names
        return names  # initials and abbreviations: few, checked one by one

    def _corpus_fits(self, key: Key) -> set[Key]:
        kind = self.kinds[key]
        if kind == shortforms.ACRONYM:
            return set(self.by_initials.get(key[0], ()))
        if kind == shortforms.ABBREVIATION:
            return set(self.by_start.get(key[0], ()))
        return set(self.containers.get(key, ()))

    def _fitting(self, group: _Group, names: Iterable[Key], document: int | None) -> list[tuple[int, str, Key]]:
        """(node, why, name) for each name in ``names`` that ``group`` may be short for."""
        short = shortforms.Short(group.key, group.votes.label, self.kinds[group.key])
        deferring = document is not None and labels.defers(group.votes)
        surface = group.surfaces.most_common(1)[0][0]
        found = []
        # In a fixed order: the first fitting name gives the reason, and among names introduced
        # at once the first one wins; a set's order would change with the process's hash seed.
        for full in sorted(names):
            if full == group.key:
                continue
            node = self._full_node(full, document)
            if node is None or self.clusters.same(node, group.node):
                continue
            full_votes = self.clusters.cluster(node).votes
            if not (deferring or labels.agree(group.votes, full_votes)):
                continue
            kind = shortforms.relation(short, full, self.key_words[full], full_votes.label, document is not None)
            if kind:
                where = f" in document {document}" if kind == "initials of" else ""
                found.append((node, f"{surface}: {kind} {self._surface(full, document)}{where}", full))
        return found

    def _full_node(self, full: Key, document: int | None) -> int | None:
        if document is not None:
            group = self.groups.get((document, full))
            return group.node if group else None
        groups = self.by_key.get(full, [])
        roots = {self.clusters.find(g.node) for g in groups if g.resolved}
        return roots.pop() if len(roots) == 1 else None

    def _corpus_why(self, anchor: _Group, candidates: list[tuple[int, str, Key]], target: int) -> str:
        for node, why, _ in candidates:
            if self.clusters.find(node) == target:
                return f"{why}, the only match in the corpus"
        surface = anchor.surfaces.most_common(1)[0][0]
        return f"{surface}: same short form as in the documents where it was resolved"

    # -------------------------------------------------------------- results

    def _surface(self, key: Key, document: int | None = None) -> str:
        if document is not None and (document, key) in self.groups:
            return self.groups[(document, key)].surfaces.most_common(1)[0][0]
        return self.key_surfaces[key].most_common(1)[0][0]

    def _entities(self) -> Resolution:
        members: dict[int, list[_Group]] = defaultdict(list)
        for group in self.groups.values():
            members[self.clusters.find(group.node)].append(group)
        built = [self._entity(root, groups) for root, groups in members.items()]
        built.sort(key=lambda e: (-len(e.mentions), e.name, e.mentions[0].document, e.mentions[0].start))
        entity_of: list[int | None] = [None] * len(self.cleaned)
        for number, entity in enumerate(built, start=1):
            entity.id = number
        position = {id(m): n for n, e in enumerate(built) for m in e.mentions}
        for index, mention in enumerate(self.cleaned):
            if mention is not None:
                entity_of[index] = position[id(mention)]
        return Resolution(built, entity_of)

    def _entity(self, root: int, groups: list[_Group]) -> Entity:
        cluster = self.clusters.cluster(root)
        groups = sorted(groups, key=lambda g: (g.document, min(g.mentions)))
        mentions = sorted(
            (self._mention(i) for g in groups for i in g.mentions), key=lambda m: (m.document, m.start, m.end)
        )
        surfaces: Counter = Counter()  # in document order: ties go to the first seen
        for group in groups:
            surfaces.update(group.surfaces)
        why = list(cluster.why)
        for key in dict.fromkeys(g.key for g in groups):
            why.extend(w for w in assemble.spelling_whys(self.key_surfaces[key], surfaces) if w not in why)
        return Entity(0, assemble.display_name(surfaces), cluster.label, mentions, assemble.variants(mentions), why)
