"""The report's thresholds come from ReportSettings, story grouping's from StorySettings: each one,
set otherwise, changes the findings."""

from __future__ import annotations

from dataclasses import replace

from corpuskit.facts import extract_facts
from corpuskit.report.claims import claim_key
from corpuskit.report.context import DocView, StoryContext, evidence_at
from corpuskit.report.dates import date_conflict_findings
from corpuskit.report.grouping import pairs_sharing
from corpuskit.report.numbers import number_conflict_findings
from corpuskit.report.quotes import quote_variant_findings
from corpuskit.report.settings import ReportSettings, StorySettings
from corpuskit.report.stories import StoryDoc, group_stories

DEFAULTS = ReportSettings()


def story(*texts: str, settings: ReportSettings = DEFAULTS) -> StoryContext:
    return StoryContext({i: DocView(i, text) for i, text in enumerate(texts, start=1)}, [], settings)


def facts_of(context: StoryContext) -> dict:
    return {d: extract_facts(v.text) for d, v in context.docs.items()}


def found(finder, texts: tuple[str, ...], **changed) -> int:
    context = story(*texts, settings=replace(DEFAULTS, **changed))
    return len(finder(context, facts_of(context)))


CLOSE_NUMBERS = (
    "Police said 400 protesters were arrested in the capital on Sunday after the march.",
    "Police said 420 protesters were arrested in the capital on Sunday after the march.",
)
REWORDED_QUOTE = (
    '"We were treated like cattle and nobody asked us anything," a former prisoner said.',
    '"We were treated just like cattle and nobody asked us anything," a former prisoner said.',
)
REPLACED_WORD = (
    '"The trains were late every single day and nobody told us why," a commuter said.',
    '"The trains were delayed every single day and nobody told us why," a commuter said.',
)
TWO_DATES = (
    "The minister resigned from the cabinet in early March 2021, aides to the minister said.",
    "The minister resigned from the cabinet in late March 2021, aides to the minister said.",
)


def test_number_tolerance_decides_whether_close_values_conflict():
    assert found(number_conflict_findings, CLOSE_NUMBERS) == 1
    assert found(number_conflict_findings, CLOSE_NUMBERS, number_tolerance=0.1) == 0


def test_number_context_words_decide_which_sentences_state_one_quantity():
    assert found(number_conflict_findings, CLOSE_NUMBERS, number_context_words=50) == 0


def test_quote_thresholds_decide_which_quotes_are_one():
    assert found(quote_variant_findings, REWORDED_QUOTE) == 1
    assert found(quote_variant_findings, REWORDED_QUOTE, quote_min_words=20) == 0
    assert found(quote_variant_findings, REWORDED_QUOTE, quote_shared_words=20) == 0
    assert found(quote_variant_findings, REPLACED_WORD) == 1
    assert found(quote_variant_findings, REPLACED_WORD, same_quote_share=1.0) == 0


def test_event_words_decide_which_dates_are_one_event():
    assert found(date_conflict_findings, TWO_DATES) == 1
    assert found(date_conflict_findings, TWO_DATES, event_words_shared=30) == 0


NO_YEAR_DATES = (
    "The minister resigned from the cabinet in early March, aides to the minister said.",
    "The minister resigned from the cabinet in late March, aides to the minister said.",
)


def test_common_year_phrases_decide_when_phrases_without_a_year_are_compared():
    def statuses(**changed) -> list[str]:
        context = story(*NO_YEAR_DATES, settings=replace(DEFAULTS, **changed))
        return [f.details["status"] for f in date_conflict_findings(context, facts_of(context))]

    assert statuses() == ["conflict"]
    assert statuses(common_year_phrases=3) == ["cannot_compare"]


def test_min_term_length_decides_which_short_words_join_a_story():
    zoo = (
        "A yak, an emu and a gnu escaped from the zoo at Ely on Monday, keepers said.",
        "Police in Ely said the yak, the gnu and the emu were back at the zoo by evening.",
        "Councillors in Dunmore voted to close the Larchfield library branch and move its books.",
        "The Glenrock distillery in Speyside announced record whisky exports to Japan and Taiwan.",
    )
    docs = [StoryDoc(i, text) for i, text in enumerate(zoo, start=1)]

    def story_of_first(**changed) -> tuple[int, ...]:
        groups = group_stories(docs, settings=replace(StorySettings(), **changed))
        return next(g.documents for g in groups if 1 in g.documents)

    assert story_of_first() == (1, 2)
    assert story_of_first(min_term_length=4) == (1,)


def test_context_limit_bounds_the_quoted_sentence():
    text = "word " * 300 + "the 400 protesters " + "word " * 300
    span = (text.index("400"), text.index("400") + 3)
    short = story(text, settings=replace(DEFAULTS, context_limit=100))
    assert (
        len(evidence_at(short, 1, span, (0, len(text))).context)
        <= 100
        < len(evidence_at(story(text), 1, span, (0, len(text))).context)
    )


def test_a_key_held_by_more_statements_than_common_key_links_none():
    keys = [{"said", "minister"}, {"said", "minister"}, {"said"}]
    assert pairs_sharing(keys, 1, 3) == {(0, 1), (0, 2), (1, 2)}
    assert pairs_sharing(keys, 1, 2) == {(0, 1)}


def test_claim_digits_decide_when_two_statements_are_one_claim():
    [precise] = extract_facts("Officials counted 10,520 workers at the site.").numbers
    [rounded] = extract_facts("Officials counted 10,480 workers at the site.").numbers
    assert claim_key(precise, DEFAULTS.claim_digits) == claim_key(rounded, DEFAULTS.claim_digits)
    assert claim_key(precise, 4) != claim_key(rounded, 4)
