"""MkDocs hook (mkdocs.yml `hooks:`): run the steps after every build, `mkdocs serve` included.

Only this adapter knows about MkDocs; it takes MkDocs' config as a plain mapping.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

# MkDocs loads a hook by its file path and puts only the hook's own folder on sys.path;
# the package it adapts sits in the project folder above.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import sitebuild

log = logging.getLogger("mkdocs.hooks.sitebuild")


def on_post_build(config, **_) -> None:
    for summary in sitebuild.run(config["site_dir"]):
        log.info(summary)
