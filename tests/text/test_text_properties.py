"""Properties of the one text layer, on generated texts: every span indexes the text it came from."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from corpuskit.dupes.text import analyse
from corpuskit.facts.text import Layout
from corpuskit.text.quotes import quoted_ranges
from corpuskit.text.sentences import paragraph_spans, sentence_spans
from corpuskit.text.words import WORD, lowered, normalized_text, skeleton, word_key, word_spans

# Texts made of the characters sentence splitting turns on: capitals, digits,
# stops, quotes, brackets, abbreviations, line breaks and odd whitespace.
_PIECES = st.sampled_from(
    [
        "a", "b", "Z", "x", "é", "Ж", "7", "42", " ", "  ", "\t", "\n", "\n\n", ".", "!", "?", "\u2026", ",",
        '"', "'", "\u201c", "\u201d", "\u2018", "\u2019", "(", ")", "[", "Mr.", "No.", "J.", "U.K.", "e.g.",
        "2,500", "don't", "well-known", "The", "Smith", "said",
    ]
)  # fmt: skip
TEXTS = st.lists(_PIECES, max_size=60).map("".join)

_WORDS = st.sampled_from(["the", "Smith", "Mr.", "J.", "report", "said", "2,500", "U.K.", "Six", "town", "won"])
_STOPS = st.sampled_from([".", "!", "?", ".\u201d", ".)", ","])


@st.composite
def prose(draw) -> str:
    """Sentences of words separated by single spaces, some starting with a capital or a quote."""
    sentences = []
    for _ in range(draw(st.integers(1, 6))):
        words = draw(st.lists(_WORDS, min_size=1, max_size=8))
        opener = draw(st.sampled_from(["", "\u201c", "("]))
        sentences.append(opener + " ".join(words).capitalize() + draw(_STOPS))
    return " ".join(sentences)


def _assert_spans_index(text: str, spans: list[tuple[int, int]], start: int = 0, end: int | None = None) -> None:
    end = len(text) if end is None else end
    previous_end = start
    for s, e in spans:
        assert previous_end <= s < e <= end  # in order, non-overlapping, within bounds, never empty
        previous_end = e


@given(TEXTS)
def test_sentence_spans_index_the_text(text):
    spans = sentence_spans(text)
    _assert_spans_index(text, spans)
    for s, e in spans:
        sentence = text[s:e]
        assert sentence == sentence.strip() and "\n" not in sentence


@given(TEXTS)
def test_sentences_cover_every_word(text):
    """Splitting loses nothing: each word of the text lies inside exactly one sentence."""
    spans = sentence_spans(text)
    for ws, we in word_spans(text):
        inside = [s <= ws and we <= e for s, e in spans]
        assert sum(inside) == 1, (text, ws, we)


@given(TEXTS, st.data())
def test_sentence_spans_of_a_stretch_stay_inside_it(text, data):
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    _assert_spans_index(text, sentence_spans(text, start, end), start, end)


@given(TEXTS)
def test_paragraph_spans_are_the_lines(text):
    spans = paragraph_spans(text)
    _assert_spans_index(text, spans)
    assert [text[s:e] for s, e in spans] == [line.strip() for line in text.split("\n") if line.strip()]


@given(TEXTS)
def test_word_spans_index_the_text(text):
    spans = word_spans(text)
    _assert_spans_index(text, spans)
    assert all(WORD.fullmatch(text[s:e]) for s, e in spans)


@given(TEXTS)
def test_tokens_and_sentences_of_dupes_index_the_text(text):
    units = analyse(text)
    _assert_spans_index(text, [(t.start, t.end) for t in units.tokens])
    _assert_spans_index(text, [(s.start, s.end) for s in units.sentences])
    assert all(text[t.start : t.end] == t.surface for t in units.tokens)
    for sentence in units.sentences:
        assert all(
            sentence.start <= t.start and t.end <= sentence.end
            for t in units.tokens[sentence.first_token : sentence.end_token]
        )


@given(TEXTS)
def test_facts_and_dupes_cut_the_same_sentences(text):
    """One splitter: the facts' layout and dupes' units agree on every sentence holding a word."""
    worded = [(s.start, s.end) for s in analyse(text).sentences]
    assert [s for s in Layout(text).sentences if WORD.search(text, *s)] == worded


@given(TEXTS)
def test_quoted_ranges_index_the_text(text):
    _assert_spans_index(text, quoted_ranges(text))


@settings(max_examples=200)
@given(prose(), st.sampled_from(["  ", "   ", "\t", " \t "]))
def test_splitting_is_stable_under_whitespace(text, spacing):
    """More or other whitespace between words gives the same sentences, modulo whitespace."""
    wider = text.replace(" ", spacing)

    def sentences(t: str) -> list[str]:
        return [normalized_text(t[s:e]) for s, e in sentence_spans(t)]

    assert sentences(wider) == sentences(text)


@given(st.text(max_size=20))
def test_skeleton_and_normalised_text_are_idempotent(word):
    key = word_key(word) if word else word
    assert skeleton(skeleton(key)) == skeleton(key)
    assert normalized_text(normalized_text(word)) == normalized_text(word)


@given(st.from_regex(r"[0-9]{1,3}(,[0-9]{3}){0,3}", fullmatch=True))
def test_number_keys_are_idempotent(number):
    key = word_key(number)
    assert word_key(key) == key == number.replace(",", "")


@given(st.from_regex(r"[A-Za-z]{1,12}", fullmatch=True))
def test_word_keys_ignore_case(word):
    assert word_key(word.upper()) == word_key(word.lower())
    assert word_key(word, fold_numbers=False) == word_key(word) or word.lower() in {
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
        "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty",
        "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred", "thousand", "million",
    }  # fmt: skip


@given(st.text(max_size=30))
def test_lowered_keeps_offsets(text):
    assert len(lowered(text)) == len(text)


def test_a_stray_quote_mark_does_not_hide_an_abbreviation():
    # Both former splitters differed here: one stripped the curly single quote, one did not.
    assert len(sentence_spans("He met \u2018Dr. Smith at noon.")) == 1
    assert len(sentence_spans("It was late. \u201cNo. 6 is open,\u201d he said.")) == 2
