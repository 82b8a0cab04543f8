"""`make bench`: build synthetic dossiers of 100 and 1,000 articles and report.

For each size: a full build (cold cache), the time per article, a rebuild
after adding one article, a rebuild with nothing changed, the peak memory of
the largest process, and MkDocs building the same article texts as Markdown
pages in the same run. Each build runs in its own process, as `make site`
would; times are wall-clock seconds on this machine.

Targets (reported, not asserted): 1,000 articles under 60 s; adding one
under 5 s; no change under 2 s; peak memory under 1.5 GB; time per article
flat from 100 to 1,000; faster per page than MkDocs.
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.synthetic import ROOT, add_article, make_dossier

SIZES = (100, 1000)
PYTHON = sys.executable


def run(command: list[str], cwd: Path | None = None) -> tuple[float, int]:
    """Wall-clock seconds and peak resident memory (MB) of one command."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(command)}\n{process.stderr.read().decode()}")
    return elapsed, usage.ru_maxrss // 1024  # ru_maxrss is in KB on Linux


def build(project: Path) -> tuple[float, int]:
    return run([PYTHON, str(ROOT / "build.py"), "--root", str(project), "--out", str(project / "site"), "--quiet"])


def mkdocs_project(project: Path, destination: Path) -> int:
    """The same article texts as MkDocs Markdown pages; returns the page count."""
    docs = destination / "docs"
    docs.mkdir(parents=True)
    (docs / "index.md").write_text("# ملف\n\nمقالات الملف.\n", encoding="utf-8")
    for seed in sorted((project / "seeds").glob("*.txt")):
        title, *paragraphs = [p for p in seed.read_text(encoding="utf-8").split("\n\n") if p.strip()]
        (docs / f"{seed.stem}.md").write_text(f"# {title.strip()}\n\n" + "\n\n".join(paragraphs), encoding="utf-8")
    (destination / "mkdocs.yml").write_text("site_name: bench\ntheme:\n  name: mkdocs\n  locale: ar\n", encoding="utf-8")
    return len(list(docs.glob("*.md")))


def mkdocs_build(destination: Path) -> float:
    seconds, _ = run([PYTHON, "-m", "mkdocs", "build", "--quiet", "--site-dir", "site"], cwd=destination)
    return seconds


def measure(size: int, work: Path) -> dict:
    project = make_dossier(work / f"dossier-{size}", size)
    full, memory = build(project)
    pages = sum(1 for _ in (project / "site").rglob("*.html")) - sum(1 for _ in (project / "site" / "pagefind").rglob("*.html"))
    unchanged, memory_unchanged = build(project)
    add_article(project, size + 1)
    added, memory_added = build(project)
    mkdocs = work / f"mkdocs-{size}"
    mkdocs_pages = mkdocs_project(project, mkdocs)
    mkdocs_seconds = mkdocs_build(mkdocs)
    return {
        "size": size,
        "full": full,
        "per_article_ms": 1000 * full / size,
        "added": added,
        "unchanged": unchanged,
        "memory_mb": max(memory, memory_unchanged, memory_added),
        "pages": pages,
        "per_page_ms": 1000 * full / pages,
        "mkdocs": mkdocs_seconds,
        "mkdocs_pages": mkdocs_pages,
        "mkdocs_per_page_ms": 1000 * mkdocs_seconds / mkdocs_pages,
    }


def report(results: list[dict]) -> str:
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    lines = [
        f"Benchmark of {dt.date.today().isoformat()} on {platform.node() or 'this machine'} ({machine}).",
        "",
        "| articles | full build | per article | add one | no change | peak memory | pages | per page | MkDocs (same texts) | MkDocs per page |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        lines.append(
            f"| {r['size']:,} | {r['full']:.1f} s | {r['per_article_ms']:.1f} ms | {r['added']:.1f} s | "
            f"{r['unchanged']:.2f} s | {r['memory_mb']} MB | {r['pages']:,} | {r['per_page_ms']:.1f} ms | "
            f"{r['mkdocs']:.1f} s ({r['mkdocs_pages']:,} pages) | {r['mkdocs_per_page_ms']:.1f} ms |"
        )
    return "\n".join(lines) + "\n"


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="newsdossier-bench-"))
    try:
        results = []
        for size in SIZES:
            print(f"building {size} articles…", file=sys.stderr, flush=True)
            results.append(measure(size, work))
        text = report(results)
        print(text)
        (ROOT / "bench" / "latest.md").write_text(text, encoding="utf-8")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
