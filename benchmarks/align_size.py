"""Alignment cost against text length: articles, then texts of up to a million characters.

Usage::

    PYTHONPATH=src python benchmarks/align_size.py [--sizes 100000,400000,1000000] [--pairs 300]

``corpuskit.dupes.align.align`` compares every sentence of one text with every
window of 1-3 sentences of the other as matrix products: dense numpy arrays
for articles, scipy sparse arrays (counted a block of sentences at a time)
for long texts.  This script measures both regimes on synthetic text
(``synthetic.py``):

* articles: the mean time of ``align`` over linked pairs (a base article and
  its derived copies) and over chance pairs (two unrelated articles), both
  profiled beforehand, as ``find_duplicates`` does;
* long texts: base articles joined into one text of about N characters,
  against a second one that shares half of its articles, each size in a
  fresh process so that its peak memory is its own.

The reference in the same run is the standard library's aligner,
``difflib.SequenceMatcher(...).get_matching_blocks()`` over the two texts'
word keys (no windows, no respellings: only the longest common blocks), the
tool a Python user would reach for; it is skipped above ``--difflib-max``
characters, where it takes minutes.
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import platform
import resource
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpuskit.dupes.align import align, profile  # noqa: E402
from corpuskit.dupes.text import analyse  # noqa: E402
from synthetic import ArticleFactory, derived_article, family_variants  # noqa: E402

SEED = 7


def article_pairs(count: int) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """``count`` linked pairs (base, derived copy) and ``count`` // 2 chance pairs."""
    factory = ArticleFactory(SEED)
    linked: list[tuple[str, str]] = []
    index = 0
    while len(linked) < count:
        base = factory.base_article(index)
        linked += [(base.body, derived_article(factory, v).body) for v in family_variants(index, SEED, 0.6)]
        index += 1
    unrelated = [factory.base_article(index + k).body for k in range(count)]
    return linked[:count], list(zip(unrelated[::2], unrelated[1::2]))


def mean_ms(pairs: list[tuple[str, str]]) -> float:
    profiles = [(profile(analyse(a)), profile(analyse(b))) for a, b in pairs]
    start = time.perf_counter()
    for a, b in profiles:
        align(a, b)
    return (time.perf_counter() - start) / len(profiles) * 1000


def long_texts(characters: int) -> tuple[str, str]:
    factory = ArticleFactory(SEED)
    bodies: list[str] = []
    while sum(map(len, bodies)) < 1.5 * characters:
        bodies.append(factory.base_article(len(bodies)).body)
    first = []
    while sum(map(len, first)) < characters:
        first.append(bodies[len(first)])
    half = len(first) // 2
    return " ".join(first), " ".join(bodies[half : half + len(first)])


def measure_long(characters: int, difflib_max: int) -> dict:
    """One size, in this process (run by ``--one``): times and peak memory."""
    a_text, b_text = long_texts(characters)
    start = time.perf_counter()
    a, b = profile(analyse(a_text)), profile(analyse(b_text))
    profiled = time.perf_counter()
    alignment = align(a, b)
    aligned = time.perf_counter()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e6
    row = {
        "characters": len(a_text),
        "sentences": len(a.content),
        "profile_s": profiled - start,
        "align_s": aligned - profiled,
        "peak_gb": peak,
        "passages": len(alignment.passages),
        "share": alignment.share_a,
        "difflib_s": None,
    }
    if len(a_text) <= difflib_max:
        a_keys = [t.key for t in a.units.tokens]
        b_keys = [t.key for t in b.units.tokens]
        start = time.perf_counter()
        difflib.SequenceMatcher(None, a_keys, b_keys, autojunk=False).get_matching_blocks()
        row["difflib_s"] = time.perf_counter() - start
    return row


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100000,400000,1000000", help="characters per long text")
    parser.add_argument("--pairs", type=int, default=300, help="linked article pairs (chance: half)")
    parser.add_argument("--difflib-max", type=int, default=500_000)
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # a size, measured in this process
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(measure_long(args.one, args.difflib_max)))
        return 0
    linked, chance = article_pairs(args.pairs)
    linked_ms, chance_ms = mean_ms(linked), mean_ms(chance)
    rows = []
    for size in (int(s) for s in args.sizes.split(",")):
        command = [sys.executable, __file__, "--one", str(size), "--difflib-max", str(args.difflib_max)]
        output = subprocess.run(command, check=True, capture_output=True, text=True, env=os.environ).stdout
        rows.append(json.loads(output))
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"# Alignment cost by text length ({platform.machine()}, {os.cpu_count()} CPUs, load {load})\n")
    print(
        f"Articles: {linked_ms:.2f} ms a linked pair ({len(linked)}), {chance_ms:.2f} ms a chance pair ({len(chance)})\n"
    )
    print("| characters | sentences | profile both | align | peak memory | passages | share | difflib blocks |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for row in rows:
        reference = f"{row['difflib_s']:.1f} s" if row["difflib_s"] is not None else "skipped"
        print(
            f"| {row['characters']:,} | {row['sentences']:,} | {row['profile_s']:.1f} s | {row['align_s']:.1f} s "
            f"| {row['peak_gb']:.2f} GB | {row['passages']} | {row['share']:.3f} | {reference} |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
