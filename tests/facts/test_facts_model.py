"""The Facts data: plain, picklable, JSON-able, deterministic, and every span indexes the text."""

from __future__ import annotations

import json
import pickle

import pytest

from corpuskit.facts import AttributionFact, Facts, NumberFact, QuoteFact, TimeFact, extract_facts

TEXT = (
    "LONDON (Reuters) - Around 400 inmates were moved last month, BBC News reported.\n\n"
    "\u201cWe were sent like a bag of potatoes,\u201d Ms. Romanova said. According to Current Time, "
    "tens of thousands of prisoners were recruited in late January 2023."
)


@pytest.fixture(scope="module")
def facts() -> Facts:
    return extract_facts(TEXT, "2023-02-14")


def every_fact(facts: Facts):
    return [*facts.numbers, *facts.times, *facts.quotes, *facts.attributions]


def test_each_kind_is_found(facts):
    assert [type(f) for f in (facts.numbers[0], facts.times[0], facts.quotes[0], facts.attributions[0])] == [
        NumberFact,
        TimeFact,
        QuoteFact,
        AttributionFact,
    ]


def test_every_span_indexes_the_text(facts):
    for fact in every_fact(facts):
        start, end = fact.span
        assert TEXT[start:end] == fact.text
        s_start, s_end = fact.sentence_span
        assert s_start <= start and end <= s_end, fact


def test_facts_are_in_text_order(facts):
    for kind in (facts.numbers, facts.times, facts.quotes, facts.attributions):
        assert [f.span for f in kind] == sorted(f.span for f in kind)


def test_facts_pickle_and_compare_equal(facts):
    assert pickle.loads(pickle.dumps(facts)) == facts


def test_facts_are_deterministic(facts):
    assert extract_facts(TEXT, "2023-02-14") == facts


def test_json_round_trips_through_the_json_module(facts):
    data = json.loads(json.dumps(facts.to_json()))
    assert set(data) == {"numbers", "times", "quotes", "attributions"}
    assert data["times"][0]["interval"] == list(facts.times[0].interval)
    assert data["numbers"][0]["span"] == list(facts.numbers[0].span)
    assert data["quotes"][0]["parts"] == [list(p) for p in facts.quotes[0].parts]


def test_facts_are_frozen(facts):
    with pytest.raises(AttributeError):
        facts.numbers[0].value = 1.0  # type: ignore[misc]


@pytest.mark.parametrize("text", ["", "   \n\n  ", "\u201c", '"', "12", "$", "(", "\u2018x", "the end of"])
def test_degenerate_texts_give_no_error(text):
    assert isinstance(extract_facts(text), Facts)


@pytest.mark.parametrize("published", ["0001-01-01", "9999-12-31", "2023-02-30", "yesterday", ""])
def test_out_of_range_or_bad_publication_dates_leave_phrases_unresolved(published):
    facts = extract_facts("It happened last year and yesterday.", published)
    assert [t.resolved for t in facts.times] == [False, False]


def test_offsets_survive_characters_whose_lower_case_is_longer():
    text = "\u0130stanbul \u0130\u0130 officials counted 400 inmates last month."
    facts = extract_facts(text, "2023-02-14")
    assert [n.text for n in facts.numbers] == ["400 inmates"]
    assert [t.text for t in facts.times] == ["last month"]


def test_a_non_string_is_a_clear_error():
    with pytest.raises(TypeError, match="as a string"):
        extract_facts(None)  # type: ignore[arg-type]
