"""Sourcing and credit lines, with the named source."""

from __future__ import annotations

import pytest

from corpuskit.facts import extract_facts


def attributions(text: str):
    return extract_facts(text).attributions


@pytest.mark.parametrize(
    "text, source, pattern, verb",
    [
        ("Migrants were sent to the front, BBC News reported.", "BBC News", "subject_verb", "reported"),
        ("In November, The Daily Beast reported that rebels were hired.", "Daily Beast", "subject_verb", "reported"),
        (
            "Olga Romanova, director of the group Prison Watch, confirmed the story.",
            "Olga Romanova",
            "subject_verb",
            "confirmed",
        ),
        ("The ministry said in a statement that it was false.", None, None, None),
        (
            "The Interior Ministry said in a statement that it was false.",
            "Interior Ministry",
            "subject_verb",
            "said in a statement",
        ),
        ("According to Current Time, media have reported deaths.", "Current Time", "according_to", "according to"),
        (
            "Some 10 million work there, according to the latest statistics from the Interior Ministry.",
            "Interior Ministry",
            "according_to",
            "according to",
        ),
        (
            "It had 50,000 fighters, according to the U.K. Ministry of Defense.",
            "U.K. Ministry of Defense",
            "according_to",
            "according to",
        ),
        ("\u201cWe are afraid,\u201d his father told the BBC.", "BBC", "told", "told"),
        ("The mayor told Reuters the bridge was closed.", "Reuters", "told", "told"),
        ("The video was published by Gulagu.net on Monday.", "Gulagu.net", "by", "published by"),
        ("The outlet wrote, citing Interfax, that troops moved.", "Interfax", "citing", "citing"),
        ("LONDON (Reuters) - Prices rose sharply.", "Reuters", "dateline", "dateline"),
        ("Source: Associated Press", "Associated Press", "credit_line", "source"),
        (
            "It rose, according to the Council on Foreign Relations.",
            "Council on Foreign Relations",
            "according_to",
            "according to",
        ),
    ],
)
def test_attribution_patterns(text, source, pattern, verb):
    found = attributions(text)
    if source is None:
        assert found == (), [a.text for a in found]
        return
    assert len(found) == 1, [a.text for a in found]
    fact = found[0]
    assert (fact.source, fact.pattern, fact.verb) == (source, pattern, verb)
    assert text[fact.span[0] : fact.span[1]] == fact.text
    assert text[fact.source_span[0] : fact.source_span[1]] == source


@pytest.mark.parametrize(
    "text",
    [
        "The outlet noted that the story was confirmed.",
        "They reported heavy losses.",
        "Russia was previously reported to be recruiting prisoners.",
        "According to him, he is 32 years old.",
        "It happened, according to a report published Tuesday.",
        "Citing two former fighters, the outlet said they were not paid.",
        "Amidst reports of heavy casualties, talks went on.",
        "Officials reported no damage.",
        "He told his father that he was afraid.",
        "Jovhid said he was afraid.",
        "He left, citing his love of football as a reason for taking the job with the Miami Dolphins.",
    ],
)
def test_not_attributions(text):
    assert attributions(text) == (), [a.text for a in attributions(text)]


def test_one_source_mention_is_one_attribution():
    found = attributions("It was shown according to a video published by Gulagu.net, founded by activists.")
    assert [(a.source, a.pattern) for a in found] == [("Gulagu.net", "according_to")]
