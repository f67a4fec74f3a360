"""Speed and memory of `corpuskit report` on a synthetic corpus with entities and dupes cached.

    python benchmarks/report_speed.py [--articles 10000] [--families 0.2] [--workdir DIR] [--lazy-names]

Generates (or reuses) the synthetic corpus with syndication families of
benchmarks/dupes_speed.py, ingests it, runs `corpuskit entities` and
`corpuskit dupes` once so their results are cached in the store (timed, but
not part of the target), then times `corpuskit report` in its own process:
JSON to a file (made from the stages' caches), and Markdown to a file (the
report kept in the store by the first, read back). Target (issue "Report"): a
10,000-article corpus, entities and dupes cached, in under 60 seconds on a
2-core machine; at 100,000 articles, the report again (kept, read back) in
under 2 minutes and 2 GB. With --lazy-names `entities` is not run first: the
first report finds names only where a finding can use them (the way a user
runs it), which at 100,000 articles saves a resolution of every mention. What
each step prints is kept in the work directory (`<step>.log`), to watch a run
of hours. It reports; it does not gate.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import dupes_speed  # noqa: E402  (sibling module: the corpus with families)
import ingest as harness  # noqa: E402  (measuring, machine, environment)

TARGET_SECONDS = 60.0
KEPT_TARGET_SECONDS = 120.0  # the report read back, at 100,000 articles
KEPT_TARGET_MB = 2048.0


def corpuskit(*args: str) -> list[str]:
    return [sys.executable, "-m", "corpuskit", *args]


def run(workdir: Path, articles: int, families: float, seed: int, lazy_names: bool = False) -> list[dict]:
    corpus, _, _ = dupes_speed.prepare_corpus(workdir, articles, families, seed, jobs=2)
    db = workdir / f"report-{articles}.db"
    env = harness.child_env()
    rows = []
    setup = [
        ("ingest", ["ingest", str(corpus), "--db", str(db), "--quiet"]),
        (
            "entities (first run, NER)",
            ["entities", "--db", str(db), "--quiet", "--format", "json", "--output", str(workdir / "entities.json")],
        ),
        (
            "dupes (first run)",
            ["dupes", "--db", str(db), "--quiet", "--format", "json", "--output", str(workdir / "dupes.json")],
        ),
    ]
    if lazy_names:
        setup = [step for step in setup if not step[0].startswith("entities")]
    if not db.exists():
        for name, args in setup:
            rows.append(_measure(name, corpuskit(*args), env, workdir))
    # The first report is made from the stages' caches; the second reads the kept report back.
    first = "names found by the report" if lazy_names else "stages cached"
    for fmt, what in (("json", first), ("md", "the report kept: read back and rendered")):
        output = workdir / f"report.{fmt}"
        rows.append(
            _measure(
                f"report --format {fmt} ({what})",
                corpuskit("report", "--db", str(db), "--format", fmt, "--output", str(output)),
                env,
                workdir,
                kept=fmt == "md",
            )
        )
    report = json.loads((workdir / "report.json").read_text(encoding="utf-8"))
    summary = report["summary"]
    print(
        f"\n{summary['documents']:,} documents, {summary['stories']:,} stories "
        f"({summary['multi_source_stories']:,} with more than one document), {summary['findings']:,} findings"
    )
    return rows


def _measure(name: str, command: list[str], env: dict, workdir: Path, kept: bool | None = None) -> dict:
    log = workdir / (name.split(" (")[0].replace(" ", "_").replace("-", "") + ".log")
    measured = harness.run_measured_usage(command, env, log)
    row = {
        "step": name,
        "seconds": measured.seconds,
        "cpu_seconds": measured.cpu_seconds,
        "peak_mb": measured.peak_rss_mb,
        "tree_mb": measured.tree_rss_mb,
        "met": "" if kept is None else _verdict(measured, kept),
    }
    print(f"{name}: {measured.seconds:.1f} s, {measured.peak_rss_mb:,.0f} MB", file=sys.stderr, flush=True)
    return row


def _verdict(measured: harness.Measured, kept: bool) -> str:
    if kept:  # the 100,000-article target; the 60 s one is for a report made from the stages' caches
        met = measured.seconds < KEPT_TARGET_SECONDS and measured.tree_rss_mb < KEPT_TARGET_MB
        return ("yes" if met else "**no**") + " (< 2 min, < 2 GB)"
    return ("yes" if measured.seconds < TARGET_SECONDS else "**no**") + " (< 60 s)"


def table(rows: list[dict]) -> str:
    lines = [
        "| step | seconds | CPU seconds | peak RSS (largest process) | peak RSS (process tree) | target met? |",
        "| --- | ---: | ---: | ---: | ---: | --- |",
    ]
    lines += [
        f"| {r['step']} | {r['seconds']:.1f} | {r['cpu_seconds']:.1f} | {r['peak_mb']:,.0f} MB "
        f"| {r['tree_mb']:,.0f} MB | {r['met']} |"
        for r in rows
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--families", type=float, default=0.2)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workdir", type=Path, default=None, help="keep the corpus and store here (reused)")
    parser.add_argument("--lazy-names", action="store_true", help="no `entities` first: the report finds the names")
    args = parser.parse_args(argv)
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="corpuskit-report-"))
    workdir.mkdir(parents=True, exist_ok=True)
    rows = run(workdir, args.articles, args.families, args.seed, args.lazy_names)
    print("\n" + "\n".join(harness.machine_description()))
    print("\n" + table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
