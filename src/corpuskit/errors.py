"""Errors that reach the user as one line, never as a traceback."""


class CorpuskitError(Exception):
    """A mistake the user can fix (bad option, bad config, missing store).

    The CLI prints ``str(error)`` on one line and exits with ``exit_code``.
    """

    exit_code = 2


class ConfigError(CorpuskitError):
    """corpuskit.yaml is unreadable, has an unknown key or a wrong type."""


class StoreError(CorpuskitError):
    """The store cannot be opened or is not a corpuskit store."""


class NotFound(CorpuskitError):
    """A document named on the command line is not in the store."""


class OutputError(CorpuskitError):
    """The --output file cannot be written (a missing folder, a folder, no permission)."""


class BadQuery(CorpuskitError):
    """A search query that cannot find anything as written (empty, or only operators)."""


def first_line(exc: BaseException) -> str:
    """The first line of an exception's message (a library's may run to pages), or its type."""
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__
