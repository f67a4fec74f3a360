"""name_variant findings on constructed stories: real respellings are reported, how writing
varies (diacritics, digits, titles, short forms) and two different names are not."""

from __future__ import annotations

from corpuskit.dupes.model import PairResult, Passage
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
    context = story(COPIED.format("Anuar Karimov"), COPIED.format("Anwar Karimov"))
    align_whole(context, 1, 2)
    [finding] = variants(context, entity(context, "PERSON", "Anuar Karimov", "Anwar Karimov"))
    assert {v["text"] for v in finding.details["variants"]} == {"Anuar Karimov", "Anwar Karimov"}
    assert "one letter differs in the first name" in finding.basis
    assert "in passages aligned as copies" in finding.basis
    assert finding.confidence >= 0.8


def test_the_same_respelling_without_any_shared_context_is_less_confident():
    context = story("Anuar Karimov was jailed on Monday.", "Relatives of Anwar Karimov held a vigil in the square.")
    [finding] = variants(context, entity(context, "PERSON", "Anuar Karimov", "Anwar Karimov"))
    aligned = story(COPIED.format("Anuar Karimov"), COPIED.format("Anwar Karimov"))
    align_whole(aligned, 1, 2)
    [copied] = variants(aligned, entity(aligned, "PERSON", "Anuar Karimov", "Anwar Karimov"))
    assert "joined only by the entity resolver" in finding.basis
    assert finding.confidence < copied.confidence


def test_a_different_first_name_and_a_different_word_form_are_variants():
    context = story(COPIED.format("Steven Karimov"), COPIED.format("Stephen Karimov"))
    [finding] = variants(context, entity(context, "PERSON", "Steven Karimov", "Stephen Karimov"))
    assert "a different first name" in finding.basis
    context = story("The Russia Behind Bars charity said so.", "The Russian Behind Bars charity said so.")
    [finding] = variants(context, entity(context, "ORG", "Russia Behind Bars", "Russian Behind Bars"))
    assert "a different word form in the name" in finding.basis


def no_variant(label: str, a: str, b: str) -> None:
    context = story(COPIED.format(a), COPIED.format(b))
    align_whole(context, 1, 2)
    assert variants(context, entity(context, label, a, b)) == [], (a, b)


def test_diacritics_capitals_and_apostrophes_are_not_variants():
    no_variant("PERSON", "Anaïs Dupont", "Anais Dupont")
    no_variant("PERSON", "ANAIS DUPONT", "Anais Dupont")
    no_variant("PERSON", "Anais O\u2019Neill", "Anais O'Neill")


def test_digits_against_number_words_are_not_variants():
    no_variant("ORG", "Radio 4", "Radio Four")
    no_variant("WORK_OF_ART", "No 1", "number one")


def test_short_forms_and_acronyms_are_not_variants():
    no_variant("FAC", "The Cavern", "Cavern Club")
    no_variant("FAC", "Cavern", "Cavern Club")
    no_variant("ORG", "BBC", "British Broadcasting Corporation")


def test_a_courtesy_title_or_a_rank_before_the_surname_is_not_a_variant():
    no_variant("PERSON", "Mr Karimov", "Karimov")
    no_variant("PERSON", "Sergeant Karimov", "Anuar Karimov")
    no_variant("PERSON", "Sgt Karimov", "Sergeant Karimov")


def test_two_different_names_merged_by_the_resolver_are_not_variants():
    no_variant("FAC", "Lakeside Tower", "Lakeside Holdings")  # a building and the company named after it
    no_variant("WORK_OF_ART", "Time", "Tim")  # a one-word name needs more letters than that to be respelt
    no_variant("PERSON", "John Smith", "Jane Brown")
