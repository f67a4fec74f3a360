"""Deterministic generator of a synthetic news corpus for corpuskit benchmarks.

Usage as a script::

    python benchmarks/synthetic.py OUT_DIR --articles N [--formats txt|mixed] [--seed S] [--jobs J]

Usage as a module::

    from synthetic import ArticleFactory, generate_corpus
    generate_corpus(Path("corpus"), 1000, formats="mixed", seed=1)
    article = ArticleFactory(seed=1).base_article(42)

Only the standard library is used. Every random choice flows from ``seed``:
the shared vocabulary (pseudo-words, names, places, organisations, outlets,
sentence templates) comes from one generator, each article from its own
generator derived from ``(seed, index)``, and the file layout from a third.
Keeping them apart means article ``i`` reads the same whatever the format
mix, files can be written by several processes, and the same seed always
gives byte-identical files.

The pipeline has three stages, so that a later "syndication family" stage
(copies with typos and respelled names, rewrites, truncations, partial
copies, reordering) can be slotted in between generation and writing:

    ArticleFactory.base_article(i)  ->  Article (paragraphs of sentences)
    [future: family stage, Article -> variant Articles, each given its own
     slot in plan_layout and its own generator, e.g. (seed, i, variant)]
    plan_layout / write_unit        ->  files on disk, in one of five formats
"""

from __future__ import annotations

import argparse
import csv
import html
import json
import math
import multiprocessing
import os
import random
import re
import sys
import time
from array import array
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from itertools import chain
from operator import itemgetter
from pathlib import Path
from typing import Callable, Iterator, NamedTuple

FORMATS = ("txt", "mixed")

# Share of articles per format in a mixed corpus. Each key needs a writer
# in SINGLE_FORMATS or EXPORT_FORMATS below.
MIXED_WEIGHTS = {"txt": 35, "md": 15, "html": 20, "jsonl": 15, "csv": 15}

POOL_SIZE = 1 << 16              # shared word pools: 16-bit random indices
FILES_PER_FOLDER = 1000          # never more than this many files in a folder
RECORDS_PER_EXPORT = (50, 200)   # records in one .jsonl / .csv export
WORDS_MEDIAN, WORDS_SIGMA = 560, 0.42   # log-normal article length
WORDS_MIN, WORDS_MAX = 300, 1200
# Sentences per paragraph: 1 to 4, as a lookup table (22% 1, 38% 2, ...)
# so one uniform draw picks a size.
PARAGRAPH_SIZES = (1,) * 22 + (2,) * 38 + (3,) * 27 + (4,) * 13
QUOTE_SHARE = 0.13               # share of sentences turned into quotations
BYLINE_SHARE = 0.6               # share of articles that name an author
EPOCH = datetime(2018, 1, 1, tzinfo=timezone.utc)
SPAN_DAYS = 7 * 365

NON_ALPHANUMERIC = re.compile(r"[^a-z0-9]+")
MONTHS = ("January", "February", "March", "April", "May", "June", "July",
          "August", "September", "October", "November", "December")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
            "Saturday", "Sunday")
SECTIONS = ("world", "politics", "business", "local", "science", "health",
            "culture", "sport", "opinion")


# --------------------------------------------------------------------------
# Data model
# --------------------------------------------------------------------------

@dataclass(frozen=True)
class Outlet:
    name: str
    domain: str
    title_case: bool          # house style for headlines
    authors: tuple[str, ...]


@dataclass
class Article:
    """One generated article, independent of the format it is written in.

    ``paragraphs`` is a list of paragraphs, each a list of sentences, so a
    family generator can later drop, reorder, truncate or edit sentences.
    ``people`` is the article's cast (full names), kept so that variants can
    respell the same names consistently.
    """

    id: str
    headline: str
    paragraphs: list[list[str]]
    outlet: Outlet
    author: str | None
    published: datetime
    url: str
    people: list[str] = field(default_factory=list)
    caption: str = ""         # photo caption, shown only in HTML pages

    @property
    def body(self) -> str:
        """The article text, paragraphs separated by a blank line."""
        return "\n\n".join(" ".join(p) for p in self.paragraphs)

    @property
    def word_count(self) -> int:
        # Sentences are built with single spaces, so counting them is exact
        # and much cheaper than split().
        return sum(s.count(" ") + 1 for p in self.paragraphs for s in p)

    @property
    def slug(self) -> str:
        return slugify(self.headline)


def slugify(text: str) -> str:
    return "-".join(NON_ALPHANUMERIC.sub(" ", text.lower()).split()[:8])


# --------------------------------------------------------------------------
# Vocabulary: pseudo-words, entity pools and sentence templates
# --------------------------------------------------------------------------

# Simple consonants are listed more than once so that clusters stay rare
# and pseudo-words stay pronounceable.
ONSETS = ("b", "c", "d", "f", "g", "h", "j", "k", "l", "m", "n", "p", "r", "s",
          "t", "v", "w", "z", "b", "c", "d", "f", "g", "h", "l", "m", "n", "p",
          "r", "s", "t", "br", "ch", "cl", "cr", "dr", "fl", "fr", "gr", "pl",
          "pr", "sh", "sl", "sp", "st", "th", "tr", "wh", "", "", "", "")
NUCLEI = ("a", "e", "i", "o", "u", "a", "e", "i", "o", "a", "e", "ai", "ea",
          "ee", "ie", "oa", "ou", "oo", "y")
