"""date_conflict on constructed stories: one event's times compared, other events' left alone."""

from __future__ import annotations

from dataclasses import replace

from corpuskit.entities.model import Entity, Mention
from corpuskit.report.dates import date_conflict_findings

from .test_findings import facts_of, story


def conflicts(context, mentions=None) -> list:
    return [
        f for f in date_conflict_findings(context, facts_of(context), mentions) if f.details["status"] == "conflict"
    ]


def phrases(finding) -> set[str]:
    return {t["text"] for t in finding.details["times"]}


def name_mentions(context, label: str, *names: str) -> dict:
    """Entity mentions of each name wherever it stands in the story, one entity per name."""
    found: dict[int, list] = {}
    for entity_id, name in enumerate(names, start=1):
        for doc, view in context.docs.items():
            start = view.text.find(name)
            if start >= 0:
                mention = Mention(doc, start, start + len(name), name, label)
                found.setdefault(doc, []).append((Entity(entity_id, name, label, [mention]), mention))
    return found


# --- must be reported --------------------------------------------------------------------------


def test_one_persons_death_year_given_twice_conflicts():
    context = story(
        "The band's founder, John Harlow, died in 1991 after a long illness, his family said.",
        "Tributes were paid at the festival to John Harlow, who died in 1993, and to his band.",
        published=("2001-05-02", "2001-05-03"),
    )
    [finding] = conflicts(context, name_mentions(context, "PERSON", "John Harlow"))
    assert phrases(finding) == {"1991", "1993"}
    assert 0.5 <= finding.confidence <= 1
    assert any("die" in b for b in finding.basis) and any("named" in b for b in finding.basis)


def test_the_phrase_dating_the_same_event_is_compared_not_the_first():
    context = story(
        "The court heard yesterday that the couple married ten years ago in Leeds.",
        "The couple married eleven years ago in Leeds, the court was told.",
        published=("2001-05-02", "2001-05-02"),
    )
    [finding] = conflicts(context)
    assert phrases(finding) == {"ten years ago", "eleven years ago"}


def test_two_conflicting_years_of_one_conviction():
    context = story(
        "Smith was convicted of burglary in 1987, the court heard.",
        "Smith was convicted of burglary in 1986 and jailed for a year.",
        published=("2000-06-21", "2000-06-22"),
    )
    [finding] = conflicts(context, name_mentions(context, "PERSON", "Smith"))
    assert phrases(finding) == {"1987", "1986"}


# --- must not be reported ----------------------------------------------------------------------


def test_an_announcement_today_and_the_festival_next_month_are_two_events():
    context = story(
        "Organisers announced today that the harbour festival will take place next month.",
        "The harbour festival takes place next month, organisers said.",
        "Organisers of the harbour festival announced the line-up today.",
        published=("2001-05-02", "2001-05-03", "2001-05-02"),
    )
    assert conflicts(context) == []


def test_the_hearing_day_and_the_day_of_the_offence_are_two_events():
    context = story(
        "Mark Jones, 32, appeared at Leeds Crown Court today charged with attacking a taxi driver.",
        "Mark Jones attacked the taxi driver on May 3 after a row over the fare, the court heard.",
        published=("2001-06-20", "2001-06-21"),
    )
    assert conflicts(context, name_mentions(context, "PERSON", "Mark Jones")) == []


def test_the_date_a_case_was_adjourned_to_is_not_the_hearing_day():
    context = story(
        "Mark Jones appeared before magistrates in Leeds today and the case was adjourned until August 24.",
        "The case against Mark Jones was adjourned until August 24 by Leeds magistrates yesterday.",
        published=("2001-08-20", "2001-08-21"),
    )
    assert conflicts(context, name_mentions(context, "PERSON", "Mark Jones")) == []


def test_a_death_and_a_career_start_are_two_events():
    context = story(
        "John Harlow, who died in 1993, was remembered by the band at the festival.",
        "John Harlow took over the band in 1984 and led it to the festival.",
        published=("2001-05-02", "2001-05-03"),
    )
    assert conflicts(context, name_mentions(context, "PERSON", "John Harlow")) == []


def test_programme_and_outlet_names_are_not_times():
    context = story(
        "The singer told the Today programme that the tour would go ahead in the spring.",
        "The singer told ITV's This Morning that the tour would go ahead in the spring.",
        "The singer told USA TODAY that the tour would go ahead in the spring.",
        published=("2001-05-02", "2001-05-03", "2001-05-04"),
    )
    assert date_conflict_findings(context, facts_of(context)) == []


