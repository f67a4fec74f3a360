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

The pipeline has three stages, with a "syndication family" stage between
generation and writing:

    ArticleFactory.base_article(i)  ->  Article (paragraphs of sentences)
    family_variants / derived_article -> derived Articles of base i, each
        with its own generator (seed, i, variant number) and its own file
    plan_layout / write_unit        ->  files on disk, in one of five formats

Syndication families (``--families F``, default 0: none, and then the output
is exactly what it was before families existed): a share F of the base
articles get 1 to 3 derived copies, each of one type:

* ``copy_typos``: near-verbatim copy, a few typos, one name respelled by a letter;
* ``rewrite``: every sentence reworded (synonyms from a small table, clauses
  swapped, function words dropped, fillers inserted, a name respelled): few
  shared 5-word shingles, most content words kept;
* ``truncation``: the first 40-70% of the paragraphs;
* ``partial``: 2-4 consecutive paragraphs of the base amid paragraphs of
  another article (one that is never written to the corpus);
* ``reorder``: the paragraphs shuffled.

Derived copies are written under ``derived/<format>/NNN/`` (single-file
formats only) from another outlet, a little later than their base. The
ground truth (one JSON line per derived file: ``file``, ``base_file``,
``family``, ids, and ``base_record`` when the base is a record in an
export) is returned by ``generate_corpus`` under ``"families"`` and written
by the script to ``OUT_DIR.families.jsonl`` beside the output folder (never
inside it, where it would be ingested). ``--start N`` numbers the articles
from N, to generate an extra batch to add to an existing corpus.
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
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from itertools import chain
from operator import itemgetter
from pathlib import Path
from typing import NamedTuple

FORMATS = ("txt", "mixed")

# Share of articles per format in a mixed corpus. Each key needs a writer
# in SINGLE_FORMATS or EXPORT_FORMATS below.
MIXED_WEIGHTS = {"txt": 35, "md": 15, "html": 20, "jsonl": 15, "csv": 15}

POOL_SIZE = 1 << 16  # shared word pools: 16-bit random indices
FILES_PER_FOLDER = 1000  # never more than this many files in a folder
RECORDS_PER_EXPORT = (50, 200)  # records in one .jsonl / .csv export
WORDS_MEDIAN, WORDS_SIGMA = 560, 0.42  # log-normal article length
WORDS_MIN, WORDS_MAX = 300, 1200
# Sentences per paragraph: 1 to 4, as a lookup table (22% 1, 38% 2, ...)
# so one uniform draw picks a size.
PARAGRAPH_SIZES = (1,) * 22 + (2,) * 38 + (3,) * 27 + (4,) * 13
QUOTE_SHARE = 0.13  # share of sentences turned into quotations
BYLINE_SHARE = 0.6  # share of articles that name an author
EPOCH = datetime(2018, 1, 1, tzinfo=UTC)
SPAN_DAYS = 7 * 365

NON_ALPHANUMERIC = re.compile(r"[^a-z0-9]+")
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
SECTIONS = ("world", "politics", "business", "local", "science", "health", "culture", "sport", "opinion")


# --------------------------------------------------------------------------
# Data model
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Outlet:
    name: str
    domain: str
    title_case: bool  # house style for headlines
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
    caption: str = ""  # photo caption, shown only in HTML pages

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
ONSETS = (
    "b",
    "c",
    "d",
    "f",
    "g",
    "h",
    "j",
    "k",
    "l",
    "m",
    "n",
    "p",
    "r",
    "s",
    "t",
    "v",
    "w",
    "z",
    "b",
    "c",
    "d",
    "f",
    "g",
    "h",
    "l",
    "m",
    "n",
    "p",
    "r",
    "s",
    "t",
    "br",
    "ch",
    "cl",
    "cr",
    "dr",
    "fl",
    "fr",
    "gr",
    "pl",
    "pr",
    "sh",
    "sl",
    "sp",
    "st",
    "th",
    "tr",
    "wh",
    "",
    "",
    "",
    "",
)
NUCLEI = ("a", "e", "i", "o", "u", "a", "e", "i", "o", "a", "e", "ai", "ea", "ee", "ie", "oa", "ou", "oo", "y")
CODAS = (
    "",
    "",
    "",
    "",
    "",
    "",
    "n",
    "r",
    "s",
    "l",
    "m",
    "t",
    "d",
    "n",
    "r",
    "nd",
    "nt",
    "st",
    "rt",
    "ck",
    "ng",
    "x",
    "th",
    "ll",
    "rn",
)

