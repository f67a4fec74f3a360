"""Tests for corpuskit.ingest.clean.

Debris tests run on the real sample articles in ``seeds/``.  Wire-copy
tests use small synthetic texts that imitate the agency format (the real
wire files cannot be part of the repository).
"""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest

from corpuskit.ingest.clean import clean_text, looks_like_wire_copy

SEEDS = Path(__file__).parents[2] / "seeds"


def seed(prefix: str) -> str:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


def paragraphs(text: str) -> list[str]:
    return text.split("\n\n")


def assert_canonical_shape(text: str) -> None:
    assert text == text.strip()
    assert "\n\n\n" not in text
    assert "\r" not in text
    assert not re.search(r" {2,}", text)
    assert not re.search(r" $", text, re.MULTILINE)


# ---------------------------------------------------------------------------
# Characters, whitespace, line endings
# ---------------------------------------------------------------------------


def test_unicode_is_nfc_normalised():
    assert clean_text("Cafe\u0301 society") == "Caf\u00e9 society"


@pytest.mark.parametrize("space", ["\u00a0", "\u2002", "\u2009", "\u200a", "\u202f", "\u3000", "\t"])
def test_space_variants_become_one_plain_space(space):
    assert clean_text(f"one{space}two {space} three") == "one two three"


def test_zero_width_characters_and_soft_hyphens_are_removed():
    text = "\ufeffPro\u00adse\u200bcu\u200ction\u200d of\u2060fered"
    assert clean_text(text) == "Prosecution offered"


def test_control_characters_are_removed_but_newlines_kept():
    assert clean_text("\x19One line.\x07\n\n\x19Two\x00 lines.\x7f") == "One line.\n\nTwo lines."


def test_windows_1252_quotes_read_as_latin1_are_repaired():
    # Bytes 0x93/0x94 decoded as Latin-1 give C1 controls; they were quotes.
    assert clean_text("He said \x93no\x94 \x96 twice.") == "He said \u201cno\u201d \u2013 twice."


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_crlf_and_lone_cr_become_lf(newline):
    text = newline.join(["First paragraph.", "", "Second paragraph."])
    assert clean_text(text) == "First paragraph.\n\nSecond paragraph."


def test_whitespace_is_repaired_and_blank_runs_collapse():
    text = "\n\n  First   paragraph here.   \n\n\n\n\nSecond\t\tparagraph.  \n\n\n"
    out = clean_text(text)
    assert out == "First paragraph here.\n\nSecond paragraph."
    assert_canonical_shape(out)


def test_empty_and_blank_input():
    assert clean_text("") == ""
    assert clean_text(" \n\t\n\u00a0 ") == ""


# ---------------------------------------------------------------------------
# Wire copy (synthetic, in the agency format)
# ---------------------------------------------------------------------------

RULE = "  " + "-" * 72 + "\n"


def wire_header(catchline: str, page: int = 1) -> str:
    return RULE + "\n" + RULE + "\n" + f"                13:57 27/01/00: Page {page} (HHH) COURTS {catchline}\n" + RULE


WIRE_STORY = wire_header("Harbour Lead") + (
    "HARBOUR FIRM FINED _ JUDGE CRITICISES `LAX' SAFETY<\n"
    "\x19By Jane Marsh, PA News<\n"
    "\x19A harbour company was fined #386,000 today after a crane collapsed on a quay\n"
    "and injured two dockers, a court heard.<\n"
    "\x19The judge said the firm had shown ``a cavalier disregard'' for the safety of\n"
    "its staff and that the fine had to reflect that.<\n"
    "\x19``Nobody should go to work and not come home,'' he said.<\n"
    "\x19The company, which employs 40 people, must also pay #12,500 costs.<\n"
    "\x19mf<\n"
    "\x19\n"
)


def test_wire_copy_is_unwrapped_into_paragraphs():
    assert clean_text(WIRE_STORY) == (
        "HARBOUR FIRM FINED \u2013 JUDGE CRITICISES \u2018LAX\u2019 SAFETY\n\n"
        "By Jane Marsh, PA News\n\n"
        "A harbour company was fined \u00a3386,000 today after a crane collapsed on a quay "
        "and injured two dockers, a court heard.\n\n"
        "The judge said the firm had shown \u201ca cavalier disregard\u201d for the safety of "
        "its staff and that the fine had to reflect that.\n\n"
        "\u201cNobody should go to work and not come home,\u201d he said.\n\n"
        "The company, which employs 40 people, must also pay \u00a312,500 costs."
    )


