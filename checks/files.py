"""Files the page downloads (exported answers, reports): their names, made safe for every file
system, their types and their content, all decided here; the page only saves what it is given.
And `write_report`, how the command line writes one."""

from __future__ import annotations

import contextlib
import json
import os
import re
import sys
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from checks.answers import SavedAnswers, answers_to_dict
from checks.reports import to_csv, to_docx, to_markdown
from checks.result import Result

if TYPE_CHECKING:
    from pathlib import Path

MAX_PART = 60
"""The longest part of a file name taken from what people typed (an organisation's name)."""


@dataclass(frozen=True)
class File:
    name: str
    mime: str
    content: str | bytes

    def to_dict(self) -> dict[str, str]:
        """As JSON data: text as it is, bytes (a Word file) as base64."""
        if isinstance(self.content, str):
            return {"name": self.name, "mime": self.mime, "text": self.content}
        import base64  # only for a binary file

        return {"name": self.name, "mime": self.mime, "base64": base64.b64encode(self.content).decode("ascii")}


def slug(text: str) -> str:
    """Letters and digits only, lower case, hyphens between: safe in a file name on any system."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower())[:MAX_PART].strip("-")


def file_name(*parts: str, extension: str) -> str:
    """``behaviours-age-uk-leeds-2026-12-01.json``: the parts that have any letters or digits, joined."""
    return "-".join(part for part in map(slug, parts) if part) + f".{extension}"


def saved_file_name(tool: str, respondent: dict, day: date, *what: str, extension: str) -> str:
    """``behaviours-age-uk-leeds-report-2026-12-01.docx``: the checklist or register (`tool`), the organisation
    that answered, what the file is (nothing for the saved file itself) and the day. Partners' files of one
    checklist, and one reader's files of different days, have names of their own in a downloads folder."""
    organisation = respondent.get("organisation", "")
    organisation = organisation if isinstance(organisation, str) else ""
    return file_name(tool, organisation, *what, day.isoformat(), extension=extension)


def export_file(saved: SavedAnswers, day: date) -> File:
    """The answers file, named by `saved_file_name`; the newest format inside."""
    text = json.dumps(answers_to_dict(saved), indent=2, ensure_ascii=False) + "\n"
    return File(saved_file_name(saved.checklist, saved.respondent, day, extension="json"), "application/json", text)


@dataclass(frozen=True)
class Report:
    label: str
    """How the toolbar names the format: "Download report (Word)"."""
    extension: str
    mime: str
    render: Callable[[Result, str], str | bytes]


REPORTS = {
    "docx": Report("Word", "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", to_docx),
    "markdown": Report("Markdown", "md", "text/markdown;charset=utf-8", to_markdown),
    "csv": Report("CSV", "csv", "text/csv;charset=utf-8", to_csv),
}
"""The report formats, in the toolbar's order."""


def report_file(saved: SavedAnswers, result: Result, report: Report, base_url: str, day: date) -> File:
    """The report of `result` (scored from `saved`), named by `saved_file_name`."""
    name = saved_file_name(saved.checklist, saved.respondent, day, "report", extension=report.extension)
    return File(name, report.mime, report.render(result, base_url))


def write_report(report: str | bytes, output: Path | None) -> int:
    """The command line's report written to `output`, or else printed: UTF-8 bytes either way, whatever
    the terminal's encoding, and with no newline translation (CSV keeps its CRLF line ends). The exit
    code: 1 when it cannot be written (said on stderr), else 0."""
    data = report if isinstance(report, bytes) else report.encode("utf-8")
    if output is not None:
        try:
            output.write_bytes(data)
        except OSError as error:
            print(f"{output}: cannot write the file ({error.strerror})", file=sys.stderr)
            return 1
        return 0
    try:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    except BrokenPipeError:  # the reader stopped reading (`| head`): nothing is left to say
        with contextlib.suppress(OSError, ValueError):  # Python's own last flush then finds nowhere to fail
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    return 0
