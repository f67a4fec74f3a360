"""`corpuskit report` on real news text against the floor of bare NER on two cores.

    python benchmarks/report_real.py [--meter-dir ../shared/eval/meter-courts]
        [--polnear-dir ../shared/eval/polnear | --no-polnear] [--workdir DIR] [--processes 2] [--shared-floor]

The data is not part of this repository (research use only): the METER
courts split (PA wire copy and the newspaper articles written from it, UK
courts news of 1999-2000) and, when its folder is there, PolNeAR (articles
of seven US publishers on the 2016 campaign).  Both are real English news
with names, numbers and quotes.  Their files are copied into a temporary
folder (``meter/...`` with their paths relative to the METER folder,
``polnear/<split>/...``) with one ``sources.csv`` manifest: METER's PA texts
get the outlet "Press Association" and their folder's day, its newspaper
articles their paper and the next morning (as ``benchmarks/findings.py``);
PolNeAR's articles their publisher, publication date and title from its
``metadata.tsv``.  Then ``corpuskit ingest`` stores them, and each of these
runs in its own process, one after the other, on that one store:

1. bare ``nlp.pipe`` over every stored text with the pipeline corpuskit uses
   (``corpuskit.nlp.load_pipeline``) on ``--processes`` cores: the floor, the model loaded
   once and that many forked processes each piping its share of the texts (what NER alone
   costs on this machine); then the same with ``n_process`` (spaCy's way, whose parent also
   rebuilds every document the workers send back), and with ``--shared-floor`` the pipeline
   with the model's shared tok2vec, which corpuskit ran before it saw that no kept component
   listens to it (the floor of earlier measurements);
2. ``corpuskit report --format json --output F --quiet``, first run (dupes,
   NER, facts, grouping and findings, all from scratch after the ingest);
3. the same report again, everything cached;
4. ``corpuskit entities --format json`` afterwards (NER of whatever the
   report left out, then resolution), for information.

It prints the machine, the load average before each run, a Markdown table of
wall seconds, CPU seconds (user + system of the process and the workers it
waited for) and peak RSS (largest single process), and the ratios of the two
reports to each floor against their targets (first report at most 1.0 times
the floor, cached under 0.1), then how many documents and texts got NER in the
report and how many are in stories of more than one document.  It reports;
it does not gate (exit 0 unless a command fails).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import findings  # noqa: E402  (sibling module: METER's files, outlets and dates)
import ingest as harness  # noqa: E402  (sibling module: measuring, machine, environment)

REPO = Path(__file__).resolve().parent.parent
FIRST_RATIO_TARGET = 1.0
CACHED_RATIO_TARGET = 0.1

# Run as `python -c BARE_PIPE DB N MODE`, in a process of its own. MODE "halves": the model loaded
# once, then N forked processes each piping every Nth text (the floor: NER and nothing else on N
# cores); "n_process": one nlp.pipe with n_process=N (spaCy's own way, whose parent process also
# rebuilds every document the workers send back); "shared": as "n_process", with the pipeline as
# corpuskit loaded it before it left out the model's shared tok2vec, which no kept component
# listens to (the floor of earlier measurements).
BARE_PIPE = """
import os, sys
import spacy
from corpuskit import nlp as corpuskit_nlp
from corpuskit.store import Store

store = Store.open(sys.argv[1], create=False)
texts = [body for _, body in store.text_bodies(store.all_text_ids())]
processes, mode = int(sys.argv[2]), sys.argv[3]
if mode == "shared":
    excluded = ["parser", "tagger", "lemmatizer", "attribute_ruler", "senter", "morphologizer"]
    nlp = spacy.load(corpuskit_nlp.resolve_model_name(), exclude=excluded)
    ruler = nlp.add_pipe("entity_ruler", before="ner", config={"overwrite_ents": True})
    ruler.add_patterns(corpuskit_nlp._RULER_PATTERNS)
else:
    nlp = corpuskit_nlp.load_pipeline()
print(nlp.pipe_names, flush=True)
if mode == "halves":
    children = []
    for part in range(processes):
        child = os.fork()
        if child == 0:
            names = sum(len(doc.ents) for doc in nlp.pipe(texts[part::processes], batch_size=32))
            print(f"part {part}: {len(texts[part::processes])} texts, {names} names", flush=True)
            os._exit(0)
        children.append(child)
    for child in children:
        os.waitpid(child, 0)
else:
    names = sum(len(doc.ents) for doc in nlp.pipe(texts, batch_size=32, n_process=processes))
    print(f"{len(texts)} texts, {names} names")
