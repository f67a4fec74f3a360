"""Ingest speed benchmark for corpuskit.

Usage::

    python benchmarks/ingest.py [--articles 10000] [--formats txt] [--workdir DIR] [--keep]

Generates a synthetic corpus (or reuses one already in the work folder),
then times three runs of ``corpuskit ingest CORPUS --db DB --quiet``, each in
its own process:

1. a first ingest into a new store,
2. a re-ingest of the unchanged folder,
3. a re-ingest after rewriting the content of 1% of the files.

It prints the machine and a Markdown table of wall time, documents per
second and peak memory against the targets. It reports and does not gate:
the exit status is 0 when targets are missed, non-zero only when an ingest
command fails.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import platform
import random
import shlex
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import synthetic  # noqa: E402  (sibling module, not an installed package)

REPO = Path(__file__).resolve().parent.parent

# Targets, stated for 10,000 plain-text articles; time targets scale
# linearly with the number of articles, the memory target does not.
TARGET_ARTICLES = 10_000
FIRST_INGEST_SECONDS = 30.0
UNCHANGED_REINGEST_SECONDS = 5.0
PEAK_RSS_MB = 500.0
MODIFIED_SHARE = 0.01
SAMPLE_INTERVAL = 0.05  # seconds between samples of the process tree's RSS


@dataclass
class Measurement:
    step: str
    documents: int
    seconds: float
    peak_rss_mb: float  # largest single process, from wait4
    tree_rss_mb: float  # largest sampled sum over the process tree
    processes: int  # most processes seen at once in the tree
    target_seconds: float | None

    @property
    def docs_per_second(self) -> float:
        return self.documents / self.seconds if self.seconds else float("inf")

    def verdict(self) -> str:
        missed = []
        if self.target_seconds is not None and self.seconds >= self.target_seconds:
            missed.append("time")
        if max(self.peak_rss_mb, self.tree_rss_mb) >= PEAK_RSS_MB:
            missed.append("memory")
        return "yes" if not missed else f"**no** ({', '.join(missed)})"

    def target(self) -> str:
        memory = f"< {PEAK_RSS_MB:.0f} MB"
        if self.target_seconds is None:
            return memory
        return f"< {self.target_seconds:g} s, {memory}"


class IngestFailed(RuntimeError):
    pass


# --------------------------------------------------------------------------
# Measuring one command
# --------------------------------------------------------------------------


class TreeSampler(threading.Thread):
    """Samples the summed RSS of a process and its descendants.

    wait4 reports the peak of the largest single process in the tree; if
    ingest starts worker processes, their memory adds up, which only
    sampling shows (sums of RSS count shared pages more than once, so this
    is an upper bound)."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.peak_kb = 0
        self.most_processes = 0
        self._stop_event = threading.Event()

    def run(self) -> None:
        if not Path("/proc").is_dir():
            return
        while not self._stop_event.is_set():
            pids = self._tree(self.pid)
            self.most_processes = max(self.most_processes, len(pids))
            self.peak_kb = max(self.peak_kb, sum(_rss_kb(pid) for pid in pids))
            self._stop_event.wait(SAMPLE_INTERVAL)

    def stop(self) -> None:
        self._stop_event.set()
        self.join()

    @staticmethod
    def _tree(root: int) -> list[int]:
        # /proc/PID/task/*/children is not on every kernel (nor in gVisor),
        # so build the tree from every process's parent id instead.
        children: dict[int, list[int]] = {}
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                parent = _ppid(entry)
                if parent is not None:
                    children.setdefault(parent, []).append(int(entry.name))
        pids, pending = [], [root]
        while pending:
            pid = pending.pop()
            pids.append(pid)
            pending += children.get(pid, [])
        return pids


def _ppid(proc_entry: Path) -> int | None:
    try:
        # The command name in parentheses may hold spaces: split after it.
        return int((proc_entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, IndexError, ValueError):
        return None  # the process ended between listing and reading


def _rss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0  # gone, or a zombie (no VmRSS line)


def _maxrss_mb(usage) -> float:
    # ru_maxrss is in kilobytes on Linux, in bytes on macOS.
    return usage.ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)


