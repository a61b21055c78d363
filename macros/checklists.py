"""Page macros for the checklists: they find the definition and call the `checks` renderers.

Every definition is loaded and validated once per build, guidance links included; a bad one
fails the build with its file, the path of the bad value (or the line of a YAML mistake) and
what is wrong.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from checks import Checklist, checklist_from_mapping, definition_files, load_docs_index
from checks.component import checklist_component
from checks.component import link_box as link_box_markdown
from checks.loader import load_definition
from macros.guidance import relative_link

DOCS_DIR = Path(__file__).resolve().parent.parent / "docs"


@cache
def definitions() -> dict[str, tuple[Checklist, dict]]:
    """Each checklist by id, with the plain data it was built from (embedded in its page)."""
    docs = load_docs_index(DOCS_DIR)
    found = {}
    for path in definition_files():
        source = f"checks/definitions/{path.name}"
        data = load_definition(path, source)
        found[path.stem] = (checklist_from_mapping(data, source, docs), data)
    return found


def _get(checklist_id: str) -> tuple[Checklist, dict]:
    if checklist_id not in definitions():
        raise KeyError(f"no checklist called {checklist_id!r}; known: {', '.join(definitions())}")
    return definitions()[checklist_id]


def link_box(checklist_id: str, section_id: str | None, page: str) -> str:
    """A box pointing at a checklist or one of its sections, from a guidance page."""
    checklist, _ = _get(checklist_id)
    section = None if section_id is None else checklist.section(section_id)
    if section_id is not None and section is None:
        raise KeyError(f"{page}: checklist_link(): {checklist_id!r} has no section {section_id!r}")
    return link_box_markdown(checklist, section, relative_link(page, f"checklists/{checklist_id}.md"))


def form(checklist_id: str, page_url: str) -> str:
    """The checklist's component: complete and printable without JavaScript; the results panel fills in with it."""
    checklist, data = _get(checklist_id)
    base = "../" * page_url.strip("/").count("/") + ("../" if page_url.strip("/") else "")
    return (
        f"\n{checklist_component(checklist, data, base)}"
        # The page glue again. extra_javascript loads it at the very end of the page, after Material's
        # deferred bundle; here, earlier in the page, it runs first (scripts that wait for the end of
        # parsing run in page order), so the form saves answers about 100 ms sooner. Both tags name
        # the same module, which runs once.
        f'<script type="module" src="{base}assets/js/rm-main.js"></script>\n'
    )
