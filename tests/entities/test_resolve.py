"""Cross-document resolution (corpuskit.entities.resolve), on hand-built mentions."""

from __future__ import annotations

import pytest

from corpuskit.entities import Decisions, Entity, Mention, link, resolve


class Corpus:
    """Builds mentions inside made-up sentences, one call per mention."""

    def __init__(self) -> None:
        self.mentions: list[Mention] = []

    def add(self, document: int, name: str, label: str, sentence: str | None = None) -> Mention:
        sentence = sentence if sentence is not None else f"{name} was there."
        start = sentence.index(name)
        m = Mention(document, start, start + len(name), name, label, sentence, 0)
        self.mentions.append(m)
        return m

    def resolve(self, decisions: Decisions | None = None) -> list[Entity]:
        return resolve(self.mentions, decisions)


def entity_of(entities: list[Entity], text: str, document: int | None = None) -> Entity:
    found = [e for e in entities for m in e.mentions if m.text == text and (document is None or m.document == document)]
    assert found, f"no entity holds {text!r}"
    assert len({e.id for e in found}) == 1, f"{text!r} is in several entities"
    return found[0]


def together(entities: list[Entity], a: str, b: str) -> bool:
    return entity_of(entities, a).id == entity_of(entities, b).id


# --------------------------------------------------------------- must match


@pytest.mark.parametrize(
    ("a", "b", "label", "why"),
    [
        ("Anuar", "Anwar", "PERSON", "Anuar ~ Anwar: one letter differs"),
        ("Valentina Chupik", "Valentine Chupik", "PERSON", "Valentina ~ Valentine: one letter differs"),
        ("Volodymyr Osyechkin", "Volodymyr Osechkin", "PERSON", "Osyechkin ~ Osechkin: one letter differs"),
        ("Russia Behind Bars", "Russian Behind Bars", "ORG", "Russia ~ Russian: one letter differs"),
        ("Penal Colony Number 6", "Penal Colony Number Six", "FAC", "Number 6 ~ Number Six: number word"),
        ("West Germany", "West-Germany", "GPE", None),
        ("U.S.", "U.S", "GPE", None),
    ],
)
def test_spelling_variants_are_one_entity(a: str, b: str, label: str, why: str | None) -> None:
    corpus = Corpus()
    corpus.add(1, a, label)
    corpus.add(2, b, label)
    entities = corpus.resolve()
    assert len(entities) == 1
    if why:
        assert why in entities[0].why or _flipped(why) in entities[0].why


def _flipped(why: str) -> str:
    pair, reason = why.split(": ", 1)
    left, right = pair.split(" ~ ")
    return f"{right} ~ {left}: {reason}"


def test_entity_contract() -> None:
    corpus = Corpus()
    corpus.add(1, "Valentina Chupik", "PERSON", "Migrant rights defender Valentina Chupik informed us.")
    corpus.add(1, "Chupik", "PERSON", "Chupik said officers stopped migrants.")
    corpus.add(1, "Valentina Chupik", "PERSON", "As Valentina Chupik revealed, officers threatened them.")
    corpus.add(2, "Valentine Chupik", "PERSON", "Activist Valentine Chupik told the outlet.")
    (entity,) = corpus.resolve()
    assert entity.name == "Valentina Chupik"
    assert entity.label == "PERSON"
    assert entity.documents == [1, 2]
    assert len(entity.mentions) == 4
    variants = {v.text: (v.count, v.documents) for v in entity.variants}
    assert variants == {"Valentina Chupik": (2, [1]), "Chupik": (1, [1]), "Valentine Chupik": (1, [2])}
    assert "Valentina ~ Valentine: one letter differs" in entity.why
    assert "Chupik: surname of Valentina Chupik" in entity.why


# -------------------------------------------------------------- short forms


def test_surname_in_the_same_document() -> None:
    corpus = Corpus()
    corpus.add(1, "Olga Romanova", "PERSON")
    corpus.add(1, "Romanova", "PERSON")
    corpus.add(2, "Romanova", "ORG")  # the small model's label for a lone surname
    corpus.add(2, "Olga Romanova", "PERSON")
    entities = corpus.resolve()
    assert len(entities) == 1
    assert entities[0].label == "PERSON"


