"""Tests for corpuskit.ingest.plaintext.read_plain_text."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpuskit.ingest.article import Article
from corpuskit.ingest.plaintext import read_plain_text, title_case

SEEDS = Path(__file__).parents[2] / "seeds"


def seed(prefix: str) -> str:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


def assert_only_text_fields(article: Article) -> None:
    assert article.published is None
    assert article.url is None
    assert article.language is None
    assert article.record is None
    assert article.line is None


# ---------------------------------------------------------------------------
# The sample articles
# ---------------------------------------------------------------------------


def test_seed_with_bullet_byline_block():
    article = read_plain_text(seed("003"))
    assert article.title == "Foreigners forced to fight in Russia\u2019s war in Ukraine"
    assert article.author == "Abdujalil Abdurasulov"
    assert article.outlet == "BBC News"
    assert article.text.startswith("There are reports that the Russian mercenary group Wagner")
    assert article.text.endswith("Anwar\u2019s father told the BBC.")
    for gone in ("Foreigners forced", "Abdurasulov", "\u2022", "240w", "https://", "Caption,", "Leave a Rep"):
        assert gone not in article.text, gone
    assert_only_text_fields(article)


def test_seed_with_headline_and_label_line():
    article = read_plain_text(seed("001"))
    assert article.title == "Russia Compels Migrants to Join Putin's War Effort in Ukraine Conflict"
    assert article.author is None and article.outlet is None
    assert article.text.startswith("In a chilling turn of events,")
    assert "Article:" not in article.text
    assert article.text.endswith("sparking discussions on war-and-conflicts and politics.")


def test_seed_without_headline_takes_the_first_sentence():
    article = read_plain_text(seed("000"))
    assert article.title == (
        "Current Time says natives of Central Asian countries and other foreigners serving their jail terms\u2026"
    )
    assert len(article.title) <= 100
    # The body keeps the paragraph the title came from.
    assert article.text.startswith("Current Time says natives of Central Asian countries")
    assert article.author is None and article.outlet is None


def test_seed_without_headline_and_with_web_debris():
    article = read_plain_text(seed("004"))
    assert article.title.endswith("\u2026") and len(article.title) <= 100
    assert article.title.startswith("Russians who refuse to fight in Ukraine are being physically abused")
    assert article.text.startswith("Russians who refuse to fight in Ukraine")
    assert "Photo:" not in article.text and "Read also" not in article.text


def test_seed_starting_with_a_caption_line():
    article = read_plain_text(seed("002"))
    assert (
        article.title
        == "Russia has made painstakingly incremental gains towards capturing the destroyed city of Bakhmut"
    )
    assert article.text.startswith("KEY POINTS\n\n\u2022 The incident happened")
    assert article.author is None and article.outlet is None
    assert "AFP" not in article.text.split()


# ---------------------------------------------------------------------------
# Wire copy (synthetic)
# ---------------------------------------------------------------------------

RULE = "  " + "-" * 72 + "\n"
WIRE = (
    RULE + "\n" + RULE + "\n"
    "                13:57 27/01/00: Page 1 (HHH) COURTS Harbour Lead\n"
    + RULE
    + "HARBOUR FIRM FINED _ JUDGE CRITICISES `LAX' SAFETY<\n"
    "\x19By Jane Marsh, PA News<\n"
    "\x19A harbour company was fined #386,000 today after a crane collapsed on a quay\n"
    "and injured two dockers, a court heard.<\n"
    "\x19``Nobody should go to work and not come home,'' the judge said.<\n"
    "\x19end<\n"
    "\x19\n"
)


def test_wire_story_headline_and_byline():
    article = read_plain_text(WIRE)
    assert article.title == "Harbour Firm Fined \u2013 Judge Criticises \u2018Lax\u2019 Safety"
    assert article.author == "Jane Marsh"
    assert article.outlet == "PA News"
    assert article.text == (
        "A harbour company was fined \u00a3386,000 today after a crane collapsed on a quay and injured two dockers, "
        "a court heard.\n\n"
        "\u201cNobody should go to work and not come home,\u201d the judge said."
    )
    assert_only_text_fields(article)


def test_wire_continuation_page_has_no_headline():
    text = (
        RULE + "\n" + RULE + "\n"
        "                14:10 27/01/00: Page 2 (HHH) COURTS Harbour Lead\n"
        + RULE
        + "The company had been warned about the crane twice in the year before the\n"
        "collapse, the court was told.<\n"
        "\x19mfl<\n"
    )
    article = read_plain_text(text)
    assert (
        article.title
        == "The company had been warned about the crane twice in the year before the collapse, the court was\u2026"
    )
    assert article.text.startswith("The company had been warned")
    assert article.author is None


@pytest.mark.parametrize(
    ("headline", "title"),
    [
        (
            "PINOCHET CHALLENGE _ JUDGE TO GIVE DECISION NEXT WEEK",
            "Pinochet Challenge \u2013 Judge to Give Decision Next Week",
        ),
        ("QC BRANDS GM TRIAL A FARCE", "QC Brands GM Trial a Farce"),
        ("SOCCER STAR'S BROTHER FOR TRIAL ON DRUG CHARGE", "Soccer Star's Brother for Trial on Drug Charge"),
        (
            "EU FINES AIRLINE \u00a34M OVER 20-YEAR-OLD JETS: JUDGE SAYS IT'S OVER",
            "EU Fines Airline \u00a34M Over 20-Year-Old Jets: Judge Says It's Over",
        ),
    ],
)
def test_all_caps_headline_becomes_title_case(headline, title):
    article = read_plain_text(f"{headline}\n\nThe story itself starts here.")
    assert article.title == title
    assert article.text == "The story itself starts here."


def test_title_case_keeps_mixed_case_headlines_as_they_are():
    assert read_plain_text("Port of Dover hit by strike\n\nBody text.").title == "Port of Dover hit by strike"
    assert title_case("LIFE SENTENCES FOR KILLERS OF WOMAN, 88") == "Life Sentences for Killers of Woman, 88"
    assert title_case("DOOR-TO-DOOR SALESMAN JAILED") == "Door-to-Door Salesman Jailed"


# ---------------------------------------------------------------------------
# Headline, label and byline rules
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("label", ["Article:", "Summary:", "Full story:"])
def test_label_after_title_is_dropped(label):
    article = read_plain_text(
        f"Cranes to be replaced\n{label}\nThe harbour authority said it would replace the cranes."
    )
    assert article.title == "Cranes to be replaced"
    assert article.text == "The harbour authority said it would replace the cranes."


def test_by_line_with_role_and_place():
    text = "Cranes to be replaced\n\nBy Jo Bloggs, Transport Correspondent, Daily Example, in Dover\n\nThe authority said so."
    article = read_plain_text(text)
    assert (article.author, article.outlet) == ("Jo Bloggs", "Daily Example")
    assert article.text == "The authority said so."


def test_by_line_without_outlet():
    article = read_plain_text("Cranes to be replaced\n\nBy Jo Bloggs\n\nThe authority said so.")
    assert (article.author, article.outlet) == ("Jo Bloggs", None)
    assert article.text == "The authority said so."


def test_by_line_without_headline():
    article = read_plain_text("By Jo Bloggs, Daily Example\n\nThe authority said so on Monday. Work starts soon.")
    assert (article.author, article.outlet) == ("Jo Bloggs", "Daily Example")
    assert article.title == "The authority said so on Monday."
    assert article.text == "The authority said so on Monday. Work starts soon."


def test_sentence_starting_with_by_is_not_a_byline():
    text = "Cranes to be replaced\n\nBy day, the port is busy; by night it is silent.\n\nMore follows."
    article = read_plain_text(text)
    assert article.author is None
    assert article.text.startswith("By day, the port is busy")


def test_single_item_bullet_byline():
    article = read_plain_text("Cranes to be replaced\n\n  \u2022 Jo Bloggs\n\nThe authority said so.")
    assert (article.author, article.outlet) == ("Jo Bloggs", None)
    assert article.text == "The authority said so."


def test_content_bullets_after_title_are_not_a_byline():
    text = (
        "Cranes to be replaced\n\n"
        "  \u2022 The crane was 30 years old when it collapsed.\n"
        "  \u2022 Two men were hurt\n\n"
        "The authority said so."
    )
    article = read_plain_text(text)
    assert article.author is None and article.outlet is None
    assert article.text.startswith("\u2022 The crane was 30 years old")


def test_long_bullet_block_is_not_a_byline():
    items = "\n".join(f"\u2022 Item {n}" for n in range(1, 5))
    article = read_plain_text(f"Cranes to be replaced\n\n{items}\n\nThe authority said so.")
    assert article.author is None
    assert article.text.startswith("\u2022 Item 1")


def test_sentence_first_line_is_not_a_headline():
    first = "The harbour authority said on Monday it would replace the cranes."
    article = read_plain_text(f"{first}\n\nSecond paragraph.")
    assert article.title == first
    assert article.text == f"{first}\n\nSecond paragraph."


def test_lead_paragraph_with_capitalised_lead_in_is_not_a_headline():
    first = (
        "A HARBOUR master was cleared of causing the crane collapse that injured two dockers, a jury decided yesterday"
    )
    article = read_plain_text(f"{first}\n\nHe left court with his family.")
    assert article.text.startswith(first)
    assert article.title.startswith("A HARBOUR master was cleared")


def test_short_headline_starting_with_an_abbreviation_is_a_headline():
    article = read_plain_text("NHS trust fined over crane death\n\nThe trust admitted the charge.")
    assert article.title == "NHS trust fined over crane death"
    assert article.text == "The trust admitted the charge."


def test_short_question_is_a_headline_but_a_long_one_is_a_sentence():
    assert read_plain_text("Who pays for the new cranes?\n\nThe port does.").title == "Who pays for the new cranes?"
    first = (
        "The judge asked the harbour master whether he had ever read the inspection report that warned of corrosion?"
    )
    article = read_plain_text(f"{first}\n\nHe said he had not.")
    assert article.text.startswith(first)


def test_bullet_first_line_is_not_a_headline():
    article = read_plain_text("\u2022 The crane was old\n\u2022 It fell\n\nSecond paragraph.")
    assert article.title == "The crane was old"
    assert article.text.startswith("\u2022 The crane was old\n\u2022 It fell")


def test_overlong_first_line_is_not_a_headline():
    first = " ".join(["word"] * 30)
    article = read_plain_text(f"{first}\n\nSecond paragraph.")
    assert article.title.endswith("\u2026") and len(article.title) <= 100
    assert article.text.startswith(first)


def test_first_sentence_title_is_short_and_kept_in_body():
    text = "He was jailed. The judge said he was a danger to the public."
    article = read_plain_text(text)
    assert article.title == "He was jailed."
    assert article.text == text


def test_first_sentence_skips_abbreviations_and_initials():
    text = "Mr. Smith and J. R. Jones met Dr. Brown in the U.S. on Monday. They talked."
    assert read_plain_text(text).title == "Mr. Smith and J. R. Jones met Dr. Brown in the U.S. on Monday."


def test_long_first_sentence_is_cut_at_a_word_with_ellipsis():
    sentence = "The harbour authority " + "said again and again " * 10 + "that it would replace the cranes."
    article = read_plain_text(sentence)
    assert article.title.endswith("\u2026")
    assert len(article.title) <= 100
    assert sentence.startswith(article.title[:-1])
    assert sentence[len(article.title) - 1] == " "  # cut between words
    assert article.text == sentence


def test_single_line_headline_only_text_keeps_its_body():
    article = read_plain_text("Cranes to be replaced")
    assert article.text == "Cranes to be replaced"
    assert article.title == "Cranes to be replaced"


def test_empty_text():
    article = read_plain_text("  \n\n")
    assert article.text == ""
    assert article.title is None


def test_all_caps_headline_keeps_the_bodys_abbreviations():
    article = read_plain_text(
        "IRA MAN JAILED OVER VAT FRAUD _ JUDGE\n\nA former IRA member was jailed for "
        "VAT fraud today, the court heard. He said nothing.\n"
    )
    assert article.title == "IRA Man Jailed Over VAT Fraud – Judge"


def test_capitalised_lead_in_is_not_an_abbreviation():
    article = read_plain_text(
        "JUDGE JAILS LOCAL MAN\n\nLOCAL man was jailed today for a long time, "
        "the court heard from the judge in the case.\n"
    )
    assert article.title == "Judge Jails Local Man"


def test_a_title_in_capitals_takes_the_bodys_spelling_of_names_and_abbreviations():
    article = read_plain_text(
        "BEATLES SONG ROW GOES TO COURT, SAYS MCCARTNEY\n\n"
        "Sir Paul McCartney told the court the VAT bill was never paid.\n\nThe case continues."
    )
    assert article.title == "Beatles Song Row Goes to Court, Says McCartney"


def test_a_word_the_body_writes_in_lower_case_is_title_cased_as_before():
    article = read_plain_text("HOSPITAL FINED OVER BLUNDER\n\nThe hospital was fined on Monday.\n\nIt will appeal.")
    assert article.title == "Hospital Fined Over Blunder"


def test_a_wire_embargo_line_is_neither_the_title_nor_the_text():
    article = read_plain_text(
        "EMBARGOED TO 0001 TUESDAY\n\nCOUNCIL CLOSES BRIDGE\n\nThe council closed the bridge on Monday.\n\nIt reopens soon."
    )
    assert article.title == "Council Closes Bridge"
    assert "EMBARGOED" not in article.text


def test_a_sentence_that_starts_like_a_notice_is_kept():
    text = "Embargoed reports were leaked to the press on Monday, the minister said.\n\nShe resigned."
    article = read_plain_text(text)
    assert article.text.startswith("Embargoed reports were leaked")


def test_a_headline_that_starts_like_a_notice_is_the_title():
    for headline in ("Embargo on arms sales lifted", "Advisory panel backs new drug"):
        article = read_plain_text(f"{headline}\n\nThe decision was announced on Monday.\n\nMore follows.")
        assert article.title == headline
