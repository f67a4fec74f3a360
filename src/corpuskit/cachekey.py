"""One way to key a cache: the settings that shape a result plus the code that computes it.

A cached result is valid while neither changes.  The code is every module of
this package the stage's entry modules import, followed transitively and
found statically (``import`` and ``from`` statements read with ``ast``), so a
change to a shared module (a word list two stages import) expires the caches
of both, and a stage that does not import it keeps its cache.  Nothing is
bumped by hand, and no module name is written down here.

A module that only decides *how* work runs (on which cores, in what order of
batches), never what comes out, says so itself with ``SHAPES_RESULTS = False``
at its top level: its own source is then left out of every key, so a new worker
pool does not throw away hours of cached NER.  The modules it imports are
still followed, since they may shape results for the stage that reaches them
through it.
"""

from __future__ import annotations

import ast
import dataclasses
import hashlib
import importlib.metadata
import json
import sys
import unicodedata
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

PACKAGE = __name__.split(".")[0]
# The folder of the package's source; a test points it at a modified copy.
PACKAGE_ROOT = Path(__file__).resolve().parent


def cache_key(entry_modules: Iterable[str], settings: Any = None) -> str:
    """A short key of ``settings`` and the code of ``entry_modules`` (dotted names, usually
    the caller's ``__name__``) and of every package module they import, transitively, run by
    this interpreter (``interpreter_fingerprint``)."""
    code = code_fingerprint(tuple(sorted(set(entry_modules))), PACKAGE_ROOT)
    keyed = f"{code}\x00{interpreter_fingerprint()}\x00{settings_fingerprint(settings)}"
    return hashlib.sha1(keyed.encode()).hexdigest()[:16]


def interpreter_fingerprint() -> str:
    """The Python that runs the code: its minor version (the standard library's parsers and
    regular expressions) and its Unicode database, which says what a letter, a word character
    and a case fold are; a new Python can read the same text into other words."""
    return f"{sys.version_info.major}.{sys.version_info.minor}/unicode-{unicodedata.unidata_version}"


def value_key(value: Any, length: int = 16) -> str:
    """A short key of ``value`` alone, without any code: for names that must outlive a change
    of corpuskit (a finding's id, which the analyst's decisions refer to)."""
    return hashlib.sha1(settings_fingerprint(value).encode()).hexdigest()[:length]


def library_versions(*distributions: str) -> dict[str, str]:
    """The installed versions of the libraries (distribution names) that shape a result, for its
    key: an upgrade of one recomputes what it may change.  A missing one is "absent"."""
    return {name: installed_version(name) for name in sorted(set(distributions))}


@cache
def installed_version(distribution: str) -> str:
    """The version of an installed distribution (per process: an upgrade needs a new process)."""
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return "absent"


def settings_fingerprint(settings: Any) -> str:
    """Settings as canonical JSON: dataclasses by their fields, mappings with sorted keys."""
    return json.dumps(settings, sort_keys=True, default=_plain, ensure_ascii=False)


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}
    if isinstance(value, (set, frozenset)):
        return sorted(value, key=repr)
    return repr(value)


@cache
def code_fingerprint(entry_modules: tuple[str, ...], root: Path) -> str:
    """Hash of the source of the entry modules and every package module they import (per process:
    the source does not change under a running process that has already imported it)."""
    digest = hashlib.sha1()
    for name in sorted(imported_modules(entry_modules, root)):
        source = _source_path(name, root).read_bytes()
        if shapes_results(source):
            digest.update(name.encode() + b"\x00" + source + b"\x01")
    return digest.hexdigest()[:16]


def shapes_results(source: bytes) -> bool:
    """False only for a module whose top level assigns ``SHAPES_RESULTS = False`` (or
    ``SHAPES_RESULTS: bool = False``)."""
    for node in ast.parse(source).body:
        targets = (
            node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) else []
        )
        value = getattr(node, "value", None)
        if (
            any(isinstance(target, ast.Name) and target.id == "SHAPES_RESULTS" for target in targets)
            and isinstance(value, ast.Constant)
            and value.value is False
        ):
            return False
    return True


def imported_modules(entry_modules: Iterable[str], root: Path) -> set[str]:
    """The entry modules and every module of the package they import, directly or not."""
    found: set[str] = set()
    todo = list(entry_modules)
    for name in todo:
        _source_path(name, root)  # a misspelt or moved entry would otherwise key on nothing
    while todo:
        name = todo.pop()
        if name in found:
            continue
        found.add(name)
        todo.extend(_direct_imports(name, root))
    return found


def module_path(name: str, root: Path) -> Path | None:
    """The source file of a package module (``pkg.sub`` is ``root/sub.py`` or ``root/sub/__init__.py``)."""
    parts = name.split(".")
    if parts[0] != PACKAGE:
        return None
    base = root.joinpath(*parts[1:])
    for candidate in (base.with_suffix(".py") if parts[1:] else None, base / "__init__.py"):
        if candidate is not None and candidate.is_file():
            return candidate
    return None


def _source_path(name: str, root: Path) -> Path:
    path = module_path(name, root)
    if path is None:
        raise LookupError(f"{name}: no such module under {root}")
    return path


def _direct_imports(name: str, root: Path) -> Iterator[str]:
    path = _source_path(name, root)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_bytes(), filename=str(path))):
        for imported in _names_of(node, package):
            if module_path(imported, root) is not None:
                yield imported


def _names_of(node: ast.AST, package: str) -> list[str]:
    """Modules a statement may load: ``from m import n`` loads ``m`` and, when ``n`` is a
    submodule, ``m.n`` (the caller keeps those that exist)."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if not isinstance(node, ast.ImportFrom):
        return []
    if node.level:
        base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1])
        module = f"{base}.{node.module}" if node.module else base
    else:
        module = node.module or ""
    return [module, *(f"{module}.{alias.name}" for alias in node.names if alias.name != "*")]