def test_surname_across_documents_when_only_one_full_name_fits() -> None:
    corpus = Corpus()
    corpus.add(1, "Vladimir Putin", "PERSON")
    corpus.add(2, "Putin", "PERSON")
    (entity,) = corpus.resolve()
    assert "Putin: surname of Vladimir Putin, the only match in the corpus" in entity.why


def test_company_called_by_its_first_word() -> None:
    corpus = Corpus()
    corpus.add(1, "Burlington Industries Inc", "ORG")
    corpus.add(1, "Burlington", "ORG")
    corpus.add(2, "Burlington Industries", "ORG")
    entities = corpus.resolve()
    assert len(entities) == 1
    assert entities[0].name == "Burlington Industries Inc"
    assert "Burlington: short for Burlington Industries Inc" in entities[0].why


def test_prefix_short_form_for_organisation_with_legal_form_variants() -> None:
    corpus = Corpus()
    corpus.add(1, "Dominion Textile Inc", "ORG")
    corpus.add(1, "Dominion", "ORG")
    corpus.add(2, "Dominion Textiles Inc", "ORG")
    assert len(corpus.resolve()) == 1


def test_first_name_never_joins_a_full_name() -> None:
    corpus = Corpus()
    corpus.add(1, "Vladimir", "PERSON", "He was sent to a colony in the Vladimir region.")
    corpus.add(2, "Vladimir", "PERSON", "The colony is located in Vladimir.")
    corpus.add(3, "Vladimir Putin", "PERSON", "The operation launched by Vladimir Putin went on.")
    corpus.add(3, "Vladimir", "PERSON", "Vladimir was not there.")
    entities = corpus.resolve()
    assert not together(entities, "Vladimir", "Vladimir Putin")


def test_a_surname_shared_by_two_full_names_stays_apart() -> None:
    corpus = Corpus()
    corpus.add(1, "John Smith", "PERSON")
    corpus.add(1, "Jane Smith", "PERSON")
    corpus.add(1, "Smith", "PERSON", "Later, Smith said nothing.")
    corpus.add(2, "Smith", "PERSON")
    entities = corpus.resolve()
    smith = entity_of(entities, "Smith", 1)
    assert smith.id not in {entity_of(entities, "John Smith").id, entity_of(entities, "Jane Smith").id}
    assert entity_of(entities, "Smith", 2).id not in {
        entity_of(entities, "John Smith").id,
        entity_of(entities, "Jane Smith").id,
    }


def test_a_surname_means_whoever_was_introduced_before_it() -> None:
    # News style: after "Nick Saban", "Saban" is him; a second Saban comes with a full name.
    text = "Nick Saban arrived. Saban spoke. Terry Saban, his wife, smiled. Saban left."
    corpus = Corpus()
    for name, start in (("Nick Saban", 0), ("Saban", 20), ("Terry Saban", 33), ("Saban", 64)):
        corpus.mentions.append(Mention(1, start, start + len(name), name, "PERSON", text, 0))
    entities = corpus.resolve()
    assert together(entities, "Saban", "Nick Saban")
    assert not together(entities, "Terry Saban", "Nick Saban")


def test_same_surname_in_two_documents_for_two_people() -> None:
    corpus = Corpus()
    corpus.add(1, "John Smith", "PERSON")
    corpus.add(1, "Smith", "PERSON")
    corpus.add(2, "Jane Smith", "PERSON")
    corpus.add(2, "Smith", "PERSON")
    entities = corpus.resolve()
    assert entity_of(entities, "Smith", 1).id == entity_of(entities, "John Smith").id
    assert entity_of(entities, "Smith", 2).id == entity_of(entities, "Jane Smith").id


def test_places_are_not_shortened() -> None:
    corpus = Corpus()
    corpus.add(1, "West Germany", "GPE")
    corpus.add(1, "Germany", "GPE")
    corpus.add(2, "New York", "GPE")
    corpus.add(2, "York", "GPE")
    entities = corpus.resolve()
    assert len(entities) == 4


def test_abbreviation_with_full_stop() -> None:
    corpus = Corpus()
    corpus.add(1, "California", "GPE")
    corpus.add(1, "Calif.", "GPE")
    (entity,) = corpus.resolve()
    assert "Calif.: abbreviation of California" in entity.why


