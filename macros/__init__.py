"""Build-time side of Relationship Matters: page macros and build steps for mkdocs-macros."""

from macros.main import define_env, on_post_build

__all__ = ["define_env", "on_post_build"]
