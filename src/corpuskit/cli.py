"""The corpuskit command line: parses options, calls the library, renders. No logic."""

from __future__ import annotations

import functools
import getpass
import os
import sqlite3
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, TypeVar

import click
import typer
from rich.console import Console
from rich.markup import escape
from rich.panel import Panel
from rich.progress import BarColumn, MofNCompleteColumn, Progress, ProgressColumn, Task, TextColumn
from rich.table import Table
from rich.text import Text

from corpuskit import __version__
from corpuskit.config import Config, load_config
from corpuskit.documents import DOCUMENT_KEYS, METADATA_FIELDS
from corpuskit.dupes.corpus import corpus_duplicates
from corpuskit.dupes.listing import (
    DupesListing,
    cluster_rows,
    diff_markdown,
    highlighted_sides,
    pair_records,
    pair_rows,
    shared_quote_rows,
    sibling_rows,
)
from corpuskit.dupes.model import DupesSettings
from corpuskit.dupes.pipeline import diff_texts
from corpuskit.engines.local import cpu_count
from corpuskit.entities.cache import decisions as entity_decisions
from corpuskit.entities.cache import resolved_entities, update_mentions
from corpuskit.entities.listing import check_label, entity_listing, flat_rows, table_rows
from corpuskit.errors import CorpuskitError, NotFound
from corpuskit.export import export_parquet
from corpuskit.graph import render_graph, store_copy_graph, with_story_directions
from corpuskit.ingest.pipeline import IngestReport, ingest_json_lines, ingest_paths
from corpuskit.nlp import ModelMissing, name_models
from corpuskit.render import (
    Content,
    md_escape,
    output_console,
    output_file,
    plural,
    render_rows,
    rich_table,
    to_json,
    to_jsonl,
    to_markdown_table,
    write_csv_stream,
    write_json_stream,
    write_jsonl_stream,
    write_output,
)
from corpuskit.report.build import build_report, kept_report, select_stories
from corpuskit.report.decisions import (
    DECISION_COLUMNS,
    VERDICTS,
    apply_decisions,
    decision_rows,
    find_finding,
    normal_id,
)
from corpuskit.report.html import render_html
from corpuskit.report.markdown import render_markdown
from corpuskit.report.terminal import render_terminal
from corpuskit.store import Store

T = TypeVar("T")

app = typer.Typer(
    help="Who copied whom and where the sources disagree, in a folder of news articles.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
out = Console(soft_wrap=False)
err = Console(stderr=True, soft_wrap=True)  # one diagnostic, one line


class Format(str, Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    md = "md"


DbOption = Annotated[
    Path | None,
    typer.Option(
        "--db",
        envvar="CORPUSKIT_DB",
        help="Corpus store (default: .corpuskit/corpus.db, or $CORPUSKIT_DB).",
        show_default=False,
    ),
]
ConfigOption = Annotated[
    Path | None,
    typer.Option("--config", help="Settings file (default: corpuskit.yaml if present).", show_default=False),
]


def _format_option(help_text: str) -> Any:
    """``--format``/``-f``, its choices read in any case ("JSON" is "json")."""
    return typer.Option("--format", "-f", case_sensitive=False, help=help_text)


FormatOption = Annotated[Format, _format_option("Output format.")]


def _writable(output: Path | None) -> Path | None:
    """Refuses an --output that cannot be a file before any work is done (the open itself
    is still checked when writing: permissions can change in between)."""
    if output is None or str(output) == "-":  # "-" is standard output, as on every other command line
        return None
    try:
        problem = _unwritable_because(output)
    except OSError as exc:  # a name the system refuses outright (too long, a loop of links)
        problem = exc.strerror or str(exc)
    if problem:
        err.print(f"[red]error:[/red] cannot write {escape(str(output))}: {escape(problem)}")
        raise typer.Exit(2)
    return output


def _unwritable_because(output: Path) -> str | None:
    if output.is_dir():
        return "is a folder; give a file name"
    if not output.parent.is_dir():
        return f"is in a folder that does not exist ({output.parent})"
    if _is_database(output):
        return "is a database (perhaps the corpus store itself); it is not overwritten"
    return None


def _is_database(path: Path) -> bool:
    """An SQLite file, which a mistyped --output would destroy: '-o .corpuskit/corpus.db'."""
    if not path.is_file():  # never read a pipe or a terminal: /dev/stdout is a fine output
        return False
    try:
        with open(path, "rb") as handle:
            return handle.read(16) == b"SQLite format 3\x00"
    except OSError:
        return False


OutputOption = Annotated[
    Path | None,
    typer.Option("--output", "-o", help="Write to this file instead of stdout (- is stdout).", callback=_writable),
]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="No progress or summary; errors only.")]


class Engine(str, Enum):
    local = "local"
    spark = "spark"


EngineOption = Annotated[Engine, typer.Option("--engine", help="Where the heavy stages run: here, or on Spark.")]
MasterOption = Annotated[
    str | None,
    typer.Option(
        "--master",
        help="With --engine spark: the Spark master URL (local[*], spark://..., yarn); "
        "default: spark-submit's or spark-defaults.conf's, else local[*].",
    ),
]
CorpusOption = Annotated[
    str | None,
    typer.Option(
        "--corpus", help="With --engine spark: the store's documents.parquet (from `export`) where Spark can read it."
    ),
]
PartitionsOption = Annotated[
    int | None, typer.Option("--partitions", min=1, help="With --engine spark: partitions of each job.")
]
ResultsOption = Annotated[
    str | None,
    typer.Option(
        "--results",
        help="With --engine spark and --corpus: write the results as Parquet into this folder from Spark, "
        "without the store (for corpora whose store does not fit the driver).",
    ),
]

# The columns of `documents` and `show` (JSON keys and CSV columns, in this order).
DOC_COLUMNS = ["id", "path", *METADATA_FIELDS, "characters", "content_hash", "duplicate_of", "warning", "ingested_at"]
DOC_TABLE_COLUMNS = ["id", "title", "outlet", "published", "characters", "duplicate_of", "path", "warning"]
DOC_TABLE_HEADERS = ["id", "title", "outlet", "published", "chars", "dup of", "path", "warning"]
FLAGGED_COLUMNS = ["id", "path", "warning"]


# Counts and ids beyond this are no real corpus's, and SQLite integers stop at 2**63.
MAX_LIMIT = 10**12

