"""Speed and memory of `corpuskit report` on a synthetic corpus with entities and dupes cached.

    python benchmarks/report_speed.py [--articles 10000] [--families 0.2] [--workdir DIR]

Generates (or reuses) the synthetic corpus with syndication families of
benchmarks/dupes_speed.py, ingests it, runs `corpuskit entities` and
`corpuskit dupes` once so their results are cached in the store (timed, but
not part of the target), then times `corpuskit report` in its own process:
JSON to a file (made from the stages' caches), and Markdown to a file (the
report kept in the store by the first, read back). Target (issue "Report"): a
10,000-article corpus, entities and dupes cached, in under 60 seconds on a
2-core machine. It reports; it does not gate.
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


def corpuskit(*args: str) -> list[str]:
    return [sys.executable, "-m", "corpuskit", *args]


def run(workdir: Path, articles: int, families: float, seed: int) -> list[dict]:
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
    if not db.exists():
        for name, args in setup:
            rows.append(_measure(name, corpuskit(*args), env))
    # The first report is made from the stages' caches; the second reads the kept report back.
    for fmt, what in (("json", "stages cached"), ("md", "the report kept: read back and rendered")):
        output = workdir / f"report.{fmt}"
        rows.append(
            _measure(
                f"report --format {fmt} ({what})",
                corpuskit("report", "--db", str(db), "--quiet", "--format", fmt, "--output", str(output)),
                env,
                target=True,
            )
        )
    report = json.loads((workdir / "report.json").read_text(encoding="utf-8"))
    summary = report["summary"]
    print(
        f"\n{summary['documents']:,} documents, {summary['stories']:,} stories "
        f"({summary['multi_source_stories']:,} with more than one document), {summary['findings']:,} findings"
    )
    return rows


def _measure(name: str, command: list[str], env: dict, target: bool = False) -> dict:
    seconds, peak_mb, _, _ = harness.run_measured(command, env)
    row = {
        "step": name,
        "seconds": seconds,
        "peak_mb": peak_mb,
        "met": ("yes" if seconds < TARGET_SECONDS else "**no**") if target else "",
    }
    print(f"{name}: {seconds:.1f} s, {peak_mb:,.0f} MB", file=sys.stderr)
    return row


def table(rows: list[dict]) -> str:
    lines = ["| step | seconds | peak RSS | under 60 s? |", "| --- | ---: | ---: | --- |"]
    lines += [f"| {r['step']} | {r['seconds']:.1f} | {r['peak_mb']:,.0f} MB | {r['met']} |" for r in rows]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--families", type=float, default=0.2)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workdir", type=Path, default=None, help="keep the corpus and store here (reused)")
    args = parser.parse_args(argv)
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="corpuskit-report-"))
    workdir.mkdir(parents=True, exist_ok=True)
    rows = run(workdir, args.articles, args.families, args.seed)
    print("\n" + "\n".join(harness.machine_description()))
    print("\n" + table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
