"""Independent reporting on PolNeAR: links ``corpuskit dupes`` makes between outlets that did not copy.

Usage::

    python benchmarks/independent.py --polnear-dir ../shared/eval/polnear \\
        [--label-out FILE] [--labels benchmarks/data/polnear_link_labels.tsv]

The data is not part of this repository (no licence, evaluation use only):
pass the folder that holds ``metadata.tsv`` and ``train/`` / ``dev/``.

PolNeAR holds articles of seven US publishers on the 2016 campaign.  Many
report the same events and quote the same statements (speeches, tweets,
debate lines); few copy one another.  Every train and dev article is read
with corpuskit's own ingest reader, passed to ``find_duplicates`` with
default settings as ``DocInput(outlet=publisher, published=publication_date)``,
and the linked pairs are counted by (same publisher / different publishers)
x (both credited to the same wire agency / otherwise), with their relations.

A link between two publishers that do not share a wire credit is what a
user would read as an accusation.  A seeded sample of up to 60 of them was
labelled by hand, reading both texts' aligned passages (``--label-out``
writes them with context to a scratch file, to be kept outside the
repository because it holds corpus text):

* ``copy``          -- one outlet's own narrative wording reused (sentences
                       taken and reworded in order);
* ``shared_quotes`` -- the aligned material is mostly the same quotations /
                       statements with their "X said", no shared narrative;
* ``shared_facts``  -- only the event's vocabulary and facts are shared;
* ``common_source`` -- both visibly follow one wire story or press release;
* ``unsure``.

With ``--labels`` the run also prints, per label, how many pairs were
labelled, how many are still linked by the current code, and the "false
accusations still made" (still-linked pairs labelled ``shared_quotes`` or
``shared_facts``), and writes the table to /tmp/indep_bench.txt.  The labels
were fixed before any score was computed and before dupes was changed.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from corpuskit.config import IngestConfig  # noqa: E402
from corpuskit.dupes import DEFAULT_SETTINGS, DocInput, PairResult, find_duplicates  # noqa: E402
from corpuskit.ingest.discover import SourceFile  # noqa: E402
from corpuskit.ingest.pipeline import read_file  # noqa: E402

SEED = 20261201
SAMPLE_SIZE = 60
LABELS = ("copy", "shared_quotes", "shared_facts", "common_source", "unsure")
FALSE_ACCUSATION = {"shared_quotes", "shared_facts"}
RESULT = Path("/tmp/indep_bench.txt")
NO_WIRE = {"", "none", "na", "n/a"}


@dataclass
class Article:
    id: int
    path: str  # relative to the PolNeAR folder, e.g. train/text/nyt_2016-..txt
    publisher: str
    published: str | None
    wire: str | None  # normalised agency credit, None when not credited
    text: str


def read_stored_text(root: Path, path: Path) -> str:
    """The text of one file as ``corpuskit ingest`` stores it (the pipeline's own reader)."""
    stat = path.stat()
    source = SourceFile(str(path), os.path.realpath(path), os.path.realpath(root), stat.st_size, stat.st_mtime_ns)
    outcome = read_file(source, IngestConfig(), {}, reader_key="")
    if outcome.record is None or not outcome.record.documents:
        raise SystemExit(f"{path}: corpuskit read no article")
    return outcome.record.documents[0].text


def load_polnear(root: Path) -> list[Article]:
    meta: dict[tuple[str, str], dict[str, str]] = {}
    with open(root / "metadata.tsv", newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            meta[(row["compartment"], row["filename"])] = row
    articles: list[Article] = []
    for split in ("train", "dev"):
        for path in sorted((root / split / "text").glob("*.txt")):
            row = meta.get((split, path.stem))
            if row is None:
                raise SystemExit(f"{path}: not in metadata.tsv")
            wire = (row.get("wire") or "").strip()
            articles.append(
                Article(
                    len(articles) + 1,
                    str(path.relative_to(root)),
                    row["publisher"],
                    row.get("publication_date") or None,
                    None if wire.lower() in NO_WIRE else wire.upper(),
                    read_stored_text(root, path),
                )
            )
    return articles


def group_of(pair: PairResult, by_id: dict[int, Article]) -> tuple[str, str]:
    a, b = by_id[pair.a], by_id[pair.b]
    publisher = "same publisher" if a.publisher == b.publisher else "different publishers"
    wire = "same wire" if a.wire is not None and a.wire == b.wire else "no shared wire"
    return publisher, wire


def count_table(pairs: list[PairResult], by_id: dict[int, Article]) -> list[str]:
    relations = sorted({p.relation for p in pairs})
    groups: dict[tuple[str, str], Counter] = {}
    for pub in ("same publisher", "different publishers"):
        for wire in ("same wire", "no shared wire"):
            groups[(pub, wire)] = Counter()
    for pair in pairs:
        groups[group_of(pair, by_id)][pair.relation] += 1
    lines = [
        "| publishers | wire credit | pairs | " + " | ".join(relations) + " |",
        "| --- | --- | ---: | " + " | ".join("---:" for _ in relations) + " |",
    ]
    for (pub, wire), counter in groups.items():
        lines.append(
            f"| {pub} | {wire} | {sum(counter.values())} | " + " | ".join(str(counter[r]) for r in relations) + " |"
        )
    total = Counter(p.relation for p in pairs)
    lines.append(f"| all | all | {len(pairs)} | " + " | ".join(str(total[r]) for r in relations) + " |")
    return lines


def accusations(pairs: list[PairResult], by_id: dict[int, Article]) -> list[PairResult]:
    return [p for p in pairs if group_of(p, by_id) == ("different publishers", "no shared wire")]


def write_label_sheet(path: Path, sample: list[PairResult], by_id: dict[int, Article]) -> None:
    """The sampled pairs with their aligned passages and a little context (scratch: corpus text)."""
    with open(path, "w", encoding="utf-8") as out:
        for n, pair in enumerate(sample, 1):
            a, b = by_id[pair.a], by_id[pair.b]
            out.write(f"=== PAIR {n}: {a.path} | {b.path}\n")
            out.write(
                f"relation {pair.relation} score {pair.score:.3f} share_a {pair.share_a:.3f} "
                f"share_b {pair.share_b:.3f} direction {pair.direction} ({pair.direction_reason})\n"
            )
            out.write(f"A: {a.publisher} {a.published} wire={a.wire} | B: {b.publisher} {b.published} wire={b.wire}\n")
            out.write(f"A title: {a.text.splitlines()[0][:150]}\nB title: {b.text.splitlines()[0][:150]}\n")
            for k, passage in enumerate(pair.passages, 1):
                out.write(f"--- passage {k} sim {passage.similarity:.2f} a{list(passage.a)} b{list(passage.b)}\n")
                for side, doc, span in (("A", a, passage.a), ("B", b, passage.b)):
                    before = doc.text[max(0, span[0] - 120) : span[0]].replace("\n", " ")
                    inside = doc.text[span[0] : span[1]].replace("\n", " ")
                    out.write(f"{side}: ...{before}[[{inside}]]\n")
            out.write("\n")


def read_labels(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8") as handle:
        rows = [line for line in handle if line.strip() and not line.startswith("#")]
    labels = list(csv.DictReader(rows, delimiter="\t"))
    for row in labels:
        if row["label"] not in LABELS:
            raise SystemExit(f"{path}: unknown label {row['label']!r}")
    return labels


def label_table(labels: list[dict[str, str]], pairs: list[PairResult], by_id: dict[int, Article]) -> list[str]:
    linked = {frozenset((by_id[p.a].path, by_id[p.b].path)): p for p in pairs}
    lines = [
        "| label | labelled | still linked | false accusations still made |",
        "| --- | ---: | ---: | ---: |",
    ]
    total = [0, 0, 0]
    for label in LABELS:
        rows = [r for r in labels if r["label"] == label]
        still = sum(frozenset((r["a_path"], r["b_path"])) in linked for r in rows)
        false = still if label in FALSE_ACCUSATION else 0
        total = [total[0] + len(rows), total[1] + still, total[2] + false]
        lines.append(f"| {label} | {len(rows)} | {still} | {false if label in FALSE_ACCUSATION else '-'} |")
    lines.append(f"| all | {total[0]} | {total[1]} | {total[2]} |")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--polnear-dir", type=Path, default=REPO.parent / "shared" / "eval" / "polnear")
    parser.add_argument("--label-out", type=Path, help="write the sampled pairs with context (scratch, corpus text)")
    parser.add_argument("--labels", type=Path, help="hand labels (benchmarks/data/polnear_link_labels.tsv)")
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)
    if not (args.polnear_dir / "metadata.tsv").is_file():
        print(f"independent.py: no metadata.tsv in {args.polnear_dir} (pass --polnear-dir)", file=sys.stderr)
        return 2
    started = time.perf_counter()
    articles = load_polnear(args.polnear_dir)
    by_id = {a.id: a for a in articles}
    read_seconds = time.perf_counter() - started
    inputs = [DocInput(a.id, a.text, a.published, a.publisher) for a in articles]
    started = time.perf_counter()
    result = find_duplicates(inputs, DEFAULT_SETTINGS)
    dupes_seconds = time.perf_counter() - started
    pairs = list(result.pairs)
    out = [
        f"PolNeAR train+dev: {len(articles)} articles, {len(pairs)} linked pairs "
        f"(read {read_seconds:.1f} s, dupes {dupes_seconds:.1f} s, default settings)",
        "",
        *count_table(pairs, by_id),
        "",
        f"{len(result.shared_quotes)} pairs share only quotations (listed apart, not links); "
        f"{len(result.siblings)} sibling pairs (set apart: common source)",
    ]
    candidates = sorted(accusations(pairs, by_id), key=lambda p: (by_id[p.a].path, by_id[p.b].path))
    sample = random.Random(args.seed).sample(candidates, min(SAMPLE_SIZE, len(candidates)))
    if args.label_out:
        write_label_sheet(args.label_out, sample, by_id)
        out += ["", f"wrote {len(sample)} sampled pairs (seed {args.seed}) with context to {args.label_out}"]
    if args.labels:
        labels = read_labels(args.labels)
        out += ["", f"hand labels: {args.labels} ({len(labels)} pairs)", "", *label_table(labels, pairs, by_id)]
    text = "\n".join(out)
    print(text)
    if args.labels:
        RESULT.write_text(text + "\n", encoding="utf-8")
        print(f"\nwritten to {RESULT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