# Real words keep the text news-like; pseudo-words supply the long tail that
# makes every article different. Nouns are (singular, plural), verbs
# (base, past) so that inflection stays right.
REAL_NOUNS = (
    ("government", "governments"),
    ("police", "police"),
    ("report", "reports"),
    ("official", "officials"),
    ("minister", "ministers"),
    ("person", "people"),
    ("year", "years"),
    ("week", "weeks"),
    ("country", "countries"),
    ("city", "cities"),
    ("company", "companies"),
    ("plan", "plans"),
    ("law", "laws"),
    ("court", "courts"),
    ("election", "elections"),
    ("budget", "budgets"),
    ("market", "markets"),
    ("council", "councils"),
    ("statement", "statements"),
    ("investigation", "investigations"),
    ("deal", "deals"),
    ("agency", "agencies"),
    ("project", "projects"),
    ("policy", "policies"),
    ("program", "programs"),
    ("region", "regions"),
    ("school", "schools"),
    ("hospital", "hospitals"),
    ("price", "prices"),
    ("worker", "workers"),
    ("resident", "residents"),
    ("talk", "talks"),
)
REAL_ADJECTIVES = (
    "new",
    "former",
    "local",
    "national",
    "public",
    "senior",
    "major",
    "recent",
    "federal",
    "international",
    "early",
    "economic",
    "political",
    "last",
    "first",
    "small",
)
REAL_VERBS = (
    ("say", "said"),
    ("announce", "announced"),
    ("report", "reported"),
    ("confirm", "confirmed"),
    ("deny", "denied"),
    ("approve", "approved"),
    ("reject", "rejected"),
    ("warn", "warned"),
    ("launch", "launched"),
    ("open", "opened"),
    ("sign", "signed"),
    ("propose", "proposed"),
    ("receive", "received"),
    ("raise", "raised"),
    ("cut", "cut"),
)
LOWER_IN_TITLES = frozenset(
    ("a", "an", "the", "of", "in", "on", "at", "to", "for", "by", "with", "and", "but", "or", "from", "as")
)
PREPOSITIONS = (
    "in",
    "of",
    "for",
    "on",
    "with",
    "at",
    "from",
    "by",
    "after",
    "over",
    "against",
    "under",
    "during",
    "before",
    "across",
    "amid",
    "near",
    "without",
)
ROLES = (
    "spokesperson",
    "minister",
    "chief executive",
    "director",
    "mayor",
    "chairman",
    "president",
    "governor",
    "lawyer",
    "analyst",
    "official",
    "researcher",
    "commander",
    "secretary",
    "economist",
    "prosecutor",
)
ORG_FORMS = (
    "Ministry of {W}",
    "{W} Group",
    "{W} Institute",
    "{W} Council",
    "{W} Party",
    "{W} Bank",
    "{W} University",
    "{W} Holdings",
    "{W} Foundation",
    "{W} Agency",
    "{W} Union",
    "{W} Commission",
    "{W} {W} Corporation",
    "National {W} Authority",
    "{A}",
)
OUTLET_FORMS = (
    "The {P} Herald",
    "The {P} Times",
    "{P} Post",
    "{P} Tribune",
    "The {P} Gazette",
    "{P} Courier",
    "The {W} Observer",
    "{W} Daily",
    "{W} News",
    "{A} Wire",
    "{P} Chronicle",
    "{W} Review",
    "The {P} Independent",
    "{W} Today",
)
TLDS = (".com", ".com", ".com", ".net", ".org", ".co.uk", ".news")
AGENCIES = ("AFP", "Reuters", "AP", "EPA", "Getty Images", "staff photographer")
FOOTER_LINKS = (
    "About us",
    "Contact",
    "Privacy policy",
    "Terms of use",
    "Advertise",
    "Corrections",
    "Newsletters",
    "Careers",
)

