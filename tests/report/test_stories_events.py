"""Stories hold their events: the same two people in several events of one week.

A constructed week of celebrity news.  A singer and her former manager are in
three events: a court claim (Monday), a charity single (Wednesday) and her
collapse on stage (Saturday).  The collapse is written up by five outlets
independently, each from its own angle (the night itself, refunds, her
health, the tour, the fans), so they share few rare words -- but they quote
the same statement from her spokesman.  Other celebrity news of the week
gives rarity its meaning.  The three events must stay three stories; the five
reports of the collapse must be one.
"""

from __future__ import annotations

from corpuskit.dupes import DocInput, find_duplicates
from corpuskit.dupes.model import DupesResult, PairResult, Passage
from corpuskit.report.stories import StoryDoc, StoryGroup, group_stories, quoting_one_statement, story_links

STATEMENT = (
    '"She is exhausted and doctors have told her to rest completely. She is so sorry to everyone who came to see her."'
)

COURT = [
    (
        "2024-05-06",
        "The singer Corinna Vaslow is suing her former manager Teodor Brannick for unpaid royalties, "
        "the High Court heard on Monday. Lawyers for Vaslow told Mr Justice Hale that Brannick kept "
        "commission on three albums after their contract ended in 2019. Brannick denies the claim and "
        "says the money was owed to him under a verbal agreement. The hearing continues.",
    ),
    (
        "2024-05-06",
        "Pop star Corinna Vaslow and the man who guided her early career faced each other across a "
        "courtroom yesterday. Vaslow alleges that Teodor Brannick withheld royalty payments for years. "
        "Brannick's barrister said the arrangement between them had never been written down and that "
        "his client had acted in good faith. The judge is expected to rule next month.",
    ),
]

SINGLE = [
    (
        "2024-05-08",
        "Corinna Vaslow and Teodor Brannick have put their differences aside to record a charity "
        "single for a children's hospice in Swansea. The song, a cover of an old hymn, will be released "
        "on Friday, with every penny going to the hospice appeal. Brannick produced the track at his "
        "studio in Bristol.",
    ),
    (
        "2024-05-08",
        "Despite their legal battle, Vaslow and her ex-manager Brannick have teamed up on a hymn "
        "to raise money for sick children. The hospice in Swansea said the pair had approached it "
        "themselves and hoped the record would fund a new wing. Fans welcomed the surprise release.",
    ),
]

COLLAPSE = [
    (
        "2024-05-11",
        "Corinna Vaslow collapsed on stage in Cardiff on Saturday night midway through her fourth "
        "song and was carried off by paramedics as the crowd of 9,000 watched in silence. The arena "
        "lights came up, the band left the stage and an announcer asked people to leave calmly. "
        "Her spokesman said: " + STATEMENT + " An ambulance took her to the University Hospital of "
        "Wales, where she stayed overnight. Witnesses said she had seemed unsteady from the opening "
        "number and twice stopped to drink water. Security staff formed a line in front of the barrier "
        "while medics worked on her behind the speakers for several minutes before she was lifted onto "
        "a stretcher.",
    ),
    (
        "2024-05-12",
        "Ticket holders for the abandoned show will get their money back, the promoter confirmed. "
        "Refunds will be paid automatically to the card used for booking within fourteen days, and "
        "people who bought from resale sites were told to contact the seller. Parking charges and "
        "train fares will not be covered. A spokesman for the singer said: " + STATEMENT + " Consumer "
        "groups advised fans to keep their receipts and warned about fake refund emails, which police "
        "say have already been sent to hundreds of people. The venue's box office will reopen on "
        "Tuesday for questions.",
    ),
    (
        "2024-05-12",
        "Friends of Corinna Vaslow have spoken of their worry after years of punishing schedules. "
        "The star had a throat operation in 2021 and cancelled dates in Germany last autumn, when "
        "she was said to be suffering from anxiety. One former band member said she rarely took a "
        "day off. " + STATEMENT + " said a spokesman, who added that she was now at home. Doctors "
        "who treat performers say exhaustion is common among artists who tour for months without a "
        "break, and a mental health charity for musicians said calls to its helpline had doubled in "
        "two years.",
    ),
    (
        "2024-05-12",
        "Vaslow has pulled out of the remaining twelve dates of her tour, including two nights in "
        "Glasgow and one in Belfast. Promoters said the shows would be rescheduled for October and "
        "that tickets would remain valid. Her record label has also postponed the release of a "
        "live album recorded in London. " + STATEMENT + " her spokesman said. The tour had been "
        "expected to earn more than five million pounds, and insurers will now examine the claim. "
        "Support act The Lanterns, who were due to play every date, said they would put on free "
        "shows instead.",
    ),
    (
        "2024-05-12",
        "Fans who travelled from as far as Aberdeen described the moment the singer fell to her "
        'knees. "We thought it was part of the show at first," said one woman, who had queued since '
        "the morning. Others left flowers and cards at the gates of the venue on Sunday. A statement "
        "from her camp read: " + STATEMENT + " Fan forums filled with messages of support overnight, "
        "and a hashtag carrying her name was the most shared in the country by Sunday lunchtime. One "
        "teenager said she had saved for a year to buy her ticket.",
    ),
]

