"""The one family of exceptions that `checks` raises on bad input."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input: where it is, and what is wrong."""

    path: str
    """Where the bad value is, e.g. ``sections[2].questions[4].weight`` (empty for the whole input)."""
    message: str
    """What is wrong, in plain English."""

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class ChecklistError(Exception):
    """Base class: every error `checks` raises about its input is one of these."""

    source: str
    """Where the input came from (a file), put before each problem; empty when there is none."""

    def __init__(self, problems: list[Problem], source: str = "") -> None:
        self.problems = list(problems)
        self.source = source
        super().__init__(str(self))

    def lines(self) -> list[str]:
        """Each problem on a line of its own, prefixed by the source where there is one."""
        prefix = f"{self.source}: " if self.source else ""
        return [prefix + str(problem) for problem in self.problems]

    def __str__(self) -> str:
        return "\n".join(self.lines())


class DefinitionError(ChecklistError):
    """Raised by `checklist_from_mapping` and `load_checklist` when a definition is invalid.

    Holds every problem found, each with the path of the bad value.
    """


class AnswersError(ChecklistError):
    """Raised by `read_answers` when a saved-answers document cannot be used.

    The messages are written for the person importing the file.
    """


class RequestError(ChecklistError):
    """Raised by `checks.worker_api` when the page's request names no known action, or lacks a key.

    The page and the worker are the same site, so this means a bug or a mismatched copy of the
    site; the worker still answers it as a plain error reply, never as an exception.
    """