CODAS = ("", "", "", "", "", "", "n", "r", "s", "l", "m", "t", "d", "n", "r",
         "nd", "nt", "st", "rt", "ck", "ng", "x", "th", "ll", "rn")

# Real words keep the text news-like; pseudo-words supply the long tail that
# makes every article different. Nouns are (singular, plural), verbs
# (base, past) so that inflection stays right.
REAL_NOUNS = (("government", "governments"), ("police", "police"), ("report", "reports"),
              ("official", "officials"), ("minister", "ministers"), ("person", "people"),
              ("year", "years"), ("week", "weeks"), ("country", "countries"),
              ("city", "cities"), ("company", "companies"), ("plan", "plans"),
              ("law", "laws"), ("court", "courts"), ("election", "elections"),
              ("budget", "budgets"), ("market", "markets"), ("council", "councils"),
              ("statement", "statements"), ("investigation", "investigations"),
              ("deal", "deals"), ("agency", "agencies"), ("project", "projects"),
              ("policy", "policies"), ("program", "programs"), ("region", "regions"),
              ("school", "schools"), ("hospital", "hospitals"), ("price", "prices"),
              ("worker", "workers"), ("resident", "residents"), ("talk", "talks"))
REAL_ADJECTIVES = ("new", "former", "local", "national", "public", "senior",
                   "major", "recent", "federal", "international", "early",
                   "economic", "political", "last", "first", "small")
REAL_VERBS = (("say", "said"), ("announce", "announced"), ("report", "reported"),
              ("confirm", "confirmed"), ("deny", "denied"), ("approve", "approved"),
              ("reject", "rejected"), ("warn", "warned"), ("launch", "launched"),
              ("open", "opened"), ("sign", "signed"), ("propose", "proposed"),
              ("receive", "received"), ("raise", "raised"), ("cut", "cut"))
LOWER_IN_TITLES = frozenset(("a", "an", "the", "of", "in", "on", "at", "to", "for",
                             "by", "with", "and", "but", "or", "from", "as"))
PREPOSITIONS = ("in", "of", "for", "on", "with", "at", "from", "by", "after",
                "over", "against", "under", "during", "before", "across",
                "amid", "near", "without")
ROLES = ("spokesperson", "minister", "chief executive", "director", "mayor",
         "chairman", "president", "governor", "lawyer", "analyst", "official",
         "researcher", "commander", "secretary", "economist", "prosecutor")
ORG_FORMS = ("Ministry of {W}", "{W} Group", "{W} Institute", "{W} Council",
             "{W} Party", "{W} Bank", "{W} University", "{W} Holdings",
             "{W} Foundation", "{W} Agency", "{W} Union", "{W} Commission",
             "{W} {W} Corporation", "National {W} Authority", "{A}")
OUTLET_FORMS = ("The {P} Herald", "The {P} Times", "{P} Post", "{P} Tribune",
                "The {P} Gazette", "{P} Courier", "The {W} Observer",
                "{W} Daily", "{W} News", "{A} Wire", "{P} Chronicle",
                "{W} Review", "The {P} Independent", "{W} Today")
TLDS = (".com", ".com", ".com", ".net", ".org", ".co.uk", ".news")
AGENCIES = ("AFP", "Reuters", "AP", "EPA", "Getty Images", "staff photographer")
FOOTER_LINKS = ("About us", "Contact", "Privacy policy", "Terms of use",
                "Advertise", "Corrections", "Newsletters", "Careers")

