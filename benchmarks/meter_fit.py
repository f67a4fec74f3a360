"""Fit the "derived wholly or in part" model of ``corpuskit.dupes.derivation`` on METER courts.

Usage::

    python benchmarks/meter_fit.py --meter-dir ../shared/eval/meter-courts [--folds 10] [--repeats 5]

Runs ``find_duplicates`` over the whole split as benchmarks/meter.py does
(one corpus, dates as metadata), takes every newspaper article linked to a
PA text of its own story and labelled wholly- or partially-derived, and fits
a class-balanced logistic regression (numpy, L2) from the measures of
``Derivation.features`` to "wholly".  It prints the cross-validated (folds
grouped by story: catchline and day, so no story is in training and test) and the
in-sample ternary macro-F1 of the whole reading (derived = linked, as in
meter.py; wholly vs partially by the model) and the weights to freeze in
``derivation.py`` (raw feature scale, intercept last).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "benchmarks"))

from corpuskit.dupes import DEFAULT_SETTINGS, find_duplicates  # noqa: E402
from corpuskit.dupes.derivation import FEATURES, derive_documents  # noqa: E402
from meter import CLASSES, load_meter, macro_f1, to_input  # noqa: E402

L2 = 1e-3


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--meter-dir", type=Path, default=REPO.parent / "shared" / "eval" / "meter-courts")
    parser.add_argument("--folds", type=int, default=10)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args(argv)
    if not (args.meter_dir / "pairs.tsv").is_file():
        print(f"meter_fit.py: no pairs.tsv in {args.meter_dir} (pass --meter-dir)", file=sys.stderr)
        return 2
    docs = load_meter(args.meter_dir)
    inputs = [to_input(doc, metadata=True) for doc in docs]
    pairs = find_duplicates(inputs, DEFAULT_SETTINGS).pairs
    gold, mask, features, frozen = collect(docs, inputs, pairs)
    stories = [doc.story for doc in docs if doc.kind == "news"]
    report(gold, mask, features, stories, folds=args.folds, repeats=args.repeats)
    ternary, binary = read(gold, mask, frozen)
    print(
        f"the library as it stands (frozen weights, near-copy rule) ternary / binary macro-F1: {ternary:.3f} / {binary:.3f}"
    )
    return 0


def collect(docs, inputs, pairs):
    """Over the newspaper articles: gold labels, linked-to-own-story mask, feature matrix, and
    whether the library as it stands says "wholly"."""
    by_id = {doc.id: doc for doc in docs}
    linked = set()
    for pair in pairs:
        x, y = by_id[pair.a], by_id[pair.b]
        for news, pa in ((x, y), (y, x)):
            if news.kind == "news" and pa.kind == "pa" and pa.story == news.story:
                linked.add(news.id)
    derivations = derive_documents(inputs, pairs, DEFAULT_SETTINGS)
    news = [doc for doc in docs if doc.kind == "news"]
    gold = np.array([CLASSES.index(doc.label) for doc in news])
    mask = np.array([doc.id in linked and doc.id in derivations for doc in news])
    features = np.array(
        [derivations[doc.id].features if doc.id in derivations else [0.0] * len(FEATURES) for doc in news]
    )
    frozen = np.array([doc.id in derivations and derivations[doc.id].relation == "rewrite" for doc in news])
    return gold, mask, features, frozen


def fit(x: np.ndarray, wholly: np.ndarray) -> np.ndarray:
    """Class-balanced L2 logistic regression by gradient descent on standardised features; raw-scale weights."""
    mean, scale = x.mean(0), x.std(0) + 1e-9
    z = np.hstack([(x - mean) / scale, np.ones((len(x), 1))])
    weight = np.where(wholly, len(wholly) / (2 * wholly.sum()), len(wholly) / (2 * (~wholly).sum()))
    w = np.zeros(z.shape[1])
    for _ in range(4000):
        p = 1 / (1 + np.exp(-z @ w))
        grad = z.T @ ((p - wholly) * weight) / len(wholly)
        grad[:-1] += L2 * w[:-1]
        w -= 0.5 * grad
    raw = w[:-1] / scale
    return np.append(raw, w[-1] - (raw * mean).sum())


def predict(weights: np.ndarray, x: np.ndarray) -> np.ndarray:
    return x @ weights[:-1] + weights[-1] >= 0


def read(gold, mask, whole) -> tuple[float, float]:
    """Ternary and binary macro-F1 of: not linked -> non-derived; linked -> wholly/partially by ``whole``."""
    predicted = np.where(~mask, 2, np.where(whole, 0, 1))
    binary = lambda labels: (labels == 2).astype(int)  # noqa: E731
    return macro_f1(gold, predicted, (0, 1, 2)), macro_f1(binary(gold), binary(predicted), (0, 1))


def report(gold, mask, x, stories, folds: int, repeats: int) -> None:
    """Cross-validated by story: every article of a story (catchline and day) is in one fold."""
    train = mask & (gold != 2)
    unique = sorted(set(stories))
    scores = []
    for seed in range(repeats):
        order = np.random.default_rng(seed).permutation(len(unique))
        fold_of = {unique[k]: i % folds for i, k in enumerate(order)}
        article_fold = np.array([fold_of[story] for story in stories])
        whole = np.zeros(len(gold), bool)
        for fold in range(folds):
            test = article_fold == fold
            whole[test] = predict(fit(x[train & ~test], gold[train & ~test] == 0), x[test])
        scores.append(read(gold, mask, whole))
    weights = fit(x[train], gold[train] == 0)
    print(
        f"cross-validated by story ({repeats} x {folds}-fold) ternary / binary macro-F1: "
        f"{np.mean([s[0] for s in scores]):.3f} / {np.mean([s[1] for s in scores]):.3f} "
        f"(ternary min {min(s[0] for s in scores):.3f}, max {max(s[0] for s in scores):.3f})"
    )
    ternary, binary = read(gold, mask, predict(weights, x))
    print(f"in-sample ternary / binary macro-F1: {ternary:.3f} / {binary:.3f}")
    print("weights (raw scale):")
    for name, value in zip(FEATURES, weights):
        print(f"  {name:14s} {value:+.4f}")
    print(f"  {'intercept':14s} {weights[-1]:+.4f}")
    print("_WHOLE_WEIGHTS = (" + ", ".join(f"{v:.4f}" for v in weights[:-1]) + ")")
    print(f"_WHOLE_INTERCEPT = {weights[-1]:.4f}")


if __name__ == "__main__":
    sys.exit(main())
