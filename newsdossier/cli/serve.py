"""Local preview: serve the site, rebuild on every change, reload the browser.

`Preview` watches seeds/, dossier/ and templates/ with watchfiles (the
system's file events; `WATCHFILES_FORCE_POLLING=1` polls instead, for file
systems without events, such as some network and container mounts), rebuilds
with the normal build when something changes, and tells open pages through
a server-sent event stream. Pages get a small script that reloads them on a
new build, or shows the build error in a banner when the build failed.
Nothing of this reaches the built site: the script is added to HTML
responses as they are served.
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import watchfiles

from ..models.errors import DossierError

WATCHED = ("seeds", "dossier", "templates")
# Changes closer together than this are one rebuild: an editor saving
# several files, or writing one in steps.
DEBOUNCE_MS = 300

# Two literals only to keep the source lines short: the script's one long line goes on in the second.
RELOAD_SCRIPT = (
    b"""// Added by the preview server only: not part of the built site.
(function () {
  var events = new EventSource("/__livereload");
  var seen = null;
  events.addEventListener("build", function (event) {
    if (seen !== null && event.data !== seen) { window.location.reload(); }
    seen = event.data;
  });
  events.addEventListener("failed", function (event) {
    var banner = document.getElementById("__build_error") || document.createElement("pre");
    banner.id = "__build_error";
    banner.setAttribute("dir", "ltr");
    banner.style.cssText = "position:fixed;inset:auto 0 0 0;margin:0;padding:1em;"""
    b"""background:#8a1f1f;color:#fff;white-space:pre-wrap;z-index:99";
    banner.textContent = event.data;
    document.body.appendChild(banner);
  });
})();
"""
)


class Preview:
    def __init__(
        self, root: Path, out: Path, rebuild: Callable[[], object], host: str = "127.0.0.1", port: int = 8000
    ):
        self.root, self.out, self.rebuild = root, out, rebuild
        self.generation = 0  # successful builds so far
        self.error: str | None = None  # the last build's error, if it failed
        self.changed = threading.Condition()
        self._stop = threading.Event()
        handler = partial(_Handler, preview=self)
        if not 0 <= port <= 65535:
            raise DossierError("--port", None, f"{port} is not a port number (0 to 65535)")
        try:
            self.server = ThreadingHTTPServer((host, port), handler)
        except OSError as error:
            raise DossierError(
                "--port", None, f"cannot serve on {host}:{port}: {error.strerror or error}"
            ) from None
        self.server.daemon_threads = True

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}/index.html"

    def build_once(self) -> None:
        try:
            self.rebuild()
        except Exception as error:  # bad input, or a bug: report it and keep serving the last site
            message = (
                f"error: {error}"
                if isinstance(error, DossierError)
                else f"internal error ({type(error).__name__}): {error}"
            )
            print(message, file=sys.stderr, flush=True)
            with self.changed:
                self.error = message
                self.changed.notify_all()
            return
        with self.changed:
            self.generation += 1
            self.error = None
            self.changed.notify_all()
        print(f"built ({self.generation}) — {self.url}", flush=True)

    def watch(self) -> None:
        folders = [self.root / folder for folder in WATCHED]
        for _changes in watchfiles.watch(
            *folders, debounce=DEBOUNCE_MS, stop_event=self._stop, raise_interrupt=False
        ):
            self.build_once()

    def start(self) -> None:
        """Build, then serve and watch in background threads."""
        self.build_once()
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        threading.Thread(target=self.watch, daemon=True).start()

    def stop(self) -> None:
        self._stop.set()
        with self.changed:
            self.changed.notify_all()
        self.server.shutdown()
        self.server.server_close()

    def serve_forever(self) -> None:
        self.start()
        print(f"previewing {self.out} at {self.url} (Ctrl+C stops)", flush=True)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            self.stop()


class _Handler(SimpleHTTPRequestHandler):
    def __init__(self, *args, preview: Preview, **kwargs):
        self.preview = preview
        # The site folder is swapped on every build: look it up per request.
        super().__init__(*args, directory=str(preview.out), **kwargs)

    def log_message(self, format, *args):
        pass  # quiet: the build messages are what matter in the terminal

    def do_GET(self):
        if self.path == "/__livereload":
            return self._events()
        if self.path == "/__livereload.js":
            return self._send(200, "text/javascript; charset=utf-8", RELOAD_SCRIPT)
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if path.suffix == ".html" and path.is_file():
            html = path.read_bytes().replace(
                b"</body>", b'<script src="/__livereload.js"></script>\n</body>', 1
            )
            return self._send(200, "text/html; charset=utf-8", html)
        return super().do_GET()

    def _send(self, status: int, content_type: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def _events(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        preview = self.preview
        last = None
        try:
            while not preview._stop.is_set():
                with preview.changed:
                    state = (preview.generation, preview.error)
                    if state == last:
                        preview.changed.wait(timeout=15)
                        state = (preview.generation, preview.error)
                if state == last:
                    self.wfile.write(b": keep-alive\n\n")
                else:
                    generation, error = state
                    if error:
                        event = "event: failed\ndata: " + error.replace("\n", " ") + "\n\n"
                    else:
                        event = f"event: build\ndata: {generation}\n\n"
                    self.wfile.write(event.encode("utf-8"))
                    last = state
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            return
