"""The heavy dupes stages on Apache Spark, over the corpus as Parquet.

``SparkDupes`` is a ``dupes.corpus.DupesEngine``: ``corpus_duplicates`` asks it for the
candidate pairs and each document's boilerplate sentences, then for the verdicts of
the pairs the store has no valid verdict of; the verdicts are cached in the store
and the listing, siblings and clusters are made from them as in a local run.  Each
job maps the local engine's own stage functions, so the two cannot drift:

* signing: one row per distinct text, mapped a partition at a time through
  ``compute_signature`` and ``band_key_array``;
* boilerplate: each text's ``sentence_hashes``; the documents grouped by outlet
  (``outlet_of``), one ``BoilerplateLearner`` per outlet (it counts per outlet, so
  each group learns what the whole corpus would teach it);
* candidates: the three routes of ``dupes.index`` as joins of postings: the same
  text, an LSH band in common, and rare anchors in common (held by 2 to
  ``anchor_cap`` documents, at least ``min_shared_anchors`` of them and
  ``min_anchor_share`` of the rarer side's); each pair's strength is added in
  the same order (exact 4, MinHash 2, then the anchor share) and each document
  keeps its ``max_candidates`` strongest, ties broken as ``candidate_pairs_of_arrays``
  breaks them (later partners first, then earlier ones, each by id);
* verification: the pairs with both documents joined in, sorted, mapped a batch
  at a time through ``verify_batch``.

pyspark is an optional extra (``pip install "corpuskit[spark]"``) and needs Java 17
or newer; without either, asking for the engine is a one-line error.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from corpuskit.batches import batched, save_as_computed
from corpuskit.config import Config
from corpuskit.dupes.boilerplate import (
    BoilerplateLearner,
    hashes_from_bytes,
    hashes_to_bytes,
    outlet_of,
    sentence_hashes,
)
from corpuskit.dupes.corpus import VERIFY_BATCH, Facts, Verdicts, pair_from_json, verdict_to_json, verify_batch
from corpuskit.dupes.index import anchor_cap
from corpuskit.dupes.model import DocInput, DupesSettings
from corpuskit.dupes.siblings import sibling_aware_result
from corpuskit.dupes.signatures import band_key_array, compute_signature
from corpuskit.entities.cache import NameWork, name_work, texts_to_read
from corpuskit.errors import CorpuskitError, first_line
from corpuskit.export import table_schemas, write_documents
from corpuskit.facts import extract_facts
from corpuskit.facts.corpus import facts_bytes, facts_key, missing_facts
from corpuskit.nlp import NameModels, extract, load_pipeline, name_models
from corpuskit.store import Store
from corpuskit.unionfind import components

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

Progress = Callable[[str, int, int], None]

INSTALL_HINT = 'pip install "corpuskit[spark]"'
MIN_JAVA = 17


class EngineError(CorpuskitError):
    """The engine asked for cannot run here (pyspark or Java missing, a bad master URL)."""


def spark_session(master: str | None = None, partitions: int | None = None) -> SparkSession:
    """A Spark session on ``master`` (by default the one that spark-submit or
    spark-defaults.conf sets, else ``local[*]``), its workers running this Python (unless the
    environment names another), or an ``EngineError`` saying what is missing."""
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        raise EngineError(f"the Spark engine needs pyspark, which is not installed: {INSTALL_HINT}") from None
    _check_java()
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    builder = SparkSession.builder if master is None else SparkSession.builder.master(master)
    builder = (
        builder.appName("corpuskit")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")  # corpuskit shows its own progress
        .config("spark.driver.extraJavaOptions", f"-Dlog4j2.configurationFile={_quiet_logging()}")
    )
    if partitions is not None:
        builder = builder.config("spark.sql.shuffle.partitions", str(partitions))
    try:
        return builder.getOrCreate()
    except Exception as exc:  # noqa: BLE001 - the JVM's reasons come as many kinds of error
        raise EngineError(f"Spark could not start on {master or 'its default master'}: {first_line(exc)}") from None


# The JVM's log: nothing, since a failed job reaches the user as one line with its reason
# (``spark_failures``); with CORPUSKIT_DEBUG set, its errors, one line each, on stderr.
_LOG4J = """\
rootLogger.level = {level}
rootLogger.appenderRef.stderr.ref = stderr
appender.console.type = Console
appender.console.name = stderr
appender.console.target = SYSTEM_ERR
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = spark: %m%n
"""


def _quiet_logging() -> str:
    level = "error" if os.environ.get("CORPUSKIT_DEBUG") else "off"
    path = Path(tempfile.gettempdir()) / f"corpuskit-spark-log4j2-{level}.properties"
    wanted = _LOG4J.format(level=level)
    if not path.exists() or path.read_text(encoding="utf-8") != wanted:
        path.write_text(wanted, encoding="utf-8")
    return str(path)


def java_version(java: str) -> int | None:
    """The major version of the ``java`` executable, or None when it cannot be told."""
    try:
        done = subprocess.run([java, "-version"], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return None
    match = re.search(r'version "(\d+)(?:\.(\d+))?', done.stderr + done.stdout)
    if not match:
        return None
    major = int(match.group(1))
    return int(match.group(2) or 0) if major == 1 else major  # "1.8.0" is Java 8


def _check_java() -> None:
    home = os.environ.get("JAVA_HOME")
    java = str(Path(home) / "bin" / "java") if home else shutil.which("java")
    if not java or not os.path.exists(java):
        where = f"JAVA_HOME={home} has no bin/java" if home else "no java on the PATH"
        raise EngineError(f"the Spark engine needs Java {MIN_JAVA} or newer ({where}): install a JRE or set JAVA_HOME")
    version = java_version(java)
    if version is not None and version < MIN_JAVA:
        raise EngineError(f"the Spark engine needs Java {MIN_JAVA} or newer; {java} is Java {version}")


class SparkDupes:
    """The dupes stages as Spark jobs over ``corpus`` (a corpuskit documents export: the
    store's documents, with their texts, as Parquet)."""

    def __init__(self, spark: SparkSession, corpus: str, partitions: int | None = None):
        self.spark = spark
        self.corpus = corpus
        self.partitions = partitions or max(2, 4 * spark.sparkContext.defaultParallelism)
        self._documents: DataFrame | None = None
        self._on_progress: Progress | None = None

    @property
    def documents(self) -> DataFrame:
        if self._documents is None:
            self._documents = read_corpus(self.spark, self.corpus).select(*CORPUS_COLUMNS)
        return self._documents

    # ------------------------------------------------------------ candidates

    def candidates(
        self, settings: DupesSettings, on_progress: Progress | None
    ) -> tuple[list[tuple[int, int]], dict[int, frozenset[int]]]:
        self._on_progress = on_progress  # the run's: the verification tells its Spark tasks there too
        signed = self._signatures(settings).cache()
        with spark_tasks(self.spark, "sign and find candidates", on_progress):
            pairs = candidate_pairs(signed, settings)
        with spark_tasks(self.spark, "boilerplate", on_progress):
            ignore = self._boilerplate(settings)
        signed.unpersist()
        return pairs, ignore

    def _signatures(self, settings: DupesSettings) -> DataFrame:
        """Per document: its id, whether it has words, its text hash, LSH band keys and anchors."""
        from pyspark.sql import functions as F
        from pyspark.sql import types as T

        texts = self.documents.select("content_hash", "text").dropDuplicates(["content_hash"])
        schema = T.StructType(
            [
                T.StructField("content_hash", T.StringType()),
                T.StructField("has_minhash", T.BooleanType()),
                T.StructField("text_hash", T.LongType()),
                T.StructField("bands", T.ArrayType(T.LongType())),
                T.StructField("anchors", T.ArrayType(T.LongType())),
            ]
        )
        signed = texts.rdd.mapPartitions(lambda rows: _sign_rows(rows, settings)).toDF(schema)
        return (
            self.documents.select("id", "content_hash")
            .join(signed, "content_hash")
            .drop("content_hash")
            .select(F.col("id").cast("long").alias("id"), "has_minhash", "text_hash", "bands", "anchors")
        )

    def _boilerplate(self, settings: DupesSettings) -> dict[int, frozenset[int]]:
        return {row.id: frozenset(row.ignore) for row in computed_then_streamed(self._boilerplate_frame(settings))}

    def _boilerplate_frame(self, settings: DupesSettings) -> DataFrame:
        """(id, ignore): the boilerplate sentences of each document that has any."""
        rows = self.documents.select("id", "outlet", "url", "text").rdd
        keyed = rows.mapPartitions(_outlet_hashes).groupByKey(self.partitions)
        learnt = keyed.flatMap(lambda group: _learn_outlet(group[0], group[1], settings))
        return learnt.toDF(IGNORE_SCHEMA)

    # ------------------------------------------------------------ verification

    def verify(
        self, pairs: list[tuple[int, int]], facts: Facts, settings: DupesSettings, ignore: dict[int, frozenset[int]]
    ) -> Iterator[Verdicts]:
        return self._verified(pairs, ignore, settings) if pairs else iter(())

    def _verified(
        self, pairs: list[tuple[int, int]], ignore: dict[int, frozenset[int]], settings: DupesSettings
    ) -> Iterator[Verdicts]:
        from pyspark import StorageLevel

        # Inside the stage: planning the joins already runs some of their jobs (adaptive execution).
        with spark_tasks(self.spark, "compare", self._on_progress):
            todo = self.spark.createDataFrame(pairs, "a long, b long")
            boilerplate = self.spark.createDataFrame(
                [(doc, sorted(sentences)) for doc, sentences in ignore.items()], IGNORE_SCHEMA
            )
            verdicts = self._verdicts(todo, boilerplate, settings).persist(StorageLevel.MEMORY_AND_DISK)
            verdicts.count()  # every partition at once, kept: ``toLocalIterator`` reads them one by one
        try:
            yield from _batches_of(verdicts.toLocalIterator(), VERIFY_BATCH)
        finally:
            verdicts.unpersist()

    def _verdicts(self, pairs: DataFrame, boilerplate: DataFrame, settings: DupesSettings) -> Any:
        """(a, b, the verdict as the cache keeps it, or None when not linked) of each of ``pairs``,
        both documents and their boilerplate sentences joined in, a batch at a time."""
        from pyspark.sql import functions as F

        docs = self.documents.select(F.col("id").cast("long").alias("id"), "text", "published", "outlet").join(
            boilerplate, "id", "left"
        )
        left = docs.select(*(F.col(c).alias(f"a_{c}") for c in docs.columns))
        right = docs.select(*(F.col(c).alias(f"b_{c}") for c in docs.columns))
        joined = pairs.join(left, pairs.a == left.a_id).join(right, pairs.b == right.b_id)
        ordered = joined.repartition(self.partitions, "a").sortWithinPartitions("a", "b")
        return ordered.rdd.mapPartitions(lambda rows: _verify_rows(rows, settings))

    # ------------------------------------------------------------ results as Parquet, without the store

    def write_results(
        self, folder: str, settings: DupesSettings, on_progress: Progress | None = None
    ) -> dict[str, int]:
        """The dupes results of the whole corpus written as Parquet into ``folder`` by the
        executors (the ``pairs``, ``siblings``, ``shared_quotes`` and ``clusters`` tables of
        ``corpuskit export``, the JSON contract's sections), the store neither read nor
        written: for a corpus whose store would not fit the driver.  Nothing is cached, so
        every candidate pair is verified on every run.  The driver holds two ids a linked pair
        (to find the groups of linked documents) and one a cluster (to number them); each
        group is then made into pairs, siblings and clusters on one executor, as the local
        engine makes them from the same verdicts.  The rows written, by table."""
        from pyspark import StorageLevel

        kept: list[Any] = []  # what is held on the executors, released however the run ends

        def keep(data: Any) -> Any:
            kept.append(data.persist(StorageLevel.MEMORY_AND_DISK))
            return data

        try:
            signed = keep(self._signatures(settings))
            with spark_tasks(self.spark, "sign", on_progress):
                candidates = candidate_frame(signed, settings)
            if candidates is None:
                candidates = self.spark.createDataFrame([], "a long, b long")
            # Inside the stage: planning the joins already runs their shuffles (adaptive execution).
            with spark_tasks(self.spark, "find candidates, learn boilerplate and compare", on_progress):
                verdicts = self._verdicts(candidates, self._boilerplate_frame(settings), settings)
                linked = keep(verdicts.flatMap(_linked))
                linked.count()  # every partition at once, kept: ``toLocalIterator`` reads them one by one
            tables = keep(self._grouped_tables(linked, settings))
            with spark_tasks(self.spark, "siblings and clusters", on_progress):
                tables.count()
            firsts = (row["id"] for row in _rows_of(tables, "clusters").toLocalIterator())
            numbers = self.spark.sparkContext.broadcast(np.sort(np.fromiter(firsts, np.int64)))
            kept.append(numbers)
            rows = {
                "pairs": _rows_of(tables, "pairs").map(lambda row: _numbered(row, "cluster", numbers.value)),
                "siblings": _rows_of(tables, "siblings"),
                "shared_quotes": linked.filter(lambda row: row[2] == SHARED_QUOTES).map(
                    lambda row: pair_from_json(json.loads(row[3])).to_json()
                ),
                "clusters": _rows_of(tables, "clusters").map(lambda row: _numbered(row, "id", numbers.value)),
            }
            with spark_tasks(self.spark, "write", on_progress):
                return {name: self._write_table(folder, name, table) for name, table in rows.items()}
        finally:
            for data in kept:
                data.unpersist()

    def _grouped_tables(self, linked: Any, settings: DupesSettings) -> Any:
        """(table, row) of every group of linked documents (``_group_tables``): the groups found
        on the driver from the links' ids, each group's verdicts then brought together on one
        executor."""
        copies = linked.filter(lambda row: row[2] != SHARED_QUOTES)
        linked_groups = components([], copies.map(lambda row: (row[0], row[1])).toLocalIterator())
        group_of = [(doc, min(group)) for group in linked_groups for doc in group]
        del linked_groups
        groups = self.spark.sparkContext.parallelize(group_of, self.partitions)
        by_group = copies.map(lambda row: (row[0], row[3])).join(groups).map(lambda kv: (kv[1][1], kv[1][0]))
        return by_group.groupByKey(self.partitions).flatMap(lambda group: _group_tables(group[1], settings))

    def _write_table(self, folder: str, name: str, rows: Any) -> int:
        """``rows`` (dicts of the JSON contract) as ``folder/name.parquet``, with the export's columns."""
        import pyarrow as pa
        from pyspark.sql.pandas.types import from_arrow_schema

        frame = self.spark.createDataFrame(rows, from_arrow_schema(table_schemas(pa)[name]))
        path = f"{folder.rstrip('/')}/{name}.parquet"
        try:
            frame.write.mode("overwrite").parquet(path)
        except Exception as exc:  # noqa: BLE001 - Hadoop's file systems fail with many kinds of error
            raise EngineError(f"cannot write {path}: {first_line(exc)}") from None
        return self.spark.read.parquet(path).count()


# ---------------------------------------------------------------- the other maps: names and facts


class SparkMaps:
    """NER mentions and facts of the texts the store has none of, as Spark maps over the Parquet
    corpus, saved into the store's caches as they come back: the stages that read them (entity
    resolution, the report) then find them there, as after a local run."""

    def __init__(self, spark: SparkSession, corpus: str, partitions: int | None = None):
        self.spark = spark
        self.corpus = corpus
        self.partitions = partitions or max(2, 4 * spark.sparkContext.defaultParallelism)

    def _texts(self, columns: list[str], wanted: set[str]) -> DataFrame:
        """The corpus's distinct texts (by content hash, with ``columns``) whose hash is ``wanted``."""
        from pyspark.sql import functions as F

        documents = read_corpus(self.spark, self.corpus).select("content_hash", *columns)
        chosen = self.spark.createDataFrame([(h,) for h in sorted(wanted)], "content_hash string")
        return documents.join(F.broadcast(chosen), "content_hash").dropDuplicates(["content_hash", *columns[:-1]])

    def _sliced(self, wanted: set[str], columns: list[str], work: Callable[[Iterable[Any]], Iterator[Any]]) -> Iterator:
        """``work`` mapped over the ``wanted`` texts a slice at a time: each slice one job on every
        executor at once, its results then streamed to the caller, which saves what is done
        slice by slice (an interrupted run keeps it) while the whole cluster works.  The wanted
        texts are picked from the corpus once and kept on the executors' disks, sorted by slice."""
        from pyspark import StorageLevel
        from pyspark.sql import functions as F

        size = max(MAP_SLICE_MIN, MAP_SLICE_PER_PARTITION * self.partitions)
        slices = max(1, -(-len(wanted) // size))
        texts = self._texts(columns, wanted).withColumn("slice", F.pmod(F.hash("content_hash"), F.lit(slices)))
        texts = texts.sortWithinPartitions("slice").persist(StorageLevel.DISK_ONLY)
        try:
            for number in range(slices):
                rows = texts.where(F.col("slice") == number).drop("slice").repartition(self.partitions)
                yield from computed_then_streamed(rows.rdd.mapPartitions(work))
        finally:
            texts.unpersist()

    def mentions(self, store: Store, models: NameModels, batch_size: int, on_progress: Progress | None = None) -> int:
        """Names (NER) of every text not cached from its language's pipeline; how many were read.
        A text in a language no model reads is kept with no names, as the local stage keeps it."""
        read = 0
        for work in name_work(store, models, texts_to_read(store, models)):
            read += len(work.texts) if work.model is None else self._names(store, work, batch_size, on_progress)
        return read

    def _names(self, store: Store, work: NameWork, batch_size: int, on_progress: Progress | None) -> int:
        """The names of one language's texts, found with its model on the executors."""
        text_of = {digest: text_id for text_id, digest in store.text_hashes(work.texts).items()}
        reader = (work.model, work.language)
        found = self._sliced(set(text_of), ["text"], lambda part: _mention_rows(part, reader, batch_size))
        return save_as_computed(
            batched(((text_of[digest], mentions) for digest, mentions in found), SAVE_EVERY),
            lambda batch: store.save_mentions(work.key, batch),
            "spark: find names",
            len(work.texts),
            on_progress,
        )

    def facts(self, store: Store, on_progress: Progress | None = None) -> int:
        """Facts of every (text, publication date) of the corpus not cached; how many were read."""
        todo = missing_facts(store, store.documents())
        if not todo:
            return 0
        hashes = store.text_hashes([text_id for text_id, _ in todo])
        text_of = {digest: text_id for text_id, digest in hashes.items()}
        wanted = {(hashes[text_id], published) for text_id, published in todo}
        found = self._sliced(set(text_of), ["published", "text"], lambda part: _fact_rows(part, wanted))
        stored_under = facts_key()
        return save_as_computed(
            batched(((text_of[digest], published, blob) for digest, published, blob in found), SAVE_EVERY),
            lambda batch: store.save_facts(stored_under, batch),
            "spark: read facts",
            len(todo),
            on_progress,
        )

    def report_inputs(self, store: Store, config: Config, on_progress: Progress | None = None) -> None:
        """What a report reads that is worth a cluster: the facts and the names of every text
        (the report finds names only where a finding can use them; a cluster can afford them all)."""
        self.facts(store, on_progress)
        self.mentions(store, name_models(config.nlp), config.nlp.batch_size, on_progress)


# Results saved in one transaction.
SAVE_EVERY = 500
# Texts of one map job (see ``SparkMaps._sliced``): enough to keep every partition busy, few
# enough that an interrupted run loses little and a slice's results fit the driver.
MAP_SLICE_MIN = 20_000
MAP_SLICE_PER_PARTITION = 2_000


@contextmanager
def spark_tasks(spark: SparkSession, stage: str, on_progress: Progress | None) -> Iterator[None]:
    """The Spark jobs run inside as one stage of ``on_progress``: the tasks finished of all the
    tasks of their stages so far (Spark plans a job's stages as it goes), told every few seconds
    from a thread that reads Spark's status tracker."""
    if on_progress is None:
        yield
        return
    context = spark.sparkContext
    group = f"corpuskit-{stage}-{threading.get_ident()}-{time.monotonic_ns()}"
    earlier = {key: context.getLocalProperty(key) for key in JOB_GROUP_PROPERTIES}
    context.setJobGroup(group, f"corpuskit: {stage}")
    name = f"spark: {stage}"
    on_progress(name, 0, 0)
    finished = threading.Event()

    def tell() -> None:
        try:
            done, total = _tasks_of(context, group)
        except Exception:  # noqa: BLE001 - progress only: a JVM that is going away says why elsewhere
            return
        if total:
            on_progress(name, done, total)

    def keep_telling() -> None:
        while not finished.wait(PROGRESS_SECONDS):
            tell()

    watcher = threading.Thread(target=keep_telling, daemon=True)
    watcher.start()
    try:
        yield
    finally:
        finished.set()
        watcher.join()
        tell()  # as it ended
        for key, value in earlier.items():  # the caller's job group, if it had one
            context.setLocalProperty(key, value)  # type: ignore[arg-type]


# What ``setJobGroup`` sets, put back after a stage.
JOB_GROUP_PROPERTIES = ("spark.jobGroup.id", "spark.job.description", "spark.job.interruptOnCancel")


def _tasks_of(context: Any, group: str) -> tuple[int, int]:
    """(tasks finished, tasks) of the stages of the jobs of ``group`` that Spark has planned; a
    job that has succeeded counts as done whole (its stages whose output was there already are
    skipped, and their tasks never run)."""
    tracker = context.statusTracker()
    done = total = 0
    for job in tracker.getJobIdsForGroup(group):
        info = tracker.getJobInfo(job)
        stages = [tracker.getStageInfo(stage) for stage in (info.stageIds if info else ())]
        tasks = sum(stage.numTasks for stage in stages if stage is not None)
        finished = sum(stage.numCompletedTasks for stage in stages if stage is not None)
        done += tasks if info and info.status == "SUCCEEDED" else min(finished, tasks)
        total += tasks
    return done, total


# How often the Spark stages' progress is read.
PROGRESS_SECONDS = 2.0


def computed_then_streamed(data: Any) -> Iterator[Any]:
    """The rows of ``data`` (an RDD or DataFrame) on the driver: computed first on every executor
    at once and kept there (memory, then disk), then read a partition at a time.
    ``toLocalIterator`` alone computes one partition at a time: one core of the cluster."""
    from pyspark import StorageLevel

    kept = data.persist(StorageLevel.MEMORY_AND_DISK)
    try:
        kept.count()
        yield from kept.toLocalIterator()
    finally:
        kept.unpersist()


_PIPELINES: dict[tuple[Any, str], Any] = {}


def _mention_rows(rows: Iterable[Any], reader: tuple[Any, str], batch_size: int) -> Iterator[tuple[Any, list]]:
    """(content hash, mentions) of each text: the local NER (``nlp.extract``) with ``reader``'s
    (model, language) pipeline, loaded once a worker process."""
    if reader not in _PIPELINES:
        _PIPELINES[reader] = load_pipeline(*reader)
    yield from extract(_PIPELINES[reader], ((row.content_hash, row.text) for row in rows), batch_size=batch_size)


def _fact_rows(rows: Iterable[Any], wanted: set[tuple[str, str]]) -> Iterator[tuple[str, str, bytes]]:
    """(content hash, publication date or "", stored facts) of each wanted text on its date."""
    for row in rows:
        published = row.published or ""
        if (row.content_hash, published) in wanted:
            yield row.content_hash, published, facts_bytes(extract_facts(row.text, published or None))


# ---------------------------------------------------------------- candidate search


def candidate_pairs(signed: DataFrame, settings: DupesSettings) -> list[tuple[int, int]]:
    """``candidate_pairs_of_arrays`` as joins of postings: the same pairs (see the module docstring)."""
    chosen = candidate_frame(signed, settings)
    return [] if chosen is None else sorted((row.a, row.b) for row in computed_then_streamed(chosen))


def candidate_frame(signed: DataFrame, settings: DupesSettings) -> DataFrame | None:
    """The candidate pairs (a < b) as a DataFrame, or None for a corpus of fewer than two documents."""
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    documents = signed.count()
    if documents < 2:
        return None
    worded = signed.where("has_minhash")
    routes = [_same_key_pairs(worded.select("id", F.lit(0).alias("column"), F.col("text_hash").alias("key")), "exact")]
    if settings.lsh_bands > 0:
        bands = worded.select("id", F.posexplode("bands").alias("column", "key"))
        routes.append(_same_key_pairs(bands, "minhash"))
    routes.append(_anchor_pairs(signed, anchor_cap(settings, documents), settings))
    joined = routes[0]
    for route in routes[1:]:
        joined = joined.join(route, ["a", "b"], "full_outer")
    for absent, kind in (("exact", "boolean"), ("minhash", "boolean"), ("share", "double")):
        if absent not in joined.columns:
            joined = joined.withColumn(absent, F.lit(None).cast(kind))
    scored = joined.select(
        "a",
        "b",
        # Added as the local search adds them: 4 if exact, then 2 if MinHash, then the share.
        (
            F.when(F.col("exact"), F.lit(4.0)).otherwise(F.lit(0.0))
            + F.when(F.col("minhash"), F.lit(2.0)).otherwise(F.lit(0.0))
            + F.coalesce(F.col("share"), F.lit(0.0))
        ).alias("strength"),
    )
    ends = scored.select(F.col("a").alias("doc"), F.col("b").alias("partner"), "a", "b", "strength").unionByName(
        scored.select(F.col("b").alias("doc"), F.col("a").alias("partner"), "a", "b", "strength")
    )
    order = Window.partitionBy("doc").orderBy(
        F.col("strength").desc(), (F.col("partner") < F.col("doc")).asc(), F.col("partner").asc()
    )
    kept = ends.withColumn("rank", F.row_number().over(order)).where(F.col("rank") <= settings.max_candidates)
    return kept.select("a", "b").distinct()


def _same_key_pairs(postings: DataFrame, route: str) -> DataFrame:
    """(a, b, route flag) of the documents sharing a key in the same column."""
    from pyspark.sql import functions as F

    left = postings.select(F.col("id").alias("a"), "column", "key")
    right = postings.select(F.col("id").alias("b"), "column", "key")
    pairs = left.join(right, ["column", "key"]).where(F.col("a") < F.col("b"))
    return pairs.select("a", "b").distinct().withColumn(route, F.lit(True))


def _anchor_pairs(signed: DataFrame, cap: int, settings: DupesSettings) -> DataFrame:
    """(a, b, share) of the documents sharing enough rare anchors (held by 2 to ``cap`` documents)."""
    from pyspark.sql import functions as F

    postings = signed.select("id", F.explode("anchors").alias("anchor"))
    frequency = postings.groupBy("anchor").agg(F.count("*").alias("df"))
    rare_postings = postings.join(frequency.where(F.col("df") <= cap), "anchor")
    rare = rare_postings.groupBy("id").agg(F.count("*").alias("rare"))
    shared = rare_postings.where(F.col("df") >= 2).select("id", "anchor")
    left = shared.select(F.col("id").alias("a"), "anchor")
    right = shared.select(F.col("id").alias("b"), "anchor")
    counts = left.join(right, "anchor").where(F.col("a") < F.col("b")).groupBy("a", "b").agg(F.count("*").alias("n"))
    rare_a = rare.select(F.col("id").alias("a"), F.col("rare").alias("rare_a"))
    rare_b = rare.select(F.col("id").alias("b"), F.col("rare").alias("rare_b"))
    with_rare = counts.join(rare_a, "a").join(rare_b, "b")
    share = with_rare.select(
        "a", "b", "n", (F.col("n") / F.greatest(F.least("rare_a", "rare_b"), F.lit(1))).alias("share")
    )
    strong = (F.col("n") >= settings.min_shared_anchors) & (F.col("share") >= settings.min_anchor_share)
    return share.where(strong).select("a", "b", "share")


# ---------------------------------------------------------------- the maps (run on the executors)


def _sign_rows(rows: Iterable[Any], settings: DupesSettings) -> Iterator[tuple]:
    for row in rows:
        signature = compute_signature(row.text, settings)
        has_minhash = len(signature.minhash) == settings.minhash_size
        bands: list[int] = []
        if has_minhash and settings.lsh_bands > 0:
            keys = band_key_array(np.asarray(signature.minhash, dtype=np.uint64)[None, :], settings.lsh_bands)[0]
            bands = keys.view(np.int64).tolist()  # Spark's longs are signed: the same 64 bits
        text_hash = int(np.uint64(signature.text_hash).view(np.int64))
        yield row.content_hash, has_minhash, text_hash, bands, list(signature.anchors)


def _outlet_hashes(rows: Iterable[Any]) -> Iterator[tuple[str, tuple[int, bytes]]]:
    for row in rows:
        outlet = outlet_of(row.outlet, row.url)
        if outlet is not None:
            yield outlet, (int(row.id), hashes_to_bytes(sentence_hashes(row.text)))


def _learn_outlet(
    outlet: str, documents: Iterable[tuple[int, bytes]], settings: DupesSettings
) -> Iterator[tuple[int, list[int]]]:
    """The boilerplate sentences of one outlet's documents (fed in id order, as the store reads them)."""
    learner = BoilerplateLearner(settings)
    for doc_id, blob in sorted(documents):
        learner.add(doc_id, outlet, hashes_from_bytes(blob))
    for doc_id, sentences in learner.result().items():
        yield doc_id, sorted(sentences)


def _verify_rows(rows: Iterable[Any], settings: DupesSettings) -> Iterator[tuple]:
    for chunk in batched(rows, VERIFY_BATCH):
        docs: dict[int, DocInput] = {}
        ignore: dict[int, frozenset[int]] = {}
        for row in chunk:
            for side in ("a", "b"):
                doc = row[f"{side}_id"]
                docs[doc] = DocInput(doc, row[f"{side}_text"], row[f"{side}_published"], row[f"{side}_outlet"])
                if row[f"{side}_ignore"]:
                    ignore[doc] = frozenset(row[f"{side}_ignore"])
        pairs = [(row.a, row.b) for row in chunk]
        for a, b, result in verify_batch((list(docs.values()), pairs, settings, ignore)):
            yield a, b, verdict_to_json(result) if result is not None else None


SHARED_QUOTES = "shared_quotes"


def _linked(row: tuple) -> Iterator[tuple[int, int, str, str]]:
    """(a, b, relation, verdict) of a linked pair; nothing of a pair that is not linked."""
    a, b, verdict = row
    if verdict is not None:
        yield a, b, json.loads(verdict)[2], verdict  # the relation: ``verdict_to_json``'s third value


def _group_tables(verdicts: Iterable[str], settings: DupesSettings) -> Iterator[tuple[str, dict]]:
    """(table, row) of one group of linked documents: its pairs, siblings and clusters as
    ``corpus_duplicates`` makes them from the same verdicts (in (a, b) order).  Groups are
    apart (no verdict joins two), so each is made alone; a cluster's id and a pair's cluster
    are for now the cluster's first document, numbered across the corpus afterwards."""
    pairs = sorted((pair_from_json(json.loads(verdict)) for verdict in verdicts), key=lambda p: (p.a, p.b))
    result = sibling_aware_result(pairs, settings)
    first = {doc: cluster.documents[0] for cluster in result.clusters for doc in cluster.documents}
    for pair in result.pairs:
        holding = first.get(pair.a)
        yield "pairs", {**pair.to_json(), "cluster": holding if holding == first.get(pair.b) else None}
    for sibling in result.siblings:
        yield "siblings", sibling.to_json()
    for cluster in result.clusters:
        yield "clusters", {**cluster.to_json(), "id": cluster.documents[0]}


def _rows_of(tables: Any, name: str) -> Any:
    return tables.filter(lambda tagged: tagged[0] == name).map(lambda tagged: tagged[1])


def _numbered(row: dict, key: str, firsts: np.ndarray) -> dict:
    """``row`` with its cluster (named by its first document) numbered as ``cluster_documents``
    numbers clusters: from 1, in order of their first document."""
    if row[key] is not None:
        row[key] = int(np.searchsorted(firsts, row[key])) + 1
    return row


def _batches_of(rows: Iterator[Any], size: int) -> Iterator[Verdicts]:
    for chunk in batched(rows, size):
        yield [(a, b, pair_from_json(json.loads(found)) if found else None) for a, b, found in chunk]


# Each document's boilerplate sentences, as the verification reads them.
IGNORE_SCHEMA = "id long, ignore array<long>"


@contextmanager
def spark_failures() -> Iterator[None]:
    """A Spark job that fails (a worker's error, the JVM's) as an ``EngineError`` of one line
    naming the reason, not Spark's stack traces."""
    try:
        yield
    except Exception as exc:  # noqa: BLE001 - filtered on where the error comes from
        origin = type(exc).__module__.split(".")[0]
        if origin not in ("py4j", "pyspark"):
            raise
        raise EngineError(f"a Spark job failed: {failure_reason(str(exc))}") from None


def failure_reason(message: str) -> str:
    """The line of a Spark error that says why: the last ``SomeError: ...`` line of a worker's
    traceback or the JVM's cause, else the message's first line."""
    candidates = (line.strip().removeprefix(": ").removeprefix("Caused by: ") for line in message.splitlines())
    reasons = [line for line in candidates if _REASON.match(line)]
    lines = [line.strip() for line in message.splitlines() if line.strip()]
    return reasons[-1] if reasons else (lines[0] if lines else "no reason given")


_REASON = re.compile(r"^(?:[\w.]+\.)?\w*(?:Error|Exception): \S")


# What the dupes jobs read of each document.
CORPUS_COLUMNS = ("id", "content_hash", "outlet", "url", "published", "text")


def read_corpus(spark: SparkSession, corpus: str) -> DataFrame:
    """The Parquet corpus at ``corpus`` (any path Spark reads: a file, a folder, hdfs://, s3a://),
    or an ``EngineError`` when it cannot be read or is not a corpuskit documents export."""
    try:
        frame = spark.read.parquet(corpus)
    except Exception as exc:  # noqa: BLE001 - Spark's reasons come as many kinds of error
        raise EngineError(f"{corpus}: cannot be read as Parquet ({first_line(exc)})") from None
    missing = [column for column in CORPUS_COLUMNS if column not in frame.columns]
    if missing:
        raise EngineError(
            f"{corpus}: not a corpuskit documents export (no {', '.join(missing)} column): "
            "write one with `corpuskit export --format parquet`"
        )
    return frame


# What the Spark jobs read of each document besides its text: all of it must be the store's.
CHECKED_COLUMNS = ("id", "content_hash", "published", "outlet", "url")


def check_corpus(corpus: str, store: Store) -> None:
    """That a Parquet corpus given to the engine holds the store's documents as the store has them
    (ids, content hashes, and the dates, outlets and URLs that verdicts and boilerplate read), so
    its verdicts are the store's: an ``EngineError`` otherwise."""
    import pyarrow as pa
    import pyarrow.dataset as ds

    try:
        table = ds.dataset(corpus, format="parquet").to_table(columns=list(CHECKED_COLUMNS))
    except (pa.ArrowException, OSError, ValueError) as exc:
        raise EngineError(f"{corpus}: not a corpuskit documents export ({first_line(exc)})") from None
    given = set(zip(*(table.column(name).to_pylist() for name in CHECKED_COLUMNS)))
    stored = set(store.document_facts(CHECKED_COLUMNS))
    if given != stored:
        differ = len({row[0] for row in given ^ stored})
        raise EngineError(
            f"{corpus} is not this store's corpus as it is ({differ} documents differ): "
            "export it again with `corpuskit export`, or leave out --corpus"
        )


@contextmanager
def store_corpus(store: Store, corpus: str | None) -> Iterator[str]:
    """The Parquet corpus Spark reads: ``corpus`` when given (checked against the store), else
    the store's documents written beside it for this run and removed after it."""
    if corpus is not None:
        check_corpus(corpus, store)
        yield corpus
        return
    folder = tempfile.mkdtemp(prefix=".spark-corpus-", dir=store.path.parent)
    try:
        write_documents(store, folder)
        yield str(Path(folder) / "documents.parquet")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
