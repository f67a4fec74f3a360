"""number_conflict findings compare like with like: the same counted thing of one owner or event."""

from __future__ import annotations

from tests.report.test_findings import facts_of, story, whole_pair

from corpuskit.entities.model import Entity, Mention
from corpuskit.report.numbers import number_conflict_findings


def conflicts(*texts: str, mentions=None, aligned: bool = False):
    context = story(*texts)
    if aligned:
        context.pairs.append(whole_pair(context, 1, 2))
    return number_conflict_findings(context, facts_of(context), mentions)


def values(finding) -> set[float]:
    return {v["value"] for v in finding.details["values"]}


def mention(document: int, text: str, name: str) -> Mention:
    start = text.index(name)
    return Mention(document, start, start + len(name), name, "PERSON")


# --- must be reported ----------------------------------------------------------------------------


def test_one_persons_age_named_in_full_and_by_surname_conflicts():
    [finding] = conflicts(
        "John Hartley, 46, of Leeds, admitted the burglary at the crown court on Monday.",
        "Hartley, 47, will be sentenced next month after the hearing heard from his family.",
    )
    assert values(finding) == {46.0, 47.0}
    assert {e.document for e in finding.evidence} == {1, 2}
    assert finding.details["owner"] in {"John Hartley", "Hartley"}
    assert any("same named owner" in b for b in finding.basis)


def test_one_persons_age_resolved_by_the_entities_stage_conflicts():
    first = "Mr Peter Quinlan, aged 52, told the court he had not seen the letter."
    second = "The court was told that Quinlan (53) had never seen the letter."
    entity = Entity(7, "Peter Quinlan", "PERSON", [mention(1, first, "Peter Quinlan"), mention(2, second, "Quinlan")])
    mentions = {1: [(entity, entity.mentions[0])], 2: [(entity, entity.mentions[1])]}
    [finding] = conflicts(first, second, mentions=mentions)
    assert values(finding) == {52.0, 53.0}


def test_an_audience_of_one_event_given_as_200_and_300_conflicts():
    [finding] = conflicts(
        "An audience of 200 watched the band play its farewell show at the club on Friday night.",
        "An audience of 300 watched the band play its farewell show at the club on Friday.",
    )
    assert finding.details["counted"] == "audience"
    assert values(finding) == {200.0, 300.0}


def test_one_defendants_sentence_given_two_lengths_conflicts():
    [finding] = conflicts(
        "Graham Fenwick was jailed for six years at Bristol Crown Court for the armed robbery.",
        "Graham Fenwick was jailed for eight years at Bristol Crown Court for the robbery.",
    )
    assert values(finding) == {6.0, 8.0}


def test_a_conflict_is_reported_once_with_every_value_and_its_documents():
    texts = (
        "An audience of 200 watched the band play its farewell show at the club on Friday night.",
        "An audience of 250 watched the band play its farewell show at the club on Friday.",
        "An audience of 300 watched the band play its farewell show at the club on Friday evening.",
    )
    context = story(*texts)
    [finding] = number_conflict_findings(context, facts_of(context))
    assert {v["value"]: v["documents"] for v in finding.details["values"]} == {200.0: [1], 250.0: [2], 300.0: [3]}


def test_aligned_passages_with_one_named_owner_are_surer_than_shared_words_alone():
    named = conflicts(
        "Graham Fenwick was jailed for six years at Bristol Crown Court for the armed robbery.",
        "Graham Fenwick was jailed for eight years at Bristol Crown Court for the robbery.",
        aligned=True,
    )[0]
    unnamed = conflicts(
        "Police said 400 protesters were arrested in the capital on Sunday after the march.",
        "Police said 200 protesters were arrested in the capital on Sunday after the march.",
    )[0]
    assert 0 < unnamed.confidence < named.confidence <= 1
    assert "aligned passage" in named.basis and "aligned passage" not in unnamed.basis


# --- must not be reported ------------------------------------------------------------------------


def test_two_peoples_ages_in_similar_sentences_are_not_compared():
    assert (
        conflicts(
            "John Hartley, 30, of Leeds, admitted the burglary at the crown court on Monday.",
            "Peter Walsh, 55, of Leeds, admitted the burglary at the crown court on Monday.",
        )
        == []
    )


