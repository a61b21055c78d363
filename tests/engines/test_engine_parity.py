"""Firefox and WebKit show the same results as `python -m checks score FILE --format json`.

Opening a checklist page (`Tab.open`, here and in the other engine tests) also checks that the
page's scoring engine restored the build's memory snapshot instead of falling back to the wheel.
"""

from __future__ import annotations

import json

import pytest
from engine_pages import document, mixed_choices, nth_choices
from results_panel import expected_panel

pytestmark = pytest.mark.engines


def test_results_match_the_command_line(tab, command_line, checklist_id, tmp_path):
    saved, clicked, *imported = [
        document(checklist_id, nth_choices(checklist_id, 0)),
        document(checklist_id, nth_choices(checklist_id, 1)),
        document(checklist_id, mixed_choices(checklist_id, 1)),
        document(checklist_id, mixed_choices(checklist_id, 2)),
    ]

    tab.seed(checklist_id, saved)  # answers saved on an earlier visit
    tab.open(checklist_id)
    tab.wait_panel(expected_panel(command_line(saved)), "saved answers")
    assert tab.checked() == saved["answers"]

    tab.click_answers(clicked["answers"])  # answers given in the form
    tab.wait_panel(expected_panel(command_line(clicked)), "clicked answers")
    assert tab.stored(checklist_id)["answers"] == clicked["answers"]

    for number, answers in enumerate(imported):  # answers from files, gaps included
        path = tmp_path / f"answers-{number}.json"
        path.write_text(json.dumps(answers), encoding="utf-8")
        tab.import_file(path, replacing=True)  # each replaces the answers before it
        tab.wait_panel(expected_panel(command_line(answers)), f"imported file {number}")
        assert tab.checked() == answers["answers"]
