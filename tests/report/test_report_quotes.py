"""quote_variant findings on constructed stories: a changed content word is a misquote; typography,
filler words, titles, cuts, joined sentences and two speakers' question and answer are not."""

from __future__ import annotations

from corpuskit.dupes.model import PairResult, Passage
from corpuskit.facts.model import Facts, QuoteFact
from corpuskit.report.context import DocView, StoryContext
from corpuskit.report.quotes import minor_differences, quote_variant_findings


def quote(text: str, words: str, speaker: str | None = None) -> QuoteFact:
    """The quote fact of ``words`` as they stand in ``text`` (one part, no speech tag read), or of
    the whole text when the words were joined from parts of it."""
    start = text.find(words)
    span = (start, start + len(words)) if start >= 0 else (0, len(text))
    return QuoteFact(span, words, (0, len(text)), words, (span,), speaker, None, None, None)


def story(*documents: tuple[str, list[tuple[str, str | None]]]) -> tuple[StoryContext, dict[int, Facts]]:
    """Documents given as (text, [(quoted words, speaker)]): the story and each document's facts."""
    docs, facts = {}, {}
    for doc, (text, quoted) in enumerate(documents, start=1):
        docs[doc] = DocView(doc, text, outlet=f"Outlet {doc}")
        facts[doc] = Facts(quotes=tuple(quote(text, words, speaker) for words, speaker in quoted))
    return StoryContext(docs), facts


def variants(*documents: tuple[str, list[tuple[str, str | None]]]) -> list:
    context, facts = story(*documents)
    return quote_variant_findings(context, facts)


def said(words: str, speaker: str = "Ann Lee") -> tuple[str, list[tuple[str, str | None]]]:
    return f'"{words}," {speaker} told the court.', [(words, speaker)]


CROWD = "There were {} people outside the court shouting at the van as it left"


def test_a_content_word_replaced_is_a_variant_with_its_basis():
    [finding] = variants(said(CROWD.format("many")), said(CROWD.format("loads of")))
    assert ["replace", "many", "loads of"] in finding.details["diff"]
    assert '"many" → "loads of"' in finding.summary
    assert "content words replaced" in finding.basis and "same speaker named with both" in finding.basis
    assert 0 < finding.confidence <= 1


def test_a_quote_in_aligned_copies_is_more_confident_than_one_matched_by_wording():
    context, facts = story(said(CROWD.format("many")), said(CROWD.format("loads of")))
    text_1, text_2 = context.docs[1].text, context.docs[2].text
    context.pairs.append(
        PairResult(1, 2, "rewrite", 0.8, 1.0, 1.0, None, (Passage((0, len(text_1)), (0, len(text_2)), 0.8),))
    )
    [aligned] = quote_variant_findings(context, facts)
    [plain] = variants(said(CROWD.format("many")), said(CROWD.format("loads of")))
    assert "in passages aligned as copies" in aligned.basis
    assert aligned.confidence > plain.confidence


def test_words_dropped_from_the_middle_of_a_quote_are_a_variant():
    full = "We waited for hours in the freezing cold outside the station and nobody came"
    [finding] = variants(said(full), said(full.replace(" in the freezing cold", "")))
    assert "content words dropped" in finding.basis


def test_typography_case_and_number_words_are_not_variants():
    straight = "We don't know why the three officers were never told about it"
    curly = "We don\u2019t know why the 3 Officers were never told about it"
    assert variants(said(straight), said(curly)) == []
    assert variants(said(straight), said(straight.replace("officers", "officer"))) == []  # singular/plural


def test_a_filler_word_dropped_is_minor_not_a_variant():
    so = "So we decided to leave the country before the winter came"
    that = "I told them that we would never return to the village again"
    context, facts = story(said(so), said(so.removeprefix("So ")), said(that), said(that.replace("that ", "")))
    assert quote_variant_findings(context, facts) == []
    # "So" opening the quote falls outside the aligned part (a cut); "that" inside it is a minor note.
    [note] = minor_differences(context, facts)
    assert note["documents"] == [3, 4] and note["changes"] == [["delete", "that", ""]]


def test_a_courtesy_title_dropped_is_not_a_variant():
    titled = "I saw Mr Karimov leave the building carrying the black bag"
    assert variants(said(titled), said(titled.replace("Mr ", ""))) == []


def test_a_quote_cut_short_is_not_a_variant():
    full = "We waited for hours in the freezing cold. Nobody from the council came to help us at all"
    assert variants(said(full), said("We waited for hours in the freezing cold")) == []
    assert variants(said(full), said("Nobody from the council came to help us at all")) == []


