"""A folder of broken files, made here: each is skipped or kept as well as it can be,
with a one-line reason, and the good files are all kept."""

import json
import os
import re
from pathlib import Path

import pytest

GOOD = (
    "Officials confirmed on Tuesday that the bridge would reopen next month. "
    "Engineers had worked through the winter to repair the damaged supports."
)


def make_bad_corpus(folder: Path) -> dict[str, str]:
    """Writes the bad files; returns file name -> the reason expected in its message."""
    folder.mkdir()
    (folder / "good.txt").write_text("Bridge to reopen\n\n" + GOOD, encoding="utf-8")
    (folder / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    (folder / "blob.dat").write_bytes(bytes(range(256)) * 16)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blank.md").write_text("   \n\n\t\n")
    (folder / "huge.txt").write_text("word " * 300_000)  # 1.5 MB, over the 1 MB limit set below
    (folder / "mangled.txt").write_bytes(("Über die Brücke — " * 30).encode() + b"\xff\xfe\xfa" + GOOD.encode())
    (folder / "feed.jsonl").write_text(
        json.dumps({"title": "Line one", "text": GOOD + " One."})
        + "\n"
        + '{"title": "Line two", "text": "unterminated\n'
        + json.dumps({"title": "Line three", "text": GOOD + " Three."})
        + "\n",
        encoding="utf-8",
    )
    (folder / "front.md").write_text("---\ntitle: [broken\n---\n" + GOOD + " Markdown.\n")
    depth = 5000
    (folder / "page.html").write_text(
        "<html><head><script>alert('x')</script></head><body>"
        "<iframe src='https://ads.example/'></iframe>"
        + "<div>" * depth
        + f"<p>{GOOD} Deep.</p>"
        + "</div>" * depth
        + "<script>document.write('junk')</script></body></html>"
    )
    (folder / "broken.json").write_text('[{"title": "x", "text": "y"},,]')
    (folder / "notext.csv").write_text("title,url\nA,https://x.example\n")
    os.symlink(folder, folder / "loop")  # a folder that contains itself
    os.symlink(folder / "missing.txt", folder / "dangling.txt")
    os.symlink(folder / "self.txt", folder / "self.txt")
    os.mkfifo(folder / "pipe.txt")
    return {
        "photo.txt": "binary file (a PNG image)",
        "blob.dat": "binary file",
        "empty.txt": "empty file",
        "blank.md": "empty file",
        "huge.txt": "file too large (1.4 MB > limit 1.0 MB",
        "feed.jsonl:2": "malformed JSON line",
        "broken.json:1": "not valid JSON",
        "notext.csv:1": "CSV has no text column",
        "loop": "symbolic link loop",
        "dangling.txt": "broken symbolic link",
        "self.txt": "symbolic link loop",
        "pipe.txt": "not a regular file",
    }


@pytest.fixture
def bad(cli, tmp_path):
    (tmp_path / "corpuskit.yaml").write_text("ingest:\n  max_file_size: 1 MB\n")
    expected = make_bad_corpus(tmp_path / "bad")
    return cli("ingest", "bad"), expected


def test_exit_code_1_and_no_traceback(bad):
    result, _ = bad
    assert result.exit_code == 1
    assert "Traceback" not in result.stdout + result.stderr


def test_every_bad_file_has_its_one_line_reason(bad):
    result, expected = bad
    lines = result.stderr.splitlines()
    for where, reason in expected.items():
        hits = [line for line in lines if re.search(rf"bad/{re.escape(where)}\b", line) and reason in line]
        assert len(hits) == 1, f"{where}: {reason!r} not in:\n{result.stderr}"
    assert all(line.startswith(("rejected ", "warning ")) for line in lines), result.stderr


def test_good_and_salvageable_files_are_all_kept(bad, cli):
    result, _ = bad
    docs = cli.json("docs")["documents"]
    titles = sorted(d["title"] or "" for d in docs)
    assert "Bridge to reopen" in titles
    assert {"Line one", "Line three"} <= set(titles)
    texts = [cli.json("show", str(d["id"]))["documents"][0]["text"] for d in docs]
    assert any(t.endswith("Markdown.") for t in texts)  # bad front matter: body kept
    assert any(t.endswith("Deep.") for t in texts)  # deep HTML: text kept, scripts gone
    assert any("\ufffd" in t and "Brücke" in t for t in texts)  # stray bytes replaced, rest kept
    assert not any("alert" in t or "junk" in t for t in texts)
    assert len(docs) == 6
    assert "6 added" in result.stdout


def test_salvaged_files_carry_warnings(bad):
    result, _ = bad
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning")]
    assert any("front.md:2: malformed front matter" in w for w in warnings)
    assert any("mangled.txt: 3 undecodable byte(s)" in w for w in warnings)
    assert any("page.html: main text could not be isolated" in w for w in warnings)


def test_rerun_keeps_everything_and_rejects_the_same(bad, cli):
    first, _ = bad
    again = cli("ingest", "bad")
    assert again.exit_code == 1
    assert "6 unchanged" in again.stdout and "0 added" in again.stdout
    assert len([line for line in again.stderr.splitlines() if line.startswith("rejected")]) == len(
        [line for line in first.stderr.splitlines() if line.startswith("rejected")]
    )


def test_missing_path_on_the_command_line(cli):
    result = cli("ingest", "no/such/folder")
    assert result.exit_code == 1
    assert "no/such/folder: no such file or folder" in result.stderr


def test_unreadable_file(cli, tmp_path, monkeypatch):
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "ok.txt").write_text(GOOD)
    (folder / "locked.txt").write_text(GOOD + " Locked.")
    real_open = open

    def guarded_open(path, *args, **kwargs):  # root can read anything, so deny it here
        if str(path).endswith("locked.txt"):
            raise PermissionError(13, "Permission denied")
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr("builtins.open", guarded_open)
    result = cli("ingest", "c")
    assert result.exit_code == 1
    assert "locked.txt: cannot read: Permission denied" in result.stderr
    assert "1 added" in result.stdout


