"""Answering, saving, restoring, exporting and importing, on every checklist page."""

from __future__ import annotations

import json
import re
import zipfile

import pytest
from playwright.sync_api import expect
from site_pages import COUNT_REQUESTS

from checks.answers import FORMAT, FORMAT_VERSION, blank_document

pytestmark = pytest.mark.browser


def test_answers_are_scored_saved_and_restored(page, rm, checklist_id):
    checklist = rm.checklist(checklist_id)
    rm.open(page, checklist_id)
    panel = page.locator(".rm-results")
    expect(panel.locator(".rm-unanswered li")).to_have_count(len(checklist.questions()))

    chosen = rm.nth_choices(checklist_id, 1)
    for question_id, value in chosen.items():  # every label clicked with the pointer (see rm.give_answers)
        page.locator(f'label[for="q-{question_id}-{value}"]').click()
    expect(panel.locator(".rm-unanswered")).to_have_count(0, timeout=30_000)
    expect(panel).to_have_attribute("data-state", "ready")
    expect(panel.locator("table.rm-sections tbody tr")).to_have_count(len(checklist.sections))
    expect(panel.locator(".rm-overall")).to_contain_text("Overall:")
    saved = rm.stored(page, checklist_id)
    assert saved["answers"] == chosen
    assert saved["format"] == f"{FORMAT}/{FORMAT_VERSION}"
    assert saved["checklist"] == checklist_id
    assert saved["checklist_version"] == checklist.version
    assert list(saved) == list(blank_document(checklist))
    results = rm.results_html(page)

    page.reload()
    rm.wait_ready(page)
    assert rm.checked(page) == chosen
    rm.wait_results_html(page, results)


def test_export_start_again_and_import_give_the_same_results(page, context, rm, checklist_id):
    first_section = rm.checklist(checklist_id).sections[0].id
    document = rm.document(checklist_id, rm.nth_choices(checklist_id, 0), {first_section: "Talk to the board."})
    rm.seed(context, checklist_id, document)
    rm.open(page, checklist_id)
    results = rm.results_html(page)
    assert page.locator(f"#notes-{first_section}").input_value() == "Talk to the board."

    with page.expect_download() as download:
        page.get_by_role("button", name="Export answers").click()
    assert re.fullmatch(rf"{checklist_id}-\d{{4}}-\d\d-\d\d\.json", download.value.suggested_filename)
    exported = download.value.path().read_bytes()
    assert json.loads(exported) == rm.stored(page, checklist_id) == document

    for label, extension in (("Markdown", "md"), ("CSV", "csv")):
        with page.expect_download() as report:
            page.get_by_role("button", name=f"Download report ({label})").click()
        assert re.fullmatch(rf"{checklist_id}-report-\d{{4}}-\d\d-\d\d\.{extension}", report.value.suggested_filename)
        text = report.value.path().read_text(encoding="utf-8")
        assert rm.checklist(checklist_id).sections[0].title in text
        if extension == "csv":  # UTF-8 with a byte order mark, as Excel on Windows needs to read it so
            assert report.value.path().read_bytes().startswith(b"\xef\xbb\xbf")
        if extension == "md":
            assert rm.checklist(checklist_id).title in text
            assert f"]({rm.site_url}" in text, "guidance links in the report lead to this site"
    with page.expect_download() as report:  # made by Python as bytes, sent as base64
        page.get_by_role("button", name="Download report (Word)").click()
    assert re.fullmatch(rf"{checklist_id}-report-\d{{4}}-\d\d-\d\d\.docx", report.value.suggested_filename)
    with zipfile.ZipFile(report.value.path()) as word:
        assert rm.checklist(checklist_id).sections[0].title in word.read("word/document.xml").decode("utf-8")

    page.evaluate("window.print = () => { window.rmPrinted = true; }")
    page.get_by_role("button", name="Print", exact=True).click()
    assert page.evaluate("window.rmPrinted") is True

    page.once("dialog", lambda dialog: dialog.dismiss())
    page.get_by_role("button", name="Start again").click()
    assert rm.stored(page, checklist_id) == document

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Start again").click()
    expect(page.locator(".rm-form input[type=radio]:checked")).to_have_count(0)
    assert rm.stored_text(page, checklist_id) is None
    assert page.locator(f"#notes-{first_section}").input_value() == ""
    expect(page.locator(".rm-results .rm-unanswered")).to_be_visible(timeout=30_000)

    rm.import_file(page, "exported.json", exported)
    expect(page.get_by_role("status").filter(has_text="were imported")).to_be_visible(timeout=30_000)
    rm.wait_results_html(page, results)
    assert rm.checked(page) == document["answers"]
    assert page.locator(f"#notes-{first_section}").input_value() == "Talk to the board."
    assert rm.stored(page, checklist_id) == document


