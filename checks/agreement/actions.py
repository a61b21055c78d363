"""The worker's actions for the agreement builder, in the one reply shape (checks.worker_api).

Every payload names the agreement (``checklist``, ``version``: the names every tool's page sends);
the page sends the definitions (``definition``: the agreement and its presets) with its first
request only, and they are checked once and kept. Nothing is changed in a reply until everything
in the request has been checked: a refused import leaves the draft as it was.
"""

from __future__ import annotations

from typing import Any

from checks.agreement import wording
from checks.agreement.definitions import Builder, builder_from_mapping
from checks.agreement.draft import draft_document
from checks.agreement.form import field_id
from checks.agreement.model import TABLES
from checks.agreement.reports import DOWNLOADS, download, export, review_of
from checks.agreement.saved import DRAFT_FILE, REGISTER_FILE, blank_draft, read_draft, with_preset, with_register
from checks.answers import MAX_BYTES, answers_to_dict, refuse_size
from checks.errors import Problem, RequestError
from checks.replacing import replacement

_builders: dict[tuple[str, int], Builder] = {}


def _builder(payload: dict[str, Any]) -> Builder:
    from checks.worker_api import _need

    key = (_need(payload, "checklist", str), _need(payload, "version", int))
    if key not in _builders:
        if "definition" not in payload:
            raise RequestError([Problem("definition", f"agreement {key[0]!r} version {key[1]} has not been sent yet")])
        builder = builder_from_mapping(payload["definition"])
        if (builder.agreement.id, builder.agreement.version) != key:
            raise RequestError([Problem("definition", "the definition is not the one the request names")])
        _builders[key] = builder
    return _builders[key]


def _draft(payload: dict[str, Any], builder: Builder):
    from checks.worker_api import _need

    return read_draft(_need(payload, "document", dict), builder.agreement)


def _preview(payload: dict[str, Any]) -> dict[str, Any]:
    """The agreement as HTML, under the page's own headings (its title an h3), its findings linked to their
    fields, and the findings about each field by its key, for the page to read out with the field (as
    GOV.UK puts an error under its label)."""
    from checks.render.html import document_to_html

    builder = _builder(payload)
    found = review_of(builder, _draft(payload, builder))
    fields: dict[str, list[str]] = {}
    for finding in found.findings:
        for key in finding.keys:
            fields.setdefault(key, []).append(finding.text)
    document = draft_document(found, lambda key: field_id(builder.agreement, key))
    return {"html": document_to_html(document, heading_offset=2), "fields": fields}


def _import(payload: dict[str, Any]) -> dict[str, Any]:
    from checks.worker_api import _need

    builder = _builder(payload)
    name = _need(payload, "filename", str)
    refuse_size(_need(payload, "size", int), builder.agreement.max_bytes, DRAFT_FILE)
    reply = replacement(
        _need(payload, "text", str),
        payload.get("document"),
        lambda document: answers_to_dict(read_draft(document, builder.agreement)),
        blank_draft(builder.agreement),
        wording.DRAFT_WORK.file(name, wording.not_imported(name)),
    )
    return {**reply, "status": wording.imported(name)}


def _register(payload: dict[str, Any]) -> dict[str, Any]:
    """A register's rows put in the draft in place of the table's old ones."""
    from checks.worker_api import _need

    builder = _builder(payload)
    saved = _draft(payload, builder)
    name = _need(payload, "filename", str)
    refuse_size(_need(payload, "size", int), MAX_BYTES, REGISTER_FILE)
    updated, found = with_register(saved, _need(payload, "text", str))
    rows, replaced = (sum(row.get("table") == found.table for row in draft.rows) for draft in (updated, saved))
    labels = builder.register_columns.get(found.register, {})
    left_out = [labels.get(column, column) for column in found.left_out]
    status = wording.register_imported(name, TABLES[found.table][0].lower(), rows, replaced, left_out, found.unnamed)
    return {"document": answers_to_dict(updated), "status": status}


def _preset(payload: dict[str, Any]) -> dict[str, Any]:
    from checks.worker_api import _need

    builder = _builder(payload)
    preset = builder.preset(_need(payload, "preset", str))
    if preset is None:
        raise RequestError([Problem("preset", f"no starting point called {payload['preset']!r}")])
    reply = replacement(
        answers_to_dict(with_preset(builder, preset)),  # read as any draft is
        payload.get("document"),
        lambda document: answers_to_dict(read_draft(document, builder.agreement)),
        blank_draft(builder.agreement),
        wording.DRAFT_WORK.question(f"the example “{preset.title}”", "Your draft was not changed."),
    )
    return {**reply, "status": wording.preset_used(preset.title)}


def _export(payload: dict[str, Any]) -> dict[str, Any]:
    from checks.worker_api import _day

    builder = _builder(payload)
    file = export(builder, _draft(payload, builder), _day(payload))
    return {"file": file.to_dict(), "status": wording.exported(file.name)}


def _report(payload: dict[str, Any]) -> dict[str, Any]:
    from checks.worker_api import _day, _need

    builder = _builder(payload)
    format_name = _need(payload, "format", str)
    if format_name not in DOWNLOADS:
        raise RequestError([Problem("format", f"expected one of: {', '.join(DOWNLOADS)}, got {format_name!r}")])
    file = download(builder, _draft(payload, builder), format_name, _day(payload))
    return {"file": file.to_dict(), "status": wording.downloaded(file.name)}


ACTIONS = {
    "agreement_preview": _preview,
    "agreement_import": _import,
    "agreement_register": _register,
    "agreement_preset": _preset,
    "agreement_export": _export,
    "agreement_report": _report,
}
"""The builder's actions, added to checks.worker_api.ACTIONS."""
