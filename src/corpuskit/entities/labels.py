"""Label consensus: what kind of thing a name is, decided over all its mentions.

A small NER model labels each mention on its own and gets many wrong (a
person's first name as ORG, a region as PERSON, a nationality as PERSON).
Each mention here casts *votes*: the model's label, and cues from the words
around the mention when they settle the question (an "Mr" before it, "the
... region" around it).  A few cues come from the whole corpus (the same
word seen in the plural).  An entity's label is the heaviest total over all
its mentions, where the model's votes count as the square root of their
number: the model repeats one mistake on every mention of a word (its errors
are not independent), while each cue is fresh evidence.

The word lists are closed classes of English (titles, kinship terms, verbs
of speaking, head nouns of appositions), never names.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from corpuskit.entities.model import Mention
from corpuskit.entities.vocabulary import HONORIFICS, ORGANISATION_NOUNS, PERSON_NOUNS, PLACE_NOUNS
from corpuskit.text import lexicon

UNKNOWN = "UNKNOWN"
PLACES = {"GPE", "LOC", "FAC"}

STRONG_CUE = 2.0  # context that leaves little doubt ("Mr X", "the X region")
WEAK_CUE = 1.0  # context that usually holds ("in X")
CORPUS_CUE = 2.0  # the same word elsewhere in the corpus (a plural: a people)
SHAPE_CUE = 0.75  # the form of the name alone: a tie-breaker

# Kinship and personal belongings after a possessive: only people have them.
_PERSONAL_POSSESSIONS = (
    "father|mother|son|daughter|wife|husband|brother|sister|parents|family|children|"
    "uncle|aunt|cousin|grandfather|grandmother|widow|fiance|fiancee|girlfriend|boyfriend|"
    "lawyer|attorney|relatives|friends?|mum|mom|dad|body|life|death|funeral|birthday"
)
# Verbs that introduce speech.  Organisations "say" things too ("the firm
# said"), so this is a cue only when a gendered pronoun follows.
_SPEECH = "|".join(sorted(lexicon.SPEECH_VERBS, key=len, reverse=True))
_GENDERED = re.compile(r"\b(?:he|she|his|her|him|himself|herself)\b", re.I)

# Head nouns of an apposition or a preceding description ("activist X",
# "X, the mayor of ...", "the aid organisation X", "the city of X").
_PLACE_NOUNS = "|".join(sorted(PLACE_NOUNS))
_HONORIFICS = "|".join(sorted(HONORIFICS))

# Nationality adjectives end like this in English (-ian, -ean, -ican,
# -ish, -ese, -i, -ic, -ek, -ik, -yz, -ch, -ai); with the attributive use
# below it marks NORP.  A bare -an is left out: too many places end so.
_DEMONYM_ENDINGS = ("ian", "ean", "ican", "ish", "ese", "i", "ic", "ek", "ik", "yz", "ch", "ai")
# After a name, these words are not the noun it qualifies.
_NOT_A_NOUN = lexicon.STOP_WORDS | {"every", "next", "since"}


@dataclass(slots=True)
class Votes:
    """The model's labels (counted) and the context cues (weighted) of some mentions."""

    model: dict[str, int] = field(default_factory=dict)
    cues: dict[str, float] = field(default_factory=dict)
    _scores: dict | None = field(default=None, repr=False, compare=False)

    def update(self, other: Votes) -> None:
        _add(self.model, other.model)
        _add(self.cues, other.cues)
        self._scores = None

    def add_model(self, label: str) -> None:
        self.model[label] = self.model.get(label, 0) + 1
        self._scores = None

    def add_cues(self, cues: Iterable[tuple[str, float]] | dict[str, float]) -> None:
        _add(self.cues, dict(cues) if not isinstance(cues, dict) else cues)
        self._scores = None

    def drop_model(self) -> None:
        self.model.clear()
        self._scores = None

    def scores(self) -> dict[str, float]:
        if self._scores is None:
            scores = {label: math.sqrt(n) for label, n in self.model.items() if n}
            for label, weight in self.cues.items():
                scores[label] = scores.get(label, 0.0) + weight
            self._scores = scores
        return self._scores

    @property
    def label(self) -> str:
        """The heaviest label; ties go to the label earlier in the alphabet,
        for a stable answer."""
        scores = self.scores()
        if not scores:
            return UNKNOWN
        best = max(scores.values())
        return min(label for label, weight in scores.items() if weight == best)

    def support(self, label: str) -> float:
        """The share of the evidence that allows ``label``."""
        scores = self.scores()
        total = sum(scores.values())
        if not total:
            return 1.0
        return sum(w for other, w in scores.items() if compatible(other, label)) / total


