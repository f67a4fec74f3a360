"""Story grouping benchmark: pairwise precision/recall on METER courts, and speed.

Usage::

    python benchmarks/stories.py [--meter-dir ../shared/eval/meter-courts] [--cache FILE] [--sweep] [--cv]
    python benchmarks/stories.py --speed 10000

Gold: every text of one catchline on one date (the PA wire copy and all the
newspaper articles, derived or not) is one story; the non-derived articles
are independent reporting of it, so they must be grouped too.  The same
catchline on another date may be the same continuing case or a new one, so
pairs across dates of one catchline are left out of the score.  Pairwise
precision, recall and F1 over all other document pairs.

Inputs are the real pipeline's: texts read and cleaned by corpuskit's
readers (as ``benchmarks/meter.py`` does), publication dates as a real
corpus has them (PA copy on the folder's date, papers the next morning), the
dupes links of ``find_duplicates`` over the same texts, and entity keys from
corpuskit's NER (``nlp.load_pipeline``/``extract``) resolved across the
corpus (``entities.link``): each mention contributes its entity's id.
``--cache FILE`` keeps the links and entity keys in a pickle outside the
repository so a second run (or ``--sweep``) skips the minute of NER and dupes.

Rows: the defaults -- the dupes *clusters* as links (each member linked to
its cluster's first document) and the dupes *shared-quote* pairs as event
links (``group_stories``' ``event_links``) -- then without the event links,
with every dupes *pair* as a link (their connected components chain: the
pairs include links between stories); without entity keys; without dates;
without links; words only; and the baselines (dupes clusters alone,
components of dupes pairs, every document alone).  ``--sweep`` varies the
threshold and the entity weight.  ``--cv`` chooses the event-link similarity
(at the default threshold, then with the threshold too) by cross-validation
grouped by catchline: 5 folds of catchlines, each fold scored with the
settings best on the other four; a predicted pair across two folds counts in
both, so the fold figures are a little below the whole-corpus ones.
``--speed N`` times ``group_stories`` on N synthetic articles
(``benchmarks/synthetic.py``) with entity keys made from each article's cast.
"""

from __future__ import annotations

import argparse
import itertools
import os
import pickle
import platform
import sys
import time
from collections import Counter
from dataclasses import replace
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "benchmarks"))

from corpuskit.dupes import DEFAULT_SETTINGS as DUPES_SETTINGS  # noqa: E402
from corpuskit.dupes import find_duplicates  # noqa: E402
from corpuskit.entities import Mention, link  # noqa: E402
from corpuskit.nlp import extract, load_pipeline  # noqa: E402
from corpuskit.report.stories import (  # noqa: E402
    DEFAULT_SETTINGS,
    StoryDoc,
    StorySettings,
    group_stories,
    quoting_one_statement,
)
from meter import MeterDoc, load_meter, to_input  # noqa: E402

TARGET_F1 = 0.85


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--meter-dir", type=Path, default=REPO.parent / "shared" / "eval" / "meter-courts")
    parser.add_argument("--cache", type=Path, help="pickle of dupes links and entity keys (outside the repository)")
    parser.add_argument("--sweep", action="store_true", help="also show how the score moves with the settings")
    parser.add_argument(
        "--cv", action="store_true", help="choose the settings by cross-validation grouped by catchline"
    )
    parser.add_argument("--speed", type=int, metavar="N", help="only time N synthetic articles")
    args = parser.parse_args(argv)
    if args.speed:
        return print_speed(args.speed)
    if not (args.meter_dir / "pairs.tsv").is_file():
        print(f"stories.py: no pairs.tsv in {args.meter_dir} (pass --meter-dir)", file=sys.stderr)
        return 2
    started = time.perf_counter()
    docs = load_meter(args.meter_dir)
    read_seconds = time.perf_counter() - started
    links, entities, input_seconds = pipeline_inputs(docs, args.cache)
    print_header(docs, links, entities, read_seconds, input_seconds)
    print_rows(docs, links, entities)
    if args.sweep:
        print_sweep(docs, links, entities)
    if args.cv:
        # The event links at the threshold as it was, then the threshold chosen with them.
        print_cross_validation(docs, links, entities, {**CV_GRID, "threshold": (DEFAULT_SETTINGS.threshold,)})
        print_cross_validation(docs, links, entities, CV_GRID)
    return 0


# ---------------------------------------------------------------- inputs


