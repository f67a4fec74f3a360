"""The report's one parser: the configured model, and no traceback when it cannot be loaded."""

from __future__ import annotations

from corpuskit.facts import grammar


def test_a_model_that_cannot_be_loaded_means_no_parse_not_an_error():
    try:
        grammar.use_model("no_such_spacy_model_package")
        assert not grammar.parser_available()
        assert grammar.parse_sentences(["The man, 46, was jailed."]) == [None]
    finally:
        grammar.use_model("auto")
    assert grammar.parser_available()