def test_wire_copy_leaves_no_markers():
    out = clean_text(WIRE_STORY)
    assert "\x19" not in out
    assert not re.search(r"<\s*$", out, re.MULTILINE)
    assert "Page 1" not in out and "13:57" not in out and "---" not in out
    assert "``" not in out and "''" not in out and "#" not in out
    assert "mf" not in out.split()
    assert_canonical_shape(out)


@pytest.mark.parametrize("marker", ["end", "ends", "mf", "mfl", "more", "ENDS"])
def test_wire_end_markers_are_dropped(marker):
    text = wire_header("Quay", page=2) + (f"The hearing was adjourned until next\nmonth.<\n\x19{marker}<\n\x19\n")
    assert clean_text(text) == "The hearing was adjourned until next month."


def test_wire_continuation_page_with_note_crlf_and_stray_blank_line():
    text = wire_header("Quay Background", page=3) + (
        "(reopens)<\n"
        "\x19The dockers were later treated in hospital, where one of them spent a\n"
        "\n"
        "week.<\n"
        "\x19Their union said it would now review safety at other\n"
        "ports.<\n"
        "\x19end\n"
    )
    text = text.replace("\n", "\r\n")
    assert clean_text(text) == (
        "The dockers were later treated in hospital, where one of them spent a week.\n\n"
        "Their union said it would now review safety at other ports."
    )


def test_wire_note_run_into_the_headline_is_dropped():
    text = wire_header("Quay") + (
        "(Corrected repetition: corrects the age of the crane driver in\n"
        "second par.) CRANE DRIVER CLEARED<\n"
        "\x19A crane driver was cleared today.<\n"
        "\x19end<\n"
    )
    assert clean_text(text) == "CRANE DRIVER CLEARED\n\nA crane driver was cleared today."


def test_wire_copy_without_line_start_bytes_and_other_header_layout():
    text = (
        "-" * 80 + "\n\n16:29 08/12/99: Page 1 (HHH) COURTS Quay\n\n" + "-" * 80 + "\n\n"
        "QUAY CHARGE DROPPED<\n"
        "Charges against a harbour master were dropped today after the prosecution\n"
        "offered no evidence.<\n"
        "He left court with his family.<\n"
        "end<\n"
    )
    assert clean_text(text) == (
        "QUAY CHARGE DROPPED\n\n"
        "Charges against a harbour master were dropped today after the prosecution offered no evidence.\n\n"
        "He left court with his family."
    )


def test_wire_copy_wrapped_in_an_html_page():
    text = (
        "<HTML><HEAD><TITLE>Search utility</TITLE></HEAD>\n<BODY BGCOLOR=#FFFFFF>\n<HR>\n<PRE>\n"
        "<H1><P>02:59 12/07/99: Page 1 (HHH) COURTS Quay</P></H1></CENTER><HR>QUAY FIRM IN COURT<\r\n"
        "\x19A harbour firm will be sentenced today.<\r\n"
        "\x19end<\r\n\x19\r\n</PRE>\n</HTML>"
    )
    assert clean_text(text) == "QUAY FIRM IN COURT\n\nA harbour firm will be sentenced today."


def test_wire_conventions_are_not_applied_to_ordinary_text():
    text = "The #1 single sold 40,000 copies.\n\nA 12'' record and a `quoted' word stay."
    assert clean_text(text) == text
    assert not looks_like_wire_copy(text)


def test_a_line_ending_in_angle_bracket_does_not_make_wire_copy():
    text = "Compare the values: a <\nb holds in most cases.\n\nThe second paragraph is ordinary prose."
    assert not looks_like_wire_copy(text)


# ---------------------------------------------------------------------------
# Hard-wrapped plain text
# ---------------------------------------------------------------------------

