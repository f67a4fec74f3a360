"""Story terms kept per text: made once, read back, the same grouping as counting afresh."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.stage_corpus import DOCUMENTS, copies_corpus, ingested_store

from corpuskit.report import stories
from corpuskit.report import terms as story_terms
from corpuskit.report.settings import DEFAULT_STORY_SETTINGS
from corpuskit.report.stories import StoryDoc, group_stories, story_candidates
from corpuskit.text.terms import terms_from_bytes, terms_to_bytes, text_terms

MIN_LENGTH = DEFAULT_STORY_SETTINGS.min_term_length
# What a term can be: anything str.split leaves of a text, at least one character.
TERM = st.text(st.characters(blacklist_categories=["Cs"]), min_size=1).filter(lambda t: t.split() == [t])


@given(st.lists(st.tuples(TERM, st.integers(1, 2**32 - 1)), unique_by=lambda pair: pair[0]))
def test_terms_round_trip_through_bytes(pairs):
    terms = (tuple(t for t, _ in pairs), tuple(c for _, c in pairs))
    assert terms_from_bytes(terms_to_bytes(terms)) == terms


def test_two_spellings_of_one_term_add_up_and_stop_words_and_short_keys_are_left_out():
    words, counts = text_terms("The jailed man was jailed. Jail! He is in it, of the jail.", MIN_LENGTH)
    found = dict(zip(words, counts))
    assert len(found) == 2 and sorted(found.values()) == [1, 4]  # "jail" (four spellings) and "man"
    assert not {"the", "he", "is", "in", "it", "of"} & set(words)


@pytest.fixture
def store(tmp_path: Path):
    store = ingested_store(tmp_path / "store.db", copies_corpus(tmp_path / "corpus"))
    yield store
    store.close()


def test_terms_are_made_once_then_read_back(store, monkeypatch):
    progress = []
    first = story_terms.corpus_terms(store, MIN_LENGTH, lambda done, total: progress.append((done, total)))
    assert len(first) == DOCUMENTS and progress == [(done, DOCUMENTS) for done in range(DOCUMENTS + 1)]
    texts = {document: store.document_texts([document])[document] for document in first}
    assert all(first[d] == text_terms(texts[d], MIN_LENGTH) for d in first)

    def counted(*_):
        raise AssertionError("terms of an unchanged text made again")

    monkeypatch.setattr(story_terms, "text_terms", counted)
    assert story_terms.corpus_terms(store, MIN_LENGTH) == first


def test_another_minimum_length_makes_its_own_terms_and_keeps_both(store, monkeypatch):
    short = story_terms.corpus_terms(store, 1)
    default = story_terms.corpus_terms(store, MIN_LENGTH)
    assert short != default

    def counted(*_):
        raise AssertionError("terms kept for another minimum length were overwritten")

    monkeypatch.setattr(story_terms, "text_terms", counted)
    assert story_terms.corpus_terms(store, 1) == short
    assert story_terms.corpus_terms(store, MIN_LENGTH) == default


def test_an_interrupted_run_keeps_the_batches_it_finished(store, monkeypatch):
    monkeypatch.setattr(story_terms, "SAVE_EVERY", 4)
    made = []

    def failing_after_two_batches(text, min_length):
        if len(made) == 8:
            raise KeyboardInterrupt
        made.append(text)
        return text_terms(text, min_length)

    monkeypatch.setattr(story_terms, "text_terms", failing_after_two_batches)
    with pytest.raises(KeyboardInterrupt):
        story_terms.corpus_terms(store, MIN_LENGTH)
    key = story_terms.terms_key(MIN_LENGTH)
    assert len(store.texts_without_cached(story_terms.cache_name(MIN_LENGTH), key)) == DOCUMENTS - 8


def test_grouping_with_kept_terms_is_grouping_without(store):
    kept = story_terms.corpus_terms(store, MIN_LENGTH)
    rows = store.documents()
    texts = store.document_texts([r["id"] for r in rows])
    plain = [StoryDoc(r["id"], texts[r["id"]], r["published"], r["outlet"]) for r in rows]
    with_terms = [StoryDoc(d.id, d.text, d.published, d.outlet, terms=kept[d.id]) for d in plain]
    assert group_stories(with_terms) == group_stories(plain)
    assert story_candidates(with_terms) == story_candidates(plain)
    assert len(group_stories(plain)) < len(plain)  # the copies share stories: the comparison is not vacuous


def test_a_word_written_with_a_nul_is_never_taken_for_an_entity_key():
    words, _ = text_terms("\x00anna met anna", MIN_LENGTH)
    assert words == ("anna", "met") and not any(w.startswith("\x00") for w in words)
    docs = [StoryDoc(1, "\x00anna spoke at the harbour", entities=("Anna",)), StoryDoc(2, "anna at the harbour")]
    term, position, _ = stories._postings(docs, DEFAULT_STORY_SETTINGS)
    assert len(set(zip(term.tolist(), position.tolist()))) == len(term)  # one posting a term and document
