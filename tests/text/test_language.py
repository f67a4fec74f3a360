"""A document's language: metadata first, then the text, then the setting."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from corpuskit.text.language import CANONICAL, UNDETERMINED, detected_language, document_language, language_code

SENTENCES = {
    "en": "The city council voted on Tuesday to close the old bridge for repairs until the end of next summer.",
    "de": "Der Stadtrat hat am Dienstag beschlossen, die alte Brücke bis zum Ende des nächsten Sommers zu sperren.",
    "pt": "A câmara municipal votou na terça-feira o encerramento da velha ponte para obras até ao fim do verão.",
    "ru": "Городской совет во вторник проголосовал за закрытие старого моста на ремонт до конца следующего лета.",
    "ko": "시의회는 화요일 낡은 다리를 내년 여름이 끝날 때까지 보수를 위해 폐쇄하기로 의결했다.",
    "fr": "Le conseil municipal a voté mardi la fermeture du vieux pont pour travaux jusqu'à la fin de l'été prochain.",
}


@pytest.mark.parametrize("language", sorted(SENTENCES))
def test_one_sentence_is_enough_to_tell_its_language(language):
    assert detected_language(SENTENCES[language], 0.9) == language


@pytest.mark.parametrize("text", ["Breaking news", "Anna Smith", "12,500 (2024)", "", "---"])
def test_a_headline_a_name_or_figures_alone_are_not_guessed(text):
    assert detected_language(text, 0.9) is None


@pytest.mark.parametrize(
    ("given", "code"),
    [("en", "en"), ("en-GB", "en"), ("pt_BR", "pt"), ("DE", "de"), (" ru ", "ru"), ("zh-Hant-TW", "zh")],
)
def test_language_tags_come_down_to_their_language(given, code):
    assert language_code(given) == code


@pytest.mark.parametrize("given", ["English", "eng", "", None, "e", "en GB", "12"])
def test_values_that_are_no_language_tag_are_not_taken_as_one(given):
    assert language_code(given) is None


def test_the_metadata_wins_then_the_text_then_the_setting():
    german = SENTENCES["de"]
    assert document_language("fr", german, "en", 0.9) == "fr"
    assert document_language(None, german, "en", 0.9) == "de"
    assert document_language("English", german, "en", 0.9) == "de", "a value that is no tag: the text decides"
    assert document_language(None, "Breaking news", "en", 0.9) == "en", "unsure, but its best guess is the setting's"
    assert document_language(None, "12,500 (2024)", "pt", 0.9) == "pt", "no letters: the setting"


@pytest.mark.parametrize("brief", ["Der Stadtrat tagt am Montag.", "Le pont ferme.", "Anna Smith"])
def test_a_brief_the_detector_is_unsure_of_and_guesses_otherwise_is_undetermined(brief):
    """Not the setting's language: an English model would read a German brief's nouns as names."""
    assert document_language(None, brief, "en", 0.9) == UNDETERMINED == "und"


@given(st.text(max_size=300))
def test_any_text_gets_a_two_letter_language_or_the_fallback(text):
    language = document_language(None, text, "xx", 0.9)
    assert language not in CANONICAL, "one code a language"
    assert language == "xx" or (len(language) in (2, 3) and language.isalpha() and language.islower())


NORWEGIAN = "Regjeringen har bestemt at skolene skal åpne igjen neste uke, sa statsministeren på en pressekonferanse."


@pytest.mark.parametrize(
    ("given", "code"), [("iw", "he"), ("IW-IL", "he"), ("no", "nb"), ("nb-NO", "nb"), ("in", "id")]
)
def test_a_language_with_two_codes_is_written_one_way(given, code):
    """The code spaCy's models use: a metadata "no" and a model "nb_core_news_sm" must meet."""
    assert language_code(given) == code


def test_a_detected_language_is_written_as_the_models_write_it():
    assert detected_language(NORWEGIAN, 0.9) == "nb", "the detector says no; spaCy's Norwegian is nb"
    assert document_language(None, NORWEGIAN, "no", 0.9) == "nb"
    assert document_language(None, "Breaking news", "EN", 0.9) == "en", "the setting is written one way too"
    assert language_code("he") == "he" and language_code("de") == "de", "codes with one form are as given"
