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
