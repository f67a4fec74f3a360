"""Quotes and their speakers on PolNeAR: direct-quote recall and speaker accuracy.

Usage::

    PYTHONPATH=src python benchmarks/quotes.py --polnear-dir ../shared/eval/polnear [--misses N]

Issue 11 item 7.  The data is not part of this repository (no licence,
evaluation use only): pass the folder that holds ``metadata.tsv`` and
``train/`` / ``dev/``.  Train and dev are scored separately.

Texts are read exactly as ``corpuskit ingest`` stores them (the ingest
pipeline's own reader, as in ``independent.py``) and quotes come from
``corpuskit.facts.extract_facts(text, published).quotes``, the facts the
report uses.  The gold offsets index the raw ``.txt``; where the stored text
differs (cleaning replaces or drops no-break spaces and the like) they are
mapped through an alignment of the two texts (``difflib``, lines then
characters).  A span maps when both its first and last characters fall in
aligned runs and the mapped text equals the gold text once whitespace is
normalised; failing that, its words (any whitespace between) are located in
the stored text, the occurrence nearest the expected place; a span found
neither way (text the cleaning removed, such as embedded tweets) is counted
as unmapped, and an attribution whose Content is unmapped is left out.

Rules:

* Annotator: PolNeAR holds one ``.ann`` per annotator; the first in sorted
  file-name order is used.
* Gold direct quote: an ``Attribution`` whose ``Content`` (all its fragments)
  has every word character (``\\w``) inside the quotations of the stored text
  as ``corpuskit.text.quotes.quoted_ranges`` finds them (marks included).
  A content only partly quoted ("that ... 'a phrase'") is indirect.
* Recall: a gold quote is recalled when one extracted quote's parts cover at
  least half of the gold Content's characters (all fragments).
* Speaker: among recalled quotes whose attribution has a ``Source``.  The
  gold name is the Source text; a pronoun Source (he, she, they, we, I, it,
  ...) is resolved to the nearest preceding Source of the same article (by
  offset) that holds a capitalised word and is not a pronoun (no gender
  check); pronoun sources are also reported apart.  The gold key is the
  last capitalised word, possessive dropped ("surname"), of the (resolved)
  Source's head: its text before the first comma, opening bracket or
  "who"/"whom"/"whose"/"which"/"that" ("X Y, a spokesman for Z" keys on "y"); a
  head with no capitalised word ("a campaign aide") keys on its last word.  The predicted speaker matches when its words, case-folded,
  include the gold key.  No predicted speaker (none found, or a pronoun that
  corpuskit does not resolve) counts as wrong.
* Precision: share of extracted quotes whose parts overlap any gold
  ``Content`` (direct or not) by at least one character.

Prints a Markdown table per split, the counts behind it, the unmapped spans,
the failure kinds of misses and speaker errors, timing and the machine.
``--pronoun-cv`` chooses the pronoun window (``corpuskit.facts.speakers.PRONOUN_WINDOW``)
on train only: for each window of a grid, every recalled gold quote whose
Source is a pronoun and whose extracted quote has one is right, wrong or
unresolved; the window that maximises right minus wrong (a wrong name costs
what a right one gains: naming the wrong person is worse than naming none)
is chosen on four folds of publication weeks and scored on the fifth, five
times over (folds: weeks in date order, dealt round-robin).

``--misses N`` prints N seeded missed quotes / wrong speakers with context
(corpus text: for the terminal only).
"""

from __future__ import annotations

import argparse
import csv
import os
import platform
import random
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from difflib import SequenceMatcher
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "benchmarks"))

from corpuskit.facts import QuoteFact, extract_facts  # noqa: E402
from corpuskit.facts.quotes import extract_quotes  # noqa: E402
from corpuskit.facts.speakers import PRONOUN_WINDOW  # noqa: E402
from corpuskit.facts.text import Layout  # noqa: E402
from corpuskit.text.quotes import quoted_ranges  # noqa: E402
from independent import read_stored_text  # noqa: E402

Span = tuple[int, int]
SEED = 20261201
TARGET_RECALL = 0.9
TARGET_SPEAKER = 0.85
PRONOUNS = frozenset("he she they we i it you him her them us his hers their".split())
_WORD = re.compile(r"\w+(?:['\u2019]\w+)*")


@dataclass
class GoldAttribution:
    content: list[Span]
    source: list[Span] | None
    source_text: str | None


@dataclass
class Article:
    split: str
    name: str
    text: str
    gold: list[GoldAttribution]
    sources: list[tuple[int, str]]  # every mapped Source (start, text), for pronoun resolution
    unmapped: int = 0
    spans: int = 0