# Exit code of an internal error (a bug), apart from the user's 1 and 2; the
# variable shows its traceback instead.
INTERNAL_ERROR = 3
DEBUG_VARIABLE = "CORPUSKIT_DEBUG"


def user_errors(command):
    """A user's mistake becomes one line on stderr and an exit code, never a traceback."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except CorpuskitError as exc:
            err.print(f"[red]error:[/red] {escape(str(exc))}")
            raise typer.Exit(exc.exit_code) from None
        except sqlite3.OperationalError as exc:
            err.print(f"[red]error:[/red] the store is busy or damaged: {escape(str(exc))}")
            raise typer.Exit(2) from None
        except KeyboardInterrupt:
            err.print("interrupted: work committed so far is kept; run the command again to finish")
            raise typer.Exit(130) from None
        except BrokenPipeError:
            raise typer.Exit(0) from None
        except OSError as exc:  # a file or folder the system refused: still one line, never a traceback
            where = f" ({exc.filename})" if exc.filename else ""
            err.print(f"[red]error:[/red] {escape((exc.strerror or str(exc)) + where)}")
            raise typer.Exit(2) from None
        except (
            typer.Exit,
            typer.Abort,
            click.exceptions.Exit,
            click.exceptions.ClickException,
            click.exceptions.Abort,
        ):
            raise  # the command's own exit code or usage error, said already
        except Exception as exc:  # a bug of ours: still one line, and the way to see more
            if os.environ.get(DEBUG_VARIABLE):
                raise
            err.print(
                f"[red]internal error:[/red] {escape(type(exc).__name__)}: {escape(str(exc))} "
                f"(a bug in corpuskit; set {DEBUG_VARIABLE}=1 to see the traceback)"
            )
            raise typer.Exit(INTERNAL_ERROR) from None

    return wrapper


def _show_version(value: bool) -> None:
    if value:
        out.print(f"corpuskit {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        # eager: answered before Typer asks for the missing command
        typer.Option("--version", help="Show the version and exit.", callback=_show_version, is_eager=True),
    ] = False,
):
    """Who copied whom and where the sources disagree, in a folder of news articles."""


class IngestFormat(str, Enum):
    """The summary of an ingest is one record: a sentence for people, or JSON."""

    table = "table"
    json = "json"


@app.command()
@user_errors
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files or folders (recursive), or - for JSON lines on stdin.")],
    prune: Annotated[bool, typer.Option("--prune", help="Remove documents whose files are gone.")] = False,
    jobs: Annotated[
        int | None, typer.Option("--jobs", "-j", min=1, help="Processes that read files (default: one a core).")
    ] = None,
    fmt: Annotated[IngestFormat, _format_option("Summary format: table or json.")] = IngestFormat.table,
    db: DbOption = None,
    config: ConfigOption = None,
    quiet: QuietOption = False,
):
    """Add articles to the corpus: text, Markdown, HTML, JSON, JSON lines, CSV, Parquet,
    PDF, DOCX, e-mail (.eml, .mbox), WARC/ARC web archives, and any of them gzipped.

    Unchanged files are skipped, changed files update their document.
    A sources.yaml or sources.csv in a folder gives outlet, date and URL.

    Example: corpuskit ingest seeds/
    """
    settings = load_config(config).ingest
    store = Store.open(db)
    report = IngestReport()
    files = [p for p in paths if p != "-"]
    if "-" in paths:
        report = ingest_json_lines(store, sys.stdin, settings)
    if files:
        result = _with_stage_progress(
            quiet,
            "ingest",
            lambda update: ingest_paths(
                store,
                files,
                settings,
                prune=prune,
                jobs=jobs,
                on_file=lambda done, total: update("ingest", done, total),
            ),
        )
        _merge(report, result)
    _print_ingest_report(report, fmt, quiet, paths)
    if report.rejected:
        raise typer.Exit(1)


def _table(rows: list[dict], columns: list[str], title: str, **options) -> Table:
    """A listing as a terminal table as wide as the terminal (``options`` as for ``rich_table``)."""
    return rich_table(rows, columns, title=title, width=out.width, **options)


def _render(
    fmt: Format,
    rows: list[dict],
    columns: list[str],
    key: str,
    payload: dict | None = None,
    table=None,
    md=None,
) -> Content:
    """The one place a listing command picks its rendering: ``payload`` is the JSON contract
    (by default the rows under ``key``), its records under ``key`` the JSON lines (their
    lists kept as lists); ``table`` and ``md`` build a command's own rendering when the
    generic one of ``rows`` would lose something.  (``dupes``, whose listing can be large,
    writes its JSON, JSON lines and CSV as they are made instead.)"""
    if fmt == Format.json:
        return to_json(payload if payload is not None else {key: rows})
    if fmt == Format.jsonl and payload is not None:
        return to_jsonl(payload[key])
    if fmt == Format.table and table is not None:
        return table()
    if fmt == Format.md and md is not None:
        return md()
    return render_rows(rows, columns, fmt.value, key=key, width=out.width)


@app.command()
@user_errors
def docs(
    limit: Annotated[
        int | None, typer.Option("--limit", "-n", min=1, max=MAX_LIMIT, help="Show at most this many.")
    ] = None,
    flagged: Annotated[
        bool,
        typer.Option("--flagged", help="Only documents whose text may not be the article (a notice, a caption)."),
    ] = False,
    fmt: FormatOption = Format.table,
    output: OutputOption = None,
    db: DbOption = None,
):
    """List the documents in the corpus.

    A document is flagged when the text read from its file may not be its article
    (a cookie or subscription notice, a photo caption, a sliver of a large page):
    it is kept, and --flagged lists those with the warning.

    Example: corpuskit docs --format csv -o documents.csv
    """
    store = Store.open(db, create=False)
    rows = store.documents(limit=limit, flagged=flagged)

    def table():
        if flagged:  # the warning is what is asked for: room for it
            return _table(
                rows, FLAGGED_COLUMNS, plural(len(rows), "flagged document"), wrap=["warning"], flex="warning"
            )
        title = plural(store.count_documents(), "document")
        return _table(rows, DOC_TABLE_COLUMNS, title, headers=DOC_TABLE_HEADERS, hide_empty=True)

    write_output(_render(fmt, rows, DOC_COLUMNS, "documents", table=table), output, out)


@app.command()
@user_errors
def show(
    doc: Annotated[str, typer.Argument(help="Document id, or its path as ingested.")],
    fmt: FormatOption = Format.table,
    output: OutputOption = None,
    db: DbOption = None,
):
    """Show one document: its metadata and cleaned text.

    Example: corpuskit show 3    or    corpuskit show seeds/003_7fe23b19ceaf6931.txt
    """
    document = Store.open(db, create=False).document(doc)
    fields = [{"field": k, "value": document.get(k)} for k in DOC_COLUMNS if document.get(k) is not None]

    def md():
        return (
            f"# {md_escape(document['title'] or document['path'])}\n\n"
            + to_markdown_table(fields, ["field", "value"])
            + "\n"
            + _md_text(document["text"])
            + "\n"
        )

    def table():
        return [
            _table(fields, ["field", "value"], document["title"] or document["path"], wrap=["value"], flex="field"),
            Panel(escape(document["text"]), expand=False),
        ]

    content = _render(fmt, [document], DOC_COLUMNS + ["text"], "documents", table=table, md=md)
    write_output(content, output, out)


@app.command()
@user_errors
def search(
    query: Annotated[
        str,
        typer.Argument(
            help='Words, or FTS5 syntax: "exact phrase", a OR b, pref*, NEAR(a b); -word excludes a word '
            "(put -- before a query that starts with -)."
        ),
    ],
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, max=MAX_LIMIT, help="Show at most this many.")] = 20,
    fmt: FormatOption = Format.table,
    output: OutputOption = None,
    db: DbOption = None,
):
    """Full-text search over titles and texts, best matches first, with snippets.

    Example: corpuskit search '"city council" AND budget -sports'
    """
    rows = Store.open(db, create=False).search(query, limit=limit)
    for row in rows:
        row["rank"] = round(-row["rank"], 3) or 0.0  # never "-0.0"
        row["snippet"] = " ".join(row["snippet"].split())
    columns = ["id", "title", "outlet", "published", "snippet", "rank", "path"]
    marked = [{**row, "snippet": row["snippet"].replace("\x02", "[").replace("\x03", "]")} for row in rows]

    def table():
        shown = [{**row, "snippet": highlight_snippet(row["snippet"])} for row in rows]
        return _table(
            shown,
            columns[:5],
            f"{plural(len(rows), 'match', 'matches')} for {query!r}",
            wrap=["snippet"],
            hide_empty=True,
        )

    def md():
        return to_markdown_table(rows, columns, cell=lambda v: md_escape(v).replace("\x02", "**").replace("\x03", "**"))

    write_output(_render(fmt, marked, columns, "documents", table=table, md=md), output, out)
    if not rows:
        err.print(f"no document matches {escape(repr(query))}")


# No help= here: it would hide the callback's docstring, which has the options' story and the example.
entities_app = typer.Typer(
    invoke_without_command=True,
    no_args_is_help=False,
)
app.add_typer(entities_app, name="entities")

LabelOption = Annotated[str | None, typer.Option("--label", "-l", help="Only this label (PERSON, ORG, GPE, ...).")]


@entities_app.callback()
@user_errors
def entities(
    ctx: typer.Context,
    label: LabelOption = None,
    min_docs: Annotated[int, typer.Option("--min-docs", min=1, help="Only entities in at least N documents.")] = 1,
    variants_only: Annotated[
        bool, typer.Option("--variants-only", help="Only entities spelled more than one way.")
    ] = False,
    doc: Annotated[str | None, typer.Option("--doc", help="Only entities mentioned in this document.")] = None,
    jobs: Annotated[
        int | None, typer.Option("--jobs", "-j", min=1, help="Processes for the NLP stage (default: one a core).")
    ] = None,
    engine: EngineOption = Engine.local,
    master: MasterOption = None,
    corpus: CorpusOption = None,
    partitions: PartitionsOption = None,
    fmt: FormatOption = Format.table,
    output: OutputOption = None,
    db: DbOption = None,
    config: ConfigOption = None,
    quiet: QuietOption = False,
):
    """Who and what the corpus talks about, under which spellings, and where.

    Names are found with spaCy (cached per text), then mentions of one entity
    are grouped across documents: spelling variants, short forms, acronyms.
    Each merge says why. Subcommands record analyst decisions.

    With --engine spark the names are found (NER) as a Spark map; the model must
    be installed where Spark's workers run.

    Example: corpuskit entities --variants-only --format json
    """
    if ctx.invoked_subcommand is not None:
        return
    settings = load_config(config)
    store = Store.open(db, create=False)
    document = store.document(doc)["id"] if doc else None
    with _engine(store, engine, master, corpus, partitions) as spark:
        if spark:
            _with_stage_progress(
                quiet,
                "find names",
                lambda update: spark.maps.mentions(store, name_models(settings.nlp), settings.nlp.batch_size, update),
            )
    _with_stage_progress(
        quiet,
        "find names",
        lambda update: update_mentions(
            store,
            name_models(settings.nlp),
            settings.nlp.batch_size,
            jobs or cpu_count(),
            on_progress=lambda done, total: update("find names", done, total),
        ),
    )
    found = resolved_entities(
        store,
        name_models(settings.nlp),
        entity_decisions(settings.entities.aliases, settings.entities.separations, store),
    )
    if label:
        warning = check_label(found, label)
        if warning and not quiet:
            err.print(f"[yellow]warning:[/yellow] {escape(warning)}")
    listing = entity_listing(store, found, label, min_docs, variants_only, document)

    def table():
        title = plural(len(listing["entities"]), "entity", "entities")
        return _table(table_rows(listing), ENTITY_COLUMNS, title, wrap=["variants"], flex="name")

    content = _render(fmt, flat_rows(listing), ENTITY_FLAT_COLUMNS, "entities", payload=listing, table=table)
    write_output(content, output, out)


ENTITY_COLUMNS = ["id", "name", "label", "docs", "outlets", "variants"]
ENTITY_FLAT_COLUMNS = ["id", "name", "label", "documents", "mentions", "variants", "why"]
NamesArgument = Annotated[list[str], typer.Argument(help="Two or more spellings (as shown by 'corpuskit entities').")]


@entities_app.command("merge")
@user_errors
def entities_merge(names: NamesArgument, db: DbOption = None):
    """Record that these spellings are one entity; later runs obey it.

    Example: corpuskit entities merge "Anna Smith" "A. Smith"
    """
    _record_decision("merge", names, db)


@entities_app.command("split")
@user_errors
def entities_split(names: NamesArgument, db: DbOption = None):
    """Record that these spellings must never be one entity; later runs obey it.

    Example: corpuskit entities split "Paris" "Paris Hilton"
    """
    _record_decision("split", names, db)


@entities_app.command("decisions")
@user_errors
def entities_decisions(
    forget: Annotated[int | None, typer.Option("--forget", help="Remove the decision with this id.")] = None,
    fmt: FormatOption = Format.table,
    output: OutputOption = None,
    db: DbOption = None,
):
    """List the recorded merge and split decisions (or forget one).

    Example: corpuskit entities decisions --forget 2
    """
    store = Store.open(db, create=False)
    if forget is not None:
        if not store.remove_entity_decision(forget):
            raise NotFound(f"no decision {forget} (see 'corpuskit entities decisions')")
        err.print(f"forgot decision {forget}")
        return
    decisions = store.entity_decisions()
    # Names stay a list in JSON; the flat formats show them joined.
    rows = [{**d, "names": " | ".join(d["names"])} for d in decisions]
    content = _render(fmt, rows, ["id", "kind", "names", "created_at"], "decisions", payload={"decisions": decisions})
    write_output(content, output, out)


def _record_decision(kind: str, names: list[str], db: Path | None) -> None:
    names = [" ".join(name.split()) for name in names]
    if any(not name for name in names):
        raise CorpuskitError(f"{kind} takes names, not empty text")
    if len({name.casefold() for name in names}) < 2:
        raise CorpuskitError(f"{kind} needs two or more names, all different")
    store = Store.open(db, create=False)
    number = store.add_entity_decision(kind, names)
    verb = "are one entity" if kind == "merge" else "are never merged"
    err.print(escape(f"decision {number} recorded: {' | '.join(names)} {verb}"))
    # Kept all the same: a name may be in documents still to be ingested; but a typo should be seen.
    for name in names:
        if not store.contains_phrase(name):
            err.print(f"[yellow]warning:[/yellow] {escape(repr(name))} is in no document of the corpus")


class Relation(str, Enum):
    exact = "exact"
    near_copy = "near_copy"
    rewrite = "rewrite"
    partial = "partial"
    shared_quotes = "shared_quotes"  # not a copy relation: selects the pairs that share only quotations


PAIR_COLUMNS = ["a", "b", "relation", "score", "share", "direction", "edits"]
SHARED_QUOTE_COLUMNS = ["a", "b", "share", "passages"]
PAIR_CSV_COLUMNS = ["a", "b", "relation", "score", "share_a", "share_b", "direction", "cluster", "edits"]
CLUSTER_COLUMNS = ["cluster", "documents", "titles"]
SIBLING_COLUMNS = ["a", "b", "sources", "share", "explained"]


@app.command()
@user_errors
def dupes(
    min_score: Annotated[
        float, typer.Option("--min-score", min=0.0, max=1.0, help="Only pairs scoring at least this.")
    ] = 0.0,
    relation: Annotated[
        list[Relation] | None, typer.Option("--relation", help="Only these relations (repeatable).")
    ] = None,
    doc: Annotated[str | None, typer.Option("--doc", help="Only pairs involving this document.")] = None,
    engine: EngineOption = Engine.local,
    master: MasterOption = None,
    corpus: CorpusOption = None,
    partitions: PartitionsOption = None,
    results: ResultsOption = None,
    fmt: FormatOption = Format.table,
    output: OutputOption = None,
    db: DbOption = None,
    config: ConfigOption = None,
    quiet: QuietOption = False,
):
    """Copied, syndicated and rewritten articles: pairs with evidence, and clusters.

    Each pair says how much of each text is aligned to the other (share), the
    relation (exact, near_copy, rewrite, partial), who copied whom when it can
    be told, and the aligned passages with what was changed (names, numbers,
    dates, quotes, wording). Signatures and verdicts are cached in the store.
    Two texts that share only what both took from common sources (two papers
    following one wire story) are listed as siblings, not as a pair; two texts
    that share only quotations are listed apart as sharing quotes, not copies.
    Clusters hold the documents that the listed pairs and siblings join.

    With --engine spark the heavy stages run as Spark jobs (pip install
    "corpuskit[spark]"; Java 17 or newer), in local mode or on a cluster; the
    verdicts come back into the store, so the listing is the same. With
    --results as well, Spark writes the pairs, siblings, shared quotes and
    clusters as Parquet (the tables of `export`) and the store is not used.

    Example: corpuskit dupes --relation rewrite --format json
    """
    settings = load_config(config).dupes
    if results is not None:
        others = {"--min-score": min_score > 0, "--relation": bool(relation), "--doc": doc is not None}
        others |= {"--format": fmt != Format.table, "--output": output is not None}  # --db: no store is opened
        _spark_results(results, engine, master, corpus, partitions, settings, quiet, others)
        return
    store = Store.open(db, create=False)
    document = store.document(doc)["id"] if doc else None
    with _engine(store, engine, master, corpus, partitions) as spark:
        result = _with_stage_progress(
            quiet, "dupes", lambda update: corpus_duplicates(store, settings, update, spark.dupes if spark else None)
        )
    listing = DupesListing(store, result, min_score, [r.value for r in relation or []], document)
    if fmt in (Format.json, Format.jsonl, Format.csv):  # written as they are made, never held whole
        with output_file(output, out) as target:
            if fmt == Format.json:
                write_json_stream(target, listing.sections())
            elif fmt == Format.jsonl:  # the contract's pairs, each naming its cluster
                write_jsonl_stream(target, pair_records(listing))
            else:
                write_csv_stream(target, pair_rows(listing), PAIR_CSV_COLUMNS)
        return
    clusters = cluster_rows(listing)
    pairs = list(pair_rows(listing))
    pairs_title = plural(len(pairs), "pair")
    quotes = list(shared_quote_rows(listing))
    quotes_title = f"{plural(len(quotes), 'pair')} sharing only quotations (not copies)"

    siblings = list(sibling_rows(listing))  # shown only when there are any
    siblings_title = plural(len(siblings), "sibling pair") + " (from common sources)"

    def table():
        tables = [
            _table(clusters, CLUSTER_COLUMNS, plural(len(clusters), "cluster"), flex="titles"),
            _table(pairs, PAIR_COLUMNS, pairs_title, wrap=["edits"], flex="relation"),
        ]
        tables += [_table(siblings, SIBLING_COLUMNS, siblings_title)] if siblings else []
        return tables + ([_table(quotes, SHARED_QUOTE_COLUMNS, quotes_title)] if quotes else [])

    def md():
        clustered = to_markdown_table(clusters, CLUSTER_COLUMNS)
        text = f"## {len(clusters)} clusters\n\n{clustered}\n## {pairs_title}\n\n" + to_markdown_table(
            pairs, PAIR_COLUMNS
        )
        if siblings:
            text += f"\n## {siblings_title}\n\n" + to_markdown_table(siblings, SIBLING_COLUMNS)
        if quotes:
            text += f"\n## {quotes_title}\n\n" + to_markdown_table(quotes, SHARED_QUOTE_COLUMNS)
        return text

    write_output(table() if fmt == Format.table else md(), output, out)


@contextmanager
def _engine(
    store: Store, engine: Engine, master: str | None, corpus: str | None, partitions: int | None
) -> Iterator[SparkRun | None]:
    """The Spark session and corpus of a command run with ``--engine spark`` (stopped after it),
    or None for the local engine; the Spark options without it are a usage error."""
    given = {"--master": master is not None, "--corpus": corpus is not None, "--partitions": partitions}
    if engine != Engine.spark:
        if any(given.values()):
            raise CorpuskitError(f"{', '.join(name for name, on in given.items() if on)}: only with --engine spark")
        yield None
        return
    from corpuskit.engines.spark import SparkDupes, SparkMaps, spark_failures, spark_session, store_corpus

    session = spark_session(master, partitions)
    try:
        with store_corpus(store, corpus) as parquet, spark_failures():
            yield SparkRun(SparkDupes(session, parquet, partitions), SparkMaps(session, parquet, partitions))
    finally:
        session.stop()


# What a row of each table of `dupes --results` is, one and many, in its summary line.
RESULT_ROWS = {
    "pairs": ("pair", "pairs"),
    "siblings": ("sibling pair", "sibling pairs"),
    "shared_quotes": ("pair sharing quotes", "pairs sharing quotes"),
    "clusters": ("cluster", "clusters"),
}


def results_summary(written: dict[str, int], folder: str) -> str:
    """The line `dupes --results` ends with: the rows of each table and where they are."""
    counts = ", ".join(plural(rows, *RESULT_ROWS[name]) for name, rows in written.items())
    return f"wrote {counts} to {folder}"


def _spark_results(
    folder: str,
    engine: Engine,
    master: str | None,
    corpus: str | None,
    partitions: int | None,
    settings: DupesSettings,
    quiet: bool,
    others: dict[str, bool],
) -> None:
    """``dupes --results``: the whole run on Spark, from the Parquet corpus to Parquet results."""
    if engine != Engine.spark or corpus is None:
        raise CorpuskitError("--results: only with --engine spark and --corpus (the documents.parquet Spark reads)")
    if any(others.values()):
        raise CorpuskitError(f"{', '.join(name for name, on in others.items() if on)}: not with --results")
    if not folder.strip():
        raise CorpuskitError("--results: give the folder to write the tables into")
    from corpuskit.engines.spark import SparkDupes, spark_failures, spark_session

    session = spark_session(master, partitions)
    try:
        engine_run = SparkDupes(session, corpus, partitions)
        with spark_failures():
            written = _with_stage_progress(
                quiet, "dupes", lambda update: engine_run.write_results(folder, settings, update)
            )
    finally:
        session.stop()
    if not quiet:
        err.print(escape(results_summary(written, folder)))


@dataclass(frozen=True)
class SparkRun:
    """What a command run on Spark hands its stages: the dupes engine and the NER and facts maps."""

    dupes: Any
    maps: Any


class DiffFormat(str, Enum):
    table = "table"
    md = "md"
    json = "json"


@app.command()
@user_errors
def diff(
    doc_a: Annotated[str, typer.Argument(help="First document: id or path as ingested.")],
    doc_b: Annotated[str, typer.Argument(help="Second document: id or path as ingested.")],
    fmt: Annotated[DiffFormat, _format_option("table (terminal), md or json.")] = DiffFormat.table,
    output: OutputOption = None,
    db: DbOption = None,
    config: ConfigOption = None,
):
    """Two documents aligned passage by passage, word-level changes marked.

    Example: corpuskit diff 2 4
    """
    store = Store.open(db, create=False)
    a, b = store.document(doc_a), store.document(doc_b)
    passages = diff_texts(a["text"], b["text"], load_config(config).dupes)
    if fmt == DiffFormat.json:
        content: Content = to_json(
            {
                "documents": [{k: d[k] for k in DOCUMENT_KEYS} for d in (a, b)],
                "passages": [p.to_json() for p in passages],
            }
        )
    elif fmt == DiffFormat.md:
        content = diff_markdown(a, b, passages)
    else:
        content = _diff_table(a, b, passages)
    write_output(content, output, out)


class ReportFormat(str, Enum):
    table = "table"
    md = "md"
    json = "json"
    html = "html"


# No help= here: it would hide the callback's docstring, which has the options' story and the example.
report_app = typer.Typer(invoke_without_command=True, no_args_is_help=False)
app.add_typer(report_app, name="report")


@report_app.callback()
@user_errors
def report(
    ctx: typer.Context,
    fmt: Annotated[ReportFormat, _format_option("table (terminal), md, json or html.")] = ReportFormat.table,
    story: Annotated[
        int | None, typer.Option("--story", min=1, max=MAX_LIMIT, help="Only this story (its id in the report).")
    ] = None,
    min_documents: Annotated[
        int, typer.Option("--min-documents", min=1, help="Only stories of at least N documents.")
    ] = 1,
    min_confidence: Annotated[
        float | None,
        typer.Option(
            "--min-confidence",
            min=0.0,
            max=1.0,
            help="Hide findings of lower confidence (0 to 1; default: report.min_confidence, 0).",
        ),
    ] = None,
    show_dismissed: Annotated[
        bool, typer.Option("--show-dismissed", help="Show the findings the analyst dismissed, marked.")
    ] = False,
    engine: EngineOption = Engine.local,
    master: MasterOption = None,
    corpus: CorpusOption = None,
    partitions: PartitionsOption = None,
    output: OutputOption = None,
    db: DbOption = None,
    config: ConfigOption = None,
    quiet: QuietOption = False,
):
    """The cross-source consistency report: stories, who copied whom, where the sources disagree.

    Documents are grouped into stories (copies and independent reports of one
    event); for each story the report lists its sources and its findings: names
    spelled differently, numbers and dates that disagree, reworded quotes,
    credited and uncredited reuse, and claims only one source makes, each with
    the quoted evidence. Runs (or reuses the cached) dupes and entities stages;
    the report itself is kept, so asking again of an unchanged corpus (another
    format, other stories) reads it back.

    Every finding has an id; subcommands record the analyst's word on one
    (dismiss, confirm, undo) and list the decisions. A dismissed finding is
    left out (and counted) unless --show-dismissed; a confirmed one is marked
    and never hidden by --min-confidence.

    With --engine spark the dupes stages, the facts and the names of every text
    run on Spark first (unless the report is kept already), then the report is
    made from their cached results.

    Example: corpuskit report --format md --output report.md
    """
    if ctx.invoked_subcommand is not None:
        return
    settings = load_config(config)
    store = Store.open(db, create=False)
    with _engine(store, engine, master, corpus, partitions) as spark:
        if spark and kept_report(store, settings) is None:
            _with_stage_progress(quiet, "report", lambda update: spark.maps.report_inputs(store, settings, update))
        built = _with_stage_progress(
            quiet, "report", lambda update: build_report(store, settings, update, spark.dupes if spark else None)
        )
    # Applied to the report as made or kept: a decision changes what is shown, not the analysis.
    decided = apply_decisions(built, store.finding_decisions(), show_dismissed)
    threshold = settings.report.min_confidence if min_confidence is None else min_confidence
    chosen = select_stories(decided, story, min_documents, threshold)
    if fmt == ReportFormat.table:
        with output_console(output, out) as console:
            render_terminal(chosen, console)
        return
    if fmt == ReportFormat.json:  # story by story: the whole text is never held
        with output_file(output, out) as target:
            write_json_stream(target, chosen)
        return
    if fmt == ReportFormat.html:
        write_output(render_html(chosen, settings.report.graph_max_nodes), output, out)
        return
    write_output(render_markdown(chosen), output, out)


FindingIdArgument = Annotated[str, typer.Argument(help="A finding's id, as the report shows it.")]
NoteOption = Annotated[str | None, typer.Option("--note", help="Why, in a few words (kept with the decision).")]
ByOption = Annotated[
    str | None,
    typer.Option("--by", help="Who decides (default: the user logged in).", show_default=False),
]


def _verdict_command(command: str, help_text: str) -> None:
    """``corpuskit report dismiss`` and ``confirm``: one command each, the same options."""

    @user_errors
    def decide(
        finding: FindingIdArgument,
        note: NoteOption = None,
        by: ByOption = None,
        db: DbOption = None,
        config: ConfigOption = None,
        quiet: QuietOption = False,
    ):
        _decide_finding(command, finding, note, by, db, config, quiet)

    decide.__doc__ = help_text
    report_app.command(command)(decide)


_verdict_command(
    "dismiss",
    """Dismiss a finding: later reports leave it out and count it (--show-dismissed shows it).

    Example: corpuskit report dismiss 3f9c2a41b7d0 --note "the same person, two transliterations"
    """,
)
_verdict_command(
    "confirm",
    """Confirm a finding: later reports mark it and never hide it for its confidence.

    Example: corpuskit report confirm 3f9c2a41b7d0 --note "checked with the court record"
    """,
)


@report_app.command("undo")
@user_errors
def report_undo(finding: FindingIdArgument, db: DbOption = None):
    """Remove the decision on a finding: later reports show it as found.

    Example: corpuskit report undo 3f9c2a41b7d0
    """
    forgot = Store.open(db, create=False).forget_finding_decision(normal_id(finding))
    if forgot is None:
        raise NotFound(f"no decision on finding {finding!r} (see 'corpuskit report decisions')")
    err.print(escape(f"finding {normal_id(finding)} is no longer {forgot}"))


@report_app.command("decisions")
@user_errors
def report_decisions(
    fmt: FormatOption = Format.table,
    output: OutputOption = None,
    db: DbOption = None,
    config: ConfigOption = None,
    quiet: QuietOption = False,
):
    """List the analyst's decisions on findings, and whether each finding is in the current report.

    Example: corpuskit report decisions --format json
    """
    store = Store.open(db, create=False)
    rows = decision_rows(store.finding_decisions(), _current_report(store, config, quiet))
    flat = [{**row, "in_report": "yes" if row["in_report"] else NOT_IN_REPORT} for row in rows]

    content = _render(
        fmt, flat, DECISION_COLUMNS, "decisions", payload={"decisions": rows}, table=lambda: _decisions_table(rows)
    )
    write_output(content, output, out)


NOT_IN_REPORT = "not in the current report"


def _decisions_table(rows: list[dict]) -> Table | Text:
    """The decisions with whole notes and summaries, folded over lines: who decided what, when
    and where stacked in one column, so an 80-column terminal still has room for the words."""
    if not rows:
        return Text("0 decisions (record one with 'corpuskit report dismiss ID' or 'confirm ID')")
    table = Table(title=plural(len(rows), "decision"), show_lines=True, header_style="bold")
    table.add_column("finding", no_wrap=True)
    table.add_column("decision", overflow="fold", max_width=26)
    table.add_column("note", overflow="fold", ratio=1)
    table.add_column("summary", overflow="fold", ratio=2)
    for row in rows:  # notes and summaries are people's and articles' words: Text, never markup
        where = f"story {row['story']}" if row["in_report"] else NOT_IN_REPORT
        decided = "\n".join(filter(None, [row["verdict"], row["by"], (row["at"] or "")[:10], where]))
        table.add_row(row["finding"], Text(decided), Text(row["note"] or ""), Text(row["summary"] or ""))
    return table


def _current_report(store: Store, config: Path | None, quiet: bool) -> dict:
    """The report of the corpus as it is (read back when kept, else made), whose ids decisions name."""
    settings = load_config(config)
    return _with_stage_progress(quiet, "report", lambda update: build_report(store, settings, update))


def _decide_finding(
    command: str, finding: str, note: str | None, by: str | None, db: Path | None, config: Path | None, quiet: bool
) -> None:
    store = Store.open(db, create=False)
    _, found = find_finding(_current_report(store, config, quiet), finding)
    verdict = VERDICTS[command]
    who = " ".join((by or _analyst()).split())
    if not who:
        raise CorpuskitError("--by takes a name, not empty text")
    note = " ".join(note.split()) or None if note else None  # one line in every listing
    before = store.decide_finding(found["id"], verdict, who, note, found["kind"], found["summary"])
    if not quiet:
        was = f" (it was {before})" if before and before != verdict else ""
        err.print(escape(f"finding {found['id']} {verdict} by {who}{was}: {found['summary']}"))


def _analyst() -> str:
    """Who is deciding: the user logged in (getpass reads $LOGNAME, $USER, then the system's account)."""
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no such variable and no account entry (some containers)
        return os.environ.get("USER") or "unknown"


class ExportFormat(str, Enum):
    parquet = "parquet"


@app.command()
@user_errors
def export(
    folder: Annotated[Path, typer.Argument(help="Folder to write the files into (made if missing).")],
    fmt: Annotated[ExportFormat, _format_option("parquet.")] = ExportFormat.parquet,
    db: DbOption = None,
    config: ConfigOption = None,
    quiet: QuietOption = False,
):
    """The corpus and its results as Parquet files, for Spark, pandas, DuckDB or another store.

    Writes documents.parquet (every document, its metadata and its stored text);
    when dupes has been run, pairs, siblings, shared_quotes and clusters.parquet
    (the dupes JSON contract, nested as in JSON, brought up to date from the cached
    verdicts); when a report of the corpus as it is has been made, stories and
    findings.parquet. Each table is written a row group at a time.
    `corpuskit ingest FOLDER/documents.parquet` reads the documents back as they were.

    Example: corpuskit export --format parquet exported/
    """
    settings = load_config(config)
    store = Store.open(db, create=False)
    done = _with_stage_progress(quiet, "export", lambda update: export_parquet(store, folder, settings, update))
    if not quiet:
        written = ", ".join(f"{name}.parquet ({plural(rows, 'row')})" for name, rows in done.rows.items())
        out.print(f"wrote {escape(written)} to {escape(str(done.folder))}", soft_wrap=True)
        for reason in done.left_out:
            out.print(f"left out {escape(reason)}", soft_wrap=True)


class GraphFormat(str, Enum):
    gexf = "gexf"
    graphml = "graphml"
    dot = "dot"
    mermaid = "mermaid"


@app.command()
@user_errors
def graph(
    fmt: Annotated[GraphFormat, _format_option("gexf (Gephi), graphml (yEd, Cytoscape), dot (Graphviz) or mermaid.")],
    output: OutputOption = None,
    db: DbOption = None,
    config: ConfigOption = None,
    quiet: QuietOption = False,
):
    """The copy graph: documents and outlets as nodes, who copied whom as edges, for Gephi and friends.

    Nodes are the documents linked to another (id, title, outlet, published,
    path) and their outlets; edges run from a source to its copy with the
    relation, similarity, shares and whether the copy credits its source, plus
    undirected edges for siblings of a common source and pairs that share only
    quotations. Documents linked to none are left out. Runs (or reuses the
    cached) dupes stage; a pair dupes could not orient is drawn from source
    to copy when the kept report's story tells the direction.

    Example: corpuskit graph --format gexf --output copies.gexf
    """
    settings = load_config(config)
    store = Store.open(db, create=False)
    result = _with_stage_progress(quiet, "dupes", lambda update: corpus_duplicates(store, settings.dupes, update))
    drawn = store_copy_graph(store, with_story_directions(result, _kept_report_if_any(store, settings)))
    if not drawn.edges:
        err.print("note: no copy, sibling or shared quotation between documents: the graph is empty")
    write_output(render_graph(drawn, fmt.value), output, out)


def _kept_report_if_any(store: Store, settings: Config) -> dict | None:
    """The kept report of the corpus as it is, or None, also when no name model is installed to
    key it by: a command that only reads a report where there is one needs no model."""
    try:
        return kept_report(store, settings)
    except ModelMissing:
        return None


def _diff_table(a: dict, b: dict, passages: list) -> Table:
    table = Table(title=plural(len(passages), "aligned passage"), show_lines=True, header_style="bold")
    table.add_column("#", no_wrap=True)
    for doc in (a, b):  # a title is article text, shown as typed, never as rich markup
        table.add_column(Text(f"{doc['id']}: {doc['title'] or doc['path']}"), ratio=1, overflow="fold")
    for number, passage in enumerate(passages, start=1):
        left, right = highlighted_sides(passage, a["text"], b["text"])
        table.add_row(f"{number}\n{passage.passage.similarity:.2f}", left, right)
    return table


def highlight_snippet(snippet: str) -> Text:
    text = Text()
    for i, part in enumerate(snippet.replace("\x03", "\x02").split("\x02")):
        text.append(part, style="bold yellow" if i % 2 else None)
    return text


def _md_text(text: str) -> str:
    """Article text as Markdown paragraphs, with markup characters made literal."""
    return "\n\n".join(md_escape(p) for p in text.split("\n\n"))


def _print_ingest_report(report: IngestReport, fmt: IngestFormat, quiet: bool, paths: list[str]) -> None:
    for issue in report.rejected:
        err.print(f"[red]rejected[/red] {escape(str(issue))}")
    if not quiet:
        for issue in report.warnings:
            err.print(f"[yellow]warning[/yellow] {escape(str(issue))}")
    counts = {k: getattr(report, k) for k in ("added", "updated", "unchanged", "duplicates", "pruned")}
    if fmt == IngestFormat.json:
        issues = lambda items: [{"path": i.path, "line": i.line, "reason": i.reason} for i in items]  # noqa: E731
        out.file.write(to_json({**counts, "rejected": issues(report.rejected), "warnings": issues(report.warnings)}))
        return
    if quiet:
        return
    parts = ", ".join(f"{v} {k}" for k, v in counts.items() if v or k != "pruned")
    verdict = "nothing changed" if not report.changed else "done"
    found = any(counts.values()) or report.rejected or report.warnings
    hint = "" if found else f"; no article found in {', '.join(paths)}"
    out.print(escape(f"{verdict}: {parts}, {len(report.rejected)} rejected{hint}"), soft_wrap=True)


def _merge(report: IngestReport, other: IngestReport) -> None:
    for key in ("added", "updated", "unchanged", "duplicates", "pruned"):
        setattr(report, key, getattr(report, key) + getattr(other, key))
    report.rejected += other.rejected
    report.warnings += other.warnings


class _NoProgress:
    """What ``_progress`` gives when nothing may be shown: takes every call, prints nothing."""

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def add_task(self, *args, **kwargs):
        return 0

    def update(self, *args, **kwargs):
        pass

    def reset(self, *args, **kwargs):
        pass


# Without a terminal (a log file, nohup, a scheduler) a stage says how far it is in a line at
# most this often (seconds), and never in its first such stretch: a short run prints nothing.
LINE_EVERY = 60.0


class _LineProgress:
    """Progress as plain lines on stderr, for a long run whose stderr is a file: the stage,
    done/total, its rate and the time it has left, as the terminal's bar shows them."""

    def __init__(self, console: Console, clock: Callable[[], float] = time.monotonic):
        self.console, self.clock = console, clock
        self.stage, self.done = "", 0
        self.total: int | None = None
        self.started = self.last = clock()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def add_task(self, description: str, total: int | None = None, **kwargs) -> int:
        self.reset(0, description=description, total=total)
        return 0

    def reset(self, task: int, description: str = "", total: int | None = None, completed: int = 0, **kwargs):
        self.stage, self.total, self.done = description, total, completed
        self.started = self.last = self.clock()

    def update(self, task: int, completed: int = 0, total: int | None = None, **kwargs):
        self.done, self.total = completed, total
        now = self.clock()
        if now - self.last >= LINE_EVERY:
            self.last = now
            rate = self.done / (now - self.started) if self.done else None
            left = _time_left(self.total, self.done, rate)
            count = f"{self.done:,}/{self.total:,}" if self.total else f"{self.done:,}"
            self.console.print(Text(f"{self.stage}: {count} ({_rate_text(rate)}, {left})"), soft_wrap=True)


def _progress(quiet: bool):
    """Progress on stderr: for a person watching a terminal a bar with the stage, how far it
    is (done/total), its rate (items a second) and the time it has left; without a terminal
    the same in a line now and then (``_LineProgress``); nothing with ``--quiet``."""
    if quiet:
        return _NoProgress()
    if not err.is_terminal:
        return _LineProgress(err)
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        _RateColumn(),
        _TimeLeftColumn(),
        console=err,
        transient=True,
    )