# A small phrase grammar. Upper-case symbols expand further; "<...>" symbols
# are slots filled from a word pool; anything else is literal. Expanding it
# once into a few thousand templates, then only filling slots per article,
# is what makes generation fast.
GRAMMAR: dict[str, list[tuple[int, list[str]]]] = {
    "S": [
        (2, ["CLAUSE"]),
        (2, ["INTRO", ",", "CLAUSE"]),
        (3, ["CLAUSE", "PP"]),
        (4, ["CLAUSE", ",", "CONJ", "CLAUSE"]),
        (2, ["INTRO", ",", "CLAUSE", "PP"]),
        (2, ["CLAUSE", "PP", ",", "CONJ", "CLAUSE"]),
        (1, ["CLAUSE", ",", "<V>", "<WHEN>", "by", "<ORG>"]),
        (1, ["CLAUSE", ",", "according", "to", "<ORG>"]),
    ],
    "CLAUSE": [(5, ["SUBJ", "VP"]), (2, ["SUBJ", "said", "SUBJ", "VP"]), (1, ["SUBJ", "<V>", "that", "SUBJ", "VP"])],
    "SUBJ": [
        (5, ["NP"]),
        (2, ["<NAME>"]),
        (3, ["<LAST>"]),
        (2, ["<ORG>"]),
        (1, ["officials", "in", "<PLACE>"]),
        (1, ["the", "<ROLE>", "of", "<ORG>"]),
        (2, ["PRON"]),
        (1, ["<NUM>", "<NS>"]),
        (1, ["<NAME>", ",", "a", "<ROLE>", "at", "<ORG>", ","]),
    ],
    "NP": [
        (4, ["D", "<N>"]),
        (3, ["D", "<A>", "<N>"]),
        (2, ["<NS>"]),
        (2, ["<A>", "<NS>"]),
        (2, ["D", "<N>", "of", "D", "<A>", "<N>"]),
        (1, ["D", "<N>", "<N>"]),
        (1, ["<PLACE>", "'s", "<A>", "<N>"]),
        (2, ["D", "<A>", "<N>", "<P>", "<NS>"]),
    ],
    "VP": [
        (3, ["<V>", "NP"]),
        (4, ["<V>", "NP", "PP"]),
        (1, ["<V>", "<AMOUNT>", "PP"]),
        (1, ["had", "<V>", "NP", "PP"]),
        (1, ["would", "<VB>", "NP", "PP"]),
        (1, ["began", "<VG>", "NP"]),
        (1, ["planned", "to", "<VB>", "NP", "<WHEN>"]),
        (1, ["had", "been", "<V>", "PP"]),
        (1, ["could", "<VB>", "NP", "by", "<AMOUNT>"]),
    ],
    "PP": [
        (4, ["<P>", "NP"]),
        (2, ["in", "<PLACE>"]),
        (2, ["<WHEN>"]),
        (1, ["with", "<ORG>"]),
        (1, ["<P>", "NP", "in", "<PLACE>"]),
    ],
    "INTRO": [
        (2, ["According", "to", "<ORG>"]),
        (1, ["In", "<PLACE>"]),
        (2, ["<WHEN_CAP>"]),
        (1, ["However"]),
        (1, ["Meanwhile"]),
        (1, ["As", "a", "result"]),
        (1, ["Earlier", "<WHEN>"]),
    ],
    "CONJ": [(4, ["and"]), (3, ["but"]), (1, ["while"]), (1, ["although"])],
    "D": [(8, ["the"]), (2, ["a"]), (1, ["its"]), (1, ["their"]), (1, ["this"]), (1, ["another"]), (1, ["every"])],
    "PRON": [(1, ["he"]), (1, ["she"]), (2, ["they"]), (1, ["it"])],
    # Headlines: present tense, no final full stop.
    "H": [
        (4, ["HSUBJ", "<VS>", "NP"]),
        (2, ["HSUBJ", "<VS>", "NP", "PP"]),
        (2, ["HSUBJ", "to", "<VB>", "NP"]),
        (1, ["<A>", "<NS>", "<P>", "<PLACE>"]),
        (1, ["<PLACE>", "<N>", "<VS>", "<AMOUNT>"]),
    ],
    "HSUBJ": [(3, ["<ORG>"]), (2, ["<LAST>"]), (2, ["<PLACE>"]), (2, ["<A>", "<NS>"]), (1, ["<PLACE>", "<ROLE>"])],
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
        self.surnames = [
            self._name_part() + rng.choice(("", "", "son", "ov", "ez", "ski", "ani", "er")) for _ in range(6000)
        ]
        self.places = [
            self._name_part() + rng.choice(("", "", "ia", "burg", "ton", "stan", "ville", "a", " City"))
            for _ in range(3000)
        ]
        self.organisations = [self._organisation() for _ in range(2500)]
        self.outlets = [self._outlet() for _ in range(60)]

        for slot in ("<NS>", "<A>"):  # these may open a sentence
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
        self.headlines = [
            Template.compile(_capitalise_first(_expand("H", rng)), slot_index) for _ in range(HEADLINE_TEMPLATES)
        ]

        # Average uses of each slot per word, to size the word streams.
        words = sum(t.pattern.count(" ") + t.pattern.count("\n") + 1 for t in self.paragraphs)
        uses = Counter(slot for t in self.paragraphs for slot in t.slots)
        self.slot_rates = [uses[i] / words for i in range(len(self.slot_names))]

    # -- word formation ------------------------------------------------------

    def _pseudo_word(self, syllable_weights: tuple[int, ...] = (40, 45, 15)) -> str:
        rng = self._rng
        while True:
            syllables = rng.choices((1, 2, 3), syllable_weights)[0]
            word = "".join(rng.choice(ONSETS) + rng.choice(NUCLEI) + rng.choice(CODAS) for _ in range(syllables))
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
        return rng.choice(
            (
                "last week",
                "last month",
                "earlier this year",
                "this week",
                "in recent days",
                "earlier this month",
                "last year",
                "next year",
            )
        )

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
        name = form.replace("{P}", self._name_part()).replace("{W}", self._name_part()).replace("{A}", acronym)
        domain = "".join(c for c in name.lower().removeprefix("the ") if c.isalnum()) + rng.choice(TLDS)
        authors = tuple(f"{self._name_part()} {self._name_part()}" for _ in range(rng.randint(4, 30)))
        return Outlet(name=name, domain=domain, title_case=rng.random() < 0.5, authors=authors)


# --------------------------------------------------------------------------
# Articles
# --------------------------------------------------------------------------

# Slots whose pools are the article's own cast rather than shared vocabulary.
CAST_SLOTS = ("<NAME>", "<LAST>", "<SPEAKER>", "<PLACE>", "<ORG>")
CAST_POOL_SIZE = 256  # cast pools are cycled to this size: 8-bit indices
# Slots that can open a sentence, and their capitalised twins; the others
# that can open one are proper names, numbers or already capitalised.
CAPITALISED = {"<NS>": "<NS_CAP>", "<A>": "<A_CAP>"}
SENTENCE_STARTS = frozenset(CAPITALISED.values()) | {"<NAME>", "<LAST>", "<PLACE>", "<ORG>", "<NUM>", "<WHEN_CAP>"}
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
    def compile(cls, tokens: list[str], slot_index: dict[str, int]) -> Template:
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
        if sys.byteorder == "big":  # same bytes -> same words on every machine
            indices.byteswap()
        narrow = rng.randbytes(sum(c for c, w in zip(counts, wide) if not w))
        streams, at_wide, at_narrow = [], 0, 0
        for pool, count, is_wide in zip(pools, counts, wide):
            if is_wide:
                run, bits = indices[at_wide : at_wide + count], 16
                at_wide += count
            else:
                run, bits = narrow[at_narrow : at_narrow + count], 8
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
    return " ".join([words[0]] + [w if w in LOWER_IN_TITLES else w[0].upper() + w[1:] for w in words[1:]])


class ArticleFactory:
    """Builds base articles; article ``i`` depends only on ``(seed, i)``."""

    def __init__(self, seed: int, vocabulary: Vocabulary | None = None) -> None:
        self.seed = seed
        self.vocabulary = vocabulary or Vocabulary(seed)

    def rng_for(self, index: int) -> random.Random:
        # A string seed is hashed with SHA-512 by random.seed, so this is
        # stable across runs and Python versions (unlike hash()).
        return random.Random(f"{self.seed}:article:{index}")

    def article(self, key: int | Variant) -> Article:
        """A base article (int index) or a derived copy (Variant)."""
        return derived_article(self, key) if isinstance(key, Variant) else self.base_article(key)

    def base_article(self, index: int) -> Article:
        rng = self.rng_for(index)
        vocab = self.vocabulary
        cast = self._cast(rng)
        outlet = rng.choice(vocab.outlets)
        published = EPOCH + timedelta(seconds=rng.randrange(SPAN_DAYS * 86400))
        author = rng.choice(outlet.authors) if rng.random() < BYLINE_SHARE else None
        target = self._target_words(rng)

        pools = [vocab.pools.get(name) or _cycle_to(cast[name], CAST_POOL_SIZE) for name in vocab.slot_names]
        streams = WordStreams(rng, pools, [rate * (target + 60) for rate in vocab.slot_rates])

        headline = rng.choice(vocab.headlines).fill(streams)
        if outlet.title_case:
            headline = _title_case(headline)
        paragraphs = self._paragraphs(rng, streams, target)

        # The trailing index keeps URLs unique, as news sites' numeric ids do.
        url = f"https://www.{outlet.domain}/{rng.choice(SECTIONS)}/{published:%Y/%m/%d}/{slugify(headline)}-{index}"
        caption = (
            f"{cast['<NAME>'][0]} in {cast['<PLACE>'][0]}, {_human_date(published)}. Photo: {rng.choice(AGENCIES)}"
        )
        return Article(
            id=f"a{index:07d}",
            headline=headline,
            paragraphs=paragraphs,
            outlet=outlet,
            author=author,
            published=published,
            url=url,
            people=cast["<NAME>"],
            caption=caption,
        )

    def _cast(self, rng: random.Random) -> dict[str, list[str]]:
        """This article's own cast: a few people, places and organisations
        it keeps coming back to, as a real story does."""
        vocab = self.vocabulary
        people = [(rng.choice(vocab.first_names), rng.choice(vocab.surnames)) for _ in range(rng.randint(2, 5))]
        names = [f"{first} {last}" for first, last in people]
        surnames = [last for _, last in people]
        return {
            "<NAME>": names,
            "<LAST>": surnames,
            "<SPEAKER>": surnames + names,
            "<PLACE>": rng.sample(vocab.places, rng.randint(1, 3)),
            "<ORG>": rng.sample(vocab.organisations, rng.randint(1, 3)),
        }

    @staticmethod
    def _target_words(rng: random.Random) -> int:
        while True:  # rejection keeps the log-normal shape inside the bounds
            n = rng.lognormvariate(math.log(WORDS_MEDIAN), WORDS_SIGMA)
            if WORDS_MIN <= n <= WORDS_MAX - 60:  # room for the last paragraph
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
# Syndication families: derived copies of base articles
# --------------------------------------------------------------------------

FAMILY_TYPES = ("copy_typos", "rewrite", "truncation", "partial", "reorder")
COPIES_PER_FAMILY = (1, 1, 2, 2, 3)  # derived copies of one chosen base (uniform pick)
# Base indices from here on are never written: partial copies take their
# new paragraphs from such articles, so they share text with their base only.
FOREIGN_OFFSET = 10**8
TYPOS = (2, 5)  # typos in a copy_typos variant
TRUNCATION_SHARE = (0.4, 0.7)  # share of paragraphs a truncation keeps
PARTIAL_BLOCK = (2, 4)  # base paragraphs in a partial copy
PARTIAL_MIN_WORDS = 60  # ... grown within that range to reach this many words
PARTIAL_FOREIGN = (3, 8)  # foreign paragraphs in a partial copy
REWRITE_RUN = 4  # a rewrite never keeps 5 words in a row

# Rewording table for rewrites: the real words of the grammar (the
# pseudo-words have no synonyms, and are kept as content words).
SYNONYMS: dict[str, tuple[str, ...]] = {
    "said": ("stated", "told reporters", "noted"),
    "says": ("states", "notes"),
    "announced": ("unveiled", "made public"),
    "reported": ("disclosed", "revealed"),
    "confirmed": ("verified", "acknowledged"),
    "denied": ("rejected claims", "disputed"),
    "approved": ("backed", "endorsed"),
    "rejected": ("dismissed", "turned down"),
    "warned": ("cautioned",),
    "launched": ("started", "kicked off"),
    "opened": ("inaugurated",),
    "signed": ("inked", "put its name to"),
    "proposed": ("suggested", "put forward"),
    "received": ("got", "obtained"),
    "raised": ("lifted", "increased"),
    "government": ("administration",),
    "governments": ("administrations",),
    "police": ("officers",),
    "report": ("account",),
    "reports": ("accounts",),
    "official": ("representative",),
    "officials": ("authorities",),
    "people": ("individuals",),
    "person": ("individual",),
    "country": ("nation",),
    "countries": ("nations",),
    "city": ("town",),
    "cities": ("towns",),
    "company": ("firm",),
    "companies": ("firms",),
    "plan": ("proposal",),
    "plans": ("proposals",),
    "law": ("legislation",),
    "laws": ("statutes",),
    "election": ("vote",),
    "elections": ("votes",),
    "statement": ("declaration",),
    "statements": ("declarations",),
    "investigation": ("inquiry", "probe"),
    "investigations": ("inquiries",),
    "deal": ("agreement",),
    "deals": ("agreements",),
    "agency": ("body",),
    "agencies": ("bodies",),
    "project": ("scheme",),
    "projects": ("schemes",),
    "worker": ("employee",),
    "workers": ("employees", "staff"),
    "resident": ("inhabitant",),
    "residents": ("locals",),
    "talks": ("negotiations",),
    "new": ("fresh",),
    "former": ("ex",),
    "local": ("regional",),
    "national": ("nationwide",),
    "public": ("state",),
    "senior": ("high-ranking",),
    "major": ("big", "significant"),
    "recent": ("latest",),
    "federal": ("central",),
    "international": ("global",),
    "early": ("initial",),
    "economic": ("financial",),
    "political": ("partisan",),
    "last": ("previous",),
    "small": ("minor",),
    "in": ("within", "inside"),
    "on": ("upon",),
    "with": ("alongside", "together with"),
    "from": ("out of",),
    "by": ("through", "via"),
    "after": ("following",),
    "over": ("regarding", "concerning"),
    "against": ("versus",),
    "under": ("beneath",),
    "during": ("throughout",),
    "before": ("prior to", "ahead of"),
    "across": ("throughout",),
    "amid": ("amidst",),
    "near": ("close to",),
    "without": ("lacking",),
    "and": ("as well as", "plus"),
    "but": ("yet", "though"),
    "while": ("whereas",),
    "although": ("even though",),
    "however": ("nonetheless",),
    "meanwhile": ("in the meantime",),
    "percent": ("per cent",),
    "could": ("might",),
    "would": ("will",),
    "began": ("started",),
    "planned": ("intended",),
}
DROPPABLE = frozenset(("the", "a", "an", "that", "its", "their", "this", "had", "been"))
FILLERS = ("also", "reportedly", "now", "still", "further", "indeed", "notably", "then")
WORD_PARTS = re.compile(r"^(\W*)([\w'’-]+)(\W*)$")


class Variant(NamedTuple):
    """A derived copy: the ``number``-th (from 1) copy of base article ``base``."""

    base: int
    number: int
    family: str

    @property
    def id(self) -> str:
        return f"a{self.base:07d}-{self.number}"


def family_variants(index: int, seed: int, share: float) -> list[Variant]:
    """The derived copies of base article ``index``; depends only on
    ``(seed, index, share)``, so a larger corpus has the same families for
    the articles it shares with a smaller one."""
    if share <= 0:
        return []
    rng = random.Random(f"{seed}:family:{index}")
    if rng.random() >= share:
        return []
    copies = rng.choice(COPIES_PER_FAMILY)
    return [Variant(index, number, rng.choice(FAMILY_TYPES)) for number in range(1, copies + 1)]


def _respell(word: str, rng: random.Random) -> str:
    """``word`` with one letter changed, doubled or dropped (never the first)."""
    while True:
        at = rng.randrange(1, len(word))
        kind = rng.randrange(3)
        if kind == 0:
            new = word[:at] + rng.choice("aeioulnrst") + word[at + 1 :]
        elif kind == 1:
            new = word[:at] + word[at] + word[at:]
        else:
            new = word[:at] + word[at + 1 :] if len(word) > 3 else word + "e"
        if new != word:
            return new


def _typo(word: str, rng: random.Random) -> str:
    at = rng.randrange(1, len(word) - 1)
    kind = rng.randrange(3)
    if kind == 0:  # swap two neighbours
        return word[:at] + word[at + 1] + word[at] + word[at + 2 :]
    if kind == 1:  # a letter dropped
        return word[:at] + word[at + 1 :]
    return word[:at] + word[at] + word[at:]  # a letter doubled


def _replace_word(paragraphs: list[list[str]], old: str, new: str) -> list[list[str]]:
    pattern = re.compile(rf"\b{re.escape(old)}\b")
    return [[pattern.sub(new, s) for s in p] for p in paragraphs]


def _match_case(template: str, word: str) -> str:
    return word[0].upper() + word[1:] if template[:1].isupper() else word


def _swap_clauses(tokens: list[str]) -> list[str]:
    """Put the part after the first inner comma first: "A, B." -> "B, a."."""
    cut = next((i for i, t in enumerate(tokens[1:-2], 1) if t.endswith(",") and t[-2:-1].isalnum()), None)
    if cut is None:
        return tokens
    last = tokens[-1]
    end = "." if last.endswith(".") and not last.endswith(".”") else ""
    first, second = tokens[: cut + 1], tokens[cut + 1 :]
    second = second[:-1] + [second[-1][:-1] if end else second[-1]]
    first = first[:-1] + [first[-1][:-1]]
    if first[0][:1].isupper() and first[0][1:].islower() and first[0].lower() in LOWERABLE:
        first[0] = first[0].lower()
    second[0] = second[0][:1].upper() + second[0][1:]
    return [*second[:-1], second[-1] + ",", *first[:-1], first[-1] + end]


LOWERABLE = frozenset(
    (
        "the",
        "a",
        "an",
        "according",
        "in",
        "however",
        "meanwhile",
        "as",
        "earlier",
        "he",
        "she",
        "they",
        "it",
        "this",
        "another",
        "every",
        "its",
        "their",
        "officials",
        "on",
        "last",
        "next",
    )
)


def _reword(sentence: str, rng: random.Random, swap: bool = True) -> str:
    """A rewording: clauses swapped, synonyms, function words dropped, and a
    change at least every REWRITE_RUN words, so no 5-word shingle survives."""
    tokens = sentence.split(" ")
    if swap and rng.random() < 0.8:
        tokens = _swap_clauses(tokens)
    out: list[str] = []
    run = 0
    for token in tokens:
        parts = WORD_PARTS.match(token)
        word = parts.group(2) if parts else ""
        key = word.lower()
        if key in SYNONYMS and rng.random() < 0.85:
            out.append(parts.group(1) + _match_case(word, rng.choice(SYNONYMS[key])) + parts.group(3))
            run = 0
        elif key in DROPPABLE and token == word and out and rng.random() < 0.6:
            run = 0
        else:
            if run >= REWRITE_RUN:
                out.append(rng.choice(FILLERS))
                run = 0
            out.append(token)
            run += 1
    return " ".join(out)


def derived_article(factory: ArticleFactory, variant: Variant) -> Article:
    """One derived copy of a base article; depends only on (seed, variant)."""
    base = factory.base_article(variant.base)
    vocab = factory.vocabulary
    rng = random.Random(f"{factory.seed}:variant:{variant.base}:{variant.number}")
    outlet = rng.choice([o for o in vocab.outlets if o is not base.outlet])
    published = base.published + timedelta(seconds=rng.randrange(1800, 3 * 86400))
    author = rng.choice(outlet.authors) if rng.random() < BYLINE_SHARE else None
    headline, paragraphs, people = base.headline, [list(p) for p in base.paragraphs], list(base.people)
    family = variant.family

    if family in ("copy_typos", "rewrite") and people:
        who = rng.randrange(len(people))
        surname = people[who].split(" ")[-1]
        respelled = _respell(surname, rng)
        paragraphs = _replace_word(paragraphs, surname, respelled)
        headline = re.sub(rf"\b{re.escape(surname)}\b", respelled, headline)
        people = [re.sub(rf"\b{re.escape(surname)}\b", respelled, p) for p in people]
    if family == "copy_typos":
        spots = [(p, s) for p, para in enumerate(paragraphs) for s in range(len(para))]
        for p, s in rng.sample(spots, min(len(spots), rng.randint(*TYPOS))):
            words = paragraphs[p][s].split(" ")
            plain = [i for i, w in enumerate(words) if len(w) >= 4 and w.isalpha()]
            if plain:
                i = rng.choice(plain)
                words[i] = _typo(words[i], rng)
                paragraphs[p][s] = " ".join(words)
    elif family == "rewrite":
        paragraphs = [[_reword(s, rng) for s in para] for para in paragraphs]
        headline = _reword(headline, rng, swap=False)
    elif family == "truncation":
        keep = max(1, round(len(paragraphs) * rng.uniform(*TRUNCATION_SHARE)))
        paragraphs = paragraphs[:keep]
    elif family == "partial":
        foreign = factory.base_article(FOREIGN_OFFSET + variant.base * 8 + variant.number)
        size = min(len(paragraphs), rng.randint(*PARTIAL_BLOCK))
        start = rng.randrange(len(paragraphs) - size + 1)
        # Short one-sentence paragraphs can make a block of a dozen words,
        # too little to call a copy: grow it (up to the maximum) instead.
        while sum(
            t.count(" ") + 1 for p in paragraphs[start : start + size] for t in p
        ) < PARTIAL_MIN_WORDS and size < min(len(paragraphs), PARTIAL_BLOCK[1]):
            size += 1
            start = min(start, len(paragraphs) - size)
        others = foreign.paragraphs[: rng.randint(*PARTIAL_FOREIGN)]
        cut = rng.randint(1, len(others)) if others else 0
        paragraphs = others[:cut] + paragraphs[start : start + size] + others[cut:]
        headline, people = foreign.headline, foreign.people
    elif family == "reorder":
        if len(paragraphs) > 1:
            order = list(range(len(paragraphs)))
            while order == sorted(order):
                rng.shuffle(order)
            paragraphs = [paragraphs[i] for i in order]
    else:
        raise ValueError(f"unknown family {family!r}")

    if outlet.title_case:
        headline = _title_case(headline)
    url = (
        f"https://www.{outlet.domain}/{rng.choice(SECTIONS)}/"
        f"{published:%Y/%m/%d}/{slugify(headline)}-{variant.base}-{variant.number}"
    )
    return Article(
        id=variant.id,
        headline=headline,
        paragraphs=paragraphs,
        outlet=outlet,
        author=author,
        published=published,
        url=url,
        people=people,
        caption=base.caption,
    )


# --------------------------------------------------------------------------
# Rendering: Article -> text in each format
# --------------------------------------------------------------------------


def render_txt(article: Article) -> str:
    byline = f"By {article.author}\n\n" if article.author else ""
    return f"{article.headline}\n\n{byline}{article.body}\n"


def _yaml_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def render_markdown(article: Article) -> str:
    lines = ["---", f"title: {_yaml_string(article.headline)}", f"outlet: {_yaml_string(article.outlet.name)}"]
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
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
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
    nav = [
        '<body class="article-page">',
        '<nav class="site-nav"><ul>',
        *(f'<li><a href="/{s}/">{s.capitalize()}</a></li>' for s in SECTIONS),
        "</ul></nav>",
        f'<header class="site-header"><a class="logo" href="/">{esc(outlet.name)}</a>',
        '<form class="search" action="/search"><input name="q" placeholder="Search"></form></header>',
        "<main>",
        '<div class="ad ad-leaderboard" id="ad-top" data-slot="top">Advertisement</div>',
    ]
    story = ['<article class="story">', "<header>", f"<h1>{esc(article.headline)}</h1>"]
    if article.author:
        story.append(f'<p class="byline">By <span class="author">{esc(article.author)}</span></p>')
    story += [
        f'<time datetime="{iso}">{_human_date(article.published)}</time>',
        "</header>",
        "<figure>",
        f'<img src="https://cdn.{outlet.domain}/img/{article.id}.jpg" alt="">',
        f"<figcaption>{esc(article.caption)}</figcaption>",
        "</figure>",
    ]
    for number, paragraph in enumerate(article.paragraphs):
        story.append(f"<p>{esc(' '.join(paragraph))}</p>")
        if number == 2:  # mid-article ad slot, as most news sites have
            story.append('<div class="ad ad-inline" data-slot="mid">Advertisement</div>')
    story.append("</article>")
    tail = [
        '<aside class="related"><h2>Most read</h2><ul>',
        *(f'<li><a href="/{s}/">More {s} news</a></li>' for s in SECTIONS[:3]),
        "</ul></aside>",
        "</main>",
        f'<footer class="site-footer"><p>© {article.published.year} {esc(outlet.name)}. All rights reserved.</p><ul>',
        *(f'<li><a href="/{link.lower().replace(" ", "-")}">{link}</a></li>' for link in FOOTER_LINKS),
        "</ul></footer>",
        '<script src="/static/js/app.js" defer></script>',
        "</body>",
        "</html>",
    ]
    return "\n".join(head + nav + story + tail) + "\n"


def jsonl_record(article: Article) -> dict[str, str]:
    return {
        "text": article.body,
        "title": article.headline,
        "url": article.url,
        "date": article.published.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "source": article.outlet.name,
    }


def csv_row(article: Article) -> list[str]:
    return [
        article.headline,
        article.body,
        article.url,
        article.published.strftime("%Y-%m-%d %H:%M"),
        article.outlet.name,
    ]


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
UNIT_ARTICLES = 1000  # rough size of a work unit, for load balancing


class FileJob(NamedTuple):
    """One output file: a one-article page, or an export of many records.
    ``name`` is set for exports; one-article files are named after their
    article (id and headline slug), known only once it is generated."""

    folder: str
    fmt: str
    indices: tuple  # base indices (int) or derived copies (Variant)
    name: str | None = None


class Unit(NamedTuple):
    """Files written together. A txt folder is one unit when it carries a
    manifest, since ``sources.csv`` lists every plain-text file in it."""

    jobs: list[FileJob]
    manifest_folder: str | None = None


def plan_layout(count: int, formats: str, seed: int, families: float = 0.0, start: int = 0) -> list[Unit]:
    """Units for base articles ``start .. start + count - 1`` and, when
    ``families`` > 0, their derived copies (in ``derived/<format>/``)."""
    layout_rng = random.Random(f"{seed}:layout")
    names, weights = list(MIXED_WEIGHTS), list(MIXED_WEIGHTS.values())
    by_format: dict[str, list[int]] = {fmt: [] for fmt in MIXED_WEIGHTS}
    for index in range(start, start + count):
        fmt = "txt" if formats == "txt" else layout_rng.choices(names, weights)[0]
        by_format[fmt].append(index)

    manifest = formats == "mixed"
    units: list[Unit] = []
    for fmt in SINGLE_FORMATS:
        units += _single_units("", fmt, by_format[fmt], manifest)
    for fmt in EXPORT_FORMATS:
        units += _export_units(fmt, by_format[fmt], layout_rng)

    variants = [v for index in range(start, start + count) for v in family_variants(index, seed, families)]
    if variants:
        # Its own generator, so the base layout is the same with or without families.
        family_rng = random.Random(f"{seed}:family-layout")
        singles = list(SINGLE_FORMATS)
        single_weights = [MIXED_WEIGHTS[f] for f in singles]
        by_single: dict[str, list[Variant]] = {fmt: [] for fmt in singles}
        for variant in variants:
            fmt = "txt" if formats == "txt" else family_rng.choices(singles, single_weights)[0]
            by_single[fmt].append(variant)
        for fmt in singles:
            units += _single_units("derived/", fmt, by_single[fmt], manifest)
    return units


def _single_units(prefix: str, fmt: str, keys: list, manifest: bool) -> list[Unit]:
    # Leave room for sources.csv so no folder exceeds FILES_PER_FOLDER.
    capacity = FILES_PER_FOLDER - 1 if manifest and fmt == "txt" else FILES_PER_FOLDER
    units = []
    for shard, start in enumerate(range(0, len(keys), capacity)):
        folder = f"{prefix}{fmt}/{shard:03d}"
        jobs = [FileJob(folder, fmt, (key,)) for key in keys[start : start + capacity]]
        units.append(Unit(jobs, folder if manifest and fmt == "txt" else None))
    return units


def _export_units(fmt: str, indices: list[int], layout_rng: random.Random) -> list[Unit]:
    jobs: list[FileJob] = []
    start = 0
    while start < len(indices):
        size = layout_rng.randint(*RECORDS_PER_EXPORT)
        number = len(jobs)
        jobs.append(
            FileJob(
                f"{fmt}/{number // FILES_PER_FOLDER:03d}",
                fmt,
                tuple(indices[start : start + size]),
                f"export-{number:05d}.{fmt}",
            )
        )
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
        writer = csv.writer(handle)  # excel dialect (CRLF), like most exporters
        writer.writerow(header)
        writer.writerows(rows)
        return handle.tell()


def write_unit(out_dir: Path, unit: Unit, factory: ArticleFactory, locations: list | None = None) -> tuple[int, int]:
    """Generate and write one unit's articles; returns (files, bytes).
    If ``locations`` is a list, appends ``(key, relative path, record
    number or None)`` for every article written."""
    files = size = 0
    manifest_rows: list[list[str]] = []
    made: set[str] = set()
    for job in unit.jobs:
        folder = out_dir / job.folder
        if job.folder not in made:
            folder.mkdir(parents=True, exist_ok=True)
            made.add(job.folder)
        articles = [factory.article(key) for key in job.indices]
        files += 1
        if locations is not None:
            if job.name:
                locations += [(key, f"{job.folder}/{job.name}", record) for record, key in enumerate(job.indices)]
            else:
                locations.append(
                    (job.indices[0], f"{job.folder}/{articles[0].id}-{articles[0].slug[:60]}.{job.fmt}", None)
                )
        if job.fmt == "jsonl":
            text = "".join(json.dumps(jsonl_record(a), ensure_ascii=False) + "\n" for a in articles)
            size += _write_text(folder / job.name, text)
        elif job.fmt == "csv":
            size += _write_csv(folder / job.name, CSV_HEADER, [csv_row(a) for a in articles])
        else:
            article = articles[0]
            name = f"{article.id}-{article.slug[:60]}.{job.fmt}"
            size += _write_text(folder / name, SINGLE_FORMATS[job.fmt](article))
            manifest_rows.append([name, article.outlet.name, f"{article.published:%Y-%m-%d}", article.url])
    if unit.manifest_folder:
        size += _write_csv(out_dir / unit.manifest_folder / "sources.csv", MANIFEST_HEADER, manifest_rows)
        files += 1
    return files, size


# Worker processes build their own factory once (the vocabulary takes a
# fraction of a second) and keep it in this global between units.
_worker_factory: ArticleFactory | None = None


def _init_worker(seed: int) -> None:
    global _worker_factory
    _worker_factory = ArticleFactory(seed)


def _write_unit_in_worker(out_dir: Path, unit: Unit, collect: bool) -> tuple[int, int, list | None]:
    locations = [] if collect else None
    files, size = write_unit(out_dir, unit, _worker_factory, locations)
    return files, size, locations


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def generate_corpus(
    out_dir: Path,
    articles: int,
    formats: str = "txt",
    seed: int = 1,
    jobs: int = 1,
    families: float = 0.0,
    start: int = 0,
) -> dict:
    """Write a corpus of ``articles`` articles to ``out_dir`` (which must be
    empty or absent, so that a stale larger corpus cannot leak into the
    result) using ``jobs`` processes. Returns a summary: counts of articles
    and files, and bytes written. The output does not depend on ``jobs``.

    With ``families`` > 0, that share of the base articles get derived
    copies; the summary then also holds ``derived`` (their number) and
    ``families``: one dict per derived document, sorted by file, with
    ``file``, ``id``, ``family``, ``base_file``, ``base_id`` and
    ``base_record`` (record number if the base is in an export, else None),
    paths relative to ``out_dir``. ``start`` numbers base articles from
    ``start`` (to make a batch to add to an existing corpus)."""
    if formats not in FORMATS:
        raise ValueError(f"formats must be one of {FORMATS}, not {formats!r}")
    if not 0.0 <= families <= 1.0:
        raise ValueError(f"families must be between 0 and 1, not {families!r}")
    out_dir = Path(out_dir)
    if out_dir.exists() and any(out_dir.iterdir()):
        raise FileExistsError(f"{out_dir} is not empty")
    out_dir.mkdir(parents=True, exist_ok=True)

    units = plan_layout(articles, formats, seed, families, start)
    collect = families > 0
    if jobs <= 1 or len(units) <= 1:
        factory = ArticleFactory(seed)
        results = []
        for unit in units:
            locations = [] if collect else None
            results.append((*write_unit(out_dir, unit, factory, locations), locations))
    else:
        with multiprocessing.Pool(min(jobs, len(units)), _init_worker, (seed,)) as pool:
            results = pool.starmap(_write_unit_in_worker, [(out_dir, unit, collect) for unit in units], chunksize=1)
    summary = {"articles": articles, "files": sum(r[0] for r in results), "bytes": sum(r[1] for r in results)}
    if collect:
        where = {key: (path, record) for r in results for key, path, record in r[2]}
        truth = []
        for key, (path, _) in where.items():
            if isinstance(key, Variant):
                base_file, base_record = where[key.base]
                truth.append(
                    {
                        "file": path,
                        "id": key.id,
                        "family": key.family,
                        "base_file": base_file,
                        "base_id": f"a{key.base:07d}",
                        "base_record": base_record,
                    }
                )
        truth.sort(key=itemgetter("file"))
        summary["derived"] = len(truth)
        summary["families"] = truth
    return summary


def write_families(path: Path, families: list[dict]) -> None:
    """The ground truth as JSON lines, one derived document a line."""
    _write_text(Path(path), "".join(json.dumps(f, ensure_ascii=False) + "\n" for f in families))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Generate a synthetic news corpus.")
    parser.add_argument("out_dir", type=Path, help="output folder (must be empty or absent)")
    parser.add_argument("--articles", type=int, required=True, help="number of articles")
    parser.add_argument(
        "--formats",
        choices=FORMATS,
        default="txt",
        help="txt: one .txt per article; mixed: txt, md, html, jsonl and csv",
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--jobs",
        type=int,
        default=default_jobs(),
        help="worker processes (default: all CPUs); output does not depend on it",
    )
    parser.add_argument(
        "--families",
        type=float,
        default=0.0,
        metavar="F",
        help="share of base articles that get derived copies (syndication families); default 0: none",
    )
    parser.add_argument(
        "--start", type=int, default=0, help="number of the first article (to make a batch to add to a corpus)"
    )
    parser.add_argument(
        "--truth",
        type=Path,
        help="where to write the families ground truth (default: "
        "OUT_DIR.families.jsonl beside OUT_DIR; only with --families)",
    )
    args = parser.parse_args(argv)
    if args.articles < 0:
        parser.error("--articles must not be negative")
    if args.start < 0:
        parser.error("--start must not be negative")
    if not 0.0 <= args.families <= 1.0:
        parser.error("--families must be between 0 and 1")

    started = time.perf_counter()
    try:
        summary = generate_corpus(
            args.out_dir, args.articles, args.formats, args.seed, args.jobs, args.families, args.start
        )
    except FileExistsError as error:
        parser.error(str(error))
    elapsed = time.perf_counter() - started
    derived = f" and {summary['derived']:,} derived copies" if "derived" in summary else ""
    print(
        f"wrote {summary['articles']:,} articles{derived} in {summary['files']:,} files "
        f"({summary['bytes'] / 1e6:,.1f} MB) to {args.out_dir} in {elapsed:.1f} s"
    )
    if "families" in summary:
        truth = args.truth or args.out_dir.with_name(args.out_dir.name + ".families.jsonl")
        write_families(truth, summary["families"])
        print(f"ground truth: {truth}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
