"""single_source findings: counted right, specific, and checked against every document of the story."""

from __future__ import annotations

from tests.report.test_findings import facts_of, story, whole_pair

from corpuskit.dupes.model import PairResult, Passage
from corpuskit.report.claims import single_source_findings
from corpuskit.report.roles import sources

NOBODY_ELSE = lambda key: 1  # noqa: E731 - no other story of the corpus states the claim


def claims(context, corroborating=NOBODY_ELSE) -> list:
    return single_source_findings(context, facts_of(context), corroborating, sources(context))


def claim_texts(context) -> list[str]:
    return [f.details["claim"] for f in claims(context)]


def test_a_single_document_story_has_no_single_source_claims():
    context = story("About 10.5 million migrant workers live in the country, officials said.")
    assert claims(context) == []


def test_a_story_of_one_source_and_its_exact_copy_has_none():
    text = "About 10.5 million migrant workers live in the country, officials said."
    context = story(text, text)
    context.pairs.append(whole_pair(context, 1, 2))
    assert claims(context) == []


def test_a_lone_figure_names_exactly_one_document_even_when_copies_repeat_it():
    text = "About 10.5 million migrant workers live in the country, officials said."
    context = story(text, text, "Migrant workers face new rules this year, the ministry said.")
    context.pairs.append(whole_pair(context, 1, 2, direction="a->b"))
    [finding] = claims(context)
    assert finding.details["document"] == 1 and finding.details["repeated_by"] == [2]
    assert "document 2" not in finding.summary.split(";")[0]


def test_the_same_value_in_other_words_in_another_source_corroborates():
    context = story(
        "About 10.5 million migrant workers live in the country, officials said.",
        "Officials said 10.5 million labourers from abroad live in the country.",
    )
    assert claim_texts(context) == []


def test_the_same_value_about_something_else_does_not_corroborate():
    context = story(
        "About 10.5 million migrant workers live in the country, officials said.",
        "The new stadium cost 10.5 million pounds, the club announced on its website.",
    )
    assert any("10.5 million migrant workers" in c for c in claim_texts(context))


def test_vague_amounts_are_not_claims():
    context = story(
        "Scores of fans and tens of thousands of protesters gathered outside the court.",
        "The hearing was adjourned until next week, the judge said.",
    )
    assert claim_texts(context) == []


def test_a_quote_another_source_carries_without_quotation_marks_is_not_single_source():
    context = story(
        '"Nobody warned us that the water was poisoned for weeks," resident Anna Berg said.',
        "Resident Anna Berg said nobody had warned them that the water was poisoned for weeks.",
    )
    assert [f for f in claims(context) if f.details["claim_kind"] == "quote"] == []


def test_a_reusers_own_addition_is_single_source_but_what_it_took_is_not():
    original = "The council closed the bridge on Monday after engineers found cracks in its supports."
    addition = " About 12,000 drivers cross the bridge every day, a local haulier said."
    context = story(original, original + addition)
    span_a, span_b = (0, len(original)), (0, len(original))
    context.pairs.append(PairResult(1, 2, "partial", 0.7, 1.0, 0.5, "a->b", (Passage(span_a, span_b, 1.0),)))
    [finding] = claims(context)
    assert finding.details["document"] == 2 and "12,000 drivers" in finding.details["claim"]
    assert "otherwise reuses document 1" in finding.summary


def test_a_reusers_addition_its_source_states_elsewhere_is_not_single_source():
    original = (
        "The council closed the bridge on Monday after engineers found cracks in its supports. "
        "Every day 12,000 drivers cross the bridge, the council said."
    )
    taken = "The council closed the bridge on Monday after engineers found cracks in its supports."
    addition = " About 12,000 drivers cross the bridge daily, the council added."
    context = story(original, taken + addition)
    passage = Passage((0, len(taken)), (0, len(taken)), 1.0)
    context.pairs.append(PairResult(1, 2, "partial", 0.7, 0.6, 0.5, "a->b", (passage,)))
    assert claim_texts(context) == []


def test_findings_carry_a_confidence_and_its_basis():
    context = story(
        "About 10.5 million migrant workers live in the country, officials said.",
        "Migrant workers face new rules this year, the ministry said.",
        "The ministry's new rules take effect in the spring, lawyers said.",
    )
    [finding] = claims(context)
    assert 0 < finding.confidence <= 1 and finding.basis
    [fewer] = claims(story(*[context.docs[d].text for d in (1, 2)]))
    assert fewer.confidence < finding.confidence  # fewer sources looked in: a weaker claim


