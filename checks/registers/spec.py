"""The declared fields of a register definition (checks.fields), one spec for the three kinds.

A definition's `kind` (accountability-matrix, red-lines, risk-register) picks the findings; each
kind needs certain columns (`NEEDED_COLUMNS`), checked here with the path of what is missing.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from checks.errors import DefinitionError
from checks.fields import Field, Spec, items, link, one_of, unique_id, whole
from checks.loader import load_definition
from checks.reader import Reader, describe, join
from checks.registers.model import COLUMN_KINDS, KINDS, NEEDED_COLUMNS, NEEDED_SETTINGS, Column, Option, Register

REGISTERS_DIR = Path(__file__).resolve().parent.parent / "definitions" / "registers"
CHOOSING = ("choice", "roles")
VALUE = re.compile(r"[A-Za-z0-9]+(-[A-Za-z0-9]+)*")


def _value(reader: Reader, value: Any, path: str) -> str | None:
    """An option's saved value: letters (either case), digits and hyphens, unique in its column."""
    if not isinstance(value, str) or not VALUE.fullmatch(value):
        reader.fail(path, f"expected letters, digits and hyphens, got {describe(value)}")
        return None
    reader.unique(value, path, path.rpartition("[")[0])
    return value


OPTION = Spec(
    fields=(
        Field("id", _value, doc="the value saved (e.g. `A` or `service-quality`), unique in its column"),
        Field("label", Reader.text, doc="what the form shows"),
    ),
    build=lambda reader, v, path, given: Option(**v),
)


def _column(reader: Reader, v: dict[str, Any], path: str, given: frozenset) -> Column:
    if v["kind"] in CHOOSING and len(v["options"] or ()) < 2:
        reader.fail(join(path, "options"), f"a '{v['kind']}' column needs at least two options")
    elif v["kind"] not in CHOOSING and "options" in given:
        reader.fail(join(path, "options"), f"a '{v['kind']}' column has no options; remove 'options'")
    return Column(**{**v, "options": tuple(v["options"] or ())})


COLUMN = Spec(
    fields=(
        Field("id", unique_id(), doc="stable id, the key saved in each row"),
        Field("label", Reader.text, doc="the column's heading and the field's label"),
        Field("kind", one_of(COLUMN_KINDS), doc=", ".join(f"`{k}`" for k in COLUMN_KINDS)),
        Field("options", items(OPTION), (), "for `choice` and `roles`: a list of `{id, label}`"),
        Field("required", Reader.boolean, False, "`true`: a row with this left blank is marked"),
        Field("hint", Reader.text, "", "one sentence that helps people fill it in"),
    ),
    build=_column,
)


def _register(reader: Reader, v: dict[str, Any], path: str, given: frozenset) -> Register | None:
    columns = tuple(v["columns"] or ())
    settings = tuple(v["settings"] or ())
    for where, have, needed in (
        ("columns", columns, NEEDED_COLUMNS.get(v["kind"], {})),
        ("settings", settings, NEEDED_SETTINGS.get(v["kind"], {})),
    ):
        kinds = {c.id: c.kind for c in have}
        for ident, kind in needed.items():
            if kinds.get(ident) != kind:
                reader.fail(
                    join(path, where), f"a {v['kind']} register needs a '{kind}' {where[:-1]} with id {ident!r}"
                )
    if None in (v["id"], v["kind"], v["version"]):
        return None
    return Register(**{**v, "columns": columns, "settings": settings})


REGISTER = Spec(
    fields=(
        Field("id", Reader.ident, doc="stable id; also the file's and the page's name"),
        Field("title", Reader.text, doc="the register's name"),
        Field("version", whole(1), doc="whole number; goes up when a column is added, removed or changed"),
        Field("kind", one_of(KINDS), doc=", ".join(f"`{k}`" for k in KINDS)),
        Field("description", Reader.text, doc="one or two sentences on what the register is for"),
        Field("guidance", link, doc="the docs page it draws on"),
        Field("row_name", Reader.text, doc='what one row is, e.g. "risk"'),
        Field("settings", items(COLUMN), (), "fields of the whole register, e.g. a threshold"),
        Field("columns", items(COLUMN), doc="the fields of each row, in order"),
    ),
    build=_register,
)


def register_from_mapping(data: Any, source: str = "", docs: dict[str, set[str]] | None = None) -> Register:
    """The register a definition describes, or `DefinitionError` listing every problem."""
    reader = Reader(docs)
    register = reader.read(data, "", REGISTER)
    if reader.problems or register is None:
        raise DefinitionError(reader.problems, source)
    return Register(**{**register.__dict__, "source": source})


def register_files(directory: Path = REGISTERS_DIR) -> list[Path]:
    """Every register definition, in name order."""
    return sorted(directory.glob("*.yml"))


def load_register(path: str | Path, docs: dict[str, set[str]] | None = None, source: str = "") -> Register:
    """Read and validate one register definition file (CPython only: it needs PyYAML)."""
    source = source or str(path)
    return register_from_mapping(load_definition(path, source), source, docs)
