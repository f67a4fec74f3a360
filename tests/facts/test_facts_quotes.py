"""Quotations, their parts and their speakers."""

from __future__ import annotations

import pytest

from corpuskit.facts import extract_facts


def quotes(text: str):
    return extract_facts(text).quotes


def only(text: str):
    found = quotes(text)
    assert len(found) == 1, [q.quote for q in found]
    return found[0]


@pytest.mark.parametrize(
    "text, words, speaker, verb",
    [
        (
            '"They were sent to the front line like a bag of potatoes," she said.',
            "They were sent to the front line like a bag of potatoes",
            None,
            "said",
        ),
        (
            "\u201cThey were sent to the front line just like a bag of potatoes,\u201d Ms. Romanova claimed.",
            "They were sent to the front line just like a bag of potatoes",
            "Ms. Romanova",
            "claimed",
        ),
        (
            '"We will not go back there again," said John Smith, a spokesman.',
            "We will not go back there again",
            "John Smith",
            "said",
        ),
        (
            'The minister said: "This is wrong and it is unfair."',
            "This is wrong and it is unfair.",
            "The minister",
            "said",
        ),
        (
            "\u201cThere are many of them in that prison,\u201d Anwar\u2019s father told the BBC.",
            "There are many of them in that prison",
            "Anwar\u2019s father",
            "told",
        ),
        (
            '"They did not agree with the order at all", according to independent researcher Chris Owen.',
            "They did not agree with the order at all",
            "Chris Owen",
            "according to",
        ),
        (
            "\u00abNous ne partirons jamais d'ici\u00bb, said Marie Curie.",
            "Nous ne partirons jamais d'ici",
            "Marie Curie",
            "said",
        ),
        (
            '"It is a lie and we all know it," said Debbie Hamner, whose husband died.',
            "It is a lie and we all know it",
            "Debbie Hamner",
            "said",
        ),
        (
            '"It is a lie and we all know it," Jane Doe wrote in a Facebook post.',
            "It is a lie and we all know it",
            "Jane Doe",
            "wrote",
        ),
        (
            "Mr Justice Owen said: 'These were terrible and terrifying crimes.'",
            "These were terrible and terrifying crimes.",
            "Mr Justice Owen",
            "said",
        ),
        ("'I don't know why they did it,' said Jane Doe.", "I don't know why they did it", "Jane Doe", "said"),
    ],
)
def test_quote_and_speaker(text, words, speaker, verb):
    quote = only(text)
    assert (quote.quote, quote.speaker, quote.verb) == (words, speaker, verb)
    assert text[quote.span[0] : quote.span[1]] == quote.text
    if speaker:
        assert text[quote.speaker_span[0] : quote.speaker_span[1]] == speaker


def test_a_pronoun_speaker_is_kept_as_a_pronoun_not_a_name():
    quote = only('"They were told to sign the contract and go," she said.')
    assert (quote.speaker, quote.speaker_span, quote.pronoun) == (None, None, "she")


def test_a_quote_split_by_its_tag_is_one_quote_in_two_parts():
    text = "\u201cEveryone who goes there dies,\u201d Jovhid said about them. \u201cPlease report this in your media.\u201d"
    quote = only(text)
    assert quote.speaker == "Jovhid"
    assert quote.quote == "Everyone who goes there dies Please report this in your media."
    assert [text[s:e] for s, e in quote.parts] == ["Everyone who goes there dies", "Please report this in your media."]
    assert quote.span == (quote.parts[0][0], quote.parts[1][1])


def test_a_multi_sentence_quote_spans_its_sentences():
    text = 'He spoke. "They were not given a choice. They were told to sign," she said. Then he left.'
    quote = only(text)
    assert quote.quote == "They were not given a choice. They were told to sign"
    assert text[quote.sentence_span[0] : quote.sentence_span[1]] == (
        '"They were not given a choice. They were told to sign," she said.'
    )


def test_an_unclosed_quote_runs_to_the_end_of_its_paragraph():
    text = "\u201cWe waited for days and nobody came to help us\nNext paragraph."
    assert only(text).quote == "We waited for days and nobody came to help us"


def test_two_separate_quotes_stay_separate():
    text = 'He said: "The first thing is clear to us." Later that day, "the second point remains open," she added.'
    found = quotes(text)
    assert [q.quote for q in found] == ["The first thing is clear to us.", "the second point remains open"]
    assert [q.pronoun for q in found] == ["he", "she"]


@pytest.mark.parametrize(
    "text",
    [
        'It was a "special military operation" they said.',
        "He rejects the \u201cthieving tradition\u201d of the inmates.",
        "The \u2018thieves\u2019 take it very seriously.",
        "Don't say it's the inmates' fault, it isn't.",
        "It's the '90s and they're 'fine' with it.",
    ],
)
def test_scare_quotes_and_apostrophes_are_not_quotes(text):
    assert quotes(text) == ()


def test_a_short_quote_with_a_speaker_is_kept():
    quote = only('"Never again," she said.')
    assert quote.quote == "Never again" and quote.pronoun == "she"


def test_a_clause_is_not_a_speaker():
    quote = only('"The pancakes are full of glass and crumbs," McKay was heard to say.')
    assert (quote.speaker, quote.pronoun) == (None, None)
