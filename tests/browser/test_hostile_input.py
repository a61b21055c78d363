"""Bad and hostile input in the browser: imported files, and storage that fails.

Every imported file is refused, changing nothing, or accepted with its text shown as text.
`window.__pwned` is set to 0 before the page's scripts run; a payload that ran would set it
to 1. (Malformed JSON, another checklist's file and a 10 MB file are tested beside the import
round trip, in test_checklist_answers.py.)
"""

from __future__ import annotations

import json
import string
from itertools import product

import pytest
from playwright.sync_api import Page, expect
from site_pages import answer_sets

from checks.answers import FORMAT as NAME
from checks.answers import FORMAT_VERSION

pytestmark = pytest.mark.browser

FORMAT = f"{NAME}/{FORMAT_VERSION}"
IMG = '<img src=x onerror="window.__pwned=1">'
SCRIPT = "<script>window.__pwned=1</script>"
SVG = '"><svg onload=window.__pwned=1>'
PAYLOADS = (IMG, SCRIPT, SVG)
TRAP = "window.__pwned = 0;"

# Whether a payload ran, and any element it planted: an attribute or script that mentions
# __pwned, or the <img src=x>.
PLANTED = """() => ({
  pwned: window.__pwned,
  planted: [...document.querySelectorAll("*")]
    .filter((el) => [...el.attributes].some((attribute) => attribute.value.includes("__pwned"))
      || (el.tagName === "SCRIPT" && el.textContent.includes("__pwned"))
      || (el.tagName === "IMG" && el.getAttribute("src") === "x"))
    .map((el) => el.outerHTML.slice(0, 100)),
})"""


def assert_inert(page: Page) -> None:
    assert page.evaluate(PLANTED) == {"pwned": 0, "planted": []}


def many_answers(checklist_id: str, count: int) -> bytes:
    """A well-formed file with `count` different answers, kept under the 1 MB limit (short ids)."""
    letters = string.ascii_letters + string.digits
    ids = (("".join(chars) for chars in product(letters, repeat=size)) for size in (1, 2, 3))
    keys = [key for group in ids for key in group][:count]
    answers = ",".join(f'"{key}":""' for key in keys)
    head = f'{{"format":"{FORMAT}","checklist":"{checklist_id}","checklist_version":1,"answers":{{'
    text = f"{head}{answers}}}}}"
    assert len(text) < 1_000_000
    return text.encode()


