"""The worker's register actions, in the one reply shape of checks.worker_api (which lists them in
its ACTIONS). Each payload names its register (``checklist``, ``version``) and sends the definition
with its first request only; today's date comes from the page (Python never reads the clock)."""

from __future__ import annotations

from typing import Any

from checks.answers import refuse_size
from checks.errors import Problem, RequestError
from checks.files import REPORTS
from checks.registers.checks import partner_uses
from checks.registers.component import (
    EXAMPLE_KEPT,
    EXAMPLE_NOT_KEPT,
    REGISTER_WORK,
    exported,
    imported,
    not_imported,
    partner_removed,
    remove_partner_question,
)
from checks.registers.files import export_file, panel_html, report_file
from checks.registers.model import MAX_PARTNERS, Register
from checks.registers.report import RegisterResult, check_register, result_to_dict
from checks.registers.saved import blank_register, read_register, register_to_dict, without_partner
from checks.registers.spec import register_from_mapping
from checks.replacing import replacement
from checks.wording import report_downloaded


def _need(payload: dict[str, Any], key: str, kind: type) -> Any:
    # checks.worker_api's own checks of a payload; imported here, as it imports this module for its ACTIONS
    from checks.worker_api import _need as need

    return need(payload, key, kind)


def _day(payload: dict[str, Any]):
    from checks.worker_api import _day as day

    return day(payload)


_registers: dict[tuple[str, int], Register] = {}


def _register(payload: dict[str, Any]) -> Register:
    key = (_need(payload, "checklist", str), _need(payload, "version", int))
    if key not in _registers:
        if "definition" not in payload:
            raise RequestError([Problem("definition", f"register {key[0]!r} version {key[1]} has not been sent yet")])
        register = register_from_mapping(payload["definition"])
        if (register.id, register.version) != key:
            raise RequestError([Problem("definition", "the definition is not the one the request names")])
        _registers[key] = register
    return _registers[key]


def _checked(payload: dict[str, Any]) -> RegisterResult:
    register = _register(payload)
    return check_register(register, read_register(_need(payload, "document", dict), register), _day(payload))


def _check(payload: dict[str, Any]) -> dict[str, Any]:
    """The findings panel's HTML, each row's findings (to mark it) and the data as JSON."""
    result = _checked(payload)
    return {"html": panel_html(result), "marks": result.row_marks(), "data": result_to_dict(result)}


def _import(payload: dict[str, Any]) -> dict[str, Any]:
    """Check a file in full before anything is kept; the clean document comes back to be stored."""
    register = _register(payload)
    name = _need(payload, "filename", str)
    refuse_size(_need(payload, "size", int), register.max_bytes, register.saved_file)
    reply = _replacing(register, _need(payload, "text", str), payload, REGISTER_WORK.file(name, not_imported(name)))
    return {**reply, "status": imported(name)}


def _keep_example(payload: dict[str, Any]) -> dict[str, Any]:
    """The example, as the reader may have changed it, kept as their register: checked as a file is, and
    asked first only when it would replace their own work (``document``: their register as saved)."""
    register = _register(payload)
    reply = _replacing(
        register, _need(payload, "example", dict), payload, REGISTER_WORK.question("the example", EXAMPLE_NOT_KEPT)
    )
    return {**reply, "status": EXAMPLE_KEPT}


def _remove_partner(payload: dict[str, Any]) -> dict[str, Any]:
    """The register (``document``) without partner ``partner`` (from 1), the later partners a place up with
    their roles (checks.registers.saved.without_partner); what to ask first when rows refer to the partner
    (``confirm``, as checks.replacing asks, or None); and what to say once it is done."""
    register = _register(payload)
    number = _need(payload, "partner", int)
    if not 1 <= number <= MAX_PARTNERS:
        raise RequestError([Problem("partner", f"expected a partner's number from 1 to {MAX_PARTNERS}, got {number}")])
    saved = read_register(_need(payload, "document", dict), register)
    return {
        "document": register_to_dict(without_partner(register, saved, number)),
        "confirm": remove_partner_question(register, saved, number, partner_uses(register, saved, number)),
        "status": partner_removed(saved, number),
    }


def _replacing(register: Register, incoming: Any, payload: dict[str, Any], asked: dict[str, str]) -> dict[str, Any]:
    """`incoming` read in full as the reader's register, and `asked` when it would replace their work
    (``document`` in the payload: their register as saved); see checks.replacing."""

    def read(document: Any) -> dict[str, Any]:
        return register_to_dict(read_register(document, register))

    return replacement(incoming, payload.get("document"), read, blank_register(register), asked)


def _export(payload: dict[str, Any]) -> dict[str, Any]:
    file = export_file(_checked(payload), _day(payload))
    return {"file": file.to_dict(), "status": exported(file.name)}


def _report(payload: dict[str, Any]) -> dict[str, Any]:
    format_name = _need(payload, "format", str)
    if format_name not in REPORTS:
        raise RequestError([Problem("format", f"expected one of: {', '.join(REPORTS)}, got {format_name!r}")])
    file = report_file(_checked(payload), format_name, _day(payload))
    return {"file": file.to_dict(), "status": report_downloaded(file.name)}


ACTIONS = {
    "register_check": _check,
    "register_import": _import,
    "register_keep_example": _keep_example,
    "register_remove_partner": _remove_partner,
    "register_export": _export,
    "register_report": _report,
}
