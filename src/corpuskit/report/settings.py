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
    """Chosen on the METER courts split (``benchmarks/stories.py``), then fixed; the event-link
    similarity and quotation length by cross-validation grouped by catchline (``--cv``)."""

    threshold: float = share(0.08)  # average-link similarity needed to merge two groups
    entity_weight: float = weight(1.0)  # an entity key's weight relative to a word's of the same rarity
    terms_per_document: int = count(50)  # strongest terms kept in each vector
    max_document_share: float = share(0.1)  # terms in more of the corpus than this are dropped
    min_document_cap: int = count(30, minimum=0)  # ...but a term in this many documents is always kept
    min_similarity: float = share(0.05)  # weaker pairs are not even kept as graph edges
    min_linked_share: float = share(0.5)  # share of cross pairs that must be edges for two groups to merge
    # Each document keeps its edges to this many most similar others (an edge stays while either side
    # keeps it; edges inside a group of dupes links and event links are always kept): memory stays
    # linear in the corpus. A story of independent reports whose members have more than this many
    # similar documents each (over about twice this many in one week) can be cut into several.
    max_neighbours: int = count(200)
    max_days_apart: int = count(7, minimum=0)  # known dates further apart: never one story
    days_half_life: float = positive(7.0)  # similarity halves with every this many days between dates
    min_term_length: int = count(3)  # letters a word's key needs to be a term (shorter: "mr", "un", "pm")
    # Two outlets quoting one statement report one event: their pair is at least this similar
    # (then lowered with the days between them, like any pair).
    event_link_similarity: float = share(0.3)
    event_quote_words: int = count(15)  # words a shared quotation needs to be one statement, not a recurring phrase
    # A statement is reported within a news cycle or two; quoted later, it is recalled in another
    # event (METER cannot choose it: its copies are all a day from the wire).
    event_link_days: int = count(2, minimum=0)
    # A document whose similarity on words alone to every other stays below this (and that no dupes
    # or event link joins) cannot join a story of several documents: the report finds no names in it.
    # Entity keys raised a pair's similarity up to 2.6 times on METER + PolNeAR, so: half the threshold.
    candidate_similarity: float = share(0.04)


@dataclass(frozen=True)
class ReportSettings:
    """What makes two statements one and how much evidence a finding shows (``report:``)."""

    # --- quotes: quote_variant findings, and quotes among the single-source claims ------
    quote_min_words: int = count(5)  # shorter quotes are phrases, and phrases recur by chance
    same_quote_share: float = share(0.6)  # share of the shorter quote's words, in order, found in the other
    quote_shared_words: int = count(3)  # distinctive words two quotes must share to be compared at all
    distinctive_word_length: int = count(4)  # letters a quote's word needs to be distinctive of it
    quote_anchor_words: int = count(3)  # equal words in a row that end the aligned part of two versions: a
    # shorter run at an end ("was", "the") matches by chance in a cut or a joined sentence
    # Confidence that a changed quote is one quote misquoted, by the best evidence that the versions are one:
    quote_aligned_confidence: float = share(0.9)  # both in passages dupes aligned (one text copied the other)
    quote_speaker_confidence: float = share(0.75)  # the same speaker named with both
    quote_wording_confidence: float = share(0.55)  # only shared words: two statements of one speaker can share many
    # ... times the share of the shorter version's words found in the other (a heavy rewording may be another quote)
    # --- numbers: number_conflict findings ---------------------------------------------------
    number_tolerance: float = share(0.02)  # values apart by at most this share of the larger agree when one
    # looks rounded (hedged, scaled, whole tens): 1,000 and 1,010 are one figure; 46 and 47 never are
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
    # Confidence that two spellings are one name misspelt, by the best evidence that they name one thing:
    name_aligned_confidence: float = share(0.9)  # both spellings in passages dupes aligned (one text copied)
    name_context_confidence: float = share(0.7)  # in sentences sharing content words (same statement)
    name_copy_similarity: float = share(0.7)  # Levenshtein similarity of a word respelt between aligned copies
    # (a surname respelt by a letter or two): the alignment vouches for one name, so the resolver's stricter letter budget
    # is not needed; below it, "Dave"/"David" is a short form
    name_context_words: int = count(3)  # content words two mentions' sentences share to be one statement ...
    name_context_share: float = share(0.3)  # ... and this share of the shorter sentence's
    name_resolved_confidence: float = share(0.5)  # only the entity resolver joins them: its merges can be wrong
    # ... times how telling the change itself is (a respelt letter is a typo; a first name may be a relative):
    name_letter_factor: float = share(0.9)  # each letter changed beyond the first keeps this share
    name_word_form_factor: float = share(0.8)  # "Russia"/"Russian": a derived word, often a different phrase
    name_first_name_factor: float = share(0.6)  # another first name, same surname: possibly another person
    # --- single_source findings ---------------------------------------------------------------
    claims_per_story: int = count(5, minimum=0)  # a list of every number would bury the ones that matter
    quotes_per_story: int = count(2, minimum=0)  # room kept for quotes among the claims listed
    claim_quote_min_words: int = count(8)  # shorter quotes are not listed as claims
    claim_min_count: int = count(10, minimum=0)  # smaller counts are the small numbers of prose, not checkable claims
    claim_digits: int = count(3)  # significant digits two statements of one claim agree to
    claim_quote_share: float = share(0.5)  # share of a quote's distinctive words another source must have ...
    claim_quote_sentences: int = count(3)  # ... within this many consecutive sentences, to carry it reworded
    claim_context_words: int = count(2)  # content words another source's sentence shares with a claim's to
    # state the same value about the same thing (with ``number_context_share`` of the shorter one's)
    # --- evidence and comparison ---------------------------------------------------------------
    min_confidence: float = share(0.0)  # findings below are hidden (``report --min-confidence`` overrides)
    context_limit: int = count(400)  # characters of a sentence quoted around a span
    common_key: int = count(200)  # a key shared by more statements than this tells nothing about which belong together
    # --- pictures: the HTML report's derivation graph ---------------------------------------------
    # Documents drawn in one story's graph (the most linked first; the others are counted): beyond
    # about forty boxes the picture no longer fits a page and its lines cannot be followed.
    graph_max_nodes: int = count(40)


DEFAULT_STORY_SETTINGS = StorySettings()
DEFAULT_REPORT_SETTINGS = ReportSettings()
