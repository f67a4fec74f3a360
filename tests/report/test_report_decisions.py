"""Finding ids and the analyst's word on findings: `corpuskit report dismiss|confirm|undo|decisions`."""

from __future__ import annotations

import re
import shutil
import sqlite3
from pathlib import Path

import pytest
from tests.conftest import SEEDS, Cli
from tests.test_cli_user_actions import one_line_error

from corpuskit.report import build
from corpuskit.report.html import render_html
from corpuskit.report.ids import FINDING_ID_LENGTH, with_finding_ids
from corpuskit.report.markdown import render_markdown

from .fixtures import parse_html, sample_report

UNRELATED = (
    "Library opens new wing\n\nThe town library opened a new reading wing on Saturday, with 2,000 new "
    "books and a corner for children, the librarian said. Opening hours stay the same.\n"
)


@pytest.fixture(scope="module")
def seeds_store(tmp_path_factory) -> Cli:
    """The seeds ingested (as ``seeds/...``) and reported once; tests work on copies of the store."""
    root = tmp_path_factory.mktemp("decisions")
    shutil.copytree(SEEDS, root / "seeds")
    cli = Cli(root / "store" / "corpus.db", root)
    assert cli("ingest", "seeds").exit_code == 0
    cli.json("report")  # kept in the store: the tests' reports read it back
    return cli


@pytest.fixture
def corpus(seeds_store: Cli, tmp_path: Path) -> Cli:
    """A private copy of the reported seeds store (the same working folder, so the same paths)."""
    target = tmp_path / "corpus.db"
    with sqlite3.connect(seeds_store.db) as source, sqlite3.connect(target) as copy:
        source.backup(copy)
    return Cli(target, seeds_store.cwd)


def finding_ids(report: dict) -> dict[str, dict]:
    return {f["id"]: f for s in report["stories"] for f in s["findings"]}


def shown(corpus: Cli, fmt: str, *args: str) -> str:
    result = corpus("report", "--format", fmt, *args)
    assert result.exit_code == 0, result.stderr
    return result.stdout


# --- ids --------------------------------------------------------------------------------------------


def test_every_finding_has_a_short_unique_id_and_the_highlights_name_it(corpus):
    report = corpus.json("report")
    ids = [f["id"] for s in report["stories"] for f in s["findings"]]
    assert len(ids) == report["summary"]["findings"] > 5
    assert len(set(ids)) == len(ids)
    assert all(re.fullmatch(rf"[0-9a-f]{{{FINDING_ID_LENGTH}}}", i) for i in ids)
    top = report["highlights"][0]
    story = next(s for s in report["stories"] if s["id"] == top["story"])
    assert story["findings"][top["finding"] - 1]["id"] == top["id"]


def test_ids_do_not_change_with_an_unrelated_document_nor_with_the_stores_own_numbers(corpus, tmp_path):
    before = finding_ids(corpus.json("report"))
    (corpus.cwd / "extra").mkdir(exist_ok=True)
    (corpus.cwd / "extra" / "library.txt").write_text(UNRELATED, encoding="utf-8")
    assert corpus("ingest", "extra").exit_code == 0
    after = finding_ids(corpus.json("report"))
    assert after == before  # every finding, every key: nothing moved, nothing new

    # Another store that read the unrelated article first: every seeds document has another
    # integer id there (the summaries say "document 3" where the first said "document 2").
    other = Cli(tmp_path / "other.db", corpus.cwd)
    assert other("ingest", "extra").exit_code == 0 and other("ingest", "seeds").exit_code == 0
    again = finding_ids(other.json("report"))
    assert set(again) == set(before)
    assert {i: f["kind"] for i, f in again.items()} == {i: f["kind"] for i, f in before.items()}
    assert any(again[i]["summary"] != before[i]["summary"] for i in before)  # the numbers did move


def finding(kind: str = "name_variant", **details) -> dict:
    return {
        "kind": kind,
        "summary": "Anna is spelled two ways: document 1 / document 2.",
        "confidence": 0.7,
        "evidence": [
            {"document": 1, "span": [0, 4], "text": "Anna", "context": "Anna spoke."},
            {"document": 2, "span": [10, 14], "text": "Ana", "context": "Then Ana spoke."},
        ],
        "label": "PERSON",
        "variants": [{"text": "Anna", "documents": [1]}, {"text": "Ana", "documents": [2]}],
        **details,
    }


