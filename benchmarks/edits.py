"""METER courts benchmark for the typed edits of ``corpuskit dupes``: precision per kind.

Usage::

    python benchmarks/edits.py [--meter-dir ../shared/eval/meter-courts] [--label-out FILE]
                               [--labels benchmarks/data/meter_edit_labels.tsv [MORE.tsv ...]] [--out FILE]

The corpus is read and ``find_duplicates`` run exactly as benchmarks/meter.py
does (all 1,430 courts texts in one corpus, default settings, dates and
outlets as metadata).  Every edit of every passage of every linked pair is
collected: the two documents' paths (relative to ``--meter-dir``), the kind,
the edit's character span on each side (``Edit.a_span`` / ``Edit.b_span``;
an empty side has no span; when an edit carries no span its text is located
inside its passage's span), and the passage's spans.

``--label-out FILE`` draws a seeded random sample of ``--per-kind`` (40)
edits of each kind and writes them with context for a human annotator.  That
file holds corpus text (research licence): keep it outside the repository.

``--labels FILE [FILE ...]`` reads each label file (benchmarks/data/meter_edit_labels.tsv,
the sample labelled before the edit typing was changed, and
benchmarks/data/meter_edit_labels_fresh.tsv, a sample drawn and labelled after:
paths, kind, offsets, label -- no corpus text), matches each labelled edit to
the current output by paths + kind + offsets and prints, per kind: labelled,
still reported, precision (correct / still reported) and the counts of
trivial / wrong_kind / wrong_pair among those still reported, and how many
edits labelled correct are no longer reported.  A labelled edit that is no
longer reported (its kind or span changed, or it is gone) is not scored: a
change that drops wrong edits raises precision, one that drops correct ones
shows in the last column.  Edits the labels do not cover (new spans) are not
scored either; when "still reported" falls far below "labelled", label a
fresh sample rather than trust the figure.  With several files, a summary
table gives the precision per kind of each side by side.

Labels (definitions of corpuskit issue 10, item 6):

* ``correct``    -- the kind is right: ``name`` both sides are spellings of one
  name; ``number`` one quantity's value changed; ``date`` a time expression
  changed; ``quote`` a real wording change inside quotation marks;
  ``wording`` any other real wording change;
* ``trivial``    -- no edit at all (formatting only: "5 million"/"5m", a
  possessive, quote style, case);
* ``wrong_kind`` -- a real change of another kind (``right_kind`` says which);
* ``wrong_pair`` -- the two sides are not counterparts (two different people,
  unrelated numbers, unrelated phrases).
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "benchmarks"))

from corpuskit.dupes import DEFAULT_SETTINGS, find_duplicates  # noqa: E402
from meter import load_meter, to_input  # noqa: E402

KINDS = ("name", "number", "date", "quote", "wording")
LABELS = ("correct", "trivial", "wrong_kind", "wrong_pair")
SEED = 20261201
COLUMNS = ("a_path", "b_path", "kind", "a_start", "a_end", "b_start", "b_end", "label", "right_kind", "note")


@dataclass(frozen=True)
class EditRow:
    a_path: str
    b_path: str
    kind: str
    a_span: tuple[int, int] | None
    b_span: tuple[int, int] | None
    passage_a: tuple[int, int]
    passage_b: tuple[int, int]
    a_text: str
    b_text: str

    @property
    def key(self) -> tuple:
        return (self.a_path, self.b_path, self.kind, self.a_span, self.b_span)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--meter-dir", type=Path, default=REPO.parent / "shared" / "eval" / "meter-courts")
    parser.add_argument("--label-out", type=Path, help="write a seeded sample of edits with context, for labelling")
    parser.add_argument("--labels", type=Path, nargs="+", help="score the current edits against these label files")
    parser.add_argument("--per-kind", type=int, default=40)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--out", type=Path, help="also write the score table to this file")
    args = parser.parse_args(argv)
    if not (args.meter_dir / "pairs.tsv").is_file():
        print(f"edits.py: no pairs.tsv in {args.meter_dir} (pass --meter-dir)", file=sys.stderr)
        return 2
    docs = load_meter(args.meter_dir)
    texts = {doc.id: doc.text for doc in docs}
    paths = {doc.id: doc.path for doc in docs}
    result = find_duplicates([to_input(doc, metadata=True) for doc in docs], DEFAULT_SETTINGS)
    rows = collect_edits(result.pairs, texts, paths)
    counts = Counter(row.kind for row in rows)
    print(
        f"{len(result.pairs)} linked pairs, {sum(len(p.passages) for p in result.pairs)} passages, "
        f"{len(rows)} edits: " + ", ".join(f"{kind} {counts[kind]}" for kind in KINDS)
    )
    if args.label_out:
        sample = draw_sample(rows, args.per_kind, args.seed)
        write_for_labelling(args.label_out, sample, texts_by_path={paths[i]: texts[i] for i in texts})
        print(f"wrote {len(sample)} sampled edits (seed {args.seed}) to {args.label_out}")
    if args.labels:
        tables, summaries = [], []
        for path in args.labels:
            counts_by_kind = tally(read_labels(path), rows)
            tables.append(f"{path.name}:\n\n" + table_of(counts_by_kind))
            summaries.append((path.name, counts_by_kind))
        if len(summaries) > 1:
            tables.append("precision per kind (still reported):\n\n" + summary_table(summaries))
        text = "\n\n".join(tables)
        print(text)
        if args.out:
            args.out.write_text(text + "\n", encoding="utf-8")
    return 0


# ---------------------------------------------------------------------------
# Collecting and sampling
# ---------------------------------------------------------------------------


def collect_edits(pairs, texts: dict[int, str], paths: dict[int, str]) -> list[EditRow]:
    rows = []
    for pair in pairs:
        for passage in pair.passages:
            for edit in passage.edits:
                a_span = edit.a_span or _locate(edit.a, texts[pair.a], passage.a)
                b_span = edit.b_span or _locate(edit.b, texts[pair.b], passage.b)
                rows.append(
                    EditRow(
                        paths[pair.a],
                        paths[pair.b],
                        edit.kind,
                        tuple(a_span) if a_span else None,
                        tuple(b_span) if b_span else None,
                        tuple(passage.a),
                        tuple(passage.b),
                        edit.a,
                        edit.b,
                    )
                )
    return rows


def _locate(fragment: str, text: str, span) -> tuple[int, int] | None:
    """Offsets of an edit's text inside its passage (for edits that carry no span)."""
    if not fragment:
        return None
    at = text.find(fragment, span[0], span[1])
    return (at, at + len(fragment)) if at >= 0 else None


