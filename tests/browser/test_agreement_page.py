"""The partnership agreement builder in Chromium: the preview is the command line's Markdown,
axe finds nothing in either colour scheme, a draft is completed by keyboard alone, hostile files
change nothing, the page is a printable checklist without JavaScript, and it works offline."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from axe_scan import assert_none, violations_in_both_schemes
from playwright.sync_api import Page, expect
from site_pages import HeldEngine, engine_cached
from test_offline import offline_context, server, visit_once  # noqa: F401 (fixtures)

from checks.agreement.definitions import load_builder
from checks.answers import storage_key

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "checks" / "examples"
BUILDER, _ = load_builder("partnership-agreement")
KEY = storage_key(BUILDER.agreement.id)
READY = 60_000


def url(site_url: str) -> str:
    return f"{site_url}tools/partnership-agreement/"


def ready(page: Page) -> None:
    expect(page.locator(".rm-preview")).to_have_attribute("data-state", "ready", timeout=READY)


def stored(page: Page) -> dict:
    return json.loads(page.evaluate("key => localStorage.getItem(key)", KEY))


def command_line(document: dict, tmp_path: Path, format_name: str = "markdown") -> str:
    path = tmp_path / "draft.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "checks", "report", str(path), "--format", format_name],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def words(text: str) -> list[str]:
    """The words of a text, whatever its markup: what the preview and the Markdown must share."""
    return re.findall(r"[A-Za-z0-9£%'’]+", text)


def shown_text(page: Page) -> str:
    """The preview's text, block by block (textContent: what the page says, before CSS changes its case)."""
    return page.evaluate(
        """() => [...document.querySelectorAll('.rm-preview :is(h3, h4, h5, h6, p, li, caption, th, td)')]
             .map((block) => block.textContent).join('\\n')"""
    )


def use_example(page: Page, preset_id: str) -> None:
    """Start from an example, on a blank draft: nothing is asked, as no work of the reader's is replaced."""
    page.locator("#rm-preset").select_option(preset_id)
    page.get_by_role("button", name="Use this example").click()
    expect(page.locator(".rm-toolbar-status")).to_contain_text("starts from the example")
    expect(page.locator(".rm-preview")).to_contain_text("Example wording still to change")  # redrawn


def test_the_preview_matches_the_command_lines_markdown(page, site_url, tmp_path):
    page.goto(url(site_url))
    ready(page)
    use_example(page, "section-75")
    page.locator("#ag-party-officer-1").fill("Director of Commissioning")
    page.locator("#ag-share-2").fill("30")  # 60 + 30: the shares check fires
    page.locator('label[for="ag-status-parties-agreed"]').click()
    expect(page.locator(".rm-preview")).to_contain_text("add up to 90%")
    # and read out with each share, not only in the preview far below the field
    for share in ("#ag-share-1", "#ag-share-2"):
        expect(page.locator(share)).to_have_accessible_description(re.compile(r"add up to 90%, not 100%\.$"))
    expect(page.locator(".rm-preview")).to_contain_text("Director of Commissioning")
    document = stored(page)
    markdown = command_line(document, tmp_path)
    assert words(shown_text(page)) == words(markdown)
    with page.expect_download() as download:
        page.get_by_role("button", name="Download agreement (Markdown)").click()
    assert Path(download.value.path()).read_text(encoding="utf-8") == markdown
    with page.expect_download() as download:
        page.get_by_role("button", name="Download agreement (Word)").click()
    assert download.value.suggested_filename.endswith(".docx")


def test_axe_finds_nothing_in_either_colour_scheme(page, site_url, scans):
    found = {}
    page.goto(url(site_url))
    ready(page)
    for state in ("blank", "example"):
        if state == "example":
            use_example(page, "voluntary-mou")
            page.locator("#ag-share-3").fill("10")  # a warning in the preview
            expect(page.locator(".rm-preview")).to_contain_text("add up to 80%")
            page.get_by_role("button", name="Export draft").focus()
        for scheme, problems in violations_in_both_schemes(page).items():
            found[(state, scheme)] = problems
            scans.states.add((url(site_url), state, scheme))
    assert_none(found)


def tab_to(page: Page, selector: str, most: int = 400) -> None:
    """Press Tab until the element `selector` names has the focus."""
    for _ in range(most):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement === document.querySelector(s)", selector):
            return
    pytest.fail(f"Tab never reached {selector}")