def test_consecutive_sentences_and_their_join_are_not_variants():
    first, second = "We waited for hours in the freezing cold outside", "Nobody from the council came to help us"
    wire = f'"{first}," Ann Lee said. "{second}," she added.', [(first, "Ann Lee"), (second, "Ann Lee")]
    paper = f'"{first}. {second}," Ann Lee said.', [(f"{first}. {second}", "Ann Lee")]
    assert variants(wire, paper) == []


def test_a_change_inside_a_joined_quote_is_still_found():
    first, second = "We waited for hours in the freezing cold outside", "Nobody from the council came to help us"
    wire = f'"{first}," Ann Lee said. "{second}," she added.', [(first, "Ann Lee"), (second, "Ann Lee")]
    changed = second.replace("council", "government")
    paper = f'"{first}. {changed}," Ann Lee said.', [(f"{first}. {changed}", "Ann Lee")]
    [finding] = variants(wire, paper)
    assert ["replace", "council", "government"] in finding.details["diff"]
    assert len(finding.details["versions"]) == 2


def test_question_and_answer_of_two_speakers_are_not_one_quote():
    asked = "Did you take the money from the safe that night"
    answered = "I did not take the money from the safe that night"
    assert variants(said(asked, "Brian Wood"), said(answered, "Rustam Karimov")) == []


def test_words_the_shorter_version_carries_outside_its_quote_are_not_dropped():
    full = "We waited for hours in the freezing cold outside the station and nobody came"
    head, tail = "We waited for hours", "outside the station and nobody came"
    split = f'Ann Lee said: "{head}" in the freezing cold "{tail}."', [(f"{head} {tail}", "Ann Lee")]
    # The quote marks leave out "in the freezing cold", but the document has it where the quote stands.
    assert variants(said(full), split) == []


def test_a_word_matched_by_chance_beyond_a_cut_does_not_make_a_change():
    wire = "The dog followed me everywhere in the house. It was just a sad old animal by then"
    paper = "The dog followed me everywhere in the house. Its bark was completely and utterly gone"
    assert variants(said(wire), said(paper)) == []


def test_two_papers_changing_one_wire_quote_differently_are_one_finding_with_three_versions():
    wire = "There were many people outside the court shouting at the van as it left the yard"
    first = wire.replace("many", "loads of")
    second = wire.replace("shouting", "screaming")
    [finding] = variants(said(wire), said(first), said(second), said(wire))
    versions = {v["text"]: v["documents"] for v in finding.details["versions"]}
    assert versions == {wire: [1, 4], first: [2], second: [3]}


def test_a_longer_quote_holding_one_version_unchanged_is_listed_with_it():
    wire = "The court heard the officers gave him a thorough going over in the back of the van that night"
    cut, changed = "gave him a thorough going over", "gave him a good going over"
    [finding] = variants(said(wire), said(cut), said(changed))
    assert {d for v in finding.details["versions"] for d in v["documents"]} == {1, 2, 3}
    assert {e.document for e in finding.evidence} == {1, 2, 3}


def test_a_described_speaker_may_be_the_named_one():
    crowd = CROWD.format("many")
    [finding] = variants(said(crowd, "the farmer"), said(CROWD.format("loads of"), "Rustam Karimov"))
    assert finding.details["speaker"] in {"the farmer", "Rustam Karimov"}


def test_speakers_named_with_a_respelling_or_described_through_a_name_may_be_one():
    many, loads = CROWD.format("many"), CROWD.format("loads of")
    assert len(variants(said(many, "Rustam Karimov"), said(loads, "Rostam Karimov"))) == 1
    assert len(variants(said(many, "Rustam's father"), said(loads, "Rostam\u2019s father"))) == 1


def test_a_word_dropped_before_the_last_word_of_a_shortened_quote_is_found():
    wire = "The whole town went completely quiet, or so it felt to us that week"
    [finding] = variants(said(wire), said("The whole town went quiet"))
    assert ["delete", "completely", ""] in finding.details["diff"]


