"""The compare view in Chromium: it matches `python -m checks compare --format json`, passes axe in
every state and both colour schemes, works from the keyboard alone (choosing files included),
handles hostile files with plain messages, never touches the reader's own answers, and works
offline with the server stopped."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from axe_scan import assert_none, violations_in_both_schemes
from playwright.sync_api import Page, expect
from site_pages import engine_cached, live_region
from test_offline import offline_context, server, visit_once  # noqa: F401 (fixtures)

from checks.compare import storage_key

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "checks" / "examples" / "compare-behaviours").glob("*.json"))
FORMAT_1 = ROOT / "tests" / "fixtures" / "format-1"
READY = 60_000


def url(site_url: str) -> str:
    return f"{site_url}checklists/compare-behaviours/"


def saved_comparison(page: Page) -> dict:
    """The comparison this browser keeps."""
    return page.evaluate("key => JSON.parse(localStorage.getItem(key))", storage_key("behaviours"))


def state(page: Page, value: str) -> None:
    expect(page.locator(".rm-compare-results")).to_have_attribute("data-state", value, timeout=READY)


def choose(page: Page, paths: list[Path]) -> None:
    page.locator('[data-role="add-files"]').set_input_files([str(p) for p in paths])


def shown_questions(page: Page) -> dict[str, list[str]]:
    """The "every question" table: for each question id, its answers and whether it is contested."""
    return page.evaluate(
        """() => Object.fromEntries([...document.querySelectorAll('table.rm-compare-questions tbody tr')]
             .map(tr => [tr.dataset.question, [tr.children[1].textContent, tr.children[4].textContent]]))"""
    )


def command_line(*paths: Path, options=()) -> dict:
    done = subprocess.run(
        [sys.executable, "-m", "checks", "compare", *map(str, paths), "--format", "json", *options],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout)


def expected(data: dict) -> dict[str, list[str]]:
    return {q["id"]: [q["answers"], "Contested" if q["contested"] else "No"] for q in data["questions"]}


def test_the_browser_matches_the_command_line(page, site_url):
    page.goto(url(site_url))
    state(page, "empty")
    choose(page, [*EXAMPLES, FORMAT_1 / "behaviours-complete.json"])
    state(page, "ready")
    data = command_line(*EXAMPLES, FORMAT_1 / "behaviours-complete.json")
    assert shown_questions(page) == expected(data)
    contested = page.locator(".rm-agenda-contested > li").evaluate_all("items => items.map(i => i.dataset.question)")
    assert contested == data["agenda"]["contested"]

    page.get_by_role("checkbox", name="Anonymous mode").check()
    expect(page.locator(".rm-compare-results")).to_contain_text("Anonymous mode: names are not shown")
    anonymous = command_line(*EXAMPLES, FORMAT_1 / "behaviours-complete.json", options=("--anonymous",))
    assert shown_questions(page) == expected(anonymous)
    expect(page.locator(".rm-compare-results")).not_to_contain_text("Priya Shah")


def test_axe_finds_nothing_in_any_state_in_either_colour_scheme(page, site_url, scans):
    page.goto(url(site_url))
    found = {}
    for name, files in (
        ("empty", []),
        ("some files refused", [FORMAT_1 / "foundations-complete.json", EXAMPLES[0]]),
        ("results", EXAMPLES[1:]),
    ):
        if files:
            choose(page, files)
        state(page, "ready" if name == "results" else "empty")
        if name == "some files refused":
            expect(page.locator(".rm-refused")).to_contain_text("1 file was not compared")
        if name == "results":
            page.get_by_role("button", name="Add an action").click()
            expect(page.get_by_label("Owner")).to_have_count(1)
        for scheme, problems in violations_in_both_schemes(page).items():
            found[f"{name}, {scheme}"] = problems
            scans.states.add((url(site_url), name, scheme))
    assert_none(found)


def test_keyboard_alone_chooses_files_sets_the_mode_and_keeps_the_record(page, site_url):
    page.goto(url(site_url))
    state(page, "empty")
    chooser = page.locator('[data-role="add-files"]')
    for _ in range(200):  # Tab from the top of the page to the file chooser
        page.keyboard.press("Tab")
        if chooser.evaluate("element => element === document.activeElement"):
            break
    else:
        pytest.fail("Tab never reached the file chooser")
    # Enter on the focused chooser, sent to it (a key pressed on the page alone did not always reach
    # it when the machine was busy, and no file dialog opened)
    with page.expect_file_chooser() as chosen:
        chooser.press("Enter")
    chosen.value.set_files([str(p) for p in EXAMPLES])
    state(page, "ready")

    for example in EXAMPLES:  # past each file's Remove button, then into the settings
        page.keyboard.press("Tab")
        expect(page.get_by_role("button", name=f"Remove {example.name}")).to_be_focused()
    page.keyboard.press("Tab")  # the anonymous mode's checkbox
    expect(page.get_by_role("checkbox", name="Anonymous mode")).to_be_focused()
    page.keyboard.press("Space")
    expect(page.locator(".rm-compare-results")).to_contain_text("Anonymous mode: names are not shown")

    first = page.locator(".rm-compare-record [data-agreed] input").first
    first.focus()
    page.keyboard.press("ArrowRight")  # the next answer, chosen by the arrow key
    add = page.get_by_role("button", name="Add an action")
    for number in (1, 2):  # Enter on Add: the reader is taken to the new action's first field
        add.focus()
        page.keyboard.press("Enter")
        expect(page.get_by_role("group", name=f"Action {number}").get_by_label("What will be done")).to_be_focused()
    page.get_by_role("button", name="Remove action 1").focus()
    page.keyboard.press("Enter")  # the action that took its place, now number 1, has the focus
    expect(page.get_by_role("group", name="Action 1").get_by_label("What will be done")).to_be_focused()
    expect(page.get_by_role("group", name="Action 2")).to_have_count(0)
    page.keyboard.press("Tab")  # on to its owner
    expect(page.get_by_label("Owner")).to_be_focused()
    page.keyboard.type("Tom <b>Wright</b>")
    page.get_by_role("button", name="Remove action 1").focus()
    page.keyboard.press("Tab")  # out of the last action, to Add
    expect(add).to_be_focused()
    stored = saved_comparison(page)
    assert stored["anonymous"] is True and stored["actions"][0]["owner"] == "Tom <b>Wright</b>"
    assert len(stored["agreed"]) == 1
    expect(page.locator("table:has(#rm-compare-actions)")).to_contain_text("Tom <b>Wright</b>")
    page.get_by_role("button", name="Remove action 1").focus()
    page.keyboard.press("Enter")  # no action left: the reader is on Add
    expect(page.get_by_role("group", name="Action 1")).to_have_count(0)
    expect(add).to_be_focused()


def compared_with_an_action(page: Page, site_url: str) -> None:
    """The first three examples compared, and an action added (its first field has the focus)."""
    page.goto(url(site_url))
    state(page, "empty")
    choose(page, EXAMPLES[:3])
    state(page, "ready")
    page.get_by_role("button", name="Add an action").click()
    expect(page.get_by_label("What will be done")).to_be_focused()


def test_a_file_added_by_mistake_is_removed_by_keyboard_and_the_record_stays(page, site_url):
    compared_with_an_action(page, site_url)
    page.get_by_label("Owner").fill("Tom")
    remove = page.get_by_role("button", name=f"Remove {EXAMPLES[1].name}")
    remove.focus()
    # The owner's change is redrawn while the reader is on the Remove button: the list is the same, so
    # it is left alone and they stay there (a redrawn list used to drop them, and their Enter, on the page).
    page.get_by_label("Owner").dispatch_event("change")
    expect(page.locator("table:has(#rm-compare-actions)")).to_contain_text("Tom")
    expect(remove).to_be_focused()
    page.keyboard.press("Enter")
    status = f"{EXAMPLES[1].name} was removed; 2 files in the comparison."
    expect(page.locator(".rm-compare .rm-toolbar-status")).to_have_text(status, timeout=READY)
    expect(page.locator(".rm-compare-list")).to_be_focused()
    # where focus is, as on every control of the page (the browser's own outline was 1 px and black)
    expect(page.locator(".rm-compare-list")).to_have_css("outline-width", "3px")
    expect(page.get_by_role("button", name=f"Remove {EXAMPLES[1].name}")).to_have_count(0)
    expect(page.locator(".rm-compare-results")).to_contain_text("2 respondents")
    stored = saved_comparison(page)
    assert [r["name"] for r in stored["responses"]] == [EXAMPLES[0].name, EXAMPLES[2].name]
    assert stored["actions"][0]["owner"] == "Tom"  # the workshop record stays
    expect(page.get_by_label("Owner")).to_have_value("Tom")


def while_the_engine_works(page: Page, start: str, meanwhile: str) -> None:
    """Run the script `start`, which sends a comparison request, and then `meanwhile` as soon as the
    request is sent: what a reader does before the reply, which comes in a later task, every time."""
    page.evaluate(
        f"""() => new Promise((done) => {{
          const send = Worker.prototype.postMessage;
          Worker.prototype.postMessage = function (message, ...rest) {{
            send.call(this, message, ...rest);
            if (message?.action !== "compare") return;
            Worker.prototype.postMessage = send;
            ({meanwhile})();
            done();
          }};
          ({start})();
        }})"""
    )


def test_a_remove_button_pressed_twice_before_the_redraw_removes_one_thing(page, site_url):
    """A quick double Enter: the second press comes while the engine works, before the list is redrawn,
    and used to remove whatever took the first one's place (the next file, or the next action)."""
    compared_with_an_action(page, site_url)
    page.get_by_role("button", name="Add an action").click()
    expect(page.get_by_role("group", name="Action 2")).to_have_count(1)
    twice = """() => document.querySelector('button[data-action="{action}"][data-index="{index}"]').click()"""
    while_the_engine_works(
        page, twice.format(action="remove-response", index=0), twice.format(action="remove-response", index=0)
    )
    status = f"{EXAMPLES[0].name} was removed; 2 files in the comparison."
    expect(page.locator(".rm-compare .rm-toolbar-status")).to_have_text(status, timeout=READY)
    expect(page.locator(".rm-compare-results")).to_contain_text("2 respondents")
    remove_action = twice.format(action="remove-action", index=0)
    while_the_engine_works(page, remove_action, remove_action)
    expect(page.get_by_role("group", name="Action 2")).to_have_count(0, timeout=READY)
    expect(page.get_by_role("group", name="Action 1")).to_have_count(1)
    stored = saved_comparison(page)
    assert [r["name"] for r in stored["responses"]] == [EXAMPLES[1].name, EXAMPLES[2].name]
    assert len(stored["actions"]) == 1


