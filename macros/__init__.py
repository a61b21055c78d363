"""Build-time side of Relationship Matters: page macros and build steps for mkdocs-macros."""

from macros.main import define_env

__all__ = ["define_env"]
