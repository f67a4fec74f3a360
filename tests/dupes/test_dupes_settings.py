"""The thresholds of alignment, edits, direction and derivation come from DupesSettings: each one,
set otherwise, changes a result, and the cached verdicts follow the ones a verdict depends on."""

from __future__ import annotations

from dataclasses import replace

from dupes_stories import LIBRARIES, article

from corpuskit.dupes import DocInput, compare_documents, find_duplicates
from corpuskit.dupes import corpus as dupes_corpus
from corpuskit.dupes.align import Alignment, align, profile, unify_spellings
from corpuskit.dupes.classify import direction_of
from corpuskit.dupes.derivation import derive_documents
from corpuskit.dupes.settings import DupesSettings
from corpuskit.dupes.text import analyse

DEFAULTS = DupesSettings()
TEXT = article(LIBRARIES)


def edited(old: str, new: str, **changed) -> list[tuple[str, str, str]]:
    assert old in TEXT
    pair = compare_documents(DocInput(1, TEXT), DocInput(2, TEXT.replace(old, new)), replace(DEFAULTS, **changed))
    assert pair is not None
    return [(e.kind, e.a, e.b) for p in pair.passages for e in p.edits]


def test_max_small_edit_words_decides_whether_a_cut_is_an_edit():
    assert edited("in heavy rain and handed", "and handed") == [("wording", "in heavy rain", "")]
    assert edited("in heavy rain and handed", "and handed", max_small_edit_words=2) == []


def test_max_block_words_decides_whether_a_replaced_stretch_is_a_wording_edit():
    old, new = "who has worked at the Elm Street branch for 23 years", "who ran the Elm Street branch"
    assert edited(old, new) == [("wording", "has worked at", "ran"), ("wording", "for 23 years", "")]
    assert edited(old, new, max_block_words=2) == []


def test_name_similarity_decides_which_names_in_a_rewritten_stretch_are_one_name():
    old = "Librarian Tomasz Wierzbicki, who has worked at the Elm Street branch for 23 years,"
    new = "Librarian Tomasz Wierzbecky, a familiar face at the Elm Street branch for 23 years,"
    assert edited(old, new) == [("name", "Wierzbicki", "Wierzbecky"), ("wording", "who has worked", "a familiar face")]
    assert edited(old, new, name_similarity=0.9) == [
        ("wording", "Wierzbicki, who has worked", "Wierzbecky, a familiar face")
    ]


def test_number_context_words_decides_when_two_numbers_count_the_same_thing():
    old, new = "found that 78 percent", "found that 87 percent"
    assert edited(old, new) == [("number", "78", "87")]
    # the sentence has 14 words around the number: not enough when 20 must agree
    assert edited(old, new, number_context_words=20) == [("wording", "78", "87")]


def test_first_name_prefix_decides_when_a_changed_first_name_is_one_name():
    old, new = "Librarian Tomasz Wierzbicki", "Librarian Tom Wierzbicki"
    assert edited(old, new) == [("name", "Tomasz", "Tom")]
    assert edited(old, new, first_name_prefix=4) == [("wording", "Tomasz", "Tom")]


def test_variant_min_length_decides_which_names_may_be_respellings():
    assert unify_spellings(["karim"], ["karem"]) == {"karem": "karim"}
    assert unify_spellings(["karim"], ["karem"], replace(DEFAULTS, variant_min_length=6)) == {}
    respelled = TEXT.replace("Wierzbicki", "Wierzbiecki")
    assert align(analyse(TEXT), analyse(respelled)).respelled == {"wierzbiecki": "wierzbicki"}
    # A profile made with another length is made again, not reused.
    profiles = profile(analyse(TEXT)), profile(analyse(respelled))
    assert align(*profiles, replace(DEFAULTS, variant_min_length=12)).respelled == {}


def test_containment_min_additions_decides_when_containment_tells_the_direction():
    a, b = DocInput(1, "One text."), DocInput(2, "Another text.")
    contained = Alignment((), share_a=0.9, share_b=0.5, aligned_a=frozenset(), aligned_b=frozenset())
    assert direction_of(a, b, contained) == ("a->b", "containment")
    assert direction_of(a, b, contained, replace(DEFAULTS, containment_min_additions=0.5)) == (None, None)


def test_verbatim_run_words_decides_which_runs_count_as_verbatim():
    # Every fourth word changed: runs of three words are left word for word, runs of four hardly.
    copy = " ".join(w if i % 4 else w + "x" for i, w in enumerate(TEXT.split(" ")))
    docs = [DocInput(1, TEXT, "2024-03-04"), DocInput(2, copy, "2024-03-05")]
    pairs = find_duplicates(docs).pairs
    default = derive_documents(docs, pairs)[2].verbatim_share
    assert (
        default > 0.7 > 0.2 > derive_documents(docs, pairs, replace(DEFAULTS, verbatim_run_words=4))[2].verbatim_share
    )


def test_the_verdict_key_follows_the_verdict_thresholds_not_the_corpus_wide_ones():
    key = dupes_corpus.verdict_key(DEFAULTS)
    for name, value in [
        ("containment_min_additions", 0.5),
        ("variant_min_length", 6),
        ("max_small_edit_words", 5),
        ("max_block_words", 10),
        ("name_similarity", 0.9),
    ]:
        assert dupes_corpus.verdict_key(replace(DEFAULTS, **{name: value})) != key, name
    assert dupes_corpus.verdict_key(replace(DEFAULTS, verbatim_run_words=5)) == key
    assert replace(DEFAULTS, verbatim_run_words=5, variant_min_length=6).signature_key() == DEFAULTS.signature_key()