def draw_sample(rows: list[EditRow], per_kind: int, seed: int) -> list[EditRow]:
    """``per_kind`` edits of each kind, drawn from the edits in a fixed order with one seeded generator."""
    rng = random.Random(seed)
    ordered = sorted(rows, key=lambda r: (r.kind, r.a_path, r.b_path, r.a_span or (-1, -1), r.b_span or (-1, -1)))
    sample = []
    for kind in KINDS:
        of_kind = [r for r in ordered if r.kind == kind]
        sample.extend(rng.sample(of_kind, min(per_kind, len(of_kind))))
    return sample


def _context(text: str, span, passage, width: int = 90) -> str:
    if span is None:
        return "(empty side) passage: " + text[passage[0] : passage[1]][:300].replace("\n", " ")
    start, end = span
    before = text[max(passage[0] - 40, start - width) : start]
    after = text[end : end + width]
    return (before + "[[" + text[start:end] + "]]" + after).replace("\n", " ")


def write_for_labelling(path: Path, sample: list[EditRow], texts_by_path: dict[str, str]) -> None:
    with open(path, "w", encoding="utf-8") as handle:
        for n, row in enumerate(sample, 1):
            ta, tb = texts_by_path[row.a_path], texts_by_path[row.b_path]
            handle.write(
                f"### {n}\t{row.kind}\t{row.a_path}\t{row.b_path}\t{_fmt(row.a_span)}\t{_fmt(row.b_span)}\n"
                f"A: {row.a_text!r}\nB: {row.b_text!r}\n"
                f"A ctx: {_context(ta, row.a_span, row.passage_a)}\n"
                f"B ctx: {_context(tb, row.b_span, row.passage_b)}\n\n"
            )


def _fmt(span) -> str:
    return f"{span[0]}\t{span[1]}" if span else "\t"


# ---------------------------------------------------------------------------
# Scoring against fixed labels
# ---------------------------------------------------------------------------


def read_labels(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    labels = list(csv.DictReader(lines, delimiter="\t"))
    for row in labels:
        if row["label"] not in LABELS:
            raise SystemExit(f"edits.py: unknown label {row['label']!r} in {path}")
    return labels


def _span(start: str, end: str) -> tuple[int, int] | None:
    return (int(start), int(end)) if start != "" else None


def score(labels: list[dict], rows: list[EditRow]) -> str:
    """The score table of one label file against the current edits."""
    return table_of(tally(labels, rows))


def tally(labels: list[dict], rows: list[EditRow]) -> dict[str, Counter]:
    """Per kind: labelled, still reported, each label among those reported, correct ones dropped."""
    reported = Counter(row.key for row in rows)
    by_kind: dict[str, Counter] = defaultdict(Counter)
    for lab in labels:
        key = (
            lab["a_path"],
            lab["b_path"],
            lab["kind"],
            _span(lab["a_start"], lab["a_end"]),
            _span(lab["b_start"], lab["b_end"]),
        )
        counts = by_kind[lab["kind"]]
        counts["labelled"] += 1
        if reported[key] > 0:
            reported[key] -= 1
            counts["reported"] += 1
            counts[lab["label"]] += 1
        elif lab["label"] == "correct":
            counts["correct_dropped"] += 1
    return by_kind


def _precision(counts: Counter) -> str:
    return f"{counts['correct'] / counts['reported']:.3f}" if counts["reported"] else "-"


def table_of(by_kind: dict[str, Counter]) -> str:
    lines = [
        "| kind | labelled | still reported | precision | correct | trivial | wrong_kind | wrong_pair | correct no longer reported |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for kind in KINDS:
        c = by_kind[kind]
        lines.append(
            f"| {kind} | {c['labelled']} | {c['reported']} | {_precision(c)} | {c['correct']} | "
            f"{c['trivial']} | {c['wrong_kind']} | {c['wrong_pair']} | {c['correct_dropped']} |"
        )
    total = sum((by_kind[k] for k in KINDS), Counter())
    lines.append(
        f"| all | {total['labelled']} | {total['reported']} | {_precision(total)} | {total['correct']} | "
        f"{total['trivial']} | {total['wrong_kind']} | {total['wrong_pair']} | {total['correct_dropped']} |"
    )
    return "\n".join(lines)


def summary_table(summaries: list[tuple[str, dict[str, Counter]]]) -> str:
    """Precision per kind of several label files side by side, each with its count still reported."""
    lines = [
        "| kind | " + " | ".join(name for name, _ in summaries) + " |",
        "|---|" + "---:|" * len(summaries),
    ]
    for kind in (*KINDS, "all"):
        cells = []
        for _, by_kind in summaries:
            c = sum((by_kind[k] for k in KINDS), Counter()) if kind == "all" else by_kind[kind]
            cells.append(f"{_precision(c)} ({c['correct']}/{c['reported']})")
        lines.append(f"| {kind} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
