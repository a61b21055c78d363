"""The checks on a draft agreement, and what the draft says section by section.

- every mandatory item left empty is still to agree;
- every partner named in the accountability matrix and the registers must be a party;
- contribution shares, where given, add up to 100%;
- the first review falls within the term (and the term ends after it starts);
- an exit section without notice or triggers is flagged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from checks.agreement.model import (
    COLUMN_LABELS,
    DRAFT,
    MIN_PARTIES,
    PARTNER_COLUMNS,
    PROPOSER_PREFIX,
    STATUS_PREFIX,
    STATUSES,
    TABLES,
    Agreement,
    Item,
    Part,
    parse_date,
    parse_percent,
)
from checks.answers import SavedAnswers

SHARE_ITEM = "share"
TERM = ("start-date", "end-date", "review-date")
EXIT = ("exit-notice", "exit-triggers")
_NAMES = re.compile(r"\s*;\s*")


@dataclass(frozen=True)
class Finding:
    check: str
    """Which check: ``parties``, ``shares``, ``term`` or ``exit``."""
    kind: str
    """A notice kind (checks.document): ``warning`` or ``red_flag``."""
    text: str
    part: str = ""
    """The section it is about."""
    keys: tuple[str, ...] = ()
    """The draft's fields (answer keys) it is about: the builder reads it out with each of them."""


@dataclass(frozen=True)
class Entry:
    """One slot of the draft: its item, its key and what it holds."""

    number: str
    item: Item
    key: str
    value: str


@dataclass(frozen=True)
class Review:
    agreement: Agreement
    saved: SavedAnswers
    parties: tuple[str, ...]
    """The parties' names, in order."""
    missing: tuple[tuple[Part, str], ...]
    """Each mandatory item still to agree, with its section: (section, what it is)."""
    findings: tuple[Finding, ...]
    legal: tuple[tuple[Part, str], ...]
    """Each item that needs local legal review."""

    def value(self, key: str) -> str:
        return self.saved.answers.get(key, "").strip()

    def status(self, part: Part) -> str:
        value = self.saved.answers.get(STATUS_PREFIX + part.id, "")
        return value if value in STATUSES else DRAFT

    def proposer(self, part: Part) -> str:
        return self.value(PROPOSER_PREFIX + part.id)

    @property
    def agreed(self) -> bool:
        return all(self.status(part) == "agreed" for part in self.agreement.parts)

    def missing_in(self, part: Part) -> list[str]:
        return [what for owner, what in self.missing if owner is part]


def review(agreement: Agreement, saved: SavedAnswers) -> Review:
    answers = {key: text.strip() for key, text in saved.answers.items() if isinstance(text, str)}
    parties = tuple(
        answers[key]
        for part in agreement.parts
        for _, item, key in part.slots()
        if item.id == agreement.party_item
        if answers.get(key)
    )
    missing, legal = [], []
    for part in agreement.parts:
        for item in part.items:
            if item.mandatory and not answers.get(item.id):
                missing.append((part, item.label))
            if item.legal_review:
                legal.append((part, item.label))
        for number, item, key in part.slots():
            if item.mandatory and number <= MIN_PARTIES and not answers.get(key):
                missing.append((part, f"{item.label} (party {number})"))
        legal += [(part, f"{item.label} (each party)") for item in part.per_party if item.legal_review]
    findings = (
        *_strangers(agreement, saved, parties),
        *_shares(agreement, answers),
        *_term(answers),
        *_exit(answers),
    )
    return Review(agreement, saved, parties, tuple(missing), findings, tuple(legal))


def names_in(cell: str) -> list[str]:
    """The partners a cell names, separated by semicolons."""
    return [name for name in _NAMES.split(cell) if name]


def _strangers(agreement: Agreement, saved: SavedAnswers, parties: tuple[str, ...]) -> list[Finding]:
    known = {" ".join(name.lower().split()) for name in parties}
    found: dict[tuple[str, str], None] = {}
    for row in saved.rows:
        table = row.get("table", "")
        for column in (c for c in PARTNER_COLUMNS if c in TABLES.get(table, ("", ()))[1]):
            for name in names_in(row.get(column, "")):
                if " ".join(name.lower().split()) not in known:
                    found[(name, table)] = None
    part_of = {part.table: part.id for part in agreement.parts if part.table}
    return [
        Finding(
            "parties",
            "warning",
            f"{name} is named in the {TABLES[table][0].lower()} but is not a party: "
            "add them to the parties, or correct the name.",
            part_of.get(table, ""),
        )
        for name, table in found
    ]


def _shares(agreement: Agreement, answers: dict[str, str]) -> list[Finding]:
    for part in agreement.parts:
        given = [(n, key, answers[key]) for n, item, key in part.slots() if item.id == SHARE_ITEM and answers.get(key)]
        if not given:
            continue
        numbers = [parse_percent(text) for _, _, text in given]
        bad = [(n, key) for (n, key, _), number in zip(given, numbers, strict=True) if number is None]
        if bad:
            parties = ", ".join(str(n) for n, _ in bad)
            text = f"The share of party {parties} is not a number from 0 to 100."
            return [Finding("shares", "warning", text, part.id, tuple(key for _, key in bad))]
        total = sum(number for number in numbers if number is not None)
        if abs(total - 100) > 0.001:
            text = f"The contribution shares add up to {total:g}%, not 100%."
            return [Finding("shares", "warning", text, part.id, tuple(key for _, key, _ in given))]
    return []


def _term(answers: dict[str, str]) -> list[Finding]:
    start, end, first_review = (parse_date(answers.get(key, "")) for key in TERM)
    if start and end and end <= start:
        return [Finding("term", "warning", "The end date is not after the start date.", "term", TERM[:2])]
    if first_review and ((start and first_review < start) or (end and first_review > end)):
        text = "The first review falls outside the term of the agreement."
        return [Finding("term", "warning", text, "term", TERM[2:])]
    return []


def _exit(answers: dict[str, str]) -> list[Finding]:
    lacking = [
        (key, label)
        for key, label in zip(EXIT, ("notice", "triggers for an early exit"), strict=True)
        if not answers.get(key)
    ]
    if not lacking:
        return []
    text = f"The exit section says nothing about {' or '.join(label for _, label in lacking)}."
    return [Finding("exit", "red_flag", text, "exit", tuple(key for key, _ in lacking))]


def column_label(column: str) -> str:
    return COLUMN_LABELS.get(column, column)