@dataclass
class Tally:
    articles: int = 0
    gold_spans: int = 0
    unmapped: int = 0
    attributions: int = 0
    direct: int = 0
    recalled: int = 0
    with_source: int = 0
    speaker_ok: int = 0
    named: int = 0
    named_ok: int = 0
    pronoun: int = 0
    pronoun_ok: int = 0
    pronoun_unresolved: int = 0
    extracted: int = 0
    extracted_hit: int = 0
    extracted_direct: int = 0
    seconds: float = 0.0
    miss_kinds: Counter[str] = field(default_factory=Counter)
    speaker_kinds: Counter[str] = field(default_factory=Counter)
    misses: list[tuple[str, str, Span, str]] = field(default_factory=list)
    wrong: list[tuple[str, str, Span, str, str]] = field(default_factory=list)


def _spans(field_text: str) -> list[Span]:
    return [(int(a), int(b)) for a, b in (part.split() for part in field_text.split(";"))]


def read_ann(path: Path) -> tuple[dict[str, tuple[str, list[Span], str]], list[dict[str, str]]]:
    spans: dict[str, tuple[str, list[Span], str]] = {}
    events: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        cells = line.split("\t")
        if re.fullmatch(r"T\d+", cells[0]) and len(cells) >= 2:
            label, _, offsets = cells[1].partition(" ")
            spans[cells[0]] = (label, _spans(offsets), cells[2] if len(cells) > 2 else "")
        elif re.fullmatch(r"E\d+", cells[0]) and len(cells) >= 2:
            roles = dict(part.split(":", 1) for part in cells[1].split())
            events.append(roles)
    return spans, events


def _starts(lines: list[str]) -> list[int]:
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))
    return starts


def _norm(text: str) -> str:
    return " ".join(text.split())


class OffsetMap:
    """Raw-file offsets to stored-text offsets, through the aligned runs of the two texts."""

    def __init__(self, raw: str, stored: str) -> None:
        self.raw, self.stored = raw, stored
        self.same = raw == stored
        self.to: list[int] = []
        if not self.same:
            self.to = [-1] * (len(raw) + 1)
            # Lines first (the texts differ in a few characters), then characters inside differing runs.
            raw_lines, stored_lines = raw.splitlines(keepends=True), stored.splitlines(keepends=True)
            raw_at, stored_at = _starts(raw_lines), _starts(stored_lines)
            lines = SequenceMatcher(None, raw_lines, stored_lines, autojunk=False)
            for op, i1, i2, j1, j2 in lines.get_opcodes():
                a0, b0 = raw_at[i1], stored_at[j1]
                if op == "equal":
                    for k in range(raw_at[i2] - a0):
                        self.to[a0 + k] = b0 + k
                    continue
                chars = SequenceMatcher(None, raw[a0 : raw_at[i2]], stored[b0 : stored_at[j2]], autojunk=False)
                for a, b, size in chars.get_matching_blocks():
                    for k in range(size):
                        self.to[a0 + a + k] = b0 + b + k

    def span(self, start: int, end: int) -> Span | None:
        if self.same:
            return (start, end)
        if end <= start or end > len(self.raw):
            return None
        first, last = self.to[start], self.to[end - 1]
        if first >= 0 and last >= 0 and _norm(self.stored[first : last + 1]) == _norm(self.raw[start:end]):
            return (first, last + 1)
        return self.locate(start, end)

    def locate(self, start: int, end: int) -> Span | None:
        """The span's words (any whitespace between) found in the stored text, nearest the expected place."""
        words = self.raw[start:end].split()
        if not words:
            return None
        pattern = re.compile(r"\s+".join(re.escape(w) for w in words))
        expected = start * len(self.stored) // max(len(self.raw), 1)
        found = [m.span() for m in pattern.finditer(self.stored)]
        return min(found, key=lambda f: abs(f[0] - expected), default=None)


