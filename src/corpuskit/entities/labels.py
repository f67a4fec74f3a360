"""Label consensus: what kind of thing a name is, decided over all its mentions.

A small NER model labels each mention on its own and gets many wrong (a
migrant's first name as ORG, a region as PERSON, a nationality as PERSON).
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

from corpuskit.entities.mentions import HONORIFICS
from corpuskit.entities.model import Mention

UNKNOWN = "UNKNOWN"
PLACES = {"GPE", "LOC", "FAC"}

STRONG_CUE = 2.0   # context that leaves little doubt ("Mr X", "the X region")
WEAK_CUE = 1.0     # context that usually holds ("in X")
CORPUS_CUE = 2.0   # the same word elsewhere in the corpus (a plural: a people)
SHAPE_CUE = 0.75   # the form of the name alone: a tie-breaker

# Kinship and personal belongings after a possessive: only people have them.
_PERSONAL_POSSESSIONS = (
    "father|mother|son|daughter|wife|husband|brother|sister|parents|family|children|"
    "uncle|aunt|cousin|grandfather|grandmother|widow|fiance|fiancee|girlfriend|boyfriend|"
    "lawyer|attorney|relatives|friends?|mum|mom|dad|body|life|death|funeral|birthday"
)
# Verbs that introduce speech.  Organisations "say" things too ("the company
# said"), so this is a cue only when a gendered pronoun follows.
_SPEECH = "said|says|told|tells|added|explained|recalled|insisted|asked|replied|wrote|noted|claimed|admitted|stated|warned"
_GENDERED = re.compile(r"\b(?:he|she|his|her|him|himself|herself)\b", re.I)

# Head nouns of an apposition or a preceding description ("activist X",
# "X, the director of ...", "the civil rights organization X", "the city of X").
PERSON_NOUNS = {
    "activist", "defender", "director", "founder", "president", "minister", "spokesman",
    "spokeswoman", "spokesperson", "lawyer", "attorney", "judge", "leader", "figure",
    "chairman", "chairwoman", "chair", "executive", "official", "analyst", "researcher",
    "professor", "economist", "author", "journalist", "reporter", "correspondent",
    "editor", "writer", "actor", "actress", "singer", "player", "coach", "manager",
    "secretary", "senator", "governor", "mayor", "ambassador", "commander", "colonel",
    "officer", "soldier", "prisoner", "inmate", "migrant", "man", "woman", "boy", "girl",
    "son", "daughter", "father", "mother", "wife", "husband", "brother", "sister",
    "resident", "worker", "student", "doctor", "priest", "candidate", "deputy", "adviser",
    "advisor", "aide", "expert", "scientist", "owner", "investor", "banker",
    "entrepreneur", "star", "rapper", "artist", "musician", "comedian", "presenter",
    "blogger", "photographer", "dictator", "politician", "lawmaker", "opponent",
    "critic", "businessman", "businesswoman", "tycoon", "billionaire", "ceo", "chief",
    "head", "pseudonym", "victim", "survivor", "witness", "nurse", "teacher", "pastor",
}
ORGANISATION_NOUNS = {
    "organization", "organisation", "group", "company", "firm", "agency", "ministry",
    "department", "party", "union", "association", "bank", "newspaper", "outlet",
    "network", "broadcaster", "channel", "publication", "magazine", "website", "project",
    "foundation", "institute", "charity", "ngo", "corporation", "club", "team", "band",
    "movement", "committee", "council", "university", "school", "college", "airline",
    "carrier", "maker", "manufacturer", "retailer", "distributor", "subsidiary",
    "insurer", "lender", "regulator", "watchdog", "broker", "brokerage", "publisher",
    "studio", "label", "conglomerate", "chain", "operator", "producer", "supplier",
    "startup", "nonprofit", "coalition", "alliance", "daily", "tabloid", "agency",
}
PLACE_NOUNS = {
    "city", "town", "village", "region", "province", "country", "state", "capital",
    "district", "county", "area", "oblast", "krai", "republic", "island", "port",
    "suburb", "neighbourhood", "neighborhood", "municipality", "territory", "prefecture",
    "canton", "emirate", "kingdom",
}
_PERSON_NOUNS = "|".join(sorted(PERSON_NOUNS))
_ORGANISATION_NOUNS = "|".join(sorted(ORGANISATION_NOUNS))
_PLACE_NOUNS = "|".join(sorted(PLACE_NOUNS))
_HONORIFICS = "|".join(sorted(HONORIFICS))

# Nationality adjectives end like this in English (Ukrainian, Kenyan,
# Turkish, Japanese, Iraqi, Slavic, Uzbek, Tajik, Kyrgyz, Czech, Swiss,
# Thai); with the attributive use below it marks NORP.
_DEMONYM_ENDINGS = ("ian", "ean", "ican", "ish", "ese", "i", "ic", "ek", "ik", "yz", "ch", "ss", "ai")
# After a name, these words are not the noun it qualifies.
_NOT_A_NOUN = set(
    "and or but nor to in on at by of for from with as is are was were be been has have had "
    "will would can could may might must shall should do does did not also who which that "
    "than then said says told".split()
)


@dataclass
class Votes:
    """The model's labels (counted) and the context cues (weighted) of some mentions."""

    model: Counter = field(default_factory=Counter)
    cues: Counter = field(default_factory=Counter)

    def update(self, other: Votes) -> None:
        self.model.update(other.model)
        self.cues.update(other.cues)

    def scores(self) -> Counter:
        scores = Counter({label: math.sqrt(n) for label, n in self.model.items()})
        scores.update(self.cues)
        return scores

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
        votes.model[mention.label] += 1
    left, right = _context(mention)
    if left or right:
        for label, weight in _cues(mention.text, left, right):
            votes.cues[label] += weight
    return votes