def test_an_import_that_would_replace_answers_asks_first(page, context, rm):
    mine = rm.document("behaviours", rm.nth_choices("behaviours", 0))
    theirs = rm.document("behaviours", rm.nth_choices("behaviours", 1))
    rm.seed(context, "behaviours", mine)
    rm.open(page, "behaviours")
    asked = []
    page.once("dialog", lambda dialog: asked.append(dialog.message) or dialog.dismiss())
    rm.import_file(page, "theirs.json", json.dumps(theirs).encode())
    status = page.locator(".rm-toolbar-status")
    expect(status).to_have_text("theirs.json was not imported, and your saved answers were not changed.")
    assert asked == [
        "Replace your answers and notes with what is in theirs.json? Export yours first if you want to keep a copy."
    ]
    assert rm.checked(page) == mine["answers"] and rm.stored(page, "behaviours") == mine
    page.once("dialog", lambda dialog: dialog.accept())
    rm.import_file(page, "theirs.json", json.dumps(theirs).encode())
    expect(status).to_have_text("The answers in theirs.json were imported.")
    assert rm.checked(page) == theirs["answers"]
    # Once they are the same answers, importing them again loses nothing, so nothing is asked.
    page.once("dialog", lambda dialog: asked.append(dialog.message) or dialog.dismiss())
    rm.import_file(page, "again.json", json.dumps(theirs).encode())
    expect(status).to_have_text("The answers in again.json were imported.")
    assert len(asked) == 1


def _bad_files(checklist_id: str, rm) -> list[tuple[str, bytes, str]]:
    """(file name, content, part of the message that refuses it)."""
    other = {**rm.document(checklist_id, {}), "checklist": "another-checklist"}
    return [
        ("malformed.json", f'{{"format": "{FORMAT}/{FORMAT_VERSION}", '.encode(), "not valid JSON"),
        ("other.json", json.dumps(other).encode(), "'another-checklist', not for"),
    ]


def test_bad_files_are_refused_and_change_nothing(page, context, rm, checklist_id):
    document = rm.document(checklist_id, rm.nth_choices(checklist_id, 1))
    rm.seed(context, checklist_id, document)
    rm.open(page, checklist_id)
    before, results = rm.stored_text(page, checklist_id), rm.results_html(page)
    alert = page.get_by_role("alert")

    for name, content, message in _bad_files(checklist_id, rm):
        rm.import_file(page, name, content)
        expect(alert).to_contain_text(f"{name} was not imported", timeout=30_000)
        expect(alert).to_contain_text(message)
        expect(alert).to_be_visible()
        assert rm.stored_text(page, checklist_id) == before, name
        assert rm.results_html(page) == results, name
        assert rm.checked(page) == document["answers"], name

    large = [
        ("big.json", ('{"notes": "', "x", 10_000_000, '"}'), "This file is 10.0 MB"),  # checks refuses it
        ("huge.json", ("", " ", 21_000_000, ""), "This file is 21.0 MB"),  # only its first 1 MB is ever read
    ]
    for name, (head, filler, size, tail), message in large:
        rm.import_large_file(page, name, head, filler, size, tail)
        expect(alert).to_contain_text(f"{name} was not imported", timeout=30_000)
        expect(alert).to_contain_text(message)
        assert rm.stored_text(page, checklist_id) == before, name
        assert rm.results_html(page) == results, name