# Other news of the week, so that "singer", "court" and "concert" are common words.
BACKGROUND = [
    (
        "2024-05-07",
        "The actor Bram Oduya has been banned from driving for eighteen months after he admitted "
        "drink driving in Chelsea. Magistrates heard he was twice over the limit when police stopped "
        "his car at two in the morning.",
    ),
    (
        "2024-05-07",
        "The rapper Kestrel Jay has announced a stadium concert in Leeds next summer, his first "
        "home show for five years. Tickets go on sale on Friday and are expected to sell out within "
        "minutes.",
    ),
    (
        "2024-05-09",
        "The television presenter Imogen Vale has won her libel claim against a tabloid newspaper "
        "at the High Court, which found a story about her marriage was false. She was awarded damages "
        "of 80,000 pounds.",
    ),
    (
        "2024-05-09",
        "The boy band Northlight will reunite for a charity concert at the Royal Albert Hall in "
        "aid of cancer research, ten years after they split. The group's singer said the reunion was "
        "a one-off.",
    ),
    (
        "2024-05-10",
        "The veteran comedian Alf Penrose has been taken to hospital after a fall at his home in "
        "Brighton. His agent said he had broken his wrist and was comfortable.",
    ),
    (
        "2024-05-10",
        "A painting by the folk singer Mairead Quill sold for 40,000 pounds at auction in Dublin, "
        "ten times its estimate. The buyer was an anonymous collector.",
    ),
]

EVENTS = {"court": COURT, "single": SINGLE, "collapse": COLLAPSE}


def corpus() -> tuple[list[StoryDoc], dict[str, set[int]]]:
    """The week's documents (numbered in order) and the ids of each event's reports."""
    docs: list[StoryDoc] = []
    events: dict[str, set[int]] = {}
    for name, reports in [*EVENTS.items(), ("background", BACKGROUND)]:
        start = len(docs) + 1
        docs.extend(StoryDoc(start + i, text, published) for i, (published, text) in enumerate(reports))
        events[name] = set(range(start, start + len(reports)))
    return docs, events


def quoting_pairs(events: dict[str, set[int]]) -> list[tuple[int, int]]:
    """What dupes gives as shared-quote pairs: every two reports of the spokesman's statement."""
    reports = sorted(events["collapse"])
    return [(a, b) for i, a in enumerate(reports) for b in reports[i + 1 :]]


def story_of(groups: list[StoryGroup], doc: int) -> set[int]:
    return set(next(g.documents for g in groups if doc in g.documents))


def test_five_independent_reports_quoting_one_statement_are_one_story():
    docs, events = corpus()
    groups = group_stories(docs, event_links=quoting_pairs(events))
    assert story_of(groups, min(events["collapse"])) == events["collapse"]