def pipeline_inputs(docs: list[MeterDoc], cache: Path | None):
    """Dupes links and entity keys per document, from the cache when it matches
    (a cache from before the shared-quote links keeps its entity keys)."""
    saved: dict = {}
    if cache and cache.is_file():
        with cache.open("rb") as handle:
            saved = pickle.load(handle)
        if saved.get("texts") != [d.text for d in docs]:
            saved = {}
    if "shared_quote_pairs" in saved.get("links", {}):
        return saved["links"], saved["entities"], saved["seconds"]
    started = time.perf_counter()
    links = dupes_links(docs)
    seconds = {"dupes": time.perf_counter() - started}
    started = time.perf_counter()
    entities = saved.get("entities") or entity_keys(docs)
    seconds["entities"] = saved.get("seconds", {}).get("entities", time.perf_counter() - started)
    if cache:
        with cache.open("wb") as handle:
            pickle.dump(
                {"texts": [d.text for d in docs], "links": links, "entities": entities, "seconds": seconds}, handle
            )
    return links, entities, seconds


def dupes_links(docs: list[MeterDoc]) -> dict[str, list[tuple[int, int]]]:
    """Every dupes pair, the clusters as links, and the pairs sharing only quotations."""
    result = find_duplicates([to_input(doc, metadata=True) for doc in docs], DUPES_SETTINGS)
    return {
        "pairs": [(pair.a, pair.b) for pair in result.pairs],
        "clusters": [(c.documents[0], d) for c in result.clusters for d in c.documents[1:]],
        "shared_quote_pairs": list(result.shared_quotes),  # PairResults: event links need their passages
    }


def entity_keys(docs: list[MeterDoc]) -> dict[int, tuple[str, ...]]:
    """Each document's mentions as the ids of the entities they resolve to."""
    texts = {doc.id: doc.text for doc in docs}
    mentions = []
    for doc_id, raws in extract(load_pipeline(), texts.items()):
        text = texts[doc_id]
        mentions.extend(
            Mention(
                doc_id,
                r.start,
                r.end,
                text[r.start : r.end],
                r.label,
                text[r.sentence_start : r.sentence_end],
                r.sentence_start,
            )
            for r in raws
        )
    resolution = link(mentions)
    keys: dict[int, list[str]] = {doc.id: [] for doc in docs}
    for mention, entity in zip(mentions, resolution.entity_of):
        if entity is not None:
            keys[mention.document].append(str(resolution.entities[entity].id))
    return {doc_id: tuple(k) for doc_id, k in keys.items()}


def story_docs(docs: list[MeterDoc], entities: dict[int, tuple[str, ...]] | None, dates: bool) -> list[StoryDoc]:
    result = []
    for doc in docs:
        dated = to_input(doc, metadata=True)
        result.append(
            StoryDoc(
                doc.id, doc.text, dated.published if dates else None, dated.outlet, entities[doc.id] if entities else ()
            )
        )
    return result


# ---------------------------------------------------------------- scoring


def pairwise(docs: list[MeterDoc], groups: list[tuple[int, ...]]) -> dict:
    """Pairwise precision/recall/F1; pairs of one catchline on different dates do not count."""
    by_id = {doc.id: doc for doc in docs}
    true_positive = predicted = 0
    for group in groups:
        stories = Counter(by_id[d].story for d in group)
        catchlines = Counter(by_id[d].catchline for d in group)
        excluded = sum(_pairs(n) for n in catchlines.values()) - sum(_pairs(n) for n in stories.values())
        predicted += _pairs(len(group)) - excluded
        true_positive += sum(_pairs(n) for n in stories.values())
    gold = sum(_pairs(n) for n in Counter(doc.story for doc in docs).values())
    precision = true_positive / predicted if predicted else 1.0
    recall = true_positive / gold if gold else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "groups": len(groups)}


def _pairs(n: int) -> int:
    return n * (n - 1) // 2


