"""Bad files from a new-user trial: each is one line naming the file (and line), the rest
of the ingest goes on, nothing is lost, and never an internal error (exit 3)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from corpuskit.ingest import pipeline
from corpuskit.ingest.decode import decode_bytes
from corpuskit.ingest.sizes import too_large

GOOD = (
    "Officials confirmed on Tuesday that the bridge would reopen next month. "
    "Engineers had worked through the winter to repair the damaged supports."
)


def _folder(tmp_path: Path, name: str = "c") -> Path:
    folder = tmp_path / name
    folder.mkdir()
    (folder / "good.txt").write_text("Bridge to reopen\n\n" + GOOD, encoding="utf-8")
    return folder


def _lines(result, needle: str) -> list[str]:
    return [line for line in result.stderr.splitlines() if needle in line]


def _docs(cli) -> list[dict]:
    return cli.json("docs")["documents"]


def _text(cli, doc: dict) -> str:
    return cli.json("show", str(doc["id"]))["documents"][0]["text"]


@pytest.mark.parametrize("date", ["2024-02-30", "2024-13-01"])
def test_impossible_date_in_front_matter_is_a_warning_and_the_rest_is_kept(cli, tmp_path, date):
    folder = _folder(tmp_path)
    (folder / "story.md").write_text(f"---\ntitle: Bridge story\noutlet: Daily Post\ndate: {date}\n---\n{GOOD}\n")
    result = cli("ingest", "c")
    assert result.exit_code == 0, result.stderr
    [warning] = _lines(result, "c/story.md")
    assert warning.startswith("warning ") and date in warning
    [doc] = [d for d in _docs(cli) if d["path"].endswith("story.md")]
    assert (doc["title"], doc["outlet"], doc["published"]) == ("Bridge story", "Daily Post", None)
    assert _text(cli, doc) == GOOD


@pytest.mark.parametrize("date", ["2024-02-30", "2024-13-01"])
def test_impossible_date_in_sources_yaml_keeps_the_manifest(cli, tmp_path, date):
    folder = _folder(tmp_path)
    (folder / "two.txt").write_text("Second story\n\n" + GOOD + " Two.")
    (folder / "sources.yaml").write_text(
        f"good.txt: {{outlet: BBC News, published: 2023-02-14}}\ntwo.txt: {{outlet: Other Outlet, published: {date}}}\n"
    )
    result = cli("ingest", "c")
    assert result.exit_code != 3 and "internal error" not in result.stderr, result.stderr
    [line] = _lines(result, "sources.yaml")
    assert line.startswith("warning c/sources.yaml") and date in line
    outlets = {Path(d["path"]).name: (d["outlet"], d["published"]) for d in _docs(cli)}
    assert outlets == {"good.txt": ("BBC News", "2023-02-14"), "two.txt": ("Other Outlet", None)}


@pytest.mark.parametrize("date", ["2024-02-30", "2024-13-01"])
def test_impossible_date_in_corpuskit_yaml_is_a_config_error(cli, tmp_path, date):
    _folder(tmp_path)
    (tmp_path / "corpuskit.yaml").write_text(f"ingest:\n  language: en\nnote: {date}\n")
    result = cli("ingest", "c")
    assert result.exit_code == 2, result.stderr
    assert "corpuskit.yaml" in result.stderr and "internal error" not in result.stderr


DEEP = 5000


def _assert_one_rejection(cli, where: str, starts: str) -> None:
    """Ingesting folder c rejects one thing, named ``where``, as nested too deeply; the good file is kept."""
    result = cli("ingest", "c")
    assert result.exit_code == 1, result.stderr
    [line] = _lines(result, where)
    assert line.startswith(starts) and "nested too deeply" in line
    assert len(_docs(cli)) == 1


def test_deeply_nested_json_file_is_one_problem(cli, tmp_path):
    folder = _folder(tmp_path)
    (folder / "deep.json").write_text("[" * 100_000 + "]" * 100_000)
    _assert_one_rejection(cli, "c/deep.json", "rejected ")


def test_deeply_nested_json_line_is_one_problem(cli, tmp_path):
    folder = _folder(tmp_path)
    lines = [
        json.dumps({"title": "Line one", "text": GOOD + " One."}),
        '{"title": "Line two", "text": ' + "[" * DEEP + "]" * DEEP + "}",
        json.dumps({"title": "Line three", "text": GOOD + " Three."}),
    ]
    (folder / "feed.jsonl").write_text("\n".join(lines) + "\n")
    result = cli("ingest", "c")
    assert result.exit_code == 1, result.stderr
    [line] = _lines(result, "c/feed.jsonl")
    assert line.startswith("rejected c/feed.jsonl:2") and "nested too deeply" in line
    assert {"Line one", "Line three"} <= {d["title"] for d in _docs(cli)}


def test_deeply_nested_field_in_a_json_record_is_one_problem(cli, tmp_path):
    folder = _folder(tmp_path)
    deep = "[" * 900 + '"x"' + "]" * 900  # loads, but is deeper than the readers go
    (folder / "export.json").write_text(
        '[{"title": "A", "text": "' + GOOD + '"}, {"text": "' + GOOD + ' B.", "author": ' + deep + "}]"
    )
    result = cli("ingest", "c")
    assert result.exit_code != 3, result.stderr
    assert "internal error" not in result.stderr
    assert "A" in {d["title"] for d in _docs(cli)}


def test_deeply_nested_front_matter_is_a_warning_and_the_body_is_kept(cli, tmp_path):
    folder = _folder(tmp_path)
    (folder / "story.md").write_text("---\ntags: " + "[" * DEEP + "]" * DEEP + "\n---\n" + GOOD + " Markdown.\n")
    result = cli("ingest", "c")
    assert result.exit_code == 0, result.stderr
    [line] = _lines(result, "c/story.md")
    assert line.startswith("warning ") and "nested too deeply" in line
    assert any(_text(cli, d).endswith("Markdown.") for d in _docs(cli))


def test_deeply_nested_sources_yaml_is_a_manifest_problem(cli, tmp_path):
    folder = _folder(tmp_path)
    (folder / "sources.yaml").write_text("good.txt: " + "[" * DEEP + "]" * DEEP + "\n")
    _assert_one_rejection(cli, "sources.yaml", "rejected c/sources.yaml")


def test_deeply_nested_corpuskit_yaml_is_a_config_error(cli, tmp_path):
    _folder(tmp_path)
    (tmp_path / "corpuskit.yaml").write_text("ingest:\n  exclude: " + "[" * DEEP + "]" * DEEP + "\n")
    result = cli("ingest", "c")
    assert result.exit_code == 2, result.stderr
    assert "corpuskit.yaml" in result.stderr and "nested too deeply" in result.stderr


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_reader_that_raises_rejects_its_file_and_the_run_goes_on(cli, tmp_path, monkeypatch, jobs):
    folder = _folder(tmp_path)
    (folder / "boom.md").write_text("---\ntitle: Boom\n---\n" + GOOD + " Boom.\n")
    (folder / "other.txt").write_text("Other story\n\n" + GOOD + " Other.")

    def broken_reader(source, mapping):
        raise KeyError("surprise")

    monkeypatch.setattr(pipeline, "read_markdown", broken_reader)
    result = cli("ingest", "c", "--jobs", jobs)
    assert result.exit_code == 1, result.stderr
    [line] = _lines(result, "c/boom.md")
    assert line == (
        "rejected c/boom.md: could not be read: KeyError: 'surprise' (a bug in corpuskit; please report it)"
    )
    assert {"Bridge to reopen", "Other story"} <= {d["title"] for d in _docs(cli)}


def test_one_bad_date_in_sources_csv_keeps_every_good_row_and_field(cli, tmp_path):
    folder = _folder(tmp_path)
    (folder / "two.txt").write_text("Second story\n\n" + GOOD + " Two.")
    (folder / "sources.csv").write_text(
        "file,outlet,published\ngood.txt,BBC News,2023-02-14\ntwo.txt,Other Outlet,31/31/2024\n"
    )
    result = cli("ingest", "c")
    assert result.exit_code == 0, result.stderr
    [line] = _lines(result, "sources.csv")
    assert line.startswith("warning c/sources.csv:3: two.txt") and "31/31/2024" in line
    assert str(tmp_path) not in result.stderr  # named as the user typed it, not absolute
    outlets = {Path(d["path"]).name: (d["outlet"], d["published"]) for d in _docs(cli)}
    assert outlets == {"good.txt": ("BBC News", "2023-02-14"), "two.txt": ("Other Outlet", None)}


def test_manifest_problems_name_the_manifest_as_the_user_gave_it(cli, tmp_path):
    folder = _folder(tmp_path)
    (folder / "sub").mkdir()
    (folder / "sub" / "deep.txt").write_text("Deep story\n\n" + GOOD)
    (folder / "sources.csv").write_text("file,outlet\n,No File Outlet\ngood.txt,BBC News\n")
    result = cli("ingest", "c/sub", "c")
    [line] = _lines(result, "sources.csv")
    assert line.startswith("rejected c/sources.csv:2: entry has no 'file'"), result.stderr
    assert {Path(d["path"]).name: d["outlet"] for d in _docs(cli)}["good.txt"] == "BBC News"


def test_too_large_says_sizes_in_a_readable_unit(cli, tmp_path):
    folder = _folder(tmp_path)
    (folder / "big.txt").write_text("word " * 410)  # 2,050 bytes
    (tmp_path / "corpuskit.yaml").write_text("ingest:\n  max_file_size: 1 KB\n")
    result = cli("ingest", "c")
    [line] = _lines(result, "c/big.txt")
    assert "file too large (2.0 KB > limit 1.0 KB;" in line, line


@pytest.mark.parametrize(
    ("size", "limit", "expected"),
    [
        (2050, 1024, "2.0 KB > limit 1.0 KB"),
        (900, 512, "900 bytes > limit 512 bytes"),
        (1025, 1024, "1,025 bytes > limit 1,024 bytes"),
        (30 * 1024**2, 20 * 1024**2, "30.0 MB > limit 20.0 MB"),
        (3 * 1024**3, 2 * 1024**3, "3.0 GB > limit 2.0 GB"),
    ],
)
def test_too_large_units(size, limit, expected):
    assert expected in too_large(size, limit)


@pytest.mark.parametrize("kind", ["csv", "tsv"])
def test_csv_field_longer_than_the_csv_module_default_is_read(cli, tmp_path, kind):
    folder = _folder(tmp_path)
    sep = "," if kind == "csv" else "\t"
    long_text = (GOOD + " ") * 1200  # about 175,000 characters
    assert len(long_text) > 131_072
    (folder / f"export.{kind}").write_text(
        f'title{sep}text\nShort{sep}{GOOD}\nLong{sep}"{long_text.strip()}"\nAfter{sep}{GOOD} After.\n'
    )
    result = cli("ingest", "c")
    assert result.exit_code == 0, result.stderr
    titles = {d["title"]: d for d in _docs(cli)}
    assert {"Short", "Long", "After"} <= set(titles)
    assert len(_text(cli, titles["Long"])) > 131_072
    import csv

    assert csv.field_size_limit() == 131_072  # set where CSV is read, not left behind


def test_csv_error_names_the_line_the_record_starts_on():
    from corpuskit.config import FieldMapping
    from corpuskit.ingest.records import read_csv

    long_text = "x " * 70_000
    source = f'title,text\nA,"{GOOD}"\nB,"{long_text}"\nC,"{GOOD}"\n'
    items = read_csv(source, FieldMapping(), field_limit=1000)
    problems = [i for i in items if not hasattr(i, "text")]
    assert [p.line for p in problems] == [3]


SHORT_CP1252 = "Café Müller, naïve."
LONG_CP1252 = (
    "Café owner François Müller said the façade would cost £300. "
    "The naïve plan, he added, was “a déjà vu” for the Zürich council. "
) * 9


@pytest.mark.parametrize("text", [SHORT_CP1252, LONG_CP1252, "Señor Peña’s piñata – £5.", "Åsa Öberg bor i Malmö."])
def test_short_cp1252_text_is_read_as_cp1252(text):
    decoded = decode_bytes(text.encode("cp1252"))
    assert decoded.text == text and decoded.encoding == "cp1252"


LEGACY = [
    pytest.param(
        "Zażółć gęślą jaźń. Przedsiębiorstwo ogłosiło, że przyszłość firmy jest niepewna. " * 3,
        "iso-8859-2",
        marks=pytest.mark.xfail(strict=True, reason="the detector reads Polish Latin-2 as Latin-6, before and after"),
    ),
    ("Zażółć gęślą jaźń. Przedsiębiorstwo ogłosiło, że przyszłość firmy jest niepewna. " * 3, "cp1250"),
    ("Příliš žluťoučký kůň úpěl ďábelské ódy. Vláda schválila nový rozpočet na příští rok. " * 3, "cp1250"),
    ("Заключённых отправляют на фронт без их согласия, сообщают правозащитники. " * 4, "koi8-r"),
    ("Заключённых отправляют на фронт без их согласия, сообщают правозащитники. " * 4, "cp1251"),
    ("Η κυβέρνηση ανακοίνωσε σήμερα νέα μέτρα για την οικονομία της χώρας. " * 4, "iso-8859-7"),
]


@pytest.mark.parametrize(("text", "encoding"), LEGACY)
def test_other_legacy_encodings_are_still_detected(text, encoding):
    assert decode_bytes(text.encode(encoding)).text == text