PROSE = [
    "The harbour authority said on Monday that it would replace all twelve of its "
    "dockside cranes over the next three years, after an inspection found corrosion "
    "in the older machines.",
    "Workers at the port welcomed the decision but said it came too late for the two "
    "men injured in the collapse last spring. One of them has not returned to work.",
    "A spokesman said the first new cranes would arrive in the autumn.",
    "The union will meet port managers next week to discuss training for the drivers "
    "who will operate the new machines, many of whom have never used them.",
]


@pytest.mark.parametrize("width", [60, 70, 79])
def test_hard_wrapped_paragraphs_separated_by_blank_lines_are_rejoined(width):
    wrapped = "\n\n".join(textwrap.fill(p, width) for p in PROSE)
    assert clean_text(wrapped) == "\n\n".join(PROSE)


def test_hard_wrapped_paragraphs_without_blank_lines_are_rejoined():
    # Paragraph ends are short lines: the next word would have fitted.
    wrapped = "\n".join(textwrap.fill(p, 72) for p in PROSE)
    assert clean_text(wrapped) == "\n\n".join(PROSE)


def test_indented_paragraph_starts_are_respected_in_wrapped_text():
    wrapped = "\n".join(textwrap.fill(p, 70, initial_indent="    ") for p in PROSE)
    assert paragraphs(clean_text(wrapped)) == PROSE


def test_wrapped_text_indented_as_a_whole_is_rejoined():
    wrapped = "\n\n".join(textwrap.indent(textwrap.fill(p, 66), "   ") for p in PROSE)
    assert clean_text(wrapped) == "\n\n".join(PROSE)


def test_one_paragraph_per_line_text_is_not_joined():
    text = seed("001")
    lines = [line for line in text.splitlines() if line.strip()]
    out = clean_text(text)
    # Every line stays a paragraph; the three "- " points stay one list block.
    assert len(paragraphs(out)) == len(lines) - 2
    assert out.split("\n\n")[-1].count("\n- ") == 2


def test_short_one_sentence_paragraphs_on_consecutive_lines_are_not_joined():
    text = "He was jailed for six years.\nHe had denied the charge.\nHis family wept.\nThe judge said he was a danger."
    assert paragraphs(clean_text(text)) == text.split("\n")


def test_lower_case_continuation_is_joined_even_in_unwrapped_text():
    text = (
        "The court heard that the crane had not been inspected for three years before the\n"
        "collapse, and that warnings from staff had been ignored.\n\n"
        "A WOMAN was cleared yesterday\n\n"
        "of causing the accident."
    )
    assert paragraphs(clean_text(text)) == [
        "The court heard that the crane had not been inspected for three years before the "
        "collapse, and that warnings from staff had been ignored.",
        "A WOMAN was cleared yesterday of causing the accident.",
    ]


def test_wrapped_sentence_ending_in_a_prompt_word_is_kept():
    text = textwrap.fill(
        "Asked about the inspection report, the harbour master said that he would not be making any comments.",
        60,
    )
    assert clean_text(text).endswith("would not be making any comments.")
    assert "\n" not in clean_text(text)


def test_bullet_list_is_not_joined_and_stays_one_item_per_line():
    text = "KEY POINTS\n\n  \u2022 The crane was 30 years old\n  \u2022 Two men were hurt\n  \u2022 The port will buy new cranes\n\nThe harbour authority said more."
    assert clean_text(text) == (
        "KEY POINTS\n\n"
        "\u2022 The crane was 30 years old\n\u2022 Two men were hurt\n\u2022 The port will buy new cranes\n\n"
        "The harbour authority said more."
    )


def test_wrapped_bullet_items_keep_their_continuation():
    text = (
        "The report found:\n"
        "- the crane had not been inspected for three years before the\n"
        "  collapse happened\n"
        "- staff warnings were ignored\n"
    )
    assert clean_text(text) == (
        "The report found:\n\n"
        "- the crane had not been inspected for three years before the collapse happened\n"
        "- staff warnings were ignored"
    )


# ---------------------------------------------------------------------------
# Debris, on the real sample articles
# ---------------------------------------------------------------------------


def test_seed_with_srcset_junk_loses_all_debris():
    out = clean_text(seed("003"))
    for debris in (
        "240w",
        "https://",
        "http",
        ".jpg",
        'alt="',
        "/>",
        "height=",
        "Caption,",
        "Leave a Rep",
        "image source",
    ):
        assert debris not in out, debris
    # The caption that followed the lone "Caption," label is gone too.
    assert "These men were recruited" not in out
    assert_canonical_shape(out)


