"""Who copied whom: credit lines, publication dates, containment -- and no guess without evidence."""

from dupes_stories import HARBOUR, LIBRARIES, LIBRARIES_REWRITTEN, article

from corpuskit.dupes import DocInput, compare_documents
from corpuskit.dupes.classify import credits


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


def test_a_text_built_on_another_plus_additions_comes_from_it():
    short = article(LIBRARIES[:5])
    longer = article(LIBRARIES[:5] + HARBOUR)
    pair = compare_documents(DocInput(1, longer), DocInput(2, short))
    assert (pair.direction, pair.direction_reason) == ("b->a", "containment")


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