def load(root: Path, split: str, meta: dict[tuple[str, str], dict[str, str]]) -> list[Article]:
    anns: dict[str, list[Path]] = {}
    for path in sorted((root / split / "attributions").glob("*.ann")):
        anns.setdefault(path.stem.rsplit("_", 1)[0], []).append(path)
    articles = []
    for path in sorted((root / split / "text").glob("*.txt")):
        if path.stem not in anns:
            continue
        raw = path.read_text(encoding="utf-8")
        stored = read_stored_text(root, path)
        mapping = OffsetMap(raw, stored)
        spans, events = read_ann(anns[path.stem][0])  # first annotator in sorted order
        article = Article(split, path.stem, stored, [], [])
        mapped: dict[str, list[Span] | None] = {}
        for key, (label, parts, _) in spans.items():
            if label not in ("Content", "Source"):
                continue
            article.spans += 1
            found = [mapping.span(s, e) for s, e in parts]
            if any(f is None for f in found):
                article.unmapped += 1
                mapped[key] = None
            else:
                mapped[key] = [f for f in found if f is not None]
                if label == "Source":
                    first = mapped[key][0]  # type: ignore[index]
                    article.sources.append((first[0], " ".join(stored[s:e] for s, e in mapped[key])))  # type: ignore[union-attr]
        article.sources.sort()
        for roles in events:
            content = mapped.get(roles.get("Content", ""))
            if content is None:
                continue
            source_key = roles.get("Source")
            source = mapped.get(source_key) if source_key else None
            source_text = " ".join(stored[s:e] for s, e in source) if source else None
            if source_key and source is None:
                source = None  # an unmapped source: scored as having no gold Source
            article.gold.append(GoldAttribution(content, source, source_text))
        articles.append(article)
    return articles


def _covered(ranges: list[Span], length: int) -> bytearray:
    mask = bytearray(length)
    for s, e in ranges:
        mask[s:e] = b"\x01" * (e - s)
    return mask


def is_direct(text: str, content: list[Span], inside: bytearray) -> bool:
    chars = [i for s, e in content for i in range(s, e) if _WORD.match(text[i])]
    return bool(chars) and all(inside[i] for i in chars)


def overlap(a: list[Span], b: tuple[Span, ...]) -> int:
    return sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a for s2, e2 in b)


def _capitalised(text: str) -> list[str]:
    return [w for w in _WORD.findall(text) if w[:1].isupper()]


_APPOSITION = re.compile(r",|\(|\s(?:who|whom|whose|which|that)\s")


def gold_key(name: str) -> str:
    head = _APPOSITION.split(name, maxsplit=1)[0] or name  # "X Y, a spokesman for Z" -> "X Y"
    words = _capitalised(head) or _WORD.findall(head)
    word = words[-1] if words else ""
    return re.sub(r"['\u2019]s$", "", word).casefold()


def is_pronoun(source: str) -> bool:
    words = _WORD.findall(source)
    return len(words) == 1 and words[0].lower() in PRONOUNS


def resolve(article: Article, start: int) -> str | None:
    """The nearest preceding gold Source that holds a capitalised word and is not a pronoun."""
    for position, text in reversed(article.sources):
        if position < start and not is_pronoun(text) and _capitalised(text):
            return text
    return None


def speaker_words(quote: QuoteFact) -> set[str]:
    return {re.sub(r"['\u2019]s$", "", w).casefold() for w in _WORD.findall(quote.speaker or "")}


def score(articles: list[Article], published: dict[str, str | None], keep: int) -> Tally:
    tally = Tally(articles=len(articles))
    for article in articles:
        tally.gold_spans += article.spans
        tally.unmapped += article.unmapped
        text = article.text
        started = time.perf_counter()
        quotes = list(extract_facts(text, published.get(article.name)).quotes)
        tally.seconds += time.perf_counter() - started
        inside = _covered(quoted_ranges(text), len(text))
        contents = [g.content for g in article.gold]
        tally.attributions += len(article.gold)
        tally.extracted += len(quotes)
        for q in quotes:
            if any(overlap(c, q.parts) > 0 for c in contents):
                tally.extracted_hit += 1
        direct = [g for g in article.gold if is_direct(text, g.content, inside)]
        tally.direct += len(direct)
        for q in quotes:
            if any(overlap(g.content, q.parts) > 0 for g in direct):
                tally.extracted_direct += 1
        for g in direct:
            size = sum(e - s for s, e in g.content)
            best = max(quotes, key=lambda q: overlap(g.content, q.parts), default=None)
            got = overlap(g.content, best.parts) if best else 0
            where = g.content[0]
            if best is None or got * 2 < size:
                tally.miss_kinds[_miss_kind(text, g, got, size)] += 1
                tally.misses.append((article.split, article.name, where, _miss_kind(text, g, got, size)))
                continue
            tally.recalled += 1
            if g.source is None or g.source_text is None:
                continue
            tally.with_source += 1
            pronoun = is_pronoun(g.source_text)
            name = resolve(article, g.source[0][0]) if pronoun else g.source_text
            ok = name is not None and gold_key(name) in speaker_words(best)
            if pronoun:
                tally.pronoun += 1
                tally.pronoun_ok += ok
                tally.pronoun_unresolved += name is None
            else:
                tally.named += 1
                tally.named_ok += ok
            tally.speaker_ok += ok
            if not ok:
                kind = _speaker_kind(best, pronoun, name)
                tally.speaker_kinds[kind] += 1
                tally.wrong.append((article.split, article.name, where, name or g.source_text, kind))
    rng = random.Random(SEED)
    tally.misses = rng.sample(tally.misses, min(keep, len(tally.misses)))
    tally.wrong = rng.sample(tally.wrong, min(keep, len(tally.wrong)))
    return tally


