from dataclasses import fields
from pathlib import Path

import pytest
import yaml

from corpuskit.config import Config, load_config
from corpuskit.dupes.settings import DupesSettings
from corpuskit.errors import ConfigError
from corpuskit.ranges import range_of
from corpuskit.report.settings import ReportSettings, StorySettings


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


def test_dupes_stories_and_report_sections(tmp_path):
    config = load_config(
        write(
            tmp_path,
            "dupes:\n  min_share: 0.2\n  window_sentences: 2\nstories:\n  threshold: 1\n"
            "report:\n  claims_per_story: 3\n  number_tolerance: 0.05\n",
        )
    )
    assert config.dupes == DupesSettings(min_share=0.2, window_sentences=2)
    assert config.stories == StorySettings(threshold=1.0)
    assert isinstance(config.stories.threshold, float)
    assert config.report == ReportSettings(claims_per_story=3, number_tolerance=0.05)


@pytest.mark.parametrize(
    "body, message",
    [
        ("dupes:\n  min_shar: 0.2\n", "unknown key 'dupes.min_shar' (did you mean 'dupes.min_share'?)"),
        ("stories:\n  treshold: 0.2\n", "unknown key 'stories.treshold' (did you mean 'stories.threshold'?)"),
        ("report:\n  claims_per_stroy: 2\n", "unknown key 'report.claims_per_stroy' (did you mean"),
        ("dupes:\n  min_share: high\n", "'dupes.min_share' must be a number, got 'high'"),
        ("dupes:\n  min_share: true\n", "'dupes.min_share' must be a number, got True"),
        ("dupes:\n  min_share: .nan\n", "'dupes.min_share' must be a number"),
        ("stories:\n  days_half_life: -1\n", "stories.days_half_life must be greater than 0 (got -1)"),
        ("stories:\n  days_half_life: 0\n", "corpuskit.yaml: stories.days_half_life must be greater than 0 (got 0)"),
        ("dupes:\n  min_share: 7\n", "corpuskit.yaml: dupes.min_share must be between 0 and 1 (got 7)"),
        ("dupes:\n  near_copy_similarity: -0.1\n", "dupes.near_copy_similarity must be between 0 and 1 (got -0.1)"),
        ("dupes:\n  anchor_window: 1\n", "dupes.anchor_window must be at least 2 (got 1)"),
        ("stories:\n  max_document_share: 1.5\n", "stories.max_document_share must be between 0 and 1 (got 1.5)"),
        ("stories:\n  entity_weight: -1\n", "stories.entity_weight must be at least 0 (got -1)"),
        ("report:\n  number_tolerance: 2\n", "report.number_tolerance must be between 0 and 1 (got 2)"),
        ("report:\n  claims_per_story: -1\n", "report.claims_per_story must be at least 0 (got -1)"),
        ("report:\n  quote_min_words: 2.5\n", "'report.quote_min_words' must be a whole number, got 2.5"),
        ("report:\n  context_limit: 0\n", "report.context_limit must be at least 1 (got 0)"),
        ("report:\n  common_year_phrases: 1\n", "report.common_year_phrases must be at least 2 (got 1)"),
        ("report: 5\n", "'report' must be a mapping"),
    ],
)
def test_threshold_errors_name_the_key(tmp_path, body, message):
    test_errors_name_the_key(tmp_path, body, message)


def documented_configuration() -> dict:
    """The YAML example of the README's configuration section."""
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Configuration", 1)[1].split("\n## ", 1)[0]
    return yaml.safe_load(section.split("```yaml\n", 1)[1].split("```", 1)[0])


@pytest.mark.parametrize(
    "name, settings", [("dupes", DupesSettings), ("stories", StorySettings), ("report", ReportSettings)]
)
def test_the_readme_documents_every_threshold_with_its_default(name, settings):
    documented = documented_configuration()[name]
    assert sorted(documented) == sorted(f.name for f in fields(settings))
    assert settings(**documented) == settings()


def test_the_readme_example_is_a_valid_configuration(tmp_path):
    load_config(write(tmp_path, yaml.safe_dump(documented_configuration())))


@pytest.fixture
def corpus(cli, seeds):
    assert cli("ingest", str(seeds)).exit_code == 0
    return cli


def test_the_dupes_section_reaches_the_dupes_command(corpus, tmp_path):
    assert corpus.json("dupes")["pairs"]
    write(tmp_path, "dupes:\n  min_share: 0.99\n")
    assert corpus.json("dupes")["pairs"] == []


def test_the_stories_section_reaches_the_report(corpus, tmp_path):
    no_copies = "dupes:\n  min_share: 0.99\n"  # else the copies alone would keep the story together
    write(tmp_path, no_copies)
    grouped = len(corpus.json("report")["stories"])
    write(tmp_path, no_copies + "stories:\n  threshold: 0.99\n")
    assert len(corpus.json("report")["stories"]) > grouped


def test_the_report_section_reaches_the_findings(corpus, tmp_path):
    def claims_per_story() -> int:
        stories = corpus.json("report")["stories"]
        return max(sum(f["kind"] == "single_source" for f in s["findings"]) for s in stories)

    assert claims_per_story() > 1
    write(tmp_path, "report:\n  claims_per_story: 1\n")
    assert claims_per_story() == 1


@pytest.mark.parametrize("settings", [DupesSettings, StorySettings, ReportSettings])
def test_every_numeric_setting_declares_its_range_and_its_default_is_in_it(settings):
    for f in fields(settings):
        bounds = range_of(f.metadata)
        assert bounds is not None, f"{settings.__name__}.{f.name} declares no range"
        assert getattr(settings(), f.name) in bounds, f.name


def test_zero_is_allowed_where_it_means_something(tmp_path):
    config = load_config(write(tmp_path, "stories:\n  max_days_apart: 0\nreport:\n  quotes_per_story: 0\n"))
    assert config.stories.max_days_apart == 0
    assert config.report.quotes_per_story == 0


def test_a_setting_out_of_its_range_is_one_line_with_exit_2_not_an_internal_error(corpus, tmp_path):
    write(tmp_path, "stories:\n  days_half_life: 0\n")
    result = corpus("report")
    assert result.exit_code == 2
    assert result.stderr.strip() == "error: corpuskit.yaml: stories.days_half_life must be greater than 0 (got 0)"


def test_a_bad_dupes_setting_is_one_line_with_exit_2(corpus, tmp_path):
    write(tmp_path, "dupes:\n  min_shar: 0.2\n")
    for command in (["dupes"], ["diff", "1", "2"], ["report"]):
        result = corpus(*command)
        assert result.exit_code == 2, command
        assert "unknown key 'dupes.min_shar' (did you mean 'dupes.min_share'?)" in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1


def test_a_models_language_is_written_as_documents_languages_are(tmp_path):
    config = load_config(write(tmp_path, "nlp:\n  models:\n    FR: fr_core_news_sm\n    'no': nb_core_news_sm\n"))
    assert config.nlp.models == {"fr": "fr_core_news_sm", "nb": "nb_core_news_sm"}


@pytest.mark.parametrize("key", ["en-GB", "french", "f"])
def test_a_models_key_that_is_no_two_letter_code_is_one_line(tmp_path, key):
    with pytest.raises(ConfigError, match="a language is a two-letter code such as de"):
        load_config(write(tmp_path, f"nlp:\n  models:\n    {key}: fr_core_news_sm\n"))
