"""Credit lines: one matcher, so dupes' direction and the report's roles agree on every line."""

from __future__ import annotations

import pytest

from corpuskit.dupes.align import Alignment
from corpuskit.dupes.classify import direction_of
from corpuskit.dupes.model import DocInput, PairResult, Passage
from corpuskit.facts import extract_facts
from corpuskit.report.context import DocView, StoryContext
from corpuskit.report.credits import attribution_findings
from corpuskit.report.roles import sources
from corpuskit.text.credits import credit_span, credits, outlet_names

ORIGINAL = "The council will close three libraries in the spring, officials confirmed on Monday."
OUTLET = "Northern Herald Online"

CREDIT_LINES = [
    "The Northern Herald reported that the council will close three libraries.",
    "According to the Northern Herald, the council will close three libraries.",
    "A librarian told the Northern Herald that three libraries will close.",
    "The closures were first reported by the Northern Herald on Monday.",
    "A Northern Herald investigation found that three libraries will close.",
    "Northern Herald Online said the council will close three libraries.",
    "LONDON (Northern Herald) - The council will close three libraries.",
    "This article first appeared in the Northern Herald.\nThe council will close three libraries.",
    "Citing the Northern Herald, campaigners said three libraries will close.",
    "The Northern Herald newspaper has previously reported that three libraries will close.",
    "The Northern Herald, a regional daily, reported that three libraries will close.",
]
NOT_CREDITS = [
    "The northern herald said the council will close three libraries.",  # ordinary words, not the paper's name
    "The council will close three libraries, officials said.",
    # The outlet is named, but it is not the one that says anything.
    "Unlike the Northern Herald, the minister said the council will close three libraries.",
    "The mayor has sued the Northern Herald over its library coverage, his lawyer says.",
]


def _direction(copy_text: str) -> str | None:
    source, copy = DocInput(1, ORIGINAL, outlet=OUTLET), DocInput(2, copy_text, outlet="Valley Post")
    nothing = Alignment((), 0.0, 0.0, frozenset(), frozenset())
    return direction_of(source, copy, nothing)[0]


def _story(copy_text: str) -> StoryContext:
    docs = {1: DocView(1, ORIGINAL, "t1", OUTLET), 2: DocView(2, copy_text, "t2", "Valley Post")}
    whole = Passage((0, len(ORIGINAL)), (0, len(copy_text)), 0.8)
    return StoryContext(docs, [PairResult(1, 2, "rewrite", 0.8, 1.0, 1.0, None, (whole,))])


@pytest.mark.parametrize("line", CREDIT_LINES + NOT_CREDITS)
def test_dupes_direction_and_report_roles_agree_on_a_credit_line(line):
    credited = line in CREDIT_LINES
    assert (_direction(line) == "a->b") is credited
    roles = {s.document: s for s in sources(_story(line))}
    assert (roles[1].role == "original" and roles[2].copied_from == (1,)) is credited


@pytest.mark.parametrize("line", CREDIT_LINES)
def test_the_attribution_finding_quotes_the_line_dupes_credits(line):
    story = _story(line)
    facts = {d: extract_facts(v.text, v.published) for d, v in story.docs.items()}
    [finding] = attribution_findings(story, sources(story), facts)
    span = credit_span(line, OUTLET, "Valley Post")
    assert finding.details["credited"] is True
    assert span is not None and finding.details["credit"] == line[span[0] : span[1]]


def test_a_text_naming_its_own_outlet_credits_nobody():
    assert not credits("A librarian told the Northern Herald.", OUTLET, own_outlet="Northern Herald")
    assert credits("A librarian told the Northern Herald.", OUTLET, own_outlet="Valley Post")


def test_outlet_names_drop_generic_words():
    assert outlet_names("Metro News Online") == ["Metro News Online", "Metro"]
    assert outlet_names("BBC Radio") == ["BBC Radio", "BBC"]
    assert outlet_names("  ") == [] and outlet_names(None) == []


@pytest.mark.parametrize(
    "line",
    [
        "Hamilton told The Sun: 'I cannot believe it.'",
        "The guard had told The Sun that the couple stayed for 28 minutes.",
        "He said in an interview with the Sun that he would appeal.",
        "Speaking to The Sun, his mother said he was innocent.",
        "Speaking exclusively to the Sun, she said the verdict was wrong.",
        "The club said in a statement to The Sun that it would not comment.",
        "His lawyer, in comments to the Sun, called the ruling unfair.",
    ],
)
def test_an_outlet_spoken_to_is_credited(line):
    for outlet in ("sun", "The Sun"):
        assert credits(line, outlet, own_outlet="Daily Mirror"), outlet


@pytest.mark.parametrize(
    "line",
    [
        "The sun rose over the court as the jury returned.",
        "He told the sun to shine on the day of the wedding.",
        "The Sun rose to 3 million readers in the 1980s.",  # the paper named, crediting nothing
        "He colluded with The Sun over secret video-tapes, the court heard.",
        "He gave a statement to the police on Monday.",
    ],
)
def test_a_sun_that_is_not_spoken_to_is_not_a_credit(line):
    assert not credits(line, "sun", own_outlet="Daily Mirror")
