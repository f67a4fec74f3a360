"""Resolution gives the same entities, and the same reasons, in every process: a set's order
changes with the interpreter's hash seed, so nothing may depend on it."""

from __future__ import annotations

import os
import subprocess
import sys

PROGRAM = """
from corpuskit.entities.model import Mention
from corpuskit.entities.resolve import resolve
text = "Oksana Melnyk spoke first. Oksana T. Melnyk spoke again. Melnyk left the harbour."
spans = [(0, 13), (27, 43), (57, 63)]
mentions = [Mention(1, s, e, text[s:e], "PERSON", text, 0) for s, e in spans]
print([(e.name, sorted((m.start, m.end) for m in e.mentions), e.why) for e in resolve(mentions)])
"""


def test_a_surname_two_full_names_fit_resolves_the_same_whatever_the_hash_seed():
    # Two spellings of one person both fit "Melnyk": which one the reason names was once the
    # first in a set of names, and so changed from one run to the next.
    outcomes = set()
    for seed in range(1, 9):
        env = {**os.environ, "PYTHONHASHSEED": str(seed)}
        done = subprocess.run([sys.executable, "-c", PROGRAM], env=env, capture_output=True, text=True, check=True)
        outcomes.add(done.stdout)
    assert len(outcomes) == 1, outcomes
    assert "Melnyk: surname of" in outcomes.pop()
