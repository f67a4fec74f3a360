"""Ingest as a user runs it: the seeds, re-runs, changes, duplicates, manifests, stdin."""

import json
import os
import re
import time

from tests.conftest import SEEDS

ARTICLE = (
    "Officials confirmed on Tuesday that the bridge would reopen next month. "
    "Engineers had worked through the winter to repair the damaged supports."
)


def test_seeds_give_five_documents_with_sensible_titles(cli, seeds):
    result = cli("ingest", str(seeds))
    assert result.exit_code == 0, result.stderr
    assert "5 added" in result.stdout and "0 rejected" in result.stdout
    docs = cli.json("docs")["documents"]
    assert len(docs) == 5
    titles = {os.path.basename(d["path"])[:3]: d["title"] for d in docs}
    assert titles["001"] == "Russia Compels Migrants to Join Putin's War Effort in Ukraine Conflict"
    assert titles["003"] == "Foreigners forced to fight in Russia’s war in Ukraine"
    for title in titles.values():
        assert title and 10 <= len(title) <= 120, title
        assert "http" not in title


def test_seed_debris_is_not_stored(cli, seeds):
    cli("ingest", str(seeds))
    text = cli.json("show", str(seeds / "003_7fe23b19ceaf6931.txt"))["documents"][0]["text"]
    assert "240w" not in text and "https://" not in text and "Caption," not in text
    assert "image source" not in text.lower() and "Leave a Rep" not in text
    assert "Anwar came to Russia in search of work in 2018." in text


def test_second_run_reports_five_unchanged(cli, seeds):
    cli("ingest", str(seeds))
    result = cli("ingest", str(seeds))
    assert result.exit_code == 0
    assert result.stdout.startswith("nothing changed")
    assert "5 unchanged" in result.stdout and "0 added" in result.stdout


def test_touched_but_identical_file_is_unchanged(cli, seeds):
    cli("ingest", str(seeds))
    target = seeds / "000_29e249357fffdf77.txt"
    os.utime(target, ns=(time.time_ns(), time.time_ns() + 10**9))
    assert "5 unchanged" in cli("ingest", str(seeds)).stdout


def test_changed_file_updates_its_document(cli, seeds):
    cli("ingest", str(seeds))
    target = seeds / "004_2b6beee8ce052929.txt"
    target.write_text(
        target.read_text(encoding="utf-8") + "\n\nA late paragraph was added by the editors.\n", encoding="utf-8"
    )
    result = cli("ingest", str(seeds))
    assert "1 updated" in result.stdout and "4 unchanged" in result.stdout
    assert len(cli.json("docs")["documents"]) == 5
    assert cli.json("search", "editors")["documents"][0]["path"].endswith("004_2b6beee8ce052929.txt")


def test_identical_text_is_an_exact_duplicate(cli, tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "b.txt").write_text(ARTICLE, encoding="utf-8")
    result = cli("ingest", "corpus")
    assert "1 added" in result.stdout and "1 duplicates" in result.stdout
    docs = cli.json("docs")["documents"]
    assert docs[1]["duplicate_of"] == docs[0]["id"]
    assert docs[0]["content_hash"] == docs[1]["content_hash"]


def test_prune_removes_documents_of_deleted_files(cli, seeds):
    cli("ingest", str(seeds))
    (seeds / "000_29e249357fffdf77.txt").unlink()
    assert len(cli.json("docs")["documents"]) == 5  # without --prune nothing is removed
    result = cli("ingest", str(seeds), "--prune")
    assert "1 pruned" in result.stdout
    assert len(cli.json("docs")["documents"]) == 4


def test_prune_leaves_other_folders_alone(cli, seeds, tmp_path):
    other = tmp_path / "other"
    other.mkdir()
    (other / "x.txt").write_text(ARTICLE)
    cli("ingest", str(seeds), str(other))
    cli("ingest", str(seeds), "--prune")
    assert len(cli.json("docs")["documents"]) == 6


def test_same_file_by_two_paths_is_one_document(cli, seeds):
    cli("ingest", str(seeds))
    result = cli("ingest", "seeds/../seeds/")  # relative, through another spelling of the folder
    assert "5 unchanged" in result.stdout


def test_manifest_gives_metadata_to_plain_text(cli, tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "bbc_story.txt").write_text("Bridge to reopen\n\n" + ARTICLE)
    (folder / "wire_1.txt").write_text("Wire story\n\n" + ARTICLE.replace("Tuesday", "Monday"))
    (folder / "sources.csv").write_text(
        "file,outlet,date,url\nbbc_story.txt,Broadcaster,2023-02-14,https://b.example/1\n"
        "wire_*.txt,Wire Agency,13/02/2023,\n"
    )
    assert cli("ingest", "corpus").exit_code == 0
    docs = {d["path"].split(os.sep)[-1]: d for d in cli.json("docs")["documents"]}
    assert set(docs) == {"bbc_story.txt", "wire_1.txt"}  # the manifest itself is not an article
    assert (docs["bbc_story.txt"]["outlet"], docs["bbc_story.txt"]["published"]) == ("Broadcaster", "2023-02-14")
    assert docs["bbc_story.txt"]["url"] == "https://b.example/1"
    assert (docs["wire_1.txt"]["outlet"], docs["wire_1.txt"]["published"]) == ("Wire Agency", "2023-02-13")