@dataclass
class Measured:
    """One command's run: wall seconds, CPU seconds (user + system, its own and those of the
    children it waited for), peak RSS MB of the largest process, peak summed RSS MB of the
    process tree, most processes at once, and what it printed."""

    seconds: float
    cpu_seconds: float
    peak_rss_mb: float
    tree_rss_mb: float
    processes: int
    output: str


def run_measured(command: list[str], env: dict[str, str]) -> tuple[float, float, float, int]:
    """Run ``command``; return (seconds, peak RSS MB of the largest process,
    peak summed RSS MB of the process tree, most processes at once)."""
    measured = run_measured_usage(command, env)
    return measured.seconds, measured.peak_rss_mb, measured.tree_rss_mb, measured.processes


def run_measured_usage(command: list[str], env: dict[str, str], log: Path | None = None) -> Measured:
    """Run ``command`` and measure it (``Measured``); with ``log``, what it prints is
    also kept in that file as it comes, so a run of hours can be watched.

    os.wait4 returns the rusage of this one child (including the children
    it waited for), unlike getrusage(RUSAGE_CHILDREN), which is a running
    maximum over every child this benchmark ever had."""
    with open(log, "w+b") if log else tempfile.TemporaryFile() as output:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT, env=env)
        sampler = TreeSampler(process.pid)
        sampler.start()
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        sampler.stop()
        process.returncode = os.waitstatus_to_exitcode(status)  # we reaped it, not Popen
        output.seek(0)
        printed = output.read().decode("utf-8", "replace")
        if process.returncode != 0:
            raise IngestFailed(f"{shlex.join(command)} exited with {process.returncode}:\n{printed[-3000:]}")
    return Measured(
        seconds,
        usage.ru_utime + usage.ru_stime,
        _maxrss_mb(usage),
        sampler.peak_kb / 1024,
        sampler.most_processes,
        printed,
    )


def ingest_command(corpus: Path, db: Path, extra: list[str]) -> list[str]:
    # sys.executable -m: no need for the console script to be on PATH.
    return [sys.executable, "-m", "corpuskit", "ingest", str(corpus), "--db", str(db), "--quiet", *extra]


def child_env() -> dict[str, str]:
    """Make the child import corpuskit from this checkout's src/, so the
    benchmark measures the working tree even if another copy is installed."""
    env = dict(os.environ)
    src = REPO / "src"
    if src.is_dir():
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(src), env.get("PYTHONPATH")]))
    return env


# --------------------------------------------------------------------------
# The corpus: generate once, reuse, modify 1% and put it back
# --------------------------------------------------------------------------


@dataclass
class Corpus:
    path: Path
    ready_marker: Path  # written once generation has finished
    dirty_marker: Path  # present while files are modified
    articles: int
    generated_in: float | None  # None when reused


def prepare_corpus(workdir: Path, articles: int, formats: str, seed: int, jobs: int) -> Corpus:
    name = f"corpus-{formats}-{articles}-seed{seed}"
    corpus = Corpus(workdir / name, workdir / f"{name}.ready", workdir / f"{name}.modified", articles, None)
    if corpus.ready_marker.exists() and not corpus.dirty_marker.exists():
        return corpus
    # Half-written, or left modified by an interrupted run: start again.
    # Only this benchmark's own corpus folder is removed.
    if corpus.path.exists():
        shutil.rmtree(corpus.path)
    corpus.ready_marker.unlink(missing_ok=True)
    corpus.dirty_marker.unlink(missing_ok=True)
    started = time.perf_counter()
    synthetic.generate_corpus(corpus.path, articles, formats, seed, jobs)
    corpus.generated_in = time.perf_counter() - started
    corpus.ready_marker.write_text(json.dumps({"articles": articles, "formats": formats, "seed": seed}) + "\n")
    return corpus


def article_files(corpus: Path) -> list[Path]:
    """Every file holding articles (manifests excluded), in a stable order."""
    return sorted(p for p in corpus.rglob("*") if p.is_file() and p.name != "sources.csv")


CORRECTION = (
    "Correction: An earlier version of this article misstated a figure "
    "given by officials on {day}. The article was updated at {hour}:{minute:02d}."
)