KEYS = {1: "inbox/a.txt", 2: "inbox/b.txt", 3: "inbox/c.txt"}


def the_id(item: dict, keys: dict[int, str] = KEYS) -> str:
    return with_finding_ids([{"id": 1, "findings": [item]}], keys)[0]["findings"][0]["id"]


def test_an_id_names_what_the_finding_is_about_not_its_wording_rank_or_the_stores_numbers():
    plain = the_id(finding())
    assert the_id(finding(confidence=0.2, summary="Reworded.", basis=["another basis"])) == plain
    # The same documents under other integer ids: the same finding.
    renumbered = finding(
        evidence=[{**e, "document": e["document"] + 10} for e in finding()["evidence"]],
        variants=[{"text": "Anna", "documents": [11]}, {"text": "Ana", "documents": [12]}],
    )
    assert the_id(renumbered, {11: "inbox/a.txt", 12: "inbox/b.txt"}) == plain
    # Another spelling, another document or another kind is another finding.
    assert the_id(finding(variants=[{"text": "Anna"}, {"text": "Anne"}])) != plain
    assert the_id(finding(), {**KEYS, 2: "inbox/c.txt"}) != plain
    assert the_id(finding("quote_variant")) != plain


def test_two_findings_of_the_same_values_and_documents_get_two_ids():
    first = finding()
    second = finding(evidence=[{**e, "span": [s + 100 for s in e["span"]]} for e in first["evidence"]])
    named = with_finding_ids([{"id": 1, "findings": [first, second, dict(first)]}], KEYS)[0]["findings"]
    assert len({f["id"] for f in named}) == 3
    assert list(named[0])[0] == "id" and {k: v for k, v in named[0].items() if k != "id"} == first


# --- dismiss, confirm, undo ---------------------------------------------------------------------------


def test_dismiss_hides_exactly_that_finding_in_every_format(corpus):
    report = corpus.json("report")
    everything = finding_ids(report)
    gone = next(i for i, f in everything.items() if f["kind"] == "name_variant")
    result = corpus("report", "dismiss", gone, "--note", "one person, two transliterations", "--by", "ana")
    assert result.exit_code == 0, result.stderr
    assert f"finding {gone} dismissed by ana" in result.stderr

    after = corpus.json("report")
    assert set(finding_ids(after)) == set(everything) - {gone}
    assert after["summary"]["findings"] == report["summary"]["findings"] - 1
    assert after["summary"]["dismissed_findings"] == 1
    assert all(h["id"] != gone for h in after["highlights"])
    kept = [i for i in everything if i != gone]
    for fmt in ("md", "html", "table"):
        text = shown(corpus, fmt)
        assert gone not in text, fmt
        assert all(i in text for i in kept), fmt
        assert "1 finding dismissed by the analyst is not shown" in " ".join(text.split()), fmt


def test_show_dismissed_shows_it_marked_and_not_as_a_highlight(corpus):
    report = corpus.json("report")
    top = report["highlights"][0]["id"]
    assert corpus("report", "dismiss", top, "--by", "ana").exit_code == 0
    marked = corpus.json("report", "--show-dismissed")
    decision = finding_ids(marked)[top]["decision"]
    assert decision["verdict"] == "dismissed" and decision["by"] == "ana"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00", decision["at"])
    assert top not in {h["id"] for h in marked["highlights"]}
    day = decision["at"][:10]
    for fmt in ("md", "html", "table"):
        text = " ".join(shown(corpus, fmt, "--show-dismissed").split())
        assert top in text and f"Dismissed by ana on {day}" in text, fmt


