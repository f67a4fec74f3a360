"""The valid range of a numeric setting, declared once next to its field and checked by config.py.

A field is declared with ``share(0.15)``, ``positive(7.0)``, ``weight(1.0)`` or ``count(3)``
(``count(0, minimum=0)`` when none is meaningful): a dataclass field with that default whose
metadata holds its ``Range``.  It imports nothing of the package.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Range:
    low: float
    high: float | None = None  # no upper bound
    low_included: bool = True

    def __contains__(self, value: float) -> bool:
        above = value >= self.low if self.low_included else value > self.low
        return above and (self.high is None or value <= self.high)

    def describe(self) -> str:
        if self.high is not None:
            return f"between {self.low:g} and {self.high:g}"
        return f"at least {self.low:g}" if self.low_included else f"greater than {self.low:g}"


SHARE = Range(0.0, 1.0)
POSITIVE = Range(0.0, low_included=False)
NOT_NEGATIVE = Range(0.0)


def range_of(metadata: Any) -> Range | None:
    """The range a field's metadata declares, if any."""
    found = metadata.get("range") if metadata else None
    return found if isinstance(found, Range) else None


def share(default: float) -> float:
    """A share, probability, similarity, overlap or relative tolerance: from 0 to 1."""
    return _declared(default, SHARE)


def positive(default: float) -> float:
    """A half-life or a divisor: above 0."""
    return _declared(default, POSITIVE)


def weight(default: float) -> float:
    """A multiplier: 0 or more."""
    return _declared(default, NOT_NEGATIVE)


def count(default: int, minimum: int = 1) -> int:
    """A whole number of at least ``minimum`` (the type, int, makes it whole)."""
    return _declared(default, Range(float(minimum)))


def _declared(default: Any, bounds: Range) -> Any:
    return field(default=default, metadata={"range": bounds})
