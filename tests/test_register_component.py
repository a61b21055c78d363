"""Each register's page component, rendered at build time: complete and printable without
JavaScript, everything the script needs in data-config, every text escaped."""

from __future__ import annotations

import html
import json
import re

import pytest
from form_limits import most_characters

from checks.loader import load_definition
from checks.registers import load_register, read_register, register_files
from checks.registers.component import refused, register_component
from checks.registers.form import BLANK_ROWS
from checks.registers.model import MAX_PARTNERS, MAX_ROWS

FILES = register_files()


@pytest.fixture(params=FILES, ids=[p.stem for p in FILES])
def rendered(request):
    register = load_register(request.param)
    example = json.loads((request.param.parents[2] / "examples" / f"{register.id}.json").read_text())
    return register, register_component(register, load_definition(request.param), example, "../../")


def config(markup: str) -> dict:
    return json.loads(html.unescape(re.search(r'data-config="([^"]*)"', markup).group(1)))


def test_without_javascript_it_is_a_blank_template(rendered):
    _, markup = rendered
    rows = re.findall(r'<li class="rm-row"', markup)
    assert len(rows) == BLANK_ROWS + 1  # the printed rows and the template's
    assert re.search(r'<div class="rm-toolbar"[^>]* hidden>', markup)
    assert markup.count('data-action="add-row" hidden') == 1
    assert "With JavaScript off this is a blank template" in markup


def test_the_config_holds_a_blank_document_and_the_example_that_both_read(rendered):
    register, markup = rendered
    settings = config(markup)
    assert settings["storage_key"] == f"relationship-matters:answers:{register.id}"
    assert read_register(settings["blank"], register).rows == ()
    assert read_register(settings["example"], register).rows
    assert (settings["max_rows"], settings["max_partners"]) == (200, 20)


def test_the_page_imports_any_file_its_form_can_make(rendered):
    """The page reads at most max_bytes of a file: the rows its form can fill (each control in the row
    template at its maxlength or longest option, three bytes a unit, every row used) fit in it."""
    _, markup = rendered
    template = re.search(r"<template[^>]*>(.*?)</template>", markup, re.S).group(1)
    most = most_characters(template)
    assert most and 3 * MAX_ROWS * most < config(markup)["max_bytes"]


def test_each_row_is_a_group_named_by_its_title(rendered):
    """GOV.UK's "add another" gives each item a fieldset and legend: tabbing into a row says which it is."""
    _, markup = rendered
    groups = re.findall(r'<li class="rm-row"><div role="group" aria-labelledby="([^"]+)"><h3 id="([^"]+)"', markup)
    assert len(groups) == BLANK_ROWS + 1
    assert all(named == title for named, title in groups)


def test_each_setting_and_partner_is_described_by_its_own_findings(rendered):
    """A finding about a setting or a partner (not a row) is listed under the field it is about, by its path."""
    register, markup = rendered
    paths = [f"settings.{s.id}" for s in register.settings] + [f"partners[{n}]" for n in range(MAX_PARTNERS)]
    for path in paths:
        listed = re.search(rf'<ul class="rm-field-problems" id="([^"]+)" data-path="{re.escape(path)}"></ul>', markup)
        assert listed, path
        assert re.search(rf'<(?:input|select)[^>]* aria-describedby="[^"]*{listed.group(1)}"', markup), path


def test_every_control_has_a_label(rendered):
    _, markup = rendered
    ids = re.findall(r'<(?:input|select|textarea)[^>]* id="([^"]+)"', markup)
    labelled = set(re.findall(r'<label for="([^"]+)"', markup))
    assert ids and set(ids) <= labelled


def test_a_date_says_its_format_in_a_hint_read_with_it_not_in_a_placeholder(rendered):
    register, markup = rendered
    dates = [c.id for c in register.columns if c.kind == "date"]
    assert "placeholder=" not in markup
    for column in dates:
        control = re.search(rf'<input [^>]*id="([^"]*-{column})"[^>]*>', markup)
        hint = f"{control.group(1)}-hint"
        assert f'aria-describedby="{hint}' in control.group(0)
        assert re.search(rf'<p class="rm-hint" id="{hint}">Year, month and day, for example 2027-03-31.</p>', markup)


def test_refusals_say_the_saved_register_is_unchanged():
    payload = {"filename": "<b>x</b>.json"}
    assert (
        refused("register_import", payload)
        == "<b>x</b>.json was not imported, and your saved register was not changed."
    )
    assert refused("register_check", {}) == "Findings are unavailable."


def test_each_partner_has_a_remove_button_that_says_which(rendered):
    """GOV.UK's "add another" gives each item a Remove button, shown by the page script while more than
    `min_partners` are shown. Rendered hidden (it needs JavaScript), and named by its partner."""
    _, markup = rendered
    least = config(markup)["min_partners"]
    buttons = re.findall(
        r'<li class="rm-partner[^"]*"[^>]* data-slot="(\d+)"[^>]*>(?:(?!</li>).)*?'
        r'<button type="button" class="[^"]*" data-action="remove-partner" hidden>(.*?)</button>',
        markup,
    )
    assert least == 2
    assert [int(slot) for slot, _ in buttons] == list(range(1, MAX_PARTNERS + 1))
    for slot, words in buttons:
        assert re.sub(r"<[^>]+>", "", words) == f"Remove partner {slot}"
