"""The three registers in Chromium: the example matches `python -m checks report --format json`,
rows are added, removed and moved by keyboard alone, axe passes in every state in both colour
schemes, JavaScript off shows a printable blank template, hostile imports change nothing, the Word
report opens with its tables, and the pages work offline with the server stopped.

Every register definition is a fixture: a new one is covered without new tests.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys

import chromium
import docx
import pytest
from axe_scan import assert_none, violations_in_both_schemes
from conftest import READY_TIMEOUT, ROOT
from playwright.sync_api import Page, expect
from site_pages import engine_cached, guarded_context

from checks.registers import load_register, register_files

pytestmark = pytest.mark.browser
REGISTERS = {path.stem: load_register(path) for path in register_files()}
EXAMPLES = ROOT / "checks" / "examples"
TODAY = "() => new Date(Date.now() - new Date().getTimezoneOffset() * 60_000).toISOString().slice(0, 10)"


@pytest.fixture(params=sorted(REGISTERS))
def register(request):
    return REGISTERS[request.param]


def url(site_url: str, register) -> str:
    return f"{site_url}tools/{register.id}/"


def open_page(page: Page, site_url: str, register) -> None:
    page.goto(url(site_url, register))
    ready(page)


def ready(page: Page) -> None:
    expect(page.locator(".rm-results")).to_have_attribute("data-state", "ready", timeout=READY_TIMEOUT)


def stored(page: Page, register) -> str | None:
    return page.evaluate("key => localStorage.getItem(key)", f"relationship-matters:answers:{register.id}")


def shown_findings(page: Page) -> list[dict]:
    return page.evaluate(
        """() => [...document.querySelectorAll('.rm-results ul.rm-findings > li')]
             .map(li => ({path: li.dataset.path, message: li.textContent}))"""
    )


def cli_json(register, today: str) -> dict:
    example = ROOT / "checks" / "examples" / f"{register.id}.json"
    done = subprocess.run(
        [sys.executable, "-m", "checks", "report", str(example), "--format", "json", "--today", today],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    return json.loads(done.stdout)


def test_the_example_matches_the_command_line_and_leaves_saved_work_alone(page, site_url, register):
    open_page(page, site_url, register)
    page.get_by_role("button", name="Try an example").click()
    expected = cli_json(register, page.evaluate(TODAY))
    expect(page.locator(".rm-results ul.rm-findings > li")).to_have_count(len(expected["findings"]))
    assert shown_findings(page) == expected["findings"]
    assert stored(page, register) is None  # the example is not saved until kept
    rows = page.locator(".rm-rows > li")
    expect(rows).to_have_count(len(expected["rows"]))
    marked = {int(f["path"][5:].split("]")[0]) for f in expected["findings"] if f["path"].startswith("rows[")}
    for index in marked:  # each row with a finding is kept and marked
        expect(rows.nth(index)).to_have_attribute("data-invalid", "true")
    page.get_by_role("button", name="Back to my own work").click()
    expect(rows).to_have_count(0)
    asked = []
    page.on("dialog", lambda dialog: asked.append(dialog.message) or dialog.dismiss())  # "no", when asked
    page.get_by_role("button", name="Try an example").click()
    page.get_by_role("button", name="Keep this example").click()
    expect(page.locator(".rm-toolbar-status")).to_have_text("The example is now your register, saved in this browser.")
    assert asked == []  # over a blank register nothing is lost, so nothing is asked
    # The banner goes, and with it the button just pressed: focus goes back to the one that showed it.
    expect(page.get_by_role("button", name="Try an example")).to_be_focused()
    assert json.loads(stored(page, register))["rows"] == expected["rows"]
    # Over work of the reader's own, keeping the example asks first; "no" keeps their work.
    title = page.locator(f'.rm-rows [data-field="{register.columns[0].id}"]').first
    title.fill("Mine")
    mine = stored(page, register)
    page.get_by_role("button", name="Try an example").click()
    page.get_by_role("button", name="Keep this example").click()
    expect(page.locator(".rm-toolbar-status")).to_have_text(
        "The example was not kept. Your own register is still saved in this browser."
    )
    assert asked == [
        "Replace the rows and partners of your register with the example? Export your register first if you want "
        "to keep a copy."
    ]
    assert stored(page, register) == mine
    expect(page.get_by_role("button", name="Back to my own work")).to_be_visible()  # the example is still shown


def test_rows_are_added_moved_and_removed_by_keyboard_alone(page, site_url, register):
    open_page(page, site_url, register)
    name = register.row_name
    first = register.columns[0]
    add = page.get_by_role("button", name=f"Add another {name}")
    add.focus()
    for text in ("First", "Second", "Third"):
        page.keyboard.press("Enter")  # on the Add button: focus goes to the new row's first field
        page.keyboard.type(text)
        add.focus()
    rows = page.locator(".rm-rows > li")
    expect(rows).to_have_count(3)
    # A row's problems, shown under it, are part of what each of its fields says it is about.
    problem = rows.nth(0).locator(".rm-row-problems li").first
    expect(problem).to_be_visible(timeout=READY_TIMEOUT)
    control = rows.nth(0).locator("[data-field]").first
    expect(control).to_have_accessible_description(re.compile(re.escape(problem.text_content())))
    expect(rows.nth(2).locator(f'[data-field="{first.id}"]')).to_have_value("Third")
    # Typing that changes the report but not its summary leaves the summary's node alone, so a screen
    # reader hears the summary (the live part of the panel) when it changes, not after every key.
    summary = page.locator(".rm-results .rm-summary")
    said = summary.text_content()
    summary.evaluate("node => { node.seen = true }")  # a mark on the node itself, not in its markup
    rows.nth(2).locator(f'[data-field="{first.id}"]').focus()
    page.keyboard.press("End")
    page.keyboard.type(" again")
    expect(page.locator(".rm-results .rm-result")).to_contain_text("Third again")
    assert summary.evaluate("node => node.seen === true")
    assert summary.text_content() == said
    move = rows.nth(0).get_by_role("button", name=f"Move down {name} 1")
    move.focus()
    page.keyboard.press("Enter")
    expect(rows.nth(1).locator(f'[data-field="{first.id}"]')).to_have_value("First")
    expect(page.get_by_role("button", name=f"Move down {name} 2")).to_be_focused()
    # Each row is a group named by its number, as it now stands: a reader tabbing into it hears which.
    moved = page.get_by_role("group", name=f"{name.capitalize()} 2", exact=True)
    expect(moved.locator(f'[data-field="{first.id}"]')).to_have_value("First")
    # A move with nowhere to go says so, rather than nothing at all.
    rows.nth(0).get_by_role("button", name=f"Move up {name} 1").focus()
    page.keyboard.press("Enter")
    expect(page.locator(".rm-toolbar-status")).to_have_text(f"{name.capitalize()} 1 is already first.")
    rows.nth(2).get_by_role("button", name=f"Move down {name} 3").focus()
    page.keyboard.press("Enter")
    expect(page.locator(".rm-toolbar-status")).to_have_text(f"{name.capitalize()} 3 is already last.")
    rows.nth(0).get_by_role("button", name=f"Remove {name} 1").focus()
    page.keyboard.press("Enter")
    expect(rows).to_have_count(2)
    expect(rows.nth(0).locator("h3")).to_be_focused()  # the next row, now number 1
    expect(rows.nth(0).locator("h3")).to_have_text(f"{name.capitalize()} 1")
    expect(page.locator(".rm-toolbar-status")).to_have_text(f"{name.capitalize()} 1 removed.")
    saved = json.loads(stored(page, register))
    assert [row[first.id] for row in saved["rows"]] == ["First", "Third again"]
    rows.nth(1).get_by_role("button", name=f"Remove {name} 2").focus()
    page.keyboard.press("Enter")
    rows.nth(0).get_by_role("button", name=f"Remove {name} 1").focus()
    page.keyboard.press("Enter")
    expect(add).to_be_focused()  # no rows left: focus on the Add button
    assert json.loads(stored(page, register))["rows"] == []


def test_axe_passes_in_every_state_in_both_colour_schemes(page, site_url, register, scans):
    found = {}
    states = {
        "blank": lambda: None,
        "one row": lambda: page.get_by_role("button", name=f"Add another {register.row_name}").click(),
        "example": lambda: page.get_by_role("button", name="Try an example").click(),
        "refused import": lambda: import_file(page, "bad.json", b"not json"),
    }
    open_page(page, site_url, register)
    for state, act in states.items():
        act()
        ready(page)
        if state == "example":
            expect(page.locator(".rm-results ul.rm-findings > li").first).to_be_visible()
        if state == "refused import":
            expect(page.locator(".rm-alert-title")).to_be_visible()
        for scheme, problems in violations_in_both_schemes(page).items():
            found[(state, scheme)] = problems
            scans.states.add((url(site_url, register), state, scheme))
    assert_none(found)


def test_without_javascript_the_page_is_a_printable_blank_template(browser, site_url, register):
    with guarded_context(browser, site_url, java_script_enabled=False) as context:
        page = context.new_page()
        page.goto(url(site_url, register))
        expect(page.locator(".rm-no-js")).to_be_visible()
        expect(page.locator(".rm-toolbar")).to_be_hidden()
        expect(page.locator(".rm-rows > li")).to_have_count(3)
        expect(page.locator(".rm-rows > li").first.locator("input, textarea, select").first).to_be_visible()
        expect(page.locator(".rm-row-buttons").first).to_be_hidden()
        expect(page.locator(".rm-partner:visible")).to_have_count(4)


def test_an_edit_made_in_another_tab_is_shown_here_and_not_saved_over(page, context, site_url, register):
    other = context.new_page()
    for tab in (page, other):
        open_page(tab, site_url, register)
    first = f'.rm-rows [data-field="{register.columns[0].id}"]'
    page.get_by_role("button", name=f"Add another {register.row_name}").click()
    page.keyboard.type("Typed in the first tab")
    expect(other.locator(first)).to_have_value("Typed in the first tab")  # it used to keep its blank form
    other.get_by_role("button", name=f"Add another {register.row_name}").click()
    other.keyboard.type("Typed in the second tab")
    expect(page.locator(first)).to_have_count(2)
    page.locator(first).first.fill("Changed in the first tab")  # and this save keeps the second tab's row
    saved = json.loads(stored(page, register))
    shown = [row[register.columns[0].id] for row in saved["rows"]]
    assert shown == ["Changed in the first tab", "Typed in the second tab"]
    other.close()


def import_file(page: Page, name: str, content: bytes) -> None:
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Import register").click()
    chooser.value.set_files({"name": name, "mimeType": "application/json", "buffer": content})


def test_hostile_imports_are_refused_or_shown_as_text_and_saved_work_is_unchanged(page, site_url, register):
    open_page(page, site_url, register)
    page.get_by_role("button", name=f"Add another {register.row_name}").click()
    page.keyboard.type("Mine")
    saved = stored(page, register)
    blank = json.loads(saved)
    other = next(r for r in REGISTERS if r != register.id)
    hostile = {
        "wrong kind": json.dumps({**blank, "checklist": other}).encode(),
        "a checklist": json.dumps({**blank, "checklist": "behaviours"}).encode(),
        "10,000 rows": json.dumps({**blank, "rows": [{}] * 10_000}).encode(),
        "too big": b"{" + b" " * register.max_bytes + b"}",  # one byte more than its form can make
    }
    for what, content in hostile.items():
        import_file(page, f"{what}.json", content)
        expect(page.locator(".rm-alert-title")).to_have_text(
            f"{what}.json was not imported, and your saved register was not changed.", timeout=READY_TIMEOUT
        )
        assert stored(page, register) == saved, what
    # Nested deeper than the engine's stack could follow, closed or cut short: refused by its depth
    # before it is parsed.
    for name, content in (("deep.json", b"[" * 100_000 + b"]" * 100_000), ("cut-short.json", b"[" * 100_000)):
        import_file(page, name, content)
        expect(page.locator(".rm-alert-title")).to_have_text(
            f"{name} was not imported, and your saved register was not changed.", timeout=READY_TIMEOUT
        )
        expect(page.locator(".rm-alert")).to_contain_text("This file is nested too deeply to be")
        assert stored(page, register) == saved
    script = '<img src=x onerror="window.hacked=1"><script>window.hacked=1</script>'
    text = json.dumps({**blank, "rows": [{register.columns[0].id: script}]}).encode()
    asked = []
    page.once("dialog", lambda dialog: asked.append(dialog.message) or dialog.dismiss())  # replace "Mine"? no
    import_file(page, "script.json", text)
    expect(page.locator(".rm-toolbar-status")).to_have_text(
        "script.json was not imported, and your saved register was not changed."
    )
    assert asked[0].startswith("Replace the rows and partners of your register with what is in script.json?")
    assert stored(page, register) == saved
    page.once("dialog", lambda dialog: dialog.accept())  # yes
    import_file(page, "script.json", text)
    expect(page.locator(".rm-toolbar-status")).to_have_text("The register in script.json was imported.")
    ready(page)
    expect(page.locator(f'.rm-rows [data-field="{register.columns[0].id}"]').first).to_have_value(script)
    assert page.evaluate("() => window.hacked") is None
    assert page.locator(".rm-results img, .rm-results script").count() == 0


def test_the_word_report_opens_in_python_docx_with_its_tables(page, site_url, register):
    open_page(page, site_url, register)
    page.get_by_role("button", name="Try an example").click()
    ready(page)
    with page.expect_download() as download:
        page.get_by_role("button", name="Download report (Word)").click()
    assert re.fullmatch(rf"{register.id}-.+-report-\d{{4}}-\d\d-\d\d\.docx", download.value.suggested_filename)
    document = docx.Document(str(download.value.path()))
    assert len(document.tables[0].rows) == 1 + len(
        json.loads((ROOT / "checks" / "examples" / f"{register.id}.json").read_text())["rows"]
    )


def test_the_registers_work_offline_with_the_server_stopped(served_site, browser, tmp_path):
    served_site.stop()
    served_site.start()
    context = browser.browser_type.launch_persistent_context(
        tmp_path / "profile", executable_path=chromium.EXECUTABLE, args=chromium.TEST_ARGS
    )
    try:
        page = context.new_page()
        page.goto(url(served_site.url, REGISTERS["risk-register"]))
        page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=120_000)
        ready(page)
        engine_cached(page, served_site)
        served_site.stop()
        for register in REGISTERS.values():
            page.goto(url(served_site.url, register))
            ready(page)
            page.get_by_role("button", name="Try an example").click()
            expect(page.locator(".rm-results ul.rm-findings > li").first).to_be_visible(timeout=READY_TIMEOUT)
    finally:
        context.close()
        served_site.start()


def test_the_matrix_labels_each_role_with_its_partners_name(page, site_url):
    open_page(page, site_url, REGISTERS["accountability-matrix"])
    partner = page.get_by_label("Partner 1", exact=True)
    partner.fill("Council")
    page.get_by_role("button", name="Add another activity").click()
    row = page.locator(".rm-rows > li").first
    expect(row.get_by_label("Role of Council", exact=True)).to_be_visible()
    expect(page.locator("datalist option")).to_have_count(1)
    # A finding about a partner is read with the partner's field, not only in the findings below the form.
    page.get_by_label("Partner 2", exact=True).fill("Trust")
    expect(page.get_by_label("Partner 2", exact=True)).to_have_accessible_description(
        "Partner 2 (Trust) has no role in any activity; give them one, or remove them.", timeout=READY_TIMEOUT
    )
    partner.fill("")
    expect(row.get_by_label("Role of partner 1", exact=True)).to_be_visible()


def test_a_role_imported_for_a_partner_with_no_name_is_shown_with_its_finding(page, site_url):
    """A file may give a role to a partner it does not name: the partner's place is shown, role and all, and the
    findings say so. Before, the place stayed hidden, and the role counted nowhere the reader could see it."""
    register = REGISTERS["accountability-matrix"]
    open_page(page, site_url, register)
    document = json.loads((EXAMPLES / "accountability-matrix.json").read_text(encoding="utf-8"))
    names = {key: name for key, name in document["answers"].items() if key.startswith("partner-")}
    unnamed = len(names) + 1
    document["rows"][0][f"partner-{unnamed}"] = "I"
    import_file(page, "roles.json", json.dumps(document).encode())
    expect(page.locator(".rm-toolbar-status")).to_contain_text("roles.json")
    partner = page.get_by_label(f"Partner {unnamed}", exact=True)
    expect(partner).to_be_visible()
    expect(partner).to_have_value("")
    role = page.locator(".rm-rows > li").first.get_by_label(f"Role of partner {unnamed}", exact=True)
    expect(role).to_have_value("I")
    expect(page.locator(".rm-results")).to_contain_text(f"partner {unnamed} has a role (I) but no name")


HEARD = """selector => {
  const line = document.querySelector(selector);
  window.heard = [];  // the line's words after each change to it, as a screen reader would meet them
  new MutationObserver(() => window.heard.push(line.textContent))
    .observe(line, {childList: true, characterData: true, subtree: true});
}"""


def heard_again(page: Page, selector: str, text: str) -> list[str]:
    """What `selector` held after each change, from now until it says `text`."""
    page.wait_for_function("text => window.heard.includes(text)", arg=text)
    return page.evaluate("() => window.heard")


def test_a_press_is_announced_again_when_its_words_repeat(page, site_url):
    """A live region is heard when its words change: the same words set again are not. So a second
    'already first' (or a second refusal) empties the line first and says it again in a later task."""
    register = REGISTERS["risk-register"]
    open_page(page, site_url, register)
    page.get_by_role("button", name="Add another risk").press("Enter")
    up = page.get_by_role("button", name="Move up risk 1")
    up.press("Enter")
    first = "Risk 1 is already first."
    expect(page.locator(".rm-toolbar-status")).to_have_text(first)
    page.evaluate(HEARD, ".rm-toolbar-status")
    up.press("Enter")
    assert heard_again(page, ".rm-toolbar-status", first) == ["", first]
    expect(up).to_be_focused()
    # The alert too: a second press of "Add another partner" with no room left is refused aloud again.
    more = page.get_by_role("button", name="Add another partner")
    for _ in range(20):  # two shown, eighteen more: all twenty, then one too many
        more.press("Enter")
    refused = "A register names at most 20 partners."
    expect(page.locator(".rm-alert")).to_have_text(refused)
    page.evaluate(HEARD, ".rm-alert")
    more.press("Enter")
    assert heard_again(page, ".rm-alert", refused) == ["", refused]


OUTLINE = """() => {
  const at = document.activeElement, { outlineStyle, outlineWidth } = getComputedStyle(at);
  return [at.dataset.field ?? at.dataset.action ?? at.tagName.toLowerCase(), `${outlineStyle} ${outlineWidth}`];
}"""


def test_the_keyboards_place_is_outlined_on_every_control_of_a_row(page, site_url):
    open_page(page, site_url, REGISTERS["risk-register"])
    page.get_by_role("button", name="Add another risk").press("Enter")  # focus: the new row's first field
    outlined = {}
    for _ in range(12):  # each field of the row (text, long text, choices), then its buttons
        at, outline = page.evaluate(OUTLINE)
        outlined[at] = outline
        page.keyboard.press("Tab")
    page.get_by_role("button", name="Remove risk 1").press("Enter")  # focus: the Add button
    page.get_by_role("button", name="Add another risk").press("Enter")
    page.get_by_role("button", name="Add another risk").press("Enter")
    page.get_by_role("button", name="Remove risk 1").press("Enter")  # focus: the next row's title
    at, outline = page.evaluate(OUTLINE)
    outlined[at] = outline
    assert {"ref", "description", "sharing", "move-up", "remove", "h3"} <= outlined.keys()
    assert outlined == dict.fromkeys(outlined, "solid 3px")


def test_focus_stays_on_its_field_when_a_save_in_another_tab_redraws_the_rows(page, context, site_url):
    register = REGISTERS["risk-register"]
    other = context.new_page()
    for tab in (page, other):
        open_page(tab, site_url, register)
    page.get_by_role("button", name="Add another risk").press("Enter")
    page.keyboard.type("R1")  # in the new row's first field, where focus went
    other.locator('.rm-rows [data-field="description"]').fill("Typed in the other tab")
    expect(page.locator('.rm-rows [data-field="description"]')).to_have_value("Typed in the other tab")
    expect(page.locator('.rm-rows [data-field="ref"]')).to_be_focused()  # it went to the page's body
    other.close()


def test_a_bad_setting_is_read_with_its_field(page, site_url):
    """GOV.UK puts an error under the label of the field it is about and reads it with the field: the
    threshold's finding was only in the findings panel, far from the field."""
    open_page(page, site_url, REGISTERS["risk-register"])
    threshold = page.get_by_label("Risk score above which a risk must have a mitigation (1 to 25)")
    threshold.fill("30")
    said = "The threshold '30' is not a whole number from 1 to 25, so 12 is used."
    expect(threshold).to_have_accessible_description(re.compile(re.escape(said)), timeout=READY_TIMEOUT)
    expect(page.locator(".rm-field-problems").filter(has_text=said)).to_be_visible()
    threshold.fill("12")
    expect(page.locator(".rm-results")).not_to_contain_text(said)
    expect(threshold).to_have_accessible_description("Likelihood times impact. Many partnerships use 12.")