def test_the_record_typed_while_the_comparison_is_redrawn_is_kept(page, site_url):
    compared_with_an_action(page, site_url)
    # The reader leaves the action's field (its change goes to the engine) and types the owner before
    # the engine replies (it used to reply with the owner empty, and that was kept: lost on reload).
    while_the_engine_works(
        page,
        """() => {
          const action = document.querySelector('[data-field="action"]');
          action.value = "Agree a shared purpose";
          action.dispatchEvent(new Event("input", {bubbles: true}));
          action.dispatchEvent(new Event("change", {bubbles: true}));
        }""",
        """() => {
          const owner = document.querySelector('[data-field="owner"]');
          owner.value = "Alice";
          owner.dispatchEvent(new Event("input", {bubbles: true}));
        }""",
    )
    expect(page.locator("table:has(#rm-compare-actions)")).to_contain_text("Agree a shared purpose", timeout=READY)
    stored = saved_comparison(page)
    assert stored["actions"] == [
        {"action": "Agree a shared purpose", "owner": "Alice", "due": "", "status": "not-started"}
    ]
    page.reload()
    state(page, "ready")
    expect(page.get_by_label("Owner")).to_have_value("Alice")


TYPE_OWNER = """() => {{
  const owner = document.querySelector('[data-action-index="{index}"] [data-field="owner"]');
  owner.focus();
  owner.value = "Alice";
  owner.dispatchEvent(new Event("input", {{bubbles: true}}));
}}"""
CLICK = """() => document.querySelector('{selector}').click()"""


