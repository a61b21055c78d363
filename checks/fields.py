"""Declared fields: every key a definition may hold, named once, beside its check, default and meaning.

In the spirit of MkDocs' config options. Each kind of mapping (a question, a section, a whole
checklist of one kind) is a `Spec`: a tuple of `Field`s and a function that builds the model
object once every field is read. One reader (`checks.reader.Reader.read`) reads every spec, and
`table` writes the README's tables from the same declarations, so a key is never listed twice.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from checks.reader import Reader, describe, join


class _Required:
    def __repr__(self) -> str:
        return "REQUIRED"


REQUIRED: Any = _Required()
"""The default of a field that must be given."""

Check = Callable[[Reader, Any, str], Any]
"""Checks one value at its path: returns it cleaned, or notes the problem and returns None."""


@dataclass(frozen=True)
class Field:
    name: str
    check: Check
    default: Any = REQUIRED
    """What a missing optional field reads as; `REQUIRED` when it must be given."""
    doc: str = ""
    """What the field is, for the README."""
    needed: str = ""
    """The README's "required" entry where the rule is neither "yes" nor "no", e.g. "`choice` only"."""

    @property
    def required(self) -> bool:
        return self.default is REQUIRED


@dataclass(frozen=True)
class Spec:
    """The fields of one kind of mapping, and how to build its model object from them."""

    fields: tuple[Field, ...]
    build: Callable[[Reader, dict[str, Any], str, frozenset], Any]
    """(reader, values by name, path, the keys given) -> the object; checks rules that join fields."""

    def required(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields if f.required)

    def optional(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields if not f.required)

    def names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)


# The checks fields use. The plain ones are the Reader's own methods (Reader.text etc.).


def whole(low: int = 0, high: int | None = None) -> Check:
    return lambda reader, value, path: reader.whole(value, path, low, high)


def one_of(allowed: tuple[str, ...]) -> Check:
    return lambda reader, value, path: reader.choice(value, path, allowed)


def unique_id(scope: str = "") -> Check:
    """An id, unique in `scope` (e.g. the whole checklist) or, without one, in its own list."""

    def check(reader: Reader, value: Any, path: str) -> str | None:
        ident = reader.ident(value, path)
        if ident is not None:
            reader.unique(ident, path, scope or path.rpartition("[")[0])
        return ident

    return check


def items(spec: Spec, empty: str = "") -> Check:
    """A non-empty list of mappings, each read by `spec`."""
    return lambda reader, value, path: reader.items(value, path, lambda v, p: reader.read(v, p, spec), empty)


def link(reader: Reader, value: Any, path: str) -> str | None:
    """A docs page and optional anchor (``behaviours/leadership.md#warning-signs``); checked
    against the docs when the reader has them."""
    text = reader.text(value, path)
    if text is None or reader.docs is None:
        return text
    page, _, anchor = text.partition("#")
    if page not in reader.docs:
        reader.fail(path, f"no page {page!r} in the docs")
    elif anchor and anchor not in reader.docs[page]:
        reader.fail(path, f"page {page!r} has no heading with anchor {anchor!r}")
    return text


def span(low: int, high: int) -> Check:
    """Two whole numbers ``[least, most]`` between `low` and `high`, the first no more than the second."""

    def check(reader: Reader, value: Any, path: str) -> tuple[int, int] | None:
        if not isinstance(value, list) or len(value) != 2:
            reader.fail(path, f"expected two whole numbers, [least, most], got {describe(value)}")
            return None
        least, most = (reader.whole(v, join(path, i), low, high) for i, v in enumerate(value))
        if least is None or most is None:
            return None
        if least > most:
            reader.fail(path, f"the least ({least}) is more than the most ({most})")
            return None
        return least, most

    return check


# The README's tables, written from the declarations.


def table(specs: Sequence[tuple[str, Spec]]) -> str:
    """A Markdown table of the fields of one or more specs (one per kind, named), merged in order.

    A field some kinds lack is "for `kind` only" where it is required, "no" otherwise.
    """
    names: list[str] = []
    for _, spec in specs:
        names += [name for name in spec.names() if name not in names]
    rows = ["| key | required | what it is |", "|---|---|---|"]
    for name in names:
        found = [(kind, f) for kind, spec in specs for f in spec.fields if f.name == name]
        field = found[0][1]
        rows.append(f"| `{name}` | {_needed(field, [kind for kind, _ in found], len(specs))} | {field.doc} |")
    return "\n".join(rows) + "\n"


def _needed(field: Field, kinds: list[str], of: int) -> str:
    if field.needed:
        return field.needed
    if not field.required:
        return "no"
    if len(kinds) == of:
        return "yes"
    return "for " + " or ".join(f"`{kind}`" for kind in kinds) + " only"