PRONOUN_WINDOWS = (150, 300, 500, 800, 1200, 2000, 3500, 6000, 100_000)
CV_FOLDS = 5


def pronoun_outcomes(articles: list[Article], window: int) -> list[tuple[str, str]]:
    """(article name, "right" / "wrong" / "unresolved") for every recalled gold quote whose Source is a
    pronoun and whose extracted quote has a pronoun speaker, with pronouns resolved within ``window``."""
    outcomes = []
    for article in articles:
        text = article.text
        quotes = extract_quotes(text, Layout(text), window)
        inside = _covered(quoted_ranges(text), len(text))
        for g in article.gold:
            if g.source is None or g.source_text is None or not is_pronoun(g.source_text):
                continue
            if not is_direct(text, g.content, inside):
                continue
            best = max(quotes, key=lambda q: overlap(g.content, q.parts), default=None)
            if (
                best is None
                or overlap(g.content, best.parts) * 2 < sum(e - s for s, e in g.content)
                or not best.pronoun
            ):
                continue
            name = resolve(article, g.source[0][0])
            if best.speaker is None:
                outcomes.append((article.name, "unresolved"))
            else:
                ok = name is not None and gold_key(name) in speaker_words(best)
                outcomes.append((article.name, "right" if ok else "wrong"))
    return outcomes


def pronoun_cv(articles: list[Article], week_of: dict[str, str]) -> None:
    """Grouped cross-validation of the pronoun window on train (see the module docstring)."""
    by_window = {w: pronoun_outcomes(articles, w) for w in PRONOUN_WINDOWS}
    weeks = sorted(set(week_of.values()))
    fold_of = {week: i % CV_FOLDS for i, week in enumerate(weeks)}

    def counts(window: int, keep: Callable[[int], bool]) -> Counter[str]:
        return Counter(o for name, o in by_window[window] if keep(fold_of[week_of[name]]))

    print("| window (chars) | right | wrong | unresolved | right - wrong |")
    print("|---:|---:|---:|---:|---:|")
    for w in PRONOUN_WINDOWS:
        c = counts(w, lambda _: True)
        print(f"| {w} | {c['right']} | {c['wrong']} | {c['unresolved']} | {c['right'] - c['wrong']} |")
    held = Counter[str]()
    chosen = []
    for fold in range(CV_FOLDS):
        best = max(PRONOUN_WINDOWS, key=lambda w, out=fold: _net(counts(w, lambda f: f != out)))
        chosen.append(best)
        held += counts(best, lambda f, out=fold: f == out)
    total = sum(held.values())
    print(
        f"\nGrouped CV ({CV_FOLDS} folds of {len(weeks)} publication weeks): windows chosen {chosen}; held out "
        f"right {held['right']}, wrong {held['wrong']}, unresolved {held['unresolved']} "
        f"(accuracy {_ratio(held['right'], total)}, precision of resolved "
        f"{_ratio(held['right'], held['right'] + held['wrong'])})."
    )
    best_all = max(PRONOUN_WINDOWS, key=lambda w: _net(counts(w, lambda _: True)))
    print(f"Chosen on all of train: {best_all} (in use: PRONOUN_WINDOW = {PRONOUN_WINDOW}).")


def _net(c: Counter[str]) -> int:
    return c["right"] - c["wrong"]


def _week(published: str | None) -> str:
    try:
        year, week, _ = date.fromisoformat((published or "")[:10]).isocalendar()
    except ValueError:
        return "unknown"
    return f"{year}-W{week:02d}"


def _miss_kind(text: str, gold: GoldAttribution, got: int, size: int) -> str:
    body = " ".join(text[s:e] for s, e in gold.content)
    if got > 0:
        return "extracted quote covers under half"
    if (
        "\n" in body.strip()
        or len(gold.content) > 1
        and any("\n" in text[a[1] : b[0]] for a, b in zip(gold.content, gold.content[1:]))
    ):
        return "no overlap: gold spans paragraphs"
    if len(_WORD.findall(body)) <= 3:
        return "no overlap: quote of 1-3 words"
    return "no overlap: other"


