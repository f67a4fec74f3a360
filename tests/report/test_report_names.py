"""name_variant findings on constructed stories: real respellings are reported, how writing
varies (diacritics, digits, titles, short forms) and two different names are not."""

from __future__ import annotations

import pytest

from corpuskit.dupes.model import Edit, PairResult, Passage
from corpuskit.entities.model import Entity, Mention
from corpuskit.report.context import DocView, StoryContext
from corpuskit.report.names import mentions_by_document, name_variant_findings


def story(*texts: str) -> StoryContext:
    return StoryContext({i: DocView(i, text, outlet=f"Outlet {i}") for i, text in enumerate(texts, start=1)})


def align_whole(context: StoryContext, a: int, b: int) -> None:
    """A dupes pair aligning the two whole texts, as when one copies the other."""
    span_a, span_b = (0, len(context.docs[a].text)), (0, len(context.docs[b].text))
    context.pairs.append(PairResult(a, b, "rewrite", 0.8, 1.0, 1.0, None, (Passage(span_a, span_b, 0.8),)))


def entity(context: StoryContext, label: str, *surfaces: str) -> Entity:
    """One entity mentioned by the n-th surface in document n (the resolver joined them)."""
    mentions = []
    for doc, surface in enumerate(surfaces, start=1):
        start = context.docs[doc].text.index(surface)
        mentions.append(Mention(doc, start, start + len(surface), surface, label))
    return Entity(1, surfaces[0], label, mentions)


def variants(context: StoryContext, found: Entity) -> list:
    return name_variant_findings(context, mentions_by_document([found]))


COPIED = "{} was jailed for three years at the crown court after the robbery of a post office in the town."


def test_a_letter_changed_in_aligned_copies_is_a_confident_variant():
    context = story(COPIED.format("Rustam Karimov"), COPIED.format("Rostam Karimov"))
    align_whole(context, 1, 2)
    [finding] = variants(context, entity(context, "PERSON", "Rustam Karimov", "Rostam Karimov"))
    assert {v["text"] for v in finding.details["variants"]} == {"Rustam Karimov", "Rostam Karimov"}
    assert "one letter differs in the first name" in finding.basis
    assert "in passages aligned as copies" in finding.basis
    assert finding.confidence >= 0.8


def test_the_same_respelling_without_any_shared_context_is_less_confident():
    context = story("Rustam Karimov was jailed on Monday.", "Relatives of Rostam Karimov held a vigil in the square.")
    [finding] = variants(context, entity(context, "PERSON", "Rustam Karimov", "Rostam Karimov"))
    aligned = story(COPIED.format("Rustam Karimov"), COPIED.format("Rostam Karimov"))
    align_whole(aligned, 1, 2)
    [copied] = variants(aligned, entity(aligned, "PERSON", "Rustam Karimov", "Rostam Karimov"))
    assert "joined only by the entity resolver" in finding.basis
    assert finding.confidence < copied.confidence


def test_a_different_first_name_and_a_different_word_form_are_variants():
    context = story(COPIED.format("Steven Karimov"), COPIED.format("Stephen Karimov"))
    [finding] = variants(context, entity(context, "PERSON", "Steven Karimov", "Stephen Karimov"))
    assert "a different first name" in finding.basis
    context = story("The Belgium Monitor charity said so.", "The Belgian Monitor charity said so.")
    [finding] = variants(context, entity(context, "ORG", "Belgium Monitor", "Belgian Monitor"))
    assert "a different word form in the name" in finding.basis


@pytest.mark.parametrize(
    ("label", "a", "b"),
    [
        # diacritics, capitals and apostrophes
        ("PERSON", "Anaïs Dupont", "Anais Dupont"),
        ("PERSON", "ANAIS DUPONT", "Anais Dupont"),
        ("PERSON", "Anais O\u2019Neill", "Anais O'Neill"),
        # digits against number words
        ("ORG", "Radio 4", "Radio Four"),
        ("WORK_OF_ART", "No 1", "number one"),
        # short forms and acronyms
        ("FAC", "The Cavern", "Cavern Club"),
        ("FAC", "Cavern", "Cavern Club"),
        ("ORG", "BBC", "British Broadcasting Corporation"),
        # a courtesy title or a rank before the surname
        ("PERSON", "Mr Karimov", "Karimov"),
        ("PERSON", "Sergeant Karimov", "Rustam Karimov"),
        ("PERSON", "Sgt Karimov", "Sergeant Karimov"),
        # two different names the resolver merged: a building and the company named after it, a
        # one-word name with too few letters to be respelt, two people
        ("FAC", "Lakeside Tower", "Lakeside Media"),
        ("WORK_OF_ART", "Time", "Tim"),
        ("PERSON", "John Smith", "Jane Brown"),
    ],
)
def test_how_writing_varies_and_different_names_are_not_variants(label, a, b):
    context = story(COPIED.format(a), COPIED.format(b))
    align_whole(context, 1, 2)
    assert variants(context, entity(context, label, a, b)) == []


def copies_with_name_edit(a: str, b: str) -> StoryContext:
    """Two aligned copies in which dupes found ``a`` changed to ``b`` (no entity links them)."""
    context = story(COPIED.format(a), COPIED.format(b))
    span_a, span_b = (0, len(a)), (0, len(b))
    edit = Edit("name", a, b, span_a, span_b)
    passage = Passage((0, len(context.docs[1].text)), (0, len(context.docs[2].text)), 0.8, (edit,))
    context.pairs.append(PairResult(1, 2, "rewrite", 0.8, 1.0, 1.0, None, (passage,)))
    return context


def test_a_respelling_between_aligned_copies_is_found_without_the_resolver():
    [finding] = name_variant_findings(copies_with_name_edit("Fredrickson", "Fredrixon"), {})
    assert {v["text"] for v in finding.details["variants"]} == {"Fredrickson", "Fredrixon"}
    assert finding.basis == ("3 letters differ in the name", "in passages aligned as copies")


def test_an_acronym_or_a_short_form_between_aligned_copies_is_not_a_variant():
    assert name_variant_findings(copies_with_name_edit("Crown Prosecution Service", "CPS"), {}) == []
    assert name_variant_findings(copies_with_name_edit("Dave", "David"), {}) == []


def test_a_respelling_already_reported_for_an_entity_is_not_reported_twice():
    context = copies_with_name_edit("Rustam Karimov", "Rostam Karimov")
    found = entity(context, "PERSON", "Rustam Karimov", "Rostam Karimov")
    assert len(name_variant_findings(context, mentions_by_document([found]))) == 1


def test_an_edit_without_spans_is_found_in_its_passage():
    context = story(COPIED.format("Fredrickson"), COPIED.format("Fredrixon"))
    passage = Passage(
        (0, len(context.docs[1].text)), (0, len(context.docs[2].text)), 0.8, (Edit("name", "Fredrickson", "Fredrixon"),)
    )
    context.pairs.append(PairResult(1, 2, "rewrite", 0.8, 1.0, 1.0, None, (passage,)))
    [finding] = name_variant_findings(context, {})
    assert {(e.document, e.text) for e in finding.evidence} == {(1, "Fredrickson"), (2, "Fredrixon")}


def test_a_copied_respelling_lists_every_document_that_writes_each_spelling():
    context = copies_with_name_edit("Fredrickson", "Fredrixon")
    context.docs[3] = DocView(3, "Police said Fredrixon ran off.", outlet="Outlet 3")
    [finding] = name_variant_findings(context, {})
    assert {v["text"]: v["documents"] for v in finding.details["variants"]} == {"Fredrickson": [1], "Fredrixon": [2, 3]}
