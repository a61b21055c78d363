"""Build-time side of Relationship Matters: page macros and build steps for mkdocs-macros."""
