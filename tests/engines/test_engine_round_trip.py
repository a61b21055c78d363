"""Export answers, start again, import the file: the same answers, notes and results come back."""

from __future__ import annotations

import json
import re

import pytest
from engine_pages import CHECKLISTS, document, mixed_choices, wait_for
from selenium.webdriver.common.by import By

pytestmark = pytest.mark.engines


def test_export_then_import_round_trips(tab, checklist_id, tmp_path):
    checklist = CHECKLISTS[checklist_id]
    first_section = checklist.sections[0].id
    saved = document(checklist_id, mixed_choices(checklist_id, 3), {first_section: "Talk to the board."})
    tab.seed(checklist_id, saved)
    tab.open(checklist_id)
    shown = tab.panel()
    notes = tab.driver.find_element(By.ID, f"notes-{first_section}")

    name, exported = tab.export()
    assert re.fullmatch(rf"{checklist_id}-\d{{4}}-\d\d-\d\d\.json", name)
    assert json.loads(exported) == saved

    tab.start_again()
    unanswered = "return document.querySelectorAll('.rm-results .rm-unanswered li').length"
    wait_for(lambda: tab.driver.execute_script(unanswered) == len(checklist.questions()), "the answers to be cleared")
    assert tab.checked() == {}
    assert tab.stored(checklist_id) is None
    assert notes.get_property("value") == ""

    path = tmp_path / name
    path.write_bytes(exported)
    tab.import_file(path)
    tab.wait_panel(shown, "the imported answers")
    assert tab.checked() == saved["answers"]
    assert notes.get_property("value") == "Talk to the board."
    assert tab.stored(checklist_id) == saved
