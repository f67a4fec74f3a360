"""The settings of the dupes library: every threshold that changes a verdict, in one place.

It imports nothing of the package but ``cachekey`` and ``ranges`` (each field's valid
range), so that corpuskit.yaml can
be validated against it without the code of the whole dupes stage becoming
part of the cache key of every stage that reads the configuration.
"""

from __future__ import annotations

from dataclasses import dataclass

from corpuskit.cachekey import cache_key, library_versions
from corpuskit.ranges import count, share

# The module that computes signatures (named relative to this package): its code is part of their key.
SIGNATURE_MODULE = f"{__package__}.signatures"
# The libraries that shape signatures and verdicts: anyascii folds the words (text.words), numpy
# hashes and compares them.
LIBRARIES = ("anyascii", "numpy")
# ... and verdicts: rapidfuzz measures name variants and word-sequence similarity (align, edits),
# scipy holds a long text's sparse matrices (align).
VERDICT_LIBRARIES = (*LIBRARIES, "rapidfuzz", "scipy")
SIGNATURE_FIELDS = ("shingle_words", "minhash_size", "anchor_window", "anchor_sample")
# The module that hashes sentences for boilerplate learning: its code is part of the stored hashes' key.
BOILERPLATE_MODULE = f"{__package__}.boilerplate"


@dataclass(frozen=True)
class DupesSettings:
    """Every threshold of the library in one place (corpuskit.yaml's ``dupes:`` section).

    The alignment and relation defaults were chosen on a labelled
    journalistic text-reuse corpus (see benchmarks/); the scores there
    change little within about +-0.05 of them.  ``shingle_words``,
    ``minhash_size``, ``anchor_window`` and ``anchor_sample`` shape the
    stored signatures: changing them changes ``signature_key``, and stored
    signatures must be recomputed.  The others apply when searching and
    verifying; cached verdicts stay valid when only the candidate-search
    fields change (``corpus.SEARCH_FIELDS``).
    """

    # --- signatures -----------------------------------------------------
    shingle_words: int = count(5)  # word shingles for MinHash (near-verbatim copies)
    minhash_size: int = count(64)  # one-permutation MinHash bins
    lsh_bands: int = count(16, minimum=0)  # 16 bands x 4 rows: pairs above ~0.5 Jaccard meet in a band
    anchor_window: int = count(3, minimum=2)  # content words paired with the next 1..window-1 content words
    anchor_sample: int = count(1)  # keep anchors whose hash is 0 mod this (1 = all); 2 halves the index
    # (with min_shared_anchors=2 it finds about the same candidates: for very large corpora)
    # --- candidate search ------------------------------------------------
    anchor_max_df: float = share(0.005)  # anchors in more than this share of documents are boilerplate
    anchor_df_floor: int = count(10, minimum=0)  # ... but the cap is never below this many documents
    anchor_df_limit: int = count(20)  # ... nor above this many: bounds the pairs one anchor makes (memory at 100k)
    min_shared_anchors: int = count(4)  # rare word pairs two documents must share to be compared
    min_anchor_share: float = share(0.02)  # ... and this share of the rare anchors of the document with fewer
    max_candidates: int = count(50)  # per document, strongest first: bounds the work per document
    # --- boilerplate (boilerplate.py) -------------------------------------
    boilerplate_min_documents: int = count(3, minimum=2)  # a sentence in this many documents of one outlet
    # is its boilerplate (footers, newsletter prompts) and ignored when judging a pair ...
    boilerplate_max_recurring: float = share(0.5)  # ... counting only documents with at most this share of
    # their text recurring in the outlet's other documents (versions of one story are not boilerplate)
    # --- alignment --------------------------------------------------------
    sentence_containment: float = share(0.7)  # share of a sentence's content words found in one window
    extend_containment: float = share(0.5)  # ... or this share, next to a sentence that was found
    min_matched_words: int = count(3)  # content words a sentence must share to align at all
    window_sentences: int = count(3)  # a sentence may be rewritten from up to this many sentences
    variant_min_length: int = count(4)  # names this long may be respellings (Karim/Karem); shorter words
    # differ by one letter from too many other words ("form"/"from")
    # --- what an aligned passage is evidence of (classify.passage_kind) ------------
    # Independent reports of one event share its names, numbers and quotations: a passage is evidence of
    # reuse only when the wording outside quotation marks is shared too.
    passage_wording: float = share(0.25)  # word-sequence similarity of the words outside quotation marks
    min_narrative_words: int = count(6)  # ... of at least this many such words on each side; else quotation
    # A pair needs this much of one text in reuse passages; then its quotation passages count towards min_share
    min_reuse_share: float = share(0.1)
    # A pair stands on min_share of the copy, or of the source when taken in passages this many sentences long
    sequence_sentences: int = count(3)
    # --- edits inside aligned passages (edits.py) ----------------------------
    max_small_edit_words: int = count(3)  # insertions/deletions up to this many words are edits, longer ones cuts
    max_block_words: int = count(6)  # a longer replaced block is rewritten: only its edge numbers and respelled
    # names are edits
    name_similarity: float = share(0.7)  # two names are one respelled at this Levenshtein similarity (Smyth/Smith 0.8)
    # two numbers count the same thing when this many unchanged words surround them, at least one on each
    # side ("total of 17 charges" / "total of 13 charges"); this many less one before them when punctuation
    # follows (an age after a name: "Frank Walters, 51," / "Frank Walters, 52,")
    number_context_words: int = count(3, minimum=2)
    first_name_prefix: int = count(3)  # a first name changed before the same surname is one name when the two
    # begin with this many letters alike (Dave/David Jones)
    # --- relation ----------------------------------------------------------
    min_share: float = share(0.15)  # a pair is reported when this much of one text is aligned
    rewrite_share: float = share(0.6)  # the copy is a rewrite (not partial) when this much of it is
    near_copy_share: float = share(0.9)  # the copy this much aligned ...
    near_copy_similarity: float = share(0.9)  # ... by passages this similar: a near copy
    # containment tells the direction when the container adds this much of its own: the contained text's
    # aligned share times (1 - this) is at most the container's
    containment_min_additions: float = share(1 / 3)
    # --- document derivation (all sources together, see derivation.py) --------
    derived_whole_probability: float = share(0.5)  # cut-off of the fitted "derived wholly" model
    verbatim_run_words: int = count(3)  # shortest word-for-word run its verbatim_share counts (fitted with 3)
    # --- clustering ----------------------------------------------------------
    cluster_core_overlap: float = share(0.5)  # a joining link must reuse this much of the cluster's text
    # --- siblings (see siblings.py) -------------------------------------------
    # two linked texts derived from common sources are siblings, not copies of each other, when this
    # share of what each has in common with the other is material it shares with those sources
    sibling_explained_share: float = share(0.8)

    def signature_key(self) -> str:
        """Key of stored signatures: the fields that shape them and the code that computes them."""
        shaping: dict = {name: getattr(self, name) for name in SIGNATURE_FIELDS}
        shaping["libraries"] = library_versions(*LIBRARIES)
        return cache_key([SIGNATURE_MODULE], shaping)


DEFAULT_SETTINGS = DupesSettings()