@pytest.mark.parametrize(
    ("start", "typed_in", "kept_in", "added"),
    [
        # a request that redraws the record without changing it: anonymous mode turned on
        (CLICK.format(selector='[data-setting="anonymous"]'), 1, 1, 0),
        # one that adds an action after the one being typed in
        (CLICK.format(selector='[data-action="add-action"]'), 1, 1, 1),
        # one that removes the action before it: what was typed goes with its action, now the first
        (CLICK.format(selector='button[data-action="remove-action"][data-index="0"]'), 1, 0, -1),
    ],
    ids=["setting", "add", "remove"],
)
def test_what_is_typed_in_the_record_while_it_is_redrawn_stays_with_its_action(
    page, site_url, start, typed_in, kept_in, added
):
    """The reader types an owner (no change event yet: they are still in the field) while the engine
    works on a request that redraws the record. The redraw used to show, and keep, the record as it was
    sent, so the owner was gone from the screen and the saved comparison."""
    compared_with_an_action(page, site_url)
    page.get_by_role("button", name="Add an action").click()
    expect(page.get_by_role("group", name="Action 2")).to_have_count(1, timeout=READY)
    page.get_by_role("group", name="Action 1").get_by_label("What will be done").fill("Agree a shared purpose")
    page.get_by_role("group", name="Action 2").get_by_label("What will be done").fill("Map the services")
    page.get_by_role("group", name="Action 2").get_by_label("What will be done").dispatch_event("change")
    expect(page.locator("table:has(#rm-compare-actions)")).to_contain_text("Map the services", timeout=READY)
    actions = len(saved_comparison(page)["actions"])

    while_the_engine_works(page, start, TYPE_OWNER.format(index=typed_in))
    expect(page.locator(".rm-compare-record [data-action-index]")).to_have_count(actions + added, timeout=READY)
    if "anonymous" in start:
        expect(page.locator(".rm-compare-results")).to_contain_text("Anonymous mode: names are not shown")
    owner = page.get_by_role("group", name=f"Action {kept_in + 1}").get_by_label("Owner")
    expect(owner).to_have_value("Alice")
    expect(owner).to_be_focused()  # still where the reader is typing (Add used to take them to its action)
    stored = saved_comparison(page)["actions"]
    assert stored[kept_in]["action"] == "Map the services"
    assert stored[kept_in]["owner"] == "Alice"
    assert [action["owner"] for action in stored].count("Alice") == 1
    assert len(stored) == actions + added
    assert saved_comparison(page)["anonymous"] == ("anonymous" in start)
    page.reload()
    state(page, "ready")
    expect(page.get_by_role("group", name=f"Action {kept_in + 1}").get_by_label("Owner")).to_have_value("Alice")


