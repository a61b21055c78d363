"""Build-time rendering of the checklists (forms and links) from their definitions."""

from __future__ import annotations

from pathlib import Path

import yaml

from macros.guidance import relative_link

DEFINITIONS = Path(__file__).resolve().parent.parent / "checks" / "definitions"


def _definition(checklist_id: str) -> dict:
    path = DEFINITIONS / f"{checklist_id}.yml"
    if not path.exists():
        raise KeyError(f"no checklist called {checklist_id!r} in {DEFINITIONS}")
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def link_box(checklist_id: str, section_id: str | None, page: str) -> str:
    data = _definition(checklist_id)
    target = relative_link(page, f"checklists/{checklist_id}.md")
    if section_id is None:
        body = f"Use the [{data['title']}]({target}) to see where you stand."
    else:
        section = next((s for s in data["sections"] if s["id"] == section_id), None)
        if section is None:
            raise KeyError(f"{page}: checklist_link(): {checklist_id!r} has no section {section_id!r}")
        count = len(section["questions"])
        body = (
            f"The [{data['title']}: {section['title']}]({target}#{section_id}) "
            f"asks {count} questions on this. Answer them alone, with your team or with each partner."
        )
    return f'!!! tip "Check how you are doing"\n    {body}\n'


def form(checklist_id: str) -> str:
    raise NotImplementedError("checklist forms arrive with the engine")
