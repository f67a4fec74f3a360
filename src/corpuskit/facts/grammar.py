"""Whose quantity a number is, read from the sentence's dependency parse.

"John Smith, 46," and "a 46-year-old man" give an age *of someone*; "Smith
was jailed for six years" a sentence *of Smith*; "an audience of 200
watched" a count of the event "watch".  Two numbers state one quantity only
when they belong to the same owner, so the report asks this module, for
each candidate number, for its ``Ownership``:

* ``owner_noun`` and ``owner_name``: who or what the quantity belongs to --
  the noun an age or a measure is attached to ("man", "dog", "walk"), or the
  subject of the predicate when the number is what the predicate is about
  ("six years" of "Smith was jailed"); ``owner_name`` is its proper-noun name
  with ``name_span`` where it stands (so the caller can look the entity up).
* ``predicate``: the lemma of the verb governing the counted phrase ("jail",
  "arrest", "watch"): what happened with the quantity; ``verbs`` adds the
  verbs of clauses describing the counted phrase ("19 men, who were arrested
  at the farm, denied damage": the men's predicate is "deny", and they are
  the men arrested too).

spaCy's small English model (tagger, parser, lemmatizer; NER is not needed)
is loaded once per process, on the first question, and each sentence is
parsed once.  Without a usable model every answer is "unknown" (``None``s),
and the caller falls back on weaker evidence.

Parsing is the report's costliest step (about 10 ms a sentence), and a
sentence parses the same every time, so parses can be kept: a caller that
gives ``use_parse_cache`` a lookup (sentence keys -> stored parses) gets
those back instead of parsing again, and takes the parses made meanwhile
with ``new_parses`` to store them.
"""

from __future__ import annotations

import hashlib
import json
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from corpuskit.cachekey import installed_version
from corpuskit.facts.numbers import singular

__all__ = [
    "Ownership",
    "ownership",
    "parser_available",
    "parse_sentences",
    "use_model",
    "use_parse_cache",
    "new_parses",
    "parse_key",
]

Span = tuple[int, int]

# Dependencies by which a number and its unit hang on the phrase they measure:
# "46" -nummod-> "year" -npadvmod-> "old" -amod-> "man"; "Smith, 46," (appos);
# "aged 47" (npadvmod / oprd / dobj of "aged"); "$200 million" (compound, quantmod).
_MODIFIER_DEPS = frozenset("nummod compound quantmod npadvmod amod advmod nmod appos oprd dobj pobj prep".split())
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
# A verb without a subject of its own takes its head's ("Smith was convicted and jailed ...").
_SUBJECT_FROM_HEAD = frozenset({"conj", "xcomp", "advcl", "ccomp"})
# A verb that describes a noun ("Smith, jailed for six years, ...") has that noun as its subject.
_DESCRIBING = frozenset({"acl", "relcl"})
_NOUNS = frozenset({"NOUN", "PROPN"})
_NAME_PARTS = frozenset({"compound", "flat", "nmod"})
_MAX_CLIMB = 8  # dependency steps from the number to its phrase head: more is a parse gone astray


@dataclass(frozen=True)
class Ownership:
    """Whose quantity a number is, as far as the parse tells (None: not known)."""

    owner_noun: str | None = None
    owner_name: str | None = None
    name_span: Span | None = None  # offsets into the text the caller gave, not the sentence
    predicate: str | None = None
    verbs: frozenset[str] = frozenset()


UNKNOWN = Ownership()


def ownership(sentence: str, offset: int, number: Span, counted_head: str | None) -> Ownership:
    """The ``Ownership`` of the number at ``number`` (offsets into the text that holds ``sentence``
    at ``offset``); ``counted_head`` is the word it counts ("protester", "year"), so that the counted
    thing is not taken for its owner."""
    doc = _parse(sentence)
    if doc is None:
        return UNKNOWN
    start, end = number[0] - offset, number[1] - offset
    token = _number_token(doc, start, end)
    if token is None:
        return UNKNOWN
    head = _apposed_name(token) or _phrase_head(token, start, end)
    verb = _governing_verb(head)
    owns = _owns(head, start, end, counted_head)
    owner = head if owns else _subject_before(verb, head) if verb is not None else None
    predicate = verb.lemma_.lower() if verb is not None else None
    verbs = _described_by(head, verb)
    if owner is None:
        return Ownership(predicate=predicate, verbs=verbs)
    name = _named(owner)
    if name is None:
        noun = owner.lemma_.lower() if owner.pos_ in _NOUNS else None
        return Ownership(owner_noun=noun, predicate=predicate, verbs=verbs)
    return Ownership(
        owner_noun=owner.lemma_.lower(),
        owner_name=doc.text[name[0] : name[1]],
        name_span=(offset + name[0], offset + name[1]),
        predicate=predicate,
        verbs=verbs,
    )


def parser_available() -> bool:
    return _pipeline() is not None


_MODEL = {"setting": "auto"}  # the nlp.model setting, set by the report before it parses