def test_the_same_people_in_different_events_of_one_week_stay_apart():
    docs, events = corpus()
    groups = group_stories(docs, event_links=quoting_pairs(events))
    assert story_of(groups, min(events["court"])) == events["court"]
    assert story_of(groups, min(events["single"])) == events["single"]
    assert all(len(story_of(groups, d)) == 1 for d in events["background"])


def test_a_shared_quotation_far_apart_in_time_does_not_join_two_reports():
    docs, events = corpus()
    first, second = sorted(events["collapse"])[:2]
    moved = [StoryDoc(d.id, d.text, "2024-07-30" if d.id == second else d.published) for d in docs]
    groups = group_stories(moved, event_links=[(first, second)])
    assert second not in story_of(groups, first)


def test_a_shared_quotation_alone_does_not_chain_two_events():
    # One quoting pair across two events (a statement recalled in another story) is
    # one pair against many that are not similar: the events stay apart.
    docs, events = corpus()
    court, single = min(events["court"]), min(events["single"])
    groups = group_stories(docs, event_links=[(court, single)])
    assert story_of(groups, max(events["court"])) != story_of(groups, max(events["single"]))


def test_dupes_shared_quotes_feed_the_grouping():
    docs, events = corpus()
    dupes = find_duplicates([DocInput(d.id, d.text, d.published) for d in docs])
    links, event_links = story_links(dupes, {d.id: d.text for d in docs})
    assert {tuple(sorted(p)) for p in event_links} & set(quoting_pairs(events))
    groups = group_stories(docs, links, event_links=event_links)
    assert story_of(groups, min(events["collapse"])) == events["collapse"]
    assert story_of(groups, min(events["court"])) == events["court"]


def shared_quote(a: int, b: int, text_a: str, text_b: str, quoted: str) -> PairResult:
    """A dupes shared-quote pair whose one passage is ``quoted`` in both texts."""
    span_a = (text_a.index(quoted), text_a.index(quoted) + len(quoted))
    span_b = (text_b.index(quoted), text_b.index(quoted) + len(quoted))
    return PairResult(a, b, "shared_quotes", 0.1, 0.1, 0.1, None, (Passage(span_a, span_b, 1.0),))


def test_a_statement_quoted_in_both_is_an_event_link_but_a_short_phrase_is_not():
    (_, court), (_, single) = COURT[0], SINGLE[0]
    phrase = "Brannick produced the track"  # a few words: they recur from one event to the next
    text_a = court + " " + phrase + "."
    pairs = [shared_quote(1, 2, text_a, single, phrase)]
    assert quoting_one_statement(pairs, {1: text_a, 2: single}, min_words=15) == []
    (_, first), (_, second) = COLLAPSE[0], COLLAPSE[1]
    pairs = [shared_quote(5, 6, first, second, STATEMENT)]
    assert quoting_one_statement(pairs, {5: first, 6: second}, min_words=15) == [(5, 6)]
    # A pair naming a document not in the texts (another subset of the corpus) is left out.
    assert quoting_one_statement(pairs, {5: first}, min_words=15) == []


def test_event_links_naming_unknown_or_same_documents_are_ignored():
    docs, events = corpus()
    groups = group_stories(docs, event_links=[(1, 999), (3, 3)])
    assert sorted(d for g in groups for d in g.documents) == [d.id for d in docs]
    assert story_links(DupesResult(), {}) == ([], [])


def test_an_undated_pair_quoting_one_statement_is_no_event_link():
    # Without dates nothing says the statement was reported in one news cycle: two
    # otherwise unrelated reports stay apart.
    docs, events = corpus()
    court, other = min(events["court"]), min(events["background"])
    undated = [StoryDoc(d.id, d.text, None) for d in docs if d.id in (court, other)]
    groups = group_stories(undated, event_links=[(court, other)])
    assert story_of(groups, court) == {court}
    dated = [d for d in docs if d.id in (court, other)]
    assert story_of(group_stories(dated, event_links=[(court, other)]), court) == {court, other}