# Share of its evidence with which a name may still take another label: the
# small model often calls a person ORG on some mentions (a surname at the
# start of a headline), and a merge is only refused when *both* sides are
# nearly unanimous against the other's label.
SUPPORT_SHARE = 0.25


def defers(short: Votes) -> bool:
    """A short form whose label rests on the model alone, and not on a place,
    takes the label of the full name it shortens in the same document: the
    small model often calls a lone surname ORG, NORP or PRODUCT, while it
    rarely mistakes a place for a person."""
    return not short.cues and short.label not in PLACES


def agree(a: Votes, b: Votes) -> bool:
    """May names with these votes be one entity?"""
    la, lb = a.label, b.label
    if compatible(la, lb):
        return True
    return a.support(lb) >= SUPPORT_SHARE or b.support(la) >= SUPPORT_SHARE


def mention_votes(mention: Mention) -> Votes:
    """The model's vote plus the context cues of one mention."""
    votes = Votes()
    if mention.label:
        votes.add_model(mention.label)
    left, right = _context(mention)
    if left or right:
        for label, weight in _cues(mention.text, left, right):
            votes.add_cues({label: weight})
    return votes


def _add(target: dict, source: dict) -> None:
    for key, value in source.items():
        target[key] = target.get(key, 0) + value


def _context(mention: Mention) -> tuple[str, str]:
    if not mention.sentence:
        return "", ""
    i = mention.start - mention.sentence_start
    j = mention.end - mention.sentence_start
    if not (0 <= i <= j <= len(mention.sentence)):
        return "", ""
    return mention.sentence[:i], mention.sentence[j:]


# Context patterns, compiled once: they run for every mention of the corpus.
_HONORIFIC_BEFORE = re.compile(rf"\b(?:{_HONORIFICS})\.?\s*$", re.I)
_POSSESSION_AFTER = re.compile(rf"^['’]s\s+(?:{_PERSONAL_POSSESSIONS})\b", re.I)
_WHO_OR_AGE_AFTER = re.compile(r"^\s*,\s*(?:who\b|\d{1,3}\s*,)")
_SPEECH_AFTER = re.compile(rf"^\s*,?\s*(?:{_SPEECH})\b")
_PLACE_NOUN_AFTER = re.compile(rf"^\s+(?:{_PLACE_NOUNS})\b")
_PLACE_PREPOSITION_BEFORE = re.compile(r"\b(?:in|near|outside|across)\s+$")
_POSSESSIVE_AFTER = re.compile(r"^['’]s\b")
_NOUN_BEFORE = re.compile(r"\b([a-z]+),?\s+(?:of\s+)?$")
_APPOSITION_AFTER = re.compile(r"^\s*[,(]\s*(?:the|a|an)\s+([^,;.()]*)")
_WORD_AFTER = re.compile(r"^\s+([a-z]+)\b")


def _cues(text: str, left: str, right: str) -> Iterable[tuple[str, float]]:
    one_word = len(text.split()) == 1
    # "Mr X", "Dr X": a courtesy title is only ever given to a person.
    if _HONORIFIC_BEFORE.search(left):
        yield "PERSON", STRONG_CUE
    # "X's mother", "X's lawyer": kin and a life belong to a person.
    if _POSSESSION_AFTER.match(right):
        yield "PERSON", STRONG_CUE
    # "X, who ...", "X, 32, ...": a relative "who" or an age is said of a person.
    if _WHO_OR_AGE_AFTER.match(right):
        yield "PERSON", STRONG_CUE
    # "X said he ...": speech, then a gendered pronoun.
    speech = _SPEECH_AFTER.match(right)
    if speech and _GENDERED.search(right[speech.end() :]):
        yield "PERSON", STRONG_CUE
    # "X arrived ... and his family followed": the first name of a sentence,
    # taken up by a gendered pronoun, is usually that person.
    elif not any(c.isupper() for c in left) and _GENDERED.search(right):
        yield "PERSON", WEAK_CUE
    # A description before the name: "activist X", "the organization X",
    # "the city of X".
    yield from _description_before(left)
    # An apposition after it: "X, the mayor of ...", "X, an aid group".
    yield from _apposition_after(right)
    # "the X region", "X oblast": a place noun right after the name (but
    # "the Moldovan state" is a nationality adjective before it).
    demonym = one_word and text.casefold().endswith(_DEMONYM_ENDINGS)
    if _PLACE_NOUN_AFTER.match(right) and not demonym:
        yield "GPE", STRONG_CUE
    # "in X", "near X" for a one-word name: usually a place ("in Kestrel").
    if one_word and _PLACE_PREPOSITION_BEFORE.search(left) and not _POSSESSIVE_AFTER.match(right):
        yield "GPE", WEAK_CUE
    # "Moldovan workers": a nationality-shaped word used as an
    # adjective before a common noun.
    if one_word and _is_attributive(right) and text.casefold().endswith(_DEMONYM_ENDINGS):
        yield "NORP", WEAK_CUE