"""

COUNT_NER = """
import json, sys
from corpuskit.nlp import pipeline_key
from corpuskit.store import Store

store = Store.open(sys.argv[1], create=False)
print(json.dumps(store.mention_counts(pipeline_key())))
"""


def corpuskit(*args: str) -> list[str]:
    return [sys.executable, "-m", "corpuskit", *args]


def write_corpus(meter: Path, polnear: Path | None, corpus: Path) -> dict[str, int]:
    """The real texts as files under ``corpus`` with one sources.csv; files per collection."""
    rows: list[tuple[str, str, str, str]] = []  # (file, outlet, published, title)
    for relative, outlet, published in findings.meter_files(meter):
        rows.append((_copy(meter / relative, corpus / "meter" / relative, corpus), outlet, published, ""))
    counts = {"METER": len(rows)}
    if polnear is not None:
        meta = {}
        with open(polnear / "metadata.tsv", newline="", encoding="utf-8") as handle:
            for row in csv.DictReader(handle, delimiter="\t"):
                meta[(row["compartment"], row["filename"])] = row
        for split in ("train", "dev"):
            for path in sorted((polnear / split / "text").glob("*.txt")):
                row = meta.get((split, path.stem), {})
                target = corpus / "polnear" / split / path.name
                rows.append(
                    (
                        _copy(path, target, corpus),
                        row.get("publisher", ""),
                        row.get("publication_date", ""),
                        row.get("title", ""),
                    )
                )
        counts["PolNeAR"] = len(rows) - counts["METER"]
    with open(corpus / "sources.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["file", "outlet", "published", "title"])
        writer.writerows(rows)
    return counts


def _copy(source: Path, target: Path, corpus: Path) -> str:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    return target.relative_to(corpus).as_posix()


def load_average() -> str:
    return " / ".join(f"{x:.2f}" for x in os.getloadavg())


def measure(step: str, command: list[str], env: dict[str, str]) -> dict:
    load = load_average()
    print(f"running: {step} (load {load}) ...", file=sys.stderr, flush=True)
    measured = harness.run_measured_usage(command, env)
    print(f"  {measured.seconds:.1f} s, {measured.cpu_seconds:.1f} s CPU", file=sys.stderr, flush=True)
    return {
        "step": step,
        "seconds": measured.seconds,
        "cpu": measured.cpu_seconds,
        "peak_mb": measured.peak_rss_mb,
        "processes": measured.processes,
        "load": load,
        "output": measured.output,
    }


def table(rows: list[dict]) -> str:
    lines = [
        "| run | seconds | CPU seconds | peak RSS | processes | load at start |",
        "| --- | ---: | ---: | ---: | ---: | --- |",
    ]
    lines += [
        f"| {r['step']} | {r['seconds']:.1f} | {r['cpu']:.1f} | {r['peak_mb']:,.0f} MB | {r['processes']} | {r['load']} |"
        for r in rows
    ]
    return "\n".join(lines)


def ratios(floors: list[dict], first: dict, cached: dict) -> str:
    """Wall seconds of the two reports over each floor's, against the targets."""
    lines = [
        f"| floor | first report / floor (target ≤ {FIRST_RATIO_TARGET:g}) | "
        f"cached report / floor (target < {CACHED_RATIO_TARGET:g}) | the same in CPU seconds |",
        "| --- | ---: | ---: | --- |",
    ]
    for floor in floors:
        one, again = first["seconds"] / floor["seconds"], cached["seconds"] / floor["seconds"]
        lines.append(
            f"| {floor['step']} | {one:.2f} ({'met' if one <= FIRST_RATIO_TARGET else '**not met**'}) | "
            f"{again:.2f} ({'met' if again < CACHED_RATIO_TARGET else '**not met**'}) | "
            f"{first['cpu'] / floor['cpu']:.2f} / {cached['cpu'] / floor['cpu']:.2f} |"
        )
    return "\n".join(lines)


