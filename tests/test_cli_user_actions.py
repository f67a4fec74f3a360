"""What a new user runs into: each mistake is one line and the right exit code, each format says what it should."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from rich.console import Console

import corpuskit.cli as cli_module
from corpuskit import __version__

ARTICLES = {
    "harbour.txt": (
        "Harbour closed after storm\n\n"
        "The harbour in the bay was closed on Monday after a storm damaged the pier. "
        "Officials said 40 boats were moved to a safe mooring.\n\n"
        "Fishermen said the repairs would take weeks, and the mayor promised help.\n"
    ),
    "orchard.txt": (
        "Orchard harvest doubles\n\n"
        "Apple growers in the valley picked twice as many apples this autumn. "
        "The cooperative said 300 tonnes were sold at the market.\n"
    ),
    "library.txt": (
        "Library opens new wing\n\n"
        "The town library opened a new wing for children on Saturday, with a reading room and a garden. "
        "Head librarian Marta Kovalenko cut the ribbon.\n\n"
        "Marta Kovalenco told visitors the wing was finished ahead of time.\n"
    ),
}


def ingested(cli, folder, files: dict[str, str]):
    """``files`` written into a new ``folder`` and ingested."""
    folder.mkdir()
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    assert cli("ingest", str(folder)).exit_code == 0
    return cli


@pytest.fixture
def corpus(cli, tmp_path):
    return ingested(cli, tmp_path / "articles", ARTICLES)


def one_line_error(result, code: int = 2) -> str:
    assert result.exit_code == code, (result.exit_code, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr + result.stdout
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


# --- --version -----------------------------------------------------------------------------------


def test_version_prints_the_version_and_exits_0(cli):
    result = cli("--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"corpuskit {__version__}"


# --- --output ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "command", [["docs"], ["docs", "--format", "csv"], ["show", "1"], ["search", "harbour"], ["dupes"]]
)
def test_output_into_a_missing_folder_is_one_line_and_exit_2(corpus, tmp_path, command):
    target = tmp_path / "no such folder" / "out.txt"
    line = one_line_error(corpus(*command, "--output", str(target)))
    assert "does not exist" in line and "out.txt" in line
    assert not target.parent.exists()


@pytest.mark.parametrize("command", [["docs"], ["report"], ["report", "--format", "md"], ["diff", "1", "2"]])
def test_output_onto_a_folder_is_one_line_and_exit_2(corpus, tmp_path, command):
    folder = tmp_path / "a folder"
    folder.mkdir()
    line = one_line_error(corpus(*command, "--output", str(folder)))
    assert "is a folder" in line
    assert list(folder.iterdir()) == []


def test_output_that_cannot_be_opened_is_one_line(corpus, tmp_path, monkeypatch):
    """Checked again at the open: the file system may refuse what looked writable."""

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("builtins.open", refuse)
    line = one_line_error(corpus("docs", "--output", str(tmp_path / "docs.txt")))
    assert "cannot write" in line and "Permission denied" in line


@pytest.mark.parametrize("fmt", ["table", "md", "json", "html"])
def test_report_to_a_file_is_written_and_closed(corpus, tmp_path, fmt):
    target = tmp_path / f"report.{fmt}"
    result = corpus("report", "--format", fmt, "--output", str(target))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    written = target.read_text(encoding="utf-8")
    if fmt == "json":
        assert json.loads(written)["stories"]
    else:
        assert "consistency report" in written.lower()


def test_tables_to_a_file_are_plain_text(corpus, tmp_path):
    for command in (["docs"], ["dupes"], ["diff", "1", "2"], ["show", "1"]):
        target = tmp_path / "out.txt"
        assert corpus(*command, "--output", str(target)).exit_code == 0
        written = target.read_text(encoding="utf-8")
        assert written.strip() and "\x1b[" not in written, command


# --- report --story on a one-document story -------------------------------------------------------


def test_report_story_of_one_document_shows_its_findings(corpus):
    report = corpus.json("report")
    alone = [s for s in report["stories"] if len(s["documents"]) == 1 and s["findings"]]
    assert alone, "the corpus should have a one-document story with a finding"
    story = alone[0]
    claim = story["findings"][0]["summary"]
    for fmt in ("md", "table", "html"):
        result = corpus("report", "--story", str(story["id"]), "--format", fmt)
        assert result.exit_code == 0, result.stderr
        text = " ".join(result.stdout.split())
        assert "No story in this selection" not in text, fmt
        assert story["findings"][0]["evidence"][0]["text"] in text, fmt
    assert claim in " ".join(corpus("report", "--story", str(story["id"]), "--format", "md").stdout.split())


# --- dupes -----------------------------------------------------------------------------------------

COPIES = {
    "original.txt": (
        "Bridge repairs to start in spring\n\n"
        "Engineers will begin repairing the old stone bridge over the river in the spring, the council said on "
        "Tuesday. The work is expected to cost 2 million pounds and to take eighteen months. Traffic will be "
        "diverted through the market square while the bridge is closed. The council said the bridge, built in "
        "the nineteenth century, had cracks in two of its arches. Local shops fear that the diversion will keep "
        "customers away. A public meeting about the plans will be held next week in the town hall.\n"
    ),
    "copy.txt": (
        "Bridge repairs to start in spring\n\n"
        "Engineers will begin repairing the old stone bridge over the river in the spring, the council said on "
        "Tuesday. The work is expected to cost 3 million pounds and to take eighteen months. Traffic will be "
        "diverted through the market square while the bridge is closed. The council said the bridge, built in "
        "the nineteenth century, had cracks in two of its arches. Local shops fear that the diversion will keep "
        "customers away. A public meeting about the plans will be held next week in the town hall.\n"
    ),
    "other.txt": "Chess club wins cup\n\nThe chess club of the school won the county cup on Sunday.\n",
}


@pytest.fixture
def copies(cli, tmp_path):
    ingested(cli, tmp_path / "copies", COPIES)
    listing = cli.json("dupes")
    assert listing["pairs"] and listing["clusters"], "the fixture should have one copy pair and its cluster"
    return cli, listing


def test_dupes_relation_filter_drops_clusters_of_filtered_pairs(copies):
    cli, listing = copies
    relation = listing["pairs"][0]["relation"]
    other = next(r for r in ("exact", "near_copy", "rewrite", "partial") if r != relation)
    filtered = cli.json("dupes", "--relation", other)
    assert filtered["pairs"] == [] and filtered["clusters"] == []
    kept = cli.json("dupes", "--relation", relation)
    assert kept["clusters"] == listing["clusters"]
    table = cli("dupes", "--relation", other).stdout
    assert "0 clusters" in table and "0 pairs" in table


def test_dupes_min_score_above_every_pair_drops_the_clusters(copies):
    cli, listing = copies
    above = min(1.0, max(p["score"] for p in listing["pairs"]) + 0.001)
    if above <= max(p["score"] for p in listing["pairs"]):
        pytest.skip("the pair scores 1.0")
    assert cli.json("dupes", "--min-score", str(above))["clusters"] == []


def test_dupes_jsonl_lines_are_the_contract_pairs(copies):
    cli, listing = copies
    lines = [json.loads(line) for line in cli("dupes", "--format", "jsonl").stdout.splitlines()]
    assert len(lines) == len(listing["pairs"])
    for line, pair in zip(lines, listing["pairs"]):
        assert isinstance(line["share"], dict) and line["share"] == pair["share"]
        assert line["passages"] == pair["passages"]
        assert line["cluster"] == listing["clusters"][0]["id"]


def test_dupes_md_and_csv_include_the_clusters(copies):
    cli, listing = copies
    cluster = listing["clusters"][0]
    md = cli("dupes", "--format", "md").stdout
    assert "## 1 clusters" in md
    assert f"| {cluster['id']} | {' '.join(map(str, cluster['documents']))} |" in md
    rows = list(csv.DictReader(io.StringIO(cli("dupes", "--format", "csv").stdout)))
    assert [int(r["cluster"]) for r in rows] == [cluster["id"]] * len(listing["pairs"])
    assert float(rows[0]["share_a"]) == listing["pairs"][0]["share"]["a"]


# --- ingest ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["csv", "md", "jsonl"])
def test_ingest_rejects_formats_it_cannot_write(cli, tmp_path, fmt):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("A title\n\nSome text about the weather today.\n", encoding="utf-8")
    result = cli("ingest", str(tmp_path / "in"), "--format", fmt)
    assert result.exit_code == 2
    assert "'table', 'json'" in result.stderr or "table, json" in result.stderr
    assert "Traceback" not in result.stderr


def test_ingest_json_summary(cli, tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("A title\n\nSome text about the weather today.\n", encoding="utf-8")
    summary = cli.json("ingest", str(tmp_path / "in"))
    assert summary["added"] == 1 and summary["rejected"] == []


def test_ingest_of_an_empty_folder_says_no_article_was_found(cli, tmp_path):
    (tmp_path / "empty").mkdir()
    result = cli("ingest", str(tmp_path / "empty"))
    assert result.exit_code == 0
    assert "nothing changed" in result.stdout and "no article found" in result.stdout


def test_ingest_of_an_unchanged_folder_does_not_say_nothing_was_found(corpus, tmp_path):
    result = corpus("ingest", str(tmp_path / "articles"))
    assert "nothing changed" in result.stdout and "no article found" not in result.stdout


# --- search ---------------------------------------------------------------------------------------


def ids(cli, *args: str) -> set[int]:
    return {hit["id"] for hit in cli.json("search", *args)["documents"]}


def test_search_minus_word_excludes_it(corpus):
    with_said = ids(corpus, "said")
    assert len(with_said) == 2
    assert ids(corpus, "said -harbour") == with_said - ids(corpus, "harbour")
    assert ids(corpus, '"said" -"safe mooring"') == with_said - ids(corpus, '"safe mooring"')


def test_search_of_only_excluded_words_lists_the_other_documents(corpus):
    """A query that starts with - comes after --, as for any command-line argument."""
    result = corpus("search", "--format", "json", "--db", str(corpus.db), "--", "-harbour")
    assert result.exit_code == 0, result.stderr
    found = {hit["id"] for hit in json.loads(result.stdout)["documents"]}
    assert found == {1, 2, 3} - ids(corpus, "harbour")
    assert len(found) == 2


@pytest.mark.parametrize("query", ["", "*", "   ", "-", '""'])
def test_search_with_nothing_to_look_for_is_a_clear_error(corpus, query):
    line = one_line_error(corpus("search", query))
    assert "nothing to search for" in line


def test_search_without_a_match_says_so(corpus):
    result = corpus("search", "zeppelin")
    assert result.exit_code == 0
    assert "no document matches" in result.stderr


# --- entities --label and merge ---------------------------------------------------------------------


@pytest.fixture
def entities_stub(monkeypatch):
    """Entities without the spaCy model: the label and merge checks are about the CLI."""
    from corpuskit.entities.model import Entity, Mention

    def mention(document: int, text: str, label: str) -> Mention:
        return Mention(document, 0, len(text), text, label, text, 0)

    found = [
        Entity(id=1, name="Anna Berg", label="PERSON", mentions=[mention(1, "Anna Berg", "PERSON")]),
        Entity(id=2, name="Lakeside", label="GPE", mentions=[mention(2, "Lakeside", "GPE")]),
    ]
    monkeypatch.setattr(cli_module, "update_mentions", lambda *a, **k: 0)
    monkeypatch.setattr(cli_module, "resolved_entities", lambda *a, **k: found)
    return found


def test_unknown_label_names_the_labels_there_are(corpus, entities_stub):
    line = one_line_error(corpus("entities", "--label", "FOO"))
    assert "unknown label 'FOO'" in line and "GPE, PERSON" in line


def test_known_label_absent_from_the_corpus_is_a_warning(corpus, entities_stub):
    result = corpus("entities", "--label", "LAW", "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["entities"] == []
    assert "no entity is labelled LAW" in result.stderr and "GPE, PERSON" in result.stderr


def test_label_is_matched_in_any_case(corpus, entities_stub):
    result = corpus("entities", "--label", "person", "--format", "json")
    assert [e["name"] for e in json.loads(result.stdout)["entities"]] == ["Anna Berg"]
    assert result.stderr == ""


def test_entities_jsonl_keeps_lists(corpus, entities_stub):
    lines = [json.loads(line) for line in corpus("entities", "--format", "jsonl").stdout.splitlines()]
    assert [line["documents"] for line in lines] == [[1], [2]]


def test_merge_of_names_not_in_the_corpus_warns(corpus):
    result = corpus("entities", "merge", "harbour", "Zzyzx Qwerty", "--db", str(corpus.db))
    assert result.exit_code == 0
    assert "decision 1 recorded" in result.stderr
    assert "'Zzyzx Qwerty' is in no document" in result.stderr
    assert "'harbour'" not in result.stderr


# --- help and narrow terminals -----------------------------------------------------------------------

COMMANDS = [
    ["ingest"],
    ["docs"],
    ["show"],
    ["search"],
    ["entities"],
    ["entities", "merge"],
    ["entities", "split"],
    ["entities", "decisions"],
    ["dupes"],
    ["diff"],
    ["report"],
]


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_help_has_no_swallowed_text(cli, command):
    result = cli(*command, "--help")
    assert result.exit_code == 0
    text = " ".join(result.stdout.replace("│", " ").split())
    assert not re.search(r" [.,](\s|$)", text), text  # rich markup ate a [bracketed] part
    if "--db" in text:
        assert ".corpuskit/corpus.db" in text


def test_docs_table_in_80_columns_keeps_the_file_names(cli, tmp_path, monkeypatch):
    folder = tmp_path / "a folder with a rather long name" / "and another level"
    folder.mkdir(parents=True)
    names = [f"{n}_weather_station_report.txt" for n in ("north", "south")]
    for name in names:
        (folder / name).write_text(
            f"Rain at the {name[:5]} station\n\nIt rained all day in the {name[:5]}.\n", encoding="utf-8"
        )
    assert cli("ingest", str(tmp_path / "a folder with a rather long name")).exit_code == 0
    monkeypatch.setattr(cli_module, "out", Console(width=80, soft_wrap=False))
    lines = cli("docs").stdout.splitlines()
    assert max(len(line) for line in lines) <= 80
    table = "\n".join(lines)
    for name in names:
        assert name in table
    assert "Rain at the" in table


@pytest.mark.parametrize("names", [["harbour"], ["", "harbour"], ["harbour", "Harbour"]])
def test_merge_needs_two_different_names(corpus, names):
    line = one_line_error(corpus("entities", "merge", *names, "--db", str(corpus.db)))
    assert "merge" in line
    assert "recorded" not in line


def test_dupes_and_report_when_the_last_document_is_too_short_to_sign(cli, tmp_path):
    """A last document with no signature entries once made dupes (and so report) fail in numpy."""
    folder = tmp_path / "short last"
    folder.mkdir()
    for name, text in COPIES.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "zz_short.txt").write_text("Brief\n\nShort.\n", encoding="utf-8")
    assert cli("ingest", str(folder)).exit_code == 0
    for command in (["dupes"], ["dupes", "--format", "json"], ["report", "--format", "md"]):
        result = cli(*command)
        assert result.exit_code == 0, (command, result.stderr[-400:])
    assert cli.json("dupes")["pairs"]


def test_output_onto_the_store_does_not_destroy_it(corpus):
    before = corpus.db.read_bytes()[:16]
    line = one_line_error(corpus("docs", "--output", str(corpus.db)))
    assert "is a database" in line
    assert corpus.db.read_bytes()[:16] == before
    assert len(corpus.json("docs")["documents"]) == 3


@pytest.mark.parametrize("fmt", ["table", "json", "jsonl", "csv", "md"])
def test_no_decisions_yet_is_an_empty_listing(corpus, fmt):
    result = corpus("entities", "decisions", "--format", fmt, "--db", str(corpus.db))
    assert result.exit_code == 0, result.stderr
    if fmt == "json":
        assert json.loads(result.stdout) == {"decisions": []}


MARKUP_TITLE = "[bold]Budget[/bold] vote [/i] delayed"


@pytest.fixture
def markup_corpus(cli, tmp_path):
    folder = tmp_path / "markup"
    folder.mkdir()
    body = "The council delayed the budget vote until March, the treasurer said on Friday."
    (folder / "a.txt").write_text(f"{MARKUP_TITLE}\n\n{body}\n", encoding="utf-8")
    (folder / "b.txt").write_text(f"Budget vote delayed\n\n{body} Members asked for more time.\n", encoding="utf-8")
    assert cli("ingest", str(folder)).exit_code == 0
    return cli


@pytest.mark.parametrize("command", [["docs"], ["show", "1"], ["diff", "1", "2"], ["dupes"]])
def test_titles_that_look_like_markup_are_shown_as_typed(markup_corpus, command):
    result = markup_corpus(*command)
    assert result.exit_code == 0, result.stderr
    assert "[bold]Budget" in result.stdout or "[bold]Bud" in result.stdout


def test_a_query_that_looks_like_markup_is_searched_and_shown(markup_corpus):
    result = markup_corpus("search", "[/bold] budget")
    assert result.exit_code == 0, result.stderr
    assert "[/bold] budget" in result.stdout


def test_messages_quoting_user_text_are_literal(markup_corpus):
    result = markup_corpus("search", "[/bold] zeppelin")
    assert result.exit_code == 0
    assert "no document matches '[/bold] zeppelin'" in result.stderr
    result = markup_corpus("entities", "merge", "[/x] one", "[b]two", "--db", str(markup_corpus.db))
    assert result.exit_code == 0
    assert "[/x] one | [b]two are one entity" in result.stderr


def test_docs_in_80_columns_keeps_every_id_whole(cli, tmp_path, monkeypatch):
    corpus = tmp_path / "ids"
    deep = corpus / "some" / "deeper" / "folder"
    deep.mkdir(parents=True)
    for i in range(1, 13):
        (corpus / f"a{i}.md").write_text(
            f"---\ntitle: Article {i} about the harbour wall and its repair\noutlet: The Daily Example Gazette\n"
            f"date: 2024-05-0{i % 9 + 1}\n---\nText {i} about the harbour.\n",
            encoding="utf-8",
        )
    (deep / "copy_of_a1.md").write_text((corpus / "a1.md").read_text(encoding="utf-8"), encoding="utf-8")
    assert cli("ingest", str(corpus), "--quiet").exit_code == 0
    monkeypatch.setattr(cli_module, "out", Console(width=80, soft_wrap=False))
    lines = cli("docs").stdout.splitlines()
    assert max(len(line) for line in lines) <= 80
    ids = [line.split("│")[1].strip() for line in lines if line.startswith("│")]
    assert ids == [str(i) for i in range(1, 14)]


def test_format_names_are_read_in_any_case(corpus):
    assert json.loads(corpus("docs", "--format", "JSON").stdout)["documents"]
    assert corpus("docs", "-f", "Csv").stdout.startswith("id,path,")


def test_entity_decisions_keep_their_names_as_a_list_in_json(corpus):
    assert corpus("entities", "merge", "Harbour Board", "the Harbour Board").exit_code == 0
    [decision] = corpus.json("entities", "decisions")["decisions"]
    assert decision["names"] == ["Harbour Board", "the Harbour Board"]
    assert "Harbour Board | the Harbour Board" in corpus("entities", "decisions", "--format", "csv").stdout


@pytest.mark.parametrize("command", [["show", "9" * 25], ["diff", "9" * 25, "1"], ["dupes", "--doc", "9" * 25]])
def test_an_id_too_large_for_the_store_is_no_such_document(corpus, command):
    assert "no document" in one_line_error(corpus(*command))


@pytest.mark.parametrize("command", [["docs", "-n", "9" * 25], ["search", "harbour", "-n", "9" * 25]])
def test_a_limit_too_large_is_a_usage_error(corpus, command):
    result = corpus(*command)
    assert result.exit_code == 2 and "internal error" not in result.stderr


def test_an_output_name_the_system_refuses_is_one_line(corpus, tmp_path):
    line = one_line_error(corpus("docs", "--output", str(tmp_path / ("x" * 300))))
    assert "cannot write" in line and "too long" in line


@pytest.mark.parametrize("model", ["../../models", ".x", "a..b", "json"])
def test_a_model_setting_that_is_no_spacy_model_is_one_line(corpus, model):
    (corpus.cwd / "corpuskit.yaml").write_text(f'nlp: {{model: "{model}"}}\n', encoding="utf-8")
    line = one_line_error(corpus("entities", "--quiet"))
    assert "spaCy model" in line and "internal error" not in line


def test_output_dash_is_standard_output(corpus):
    result = corpus("docs", "--format", "csv", "--output", "-")
    assert result.exit_code == 0 and result.stdout.startswith("id,path,")
    assert not (corpus.cwd / "-").exists()


# --- usage errors from the console script ---------------------------------------------------------


@pytest.mark.parametrize(
    "args, words",
    [
        (["report", "--min-confidence", "2"], "--min-confidence"),
        (["report", "--min-confidence", "abc"], "valid number"),
        (["report", "--format", "pdf"], "pdf"),
        (["reprot"], "Did you mean 'report'"),
        (["report", "--bogus"], "--bogus"),
    ],
)
def test_a_usage_error_is_one_line_and_exit_2(tmp_path, args, words):
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "corpuskit", *args], capture_output=True, text=True, cwd=tmp_path, check=False
    )
    assert done.returncode == 2, done
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and words in lines[0], done.stderr
    assert "Traceback" not in done.stderr and done.stdout == ""
