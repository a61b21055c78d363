"""Shared fixtures: small hand-made checklists as plain data, so unit tests never depend on the real content.

The answer scales give these shares of the marks:

- agreement: strongly_disagree 0, disagree .25, neutral .5, agree .75, strongly_agree 1
- in_place: not_in_place 0, partly_in_place .5, fully_in_place 1
- yes_partly_no: no 0, partly .5, yes 1
- choice: points / highest points (trust-meetings below: never 0, yearly .25, quarterly .5, monthly 1)
"""

from __future__ import annotations

import copy
from typing import Any

import pytest
from scan_count import NAME, ScanCount
from served_site import served_site  # noqa: F401  (the one build of the site, shared by every test)

from checks import checklist_from_mapping
from checks.answers import FORMAT, FORMAT_VERSION

ASSESSMENT: dict[str, Any] = {
    "id": "team-health",
    "title": "Team health",
    "version": 3,
    "description": "A small checklist used only by the tests.",
    "minutes": [5, 10],
    "bands": [
        {"name": "Needs attention", "min": 0, "max": 49, "meaning": "Start with the red flags."},
        {"name": "Developing", "min": 50, "max": 74, "meaning": "Some good habits are in place."},
        {"name": "Strong", "min": 75, "max": 100, "meaning": "Keep doing what works."},
    ],
    "sections": [
        {
            "id": "trust",
            "title": "Trust",
            "guidance": "behaviours/trust.md",
            "intro": "How far the partners trust each other.",
            "questions": [
                {
                    # weight 2, critical: a red flag below .5 or when "don't know"
                    "id": "trust-open",
                    "text": "We are open with each other about problems.",
                    "kind": "agreement",
                    "weight": 2,
                    "critical": True,
                    "guidance": "behaviours/trust.md#warning-signs",
                    "advice": "Talk about what worries you before it grows.",
                },
                {
                    "id": "trust-promises",
                    "text": "Partners keep the promises they make.",
                    "kind": "in_place",
                    "guidance": "behaviours/trust.md#what-good-looks-like",
                    "advice": "Keep a short list of promises and check it at each meeting.",
                },
                {
                    "id": "trust-agreement",
                    "text": "Is there a written agreement?",
                    "kind": "yes_partly_no",
                    "not_relevant": True,
                    "hint": "A short letter counts.",
                    "guidance": "behaviours/trust.md",
                    "advice": "Write down what each partner has agreed to do.",
                },
                {
                    # weight 0.5; points 0, 1, 2, 4 give shares 0, .25, .5, 1
                    "id": "trust-meetings",
                    "text": "How often do the partners meet?",
                    "kind": "choice",
                    "weight": 0.5,
                    "options": [
                        {"id": "never", "label": "Never", "points": 0},
                        {"id": "yearly", "label": "Once a year", "points": 1},
                        {"id": "quarterly", "label": "Every quarter", "points": 2},
                        {"id": "monthly", "label": "Every month", "points": 4},
                    ],
                    "guidance": "behaviours/trust.md#what-good-looks-like",
                    "advice": "Meet at least every quarter.",
                },
            ],
        },
        {
            "id": "goals",
            "title": "Goals",
            "guidance": "foundations/goals.md#what-it-means",
            "questions": [
                {
                    "id": "goals-shared",
                    "text": "The partners share one goal.",
                    "kind": "agreement",
                    "guidance": "foundations/goals.md#what-it-means",
                    "advice": "Agree one sentence that says what success is.",
                },
                {
                    # weight 3: heavier than goals-shared, which comes first in the definition
                    "id": "goals-reviewed",
                    "text": "The goal is reviewed every year.",
                    "kind": "agreement",
                    "weight": 3,
                    "guidance": "foundations/goals.md",
                    "advice": "Put a yearly review in the diary now.",
                },
                {
                    "id": "goals-measured",
                    "text": "Is progress measured?",
                    "kind": "yes_partly_no",
                    "critical": True,
                    "guidance": "foundations/goals.md#measures",
                    "advice": "Pick two measures every partner can see.",
                },
            ],
        },
    ],
}
"""An assessment: two sections (4 and 3 questions), weights, a critical question in each, every kind."""

