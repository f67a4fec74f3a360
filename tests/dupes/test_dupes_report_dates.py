"""Dupes' direction and the report's roles read publication dates with one rule
(``corpuskit.documents.publication_order``), so they never disagree on who came first."""

import pytest
from dupes_stories import LIBRARIES, article

from corpuskit.dupes import DocInput, compare_documents
from corpuskit.report.context import DocView, StoryContext
from corpuskit.report.roles import sources


def _both_ways(first: str, second: str):
    """(dupes direction, the report's original) for a copy pair dated ``first`` and ``second``."""
    text = article(LIBRARIES)
    copy = text.replace("2.4 million", "2.6 million")
    pair = compare_documents(DocInput(1, text, first), DocInput(2, copy, second))
    assert pair is not None
    story = StoryContext({1: DocView(1, text, published=first), 2: DocView(2, copy, published=second)}, [pair])
    originals = [s.document for s in sources(story) if s.role == "original"]
    return pair.direction, originals


@pytest.mark.parametrize(
    "first, second",
    [
        ("2024-03-01", "2024-03-01T10:00"),
        ("2024-03-01T10:00", "2024-03-01"),
        ("2024-03-01", "2024-03-01T23:30:00-05:00"),  # 2 March in UTC, 1 March as written
        ("2024-03-01T00:10:00+01:00", "2024-03-01"),  # 29 February in UTC, 1 March as written
    ],
)
def test_a_date_only_and_a_date_time_of_one_day_name_no_original_in_either(first, second):
    direction, originals = _both_ways(first, second)
    assert direction is None
    assert originals == []


@pytest.mark.parametrize(
    "first, second, direction, original",
    [
        ("2024-02-29", "2024-03-01T10:00", "a->b", 1),
        ("2024-03-02", "2024-03-01T23:30:00-05:00", "b->a", 2),
        ("2024-03-01T23:30:00-05:00", "2024-03-02T02:00:00Z", "b->a", 2),  # the moments, in UTC
        ("2024-03-05T09:00:00+01:00", "2024-03-05T10:00:00Z", "a->b", 1),
    ],
)
def test_dupes_and_roles_agree_on_which_date_is_earlier(first, second, direction, original):
    assert _both_ways(first, second) == (direction, [original])