def test_a_partner_is_removed_by_keyboard_and_every_role_stays_with_its_own_partner(page, site_url):
    """GOV.UK's "add another" gives each item a Remove button (here, while more than two partners are shown). A
    matrix row gives each partner a role under the partner's number, so removing partner 3 moves partner 4 up,
    roles and all: no row is left giving a role to the wrong organisation. A partner that still has roles goes
    only if the reader agrees. The first partner can go too, once there are three."""
    register = REGISTERS["accountability-matrix"]
    open_page(page, site_url, register)
    remove = page.get_by_role("button", name=re.compile(r"^Remove partner"))
    expect(remove).to_have_count(0)  # none while the two partners a register needs are all it has
    status = page.locator(".rm-toolbar-status")
    more = page.get_by_role("button", name="Add another partner")
    page.get_by_label("Partner 1", exact=True).fill("Council")
    page.get_by_label("Partner 2", exact=True).fill("Trust")
    for name in ("Charity", "Housing"):
        more.press("Enter")  # focus: the new partner's field
        page.keyboard.type(name)
    expect(remove).to_have_count(4)
    page.get_by_role("button", name="Add another activity").press("Enter")
    page.keyboard.type("Run the referral line")
    row = page.locator(".rm-rows > li").first
    row.get_by_label("Role of Charity", exact=True).select_option("R")
    row.get_by_label("Role of Housing", exact=True).select_option("A")
    page.wait_for_function(
        "key => JSON.parse(localStorage.getItem(key)).rows[0]['partner-4'] === 'A'",
        arg=f"relationship-matters:answers:{register.id}",
    )
    saved = stored(page, register)
    asked, answers = [], [False, True]  # "no", then "yes"

    def answer(dialog) -> None:
        asked.append(dialog.message)
        if answers and answers.pop(0):
            dialog.accept()
        else:
            dialog.dismiss()

    page.on("dialog", answer)
    page.get_by_role("button", name="Remove partner 3").press("Enter")
    expect(status).to_have_text("Partner 3 (Charity) was not removed, and your register has not changed.")
    assert asked == [
        "Remove partner 3 (Charity)? It has a role in 1 activity: Activity 1 (Run the referral line). That role is "
        "removed with it. Export your register first if you want to keep a copy."
    ]
    assert stored(page, register) == saved
    page.get_by_role("button", name="Remove partner 3").press("Enter")  # and this time, yes
    expect(status).to_have_text("Partner 3 (Charity) removed. The partners after it moved up one place.")
    expect(page.get_by_label("Partner 3", exact=True)).to_be_focused()  # the partner now in its place
    expect(page.get_by_label("Partner 3", exact=True)).to_have_value("Housing")
    expect(page.get_by_label("Partner 4", exact=True)).to_be_hidden()
    expect(row.get_by_label("Role of Housing", exact=True)).to_have_value("A")  # Housing's, as before
    kept = json.loads(stored(page, register))
    assert kept["answers"] == {"partner-1": "Council", "partner-2": "Trust", "partner-3": "Housing"}
    assert kept["rows"] == [{"activity": "Run the referral line", "partner-3": "A"}]
    # A partner slot nothing uses goes at once; with no partner after it, focus goes to Add.
    more.press("Enter")
    page.get_by_role("button", name="Remove partner 4").press("Enter")
    expect(status).to_have_text("Partner 4 removed.")
    expect(more).to_be_focused()
    expect(remove).to_have_count(3)
    assert len(asked) == 2  # the question about Charity, twice: nothing more was asked
    assert json.loads(stored(page, register))["rows"] == kept["rows"]
    # The first partner, with no role: Trust and Housing move up a place, Housing's role with it.
    page.get_by_role("button", name="Remove partner 1").press("Enter")
    expect(status).to_have_text("Partner 1 (Council) removed. The partners after it moved up one place.")
    expect(page.get_by_label("Partner 1", exact=True)).to_be_focused()
    expect(page.get_by_label("Partner 1", exact=True)).to_have_value("Trust")
    expect(row.get_by_label("Role of Housing", exact=True)).to_have_value("A")
    expect(remove).to_have_count(0)  # two left: a register needs them
    kept = json.loads(stored(page, register))
    assert kept["answers"] == {"partner-1": "Trust", "partner-2": "Housing"}
    assert kept["rows"] == [{"activity": "Run the referral line", "partner-2": "A"}]