def test_a_time_word_inside_a_named_entity_is_not_a_time():
    context = story(
        "The singer told The Mail on Sunday that the tour of Britain was over for good.",
        "The singer said on Sunday that the tour of Britain was over for good.",
        published=("2001-05-02", "2001-05-03"),
    )
    mentions = name_mentions(context, "ORG", "The Mail on Sunday")
    assert date_conflict_findings(context, facts_of(context), mentions) == []


def test_a_day_apart_by_publication_dates_is_a_weak_conflict():
    context = story(
        "Mark Jones was jailed for five years at Leeds Crown Court yesterday.",
        "Mark Jones was jailed for five years at Leeds Crown Court on Monday.",
        published=("2001-06-21", "2001-06-21"),  # a Thursday: "yesterday" is Wednesday, "on Monday" the 18th
    )
    [finding] = conflicts(context, name_mentions(context, "PERSON", "Mark Jones"))
    assert finding.confidence < 0.5
    assert any("publication" in b for b in finding.basis)


def test_a_phrase_that_cannot_be_placed_is_a_low_confidence_finding():
    context = story(
        "The minister resigned from the cabinet last month, aides to the minister said.",
        "The minister resigned from the cabinet in late March 2021, aides to the minister said.",
    )
    [finding] = date_conflict_findings(context, facts_of(context))
    assert finding.details["status"] == "cannot_compare"
    assert finding.confidence < 0.3 and "a phrase cannot be placed in time" in finding.basis


def test_the_near_miss_settings_decide_how_much_a_day_apart_counts():
    texts = (
        "Mark Jones was jailed for five years at Leeds Crown Court on Tuesday, his lawyer said.",
        "Mark Jones was jailed for five years at Leeds Crown Court on Monday.",
    )

    def confidence(**changed) -> float:
        context = story(*texts, published=("2001-06-21", "2001-06-21"))
        context.settings = replace(context.settings, **changed)
        [finding] = conflicts(context, name_mentions(context, "PERSON", "Mark Jones"))
        return finding.confidence

    assert confidence() < confidence(date_near_miss_days=0) == confidence(date_near_miss_factor=1.0)


def test_two_yearless_days_a_day_apart_are_compared_without_a_crash():
    context = story(
        "The minister resigned from the cabinet on March 12, aides to the minister said.",
        "The minister resigned from the cabinet on March 13, aides to the minister said.",
    )
    [finding] = conflicts(context)
    assert "year assumed" in finding.basis


def test_the_same_event_in_other_words_with_an_unknown_subject_is_compared():
    context = story(
        "He admitted that he was cautioned by police in 1977 for failing to declare the conviction.",
        "Mark Jones was cautioned in August 1997 for failing to declare the conviction.",
        published=("2000-06-21", "2000-06-22"),
    )
    [finding] = conflicts(context, name_mentions(context, "PERSON", "Mark Jones"))
    assert phrases(finding) == {"1977", "August 1997"}


def test_one_verb_with_different_objects_is_two_events():
    context = story(
        "Mark Jones joined the Metropolitan Police in 1985 as a recruit.",
        "Mark Jones joined Cambridgeshire Police in 1989 as a recruit.",
        published=("2000-06-21", "2000-06-22"),
    )
    mentions = name_mentions(context, "ORG", "the Metropolitan Police", "Cambridgeshire Police")
    for doc, found in name_mentions(context, "PERSON", "Mark Jones").items():
        mentions.setdefault(doc, []).extend((replace(e, id=e.id + 10), m) for e, m in found)
    assert conflicts(context, mentions) == []


def test_the_day_a_court_heard_something_is_not_the_day_of_what_it_heard():
    context = story(
        "Mark Jones was given a massive overdose at the care home, Leeds Crown Court heard yesterday.",
        "Mark Jones was given a massive overdose at the care home in April 1997, Leeds Crown Court heard.",
        published=("1999-10-04", "1999-10-04"),
    )
    assert conflicts(context, name_mentions(context, "PERSON", "Mark Jones")) == []


def test_this_hearing_and_the_next_are_two_events():
    context = story(
        "Mark Jones appeared in court yesterday, charged with the murder of his neighbour.",
        "Mark Jones will appear in court again on August 25, charged with the murder of his neighbour.",
        published=("1999-08-10", "1999-08-09"),
    )
    assert conflicts(context, name_mentions(context, "PERSON", "Mark Jones")) == []