def use_model(setting: str) -> None:
    """Parse with the model the configuration names (``nlp.model``), as the names stage does."""
    if setting != _MODEL["setting"]:
        _MODEL["setting"] = setting
        _pipeline.cache_clear()
        _parse.cache_clear()


_STORED_FORM = "parse-columns-1"  # how ``_to_bytes`` writes a parse: a new form is a new key
ParseLookup = Callable[[list[str]], dict[str, bytes]]
_STORED: dict[str, ParseLookup | None] = {"lookup": None}
_NEW: dict[str, bytes] = {}  # parses made since ``new_parses`` was last asked, by sentence key


def use_parse_cache(lookup: ParseLookup | None) -> None:
    """Read stored parses through ``lookup`` (sentence keys -> what ``new_parses`` gave), or none."""
    _STORED["lookup"] = lookup
    _parse.cache_clear()


def new_parses() -> list[tuple[str, bytes]]:
    """(sentence key, parse) of every sentence parsed since the last call, to be stored."""
    made = list(_NEW.items())
    _NEW.clear()
    return made


def parse_key(setting: str | None = None) -> str:
    """What a parse depends on: the model, its version and spaCy's (not this module's code)."""
    from corpuskit.nlp import resolve_model_name

    name = resolve_model_name(setting or _MODEL["setting"])
    version = installed_version(name.replace("_", "-"))
    return f"{name}-{version}-spacy-{installed_version('spacy')}-{_STORED_FORM}"


@lru_cache(maxsize=1)
def _pipeline() -> Any:
    """The configured model without NER (names come from the entities stage), or None."""
    try:
        import spacy

        from corpuskit.nlp import resolve_model_name

        return spacy.load(resolve_model_name(_MODEL["setting"]), exclude=["ner", "senter"])
    except Exception:  # any failure to load a model means: no parse, weaker evidence, no traceback
        return None


def parse_sentences(texts: list[str]) -> list[Any]:
    """Parsed sentences (spaCy docs), or Nones when no model can be loaded: the one parser of
    the report, shared by the number owners and the events times date."""
    nlp = _pipeline()
    if nlp is None:
        return [None] * len(texts)
    cut = [t[: nlp.max_length - 1] for t in texts]
    keys = [_sentence_key(t) for t in cut]
    lookup = _STORED["lookup"]
    stored = lookup(sorted(set(keys))) if lookup else {}
    todo = [t for t, key in zip(cut, keys) if key not in stored]
    parsed = dict(zip((_sentence_key(t) for t in todo), nlp.pipe(todo, batch_size=64)))
    if lookup:
        _NEW.update((key, _to_bytes(doc)) for key, doc in parsed.items())
    return [parsed[key] if key in parsed else _from_bytes(nlp, stored[key]) for key in keys]


@lru_cache(maxsize=4096)
def _parse(sentence: str) -> Any:
    if _pipeline() is None or not sentence.strip():
        return None
    return parse_sentences([sentence])[0]


def _sentence_key(sentence: str) -> str:
    return hashlib.sha1(sentence.encode("utf-8")).hexdigest()


def _to_bytes(doc: Any) -> bytes:
    """A parse as the words and what the parser and tagger said of each: all this module and
    the report read, in a sixth of the size of spaCy's own ``Doc.to_bytes``, read back five times
    faster (that one looks up its plug-ins on every call)."""
    columns = [
        [t.text for t in doc],
        [bool(t.whitespace_) for t in doc],
        [t.tag_ for t in doc],
        [t.pos_ for t in doc],
        [t.dep_ for t in doc],
        [t.head.i for t in doc],
        [t.lemma_ for t in doc],
    ]
    return zlib.compress(json.dumps(columns, ensure_ascii=False).encode("utf-8"), 1)


def _from_bytes(nlp: Any, stored: bytes) -> Any:
    from spacy.tokens import Doc

    words, spaces, tags, pos, deps, heads, lemmas = json.loads(zlib.decompress(stored))
    return Doc(nlp.vocab, words=words, spaces=spaces, tags=tags, pos=pos, deps=deps, heads=heads, lemmas=lemmas)


def _number_token(doc: Any, start: int, end: int) -> Any:
    """The first number-like token inside the span (the number, not its hedge or currency sign)."""
    inside = [t for t in doc if start <= t.idx < end]
    return next((t for t in inside if t.like_num or t.pos_ == "NUM"), inside[0] if inside else None)


def _apposed_name(token: Any) -> Any:
    """The name a bare number directly follows, as in "Smith, 46," or "Brown (80)": in a list
    ("Harvey, 30, Smith, 31, and Brown, 36") the parse may hang every age on the first name, the
    words do not."""
    doc = token.doc
    if token.i < 2 or token.i + 1 >= len(doc) or doc[token.i + 1].text not in {",", ")", ";", "."}:
        return None
    if doc[token.i - 1].text in {",", "("} and doc[token.i - 2].pos_ == "PROPN":
        return doc[token.i - 2]
    return None