# A small phrase grammar. Upper-case symbols expand further; "<...>" symbols
# are slots filled from a word pool; anything else is literal. Expanding it
# once into a few thousand templates, then only filling slots per article,
# is what makes generation fast.
GRAMMAR: dict[str, list[tuple[int, list[str]]]] = {
    "S": [(2, ["CLAUSE"]), (2, ["INTRO", ",", "CLAUSE"]), (3, ["CLAUSE", "PP"]),
          (4, ["CLAUSE", ",", "CONJ", "CLAUSE"]), (2, ["INTRO", ",", "CLAUSE", "PP"]),
          (2, ["CLAUSE", "PP", ",", "CONJ", "CLAUSE"]),
          (1, ["CLAUSE", ",", "<V>", "<WHEN>", "by", "<ORG>"]),
          (1, ["CLAUSE", ",", "according", "to", "<ORG>"])],
    "CLAUSE": [(5, ["SUBJ", "VP"]), (2, ["SUBJ", "said", "SUBJ", "VP"]),
               (1, ["SUBJ", "<V>", "that", "SUBJ", "VP"])],
    "SUBJ": [(5, ["NP"]), (2, ["<NAME>"]), (3, ["<LAST>"]), (2, ["<ORG>"]),
             (1, ["officials", "in", "<PLACE>"]), (1, ["the", "<ROLE>", "of", "<ORG>"]),
             (2, ["PRON"]), (1, ["<NUM>", "<NS>"]), (1, ["<NAME>", ",", "a", "<ROLE>", "at", "<ORG>", ","])],
    "NP": [(4, ["D", "<N>"]), (3, ["D", "<A>", "<N>"]), (2, ["<NS>"]),
           (2, ["<A>", "<NS>"]), (2, ["D", "<N>", "of", "D", "<A>", "<N>"]),
           (1, ["D", "<N>", "<N>"]), (1, ["<PLACE>", "'s", "<A>", "<N>"]),
           (2, ["D", "<A>", "<N>", "<P>", "<NS>"])],
    "VP": [(3, ["<V>", "NP"]), (4, ["<V>", "NP", "PP"]), (1, ["<V>", "<AMOUNT>", "PP"]),
           (1, ["had", "<V>", "NP", "PP"]), (1, ["would", "<VB>", "NP", "PP"]),
           (1, ["began", "<VG>", "NP"]), (1, ["planned", "to", "<VB>", "NP", "<WHEN>"]),
           (1, ["had", "been", "<V>", "PP"]), (1, ["could", "<VB>", "NP", "by", "<AMOUNT>"])],
    "PP": [(4, ["<P>", "NP"]), (2, ["in", "<PLACE>"]), (2, ["<WHEN>"]),
           (1, ["with", "<ORG>"]), (1, ["<P>", "NP", "in", "<PLACE>"])],
    "INTRO": [(2, ["According", "to", "<ORG>"]), (1, ["In", "<PLACE>"]),
              (2, ["<WHEN_CAP>"]), (1, ["However"]), (1, ["Meanwhile"]),
              (1, ["As", "a", "result"]), (1, ["Earlier", "<WHEN>"])],
    "CONJ": [(4, ["and"]), (3, ["but"]), (1, ["while"]), (1, ["although"])],
    "D": [(8, ["the"]), (2, ["a"]), (1, ["its"]), (1, ["their"]), (1, ["this"]),
          (1, ["another"]), (1, ["every"])],
    "PRON": [(1, ["he"]), (1, ["she"]), (2, ["they"]), (1, ["it"])],
    # Headlines: present tense, no final full stop.
    "H": [(4, ["HSUBJ", "<VS>", "NP"]), (2, ["HSUBJ", "<VS>", "NP", "PP"]),
          (2, ["HSUBJ", "to", "<VB>", "NP"]), (1, ["<A>", "<NS>", "<P>", "<PLACE>"]),
          (1, ["<PLACE>", "<N>", "<VS>", "<AMOUNT>"])],
    "HSUBJ": [(3, ["<ORG>"]), (2, ["<LAST>"]), (2, ["<PLACE>"]), (2, ["<A>", "<NS>"]),
              (1, ["<PLACE>", "<ROLE>"])],
}


def _expand(symbol: str, rng: random.Random) -> list[str]:
    rules = GRAMMAR[symbol]
    _, sequence = rng.choices(rules, weights=[w for w, _ in rules])[0]
    tokens: list[str] = []
    for part in sequence:
        tokens.extend(_expand(part, rng) if part in GRAMMAR else [part])
    return tokens


def _zipf_bag(words: list[str], exponent: float = 0.9) -> list[str]:
    """Repeat words in proportion to a Zipf law, so uniform draws from the
    returned list follow natural word frequencies at the cost of one draw.
    The bag holds about POOL_SIZE entries; _cycle_to then makes it exact."""
    total = sum(1 / (r + 1) ** exponent for r in range(len(words)))
    bag: list[str] = []
    for rank, word in enumerate(words):
        bag.extend([word] * max(1, round(POOL_SIZE * (1 / (rank + 1) ** exponent) / total)))
    return bag