def test_two_people_of_one_surname_kept_apart_by_the_entities_stage_are_not_compared():
    first = "Mr Quinlan, 52, told the court he had not seen the letter."
    second = "Mr Quinlan, 24, told the court he had not seen the letter."
    father = Entity(1, "Peter Quinlan", "PERSON", [mention(1, first, "Quinlan")])
    son = Entity(2, "Sean Quinlan", "PERSON", [mention(2, second, "Quinlan")])
    mentions = {1: [(father, father.mentions[0])], 2: [(son, son.mentions[0])]}
    assert conflicts(first, second, mentions=mentions) == []


def test_a_victims_age_and_her_dogs_age_are_not_compared():
    assert (
        conflicts(
            "The 80-year-old victim was found at her home in Leeds on Tuesday morning by a neighbour.",
            "Her 12-year-old dog was found at her home in Leeds on Tuesday morning by a neighbour.",
        )
        == []
    )
    assert (
        conflicts(
            "Mary Brown, 80, was found dead at her home in Leeds with her dog on Tuesday.",
            "Her dog, aged three, was found at her home in Leeds with her on Tuesday.",
        )
        == []
    )


def test_two_defendants_sentences_are_not_compared():
    assert (
        conflicts(
            "Graham Fenwick was jailed for six years at Bristol Crown Court for the armed robbery.",
            "Lee Dawson was jailed for four years at Bristol Crown Court for the armed robbery.",
        )
        == []
    )
    both = "Fenwick was jailed for six years and Dawson for four years at Bristol Crown Court on Friday."
    assert conflicts(both, both.replace("on Friday", "yesterday"), aligned=True) == []


def test_charges_convicted_on_are_not_charges_sentenced_on():
    assert (
        conflicts(
            "The jury at Bristol Crown Court convicted him on three charges of fraud last week.",
            "The judge at Bristol Crown Court sentenced him on five charges of fraud last week.",
        )
        == []
    )


def test_two_films_takings_are_not_compared():
    assert (
        conflicts(
            "The film took $200 million at the box office in its first month, the studio said.",
            "Its sequel took $300 million at the box office in its first month, the studio said.",
        )
        == []
    )


def test_a_range_and_its_total_are_not_compared():
    assert (
        conflicts(
            "The gang stole between 10 and 20 cars a month from the estate, a total of 150 cars, the court heard.",
            "The gang stole 150 cars in total from the estate, the court heard.",
        )
        == []
    )
    assert (
        conflicts(
            "Fenwick was jailed for 10 and 12 years for the two robberies, to run consecutively.",
            "Fenwick was jailed for a total of 22 years for the two robberies.",
        )
        == []
    )


def test_digits_and_words_of_one_number_agree():
    assert (
        conflicts(
            "Graham Fenwick was jailed for six years at Bristol Crown Court for the armed robbery.",
            "Graham Fenwick was jailed for 6 years at Bristol Crown Court for the armed robbery.",
        )
        == []
    )


def test_one_number_rounded_agrees():
    assert (
        conflicts(
            "Officials said 2.4 million voters turned out in the northern region on Sunday.",
            "Officials said 2,410,000 voters turned out in the northern region on Sunday.",
        )
        == []
    )


def test_a_chart_position_is_no_number_to_compare():
    assert (
        conflicts(
            "The single went straight to No 1 in the charts after the band's television appearance.",
            "The single went straight to number one in the charts after the band's television appearance.",
        )
        == []
    )


def test_a_one_document_story_and_bad_mentions_give_nothing():
    context = story("John Hartley, 46, of Leeds, admitted the burglary.")
    assert number_conflict_findings(context, facts_of(context), {}) == []


