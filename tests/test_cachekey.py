"""Every cache key follows the settings and the code of every module its stage imports.

The keys are checked on a copy of the package with one module changed, as a
user upgrading corpuskit would have it: the caches of the stages that import
the module expire, the others are kept.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import corpuskit
from corpuskit import cachekey, nlp
from corpuskit.cachekey import cache_key, imported_modules, settings_fingerprint
from corpuskit.config import IngestConfig
from corpuskit.dupes import corpus as dupes_corpus
from corpuskit.dupes.pipeline import verify_pairs
from corpuskit.dupes.settings import SIGNATURE_MODULE, DupesSettings
from corpuskit.engines.local import map_in_workers
from corpuskit.entities import cache as entities_cache
from corpuskit.entities.model import Decisions
from corpuskit.facts import corpus as facts_corpus
from corpuskit.ingest import pipeline as ingest_pipeline
from corpuskit.store import Store

PACKAGE = Path(corpuskit.__file__).resolve().parent

# The entry module of each cached stage, as the stage names it.
STAGES = {
    "ingest": ingest_pipeline.__name__,
    "mentions": nlp.__name__,
    "entities": entities_cache.__name__,
    "facts": facts_corpus.__name__,
    "signatures": SIGNATURE_MODULE,
    "verdicts": dupes_corpus.__name__,
}

# Prints each stage's key as the stage itself computes it, for the package on PYTHONPATH.
KEYS_SCRIPT = """
import json
import corpuskit
from corpuskit import nlp
from corpuskit.config import IngestConfig
from corpuskit.dupes import corpus as dupes_corpus
from corpuskit.dupes.settings import DupesSettings
from corpuskit.entities.cache import resolution_key
from corpuskit.entities.model import Decisions
from corpuskit.facts.corpus import facts_key
from corpuskit.ingest.pipeline import _reader_key

print(json.dumps({
    "ingest": _reader_key(IngestConfig(), {}),
    "mentions": nlp.pipeline_key("auto"),
    "entities": resolution_key("corpus", "pipeline", Decisions()),
    "facts": facts_key(),
    "signatures": DupesSettings().signature_key(),
    "verdicts": dupes_corpus.verdict_key(DupesSettings()),
    "package": corpuskit.__file__,
}))
"""


def modules_of(stage: str, root: Path = PACKAGE) -> set[str]:
    return imported_modules([STAGES[stage]], root)


def shared_module() -> str:
    """A module the facts, entities and dupes stages all import and the NLP stage does not
    (a word list), found from the imports rather than named, so it survives a move."""
    shared = modules_of("facts") & modules_of("entities") & modules_of("signatures") - modules_of("mentions")
    shared.discard(cachekey.PACKAGE)  # the package's own __init__ holds only its version
    assert shared, "no module shared by facts, entities and dupes: pick another one for this test"
    return sorted(shared)[0]


def package_copy(tmp_path: Path) -> Path:
    """A copy of the package's source, laid out to be put on PYTHONPATH."""
    target = tmp_path / "copy" / "corpuskit"
    shutil.copytree(PACKAGE, target, ignore=shutil.ignore_patterns("__pycache__"))
    return target


