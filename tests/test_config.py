from pathlib import Path

import pytest

from corpuskit.config import Config, load_config
from corpuskit.errors import ConfigError


def write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "corpuskit.yaml"
    path.write_text(body, encoding="utf-8")
    return path


def test_defaults_when_no_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert load_config() == Config()


def test_values_are_read_and_sizes_parsed(tmp_path):
    config = load_config(
        write(tmp_path, "ingest:\n  max_file_size: 2 MB\n  batch_size: 50\n  fields:\n    text: [story]\n")
    )
    assert config.ingest.max_file_size == 2 * 1024 * 1024
    assert config.ingest.batch_size == 50
    assert config.ingest.fields.text == ["story"]
    assert config.ingest.fields.title == ["title", "headline"]  # untouched defaults stay


@pytest.mark.parametrize(
    "body, message",
    [
        ("ingest:\n  batch_sise: 3\n", "unknown key 'ingest.batch_sise' (did you mean 'ingest.batch_size'?)"),
        ("colour: red\n", "unknown key 'colour'"),
        ("ingest:\n  fields:\n    txt: [a]\n", "unknown key 'ingest.fields.txt'"),
        ("ingest:\n  batch_size: many\n", "'ingest.batch_size' must be a whole number, got 'many'"),
        ("ingest:\n  batch_size: 0\n", "'ingest.batch_size' must be a positive number"),
        ("ingest:\n  follow_symlinks: maybe\n", "'ingest.follow_symlinks' must be true or false"),
        ("ingest:\n  max_file_size: huge\n", "'ingest.max_file_size' must be a size"),
        ("ingest:\n  fields:\n    text: [1, 2]\n", "'ingest.fields.text' must be a list of strings"),
        ("ingest: [1, 2]\n", "'ingest' must be a mapping"),
        ("- just\n- a list\n", "the top level must be a mapping"),
        ("ingest: {batch_size: [\n", "not valid YAML"),
    ],
)
def test_errors_name_the_key(tmp_path, body, message):
    with pytest.raises(ConfigError) as caught:
        load_config(write(tmp_path, body))
    assert message in str(caught.value)
    assert "corpuskit.yaml" in str(caught.value)


def test_cli_reports_config_error_in_one_line_with_exit_2(cli, tmp_path):
    write(tmp_path, "ingest:\n  batch_sise: 3\n")
    (tmp_path / "a.txt").write_text("Some article text that is long enough.\n")
    result = cli("ingest", "a.txt")
    assert result.exit_code == 2
    assert "unknown key 'ingest.batch_sise'" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr + result.stdout


def test_missing_config_file_given_explicitly(cli):
    result = cli("ingest", ".", "--config", "nope.yaml")
    assert result.exit_code == 2
    assert "nope.yaml: config file not found" in result.stderr


def test_nlp_and_entities_sections(tmp_path):
    config = load_config(
        write(
            tmp_path,
            "nlp:\n  model: en_core_web_sm\nentities:\n"
            "  aliases: [[Anna Smith, Ana Smith]]\n  separations: [[Paris, Paris Hilton]]\n",
        )
    )
    assert config.nlp.model == "en_core_web_sm"
    assert config.entities.aliases == [["Anna Smith", "Ana Smith"]]
    assert config.entities.separations == [["Paris", "Paris Hilton"]]


@pytest.mark.parametrize(
    "body",
    ["entities:\n  aliases: [Anna, Ana]\n", "entities:\n  aliases: [[Anna]]\n", "entities:\n  separations: [[1, 2]]\n"],
)
def test_alias_groups_must_be_lists_of_names(tmp_path, body):
    with pytest.raises(ConfigError, match="must be a list of lists of two or more names"):
        load_config(write(tmp_path, body))