def components(doc_ids: list[int], links: list[tuple[int, int]]) -> list[tuple[int, ...]]:
    """The baseline: dupes clusters (connected components of the links) as stories."""
    parent = {d: d for d in doc_ids}

    def root(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in links:
        parent[root(a)] = root(b)
    groups: dict[int, list[int]] = {}
    for d in doc_ids:
        groups.setdefault(root(d), []).append(d)
    return [tuple(g) for g in groups.values()]


def grouped(docs, links, entities, dates: bool = True, settings: StorySettings = DEFAULT_SETTINGS, quotes=()):
    """Stories as ``group_stories`` makes them; ``quotes``: dupes shared-quote pairs (as
    ``story_links`` turns them into event links)."""
    inputs = story_docs(docs, entities, dates)
    event_links = quoting_one_statement(quotes, {d.id: d.text for d in docs}, settings.event_quote_words)
    started = time.perf_counter()
    groups = group_stories(inputs, links, settings, event_links)
    return [g.documents for g in groups], time.perf_counter() - started


# ---------------------------------------------------------------- report


def print_header(docs, links, entities, read_seconds, input_seconds) -> None:
    stories = Counter(doc.story for doc in docs)
    n_pa = sum(doc.kind == "pa" for doc in docs)
    print(f"# METER courts: story grouping ({n_pa} PA texts + {len(docs) - n_pa} newspaper articles, one corpus)\n")
    print(
        f"Machine: {platform.processor() or platform.machine()}, {os.cpu_count()} CPUs (shared), "
        f"Python {platform.python_version()}"
    )
    print(
        f"Gold: {len(stories)} stories (catchline and date), {sum(_pairs(n) for n in stories.values())} "
        f"same-story pairs; dupes pairs: {len(links['pairs'])}; shared-quote pairs: {len(links['shared_quote_pairs'])}; entity mentions resolved: "
        f"{sum(len(k) for k in entities.values())}"
    )
    print(
        f"Seconds: read {read_seconds:.1f}, dupes {input_seconds['dupes']:.1f}, "
        f"NER + resolution {input_seconds['entities']:.1f}\n"
    )


def print_rows(docs, links, entities) -> None:
    print("| grouping | stories | precision | recall | F1 | seconds |")
    print("|---|---:|---:|---:|---:|---:|")
    ids = [d.id for d in docs]
    pairs, clusters, quotes = links["pairs"], links["clusters"], links["shared_quote_pairs"]
    rows = [
        (
            "defaults, links = dupes clusters, event links = shared quotes (words + entity keys + dates)",
            grouped(docs, clusters, entities, quotes=quotes),
        ),
        (
            "links = dupes clusters, no event links (the grouping before shared quotes)",
            grouped(docs, clusters, entities),
        ),
        ("links = every dupes pair, event links = shared quotes", grouped(docs, pairs, entities, quotes=quotes)),
        ("links = clusters, event links, without entity keys", grouped(docs, clusters, None, quotes=quotes)),
        (
            "links = clusters, event links, without dates",
            grouped(docs, clusters, entities, dates=False, quotes=quotes),
        ),
        ("without dupes links, event links = shared quotes", grouped(docs, [], entities, quotes=quotes)),
        ("without dupes links or event links", grouped(docs, [], entities)),
        ("without dupes links and dates (text and entity keys only)", grouped(docs, [], entities, dates=False)),
        ("without dupes links, dates and entity keys (words only)", grouped(docs, [], None, dates=False)),
        ("baseline: dupes clusters as stories", (components(ids, clusters), 0.0)),
        ("baseline: connected components of dupes pairs", (components(ids, pairs), 0.0)),
        ("baseline: every document alone", ([(i,) for i in ids], 0.0)),
    ]
    for name, (groups, seconds) in rows:
        s = pairwise(docs, groups)
        print(f"| {name} | {s['groups']} | {s['precision']:.3f} | {s['recall']:.3f} | {s['f1']:.3f} | {seconds:.2f} |")
    print(f"\nTarget: pairwise F1 ≥ {TARGET_F1}.")


def print_sweep(docs, links, entities) -> None:
    print("\nSweep (links = dupes clusters, event links = shared quotes):\n")
    quotes = links["shared_quote_pairs"]
    print(
        "| threshold | entity weight | precision | recall | F1 | F1 without entity keys | F1 without links and dates |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for threshold in (0.04, 0.06, 0.08, 0.1, 0.12, 0.15, 0.2):
        for weight in (0.5, 1.0, 2.0):
            settings = replace(DEFAULT_SETTINGS, threshold=threshold, entity_weight=weight)
            s = pairwise(docs, grouped(docs, links["clusters"], entities, settings=settings, quotes=quotes)[0])
            plain = pairwise(docs, grouped(docs, links["clusters"], None, settings=settings, quotes=quotes)[0])["f1"]
            undated = pairwise(docs, grouped(docs, [], entities, dates=False, settings=settings)[0])["f1"]
            mark = " (default)" if settings == DEFAULT_SETTINGS else ""
            print(
                f"| {threshold}{mark} | {weight} | {s['precision']:.3f} | {s['recall']:.3f} | {s['f1']:.3f} "
                f"| {plain:.3f} | {undated:.3f} |"
            )


CV_FOLDS = 5
# The settings cross-validated, and the values tried (event-link similarity 0.0: shared quotes unused).
CV_GRID = {
    "threshold": (0.05, 0.06, 0.07, 0.08, 0.09, 0.1),
    "event_link_similarity": (0.0, 0.1, 0.2, 0.3, 0.5),
    "event_quote_words": (5, 10, 15, 20, 30),
}


def print_cross_validation(docs, links, entities, grid: dict[str, tuple]) -> None:
    """Settings chosen by cross-validation grouped by catchline: each fold's figure comes
    from the settings best on the other folds' catchlines."""
    fold_of = _catchline_folds(docs)
    names = list(grid)
    counts = {}
    for values in itertools.product(*grid.values()):
        settings = replace(DEFAULT_SETTINGS, **dict(zip(names, values)))
        groups, _ = grouped(docs, links["clusters"], entities, settings=settings, quotes=links["shared_quote_pairs"])
        counts[values] = fold_counts(docs, groups, fold_of)
    tried = "; ".join(f"{name} {values}" for name, values in grid.items())
    print(f"\nCross-validation grouped by catchline ({CV_FOLDS} folds; {tried}):\n")
    print(
        f"| held-out fold | {' | '.join('chosen ' + n for n in names)} | held-out F1 | F1 of the defaults "
        "| F1 without event links |"
    )
    print("|---:|" + "---:|" * (len(names) + 3))
    default = tuple(getattr(DEFAULT_SETTINGS, name) for name in names)
    unlinked = tuple(0.0 if name == "event_link_similarity" else value for name, value in zip(names, default))
    held_out, at_default, without = [], [], []
    for fold in range(CV_FOLDS):
        others = [f for f in range(CV_FOLDS) if f != fold]
        best = max(counts, key=lambda point: (_f1(counts[point], others), point))
        held_out.append(_f1(counts[best], [fold]))
        at_default.append(_f1(counts[default], [fold]) if default in counts else float("nan"))
        without.append(_f1(counts[unlinked], [fold]) if unlinked in counts else float("nan"))
        print(
            f"| {fold} | {' | '.join(map(str, best))} | {held_out[-1]:.3f} | {at_default[-1]:.3f} | {without[-1]:.3f} |"
        )
    means = " | ".join(f"{sum(column) / CV_FOLDS:.3f}" for column in (held_out, at_default, without))
    print(f"| mean |{' |' * len(names)} {means} |")


def _catchline_folds(docs) -> dict[str, int]:
    catchlines = sorted({doc.catchline for doc in docs})
    return {c: i % CV_FOLDS for i, c in enumerate(catchlines)}


def fold_counts(docs, groups, fold_of) -> list[list[int]]:
    """Per fold: [true positive, predicted, gold] pairs; a predicted pair counts in the fold of
    each of its two documents' catchlines (pairs of one catchline on different dates left out)."""
    by_id = {doc.id: doc for doc in docs}
    counts = [[0, 0, 0] for _ in range(CV_FOLDS)]
    for story, n in Counter(doc.story for doc in docs).items():
        counts[fold_of[story[1]]][2] += _pairs(n)
    for group in groups:
        in_fold = Counter(fold_of[by_id[d].catchline] for d in group)
        for fold, n in in_fold.items():
            counts[fold][1] += _pairs(len(group)) - _pairs(len(group) - n)
        for catchline, n in Counter(by_id[d].catchline for d in group).items():
            stories = Counter(by_id[d].day for d in group if by_id[d].catchline == catchline)
            same_story = sum(_pairs(k) for k in stories.values())
            counts[fold_of[catchline]][0] += same_story
            counts[fold_of[catchline]][1] -= _pairs(n) - same_story
    return counts


def _f1(counts: list[list[int]], folds: list[int]) -> float:
    true_positive, predicted, gold = (sum(counts[f][i] for f in folds) for i in range(3))
    precision = true_positive / predicted if predicted else 1.0
    recall = true_positive / gold if gold else 1.0
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def print_speed(n: int) -> int:
    from synthetic import ArticleFactory

    factory = ArticleFactory(seed=1)
    docs = []
    for i in range(n):
        article = factory.base_article(i)
        keys = tuple(name.casefold() for name in article.people)
        docs.append(StoryDoc(i + 1, article.body, article.published.date().isoformat(), article.outlet.name, keys))
    words = sum(len(d.text.split()) for d in docs)
    started = time.perf_counter()
    groups = group_stories(docs)
    seconds = time.perf_counter() - started
    print(
        f"{n} synthetic articles, {words / n:.0f} words on average: group_stories {seconds:.1f} s, "
        f"{len(groups)} stories, largest {len(groups[0].documents) if groups else 0} "
        f"({platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, shared)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
