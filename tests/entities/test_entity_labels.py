"""Label votes and consensus (corpuskit.entities.labels)."""

from __future__ import annotations

import pytest

from corpuskit.entities import Mention, resolve
from corpuskit.entities.labels import Votes, agree, compatible, corpus_cues, mention_votes


def in_sentence(sentence: str, name: str, label: str, document: int = 1) -> Mention:
    start = sentence.index(name)
    return Mention(document, start, start + len(name), name, label, sentence, 0)


@pytest.mark.parametrize(
    ("sentence", "name", "expected"),
    [
        ("Mr Anuar said nothing.", "Anuar", "PERSON"),  # honorific before
        ("Later, Anuar's father said he was worried.", "Anuar", "PERSON"),  # kin after a possessive
        ("Migrants like Anuar, who fears the war, stayed.", "Anuar", "PERSON"),
        ("Farukh said he was concerned.", "Farukh", "PERSON"),  # speech, then a pronoun
        ("Migrant rights activist Valentine Chupik told the outlet.", "Valentine Chupik", "PERSON"),
        ("Alexei Navalny, the prominent opposition figure, is held there.", "Alexei Navalny", "PERSON"),
        ("He serves in the Rostov region.", "Rostov", "GPE"),  # place noun after
        ("It lies in the city of Bakhmut.", "Bakhmut", "GPE"),  # "the city of X"
        ("The colony is located in Vladimir.", "Vladimir", "GPE"),  # "in X" (weak)
        ("He met Tajik prisoners there.", "Tajik", "NORP"),  # demonym used as adjective
        (
            "Olga Romanova, the director of Russia Behind Bars, a civil rights organization, agreed.",
            "Russia Behind Bars",
            "ORG",
        ),  # apposition with an org noun
    ],
)
def test_context_cues(sentence: str, name: str, expected: str) -> None:
    votes = mention_votes(in_sentence(sentence, name, "ORG"))
    assert max(votes.cues, key=votes.cues.get) == expected


def test_no_cue_from_a_company_that_speaks() -> None:
    votes = mention_votes(in_sentence("Paxar Corp said it has acquired a distributor.", "Paxar Corp", "ORG"))
    assert "PERSON" not in votes.cues


def test_the_indian_state_is_not_a_place_cue() -> None:
    votes = mention_votes(in_sentence("She came from the Indian state of Madhya Pradesh.", "Indian", "NORP"))
    assert "GPE" not in votes.cues


def test_plural_in_corpus_marks_a_people() -> None:
    cues = corpus_cues(["Tajik", "Tajiks", "Moscow", "Uzbeks", "Uzbek"])
    assert "NORP" in cues["tajik"] and "NORP" in cues["tajiks"] and "NORP" in cues["uzbek"]
    assert "moscow" not in cues


def test_model_votes_count_as_square_root() -> None:
    # Nine ORG labels from the model lose to four independent PERSON cues.
    votes = Votes(model={"ORG": 9}, cues={"PERSON": 4.0})
    assert votes.label == "PERSON"
    assert Votes().label == "UNKNOWN"


def test_compatibility() -> None:
    assert compatible("GPE", "LOC") and compatible("GPE", "FAC") and compatible("ORG", "FAC")
    assert compatible("UNKNOWN", "PERSON")
    for other in ("GPE", "LOC", "ORG", "NORP"):
        assert not compatible("PERSON", other)
    # A one-sided ORG/PERSON disagreement can be outvoted; two confident sides cannot.
    assert agree(Votes(model={"ORG": 3, "PERSON": 1}), Votes(model={"PERSON": 1}))
    assert not agree(Votes(model={"GPE": 3}, cues={"GPE": 2.0}), Votes(model={"PERSON": 2}, cues={"PERSON": 2.0}))


def test_consensus_over_the_corpus() -> None:
    sentences = [
        ("Anuar migrated to Russia in 2018, serving his sentence there.", 1),
        ("Anuar's father said he was afraid.", 1),
        ("Anuar's father told the outlet.", 2),
        ("Anuar witnessed the recruitment.", 2),
    ]
    mentions = [in_sentence(s, "Anuar", "ORG", d) for s, d in sentences]
    (entity,) = resolve(mentions)
    assert entity.label == "PERSON"


def test_region_is_not_a_person() -> None:
    mentions = [
        in_sentence("He was sent to Penal Colony Number Six in the Vladimir region.", "Vladimir", "PERSON", 1),
        in_sentence("He was jailed in the Vladimir region, 190 km from Moscow.", "Vladimir", "PERSON", 2),
        in_sentence("He serves his sentence in a colony located in Vladimir.", "Vladimir", "PERSON", 3),
    ]
    (entity,) = resolve(mentions)
    assert entity.label == "GPE"