def test_a_draft_is_completed_by_keyboard_alone(page, site_url, tmp_path):
    page.goto(url(site_url))
    ready(page)
    page.once("dialog", lambda dialog: dialog.accept())
    tab_to(page, "#rm-preset")
    page.keyboard.press("ArrowDown")  # the second example
    tab_to(page, 'button[data-action="preset"]')
    page.keyboard.press("Enter")
    expect(page.locator(".rm-toolbar-status")).to_contain_text("starts from the example")
    tab_to(page, "#ag-party-officer-1")
    page.keyboard.type("Director of Commissioning")
    tab_to(page, "#ag-party-authority-1")
    page.keyboard.type("Scheme of delegation")
    tab_to(page, 'input[name="status-parties"]')
    page.keyboard.press("ArrowRight")  # draft -> proposed
    page.keyboard.press("ArrowRight")  # proposed -> agreed
    tab_to(page, "#ag-start-date")
    month_first = page.evaluate("() => new Date(2027, 3, 1).toLocaleDateString().startsWith('4')")
    page.keyboard.type("04012027" if month_first else "01042027")  # the date field's order is the locale's
    expect(page.locator(".rm-preview")).to_contain_text("Director of Commissioning", timeout=READY)
    expect(page.locator(".rm-preview")).to_contain_text("Status: Agreed by all")
    document = stored(page)
    assert document["answers"]["status-parties"] == "agreed"
    assert document["answers"]["start-date"] == "2027-04-01"
    assert document["answers"]["party-officer-1"] == "Director of Commissioning"
    with page.expect_download() as download:
        tab_to(page, 'button[data-action="export"]', 1000)
        page.keyboard.press("Enter")
    assert json.loads(Path(download.value.path()).read_text(encoding="utf-8")) == stored(page)


HOSTILE_ROWS = [{"table": "risks", "x": "<img src=x onerror=alert(1)>"}]
HOSTILE = [
    ("not-json.json", b"{ not json"),
    ("other.json", json.dumps({"format": "relationship-matters-answers/2", "checklist": "behaviours"}).encode()),
    (
        "script.json",
        json.dumps(
            {"format": "relationship-matters-answers/2", "checklist": "partnership-agreement", "rows": HOSTILE_ROWS}
        ).encode(),
    ),
]


@pytest.mark.parametrize(("name", "content"), HOSTILE)
def test_hostile_imports_change_nothing(page, site_url, name, content):
    page.goto(url(site_url))
    ready(page)
    use_example(page, "collaboration")
    before, preview = stored(page), page.locator(".rm-preview").inner_html()
    for button in ("Import draft", "Import a register"):
        with page.expect_file_chooser() as chooser:
            page.get_by_role("button", name=button).click()
        chooser.value.set_files({"name": name, "mimeType": "application/json", "buffer": content})
        expect(page.locator(".rm-alert")).to_contain_text(f"{name} was not imported, and your draft was not changed.")
        assert stored(page) == before
        assert page.locator(".rm-preview").inner_html() == preview
    assert page.locator(".rm-alert img").count() == 0


def test_an_example_asks_first_only_when_it_would_replace_the_readers_draft(page, site_url):
    page.goto(url(site_url))
    ready(page)
    asked = []
    page.on("dialog", lambda dialog: asked.append(dialog.message) or dialog.dismiss())
    use_example(page, "collaboration")  # over a blank draft
    page.locator("#ag-party-officer-1").fill("Director of Commissioning")
    page.locator("#ag-party-officer-1").blur()  # its change is saved once it loses focus
    page.wait_for_function("key => JSON.parse(localStorage.getItem(key)).answers['party-officer-1']", arg=KEY)
    page.locator("#rm-preset").select_option("section-75")
    before = stored(page)
    page.get_by_role("button", name="Use this example").click()
    expect(page.locator(".rm-toolbar-status")).to_have_text("Your draft was not changed.")
    assert asked == [
        "Replace your draft agreement with the example “Section 75 agreement between an NHS body and a council”? "
        "Export your draft first if you want to keep a copy."
    ]
    assert stored(page) == before


def test_an_example_asks_first_about_what_was_typed_while_the_engine_downloaded(page, site_url):
    """Use this example, pressed on a blank draft while the engine still downloads, then a field filled in: once the
    engine has come, the example would replace that, so Python asks first, and what was typed is kept. Before, the
    example went in without a question, over what had been typed."""
    engine = HeldEngine(page)
    page.goto(url(site_url))
    asked = []
    page.on("dialog", lambda dialog: asked.append(dialog.message) or dialog.dismiss())
    page.locator("#rm-preset").select_option("collaboration")
    page.get_by_role("button", name="Use this example").click()
    page.locator("#ag-party-officer-1").fill("Director of Commissioning")
    page.locator("#ag-party-officer-1").blur()  # its change is saved once it loses focus
    page.wait_for_function("key => JSON.parse(localStorage.getItem(key)).answers['party-officer-1']", arg=KEY)
    engine.release()
    expect(page.locator(".rm-toolbar-status")).to_have_text("Your draft was not changed.", timeout=60_000)
    assert len(asked) == 1 and asked[0].startswith("Replace your draft agreement with the example"), asked
    expect(page.locator("#ag-party-officer-1")).to_have_value("Director of Commissioning")
    assert stored(page)["answers"] == {"party-officer-1": "Director of Commissioning"}


