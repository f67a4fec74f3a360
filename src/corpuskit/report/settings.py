"""The thresholds of the report: story grouping and every finding, set in corpuskit.yaml.

It imports nothing of the package but ``ranges`` (each field's valid range), so that corpuskit.yaml can be validated
against it without the report's code becoming part of the cache key of every
stage that reads the configuration.
"""

from __future__ import annotations

from dataclasses import dataclass

from corpuskit.ranges import count, positive, share, weight


@dataclass(frozen=True)
class StorySettings:
    """Chosen on the METER courts split (``benchmarks/stories.py``), then fixed."""

    threshold: float = share(0.08)  # average-link similarity needed to merge two groups
    entity_weight: float = weight(1.0)  # an entity key's weight relative to a word's of the same rarity
    terms_per_document: int = count(50)  # strongest terms kept in each vector
    max_document_share: float = share(0.1)  # terms in more of the corpus than this are dropped
    min_document_cap: int = count(30, minimum=0)  # ...but a term in this many documents is always kept
    min_similarity: float = share(0.05)  # weaker pairs are not even kept as graph edges
    min_linked_share: float = share(0.5)  # share of cross pairs that must be edges for two groups to merge
    max_days_apart: int = count(7, minimum=0)  # known dates further apart: never one story
    days_half_life: float = positive(7.0)  # similarity halves with every this many days between dates
    min_term_length: int = count(3)  # letters a word's key needs to be a term (shorter: "mr", "un", "pm")


@dataclass(frozen=True)
class ReportSettings:
    """What makes two statements one and how much evidence a finding shows (``report:``)."""

    # --- quotes: quote_variant findings, and quotes among the single-source claims ------
    quote_min_words: int = count(5)  # shorter quotes are phrases, and phrases recur by chance
    same_quote_share: float = share(0.6)  # share of the shorter quote's words, in order, found in the other
    quote_shared_words: int = count(3)  # distinctive words two quotes must share to be compared at all
    distinctive_word_length: int = count(4)  # letters a quote's word needs to be distinctive of it
    # --- numbers: number_conflict findings ---------------------------------------------------
    number_tolerance: float = share(0.02)  # values apart by at most this share of the larger agree when one
    # looks rounded (hedged, scaled, whole tens): 1,000 and 1,010 are one figure; 46 and 47 never are
    number_context_words: int = count(4)  # content words two sentences share to state the same quantity ...
    number_context_share: float = share(0.4)  # ... and this share of the shorter sentence's
    # --- dates: date_conflict findings ---------------------------------------------------------
    event_words_shared: int = count(4)  # words two dated phrases' sentences share to date the same event ...
    event_context_share: float = share(0.4)  # ... and this share of the shorter one's
    common_year_phrases: int = count(2, minimum=2)  # phrases of one event without a year needed to compare
    # them as if in one year (a lone one stays "cannot be compared")
    # --- names: name_variant findings -------------------------------------------------------
    evidence_per_spelling: int = count(2)  # mentions quoted for each spelling (in different documents first)
    # --- single_source findings ---------------------------------------------------------------
    claims_per_story: int = count(5, minimum=0)  # a list of every number would bury the ones that matter
    quotes_per_story: int = count(2, minimum=0)  # room kept for quotes among the claims listed
    claim_quote_min_words: int = count(8)  # shorter quotes are not listed as claims
    claim_min_count: int = count(10, minimum=0)  # smaller counts are the small numbers of prose, not checkable claims
    claim_digits: int = count(3)  # significant digits two statements of one claim agree to
    # --- evidence and comparison ---------------------------------------------------------------
    context_limit: int = count(400)  # characters of a sentence quoted around a span
    common_key: int = count(200)  # a key shared by more statements than this tells nothing about which belong together


DEFAULT_STORY_SETTINGS = StorySettings()
DEFAULT_REPORT_SETTINGS = ReportSettings()
