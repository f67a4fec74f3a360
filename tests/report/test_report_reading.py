"""The report as an editor reads it: labels that name the right outlet, one story of who copied
whom, the strongest findings at the top, and low-confidence findings hidden on request."""

from __future__ import annotations

import csv
import json
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from corpuskit.cli import app
from corpuskit.report.build import select_stories
from corpuskit.report.consensus import prevailing_version
from corpuskit.report.model import CONSEQUENCE, Source

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
# Outlet names as a user writes them in a manifest: mixed case, one all lower case.
OUTLETS = ["Current Time", "The Moscow Times", "kyiv independent", "BBC News", "Novaya Gazeta Europe"]


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("reading")
    shutil.copytree(SEEDS, root / "seeds")
    files = sorted(p.name for p in (root / "seeds").glob("*.txt"))
    with open(root / "seeds" / "sources.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["file", "outlet"])
        writer.writerows(zip(files, OUTLETS))
    db = root / "corpus.db"
    result = CliRunner().invoke(app, ["ingest", str(root / "seeds"), "--db", str(db), "--quiet"])
    assert result.exit_code == 0, result.stderr
    return db


def run(db: Path, *args: str) -> str:
    result = CliRunner().invoke(app, ["report", *args, "--db", str(db), "--quiet"])
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.fixture(scope="module")
def report(store) -> dict:
    return json.loads(run(store, "--format", "json"))


@pytest.mark.parametrize("fmt", ["md", "html", "table", "json"])
def test_every_document_label_names_that_documents_outlet(store, report, fmt):
    outlet_of = {d["id"]: d["outlet"] for d in report["documents"]}
    assert sorted(outlet_of.values()) == sorted(OUTLETS)  # as given, never re-cased
    text = run(store, "--format", fmt)
    if fmt == "html":
        text = text.replace("&#x27;", "'").replace("&amp;", "&")
    text = " ".join(text.split())  # the terminal wraps lines
    checked = 0
    for outlet in OUTLETS:
        for match in re.finditer(re.escape(outlet) + r" \(document (\d+)\)", text):
            assert outlet_of[int(match[1])] == outlet, match[0]
            checked += 1
        for match in re.finditer(r"\b(\d+) \(" + re.escape(outlet) + r"\)", text):
            assert outlet_of[int(match[1])] == outlet, match[0]
            checked += 1
    assert checked > 5


def test_sources_and_derivation_tell_one_story(report):
    for story in report["stories"]:
        roles = {s["document"]: s for s in story["sources"]}
        for pair in story["derivation"]:
            a, b = pair["a"], pair["b"]
            if pair["direction"] == "a->b":
                assert a in roles[b]["copied_from"], pair
            elif pair["direction"] == "b->a":
                assert b in roles[a]["copied_from"], pair
        for source in story["sources"]:
            assert (source["role"] == "copy") == bool(source["copied_from"]), source


def test_highlights_are_the_strongest_findings_of_multi_document_stories(report):
    top = report["highlights"]
    assert 0 < len(top) <= 5
    scores = [CONSEQUENCE[h["kind"]] * h["confidence"] for h in top]
    assert scores == sorted(scores, reverse=True)
    by_id = {s["id"]: s for s in report["stories"]}
    for item in top:
        story = by_id[item["story"]]
        assert len(story["documents"]) > 1
        assert story["findings"][item["finding"] - 1]["summary"] == item["summary"]
    strongest = max(
        CONSEQUENCE[f["kind"]] * f["confidence"]
        for s in report["stories"]
        if len(s["documents"]) > 1
        for f in s["findings"]
    )
    assert scores[0] == strongest
    assert len({h["story"] for h in top}) == len(top)  # one a story: a large story does not fill the top


def test_markdown_opens_with_the_highlights(store):
    text = run(store, "--format", "md")
    assert text.index("## Most consequential findings") < text.index("## Stories")


def test_min_confidence_hides_weaker_findings_and_says_how_many(store, report):
    confidences = sorted({f["confidence"] for s in report["stories"] for f in s["findings"]})
    assert len(confidences) > 1, "the seeds' findings should not all be equally sure"
    threshold = confidences[len(confidences) // 2]
    narrowed = json.loads(run(store, "--format", "json", "--min-confidence", str(threshold)))
    kept = [f for s in narrowed["stories"] for f in s["findings"]]
    total = sum(len(s["findings"]) for s in report["stories"])
    assert kept and all(f["confidence"] >= threshold for f in kept)
    assert narrowed["selection"]["hidden_findings"] == total - len(kept) > 0
    assert "not shown" in run(store, "--format", "md", "--min-confidence", str(threshold))


def test_min_confidence_out_of_range_is_a_one_line_error(store):
    result = CliRunner().invoke(app, ["report", "--min-confidence", "1.5", "--db", str(store), "--quiet"])
    assert result.exit_code == 2 and "Traceback" not in result.output


def test_select_stories_without_a_threshold_hides_nothing(report):
    assert "selection" not in select_stories(report)


# --- which version prevails ----------------------------------------------------------------------


def role(doc: int, kind: str = "independent") -> Source:
    return Source(doc, None, None, kind)  # type: ignore[arg-type]


def test_more_independent_sources_outweigh_the_original():
    versions = [{"text": "46", "documents": [1, 2]}, {"text": "47", "documents": [3, 4, 5]}]
    source_of = {1: 0, 2: 0, 3: 1, 4: 2, 5: 3}  # 2 copies 1, the original
    roles = [role(1, "original"), role(2, "copy"), role(3), role(4), role(5)]
    chosen = prevailing_version(versions, roles, source_of)
    assert chosen is not None and chosen["text"] == "47" and "3 of 4" in chosen["because"]


def test_the_originals_version_prevails():
    versions = [{"text": "Anwar", "documents": [4]}, {"text": "Anuar", "documents": [2, 3]}]
    chosen = prevailing_version(versions, [role(4, "original"), role(2, "copy"), role(3, "copy")], {2: 0, 3: 0, 4: 0})
    assert chosen is not None and chosen["text"] == "Anwar" and "original" in chosen["because"]


def test_most_independent_sources_prevail_counting_copies_once():
    versions = [{"text": "46", "documents": [1, 2, 3]}, {"text": "47", "documents": [4, 5]}]
    source_of = {1: 0, 2: 0, 3: 0, 4: 1, 5: 2}  # 1-3 are one source and its copies
    chosen = prevailing_version(versions, [role(d) for d in source_of], source_of)
    assert chosen is not None and chosen["text"] == "47"


def test_a_flagged_document_alone_weighs_nothing_in_which_version_prevails():
    """Documents 3 and 4 are flagged and in no counted source: the 2-against-1 is not a
    majority of 3, and the total names the counted sources only."""
    versions = [{"text": "46", "documents": [1, 2]}, {"text": "47", "documents": [3, 4, 5]}]
    source_of = {1: 0, 2: 1, 5: 2}
    chosen = prevailing_version(versions, [role(d) for d in (1, 2, 3, 4, 5)], source_of)
    assert chosen is not None and chosen["text"] == "46" and chosen["because"] == "2 of 3 independent sources carry it"


def test_a_tie_has_no_prevailing_version():
    versions = [{"text": "200", "documents": [1]}, {"text": "300", "documents": [2]}]
    assert prevailing_version(versions, [role(1), role(2)], {1: 0, 2: 1}) is None


def test_trivially_different_quotes_are_one_minor_note_not_findings():
    from corpuskit.report import outline

    story = {
        "minor_differences": [
            {"documents": [1, 2], "quote": "So we go on", "changes": [["delete", "So", ""]]},
            {"documents": [1, 3], "quote": "So we go on", "changes": [["delete", "So", ""]]},
        ]
    }
    docs = {1: {"id": 1, "outlet": "Wire"}, 2: {"id": 2, "outlet": "Paper"}, 3: {"id": 3, "outlet": "Post"}}
    note = outline.minor_note(story, docs)
    assert note is not None and note.count("“So” dropped") == 1 and "1 quote " in note
    assert "1 (Wire), 2 (Paper), 3 (Post)" in note and "not findings" in note
    assert outline.minor_note({"minor_differences": []}, docs) is None


def test_a_story_whose_findings_are_all_hidden_says_so(store, report):
    top = max(f["confidence"] for s in report["stories"] for f in s["findings"])
    text = " ".join(run(store, "--format", "md", "--min-confidence", str(min(1.0, top + 0.001))).split())
    assert "below the confidence asked for" in text
    assert "No disagreement, variant or single-source claim was found" not in text