def touch(root: Path, module: str) -> None:
    """A change that alters the source and nothing else."""
    path = cachekey.module_path(module, root)
    assert path is not None
    path.write_text(path.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")


def keys_of(root: Path) -> dict[str, str]:
    environment = {**os.environ, "PYTHONPATH": str(root.parent)}
    done = subprocess.run(
        [sys.executable, "-c", KEYS_SCRIPT], env=environment, capture_output=True, text=True, check=True
    )
    keys = json.loads(done.stdout)
    assert Path(keys.pop("package")).resolve().parent == root.resolve(), "another corpuskit was imported"
    return keys


# ---------------------------------------------------------------- the import walk


def test_imports_are_followed_through_from_imports_of_submodules_and_relative_imports(tmp_path):
    root = tmp_path / "corpuskit"
    (root / "sub").mkdir(parents=True)
    (root / "__init__.py").write_text("")
    (root / "entry.py").write_text("from corpuskit import words\nimport json\nfrom .sub import deep\n")
    (root / "words.py").write_text("from corpuskit.sub.deep import X\n")
    (root / "sub" / "__init__.py").write_text("")
    (root / "sub" / "deep.py").write_text("X = 1\ndef later():\n    from .. import lazy\n")
    (root / "lazy.py").write_text("")
    (root / "unused.py").write_text("")
    found = imported_modules(["corpuskit.entry"], root)
    assert found == {
        "corpuskit",
        "corpuskit.entry",
        "corpuskit.words",
        "corpuskit.sub",
        "corpuskit.sub.deep",
        "corpuskit.lazy",
    }


@pytest.mark.parametrize(
    ("source", "shapes"),
    [
        ("SHAPES_RESULTS = False\n", False),
        ("import os\nSHAPES_RESULTS = False  # why\n", False),
        ("SHAPES_RESULTS: bool = False\n", False),
        ("SHAPES_RESULTS: bool\n", True),
        ("SHAPES_RESULTS = True\n", True),
        ("SHAPES_RESULTS = 0\n", True),
        ("def f():\n    SHAPES_RESULTS = False\n", True),
        ("X = 'SHAPES_RESULTS = False'\n", True),
        ("", True),
    ],
)
def test_only_a_top_level_false_marks_a_module_as_not_shaping_results(source, shapes):
    assert cachekey.shapes_results(source.encode()) is shapes


def test_a_module_that_shapes_no_result_is_left_out_of_the_key_but_its_imports_are_not(tmp_path):
    root = tmp_path / "corpuskit"
    root.mkdir()
    (root / "__init__.py").write_text("")
    (root / "entry.py").write_text("from corpuskit import pool\n")
    (root / "pool.py").write_text("SHAPES_RESULTS = False\nfrom corpuskit import words\n")
    (root / "words.py").write_text("WORDS = ['a']\n")

    def key() -> str:
        cachekey.code_fingerprint.cache_clear()
        return cachekey.code_fingerprint(("corpuskit.entry",), root)

    before = key()
    (root / "pool.py").write_text("SHAPES_RESULTS = False\nfrom corpuskit import words\nPROCESSES = 4\n")
    assert key() == before
    (root / "words.py").write_text("WORDS = ['a', 'b']\n")
    assert key() != before
    cachekey.code_fingerprint.cache_clear()


def test_an_entry_module_that_does_not_exist_is_an_error():
    with pytest.raises(LookupError):
        imported_modules(["corpuskit.no_such_module"], PACKAGE)


def test_every_stage_entry_exists_and_sees_more_than_itself():
    for stage in STAGES:
        assert len(modules_of(stage)) > 1, stage


def test_settings_change_the_key_and_their_order_does_not():
    assert cache_key(["corpuskit.nlp"], {"a": 1, "b": 2}) == cache_key(["corpuskit.nlp"], {"b": 2, "a": 1})
    assert cache_key(["corpuskit.nlp"], {"a": 1}) != cache_key(["corpuskit.nlp"], {"a": 2})
    assert settings_fingerprint(DupesSettings()) != settings_fingerprint(DupesSettings(min_share=0.2))


def test_a_setting_that_shapes_signatures_changes_their_key_and_a_search_setting_keeps_the_verdicts():
    assert DupesSettings(shingle_words=4).signature_key() != DupesSettings().signature_key()
    assert dupes_corpus.verdict_key(DupesSettings(max_candidates=3)) == dupes_corpus.verdict_key(DupesSettings())
    assert dupes_corpus.verdict_key(DupesSettings(min_share=0.2)) != dupes_corpus.verdict_key(DupesSettings())


LIBRARY_KEYS = {
    "ingest": (lambda: ingest_pipeline._reader_key(IngestConfig(), {}), ingest_pipeline.READER_LIBRARIES),
    "mentions": (lambda: nlp.pipeline_key("auto"), ("spacy",)),
    "facts": (facts_corpus.facts_key, ("anyascii",)),
    "signatures": (lambda: DupesSettings().signature_key(), ("anyascii", "numpy")),
    "verdicts": (lambda: dupes_corpus.verdict_key(DupesSettings()), ("anyascii", "numpy", "rapidfuzz")),
}


def test_the_library_versions_are_looked_up_once_per_distribution(monkeypatch):
    monkeypatch.setattr(cachekey, "installed_version", lambda name: f"{name}-1.0")
    assert cachekey.library_versions("numpy", "anyascii", "numpy") == {"anyascii": "anyascii-1.0", "numpy": "numpy-1.0"}


@pytest.mark.parametrize("stage", sorted(LIBRARY_KEYS))
def test_a_new_version_of_a_library_that_shapes_a_result_changes_its_key(monkeypatch, stage):
    key_of, libraries = LIBRARY_KEYS[stage]
    real = cachekey.installed_version
    before = key_of()
    assert {"trafilatura", "charset-normalizer", "lxml", "markdown-it-py", "anyascii"} <= set(LIBRARY_KEYS["ingest"][1])
    for library in libraries:
        monkeypatch.setattr(
            cachekey, "installed_version", lambda name, lib=library: real(name) + ("+new" if name == lib else "")
        )
        assert key_of() != before, library
    monkeypatch.setattr(cachekey, "installed_version", real)
    assert key_of() == before


# ---------------------------------------------------------------- a changed package, in a subprocess


def test_the_keys_depend_on_the_code_not_on_where_it_is(tmp_path):
    assert keys_of(package_copy(tmp_path)) == keys_of(PACKAGE)


def expired_by(module: str, tmp_path: Path) -> set[str]:
    """The stages whose keys change when ``module`` changes in a copy of the package."""
    copy = package_copy(tmp_path)
    before = keys_of(copy)
    touch(copy, module)
    after = keys_of(copy)
    return {stage for stage in STAGES if after[stage] != before[stage]}


def importers_of(module: str) -> set[str]:
    return {stage for stage in STAGES if module in modules_of(stage)}


def test_a_shared_word_list_expires_facts_entities_and_dupes_but_not_the_mentions(tmp_path):
    module = shared_module()
    expired = expired_by(module, tmp_path)
    assert {"facts", "entities", "signatures", "verdicts"} <= expired
    assert "mentions" not in expired
    assert expired == importers_of(module)


def test_a_new_worker_pool_keeps_every_cache(tmp_path):
    module = map_in_workers.__module__
    assert importers_of(module) >= {"mentions", "verdicts"}, "the test no longer checks what it says"
    assert expired_by(module, tmp_path) == set()


@pytest.mark.parametrize(
    "changed",
    [
        pytest.param(lambda: verify_pairs.__module__, id="dupes verification only"),
        pytest.param(lambda: nlp.__name__, id="nlp and what imports it"),
    ],
)
def test_a_changed_module_expires_the_keys_of_exactly_the_stages_that_import_it(tmp_path, changed):
    module = changed()
    expired = expired_by(module, tmp_path)
    assert expired == importers_of(module)
    assert expired and expired != set(STAGES)


# ---------------------------------------------------------------- cached results recomputed


def counting(monkeypatch, module, name: str) -> list:
    calls: list = []
    real = getattr(module, name)

    def counted(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, counted)
    return calls


def test_cached_facts_entities_and_dupes_are_recomputed_after_a_shared_module_changes(
    cli, seeds, tmp_path, monkeypatch
):
    assert cli("ingest", str(seeds)).exit_code == 0
    store = Store.open(cli.db, create=False)
    documents = store.documents()
    decided = Decisions()

    def run_stages() -> tuple:
        entities_cache.update_mentions(store)
        entities = entities_cache.resolved_entities(store, nlp.DEFAULT_MODELS, decided)
        return (
            facts_corpus.corpus_facts(store, documents),
            [(e.name, e.documents) for e in entities],
            [pair.to_json() for pair in dupes_corpus.corpus_duplicates(store).pairs],
        )

    first = run_stages()
    extracted = counting(monkeypatch, facts_corpus, "extract_facts")
    resolved = counting(monkeypatch, entities_cache, "resolve")
    signed = counting(monkeypatch, dupes_corpus, "compute_signature")
    verified = counting(monkeypatch, dupes_corpus, "verify_pairs")
    analysed = counting(monkeypatch, entities_cache, "extract")

    assert run_stages() == first
    assert not (extracted or resolved or signed or verified or analysed), "an unchanged package used its caches"

    copy = package_copy(tmp_path)
    touch(copy, shared_module())
    monkeypatch.setattr(cachekey, "PACKAGE_ROOT", copy)
    assert run_stages() == first
    text_of = store.text_ids_of_documents()
    assert len(extracted) == len({(text_of[d["id"]], d["published"]) for d in documents})
    assert resolved == [1]
    assert len(signed) == len(set(store.text_ids_of_documents().values()))
    assert verified
    assert not analysed, "the NLP stage does not import the changed module: its mentions were kept"


def test_another_python_or_unicode_database_changes_every_key(monkeypatch):
    before = cachekey.cache_key(["corpuskit.dupes.corpus"], {"a": 1})
    monkeypatch.setattr(cachekey, "interpreter_fingerprint", lambda: "3.99/unicode-99.0.0")
    assert cachekey.cache_key(["corpuskit.dupes.corpus"], {"a": 1}) != before
    monkeypatch.undo()
    assert cachekey.cache_key(["corpuskit.dupes.corpus"], {"a": 1}) == before
