"""The declared fields of an agreement's definition (kind `agreement`) and of its presets (kind
`agreement-preset`), read by the one reader (checks.reader) like every other kind."""

from __future__ import annotations

from typing import Any

from checks.agreement.model import ITEM_KINDS, RESERVED, TABLES, Agreement, Item, Option, Part, Preset
from checks.fields import Field, Spec, items, link, one_of, span, unique_id, whole
from checks.reader import Reader, describe, join

KEYS = "keys"
"""The one scope of section and item ids: both name parts of the same saved draft."""


def _item(reader: Reader, v: dict[str, Any], path: str, given: frozenset) -> Item:
    if v["id"] and v["id"].startswith(RESERVED):
        reader.fail(join(path, "id"), f"an item's id may not start with {' or '.join(map(repr, RESERVED))}")
    if (v["kind"] == "choice") != ("options" in given):
        reader.fail(join(path, "options"), "a 'choice' item needs options, and only a 'choice' item has them")
    return Item(**{**v, "options": tuple(v["options"] or ())})


OPTION = Spec(
    fields=(
        Field("id", unique_id(), doc="the value saved, unique in its item"),
        Field("label", Reader.text, doc="what the form and the agreement show"),
    ),
    build=lambda reader, v, path, given: Option(**v),
)

ITEM = Spec(
    fields=(
        Field("id", unique_id(KEYS), doc="stable id, unique in the agreement; never reused for another item"),
        Field("label", Reader.text, doc="the clause's name, also the form field's label"),
        Field("kind", one_of(ITEM_KINDS), "text", "`text` (default), `line`, `date`, `choice` or `percent`"),
        Field("hint", Reader.text, "", "one sentence that helps people fill it in"),
        Field("mandatory", Reader.boolean, False, '`true`: listed as "still to agree" while it is empty'),
        Field("legal_review", Reader.boolean, False, '`true`: marked "needs local legal review" in the agreement'),
        Field("options", items(OPTION), (), "list of `{id, label}`", needed="`choice` only"),
    ),
    build=_item,
)


def _questions(reader: Reader, value: Any, path: str) -> tuple[str, ...]:
    return tuple(reader.items(value, path, reader.text))


def _table(reader: Reader, value: Any, path: str) -> str | None:
    return reader.choice(value, path, tuple(TABLES))


def _part(reader: Reader, v: dict[str, Any], path: str, given: frozenset) -> Part:
    found = (*(v["items"] or ()), *(v["per_party"] or ()))
    if not found and not v["table"]:
        reader.fail(join(path, "items"), "a section needs at least one item, per-party item or table")
    if v["mandatory"] and not any(item.mandatory for item in found):
        reader.fail(join(path, "mandatory"), "a mandatory section needs at least one mandatory item")
    return Part(**{**v, "items": tuple(v["items"] or ()), "per_party": tuple(v["per_party"] or ())})


PART = Spec(
    fields=(
        Field("id", unique_id(KEYS), doc="stable id, unique in the agreement (also the form's anchor)"),
        Field("title", Reader.text, doc="the section's heading"),
        Field("mandatory", Reader.boolean, False, "`true`: every agreement must settle it (marked *)"),
        Field("explanation", Reader.text, doc="what the section is for, in a sentence or two"),
        Field("questions", _questions, doc="the questions partners settle in it (at least one)"),
        Field("guidance", link, doc="docs page and anchor that explains it"),
        Field("items", items(ITEM), (), "the section's items, each a field and a clause"),
        Field("per_party", items(ITEM), (), "items given once for each party, drawn as a table"),
        Field("table", _table, "", f"rows imported from a register: {', '.join(f'`{t}`' for t in TABLES)}"),
    ),
    build=_part,
)


def _agreement(reader: Reader, v: dict[str, Any], path: str, given: frozenset) -> Agreement | None:
    parts = tuple(v.pop("sections") or ())
    v.pop("kind")
    names = [item.id for part in parts for item in part.per_party]
    if parts and v["party_item"] not in names:
        reader.fail("party_item", f"no per-party item called {describe(v['party_item'])}")
    return Agreement(**v, parts=parts)


AGREEMENT = Spec(
    fields=(
        Field("kind", one_of(("agreement",)), doc="`agreement`"),
        Field("id", Reader.ident, doc="stable id; also the saved draft's name for its definition"),
        Field("title", Reader.text, doc="the agreement's name"),
        Field("version", whole(1), doc="whole number; goes up whenever an item is added, removed or reworded"),
        Field("description", Reader.text, doc="one or two sentences on what the builder is for"),
        Field("minutes", span(1, 600), doc="how long a first draft takes, `[least, most]` in minutes"),
        Field("party_item", Reader.ident, "party-name", "the per-party item that names each party"),
        Field("sections", items(PART), doc="the sections, in the agreement's order"),
    ),
    build=_agreement,
)


def _values(reader: Reader, value: Any, path: str) -> tuple[tuple[str, str], ...]:
    if not isinstance(value, dict) or not value:
        reader.fail(path, f"expected a mapping of item ids to example wording, got {describe(value)}")
        return ()
    return tuple((str(key), text) for key, raw in value.items() if (text := reader.text(raw, join(path, key))))


def _rows(reader: Reader, value: Any, path: str) -> tuple:
    def row(item: Any, where: str) -> tuple | None:
        if not isinstance(item, dict) or item.get("table") not in TABLES:
            reader.fail(where, f"expected a row with a table ({', '.join(TABLES)}), got {describe(item)}")
            return None
        columns = ("table", *TABLES[item["table"]][1])
        reader.mapping(item, where, (), columns)
        return tuple((key, str(text)) for key, text in item.items() if key in columns)

    return tuple(reader.items(value, path, row))


PRESET = Spec(
    fields=(
        Field("kind", one_of(("agreement-preset",)), doc="`agreement-preset`"),
        Field("id", Reader.ident, doc="stable id of the starting point"),
        Field("title", Reader.text, doc="what the form calls it"),
        Field("description", Reader.text, doc="who it suits, in a sentence"),
        Field("agreement", Reader.ident, doc="the id of the agreement it fills"),
        Field("values", _values, doc="example wording by item id (saved key); the form marks it as an example"),
        Field("rows", _rows, (), "example rows for the imported tables, each with its `table`"),
    ),
    build=lambda reader, v, path, given: Preset(**{k: val for k, val in v.items() if k != "kind"}),
)

KINDS = {"agreement": AGREEMENT, "agreement-preset": PRESET}
"""The agreement builder's kinds of definition."""