def test_a_record_change_made_while_the_mode_changes_keeps_anonymous_mode(page, site_url):
    page.goto(url(site_url))
    state(page, "empty")
    choose(page, EXAMPLES)
    state(page, "ready")
    # Anonymous mode goes on, and the reader picks an agreed answer before the engine replies: the
    # second request must start from the document the first one returns (it used to start from the one
    # before it, and turned anonymous mode off again without a word).
    while_the_engine_works(
        page,
        """() => document.querySelector('[data-setting="anonymous"]').click()""",
        """() => document.querySelector(".rm-compare-record [data-agreed] input").click()""",
    )
    expect(page.locator(".rm-compare-results")).to_contain_text("Anonymous mode: names are not shown", timeout=READY)
    page.wait_for_function(
        "key => Object.keys(JSON.parse(localStorage.getItem(key)).agreed).length === 1", arg=storage_key("behaviours")
    )
    expect(page.get_by_role("checkbox", name="Anonymous mode")).to_be_checked()
    expect(page.locator(".rm-compare-list")).to_contain_text("Their names are not shown in anonymous mode")
    expect(page.locator(".rm-compare-results")).to_contain_text("Anonymous mode: names are not shown")
    stored = saved_comparison(page)
    assert stored["anonymous"] is True


COUNT_SAVES = """key => {
  window.__saves = 0;
  window.addEventListener("storage", (event) => { if (event.key === key) window.__saves += 1; });
}"""


