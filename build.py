#!/usr/bin/env python3
"""Build the news-analysis site from seeds/ and dossier/ into site/.

A thin entry point: `python build.py [build|serve|add] …` runs the same
code as the `newsdossier` command (newsdossier/cli/main.py), with this
folder as the default project root.
"""

import sys

if __name__ == "__main__":
    try:  # Ctrl+C while the imports run is reported like one during the build
        from pathlib import Path

        from newsdossier.cli import exit_now, run
    except KeyboardInterrupt:
        print("interrupted: the previous site is unchanged", file=sys.stderr)
        sys.exit(130)
    exit_now(run(prog="build.py", default_root=Path(__file__).resolve().parent))
