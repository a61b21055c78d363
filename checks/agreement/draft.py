"""A draft agreement as the one document model (checks.document), which every renderer draws.

A cover (title, parties, date), a summary (sections agreed, what is still to agree, the checks,
what needs local legal review, example wording left), then each section as numbered clauses
with its status; the imported matrix, risks and red lines as tables. "DRAFT" heads every page
of the Word file until every section is agreed by all.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from checks.agreement.model import MIN_PARTIES, STATUSES, TABLES, Item, Part, parse_date
from checks.agreement.review import Finding, Review, column_label
from checks.agreement.saved import EXAMPLE
from checks.document import BulletList, Document, Heading, Notice, Paragraph, Strong, Table, link_to

STILL_TO_AGREE = "Still to agree"
LEGAL = "Needs local legal review."
DRAFT = "DRAFT"


def draft_document(review: Review, field_id: Callable[[str], str] | None = None) -> Document:
    """The draft. The builder's preview gives `field_id` (a saved key to the id of the form's field that
    fills it, or ""): each check's finding links to the first field it is about, as a GOV.UK error summary's
    items do. A download has no form to link to, and is given none."""
    agreement = review.agreement
    noticed = _noticed(field_id)
    name = review.value("partnership-name")
    title = f"{name}: {agreement.title.lower()}" if name else agreement.title
    blocks = [*_cover(review), *_summary(review, noticed)]
    for number, part in enumerate(agreement.parts, 1):
        blocks += _part(review, part, number, noticed)
    return Document(
        title,
        tuple(blocks),
        subtitle="Agreed by all partners" if review.agreed else "Draft for discussion: not yet agreed by all partners",
        data=tuple(_table(review, part) for part in agreement.parts if part.table),
        header="" if review.agreed else DRAFT,
    )


def _cover(review: Review) -> list:
    parties = review.parties
    between = ", ".join(parties[:-1]) + f" and {parties[-1]}" if len(parties) > 1 else "".join(parties)
    return [
        Paragraph((Strong("Between:"), f" {between or STILL_TO_AGREE.lower()}"), "rm-cover"),
        Paragraph((Strong("Date:"), f" {_day(review.saved.saved_at)}"), "rm-cover"),
    ]


def _day(saved_at: str) -> str:
    when = parse_date(saved_at[:10])
    return f"{when.day} {when:%B %Y}" if isinstance(when, date) else "not saved yet"


def _noticed(field_id: Callable[[str], str] | None) -> Callable[[Finding], Notice]:
    """A finding as a notice: linked to its first field, given `field_id` and a field."""

    def notice(finding: Finding) -> Notice:
        target = field_id(finding.keys[0]) if field_id and finding.keys else ""
        return Notice(link_to(finding.text, target), finding.kind)

    return notice


def _summary(review: Review, noticed: Callable[[Finding], Notice]) -> list:
    parts = review.agreement.parts
    agreed = sum(review.status(part) == "agreed" for part in parts)
    blocks: list = [Heading(2, "Summary", "summary", new_page=True)]
    blocks.append(Paragraph(f"Sections agreed by all partners: {agreed} of {len(parts)}."))
    if not review.agreed:
        blocks.append(Notice("This is a draft: not every section is agreed by all partners yet.", "warning"))
    blocks.append(Heading(3, STILL_TO_AGREE))
    number = {part.id: n for n, part in enumerate(parts, 1)}
    if review.missing:
        blocks.append(BulletList(tuple(f"{p.title} (section {number[p.id]}): {what}" for p, what in review.missing)))
    else:
        blocks.append(Paragraph("Nothing: every mandatory item has an answer."))
    blocks.append(Heading(3, "Checks"))
    blocks += [noticed(f) for f in review.findings] or [Paragraph("The checks found no problems.")]
    blocks.append(Heading(3, "Needs local legal review"))
    blocks.append(BulletList(tuple(f"{p.title} (section {number[p.id]}): {what}" for p, what in review.legal)))
    examples = [
        f"{p.title} (section {number[p.id]}): {item.label}"
        for p in parts
        for item in p.items
        if review.value(item.id).startswith(EXAMPLE.strip())
    ]
    if examples:
        blocks.append(Heading(3, "Example wording still to change"))
        blocks.append(BulletList(tuple(examples)))
    return blocks


def _part(review: Review, part: Part, number: int, noticed: Callable[[Finding], Notice]) -> list:
    blocks: list = [Heading(2, f"{number}. {part.title}", f"clause-{part.id}")]
    status = review.status(part)
    said = "Proposed by " + review.proposer(part) if status == "proposed" and review.proposer(part) else None
    mandatory = " Every agreement must settle this section." if part.mandatory else ""
    blocks.append(Paragraph((Strong("Status:"), f" {said or _status_label(status)}.{mandatory}"), "rm-status"))
    missing = review.missing_in(part)
    if missing:
        blocks.append(Notice(f"{STILL_TO_AGREE}: {'; '.join(missing)}.", "warning"))
    blocks += [noticed(f) for f in review.findings if f.part == part.id]
    for clause, item in enumerate(part.items, 1):
        blocks.append(_clause(review, item, f"{number}.{clause}", review.value(item.id)))
    if part.per_party:
        blocks.append(_per_party(review, part))
    if part.table:
        blocks.append(_table(review, part))
    return blocks


def _status_label(status: str) -> str:
    return STATUSES[status]


def _clause(review: Review, item: Item, number: str, value: str) -> Paragraph:
    text = item.label_of(value) if value else (STILL_TO_AGREE if item.mandatory else "Not covered.")
    content: tuple = (Strong(f"{number} {item.label}:"), f" {text}")
    if item.legal_review:
        content += (" ", Strong(LEGAL))
    return Paragraph(content)


def _per_party(review: Review, part: Part) -> Table:
    names = {n: review.value(key) for n, item, key in part.slots() if item.id == review.agreement.party_item}
    used = [n for n, _, key in part.slots() if review.value(key)] + [MIN_PARTIES]
    rows = []
    for n in range(1, max(used) + 1):
        cells = []
        for item in part.per_party:
            value = review.value(f"{item.id}-{n}")
            empty = STILL_TO_AGREE if item.mandatory and n <= MIN_PARTIES else ""
            cells.append(value or empty)
        label = (
            str(n) if any(i.id == review.agreement.party_item for i in part.per_party) else names.get(n) or f"Party {n}"
        )
        rows.append((label, *cells))
    legal = [item.label for item in part.per_party if item.legal_review]
    caption = f"{part.title}, party by party" + (f" ({', '.join(legal)}: {LEGAL.lower()[:-1]})" if legal else "")
    return Table(caption, ("Party", *(item.label for item in part.per_party)), tuple(rows), f"table-{part.id}")


def _table(review: Review, part: Part) -> Table:
    caption, columns = TABLES[part.table]
    rows = tuple(tuple(row.get(c, "") for c in columns) for row in review.saved.rows if row.get("table") == part.table)
    return Table(caption, tuple(column_label(c) for c in columns), rows, f"table-{part.table}")