def _correction(rng: random.Random) -> str:
    return CORRECTION.format(day=rng.choice(synthetic.WEEKDAYS), hour=rng.randint(0, 23), minute=rng.randint(0, 59))


def rewrite_content(path: Path, text: str, rng: random.Random) -> str:
    """The file's text with a correction added to every article in it, in a
    way that keeps the file valid in its format."""
    suffix = path.suffix
    if suffix in (".txt", ".md"):
        return text.rstrip("\n") + "\n\n" + _correction(rng) + "\n"
    if suffix == ".html":
        return text.replace("</article>", f"<p>{_correction(rng)}</p>\n</article>", 1)
    if suffix == ".jsonl":
        records = [json.loads(line) for line in text.splitlines() if line.strip()]
        for record in records:
            record["text"] += "\n\n" + _correction(rng)
        return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    if suffix == ".csv":
        rows = list(csv.DictReader(io.StringIO(text, newline="")))
        for row in rows:
            row["text"] += "\n\n" + _correction(rng)
        buffer = io.StringIO(newline="")
        writer = csv.DictWriter(buffer, fieldnames=list(rows[0]) if rows else synthetic.CSV_HEADER)
        writer.writeheader()
        writer.writerows(rows)
        return buffer.getvalue()
    raise ValueError(f"no rewrite for {path}")


class ModifiedFiles:
    """Rewrites a share of the corpus files, and puts the originals back
    (content and times) on exit, so the corpus can be reused next run."""

    def __init__(self, corpus: Corpus, share: float, seed: int) -> None:
        files = article_files(corpus.path)
        rng = random.Random(f"{seed}:modify")
        self.corpus = corpus
        self.files = sorted(rng.sample(files, max(1, round(len(files) * share))))
        self.rng = rng
        self.originals: dict[Path, tuple[bytes, os.stat_result]] = {}

    def __enter__(self) -> ModifiedFiles:
        self.corpus.dirty_marker.write_text("\n".join(map(str, self.files)) + "\n")
        for path in self.files:
            data = path.read_bytes()
            self.originals[path] = (data, path.stat())
            new_text = rewrite_content(path, data.decode("utf-8"), self.rng)
            with open(path, "w", encoding="utf-8", newline="") as handle:
                handle.write(new_text)
        return self

    def __exit__(self, *exc_info) -> None:
        for path, (data, stat) in self.originals.items():
            path.write_bytes(data)
            os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
        self.corpus.dirty_marker.unlink(missing_ok=True)


# --------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------


def machine_description() -> list[str]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = "unknown"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                ram = f"{int(line.split()[1]) / 1024 / 1024:.1f} GB"
                break
    except OSError:
        pass
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    load = " / ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "n/a"
    return [
        f"- CPU: {cpu}",
        f"- cores: {os.cpu_count()} logical ({usable} usable by this process)",
        f"- RAM: {ram}",
        f"- Python: {platform.python_version()} ({sys.executable})",
        f"- OS: {platform.platform()}",
        f"- load average at start (1/5/15 min): {load}",
    ]


def markdown_table(rows: list[Measurement]) -> str:
    lines = [
        "| step | documents | seconds | docs/s | peak RSS (MB) | target | met? |",
        "| --- | ---: | ---: | ---: | ---: | --- | --- |",
    ]
    for m in rows:
        lines.append(
            f"| {m.step} | {m.documents:,} | {m.seconds:.2f} | {m.docs_per_second:,.0f} | "
            f"{m.peak_rss_mb:.0f} | {m.target()} | {m.verdict()} |"
        )
    return "\n".join(lines)


def memory_note(rows: list[Measurement]) -> str | None:
    multi = [m for m in rows if m.processes > 1]
    if not multi:
        return None
    parts = "; ".join(f"{m.step}: {m.tree_rss_mb:.0f} MB over up to {m.processes} processes" for m in multi)
    return (
        "Ingest ran several processes; peak RSS above is the largest single one. "
        f"Summed over the process tree (sampled every {SAMPLE_INTERVAL * 1000:.0f} ms, "
        f"shared pages counted more than once): {parts}. The memory verdict uses the larger."
    )


