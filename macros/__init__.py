"""Page macros for mkdocs-macros (`define_env` only; the build steps are the `sitebuild` package)."""

from macros.main import define_env

__all__ = ["define_env"]
