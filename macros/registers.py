"""The register pages' macro: it loads the definition and the example and calls checks.registers.component."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from checks import load_docs_index
from checks.loader import load_definition
from checks.registers import register_from_mapping
from checks.registers.component import register_component
from checks.registers.spec import REGISTERS_DIR

ROOT = Path(__file__).resolve().parent.parent


@cache
def registers() -> dict:
    """Each register by id, with its plain data and its example document (validated by the build)."""
    docs = load_docs_index(ROOT / "docs")
    found = {}
    for path in sorted(REGISTERS_DIR.glob("*.yml")):
        source = f"checks/definitions/registers/{path.name}"
        data = load_definition(path, source)
        example = json.loads((ROOT / "checks" / "examples" / f"{path.stem}.json").read_text(encoding="utf-8"))
        found[path.stem] = (register_from_mapping(data, source, docs), data, example)
    return found


def register_view(register_id: str, page_url: str) -> str:
    if register_id not in registers():
        raise KeyError(f"no register called {register_id!r}; known: {', '.join(registers())}")
    register, data, example = registers()[register_id]
    base = "../" * page_url.strip("/").count("/") + ("../" if page_url.strip("/") else "")
    script = f'<script type="module" src="{base}assets/js/rm-main.js"></script>'
    return f"\n{register_component(register, data, example, base)}{script}\n"
