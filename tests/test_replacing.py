"""A file that would replace the reader's work comes back with a question to ask first; one that loses
nothing (the kept document is blank, or the same as the file's) comes back without. Each tool's own
actions: importing answers, a register or a draft, and opening a saved comparison."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from checks.agreement.definitions import load_builder
from checks.agreement.saved import blank_draft
from checks.answers import blank_document
from checks.compare.record import blank_comparison
from checks.definitions import DEFINITIONS_DIR, load_checklist
from checks.loader import load_definition
from checks.registers.saved import blank_register
from checks.registers.spec import load_register
from checks.worker_api import handle

EXAMPLES = Path(__file__).resolve().parent.parent / "checks" / "examples"
BEHAVIOURS = load_checklist(DEFINITIONS_DIR / "behaviours.yml")
RISKS = load_register(DEFINITIONS_DIR / "registers" / "risk-register.yml")
BUILDER, AGREEMENT_DEFINITION = load_builder("partnership-agreement")
ANSWERS = sorted((EXAMPLES / "compare-behaviours").glob("*.json"))


def example(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def comparison_of(*paths: Path) -> dict:
    files = [{"name": p.name, "text": p.read_text(encoding="utf-8"), "size": p.stat().st_size} for p in paths]
    payload = {**TOOLS["compare_open"][0], "document": blank_comparison(BEHAVIOURS), "files": files, "base_url": ""}
    return json.loads(handle("compare", json.dumps(payload)))["result"]["document"]


RISK_EXAMPLE = example(EXAMPLES / "risk-register.json")
DRAFT = example(EXAMPLES / "partnership-agreement.json")
# action: (the request's checklist, blank document, a document of the reader's, a different one to open)
TOOLS = {
    "import": (
        {
            "checklist": "behaviours",
            "version": BEHAVIOURS.version,
            "definition": load_definition(DEFINITIONS_DIR / "behaviours.yml"),
        },
        blank_document(BEHAVIOURS),
        example(ANSWERS[0]),
        example(ANSWERS[2]),
    ),
    "register_import": (
        {
            "checklist": RISKS.id,
            "version": RISKS.version,
            "definition": load_definition(DEFINITIONS_DIR / "registers" / "risk-register.yml"),
        },
        blank_register(RISKS),
        RISK_EXAMPLE,
        {**RISK_EXAMPLE, "rows": RISK_EXAMPLE["rows"][1:]},
    ),
    "agreement_import": (
        {"checklist": BUILDER.agreement.id, "version": BUILDER.agreement.version, "definition": AGREEMENT_DEFINITION},
        blank_draft(BUILDER.agreement),
        DRAFT,
        {**DRAFT, "rows": DRAFT["rows"][1:]},
    ),
    "compare_open": (
        {
            "checklist": "behaviours",
            "version": BEHAVIOURS.version,
            "definition": load_definition(DEFINITIONS_DIR / "behaviours.yml"),
        },
        blank_comparison(BEHAVIOURS),
        None,  # made below, by comparing files
        None,
    ),
}


def opened(action: str, kept: dict | None, file: dict) -> dict:
    """The reply to opening `file` (as a file named their.json) with `kept` in the browser."""
    text = json.dumps(file)
    payload = {**TOOLS[action][0], "filename": "their.json", "size": len(text.encode()), "text": text}
    if kept is not None:
        payload["document"] = kept
    return json.loads(handle(action, json.dumps(payload)))["result"]


def documents(action: str) -> tuple[dict, dict, dict]:
    _, blank, mine, theirs = TOOLS[action]
    if action == "compare_open":
        mine, theirs = comparison_of(*ANSWERS[:3]), comparison_of(*ANSWERS[3:])
    return blank, mine, theirs


@pytest.mark.parametrize("action", TOOLS)
def test_a_file_that_would_replace_work_comes_with_a_question(action):
    _blank, mine, theirs = documents(action)
    confirm = opened(action, mine, theirs)["confirm"]
    assert confirm["question"].startswith("Replace ") and " with what is in their.json? " in confirm["question"]
    assert confirm["declined"].startswith("their.json was not ") and confirm["declined"].endswith(" not changed.")
    # A kept document that cannot be read is still the reader's: they are asked too.
    assert opened(action, {**mine, "format": "something-else/9"}, theirs)["confirm"] == confirm


@pytest.mark.parametrize("action", TOOLS)
def test_a_file_that_loses_nothing_comes_without_one(action):
    blank, _mine, theirs = documents(action)
    assert opened(action, None, theirs)["confirm"] is None  # the page sent no document
    assert opened(action, {**blank, "saved_at": "2026-12-01T09:00:00Z"}, theirs)["confirm"] is None
    # The same document, written in another order and saved at another time, is not work lost.
    same = {**dict(reversed(list(theirs.items()))), "saved_at": "2026-11-30T10:00:00Z"}
    assert opened(action, same, theirs)["confirm"] is None


def test_an_example_draft_asks_first_only_over_the_readers_own_work():
    base = TOOLS["agreement_import"][0]

    def preset(kept: dict) -> dict:
        return json.loads(handle("agreement_preset", json.dumps({**base, "preset": "section-75", "document": kept})))

    example = preset(blank_draft(BUILDER.agreement))["result"]
    assert example["confirm"] is None
    assert preset(example["document"])["result"]["confirm"] is None  # the same example again
    assert preset(DRAFT)["result"]["confirm"] == {
        "question": "Replace your draft agreement with the example “Section 75 agreement between an NHS body and "
        "a council”? Export your draft first if you want to keep a copy.",
        "declined": "Your draft was not changed.",
    }


def test_keeping_a_register_example_asks_first_only_over_the_readers_own_work():
    base = TOOLS["register_import"][0]

    def keep(example: dict, kept: dict) -> dict:
        payload = {**base, "example": example, "document": kept}
        return json.loads(handle("register_keep_example", json.dumps(payload)))["result"]

    kept = keep(RISK_EXAMPLE, blank_register(RISKS))
    assert kept["confirm"] is None and kept["status"] == "The example is now your register, saved in this browser."
    assert kept["document"]["rows"] == RISK_EXAMPLE["rows"]  # read in full, as a file is
    assert keep(RISK_EXAMPLE, kept["document"])["confirm"] is None  # the same example again
    changed = {**RISK_EXAMPLE, "rows": RISK_EXAMPLE["rows"][:1]}  # the reader changed the example they show
    assert keep(changed, RISK_EXAMPLE)["confirm"] == {
        "question": "Replace the rows and partners of your register with the example? Export your register first "
        "if you want to keep a copy.",
        "declined": "The example was not kept. Your own register is still saved in this browser.",
    }
