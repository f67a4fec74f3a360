"""`corpuskit dupes` writes its JSON, JSON lines and CSV as they are made: the same bytes as the
whole listing rendered at once, never the whole text in one piece, and no partial file on failure."""

from __future__ import annotations

import csv
import errno
import io
import json
import os
from pathlib import Path

import pytest
from dupes_stories import HARBOUR, LIBRARIES, LIBRARIES_REWRITTEN, MUSEUM, article
from test_dupes_quotes import REPORT_A, REPORT_B
from test_dupes_siblings import FIRST_PAPER, SECOND_PAPER, WIRE_OUTLET, story

from corpuskit import render
from corpuskit.cli import PAIR_CSV_COLUMNS
from corpuskit.dupes.corpus import corpus_duplicates
from corpuskit.dupes.listing import DupesListing, dupes_listing, pair_rows
from corpuskit.render import to_json
from corpuskit.store import Store


def _record(title: str, text: str, published: str | None = None, outlet: str | None = None) -> dict:
    return {"title": title, "text": text, "published": published, "outlet": outlet}


def _built_feed() -> list[dict]:
    """Copies, a rewrite, partial copies, siblings of a wire story, two reports sharing only
    quotations and an unrelated article: two clusters that the relation filters cut."""
    records = [
        _record("Bibliothèques: the vote", article(LIBRARIES), "2024-03-01", "Northbridge Gazette"),
        _record(
            "Libraries: a copy",
            article(LIBRARIES).replace("Okafor", "Okafur").replace("12,000", "12,500"),
            "2024-03-02",
            "Copy Times",
        ),
        _record("Libraries retold", article(LIBRARIES_REWRITTEN), "2024-03-02", "Retold Daily"),
        _record("Harbour and libraries", article(HARBOUR + LIBRARIES[:4]), "2024-03-03", "Coast News"),
        _record("Trawler aground", article(HARBOUR), "2024-03-01", "Kelsey Post"),
        _record("Trawler aground (short)", article(HARBOUR[:4]), "2024-03-02", "Brief Wire"),
        _record("Museum to close", article(MUSEUM), "2024-03-01", "Eastford Echo"),
        _record("Statement A", article(REPORT_A)),
        _record("Statement B", article(REPORT_B)),
    ]
    for doc, outlet in zip(story(), (WIRE_OUTLET, FIRST_PAPER, SECOND_PAPER)):
        records.append(_record(f"Wire story {doc.id}", doc.text, doc.published, outlet))
    return records


@pytest.fixture
def built(cli, tmp_path):
    feed = tmp_path / "feed"
    feed.mkdir()
    lines = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in _built_feed())
    (feed / "feed.jsonl").write_text(lines, encoding="utf-8")
    assert cli("ingest", str(feed)).exit_code == 0
    return cli


@pytest.fixture
def seeded(cli, seeds):
    assert cli("ingest", str(seeds)).exit_code == 0
    return cli


def _filters(args: list[str]) -> dict:
    """The library's filters for the command line's ``args``."""
    filters: dict = {"min_score": 0.0, "relations": None, "document": None}
    for option, value in zip(args[::2], args[1::2]):
        if option == "--min-score":
            filters["min_score"] = float(value)
        elif option == "--relation":
            filters["relations"] = [*(filters["relations"] or []), value]
        else:
            filters["document"] = int(value)
    return filters


def _listing(cli, args: list[str]) -> DupesListing:
    store = Store.open(cli.db, create=False)
    return DupesListing(store, corpus_duplicates(store), **_filters(args))


def _whole(cli, args: list[str]) -> dict:
    """The listing as one dict, as the command rendered it before it was streamed."""
    store = Store.open(cli.db, create=False)
    return dupes_listing(store, corpus_duplicates(store), **_filters(args))


def _old_jsonl(listing: dict) -> str:
    """The JSON lines as they were rendered from the whole listing: each pair with its listed cluster."""
    membership = {d: c["id"] for c in listing["clusters"] for d in c["documents"]}
    lines = []
    for pair in listing["pairs"]:
        cluster = membership.get(pair["a"])
        cluster = cluster if cluster is not None and cluster == membership.get(pair["b"]) else None
        lines.append(json.dumps({**pair, "cluster": cluster}, ensure_ascii=False) + "\n")
    return "".join(lines)