# Where the banner's "Keep this example" is (px from the top of the window) before a click on `press`, just
# after it (the status line emptied), and once the status line's words have come.
KEEP_TOPS = """async (press) => {
  const top = () => document.querySelector('[data-action="keep-example"]').getBoundingClientRect().top;
  const tops = [top()];
  document.querySelector(press).click();
  tops.push(top());
  await new Promise((done) => setTimeout(done, 400));
  return [...tops, top(), document.querySelector(".rm-toolbar-status").textContent];
}"""


def test_what_the_status_line_says_does_not_move_the_buttons_below_it(page, site_url):
    """The status line's words come 100 ms after a press, the line emptied first (so that the same words again
    are heard): the buttons below it must stay where the reader is about to press them. Its words used to push
    "Keep this example" down a line just after "Try an example", and each later press moved everything below
    up a line and back, so a quick click could miss."""
    open_page(page, site_url, REGISTERS["risk-register"])
    _, *tops, said = page.evaluate(KEEP_TOPS, '[data-action="example"]')  # the banner was hidden before
    assert said == "The example is shown. Your own work has not changed."
    assert len(set(tops)) == 1, tops
    *tops, said = page.evaluate(KEEP_TOPS, '.rm-rows > li:nth-child(2) [data-action="move-down"]')
    assert said == "Risk moved to position 3.", said
    assert len(set(tops)) == 1, tops
