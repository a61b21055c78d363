"""The mkdocs-macros module: registers the page macros.

Kept to `define_env` so the macros also work where only that hook runs.
"""

from __future__ import annotations

from mkdocs.exceptions import PluginError

from checks import DefinitionError, offline
from macros import checklists, guidance
from macros.compare import compare_view


def define_env(env):
    bibliography = guidance.load_sources()
    checklists.definitions.cache_clear()  # `mkdocs serve` rebuilds in the same process
    try:
        checklists.definitions()  # validate every checklist before any page renders
    except DefinitionError as error:
        raise PluginError(f"Invalid checklist definition:\n{error}") from None

    # The "new version available" notice, in every page through the theme (overrides/main.html).
    env.conf["extra"]["rm_update_notice"] = offline.update_notice()

    def page_path() -> str:
        return env.page.file.src_uri

    @env.macro
    def sources(*keys: str) -> str:
        """The numbered citations for this page."""
        return guidance.sources_list(bibliography, keys, page_path())

    @env.macro
    def all_sources() -> str:
        """Every source the site cites."""
        return guidance.all_sources_list(bibliography)

    @env.macro
    def checklist_link(checklist_id: str, section_id: str | None = None) -> str:
        """A box sending the reader to the checklist (section) that tests this topic."""
        return checklists.link_box(checklist_id, section_id, page_path())

    @env.macro
    def checklist(checklist_id: str) -> str:
        """The checklist's accessible form, rendered from its definition."""
        return checklists.form(checklist_id, env.page.url)

    @env.macro
    def compare(checklist_id: str) -> str:
        """The view that compares partners' answers files for an assessment checklist."""
        return compare_view(checklist_id, env.page.url)

    @env.macro
    def agreement_builder(agreement_id: str = "partnership-agreement") -> str:
        """The partnership agreement builder, rendered from its definitions (checks.agreement)."""
        from macros.agreements import agreement_view

        return agreement_view(agreement_id, env.page.url)

    @env.macro
    def offline_control() -> str:
        """The "Make this site available offline" control (checks.offline); rm-main.js starts it."""
        return offline.offline_control()

    @env.macro
    def register(register_id: str) -> str:
        """A register's form of rows (accountability matrix, red lines, risks), rendered by checks.registers."""
        from macros.registers import register_view

        return register_view(register_id, env.page.url)
