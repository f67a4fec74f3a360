"""Duplicate detection: speed, memory and accuracy of `corpuskit dupes`, against datasketch.

    python benchmarks/dupes_speed.py [--articles 10000] [--families 0.2] [--workdir DIR] [--reuse-ingest]

Generates (or reuses) a synthetic plain-text corpus with syndication
families (see benchmarks/synthetic.py: copy_typos, rewrite, truncation,
partial, reorder; the ground truth says which base each derived file comes
from), ingests it (with --reuse-ingest, a copy of the first ingest is kept in
the work folder and restored on later runs, untimed), then in one run
measures, each in its own process:

* `corpuskit dupes --format json --output FILE --quiet`, first run (nothing cached);
* a datasketch MinHashLSH pipeline over the same stored texts (word
  5-shingles, 128 permutations, threshold 0.5), the common choice;
* the same pipeline with rensa (a MinHash in Rust: RMinHash and
  RMinHashLSH), the fast reference: the same shingles and permutations; its
  index needs a band count that divides 128, so it gets the one datasketch's
  own rule would pick among those (32 bands of 4 rows for threshold 0.5,
  where datasketch picks 25 of 5: rensa's candidates are a little looser);
* the incremental case: 1% more base articles (and their derived copies)
  are added in a new folder, ingested, and `corpuskit dupes` runs again
  (it should reuse the cached signatures and verdicts).

Accuracy per family type: a true pair is a derived document and its base.
Recall counts derived documents whose pair with their base was reported;
precision is over all reported pairs, a pair of two derived copies of the
same base counting as correct.

Targets (issue 12, "100,000 articles end to end on a laptop"): ``ingest`` +
``dupes`` of 100,000 articles in under 5 minutes and under 2 GB peak memory;
doubling the corpus at most 2.1 times the time (shown when a result for half
as many articles, same seed and families, is in the work folder: run
--articles 2000 then 4000 with the same --workdir); adding 1% to an analysed
corpus under 5% of a full run; ``ingest`` + ``dupes`` no slower than the
datasketch reference while finding the rewrites it misses (the ratio to
rensa's time is shown beside it). Without a timed ingest (--reuse-ingest)
the rows compare ``dupes`` alone and say so.
It reports; it does not gate (exit 0 unless a command fails).

datasketch and rensa are imported only by the child processes this benchmark
starts (``pip install datasketch "rensa>=0.5,<0.6"``); neither is a dependency
of corpuskit. Without rensa the benchmark says so in one line and leaves its
column out.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import importlib.util
import json
import os
import resource
import shutil
import sqlite3
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import ingest as harness  # noqa: E402  (sibling module: measuring, machine, environment)
import synthetic  # noqa: E402

TARGET_ARTICLES = 100_000
TARGET_SECONDS = 300.0
TARGET_RSS_MB = 2048.0
DOUBLING_RATIO = 2.1
INCREMENT_SHARE = 0.01
INCREMENT_RATIO = 0.05

# The reference pipelines, each run in a child process: the stored texts, their word
# 5-shingles, a MinHash of 128 permutations each in an LSH index, and every pair the index
# gives; only the MinHash library differs.
READ_SHINGLES = r"""
import json, re, sqlite3, sys
rows = sqlite3.connect(sys.argv[1]).execute(
    "SELECT d.id, t.body FROM documents d JOIN texts t ON t.id = d.text_id ORDER BY d.id").fetchall()
word = re.compile(r"\w+")
def shingles(body):
    words = word.findall(body.lower())
    return {" ".join(words[i:i + 5]) for i in range(max(1, len(words) - 4))}
hashes = []
"""
WRITE_PAIRS = r"""
pairs = set()
for doc_id, minhash in hashes:
    for other in lsh.query(minhash):
        if other != doc_id:
            pairs.add((min(doc_id, other), max(doc_id, other)))
with open(sys.argv[2], "w") as handle:
    json.dump(sorted(pairs), handle)
"""
DATASKETCH = (
    READ_SHINGLES
    + r"""
