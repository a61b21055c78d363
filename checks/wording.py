"""The sentences a checklist page shows besides its results: the page's own (sent to its script in
data-config, or rendered hidden) and those of the worker's replies. JavaScript holds none of them."""

from __future__ import annotations

from typing import Any

from checks.errors import AnswersError, ChecklistError
from checks.offline import DOWNLOAD_MESSAGES
from checks.replacing import Work

NO_JAVASCRIPT = (
    "Your results appear as you answer when JavaScript is on. Without it you can still read, print and discuss "
    "every question."
)
RESULTS_NEED_JAVASCRIPT = "Results need JavaScript. With it on, they appear here as you answer."
STORAGE_WARNING = (
    "This browser is not letting the page save your answers, so they will not be kept after you close the page. "
    "Use Export answers to keep a copy."
)

SEE_RESULT = "See your result"
COUNT_ALL = "{answered} of {total} questions answered"
COUNT_SECTION = "{answered} of {total} answered in this section"
COUNT_ANNOUNCE = (
    "{section}: {section_answered} of {section_total} answered. {answered} of {total} questions answered in all."
)
"""The answered counts: the page script fills in the numbers (and the section's title) and changes
the text only when a count changes; COUNT_ANNOUNCE is said in a polite live region."""


FAILED = {
    "score": "Results are unavailable.",
    "import": "The file was not imported, and your saved answers were not changed.",
    "export": "Your answers could not be exported.",
    "report": "The report could not be made.",
    "compare": "The comparison was not changed.",
    "compare_open": "The file was not opened, and your comparison was not changed.",
    "compare_export": "The comparison could not be saved as a file.",
    "compare_report": "The report could not be made.",
}
"""What failed, by action: the title of the page's message when a request fails."""

PAGE_MESSAGES = {
    **FAILED,
    **DOWNLOAD_MESSAGES,
    # No size here: the progress bar gives it from the build's own figures (checks.offline).
    "loading": (
        "Loading the scoring engine. Your browser downloads it the first time only; while it does, "
        "the download's size and progress are shown here."
    ),
    "confirm_reset": (
        "Start again? This clears every answer and note for this checklist from this browser. "
        "Export your answers first if you want to keep a copy."
    ),
    "cleared": "Your answers and notes were cleared.",
    "checking": "Checking the file…",
    "kept_saved": "Your answers are still saved in this browser.",
    "kept_until_close": "Your answers are kept only until you close this page: export them to keep a copy.",
    "page_failed": "Something went wrong in the page.",
    "count_all": COUNT_ALL,
    "count_section": COUNT_SECTION,
    "count_announce": COUNT_ANNOUNCE,
    # Failures of the engine itself, which then cannot say them: the worker replies with these codes.
    "engine-not-loaded": "The scoring engine could not be loaded.",
    "engine-failed": "The scoring engine failed while handling this request.",
}
"""Every message the page script shows on its own, by the key it looks up."""


def refused(action: str, payload: Any, error: ChecklistError) -> str:
    """The title of an error reply; the problems follow it, one a line."""
    if action.startswith("agreement_"):  # the agreement builder's own words
        from checks.agreement.wording import refused as agreement_refused

        return agreement_refused(action, payload)
    if action.startswith("register_"):  # the registers' own words
        from checks.registers.component import refused as register_refused

        return register_refused(action, payload)
    if action.rpartition("_")[2] == "import" and isinstance(payload, dict) and isinstance(payload.get("filename"), str):
        return not_imported(payload["filename"])
    if action == "score" and isinstance(error, AnswersError):
        return f"{FAILED['score']} These problems were found in the saved answers."
    return FAILED.get(action, "The scoring engine could not handle this request.")


ANSWERS_WORK = Work("your answers and notes", "Export yours first if you want to keep a copy.")
"""What an answers file would replace (checks.replacing)."""


def not_imported(name: str) -> str:
    return f"{name} was not imported, and your saved answers were not changed."


def imported(name: str) -> str:
    return f"The answers in {name} were imported."


def exported(name: str) -> str:
    return f"Your answers were downloaded as {name}."


def report_downloaded(name: str) -> str:
    return f"The report was downloaded as {name}."


def time_needed(minutes: tuple[int, int]) -> str:
    """``(15, 20)`` -> "15 to 20 minutes"; ``(10, 10)`` -> "10 minutes"."""
    least, most = minutes
    return f"{least} minutes" if least == most else f"{least} to {most} minutes"
