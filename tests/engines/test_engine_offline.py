"""After one visit, with the server stopped, a guidance page loads and every checklist still scores.

The first checklist is reloaded (its engine starts again, from the service worker's copy); the
others are reached by following the site's links, as a reader would.
"""

from __future__ import annotations

import pytest
from engine_copy import ENGINE_KEPT
from engine_pages import CHECKLISTS, document, guidance_path, mixed_choices, wait_for
from results_panel import expected_panel

pytestmark = pytest.mark.engines
CONTROLLED = "return navigator.serviceWorker.controller !== null"
# Whether the service worker holds the whole engine and has stopped copying (tests/engine_copy.py).
KEPT = f"const settle = arguments[arguments.length - 1]; ({ENGINE_KEPT})().then(settle, () => settle(false));"
OFFLINE_READY = 120  # s: the service worker copies the whole site (pages and engine) first


def test_every_checklist_scores_offline_after_one_visit(fresh_tab, server, command_line):
    server.allow_service_worker()
    first, *others = sorted(CHECKLISTS)
    fresh_tab.open(first)
    driver = fresh_tab.driver
    # The service worker copies the site when it installs, then takes control; a page that scores
    # then has it copy the engine too.
    wait_for(lambda: driver.execute_script(CONTROLLED), "the service worker to copy the site", OFFLINE_READY)
    wait_for(lambda: driver.execute_async_script(KEPT), "the service worker to copy the engine", OFFLINE_READY)

    server.stop()  # the `server` fixture starts it again after the test
    saved = document(first, mixed_choices(first, 4))
    fresh_tab.seed(first, saved)
    fresh_tab.reload()
    fresh_tab.wait_ready()
    fresh_tab.wait_panel(expected_panel(command_line(saved)), f"{first}, reloaded offline")

    for checklist_id in others:
        saved = document(checklist_id, mixed_choices(checklist_id, 4))
        fresh_tab.seed(checklist_id, saved)
        fresh_tab.follow_link(fresh_tab.url(checklist_id))
        fresh_tab.wait_panel(expected_panel(command_line(saved)), f"{checklist_id}, reached offline")

    fresh_tab.go(server.url + guidance_path(first))
    headings = "return [...document.querySelectorAll('article h1')].map(h => h.textContent)"
    assert len(driver.execute_script(headings)) == 1, driver.current_url
