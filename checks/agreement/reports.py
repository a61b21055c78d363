"""A draft agreement in every format: its one document (`draft_document`), drawn by a renderer,
and the files the page downloads (the saved draft, the agreement in Word or Markdown)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from checks.agreement.definitions import Builder
from checks.agreement.draft import draft_document
from checks.agreement.review import Review, review
from checks.agreement.saved import EXAMPLE, draft_text
from checks.answers import SavedAnswers
from checks.document import Document
from checks.files import File, file_name
from checks.render import render_document

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def review_of(builder: Builder, saved: SavedAnswers) -> Review:
    return review(builder.agreement, saved)


def document_of(builder: Builder, saved: SavedAnswers) -> Document:
    return draft_document(review_of(builder, saved))


def to_dict(found: Review) -> dict[str, Any]:
    """The checks' results as JSON data."""
    return {
        "agreement": found.agreement.id,
        "parties": list(found.parties),
        "agreed": found.agreed,
        "sections": [
            {"id": part.id, "status": found.status(part), "proposed_by": found.proposer(part)}
            for part in found.agreement.parts
        ],
        "still_to_agree": [{"section": part.id, "item": what} for part, what in found.missing],
        "findings": [
            {"check": f.check, "kind": f.kind, "section": f.part, "fields": list(f.keys), "message": f.text}
            for f in found.findings
        ],
        "legal_review": [{"section": part.id, "item": what} for part, what in found.legal],
    }


def render(builder: Builder, saved: SavedAnswers, format_name: str) -> str | bytes:
    """The draft in one of `FORMATS`."""
    if format_name == "json":
        return json.dumps(to_dict(review_of(builder, saved)), indent=2, ensure_ascii=False) + "\n"
    return render_document(document_of(builder, saved), format_name)


FORMATS = ("text", "markdown", "csv", "json", "html", "docx")


@dataclass(frozen=True)
class Download:
    label: str
    extension: str
    mime: str


DOWNLOADS = {
    "docx": Download("Word", "docx", DOCX),
    "markdown": Download("Markdown", "md", "text/markdown;charset=utf-8"),
}
"""The agreement's downloads, in the toolbar's order."""


def download(builder: Builder, saved: SavedAnswers, format_name: str, day: date) -> File:
    chosen = DOWNLOADS[format_name]
    name = file_name(_name(builder, saved), day.isoformat(), extension=chosen.extension)
    return File(name, chosen.mime, render(builder, saved, format_name))


def export(builder: Builder, saved: SavedAnswers, day: date) -> File:
    name = file_name(_name(builder, saved), "draft", day.isoformat(), extension="json")
    return File(name, "application/json", draft_text(saved))


def _name(builder: Builder, saved: SavedAnswers) -> str:
    return saved.answers.get("partnership-name", "").removeprefix(EXAMPLE) or builder.agreement.id