def _cycle_to(words: list[str], size: int) -> list[str]:
    """Repeat ``words`` to exactly ``size`` entries, so that a random index
    of the matching bit width needs no range reduction."""
    return (words * (size // len(words) + 1))[:size]


class Vocabulary:
    """Everything articles share: word pools, entity pools, outlets, templates."""

    def __init__(self, seed: int) -> None:
        rng = random.Random(f"{seed}:vocabulary")
        self._rng = rng
        self._seen: set[str] = set()
        stems = [self._pseudo_word() for _ in range(9000)]
        suffixes = ("al", "ous", "ive", "ic", "ent", "ish", "ary", "")
        adjectives = [self._pseudo_word() + rng.choice(suffixes) for _ in range(3000)]

        nouns = list(REAL_NOUNS) + [(n, self._plural(n)) for n in stems[:6000]]
        verbs = list(REAL_VERBS) + [(v, self._past(v)) for v in stems[6000:]]
        self.pools: dict[str, list[str]] = {
            "<N>": _zipf_bag([n for n, _ in nouns]),
            "<NS>": _zipf_bag([n for _, n in nouns]),
            "<A>": _zipf_bag(list(REAL_ADJECTIVES) + adjectives),
            "<V>": _zipf_bag([v for _, v in verbs]),
            "<VB>": _zipf_bag([v for v, _ in verbs]),
            "<VS>": _zipf_bag([self._third_person(v) for v, _ in verbs]),
            "<VG>": _zipf_bag([self._gerund(v) for v, _ in verbs[1:]]),
            "<P>": _zipf_bag(list(PREPOSITIONS), 0.8),
            "<ROLE>": list(ROLES),
            "<NUM>": [self._count() for _ in range(3000)],
            "<AMOUNT>": [self._amount() for _ in range(3000)],
            "<WHEN>": [self._when() for _ in range(2000)],
        }
        self.pools["<WHEN_CAP>"] = [w[0].upper() + w[1:] for w in self.pools["<WHEN>"]]
        self.pools = {slot: _cycle_to(words, POOL_SIZE) for slot, words in self.pools.items()}

        self.first_names = [self._name_part() for _ in range(1500)]
        self.surnames = [self._name_part() + rng.choice(("", "", "son", "ov", "ez", "ski", "ani", "er"))
                         for _ in range(6000)]
        self.places = [self._name_part() + rng.choice(("", "", "ia", "burg", "ton", "stan", "ville", "a", " City"))
                       for _ in range(3000)]
        self.organisations = [self._organisation() for _ in range(2500)]
        self.outlets = [self._outlet() for _ in range(60)]

        for slot in ("<NS>", "<A>"):   # these may open a sentence
            self.pools[CAPITALISED[slot]] = [w[0].upper() + w[1:] for w in self.pools[slot]]
        self._build_templates(rng)

    def _build_templates(self, rng: random.Random) -> None:
        # Slots are numbered: templates refer to them by index into the
        # per-article list of word streams (see WordStreams).
        self.slot_names = list(self.pools) + list(CAST_SLOTS)
        slot_index = {name: i for i, name in enumerate(self.slot_names)}
        sentences = [_sentence_tokens(rng) for _ in range(SENTENCE_TEMPLATES)]
        # Whole paragraphs are templates too, so that filling one takes a
        # single str.format call whatever the number of sentences.
        self.paragraphs = []
        for _ in range(PARAGRAPH_TEMPLATES):
            size = PARAGRAPH_SIZES[int(rng.random() * len(PARAGRAPH_SIZES))]
            tokens = [t for sentence in rng.choices(sentences, k=size) for t in [*sentence, "\n"]]
            self.paragraphs.append(Template.compile(tokens[:-1], slot_index))
        self.headlines = [Template.compile(_capitalise_first(_expand("H", rng)), slot_index)
                          for _ in range(HEADLINE_TEMPLATES)]

        # Average uses of each slot per word, to size the word streams.
        words = sum(t.pattern.count(" ") + t.pattern.count("\n") + 1 for t in self.paragraphs)
        uses = Counter(slot for t in self.paragraphs for slot in t.slots)
        self.slot_rates = [uses[i] / words for i in range(len(self.slot_names))]

    # -- word formation ------------------------------------------------------

    def _pseudo_word(self, syllable_weights: tuple[int, ...] = (40, 45, 15)) -> str:
        rng = self._rng
        while True:
            syllables = rng.choices((1, 2, 3), syllable_weights)[0]
            word = "".join(rng.choice(ONSETS) + rng.choice(NUCLEI) + rng.choice(CODAS)
                           for _ in range(syllables))
            # Unique and not too short: a word pool of duplicates would make
            # unrelated articles look more alike than real ones do.
            if len(word) >= 3 and word not in self._seen:
                self._seen.add(word)
                return word

    def _name_part(self) -> str:
        return self._pseudo_word((5, 80, 15)).capitalize()

    @staticmethod
    def _plural(word: str) -> str:
        if word.endswith(("s", "x", "sh", "ch")):
            return word + "es"
        if word.endswith("y") and len(word) > 3 and word[-2] not in "aeiou":
            return word[:-1] + "ies"
        return word + "s"

    @staticmethod
    def _third_person(verb: str) -> str:
        return {"say": "says", "deny": "denies", "cut": "cuts"}.get(verb) or Vocabulary._plural(verb)

    @staticmethod
    def _past(word: str) -> str:
        return word + ("d" if word.endswith("e") else "ed")

    @staticmethod
    def _gerund(word: str) -> str:
        return (word[:-1] if word.endswith("e") and len(word) > 3 else word) + "ing"

    def _count(self) -> str:
        rng = self._rng
        n = int(math.exp(rng.uniform(math.log(2), math.log(250000))))
        return f"{n:,}" if n >= 1000 else str(n)

    def _amount(self) -> str:
        rng = self._rng
        kind = rng.randrange(4)
        if kind == 0:
            return f"{rng.randint(1, 95)} percent"
        if kind == 1:
            return f"{rng.uniform(0.1, 9.9):.1f} percent"
        unit = rng.choice(("million", "billion", "million", "thousand"))
        return f"${rng.uniform(1, 900):.1f} {unit}" if kind == 2 else f"{rng.randint(2, 900)} {unit}"

    def _when(self) -> str:
        rng = self._rng
        kind = rng.randrange(6)
        if kind == 0:
            return "on " + rng.choice(WEEKDAYS)
        if kind == 1:
            return f"on {rng.choice(MONTHS)} {rng.randint(1, 28)}"
        if kind == 2:
            return f"in {rng.randint(1995, 2024)}"
        if kind == 3:
            return f"in {rng.choice(MONTHS)}"
        return rng.choice(("last week", "last month", "earlier this year", "this week",
                           "in recent days", "earlier this month", "last year", "next year"))

    def _organisation(self) -> str:
        rng = self._rng
        form = rng.choice(ORG_FORMS)
        acronym = "".join(rng.choice("ABCDEFGHIJKLMNOPRSTUVW") for _ in range(rng.randint(2, 4)))
        while "{W}" in form:
            form = form.replace("{W}", self._name_part(), 1)
        return form.replace("{A}", acronym)

    def _outlet(self) -> Outlet:
        rng = self._rng
        form = rng.choice(OUTLET_FORMS)
        acronym = "".join(rng.choice("ABCDEFGHIKLMNPRSTVW") for _ in range(3))
        name = (form.replace("{P}", self._name_part()).replace("{W}", self._name_part())
                .replace("{A}", acronym))
        domain = "".join(c for c in name.lower().removeprefix("the ") if c.isalnum()) + rng.choice(TLDS)
        authors = tuple(f"{self._name_part()} {self._name_part()}" for _ in range(rng.randint(4, 30)))
        return Outlet(name=name, domain=domain, title_case=rng.random() < 0.5, authors=authors)


# --------------------------------------------------------------------------
# Articles
# --------------------------------------------------------------------------

# Slots whose pools are the article's own cast rather than shared vocabulary.
CAST_SLOTS = ("<NAME>", "<LAST>", "<SPEAKER>", "<PLACE>", "<ORG>")
CAST_POOL_SIZE = 256      # cast pools are cycled to this size: 8-bit indices
# Slots that can open a sentence, and their capitalised twins; the others
# that can open one are proper names, numbers or already capitalised.
CAPITALISED = {"<NS>": "<NS_CAP>", "<A>": "<A_CAP>"}
SENTENCE_STARTS = frozenset(CAPITALISED.values()) | {"<NAME>", "<LAST>", "<PLACE>", "<ORG>",
                                                     "<NUM>", "<WHEN_CAP>"}
SENTENCE_TEMPLATES, PARAGRAPH_TEMPLATES, HEADLINE_TEMPLATES = 4000, 10000, 600


def _capitalise_first(tokens: list[str]) -> list[str]:
    first = tokens[0]
    if first.startswith("<"):
        first = CAPITALISED.get(first, first)
        if first not in SENTENCE_STARTS:
            raise ValueError(f"the grammar lets a sentence start with {first}")
    else:
        first = first[0].upper() + first[1:]
    return [first, *tokens[1:]]


def _sentence_tokens(rng: random.Random) -> list[str]:
    """One sentence from the grammar, sometimes as a quotation."""
    tokens = _capitalise_first(_expand("S", rng))
    if rng.random() >= QUOTE_SHARE:
        return [*tokens, "."]
    if rng.random() < 0.7:
        return ["“", *tokens, ",”", "<SPEAKER>", "said", "."]
    return ["<SPEAKER>", "said:", "“", *tokens, ".”"]


# How tokens joined by spaces become text: punctuation hugs its neighbour.
SPACING_FIXES = ((" \n ", "\n"), (" ,", ","), (" .", "."), ("“ ", "“"), (" 's", "'s"))


def _slot_picker(slots: tuple[int, ...]):
    """A C-level function taking the stream list to the streams for ``slots``
    (itemgetter returns a bare item, not a tuple, for a single index)."""
    if not slots:
        return lambda streams: ()
    if len(slots) == 1:
        only = slots[0]
        return lambda streams: (streams[only],)
    return itemgetter(*slots)


class Template(NamedTuple):
    """A text pattern compiled for speed: ``pattern`` is a str.format string
    with the literal words and punctuation in place, ``slots`` lists, per
    ``{}``, the index of the word stream to draw from, and ``pick`` fetches
    those streams in one C call. Paragraph templates hold one sentence per
    line."""

    pattern: str
    slots: tuple[int, ...]
    pick: Callable

    @classmethod
    def compile(cls, tokens: list[str], slot_index: dict[str, int]) -> "Template":
        pattern = " ".join("{}" if t in slot_index else t for t in tokens)
        for before, after in SPACING_FIXES:
            pattern = pattern.replace(before, after)
        slots = tuple(slot_index[t] for t in tokens if t in slot_index)
        return cls(pattern, slots, _slot_picker(slots))

    def fill(self, streams: list[Iterator[str]]) -> str:
        return self.pattern.format(*map(next, self.pick(streams)))


class WordStreams(list):
    """One iterator of random words per slot, for one article.

    Drawing words one by one in Python costs about half a microsecond each,
    which made 100,000 articles take minutes. Instead one block of random
    bytes (one C call) is cut into runs of indices, one run per slot, and
    each run is mapped onto its pool; pools have a power-of-two size (2^16
    shared words, 2^8 for the article's cast), so indices need no range
    reduction and the filling loop stays in C (map/next/itemgetter). A
    stream that runs dry falls back to drawing one word at a time, so the
    expected counts only affect speed, never correctness.
    """

    def __init__(self, rng: random.Random, pools: list[list[str]], expected: list[float]) -> None:
        counts = [int(n * 1.25) + 4 for n in expected]
        wide = [len(pool) == POOL_SIZE for pool in pools]
        indices = array("H")
        indices.frombytes(rng.randbytes(2 * sum(c for c, w in zip(counts, wide) if w)))
        if sys.byteorder == "big":   # same bytes -> same words on every machine
            indices.byteswap()
        narrow = rng.randbytes(sum(c for c, w in zip(counts, wide) if not w))
        streams, at_wide, at_narrow = [], 0, 0
        for pool, count, is_wide in zip(pools, counts, wide):
            if is_wide:
                run, bits = indices[at_wide:at_wide + count], 16
                at_wide += count
            else:
                run, bits = narrow[at_narrow:at_narrow + count], 8
                at_narrow += count
            streams.append(chain(map(pool.__getitem__, run), self._one_by_one(rng, pool, bits)))
        super().__init__(streams)

    @staticmethod
    def _one_by_one(rng: random.Random, pool: list[str], bits: int) -> Iterator[str]:
        while True:
            yield pool[rng.getrandbits(bits)]


def _human_date(moment: datetime) -> str:
    return f"{MONTHS[moment.month - 1]} {moment.day}, {moment.year}"


def _title_case(text: str) -> str:
    words = text.split()
    return " ".join([words[0]] + [w if w in LOWER_IN_TITLES else w[0].upper() + w[1:]
                                  for w in words[1:]])


class ArticleFactory:
    """Builds base articles; article ``i`` depends only on ``(seed, i)``."""

    def __init__(self, seed: int, vocabulary: Vocabulary | None = None) -> None:
        self.seed = seed
        self.vocabulary = vocabulary or Vocabulary(seed)

    def rng_for(self, index: int) -> random.Random:
        # A string seed is hashed with SHA-512 by random.seed, so this is
        # stable across runs and Python versions (unlike hash()).
        return random.Random(f"{self.seed}:article:{index}")

    def base_article(self, index: int) -> Article:
        rng = self.rng_for(index)
        vocab = self.vocabulary
        cast = self._cast(rng)
        outlet = rng.choice(vocab.outlets)
        published = EPOCH + timedelta(seconds=rng.randrange(SPAN_DAYS * 86400))
        author = rng.choice(outlet.authors) if rng.random() < BYLINE_SHARE else None
        target = self._target_words(rng)

        pools = [vocab.pools.get(name) or _cycle_to(cast[name], CAST_POOL_SIZE)
                 for name in vocab.slot_names]
        streams = WordStreams(rng, pools, [rate * (target + 60) for rate in vocab.slot_rates])

        headline = rng.choice(vocab.headlines).fill(streams)
        if outlet.title_case:
            headline = _title_case(headline)
        paragraphs = self._paragraphs(rng, streams, target)

        # The trailing index keeps URLs unique, as news sites' numeric ids do.
        url = (f"https://www.{outlet.domain}/{rng.choice(SECTIONS)}/"
               f"{published:%Y/%m/%d}/{slugify(headline)}-{index}")
        caption = (f"{cast['<NAME>'][0]} in {cast['<PLACE>'][0]}, {_human_date(published)}. "
                   f"Photo: {rng.choice(AGENCIES)}")
        return Article(id=f"a{index:07d}", headline=headline, paragraphs=paragraphs,
                       outlet=outlet, author=author, published=published, url=url,
                       people=cast["<NAME>"], caption=caption)

    def _cast(self, rng: random.Random) -> dict[str, list[str]]:
        """This article's own cast: a few people, places and organisations
        it keeps coming back to, as a real story does."""
        vocab = self.vocabulary
        people = [(rng.choice(vocab.first_names), rng.choice(vocab.surnames))
                  for _ in range(rng.randint(2, 5))]
        names = [f"{first} {last}" for first, last in people]
        surnames = [last for _, last in people]
        return {"<NAME>": names, "<LAST>": surnames, "<SPEAKER>": surnames + names,
                "<PLACE>": rng.sample(vocab.places, rng.randint(1, 3)),
                "<ORG>": rng.sample(vocab.organisations, rng.randint(1, 3))}

    @staticmethod
    def _target_words(rng: random.Random) -> int:
        while True:   # rejection keeps the log-normal shape inside the bounds
            n = rng.lognormvariate(math.log(WORDS_MEDIAN), WORDS_SIGMA)
            if WORDS_MIN <= n <= WORDS_MAX - 60:   # room for the last paragraph
                return int(n)

    def _paragraphs(self, rng: random.Random, streams: WordStreams, target: int) -> list[list[str]]:
        """Paragraphs, as lists of sentences, until ``target`` words."""
        templates = self.vocabulary.paragraphs
        rnd = rng.random
        paragraphs: list[list[str]] = []
        words = 0
        while words < target:
            text = templates[int(rnd() * len(templates))].fill(streams)
            sentences = text.split("\n")
            words += text.count(" ") + len(sentences)
            paragraphs.append(sentences)
        # A long last paragraph can overshoot the maximum: drop its tail.
        last = paragraphs[-1]
        while words > WORDS_MAX and len(last) > 1:
            words -= last.pop().count(" ") + 1
        return paragraphs


def generate_articles(count: int, seed: int) -> Iterator[Article]:
    """Yield ``count`` base articles in order (for use as a library)."""
    factory = ArticleFactory(seed)
    for index in range(count):
        yield factory.base_article(index)


# --------------------------------------------------------------------------
# Rendering: Article -> text in each format
# --------------------------------------------------------------------------

def render_txt(article: Article) -> str:
    byline = f"By {article.author}\n\n" if article.author else ""
    return f"{article.headline}\n\n{byline}{article.body}\n"


def _yaml_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def render_markdown(article: Article) -> str:
    lines = ["---", f"title: {_yaml_string(article.headline)}",
             f"outlet: {_yaml_string(article.outlet.name)}"]
    if article.author:
        lines.append(f"author: {_yaml_string(article.author)}")
    lines += [f"date: {article.published:%Y-%m-%d}", f"url: {article.url}", "---", ""]
    return "\n".join(lines) + "\n" + article.body + "\n"


def render_html(article: Article) -> str:
    """A whole saved page: boilerplate an extractor must strip around the
    article body (navigation, header, ads, scripts, caption, related links,
    footer)."""
    esc, attr = (lambda s: html.escape(s, quote=False)), html.escape
    outlet = article.outlet
    iso = article.published.strftime("%Y-%m-%dT%H:%M:%SZ")
    first_sentence = article.paragraphs[0][0]
    head = [
        "<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
        f"<title>{esc(article.headline)} | {esc(outlet.name)}</title>",
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta name="description" content="{attr(first_sentence)}">',
        f'<meta property="og:site_name" content="{attr(outlet.name)}">',
        f'<meta property="og:title" content="{attr(article.headline)}">',
        '<meta property="og:type" content="article">',
        f'<meta property="article:published_time" content="{iso}">',
    ]
    if article.author:
        head.append(f'<meta name="author" content="{attr(article.author)}">')
    head += [
        f'<link rel="canonical" href="{attr(article.url)}">',
        '<link rel="stylesheet" href="/static/css/site.css">',
        "<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments);}"
        f"gtag('js',new Date());gtag('config','G-{article.id.upper()}');</script>",
        "</head>",
    ]
    nav = ['<body class="article-page">', '<nav class="site-nav"><ul>',
           *(f'<li><a href="/{s}/">{s.capitalize()}</a></li>' for s in SECTIONS), "</ul></nav>",
           f'<header class="site-header"><a class="logo" href="/">{esc(outlet.name)}</a>',
           '<form class="search" action="/search"><input name="q" placeholder="Search"></form></header>',
           "<main>", '<div class="ad ad-leaderboard" id="ad-top" data-slot="top">Advertisement</div>']
    story = ['<article class="story">', "<header>", f"<h1>{esc(article.headline)}</h1>"]
    if article.author:
        story.append(f'<p class="byline">By <span class="author">{esc(article.author)}</span></p>')
    story += [f'<time datetime="{iso}">{_human_date(article.published)}</time>', "</header>",
              "<figure>", f'<img src="https://cdn.{outlet.domain}/img/{article.id}.jpg" alt="">',
              f"<figcaption>{esc(article.caption)}</figcaption>", "</figure>"]
    for number, paragraph in enumerate(article.paragraphs):
        story.append(f"<p>{esc(' '.join(paragraph))}</p>")
        if number == 2:   # mid-article ad slot, as most news sites have
            story.append('<div class="ad ad-inline" data-slot="mid">Advertisement</div>')
    story.append("</article>")
    tail = ['<aside class="related"><h2>Most read</h2><ul>',
            *(f'<li><a href="/{s}/">More {s} news</a></li>' for s in SECTIONS[:3]),
            "</ul></aside>", "</main>",
            f'<footer class="site-footer"><p>© {article.published.year} {esc(outlet.name)}. '
            "All rights reserved.</p><ul>",
            *(f'<li><a href="/{link.lower().replace(" ", "-")}">{link}</a></li>' for link in FOOTER_LINKS),
            "</ul></footer>", '<script src="/static/js/app.js" defer></script>',
            "</body>", "</html>"]
    return "\n".join(head + nav + story + tail) + "\n"


def jsonl_record(article: Article) -> dict[str, str]:
    return {"text": article.body, "title": article.headline, "url": article.url,
            "date": article.published.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "source": article.outlet.name}


def csv_row(article: Article) -> list[str]:
    return [article.headline, article.body, article.url,
            article.published.strftime("%Y-%m-%d %H:%M"), article.outlet.name]


CSV_HEADER = ["title", "text", "url", "published", "outlet"]
MANIFEST_HEADER = ["file", "outlet", "published", "url"]


# --------------------------------------------------------------------------
# Writing: a layout plan, then work units written in parallel
# --------------------------------------------------------------------------
#
# The layout (which format each article gets, which folder and export file
# it lands in) is decided first, in one cheap sequential pass. Each work unit
# then covers whole files only, so units can be written by several processes
# in any order and the output is still byte-identical for a given seed.

SINGLE_FORMATS = {"txt": render_txt, "md": render_markdown, "html": render_html}
EXPORT_FORMATS = ("jsonl", "csv")
UNIT_ARTICLES = 1000     # rough size of a work unit, for load balancing


class FileJob(NamedTuple):
    """One output file: a one-article page, or an export of many records.
    ``name`` is set for exports; one-article files are named after their
    article (id and headline slug), known only once it is generated."""

    folder: str
    fmt: str
    indices: tuple[int, ...]
    name: str | None = None


class Unit(NamedTuple):
    """Files written together. A txt folder is one unit when it carries a
    manifest, since ``sources.csv`` lists every plain-text file in it."""

    jobs: list[FileJob]
    manifest_folder: str | None = None


def plan_layout(count: int, formats: str, seed: int) -> list[Unit]:
    layout_rng = random.Random(f"{seed}:layout")
    names, weights = list(MIXED_WEIGHTS), list(MIXED_WEIGHTS.values())
    by_format: dict[str, list[int]] = {fmt: [] for fmt in MIXED_WEIGHTS}
    for index in range(count):
        fmt = "txt" if formats == "txt" else layout_rng.choices(names, weights)[0]
        by_format[fmt].append(index)

    manifest = formats == "mixed"
    units: list[Unit] = []
    for fmt in SINGLE_FORMATS:
        # Leave room for sources.csv so no folder exceeds FILES_PER_FOLDER.
        capacity = FILES_PER_FOLDER - 1 if manifest and fmt == "txt" else FILES_PER_FOLDER
        indices = by_format[fmt]
        for shard, start in enumerate(range(0, len(indices), capacity)):
            folder = f"{fmt}/{shard:03d}"
            jobs = [FileJob(folder, fmt, (i,)) for i in indices[start:start + capacity]]
            units.append(Unit(jobs, folder if manifest and fmt == "txt" else None))
    for fmt in EXPORT_FORMATS:
        units += _export_units(fmt, by_format[fmt], layout_rng)
    return units


def _export_units(fmt: str, indices: list[int], layout_rng: random.Random) -> list[Unit]:
    jobs: list[FileJob] = []
    start = 0
    while start < len(indices):
        size = layout_rng.randint(*RECORDS_PER_EXPORT)
        number = len(jobs)
        jobs.append(FileJob(f"{fmt}/{number // FILES_PER_FOLDER:03d}", fmt,
                            tuple(indices[start:start + size]), f"export-{number:05d}.{fmt}"))
        start += size
    units: list[Unit] = []
    current: list[FileJob] = []
    for job in jobs:
        current.append(job)
        if sum(len(j.indices) for j in current) >= UNIT_ARTICLES:
            units.append(Unit(current))
            current = []
    if current:
        units.append(Unit(current))
    return units


def _write_text(path: Path, text: str) -> int:
    """Write a text file; returns its size in bytes."""
    # newline="\n" so output bytes are the same on every platform.
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
        return handle.tell()


def _write_csv(path: Path, header: list[str], rows: list[list[str]]) -> int:
    """Write a CSV file; returns its size in bytes."""
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)   # excel dialect (CRLF), like most exporters
        writer.writerow(header)
        writer.writerows(rows)
        return handle.tell()


def write_unit(out_dir: Path, unit: Unit, factory: ArticleFactory) -> tuple[int, int]:
    """Generate and write one unit's articles; returns (files, bytes)."""
    files = size = 0
    manifest_rows: list[list[str]] = []
    made: set[str] = set()
    for job in unit.jobs:
        folder = out_dir / job.folder
        if job.folder not in made:
            folder.mkdir(parents=True, exist_ok=True)
            made.add(job.folder)
        articles = [factory.base_article(i) for i in job.indices]
        files += 1
        if job.fmt == "jsonl":
            text = "".join(json.dumps(jsonl_record(a), ensure_ascii=False) + "\n" for a in articles)
            size += _write_text(folder / job.name, text)
        elif job.fmt == "csv":
            size += _write_csv(folder / job.name, CSV_HEADER, [csv_row(a) for a in articles])
        else:
            article = articles[0]
            name = f"{article.id}-{article.slug[:60]}.{job.fmt}"
            size += _write_text(folder / name, SINGLE_FORMATS[job.fmt](article))
            manifest_rows.append([name, article.outlet.name,
                                  f"{article.published:%Y-%m-%d}", article.url])
    if unit.manifest_folder:
        size += _write_csv(out_dir / unit.manifest_folder / "sources.csv", MANIFEST_HEADER,
                           manifest_rows)
        files += 1
    return files, size


# Worker processes build their own factory once (the vocabulary takes a
# fraction of a second) and keep it in this global between units.
_worker_factory: ArticleFactory | None = None


def _init_worker(seed: int) -> None:
    global _worker_factory
    _worker_factory = ArticleFactory(seed)


def _write_unit_in_worker(out_dir: Path, unit: Unit) -> tuple[int, int]:
    return write_unit(out_dir, unit, _worker_factory)


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def generate_corpus(out_dir: Path, articles: int, formats: str = "txt", seed: int = 1,
                    jobs: int = 1) -> dict:
    """Write a corpus of ``articles`` articles to ``out_dir`` (which must be
    empty or absent, so that a stale larger corpus cannot leak into the
    result) using ``jobs`` processes. Returns a summary: counts of articles
    and files, and bytes written. The output does not depend on ``jobs``."""
    if formats not in FORMATS:
        raise ValueError(f"formats must be one of {FORMATS}, not {formats!r}")
    out_dir = Path(out_dir)
    if out_dir.exists() and any(out_dir.iterdir()):
        raise FileExistsError(f"{out_dir} is not empty")
    out_dir.mkdir(parents=True, exist_ok=True)

    units = plan_layout(articles, formats, seed)
    if jobs <= 1 or len(units) <= 1:
        factory = ArticleFactory(seed)
        results = [write_unit(out_dir, unit, factory) for unit in units]
    else:
        with multiprocessing.Pool(min(jobs, len(units)), _init_worker, (seed,)) as pool:
            results = pool.starmap(_write_unit_in_worker, [(out_dir, unit) for unit in units],
                                   chunksize=1)
    return {"articles": articles, "files": sum(f for f, _ in results),
            "bytes": sum(b for _, b in results)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Generate a synthetic news corpus.")
    parser.add_argument("out_dir", type=Path, help="output folder (must be empty or absent)")
    parser.add_argument("--articles", type=int, required=True, help="number of articles")
    parser.add_argument("--formats", choices=FORMATS, default="txt",
                        help="txt: one .txt per article; mixed: txt, md, html, jsonl and csv")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=default_jobs(),
                        help="worker processes (default: all CPUs); output does not depend on it")
    args = parser.parse_args(argv)
    if args.articles < 0:
        parser.error("--articles must not be negative")

    started = time.perf_counter()
    try:
        summary = generate_corpus(args.out_dir, args.articles, args.formats, args.seed, args.jobs)
    except FileExistsError as error:
        parser.error(str(error))
    elapsed = time.perf_counter() - started
    print(f"wrote {summary['articles']:,} articles in {summary['files']:,} files "
          f"({summary['bytes'] / 1e6:,.1f} MB) to {args.out_dir} in {elapsed:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
