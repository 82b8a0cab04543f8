"""The build on a Dask cluster beside the local build, and what it ships.

`python -m bench.cluster [SIZES]` (`make bench-cluster`): for each size, a
synthetic dossier built from a cold cache twice, with local processes
(`--jobs` = the cores) and with `--executor dask` on a `LocalCluster` of 2
single-threaded worker processes on loopback, each with `--timings`; the two
sites must be byte-identical. Reported per size: both builds' wall-clock
seconds and their `analyse` stage, the rest of the build (the main
process's stages, the same on either executor), and what travels: the
context sent once to every worker (the gazetteer and the language data's
identity), and per article the task (seed bytes and metadata) and the
result (the analysed article). These are the figures the README's cluster
estimate extrapolates from.
"""

from __future__ import annotations

import filecmp
import os
import pickle
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.synthetic import ROOT, make_dossier

CLUSTER = """
import sys
from distributed import LocalCluster
cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                       dashboard_address=None)
print(cluster.scheduler_address, flush=True)
sys.stdin.read()
cluster.close()
"""


def _build(project: Path, out: Path, *options: str) -> tuple[float, dict[str, float]]:
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, str(ROOT / "build.py"), "--root", str(project), "--out", str(out), "--no-cache"]
        + ["--timings", *options],
        capture_output=True,
        text=True,
        check=True,
    )
    seconds = time.perf_counter() - started
    line = next(line for line in done.stdout.splitlines() if line.startswith("timings: "))
    return seconds, {name: float(value) for name, value in re.findall(r"(\w+) ([\d.]+) s", line)}


def _same(first: Path, second: Path) -> bool:
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    if files != sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file()):
        return False
    return all(filecmp.cmp(first / f, second / f, shallow=False) for f in files)


def _shipped(project: Path) -> tuple[int, int, int]:
    """Bytes of the context (once per worker), of a task and of a result
    (means per article), pickled as they travel."""
    from newsdossier.inputs.curation import load_curation
    from newsdossier.inputs.project import read_sources
    from newsdossier.language.steps import ArticleAnalysis

    sources = read_sources(project)
    curation, _ = load_curation(sources)
    analysis = ArticleAnalysis(curation.entities)
    context = len(pickle.dumps((analysis, analysis.identity()), protocol=pickle.HIGHEST_PROTOCOL))
    seeds = {Path(s.path).name: s for s in sources.seeds}
    tasks = [
        len(pickle.dumps((seeds[m.source_file], m), protocol=pickle.HIGHEST_PROTOCOL))
        for m in curation.articles
    ]
    # A result travels as its cache entry's payload: the packs' bytes over their entries
    # (each entry's 44-byte head included: a rounding error at these sizes).
    from newsdossier.build.cache import ArticleCache

    folder = project / ".cache" / "articles"
    entries = len(ArticleCache(folder).entries())
    packed = sum(p.stat().st_size for p in folder.glob("*.pack"))
    return context, sum(tasks) // len(tasks), packed // max(1, entries)


def measure(size: int, address: str, work: Path) -> dict:
    project = make_dossier(work / f"dossier-{size}", size)
    local, local_laps = _build(project, work / f"local-{size}", "--jobs", str(os.cpu_count() or 1))
    dask, dask_laps = _build(project, work / f"dask-{size}", "--executor", "dask", "--scheduler", address)
    # The builds above left no article cache (--no-cache): one cached build to weigh the results.
    subprocess.run(
        [sys.executable, str(ROOT / "build.py"), "--root", str(project), "--out", str(work / "x"), "--quiet"],
        check=True,
    )
    context, task, result = _shipped(project)
    return {
        "size": size,
        "local": local,
        "local_analyse": local_laps["analyse"],
        "dask": dask,
        "dask_analyse": dask_laps["analyse"],
        "rest": sum(v for k, v in dask_laps.items() if k != "analyse"),
        "same": _same(work / f"local-{size}", work / f"dask-{size}"),
        "context_kb": context / 1000,
        "task_kb": task / 1000,
        "result_kb": result / 1000,
    }


def report(rows: list[dict]) -> str:
    lines = [
        "| articles | local build | its analyse | Dask build (2 workers) | its analyse | other stages | "
        "identical | context (once per worker) | task per article | result per article |",
        "|---:|---:|---:|---:|---:|---:|:-:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(
            f"| {r['size']:,} | {r['local']:.1f} s | {r['local_analyse']:.1f} s | {r['dask']:.1f} s | "
            f"{r['dask_analyse']:.1f} s | {r['rest']:.1f} s | {'yes' if r['same'] else 'NO'} | "
            f"{r['context_kb']:.0f} KB | {r['task_kb']:.1f} KB | {r['result_kb']:.1f} KB |"
        )
    return "\n".join(lines) + "\n"


def main() -> None:
    sizes = [int(s) for s in (sys.argv[1] if len(sys.argv) > 1 else "100,1000").split(",")]
    work = Path(tempfile.mkdtemp(prefix="newsdossier-cluster-"))
    cluster = subprocess.Popen(
        [sys.executable, "-c", CLUSTER], cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        address = cluster.stdout.readline().strip()
        rows = []
        for size in sizes:
            print(f"building {size:,} articles, locally and on the cluster…", file=sys.stderr, flush=True)
            rows.append(measure(size, address, work))
        print(report(rows))
    finally:
        cluster.stdin.close()
        cluster.wait(timeout=60)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
