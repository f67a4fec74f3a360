"""A small corpus on which every stage has several batches of work: the five seeds, a near
copy and a shortened copy of each, from three outlets (each with its own footer, so there is
boilerplate to learn), dated in a sources.csv."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from corpuskit.config import IngestConfig
from corpuskit.ingest.pipeline import ingest_paths
from corpuskit.store import Store

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
OUTLETS = {"original": "Northern Courier", "near": "Valley Post", "short": "Harbour Times"}
# Documents in the corpus: each seed and its two copies.
DOCUMENTS = 3 * len(list(SEEDS.glob("*.txt")))


def copies_corpus(folder: Path) -> Path:
    """The corpus folder (made once per folder): originals, near copies ("said" becomes
    "stated") and shortened copies (the first half of the lines)."""
    if folder.exists():
        return folder
    folder.mkdir(parents=True)
    rows = ["file,outlet,published"]
    for seed in sorted(SEEDS.glob("*.txt")):
        text = seed.read_text(encoding="utf-8")
        lines = text.splitlines()
        versions = {
            "original": text,
            "near": text.replace(" said", " stated"),
            "short": "\n".join(lines[: max(3, len(lines) // 2)]) + "\n",
        }
        for kind, body in versions.items():
            name = f"{kind}_{seed.name}"
            footer = f"\nFollow {OUTLETS[kind]} for the news that matters to you, every day of the week.\n"
            (folder / name).write_text(body + footer, encoding="utf-8")
            rows.append(f"{name},{OUTLETS[kind]},2023-02-{14 if kind == 'original' else 15}")
    (folder / "sources.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return folder


def ingested_store(path: Path, corpus: Path) -> Store:
    """A store at ``path`` holding ``corpus``, ingested in one go."""
    store = Store.open(path)
    report = ingest_paths(store, [str(corpus)], IngestConfig())
    assert report.added == DOCUMENTS and not report.rejected, report
    return store


def copy_of(store: Store, path: Path) -> Store:
    """A copy of a store, opened at ``path``."""
    with sqlite3.connect(path) as target:
        store.db.backup(target)
    return Store.open(path)
