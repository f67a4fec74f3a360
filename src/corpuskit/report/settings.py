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
    number_tolerance: float = share(0.02)  # "2.4 million" and "2.41 million" agree; rounding is not a conflict
    number_context_words: int = count(4)  # content words two sentences share to state the same quantity ...
    number_context_share: float = share(0.4)  # ... and this share of the shorter sentence's
    # --- dates: date_conflict findings ---------------------------------------------------------
    event_words_shared: int = count(2)  # content words two dated sentences share to be compared at all (the
    # predicate and a name, say); what makes them one event is the predicate and participants
    event_paraphrase_words: int = count(4)  # words two dated sentences share to be paraphrases of one another ...
    event_context_share: float = share(0.4)  # ... and this share of the shorter one's
    common_year_phrases: int = count(2, minimum=2)  # phrases of one event without a year needed to compare
    # them as if in one year (a lone one stays "cannot be compared")
    # How likely a date conflict is real, from its evidence.  Chosen, not fitted: the labelled sample
    # holds six date conflicts, too few to fit seven numbers by cross-validation.
    date_same_predicate_confidence: float = share(0.5)  # both phrases on one predicate ("died in ...")
    date_participant_bonus: float = share(0.3)  # ... with the same named participant or subject
    date_context_bonus: float = share(0.1)  # ... in aligned or paraphrased sentences
    date_reported_confidence: float = share(0.35)  # a reporting verb against the report it frames: either
    # may be what the phrase dates
    date_assumed_year_factor: float = share(0.7)  # neither text gives the year: both assumed in one
    date_near_miss_days: int = count(2, minimum=0)  # phrases counted from publication dates this close miss
    # by how a date was given (a paper dated the morning after), not by what happened ...
    date_near_miss_factor: float = share(0.4)  # ... so their conflict counts for this much
    date_report_days_apart: int = count(3, minimum=0)  # documents published further apart report different
    # days of a story: their "today" and "on Monday" are not compared
    date_cannot_compare_confidence: float = share(0.25)  # of the link's: a phrase that cannot be placed says
    # nothing wrong, only that a reader cannot check
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