DECISION: dict[str, Any] = {
    "id": "go-or-wait",
    "title": "Go or wait?",
    "version": 1,
    "kind": "decision",
    "description": "A small decision checklist used only by the tests.",
    "minutes": [5, 5],
    "bands": [
        {"name": "Weak case", "min": 0, "max": 49, "meaning": "The case is weak."},
        {"name": "Strong case", "min": 50, "max": 100, "meaning": "The case is strong."},
    ],
    "sections": [
        {
            "id": "need",
            "title": "Need",
            "guidance": "thinking/right-choice.md#need",
            "questions": [
                {
                    # points 0, 2, 4: shares 0, .5, 1
                    "id": "need-alone",
                    "text": "Could you reach the outcome alone?",
                    "kind": "choice",
                    "options": [
                        {"id": "yes-alone", "label": "Yes, alone", "points": 0},
                        {"id": "part-alone", "label": "Partly", "points": 2},
                        {"id": "not-alone", "label": "No", "points": 4},
                    ],
                    "guidance": "thinking/right-choice.md#need",
                    "advice": "Do alone what you can do alone.",
                },
                {
                    "id": "need-shared",
                    "text": "Do the causes cut across organisations?",
                    "kind": "yes_partly_no",
                    "guidance": "thinking/right-choice.md#need",
                    "advice": "Map the causes.",
                },
            ],
        },
        {
            "id": "means",
            "title": "Means",
            "guidance": "thinking/right-choice.md#means",
            "questions": [
                {
                    "id": "means-time",
                    "text": "Staff time is set aside.",
                    "kind": "in_place",
                    "guidance": "thinking/right-choice.md#means",
                    "advice": "Set time aside.",
                },
                {
                    "id": "means-money",
                    "text": "Is there a budget?",
                    "kind": "yes_partly_no",
                    "guidance": "thinking/right-choice.md#means",
                    "advice": "Find a budget.",
                },
            ],
        },
    ],
    "outcomes": [
        {
            "id": "not-now",
            "title": "Not now",
            "meaning": "Wait until the means are there.",
            "when": [
                {"question": "means-time", "in": ["not_in_place"], "reason": "No one has time for it."},
                {"section": "means", "below": 40, "reason": "The means are not there."},
            ],
        },
        {
            "id": "network",
            "title": "Keep it to a network",
            "meaning": "Share information instead.",
            "when": [
                {"section": "need", "below": 50, "reason": "The need is weak."},
                {"question": "need-alone", "in": ["yes-alone"], "reason": "You can do it alone."},
            ],
        },
        {"id": "partner", "title": "Go ahead as a partnership", "meaning": "Partner.", "default": True},
    ],
}
"""A decision: outcomes tried in order, the last the default."""

DOCS_INDEX: dict[str, set[str]] = {
    "index.md": set(),
    "behaviours/trust.md": {"warning-signs", "what-good-looks-like"},
    "foundations/goals.md": {"what-it-means", "measures"},
    "thinking/right-choice.md": {"need", "means"},
}
"""The docs pages and anchors the hand-made checklists link to."""


@pytest.fixture
def assessment_data() -> dict[str, Any]:
    """A fresh copy of the assessment definition, safe to change in a test."""
    return copy.deepcopy(ASSESSMENT)


@pytest.fixture
def assessment():
    return checklist_from_mapping(copy.deepcopy(ASSESSMENT))


@pytest.fixture
def decision_data() -> dict[str, Any]:
    return copy.deepcopy(DECISION)


@pytest.fixture
def decision():
    return checklist_from_mapping(copy.deepcopy(DECISION))


@pytest.fixture
def docs_index() -> dict[str, set[str]]:
    return copy.deepcopy(DOCS_INDEX)


@pytest.fixture
def answers_document():
    """Make a valid saved-answers document for the assessment; keyword arguments replace fields."""

    def make(**fields: Any) -> dict[str, Any]:
        document = {
            "format": f"{FORMAT}/{FORMAT_VERSION}",
            "checklist": "team-health",
            "checklist_version": 3,
            "saved_at": "2026-11-20T10:30:00+00:00",
            "respondent": {"name": "Sam Patel", "organisation": "Riverside Council", "role": "manager"},
            "answers": {"trust-open": "agree", "goals-measured": "dont_know"},
            "notes": {"trust": "We talked about this at the board."},
        }
        document.update(fields)
        return document

    return make


def pytest_configure(config: pytest.Config) -> None:
    config.pluginmanager.register(ScanCount(), NAME)
