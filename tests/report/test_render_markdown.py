"""The Markdown report: content an editor can read, and article text that cannot break the layout.

Layout is checked by rendering the Markdown with markdown-it-py (CommonMark
plus GFM tables and strikethrough) and reading the resulting HTML back.
"""

from __future__ import annotations

from markdown_it import MarkdownIt

from corpuskit.report.markdown import render_markdown

from .fixtures import (
    FINDINGS,
    empty_report,
    parse_html,
    sample_report,
    single_document_report,
    squash,
    with_article_text,
)

# Everything Markdown could take for markup, including block markers after line breaks.
TRICKY = (
    "Pipe | hash # star *bold* under _it_ <b>tag</b> <script>x</script> tick `code` [link](http://x) "
    "~~gone~~ &amp; \\ end\n- dash line\n1. numbered\n===\n> nested\n#heading\n    indented"
)


def rendered(markdown: str):
    return parse_html(MarkdownIt("commonmark").enable("table").enable("strikethrough").render(markdown))


def tricky(text: str) -> str:
    return f"{text} {TRICKY}"


def test_title_summary_and_story_table():
    markdown = render_markdown(sample_report())
    assert markdown.startswith("# Cross-source consistency report\n")
    assert (
        "5 documents grouped into 2 stories. 1 story is covered by more than one document, with 7 findings"
    ) in markdown
    assert (
        "| 1 | Harbour wall gives way after storm | 4 | Coastal Herald, Bay News, Morning Wire, 1 without outlet "
        "| 2 | 7 |"
    ) in markdown
    assert "1 more story with a single document and no findings is not listed." in markdown
    assert "Library opens new wing" not in markdown


def test_sources_show_role_copied_from_and_the_path_when_there_is_no_outlet():
    markdown = render_markdown(sample_report())
    assert "| 2 | Storm breaks harbour wall | Bay News | 2024-03-05 | copy | 1 (Coastal Herald) |" in markdown
    assert (
        "| 4 | Residents describe the night the sea came in | inbox/residents\\_letter.txt | no date | independent |  |"
    ) in markdown


def test_derivation_says_who_copied_whom_and_how_much():
    markdown = render_markdown(sample_report())
    assert "| 1 and 2 | near copy | 2 (Bay News) copied 1 (Coastal Herald) | 95% of 1, 90% of 2 |" in markdown
    report = sample_report()
    report["stories"][0]["derivation"][0]["direction"] = None
    assert "| 1 and 2 | near copy | cannot be told |" in render_markdown(report)


def test_findings_keep_their_order_each_with_summary_and_quoted_evidence():
    markdown = render_markdown(sample_report())
    positions = [markdown.index(f["summary"]) for f in FINDINGS]
    assert positions == sorted(positions)
    labels = [
        "#### 1. Number conflict",
        "#### 2. Dates cannot be compared",
        "#### 3. Name variant",
        "#### 4. Quote variant",
        "#### 5. Credited reuse",
        "#### 6. Uncredited reuse",
        "#### 7. Single-source claim",
    ]
    assert [markdown.index(label) for label in labels] == sorted(markdown.index(label) for label in labels)
    assert (
        "> **Document 4 — inbox/residents\\_letter.txt: “Residents describe the night the sea came in”**\n>\n"
        "> Neighbours say **80** families had to leave their homes."
    ) in markdown
    tree = rendered(markdown)
    assert len(tree.find_all("blockquote")) == sum(len(f["evidence"]) for f in FINDINGS)


def test_kind_specific_details():
    markdown = render_markdown(sample_report())
    assert "- **“Ingrid Solbert”:** document 2 (Bay News)" in markdown
    assert "- **80:** document 4 (inbox/residents\\_letter.txt)" in markdown
    assert "- **Why:** 'last Tuesday' is relative and document 4 has no publication date" in markdown
    assert "- **Document 4 (inbox/residents\\_letter.txt):** “last Tuesday”: not placed in time" in markdown
    assert "- **Document 1 (Coastal Herald):** “on 1 March”: 2024-03-01" in markdown
    assert "We had ~~loads of~~ **many** warnings about ~~that~~ **the** wall" in markdown
    assert "- **Credit:** credited: “Coastal Herald reported”" in markdown
    assert "- **Credit:** not credited: the source is not named" in markdown
    assert "- **Claim (number):** “2.5 million euros”" in markdown


def test_quote_diff_renders_as_deletions_and_insertions():
    tree = rendered(render_markdown(sample_report()))
    assert [s.text() for s in tree.find_all("s")] == ["struck", "loads of", "that"]
    strong = [s.text() for s in tree.find_all("strong")]
    assert "many" in strong and "the" in strong


