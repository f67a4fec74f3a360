"""Finding the files to ingest: folders walked recursively, links followed safely."""

from __future__ import annotations

import fnmatch
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass

from corpuskit.config import DEFAULT_CONFIG_NAME
from corpuskit.ingest.manifest import MANIFEST_NAMES


@dataclass(frozen=True)
class SourceFile:
    path: str  # as the user sees it: the given path joined with what was found below it
    absolute: str  # symlinks resolved: one file reached two ways is one source
    root: str  # the folder (or file) named on the command line, resolved
    size: int
    mtime_ns: int


@dataclass(frozen=True)
class Skipped:
    path: str
    reason: str


_NOT_ARTICLES = {DEFAULT_CONFIG_NAME, *MANIFEST_NAMES}


def discover(paths: list[str], exclude: list[str], follow_symlinks: bool = True) -> Iterator[SourceFile | Skipped]:
    """Every candidate file under ``paths``, in a stable order, or why one was passed over.

    A file reached twice (a path given twice, or a file inside a folder also given)
    is one source, listed once.
    """
    seen: set[str] = set()
    for found in _discover_each(paths, exclude, follow_symlinks):
        if isinstance(found, SourceFile):
            if found.absolute in seen:
                continue
            seen.add(found.absolute)
        yield found


def _discover_each(paths: list[str], exclude: list[str], follow_symlinks: bool) -> Iterator[SourceFile | Skipped]:
    for given in paths:
        root = os.path.realpath(given)
        try:
            info = os.stat(given)
        except OSError as exc:
            yield Skipped(given, _stat_reason(given, exc))
            continue
        if stat.S_ISDIR(info.st_mode):
            yield from _walk(given, root, exclude, follow_symlinks)
        else:
            yield _check_file(os.path.normpath(given), root, info)


def _walk(top: str, root: str, exclude: list[str], follow: bool) -> Iterator[SourceFile | Skipped]:
    visited: set[tuple[int, int]] = set()
    stack = [top]
    while stack:
        folder = stack.pop()
        real = os.stat(folder)
        if (real.st_dev, real.st_ino) in visited:
            yield Skipped(folder, "symbolic link loop: this folder was already visited")
            continue
        visited.add((real.st_dev, real.st_ino))
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            yield Skipped(folder, f"cannot list folder: {exc.strerror or exc}")
            continue
        subfolders = []
        for entry in entries:
            path = os.path.normpath(entry.path)
            relative = os.path.relpath(path, top)
            if entry.name.startswith(".") or _excluded(relative, entry.name, exclude):
                continue
            try:
                if entry.is_dir(follow_symlinks=follow):
                    subfolders.append(entry.path)
                    continue
                if entry.is_symlink() and not follow:
                    continue
                info = os.stat(path)
            except OSError as exc:
                yield Skipped(path, _stat_reason(path, exc))
                continue
            if entry.name in _NOT_ARTICLES:
                continue
            yield _check_file(path, root, info)
        stack.extend(reversed(subfolders))


def _check_file(path: str, root: str, info: os.stat_result) -> SourceFile | Skipped:
    if not stat.S_ISREG(info.st_mode):
        return Skipped(path, "not a regular file (device, pipe or socket)")
    return SourceFile(path, os.path.realpath(path), root, info.st_size, info.st_mtime_ns)


def _excluded(relative: str, name: str, patterns: list[str]) -> bool:
    return any(fnmatch.fnmatch(relative, p) or fnmatch.fnmatch(name, p) for p in patterns)


def _stat_reason(path: str, exc: OSError) -> str:
    if os.path.islink(path):
        if exc.errno == 40:  # ELOOP
            return "symbolic link loop"
        return "broken symbolic link (its target does not exist)"
    if isinstance(exc, FileNotFoundError):
        return "no such file or folder"
    if isinstance(exc, PermissionError):
        return "permission denied"
    return f"cannot read: {exc.strerror or exc}"