# A rate is shown once a stage has run this long (seconds) and done something: before, it is noise.
RATE_AFTER = 1.0


def _rate(task: Task) -> float | None:
    """Items a second since the stage began. Stages report a batch at a time (and worker
    processes hand batches back together), so the average over the whole stage is steadier
    than one over the last few reports."""
    elapsed = task.elapsed
    if not elapsed or elapsed < RATE_AFTER or not task.completed:
        return None
    return task.completed / elapsed


def _rate_text(rate: float | None) -> str:
    """Items a second: ``12.5/s``, ``1,240/s``, ``?/s`` before it can be told."""
    if rate is None:
        return "?/s"
    return f"{rate:,.1f}/s" if rate < 10 else f"{rate:,.0f}/s"


def _time_left(total: float | None, done: float, rate: float | None) -> str:
    """The time a stage has left at its rate so far: ``0:01:05 left``."""
    if total is not None and done >= total:
        return "0:00:00 left"
    if rate is None or total is None:
        return "-:--:-- left"
    minutes, seconds = divmod(round((total - done) / rate), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d} left"


class _RateColumn(ProgressColumn):
    """Items a second: ``12.5/s``, ``1,240/s``."""

    def render(self, task: Task) -> Text:
        return Text(_rate_text(_rate(task)), style="progress.data.speed")