def test_confirm_marks_the_finding_and_keeps_it_above_min_confidence(corpus):
    report = corpus.json("report")
    weakest = min(finding_ids(report).values(), key=lambda f: f["confidence"])
    threshold = str(round(weakest["confidence"] + 0.05, 2))
    assert weakest["id"] not in finding_ids(corpus.json("report", "--min-confidence", threshold))
    result = corpus(
        "report", "confirm", weakest["id"].upper(), "--by", "Ana Lima", "--note", "checked  with\nthe court"
    )
    assert result.exit_code == 0, result.stderr

    strict = corpus.json("report", "--min-confidence", threshold)
    kept = finding_ids(strict)
    assert weakest["id"] in kept
    assert kept[weakest["id"]]["decision"]["verdict"] == "confirmed"
    assert kept[weakest["id"]]["decision"]["note"] == "checked with the court"
    others_below = [f for f in finding_ids(report).values() if f["confidence"] < float(threshold)]
    assert strict["selection"]["hidden_findings"] == len(others_below) - 1
    day = kept[weakest["id"]]["decision"]["at"][:10]
    for fmt in ("md", "html", "table"):
        text = " ".join(shown(corpus, fmt, "--min-confidence", threshold).split())
        assert f"Confirmed by Ana Lima on {day}: checked with the court" in text, fmt


def test_the_decider_is_the_user_logged_in_unless_by_says(corpus, monkeypatch):
    monkeypatch.setenv("LOGNAME", "reporter")
    monkeypatch.setenv("USER", "reporter")
    some = next(iter(finding_ids(corpus.json("report"))))
    assert corpus("report", "confirm", some).exit_code == 0
    [decision] = corpus.json("report", "decisions")["decisions"]
    assert decision["by"] == "reporter" and decision["verdict"] == "confirmed"
    # Deciding again replaces the decision, and says what it was.
    result = corpus("report", "dismiss", some)
    assert "(it was confirmed)" in result.stderr
    assert [d["verdict"] for d in corpus.json("report", "decisions")["decisions"]] == ["dismissed"]


def test_undo_restores_the_finding(corpus):
    report = corpus.json("report")
    some = list(finding_ids(report))[3]
    assert corpus("report", "dismiss", some).exit_code == 0
    assert some not in finding_ids(corpus.json("report"))
    result = corpus("report", "undo", some)
    assert result.exit_code == 0 and "no longer dismissed" in result.stderr
    assert corpus.json("report") == report
    assert corpus.json("report", "decisions") == {"decisions": []}
    assert "no decision on finding" in one_line_error(corpus("report", "undo", some))


def test_an_unknown_id_is_a_one_line_error_and_records_nothing(corpus):
    for command in ("dismiss", "confirm"):
        line = one_line_error(corpus("report", command, "0123456789ab"))
        assert "no finding '0123456789ab'" in line
    assert "no finding" in one_line_error(corpus("report", "dismiss", ""))
    assert "--by" in one_line_error(
        corpus("report", "dismiss", next(iter(finding_ids(corpus.json("report")))), "--by", " ")
    )
    assert corpus.json("report", "decisions") == {"decisions": []}


def test_deciding_reads_the_kept_report_and_never_makes_it_again(corpus, monkeypatch):
    report = corpus.json("report")

    def no_rebuild(*args, **kwargs):
        raise AssertionError("the report was made again")

    monkeypatch.setattr(build, "_build_report", no_rebuild)
    some = list(finding_ids(report))[0]
    assert corpus("report", "dismiss", some).exit_code == 0
    assert corpus("report", "decisions").exit_code == 0
    assert some not in finding_ids(corpus.json("report"))
    assert corpus("report", "undo", some).exit_code == 0
    assert corpus.json("report") == report


