"""`serve`'s edit-to-reload time, by the preview server's own mechanism.

A synthetic dossier is served by `build.py serve` (its own process, as an
analyst runs it); a client listens on the server-sent event stream that
open pages listen on (`/__livereload`). Then one article's seed is edited
(a sentence appended) and the clock runs until the `build` event that
makes a page reload has arrived and the article's page, fetched as the
reloading browser would, holds the new sentence. The file watcher's
debounce (`cli.serve.DEBOUNCE_MS`) is part of the time, as it is for the
analyst. Several edits in a row: the first rebuild of a session pays for
loading the language tools, the next ones show the steady state.

`python -m bench.serve [ARTICLES] [EDITS]`.
"""

from __future__ import annotations

import http.client
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.synthetic import ROOT, make_dossier

TIMEOUT = 300  # seconds for the first build, and for any one reload


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Events:
    """The live-reload event stream, read line by line."""

    def __init__(self, port: int):
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT)
        self.connection.request("GET", "/__livereload")
        self.response = self.connection.getresponse()

    def next_build(self) -> str:
        """The data of the next `build` event (a failed build is an error)."""
        event = None
        while True:
            line = self.response.fp.readline().decode("utf-8").rstrip("\n")
            if line.startswith("event: "):
                event = line[len("event: ") :]
            elif line.startswith("data: ") and event == "build":
                return line[len("data: ") :]
            elif line.startswith("data: ") and event == "failed":
                raise SystemExit(f"serve: the rebuild failed: {line}")
            elif not line and self.response.fp.closed:
                raise SystemExit("serve: the event stream ended")


def _page(port: int, path: str) -> str:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT)
    connection.request("GET", "/" + path)
    return connection.getresponse().read().decode("utf-8")


def _wait_until_served(server: subprocess.Popen) -> None:
    deadline = time.monotonic() + TIMEOUT
    for line in server.stdout:
        if line.startswith("previewing"):
            return
        if time.monotonic() > deadline:
            break
    raise SystemExit(
        "serve did not start: " + (server.stderr.read() if server.poll() is not None else "timed out")
    )


def edit_to_reload(articles: int = 100, edits: int = 3, work: Path | None = None) -> list[float]:
    """Seconds from each edit to the reload event and the edited page served."""
    work = work or Path(tempfile.mkdtemp(prefix="newsdossier-serve-"))
    project = make_dossier(work / f"serve-{articles}", articles)
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, str(ROOT / "build.py"), "serve", "--root", str(project), "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        _wait_until_served(server)
        events = Events(port)
        generation = events.next_build()  # the stream's first event: the build being served
        seed = sorted((project / "seeds").glob("*.txt"))[articles // 2]
        page = f"articles/synthetic-{articles // 2:05d}.html"
        times = []
        for number in range(edits):
            sentence = f"وأضاف المحلل ملاحظة جديدة رقم {number + 1} في هذه المقالة."
            started = time.perf_counter()
            with seed.open("a", encoding="utf-8") as text:
                text.write(f"\n{sentence}\n")
            while (new := events.next_build()) == generation:
                pass
            generation = new
            if sentence not in _page(port, page):
                raise SystemExit(f"serve: {page} does not show the edit after the reload event")
            times.append(time.perf_counter() - started)
        return times
    finally:
        server.terminate()
        server.wait(timeout=60)


def main() -> None:
    articles = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    edits = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    times = edit_to_reload(articles, edits)
    print(
        f"serve, {articles} articles: edit to reload "
        + ", ".join(f"{t:.2f} s" for t in times)
        + f" (median {statistics.median(times):.2f} s)"
    )


if __name__ == "__main__":
    main()
