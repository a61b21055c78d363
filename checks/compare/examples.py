"""The "Try an example" sets: invented partners' answers files in checks/examples/compare-CHECKLIST/."""

from __future__ import annotations

from pathlib import Path

EXAMPLES_DIR = Path(__file__).resolve().parent.parent / "examples"


def example_dir(checklist_id: str) -> Path:
    return EXAMPLES_DIR / f"compare-{checklist_id}"


def load_examples(checklist_id: str) -> list[dict[str, str]]:
    """Each example file as {name, text}, in name order; none when the checklist has no set."""
    return [
        {"name": p.name, "text": p.read_text(encoding="utf-8")}
        for p in sorted(example_dir(checklist_id).glob("*.json"))
    ]
