"""`corpuskit report` on corpora with nothing to compare, and its errors."""

from __future__ import annotations

import json


def test_empty_corpus_gets_a_short_clear_report(cli, tmp_path):
    (tmp_path / "empty").mkdir()
    assert cli("ingest", str(tmp_path / "empty")).exit_code == 0
    result = cli("report", "--format", "md")
    assert result.exit_code == 0, result.stderr
    assert "nothing to compare" in result.stdout
    assert cli.json("report")["stories"] == []


def test_one_document_is_one_story_and_no_error(cli, tmp_path):
    folder = tmp_path / "one"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "Harvest lost in the valley\n\nFarmers in the valley said 300 tonnes of "
        "grain were lost to the floods on Monday.\n",
        encoding="utf-8",
    )
    assert cli("ingest", str(folder)).exit_code == 0
    report = cli.json("report")
    assert [s["documents"] for s in report["stories"]] == [[report["documents"][0]["id"]]]
    assert report["stories"][0]["independent_sources"] == 1
    for fmt in ("md", "html", "table"):
        result = cli("report", "--format", fmt)
        assert result.exit_code == 0 and result.stdout.strip(), (fmt, result.stderr)


def test_report_without_a_corpus_is_a_one_line_error(cli):
    result = cli("report")
    assert result.exit_code == 2
    assert "ingest" in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_report_writes_to_a_file(cli, tmp_path):
    folder = tmp_path / "one"
    folder.mkdir()
    (folder / "a.txt").write_text("A short note about the weather in the hills today.\n", encoding="utf-8")
    assert cli("ingest", str(folder)).exit_code == 0
    target = tmp_path / "out" / "report.json"
    target.parent.mkdir()
    assert cli("report", "--format", "json", "--output", str(target)).exit_code == 0
    assert json.loads(target.read_text(encoding="utf-8"))["summary"]["documents"] == 1


def test_a_story_asked_for_by_id_is_shown_even_with_one_document_and_no_finding(cli, tmp_path):
    folder = tmp_path / "one"
    folder.mkdir()
    (folder / "a.txt").write_text("Mist in the hills\n\nA quiet morning with mist over the hills.\n", encoding="utf-8")
    assert cli("ingest", str(folder)).exit_code == 0
    report = cli.json("report", "--story", "1")
    assert report["selection"] == {"story": 1} and report["stories"][0]["findings"] == []
    for fmt in ("md", "table"):
        shown = cli("report", "--story", "1", "--format", fmt).stdout
        assert "Mist in the hills" in shown and "No story in this selection" not in shown, fmt
    # The whole report of such a corpus still says there is nothing to compare.
    assert "nothing to compare" in cli("report", "--format", "md").stdout