def test_a_corpus_without_multi_source_story_gets_a_short_clear_report():
    markdown = render_markdown(single_document_report())
    assert markdown == (
        "# Cross-source consistency report\n\nNo story is covered by more than one document; "
        "1 document, 1 story, so there is nothing to compare across sources.\n"
    )
    assert "0 documents, 0 stories" in render_markdown(empty_report())


def test_a_selection_without_multi_source_story_says_so():
    report = sample_report()
    report["stories"] = report["stories"][1:]
    assert "No story in this selection is covered by more than one document" in render_markdown(report)


def test_a_story_without_findings_says_so():
    report = sample_report()
    report["stories"][0]["findings"] = []
    assert "No disagreement, variant or single-source claim was found in this story." in render_markdown(report)


def test_article_text_cannot_break_headings_tables_or_quotes():
    report = with_article_text(sample_report(), tricky)
    tree = rendered(render_markdown(report))
    assert [len(tree.find_all(h)) for h in ("h1", "h2", "h3", "h4")] == [1, 2, 3, 7]
    title = report["stories"][0]["title"]
    assert squash(tree.find_all("h2")[1].text()) == squash(f"Story 1: {title}")
    for tag in ("script", "b", "em", "code", "a", "ol", "hr", "pre", "img"):
        assert tree.find_all(tag) == [], tag
    assert len(tree.find_all("ul")) == len(FINDINGS)  # the detail list of each finding, no other list
    for quote in tree.find_all("blockquote"):
        assert not [n for n in quote.find_all() if n.tag not in ("p", "strong")]
        assert squash(TRICKY) in squash(quote.text())
    assert len(tree.find_all("blockquote")) == sum(len(f["evidence"]) for f in FINDINGS)


def test_article_text_stays_inside_its_table_cell():
    report = with_article_text(sample_report(), tricky)
    tree = rendered(render_markdown(report))
    tables = tree.find_all("table")
    assert len(tables) == 3  # stories, sources, derivation
    for table in tables:
        widths = {len(row.find_all("th") + row.find_all("td")) for row in table.find_all("tr")}
        assert len(widths) == 1
    story_row = [td.text() for td in tables[0].find_all("td")]
    assert story_row[1] == squash(report["stories"][0]["title"])
    source_cells = [[td.text() for td in row.find_all("td")] for row in tables[1].find_all("tr")[1:]]
    assert source_cells[3][2] == squash(report["documents"][3]["path"])
    assert source_cells[1][2] == squash(report["documents"][1]["outlet"])


def test_newlines_in_evidence_stay_inside_the_blockquote_with_the_span_in_bold():
    report = sample_report()
    report["stories"][0]["findings"] = [
        {
            "kind": "single_source",
            "summary": "- a summary that looks like a list",
            "claim_kind": "quote",
            "document": 1,
            "claim": "two\nlines",
            "evidence": [
                {
                    "document": 1,
                    "span": [0, 9],
                    "text": "two\nlines",
                    "context": "First | line\n\n# not a heading\ntwo\nlines and *more*\n---",
                }
            ],
        }
    ]
    markdown = render_markdown(report)
    tree = rendered(markdown)
    [quote] = tree.find_all("blockquote")
    assert not [n for n in quote.find_all() if n.tag not in ("p", "strong")]
    assert [s.text() for s in quote.find_all("strong")][1:] == ["two", "lines"]
    assert squash(quote.text()).endswith("First | line # not a heading two lines and *more* ---")
    assert "- a summary that looks like a list" in [p.text() for p in tree.find_all("p")]


def test_each_document_of_a_spelling_is_named_with_its_own_outlet():
    # Documents 1 and 2 are Coastal Herald and Bay News: listed in id order, their outlets
    # sorted by name would pair each id with the other's outlet.
    report = sample_report()
    [finding] = [f for f in report["stories"][0]["findings"] if f["kind"] == "name_variant"]
    finding["variants"][0] = {"text": "Ingrid Solberg", "documents": [1, 2], "outlets": ["Bay News", "Coastal Herald"]}
    markdown = render_markdown(report)
    assert "documents 1 (Coastal Herald), 2 (Bay News)" in markdown
    assert "1 (Bay News)" not in markdown


def test_a_flagged_source_is_marked_in_the_sources_table_and_others_are_not():
    report = sample_report()
    report["stories"][0]["sources"][3]["flagged"] = True
    markdown = render_markdown(report)
    [flagged_row] = [line for line in markdown.splitlines() if "flagged" in line]
    assert flagged_row.startswith("| 4 |") and "independent (flagged: may not be the article)" in flagged_row
    assert "flagged" not in render_markdown(sample_report())