def test_answers_to_questions_that_have_changed_are_kept(page, context, rm, checklist_id):
    questions = rm.checklist(checklist_id).questions()
    first, second = questions[0], questions[1]
    answers = {"retired-question": "agree", first.id: first.choices()[0][0]}
    rm.seed(context, checklist_id, rm.document(checklist_id, answers))
    rm.open(page, checklist_id)
    orphans = page.locator(".rm-results h3", has_text="Answers to questions that have since changed")
    expect(orphans).to_be_visible()
    expect(page.locator(".rm-results li", has_text="retired-question")).to_contain_text("agree")

    value = second.choices()[1][0]
    page.locator(f'label[for="q-{second.id}-{value}"]').click()
    expect(page.locator(f"#q-{second.id}-{value}")).to_be_checked()
    page.wait_for_function(
        "([key, id]) => JSON.parse(localStorage.getItem(key)).answers[id] !== undefined",
        arg=[rm.key(checklist_id), second.id],
    )
    saved = rm.stored(page, checklist_id)
    assert saved["answers"] == {**answers, second.id: value}
    expect(page.locator(".rm-results li", has_text="retired-question")).to_contain_text("agree")
    expect(orphans).to_be_visible()


def test_answers_given_before_the_page_script_runs_are_kept(page, context, rm, checklist_id):
    """The form works as soon as it is shown; what was chosen before the script ran is saved, not reset."""
    questions = rm.checklist(checklist_id).questions()
    saved = rm.document(checklist_id, {questions[0].id: questions[0].choices()[0][0]})
    rm.seed(context, checklist_id, saved)
    held = []
    page.route("**/assets/js/rm-main.js", lambda route: held.append(route))  # the glue, held back
    page.goto(rm.url(checklist_id), wait_until="commit")
    early = {q.id: q.choices()[1][0] for q in questions[:2]}  # the first one contradicts the saved answer
    for question_id, value in early.items():
        page.locator(f'label[for="q-{question_id}-{value}"]').click()
    page.locator("textarea[data-section]").first.fill("Written before the script ran.")
    expect(page.locator(".rm-results")).to_have_attribute("data-state", "loading")  # nothing has run yet
    assert held, "the page glue's module was not requested"
    for route in held:
        route.continue_()
    rm.wait_ready(page)
    expected = {**early, **saved["answers"]}  # a saved answer wins over an early click
    assert rm.checked(page) == expected
    stored = rm.stored(page, checklist_id)
    assert stored["answers"] == expected
    assert list(stored["notes"].values()) == ["Written before the script ran."]