def test_seed_with_srcset_junk_keeps_the_article():
    out = clean_text(seed("003"))
    for sentence in (
        "There are reports that the Russian mercenary group Wagner has recruited tens of thousands of prisoners to fight in Ukraine.",
        "Anwar came to Russia in search of work in 2018.",
        "The BBC is not revealing his real name or his citizenship for security reasons.",
        "In late January, he told his father that a group of Central Asians had been sent to fight Ukraine without its consent.",
        "my son is worried that they will force him to go too,\u201d Anwar\u2019s father told the BBC.",
    ):
        assert sentence in out
    assert paragraphs(out)[0] == "Foreigners forced to fight in Russia\u2019s war in Ukraine"
    assert paragraphs(out)[1] == "\u2022 Abdujalil Abdurasulov\n\u2022 BBC News"
    assert out.endswith("Anwar\u2019s father told the BBC.")


def test_seed_with_read_also_list_and_glued_photo_credit():
    out = clean_text(seed("004"))
    for debris in ("Read also", "Photo: Rapture", "mobilizationPhoto"):
        assert debris not in out, debris
    # The related-article item under the label is a two-sentence teaser in the
    # outlet's own words (with its own spelling of a name): it stays, the label goes.
    assert out.endswith("Interview with Russian human rights defender Volodymyr Osechkin, founder of Gulagu.net")
    assert "Institute for the Study of War ( ISW) shows in the last estimate." in out
    assert "A short video shows a man being urged by a jailer to repeat \u201clouder!\u201d" in out
    raw_lines = [line for line in seed("004").splitlines() if line.strip()]
    assert len(paragraphs(out)) == len(raw_lines) - 2  # photo line, label


def test_seed_with_agency_credit_lines():
    out = clean_text(seed("002"))
    assert "AFP" not in out.split()
    # Captions are kept (they are sentences); only the bare credit goes.
    assert (
        paragraphs(out)[0]
        == "Russia has made painstakingly incremental gains towards capturing the destroyed city of Bakhmut"
    )
    assert out.endswith("in central Saint Petersburg on February 24, 2022")
    assert paragraphs(out)[1] == "KEY POINTS"
    assert paragraphs(out)[2].count("\n") == 2 and paragraphs(out)[2].startswith("\u2022 The incident")


@pytest.mark.parametrize("prefix", ["000", "001", "002"])
def test_every_real_line_of_clean_seeds_survives(prefix):
    raw = seed(prefix)
    out = re.sub(r"\s+", " ", clean_text(raw))
    for line in raw.splitlines():
        line = re.sub(r"\s+", " ", line.replace("\u00a0", " ")).strip()
        if line and line != "AFP":
            assert line in out


def test_seed_spacing_is_repaired():
    out = clean_text(seed("000"))
    assert "\u00a0" not in out
    assert_canonical_shape(out)
    assert len(paragraphs(out)) == 11


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_cleaning_is_idempotent(prefix):
    once = clean_text(seed(prefix))
    assert clean_text(once) == once


# ---------------------------------------------------------------------------
# Debris, synthetic: each pattern, and the prose that must survive
# ---------------------------------------------------------------------------

BODY_START = "The harbour authority said it would replace the cranes."
BODY_END = "Work will start in the autumn."


def with_debris(debris: str) -> str:
    return f"{BODY_START}\n\n{debris}\n\n{BODY_END}"