def test_a_file_that_turns_bad_keeps_its_old_document(cli, tmp_path):
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "a.txt").write_text(GOOD)
    cli("ingest", "c")
    (folder / "a.txt").write_bytes(b"\x89PNG\r\n\x1a\n binary now")  # a PDF would now be read as one
    result = cli("ingest", "c")
    assert result.exit_code == 1 and "binary file" in result.stderr
    [doc] = cli.json("docs")["documents"]
    assert cli.json("show", str(doc["id"]))["documents"][0]["text"] == GOOD


def test_a_file_named_twice_or_inside_a_named_folder_is_ingested_once(cli, seeds):
    one = sorted(seeds.glob("*.txt"))[0]
    result = cli("ingest", str(seeds), str(seeds), str(one), "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["added"] == len(list(seeds.glob("*.txt")))


def test_a_record_whose_text_is_not_text_is_rejected_and_a_paragraph_list_is_kept(cli, tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        '{"text": 5}\n{"text": {"body": "x"}}\n'
        '{"title": "Kept", "text": ["A first paragraph of words.", "A second paragraph."]}\n',
        encoding="utf-8",
    )
    result = cli("ingest", str(feed), "--format", "json")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["added"] == 1
    assert [r["line"] for r in report["rejected"]] == [1, 2]
    [doc] = cli.json("docs")["documents"]
    assert (
        cli.json("show", str(doc["id"]))["documents"][0]["text"] == "A first paragraph of words.\n\nA second paragraph."
    )


def test_a_lone_surrogate_becomes_the_replacement_character_and_the_run_goes_on(cli, tmp_path):
    folder = tmp_path / "surrogates"
    folder.mkdir()
    (folder / "feed.jsonl").write_text('{"title": "T \\ud800", "text": "Bad \\udfff text of an article."}\n')
    (folder / "front.md").write_text('---\ntitle: "\\ud800"\n---\nA body of text.\n', encoding="utf-8")
    (folder / "ok.txt").write_text("A fine article about the harbour.\n", encoding="utf-8")
    result = cli("ingest", str(folder), "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["added"] == 3
    texts = [cli.json("show", str(d["id"]))["documents"][0] for d in cli.json("docs")["documents"]]
    assert any(d["text"] == "Bad \ufffd text of an article." and d["title"] == "T \ufffd" for d in texts)
    piped = cli("ingest", "-", input='{"text": "a \\ud800 b c d e f"}\n')
    assert piped.exit_code == 0, piped.stderr
