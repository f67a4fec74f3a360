"""Each finding kind on small constructed stories, including what must not be reported."""

from __future__ import annotations

from corpuskit.dupes.model import PairResult, Passage
from corpuskit.entities.model import Entity, Mention
from corpuskit.facts import extract_facts
from corpuskit.report.claims import single_source_findings
from corpuskit.report.context import DocView, StoryContext
from corpuskit.report.credits import attribution_findings
from corpuskit.report.dates import date_conflict_findings
from corpuskit.report.names import mentions_by_document, name_variant_findings, spelling_difference, spelling_key
from corpuskit.report.numbers import number_conflict_findings
from corpuskit.report.quotes import quote_variant_findings
from corpuskit.report.roles import sources


def story(*texts: str, outlets=(), published=(), pairs=()) -> StoryContext:
    docs = {}
    for i, text in enumerate(texts, start=1):
        outlet = outlets[i - 1] if i <= len(outlets) else None
        date = published[i - 1] if i <= len(published) else None
        docs[i] = DocView(i, text, f"title {i}", outlet, date)
    return StoryContext(docs, list(pairs))


def facts_of(context: StoryContext) -> dict:
    return {d: extract_facts(v.text, v.published) for d, v in context.docs.items()}


def whole_pair(context: StoryContext, a: int, b: int, direction=None) -> PairResult:
    """A dupes pair aligning the two whole texts (as if one rewrote the other)."""
    span_a, span_b = (0, len(context.docs[a].text)), (0, len(context.docs[b].text))
    return PairResult(a, b, "rewrite", 0.8, 1.0, 1.0, direction, (Passage(span_a, span_b, 0.8),))


# --- number_conflict -----------------------------------------------------------------------


def test_same_count_in_the_same_context_with_another_value_conflicts():
    context = story(
        "Police said 400 protesters were arrested in the capital on Sunday after the march.",
        "Police said 200 protesters were arrested in the capital on Sunday after the march.",
    )
    [finding] = number_conflict_findings(context, facts_of(context))
    assert finding.details["counted"] == "protester"
    assert {v["value"] for v in finding.details["values"]} == {400.0, 200.0}
    assert {e.document for e in finding.evidence} == {1, 2}


def test_same_count_in_unrelated_sentences_is_not_compared():
    context = story(
        "Police said 400 protesters were arrested in the capital on Sunday after the march.",
        "In a separate rally far away, organisers counted 200 protesters outside the stadium gates.",
    )
    assert number_conflict_findings(context, facts_of(context)) == []


def test_hedged_values_that_overlap_agree():
    context = story(
        "Officials said at least 50,000 fighters were deployed along the front in the spring offensive.",
        "Officials said 60,000 fighters were deployed along the front in the spring offensive.",
    )
    assert number_conflict_findings(context, facts_of(context)) == []


# --- date_conflict ---------------------------------------------------------------------------


def test_disjoint_times_for_one_event_conflict():
    context = story(
        "The minister resigned from the cabinet in early March 2021, aides to the minister said.",
        "The minister resigned from the cabinet in late March 2021, aides to the minister said.",
    )
    [finding] = date_conflict_findings(context, facts_of(context))
    assert finding.details["status"] == "conflict"


def test_overlapping_times_are_not_a_conflict():
    context = story(
        "The minister resigned from the cabinet in March 2021, aides to the minister said.",
        "The minister resigned from the cabinet in late March 2021, aides to the minister said.",
    )
    assert date_conflict_findings(context, facts_of(context)) == []


def test_relative_time_without_a_date_cannot_be_compared():
    context = story(
        "The minister resigned from the cabinet last month, aides to the minister said.",
        "The minister resigned from the cabinet in late March 2021, aides to the minister said.",
    )
    [finding] = date_conflict_findings(context, facts_of(context))
    assert finding.details["status"] == "cannot_compare"
    assert "last month" in finding.details["reason"]


def test_relative_time_resolves_with_a_publication_date():
    context = story(
        "The minister resigned from the cabinet last month, aides to the minister said.",
        "The minister resigned from the cabinet in late March 2021, aides to the minister said.",
        published=("2021-04-10", None),
    )
    assert date_conflict_findings(context, facts_of(context)) == []


# --- name_variant ----------------------------------------------------------------------------


def mention(doc: int, text: str, context: StoryContext) -> Mention:
    start = context.docs[doc].text.index(text)
    return Mention(doc, start, start + len(text), text, "PERSON")


