"""Ages in apposition, collective counts, listed numbers, and whose quantity a number is."""

from __future__ import annotations

import pytest
from tests.test_cachekey import package_copy, touch

from corpuskit import cachekey
from corpuskit.facts import extract_facts
from corpuskit.facts.corpus import facts_key
from corpuskit.facts.grammar import ownership, parser_available

needs_parser = pytest.mark.skipif(not parser_available(), reason="no spaCy model with a parser installed")


def read(text: str) -> list[tuple[str, float, str | None, str]]:
    return [(n.text, n.value, n.counted, n.kind) for n in extract_facts(text).numbers]


@pytest.mark.parametrize(
    "text, age",
    [
        ("John Smith, 46, of Leeds, was jailed.", 46),
        ("Smith, aged 47, was jailed.", 47),
        ("The court heard Mary Brown (80) lived alone.", 80),
        ("He died at the age of 91 in hospital.", 91),
        ("It was found by Smith, 46.", 46),
        ("Her dog, aged three, was unhurt.", 3),
    ],
)
def test_a_bare_number_in_apposition_to_a_name_or_after_aged_is_an_age(text, age):
    assert read(text) == [(str(age) if str(age) in text else "three", age, "year", "age")]


@pytest.mark.parametrize(
    "text",
    [
        "In March, 46, was the figure.",  # a month is no name
        "Smith, 146, was there.",  # nobody is that old
        "The score was Leeds 3, Hull 2.",
        "Call (020) 7946 0018 now.",
    ],
)
def test_bare_numbers_that_are_no_ages_are_not_read(text):
    assert [kind for *_, kind in read(text)] == []


def test_a_collective_noun_before_of_is_what_a_bare_number_counts():
    assert read("An audience of 200 watched.") == [("200", 200, "audience", "count")]
    assert read("A crowd of thousands gathered.") == [("thousands", 2000, "crowd", "count")]
    assert read("He was jailed for a total of 22.") == []  # a total says nothing of what it counts


def test_two_listed_numbers_are_two_quantities_and_only_between_makes_a_range():
    listed = extract_facts("They were jailed for 10 and 12 years.").numbers
    assert [(n.text, n.low, n.high, n.counted) for n in listed] == [
        ("10", 10, 10, "year"),
        ("12 years", 12, 12, "year"),
    ]
    [ranged] = extract_facts("They were jailed for between 10 and 12 years.").numbers
    assert (ranged.low, ranged.high, ranged.value) == (10, 12, 11)


def test_the_facts_key_follows_the_number_extractor(tmp_path, monkeypatch):
    before = facts_key()
    copy = package_copy(tmp_path)
    monkeypatch.setattr(cachekey, "PACKAGE_ROOT", copy)
    cachekey.code_fingerprint.cache_clear()
    touch(copy, "corpuskit.facts.grammar")  # the report's parse: facts do not depend on it
    assert facts_key() == before
    touch(copy, "corpuskit.facts.numbers")
    cachekey.code_fingerprint.cache_clear()
    assert facts_key() != before


def owner_of(sentence: str, phrase: str):
    [number] = [n for n in extract_facts(sentence).numbers if n.text == phrase]
    return ownership(sentence, 0, number.span, number.head)


@needs_parser
@pytest.mark.parametrize(
    "sentence, phrase, name, noun",
    [
        ("John Smith, 46, of Leeds, was jailed for six years.", "46", "John Smith", "smith"),
        ("John Smith, 46, of Leeds, was jailed for six years.", "six years", "John Smith", "smith"),
        ("Smith, aged 47, was jailed.", "47", "Smith", "smith"),
        ("The 80-year-old victim and her 12-year-old dog were found.", "80-year-old", None, "victim"),
        ("The 80-year-old victim and her 12-year-old dog were found.", "12-year-old", None, "dog"),
        ("Smith was jailed for six years and Jones for four years.", "four years", "Jones", "jones"),
        ("John Smith, a 46-year-old father of two, was fined £500.", "46-year-old", "John Smith", "father"),
        ("The brother of Ian Brown, 39-year-old Neil, spoke.", "39-year-old", "Neil", "neil"),
        ("He killed Gillian Harvey, 30, Peter Smith, 31, and Ian Brown, 36, in a flat.", "31", "Peter Smith", "smith"),
        ("He lived with his partner Jo Wake, his 12-year-old daughter and a lodger.", "12-year-old", None, "daughter"),
        ("The film took $200 million, while its sequel took $300 million.", "$300 million", None, "sequel"),
    ],
)
def test_the_owner_is_read_from_the_parse(sentence, phrase, name, noun):
    owner = owner_of(sentence, phrase)
    assert (owner.owner_name, owner.owner_noun) == (name, noun)
    if name:
        assert sentence[owner.name_span[0] : owner.name_span[1]] == name


@needs_parser
def test_a_counted_subject_has_no_owner_but_its_verb():
    owner = owner_of("Police said 400 protesters were arrested in the capital.", "400 protesters")
    assert (owner.owner_name, owner.owner_noun, owner.predicate) == (None, None, "arrest")
    owner = owner_of("An audience of 200 watched the show.", "200")
    assert (owner.owner_noun, owner.predicate) == (None, "watch")


@needs_parser
def test_the_verb_tells_convicted_from_sentenced():
    sentence = "He was convicted on three charges and sentenced on five charges."
    assert owner_of(sentence, "three charges").predicate == "convict"
    assert owner_of(sentence, "five charges").predicate == "sentence"


def test_empty_or_odd_input_gives_an_unknown_owner():
    assert ownership("", 0, (0, 0), None).owner_noun is None
    assert ownership("   ", 5, (6, 7), None).predicate is None
    assert ownership("No numbers here at all.", 0, (90, 95), "year").owner_name is None


@pytest.mark.parametrize(
    "text, value",
    [
        ("She swam for about four-and-a-half hours.", 4.5),
        ("He was jailed for two and a half years.", 2.5),
        ("It took one and a half hours.", 1.5),
        ("Three and a half thousand people came.", 3500),
        ("2 and a half million people voted.", 2_500_000),
    ],
)
def test_and_a_half_is_read_with_its_number(text, value):
    [number] = extract_facts(text).numbers
    assert number.value == value


@needs_parser
def test_a_phrase_conjoined_to_the_subject_is_part_of_it():
    owner = owner_of("Nineteen men and nine women denied causing criminal damage.", "nine women")
    assert (owner.owner_noun, owner.predicate) == (None, "deny")
