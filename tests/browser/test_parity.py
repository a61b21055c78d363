"""The browser shows the same results as `python -m checks score FILE --format json`."""

from __future__ import annotations

import json
import random
import time

import pytest
from playwright.sync_api import expect
from results_panel import expected_panel

pytestmark = pytest.mark.browser


def _documents(checklist_id: str, rm) -> list[dict]:
    """A few answer documents: all first options, all second, and two seeded mixtures with gaps."""
    questions = rm.checklist(checklist_id).questions()
    documents = [rm.document(checklist_id, rm.nth_choices(checklist_id, i)) for i in (0, 1)]
    for seed in (1, 2):
        chance = random.Random(f"{checklist_id}-{seed}")
        answers = {q.id: chance.choice(q.choices())[0] for q in questions if chance.random() < 0.85}
        documents.append(rm.document(checklist_id, answers))
    return documents


def test_browser_results_match_the_command_line(page, context, rm, checklist_id):
    documents = _documents(checklist_id, rm)
    rm.seed(context, checklist_id, documents[0])
    rm.open(page, checklist_id)
    questions = []
    page.on("dialog", lambda dialog: questions.append(dialog.message) or dialog.accept())  # replace? yes
    for number, document in enumerate(documents):
        if number:  # the first came from saved answers; the rest arrive by import
            rm.import_file(page, f"answers-{number}.json", json.dumps(document).encode())
            expect(page.get_by_role("status").filter(has_text=f"answers-{number}.json")).to_be_visible(timeout=30_000)
        expected = expected_panel(rm.command_line(document))
        deadline = time.monotonic() + 30
        while (shown := rm.shown_results(page)) != expected and time.monotonic() < deadline:
            page.wait_for_timeout(100)  # the new result is on its way from the worker
        assert shown == expected, f"document {number}"
        assert rm.checked(page) == document["answers"]
    assert len(questions) == len(documents) - 1  # each import replaced answers