@pytest.mark.parametrize(
    "debris",
    [
        'https://img.example.org/640/crane.jpg 640w, https://img.example.org/800/crane.jpg 800w" alt="A crane" src="https://img.example.org/crane.jpg" height="549" width="976"/>',
        'alt="Dockers at work" class="hero-image" loading="lazy"/>',
        "https://www.example.org/news/harbour-cranes-2023",
        "<https://example.org/a> https://example.org/b",
        "image source, Harbour Press Agency",
        "Image source, Reuters",
        "Image caption, Dockers at the quay on Tuesday",
        "Media caption, The harbour master speaks to reporters",
        "Photo: Jane Roe",
        "Photograph: Jane Roe/Harbour Agency",
        "\u00a9 Harbour Press Agency",
        "Northwind Images",
        "Northwind via Harbour Images",
        "Cranes on the quay at duskPhoto: Jane Roe",
        "Leave a Reply",
        "Leave a Replay",
        "Leave a comment",
        "Comments",
        "12 Comments",
        "View all comments",
        "Share this article",
        "Share",
        "Follow us on Twitter",
        "Follow us on Facebook and Instagram",
        "Sign up for our newsletter",
        "Subscribe to our daily newsletter",
        "Advertisement",
        "Story continues below advertisement",
        "Click here to read the full report",
        "Read more: Port to buy new cranes",
    ],
)
def test_debris_line_is_dropped(debris):
    assert clean_text(with_debris(debris)) == f"{BODY_START}\n\n{BODY_END}"


def test_lone_caption_label_drops_the_short_caption_after_it():
    text = with_debris("Caption,\n\nCranes on the quay in the evening.")
    assert clean_text(text) == f"{BODY_START}\n\n{BODY_END}"


@pytest.mark.parametrize(
    "label", ["Read also:", "Read more:", "See also:", "Related:", "Related stories", "Also read:"]
)
def test_link_list_label_drops_the_list_after_it(label):
    text = with_debris(
        f"{label}\n\n  \u2022 Port to buy new cranes\n  \u2022 Union calls for crane inspections\n\n"
        "https://example.org/cranes"
    )
    assert clean_text(text) == f"{BODY_START}\n\n{BODY_END}"


def test_link_list_label_keeps_a_real_paragraph_after_it():
    text = f"{BODY_START}\n\nRead more:\n\nThe full inspection report runs to 80 pages and was published on Monday.\n\n{BODY_END}"
    assert paragraphs(clean_text(text)) == [
        BODY_START,
        "The full inspection report runs to 80 pages and was published on Monday.",
        BODY_END,
    ]


def test_agency_code_under_a_caption_is_dropped_but_headings_are_kept():
    text = "Dockers at the quay on Tuesday\nAFP\n\nNATO\n\nThe alliance met on Monday."
    assert paragraphs(clean_text(text)) == ["Dockers at the quay on Tuesday", "NATO", "The alliance met on Monday."]


@pytest.mark.parametrize(
    "prose",
    [
        "Readers left 300 comments under the article, most of them critical.",
        "Comments made by the judge were later withdrawn.",
        "The report is at https://example.org/report and runs to 80 pages.",
        "Share prices in the port operator fell by a third.",
        "Advertisement revenue at the local paper fell.",
        "Follow the money, the prosecutor told the jury.",
        "Click here, he was told, and the file would open.",
        "He denied the charge.",
        "Related charges against two other men were dropped.",
        "Photo: the crane that collapsed, taken by a docker minutes before.",
        "The picture library Northwind Images said the photographs were genuine.",
        "See also the report published by the union last year.",
    ],
)
def test_prose_that_looks_a_bit_like_debris_is_kept(prose):
    assert clean_text(with_debris(prose)) == f"{BODY_START}\n\n{prose}\n\n{BODY_END}"


def test_content_bullets_after_a_heading_are_kept():
    text = (
        "KEY POINTS\n\n"
        "\u2022 The crane was 30 years old\n"
        "\u2022 Two men were hurt\n\n"
        "The harbour authority said it would replace the cranes."
    )
    assert clean_text(text) == text


def test_trailing_press_release_end_mark_is_dropped():
    assert clean_text(f"{BODY_START}\n\n{BODY_END}\n\n-ENDS-\n") == f"{BODY_START}\n\n{BODY_END}"
    assert clean_text(f"{BODY_START}\n\n###") == BODY_START


def test_headline_links_under_a_label_go_but_prose_teasers_stay():
    text = (
        "The council met on Monday and agreed the budget for next year.\n\nRead more:\n\n"
        "  • Budget row splits council\n  • https://example.org/budget\n\n"
        "See also:\n\n  • Mayor quits. The mayor of the town resigned on Friday after a long row "
        "with the council over the budget and the new bridge.\n"
    )
    out = clean_text(text)
    assert "Budget row splits council" not in out and "https://" not in out
    assert "Read more" not in out and "See also" not in out
    assert "The mayor of the town resigned on Friday" in out
