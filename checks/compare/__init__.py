"""Comparing partners' answers: many saved-answers files of one checklist, side by side.

`read_files` reads each file on its own (checks.compare.inputs); `compare` computes the spread,
what is contested, each group's scores and the agenda (analysis); `comparison_document` says it
as one report Document (report); `comparison_to_json` is the data behind it. The comparison and
its workshop record are saved as their own document (record).
"""

from __future__ import annotations

import json
from typing import Any

from checks.compare.analysis import Comparison, Spread, compare, level
from checks.compare.groups import MIN_GROUP, MIN_GROUP_FLOOR, Settings, fewer_than
from checks.compare.inputs import MAX_FILES_BROWSER, MAX_FILES_COMMAND_LINE, Given, Inputs, Refused, read_files
from checks.compare.record import Record, SavedComparison, comparison_to_dict, read_comparison, storage_key
from checks.compare.report import agreed_label, comparison_document, counts_text, file_notes

__all__ = [
    "MAX_FILES_BROWSER",
    "MAX_FILES_COMMAND_LINE",
    "MIN_GROUP",
    "MIN_GROUP_FLOOR",
    "Comparison",
    "Given",
    "Inputs",
    "Record",
    "Refused",
    "SavedComparison",
    "Settings",
    "compare",
    "comparison_document",
    "comparison_to_data",
    "comparison_to_dict",
    "comparison_to_json",
    "read_comparison",
    "read_files",
    "storage_key",
]


def comparison_to_data(c: Comparison) -> dict[str, Any]:
    """The comparison as plain JSON data: every question with its `id` and `contested`; groups too
    small to show in anonymous mode give their size as "fewer than N" and nothing else, and the files
    are not named (the notes about them are counted, as in every other format)."""
    orgs = [g.key for g in c.organisations]

    def by_group(values, groups) -> dict[str, Any]:
        return {g.key: (v if g.shown else fewer_than(c.settings)) for v, g in zip(values, groups, strict=True)}

    return {
        "checklist": c.checklist.id,
        "checklist_version": c.checklist.version,
        "anonymous": c.settings.anonymous,
        "min_group": c.settings.min_group,
        "respondents": len(c.responses),
        "organisations": orgs,
        "files": [] if c.settings.anonymous else [r.name for r in c.responses],
        "refused": []
        if c.settings.anonymous
        else [{"file": r.name, "reasons": list(r.reasons)} for r in c.inputs.refused],
        "notices": list(file_notes(c)),
        "questions": [_question(q, c) for q in c.questions],
        "sections": [
            {
                "id": s.id,
                "title": s.title,
                "by_organisation": by_group(s.by_organisation, c.organisations),
                "by_role": by_group(s.by_role, c.roles),
            }
            for s in c.sections
        ],
        "agenda": {
            "contested": [q.id for q in c.contested],
            "shared_weaknesses": [q.id for q in c.questions if q.shared == "weak"],
            "shared_strengths": [q.id for q in c.questions if q.shared == "strong"],
        },
        "record": {
            "agreed": {q.id: agreed_label(c, q.id) for q in c.contested},
            "actions": [a.__dict__ for a in c.record.actions],
        },
    }


def _question(q: Spread, c: Comparison) -> dict[str, Any]:
    levels = {
        g.key: (level(share) or None if g.shown else fewer_than(c.settings))
        for share, g in zip(q.by_organisation, c.organisations, strict=True)
    }
    return {
        "id": q.id,
        "section": q.section,
        "text": q.text,
        "counts": {value or "not_answered": n for value, _, n in q.counts},
        "answers": counts_text(q),
        "answered": q.answered,
        "median": q.median,
        "range": [q.low, q.high],
        "steps": q.steps,
        "contested": q.contested,
        "reason": q.reason,
        "by_organisation": levels,
    }


def comparison_to_json(c: Comparison) -> str:
    return json.dumps(comparison_to_data(c), indent=2, ensure_ascii=False) + "\n"