def test_a_letter_changed_in_a_name_is_a_variant_with_outlets():
    context = story(
        "Marta Kovalenko spoke to reporters.",
        "Marta Kovalenka spoke to reporters.",
        outlets=("Daily One", "Weekly Two"),
    )
    entity = Entity(
        1, "Marta Kovalenko", "PERSON", [mention(1, "Marta Kovalenko", context), mention(2, "Marta Kovalenka", context)]
    )
    [finding] = name_variant_findings(context, mentions_by_document([entity]))
    outlets = {v["text"]: v["outlets"] for v in finding.details["variants"]}
    assert outlets == {"Marta Kovalenko": ["Daily One"], "Marta Kovalenka": ["Weekly Two"]}


def test_short_forms_possessives_and_plurals_are_not_variants():
    assert (
        spelling_difference(spelling_key("Kovalenko"), spelling_key("Marta Kovalenko"), "Kovalenko", "Marta Kovalenko")
        is None
    )
    assert spelling_key("Kovalenko's") == spelling_key("Kovalenko")
    assert (
        spelling_difference(
            spelling_key("Central Asians"), spelling_key("Central Asian"), "Central Asians", "Central Asian"
        )
        is None
    )
    # A number word against its digits is how writing varies (issue 11 item 2), not a misspelling.
    assert (
        spelling_difference(
            spelling_key("Colony Number Six"), spelling_key("Colony Number 6"), "Colony Number Six", "Colony Number 6"
        )
        is None
    )


# --- quote_variant ---------------------------------------------------------------------------


def test_reworded_quote_is_a_variant_with_a_word_diff():
    context = story(
        '"We were treated like cattle and nobody asked us anything," Ivan Petrov said.',
        '"We were treated just like cattle and nobody asked us anything," Ivan Petrov said.',
    )
    [finding] = quote_variant_findings(context, facts_of(context))
    assert ["insert", "", "just"] in finding.details["diff"]
    assert finding.details["speaker"] == "Ivan Petrov"


def test_identical_quotes_and_unrelated_quotes_are_not_variants():
    same = story(
        '"We were treated like cattle and nobody asked us anything," Ivan Petrov said.',
        '"We were treated like cattle and nobody asked us anything," Ivan Petrov said.',
    )
    assert quote_variant_findings(same, facts_of(same)) == []
    other = story(
        '"We were treated like cattle and nobody asked us anything," Ivan Petrov said.',
        '"The budget will be balanced by the end of the decade," the finance minister said.',
    )
    assert quote_variant_findings(other, facts_of(other)) == []


# --- attribution -----------------------------------------------------------------------------

REPORT = "Inmates in the northern prison were sent to the front without their consent, relatives said."


def test_copy_that_credits_the_original_outlet_is_credited():
    context = story(REPORT, REPORT + " The Northern Herald reported.", outlets=("Northern Herald", None))
    context.pairs.append(whole_pair(context, 1, 2, "a->b"))
    facts = facts_of(context)
    roles = sources(context)
    [finding] = attribution_findings(context, roles, facts)
    assert finding.details["credited"] is True and finding.details["source_document"] == 1


def test_copy_without_credit_is_uncredited():
    context = story(REPORT, REPORT, outlets=("Northern Herald", None))
    context.pairs.append(whole_pair(context, 1, 2, "a->b"))
    facts = facts_of(context)
    roles = sources(context)
    [finding] = attribution_findings(context, roles, facts)
    assert finding.details["credited"] is False and finding.details["document"] == 2


def test_credit_tells_the_original_when_dupes_cannot():
    context = story(REPORT, REPORT + " The Northern Herald reported.", outlets=("Northern Herald", None))
    context.pairs.append(whole_pair(context, 1, 2, None))
    roles = {s.document: s for s in sources(context)}
    assert roles[1].role == "original" and roles[2].copied_from == (1,)


def test_independent_reports_have_no_attribution_finding():
    context = story(REPORT, "A different article about the harvest festival in the valley.")
    roles = sources(context)
    assert {s.role for s in roles} == {"independent"}
    assert attribution_findings(context, roles, facts_of(context)) == []


# --- single_source ---------------------------------------------------------------------------


def test_a_specific_number_only_one_source_states_is_single_source():
    context = story(
        "About 10.5 million migrant workers live in the country, officials said.",
        "Migrant workers face new rules this year, officials said.",
    )
    facts = facts_of(context)
    [finding] = single_source_findings(context, facts, lambda key: 1)
    assert "10.5 million" in finding.details["claim"] and finding.details["document"] == 1


