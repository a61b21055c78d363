"""An agreement's parts, as its definition describes them: small frozen dataclasses."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from checks.answers import MAX_BYTES
from checks.model import MAX_TEXT
from checks.saved_parts import ENTRY_LAYOUT_BYTES, MAX_SHORT_TEXT, UTF8_PER_UNIT, whole_megabytes

MAX_PARTIES = 6
"""The most parties the form offers; each per-party item has this many slots."""
MIN_PARTIES = 2
"""An agreement has at least two parties: a mandatory per-party item is mandatory for the first two."""

STATUSES = {"draft": "Draft", "proposed": "Proposed", "agreed": "Agreed by all"}
"""A section's status, by the value saved."""
DRAFT = "draft"
"""What a section is until someone marks it otherwise (no status saved)."""
STATUS_PREFIX = "status-"
PROPOSER_PREFIX = "proposed-by-"
PRESET_KEY = "preset"
RESERVED = (STATUS_PREFIX, PROPOSER_PREFIX, PRESET_KEY)
"""Saved keys the builder itself uses: no item id may start with one."""

TABLES = {
    "matrix": ("Accountability matrix", ("activity", "responsible", "accountable", "consulted", "informed")),
    "risks": ("Risk register", ("risk", "owner", "likelihood", "impact", "mitigation")),
    "red-lines": ("Red lines", ("partner", "red-line", "response")),
}
"""The tables imported from the registers: caption and columns (the saved rows' fields), by name."""
COLUMN_LABELS = {
    "activity": "Activity or decision",
    "responsible": "Responsible",
    "accountable": "Accountable",
    "consulted": "Consulted",
    "informed": "Informed",
    "risk": "Risk",
    "owner": "Owner",
    "likelihood": "Likelihood",
    "impact": "Impact",
    "mitigation": "Mitigation",
    "partner": "Partner",
    "red-line": "Red line",
    "response": "If it is crossed",
}
PARTNER_COLUMNS = ("responsible", "accountable", "consulted", "informed", "owner", "partner")
"""Columns that name partners: every name in them must be a party."""

ITEM_KINDS = ("text", "line", "date", "choice", "percent")
_PERCENT = re.compile(r"\s*[0-9]{1,3}(\.[0-9]{1,2})?\s*%?\s*")


@dataclass(frozen=True)
class Option:
    id: str
    label: str


@dataclass(frozen=True)
class Item:
    """One thing the partners write down: a field of the form and a clause of the agreement."""

    id: str
    label: str
    kind: str = "text"
    hint: str = ""
    mandatory: bool = False
    legal_review: bool = False
    """Marked "needs local legal review" wherever the agreement is drawn."""
    options: tuple[Option, ...] = ()

    def accepts(self, value: str) -> bool:
        if not isinstance(value, str):
            return False
        if value == "":
            return True
        if self.kind == "choice":
            return any(option.id == value for option in self.options)
        if self.kind == "date":
            return parse_date(value) is not None
        return len(value) <= self.longest

    @property
    def longest(self) -> int:
        """The most UTF-16 units (what a form's maxlength counts) a value of this item can have."""
        if self.kind == "choice":
            return max((len(option.id) for option in self.options), default=0)
        if self.kind == "date":
            return len("2026-12-01")
        return MAX_TEXT if self.kind == "text" else MAX_SHORT_TEXT

    def label_of(self, value: str) -> str:
        return next((option.label for option in self.options if option.id == value), value)


def parse_date(value: str) -> date | None:
    """A date as ``2026-12-01`` (what a date field saves), or None."""
    if not isinstance(value, str) or len(value) != 10:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def parse_percent(value: str) -> float | None:
    """``"40"``, ``"40%"`` or ``"12.5 %"`` as a number from 0 to 100, or None."""
    if not _PERCENT.fullmatch(value):
        return None
    number = float(value.strip().rstrip("%"))
    return number if number <= 100 else None


@dataclass(frozen=True)
class Part:
    """One section of the agreement."""

    id: str
    title: str
    explanation: str
    questions: tuple[str, ...]
    guidance: str
    mandatory: bool = False
    items: tuple[Item, ...] = ()
    per_party: tuple[Item, ...] = ()
    """Items given once for each party (``{id}-1`` to ``{id}-6``), drawn as a table."""
    table: str = ""
    """One of `TABLES`: rows imported from a register, drawn as a table."""

    def slots(self) -> tuple[tuple[int, Item, str], ...]:
        """(party number, item, saved key) for every per-party slot."""
        return tuple((n, item, f"{item.id}-{n}") for n in range(1, MAX_PARTIES + 1) for item in self.per_party)


@dataclass(frozen=True)
class Agreement:
    id: str
    title: str
    version: int
    description: str
    minutes: tuple[int, int]
    parts: tuple[Part, ...]
    party_item: str = "party-name"
    """The per-party item that holds each party's name."""
    source: str = field(default="", compare=False)

    def keys(self) -> dict[str, Item]:
        """Every saved key an item fills, with its item."""
        found: dict[str, Item] = {}
        for part in self.parts:
            found.update((item.id, item) for item in part.items)
            found.update((key, item) for _, item, key in part.slots())
            found[STATUS_PREFIX + part.id] = STATUS_ITEM
            found[PROPOSER_PREFIX + part.id] = PROPOSER_ITEM
        found[PRESET_KEY] = PRESET_ITEM
        return found

    @property
    def max_bytes(self) -> int:
        """The largest draft file the builder can make, rounded up to a whole MB. Registers' rows are let in
        while the draft stays within an answers file's limit (`checks.agreement.saved.with_register`); every
        field may then be filled to its limit, each unit of it three bytes. So a draft the page exported is
        never refused when it comes back."""
        typed = sum(item.longest * UTF8_PER_UNIT + len(key) + ENTRY_LAYOUT_BYTES for key, item in self.keys().items())
        return whole_megabytes(MAX_BYTES + typed)

    def question(self, key: str) -> Item | None:
        """The item a saved key fills (what `checks.answers.read_answers` asks of any definition)."""
        return self.keys().get(key)


STATUS_ITEM = Item("status", "Status", "choice", options=tuple(Option(k, v) for k, v in STATUSES.items()))
PROPOSER_ITEM = Item("proposed-by", "Proposed by", "line")
PRESET_ITEM = Item("preset", "Starting point", "line")


@dataclass(frozen=True)
class Preset:
    """A starting point: example wording for some items (and rows), for one agreement."""

    id: str
    title: str
    description: str
    agreement: str
    values: tuple[tuple[str, str], ...]
    rows: tuple[tuple[tuple[str, str], ...], ...] = ()
    source: str = field(default="", compare=False)
