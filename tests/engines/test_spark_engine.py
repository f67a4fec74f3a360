"""The Spark engine in local mode (``local[2]``) against the local engine: the same candidate pairs,
boilerplate, verdicts, and so the same pairs, relations, siblings and clusters, on the seeds, on a
corpus with outlets and boilerplate, and on a small synthetic syndication corpus.

pyspark and Java come with the test install (``.[test,spark]``); where either is missing the
module is skipped, except in CI, where that is a failure.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from tests.conftest import run_corpuskit
from tests.stage_corpus import copy_of, ingested_store

from corpuskit.config import Config
from corpuskit.dupes import corpus as dupes_corpus
from corpuskit.dupes.corpus import LocalDupes, corpus_duplicates
from corpuskit.dupes.model import DEFAULT_SETTINGS
from corpuskit.engines import spark as spark_engine
from corpuskit.entities import cache as entities_cache
from corpuskit.entities.cache import update_mentions
from corpuskit.export import export_parquet
from corpuskit.facts import corpus as facts_corpus
from corpuskit.facts.corpus import corpus_facts
from corpuskit.nlp import DEFAULT_MODELS
from corpuskit.report.build import build_report
from corpuskit.store import Store

if importlib.util.find_spec("pyspark") is None or shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
    if os.environ.get("CI"):
        pytest.fail("CI must install pyspark and a JRE for the Spark engine tests", pytrace=False)
    pytest.skip("pyspark or Java is not installed", allow_module_level=True)

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"
SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@pytest.fixture(scope="module")
def spark():
    session = spark_engine.spark_session("local[2]", partitions=4)
    yield session
    session.stop()


@pytest.fixture(scope="module")
def synthetic_store(tmp_path_factory) -> Store:
    sys.path.insert(0, str(BENCHMARKS))
    try:
        import synthetic
    finally:
        sys.path.remove(str(BENCHMARKS))
    folder = tmp_path_factory.mktemp("synthetic")
    synthetic.generate_corpus(folder / "corpus", 60, "txt", 7, 1, 0.5)
    store = Store.open(folder / "corpus.db")
    from corpuskit.config import IngestConfig
    from corpuskit.ingest.pipeline import ingest_paths

    ingest_paths(store, [str(folder / "corpus")], IngestConfig(), jobs=1)
    return store


@pytest.fixture(scope="module")
def seeds_store(tmp_path_factory) -> Store:
    folder = tmp_path_factory.mktemp("seeds")
    store = Store.open(folder / "corpus.db")
    from corpuskit.config import IngestConfig
    from corpuskit.ingest.pipeline import ingest_paths

    ingest_paths(store, [str(SEEDS)], IngestConfig(), jobs=1)
    return store


@pytest.fixture(scope="module")
def outlets_store(tmp_path_factory, copies) -> Store:
    return ingested_store(tmp_path_factory.mktemp("outlets") / "corpus.db", copies)


@pytest.fixture(scope="module")
def siblings_store(tmp_path_factory) -> Store:
    """A wire story and two papers that each took part of it (siblings, not copies of each other),
    and apart from them a story and its near copy: two clusters."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "dupes"))
    try:
        from dupes_stories import HARBOUR, article
        from test_dupes_siblings import FIRST_PAPER, SECOND_PAPER, WIRE_OUTLET, story
    finally:
        sys.path.pop(0)
    folder = tmp_path_factory.mktemp("siblings")
    records = [
        {"title": f"wire story {doc.id}", "text": doc.text, "published": doc.published, "outlet": outlet}
        for doc, outlet in zip(story(), (WIRE_OUTLET, FIRST_PAPER, SECOND_PAPER))
    ]
    copy = [sentence.replace("six crew", "seven crew") for sentence in HARBOUR]
    records += [{"title": "harbour", "text": article(HARBOUR)}, {"title": "harbour again", "text": article(copy)}]
    (folder / "feed.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    store = Store.open(folder / "corpus.db")
    from corpuskit.config import IngestConfig
    from corpuskit.ingest.pipeline import ingest_paths

    ingest_paths(store, [str(folder / "feed.jsonl")], IngestConfig(), jobs=1)
    return store


STORES = ["seeds_store", "outlets_store", "synthetic_store"]


def listing(result) -> dict:
    return {
        "pairs": [p.to_json() for p in result.pairs],
        "siblings": [s.to_json() for s in result.siblings],
        "clusters": [c.to_json() for c in result.clusters],
        "shared_quotes": [q.to_json() for q in result.shared_quotes],
    }


@pytest.mark.parametrize("name", STORES)
def test_the_candidates_and_the_boilerplate_are_the_local_ones(spark, request, name, tmp_path):
    store = copy_of(request.getfixturevalue(name), tmp_path / "local.db")
    local = LocalDupes(store).candidates(DEFAULT_SETTINGS, None)
    with spark_engine.store_corpus(store, None) as corpus:
        found = spark_engine.SparkDupes(spark, corpus, 4).candidates(DEFAULT_SETTINGS, None)
    assert found == local
    assert local[0], "a corpus with copies has candidates"
    if name == "outlets_store":
        assert local[1], "each outlet's footer is boilerplate"


@pytest.mark.parametrize(
    "changes",
    [
        {"max_candidates": 1},  # the per-document cut and its ties
        {"anchor_df_limit": 2, "anchor_df_floor": 2, "min_shared_anchors": 1},  # the anchor cap bites
        {"lsh_bands": 0, "min_anchor_share": 0.5},
    ],
    ids=["one candidate each", "tight anchor cap", "no lsh, strict anchors"],
)
def test_settings_that_cut_the_candidates_cut_them_alike(spark, synthetic_store, tmp_path, changes):
    settings = replace(DEFAULT_SETTINGS, **changes)
    store = copy_of(synthetic_store, tmp_path / "local.db")
    local = LocalDupes(store).candidates(settings, None)
    with spark_engine.store_corpus(store, None) as corpus:
        found = spark_engine.SparkDupes(spark, corpus, 3).candidates(settings, None)
    assert found[0] == local[0]
    assert local[0] != LocalDupes(store).candidates(DEFAULT_SETTINGS, None)[0], "the setting changes nothing here"


def test_the_verdicts_are_the_local_ones(spark, outlets_store, tmp_path):
    store = copy_of(outlets_store, tmp_path / "local.db")
    local = LocalDupes(store)
    pairs, ignore = local.candidates(DEFAULT_SETTINGS, None)
    facts = {doc: (*fact, "") for doc, fact in store.dupes_facts().items()}
    expected = [v for batch in local.verify(pairs, facts, DEFAULT_SETTINGS, ignore) for v in batch]
    with spark_engine.store_corpus(store, None) as corpus:
        engine = spark_engine.SparkDupes(spark, corpus, 3)
        found = [v for batch in engine.verify(pairs, facts, DEFAULT_SETTINGS, ignore) for v in batch]
    assert sorted(found, key=lambda v: v[:2]) == sorted(expected, key=lambda v: v[:2])
    assert any(v[2] is not None for v in found) and any(v[2] is None for v in found)


@pytest.mark.parametrize("name", STORES)
def test_the_result_is_the_local_one_and_a_local_run_after_it_verifies_nothing(
    spark, request, name, tmp_path, monkeypatch
):
    original = request.getfixturevalue(name)
    local_store, spark_store = copy_of(original, tmp_path / "local.db"), copy_of(original, tmp_path / "spark.db")
    expected = listing(corpus_duplicates(local_store))
    with spark_engine.store_corpus(spark_store, None) as corpus:
        found = listing(corpus_duplicates(spark_store, engine=spark_engine.SparkDupes(spark, corpus, 4)))
    assert found == expected
    assert expected["pairs"] and expected["clusters"]
    verified = []
    real = dupes_corpus.verify_batch
    monkeypatch.setattr(dupes_corpus, "verify_batch", lambda task: verified.append(task) or real(task))
    assert listing(corpus_duplicates(spark_store)) == expected
    assert verified == [], "the Spark run cached every verdict"


def test_a_corpus_given_is_checked_against_the_store(spark, seeds_store, outlets_store, tmp_path):
    with spark_engine.store_corpus(outlets_store, None) as other:
        kept = tmp_path / "other.parquet"
        shutil.copy(other, kept)
    with pytest.raises(spark_engine.EngineError, match="is not this store's corpus"):
        spark_engine.check_corpus(str(kept), seeds_store)
    (tmp_path / "junk.parquet").write_bytes(b"not parquet")
    with pytest.raises(spark_engine.EngineError, match="not a corpuskit documents export"):
        spark_engine.check_corpus(str(tmp_path / "junk.parquet"), seeds_store)
    spark_engine.check_corpus(str(kept), outlets_store)  # its own store: no error
    changed = copy_of(outlets_store, tmp_path / "changed.db")
    changed.db.execute("UPDATE documents SET published = '2020-01-01' WHERE id = 1")
    changed.db.commit()
    with pytest.raises(spark_engine.EngineError, match=r"\(1 documents differ\)"):
        spark_engine.check_corpus(str(kept), changed)  # a date the verdicts read differs: refused


def test_the_names_found_on_spark_are_the_local_ones(spark, outlets_store, tmp_path):
    local, on_spark = copy_of(outlets_store, tmp_path / "local.db"), copy_of(outlets_store, tmp_path / "spark.db")
    update_mentions(local)
    with spark_engine.store_corpus(on_spark, None) as corpus:
        read = spark_engine.SparkMaps(spark, corpus, 3).mentions(on_spark, DEFAULT_MODELS, 8)
    assert read == len(local.all_text_ids())
    assert list(on_spark.document_mentions()) == list(local.document_mentions())
    assert update_mentions(on_spark) == 0, "every text has its names"


def test_the_facts_read_on_spark_are_the_local_ones(spark, outlets_store, tmp_path, monkeypatch):
    local, on_spark = copy_of(outlets_store, tmp_path / "local.db"), copy_of(outlets_store, tmp_path / "spark.db")
    expected = corpus_facts(local, local.documents())
    with spark_engine.store_corpus(on_spark, None) as corpus:
        read = spark_engine.SparkMaps(spark, corpus, 3).facts(on_spark)
    assert read == len(missing_keys(local))
    monkeypatch.setattr(facts_corpus, "extract_facts", lambda *a: pytest.fail("facts read again"))
    assert corpus_facts(on_spark, on_spark.documents()) == expected


def missing_keys(store: Store) -> set:
    return set(facts_corpus.fact_keys(store, store.documents()).values())


def test_the_report_on_spark_is_the_local_report(seeds, tmp_path):
    local = run_corpuskit("ingest", str(seeds), "--db", "local.db", cwd=tmp_path)
    assert local.returncode == 0, local.stderr
    shutil.copy(tmp_path / "local.db", tmp_path / "spark.db")
    made = run_corpuskit("report", "--db", "local.db", "--format", "json", "--output", "local.json", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    spark_args = ["--engine", "spark", "--master", "local[2]", "--partitions", "2"]
    on_spark = run_corpuskit(
        "report",
        "--db",
        "spark.db",
        *spark_args,
        "--format",
        "json",
        "--output",
        "spark.json",
        cwd=tmp_path,
        timeout=600,
    )
    assert on_spark.returncode == 0, on_spark.stderr
    assert "Traceback" not in on_spark.stderr
    assert (tmp_path / "spark.json").read_text() == (tmp_path / "local.json").read_text()
    names = run_corpuskit("entities", "--db", "spark.db", "--format", "json", cwd=tmp_path)
    assert names.returncode == 0 and json.loads(names.stdout)["entities"]


def test_a_report_on_spark_computes_nothing_here_but_the_report(spark, outlets_store, tmp_path, monkeypatch):
    local, on_spark = copy_of(outlets_store, tmp_path / "local.db"), copy_of(outlets_store, tmp_path / "spark.db")
    config = Config()
    expected = build_report(local, config)
    here: list[str] = []
    for module, name in (
        (dupes_corpus, "update_signatures"),
        (dupes_corpus, "verify_batch"),
        (facts_corpus, "extract_facts"),
        (entities_cache, "extract"),
    ):
        real = getattr(module, name)
        monkeypatch.setattr(module, name, lambda *a, _real=real, _name=name, **k: here.append(_name) or _real(*a, **k))
    with spark_engine.store_corpus(on_spark, None) as corpus:
        maps = spark_engine.SparkMaps(spark, corpus, 3)
        maps.report_inputs(on_spark, config)
        found = build_report(on_spark, config, dupes_engine=spark_engine.SparkDupes(spark, corpus, 3))
    assert json.dumps(found) == json.dumps(expected)
    assert here == [], f"run here, not on Spark: {sorted(set(here))}"
    assert on_spark.has_dupes_results()


def table_rows(folder: Path, name: str) -> list[dict]:
    """The rows of one results table (a file or Spark's folder of parts), in (a, b) or id order."""
    import pyarrow.dataset as ds

    rows = ds.dataset(folder / f"{name}.parquet", format="parquet").to_table().to_pylist()
    return sorted(rows, key=lambda row: (row["a"], row["b"]) if "a" in row else (row["id"],))


@pytest.mark.parametrize("name", [*STORES, "siblings_store"])
def test_the_results_written_as_parquet_are_the_export_of_a_local_run(spark, request, name, tmp_path):
    store = copy_of(request.getfixturevalue(name), tmp_path / "local.db")
    corpus_duplicates(store)
    export_parquet(store, tmp_path / "export", Config())
    before = store.path.read_bytes()
    engine = spark_engine.SparkDupes(spark, str(tmp_path / "export" / "documents.parquet"), 3)
    written = engine.write_results(str(tmp_path / "results"), DEFAULT_SETTINGS)
    for table in ("pairs", "siblings", "shared_quotes", "clusters"):
        expected = table_rows(tmp_path / "export", table)
        assert table_rows(tmp_path / "results", table) == expected, table
        assert written[table] == len(expected)
    assert written["pairs"] and written["clusters"]
    if name == "siblings_store":
        assert written["siblings"] == 1 and written["clusters"] == 2
    assert store.path.read_bytes() == before, "the store is not used"


def test_results_cut_by_the_settings_are_numbered_as_the_local_clusters(spark, synthetic_store, tmp_path):
    settings = replace(DEFAULT_SETTINGS, max_candidates=1)
    expected = listing(corpus_duplicates(copy_of(synthetic_store, tmp_path / "local.db"), settings))
    with spark_engine.store_corpus(synthetic_store, None) as corpus:
        spark_engine.SparkDupes(spark, corpus, 5).write_results(str(tmp_path / "results"), settings)
    clusters = table_rows(tmp_path / "results", "clusters")
    assert clusters == expected["clusters"] and len(clusters) > 2
    found_pairs = table_rows(tmp_path / "results", "pairs")
    assert [{k: v for k, v in p.items() if k != "cluster"} for p in found_pairs] == expected["pairs"]
    holding = {d: c["id"] for c in clusters for d in c["documents"]}
    assert all(p["cluster"] == holding[p["a"]] == holding[p["b"]] for p in found_pairs if p["cluster"] is not None)


def test_results_are_written_with_no_store_at_all(seeds_store, tmp_path):
    with spark_engine.store_corpus(seeds_store, None) as corpus:
        shutil.copy(corpus, tmp_path / "documents.parquet")
    args = ["dupes", "--engine", "spark", "--master", "local[2]", "--corpus", "documents.parquet"]
    done = run_corpuskit(*args, "--results", "out", cwd=tmp_path, timeout=600)
    assert done.returncode == 0, done.stderr
    assert "wrote 2 pairs, 0 sibling pairs, 1 pair sharing quotes, 1 cluster to out" in done.stderr
    assert not (tmp_path / ".corpuskit").exists() and not list(tmp_path.glob("*.db"))
    assert [(p["a"], p["b"]) for p in table_rows(tmp_path / "out", "pairs")]


def test_a_corpus_that_is_no_documents_export_is_one_line(spark, tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(pa.table({"text": ["a text"]}), tmp_path / "texts.parquet")
    for corpus, message in (
        (tmp_path / "texts.parquet", "not a corpuskit documents export (no id, content_hash, outlet, url, published"),
        (tmp_path / "nowhere.parquet", "cannot be read as Parquet"),
    ):
        with pytest.raises(spark_engine.EngineError, match=re.escape(message)) as raised:
            spark_engine.SparkDupes(spark, str(corpus)).write_results(str(tmp_path / "out"), DEFAULT_SETTINGS)
        assert "\n" not in str(raised.value)


def test_the_spark_stages_tell_their_tasks_as_they_run(spark, synthetic_store, tmp_path, monkeypatch):
    monkeypatch.setattr(spark_engine, "PROGRESS_SECONDS", 0.05)
    told: list[tuple[str, int, int]] = []
    with spark_engine.store_corpus(synthetic_store, None) as corpus:
        engine = spark_engine.SparkDupes(spark, corpus, 4)
        engine.write_results(str(tmp_path / "out"), DEFAULT_SETTINGS, lambda *update: told.append(update))
    stages = list(dict.fromkeys(stage for stage, _, _ in told))
    assert stages == [
        "spark: sign",
        "spark: find candidates, learn boilerplate and compare",
        "spark: siblings and clusters",
        "spark: write",
    ]
    assert all(0 <= done <= total for _, done, total in told)
    assert any(done == total > 0 for stage, done, total in told if stage.endswith("compare"))


def test_results_of_a_corpus_of_one_document_are_empty_tables(spark, tmp_path):
    store = Store.open(tmp_path / "one.db")
    (tmp_path / "one.txt").write_text("A single article about a harbour and a storm.\n", encoding="utf-8")
    from corpuskit.config import IngestConfig
    from corpuskit.ingest.pipeline import ingest_paths

    ingest_paths(store, [str(tmp_path / "one.txt")], IngestConfig(), jobs=1)
    with spark_engine.store_corpus(store, None) as corpus:
        written = spark_engine.SparkDupes(spark, corpus, 2).write_results(str(tmp_path / "out"), DEFAULT_SETTINGS)
    assert written == {"pairs": 0, "siblings": 0, "shared_quotes": 0, "clusters": 0}
    assert table_rows(tmp_path / "out", "clusters") == []


def test_a_corpus_with_a_row_spark_cannot_work_on_is_one_line(seeds_store, tmp_path):
    import pyarrow.parquet as pq

    with spark_engine.store_corpus(seeds_store, None) as corpus:
        table = pq.read_table(corpus)
    texts = table.column("text").to_pylist()
    texts[0] = None  # a corpus made elsewhere, with a row that has no text
    broken = table.set_column(table.schema.get_field_index("text"), "text", pa_array(texts))
    pq.write_table(broken, tmp_path / "documents.parquet")
    args = ["dupes", "--engine", "spark", "--master", "local[2]", "--corpus", "documents.parquet"]
    done = run_corpuskit(*args, "--results", "out", cwd=tmp_path, timeout=600)
    assert done.returncode == 2, done.stderr
    lines = [line for line in done.stderr.splitlines() if line.startswith("error:")]
    assert len(lines) == 1 and lines[0].startswith("error: a Spark job failed: "), done.stderr
    assert "Traceback" not in done.stderr


def pa_array(values: list):
    import pyarrow as pa

    return pa.array(values, pa.string())