def test_corroborated_numbers_and_small_counts_are_not_single_source():
    context = story("About 10.5 million migrant workers live in the country, officials said. Two men left.")
    facts = facts_of(context)
    assert single_source_findings(context, facts, lambda key: 2) == []
    lone = single_source_findings(context, facts, lambda key: 1)
    assert all("Two" not in f.details["claim"] for f in lone)


def test_a_quote_only_one_independent_source_carries_is_single_source():
    context = story(
        '"Nobody warned us that the water was poisoned for weeks," resident Anna Berg said.',
        "Residents of the town complained about the water supply on Monday.",
    )
    [finding] = [
        f
        for f in single_source_findings(context, facts_of(context), lambda key: 1)
        if f.details["claim_kind"] == "quote"
    ]
    assert finding.details["document"] == 1 and "poisoned" in finding.details["claim"]


def test_quotes_are_not_single_source_in_a_one_source_story():
    context = story(
        '"Nobody warned us that the water was poisoned for weeks," resident Anna Berg said.',
        '"Nobody warned us that the water was poisoned for weeks," resident Anna Berg said.',
    )
    context.pairs.append(whole_pair(context, 1, 2))
    assert [
        f
        for f in single_source_findings(context, facts_of(context), lambda key: 1)
        if f.details["claim_kind"] == "quote"
    ] == []


def test_stories_analysed_in_worker_processes_equal_a_serial_run(monkeypatch):
    from corpuskit.dupes.model import DupesResult
    from corpuskit.report import build

    views = {
        i: DocView(
            i,
            f"Police said {100 * i} protesters were arrested in the capital of region {i} "
            f"on Sunday after the march, officials said.",
            f"title {i}",
        )
        for i in range(1, 41)
    }
    facts = {i: extract_facts(v.text) for i, v in views.items()}
    serial = build.analyse_stories(views, DupesResult(), [], facts)
    monkeypatch.setattr(build, "PARALLEL_FROM", 1)
    assert build.analyse_stories(views, DupesResult(), [], facts) == serial
    assert len({d for s in serial for d in s["documents"]}) == 40


def test_an_outlets_update_of_its_own_text_is_not_reuse():
    context = story(REPORT, REPORT + " Police are still investigating.", outlets=("Wire", "Wire"))
    context.pairs.append(whole_pair(context, 1, 2, direction="a->b"))
    roles = sources(context)
    assert attribution_findings(context, roles, facts_of(context)) == []


def test_two_outlets_of_one_morning_are_not_reported_copying_each_other_on_shape_alone():
    day = "2000-03-02"
    context = story(
        REPORT, REPORT + " Police are still investigating.", outlets=("Paper A", "Paper B"), published=(day, day)
    )
    pair = whole_pair(context, 1, 2, direction="a->b")
    context.pairs.append(PairResult(1, 2, "rewrite", 0.8, 1.0, 1.0, "a->b", pair.passages, "containment"))
    assert attribution_findings(context, sources(context), facts_of(context)) == []


def test_a_credit_line_tells_direction_even_between_outlets_of_one_morning():
    day = "2000-03-02"
    copy = "Paper A reported that " + REPORT[0].lower() + REPORT[1:]
    context = story(REPORT, copy, outlets=("Paper A", "Paper B"), published=(day, day))
    pair = whole_pair(context, 1, 2)
    context.pairs.append(PairResult(1, 2, "rewrite", 0.8, 1.0, 1.0, "a->b", pair.passages, "credit"))
    [finding] = attribution_findings(context, sources(context), facts_of(context))
    assert finding.details["credited"]


def test_the_story_does_not_infer_copying_between_outlets_of_one_morning():
    day, before = "2000-03-02", "2000-03-01"
    context = story(REPORT, REPORT, REPORT, outlets=("Wire", "Paper A", "Paper B"), published=(before, day, day))
    context.pairs += [whole_pair(context, 1, 2, direction="a->b"), whole_pair(context, 2, 3)]
    roles = {s.document: s for s in sources(context)}
    assert roles[2].copied_from == (1,) and roles[3].copied_from == ()
    assert roles[3].role == "linked"


def test_a_copy_of_several_takes_of_one_outlet_is_one_attribution_finding():
    take = "The wire's second take: " + REPORT
    context = story(REPORT, take, REPORT + " " + take, outlets=("Wire", "Wire", "Paper"))
    context.pairs += [whole_pair(context, 1, 3, direction="a->b"), whole_pair(context, 2, 3, direction="a->b")]
    [finding] = attribution_findings(context, sources(context), facts_of(context))
    assert finding.details["source_documents"] == [1, 2] and finding.details["document"] == 3
    assert "Wire (documents 1, 2)" in finding.summary