def test_words_between_the_parts_of_a_quote_are_not_dropped():
    full = "It was not that we doubted the plan but that the money ran out too soon"
    text = 'He said: "It was not that we doubted the plan" but that the "money ran out too soon".'
    first, second = "It was not that we doubted the plan", "money ran out too soon"
    parts = tuple((text.index(part), text.index(part) + len(part)) for part in (first, second))
    joined = QuoteFact(
        (parts[0][0], parts[1][1]), text, (0, len(text)), f"{first} {second}", parts, "Ann Lee", None, None, None
    )
    context, facts = story(said(full), (text, []))
    facts[2] = Facts(quotes=(joined,))
    assert quote_variant_findings(context, facts) == []
    # The same words missing from a quote in one part are dropped.
    assert variants(said(full), said(f"{first} {second}")) != []


def test_one_word_matched_by_chance_before_a_long_addition_is_not_an_anchor():
    wire = "They did not believe the charges against me but the pressure was too much for myself as a minister and the party"
    paper = "me as a minister and the party"
    assert variants(said(wire), said(paper)) == []


def test_a_heavy_rewording_between_a_shared_start_and_end_is_a_variant():
    wire = "Jon Pike is one of the most persistently careless drivers the council has ever had to deal with"
    paper = "Jon Pike is the most consistently careless driver we have ever dealt with"
    [finding] = variants(said(wire), said(paper))
    assert ["replace", "persistently", "consistently"] in finding.details["diff"]
    [finding] = variants(
        said("This is not the village fete contest"), said("This is the flower show contest - not the village fete")
    )
    assert ["insert", "", "the flower show contest"] in finding.details["diff"]


# --- tense and agreement, and an outlet's own takes (issue 11 item 2) ---------------------------


def _quote_story(first: str, second: str, outlets=("Wire", "Paper")):
    from tests.report.test_findings import facts_of, story

    context = story(
        f'"{first}," the manager said on Monday.', f'"{second}," the manager said on Monday.', outlets=outlets
    )
    return context, facts_of(context)


def test_a_quote_differing_only_in_tense_or_agreement_is_not_a_finding():
    from corpuskit.report.quotes import minor_differences, quote_variant_findings

    for first, second in [
        (
            "The players were told the club was in trouble and nobody cared",
            "The players were told the club is in trouble and nobody cared",
        ),
        (
            "It's the worst decision the board will ever make about this ground",
            "This is the worst decision the board would ever make about this ground",
        ),
        (
            "The company said its staff had done nothing wrong in the affair",
            "The company said their staff had done nothing wrong in the affair",
        ),
    ]:
        context, facts = _quote_story(first, second)
        assert quote_variant_findings(context, facts) == [], (first, second)
        assert minor_differences(context, facts), (first, second)


def test_a_change_of_person_or_negation_is_still_a_finding():
    from corpuskit.report.quotes import quote_variant_findings

    for first, second in [
        (
            "After the meeting we were told the club was in trouble and nobody cared",
            "After the meeting I was told the club was in trouble and nobody cared",
        ),
        (
            "The board will sell the ground to the developers next spring",
            "The board will not sell the ground to the developers next spring",
        ),
    ]:
        context, facts = _quote_story(first, second)
        assert quote_variant_findings(context, facts), (first, second)


def test_two_takes_of_one_outlet_are_not_quote_variants():
    from corpuskit.report.quotes import quote_variant_findings

    first = "The board will sell the ground to the developers next spring"
    context, facts = _quote_story(first, first.replace("sell", "lease"), outlets=("Wire", "wire"))
    assert quote_variant_findings(context, facts) == []
    context, facts = _quote_story(first, first.replace("sell", "lease"))
    assert quote_variant_findings(context, facts)


def test_one_amount_or_one_name_written_two_ways_is_not_a_finding():
    from corpuskit.report.quotes import quote_variant_findings

    for first, second in [
        (
            "The company will have to pay back £1m to the families by the end of the year",
            "The company will have to pay back £1 million to the families by the end of the year",
        ),
        (
            "We complained to the EC about the deal before the ruling came in",
            "We complained to the European Commission about the deal before the ruling came in",
        ),
    ]:
        context, facts = _quote_story(first, second)
        assert quote_variant_findings(context, facts) == [], (first, second)


def test_another_amount_or_another_body_is_still_a_finding():
    from corpuskit.report.quotes import quote_variant_findings

    for first, second in [
        (
            "The company will have to pay back £1m to the families by the end of the year",
            "The company will have to pay back £2 million to the families by the end of the year",
        ),
        (
            "We complained to the EC about the deal before the ruling came in",
            "We complained to the European Parliament about the deal before the ruling came in",
        ),
    ]:
        context, facts = _quote_story(first, second)
        assert quote_variant_findings(context, facts), (first, second)
