"""YAML for front matter and manifests: an impossible date is kept as its text.

PyYAML turns ``2024-02-30`` into a ValueError (not a YAMLError) that would end
the whole parse; kept as a string, the date is reported like any other
unreadable date and the rest of the mapping survives.
"""

from __future__ import annotations

from typing import Any

import yaml


class _Loader(yaml.SafeLoader):
    def construct_yaml_timestamp(self, node: yaml.Node) -> Any:  # type: ignore[override]
        try:
            return super().construct_yaml_timestamp(node)
        except (ValueError, OverflowError):
            return self.construct_scalar(node)  # type: ignore[arg-type]


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_timestamp)

TOO_DEEP = "nested too deeply"


def load_yaml(source: str) -> Any:
    """``yaml.safe_load`` that keeps impossible dates as text.

    Raises yaml.YAMLError for malformed YAML and RecursionError for nesting too
    deep to build; other ValueErrors of the constructors are YAML errors too.
    """
    try:
        return yaml.load(source, Loader=_Loader)  # noqa: S506 - a SafeLoader subclass
    except RecursionError:
        raise
    except yaml.YAMLError:
        raise
    except (ValueError, TypeError, OverflowError) as exc:
        raise UnloadableYAML(str(exc)) from None


class UnloadableYAML(yaml.YAMLError):
    """Well-formed YAML whose values cannot be built; no position is known."""

    def __init__(self, problem: str):
        super().__init__(problem)
        self.problem = problem
        self.problem_mark = self.context_mark = None
