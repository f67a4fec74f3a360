"""Sidecar manifests: sources.yaml or sources.csv give metadata for files in their folder.

A manifest names files relative to its own folder (``daily.txt``, ``wire/pa1.txt``)
or by glob (``reuters_*.txt``). The nearest manifest wins; inside one, an exact
name wins over a glob. Values override what a reader inferred.
"""

from __future__ import annotations

import csv
import fnmatch
import io
import os
from dataclasses import dataclass, field

import yaml

from corpuskit.config import FieldMapping
from corpuskit.ingest.fields import metadata
from corpuskit.ingest.yamlload import TOO_DEEP, load_yaml

MANIFEST_NAMES = ("sources.yaml", "sources.yml", "sources.csv")
_FILE_KEYS = ("file", "path", "filename", "name")


@dataclass
class Manifest:
    path: str
    entries: dict[str, dict] = field(default_factory=dict)  # pattern -> metadata
    problems: list[ManifestError] = field(default_factory=list)  # entries skipped or kept in part


class ManifestError(ValueError):
    def __init__(self, path: str, reason: str, line: int | None = None, rejected: bool = True):
        super().__init__(reason)
        self.path, self.reason, self.line, self.rejected = path, reason, line, rejected


class ManifestIndex:
    """Looks up manifest metadata for a file; reads each folder's manifest once."""

    def __init__(self, mapping: FieldMapping):
        self.mapping = mapping
        self._by_folder: dict[str, Manifest | None] = {}
        self.errors: list[ManifestError] = []  # rejected manifests and entries
        self.warnings: list[ManifestError] = []  # entries kept in part
        self._real_paths: dict[str, str] = {}  # a folder's real path, resolved once a run (files share folders)

    def lookup(self, absolute: str, root: str, shown: str | None = None) -> dict:
        """The metadata for the file at ``absolute``; ``shown`` is its path as the user
        gave it, so messages name a manifest the same way."""
        folder = os.path.dirname(absolute)
        shown_folder = self._same_folder(os.path.dirname(shown) or "." if shown else None, folder)
        stop = root if os.path.isdir(root) else os.path.dirname(root)
        while True:
            manifest = self._manifest(folder, shown_folder)
            if manifest:
                found = _match(manifest, os.path.relpath(absolute, folder))
                if found is not None:
                    return found
            if folder == stop or os.path.dirname(folder) == folder or not folder.startswith(stop):
                return {}
            folder = os.path.dirname(folder)
            shown_folder = self._same_folder(
                os.path.normpath(os.path.join(shown_folder, os.pardir)) if shown_folder else None, folder
            )

    def _same_folder(self, shown: str | None, folder: str) -> str | None:
        """``shown`` when it names ``folder``; None when links make the two differ."""
        if shown is None:
            return None
        if shown not in self._real_paths:
            self._real_paths[shown] = os.path.realpath(shown)
        return shown if self._real_paths[shown] == folder else None

    def _manifest(self, folder: str, shown_folder: str | None) -> Manifest | None:
        if folder not in self._by_folder:
            self._by_folder[folder] = None
            for name in MANIFEST_NAMES:
                path = os.path.join(folder, name)
                if os.path.isfile(path):
                    shown = os.path.normpath(os.path.join(shown_folder, name)) if shown_folder else path
                    try:
                        manifest = load_manifest(path, self.mapping, shown)
                    except ManifestError as exc:
                        self.errors.append(exc)
                    else:
                        self._by_folder[folder] = manifest
                        self.errors.extend(p for p in manifest.problems if p.rejected)
                        self.warnings.extend(p for p in manifest.problems if not p.rejected)
                    break
        return self._by_folder[folder]


def _match(manifest: Manifest, relative: str) -> dict | None:
    relative = relative.replace(os.sep, "/")
    if relative in manifest.entries:
        return manifest.entries[relative]
    for pattern, values in manifest.entries.items():
        if fnmatch.fnmatch(relative, pattern):
            return values
    return None


def load_manifest(path: str, mapping: FieldMapping, shown: str | None = None) -> Manifest:
    """Read a manifest; ``shown`` is how messages name it (default: ``path``).

    A manifest that cannot be read or parsed raises ManifestError; a bad entry
    is a problem of the manifest and the other entries are kept, and an
    unreadable date leaves the rest of its entry.
    """
    shown = shown or path
    try:
        with open(path, encoding="utf-8-sig") as handle:
            source = handle.read()
    except OSError as exc:
        raise ManifestError(shown, f"cannot read manifest: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise ManifestError(shown, f"cannot read manifest: {exc}") from None
    rows = _csv_rows(shown, source) if path.endswith(".csv") else _yaml_rows(shown, source)
    manifest = Manifest(path)
    for line, row in rows:
        name = next((str(row[k]) for k in row if str(k).lower() in _FILE_KEYS and row[k]), None)
        if not name:
            manifest.problems.append(ManifestError(shown, f"entry has no '{_FILE_KEYS[0]}'; skipped", line))
            continue
        try:
            values, warning = metadata(row, mapping)
        except RecursionError:
            manifest.problems.append(ManifestError(shown, f"{name}: {TOO_DEEP}; skipped", line))
            continue
        if warning:
            manifest.problems.append(ManifestError(shown, f"{name}: {warning}; kept without a date", line, False))
        manifest.entries[name.replace(os.sep, "/")] = {k: v for k, v in values.items() if v}
    return manifest


def _csv_rows(path: str, source: str) -> list[tuple[int, dict]]:
    reader = csv.DictReader(io.StringIO(source, newline=""))
    try:
        return [(reader.line_num, row) for row in reader]
    except csv.Error as exc:
        raise ManifestError(path, f"not valid CSV: {exc}", reader.line_num) from None


def _yaml_rows(path: str, source: str) -> list[tuple[int | None, dict]]:
    try:
        data = load_yaml(source)
    except RecursionError:
        raise ManifestError(path, f"not valid YAML: {TOO_DEEP}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise ManifestError(
            path, f"not valid YAML: {getattr(exc, 'problem', exc)}", mark.line + 1 if mark else None
        ) from None
    if data is None:
        return []
    if isinstance(data, dict):  # {file: {outlet: ..., date: ...}}
        rows: list[tuple[int | None, dict]] = []
        for name, values in data.items():
            if not isinstance(values, dict):
                raise ManifestError(path, f"'{name}' must map to keys such as outlet, published, url")
            rows.append((None, {"file": name, **values}))
        return rows
    if isinstance(data, list) and all(isinstance(item, dict) for item in data):
        return [(None, dict(item)) for item in data]
    raise ManifestError(path, "expected a mapping of file names to metadata, or a list of entries with 'file'")
