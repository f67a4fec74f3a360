"""The Spark engine of `corpuskit dupes` against the local engine, on one machine.

    python benchmarks/spark_dupes.py [--articles 20000] [--families 0.2] [--master "local[2]"]
                                     [--workdir DIR] [--time-limit SECONDS]

Generates (or reuses) the synthetic syndication corpus of benchmarks/dupes_speed.py
(see benchmarks/synthetic.py), ingests it once (untimed), then in one run, each in
its own process on its own copy of the store (nothing cached):

* `corpuskit dupes --format json` on the local engine (this machine's cores);
* `corpuskit dupes --engine spark --master MASTER --format json`: the same stages
  as Spark jobs (the JVM and its Python workers are measured with it).

It prints the wall and CPU seconds, the peak memory of the largest process and of
the whole process tree, the overhead of Spark on one machine (its time over the
local engine's), whether the two give the same pairs (and how many differ, if any),
and recall and precision against the corpus's ground truth. With --time-limit a
Spark run that takes longer is stopped and reported as not finished, with the
corpus size and the time it ran (for the million-article run, whose figure for a
cluster is a projection, stated as one). It reports; it does not gate.

Anchors (issue 13): text-dedup's Spark MinHash, and passim (92,514 articles in
about 5 minutes on 8 workers).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import dupes_speed  # noqa: E402  (sibling module: the corpus with families, scoring)
import ingest as harness  # noqa: E402  (measuring, machine, environment)


def corpuskit(*args: str) -> list[str]:
    return [sys.executable, "-m", "corpuskit", *args]


def listing(output: Path) -> dict:
    data = json.loads(output.read_text(encoding="utf-8"))
    return {
        "pairs": {(p["a"], p["b"], p["relation"]) for p in data["pairs"]},
        "clusters": sorted(tuple(c["documents"]) for c in data["clusters"]),
    }


def run(args: argparse.Namespace, workdir: Path) -> int:
    env = harness.child_env()
    corpus, truth, _ = dupes_speed.prepare_corpus(workdir, args.articles, args.families, args.seed, jobs=2)
    source = workdir / f"spark-{args.articles}.db"
    if not source.exists():
        subprocess.run(corpuskit("ingest", str(corpus), "--db", str(source), "--quiet"), env=env, check=True)
    rows, outputs = [], {}
    engines = {
        "local": [],
        f"spark {args.master}": ["--engine", "spark", "--master", args.master],
    }
    for name, extra in engines.items():
        db = workdir / f"run-{name.split()[0]}.db"
        dupes_speed._copy_store(source, db)
        output = workdir / f"pairs-{name.split()[0]}.json"
        command = corpuskit("dupes", "--db", str(db), "--quiet", "--format", "json", "--output", str(output), *extra)
        if args.time_limit and name != "local":
            command = ["timeout", str(args.time_limit), *command]
        started = time.perf_counter()
        try:
            measured = harness.run_measured_usage(command, env)
        except harness.IngestFailed as failed:
            seconds = time.perf_counter() - started
            print(f"{name}: did not finish ({seconds:.0f} s): {str(failed).splitlines()[0]}", file=sys.stderr)
            rows.append({"engine": name, "seconds": seconds, "finished": False})
            continue
        outputs[name] = output
        rows.append(
            {
                "engine": name,
                "seconds": measured.seconds,
                "cpu": measured.cpu_seconds,
                "largest_mb": measured.peak_rss_mb,
                "tree_mb": measured.tree_rss_mb,
                "finished": True,
            }
        )
        print(f"{name}: {measured.seconds:.1f} s", file=sys.stderr)
    documents = len(dupes_speed.document_ids(source, corpus))
    print(f"\n{args.articles:,} articles ({documents:,} documents)\n")
    print("\n".join(harness.machine_description()))
    print()
    print(table(rows))
    print()
    print(comparison(outputs, truth, dupes_speed.document_ids(source, corpus)))
    return 0


def table(rows: list[dict]) -> str:
    local = next((r["seconds"] for r in rows if r["engine"] == "local" and r["finished"]), None)
    lines = [
        "| engine | wall s | CPU s (corpuskit process) | largest process | process tree | time / local |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in rows:
        if not r["finished"]:
            lines.append(f"| {r['engine']} | stopped at {r['seconds']:.0f} | | | | not finished |")
            continue
        ratio = f"{r['seconds'] / local:.2f}" if local else ""
        # Spark's JVM and its Python workers are not children the command waits for: their CPU is
        # not in its rusage, so only the driver's is shown.
        cpu = f"{r['cpu']:.1f}" + (" (driver only)" if r["engine"] != "local" else "")
        lines.append(
            f"| {r['engine']} | {r['seconds']:.1f} | {cpu} | {r['largest_mb']:,.0f} MB "
            f"| {r['tree_mb']:,.0f} MB | {ratio} |"
        )
    return "\n".join(lines)


def comparison(outputs: dict[str, Path], truth: list[dict], ids: dict[str, int]) -> str:
    if len(outputs) < 2:
        return "(one engine did not finish: nothing to compare)"
    (local_name, local), (spark_name, spark) = outputs.items()
    a, b = listing(local), listing(spark)
    lines = [
        f"same pairs and relations: {'yes' if a['pairs'] == b['pairs'] else 'NO'} "
        f"({len(a['pairs']):,} local, {len(b['pairs']):,} Spark, "
        f"{len(a['pairs'] ^ b['pairs']):,} differ)",
        f"same clusters: {'yes' if a['clusters'] == b['clusters'] else 'NO'} ({len(a['clusters']):,})",
    ]
    for name, output in outputs.items():
        scored = dupes_speed.score(dupes_speed.corpuskit_pairs(output), truth, ids)
        recall, precision = scored["recall_all"], scored["precision"]
        lines.append(f"{name}: recall {dupes_speed._share(recall)}, precision {dupes_speed._share(precision)}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--families", type=float, default=0.2)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--master", default="local[2]")
    parser.add_argument("--time-limit", type=int, default=None, help="stop the Spark run after this many seconds")
    parser.add_argument("--workdir", type=Path, default=None, help="keep the corpus and stores here (reused)")
    args = parser.parse_args(argv)
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="corpuskit-spark-"))
    workdir.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    return run(args, workdir)


if __name__ == "__main__":
    sys.exit(main())
