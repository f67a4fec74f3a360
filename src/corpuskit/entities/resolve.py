"""Cross-document entity resolution: which mentions name one real thing.

The unit is a *group*: the mentions of one name key in one document.  Names
that cannot be short forms of another name ("Valentina Chupik", "Anwar")
have all their groups merged at once, as exact matching would.  Names that
can ("Chupik", "Putin", "Burlington", "SEC") keep one group per document,
because a surname means whoever carries it *in that document*.

Merges, strongest evidence first, each checked against the whole cluster
(``clusters.Clusters``):

1. the analyst's aliases;
2. one name with and without middle initials ("Gerald R. Ford");
3. spelling variants: same number of words, each word within its edit
   budget (``names.fuzzy_edits``), candidates from a deletion index;
4. acronyms a document defines: "Institute for the Study of War (ISW)";
5. short forms inside a document: a surname, a company's first word, the
   initials of a name in the same document — only when exactly one name fits;
6. short forms across documents: the remaining groups of a short name
   merge with each other, then with the one name in the corpus that fits,
   if there is exactly one.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from corpuskit.entities import labels
from corpuskit.entities.clusters import Clusters
from corpuskit.entities.blocking import FuzzyIndex
from corpuskit.entities.mentions import clean
from corpuskit.entities.model import Decisions, Entity, Mention, Variant
from corpuskit.entities.names import (
    Key,
    describe_edits,
    describe_spellings,
    drop_initials,
    explains_acronym,
    fuzzy_edits,
    has_legal_form,
    is_acronym,
    is_initials_of,
    normalise,
    words,
)

# Longest name (in words) whose prefixes and suffixes are indexed as
# possible short forms; longer "names" are usually NER run-ons.
MAX_NAME_WORDS = 8
# "Long Name (ACR)" right after a mention defines ACR.
_DEFINITION = re.compile(r"^\s*\(\s*([A-Z][A-Za-z&.]{0,11})\s*\)")
# Where the short form sits in the full name, by the full name's label:
# people are called by their surname (last words), companies by their
# first word(s) ("Burlington" for "Burlington Industries") or by their
# distinctive last word(s).  Places are not shortened ("York" is not "New
# York", "Germany" is not "West Germany"); first names never stand for a
# full name ("Vladimir" is not "Vladimir Putin").
_SUFFIX_LABELS = {"PERSON", "ORG", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", labels.UNKNOWN}
_PREFIX_LABELS = {"ORG", "FAC"}


@dataclass
class Resolution:
    """Entities, and for each input mention the index of its entity in
    ``entities`` (None when clean-up rejected the mention)."""

    entities: list[Entity]
    entity_of: list[int | None]


@dataclass
class _Group:
    key: Key
    document: int
    mentions: list[int] = field(default_factory=list)    # indices into the cleaned list
    surfaces: Counter = field(default_factory=Counter)
    votes: labels.Votes = field(default_factory=labels.Votes)
    node: int = -1
    resolved: bool = False
    ambiguous: bool = False


def resolve(mentions: Iterable[Mention], decisions: Decisions | None = None) -> list[Entity]:
    """The entities named by ``mentions`` across all their documents.

    >>> [e.name for e in resolve([Mention(1, 0, 16, "Valentina Chupik", "PERSON"),
    ...                           Mention(2, 0, 16, "Valentine Chupik", "PERSON")])]
    ['Valentina Chupik']
    """
    return link(mentions, decisions).entities


def link(mentions: Iterable[Mention], decisions: Decisions | None = None) -> Resolution:
    """Like ``resolve``, and also says which entity each input mention went to."""
    return _Resolver(list(mentions), decisions or Decisions()).run()


class _Resolver:
    def __init__(self, mentions: list[Mention], decisions: Decisions):
        self.originals = mentions
        self.decisions = decisions
        self.cleaned: list[Mention | None] = [clean(m) for m in mentions]
        self.keys: list[Key | None] = [normalise(m.text) if m else None for m in self.cleaned]
        self.groups: dict[tuple[int, Key], _Group] = {}
        self.by_key: dict[Key, list[_Group]] = defaultdict(list)
        self.doc_keys: dict[int, set[Key]] = defaultdict(set)
        self.key_surfaces: dict[Key, Counter] = defaultdict(Counter)
        self.aliases = [self._keys_of(group) for group in decisions.aliases]
        self.alias_keys = {k for group in self.aliases for k in group}
        self.clusters = Clusters(self._separations())
        self.containers: dict[Key, set[Key]] = defaultdict(set)
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
        for index, (mention, key) in enumerate(zip(self.cleaned, self.keys)):
            if mention is None or not key:
                self.cleaned[index] = None
                continue
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

    def _add_corpus_votes(self) -> None:
        """Cues about a name as a whole; shared among its groups so that the
        name counts them once."""
        plural_cues = labels.corpus_cues(s for c in self.key_surfaces.values() for s in c)
        for key, groups in self.by_key.items():
            surface = self.key_surfaces[key].most_common(1)[0][0]
            model = Counter()
            for group in groups:
                model.update(group.votes.model)
            extra = plural_cues.get(surface.casefold(), Counter()) + labels.shape_cues(surface, model)
            for group in groups:
                group.votes.cues.update({label: w / len(groups) for label, w in extra.items()})

    def _index_short_forms(self) -> None:
        """Every proper prefix and suffix of every multi-word name."""
        for key in self.by_key:
            if 1 < len(key) <= MAX_NAME_WORDS:
                for k in range(1, len(key)):
                    self.containers[key[:k]].add(key)
                    self.containers[key[-k:]].add(key)

    def _is_short_form(self, key: Key) -> bool:
        """Names resolved per document: acronyms and names that are the start
        or end of a longer name in the corpus.  Aliases are the analyst's; a
        name mostly written with its legal form ("General Motors Corp") is a
        full name, not the short form of "General Motors Acceptance Corp"."""
        if key in self.alias_keys:
            return False
        if self._is_acronym_key(key):
            return True
        if key not in self.containers:
            return False
        surfaces = self.key_surfaces[key]
        legal = sum(n for s, n in surfaces.items() if has_legal_form(s))
        return legal * 2 <= surfaces.total()

    def _is_acronym_key(self, key: Key) -> bool:
        surfaces = self.key_surfaces[key]
        acronym = sum(n for s, n in surfaces.items() if is_acronym(s))
        return len(key) == 1 and acronym * 2 > sum(surfaces.values())

    def _make_nodes(self) -> None:
        for key, groups in self.by_key.items():
            for group in groups:
                group.node = self.clusters.add(key, len(group.mentions), group.votes)
            if not self._is_short_form(key):
                for group in groups[1:]:
                    self.clusters.join(groups[0].node, group.node, check_names=False)
                for group in groups:
                    group.resolved = True

    # --------------------------------------------------------------- merges

    def _node(self, key: Key) -> int | None:
        """The node of a name whose groups are all one cluster."""
        groups = self.by_key.get(key)
        return groups[0].node if groups and not self._is_short_form(key) else None

    def _merge_aliases(self) -> None:
        for keys in self.aliases:
            present = [k for k in keys if k in self.by_key]
            for key in present:
                self.clusters.exempt(key)
            for key in present[1:]:
                self.clusters.join(self.by_key[present[0]][0].node, self.by_key[key][0].node,
                                   "analyst alias", check_names=False)

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
        for index, mention in enumerate(self.cleaned):
            key = self.keys[index]
            if mention is None or key is None or len(key) < 2 or not mention.sentence:
                continue
            after = mention.sentence[mention.end - mention.sentence_start:]
            definition = _DEFINITION.match(after)
            if not definition:
                continue
            acronym_key = normalise(definition.group(1))
            group = self.groups.get((mention.document, acronym_key))
            long_words = words(mention.text)
            if group is None or len(acronym_key) != 1 or not explains_acronym(acronym_key[0], long_words):
                continue
            self.clusters.vouch(acronym_key, key)
            full = self.groups[(mention.document, key)].node
            why = f"{definition.group(1)}: acronym defined in document {mention.document}"
            if self.clusters.join(full, group.node, why):
                group.resolved = True
                self.resolved_targets[acronym_key].add(full)

    def _merge_short_forms_in_documents(self) -> None:
        for (document, key), group in self.groups.items():
            if group.resolved:
                continue
            candidates = self._fitting(group, self.doc_keys[document], document)
            targets = {self.clusters.find(node) for node, _ in candidates}
            if len(targets) > 1:
                group.ambiguous = True
            elif targets:
                node, why = candidates[0]
                if self.clusters.join(node, group.node, why):
                    group.resolved = True
                    self.resolved_targets[key].add(node)

    def _merge_short_forms_across_documents(self) -> None:
        for key, groups in self.by_key.items():
            if not self._is_short_form(key):
                continue
            open_groups = [g for g in groups if not g.resolved and not g.ambiguous]
            for anchor in self._merge_open_groups(open_groups):
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
        targets = {self.clusters.find(node) for node, _ in candidates}
        targets |= {
            self.clusters.find(node) for node in self.resolved_targets.get(key, ())
            if labels.agree(votes, self.clusters.cluster(node).votes)
        }
        if len(targets) == 1:
            target = targets.pop()
            self.clusters.join(target, anchor.node, self._corpus_why(anchor, candidates, target))

    def _corpus_fits(self, key: Key) -> set[Key]:
        return set(self.containers.get(key, ()))

    def _fitting(self, group: _Group, names: Iterable[Key], document: int | None) -> list[tuple[int, str]]:
        """(node, why) for each longer name in ``names`` that ``group`` may be short for."""
        short_label = group.votes.label
        short_votes = group.votes
        surface = group.surfaces.most_common(1)[0][0]
        acronym = self._is_acronym_key(group.key)
        found = []
        for full in names:
            if full == group.key or len(full) <= len(group.key):
                continue
            node = self._full_node(full, document)
            if node is None or self.clusters.same(node, group.node):
                continue
            full_votes = self.clusters.cluster(node).votes
            if not labels.agree(short_votes, full_votes):
                continue
            full_label = full_votes.label
            relation = self._relation(group.key, short_label, full, self.key_words[full], full_label, acronym)
            if relation:
                where = f" in document {document}" if relation == "initials of" else ""
                found.append((node, f"{surface}: {relation} {self._surface(full, document)}{where}"))
        return found

    def _full_node(self, full: Key, document: int | None) -> int | None:
        if document is not None:
            group = self.groups.get((document, full))
            return group.node if group else None
        groups = self.by_key.get(full, [])
        roots = {self.clusters.find(g.node) for g in groups if g.resolved}
        return roots.pop() if len(roots) == 1 else None

    @staticmethod
    def _relation(short: Key, short_label: str, full: Key, full_words: Key, full_label: str, acronym: bool) -> str | None:
        if acronym:
            found = is_initials_of(short[0], full) or is_initials_of(short[0], full_words)
            return "initials of" if found else None
        k = len(short)
        if full[-k:] == short and full_label in _SUFFIX_LABELS:
            return "surname of" if full_label == "PERSON" and k == 1 else "short for"
        # A company's first word must itself be labelled as a company: an
        # unlabelled "Wall Street" is not short for "Wall Street Journal".
        if full[:k] == short and full_label in _PREFIX_LABELS and short_label == full_label:
            return "short for"
        return None

    def _corpus_why(self, anchor: _Group, candidates: list[tuple[int, str]], target: int) -> str:
        for node, why in candidates:
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
        entity_of: list[int | None] = [None] * len(self.originals)
        for number, entity in enumerate(built, start=1):
            entity.id = number
        position = {id(m): n for n, e in enumerate(built) for m in e.mentions}
        for index, mention in enumerate(self.cleaned):
            if mention is not None:
                entity_of[index] = position[id(mention)]
        return Resolution(built, entity_of)

    def _entity(self, root: int, groups: list[_Group]) -> Entity:
        cluster = self.clusters.cluster(root)
        mentions = [self.cleaned[i] for g in groups for i in g.mentions]
        mentions.sort(key=lambda m: (m.document, m.start, m.end))
        variants = _variants(mentions)
        keys = Counter()
        for g in groups:
            keys[g.key] += len(g.mentions)
        why = list(cluster.why)
        for key in keys:
            why.extend(w for w in _spelling_whys(self.key_surfaces[key], mentions, key) if w not in why)
        return Entity(0, self._display_name(groups), cluster.label, mentions, variants, why)

    def _display_name(self, groups: list[_Group]) -> str:
        """The most frequent full form: among spellings of several words (not
        acronyms) if there are any, the most frequent one; ties go to the
        longer, then to the first seen."""
        surfaces: Counter = Counter()
        for group in sorted(groups, key=lambda g: (g.document, min(g.mentions))):
            surfaces.update(group.surfaces)

        def fullness(surface: str) -> tuple:
            acronym = is_acronym(surface)
            return (len(surface.split()) > 1 and not acronym, not acronym, surfaces[surface], len(surface.split()))

        return max(surfaces, key=fullness)


def _variants(mentions: list[Mention]) -> list[Variant]:
    counts: Counter = Counter()
    documents: dict[str, set[int]] = defaultdict(set)
    for m in mentions:
        counts[m.text] += 1
        documents[m.text].add(m.document)
    return [Variant(text, n, sorted(documents[text])) for text, n in counts.most_common()]


def _spelling_whys(surfaces: Counter, mentions: list[Mention], key: Key) -> list[str]:
    """One line for each other spelling of the same key, against its most frequent one."""
    present = {m.text for m in mentions}
    ordered = [s for s, _ in surfaces.most_common() if s in present]
    return [w for s in ordered[1:] if (w := describe_spellings(s, ordered[0]))]
