"""The Spark engine of `corpuskit dupes` against the local engine, on one machine.

    python benchmarks/spark_dupes.py [--articles 20000] [--families 0.2] [--master "local[2]"]
                                     [--engines local,spark,results] [--workdir DIR]
                                     [--time-limit SECONDS]

Generates (or reuses) the synthetic syndication corpus of benchmarks/dupes_speed.py
(see benchmarks/synthetic.py), ingests it once (untimed, or timed when it is new),
then in one run, each in its own process on its own copy of the store (nothing cached):

* ``local``: `corpuskit dupes --format json` on the local engine (this machine's cores);
* ``spark``: `corpuskit dupes --engine spark --master MASTER --format json`: the same
  stages as Spark jobs, the verdicts written back into the store (the JVM and its Python
  workers are measured with it);
* ``results``: the run for corpora whose store does not fit the driver: `corpuskit
  export --format parquet` (timed apart), then the whole run on Spark from the Parquet
  corpus to Parquet results (`dupes --engine spark --corpus ... --results ...`, made
  through the library so that each Spark stage's tasks are logged as they finish, with
  the time, into results-progress.jsonl).

It prints the wall and CPU seconds, the peak memory of the largest process and of
the whole process tree, the overhead of Spark on one machine (its time over the
local engine's), whether the runs give the same pairs (and how many differ, if any),
and recall and precision against the corpus's ground truth. With --time-limit a
Spark run that takes longer is stopped and reported as not finished, with how far it
got (the stage, its tasks done) and the stages it finished and when (for the
million-article run, whose figure for a cluster is a projection, stated as one).
It reports; it does not gate.

Anchors (issue 13): text-dedup's Spark MinHash, and passim (92,514 articles in
about 5 minutes on 8 workers).
"""

from __future__ import annotations

import argparse
import json
import os
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
        ingested = harness.run_measured_usage(corpuskit("ingest", str(corpus), "--db", str(source), "--quiet"), env)
        print(f"ingest: {ingested.seconds:.1f} s, {ingested.peak_rss_mb:,.0f} MB", file=sys.stderr)
    wanted = args.engines.split(",")
    rows, outputs = [], {}
    for name in wanted:
        if name == "results":
            row, output = results_run(args, workdir, source, env)
        else:
            row, output = store_run(name, args, workdir, source, env)
        rows.append(row)
        if output is not None:
            outputs[row["engine"]] = output
    ids = dupes_speed.document_ids(source, corpus)
    print(f"\n{args.articles:,} articles ({len(ids):,} documents)\n")
    print("\n".join(harness.machine_description()))
    print()
    print(table(rows))
    print()
    print(comparison(outputs, truth, ids))
    for row in rows:
        if row.get("stages"):
            print(f"\n{row['engine']}, stages (seconds from the start of the Spark run):")
            print("\n".join(row["stages"]))
    return 0


def store_run(name: str, args: argparse.Namespace, workdir: Path, source: Path, env: dict) -> tuple[dict, Path | None]:
    """`corpuskit dupes` on a copy of the store, locally or on Spark: its row and its JSON listing."""
    extra = ["--engine", "spark", "--master", args.master] if name == "spark" else []
    label = f"spark {args.master}" if name == "spark" else "local"
    db = workdir / f"run-{name}.db"
    dupes_speed._copy_store(source, db)
    output = workdir / f"pairs-{name}.json"
    command = corpuskit("dupes", "--db", str(db), "--quiet", "--format", "json", "--output", str(output), *extra)
    if args.time_limit and name != "local":
        command = ["timeout", str(args.time_limit), *command]
    started = time.perf_counter()
    try:
        measured = harness.run_measured_usage(command, env)
    except harness.IngestFailed as failed:
        seconds = time.perf_counter() - started
        print(f"{label}: did not finish ({seconds:.0f} s): {str(failed).splitlines()[0]}", file=sys.stderr)
        return {"engine": label, "seconds": seconds, "finished": False}, None
    print(f"{label}: {measured.seconds:.1f} s", file=sys.stderr)
    return _row(label, measured), output


# The run of `dupes --engine spark --corpus C --results R`, through the library so that its
# progress is logged: one line a stage's tasks, as JSON (seconds, stage, done, total).
RESULTS_RUN = """
import json, sys, time
from corpuskit.config import load_config
from corpuskit.engines.spark import SparkDupes, spark_session
master, corpus, results, log = sys.argv[1:5]
start, last = time.monotonic(), {}
def told(stage, done, total, out=open(log, "w", encoding="utf-8")):
    now = time.monotonic() - start
    if done == total or now - last.get(stage, -60) >= 30:
        last[stage] = now
        out.write(json.dumps([round(now, 1), stage, done, total]) + "\\n")
        out.flush()
session = spark_session(master)
written = SparkDupes(session, corpus).write_results(results, load_config(None).dupes, told)
told("written", 1, 1)
print(json.dumps(written))
"""


