"""Short forms: the shorter names a text uses for a name it has introduced.

Three kinds, told apart by their spelling:

* an *acronym* ("ICR", "U.P."): the initials of a longer name;
* an *abbreviation* ("Saskat."): the start of a longer word, with a full
  stop;
* a *name* ("Melnyk", "Northwind", "Northwind Investors"): some words of a
  longer name; or, for an organisation inside one document, the clipped
  start of its first word ("Consol" for "Consolidated Freight").  Which
  words depends on what is named: people are called by their surname (last
  words); companies by their first word(s) or, inside one document, by a
  distinctive last word ("Vantor" for "Nordic Vantor", "Comets" for
  "Springfield Comets").  Places are not shortened ("Kestrel"
  is not "New Kestrel", "Varnland" is not "East Varnland"), and a first name
  never stands for a full name ("Oksana" is not "Oksana Melnyk").
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from corpuskit.entities.labels import UNKNOWN
from corpuskit.entities.names import Key, is_acronym, is_initials_of

ACRONYM = "acronym"
ABBREVIATION = "abbreviation"
NAME = "name"

# Labels whose names may be called by their last word(s).
_SUFFIX_LABELS = {"PERSON", "ORG", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", UNKNOWN}
# Across documents a single last word only for people (surnames): a
# company's last word ("Lindqvist" of "Baxter Hale Lindqvist") is too often
# another company's first.  Several last words are safe for any label
# ("Assembly Fisheries Committee" of "Federal Assembly Fisheries Committee").
_SUFFIX_LABELS_ACROSS = {"PERSON", UNKNOWN}
# Labels whose names may be called by their first word(s).
_PREFIX_LABELS = {"ORG", "FAC"}
# An abbreviation keeps at least this many letters and drops at least two.
MIN_ABBREVIATION = 3
# A clipped word keeps at least this many letters and drops at least as many.
MIN_CLIPPED = 3
_ABBREVIATION = re.compile(r"^[A-Z][a-z]{%d,}\.$" % (MIN_ABBREVIATION - 1))


@dataclass(frozen=True)
class Short:
    key: Key
    label: str
    kind: str


def kind_of(key: Key, surfaces: Counter) -> str:
    """How a name is spelt most of the time: acronym, abbreviation or name."""
    total = sum(surfaces.values())
    if len(key) == 1:
        if 2 * sum(n for s, n in surfaces.items() if is_acronym(s)) > total:
            return ACRONYM
        if 2 * sum(n for s, n in surfaces.items() if _ABBREVIATION.match(s)) > total:
            return ABBREVIATION
    return NAME


def relation(short: Short, full: Key, full_words: Key, full_label: str, in_document: bool) -> str | None:
    """How ``short`` shortens ``full`` ("surname of", "short for", ...), or None."""
    if full == short.key:
        return None
    if short.kind == ACRONYM:
        # A name that contains the acronym as a word ("U.P. Assembly") is not
        # what the acronym stands for, even if its initials spell it.
        spelled = short.key[0] not in full and (
            is_initials_of(short.key[0], full) or is_initials_of(short.key[0], full_words)
        )
        if len(full) > 1 and spelled:
            return "initials of"
        return _words_of(short, full, full_label, in_document)  # "KVX" of "KVX Industries"
    if short.kind == ABBREVIATION:
        letters = short.key[0]
        if full[0].startswith(letters) and len(full[0]) >= len(letters) + 2 and full_label != "PERSON":
            return "abbreviation of"
        return None
    return _words_of(short, full, full_label, in_document)


def is_clipping(word: str, longer: str) -> bool:
    return len(word) >= MIN_CLIPPED and len(longer) - len(word) >= MIN_CLIPPED and longer.startswith(word)


def _words_of(short: Short, full: Key, full_label: str, in_document: bool) -> str | None:
    k = len(short.key)
    # "Consol" for "Consolidated Freight": organisations only, and only where the
    # full name is in the same document.
    if (
        k == 1
        and in_document
        and len(full) > 1
        and short.label == full_label == "ORG"
        and is_clipping(short.key[0], full[0])
    ):
        return "clipped from"
    if k >= len(full):
        return None
    suffix_labels = _SUFFIX_LABELS if in_document or k > 1 else _SUFFIX_LABELS_ACROSS
    if full[-k:] == short.key and full_label in suffix_labels:
        return "surname of" if full_label == "PERSON" and k == 1 else "short for"
    # A company's first word must itself be labelled as a company: an
    # unlabelled "Harbor Street" is not short for "Harbor Street Gazette".
    if full[:k] == short.key and full_label in _PREFIX_LABELS and short.label == full_label:
        return "short for"
    return None