def _speaker_kind(quote: QuoteFact, pronoun: bool, name: str | None) -> str:
    gold = "pronoun gold" if pronoun else "named gold"
    if name is None:
        return f"{gold}: not resolvable"
    if quote.speaker is None and quote.pronoun is not None:
        return f"{gold}: predicted a pronoun (unresolved)"
    if quote.speaker is None:
        return f"{gold}: no speaker predicted"
    return f"{gold}: other speaker predicted"


def _ratio(a: int, b: int) -> str:
    return f"{a / b:.3f}" if b else "-"


def machine() -> str:
    load = os.getloadavg() if hasattr(os, "getloadavg") else (0.0, 0.0, 0.0)
    return (
        f"{platform.processor() or platform.machine()}, nproc {os.cpu_count()}, "
        f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}, Python {platform.python_version()}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--polnear-dir", type=Path, required=True)
    parser.add_argument("--misses", type=int, default=0, help="print N seeded misses and wrong speakers (corpus text)")
    parser.add_argument(
        "--pronoun-cv", action="store_true", help="choose the pronoun window by grouped CV on train, then stop"
    )
    args = parser.parse_args()
    root: Path = args.polnear_dir
    meta: dict[tuple[str, str], dict[str, str]] = {}
    with open(root / "metadata.tsv", newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            meta[(row["compartment"], row["filename"])] = row
    print(f"Machine: {machine()}")
    started = time.perf_counter()
    if args.pronoun_cv:
        train = load(root, "train", meta)
        pronoun_cv(train, {a.name: _week((meta.get(("train", a.name)) or {}).get("publication_date")) for a in train})
        print(f"\nTotal {time.perf_counter() - started:.1f} s")
        return 0
    tallies: dict[str, Tally] = {}
    texts: dict[tuple[str, str], str] = {}
    for split in ("train", "dev"):
        load_started = time.perf_counter()
        articles = load(root, split, meta)
        loading = time.perf_counter() - load_started
        published = {a.name: (meta.get((split, a.name)) or {}).get("publication_date") or None for a in articles}
        tallies[split] = score(articles, published, args.misses)
        texts.update({(split, a.name): a.text for a in articles})
        print(f"{split}: read and aligned {len(articles)} articles in {loading:.1f} s")
    print()
    print(
        "| split | articles | attributions | gold direct quotes | recalled | recall | with gold Source | speaker ok | speaker accuracy | named Source acc. | pronoun Source acc. | extracted quotes | precision (any Content) | share on a direct quote | extraction s |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for split, t in tallies.items():
        print(
            f"| {split} | {t.articles} | {t.attributions} | {t.direct} | {t.recalled} | {_ratio(t.recalled, t.direct)} "
            f"| {t.with_source} | {t.speaker_ok} | {_ratio(t.speaker_ok, t.with_source)} "
            f"| {_ratio(t.named_ok, t.named)} ({t.named}) | {_ratio(t.pronoun_ok, t.pronoun)} ({t.pronoun}) "
            f"| {t.extracted} | {_ratio(t.extracted_hit, t.extracted)} | {_ratio(t.extracted_direct, t.extracted)} "
            f"| {t.seconds:.2f} |"
        )
    dev = tallies["dev"]
    recall, accuracy = dev.recalled / max(dev.direct, 1), dev.speaker_ok / max(dev.with_source, 1)
    print()
    print(
        f"Targets on dev: recall >= {TARGET_RECALL} ({'met' if recall >= TARGET_RECALL else 'not met'}), "
        f"speaker accuracy >= {TARGET_SPEAKER} ({'met' if accuracy >= TARGET_SPEAKER else 'not met'})."
    )
    for split, t in tallies.items():
        print(
            f"\n{split}: {t.unmapped} of {t.gold_spans} gold Content/Source spans could not be mapped to the stored text."
        )
        print(f"{split}: pronoun Sources with no earlier named Source: {t.pronoun_unresolved}.")
        print(f"{split}: misses by kind: " + ", ".join(f"{k} {n}" for k, n in t.miss_kinds.most_common()))
        print(f"{split}: speaker errors by kind: " + ", ".join(f"{k} {n}" for k, n in t.speaker_kinds.most_common()))
    if args.misses:
        for split, t in tallies.items():
            print(f"\n## {split}: sample of misses")
            for _, name, (s, e), kind in t.misses:
                text = texts[(split, name)]
                print(f"- [{kind}] {name} {s}: ...{_norm(text[max(0, s - 120) : e + 80])}...")
            print(f"\n## {split}: sample of wrong speakers")
            for _, name, (s, e), gold, kind in t.wrong:
                text = texts[(split, name)]
                print(f"- [{kind}] gold {gold!r} {name} {s}: ...{_norm(text[max(0, s - 150) : e + 120])}...")
    print(f"\nTotal {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
