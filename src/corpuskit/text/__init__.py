"""The one text layer: what every stage needs to read a text, written once.

Module map: ``lexicon`` (English word lists: abbreviations, number words,
months, stop words, speech verbs), ``sentences`` (paragraph and sentence
spans: the one splitter), ``words`` (word spans, ``word_key``, skeletons,
content words), ``quotes`` (quotation spans) and ``credits`` (credit lines:
"X reported", "according to X", "told X").

Every span indexes the text it was found in, so a stage can quote it,
highlight it and hand it to another stage unchanged.  No stage splits text
or keeps a word list of its own; a variant is built from these in one line.
"""

from corpuskit.text.quotes import quoted_ranges
from corpuskit.text.sentences import first_sentence, paragraph_spans, sentence_spans
from corpuskit.text.words import content_keys, is_stopword, skeleton, word_key, word_spans

__all__ = [
    "content_keys",
    "first_sentence",
    "is_stopword",
    "paragraph_spans",
    "quoted_ranges",
    "sentence_spans",
    "skeleton",
    "word_key",
    "word_spans",
]
