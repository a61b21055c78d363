"""``python -m sitebuild SITE_DIR``: run the steps after the site generator (see the package docstring)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sitebuild import run


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sitebuild", description=__doc__)
    parser.add_argument("site_dir", type=Path, metavar="SITE_DIR", help="the folder the site generator wrote")
    args = parser.parse_args(argv)
    if not (args.site_dir / "index.html").is_file():
        print(f"{args.site_dir}: no built site here (no index.html)", file=sys.stderr)
        return 1
    try:
        for summary in run(args.site_dir):
            print(summary)
    except (RuntimeError, ValueError, FileNotFoundError) as error:
        print(f"sitebuild: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
