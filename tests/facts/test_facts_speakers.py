"""Speakers of quotes: tags of every shape, continued paragraphs, pronouns resolved, and spans kept apart."""

from __future__ import annotations

import pytest

from corpuskit.facts import extract_facts
from corpuskit.facts.speakers import PRONOUN_WINDOW


def quotes(text: str):
    return extract_facts(text).quotes


def quote_with(text: str, words: str):
    [found] = [q for q in quotes(text) if words in q.quote]
    return found


@pytest.mark.parametrize(
    "text, speaker",
    [
        ('"We will appeal this ruling," Jane Smith, a lawyer for the family, said.', "Jane Smith"),
        ('"It is over for this bill," Sen. Chuck Lee (D-Ohio) said Tuesday.', "Sen. Chuck Lee"),
        ("\"They can say 'I can win anywhere,'\" said Jon Ralston, who runs a newsletter.", "Jon Ralston"),
        ('The two lawmakers argue that "there is precedent for prosecution in cases like this."', "The two lawmakers"),
        ('Said Mary Roe, who grew up with him, "We were all so proud of him."', "Mary Roe"),
        ('Vance: "Our goal is not to contain the group, but to defeat it."', "Vance"),
        (
            'Helen Vance claimed victory in a tweet, saying: "We just won the state! Thanks to everyone."',
            "Helen Vance",
        ),
        ('"The hotter it gets, the more careful I am," Smith cautioned reporters.', "Smith"),
        ('"It has been a long year for all of us," Ms Jones has said.', "Ms Jones"),
        (
            'TURNOUT IS UP IN THE NORTH - Michael P. McDonald: "At long last the contests have started."',
            "Michael P. McDonald",
        ),
        ('Rep. Tom Hale (R-S.C.): "I have not heard anyone other than you cite that figure."', "Rep. Tom Hale"),
        ('Stated Stone: "I think that the stakes are so high this time."', "Stone"),
        ('Peter Marsh issued the following statement: "Our prayers are with all those affected."', "Peter Marsh"),
        ('"People are angry," said Chicago Alderman Jason C. Ervin, who thinks so.', "Chicago Alderman Jason C. Ervin"),
        ('"You would not have had the standoff," says J.J. Rowan, an expert.', "J.J. Rowan"),
        ('Asked a direct question about it in the debate, Vance said, "I do take responsibility."', "Vance"),
        ('The poll is close. Ann Lee agreed. "Mainstream voters are running out of time."', "Ann Lee"),
    ],
)
def test_a_tag_names_the_speaker(text, speaker):
    [quote] = quotes(text)
    assert quote.speaker == speaker and quote.pronoun is None
    assert text[quote.speaker_span[0] : quote.speaker_span[1]] == speaker


@pytest.mark.parametrize(
    "text",
    [
        'The hearing ended on Monday. "It is over for all of us now and for good."',
        'Smith agreed to the whole deal. "It is over for all of us now and for good."',
        'The match was tense. Final score: "a draw that nobody in the stadium wanted".',
        # A sentence opener that is no name: "Even" is capitalised only where it opens the sentence.
        'Even before the vote his campaign sent a message to supporters, saying: "We have just won the state!"',
    ],
)
def test_a_sentence_before_that_is_no_tag_names_nobody(text):
    assert quotes(text)[-1].speaker is None


def test_a_pronoun_stands_for_the_last_named_sayer():
    text = (
        'Olga Petrova, director of the group, confirmed the story.\n\n"They were not given a choice at all," she said.'
    )
    quote = quote_with(text, "not given a choice")
    assert (quote.speaker, quote.pronoun) == ("Olga Petrova", "she")
    assert text[quote.speaker_span[0] : quote.speaker_span[1]] == "Olga Petrova"


def test_a_subject_after_an_opening_phrase_is_a_sayer():
    text = 'Here in Avonport, Hale stepped up his emphasis on justice.\n\n"We have got to achieve it," he said.'
    assert quote_with(text, "achieve it").speaker == "Hale"


def test_a_pronoun_skips_a_nearer_sayer_of_the_other_gender():
    text = (
        "Mr Brown met Anna White on Monday. White said she was pleased with the talks.\n\n"
        '"We agreed on nearly everything today," he said.'
    )
    assert quote_with(text, "agreed on nearly").speaker == "Mr Brown"


def test_a_first_name_tells_one_of_a_family_from_another():
    text = (
        "Peter Marsh said he would win. He spoke for an hour.\n\n"
        "Ann Marsh, his daughter, spoke after him. She thanked the crowd.\n\n"
        '"I have seen him fight for his family," she said.'
    )
    assert quote_with(text, "fight for his family").speaker == "Ann Marsh"


