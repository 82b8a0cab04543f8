"""`make bench`: build synthetic dossiers of 100, 1,000 and 10,000 articles
and compare with MkDocs and Hugo building the same texts, in the same run.

For each size: a full build (cold cache), a rebuild with nothing changed,
a rebuild after adding one article, the peak memory of the largest process
(the build, its workers or Pagefind), the largest HTML page and the site's
size; then MkDocs 1.6 and Hugo (Debian's) building the article texts as
Markdown pages. Each build runs in its own process, as `make site` would;
times are wall-clock seconds on this machine. `make bench SIZES=100,1000`
measures fewer sizes (`SERVE=0`: without the `serve` timing; `MKDOCS_UP_TO=1000`:
MkDocs only up to that size). "No change" and "add one" are medians of three.

Then `serve`'s edit-to-reload time at 100 articles (`bench/serve.py`: an
edited seed, timed until the preview server's reload event has fired and
the page shows the edit).

Targets (issue 20; reported, not asserted; see the README): full build at
most 1.0× MkDocs at 100 articles and 0.7× at 1,000, within 8× Hugo at 1,000
and 10,000; adding one article in 1 s at 100 and 1,000 and 2 s at 10,000;
nothing changed in 0.25 s at 100 and 1,000 and 0.8 s at 10,000; peak memory
and the site under 400 MB at 10,000; no page over 300 KB; an edited article
reloaded by `serve` within 1 s at 100 articles.
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

from bench.serve import edit_to_reload
from bench.synthetic import ROOT, add_article, make_dossier
from newsdossier.build.uptodate import RACY_NS

SIZES = (100, 1000, 10000)
SERVE_SIZE = 100  # articles in the dossier `serve` is timed on
SERVE_EDITS = 3  # edits in a row: the first pays for loading the language tools
REPEATS = 3  # "no change" and "add one" builds of each size: their median is reported
RACY_SECONDS = RACY_NS / 1e9 + 0.1  # the up-to-date check's racy window, and a little
PYTHON = sys.executable
OTHER_TOOL_TIMEOUT = 1800  # seconds: MkDocs' navigation makes its build grow faster than the site


class TimedOut(Exception):
    pass


class Run(NamedTuple):
    seconds: float  # wall clock
    memory_mb: int  # peak resident memory: the largest of the process and those it waited for
    cpu: float  # user and system seconds of the process and those it waited for
    output: str  # what it printed (a build's --timings line)


def run(command: list[str], cwd: Path | None = None, timeout: float | None = None) -> Run:
    """One command, timed; its output kept (a line or two: a build's
    `--timings`), so that a slow build can be traced afterwards."""
    # A file, not a pipe: nothing the command prints can fill it and stall it.
    with tempfile.TemporaryFile() as out:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, stdout=out, stderr=subprocess.PIPE)
        deadline = None if timeout is None else started + timeout
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if deadline is not None and time.perf_counter() > deadline:
                process.kill()
                os.wait4(process.pid, 0)
                raise TimedOut(" ".join(command))
            time.sleep(0.01)
        elapsed = time.perf_counter() - started
        if os.waitstatus_to_exitcode(status) != 0:
            raise SystemExit(f"failed: {' '.join(command)}\n{process.stderr.read().decode()}")
        out.seek(0)
        output = out.read().decode(errors="replace").strip()
    # ru_maxrss is in KB on Linux
    return Run(elapsed, usage.ru_maxrss // 1024, usage.ru_utime + usage.ru_stime, output)


def build(project: Path, what: str = "") -> Run:
    """One build in its own process, as `make site` runs it; with `what`,
    a line on standard error saying what it took (wall, CPU, the load, each
    stage's seconds): the table's medians hide which builds were slow and
    why (the machine's load moves the wall clock; the CPU seconds much less)."""
    done = run(
        [PYTHON, str(ROOT / "build.py"), "--root", str(project), "--out", str(project / "site"), "--quiet"]
        + ["--timings"]
    )
    if what:
        load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
        print(
            f"  {what}: {done.seconds:.2f} s wall, {done.cpu:.2f} s CPU, load {load:.1f}; {done.output}",
            file=sys.stderr,
            flush=True,
        )
    return done


def markdown_pages(project: Path, docs: Path, front_matter: bool) -> int:
    """The article texts as Markdown pages (title line as the heading)."""
    docs.mkdir(parents=True)
    for seed in sorted((project / "seeds").glob("*.txt")):
        title, *paragraphs = [p.strip() for p in seed.read_text(encoding="utf-8").split("\n\n") if p.strip()]
        head = (
            f'---\ntitle: "{title.replace(chr(34), chr(39))}"\n---\n\n' if front_matter else f"# {title}\n\n"
        )
        (docs / f"{seed.stem}.md").write_text(head + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
    return len(list(docs.glob("*.md")))


def mkdocs_site(project: Path, destination: Path) -> None:
    markdown_pages(project, destination / "docs", front_matter=False)
    (destination / "docs" / "index.md").write_text("# ملف\n\nمقالات الملف.\n", encoding="utf-8")
    (destination / "mkdocs.yml").write_text(
        "site_name: bench\ntheme:\n  name: mkdocs\n  locale: ar\n", encoding="utf-8"
    )


HUGO_PAGE = (
    '<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>'
    "<body><main><h1>{{ .Title }}</h1>{{ .Content }}</main></body></html>\n"
)
HUGO_LIST = (
    '<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>'
    '<body><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}'
    "</ul></body></html>\n"
)


def hugo_site(project: Path, destination: Path) -> None:
    markdown_pages(project, destination / "content", front_matter=True)
    (destination / "layouts" / "_default").mkdir(parents=True)
    (destination / "layouts" / "_default" / "single.html").write_text(HUGO_PAGE, encoding="utf-8")
    (destination / "layouts" / "_default" / "list.html").write_text(HUGO_LIST, encoding="utf-8")
    (destination / "hugo.toml").write_text(
        'baseURL = "https://example.org/"\nlanguageCode = "ar"\ntitle = "bench"\n'
        'disableKinds = ["taxonomy", "term"]\n',
        encoding="utf-8",
    )


def other_tool(command: list[str], cwd: Path) -> float | None:
    """Seconds, or None when the tool is missing or took too long."""
    if shutil.which(command[0]) is None and command[0] != PYTHON:
        return None
    try:
        return run(command, cwd=cwd, timeout=OTHER_TOOL_TIMEOUT).seconds
    except TimedOut:
        return None


def site_facts(site: Path) -> tuple[int, str, int]:
    """(largest HTML page in bytes, its path, the site's size in bytes)."""
    files = [p for p in site.rglob("*") if p.is_file()]
    pages = [(p.stat().st_size, p.relative_to(site).as_posix()) for p in files if p.suffix == ".html"]
    largest = max(pages)
    return largest[0], largest[1], sum(p.stat().st_size for p in files)


def measure(size: int, work: Path, mkdocs_up_to: int | None = None) -> dict:
    """One size's row. "No change" and "add one" are the medians of
    `REPEATS` builds in a row (each adding one more article): one build's
    time moves with whatever else the machine does."""
    project = make_dossier(work / f"dossier-{size}", size)
    full, memory, _, _ = build(project, f"{size:,}: full build")
    largest, largest_path, site_bytes = site_facts(project / "site")
    unchanged, added, memories = [], [], [memory]
    for number in range(1, REPEATS + 1):
        add_article(project, size + number)
        seconds, peak, _, _ = build(project, f"{size:,}: add one ({number})")
        added.append(seconds)
        # A seed written less than the up-to-date check's racy window (two
        # seconds) before a build's stamp is too recent for its status to be
        # trusted: the next build reads and hashes it once. "No change" is
        # measured as an analyst's next build would be, seconds later.
        time.sleep(RACY_SECONDS)
        build(project, f"{size:,}: the build after ({number})")
        seconds, unchanged_peak, _, _ = build(project, f"{size:,}: no change ({number})")
        unchanged.append(seconds)
        memories += [peak, unchanged_peak]
    mkdocs, hugo = work / f"mkdocs-{size}", work / f"hugo-{size}"
    hugo_site(project, hugo)
    with_mkdocs = mkdocs_up_to is None or size <= mkdocs_up_to
    if with_mkdocs:
        mkdocs_site(project, mkdocs)
    return {
        "size": size,
        "full": full,
        "added": statistics.median(added),
        "unchanged": statistics.median(unchanged),
        "memory_mb": max(memories),
        "largest_kb": largest / 1000,
        "largest_path": largest_path,
        "site_mb": site_bytes / 1_000_000,
        "mkdocs": other_tool([PYTHON, "-m", "mkdocs", "build", "--quiet", "--site-dir", "site"], mkdocs)
        if with_mkdocs
        else None,
        "hugo": other_tool(["hugo", "--quiet", "-d", "public"], hugo),
    }


def _seconds(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f} s" if value < 10 else f"{value:.1f} s"


def _ratio(ours: float, theirs: float | None) -> str:
    return "—" if theirs is None else f"{ours / theirs:.2f}×"


def report(results: list[dict], serve: list[float] | None = None) -> str:
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    lines = [
        f"Benchmark of {dt.date.today().isoformat()} on {platform.node() or 'this machine'} ({machine}); "
        "MkDocs and Hugo build the same article texts as Markdown in the same run (— : missing, not run, or "
        f"over {OTHER_TOOL_TIMEOUT // 60} min); add one and no change: the median of {REPEATS} builds.",
        "",
        "| articles | full build | MkDocs | ours ÷ MkDocs | Hugo | ours ÷ Hugo | add one | no change | "
        "no change ÷ Hugo | peak memory | largest page | site |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        lines.append(
            f"| {r['size']:,} | {_seconds(r['full'])} | {_seconds(r['mkdocs'])} | "
            f"{_ratio(r['full'], r['mkdocs'])} | {_seconds(r['hugo'])} | {_ratio(r['full'], r['hugo'])} | "
            f"{_seconds(r['added'])} | {_seconds(r['unchanged'])} | {_ratio(r['unchanged'], r['hugo'])} | "
            f"{r['memory_mb']} MB | {r['largest_kb']:.0f} KB | {r['site_mb']:.0f} MB |"
        )
    lines += ["", "Largest pages: " + "; ".join(f"{r['size']:,}: `{r['largest_path']}`" for r in results)]
    if serve:
        lines += [
            "",
            f"`serve` at {SERVE_SIZE} articles, an edited seed until the reload event has fired and the page "
            f"shows the edit: {', '.join(_seconds(t) for t in serve)} ({len(serve)} edits in a row; "
            f"median {_seconds(statistics.median(serve))}).",
        ]
    return "\n".join(lines) + "\n"


def main() -> None:
    sizes = tuple(int(s) for s in os.environ.get("SIZES", "").split(",") if s) or SIZES
    # MKDOCS_UP_TO=1000: MkDocs is not run above that size (at 10,000 it takes
    # about 20 minutes, and no target compares with it there).
    mkdocs_up_to = int(os.environ["MKDOCS_UP_TO"]) if os.environ.get("MKDOCS_UP_TO") else None
    work = Path(tempfile.mkdtemp(prefix="newsdossier-bench-"))
    try:
        results = []
        for size in sizes:
            print(f"building {size:,} articles…", file=sys.stderr, flush=True)
            results.append(measure(size, work, mkdocs_up_to))
        serve = edit_to_reload(SERVE_SIZE, SERVE_EDITS, work) if os.environ.get("SERVE", "1") != "0" else None
        text = report(results, serve)
        print(text)
        (ROOT / "bench" / "latest.md").write_text(text, encoding="utf-8")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