def _context(mention: Mention) -> tuple[str, str]:
    if not mention.sentence:
        return "", ""
    i = mention.start - mention.sentence_start
    j = mention.end - mention.sentence_start
    if not (0 <= i <= j <= len(mention.sentence)):
        return "", ""
    return mention.sentence[:i], mention.sentence[j:]


def _cues(text: str, left: str, right: str) -> Iterable[tuple[str, float]]:
    one_word = len(text.split()) == 1
    # "Mr X", "Dr X": a courtesy title is only ever given to a person.
    if re.search(rf"\b(?:{_HONORIFICS})\.?\s*$", left, re.I):
        yield "PERSON", STRONG_CUE
    # "X's father", "X's lawyer": kin and a life belong to a person.
    if re.match(rf"^['’]s\s+(?:{_PERSONAL_POSSESSIONS})\b", right, re.I):
        yield "PERSON", STRONG_CUE
    # "X, who ...", "X, 32, ...": a relative "who" or an age is said of a person.
    if re.match(r"^\s*,\s*(?:who\b|\d{1,3}\s*,)", right):
        yield "PERSON", STRONG_CUE
    # "X said he ...": speech, then a gendered pronoun.
    speech = re.match(rf"^\s*,?\s*(?:{_SPEECH})\b", right)
    if speech and _GENDERED.search(right[speech.end():]):
        yield "PERSON", STRONG_CUE
    # "X migrated ... serving his sentence": the first name of a sentence,
    # taken up by a gendered pronoun, is usually that person.
    elif not any(c.isupper() for c in left) and _GENDERED.search(right):
        yield "PERSON", WEAK_CUE
    # A description before the name: "activist X", "the organization X",
    # "the city of X".
    yield from _description_before(left)
    # An apposition after it: "X, the director of ...", "X, a rights group".
    yield from _apposition_after(right)
    # "the X region", "X oblast": a place noun right after the name.
    if re.match(rf"^\s+(?:{_PLACE_NOUNS})\b", right):
        yield "GPE", STRONG_CUE
    # "in X", "near X" for a one-word name: usually a place ("in Vladimir").
    if one_word and re.search(r"\b(?:in|near|outside|across)\s+$", left) and not re.match(r"^['’]s\b", right):
        yield "GPE", WEAK_CUE
    # "Tajik prisoners", "Kenyan runner": a nationality-shaped word used as an
    # adjective before a common noun.
    if one_word and _is_attributive(right) and text.casefold().endswith(_DEMONYM_ENDINGS):
        yield "NORP", WEAK_CUE


def _description_before(left: str) -> Iterable[tuple[str, float]]:
    word = re.search(r"\b([a-z]+),?\s+(?:of\s+)?$", left)
    if not word:
        return
    noun = word.group(1)
    of = word.group(0).rstrip().endswith("of")
    if noun in PLACE_NOUNS and of:
        yield "GPE", STRONG_CUE   # "the city of X"
    elif noun in PERSON_NOUNS and not of:
        yield "PERSON", STRONG_CUE
    elif noun in ORGANISATION_NOUNS and not of:
        yield "ORG", STRONG_CUE


def _apposition_after(right: str) -> Iterable[tuple[str, float]]:
    """The first known head noun among the few words of an apposition."""
    m = re.match(r"^\s*[,(]\s*(?:the|a|an)\s+([^,;.()]*)", right)
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
    m = re.match(r"^\s+([a-z]+)\b", right)
    return bool(m) and m.group(1) not in _NOT_A_NOUN and not m.group(1).endswith("ed")


def corpus_cues(surfaces: Iterable[str]) -> dict[str, Counter]:
    """Votes one name gets from the rest of the corpus, by case-folded surface.

    A capitalised word that also occurs with a plural -s ("Tajik" and
    "Tajiks", "Uzbek" and "Uzbeks") names a people: persons, places and
    organisations are seldom pluralised.  Both forms get a NORP vote.
    """
    single = {s.casefold() for s in surfaces if len(s.split()) == 1 and s[:1].isupper() and not s.isupper()}
    votes: dict[str, Counter] = {}
    for word in single:
        for plural in (word + "s", word + "es"):
            if plural in single:
                votes.setdefault(word, Counter())["NORP"] += CORPUS_CUE
                votes.setdefault(plural, Counter())["NORP"] += CORPUS_CUE
    return votes


_NON_PERSON_WORDS = ORGANISATION_NOUNS | PLACE_NOUNS | {"news", "times", "post", "press", "media", "airways", "airlines"}


def shape_cues(surface: str, model_labels: Counter) -> Counter:
    """A two-word name in "First Last" form leans PERSON when the model said
    ORG or NORP: a tie-breaker, weaker than one model vote."""
    words = surface.split()
    if len(words) != 2 or not set(model_labels) & {"ORG", "NORP"} or set(model_labels) & PLACES:
        return Counter()
    if all(w[:1].isupper() and w[1:].islower() and w.isalpha() and w.casefold() not in _NON_PERSON_WORDS for w in words):
        return Counter({"PERSON": SHAPE_CUE})
    return Counter()


# Labels that can describe one entity: places of all sizes and buildings;
# an organisation and its building or site; a people and its language.
_COMPATIBLE = {
    frozenset({"GPE", "LOC"}), frozenset({"GPE", "FAC"}), frozenset({"LOC", "FAC"}),
    frozenset({"ORG", "FAC"}), frozenset({"NORP", "LANGUAGE"}),
}


def compatible(a: str, b: str) -> bool:
    return a == b or UNKNOWN in (a, b) or frozenset({a, b}) in _COMPATIBLE
