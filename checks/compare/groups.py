"""Who answered, in groups (organisations and roles), and which groups may be shown.

Named mode (the default) shows every group. Anonymous mode shows a group only when at least
`min_group` people are in it (never fewer than `MIN_GROUP_FLOOR`); a smaller one shows
"fewer than N respondents" instead of its answers, and names are never shown.
"""

from __future__ import annotations

from dataclasses import dataclass

from checks.compare.inputs import Response
from checks.plurals import counted
from checks.saved_parts import ROLES

MIN_GROUP = 5
"""The smallest group shown in anonymous mode, unless the reader sets another."""
MIN_GROUP_FLOOR = 3
"""The smallest group anyone may choose to show in anonymous mode."""
MIN_GROUP_MOST = 1000
"""The largest smallest group a comparison keeps (a check on the saved number, not a limit anyone meets)."""
NO_ORGANISATION = "Organisation not given"
NO_ROLE = "Role not given"


@dataclass(frozen=True)
class Settings:
    anonymous: bool = False
    min_group: int = MIN_GROUP


def min_group_problem(value: object) -> str:
    """The message for a minimum group size that cannot be used; "" when it can."""
    if isinstance(value, bool) or not isinstance(value, int) or not MIN_GROUP_FLOOR <= value <= MIN_GROUP_MOST:
        return f"The smallest group shown must be a whole number from {MIN_GROUP_FLOOR} to {MIN_GROUP_MOST:,}."
    return ""


@dataclass(frozen=True)
class Group:
    key: str
    """What groups the respondents: an organisation's name as first given, or a role's label."""
    members: tuple[int, ...]
    """Indexes into the comparison's responses."""
    shown: bool
    """Whether its answers may be shown (always in named mode)."""

    @property
    def size(self) -> int:
        return len(self.members)


def organisation_of(response: Response) -> str:
    value = response.saved.respondent.get("organisation", "")
    return " ".join(value.split()) if isinstance(value, str) and value.strip() else NO_ORGANISATION


def role_of(response: Response) -> str:
    return ROLES.get(response.saved.respondent.get("role", ""), NO_ROLE)


def group_by(responses: tuple[Response, ...], key, settings: Settings) -> tuple[Group, ...]:
    """Groups in the order they first appear; names that differ only in case or spacing are one group."""
    found: dict[str, tuple[str, list[int]]] = {}
    for index, response in enumerate(responses):
        name = key(response)
        found.setdefault(name.casefold(), (name, []))[1].append(index)
    return tuple(
        Group(name, tuple(members), not settings.anonymous or len(members) >= settings.min_group)
        for name, members in found.values()
    )


def fewer_than(settings: Settings) -> str:
    return f"fewer than {settings.min_group} respondents"


def anonymity_notices(organisations: tuple[Group, ...], roles: tuple[Group, ...], settings: Settings) -> list[str]:
    if not settings.anonymous:
        return []
    notices = [
        f"Anonymous mode: names are not shown, and a group's answers are shown only when at least "
        f"{settings.min_group} people in it answered."
    ]
    if len(organisations) == 2:
        notices.append(
            "Only 2 organisations took part, so a view by organisation cannot be anonymous: each side can work "
            "out what the other answered. Talk about the results together, not as one side's view."
        )
    hidden = [g for g in (*organisations, *roles) if not g.shown]
    if hidden:
        verb = "is not shown on its own" if len(hidden) == 1 else "are not shown on their own"
        notices.append(f"{counted(len(hidden), 'group')} with {fewer_than(settings)} {verb}.")
    return notices
