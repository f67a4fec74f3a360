"""The HTML report: one self-contained page, side-by-side evidence, and article text that never runs.

The page is read back with the standard library's HTML parser; when a
Chromium is installed, it is also loaded in headless Chromium to see that no
hostile script or event handler runs (skipped otherwise).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from corpuskit.report.html import render_html
from corpuskit.report.outline import SIDE_BY_SIDE_KINDS

from .fixtures import FINDINGS, empty_report, parse_html, sample_report, single_document_report, with_article_text

HOSTILE = (
    "<script>document.body.setAttribute('data-ran', 'script')</script>"
    "<img src=x onerror=\"document.body.setAttribute('data-ran', 'img')\">"
    "</textarea><svg onload=\"document.body.setAttribute('data-ran', 'svg')\"></svg>"
    "\" onmouseover=\"document.body.setAttribute('data-ran', 'attr')\" ' x='y"
)


def hostile_report() -> dict:
    report = with_article_text(sample_report(), lambda text: f"{text} {HOSTILE}")
    report["stories"][0]["id"] = "1\" onmouseover=\"document.body.setAttribute('data-ran', 'id')"
    return report


def assert_only_report_pictures(tree) -> None:
    """The only SVG on the page is the report's own pictures, each in a figure: none from article text."""
    pictures = tree.find_all("svg")
    assert pictures, "the story's pictures are drawn"
    for svg in pictures:
        assert svg.classes() & {"picture", "legend"} and svg.parent.tag == "figure"


def findings(tree):
    return [node for node in tree.find_all("article") if "finding" in node.classes()]


def test_page_is_self_contained_with_a_policy_that_forbids_scripts():
    page = render_html(sample_report())
    tree = parse_html(page)
    assert page.startswith("<!DOCTYPE html>")
    [policy] = [
        m.attrs["content"] for m in tree.find_all("meta") if m.attrs.get("http-equiv") == "Content-Security-Policy"
    ]
    assert "default-src 'none'" in policy and "script-src" not in policy
    assert tree.find_all("script") == [] and tree.find_all("link") == [] and tree.find_all("img") == []
    assert len(tree.find_all("style")) == 1
    for node in tree.find_all():
        assert "src" not in node.attrs
        assert node.attrs.get("href", "#").startswith("#")


def test_content_summary_stories_sources_and_findings_in_order():
    tree = parse_html(render_html(sample_report()))
    assert tree.find_all("h1")[0].text() == "Cross-source consistency report"
    tables = tree.find_all("table")
    story_cells = [td.text() for td in tables[0].find_all("td")]
    assert story_cells == [
        "1",
        "Harbour wall gives way after storm",
        "4",
        "Coastal Herald, Bay News, Morning Wire, 1 without outlet",
        "2",
        "7",
    ]
    assert tables[0].find_all("a")[0].attrs["href"] == "#story-1"
    assert tree.find_all("section")[0].attrs["id"] == "story-1"
    sources = [[td.text() for td in row.find_all("td")] for row in tables[1].find_all("tr")[1:]]
    assert sources[3] == [
        "4",
        "Residents describe the night the sea came in",
        "inbox/residents_letter.txt",
        "no date",
        "independent",
        "",
    ]
    assert [td.text() for td in tables[2].find_all("td")][:3] == [
        "1 and 2",
        "near copy",
        "2 (Bay News) copied 1 (Coastal Herald)",
    ]
    assert [f.find_all("p")[0].text() for f in findings(tree)] == [f["summary"] for f in FINDINGS]


def test_variant_and_conflict_evidence_sits_side_by_side_one_column_per_document():
    tree = parse_html(render_html(sample_report()))
    for node, finding in zip(findings(tree), FINDINGS):
        columns = [n for n in node.find_all("div") if "columns" in n.classes()]
        documents = list(dict.fromkeys(e["document"] for e in finding["evidence"]))
        if finding["kind"] in SIDE_BY_SIDE_KINDS:
            [row] = columns
            cells = [n for n in row.find_all("div") if "column" in n.classes()]
            assert [c.find_all("p")[0].text().split(" — ")[0] for c in cells] == [f"Document {d}" for d in documents]
        else:
            assert columns == []
        marks = [m.text() for m in node.find_all("mark")]
        assert marks == [e["text"] for e in finding["evidence"]]


