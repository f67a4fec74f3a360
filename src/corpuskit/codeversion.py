"""A fingerprint of a package's source code, so caches of its results expire when it changes.

A hand-bumped version number is forgotten sooner or later; hashing the
modules that compute a cached result cannot be.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path


@cache
def code_version(package_file: str) -> str:
    """Hash of every .py file in the folder of ``package_file`` (pass a package's ``__file__``)."""
    digest = hashlib.sha1()
    for path in sorted(Path(package_file).resolve().parent.glob("*.py")):
        digest.update(path.name.encode() + b"\x00" + path.read_bytes())
    return digest.hexdigest()[:16]
