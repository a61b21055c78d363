"""Every built page carries a Content-Security-Policy that allows only the site itself (and Pyodide's wasm)."""

from __future__ import annotations

import re

from sitebuild.csp import script_hashes

POLICY = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">')


def directives(policy: str) -> dict[str, list[str]]:
    return {name: values for name, *values in (part.split() for part in policy.split(";"))}


def test_every_page_has_one_policy_allowing_only_its_own_origin(site):
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        found = POLICY.findall(html)
        assert len(found) == 1, page
        rules = directives(found[0])
        assert html.index("Content-Security-Policy") < html.index("<script"), page
        for name in ("default-src", "style-src", "font-src", "connect-src", "worker-src"):
            assert rules[name] == ["'self'"], (page, name)
        assert rules["img-src"] == ["'self'", "data:"]
        assert rules["object-src"] == ["'none'"]
        script = rules["script-src"]
        assert script[:2] == ["'self'", "'wasm-unsafe-eval'"]
        assert all(source.startswith("'sha256-") for source in script[2:]), page
        assert "'unsafe-inline'" not in found[0] and "'unsafe-eval'" not in found[0]


def test_every_inline_script_is_allowed_by_its_hash(site):
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        allowed = set(directives(POLICY.findall(html)[0])["script-src"])
        assert script_hashes(html) <= allowed, page
        assert script_hashes(html), page  # Material's inline scripts are there, so the check is real
