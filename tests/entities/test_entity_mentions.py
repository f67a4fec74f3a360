"""Mention clean-up (corpuskit.entities.mentions)."""

from __future__ import annotations

import pytest

from corpuskit.entities.mentions import clean
from corpuskit.entities.model import Mention


def mention(text: str, label: str = "ORG", sentence: str | None = None, start: int | None = None) -> Mention:
    sentence = sentence if sentence is not None else text
    start = sentence.index(text) if start is None else start
    return Mention(1, start, start + len(text), text, label, sentence, 0)


@pytest.mark.parametrize(
    ("text", "label", "sentence", "kept"),
    [
        ("the Wagner Group", "ORG", "He joined the Wagner Group last year.", "Wagner Group"),
        ("Anwar’s", "PERSON", "It was Anwar’s choice.", "Anwar"),
        ("Anwar's", "PERSON", "It was Anwar's choice.", "Anwar"),
        ("“Russia Behind Bars”", "ORG", "The group “Russia Behind Bars” said.", "Russia Behind Bars"),
        ("( ISW", "ORG", "the Institute ( ISW) said", "ISW"),
        ("Mr Shorten", "PERSON", "Mr Shorten said.", "Shorten"),
        (
            "Homeland Security Secretary Michael Chertoff",
            "PERSON",
            "Homeland Security Secretary Michael Chertoff said.",
            "Michael Chertoff",
        ),
        ("MIAMI - Pat Riley", "ORG", "MIAMI - Pat Riley is taking a break.", "Pat Riley"),
        ("Timberlake, Diaz", "ORG", "Timberlake, Diaz split.", "Timberlake"),
        ("Headline Person\nBody", "PERSON", "Headline Person\nBody", "Headline Person"),
        ("Miss USA", "PERSON", "She was Miss USA.", "Miss USA"),
        ("General Electric", "ORG", "General Electric said.", "General Electric"),
        ("The Hague", "GPE", "Judges in The Hague ruled.", "The Hague"),
        ("The Daily Beast", "ORG", "The Daily Beast reported.", "Daily Beast"),
    ],
)
def test_trimming(text: str, label: str, sentence: str, kept: str) -> None:
    cleaned = clean(mention(text, label, sentence))
    assert cleaned is not None
    assert cleaned.text == kept
    assert sentence[cleaned.start : cleaned.end] == kept


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("10.5 million", "CARDINAL"),
        ("Anuar", "DATE"),  # numeric and temporal labels are never names
        ("late January", "DATE"),
        ("400", "ORG"),
        ("320w", "ORG"),  # srcset debris
        ("1024px", "PRODUCT"),
        ("https://example.org/news", "ORG"),
        ("www.example", "ORG"),
        ("utm_source", "ORG"),
        ("climate change", "ORG"),  # all lower case
        ("X", "ORG"),  # one letter
        ("He", "PERSON"),
        ("Prime Minister", "PERSON"),
        ("the Professor", "PERSON"),
    ],
)
def test_rejects_non_names(text: str, label: str) -> None:
    assert clean(mention(text, label)) is None


def test_keeps_names_with_digits_and_domains() -> None:
    assert clean(mention("Penal Colony Number 6", "FAC")) is not None
    assert clean(mention("3M", "ORG")) is not None
    assert clean(mention("Gulagu.net", "ORG")) is not None