def test_a_draft_imported_over_the_readers_own_asks_first(page, site_url):
    page.goto(url(site_url))
    ready(page)
    use_example(page, "collaboration")
    before = stored(page)
    asked = []
    page.once("dialog", lambda dialog: asked.append(dialog.message) or dialog.dismiss())
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Import draft").click()
    chooser.value.set_files(str(EXAMPLES / "partnership-agreement.json"))
    status = page.locator(".rm-toolbar-status")
    expect(status).to_have_text("partnership-agreement.json was not imported, and your draft was not changed.")
    assert asked == [
        "Replace your draft agreement with what is in partnership-agreement.json? "
        "Export your draft first if you want to keep a copy."
    ]
    assert stored(page) == before


def test_an_edit_made_in_another_tab_is_shown_here_and_not_saved_over(page, context, site_url):
    other = context.new_page()
    for tab in (page, other):
        tab.goto(url(site_url))
        ready(tab)
    other.locator("#ag-party-officer-1").fill("Director of Commissioning")
    expect(page.locator("#ag-party-officer-1")).to_have_value("Director of Commissioning")  # it stayed blank
    page.locator("#ag-share-2").fill("30")  # and this save keeps the other tab's words
    page.wait_for_function("key => JSON.parse(localStorage.getItem(key)).answers['share-2'] === '30'", arg=KEY)
    assert stored(page)["answers"]["party-officer-1"] == "Director of Commissioning"
    other.close()


def test_a_preview_that_failed_and_then_works_again_says_no_more_of_the_failure(page, site_url):
    document = json.loads((EXAMPLES / "partnership-agreement.json").read_text(encoding="utf-8"))
    document["answers"]["start-date"] = "tomorrow"  # saved by an older page, say: Python refuses it
    page.context.add_init_script(f"localStorage.setItem({json.dumps(KEY)}, {json.dumps(json.dumps(document))})")
    page.goto(url(site_url))
    status = page.locator(".rm-preview-status")
    expect(status).not_to_have_text("", timeout=READY)  # the failure, said politely
    page.locator("#ag-start-date").fill("2027-04-01")
    ready(page)
    expect(status).to_have_text("")  # it used to keep the failure's title once the preview was back


def test_a_register_is_imported_into_its_table(page, site_url):
    page.goto(url(site_url))
    ready(page)
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Import a register").click()
    chooser.value.set_files(str(EXAMPLES / "risk-register.json"))
    expect(page.locator(".rm-toolbar-status")).to_contain_text(
        "risk-register.json was imported into the risk register table"
    )
    # in the register's own words, which the page's bundle brings from the register definitions
    expect(page.locator(".rm-toolbar-status")).to_contain_text("no column for the register's “Shared or single”")
    expect(page.locator("#table-risks")).to_be_attached()
    expect(page.locator(".rm-preview")).to_contain_text("Funding for the second year is not confirmed.")
    assert any(row["table"] == "risks" for row in stored(page)["rows"])