def test_a_pronoun_with_no_agreeing_sayer_stays_unresolved():
    text = 'Mr Brown spoke first at the hearing.\n\n"We agreed on nearly everything today," she said.'
    quote = quote_with(text, "agreed on nearly")
    assert (quote.speaker, quote.pronoun) == (None, "she")


def test_a_pronoun_far_from_any_sayer_stays_unresolved():
    filler = " ".join(["The hearing went on for many hours in the old building by the river."] * 12)
    assert len(filler) > PRONOUN_WINDOW
    text = f'Anna White said the talks were over.\n\n{filler}\n\n"We agreed on nearly everything today," she said.'
    assert quote_with(text, "agreed on nearly").speaker is None


def test_the_one_told_is_not_the_speaker():
    text = 'Officials told Jane Park about the plan on Monday.\n\n"It is far too late for that now," he said.'
    assert quote_with(text, "far too late").speaker is None


def test_plural_and_first_person_pronouns_are_not_resolved():
    text = 'Smith said the firm would appeal. "We will fight this ruling in every court," they said.'
    quote = quote_with(text, "fight this ruling")
    assert (quote.speaker, quote.pronoun) == (None, "they")


def test_a_quote_paragraph_continues_the_last_speaker():
    text = (
        '"We will rebuild the school," Mayor Jane Ross said.\n\n'
        '"It will take two years and we will need help from everyone in town."'
    )
    assert quote_with(text, "two years").speaker == "Mayor Jane Ross"


@pytest.mark.parametrize(
    "text",
    [
        # The paragraph does not open with the quote: a phrase the writer quotes.
        'Mayor Jane Ross said: "We will rebuild the school."\n\n'
        'Critics called the plan "a costly mistake that nobody in town wanted".',
        # A paragraph of narrative comes between.
        '"We will rebuild the school," Mayor Jane Ross said.\n\nThe fire destroyed the building in May.\n\n'
        '"Nobody was hurt in the fire but the loss is enormous for us."',
    ],
)
def test_a_quote_that_does_not_continue_a_quote_paragraph_gets_no_speaker(text):
    assert quotes(text)[-1].speaker is None


def test_question_and_answer_by_two_speakers_are_two_quotes():
    text = '"Who is going to pay for the wall?" he asked. "Mexico will pay for all of it," the crowd replied.'
    found = quotes(text)
    assert [(q.quote, q.pronoun, q.speaker) for q in found] == [
        ("Who is going to pay for the wall?", "he", None),
        ("Mexico will pay for all of it", None, "the crowd"),
    ]


def test_a_quote_after_another_speakers_tag_is_not_joined():
    text = '"The plan is fine," he said. Then Smith replied: "The plan is a disaster for the town."'
    found = quotes(text)
    assert [q.quote for q in found] == ["The plan is fine", "The plan is a disaster for the town."]
    assert found[1].speaker == "Smith"


def test_a_quoted_phrase_in_the_tags_sentence_is_not_part_of_the_quote():
    text = '"We are not worried at all," she said, calling the report "fake news from start to finish".'
    first = quotes(text)[0]
    assert first.quote == "We are not worried at all" and len(first.parts) == 1


def test_a_title_inside_the_tag_does_not_split_the_quote():
    text = '"He is a fraud," Perez said on "Meet the Press." "Listening to him is painful for all of us."'
    [quote] = quotes(text)
    assert quote.speaker == "Perez"
    assert quote.quote == "He is a fraud Listening to him is painful for all of us."


@pytest.mark.parametrize("text", ["", '"', '" said', "\u201c\u201d he said.", 'He said: "', "Said ,"])
def test_bad_input_gives_no_traceback(text):
    assert isinstance(quotes(text), tuple)


def test_a_straight_opening_mark_closed_by_a_curly_one_is_one_quote():
    text = '"This would come on top of the bill,\u201d she said. "That is just the floor.\u201d'
    found = quotes(text)
    assert [q.quote for q in found] == ["This would come on top of the bill That is just the floor."]
    assert found[0].pronoun == "she"


@pytest.mark.parametrize("verb", ["answered", "elaborated", "shot back"])
def test_more_quote_verbs_tag_a_quote(verb):
    [quote] = quotes(f'Asked about the plan, Blumenthal {verb}, "I have no idea what they mean by it."')
    assert quote.speaker == "Blumenthal"