def _old_csv(rows: list[dict]) -> str:
    """The CSV as it was rendered: one DictWriter into one string."""
    text = io.StringIO()
    writer = csv.DictWriter(text, fieldnames=PAIR_CSV_COLUMNS, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return text.getvalue()


def _dupes(cli, args: list[str], fmt: str, target: Path | None) -> bytes:
    """What the command wrote to ``target``, or to stdout."""
    result = cli("dupes", "--quiet", "--format", fmt, *args, *(["--output", str(target)] if target else []))
    assert result.exit_code == 0, result.stderr
    return target.read_bytes() if target else result.stdout_bytes


# Each filter of the command; a cluster is cut (near_copy, rewrite), left out (a document no
# listed pair joins), or narrowed to one document's part.
BUILT_FILTERS = [
    [],
    ["--min-score", "0.5"],
    ["--relation", "near_copy"],
    ["--relation", "rewrite"],
    ["--relation", "partial", "--relation", "shared_quotes"],
    ["--doc", "4"],
    ["--doc", "12", "--relation", "partial"],
    ["--min-score", "0.6", "--doc", "10"],
    ["--doc", "7"],
]


@pytest.mark.parametrize("to_file", [True, False], ids=["file", "stdout"])
@pytest.mark.parametrize("args", BUILT_FILTERS, ids=lambda a: " ".join(a) or "all")
def test_streamed_json_is_the_whole_listing_rendered_byte_for_byte(built, tmp_path, args, to_file):
    written = _dupes(built, args, "json", tmp_path / "out.json" if to_file else None)
    whole = _whole(built, args)
    assert written == to_json(whole).encode("utf-8")
    if not args:  # the corpus holds every section of the contract
        assert all(whole[key] for key in ("documents", "pairs", "siblings", "clusters", "shared_quotes"))
        assert len(whole["clusters"]) == 2 and "Bibliothèques: the vote".encode() in written


@pytest.mark.parametrize("args", [[], ["--min-score", "0.3"], ["--relation", "near_copy"], ["--doc", "3"]])
def test_streamed_json_of_the_seeds_is_the_whole_listing_rendered(seeded, tmp_path, args):
    written = _dupes(seeded, args, "json", tmp_path / "out.json")
    assert written == to_json(_whole(seeded, args)).encode("utf-8")


@pytest.mark.parametrize("args", BUILT_FILTERS, ids=lambda a: " ".join(a) or "all")
def test_streamed_json_lines_and_csv_are_the_old_renderings(built, tmp_path, args):
    expected_jsonl = _old_jsonl(_whole(built, args)).encode("utf-8")
    assert _dupes(built, args, "jsonl", tmp_path / "out.jsonl") == expected_jsonl
    assert _dupes(built, args, "jsonl", None) == expected_jsonl
    expected_csv = _old_csv(list(pair_rows(_listing(built, args)))).encode("utf-8")
    assert _dupes(built, args, "csv", tmp_path / "out.csv") == expected_csv
    assert _dupes(built, args, "csv", None) == expected_csv


def test_a_relation_filter_cuts_a_cluster_of_the_built_corpus(built):
    """The corpus above does exercise the cutting the streamed clusters must keep."""
    whole = _whole(built, ["--relation", "near_copy"])
    unfiltered = {c["id"]: c["documents"] for c in _whole(built, [])["clusters"]}
    assert any(c["documents"] != unfiltered.get(c["id"]) for c in whole["clusters"])


def _recorded_writes(monkeypatch) -> list[int]:
    sizes: list[int] = []
    real_write = render._NamedFile.write

    def write(self, text: str) -> int:
        sizes.append(len(text))
        return real_write(self, text)

    monkeypatch.setattr(render._NamedFile, "write", write)
    return sizes


@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv"])
def test_the_command_writes_the_listing_in_many_small_pieces(built, tmp_path, monkeypatch, fmt):
    sizes = _recorded_writes(monkeypatch)
    text = _dupes(built, [], fmt, tmp_path / f"out.{fmt}").decode("utf-8")
    pairs = len(_whole(built, [])["pairs"])
    assert sum(sizes) == len(text)
    assert len(sizes) >= pairs > 10 and max(sizes) < len(text) / 4


def _full_disk_after(monkeypatch, characters: int) -> None:
    """Files that render opens fail as a full disk does once ``characters`` are written."""

    class FillingFile(io.TextIOWrapper):
        written = 0

        def write(self, text: str) -> int:
            FillingFile.written += len(text)
            if FillingFile.written > characters:
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
            return super().write(text)

    def filling_open(path, mode="r", encoding=None):
        return FillingFile(open(path, mode + "b"), encoding=encoding)

    monkeypatch.setattr(render, "open", filling_open, raising=False)


@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv"])
def test_a_full_disk_midway_is_one_line_exit_2_and_leaves_no_file(built, tmp_path, monkeypatch, fmt):
    folder = tmp_path / "results"
    folder.mkdir()
    target = folder / f"out.{fmt}"
    _full_disk_after(monkeypatch, 500)
    result = built("dupes", "--quiet", "--format", fmt, "--output", str(target))
    assert result.exit_code == 2
    assert result.stderr == f"error: cannot write {target}: {os.strerror(errno.ENOSPC)}\n"
    assert list(folder.iterdir()) == []


def test_a_full_disk_midway_keeps_the_file_that_was_there(built, tmp_path, monkeypatch):
    target = tmp_path / "out.json"
    target.write_text("the last complete listing\n", encoding="utf-8")
    _full_disk_after(monkeypatch, 500)
    assert built("dupes", "--quiet", "--format", "json", "--output", str(target)).exit_code == 2
    assert target.read_text(encoding="utf-8") == "the last complete listing\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out.json")] == []


def test_an_error_while_streaming_leaves_no_partial_file(built, tmp_path, monkeypatch):
    target = tmp_path / "out.json"
    real = DupesListing.pairs
    made: list[dict] = []

    def failing(self):
        for pair in real(self):
            made.append(pair)
            if len(made) > 3:
                raise RuntimeError("a bug midway")
            yield pair

    monkeypatch.setattr(DupesListing, "pairs", failing)
    sizes = _recorded_writes(monkeypatch)
    result = built("dupes", "--quiet", "--format", "json", "--output", str(target))
    assert result.exit_code == 3 and "a bug midway" in result.stderr and len(result.stderr.splitlines()) == 1
    assert len(made) > 3 and sizes  # it failed while writing
    assert not target.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out.json")] == []


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_a_device_that_cannot_be_written_is_one_line_and_exit_2(built):
    result = built("dupes", "--quiet", "--format", "json", "--output", "/dev/full")
    assert result.exit_code == 2
    assert result.stderr == "error: cannot write /dev/full: No space left on device\n"
