"""Names as comparable keys, and the ways two names can be the same name.

A mention's surface text ("the Federal Coastal Shipping Commission's")
becomes a *key*: a tuple of plain ASCII lower-case tokens
(``("federal", "coastal", "shipping", "commission")``).  Spellings with
one key are one name without further evidence.  Everything else here compares
keys: token-by-token fuzzy equality under an edit budget, short forms
(a key that is the end or the start of a longer key), initials (acronyms).

No list in this module names a person, place or organisation: the lists are
closed classes of the language (number words, legal forms of companies,
function words).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from anyascii import anyascii
from rapidfuzz.distance import OSA, Levenshtein

from corpuskit.text import lexicon

Key = tuple[str, ...]

# Number words read as the number, so "Camp Number Four" and "Camp Number
# 4" are one name.  Ordinals stay words: "First Avenue" is not "1 Avenue".
NUMBER_WORDS = lexicon.NUMBER_WORDS
# "No. 4", "Nr 4" are both "Number 4".
NUMBER_ABBREVIATIONS = {"no", "nr", "num", "nos"}

# Legal forms and generic holding words: a company is the same company with
# or without them ("Northwind Industries Inc" / "Northwind Industries",
# "The Acme Company" / "Acme").  Stripped from either end of a key as
# long as something remains.
ORGANISATION_SUFFIXES = {
    "inc",
    "incorporated",
    "corp",
    "corporation",
    "co",
    "cos",
    "company",
    "ltd",
    "limited",
    "plc",
    "llc",
    "llp",
    "lp",
    "gmbh",
    "ag",
    "sa",
    "nv",
    "bv",
    "spa",
    "srl",
    "ab",
    "asa",
    "oy",
    "oyj",
    "kk",
    "pty",
    "pte",
    "sas",
    "se",
    "kgaa",
    "group",
    "holding",
    "holdings",
}

# Function words that do not give a letter to an acronym ("Institute for
# Coastal Research" is ICR).
ACRONYM_SKIPPED = {
    "of",
    "the",
    "and",
    "for",
    "on",
    "in",
    "at",
    "to",
    "a",
    "an",
    "&",
    "de",
    "du",
    "des",
    "la",
    "le",
    "les",
    "der",
    "die",
    "das",
    "von",
    "van",
    "y",
    "el",
}

# Letters whose change is the usual way transliterations and spellings of one
# name differ (Dilshod/Dilshad, Melnyk/Melnik, Mariya/Mariia): vowels and
# the half-vowels y, w, plus h (Mukhtar/Muktar).
SOFT_LETTERS = set("aeiouyhw")

# Edit budget by token length: "no edit below 4 letters, one edit from 4
# letters up, two from 9 letters up".  Short tokens are too easily another
# real word (Lund/Lunt, Ivar/Imar), so below SHORT_TOKEN letters the one edit
# must be a soft one (see SOFT_LETTERS).
ONE_EDIT_FROM = 4
TWO_EDITS_FROM = 9
SHORT_TOKEN = 6
# A one-word name has no other word to confirm the match, so it needs more
# letters before a hard (consonant) edit is trusted.
SHORT_SINGLE_TOKEN = 8


def surface_tokens(text: str) -> list[str]:
    """Whitespace tokens of a surface form, with hyphens and slashes as spaces."""
    return re.sub(r"[\-\u2010-\u2015/]+", " ", text).split()


@lru_cache(maxsize=1 << 17)
def normalise(text: str) -> Key:
    """The comparable key of a name.

    Transliteration to ASCII (anyascii: "Šimon" → "simon", Cyrillic to
    Latin), case folding, apostrophes and full stops dropped inside words
    ("U.P." = "U.P" = "UP"), hyphens as spaces ("East-Varnland"), number words
    as digits, a leading "the" and company legal forms ignored.  Lower-case
    words stay: "Kovalenko campaign" is not Kovalenko.
    """
    return _strip_legal_forms(list(words(text)))


_ACRONYM_PLURAL = re.compile(r"^([A-Z]{2,})s$")
_TOKEN_SPLIT = re.compile(r"[^a-z0-9]+")


@lru_cache(maxsize=1 << 17)
def words(text: str) -> Key:
    """The key before company legal forms are dropped: what initials are made of
    ("Greyfield Private Security Company" is PSC)."""
    tokens: list[str] = []
    for word in _without_ticker(surface_tokens(anyascii(text))):
        plural = _ACRONYM_PLURAL.match(word)
        if plural:  # "KVXs" is the plural (or possessive) of the acronym KVX
            word = plural.group(1)
        word = re.sub(r"['`]s$", "", word)  # "Acme Corp's" is Acme Corp
        word = word.casefold().replace("&", " and ")
        word = re.sub(r"['\u2019.`]", "", word)
        tokens.extend(t for t in _TOKEN_SPLIT.split(word) if t)
    tokens = _numbers(tokens)
    if len(tokens) > 1 and tokens[0] == "the":
        tokens = tokens[1:]
    return tuple(tokens)


def _without_ticker(words: list[str]) -> list[str]:
    """Drop a stock ticker after a company's legal form ("Acme Co ACM",
    "Vantor AG VANT.F"): agency copy prints it, the name does not have it."""
    for i in range(1, len(words) - 1):
        if words[i].casefold().strip(".,") in ORGANISATION_SUFFIXES and all(
            re.fullmatch(r"[A-Z][A-Z.]*", w) for w in words[i + 1 :]
        ):
            return words[: i + 1]
    return words


def _numbers(tokens: list[str]) -> list[str]:
    out = [NUMBER_WORDS.get(t, t) for t in tokens]
    for i in range(len(out) - 1):
        if out[i] in NUMBER_ABBREVIATIONS and out[i + 1].isdigit():
            out[i] = "number"
    return out


def _strip_legal_forms(tokens: list[str]) -> Key:
    # "Northwind Textiles Inc of Delaware": what follows the legal form says
    # where the company is registered, not which company it is.
    for i in range(1, len(tokens) - 1):
        if tokens[i] in ORGANISATION_SUFFIXES and tokens[i + 1] == "of":
            tokens = tokens[:i]
            break
    while len(tokens) > 1 and tokens[-1] in ORGANISATION_SUFFIXES:
        tokens = tokens[:-1]
        # "A.B. Lindqvist and Co Inc": the "and" belonged to the legal form.
        if len(tokens) > 1 and tokens[-1] == "and":
            tokens = tokens[:-1]
    while len(tokens) > 1 and tokens[0] in ORGANISATION_SUFFIXES:
        tokens = tokens[1:]
    return tuple(tokens)


def has_legal_form(surface: str) -> bool:
    """ "Acme Corp", "Northwind Textile Inc": written as a full company name."""
    tokens = [t.casefold().strip(".,") for t in surface_tokens(anyascii(surface))]
    return len(tokens) > 1 and tokens[-1] in ORGANISATION_SUFFIXES - {"group", "holding", "holdings"}


def is_acronym(surface: str) -> bool:
    """An all-capitals abbreviation of 2-6 letters: "ICR", "U.P.", "KVXs"."""
    letters = re.sub(r"[.&\s]", "", surface)
    if _ACRONYM_PLURAL.match(letters):
        letters = letters[:-1]
    return 2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper()


def initials(key: Key) -> set[str]:
    """The acronyms a multi-word name may have: with or without its function words."""
    if len(key) < 2:
        return set()
    every = "".join(t[0] for t in key)
    content = "".join(t[0] for t in key if t not in ACRONYM_SKIPPED)
    return {every, content} - {""}


def explains_acronym(acronym: str, key: Key) -> bool:
    """Could ``acronym`` (letters) abbreviate the name ``key``?

    Loose on purpose, for checking an explicit definition ("Greyfield Private
    Security Company (PSC)"): the letters must appear, in order, among the
    initials of the words, and the first letter must start a word.
    """
    word_initials = [t[0] for t in key]
    if not acronym or acronym[0] not in word_initials:
        return False
    position = 0
    for letter in acronym:
        try:
            position = word_initials.index(letter, position) + 1
        except ValueError:
            return False
    return True


def is_initials_of(acronym: str, key: Key) -> bool:
    """``acronym`` is exactly the initials of ``key`` (with or without function
    words), or of its last words ("Federal Coastal Shipping Commission" is
    also CSC)."""
    if len(key) < 2:
        return False
    return any(acronym in initials(key[start:]) for start in range(len(key) - 1))


# --------------------------------------------------------------------------
# Fuzzy comparison


def edit_budget(length: int) -> int:
    if length < ONE_EDIT_FROM:
        return 0
    if length < TWO_EDITS_FROM:
        return 1
    return 2


@lru_cache(maxsize=1 << 18)
def token_edits(a: str, b: str, single: bool = False) -> int | None:
    """Edits between two tokens when within budget, else None.

    ``single``: the tokens are whole one-word names, compared more strictly.
    Tokens with digits must be equal (6 is not 7).
    """
    if a == b:
        return 0
    if any(c.isdigit() for c in a + b):
        return None
    shorter = min(len(a), len(b))
    budget = edit_budget(shorter)
    if budget == 0:
        return None
    # Optimal string alignment: a swap of two letters ("Nortwhind") is one edit.
    edits = OSA.distance(a, b, score_cutoff=budget)
    if edits > budget:
        return None
    strict_below = SHORT_SINGLE_TOKEN if single else SHORT_TOKEN
    if shorter < strict_below and not (a[0] == b[0] and _soft_edits(a, b)):
        return None
    return edits


def _soft_edits(a: str, b: str) -> bool:
    """Every edit touches only soft letters, doubles a letter, or adds a final s."""
    for op in Levenshtein.editops(a, b):
        if op.tag == "replace":
            if a[op.src_pos] not in SOFT_LETTERS or b[op.dest_pos] not in SOFT_LETTERS:
                return False
        else:
            word, pos = (a, op.src_pos) if op.tag == "delete" else (b, op.dest_pos)
            letter = word[pos]
            doubled = (pos > 0 and word[pos - 1] == letter) or (pos + 1 < len(word) and word[pos + 1] == letter)
            final_s = letter == "s" and pos == len(word) - 1
            if letter not in SOFT_LETTERS and not doubled and not final_s:
                return False
    return True


def fuzzy_edits(a: Key, b: Key) -> list[tuple[str, str, int]] | None:
    """The differing token pairs when two keys are one name spelled differently.

    Same number of tokens, every token within its edit budget, at least one
    token identical when there are several (two words both misspelt is more
    likely another name), and no token pair that is a different number.
    """
    if len(a) != len(b) or a == b:
        return None
    single = len(a) == 1
    differences = []
    for x, y in zip(a, b):
        edits = token_edits(x, y, single)
        if edits is None:
            return None
        if edits:
            differences.append((x, y, edits))
    if not single and len(differences) == len(a):
        return None
    return differences


def drop_initials(key: Key) -> Key:
    """The key without one-letter middle words ("oksana t melnyk" → "oksana melnyk")."""
    if len(key) < 3:
        return key
    middle = tuple(t for t in key[1:-1] if len(t) > 1)
    return (key[0], *middle, key[-1])


def contains(short: Key, full: Key) -> int | None:
    """Where ``short`` occurs as consecutive tokens of the longer ``full``
    (exact or within the fuzzy budget), or None."""
    k = len(short)
    if k >= len(full):
        return None
    for start in range(len(full) - k + 1):
        if all(token_edits(s, f) is not None for s, f in zip(short, full[start : start + k])):
            return start
    return None


@lru_cache(maxsize=1 << 18)
def related(a: Key, b: Key) -> bool:
    """Could these two keys name one thing at all?  Used to veto merges that
    would only be justified by a chain of other names (no chaining)."""
    if a == b or fuzzy_edits(a, b) is not None:
        return True
    if drop_initials(a) == drop_initials(b) and len(drop_initials(a)) > 1:
        return True
    shorter, longer = (a, b) if len(a) <= len(b) else (b, a)
    if contains(shorter, longer) is not None:
        return True
    if len(shorter) == 1 and is_initials_of(shorter[0], longer):
        return True
    return False


# --------------------------------------------------------------------------
# Why-strings


def _script_of(text: str) -> str:
    """The script of a name's first letter by its Unicode name ("LATIN", "CYRILLIC", "GREEK")."""
    letter = next((ch for ch in text if ch.isalpha()), "")
    return unicodedata.name(letter, "").split(" ")[0] if letter else ""


def describe_spellings(a: str, b: str) -> str | None:
    """Why two surfaces with one key are one name, e.g. "Number Four ~ Number 4: number word"."""
    ta, tb = surface_tokens(a), surface_tokens(b)
    if a.casefold() == b.casefold():
        return f"{a} ~ {b}: capitals differ"
    if anyascii(a).casefold() == anyascii(b).casefold():
        return f"{a} ~ {b}: {'accents differ' if _script_of(a) == _script_of(b) else 'one name in two scripts'}"
    da, db = _differing_span(ta, tb)
    reason = _spelling_reason(da, db)
    if not (da and db) or (reason == "number word" and len(ta) > len(da)):
        # Show a neighbouring word too: "Harbor Lights Group ~ Harbor Lights"
        # reads better than "Group ~ ", and "Number Four ~ Number 4" says what
        # is counted.
        da, db = _with_neighbour(ta, tb, da, db)
    return f"{' '.join(da)} ~ {' '.join(db)}: {reason}"


def _with_neighbour(ta: list[str], tb: list[str], da: list[str], db: list[str]) -> tuple[list[str], list[str]]:
    start = 0
    while start < min(len(ta), len(tb)) and ta[start] == tb[start]:
        start += 1
    if start > 0:
        return [ta[start - 1], *da], [tb[start - 1], *db]
    return [*da, ta[len(da)]] if len(ta) > len(da) else da, [*db, tb[len(db)]] if len(tb) > len(db) else db


def _differing_span(ta: list[str], tb: list[str]) -> tuple[list[str], list[str]]:
    start = 0
    while start < min(len(ta), len(tb)) and ta[start] == tb[start]:
        start += 1
    end = 0
    while end < min(len(ta), len(tb)) - start and ta[-1 - end] == tb[-1 - end]:
        end += 1
    return ta[start : len(ta) - end], tb[start : len(tb) - end]


def _spelling_reason(da: list[str], db: list[str]) -> str:
    words = {w.casefold().strip(".,") for w in da + db}
    if words & set(NUMBER_WORDS) or words & NUMBER_ABBREVIATIONS:
        return "number word"
    if words and words <= {"the"}:
        return "article"
    if words and words <= ORGANISATION_SUFFIXES | {"and", "&", "the"}:
        return "company suffix"
    if not (da and db):
        return "extra word"
    return "punctuation differs"


def describe_edits(differences: list[tuple[str, str, int]], surface_a: str, surface_b: str) -> str:
    """ "Mariya ~ Mariia: one letter differs" from the differing tokens."""
    sa, sb = _differing_span(surface_tokens(surface_a), surface_tokens(surface_b))
    left = " ".join(sa) or surface_a
    right = " ".join(sb) or surface_b
    edits = sum(e for _, _, e in differences)
    count = {1: "one letter differs", 2: "two letters differ"}.get(edits, f"{edits} letters differ")
    return f"{left} ~ {right}: {count}"