def test_a_comparison_changed_in_another_tab_is_shown_there_and_neither_tab_saves_over_the_other(
    page, context, site_url
):
    other = context.new_page()
    for tab in (page, other):
        tab.goto(url(site_url))
        state(tab, "empty")
        tab.evaluate(COUNT_SAVES, storage_key("behaviours"))
    choose(page, EXAMPLES[:3])
    state(page, "ready")
    # The other tab takes up the files (it used to keep its empty comparison, and save it over them)...
    expect(other.locator(".rm-compare-results")).to_contain_text("3 respondents", timeout=READY)
    other.get_by_role("checkbox", name="Anonymous mode").check()
    # ... and this one takes up the other's setting, and keeps the files when it saves again.
    expect(page.get_by_role("checkbox", name="Anonymous mode")).to_be_checked(timeout=READY)
    page.get_by_role("button", name="Add an action").click()
    expect(other.get_by_role("group", name="Action 1")).to_have_count(1, timeout=READY)
    stored = saved_comparison(page)
    assert (len(stored["responses"]), stored["anonymous"], len(stored["actions"])) == (3, True, 1)
    # Three changes, each saved by the tab that made it and seen once by the other: no save comes back.
    page.wait_for_timeout(2_000)  # long enough for a save to bounce between the tabs many times over
    assert (page.evaluate("window.__saves"), other.evaluate("window.__saves")) == (1, 2)
    other.close()


def test_hostile_files_get_plain_messages_and_change_nothing_else(page, site_url, rm):
    own = rm.document("behaviours", rm.nth_choices("behaviours", 0))
    page.context.add_init_script(
        f"localStorage.setItem({json.dumps(rm.key('behaviours'))}, {json.dumps(json.dumps(own))})"
    )
    page.goto(url(site_url))
    state(page, "empty")
    script = '<img src=x onerror="window.hacked=1">'
    doc = json.loads(EXAMPLES[0].read_text())
    doc["respondent"] = {"organisation": script, "name": script, "role": "manager"}
    doc["notes"] = {"leadership": script}
    page.evaluate(
        """([script, text]) => {
          const big = new File([new Uint8Array(10_000_000).fill(32)], "big.json", {type: "application/json"});
          const marked = new File([text], script + ".json", {type: "application/json"});
          const chosen = new DataTransfer();
          for (const file of [big, marked, marked]) chosen.items.add(file);
          const input = document.querySelector('[data-role="add-files"]');
          input.files = chosen.files;
          input.dispatchEvent(new Event("change", {bubbles: true}));
        }""",
        [script, json.dumps(doc)],
    )
    expect(page.locator(".rm-refused")).to_contain_text(
        "big.json: This file is 10.0 MB; an answers file is never more than 1 MB.", timeout=READY
    )
    expect(page.locator(".rm-compare-results")).to_contain_text("holds the same answers as")
    choose(page, EXAMPLES[1:3])
    state(page, "ready")
    expect(page.locator(".rm-compare-results")).to_contain_text(script)
    assert page.evaluate("() => window.hacked") is None
    assert rm.stored(page, "behaviours") == own  # the reader's own answers are untouched
    # A comparison file larger than any the page makes is refused by its size, and the comparison stays.
    comparison = f"() => localStorage.getItem({json.dumps(storage_key('behaviours'))})"
    kept = page.evaluate(comparison)
    page.evaluate(
        """() => {
          window.__read = [];  // the size of every file or slice the page reads
          const text = Blob.prototype.text;
          Blob.prototype.text = function () { window.__read.push(this.size); return text.call(this); };
          const huge = new File([new Uint8Array(51_000_000).fill(32)], "huge.json", {type: "application/json"});
          const chosen = new DataTransfer();
          chosen.items.add(huge);
          const input = document.querySelector('[data-role="open-file"]');
          input.files = chosen.files;
          input.dispatchEvent(new Event("change", {bubbles: true}));
        }"""
    )
    alert = page.locator(".rm-compare .rm-alert")
    expect(alert).to_contain_text("The file was not opened, and your comparison was not changed.", timeout=READY)
    expect(alert).to_contain_text("This file is 51.0 MB; a saved comparison is never more than 50 MB.")
    assert page.evaluate(comparison) == kept
    assert page.evaluate("window.__read") == []  # refused by its size: not a byte of it read or sent
    state(page, "ready")