def test_kind_specific_details():
    tree = parse_html(render_html(sample_report()))
    nodes = findings(tree)
    details = [dict(zip([d.text() for d in n.find_all("dt")], [d.text() for d in n.find_all("dd")])) for n in nodes]
    assert details[0]["80"] == "document 4 (inbox/residents_letter.txt)"
    assert details[1]["Status"] == "cannot be compared"
    assert details[1]["Why"] == "'last Tuesday' is relative and document 4 has no publication date"
    assert details[2]["“Ingrid Solbert”"] == "document 2 (Bay News)"
    assert details[4]["Credit"] == "credited: “Coastal Herald reported”"
    assert details[5]["Credit"] == "not credited: the source is not named"
    diff = nodes[3]
    assert [d.text() for d in diff.find_all("del")] == ["struck", "loads of", "that"]
    assert [i.text() for i in diff.find_all("ins")] == ["marked", "many", "the"]


def test_a_corpus_without_multi_source_story_gets_a_short_clear_page():
    tree = parse_html(render_html(single_document_report()))
    assert [p.text() for p in tree.find_all("p")] == [
        "No story is covered by more than one document; 1 document, 1 story, so there is nothing to compare "
        "across sources."
    ]
    assert tree.find_all("table") == []
    assert "0 documents, 0 stories" in render_html(empty_report())


def test_hostile_article_text_is_shown_as_text_and_builds_no_element_or_attribute():
    report = hostile_report()
    tree = parse_html(render_html(report))
    assert tree.find_all("script") == [] and tree.find_all("img") == []
    assert_only_report_pictures(tree)
    assert tree.find_all("textarea") == []
    for node in tree.find_all():
        assert not [name for name in node.attrs if name.startswith("on") or name == "'"], node.tag
        assert "x" not in node.attrs or re.fullmatch(r"[0-9.]+", node.attrs["x"]), node.tag  # a picture's, not x='y'
    story = report["stories"][0]
    assert tree.find_all("h2")[1].text() == f"Story {story['id']}: {story['title']}"
    assert tree.find_all("section")[0].attrs["id"] == f"story-{story['id']}"
    quotes = [q.text() for q in tree.find_all("blockquote")]
    assert quotes == [e["context"] for f in story["findings"] for e in f["evidence"]]
    assert tree.find_all("td")[3].text().count(HOSTILE) == 3  # the outlets of story 1


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome", "chromium-headless-shell"):
        if shutil.which(name):
            return shutil.which(name)
    return None


def _dump_doms(browser: str, pages: list[Path]) -> list:
    """Each page as headless Chromium leaves it after loading (run side by side: each start takes seconds)."""
    runs = [
        subprocess.Popen(
            [
                browser,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                f"--user-data-dir={page}.profile",
                "--dump-dom",
                page.as_uri(),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        for page in pages
    ]
    doms = []
    for run in runs:
        out, _ = run.communicate(timeout=120)
        assert run.returncode == 0
        doms.append(parse_html(out))
    return doms


@pytest.mark.skipif(_chromium() is None, reason="no Chromium installed")
def test_in_headless_chromium_no_hostile_script_runs(tmp_path: Path):
    browser = _chromium()
    page = render_html(hostile_report())
    policy = next(line for line in page.splitlines() if "Content-Security-Policy" in line)

    # Controls: the same payload unescaped does run without the policy and is stopped by it.
    raw = f"<!DOCTYPE html><html><head><title>T</title></head><body>{HOSTILE}</body></html>"
    (tmp_path / "raw.html").write_text(raw, encoding="utf-8")
    (tmp_path / "raw_policy.html").write_text(raw.replace("<head>", "<head>" + policy), encoding="utf-8")
    # The report, with and without its policy: escaping alone must keep everything inert.
    (tmp_path / "report.html").write_text(page, encoding="utf-8")
    (tmp_path / "report_no_policy.html").write_text(page.replace(policy, ""), encoding="utf-8")
    names = ["raw.html", "raw_policy.html", "report.html", "report_no_policy.html"]
    raw_dom, raw_policy_dom, *report_doms = _dump_doms(browser, [tmp_path / name for name in names])

    assert "data-ran" in raw_dom.find_all("body")[0].attrs
    assert "data-ran" not in raw_policy_dom.find_all("body")[0].attrs
    assert [("data-ran" in dom.find_all("body")[0].attrs) for dom in report_doms] == [False, False]
    for dom in report_doms:
        assert dom.find_all("title")[0].text() == "Cross-source consistency report"
        assert [n.tag for n in dom.find_all() if n.tag in ("script", "img", "textarea")] == []
        assert_only_report_pictures(dom)
        assert HOSTILE in dom.find_all("h2")[1].text()
