"""Findings benchmark for ``corpuskit report`` on the METER courts split (issue 11).

Usage::

    python benchmarks/findings.py [--meter-dir ../shared/eval/meter-courts] [--report FILE] [--keep DIR]
        [--sheet /tmp/findings_sheet.txt] [--seed 20261201] [--stories 20]
        [--labels benchmarks/data/meter_findings_labels.tsv]
        [--discrepancies benchmarks/data/meter_findings_discrepancies.tsv]

The corpus is ingested the way a user would: the PA wire texts of the courts
split and the newspaper articles of ``pairs.tsv`` are copied, with their
relative paths, into a temporary folder with a ``sources.csv`` manifest that
gives every PA text the outlet "Press Association" and its folder's day, and
every newspaper article its newspaper (``pairs.tsv``'s key, written as the paper's
name: "The Sun" for ``sun``) and the next morning
(as benchmarks/meter.py ``to_input`` does).  Then ``corpuskit ingest`` and
``corpuskit report --format json`` run in child processes, from this
checkout's ``src/``.  Document paths are the paths relative to the METER
folder (``PA/rawtexts/courts/...``, ``newspapers/rawtexts/courts/...``).

Without ``--labels`` the script draws a seeded sample of stories with more
than one document and at least one finding, and writes a labelling sheet
(every finding with its evidence and context, and every document's full
text) to ``--sheet``.  The sheet holds corpus text: keep it outside the
repository.

With ``--labels`` it matches each labelled finding to the current report by
(kind, document paths, character spans) and prints, per kind, the precision
(share of ``true_useful`` among the labelled findings still reported) as a
Markdown table.  With ``--discrepancies`` it also prints how many of the
hand-listed discrepancies a finding of the report covers (a finding whose
evidence overlaps the listed span in every listed document).

Label file columns (tab-separated): ``story`` (METER day/catchline of the
story's documents), ``kind``, ``paths`` and ``spans`` (the evidence, ``;``
separated, in the same order, spans as ``start-end`` offsets into the stored
text), ``label`` (``true_useful``, ``true_trivial`` or ``false``), ``note``
(the reason, no corpus text).  Discrepancy file columns: ``story``,
``paths``, ``spans``, ``kind``, ``note``.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import random
import shutil
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
LABELS = ("true_useful", "true_trivial", "false")
KINDS = ("number_conflict", "date_conflict", "name_variant", "quote_variant", "attribution", "single_source")
PA_OUTLET = "Press Association"
# The papers as a user's manifest names them (METER's pairs.tsv has short keys); a key not
# listed is kept as it is.
PAPER_NAMES = {
    "express": "Daily Express",
    "ft": "Financial Times",
    "guardian": "The Guardian",
    "independent": "The Independent",
    "mail": "Daily Mail",
    "mirror": "Daily Mirror",
    "morningstar": "Morning Star",
    "star": "Daily Star",
    "sun": "The Sun",
    "telegraph": "The Daily Telegraph",
    "times": "The Times",
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--meter-dir", type=Path, default=REPO.parent / "shared" / "eval" / "meter-courts")
    parser.add_argument("--report", type=Path, help="reuse a report JSON written by an earlier run (--keep)")
    parser.add_argument("--keep", type=Path, help="keep the corpus copy, store and report.json in this new folder")
    parser.add_argument("--sheet", type=Path, default=Path("/tmp/findings_sheet.txt"))
    parser.add_argument("--seed", type=int, default=20261201)
    parser.add_argument("--stories", type=int, default=20)
    parser.add_argument("--labels", type=Path)
    parser.add_argument("--discrepancies", type=Path)
    parser.add_argument(
        "--exclude", type=Path, action="append", default=[], help="a labels file whose METER stories the sample skips"
    )
    args = parser.parse_args(argv)
    if not (args.meter_dir / "pairs.tsv").is_file():
        print(f"findings.py: no pairs.tsv in {args.meter_dir} (pass --meter-dir)", file=sys.stderr)
        return 2
    if args.report:
        report = json.loads(args.report.read_text(encoding="utf-8"))
        store_db = args.report.parent / "store.db"
        texts = _texts_from_store(store_db) if store_db.is_file() else {}
    else:
        workdir = args.keep or Path(tempfile.mkdtemp(prefix="findings_bench_"))
        try:
            report, texts = run_report(args.meter_dir, workdir)
        finally:
            if not args.keep:
                shutil.rmtree(workdir, ignore_errors=True)
    findings = flatten(report)
    print(machine())
    print(
        f"report: {report['summary']['documents']} documents, {report['summary']['stories']} stories, "
        f"{report['summary']['multi_source_stories']} with more than one document, "
        f"{report['summary']['findings']} findings"
    )
    print("findings by kind: " + ", ".join(f"{k} {n}" for k, n in sorted(Counter(f["kind"] for f in findings).items())))
    if args.labels:
        print()
        print(score_labels(findings, read_tsv(args.labels)))
        print()
        print(score_confidence(findings, read_tsv(args.labels)))
        if args.discrepancies:
            print()
            print(score_discrepancies(findings, read_tsv(args.discrepancies)))
        return 0
    excluded = {row["story"].rsplit("/", 1)[0] for path in args.exclude for row in read_tsv(path)}
    stories = sample_stories(report, args.seed, args.stories, excluded)
    write_sheet(args.sheet, report, stories, texts)
    print(f"sample: {len(stories)} stories (seed {args.seed}), sheet written to {args.sheet}")
    return 0


# ---------------------------------------------------------------------------
# Running the report as a user would
# ---------------------------------------------------------------------------


def meter_files(root: Path) -> list[tuple[str, str, str]]:
    """(relative path, outlet, published ISO date) for every text of the split."""
    rows = []
    for path in sorted((root / "PA" / "rawtexts" / "courts").glob("*/*/*")):
        if path.is_file():
            rows.append((str(path.relative_to(root)), PA_OUTLET, _day(path.parent.parent.name).isoformat()))
    with open(root / "pairs.tsv", newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            published = _day(row["date"]) + timedelta(days=1)  # the papers of the next morning
            outlet = PAPER_NAMES.get(row["newspaper"], row["newspaper"])
            rows.append((row["newspaper_file"], outlet, published.isoformat()))
    return rows


def _day(folder: str) -> date:
    year = int(folder[6:])
    return date(2000 + year if year < 50 else 1900 + year, int(folder[3:5]), int(folder[:2]))


def _corpuskit(args: list[str], cwd: Path) -> str:
    env = dict(os.environ, PYTHONPATH=str(REPO / "src") + os.pathsep + os.environ.get("PYTHONPATH", ""))
    done = subprocess.run(
        [sys.executable, "-m", "corpuskit", *args], cwd=cwd, env=env, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise SystemExit(f"corpuskit {' '.join(args)} failed ({done.returncode}):\n{done.stderr[-3000:]}")
    return done.stdout


def run_report(root: Path, workdir: Path) -> tuple[dict, dict[str, str]]:
    corpus = workdir / "corpus"
    corpus.mkdir(parents=True)
    rows = meter_files(root)
    for relative, _, _ in rows:
        target = corpus / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(root / relative, target)
    with open(corpus / "sources.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["file", "outlet", "published", "url"])
        for relative, outlet, published in rows:
            writer.writerow([relative, outlet, published, ""])
    db = workdir / "store.db"
    _corpuskit(["ingest", ".", "--db", str(db), "--quiet"], corpus)
    out = _corpuskit(["report", "--format", "json", "--db", str(db), "--quiet"], corpus)
    (workdir / "report.json").write_text(out, encoding="utf-8")
    return json.loads(out), _texts_from_store(db)


def _texts_from_store(db: Path) -> dict[str, str]:
    """Stored texts by document path (for the labelling sheet only)."""
    sys.path.insert(0, str(REPO / "src"))
    from corpuskit.store import Store

    store = Store.open(db, create=False)
    texts = {}
    for doc in store.documents():
        texts[_norm(doc["path"])] = store.document(str(doc["id"]))["text"]
    return texts


def _norm(path: str) -> str:
    path = path.replace(os.sep, "/")
    return path[2:] if path.startswith("./") else path


# ---------------------------------------------------------------------------
# Findings, keys and the sample
# ---------------------------------------------------------------------------


def flatten(report: dict) -> list[dict]:
    """Every finding with its story key and its matching key (kind, paths, spans)."""
    paths = {d["id"]: _norm(d["path"]) for d in report["documents"]}
    out = []
    for story in report["stories"]:
        key = story_key(story, paths)
        for number, finding in enumerate(story["findings"], start=1):
            evidence = [(paths[e["document"]], tuple(e["span"])) for e in finding["evidence"]]
            out.append(
                {
                    "story": key,
                    "story_id": story["id"],
                    "number": number,
                    "kind": finding["kind"],
                    "paths": ";".join(p for p, _ in evidence),
                    "spans": ";".join(f"{s[0]}-{s[1]}" for _, s in evidence),
                    "finding": finding,
                }
            )
    return out


def finding_key(kind: str, paths: str, spans: str) -> tuple:
    return (kind, tuple(sorted(zip(paths.split(";"), spans.split(";")))))


def story_key(story: dict, paths: dict[int, str]) -> str:
    """The METER story (day/catchline folder) most of the story's documents come from, and its first file.

    The file name keeps apart two report stories drawn from one METER story.
    """
    folders = Counter("/".join(paths[d].split("/")[-3:-1]) for d in story["documents"])
    folder = min(folders, key=lambda f: (-folders[f], f))
    first = min(paths[d] for d in story["documents"] if "/".join(paths[d].split("/")[-3:-1]) == folder)
    return folder + "/" + first.rsplit("/", 1)[-1]


def sample_stories(report: dict, seed: int, n: int, excluded: set[str] = frozenset()) -> list[dict]:
    """A seeded sample of the stories of more than one document with a finding, leaving out
    those whose METER story (day/catchline) is in ``excluded`` (labelled before)."""
    paths = {d["id"]: _norm(d["path"]) for d in report["documents"]}
    eligible = [
        s
        for s in report["stories"]
        if len(s["documents"]) > 1 and s["findings"] and story_key(s, paths).rsplit("/", 1)[0] not in excluded
    ]
    eligible.sort(key=lambda s: sorted(paths[d] for d in s["documents"]))
    return random.Random(seed).sample(eligible, min(n, len(eligible)))


def write_sheet(path: Path, report: dict, stories: list[dict], texts: dict[str, str]) -> None:
    docs = {d["id"]: d for d in report["documents"]}
    paths = {i: _norm(d["path"]) for i, d in docs.items()}
    flat = {(f["story_id"], f["number"]): f for f in flatten(report)}
    lines = ["# Findings labelling sheet (holds corpus text: keep outside the repository)", ""]
    lines.append("# columns for the labels TSV: story, kind, paths, spans, label, note")
    for position, story in enumerate(stories, start=1):
        key = story_key(story, paths)
        lines += ["", "=" * 100, f"STORY {position}: {key} (report story {story['id']}): {story['title']}"]
        for source in story["sources"]:
            d = docs[source["document"]]
            lines.append(
                f"  doc {d['id']}: {paths[d['id']]} | {d['outlet']} | {d['published']} | {source['role']}"
                f" copied_from={source['copied_from']}"
            )
        for number, finding in enumerate(story["findings"], start=1):
            f = flat[(story["id"], number)]
            lines += [
                "",
                f"--- finding {number}: {finding['kind']}",
                f"KEY\t{key}\t{f['kind']}\t{f['paths']}\t{f['spans']}",
            ]
            lines.append("SUMMARY: " + finding["summary"])
            extra = {k: v for k, v in finding.items() if k not in ("kind", "summary", "evidence")}
            lines.append("DETAIL: " + json.dumps(extra, ensure_ascii=False)[:1500])
            for e in finding["evidence"]:
                text = texts.get(paths[e["document"]], "")
                a, b = e["span"]
                around = text[max(0, a - 300) : a] + "[[" + text[a:b] + "]]" + text[b : b + 300]
                lines.append(f"  [doc {e['document']} {paths[e['document']]} {a}-{b}] {around!r}")
        lines += ["", "--- full texts"]
        for d in story["documents"]:
            lines += [f">>> doc {d}: {paths[d]}", texts.get(paths[d], "(text not available)"), ""]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


# ---------------------------------------------------------------------------
# Scoring
# ---------------------------------------------------------------------------


def read_tsv(path: Path) -> list[dict]:
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def score_labels(findings: list[dict], labels: list[dict]) -> str:
    current = {finding_key(f["kind"], f["paths"], f["spans"]) for f in findings}
    per_kind: dict[str, Counter] = defaultdict(Counter)
    for row in labels:
        if row["label"] not in LABELS:
            raise SystemExit(f"findings.py: unknown label {row['label']!r}")
        counts = per_kind[row["kind"]]
        counts["labelled"] += 1
        if finding_key(row["kind"], row["paths"], row["spans"]) in current:
            counts["reported"] += 1
            counts[row["label"]] += 1
    stories = len({row["story"] for row in labels})
    lines = [
        f"{len(labels)} labelled findings in {stories} stories",
        "",
        "| kind | labelled | still reported | true_useful | true_trivial | false | precision (true_useful) | target 0.9 met? |",
        "|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    total: Counter = Counter()
    for kind in [k for k in KINDS if k in per_kind] + sorted(set(per_kind) - set(KINDS)):
        c = per_kind[kind]
        total.update(c)
        lines.append(_row(kind, c))
    lines.append(_row("all", total, target=False))
    return "\n".join(lines)


CONFIDENCE_BINS = ((0.0, 0.5), (0.5, 0.7), (0.7, 0.85), (0.85, 1.01))


def score_confidence(findings: list[dict], labels: list[dict]) -> str:
    """Precision of the still-reported labelled findings by their confidence: whether the
    confidence means what it says."""
    label_of = {finding_key(r["kind"], r["paths"], r["spans"]): r["label"] for r in labels}
    bins: dict[tuple, Counter] = defaultdict(Counter)
    for f in findings:
        label = label_of.get(finding_key(f["kind"], f["paths"], f["spans"]))
        confidence = f["finding"].get("confidence")
        if label is None or confidence is None:
            continue
        low, high = next(b for b in CONFIDENCE_BINS if b[0] <= confidence < b[1])
        bins[(low, high)][label] += 1
    lines = ["| confidence | labelled findings | true_useful share |", "|---|---:|---:|"]
    for low, high in CONFIDENCE_BINS:
        c = bins[(low, high)]
        n = sum(c.values())
        share = f"{c['true_useful'] / n:.3f}" if n else "-"
        lines.append(f"| {low:.2f}–{min(high, 1.0):.2f} | {n} | {share} |")
    return "\n".join(lines)


def _row(kind: str, c: Counter, target: bool = True) -> str:
    precision = c["true_useful"] / c["reported"] if c["reported"] else None
    shown = f"{precision:.3f}" if precision is not None else "-"
    met = ("yes" if precision is not None and precision >= 0.9 else "no") if target else ""
    return (
        f"| {kind} | {c['labelled']} | {c['reported']} | {c['true_useful']} | {c['true_trivial']} | {c['false']} "
        f"| {shown} | {met} |"
    )


def score_discrepancies(findings: list[dict], rows: list[dict]) -> str:
    """How many listed discrepancies a finding covers.

    A discrepancy is covered by a finding of its own kind (``other``: any kind
    but ``attribution`` and ``single_source``, whose passages and claims are
    not discrepancies) whose evidence overlaps the listed span in every listed
    document.  A finding covers a discrepancy whatever its label.
    """
    by_path: dict[str, list[tuple[dict, int, int]]] = defaultdict(list)
    for f in findings:
        if f["kind"] in ("attribution", "single_source"):
            continue
        for p, s in zip(f["paths"].split(";"), f["spans"].split(";")):
            a, b = (int(x) for x in s.split("-"))
            by_path[p].append((f, a, b))
    found = 0
    per_kind: dict[str, Counter] = defaultdict(Counter)
    for row in rows:
        wanted = list(zip(row["paths"].split(";"), row["spans"].split(";")))
        candidates = None
        for p, s in wanted:
            a, b = (int(x) for x in s.split("-"))
            here = {id(f) for f, x, y in by_path[p] if x < b and a < y and row["kind"] in (f["kind"], "other")}
            candidates = here if candidates is None else candidates & here
        hit = bool(candidates)
        found += hit
        per_kind[row["kind"]]["listed"] += 1
        per_kind[row["kind"]]["found"] += hit
    lines = [
        f"discrepancies found by the report: {found} of {len(rows)}"
        + (
            f" ({found / len(rows):.2f}; target 0.7 {'met' if found / len(rows) >= 0.7 else 'not met'})" if rows else ""
        ),
        "",
        "| kind | listed | found |",
        "|---|---:|---:|",
    ]
    lines += [f"| {k} | {c['listed']} | {c['found']} |" for k, c in sorted(per_kind.items())]
    return "\n".join(lines)


def machine() -> str:
    load = os.getloadavg() if hasattr(os, "getloadavg") else (0.0, 0.0, 0.0)
    return (
        f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, load average {load[0]:.2f}"
    )


if __name__ == "__main__":
    sys.exit(main())