def test_decisions_survive_reingest_and_a_vanished_finding_is_listed_harmlessly(cli, seeds):
    assert cli("ingest", str(seeds)).exit_code == 0
    report = cli.json("report")
    variants = [f for f in finding_ids(report).values() if f["kind"] == "name_variant"]
    # Of a spelling found in one file only: correcting that file makes the finding go away.
    edited, kept = None, None
    for candidate in variants:
        spellings = [v["text"] for v in candidate["variants"]]
        files = [p for p in seeds.iterdir() if spellings[-1] in p.read_text(encoding="utf-8")]
        if len(files) == 1 and all(spellings[0] not in p.read_text(encoding="utf-8") for p in files):
            edited, path = candidate, files[0]
            break
    assert edited is not None, "the seeds spell some name one way in one file only"
    kept = next(f for f in finding_ids(report).values() if f["kind"] != "name_variant")
    assert cli("report", "dismiss", edited["id"], "--note", "typo").exit_code == 0
    assert cli("report", "confirm", kept["id"]).exit_code == 0

    spellings = [v["text"] for v in edited["variants"]]
    path.write_text(path.read_text(encoding="utf-8").replace(spellings[-1], spellings[0]), encoding="utf-8")
    assert cli("ingest", str(seeds)).exit_code == 0
    after = cli.json("report")
    assert edited["id"] not in finding_ids(after)
    assert finding_ids(after)[kept["id"]]["decision"]["verdict"] == "confirmed"
    assert after["summary"]["dismissed_findings"] == 0

    listed = {d["finding"]: d for d in cli.json("report", "decisions")["decisions"]}
    assert listed[edited["id"]]["in_report"] is False and listed[edited["id"]]["story"] is None
    assert listed[edited["id"]]["summary"] == edited["summary"] and listed[edited["id"]]["note"] == "typo"
    assert listed[kept["id"]]["in_report"] is True
    table = " ".join(cli("report", "decisions", "--format", "csv").stdout.split())
    assert "not in the current report" in table
    for fmt in ("md", "table", "html"):
        assert cli("report", "--format", fmt).exit_code == 0


def test_the_subcommands_have_help_with_an_example_and_the_report_keeps_its_options(cli):
    for sub in ("dismiss", "confirm", "undo", "decisions"):
        result = cli("report", sub, "--help")
        assert result.exit_code == 0 and "Example" in result.stdout, sub
    text = cli("report", "--help").stdout
    for option in ("--format", "--story", "--min-documents", "--min-confidence", "--show-dismissed", "--output"):
        assert option in text
    assert all(sub in text for sub in ("dismiss", "confirm", "undo", "decisions"))


# --- renderers ------------------------------------------------------------------------------------


def decided_report(verdict: str, note: str) -> dict:
    report = sample_report()
    first = report["stories"][0]["findings"][0]
    first.update(
        id="0a1b2c3d4e5f", decision={"verdict": verdict, "by": "ana", "at": "2026-01-02T03:04:05+00:00", "note": note}
    )
    return report


def test_html_marks_a_decision_with_its_text_escaped():
    hostile = "<script>alert(1)</script> & <b>bold</b>"
    page = render_html(decided_report("confirmed", hostile))
    tree = parse_html(page)
    assert tree.find_all("script") == [] and tree.find_all("b") == []
    [card] = [n for n in tree.find_all("article") if "confirmed" in n.classes()]
    assert "0a1b2c3d4e5f" in card.find_all("h4")[0].text()
    assert card.find_all("p")[1].text() == f"Confirmed by ana on 2026-01-02: {hostile}"
    dismissed = parse_html(render_html(decided_report("dismissed", "")))
    assert [n for n in dismissed.find_all("article") if "dismissed" in n.classes()]


def test_markdown_marks_a_decision_as_literal_text():
    text = render_markdown(decided_report("confirmed", "see | the **court** file"))
    assert "· `0a1b2c3d4e5f`" in text
    assert r"**Confirmed by ana on 2026-01-02: see \| the \*\*court\*\* file**" in text


def test_the_decisions_table_keeps_every_word_of_a_long_note_in_80_columns(corpus):
    report = corpus.json("report")
    finding = next(iter(finding_ids(report).values()))
    note = "the family's lawyer spells the name both ways in the court papers filed on 3 March"
    assert corpus("report", "dismiss", finding["id"], "--note", note, "--by", "Ana Lima").exit_code == 0
    table = corpus("report", "decisions").stdout
    assert max(len(line) for line in table.splitlines()) <= 80
    words = " ".join(re.sub(r"[│┃]", " ", table).split())
    assert all(word in words for word in note.split()), "the note folds over lines, none of it cut"
    assert all(word in words for word in ("dismissed", "Ana", "Lima", "story"))


def test_no_decision_yet_is_one_line_that_says_how_to_record_one(corpus):
    assert (
        corpus("report", "decisions").stdout
        == "0 decisions (record one with 'corpuskit report dismiss ID' or 'confirm ID')\n"
    )
    assert corpus.json("report", "decisions") == {"decisions": []}