def test_changing_the_manifest_updates_metadata(cli, tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE)
    (folder / "sources.yaml").write_text("a.txt: {outlet: First Name}\n")
    cli("ingest", "corpus")
    (folder / "sources.yaml").write_text("a.txt: {outlet: Second Name, published: 2024-01-02}\n")
    assert "1 updated" in cli("ingest", "corpus").stdout
    [doc] = cli.json("docs")["documents"]
    assert (doc["outlet"], doc["published"]) == ("Second Name", "2024-01-02")


def test_broken_manifest_is_reported_and_files_still_ingested(cli, tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE)
    (folder / "sources.yaml").write_text("a.txt: [unclosed\n")
    result = cli("ingest", "corpus")
    assert result.exit_code == 1
    assert re.search(r"sources\.yaml(:\d+)?: not valid YAML", result.stderr)
    assert len(cli.json("docs")["documents"]) == 1


def test_mixed_formats_in_one_folder(cli, tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.md").write_text(f"---\ntitle: From Markdown\n---\n{ARTICLE}\n")
    (folder / "b.html").write_text(
        f"<html><head><title>From HTML</title></head><body><article><p>{ARTICLE}</p>"
        "<p>Another paragraph of the page with a few more words in it.</p></article></body></html>"
    )
    (folder / "c.jsonl").write_text(
        json.dumps({"title": "From JSONL", "text": ARTICLE + " One."})
        + "\n"
        + json.dumps({"title": "Second JSONL", "text": ARTICLE + " Two."})
        + "\n"
    )
    (folder / "d.csv").write_text(f'title,text\nFrom CSV,"{ARTICLE} Three."\n')
    (folder / "e.json").write_text(json.dumps([{"title": "From JSON", "text": ARTICLE + " Four."}]))
    (folder / "f.tsv").write_text(f"title\ttext\nFrom TSV\t{ARTICLE} Five.\n")
    result = cli("ingest", "corpus")
    assert result.exit_code == 0, result.stderr
    titles = sorted(d["title"] for d in cli.json("docs")["documents"])
    assert titles == sorted(
        ["From Markdown", "From HTML", "From JSONL", "Second JSONL", "From CSV", "From JSON", "From TSV"]
    )


def test_stdin_json_lines(cli):
    lines = (
        "\n".join(
            json.dumps({"url": f"https://x.example/{i}", "title": f"T{i}", "text": f"{ARTICLE} {i}"}) for i in range(3)
        )
        + "\n{broken\n"
    )
    result = cli("ingest", "-", input=lines)
    assert result.exit_code == 1
    assert "<stdin>:4: malformed JSON line" in result.stderr
    assert len(cli.json("docs")["documents"]) == 3
    again = cli("ingest", "-", input=lines)
    assert "3 unchanged" in again.stdout


def test_a_rejected_line_is_named_once(cli, tmp_path):
    lines = '{"text": 5}\n' + json.dumps({"title": "Kept", "text": ARTICLE}) + '\n["a list"]\n{"title": "No text"}\n'
    result = cli("ingest", "-", input=lines)
    assert result.exit_code == 1
    assert "<stdin>:1: its text field holds int data, not text" in result.stderr
    assert "<stdin>:3: the record is not an object" in result.stderr
    assert "<stdin>:4: the record has no text (looked for:" in result.stderr
    assert "line 1" not in result.stderr and "line 3" not in result.stderr and "line 4" not in result.stderr


def test_a_rejected_record_of_a_json_list_is_named_by_its_position(cli, tmp_path):
    (tmp_path / "feed.json").write_text(json.dumps([{"title": "Kept", "text": ARTICLE}, {"text": 5}]), encoding="utf-8")
    result = cli("ingest", "feed.json")
    assert result.exit_code == 1
    assert "record 2: its text field holds int data, not text" in result.stderr


def test_summary_as_json(cli, seeds):
    summary = json.loads(cli("ingest", str(seeds), "--format", "json").stdout)
    assert summary["added"] == 5 and summary["rejected"] == [] and summary["unchanged"] == 0


def test_parallel_reading_gives_the_same_store(cli, seeds, tmp_path):
    cli("ingest", str(seeds), "--jobs", "2")
    docs = cli.json("docs")["documents"]
    assert len(docs) == 5
    assert {d["content_hash"] for d in docs} == {
        d["content_hash"] for d in _ingest_fresh(cli, seeds, tmp_path / "serial.db")
    }


def _ingest_fresh(cli, folder, db):
    cli("ingest", str(folder), "--db", str(db))
    return cli.json("docs", "--db", str(db))["documents"]


def test_ingest_into_env_store(cli, seeds, tmp_path, monkeypatch):
    monkeypatch.setenv("CORPUSKIT_DB", str(tmp_path / "env.db"))
    result = cli("ingest", str(seeds), db=False)
    assert result.exit_code == 0
    assert (tmp_path / "env.db").exists()


def test_default_store_location(cli, seeds, tmp_path, monkeypatch):
    monkeypatch.delenv("CORPUSKIT_DB", raising=False)
    assert cli("ingest", str(seeds), db=False).exit_code == 0
    assert (tmp_path / ".corpuskit" / "corpus.db").exists()


def test_seeds_folder_is_the_one_shipped():
    assert len(list(SEEDS.glob("*.txt"))) == 5
