"""Texts longer than spaCy's one-million-character limit are read in pieces, offsets kept right."""

from __future__ import annotations

import random

import pytest
import spacy

from corpuskit import nlp
from corpuskit.entities import cache
from corpuskit.store import Store

NAME = "Maria Lopez"
PLACE = "Springfield"


def light_pipeline():
    """Tokens, a pattern ruler and sentences: the pieces logic without a model's cost."""
    pipeline = spacy.blank("en")
    ruler = pipeline.add_pipe("entity_ruler")
    ruler.add_patterns(
        [
            {"label": "PERSON", "pattern": [{"TEXT": "Maria"}, {"TEXT": "Lopez"}]},
            {"label": "GPE", "pattern": PLACE},
        ]
    )
    pipeline.add_pipe("sentencizer")
    return pipeline


def long_text(characters: int, seed: int = 1) -> str:
    """Paragraphs of filler words, with the name and the place near the start and the end."""
    rng = random.Random(seed)
    words = "the river rose over its banks and farmers moved cattle to higher ground before night".split()
    paragraphs = [f"Early on {NAME} spoke in {PLACE} about the flood."]
    length = len(paragraphs[0])
    while length < characters:
        paragraph = " ".join(rng.choice(words) for _ in range(60)).capitalize() + "."
        paragraphs.append(paragraph)
        length += len(paragraph) + 2
    paragraphs.append(f"Later that week {NAME} came back to {PLACE} to meet the council.")
    return "\n\n".join(paragraphs) + "\n"


def mentions_of(text: str, piece_size: int) -> list[nlp.RawMention]:
    [(key, found)] = list(nlp.extract(light_pipeline(), [(7, text)], piece_size=piece_size))
    assert key == 7
    return found


def test_pieces_cover_the_text_and_cut_at_breaks():
    text = long_text(5_000)
    pieces = nlp.text_pieces(text, 700)
    assert "".join(piece for _, piece in pieces) == text
    assert all(len(piece) <= 700 for _, piece in pieces)
    assert all(text[offset : offset + len(piece)] == piece for offset, piece in pieces)
    assert all(piece.endswith("\n\n") for _, piece in pieces[:-1])


def test_a_text_without_breaks_is_still_cut_within_the_size():
    text = "x" * 2_500
    pieces = nlp.text_pieces(text, 1_000)
    assert [len(p) for _, p in pieces] == [1_000, 1_000, 500]


def test_mention_offsets_in_pieces_index_the_whole_text():
    text = long_text(20_000)
    found = mentions_of(text, piece_size=1_000)
    names = [m for m in found if m.label == "PERSON"]
    assert len(names) == 2
    for mention in found:
        assert text[mention.start : mention.end] in (NAME, PLACE)
        sentence = text[mention.sentence_start : mention.sentence_end]
        assert text[mention.start : mention.end] in sentence
    assert names[-1].start > 19_000  # the last one came from a late piece, shifted back


def test_pieces_give_the_same_mentions_as_one_pass():
    text = long_text(20_000)
    assert mentions_of(text, piece_size=1_000) == mentions_of(text, piece_size=1_000_000)


def test_several_texts_keep_their_own_mentions_in_order():
    texts = [(1, long_text(3_000, seed=2)), (2, "Nothing named here."), (3, long_text(3_000, seed=3))]
    results = list(nlp.extract(light_pipeline(), texts, piece_size=500))
    assert [key for key, _ in results] == [1, 2, 3]
    assert results[1][1] == []
    for (key, text), (_, found) in zip(texts, results):
        assert all(text[m.start : m.end] in (NAME, PLACE) for m in found), key


def test_a_text_over_a_million_characters_at_the_default_size():
    text = long_text(1_050_000)
    assert len(text) > 1_000_000
    found = mentions_of(text, piece_size=nlp.PIECE_SIZE)
    assert [text[m.start : m.end] for m in found] == [NAME, PLACE, NAME, PLACE]
    assert found[-1].start > 1_000_000