class _TimeLeftColumn(ProgressColumn):
    """The time the stage has left at its rate so far: ``0:01:05 left``."""

    def render(self, task: Task) -> Text:
        return Text(_time_left(task.total, task.completed, _rate(task)), style="progress.remaining")


def _with_stage_progress(quiet: bool, name: str, work: Callable[[Callable[[str, int, int], None]], T]) -> T:
    """Run ``work(on_progress)`` under one progress bar that names the stage it is at; each new
    stage starts the bar, its clock and its rate afresh (stages report their start as 0 done)."""
    with _progress(quiet) as progress:
        task = progress.add_task(name, total=None)
        running: str | None = None

        def update(stage: str, done: int, total: int) -> None:
            nonlocal running
            if stage != running:
                running = stage
                progress.reset(task, description=stage, total=total, completed=done)
            else:
                progress.update(task, completed=done, total=total)

        return work(update)


def main() -> None:
    """The console script: a usage error (an unknown option, a value out of range) is one line on
    standard error and exit code 2, as every other user error is, not a usage box."""
    try:
        code = app(standalone_mode=False)
    except typer.Abort:
        err.print(Text("error: interrupted"))
        raise SystemExit(130) from None
    except _USAGE_ERRORS as error:
        raise SystemExit(_usage_error(error)) from None
    raise SystemExit(code if isinstance(code, int) else 0)


# Typer's own exceptions (it vendors click from 0.2x) and click's, for older Typer versions.
_USAGE_ERRORS: tuple[type[Exception], ...] = (typer.TyperException, click.ClickException)


def _usage_error(error: Exception) -> int:
    """Print a usage error as one line (help itself when no arguments were given); its exit code."""
    code = int(getattr(error, "exit_code", 2))
    if type(error).__name__ == "NoArgsIsHelpError":
        error.show()  # type: ignore[attr-defined]  # the command's help, as with no arguments before
        return code
    ctx = getattr(error, "ctx", None)
    command = ctx.command_path if ctx is not None else "corpuskit"
    format_message = getattr(error, "format_message", None)
    message = " ".join((format_message() if format_message else str(error)).split())
    err.print(Text(f"error: {message} (see '{command} --help')"))
    return code
