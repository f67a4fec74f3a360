"""Time phrases: found, resolved against the publication date, or left relative with a reason."""

from __future__ import annotations

import pytest

from corpuskit.facts import extract_facts

PUBLISHED = "2023-02-14"  # a Tuesday


def times(text: str, published: str | None = PUBLISHED):
    return extract_facts(text, published).times


def only(text: str, published: str | None = PUBLISHED):
    found = times(text, published)
    assert len(found) == 1, [t.text for t in found]
    return found[0]


@pytest.mark.parametrize(
    "text, phrase, interval",
    [
        ("They met on 12 March 2023 in Paris.", "12 March 2023", ("2023-03-12", "2023-03-12")),
        ("They met on March 12, 2023 in Paris.", "March 12, 2023", ("2023-03-12", "2023-03-12")),
        ("The file is dated 2023-03-12 here.", "2023-03-12", ("2023-03-12", "2023-03-12")),
        ("As of January 2023, the group grew.", "January 2023", ("2023-01-01", "2023-01-31")),
        ("He moved to Russia in 2018 to work.", "2018", ("2018-01-01", "2018-12-31")),
        ("It happened in early March 2022.", "early March 2022", ("2022-03-01", "2022-03-10")),
        ("It happened at the end of 2022.", "the end of 2022", ("2022-09-01", "2022-12-31")),
    ],
)
def test_absolute_dates(text, phrase, interval):
    fact = only(text)
    assert (fact.text, fact.interval, fact.relative, fact.resolved, fact.reason) == (
        phrase,
        interval,
        False,
        True,
        None,
    )


@pytest.mark.parametrize(
    "text, phrase, interval, granularity",
    [
        ("At the start of January, he wrote.", "the start of January", ("2023-01-01", "2023-01-10"), "part_of_month"),
        (
            "At the beginning of January, he wrote.",
            "the beginning of January",
            ("2023-01-01", "2023-01-10"),
            "part_of_month",
        ),
        ("In early January, he wrote.", "early January", ("2023-01-01", "2023-01-10"), "part_of_month"),
        ("In mid-January, he wrote.", "mid-January", ("2023-01-11", "2023-01-20"), "part_of_month"),
        ("In late January, he wrote.", "late January", ("2023-01-21", "2023-01-31"), "part_of_month"),
        ("At the end of January, he wrote.", "the end of January", ("2023-01-21", "2023-01-31"), "part_of_month"),
        ("In January, he wrote.", "January", ("2023-01-01", "2023-01-31"), "month"),
        (
            "On March 12 he wrote.",
            "March 12",
            ("2022-03-12", "2022-03-12"),
            "day",
        ),  # after publication: the year before
        ("On 2 February he wrote.", "2 February", ("2023-02-02", "2023-02-02"), "day"),
        ("In November of last year he wrote.", "November of last year", ("2022-11-01", "2022-11-30"), "month"),
        ("At the end of last month, he wrote.", "the end of last month", ("2023-01-21", "2023-01-31"), "part_of_month"),
        ("He wrote last month.", "last month", ("2023-01-01", "2023-01-31"), "month"),
        ("He wrote last year.", "last year", ("2022-01-01", "2022-12-31"), "year"),
        ("He wrote last week.", "last week", ("2023-02-06", "2023-02-12"), "week"),
        ("He wrote yesterday.", "yesterday", ("2023-02-13", "2023-02-13"), "day"),
        ("He wrote on Monday.", "Monday", ("2023-02-13", "2023-02-13"), "day"),
        ("He wrote on Friday.", "Friday", ("2023-02-10", "2023-02-10"), "day"),
        ("He wrote two weeks ago.", "two weeks ago", ("2023-01-28", "2023-02-03"), "week"),
        ("He left seven months ago.", "seven months ago", ("2022-07-01", "2022-07-31"), "month"),
        ("He left 3 days ago.", "3 days ago", ("2023-02-11", "2023-02-11"), "day"),
        ("He left a year ago.", "a year ago", ("2022-01-01", "2022-12-31"), "year"),
        ("The fund was set up last June.", "last June", ("2022-06-01", "2022-06-30"), "month"),
        ("It rose late last year.", "late last year", ("2022-09-01", "2022-12-31"), "part_of_year"),
        ("They were found on 10 January last year.", "10 January last year", ("2022-01-10", "2022-01-10"), "day"),
    ],
)
def test_phrases_resolved_against_the_publication_date(text, phrase, interval, granularity):
    fact = only(text)
    assert (fact.text, fact.interval, fact.granularity) == (phrase, interval, granularity)
    assert fact.relative and fact.resolved and fact.reason is None
    assert fact.phrase == phrase.lower()