@pytest.fixture
def light_model(monkeypatch):
    monkeypatch.setattr(cache, "load_pipeline", lambda setting="auto", language="en": light_pipeline())


def test_entities_command_on_a_text_over_a_million_characters(cli, tmp_path, light_model):
    folder = tmp_path / "long"
    folder.mkdir()
    text = "Flood diary\n\n" + long_text(1_050_000)
    (folder / "diary.txt").write_text(text, encoding="utf-8")
    assert cli("ingest", str(folder)).exit_code == 0
    result = cli("entities", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert "Traceback" not in result.stderr
    names = {e["name"]: e["mentions"] for e in cli.json("entities")["entities"]}
    assert names[NAME] == 2 and names[PLACE] == 2
    store = Store.open(cli.db, create=False)
    body = store.document("1")["text"]
    assert len(body) > 1_000_000
    spans = [(start, end) for _, start, end, *_ in store.document_mentions()]
    assert sorted(body[s:e] for s, e in spans) == sorted([NAME, NAME, PLACE, PLACE])


def test_report_command_on_a_text_over_a_million_characters(cli, tmp_path, light_model):
    folder = tmp_path / "long"
    folder.mkdir()
    diary = "Flood diary\n\n" + long_text(1_050_000) + "\nThe council counted 75 damaged bridges.\n"
    (folder / "diary.txt").write_text(diary, encoding="utf-8")
    (folder / "news.txt").write_text(
        # Its own words (not a copy of the diary's first line), so the two are independent sources.
        f"Flood news\n\nIn {PLACE}, {NAME} spoke of the flood: the river rose over its banks and farmers moved "
        "cattle. 40 houses were lost.\n",
        encoding="utf-8",
    )
    assert cli("ingest", str(folder)).exit_code == 0
    result = cli("report", "--format", "md")
    assert result.exit_code == 0, result.stderr
    report = cli.json("report")
    assert sorted(len(s["documents"]) for s in report["stories"]) == [2]
    body = Store.open(cli.db, create=False).document("1")["text"]
    spans = [
        (evidence["span"], evidence["text"])
        for story in report["stories"]
        for finding in story["findings"]
        for evidence in finding["evidence"]
        if evidence["document"] == 1
    ]
    assert any(start > 1_000_000 for (start, _), _ in spans), spans  # the claim at the very end
    for (start, end), text in spans:
        assert body[start:end] == text


def test_two_long_texts_that_share_half_are_aligned_with_sparse_matrices():
    """Transcripts and digests run to hundreds of thousands of characters: their alignment matrices
    are sparse, so a pair that shares half its text is found without gigabytes of counts."""
    from corpuskit.dupes import DocInput, find_duplicates
    from corpuskit.dupes.align import DENSE_CELLS, profile
    from corpuskit.dupes.text import analyse

    rng = random.Random(5)
    syllables = ["ka", "lo", "mi", "ren", "sa", "tu", "vel", "zor", "an", "ide", "po", "qua"]
    vocabulary = sorted({"".join(rng.choice(syllables) for _ in range(3)) for _ in range(6000)})

    def sentences(count: int) -> list[str]:
        return [" ".join(rng.choice(vocabulary) for _ in range(14)).capitalize() + "." for _ in range(count)]

    shared, own_a, own_b = sentences(1500), sentences(1500), sentences(1500)
    a_text, b_text = " ".join(own_a + shared), " ".join(shared + own_b)
    assert len(a_text) > 250_000
    a = profile(analyse(a_text))
    assert a.incidence.shape[0] * a.incidence.shape[1] > DENSE_CELLS  # the sparse form
    result = find_duplicates([DocInput(id=1, text=a_text), DocInput(id=2, text=b_text)])
    (pair,) = result.pairs
    assert pair.relation == "partial"
    assert 0.45 < pair.share_a < 0.55 and 0.45 < pair.share_b < 0.55
