"""Who copied whom: credit lines, publication dates, containment weighed together -- and no guess without evidence."""

from dataclasses import replace

from dupes_stories import HARBOUR, LIBRARIES, LIBRARIES_REWRITTEN, MUSEUM, article

from corpuskit.dupes import DocInput, compare_documents
from corpuskit.dupes.classify import credits, weigh_direction


def test_the_earlier_publication_is_the_source():
    text = article(LIBRARIES)
    copy = text.replace("2.4 million", "2.6 million")
    pair = compare_documents(DocInput(1, text, "2024-03-05"), DocInput(2, copy, "2024-03-04T18:00:00"))
    assert (pair.direction, pair.direction_reason) == ("b->a", "dates")
    later = compare_documents(DocInput(1, text, "2024-03-05T09:00:00+01:00"), DocInput(2, copy, "2024-03-05T10:00:00Z"))
    assert later.direction == "a->b"


def test_same_day_or_missing_dates_tell_nothing():
    text = article(LIBRARIES)
    copy = text.replace("2.4 million", "2.6 million")
    assert compare_documents(DocInput(1, text, "2024-03-05"), DocInput(2, copy, "2024-03-05T10:00")).direction is None
    assert compare_documents(DocInput(1, text, None), DocInput(2, copy, "2024-03-05")).direction is None


# A paper's own opening and closing lines around what it took from a shorter text.
OWN_INTRO = [
    "Families in the north of the city fear they will be left without a library within months.",
    "Parents at a packed school meeting on Wednesday said their children rely on the branches for homework.",
]


def test_a_text_built_on_another_plus_additions_comes_from_it():
    short = article(LIBRARIES[:5])
    longer = article(OWN_INTRO + LIBRARIES[:5] + HARBOUR)  # its own opening, then the shorter text
    pair = compare_documents(DocInput(1, longer), DocInput(2, short))
    assert (pair.direction, pair.direction_reason) == ("b->a", "containment")


def test_a_shorter_text_that_is_the_longer_ones_opening_is_cut_down_or_built_on():
    short = article(LIBRARIES[:5])
    longer = article(LIBRARIES[:5] + HARBOUR)  # the wire story cut down, or the short one with additions
    pair = compare_documents(DocInput(1, longer), DocInput(2, short))
    assert (pair.direction, pair.direction_reason) == (None, "conflicting")
    # Dates choose the reading, either way.
    cut_down = compare_documents(DocInput(1, longer, "2024-03-04"), DocInput(2, short, "2024-03-05"))
    assert (cut_down.direction, cut_down.direction_reason) == ("a->b", "dates")
    built_on = compare_documents(DocInput(1, longer, "2024-03-05"), DocInput(2, short, "2024-03-04"))
    assert (built_on.direction, built_on.direction_reason) == ("b->a", "dates")


def test_dates_outweigh_containment_and_a_credit_line_outweighs_both():
    short = article(LIBRARIES[:5])
    longer = article(OWN_INTRO + LIBRARIES[:5] + HARBOUR)
    against_dates = compare_documents(DocInput(1, longer, "2024-03-04"), DocInput(2, short, "2024-03-05"))
    assert (against_dates.direction, against_dates.direction_reason) == ("a->b", "dates")
    credited = article(
        ["The Northbridge Gazette reported that the council will close three libraries."] + LIBRARIES[1:]
    )
    source = DocInput(1, article(LIBRARIES), "2024-03-05", "The Northbridge Gazette")  # dated later ...
    copy = DocInput(2, credited, "2024-03-04", "Daily Ledger")  # ... than the text that credits it
    pair = compare_documents(source, copy)
    assert (pair.direction, pair.direction_reason) == ("a->b", "credit")


def test_two_texts_crediting_each_other_are_conflicting_evidence():
    first = DocInput(
        1,
        article(["The Daily Ledger reported that the council will close three libraries."] + LIBRARIES[1:]),
        outlet="The Northbridge Gazette",
    )
    second = DocInput(
        2,
        article(["The Northbridge Gazette reported that the council will close three libraries."] + LIBRARIES[1:]),
        outlet="Daily Ledger",
    )
    pair = compare_documents(first, second)
    assert (pair.direction, pair.direction_reason) == (None, "conflicting")
    dated = compare_documents(replace(first, published="2024-03-04"), replace(second, published="2024-03-05"))
    assert (dated.direction, dated.direction_reason) == ("a->b", "dates")  # the credits cancel: dates tell


def test_the_evidence_is_weighed_together():
    assert weigh_direction([]) == (None, None)
    assert weigh_direction([("containment", "a->b"), ("containment", "b->a")]) == (None, "conflicting")
    assert weigh_direction([("dates", "a->b"), ("containment", "a->b")]) == ("a->b", "dates")
    assert weigh_direction([("credit", "b->a"), ("dates", "a->b"), ("containment", "a->b")]) == ("b->a", "credit")
    assert weigh_direction([("credit", "a->b"), ("credit", "b->a"), ("containment", "b->a")]) == (
        "b->a",
        "containment",
    )


def test_a_credit_line_names_the_source():
    source = DocInput(1, article(LIBRARIES), outlet="The Northbridge Gazette")
    credited = article(
        ["The Northbridge Gazette reported that the council will close three libraries."] + LIBRARIES_REWRITTEN[1:]
    )
    copy = DocInput(2, credited, outlet="Daily Ledger")
    pair = compare_documents(source, copy)
    assert (pair.direction, pair.direction_reason) == ("a->b", "credit")


def test_credit_patterns():
    assert credits("The figures were first reported by the Gazette on Monday.", "The Gazette")
    assert credits("Her father told Metro News that he was worried.", "Metro News Online")
    assert credits("According to Metro, the plan was dropped.", "Metro")
    assert not credits("The metro line was closed for repairs.", "Metro")
    assert not credits("Her father told Metro that he was worried.", "Metro", own_outlet="Metro")  # its own story
    assert not credits("Anything at all.", None)
    assert not credits("Her legal guardian said she was well.", "guardian")  # an ordinary word, not the paper
    assert credits("The Guardian said she was well.", "guardian")


def test_a_dated_short_source_taken_whole_into_a_long_article_is_linked():
    source = article(LIBRARIES[:3])
    feature = article(HARBOUR + LIBRARIES[:3] + LIBRARIES_REWRITTEN[5:] + HARBOUR)  # the source is a small part
    pair = compare_documents(DocInput(1, source, "2024-03-01"), DocInput(2, feature, "2024-03-02"))
    assert pair is not None and pair.direction == "a->b"
    assert pair.share_a == 1.0 and pair.share_b < 0.3
    assert pair.relation == "partial"  # measured on the copy: most of it is its own


def test_an_ignored_boilerplate_line_does_not_count_as_the_longer_texts_own_opening():
    from corpuskit.dupes import find_duplicates

    opener = "Listen to this article, read aloud by an automated voice, in the player above."
    short = article(LIBRARIES[:5])
    longer = article([opener] + LIBRARIES[:5] + HARBOUR)
    others = [article([opener, *MUSEUM[i : i + 2]]) for i in range(0, 6, 2)]  # other stories, same opener
    docs = [DocInput(1, short, outlet="Wire"), DocInput(2, longer, outlet="Gazette")]
    docs += [DocInput(3 + i, text, outlet="Gazette") for i, text in enumerate(others)]
    result = find_duplicates(docs)
    assert result.stats["boilerplate_sentences"] == 4  # the opener, in each of the four Gazette texts
    pair = next(p for p in result.pairs if (p.a, p.b) == (1, 2))
    assert (pair.direction, pair.direction_reason) == (None, "conflicting")  # as without the opener
