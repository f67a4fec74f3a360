"""`corpuskit report` on the sample corpus: the findings a careful reader makes by hand."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from corpuskit.cli import app
from corpuskit.report.model import CONSEQUENCE

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    """The seeds ingested once for the module (the NER stage is the slow part)."""
    root = tmp_path_factory.mktemp("report")
    shutil.copytree(SEEDS, root / "seeds")
    db = root / "corpus.db"
    result = CliRunner().invoke(app, ["ingest", str(root / "seeds"), "--db", str(db), "--quiet"])
    assert result.exit_code == 0, result.stderr
    return db


def run(db: Path, *args: str):
    result = CliRunner().invoke(app, ["report", *args, "--db", str(db), "--quiet"])
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.fixture(scope="module")
def report(store) -> dict:
    return json.loads(run(store, "--format", "json"))


def ids(report: dict) -> dict[str, int]:
    return {os.path.basename(d["path"])[:3]: d["id"] for d in report["documents"]}


def bbc_story(report: dict) -> dict:
    wanted = {ids(report)[n] for n in ("001", "002", "003")}
    return next(s for s in report["stories"] if wanted <= set(s["documents"]))


def findings(story: dict, kind: str) -> list[dict]:
    return [f for f in story["findings"] if f["kind"] == kind]


def test_one_story_holds_the_three_versions_and_nothing_else(report):
    story = bbc_story(report)
    assert set(story["documents"]) == {ids(report)[n] for n in ("001", "002", "003")}
    assert story["independent_sources"] == 1
    roles = {s["document"]: s["role"] for s in story["sources"]}
    assert roles[ids(report)["003"]] == "original"


def variant_texts(story: dict) -> list[set[str]]:
    return [{v["text"] for v in f["variants"]} for f in findings(story, "name_variant")]


@pytest.mark.parametrize(
    "spellings",
    [{"Anuar", "Anwar"}, {"Valentina Chupik", "Valentine Chupik"}, {"Russia Behind Bars", "Russian Behind Bars"}],
)
def test_name_variants_with_the_outlets_using_each(report, spellings):
    story = bbc_story(report)
    assert spellings in variant_texts(story)
    finding = next(f for f in findings(story, "name_variant") if {v["text"] for v in f["variants"]} == spellings)
    assert all(v["documents"] for v in finding["variants"])
    assert {e["text"] for e in finding["evidence"]} >= spellings


def test_the_bbc_spelling_is_credited_to_its_outlet(report):
    finding = next(
        f
        for f in findings(bbc_story(report), "name_variant")
        if {v["text"] for v in f["variants"]} == {"Anuar", "Anwar"}
    )
    anwar = next(v for v in finding["variants"] if v["text"] == "Anwar")
    assert anwar["outlets"] == ["BBC News"]


def test_when_he_told_his_father_is_a_date_conflict(report):
    conflicts = findings(bbc_story(report), "date_conflict")
    finding = next(f for f in conflicts if "late January" in {t["text"] for t in f["times"]})
    phrases = {t["text"].lower().removeprefix("the ") for t in finding["times"]}
    assert phrases == {"start of january", "late january", "end of last month"}
    assert finding["status"] == "conflict"
    assert "last month" in finding["reason"] and "cannot be compared" in finding["reason"]


def test_quote_variants(report):
    quotes = findings(bbc_story(report), "quote_variant")
    diffs = [{(d[1], d[2]) for d in f["diff"] if d[0] != "equal"} for f in quotes]
    assert any(("loads of", "many") in d for d in diffs), diffs
    potatoes = next(f for f in quotes if any("bag of potatoes" in v["text"] for v in f["versions"]))
    assert any(d[0] == "delete" and d[1] == "just" for d in potatoes["diff"])


def test_credited_summary_and_uncredited_rewrite(report):
    attributions = {f["document"]: f for f in findings(bbc_story(report), "attribution")}
    bbc, rewrite, summary = (ids(report)[n] for n in ("003", "001", "002"))
    assert attributions[summary]["credited"] is True and attributions[summary]["source_document"] == bbc
    assert "BBC News reported" in attributions[summary]["credit"]
    assert attributions[rewrite]["credited"] is False and attributions[rewrite]["source_document"] == bbc


def test_single_source_numbers(report):
    # The figures the two rewrites add to the BBC's reporting rest on them alone.
    claims = {f["claim"] for s in report["stories"] for f in findings(s, "single_source")}
    assert any("10.5 million migrant workers" in c for c in claims), claims
    assert any("50,000" in c for c in claims), claims


def test_no_single_source_claims_where_nothing_could_corroborate_them(report):
    # A story of one document is single-source by definition (issue 11): its claims are not findings.
    for story in report["stories"]:
        if len(story["documents"]) == 1:
            assert findings(story, "single_source") == [], story["id"]


def test_findings_are_ranked_by_consequence_times_confidence(report):
    for story in report["stories"]:
        scores = [CONSEQUENCE[f["kind"]] * f["confidence"] for f in story["findings"]]
        assert scores == sorted(scores, reverse=True), story["id"]
        assert all(0 <= f["confidence"] <= 1 and f["basis"] for f in story["findings"])


def test_evidence_spans_index_the_stored_text(store, report):
    texts = {}
    for story in report["stories"]:
        for finding in story["findings"]:
            for evidence in finding["evidence"]:
                doc = evidence["document"]
                if doc not in texts:
                    shown = CliRunner().invoke(app, ["show", str(doc), "--format", "json", "--db", str(store)])
                    texts[doc] = json.loads(shown.stdout)["documents"][0]["text"]
                start, end = evidence["span"]
                assert texts[doc][start:end] == evidence["text"]


def test_markdown_report_shows_the_findings(store):
    markdown = run(store, "--format", "md")
    for expected in ("Anuar", "Anwar", "Valentine Chupik", "late January", "bag of potatoes", "BBC News reported"):
        assert expected in markdown
    assert markdown.startswith("# ")


def test_story_and_min_documents_filters(store, report):
    story = bbc_story(report)
    one = json.loads(run(store, "--format", "json", "--story", str(story["id"])))
    assert [s["id"] for s in one["stories"]] == [story["id"]]
    assert {d["id"] for d in one["documents"]} == set(story["documents"])
    multi = json.loads(run(store, "--format", "json", "--min-documents", "2"))
    assert all(len(s["documents"]) >= 2 for s in multi["stories"]) and multi["stories"]


def test_unknown_story_is_a_clear_error(store):
    result = CliRunner().invoke(app, ["report", "--story", "99", "--db", str(store), "--quiet"])
    assert result.exit_code == 2
    assert "no story 99" in result.stderr and "Traceback" not in result.stderr