def test_clipped_organisation_name_in_one_document() -> None:
    corpus = Corpus()
    corpus.add(1, "Federal Reserve", "ORG")
    corpus.add(1, "Fed", "ORG")
    corpus.add(2, "Fed", "ORG")  # no full name in this document: left alone
    entities = corpus.resolve()
    assert entity_of(entities, "Fed", 1).id == entity_of(entities, "Federal Reserve").id


# ----------------------------------------------------------------- acronyms


def defined_acronym_corpus() -> Corpus:
    """An acronym defined after its long form in document 5, and used alone in document 6."""
    sentence = "Officials continue, the Institute for the Study of War (ISW) shows."
    corpus = Corpus()
    corpus.add(5, "Institute for the Study of War", "ORG", sentence)
    corpus.add(5, "ISW", "ORG", sentence)
    corpus.add(6, "ISW", "ORG", "ISW analysts agree.")
    return corpus


def test_acronym_defined_in_the_text() -> None:
    (entity,) = defined_acronym_corpus().resolve()
    assert entity.name == "Institute for the Study of War"
    assert "ISW: acronym defined in document 5" in entity.why


def test_acronym_defined_for_a_name_with_a_legal_form() -> None:
    sentence = "Russia's Wagner Private Military Company (PMC) sent migrants."
    corpus = Corpus()
    corpus.add(1, "Wagner Private Military Company", "ORG", sentence)
    corpus.add(1, "PMC", "ORG", sentence)
    assert len(corpus.resolve()) == 1


def test_acronym_made_of_initials_in_the_same_document() -> None:
    corpus = Corpus()
    corpus.add(1, "Securities and Exchange Commission", "ORG")
    corpus.add(1, "SEC", "ORG")
    corpus.add(2, "Chicago Mercantile Exchange", "ORG")
    corpus.add(2, "CME", "ORG")
    entities = corpus.resolve()
    assert len(entities) == 2
    assert "SEC: initials of Securities and Exchange Commission in document 1" in entity_of(entities, "SEC").why


def test_acronym_not_expanded_by_a_name_that_contains_it() -> None:
    corpus = Corpus()
    corpus.add(1, "U.S. Senate", "ORG")
    corpus.add(1, "U.S.", "GPE")
    entities = corpus.resolve()
    assert not together(entities, "U.S.", "U.S. Senate")


# ---------------------------------------------------------- false merges


@pytest.mark.parametrize(
    ("a", "label_a", "b", "label_b"),
    [
        ("John Smith", "PERSON", "Jane Smith", "PERSON"),
        ("Austria", "GPE", "Australia", "GPE"),
        ("Paris", "GPE", "Paris Hilton", "PERSON"),
        ("Iran", "GPE", "Iraq", "GPE"),
        ("Russia", "GPE", "Russian", "NORP"),
    ],
)
def test_never_merged(a: str, label_a: str, b: str, label_b: str) -> None:
    corpus = Corpus()
    corpus.add(1, a, label_a)
    corpus.add(2, b, label_b)
    corpus.add(3, a, label_a)
    corpus.add(3, b, label_b)
    entities = corpus.resolve()
    assert not together(entities, a, b)


def test_confidently_different_labels_never_merge() -> None:
    corpus = Corpus()
    corpus.add(1, "George Washington", "PERSON", "Mr George Washington said he would go.")
    corpus.add(1, "Washington", "GPE", "He went to the city of Washington.")
    corpus.add(1, "Washington", "GPE", "In Washington, it rained.")
    entities = corpus.resolve()
    assert not together(entities, "Washington", "George Washington")


def test_spelling_variants_side_by_side_in_one_document_are_two_things() -> None:
    corpus = Corpus()
    corpus.add(1, "Mali", "GPE")
    corpus.add(1, "Male", "GPE")
    entities = corpus.resolve()
    assert len(entities) == 2


def test_no_chaining_through_a_short_form() -> None:
    # "Smith" joins John Smith in document 1; Jane Smith must not follow it in.
    corpus = Corpus()
    corpus.add(1, "John Smith", "PERSON")
    corpus.add(1, "Smith", "PERSON")
    corpus.add(2, "Jane Smith", "PERSON")
    corpus.add(3, "Smith", "PERSON")
    entities = corpus.resolve()
    assert not together(entities, "John Smith", "Jane Smith")


