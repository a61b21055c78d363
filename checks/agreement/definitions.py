"""Reading the agreement builder's definitions: the agreement (kind `agreement`) and its presets
(kind `agreement-preset`), from plain data (the browser) or from files (the build, the command line)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from checks.agreement.model import TABLES, Agreement, Preset
from checks.agreement.spec import AGREEMENT, KINDS, PRESET
from checks.errors import DefinitionError, Problem
from checks.reader import Reader, join

AGREEMENTS_DIR = Path(__file__).resolve().parent.parent / "definitions" / "agreements"


@dataclass(frozen=True)
class Builder:
    """An agreement and its presets: all the builder needs. With them, the registers' column labels
    (register id -> column id -> label, from their own definitions), so that an import can name the
    columns the agreement's tables have no place for."""

    agreement: Agreement
    presets: tuple[Preset, ...]
    register_columns: dict[str, dict[str, str]] = field(default_factory=dict)

    def preset(self, preset_id: str) -> Preset | None:
        return next((p for p in self.presets if p.id == preset_id), None)


def agreement_from_mapping(data: Any, source: str = "", docs: dict[str, set[str]] | None = None) -> Agreement:
    return _read(data, AGREEMENT, source, docs)


def preset_from_mapping(data: Any, agreement: Agreement, source: str = "") -> Preset:
    """A preset, its every value checked against the agreement it fills."""
    preset = _read(data, PRESET, source)
    problems = []
    if preset.agreement != agreement.id:
        problems.append(Problem("agreement", f"no agreement {preset.agreement!r} (this one is {agreement.id!r})"))
    keys = agreement.keys()
    for key, text in preset.values:
        if key not in keys:
            problems.append(Problem(join("values", key), "no such item in the agreement"))
        elif not keys[key].accepts(text):
            problems.append(Problem(join("values", key), f"not an answer the item accepts: {text[:40]!r}"))
    for number, row in enumerate(preset.rows):
        table = dict(row)["table"]
        if not any(part.table == table for part in agreement.parts):
            problems.append(Problem(join("rows", number), f"the agreement has no {TABLES[table][0].lower()}"))
    if problems:
        raise DefinitionError(problems, source)
    return preset


def _read(data: Any, spec, source: str, docs: dict[str, set[str]] | None = None) -> Any:
    reader = Reader(docs)
    found = reader.read(data, "", spec)
    if reader.problems or found is None:
        raise DefinitionError(reader.problems, source)
    return replace(found, source=source)


def builder_from_mapping(data: Any) -> Builder:
    """The page's bundle (`bundle`) read back: what the worker is sent, checked in full."""
    if not isinstance(data, dict) or not isinstance(data.get("presets"), list):
        raise DefinitionError([Problem("", "expected an agreement and its presets")])
    agreement = agreement_from_mapping(data.get("agreement"))
    columns = data.get("registers", {})
    if not isinstance(columns, dict) or not all(
        isinstance(labels, dict) and all(isinstance(v, str) for v in labels.values()) for labels in columns.values()
    ):
        raise DefinitionError([Problem("registers", "expected each register's column labels, by column id")])
    return Builder(agreement, tuple(preset_from_mapping(p, agreement) for p in data["presets"]), columns)


def load_builder(
    agreement_id: str, directory: Path = AGREEMENTS_DIR, docs: dict[str, set[str]] | None = None
) -> tuple[Builder, dict[str, Any]]:
    """The agreement `agreement_id` and every preset for it, from the folder's YAML files, with the
    plain data the page embeds (CPython only: it needs PyYAML)."""
    from checks.loader import load_definition

    agreement, plain, presets = None, None, []
    for path in sorted(directory.glob("*.yml")):
        source = f"checks/definitions/agreements/{path.name}"
        data = load_definition(path, source)
        kind = data.get("kind") if isinstance(data, dict) else None
        if kind not in KINDS:
            raise DefinitionError([Problem("kind", f"expected one of: {', '.join(KINDS)}")], source)
        if kind == "agreement" and data.get("id") == agreement_id:
            agreement, plain = agreement_from_mapping(data, source, docs), data
        elif kind == "agreement-preset" and data.get("agreement") == agreement_id:
            presets.append((data, source))
    if agreement is None:
        raise DefinitionError([Problem("", f"no agreement called {agreement_id!r} in {directory}")])
    read = tuple(preset_from_mapping(data, agreement, source) for data, source in presets)
    columns = register_columns()
    bundle = {"agreement": plain, "presets": [data for data, _ in presets], "registers": columns}
    return Builder(agreement, read, columns), bundle


def register_columns() -> dict[str, dict[str, str]]:
    """The column labels of the registers an agreement imports, from their definitions (CPython only)."""
    from checks.agreement.saved import REGISTERS
    from checks.registers.spec import load_register, register_files

    found = (load_register(path) for path in register_files())
    return {r.id: {c.id: c.label for c in r.columns} for r in found if r.id in REGISTERS}


def agreement_ids(directory: Path = AGREEMENTS_DIR) -> list[str]:
    """The ids of the agreements in the folder (their files are named for them)."""
    from checks.loader import load_definition

    found = []
    for path in sorted(directory.glob("*.yml")):
        data = load_definition(path)
        if isinstance(data, dict) and data.get("kind") == "agreement":
            found.append(data.get("id"))
    return found
