"""Reading many saved-answers files for a comparison: each on its own, none able to stop the rest.

A bad file is refused with its reasons and the good ones are still used; a file of another
checklist is refused; a file of another version is matched by question id, and what does not
match is noted; the same file twice, or the same respondent at the same time, counts once.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass

from checks.answers import SavedAnswers, answers_to_dict, read_answers, refuse_size
from checks.errors import AnswersError
from checks.model import Checklist
from checks.plurals import counted

MAX_FILES_BROWSER = 200
"""The most files a page compares at once."""
MAX_FILES_COMMAND_LINE = 500
"""The most files the command line compares at once."""
MAX_NAME = 200
"""The longest file name kept (names are shown, never used as paths)."""


@dataclass(frozen=True)
class Response:
    """One respondent's answers, and the file they came from."""

    name: str
    saved: SavedAnswers


@dataclass(frozen=True)
class Refused:
    """A file that is not compared, and why."""

    name: str
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class Inputs:
    responses: tuple[Response, ...] = ()
    refused: tuple[Refused, ...] = ()
    notices: tuple[str, ...] = ()


@dataclass(frozen=True)
class Given:
    """A file as the reader gave it: its name, its real size in bytes and its content (text or bytes)."""

    name: str
    content: str | bytes
    size: int = -1


def too_many(count: int, limit: int) -> str:
    return f"{count:,} files were chosen; at most {limit:,} can be compared at once."


def read_files(
    checklist: Checklist, files: Iterable[Given], kept: tuple[Response, ...] = (), limit: int = MAX_FILES_BROWSER
) -> Inputs:
    """Add `files` to the responses `kept` already: each read on its own; past `limit`, refused. What the
    files of another version lack is noted for those kept too, so it is said each time they are compared."""
    responses = list(kept)
    refused: list[Refused] = []
    notices = [note for r in kept for note in version_notes(r.name, r.saved, checklist)]
    seen = {_content(r.saved): r.name for r in responses}
    people = {key: r.name for r in responses if (key := _person(r.saved))}
    for index, given in enumerate(files):
        name = given.name[:MAX_NAME]
        if len(responses) >= limit or index >= limit:
            refused.append(Refused(name, (f"At most {limit:,} files can be compared at once.",)))
            continue
        try:
            if given.size >= 0:
                refuse_size(given.size)
            saved = read_answers(given.content, checklist)
        except AnswersError as error:
            refused.append(Refused(name, tuple(p.message for p in error.problems)))
            continue
        content, person = _content(saved), _person(saved)
        if content in seen:
            notices.append(f"{name} holds the same answers as {seen[content]}: counted once.")
            continue
        if person and person in people:
            notices.append(f"{name} has the same respondent and time as {people[person]}: counted once.")
            continue
        seen[content] = name
        if person:
            people[person] = name
        notices += version_notes(name, saved, checklist)
        responses.append(Response(name, saved))
    return Inputs(tuple(responses), tuple(refused), tuple(notices))


def version_notes(name: str, saved: SavedAnswers, checklist: Checklist) -> list[str]:
    """What a file of another version of the checklist adds or lacks, said once for that file."""
    notes = []
    if saved.checklist_version != checklist.version:
        notes.append(
            f"{name} was saved for version {saved.checklist_version} of the checklist; this is version "
            f"{checklist.version}. Its answers are matched to the questions by their ids."
        )
    if saved.orphans:
        ids = ", ".join(sorted(saved.orphans)[:10]) + (" and more" if len(saved.orphans) > 10 else "")
        notes.append(
            f"{name}: the comparison leaves out {counted(len(saved.orphans), 'answer')} to "
            f"{'a question' if len(saved.orphans) == 1 else 'questions'} this version does not have ({ids})."
        )
    return notes


def _content(saved: SavedAnswers) -> str:
    return json.dumps(answers_to_dict(saved), sort_keys=True)


def _person(saved: SavedAnswers) -> tuple[str, ...] | None:
    """Who answered and when; None when the file does not say when (then only its content can match)."""
    if not saved.saved_at:
        return None
    who = saved.respondent
    return (*(str(who.get(key, "")).strip().casefold() for key in ("organisation", "role", "name")), saved.saved_at)