def test_no_chaining_through_spelling() -> None:
    # Karimov~Karimow and Karimow~Kerimow are one letter each, but Karimov
    # and Kerimow are two letters apart: the middle one may join only one side.
    corpus = Corpus()
    corpus.add(1, "Ali Karimov", "PERSON")
    corpus.add(2, "Ali Karimow", "PERSON")
    corpus.add(3, "Ali Kerimow", "PERSON")
    entities = corpus.resolve()
    assert not together(entities, "Ali Karimov", "Ali Kerimow")
    assert len(entities) == 2


# ---------------------------------------------------------------- decisions


def test_alias_is_always_applied() -> None:
    corpus = Corpus()
    corpus.add(1, "Holland", "GPE")
    corpus.add(2, "Netherlands", "GPE")
    corpus.add(3, "America", "GPE")
    (holland,) = [
        e
        for e in corpus.resolve(Decisions(aliases=(("holland", "the Netherlands"),)))
        if "Holland" in {v.text for v in e.variants}
    ]
    assert {v.text for v in holland.variants} == {"Holland", "Netherlands"}
    assert "analyst alias" in holland.why


def test_alias_even_across_labels_and_spellings() -> None:
    corpus = Corpus()
    corpus.add(1, "Saddam", "PERSON")
    corpus.add(1, "Saddam Hussein", "PERSON")
    corpus.add(2, "Hussein", "ORG")
    entities = corpus.resolve(Decisions(aliases=(("Saddam", "Saddam Hussein"),)))
    assert together(entities, "Saddam", "Saddam Hussein")


def test_alias_member_does_not_veto_rule_merges() -> None:
    corpus = Corpus()
    corpus.add(1, "United States", "GPE")
    corpus.add(1, "U.S.", "GPE")
    corpus.add(2, "America", "GPE")
    entities = corpus.resolve(Decisions(aliases=(("America", "United States"),)))
    assert len(entities) == 1


def test_separation_is_absolute() -> None:
    corpus = Corpus()
    corpus.add(1, "Valentina Chupik", "PERSON")
    corpus.add(2, "Valentine Chupik", "PERSON")
    corpus.add(2, "Chupik", "PERSON")
    decisions = Decisions(
        aliases=(("Valentina Chupik", "Valentine Chupik"),),
        separations=(("valentina chupik", "VALENTINE CHUPIK"),),
    )
    entities = corpus.resolve(decisions)
    assert not together(entities, "Valentina Chupik", "Valentine Chupik")


# --------------------------------------------------------------- mechanics


def test_link_maps_every_input_mention() -> None:
    corpus = Corpus()
    kept = corpus.add(1, "the Wagner Group", "ORG", "He joined the Wagner Group.")
    corpus.add(1, "400", "CARDINAL", "About 400 inmates.")
    corpus.add(2, "Wagner", "ORG")
    result = link(corpus.mentions)
    assert result.entity_of[1] is None
    assert result.entity_of[0] == result.entity_of[2]
    (entity,) = result.entities
    trimmed = [m for m in entity.mentions if m.document == 1][0]
    assert trimmed.text == "Wagner Group"
    assert kept.sentence[trimmed.start : trimmed.end] == "Wagner Group"


def test_entities_are_numbered_by_size() -> None:
    corpus = Corpus()
    for document in (1, 2, 3):
        corpus.add(document, "Moscow", "GPE")
    corpus.add(1, "Kaluga", "GPE")
    entities = corpus.resolve()
    assert [(e.id, e.name) for e in entities] == [(1, "Moscow"), (2, "Kaluga")]


def test_empty_input() -> None:
    assert resolve([]) == []


def test_mentions_are_read_once_and_kept_without_their_sentences() -> None:
    corpus = defined_acronym_corpus()
    corpus.add(7, "Oksana Melnyk", "PERSON", "Oksana Melnyk spoke.")
    from_list = link(corpus.mentions)
    from_iterator = link(iter(corpus.mentions))  # consumed once: nothing is read twice
    assert [(e.name, e.why, e.mentions) for e in from_iterator.entities] == [
        (e.name, e.why, e.mentions) for e in from_list.entities
    ]
    assert from_iterator.entity_of == from_list.entity_of == [0, 0, 0, 1]
    assert "ISW: acronym defined in document 5" in from_iterator.entities[0].why
    assert all(m.sentence == "" for e in from_iterator.entities for m in e.mentions)
