"""Entities stage overhead: the whole `corpuskit entities` run against bare nlp.pipe.

    python benchmarks/entities_speed.py [--articles 10000] [--workdir DIR]

Generates (or reuses) a synthetic plain-text corpus, ingests it, then in one
run measures, on the same stored texts and with the same model and
components (corpuskit.nlp.load_pipeline):

* bare: a process that only loads the pipeline and runs nlp.pipe over the texts;
* entities, first run: `corpuskit entities` with nothing cached (NER, cache
  writes, resolution, JSON rendering);
* entities, cached: the same command again (no NLP work at all).

Target (issue "Entities"): first run at most 1.2 times the bare pipe.
It reports; it does not gate (exit 0 unless a command fails).
"""

from __future__ import annotations

import argparse
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import ingest as harness  # noqa: E402  (sibling module: corpus, measuring, machine)

BARE_PIPE = """
import sqlite3, sys, time
from corpuskit.nlp import load_pipeline
nlp = load_pipeline()
texts = [row[0] for row in sqlite3.connect(sys.argv[1]).execute("SELECT body FROM texts ORDER BY id")]
started = time.perf_counter()
for _ in nlp.pipe(texts, batch_size=32):
    pass
print(f"pipe-only {time.perf_counter() - started:.3f}")
"""


def run(args: argparse.Namespace, workdir: Path) -> int:
    env = harness.child_env()
    corpus = harness.prepare_corpus(workdir, args.articles, "txt", args.seed, jobs=2)
    db = workdir / f"entities-{args.articles}.db"
    for stale in workdir.glob(f"{db.name}*"):
        stale.unlink()
    harness.run_measured(harness.ingest_command(corpus.path, db, []), env)
    words = sum(len(body.split()) for (body,) in sqlite3.connect(db).execute("SELECT body FROM texts"))

    print("\n".join(["## Machine", "", *harness.machine_description(), ""]))
    print(f"## Corpus\n\n- {args.articles:,} synthetic plain-text articles, {words:,} words\n")
    bare, bare_rss, _, _ = harness.run_measured([sys.executable, "-c", BARE_PIPE, str(db)], env)
    entities = [
        sys.executable,
        "-m",
        "corpuskit",
        "entities",
        "--db",
        str(db),
        "--format",
        "json",
        "--output",
        str(workdir / "entities.json"),
        "--quiet",
    ]
    first, first_rss, _, _ = harness.run_measured(entities, env)
    cached, cached_rss, _, _ = harness.run_measured(entities, env)
    resolve_only = _time_resolution(db, env)

    ratio = first / bare
    rows = [
        ("bare nlp.pipe (model load included)", bare, bare_rss, "", ""),
        ("corpuskit entities, nothing cached", first, first_rss, "≤ 1.2 × bare", "yes" if ratio <= 1.2 else "**no**"),
        ("corpuskit entities, all cached", cached, cached_rss, "", ""),
        ("resolution alone (in process)", resolve_only, None, "", ""),
    ]
    print("## Results\n")
    print("| step | seconds | words/s | peak RSS (MB) | target | met? |")
    print("| --- | ---: | ---: | ---: | --- | --- |")
    for name, seconds, rss, target, met in rows:
        rss_text = f"{rss:.0f}" if rss is not None else ""
        print(f"| {name} | {seconds:.1f} | {words / seconds:,.0f} | {rss_text} | {target} | {met} |")
    print(f"\n- ratio entities / bare: {ratio:.2f}")
    return 0


def _time_resolution(db: Path, env: dict) -> float:
    code = (
        "import sys, time\nfrom corpuskit.store import Store\nfrom corpuskit.entities import resolve\n"
        "from corpuskit.entities.cache import corpus_mentions\n"
        "mentions = list(corpus_mentions(Store.open(sys.argv[1])))\nstarted = time.perf_counter()\n"
        "resolve(mentions)\nprint(time.perf_counter() - started)\n"
    )
    output = subprocess.run([sys.executable, "-c", code, str(db)], env=env, capture_output=True, text=True, check=True)
    return float(output.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workdir", type=Path, help="keep the corpus and store here (default: a temporary folder)")
    args = parser.parse_args(argv)
    if args.workdir:
        args.workdir.mkdir(parents=True, exist_ok=True)
        return run(args, args.workdir)
    with tempfile.TemporaryDirectory(prefix="corpuskit-entities-bench-") as folder:
        return run(args, Path(folder))


if __name__ == "__main__":
    started = time.perf_counter()
    code = main()
    print(f"\n(benchmark wall time {time.perf_counter() - started:.0f} s)")
    sys.exit(code)