def test_opening_a_saved_comparison_over_this_one_asks_first(page, site_url):
    page.goto(url(site_url))
    state(page, "empty")
    choose(page, EXAMPLES[:2])
    state(page, "ready")
    key = storage_key("behaviours")
    kept = page.evaluate("key => localStorage.getItem(key)", key)
    other = {**json.loads(kept), "responses": json.loads(kept)["responses"][:1]}
    asked = []
    page.once("dialog", lambda dialog: asked.append(dialog.message) or dialog.dismiss())
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Open a saved comparison").click()
    chooser.value.set_files(
        {"name": "older.json", "mimeType": "application/json", "buffer": json.dumps(other).encode()}
    )
    expect(page.locator(".rm-toolbar-status")).to_have_text(
        "older.json was not opened, and your comparison was not changed."
    )
    assert asked[0].startswith("Replace the files and workshop record of this comparison with what is in older.json?")
    assert page.evaluate("key => localStorage.getItem(key)", key) == kept
    expect(page.locator(".rm-compare-list li")).to_have_count(2)


def test_files_dropped_on_the_chooser_are_compared(page, site_url):
    page.goto(url(site_url))
    state(page, "empty")
    page.evaluate(
        """(files) => {
          const dropped = new DataTransfer();
          for (const [name, text] of files) dropped.items.add(new File([text], name, {type: "application/json"}));
          const zone = document.querySelector(".rm-drop");
          zone.dispatchEvent(new DragEvent("dragover", {bubbles: true, cancelable: true, dataTransfer: dropped}));
          zone.dispatchEvent(new DragEvent("drop", {bubbles: true, cancelable: true, dataTransfer: dropped}));
        }""",
        [[p.name, p.read_text()] for p in EXAMPLES[:3]],
    )
    state(page, "ready")
    expect(page.locator(".rm-toolbar-status")).to_have_text("3 of 3 files added; 3 in the comparison.")


def test_the_example_is_not_mixed_into_a_real_comparison(page, site_url):
    page.goto(url(site_url))
    state(page, "empty")
    choose(page, EXAMPLES[:2])
    state(page, "ready")
    page.get_by_role("button", name="Try an example").click()
    expect(page.locator(".rm-alert-title")).to_have_text("The comparison was not changed.")
    expect(page.locator(".rm-alert")).to_contain_text("The example goes only into an empty comparison")
    saved = page.evaluate("key => JSON.parse(localStorage.getItem(key)).responses.length", storage_key("behaviours"))
    assert saved == 2
    expect(page.locator(".rm-compare-list li")).to_have_count(2)


def test_a_minimum_below_three_is_refused_marked_on_its_field_and_the_comparison_stays(page, site_url):
    page.goto(url(site_url))
    state(page, "empty")
    page.get_by_role("button", name="Try an example").click()
    state(page, "ready")
    minimum = page.get_by_label("Smallest group shown in anonymous mode (at least 3)")
    minimum.fill("2")
    minimum.press("Enter")
    minimum.blur()
    # Said as what it is: the change was refused, and the comparison is still shown as it was.
    reason = "The smallest group shown must be a whole number from 3 to 1,000."
    expect(page.locator(".rm-alert-title")).to_have_text("The comparison was not changed.")
    expect(page.locator(".rm-alert")).to_contain_text(reason)
    expect(page.locator(".rm-compare-results")).to_have_attribute("data-state", "ready")
    assert saved_comparison(page)["min_group"] == 5
    # GOV.UK's error message: what the reader typed stays, marked, and the reason is read with the field.
    expect(minimum).to_have_value("2")
    expect(minimum).to_have_attribute("aria-invalid", "true")
    expect(minimum).to_have_accessible_description(f"Error: {reason}")
    expect(page.locator(".rm-field-error")).to_be_visible()
    # A number that is used clears it.
    minimum.fill("4")
    minimum.press("Enter")
    expect(minimum).not_to_have_attribute("aria-invalid", "true")
    expect(page.locator(".rm-field-error")).to_be_hidden()
    expect(page.locator(".rm-alert")).to_be_empty()
    assert saved_comparison(page)["min_group"] == 4
    expect(minimum).to_have_accessible_description("")


