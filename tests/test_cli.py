"""The browsing commands and their output formats, on the seeds."""

import csv
import io
import json

import pytest


@pytest.fixture
def ingested(cli, seeds):
    assert cli("ingest", str(seeds)).exit_code == 0
    return cli


def test_help_on_every_command_has_an_example(cli):
    commands = ["ingest", "docs", "show", "search", "entities", "dupes", "diff", "report"]
    for command in [[c] for c in commands] + [["entities", sub] for sub in ("merge", "split", "decisions")]:
        result = cli(*command, "--help")
        assert result.exit_code == 0
        assert "Example" in result.stdout, command


def test_docs_json_contract(ingested):
    docs = ingested.json("docs")["documents"]
    assert len(docs) == 5
    for key in ("id", "path", "title", "outlet", "published", "author", "url", "language", "content_hash"):
        assert key in docs[0]
    assert all(isinstance(d["id"], int) for d in docs)


def test_docs_other_formats(ingested):
    lines = ingested("docs", "--format", "jsonl").stdout.splitlines()
    assert len(lines) == 5 and json.loads(lines[0])["id"] == 1
    rows = list(csv.DictReader(io.StringIO(ingested("docs", "--format", "csv").stdout)))
    assert len(rows) == 5 and rows[0]["id"] == "1"
    md = ingested("docs", "--format", "md").stdout.splitlines()
    assert md[0].startswith("| id | path | title") and len(md) == 7
    table = ingested("docs").stdout
    assert "5 documents" in table and "Foreigners" in table


DOC_COLUMNS = (
    "id,path,title,outlet,author,published,url,language,characters,content_hash,duplicate_of,warning,ingested_at".split(
        ","
    )
)


def test_docs_columns_keep_their_order_in_csv_and_md_and_every_one_is_in_the_json(ingested):
    assert ingested("docs", "--format", "csv").stdout.splitlines()[0].split(",") == DOC_COLUMNS
    header = ingested("docs", "--format", "md").stdout.splitlines()[0].replace("\\_", "_")
    assert header == "| " + " | ".join(DOC_COLUMNS) + " |"
    assert set(DOC_COLUMNS) <= set(ingested.json("docs")["documents"][0])


def test_docs_to_file(ingested, tmp_path):
    assert ingested("docs", "--format", "csv", "--output", str(tmp_path / "d.csv")).stdout == ""
    assert (tmp_path / "d.csv").read_text().startswith("id,path,title")


def test_show_by_id_and_by_path(ingested, seeds):
    by_id = ingested.json("show", "4")["documents"][0]
    by_path = ingested.json("show", str(seeds / "003_7fe23b19ceaf6931.txt"))["documents"][0]
    assert by_id["id"] == by_path["id"] == 4
    assert by_id["text"].startswith("There are reports that the Russian mercenary group Wagner")
    md = ingested("show", "4", "--format", "md").stdout
    assert md.startswith("# Foreigners forced to fight")
    assert "Anwar came to Russia" in ingested("show", "4").stdout


def test_show_unknown_document(ingested):
    result = ingested("show", "999")
    assert result.exit_code == 2
    assert "no document '999'" in result.stderr and "Traceback" not in result.stderr


def test_search_with_snippets(ingested):
    hits = ingested.json("search", "potatoes")["documents"]
    assert len(hits) == 2
    assert all("[potatoes]" in h["snippet"] for h in hits)
    phrase = ingested.json("search", '"penal colony number six"')["documents"]
    assert {h["id"] for h in phrase} == {3, 4}
    assert "Chupik" in ingested("search", "Chupik").stdout


def test_search_with_unbalanced_syntax_does_not_fail(ingested):
    result = ingested("search", 'AND "potatoes')
    assert result.exit_code == 0


def test_reading_commands_without_a_store(cli):
    result = cli("docs")
    assert result.exit_code == 2
    assert "no corpus at" in result.stderr


def test_unknown_format_is_a_usage_error(ingested):
    result = ingested("docs", "--format", "xml")
    assert result.exit_code == 2


def test_markdown_table_cells_are_escaped(cli, tmp_path):
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "a.md").write_text("---\ntitle: 'A | pipe # and <b>tag</b> `code`'\n---\nSome body text here.\n")
    cli("ingest", "c")
    md = cli("docs", "--format", "md").stdout.splitlines()
    assert md[2].count(" | ") == md[0].count(" | ")
    assert "\\|" in md[2] and "\\<b\\>" in md[2]