def results_run(args: argparse.Namespace, workdir: Path, source: Path, env: dict) -> tuple[dict, Path | None]:
    """Export, then the whole run on Spark to Parquet: its row (export timed apart) and the pairs it wrote."""
    label = f"spark {args.master}, --results"
    exported = workdir / "export"
    export = harness.run_measured_usage(
        corpuskit("export", "--db", str(source), "--format", "parquet", str(exported)), env
    )
    print(f"export: {export.seconds:.1f} s", file=sys.stderr)
    results, log = workdir / "results", workdir / "results-progress.jsonl"
    command = [
        sys.executable,
        "-c",
        RESULTS_RUN,
        args.master,
        str(exported / "documents.parquet"),
        str(results),
        str(log),
    ]
    if args.time_limit:
        command = ["timeout", str(args.time_limit), *command]
    started = time.perf_counter()
    try:
        measured = harness.run_measured_usage(command, env)
    except harness.IngestFailed as failed:
        seconds = time.perf_counter() - started
        print(f"{label}: did not finish ({seconds:.0f} s): {str(failed).splitlines()[0]}", file=sys.stderr)
        return {"engine": label, "seconds": seconds, "finished": False, "stages": stage_lines(log)}, None
    print(f"{label}: {measured.seconds:.1f} s", file=sys.stderr)
    row = _row(label, measured) | {"export": export.seconds, "stages": stage_lines(log)}
    output = workdir / "pairs-results.json"
    output.write_text(
        json.dumps(
            {"pairs": parquet_rows(results / "pairs.parquet"), "clusters": parquet_rows(results / "clusters.parquet")}
        )
    )
    return row, output


def parquet_rows(path: Path) -> list[dict]:
    import pyarrow.dataset as ds

    return ds.dataset(path, format="parquet").to_table().to_pylist()


def stage_lines(log: Path) -> list[str]:
    """Each stage's last line of the progress log: when it was seen, its tasks done of all."""
    last: dict[str, tuple[float, int, int]] = {}
    if log.exists():
        for line in log.read_text(encoding="utf-8").splitlines():
            seconds, stage, done, total = json.loads(line)
            last[stage] = (seconds, done, total)
    return [
        f"- {stage}: {done:,} of {total:,} tasks at {seconds:,.0f} s" for stage, (seconds, done, total) in last.items()
    ]


def _row(label: str, measured: harness.Measured) -> dict:
    return {
        "engine": label,
        "seconds": measured.seconds,
        "cpu": measured.cpu_seconds,
        "largest_mb": measured.peak_rss_mb,
        "tree_mb": measured.tree_rss_mb,
        "finished": True,
    }


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
        wall = f"{r['seconds']:.1f}" + (f" (and export {r['export']:.1f})" if "export" in r else "")
        lines.append(
            f"| {r['engine']} | {wall} | {cpu} | {r['largest_mb']:,.0f} MB | {r['tree_mb']:,.0f} MB | {ratio} |"
        )
    return "\n".join(lines)


def comparison(outputs: dict[str, Path], truth: list[dict], ids: dict[str, int]) -> str:
    if len(outputs) < 1:
        return "(no run finished: nothing to compare)"
    listings = {name: listing(output) for name, output in outputs.items()}
    (first_name, first), *others = listings.items()
    lines = []
    for name, other in others:
        lines.append(
            f"{name} against {first_name}: same pairs and relations: "
            f"{'yes' if first['pairs'] == other['pairs'] else 'NO'} ({len(other['pairs']):,} against "
            f"{len(first['pairs']):,}, {len(first['pairs'] ^ other['pairs']):,} differ); same clusters: "
            f"{'yes' if first['clusters'] == other['clusters'] else 'NO'} ({len(other['clusters']):,})"
        )
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
    parser.add_argument(
        "--engines", default="local,spark,results", help="which runs, in order: local, spark, results (comma-separated)"
    )
    parser.add_argument("--time-limit", type=int, default=None, help="stop the Spark run after this many seconds")
    parser.add_argument("--workdir", type=Path, default=None, help="keep the corpus and stores here (reused)")
    args = parser.parse_args(argv)
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="corpuskit-spark-"))
    workdir.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    return run(args, workdir)


if __name__ == "__main__":
    sys.exit(main())