from datasketch import MinHash, MinHashLSH
lsh = MinHashLSH(threshold=0.5, num_perm=128)
for doc_id, body in rows:
    minhash = MinHash(num_perm=128)
    minhash.update_batch([shingle.encode("utf-8") for shingle in shingles(body)])
    lsh.insert(doc_id, minhash)
    hashes.append((doc_id, minhash))
"""
    + WRITE_PAIRS
)
# rensa's LSH index takes the band count (argv[3]).
RENSA = (
    READ_SHINGLES
    + r"""
from rensa import RMinHash, RMinHashLSH
lsh = RMinHashLSH(threshold=0.5, num_perm=128, num_bands=int(sys.argv[3]))
for doc_id, body in rows:
    minhash = RMinHash(num_perm=128, seed=42)
    minhash.update(list(shingles(body)))
    lsh.insert(doc_id, minhash)
    hashes.append((doc_id, minhash))
"""
    + WRITE_PAIRS
)
LSH_THRESHOLD = 0.5
PERMUTATIONS = 128


def lsh_bands(threshold: float, permutations: int) -> int:
    """The band count, among those that divide ``permutations`` (rensa's index needs one),
    that datasketch's rule picks: the least false-positive plus false-negative area of the
    S-curve 1 - (1 - s^r)^b on either side of the threshold, weighted equally."""

    def area(function, start: float, end: float, steps: int = 2000) -> float:
        width = (end - start) / steps
        return sum(function(start + (i + 0.5) * width) for i in range(steps)) * width

    def cost(bands: int) -> float:
        rows = permutations // bands
        candidate = lambda s: 1 - (1 - s**rows) ** bands  # noqa: E731
        return area(candidate, 0, threshold) + area(lambda s: 1 - candidate(s), threshold, 1)

    return min((b for b in range(1, permutations + 1) if permutations % b == 0), key=cost)


def rensa_version() -> str | None:
    """The installed rensa's version, or None when it is not installed (for this Python)."""
    if importlib.util.find_spec("rensa") is None:
        return None
    try:
        return importlib.metadata.version("rensa")
    except importlib.metadata.PackageNotFoundError:
        return "unknown version"


# --------------------------------------------------------------------------
# Corpus with families, generated once and reused
# --------------------------------------------------------------------------


def prepare_corpus(
    workdir: Path, articles: int, families: float, seed: int, jobs: int
) -> tuple[Path, list[dict], float | None]:
    """(corpus folder, ground truth, seconds to generate or None if reused)."""
    name = f"corpus-dupes-{articles}-f{families:g}-seed{seed}"
    path, ready, truth_file = workdir / name, workdir / f"{name}.ready", workdir / f"{name}.families.jsonl"
    dirty = workdir / f"{name}.modified"
    if ready.exists() and not dirty.exists() and truth_file.exists():
        return path, _read_jsonl(truth_file), None
    if path.exists():  # half-written or left with an increment: start again
        shutil.rmtree(path)
    for marker in (ready, dirty, truth_file):
        marker.unlink(missing_ok=True)
    started = time.perf_counter()
    summary = synthetic.generate_corpus(path, articles, "txt", seed, jobs, families)
    seconds = time.perf_counter() - started
    synthetic.write_families(truth_file, summary.get("families", []))
    ready.write_text(json.dumps({"articles": articles, "families": families, "seed": seed}) + "\n")
    return path, summary.get("families", []), seconds


def _read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


# --------------------------------------------------------------------------
# Accuracy
# --------------------------------------------------------------------------


def document_ids(db: Path, root: Path) -> dict[str, int]:
    """Store document id per file path relative to the corpus root."""
    ids = {}
    with sqlite3.connect(db) as connection:
        for doc_id, path in connection.execute("SELECT id, path FROM documents"):
            try:
                ids[Path(path).resolve().relative_to(root.resolve()).as_posix()] = doc_id
            except ValueError:
                ids[path] = doc_id
    return ids


def score(pairs: set[tuple[int, int]], truth: list[dict], ids: dict[str, int]) -> dict:
    """Recall per family, precision over all reported pairs."""
    true_pairs: dict[tuple[int, int], str] = {}
    by_base: dict[int, list[int]] = {}
    for row in truth:
        derived, base = ids.get(row["file"]), ids.get(row["base_file"])
        if derived is None or base is None:
            continue  # not ingested (should not happen with txt)
        true_pairs[(min(derived, base), max(derived, base))] = row["family"]
        by_base.setdefault(base, []).append(derived)
    siblings = {(min(x, y), max(x, y)) for copies in by_base.values() for x in copies for y in copies if x != y}
    found = Counter(family for pair, family in true_pairs.items() if pair in pairs)
    total = Counter(true_pairs.values())
    correct = sum(1 for pair in pairs if pair in true_pairs or pair in siblings)
    return {
        "recall": {family: (found[family], total[family]) for family in synthetic.FAMILY_TYPES},
        "recall_all": (sum(found.values()), sum(total.values())),
        "precision": (correct, len(pairs)),
    }


def corpuskit_pairs(output: Path) -> set[tuple[int, int]]:
    listing = json.loads(output.read_text(encoding="utf-8"))
    return {(min(p["a"], p["b"]), max(p["a"], p["b"])) for p in listing["pairs"]}


def _share(found_total: tuple[int, int]) -> str:
    found, total = found_total
    return f"{found / total:.3f} ({found}/{total})" if total else "n/a"


# --------------------------------------------------------------------------
# The run
# --------------------------------------------------------------------------


def _with_cpu(function, *args):
    """``function(*args)`` and the CPU seconds (user + system) its child processes used.

    On a shared machine wall time mostly measures the other tenants; CPU
    time is what the work itself cost.  getrusage(RUSAGE_CHILDREN) sums every
    waited-for descendant, worker processes included.
    """
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    result = function(*args)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return result, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _copy_store(source: Path, target: Path) -> None:
    """A consistent copy of an SQLite store (its write-ahead log included)."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)


def run(args: argparse.Namespace, workdir: Path) -> int:
    env = harness.child_env()
    corpus, truth, generated_in = prepare_corpus(workdir, args.articles, args.families, args.seed, args.jobs)
    db = workdir / f"dupes-{args.articles}.db"
    for suffix in ("", "-wal", "-shm"):  # not the kept ingest (.ingested)
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    output = workdir / f"dupes-{args.articles}.json"

    print("## Machine\n\n" + "\n".join(harness.machine_description()) + "\n")
    step = lambda text: print(f"running: {text} ...", file=sys.stderr, flush=True)  # noqa: E731
    done = lambda text: print(f"  done: {text}", file=sys.stderr, flush=True)  # noqa: E731

    ingested = workdir / f"{db.name}.ingested"
    if generated_in is not None:  # a new corpus: a kept ingest is of the old one
        ingested.unlink(missing_ok=True)
    if args.reuse_ingest and ingested.exists():
        step("restoring the ingested store")
        _copy_store(ingested, db)
        ingest_seconds, ingest_rss = None, None
    else:
        step("ingest")
        ingest_seconds, ingest_rss, _, _ = harness.run_measured(harness.ingest_command(corpus, db, []), env)
        if args.reuse_ingest:
            _copy_store(db, ingested)
    with sqlite3.connect(db) as connection:
        documents = connection.execute("SELECT count(*) FROM documents").fetchone()[0]
        words = sum(body.count(" ") + body.count("\n") + 1 for (body,) in connection.execute("SELECT body FROM texts"))
    how = f"generated in {generated_in:.1f} s" if generated_in is not None else "reused"
    print(
        f"## Corpus\n\n- {args.articles:,} base articles (seed {args.seed}) + {len(truth):,} derived copies "
        f"(families share {args.families:g}): {documents:,} documents, ~{words:,} words; {how}\n"
        f"- derived per family: "
        + ", ".join(f"{f} {n}" for f, n in sorted(Counter(r["family"] for r in truth).items()))
        + "\n"
    )

    dupes = [
        sys.executable,
        "-m",
        "corpuskit",
        "dupes",
        "--db",
        str(db),
        "--format",
        "json",
        "--output",
        str(output),
        "--quiet",
    ]
    step("corpuskit dupes, first run")
    (first, first_rss, first_tree, first_processes), first_cpu = _with_cpu(harness.run_measured, dupes, env)
    done(
        f"first run {first:.1f} s, CPU {first_cpu:.1f} s, largest process {first_rss:.0f} MB, tree {first_tree:.0f} MB"
    )
    ids = document_ids(db, corpus)
    ours = score(corpuskit_pairs(output), truth, ids)

    step("datasketch MinHashLSH")
    sketch_output = workdir / f"datasketch-{args.articles}.json"
    (sketch, sketch_rss, _, _), sketch_cpu = _with_cpu(
        harness.run_measured, [sys.executable, "-c", DATASKETCH, str(db), str(sketch_output)], env
    )
    theirs = score({tuple(p) for p in json.loads(sketch_output.read_text())}, truth, ids)
    done(f"datasketch {sketch:.1f} s, CPU {sketch_cpu:.1f} s, {sketch_rss:.0f} MB")

    rensa = rensa_version()
    bands = lsh_bands(LSH_THRESHOLD, PERMUTATIONS)
    if rensa is None:
        print("rensa is not installed (pip install 'rensa>=0.5,<0.6'): its column is left out\n")
        fast = fast_seconds = fast_cpu = fast_rss = None
    else:
        step(f"rensa {rensa} RMinHashLSH ({bands} bands)")
        rensa_output = workdir / f"rensa-{args.articles}.json"
        (fast_seconds, fast_rss, _, _), fast_cpu = _with_cpu(
            harness.run_measured, [sys.executable, "-c", RENSA, str(db), str(rensa_output), str(bands)], env
        )
        fast = score({tuple(p) for p in json.loads(rensa_output.read_text())}, truth, ids)
        done(f"rensa {fast_seconds:.1f} s, CPU {fast_cpu:.1f} s, {fast_rss:.0f} MB")

    # Incremental: 1% more base articles (with their families) in a new folder.
    added = max(1, round(args.articles * INCREMENT_SHARE))
    increment = corpus / f"increment-{args.articles}"
    dirty = workdir / f"{corpus.name}.modified"
    dirty.write_text(str(increment) + "\n")
    try:
        if increment.exists():
            shutil.rmtree(increment)
        summary = synthetic.generate_corpus(increment, added, "txt", args.seed, 1, args.families, start=args.articles)
        new_truth = [
            {**row, "file": f"{increment.name}/{row['file']}", "base_file": f"{increment.name}/{row['base_file']}"}
            for row in summary.get("families", [])
        ]
        step("ingest increment")
        incr_ingest, _, _, _ = harness.run_measured(harness.ingest_command(corpus, db, []), env)
        step("corpuskit dupes after the increment")
        (second, second_rss, second_tree, _), second_cpu = _with_cpu(harness.run_measured, dupes, env)
        done(f"after the increment {second:.1f} s, CPU {second_cpu:.1f} s")
        with sqlite3.connect(db) as connection:
            documents_after = connection.execute("SELECT count(*) FROM documents").fetchone()[0]
        after = score(corpuskit_pairs(output), truth + new_truth, document_ids(db, corpus))
    finally:
        shutil.rmtree(increment, ignore_errors=True)
        dirty.unlink(missing_ok=True)

    first_peak = max(first_rss, first_tree)
    result = {
        "articles": args.articles,
        "families": args.families,
        "seed": args.seed,
        "documents": documents,
        "first_seconds": first,
        "first_rss_mb": first_peak,
        "first_largest_process_mb": first_rss,
        "first_tree_mb": first_tree,
        "first_processes": first_processes,
        "datasketch_seconds": sketch,
        "rensa_seconds": fast_seconds,
        "rensa_cpu_seconds": fast_cpu,
        "incremental_seconds": second,
        "first_cpu_seconds": first_cpu,
        "datasketch_cpu_seconds": sketch_cpu,
        "incremental_cpu_seconds": second_cpu,
    }
    (workdir / f"dupes-speed-{args.articles}-f{args.families:g}-seed{args.seed}.json").write_text(
        json.dumps(result, indent=1) + "\n"
    )

    print("## Speed\n")
    print("| step | documents | seconds | docs/s | CPU seconds (all processes) | peak RSS (MB) |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for name, docs, seconds, cpu, rss in [
        *([("ingest (for reference)", documents, ingest_seconds, None, ingest_rss)] if ingest_seconds else []),
        ("corpuskit dupes, first run (nothing cached)", documents, first, first_cpu, first_peak),
        ("datasketch MinHashLSH (5-shingles, 128 perm, t=0.5)", documents, sketch, sketch_cpu, sketch_rss),
        *(
            [(f"rensa {rensa} RMinHashLSH (same shingles, {bands} bands)", documents, fast_seconds, fast_cpu, fast_rss)]
            if fast_seconds is not None
            else []
        ),
        (f"ingest of {summary['files']:,} added files (for reference)", documents_after, incr_ingest, None, None),
        (
            f"corpuskit dupes after adding {summary['files']:,} files ({added} base + "
            f"{summary.get('derived', 0)} derived)",
            documents_after,
            second,
            second_cpu,
            max(second_rss, second_tree),
        ),
    ]:
        print(
            f"| {name} | {docs:,} | {seconds:.1f} | {docs / seconds:,.0f} | "
            f"{'' if cpu is None else f'{cpu:.1f}'} | {'' if rss is None else f'{rss:.0f}'} |"
        )

    print("\n## Accuracy (first run; recall = derived docs linked to their base)\n")
    references = [theirs, *([fast] if fast is not None else [])]
    print("| family | derived docs | corpuskit recall | datasketch recall |" + (" rensa recall |" if fast else ""))
    print("| --- | ---: | ---: | ---: |" + (" ---: |" if fast else ""))
    for family in synthetic.FAMILY_TYPES:
        print(
            f"| {family} | {ours['recall'][family][1]} | {_share(ours['recall'][family])} | "
            + "".join(f"{_share(r['recall'][family])} | " for r in references).rstrip()
        )
    print(
        f"| **all** | {ours['recall_all'][1]} | {_share(ours['recall_all'])} | "
        + "".join(f"{_share(r['recall_all'])} | " for r in references).rstrip()
    )
    print(
        f"| precision (all reported pairs) | | {_share(ours['precision'])} | "
        + "".join(f"{_share(r['precision'])} | " for r in references).rstrip()
    )
    print(
        f"\nAfter the increment, corpuskit recall {_share(after['recall_all'])}, "
        f"precision {_share(after['precision'])}."
    )

    print("\n## Targets\n")
    print("| target | measured | met? |")
    print("| --- | --- | --- |")
    # The targets are for ingest and dupes together; a reused ingest was not timed.
    pipeline = first + (ingest_seconds or 0.0)
    what = "ingest + dupes" if ingest_seconds is not None else "dupes alone (ingest reused, not timed)"
    projected = pipeline * TARGET_ARTICLES / args.articles
    yes = lambda ok: "yes" if ok else "**no**"  # noqa: E731
    print(
        f"| {TARGET_ARTICLES:,} articles in < {TARGET_SECONDS / 60:.0f} min | {what}: {pipeline:.1f} s for "
        f"{args.articles:,} articles ({documents:,} docs); linear projection to {TARGET_ARTICLES:,}: "
        f"{projected:,.0f} s | {yes(projected < TARGET_SECONDS)}{'' if args.articles == TARGET_ARTICLES else ' (projected)'} |"
    )
    print(
        f"| peak memory < {TARGET_RSS_MB / 1024:.0f} GB | {first_peak:,.0f} MB at {args.articles:,} articles | "
        f"{yes(first_peak < TARGET_RSS_MB)} (at this size only) |"
    )
    half = workdir / f"dupes-speed-{args.articles // 2}-f{args.families:g}-seed{args.seed}.json"
    if args.articles % 2 == 0 and half.exists():
        previous = json.loads(half.read_text())
        ratio = first / previous["first_seconds"]
        cpu_ratio = (
            f"; CPU × {first_cpu / previous['first_cpu_seconds']:.2f}" if previous.get("first_cpu_seconds") else ""
        )
        print(
            f"| doubling ≤ {DOUBLING_RATIO} × time | {previous['first_seconds']:.1f} s at "
            f"{previous['articles']:,} → {first:.1f} s at {args.articles:,}: × {ratio:.2f}{cpu_ratio} | "
            f"{yes(ratio <= DOUBLING_RATIO)} |"
        )
    else:
        print(
            f"| doubling ≤ {DOUBLING_RATIO} × time | no result for {args.articles // 2:,} articles in "
            f"{workdir} (run that size first) | n/a |"
        )
    increment_ratio = second / first
    print(
        f"| adding 1% < {INCREMENT_RATIO:.0%} of a full run | {second:.1f} s / {first:.1f} s = "
        f"{increment_ratio:.1%} (CPU {second_cpu / max(first_cpu, 1e-9):.1%}) | "
        f"{yes(increment_ratio < INCREMENT_RATIO)} |"
    )
    print(
        f"| never slower than datasketch | {what} {pipeline:.1f} s vs {sketch:.1f} s (× {pipeline / sketch:.2f}); "
        f"dupes alone {first:.1f} s (× {first / sketch:.2f}), CPU {first_cpu:.1f} s vs {sketch_cpu:.1f} s "
        f"(× {first_cpu / max(sketch_cpu, 1e-9):.2f}) | {yes(pipeline <= sketch)} |"
    )
    if fast_seconds is not None and fast_cpu is not None:
        print(
            f"| against rensa (for reference, no target) | {first:.1f} s vs {fast_seconds:.1f} s "
            f"(× {first / fast_seconds:.2f}); CPU {first_cpu:.1f} s vs {fast_cpu:.1f} s "
            f"(× {first_cpu / max(fast_cpu, 1e-9):.2f}) | n/a |"
        )
    rewrite_ours, rewrite_theirs = ours["recall"]["rewrite"], theirs["recall"]["rewrite"]
    print(
        f"| finds the rewrites datasketch misses | rewrite recall {_share(rewrite_ours)} vs datasketch "
        f"{_share(rewrite_theirs)}"
        + (f", rensa {_share(fast['recall']['rewrite'])}" if fast else "")
        + f" | {yes(rewrite_ours[0] > rewrite_theirs[0])} |"
    )
    if args.articles != TARGET_ARTICLES:
        print(
            f"\n- The {TARGET_ARTICLES:,}-article figure is a linear projection from this run, not a "
            "measurement; the doubling row shows how far from linear it is."
        )
    print(
        f"- Peak RSS is the larger of the largest process (wait4) and the sampled process-tree sum; "
        f"first run: largest process {first_rss:,.0f} MB, tree {first_tree:,.0f} MB over up to "
        f"{first_processes} processes."
    )
    print(
        "- load average at the end (1/5/15 min): "
        + " / ".join(f"{x:.2f}" for x in os.getloadavg())
        + "; wall times on a shared machine vary with the other tenants, CPU seconds much less."
    )
    print(
        f"- {'datasketch and rensa times include their' if fast else 'datasketch time includes its'} process "
        "start, import and reading the texts from the store, as the corpuskit time includes its own start-up."
    )
    if fast is not None:
        print(
            f"- rensa's index takes a band count that divides {PERMUTATIONS}: {bands} bands of "
            f"{PERMUTATIONS // bands} rows, the count datasketch's own rule picks among those (datasketch "
            "itself uses 25 of 5 at this threshold), so its candidates are a little looser."
        )
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000, help="base articles")
    parser.add_argument("--families", type=float, default=0.2, help="share of base articles that get derived copies")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=2, help="processes generating the corpus")
    parser.add_argument(
        "--reuse-ingest",
        action="store_true",
        help="keep a copy of the first ingest in the work folder and start from it next time "
        "(the ingest is then not timed)",
    )
    parser.add_argument(
        "--workdir", type=Path, help="keep the corpus, store and results here (default: a temporary folder)"
    )
    args = parser.parse_args(argv)
    if args.articles < 1:
        parser.error("--articles must be at least 1")
    if not 0 < args.families <= 1:
        parser.error("--families must be in (0, 1]")
    try:
        if args.workdir:
            args.workdir.mkdir(parents=True, exist_ok=True)
            return run(args, args.workdir)
        with tempfile.TemporaryDirectory(prefix="corpuskit-dupes-bench-") as folder:
            return run(args, Path(folder))
    except harness.IngestFailed as error:
        print(f"\nerror: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    started = time.perf_counter()
    code = main()
    print(f"\n(benchmark wall time {time.perf_counter() - started:.0f} s)")
    sys.exit(code)
