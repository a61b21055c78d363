"""Registers: the accountability matrix, the red-lines register and the risk register.

Rows of entries under columns a definition declares (checks/definitions/registers/), saved in the
same document family as a checklist's answers, checked by Python into findings that name the row
and field, and reported through the one document model.
"""

from checks.registers.model import Finding, Register, SavedRegister
from checks.registers.report import RegisterResult, check_register, register_document, result_to_dict, to_json
from checks.registers.saved import blank_register, read_register, register_to_dict
from checks.registers.spec import load_register, register_files, register_from_mapping

__all__ = [
    "Finding",
    "Register",
    "RegisterResult",
    "SavedRegister",
    "blank_register",
    "check_register",
    "load_register",
    "read_register",
    "register_document",
    "register_files",
    "register_from_mapping",
    "register_to_dict",
    "result_to_dict",
    "to_json",
]