def run(args: argparse.Namespace, workdir: Path) -> int:
    polnear = None if args.no_polnear or not (args.polnear_dir / "metadata.tsv").is_file() else args.polnear_dir
    corpus = workdir / "corpus"
    if corpus.exists():
        shutil.rmtree(corpus)
    counts = write_corpus(args.meter_dir, polnear, corpus)
    db = workdir / "store.db"
    for leftover in (db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")):
        leftover.unlink(missing_ok=True)
    env = harness.child_env()
    report_json = workdir / "report.json"
    report = corpuskit("report", "--db", str(db), "--format", "json", "--output", str(report_json), "--quiet")
    print("## Machine\n")
    print("\n".join(harness.machine_description()))
    started = time.perf_counter()
    ingest = measure("ingest", corpuskit("ingest", str(corpus), "--db", str(db), "--quiet"), env)
    floors = [
        measure(
            f"bare `nlp.pipe`, {args.processes} forked processes each taking 1/{args.processes} (the floor)",
            [sys.executable, "-c", BARE_PIPE, str(db), str(args.processes), "halves"],
            env,
        ),
        measure(
            f"bare `nlp.pipe`, n_process={args.processes}",
            [sys.executable, "-c", BARE_PIPE, str(db), str(args.processes), "n_process"],
            env,
        ),
    ]
    if args.shared_floor:
        floors.append(
            measure(
                f"bare `nlp.pipe` with the shared tok2vec too, n_process={args.processes}",
                [sys.executable, "-c", BARE_PIPE, str(db), str(args.processes), "shared"],
                env,
            )
        )
    first = measure("`report`, first run (dupes, NER, facts, findings)", report, env)
    ner = json.loads(harness.run_measured_usage([sys.executable, "-c", COUNT_NER, str(db)], env).output)
    cached = measure("`report` again, all cached", report, env)
    built = json.loads(report_json.read_text(encoding="utf-8"))
    entities = measure(
        "`entities` after the report (NER of the rest, resolution)",
        corpuskit("entities", "--db", str(db), "--format", "json", "--output", str(workdir / "entities.json"), "-q"),
        env,
    )
    after = json.loads(harness.run_measured_usage([sys.executable, "-c", COUNT_NER, str(db)], env).output)
    in_stories = sum(len(s["documents"]) for s in built["stories"] if len(s["documents"]) > 1)
    summary = built["summary"]
    print(
        f"\n## Corpus\n\n- {', '.join(f'{name} {n:,} files' for name, n in counts.items())}; "
        f"{summary['documents']:,} documents, {after['all_texts']:,} stored texts, "
        f"{after['characters'] / 1e6:.1f} M characters ({floors[1]['output'].splitlines()[-1]} in the bare pipe)"
    )
    print(
        f"- report: {summary['stories']:,} stories, {summary['multi_source_stories']:,} of more than one "
        f"document holding {in_stories:,} documents; {summary['findings']:,} findings"
    )
    print(
        f"- NER in the first report: {ner['documents']:,} of {summary['documents']:,} documents "
        f"({ner['texts']:,} of {after['all_texts']:,} texts); after `entities`: {after['documents']:,} documents"
    )
    print(f"- ingest (not part of the targets): {ingest['seconds']:.1f} s, {ingest['cpu']:.1f} s CPU")
    print(f"- whole benchmark {time.perf_counter() - started:.0f} s; load average at the end {load_average()}")
    print("\n## Results\n")
    print(table([*floors, first, cached, entities]))
    print("\nPipelines: " + "; ".join(f"{f['output'].splitlines()[0]} ({f['step']})" for f in floors))
    print("\n" + ratios(floors, first, cached))
    print(
        "\nRatios are wall seconds over the floor's (CPU seconds in the last column). CPU seconds count "
        "the process and the worker processes it waited for; peak RSS is the largest single process."
    )
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--meter-dir", type=Path, default=REPO.parent / "shared" / "eval" / "meter-courts")
    parser.add_argument("--polnear-dir", type=Path, default=REPO.parent / "shared" / "eval" / "polnear")
    parser.add_argument("--no-polnear", action="store_true", help="METER only")
    parser.add_argument("--processes", type=int, default=2, help="processes of the bare pipe (the floor)")
    parser.add_argument(
        "--shared-floor", action="store_true", help="also time the pipeline with the model's shared tok2vec"
    )
    parser.add_argument("--workdir", type=Path, help="keep the corpus copy, store and report here (a new folder)")
    args = parser.parse_args(argv)
    if not (args.meter_dir / "pairs.tsv").is_file():
        print(f"report_real.py: no pairs.tsv in {args.meter_dir} (pass --meter-dir)", file=sys.stderr)
        return 2
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="corpuskit-report-real-"))
    workdir.mkdir(parents=True, exist_ok=True)
    try:
        return run(args, workdir)
    except harness.IngestFailed as failed:
        print(f"report_real.py: {failed}", file=sys.stderr)
        return 1
    finally:
        if not args.workdir:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