# --------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------


def run_benchmark(args: argparse.Namespace, workdir: Path) -> int:
    print("## Machine\n")
    print("\n".join(machine_description()))

    corpus = prepare_corpus(workdir, args.articles, args.formats, args.seed, args.jobs)
    files = article_files(corpus.path)
    size_mb = sum(p.stat().st_size for p in files) / 1e6
    how = (
        f"generated in {corpus.generated_in:.1f} s" if corpus.generated_in is not None else "reused from an earlier run"
    )
    print(
        f"\n## Corpus\n\n- {corpus.articles:,} articles ({args.formats}, seed {args.seed}) in "
        f"{len(files):,} files, {size_mb:.0f} MB, {how}\n- {corpus.path}"
    )

    db = workdir / f"store-{args.formats}-{args.articles}.db"
    for leftover in (db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")):
        leftover.unlink(missing_ok=True)
    command = ingest_command(corpus.path, db, shlex.split(args.ingest_args))
    env = child_env()
    scale = args.articles / TARGET_ARTICLES
    print(f"- command: `{shlex.join(command)}`")

    def measure(step: str, target_seconds: float | None) -> Measurement:
        print(f"running: {step} ...", file=sys.stderr, flush=True)
        seconds, peak, tree, processes = run_measured(command, env)
        return Measurement(step, args.articles, seconds, peak, tree, processes, target_seconds)

    rows = [
        measure("first ingest, new store", FIRST_INGEST_SECONDS * scale),
        measure("re-ingest, unchanged", UNCHANGED_REINGEST_SECONDS * scale),
    ]
    with ModifiedFiles(corpus, MODIFIED_SHARE, args.seed) as modified:
        rows.append(measure(f"re-ingest, {len(modified.files):,} files (1%) rewritten", None))

    print("\n## Results\n")
    print(markdown_table(rows))
    notes = [
        f"Time targets are stated for {TARGET_ARTICLES:,} plain-text articles "
        f"({FIRST_INGEST_SECONDS:g} s first ingest, {UNCHANGED_REINGEST_SECONDS:g} s unchanged "
        f"re-ingest) and scaled linearly here to {args.articles:,}."
        if args.articles != TARGET_ARTICLES
        else None,
        "The targets are stated for plain text; this run used mixed formats." if args.formats != "txt" else None,
        memory_note(rows),
        "docs/s counts every article in the corpus, changed or not. The corpus was in "
        "the page cache (just generated or read), so these are warm-cache figures.",
    ]
    print("\n" + "\n".join(f"- {n}" for n in notes if n))
    if args.keep:
        print(f"\nkept: {workdir}")
    return 0


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=TARGET_ARTICLES)
    parser.add_argument("--formats", choices=synthetic.FORMATS, default="txt")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--workdir",
        type=Path,
        help="folder for the corpus and store; the corpus is kept there and "
        "reused by later runs (default: a temporary folder)",
    )
    parser.add_argument(
        "--keep", action="store_true", help="keep the store, and the temporary folder if no --workdir was given"
    )
    parser.add_argument(
        "--jobs",
        type=int,
        default=synthetic.default_jobs(),
        help="processes generating the corpus (not passed to ingest)",
    )
    parser.add_argument(
        "--ingest-args", default="", help='extra arguments for corpuskit ingest, e.g. --ingest-args="--jobs 2"'
    )
    args = parser.parse_args(argv)
    if args.articles < 1:
        parser.error("--articles must be at least 1")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    temporary = args.workdir is None
    workdir = Path(tempfile.mkdtemp(prefix="corpuskit-bench-")) if temporary else args.workdir
    workdir.mkdir(parents=True, exist_ok=True)
    try:
        return run_benchmark(args, workdir)
    except IngestFailed as error:
        print(f"\nerror: {error}", file=sys.stderr)
        return 1
    finally:
        if temporary and not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
        elif not args.keep:
            for store in workdir.glob(f"store-{args.formats}-{args.articles}.db*"):
                store.unlink()


if __name__ == "__main__":
    sys.exit(main())
