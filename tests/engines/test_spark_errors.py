"""Asking for the Spark engine where it cannot run is one line and exit code 2, never a traceback:
without pyspark (how to install it is said), without Java, with a Java too old."""

from __future__ import annotations

import sys
import types

import pytest

from corpuskit.engines import spark as spark_engine


@pytest.fixture
def ingested(cli, seeds):
    assert cli("ingest", str(seeds)).exit_code == 0
    return cli


def fake_pyspark(monkeypatch) -> None:
    """A pyspark that imports, so that the Java check is reached whether or not pyspark is installed."""
    sql = types.ModuleType("pyspark.sql")
    sql.SparkSession = object  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "pyspark", types.ModuleType("pyspark"))
    monkeypatch.setitem(sys.modules, "pyspark.sql", sql)


def one_line_error(result) -> str:
    assert result.exit_code == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def test_without_pyspark_the_error_says_how_to_install_it(ingested, monkeypatch):
    monkeypatch.setitem(sys.modules, "pyspark", None)  # import fails
    monkeypatch.setitem(sys.modules, "pyspark.sql", None)
    line = one_line_error(ingested("dupes", "--engine", "spark"))
    assert 'the Spark engine needs pyspark, which is not installed: pip install "corpuskit[spark]"' in line


def test_without_java_the_error_says_so(ingested, monkeypatch, tmp_path):
    fake_pyspark(monkeypatch)
    monkeypatch.setenv("JAVA_HOME", str(tmp_path / "no-jre"))
    line = one_line_error(ingested("dupes", "--engine", "spark"))
    assert "needs Java 17 or newer" in line and "has no bin/java" in line


def test_a_java_too_old_is_named(ingested, monkeypatch, tmp_path):
    fake_pyspark(monkeypatch)
    (tmp_path / "jre" / "bin").mkdir(parents=True)
    java = tmp_path / "jre" / "bin" / "java"
    java.write_text("#!/bin/sh\necho 'openjdk version \"11.0.2\" 2019-01-15' >&2\n")
    java.chmod(0o755)
    monkeypatch.setenv("JAVA_HOME", str(tmp_path / "jre"))
    line = one_line_error(ingested("dupes", "--engine", "spark"))
    assert line.endswith("is Java 11")


@pytest.mark.parametrize(
    ("printed", "major"),
    [
        ('openjdk version "17.0.15" 2025-04-15', 17),
        ('java version "1.8.0_292"', 8),
        ('openjdk version "21" 2023-09-19', 21),
        ("no version here", None),
    ],
)
def test_the_java_version_is_read_from_what_java_prints(tmp_path, printed, major):
    java = tmp_path / "java"
    java.write_text(f"#!/bin/sh\necho '{printed}' >&2\n")
    java.chmod(0o755)
    assert spark_engine.java_version(str(java)) == major


def test_spark_options_without_the_spark_engine_are_refused(ingested):
    result = ingested("dupes", "--master", "local[2]")
    line = one_line_error(result)
    assert "--master" in line and "--engine spark" in line


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["--results", "out"], "--results: only with --engine spark and --corpus"),
        (["--results", "out", "--engine", "spark"], "--results: only with --engine spark and --corpus"),
        (["--results", "out", "--engine", "spark", "--corpus", "d.parquet", "--relation", "rewrite"], "--relation"),
        (["--results", "out", "--engine", "spark", "--corpus", "d.parquet", "--format", "json"], "--format"),
    ],
)
def test_results_without_the_spark_corpus_or_with_a_listing_option_are_refused(cli, tmp_path, args, named):
    line = one_line_error(cli("dupes", *args))
    assert named in line
    assert not (tmp_path / "out").exists()


class RecordingBuilder:
    """A SparkSession.builder that records the master and settings it is given."""

    def __init__(self):
        self.settings: dict[str, str] = {}

    def master(self, url):
        self.settings["master"] = url
        return self

    def appName(self, name):  # noqa: N802 - Spark's name
        return self

    def config(self, key, value):
        self.settings[key] = value
        return self

    def getOrCreate(self):  # noqa: N802 - Spark's name
        return self.settings


@pytest.mark.parametrize(("master", "set_here"), [(None, False), ("local[2]", True)])
def test_without_a_master_the_one_spark_submit_sets_is_kept(monkeypatch, master, set_here):
    fake_pyspark(monkeypatch)
    builder = RecordingBuilder()
    sys.modules["pyspark.sql"].SparkSession = types.SimpleNamespace(builder=builder)  # type: ignore[attr-defined]
    monkeypatch.setattr(spark_engine, "_check_java", lambda: None)
    settings = spark_engine.spark_session(master)
    assert ("master" in settings) == set_here
    assert settings.get("master") == master


def test_the_summary_of_results_names_each_table_in_the_singular_or_plural():
    from corpuskit.cli import results_summary

    line = results_summary({"pairs": 1, "siblings": 2, "shared_quotes": 0, "clusters": 3}, "out")
    assert line == "wrote 1 pair, 2 sibling pairs, 0 pairs sharing quotes, 3 clusters to out"


@pytest.mark.parametrize(
    ("message", "reason"),
    [
        (
            "An error occurred while calling o61.count.\n: org.apache.spark.SparkException: Job aborted\n"
            'Traceback (most recent call last):\n  File "worker.py", line 3\nValueError: no text in row 7\n'
            "\tat org.apache.spark.api.python.BasePythonRunner",
            "ValueError: no text in row 7",
        ),
        (
            "An error occurred while calling o12.parquet.\n: java.io.IOException: No space left",
            "java.io.IOException: No space left",
        ),
        ("\nsomething odd\n", "something odd"),
    ],
)
def test_a_failed_spark_job_is_told_by_its_reason(message, reason):
    assert spark_engine.failure_reason(message) == reason


def test_a_spark_failure_becomes_one_line_and_other_errors_pass():
    failure = type("Py4JJavaError", (Exception,), {"__module__": "py4j.protocol"})
    refused = pytest.raises(spark_engine.EngineError, match="^a Spark job failed: ValueError: bad row$")
    with refused, spark_engine.spark_failures():
        raise failure("An error occurred while calling o1.count.\nValueError: bad row")
    with pytest.raises(KeyError), spark_engine.spark_failures():
        raise KeyError("ours")