def refused_files(rm, checklist_id: str) -> list[tuple[str, bytes, list[str]]]:
    """(file name, content, what the refusal says)."""
    document = rm.document(checklist_id, {})
    question = rm.checklist(checklist_id).questions()[0].id

    def shaped(**changes) -> bytes:
        return json.dumps({**document, **changes}).encode()

    return [
        ("picture.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8, ["not valid JSON"]),
        ("list.json", b"[]", ["This is not a Relationship Matters answers file."]),
        ("text.json", b'"answers"', ["This is not a Relationship Matters answers file."]),
        ("no-format.json", json.dumps({"checklist": checklist_id, "answers": {}}).encode(), ["not a Relationship"]),
        (
            "wrong-shapes.json",
            shaped(answers=["agree"], notes="none", respondent="me", checklist_version="one"),
            [
                "The answers must be a set of question ids, each with its answer.",
                "The notes must be a set of section ids, each with its note.",
                "The respondent details must be a set of named fields.",
                "The checklist version in the file must be a whole number of 1 or more.",
            ],
        ),
        (
            "wrong-values.json",
            shaped(answers={question: 3}, notes={"x": ["note"]}, saved_at="yesterday"),
            [f"The answer to question '{question}' is not a recognised answer.", "The note for 'x' must be text"],
        ),
        (
            "newer.json",
            shaped(format=f"{NAME}/{FORMAT_VERSION + 1}"),
            [
                f"This file was saved by a newer version of the toolkit (format {FORMAT_VERSION + 1}). "
                f"This copy reads format {FORMAT_VERSION}"
            ],
        ),
        ("many.json", many_answers(checklist_id, 100_000), ["This file holds 100,000 answers"]),
        # Hostile text in what the refusal quotes back, and in the file's own name:
        ("other.json", shaped(checklist=IMG), [f"This file holds answers for '{IMG}', not for"]),
        ("fields.json", shaped(**{SCRIPT: 1}), [f"The file has fields this toolkit does not use: '{SCRIPT}'."]),
        (f"{SVG}.json", b"[]", [f"{SVG}.json was not imported"]),
    ]


def test_bad_and_hostile_files_are_refused_and_change_nothing(page, context, rm):
    checklist_id = rm.checklist_ids()[0]
    half, _ = answer_sets(rm.checklist(checklist_id))
    context.add_init_script(TRAP)
    rm.seed(context, checklist_id, rm.document(checklist_id, half))
    rm.open(page, checklist_id)
    before, results = rm.stored_text(page, checklist_id), rm.results_html(page)
    alert = page.get_by_role("alert")
    for name, content, messages in refused_files(rm, checklist_id):
        rm.import_file(page, name, content)
        expect(alert).to_contain_text(f"{name} was not imported, and your saved answers were not changed.")
        for message in messages:
            expect(alert).to_contain_text(message)
        assert rm.stored_text(page, checklist_id) == before, name
        assert rm.results_html(page) == results, name
        assert rm.checked(page) == half, name
        assert_inert(page)


def test_hostile_text_in_an_accepted_file_is_shown_as_text(page, context, rm):
    checklist_id = rm.checklist_ids()[0]
    checklist = rm.checklist(checklist_id)
    half, _ = answer_sets(checklist)
    notes = {section.id: PAYLOADS[n % 3] for n, section in enumerate(checklist.sections)}
    document = rm.document(checklist_id, {**half, IMG: SCRIPT}, {**notes, SVG: IMG})  # IMG: a question since removed
    document["respondent"] = {"name": IMG, "organisation": SCRIPT + SVG, "role": "other"}  # roles come from a list
    name = f"{IMG}.json"
    context.add_init_script(TRAP)
    rm.open(page, checklist_id)

    rm.import_file(page, name, json.dumps(document).encode())
    expect(page.get_by_role("status").filter(has_text=f"The answers in {name} were imported.")).to_be_visible()
    orphan = page.locator(".rm-results li", has_text="window.__pwned")
    for when in ("imported", "restored from storage"):
        if when != "imported":
            page.reload()
            rm.wait_ready(page)
        expect(orphan).to_have_text(f"{IMG}: {SCRIPT}")
        for section_id, note in notes.items():
            expect(page.locator(f"#notes-{section_id}")).to_have_value(note)
        assert rm.checked(page) == half, when
        assert rm.stored(page, checklist_id) == document, when  # kept as data, exactly as given
        assert_inert(page)


# Storage the browser refuses: full (setItem throws), or blocked (reading localStorage throws).
FAULTS = {
    "full": "Storage.prototype.setItem = function () {"
    " throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); };",
    "blocked": "Object.defineProperty(window, 'localStorage', {configurable: true,"
    " get() { throw new DOMException('The operation is insecure.', 'SecurityError'); }});",
}


@pytest.mark.parametrize("fault", FAULTS)
def test_storage_that_fails_keeps_what_was_saved_and_the_page_working(context, rm, fault):
    checklist_id = rm.checklist_ids()[-1]
    checklist = rm.checklist(checklist_id)
    half, _ = answer_sets(checklist)
    saved = rm.document(checklist_id, half)
    rm.seed(context, checklist_id, saved)  # saved before the fault (this init script runs first)
    context.add_init_script(FAULTS[fault])
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    rm.open(page, checklist_id)

    expect(page.locator(".rm-warning")).to_be_visible()
    expect(page.locator(".rm-warning")).to_contain_text("will not be kept after you close the page")
    shown = half if fault == "full" else {}  # full storage can still be read; blocked storage cannot
    assert rm.checked(page) == shown
    question = next(q for q in checklist.questions() if q.id not in half)
    value = question.choices()[0][0]
    page.locator(f'label[for="q-{question.id}-{value}"]').click()
    still_to_answer = len(checklist.questions()) - len(shown) - 1
    expect(page.locator(".rm-results .rm-unanswered li")).to_have_count(still_to_answer)
    with page.expect_download() as download:
        page.get_by_role("button", name="Export answers").click()
    assert json.loads(download.value.path().read_text(encoding="utf-8"))["answers"] == {**shown, question.id: value}

    (origin,) = context.storage_state()["origins"]  # read from outside the page, past the fault
    kept = {item["name"]: item["value"] for item in origin["localStorage"]}
    assert json.loads(kept[rm.key(checklist_id)]) == saved, "the answers saved before the fault were changed"
    assert errors == []  # not even from Material's scripts (overrides/partials/javascripts/base.html)