@pytest.mark.parametrize(
    "text, reason_word",
    [
        ("At the end of last month, he wrote.", "publication"),
        ("He wrote last year.", "publication"),
        ("He wrote on Monday.", "publication"),
        ("He left seven months ago.", "publication"),
        ("In late January, he wrote.", "year"),
        ("On March 12 he wrote.", "year"),
    ],
)
def test_without_a_publication_date_relative_phrases_stay_unresolved(text, reason_word):
    fact = only(text, published=None)
    assert fact.relative and not fact.resolved and fact.interval is None
    assert reason_word in fact.reason


def test_reason_names_the_missing_publication_date():
    fact = only("At the end of last month, he wrote.", published=None)
    assert fact.reason == "relative to a publication date the document lacks"


def test_a_bad_publication_date_is_treated_as_missing():
    assert only("He wrote last year.", published="not a date").resolved is False


@pytest.mark.parametrize(
    "text",
    [
        "He was jailed for seven months.",
        "They may march in protest.",
        "May I say something?",
        "March was a hard month for them.",  # "March" and "May" alone need a preposition before them
        "About 2000 people marched.",
        "It was the last time he spoke.",
        "At the end of the day he left.",
        "Room 2018 was empty and 2019 votes were cast.",
        'He sang on "Saturday Night Live" once.',
    ],
)
def test_not_times(text):
    assert [t.text for t in times(text)] == []


def test_march_after_a_preposition_is_a_month():
    assert only("It rained in March.").interval == ("2022-03-01", "2022-03-31")


def test_the_event_is_the_content_of_the_dated_sentence_without_the_phrase():
    fact = only("In late January, he told his father that a group had been sent to fight.")
    assert {"father", "group", "fight"} <= set(fact.event)
    assert "january" not in fact.event and "late" not in fact.event and "he" not in fact.event
    assert list(fact.event) == sorted(set(fact.event))


def test_two_wordings_of_one_event_share_event_words():
    a = only("At the start of January, he shared his concerns with his father that a group had been conscripted.")
    b = only("In late January, he told his father that a group of Central Asians had been sent to fight.")
    assert {"father", "group"} <= set(a.event) & set(b.event)


# --- which way a phrase points, and titles that are no times ---------------------------------

THURSDAY = "2023-02-16"


@pytest.mark.parametrize(
    "text, day",
    [
        ("He will appear before magistrates on Saturday.", "2023-02-18"),
        ("On Saturday, the band will play its last concert.", "2023-02-18"),
        ("The trial is due to start on Monday.", "2023-02-20"),
        ("The case was adjourned until Tuesday for reports.", "2023-02-21"),
        ("Smith, who will be sentenced on Thursday, denied the charge.", "2023-02-16"),
    ],
)
def test_a_day_name_in_a_forward_looking_clause_is_the_coming_one(text, day):
    assert only(text, THURSDAY).interval == (day, day)


@pytest.mark.parametrize(
    "text, day",
    [
        ("He appeared before magistrates on Saturday.", "2023-02-11"),
        ("Smith, who was arrested on Monday, will be sentenced next month.", "2023-02-13"),
        ("Police said the car was found on Tuesday.", "2023-02-14"),
    ],
)
def test_a_day_name_in_a_past_clause_is_the_last_one(text, day):
    found = [t for t in times(text, THURSDAY) if t.granularity == "day"]
    assert [t.interval for t in found] == [(day, day)]