def test_who_answered_is_saved_and_the_version_answers_were_saved_for_is_kept(page, context, rm):
    checklist_id = rm.checklist_ids()[0]
    checklist = rm.checklist(checklist_id)
    older = checklist.version + 1  # any version but the checklist's own
    rm.seed(context, checklist_id, {**rm.document(checklist_id, {}), "checklist_version": older})
    rm.open(page, checklist_id)
    notice = page.locator(".rm-results").get_by_text(f"saved for version {older} of this checklist")
    expect(notice).to_be_visible()
    question = checklist.questions()[0]
    value = question.choices()[0][0]
    page.locator(f'label[for="q-{question.id}-{value}"]').click()
    page.wait_for_function(
        "([key, id]) => JSON.parse(localStorage.getItem(key)).answers[id] !== undefined",
        arg=[rm.key(checklist_id), question.id],
    )
    assert rm.stored(page, checklist_id)["checklist_version"] == older, "the page restamped the version"
    rm.wait_ready(page)
    expect(notice).to_be_visible()

    about = page.locator(".rm-about")
    about.get_by_label("Your organisation").fill("Age UK: Leeds")
    about.get_by_label("Manager", exact=True).check()
    about.get_by_label("Your name", exact=True).fill("Sam Patel")
    expected = {"organisation": "Age UK: Leeds", "role": "manager", "name": "Sam Patel"}
    page.wait_for_function(
        "([key, name]) => JSON.parse(localStorage.getItem(key)).respondent.name === name",
        arg=[rm.key(checklist_id), "Sam Patel"],
    )
    assert rm.stored(page, checklist_id)["respondent"] == expected
    about.get_by_label("Answer anonymously").check()
    expect(about.get_by_label("Your name", exact=True)).to_be_disabled()
    expect(about.get_by_label("Your name", exact=True)).to_have_value("")
    anonymous = {"organisation": "Age UK: Leeds", "role": "manager", "anonymous": True}
    assert rm.stored(page, checklist_id)["respondent"] == anonymous

    with page.expect_download() as download:
        page.get_by_role("button", name="Export answers").click()
    assert re.fullmatch(rf"{checklist_id}-age-uk-leeds-\d{{4}}-\d\d-\d\d\.json", download.value.suggested_filename)
    exported = json.loads(download.value.path().read_text(encoding="utf-8"))
    assert (exported["respondent"], exported["checklist_version"]) == (anonymous, older)

    page.reload()
    rm.wait_ready(page)
    expect(about.get_by_label("Your organisation")).to_have_value("Age UK: Leeds")
    expect(about.get_by_label("Manager", exact=True)).to_be_checked()
    expect(about.get_by_label("Answer anonymously")).to_be_checked()
    expect(about.get_by_label("Your name", exact=True)).to_be_disabled()


def test_answers_given_in_another_tab_are_kept(page, context, rm):
    checklist_id = rm.checklist_ids()[0]
    first, second, third = list(rm.nth_choices(checklist_id, 0).items())[:3]
    other = context.new_page()
    for tab in (page, other):
        rm.open(tab, checklist_id)
    rm.give_answers(page, dict([first]))
    page.wait_for_function(
        "([key, id]) => localStorage.getItem(key)?.includes(id)", arg=[rm.key(checklist_id), first[0]]
    )
    # The same checklist, open in another tab: its answer is shown here too (it used to be overwritten,
    # with this tab's older copy, by the next answer given here).
    rm.give_answers(other, dict([second]))
    expect(page.locator(f"#q-{second[0]}-{second[1]}")).to_be_checked()
    rm.give_answers(page, dict([third]))
    expect(page.locator(".rm-count[data-count=all]")).to_contain_text("3 of ")
    page.wait_for_function(
        "([key, id]) => JSON.parse(localStorage.getItem(key)).answers[id] !== undefined",
        arg=[rm.key(checklist_id), third[0]],
    )
    assert rm.stored(page, checklist_id)["answers"] == dict([first, second, third])
    other.close()


def test_a_checklist_left_by_instant_navigation_no_longer_hears_other_tabs(page, context, rm):
    checklist_id = rm.checklist_ids()[0]
    page.add_init_script(COUNT_REQUESTS)
    rm.open(page, checklist_id)
    page.evaluate("() => { window.__samePage = true; }")
    page.locator(".rm-section-guidance a").first.click()  # Material swaps the page in place
    page.wait_for_url(lambda address: "/checklists/" not in address)
    expect(page.locator(".rm-checklist")).to_have_count(0)
    assert page.evaluate("() => window.__samePage") is True, "instant navigation, not a new page"
    before = page.evaluate("() => window.__asked.score ?? 0")
    assert before >= 1  # the form's own scores, counted
    other = context.new_page()
    rm.open(other, checklist_id)
    rm.give_answers(other, dict(list(rm.nth_choices(checklist_id, 0).items())[:1]))  # saved: heard by `page`
    page.wait_for_function("key => localStorage.getItem(key)?.includes('answers')", arg=rm.key(checklist_id))
    page.wait_for_timeout(1_000)  # time enough for a detached form to ask for a score it would never show
    assert page.evaluate("() => window.__asked.score ?? 0") == before
    other.close()
