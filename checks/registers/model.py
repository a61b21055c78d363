"""What a register is (its definition) and what a saved register holds, as plain data classes.

Three kinds share one shape: rows of entries under declared columns, a list of partners and a few
settings. The accountability matrix gives each partner a role per row; the red-lines register
screens a prospective partner; the risk register scores each risk. Findings name the row and field.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from checks.answers import MAX_BYTES
from checks.saved_parts import ENTRY_LAYOUT_BYTES, UTF8_PER_UNIT, whole_megabytes

MAX_ROWS = 200
MAX_PARTNERS = 20
MIN_PARTNERS = 2
"""Partners the form always shows (a partnership has at least two); each one after them has a Remove button."""
MAX_CELL = 2_000
ROOM_BYTES = 200_000
"""Room in a file for all but the rows: partners, settings, who answered, notes and the JSON layout."""

KINDS = ("accountability-matrix", "red-lines", "risk-register")
"""The kinds of register, each with its own findings (checks.registers.findings)."""

COLUMN_KINDS = ("text", "long-text", "choice", "date", "score", "whole", "partner", "roles")
"""text and long-text: free text; choice: one of its options; date: YYYY-MM-DD; score: 1 to 5;
whole: a whole number; partner: one of the partners' names; roles: one of its options per partner."""

NEEDED_COLUMNS = {
    "accountability-matrix": {"activity": "text", "roles": "roles"},
    "red-lines": {"line": "text", "owner": "partner", "category": "choice", "review": "date", "screen": "choice"},
    "risk-register": {
        "ref": "text",
        "description": "long-text",
        "likelihood": "score",
        "impact": "score",
        "owner": "partner",
        "sharing": "choice",
        "mitigations": "long-text",
        "status": "choice",
        "review": "date",
    },
}
"""The columns each kind's findings read, by id, with the kind of column each must be."""

NEEDED_SETTINGS = {"red-lines": {"prospect": "text"}, "risk-register": {"threshold": "whole"}}


@dataclass(frozen=True)
class Option:
    id: str
    label: str


@dataclass(frozen=True)
class Column:
    id: str
    label: str
    kind: str
    options: tuple[Option, ...] = ()
    required: bool = False
    hint: str = ""

    def label_of(self, value: str) -> str:
        return next((o.label for o in self.options if o.id == value), value)

    @property
    def longest(self) -> int:
        """The most characters the register's form lets one entry of this column hold: its longest
        option when chosen from a list, else MAX_CELL (checks.registers.form)."""
        return max(len(o.id) for o in self.options) if self.options else MAX_CELL


@dataclass(frozen=True)
class Register:
    id: str
    title: str
    version: int
    kind: str
    description: str
    guidance: str
    row_name: str
    columns: tuple[Column, ...]
    settings: tuple[Column, ...] = ()
    source: str = ""

    def column(self, column_id: str) -> Column | None:
        return next((c for c in self.columns if c.id == column_id), None)

    def setting(self, setting_id: str) -> Column | None:
        return next((c for c in self.settings if c.id == setting_id), None)

    @property
    def max_bytes(self) -> int:
        """The largest file of this register that its form can make, rounded up to a whole MB (and at
        least an answers file's limit): every row used, every entry as long as the form allows, each
        unit of it three bytes. So a register the page exported is never refused when it comes back."""
        per_row = 0
        for column in self.columns:
            # A roles column holds one entry per partner, under the partner's key; any other, its own.
            entries, key = (MAX_PARTNERS, partner_key(MAX_PARTNERS)) if column.kind == "roles" else (1, column.id)
            per_row += entries * (column.longest * UTF8_PER_UNIT + len(key) + ENTRY_LAYOUT_BYTES)
        most = MAX_ROWS * per_row + ROOM_BYTES
        return max(MAX_BYTES, whole_megabytes(most))

    @property
    def saved_file(self) -> str:
        """What a saved file of this register is called in a sentence: "a saved risk register"."""
        title = self.title[0].lower() + self.title[1:] if self.title[1:2].islower() else self.title
        return f"a saved {title}"

    @property
    def row_fields(self) -> tuple[str, ...]:
        """The ids a row may hold: each column's, and for a roles column, one per partner slot."""
        ids = [c.id for c in self.columns if c.kind != "roles"]
        if any(c.kind == "roles" for c in self.columns):
            ids += [partner_key(n) for n in range(1, MAX_PARTNERS + 1)]
        return tuple(ids)


def partner_key(number: int) -> str:
    """The key of the n-th partner (from 1): in the saved answers (its name) and in a matrix row (its role)."""
    return f"partner-{number}"


_PARTNER_KEY = re.compile(r"partner-([1-9][0-9]{0,5})")
"""A partner's key as `partner_key` writes it: partner-1, never partner-0 or partner-01."""


def partner_number(key: str) -> int:
    """The partner a key written by `partner_key` is for (from 1); 0 for any other key."""
    match = _PARTNER_KEY.fullmatch(key)
    return int(match.group(1)) if match else 0


@dataclass(frozen=True)
class SavedRegister:
    """One register as saved: the same document family as a checklist's answers (format 2)."""

    register: str
    version: int
    saved_at: str = ""
    respondent: dict = field(default_factory=dict)
    partners: tuple[str, ...] = ()
    settings: dict[str, str] = field(default_factory=dict)
    rows: tuple[dict[str, str], ...] = ()
    notes: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Finding:
    """Something the reader should fix or look at: where (``rows[2].likelihood``) and what, in words."""

    path: str
    message: str
    row: int | None = None
    """The row it is about (from 0), to mark on the form; None for the register as a whole."""
