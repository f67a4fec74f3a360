"""Quantities: what must be read, with what it counts, and what must not be read at all."""

from __future__ import annotations

import pytest

from corpuskit.facts import extract_facts
from corpuskit.facts.numbers import number_value


def numbers(text: str):
    return extract_facts(text).numbers


def only(text: str):
    found = numbers(text)
    assert len(found) == 1, [n.text for n in found]
    return found[0]


@pytest.mark.parametrize(
    "text, phrase, value, counted",
    [
        ("The facility houses 400 inmates from Uzbekistan.", "400 inmates", 400, "inmate"),
        (
            "Some 10.5 million migrant workers live there.",
            "Some 10.5 million migrant workers",
            10_500_000,
            "migrant worker",
        ),
        ("The mobilisation plan of 300,000 reservists was met.", "300,000 reservists", 300_000, "reservist"),
        ("Police detained 12 women in the square.", "12 women", 12, "woman"),
        ("More than 20 people were released.", "More than 20 people", 20, "person"),
        ("Seven casualties were reported.", "Seven casualties", 7, "casualty"),
        ("He cited two former rebel fighters.", "two former rebel fighters", 2, "rebel fighter"),
        ("She bought a dozen eggs.", "a dozen eggs", 12, "egg"),
        ("Twenty-five students passed.", "Twenty-five students", 25, "student"),
        ("Two hundred and fifty soldiers left.", "Two hundred and fifty soldiers", 250, "soldier"),
        ("Three of the prisoners escaped.", "Three of the prisoners", 3, "prisoner"),
        ("It burned 1,500 calories.", "1,500 calories", 1500, "calorie"),
        ("They found 3 viruses in the lab.", "3 viruses", 3, "virus"),
        ("Half a million Hindus came.", "Half a million Hindus", 500_000, "hindu"),
        ("They sold 400 Uzbek Airways tickets.", "400 Uzbek Airways tickets", 400, "uzbek airways ticket"),
    ],
)
def test_counts_read_with_what_they_count(text, phrase, value, counted):
    fact = only(text)
    assert (fact.text, fact.value, fact.counted, fact.kind) == (phrase, value, counted, "count")
    assert text[fact.span[0] : fact.span[1]] == fact.text
    assert fact.head == counted.split()[-1]


@pytest.mark.parametrize(
    "text, value, unit, kind",
    [
        ("The colony is 190 km from Moscow.", 190, "km", "measure"),
        ("Prices rose 20% this year.", 20, "%", "percent"),
        ("Turnout was 45.5 per cent.", 45.5, "%", "percent"),
        ("The fund holds $5 million.", 5_000_000, "$", "money"),
        ("He was fined 5,000 roubles.", 5000, "rouble", "money"),
        ("The deal is worth \u00a32.5bn.", 2.5e9, "\u00a3", "money"),
        ("He has only seven months left to serve.", 7, "month", "duration"),
        ("He was held for 48 hours.", 48, "hour", "duration"),
        ("He is 32 years old.", 32, "year", "age"),
        ("A 32-year-old man was arrested.", 32, "year", "age"),
        ("Oil rose 24 cents.", 24, "cent", "money"),
        ("It cost thousands of dollars.", 2000, "$", "money"),
    ],
)
def test_units(text, value, unit, kind):
    fact = only(text)
    assert (fact.value, fact.unit, fact.kind, fact.counted) == (value, unit, kind, unit)


def test_a_percentage_of_something_counts_that_thing():
    fact = only("About 20% of voters stayed home.")
    assert (fact.unit, fact.counted, fact.text) == ("%", "voter", "About 20% of voters")


@pytest.mark.parametrize(
    "text, value, low, high, qualifier",
    [
        ("There are around 400 inmates.", 400, 400, 400, "around"),
        ("It commands at least 50,000 fighters.", 50_000, 50_000, None, "at least"),
        ("Up to 300 migrants were held.", 300, None, 300, "up to"),
        ("Nearly 90 villages were hit.", 90, None, 90, "nearly"),
        ("As many as 70 million people came.", 70_000_000, None, 70_000_000, "as many as"),
        ("They recruited tens of thousands of prisoners.", 20_000, 20_000, 100_000, "tens of thousands"),
        ("Hundreds of migrants queued.", 200, 200, 1_000, "hundreds"),
        ("Dozens of homes burned.", 24, 24, 144, "dozens"),
        ("Between 10 and 20 soldiers died.", 15, 10, 20, "between"),
        ("Officials counted 10-20 boats.", 15, 10, 20, None),
    ],
)
def test_hedges_and_ranges(text, value, low, high, qualifier):
    fact = only(text)
    assert (fact.value, fact.low, fact.high, fact.qualifier) == (value, low, high, qualifier)
    assert fact.approximate == (qualifier is not None)


def test_vague_amount_reads_what_is_counted():
    fact = only("Media reported the deaths of tens of thousands of prisoners near the city.")
    assert (fact.text, fact.counted) == ("tens of thousands of prisoners", "prisoner")


@pytest.mark.parametrize(
    "text",
    [
        "He served his sentence at Penal Colony Number 6, located in Vladimir.",
        "He was sent to Penal Colony Number Six in the region.",
        "Guards in colony no. 4 in the region beat him.",
        "Room #12 was empty.",
        "Flight 17 crashed.",
        "He moved to Russia in 2018 to look for work.",
        "The war began on February 24, 2022 and went on.",
        "They met on 12 March 2023 in Paris.",
        "The meeting starts at 10:30 am.",
        "Call +7 495 123 45 67 for details.",
        "One of the prisoners spoke.",
        "One such migrant, Anuar, came to Russia.",
        "They won 3-1 on Sunday.",
        "Patients with COVID-19 symptoms and F-16 jets.",
        "It was the second or third day.",
        "Music of the 1990s returned.",
        "It was 2,500 when counted.",
        "He left seven months ago.",
        "Two thirds of voters agreed.",
        "265 shares",
        'src="https://example.com/news/240/photo.jpg" width="976" height="549" 240 images',
    ],
)
def test_not_quantities(text):
    assert numbers(text) == (), [n.text for n in numbers(text)]


def test_a_year_with_a_hedge_is_a_count():
    fact = only("About 2000 people marched.")
    assert (fact.value, fact.counted) == (2000, "person")


def test_duration_is_a_number_not_a_time():
    facts = extract_facts("He was jailed for seven months.")
    assert facts.times == ()
    assert [(n.value, n.unit, n.kind) for n in facts.numbers] == [(7, "month", "duration")]


def test_every_fact_carries_its_sentence():
    text = "First sentence here. Police detained 12 women. Last one."
    fact = only(text)
    assert text[fact.sentence_span[0] : fact.sentence_span[1]] == "Police detained 12 women."


@pytest.mark.parametrize(
    "phrase, value",
    [
        ("4.4m", 4.4e6),
        ("\u00a38 million", 8e6),
        ("4million", 4e6),
        ("two hundred and fifty", 250.0),
        ("twenty-three", 23.0),
        ("1,500", 1500.0),
        ("one", 1.0),
        ("22st", 22.0),
        ("24in", 24.0),
        ("1995", 1995.0),
        ("10-20", 15.0),
    ],
)
def test_number_value_reads_a_phrase_that_is_one_number(phrase, value):
    assert number_value(phrase) == value


@pytest.mark.parametrize("phrase", ["3Z", "hundreds", "3-1", "two charges", "a", ""])
def test_number_value_is_none_for_anything_else(phrase):
    assert number_value(phrase) is None