@pytest.mark.parametrize(
    "text, published, interval",
    [
        ("The hearing is on August 24.", "2023-08-20", ("2023-08-24", "2023-08-24")),
        ("He was remanded in custody until August 24.", "2023-08-20", ("2023-08-24", "2023-08-24")),
        ("The festival will open on September 30.", "2023-08-20", ("2023-09-30", "2023-09-30")),
        ("The trial will begin on March 3.", "2023-08-20", ("2024-03-03", "2024-03-03")),
        ("The hearing is on January 3.", "2023-12-28", ("2024-01-03", "2024-01-03")),
        ("The show is expected to return in September.", "2023-08-20", ("2023-09-01", "2023-09-30")),
        ("The centre will close at the end of January.", "2023-08-20", ("2024-01-21", "2024-01-31")),
    ],
)
def test_a_yearless_date_ahead_of_publication_stays_ahead(text, published, interval):
    assert only(text, published).interval == interval


@pytest.mark.parametrize(
    "text, published, interval",
    [
        ("He died on August 24.", "2023-08-20", ("2022-08-24", "2022-08-24")),
        ("The car was stolen in September.", "2023-08-20", ("2022-09-01", "2022-09-30")),
        ("The attack on October 2 shocked the town.", "2023-08-20", ("2022-10-02", "2022-10-02")),
    ],
)
def test_a_yearless_date_in_a_past_clause_or_far_ahead_is_in_the_past(text, published, interval):
    assert only(text, published).interval == interval


@pytest.mark.parametrize(
    "text",
    [
        "She told ITV's This Morning that she was well.",
        "He was interviewed on the Today programme.",
        "Today programme presenter John Smith asked him.",
        "A spokesman told USA TODAY the report was wrong.",
        "He writes for USA Today and the Sunday Times.",
        "She hosted Tonight for ten years.",
        "He appeared on This Week with his wife.",
    ],
)
def test_titles_of_programmes_and_outlets_are_not_times(text):
    assert [t.text for t in times(text) if t.granularity == "day"] == []


@pytest.mark.parametrize(
    "text, phrase",
    [
        ("Today, the court heard his appeal.", "Today"),
        ("He told the court today that he was innocent.", "today"),
        ('"Tonight we celebrate," she said.', "Tonight"),
        ("This morning the police arrived.", "This morning"),
    ],
)
def test_time_words_in_prose_are_times(text, phrase):
    assert only(text).text == phrase


def test_this_weekend_in_a_past_clause_of_a_monday_text_is_the_one_just_gone():
    monday = "2023-02-20"
    assert only("He flew in from Australia this weekend.", monday).interval == ("2023-02-18", "2023-02-19")
    assert only("The fair will open this weekend.", monday).interval == ("2023-02-25", "2023-02-26")


def test_a_day_name_before_its_date_is_not_a_second_time():
    assert [t.text for t in times("The attack took place on Friday, January 28, police said.")] == ["January 28"]


def test_year_inferred_says_whether_a_year_was_written():
    from corpuskit.facts.times import year_inferred

    assert year_inferred("December 11") and year_inferred("late March") and year_inferred("May")
    assert not year_inferred("December 11, 1996") and not year_inferred("today") and not year_inferred("Monday")


def test_phrases_found_once_resolve_as_the_facts_do_for_each_publication_day():
    """``time_phrases`` is searched once per text and ``resolve_phrase`` places a phrase for any day
    (dupes reads a text against two days): the same times as ``extract_times`` for each day."""
    from datetime import date

    from corpuskit.facts import TRIGGERS
    from corpuskit.facts.text import Layout
    from corpuskit.facts.times import extract_times, resolve_phrase, time_phrases

    text = (
        "On Monday police said the raid of 12 March followed one last week. "
        "It was the third since 2019, and a trial is expected next month. Two days ago he fled."
    )
    layout = Layout(text, TRIGGERS)
    phrases = time_phrases(text, layout)
    assert len(phrases) >= 5
    for day in (date(2001, 3, 14), date(2004, 10, 2), None):
        facts = extract_times(text, layout, day)
        resolved = [(p.match.span(), r[0]) for p in phrases if (r := resolve_phrase(p, day)) is not None]
        assert resolved == [(fact.span, fact.interval) for fact in facts]
    monday = [resolve_phrase(p, d) for p in phrases[:1] for d in (date(2001, 3, 14), date(2004, 10, 2))]
    assert monday[0][0] != monday[1][0]  # a relative day resolves differently against the two days
