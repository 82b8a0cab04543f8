"""The command line: `newsdossier build|serve|add`, and `build.py`.

`main` parses the arguments and turns errors into one line each; `serve`
is the preview server; `add` brings a new article into the dossier. This
module imports nothing heavy, so that Ctrl+C while the rest is still being
imported ends with one line, not a traceback.
"""

from __future__ import annotations

import sys
from pathlib import Path


def run(prog: str = "newsdossier", default_root: Path | None = None) -> int:
    try:
        from .main import main
    except KeyboardInterrupt:
        print("interrupted: the previous site is unchanged", file=sys.stderr)
        return 130
    return main(prog=prog, default_root=default_root)


def console() -> None:
    """The `newsdossier` console command: the current folder is the project."""
    sys.exit(run())