def test_without_javascript_every_section_is_a_printable_checklist(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(url(site_url))
    sections = page.locator(".rm-agreement-section")
    expect(sections).to_have_count(len(BUILDER.agreement.parts))
    for part, section in zip(BUILDER.agreement.parts, sections.all(), strict=True):
        expect(section.locator("h2")).to_contain_text(part.title)
        expect(section.locator("p").first).to_have_text(part.explanation)
        expect(section.locator("ul.rm-questions li")).to_have_count(len(part.questions))
        expect(section.locator("ul.rm-questions li").first).to_be_visible()
    expect(page.locator(".rm-toolbar")).to_be_hidden()
    expect(page.locator(".rm-no-js")).to_be_visible()
    context.close()


def test_a_section_with_no_status_shows_draft_as_the_preview_calls_it(page, site_url):
    """The preview calls a section with no status saved a draft; its radios said nothing was chosen."""
    page.goto(url(site_url))
    ready(page)
    checked = "() => [...document.querySelectorAll('.rm-status input[value=draft]')].map((radio) => radio.checked)"
    assert page.evaluate(checked) == [True] * len(BUILDER.agreement.parts)
    kept = page.evaluate("key => localStorage.getItem(key)", KEY)
    assert kept is None or not any(key.startswith("status-") for key in json.loads(kept)["answers"])
    page.locator('label[for="ag-status-parties-agreed"]').click()
    expect(page.locator("#ag-status-parties-draft")).not_to_be_checked()
    assert stored(page)["answers"]["status-parties"] == "agreed"


def test_printing_prints_the_agreement_alone(page, site_url):
    """On paper, once the preview is drawn: the agreement, under its own title, and not the builder's page
    title, its how-to introduction or its form."""
    page.goto(url(site_url))
    ready(page)
    use_example(page, "section-75")
    page.emulate_media(media="print")
    printed = page.evaluate(
        """() => [...document.querySelector('article').children].filter((el) => el.checkVisibility())
             .map((el) => el.tagName.toLowerCase() + '.' + el.className)"""
    )
    assert printed == ["div.rm-agreement"], printed
    expect(page.locator(".rm-agreement-form")).to_be_hidden()
    expect(page.locator(".rm-preview")).to_be_visible()


def test_the_builder_works_offline(server, offline_context):  # noqa: F811 (fixtures)
    page = visit_once(offline_context, url(server.url))
    ready(page)
    engine_cached(page, server)
    server.stop()
    page.goto(url(server.url))
    ready(page)
    use_example(page, "section-75")
    expect(page.locator(".rm-preview")).to_contain_text("Joint community equipment service")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download agreement (Word)").click()
    assert download.value.suggested_filename.endswith(".docx")


def test_focus_in_the_preview_stays_there_when_another_tabs_save_redraws_it(page, context, site_url):
    """A reader on a table of the preview (its box scrolls, so it takes focus) keeps their place when a save
    in another tab changes that table: it is drawn afresh, and focus goes to the new one, not the page's body."""
    other = context.new_page()
    for tab in (page, other):
        tab.goto(url(site_url))
        ready(tab)
    finance = page.get_by_role("region", name="Finance, party by party", exact=True)
    finance.focus()
    other.locator("#ag-share-1").fill("40")
    expect(finance).to_contain_text("40")  # drawn again with the other tab's share
    expect(finance).to_be_focused()
    document = stored(other)
    document["answers"]["start-date"] = "tomorrow"  # saved by an older page, say: the preview fails
    other.evaluate("([key, text]) => localStorage.setItem(key, text)", [KEY, json.dumps(document)])
    expect(page.locator(".rm-preview")).to_have_attribute("data-state", "error")
    expect(page.locator(".rm-preview")).to_be_focused()  # the table is gone: the preview, not the body
    other.close()


LIVE = ".rm-toolbar-status, .rm-alert, .rm-preview-status"


def said(page: Page) -> list[str]:
    """What the page's live regions were given to say since the last call (each non-empty text once)."""
    return page.evaluate("() => (window.rmSaid ?? []).splice(0)")


def test_the_toolbar_keeps_focus_and_says_each_outcome_once_and_typing_says_nothing(page, site_url):
    page.goto(url(site_url))
    ready(page)
    page.evaluate(
        """live => { window.rmSaid = [];
             for (const region of document.querySelectorAll(live)) new MutationObserver(() => {
               if (region.textContent) window.rmSaid.push(region.textContent);
             }).observe(region, {childList: true, subtree: true, characterData: true}); }""",
        LIVE,
    )
    page.on("dialog", lambda dialog: dialog.accept())
    example = page.get_by_role("button", name="Use this example")
    example.focus()
    page.keyboard.press("Enter")
    expect(page.locator(".rm-toolbar-status")).to_contain_text("starts from the example")
    expect(example).to_be_focused()
    # typing redraws the preview, which is no live region: nothing is said on each key
    proposer = page.get_by_role("group", name="Status of section: finance").get_by_role("textbox")
    proposer.focus()
    page.keyboard.type("Council", delay=50)
    expect(page.locator(".rm-preview")).to_contain_text("Council")
    assert page.locator(".rm-preview").evaluate("p => p.closest('[aria-live], [role=status], [role=alert]')") is None
    assert stored(page)["answers"]["proposed-by-finance"] == "Council"
    assert len(said(page)) == 1
    importing = page.get_by_role("button", name="Import draft")
    with page.expect_file_chooser() as chooser:
        importing.click()  # Enter opens it as well, but Playwright does not always see a chooser opened so
    chooser.value.set_files(str(EXAMPLES / "partnership-agreement.json"))
    expect(page.locator(".rm-toolbar-status")).to_have_text("The draft in partnership-agreement.json was imported.")
    expect(importing).to_be_focused()
    again = page.get_by_role("button", name="Start again")
    again.focus()
    page.keyboard.press("Enter")
    expect(page.locator(".rm-toolbar-status")).to_have_text("Your draft was cleared.")
    expect(again).to_be_focused()
    heard = [text for text in said(page) if text != "Checking the file…"]  # said if the check takes a while
    assert heard == ["The draft in partnership-agreement.json was imported.", "Your draft was cleared."]