def _phrase_head(token: Any, start: int, end: int) -> Any:
    """Climb from the number through its modifiers to the noun (or other word) the phrase is about:
    "46" -> "man" in "a 46-year-old man", "six" -> "years" in "for six years", "200" -> "audience"
    in "an audience of 200".  The first noun outside the number's own words ends the climb: in
    "his partner Jo Wake, his 12-year-old daughter" the age is the daughter's, not Jo Wake's."""
    for _ in range(_MAX_CLIMB):
        if token.dep_ not in _MODIFIER_DEPS or token.head.i == token.i:
            return token
        if token.pos_ in _NOUNS and not start <= token.idx < end:
            return token
        if token.dep_ in {"dobj", "pobj", "prep"} and not _inside_measure(token):
            return token
        token = token.head
    return token


def _inside_measure(token: Any) -> bool:
    """An object that is still part of the quantity's own phrase: the number of "aged 47", or the
    "of 200" of "an audience of 200" (a preposition under a noun, its number object)."""
    if token.dep_ == "dobj":
        return token.head.lemma_.lower() == "age"
    if token.dep_ == "pobj":
        return token.pos_ == "NUM" and token.head.head.pos_ in _NOUNS
    return token.head.pos_ in _NOUNS and token.lower_ == "of"  # prep "of" under a noun


def _owns(head: Any, start: int, end: int, counted_head: str | None) -> bool:
    """Whether the phrase head is an owner (the man of "a 46-year-old man") rather than the counted
    thing itself (the protesters of "400 protesters", the years of "six years", the audience of
    "an audience of 200"): a noun outside the number's words that is not what it counts."""
    if head.pos_ not in _NOUNS or start <= head.idx < end:
        return False
    return counted_head is None or counted_head not in {head.lemma_.lower(), head.lower_, singular(head.lower_)}


def _governing_verb(token: Any) -> Any:
    for _ in range(_MAX_CLIMB):
        if token.pos_ in {"VERB", "AUX"}:
            return token
        if token.head.i == token.i:
            return None
        token = token.head
    return None


def _subject_before(verb: Any, phrase: Any) -> Any:
    """The subject the verb says something about, for the phrase at ``phrase``: the nearest subject
    to its left, counting a noun conjoined to the verb ("Smith was jailed for six years and Jones
    for four": "Jones" owns the four years); a subject-less verb takes its head's."""
    first = _first_conjunct(phrase)
    if first.dep_ in _SUBJECT_DEPS and first.head.i == verb.i:
        return None  # the counted thing is (part of) the subject ("19 men and nine women were arrested")
    for _ in range(_MAX_CLIMB):
        subjects = [
            t
            for t in verb.children
            if t.i < phrase.i and (t.dep_ in _SUBJECT_DEPS or (t.dep_ == "conj" and t.pos_ in _NOUNS))
        ]
        if subjects:
            return max(subjects, key=lambda t: t.i)
        if verb.dep_ in _DESCRIBING and verb.head.pos_ in _NOUNS:
            return verb.head
        if verb.dep_ not in _SUBJECT_FROM_HEAD or verb.head.i == verb.i:
            return None
        verb = verb.head
    return None


def _described_by(phrase: Any, verb: Any) -> frozenset[str]:
    """The governing verb and the verbs of clauses describing the phrase or a phrase conjoined to
    it ("19 men, who were arrested", "the money paid to him")."""
    first = _first_conjunct(phrase)
    nouns = [first, *first.conjuncts]  # a clause after "19 men and nine women" describes both
    found = {t.lemma_.lower() for n in nouns for t in n.children if t.dep_ in _DESCRIBING and t.pos_ == "VERB"}
    if verb is not None:
        found.add(verb.lemma_.lower())
    return frozenset(found)


def _first_conjunct(token: Any) -> Any:
    """ "nine women" in "19 men and nine women": the phrase it is conjoined to, which has the role."""
    for _ in range(_MAX_CLIMB):
        if token.dep_ != "conj" or token.head.pos_ not in _NOUNS:
            return token
        token = token.head
    return token


def _named(owner: Any) -> Span | None:
    """The proper-noun name of the owner: itself with its name parts ("John Smith"), or the name
    in apposition to it ("a man, John Smith," / "John Smith, a 46-year-old man")."""
    if owner.pos_ == "PROPN":
        return _name_span(owner)
    apposed = [t for t in owner.children if t.dep_ == "appos" and t.pos_ == "PROPN"]
    if apposed:
        return _name_span(apposed[0])
    if owner.dep_ == "appos" and owner.head.pos_ == "PROPN" and not any(t.dep_ == "poss" for t in owner.children):
        return _name_span(owner.head)  # "John Smith, a 46-year-old father", not "..., his daughter"
    return None


def _name_span(token: Any) -> Span:
    parts = [token, *(t for t in token.children if t.dep_ in _NAME_PARTS and t.pos_ == "PROPN")]
    start = min(t.idx for t in parts)
    end = max(t.idx + len(t.text) for t in parts)
    return start, end
