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