def test_documents_of_one_outlet_are_one_source():
    # Two takes of one wire story: neither corroborates the other, and a one-source story has no claims.
    context = story(
        "About 10.5 million migrant workers live in the country, officials said.",
        "Migrant workers face new rules this year, the ministry said.",
        outlets=("Wire", "wire"),
    )
    assert claims(context) == []
    context = story(*[context.docs[d].text for d in (1, 2)], outlets=("Wire", "Daily Paper"))
    assert len(claims(context)) == 1


def test_an_originals_material_its_copy_left_out_is_not_the_originals_own_claim():
    taken = "The council closed the bridge on Monday after engineers found cracks in its supports."
    left_out = " About 12,000 drivers cross the bridge every day, a local haulier said."
    context = story(taken + left_out, taken)
    passage = Passage((0, len(taken)), (0, len(taken)), 1.0)
    context.pairs.append(PairResult(1, 2, "partial", 0.7, 0.5, 1.0, "a->b", (passage,)))
    assert claims(context) == []  # one source: the paper took part of the original


def test_a_quote_carried_reworded_over_two_sentences_is_not_single_source():
    context = story(
        '"The defendant showed no remorse at all and laughed while the verdict was read," prosecutor Jane Hill said.',
        "Prosecutor Jane Hill said the defendant had shown no remorse. He laughed as the verdict was being read.",
    )
    assert [f for f in claims(context) if f.details["claim_kind"] == "quote"] == []


def test_independent_sources_count_copies_and_an_outlets_documents_once():
    from corpuskit.report.roles import source_groups

    context = story("a", "b", "c", "d", outlets=("Wire", None, None, "wire"))
    context.pairs.append(whole_pair(context, 2, 3))
    assert sorted(map(sorted, source_groups(context))) == [[1, 4], [2, 3]]


def test_a_document_whose_silence_tells_nothing_makes_no_claim_single_source():
    """The only other source of the story is a flagged text (a paywall notice) or one of another
    language: that it lacks a figure is no evidence that one source alone gives it."""
    import dataclasses

    claim = "About 10.5 million migrant workers live in the country, officials said."
    other = "Migrant workers face new rules this year, the ministry said."
    assert claim_texts(story(claim, other)), "compared, the other source's silence makes it single-source"
    context = story(claim, other)
    context.docs[2] = dataclasses.replace(context.docs[2], compared=False)
    assert claims(context) == []
    third = story(claim, other, "Workers from abroad will need new permits, the ministry said.")
    third.docs[2] = dataclasses.replace(third.docs[2], compared=False)
    [finding] = claims(third)
    assert "document 2" not in finding.summary, "only the compared documents are named as lacking it"


def test_a_flagged_document_on_its_own_is_no_independent_source():
    """A paywall notice or a caption grouped into a story is not a second source; linked to an
    article, its group is counted once, as any linked group is."""
    import dataclasses

    from corpuskit.report.build import analyse_story

    def analysed(context):
        return analyse_story(1, context, 1, {}, facts_of(context), NOBODY_ELSE)

    texts = (
        "About 10.5 million migrant workers live in the country, officials said.",
        "Migrant workers face new rules this year, the ministry said.",
        "This article is for subscribers only. Subscribe now to continue reading.",
    )
    assert analysed(story(*texts)).independent_sources == 3, "unflagged, each text is a source"
    context = story(*texts)
    context.docs[3] = dataclasses.replace(context.docs[3], compared=False, flagged=True)
    result = analysed(context)
    assert result.independent_sources == 2
    assert [(s.document, s.flagged) for s in result.sources] == [(1, False), (2, False), (3, True)]
    assert result.to_json()["sources"][2]["flagged"] is True
    context.pairs.append(whole_pair(context, 1, 3))
    assert analysed(context).independent_sources == 2, "a flagged copy of an article: one source with it"


def test_a_flagged_document_does_not_decide_which_version_prevails():
    """A caption that misspells a name, grouped with two articles that differ on it, must not
    make its spelling the majority."""
    import dataclasses

    from corpuskit.report.build import analyse_story
    from corpuskit.report.consensus import prevailing_version
    from corpuskit.report.roles import counted_groups

    context = story("a", "b", "c")
    context.docs[3] = dataclasses.replace(context.docs[3], compared=False, flagged=True)
    source_of = {d: i for i, group in enumerate(counted_groups(context)) for d in group}
    assert source_of == {1: 0, 2: 1}
    versions = [{"text": "Anwar", "documents": [1]}, {"text": "Anuar", "documents": [2, 3]}]
    assert prevailing_version(versions, sources(context), source_of) is None, "one against one: a tie"
    assert analyse_story(1, context, 1, {}, facts_of(context), NOBODY_ELSE).independent_sources == 2