def test_names_the_entities_stage_did_not_merge_still_agree_when_one_holds_the_other():
    first = "Lord Peter Ashdown, 51, told the jury he had acted to protect the countryside."
    second = "The jury heard that Lord Ashdown, 52, had led the protesters into the field."
    full = Entity(1, "Peter Ashdown", "PERSON", [mention(1, first, "Peter Ashdown")])
    short = Entity(2, "Ashdown", "PERSON", [mention(2, second, "Ashdown")])
    mentions = {1: [(full, full.mentions[0])], 2: [(short, short.mentions[0])]}
    [finding] = conflicts(first, second, mentions=mentions)
    assert values(finding) == {51.0, 52.0}


def test_mr_and_mrs_of_one_surname_are_not_compared():
    assert (
        conflicts(
            "Mr Hartley, 46, told the court he had not seen the letter before the hearing.",
            "Mrs Hartley, 44, told the court she had not seen the letter before the hearing.",
        )
        == []
    )


def test_a_count_described_by_a_clause_shares_that_clauses_verb():
    [finding] = conflicts(
        "Nineteen men and nine women arrested at the farm in Norfolk denied causing criminal damage.",
        "Police arrested 18 men and nine women at the farm in Norfolk for causing criminal damage.",
    )
    assert values(finding) == {19.0, 18.0}
    assert "same verb (arrest)" in finding.basis


def test_two_values_one_document_gives_are_two_quantities_not_a_conflict():
    texts = (
        "The court heard Hamilton was paid £4,000 by the lobbyist for finding him a client.",
        "The court heard Hamilton was paid £4,000 by the lobbyist for finding him a client. "
        "The court heard Hamilton was paid £6,000 by the lobbyist for a second client.",
        "The court heard Hamilton was paid £6,000 by the lobbyist for a second client.",
    )
    context = story(*texts)
    assert number_conflict_findings(context, facts_of(context)) == []


def test_the_summary_says_what_the_quantity_is_and_whose():
    [finding] = conflicts(
        "Graham Fenwick was jailed for six years at Bristol Crown Court for the armed robbery.",
        "Graham Fenwick was jailed for eight years at Bristol Crown Court for the robbery.",
    )
    assert finding.summary.startswith("the length in years for Graham Fenwick differs: six years")
    [finding] = conflicts(
        "All 19 men who were arrested at the farm in Norfolk denied causing criminal damage.",
        "All 18 men who were arrested at the farm in Norfolk denied causing criminal damage.",
    )
    assert finding.summary.startswith("the number of men differs")


def test_a_sum_a_named_payer_paid_is_not_a_fee_named_by_its_noun():
    assert (
        conflicts(
            "The lobbyist Ian Roe paid him £6,000 in commission for finding the company, the court heard.",
            "He was paid a £4,000 commission fee by the lobbyist Ian Roe for finding the company, the court heard.",
        )
        == []
    )


def test_a_bike_found_three_miles_away_is_not_a_body_found_fifty_miles_away():
    assert (
        conflicts(
            "The boy's bike was found dismantled on a remote common three miles from his home in the village.",
            "The boy's body was found in a lay-by on the main road 50 miles from his home in the village.",
        )
        == []
    )


def test_a_surname_alone_does_not_join_the_ages_of_two_of_one_family():
    texts = (
        "Kenneth Hale, 77, told the court he had not spoken to his son since the wedding.",
        "Hale, 77, told the court he had not spoken to his son since the wedding last year.",
        "Paul Hale, 38, told the court he had not spoken to his father since the wedding.",
    )
    context = story(*texts)
    assert number_conflict_findings(context, facts_of(context)) == []


def test_ages_without_a_known_owner_are_not_compared_even_in_one_passage():
    assert (
        conflicts(
            "The court heard a 23-year-old was in the house with a neighbour when the fire started.",
            "The court heard a 10-year-old was in the house with a neighbour when the fire started.",
            aligned=True,
        )
        == []
    )


def test_a_part_is_not_the_whole():
    assert (
        conflicts(
            "The water company offered to buy the 31 houses in the road after the sewage spill flooded them.",
            "The water company offered to buy eight of the houses in the road after the sewage spill flooded them.",
        )
        == []
    )
    assert (
        conflicts(
            "The officer was cleared of assaulting three people with CS gas spray while breaking up the fight.",
            "The officer was cleared of assaulting two other people with CS gas spray while breaking up the fight.",
        )
        == []
    )