def test_the_compare_view_works_offline(server, offline_context):  # noqa: F811 (fixtures)
    page = visit_once(offline_context, url(server.url))
    state(page, "empty")
    engine_cached(page, server)
    server.stop()
    page.goto(url(server.url))
    state(page, "empty")
    page.get_by_role("button", name="Try an example").click()
    state(page, "ready")
    expect(page.locator(".rm-agenda-contested > li").first).to_be_visible()


def test_the_checklist_offers_organisations_given_before_in_this_browser(page, rm):
    rm.open(page, "behaviours")
    field = page.get_by_label("Your organisation")
    for name in ("Riverside <b>Council</b>", "Hillside Community Action"):
        field.fill(name)
        field.blur()
    rm.open(page, "foundations")
    options = page.locator("datalist option").evaluate_all("options => options.map(o => o.value)")
    assert options == ["Hillside Community Action", "Riverside <b>Council</b>"]
    expect(page.get_by_label("Your organisation")).to_have_attribute("list", "rm-foundations-organisations")


def test_a_change_to_the_comparison_is_heard_as_its_short_summary_not_the_whole_comparison(page, site_url):
    page.goto(url(site_url))
    state(page, "empty")
    choose(page, EXAMPLES[:3])
    state(page, "ready")
    # The panel is a polite live region whose only part read out is its short summary; the report is
    # marked off. A status is atomic unless told otherwise: a changed summary made a screen reader read
    # the whole panel, every table of the comparison, again.
    live = live_region(page, ".rm-compare-results")
    assert (live["live"], live["atomic"]) == ("polite", False)
    parts = page.locator(".rm-compare-results > *")
    expect(parts).to_have_count(2)
    expect(parts.first).to_have_text("3 respondents compared; 6 contested questions.")
    expect(parts.last).to_have_attribute("aria-live", "off")


def test_focus_stays_in_place_when_a_save_in_another_tab_redraws_the_record_or_the_files(page, context, site_url):
    compared_with_an_action(page, site_url)
    other = context.new_page()
    other.goto(url(site_url))
    state(other, "ready")
    owner = page.get_by_label("Owner")
    owner.focus()
    other.get_by_label("Status").select_option("done")  # the action's group is drawn afresh here
    expect(page.get_by_label("Status")).to_have_value("done", timeout=READY)
    expect(owner).to_be_focused()
    add = page.get_by_role("button", name="Add an action")
    add.focus()
    other.get_by_role("button", name="Add an action").click()
    expect(page.get_by_role("group", name="Action 2")).to_have_count(1, timeout=READY)
    expect(add).to_be_focused()
    remove = page.get_by_role("button", name=f"Remove {EXAMPLES[1].name}")
    remove.focus()
    other.get_by_role("button", name=f"Remove {EXAMPLES[0].name}").click()  # the list is drawn afresh here
    expect(page.locator(".rm-compare-list li")).to_have_count(2, timeout=READY)
    expect(remove).to_be_focused()
    other.get_by_role("button", name=f"Remove {EXAMPLES[1].name}").click()  # the reader's file goes
    expect(page.locator(".rm-compare-list li")).to_have_count(1, timeout=READY)
    expect(page.locator(".rm-compare-list")).to_be_focused()
    other.close()


HEARD = """() => {
  const box = document.querySelector(".rm-refused");
  window.heard = [];  // the alert's words after each change to it, as a screen reader would meet them
  new MutationObserver(() => window.heard.push(box.textContent))
    .observe(box, {childList: true, characterData: true, subtree: true});
}"""


def test_a_file_refused_again_is_announced_again(page, site_url):
    """An alert is heard when its words change: the same reasons put in again were not heard, so a reader
    who chose the same wrong file twice heard "0 of 1 file added" and not why."""
    page.goto(url(site_url))
    state(page, "empty")
    choose(page, EXAMPLES[:2])
    state(page, "ready")
    wrong = FORMAT_1 / "foundations-complete.json"
    refused = page.locator(".rm-refused")
    choose(page, [wrong])
    expect(refused).to_contain_text("1 file was not compared", timeout=READY)
    said = refused.text_content()
    page.evaluate(HEARD)
    choose(page, [wrong])
    page.wait_for_function("said => window.heard.includes(said)", arg=said, timeout=READY)
    assert page.evaluate("() => window.heard") == ["", said]