def _description_before(left: str) -> Iterable[tuple[str, float]]:
    word = _NOUN_BEFORE.search(left)
    if not word:
        return
    noun = word.group(1)
    of = word.group(0).rstrip().endswith("of")
    if noun in PLACE_NOUNS and of:
        yield "GPE", STRONG_CUE  # "the city of X"
    elif noun in PERSON_NOUNS and not of:
        yield "PERSON", STRONG_CUE
    elif noun in ORGANISATION_NOUNS and not of:
        yield "ORG", STRONG_CUE


def _apposition_after(right: str) -> Iterable[tuple[str, float]]:
    """The first known head noun among the few words of an apposition."""
    m = _APPOSITION_AFTER.match(right)
    if not m:
        return
    for word in m.group(1).split()[:6]:
        if word in PERSON_NOUNS:
            yield "PERSON", STRONG_CUE
        elif word in ORGANISATION_NOUNS:
            yield "ORG", STRONG_CUE
        elif word in PLACE_NOUNS:
            yield "GPE", STRONG_CUE
        else:
            continue
        return


def _is_attributive(right: str) -> bool:
    m = _WORD_AFTER.match(right)
    return m is not None and m.group(1) not in _NOT_A_NOUN and not m.group(1).endswith("ed")


def corpus_cues(surfaces: Iterable[str]) -> dict[str, Counter]:
    """Votes one name gets from the rest of the corpus, by case-folded surface.

    A capitalised word that also occurs with a plural -s ("Moldovan" and
    "Moldovans") names a people: persons, places and
    organisations are seldom pluralised.  Both forms get a NORP vote.
    """
    single = {s.casefold() for s in surfaces if len(s.split()) == 1 and s[:1].isupper() and not s.isupper()}
    votes: dict[str, Counter] = {}
    for word in single:
        for plural in (word + "s", word + "es"):
            if plural in single:
                # typeshed types Counter values as int; these counters hold float weights.
                votes.setdefault(word, Counter())["NORP"] += CORPUS_CUE  # type: ignore[assignment]
                votes.setdefault(plural, Counter())["NORP"] += CORPUS_CUE  # type: ignore[assignment]
    return votes


_NON_PERSON_WORDS = (
    ORGANISATION_NOUNS | PLACE_NOUNS | {"news", "times", "post", "press", "media", "airways", "airlines"}
)


def shape_cues(surface: str, model_labels: Counter) -> Counter:
    """A two-word name in "First Last" form leans PERSON when the model said
    ORG or NORP: a tie-breaker, weaker than one model vote."""
    words = surface.split()
    if len(words) != 2 or not set(model_labels) & {"ORG", "NORP"} or set(model_labels) & PLACES:
        return Counter()
    if all(
        w[:1].isupper() and w[1:].islower() and w.isalpha() and w.casefold() not in _NON_PERSON_WORDS for w in words
    ):
        return Counter({"PERSON": SHAPE_CUE})
    return Counter()


# Labels that can describe one entity: places of all sizes and buildings;
# an organisation and its building or site; a people and its language.
_COMPATIBLE = {
    frozenset({"GPE", "LOC"}),
    frozenset({"GPE", "FAC"}),
    frozenset({"LOC", "FAC"}),
    frozenset({"ORG", "FAC"}),
    frozenset({"NORP", "LANGUAGE"}),
}


def compatible(a: str, b: str) -> bool:
    return a == b or UNKNOWN in (a, b) or frozenset({a, b}) in _COMPATIBLE
