"""Acceptance on the sample corpus: the facts the report needs from the seed articles."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpuskit.facts import Facts, extract_facts
from corpuskit.ingest.plaintext import read_plain_text

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@pytest.fixture(scope="module")
def seeds() -> dict[int, tuple[str, Facts]]:
    found = {}
    for path in sorted(SEEDS.glob("*.txt")):
        article = read_plain_text(path.read_text(encoding="utf-8"))
        found[int(path.name[:3])] = (article.text, extract_facts(article.text, article.published))
    return found


def number(facts: Facts, fragment: str):
    matches = [n for n in facts.numbers if fragment in n.text]
    assert len(matches) == 1, [n.text for n in facts.numbers]
    return matches[0]


def test_single_source_numbers_with_what_they_count(seeds):
    inmates = number(seeds[0][1], "400 inmates")
    assert (inmates.value, inmates.counted, inmates.qualifier) == (400, "inmate", "around")
    workers = number(seeds[1][1], "10.5 million")
    assert (workers.value, workers.counted, workers.approximate) == (10_500_000, "migrant worker", True)
    fighters = number(seeds[2][1], "50,000")
    assert (fighters.value, fighters.counted, fighters.low, fighters.high) == (50_000, "fighter", 50_000, None)
    distance = number(seeds[3][1], "190 km")
    assert (distance.value, distance.unit, distance.kind) == (190, "km", "measure")


def test_vague_amounts_and_durations(seeds):
    for doc in (0, 3):
        vague = number(seeds[doc][1], "tens of thousands")
        assert (vague.counted, vague.approximate, vague.low) == ("prisoner", True, 20_000)
    months = number(seeds[0][1], "seven months")
    assert (months.value, months.unit, months.kind) == (7, "month", "duration")
    assert not any("seven months" in t.text for t in seeds[0][1].times)


def test_identifiers_and_years_are_not_quantities(seeds):
    for text, facts in seeds.values():
        for fact in facts.numbers:
            assert "Number" not in text[fact.span[0] - 8 : fact.span[0]], fact.text
            assert fact.text not in {"2018", "2022", "2023", "6", "Six"}


def time_of(facts: Facts, phrase: str):
    matches = [t for t in facts.times if t.text == phrase]
    assert len(matches) == 1, [t.text for t in facts.times]
    return matches[0]


def test_the_three_datings_of_one_event(seeds):
    start = time_of(seeds[1][1], "the start of January")
    late = time_of(seeds[3][1], "late January")
    end = time_of(seeds[2][1], "the end of last month")
    for fact in (start, late, end):  # the seeds carry no publication date
        assert fact.relative and not fact.resolved and fact.reason
    assert "publication date" in end.reason
    shared = set(start.event) & set(late.event) & set(end.event)
    assert "father" in shared, (start.event, late.event, end.event)


def test_the_same_phrases_resolve_with_a_publication_date(seeds):
    text = seeds[2][0]
    end = time_of(extract_facts(text, "2023-02-14"), "the end of last month")
    assert end.interval == ("2023-01-21", "2023-01-31")


def test_last_year(seeds):
    assert any("last year" in t.text and t.relative for t in seeds[2][1].times)


def test_the_bag_of_potatoes_quote_and_its_speakers(seeds):
    rewrite = [q for q in seeds[1][1].quotes if "bag of potatoes" in q.quote]
    summary = [q for q in seeds[2][1].quotes if "bag of potatoes" in q.quote]
    assert len(rewrite) == len(summary) == 1
    assert rewrite[0].speaker == "Ms. Romanova"
    # "she" stands for the last named sayer before it: "Olga Romanova ... confirmed Anuar's story".
    assert summary[0].pronoun == "she" and summary[0].speaker == "Olga Romanova"
    assert "just like a bag of potatoes" in rewrite[0].quote and "just" not in summary[0].quote


def test_the_uzbeks_quote_in_two_wordings(seeds):
    loads = [q for q in seeds[1][1].quotes if "loads of Uzbeks" in q.quote]
    many = [q for q in seeds[3][1].quotes if "many Uzbeks" in q.quote]
    assert loads[0].speaker == "Anuar's father" and many[0].speaker == "Anwar\u2019s father"


def test_attributions_and_credit_lines(seeds):
    def sources(doc: int) -> set[tuple[str, str]]:
        return {(a.source, a.pattern) for a in seeds[doc][1].attributions}

    assert ("BBC News", "subject_verb") in sources(2)
    assert ("Current Time", "according_to") in sources(0)
    assert ("BBC", "told") in sources(3)
    assert not any("BBC" in source for source, _ in sources(1))  # the uncredited rewrite credits nobody at the BBC
    texts = [a.text for a in seeds[2][1].attributions]
    assert "BBC News reported" in texts
