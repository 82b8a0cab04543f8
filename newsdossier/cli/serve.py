"""Local preview: serve the site, rebuild on every change, reload the browser.

`Preview` watches seeds/, dossier/ and templates/ with watchfiles (the
system's file events; `WATCHFILES_FORCE_POLLING=1` polls instead, for file
systems without events, such as some network and container mounts), rebuilds
with the normal build when something changes, and tells open pages through
a server-sent event stream. Pages get a small script that reloads them on a
new build, or shows the build error in a banner when the build failed.
Nothing of this reaches the built site: the script is added to HTML
responses as they are served.

Builds run in the main thread (the watcher only says that something
changed), so Ctrl+C, SIGTERM or SIGHUP during a rebuild stops it like any
build: the previous site stays whole. Requests are answered from the site
folder only: a path that is not a clean path (a NUL byte, bad
percent-encoding, `..`) is a 400, and a file whose real place is outside
the site (through a symbolic link) is a 404; a missing file gets the
site's own 404 page.
"""

from __future__ import annotations

import os
import re
import sys
import threading
import urllib.parse
from collections.abc import Callable
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import watchfiles

from ..models.errors import DossierError, printable

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


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        """A request that failed in a way the handler did not foresee: one
        line, not a traceback (the preview goes on)."""
        kind = sys.exc_info()[0]
        if kind is not None and issubclass(kind, ConnectionError):
            return  # the browser went away
        print(printable(f"serve: a request failed ({kind.__name__ if kind else '?'})"), file=sys.stderr)


class Preview:
    def __init__(
        self, root: Path, out: Path, rebuild: Callable[[], object], host: str = "127.0.0.1", port: int = 8000
    ):
        self.root, self.out, self.rebuild = root, out, rebuild
        self.generation = 0  # successful builds so far
        self.error: str | None = None  # the last build's error, if it failed
        self.changed = threading.Condition()
        self.pending = threading.Event()  # an input changed since the last build started
        self._stop = threading.Event()
        handler = partial(_Handler, preview=self)
        if not 0 <= port <= 65535:
            raise DossierError("--port", None, f"{port} is not a port number (0 to 65535)")
        try:
            self.server = _Server((host, port), handler)
        except OSError as error:
            raise DossierError(
                "--port", None, f"cannot serve on {host}:{port}: {error.strerror or error}"
            ) from None

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
            print(printable(message), file=sys.stderr, flush=True)
            with self.changed:
                self.error = message
                self.changed.notify_all()
            return
        with self.changed:
            self.generation += 1
            self.error = None
            self.changed.notify_all()
        print(printable(f"built ({self.generation}) — {self.url}"), flush=True)

    def watch(self) -> None:
        folders = [self.root / folder for folder in WATCHED]
        for _changes in watchfiles.watch(
            *folders, debounce=DEBOUNCE_MS, stop_event=self._stop, raise_interrupt=False
        ):
            self.pending.set()

    def run_builds(self) -> None:
        """Rebuild after every change the watcher reports, until stopped."""
        while not self._stop.is_set():
            if self.pending.wait(timeout=0.5):
                self.pending.clear()
                self.build_once()

    def start(self, build_in_background: bool = True) -> None:
        """Build, then serve and watch in background threads (and rebuild
        in one, unless the caller runs `run_builds` itself)."""
        self.build_once()
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        threading.Thread(target=self.watch, daemon=True).start()
        if build_in_background:
            threading.Thread(target=self.run_builds, daemon=True).start()

    def stop(self) -> None:
        self._stop.set()
        with self.changed:
            self.changed.notify_all()
        self.server.shutdown()
        self.server.server_close()

    def serve_forever(self) -> None:
        """Serve until a stop signal (`build.signals`), rebuilding in this
        thread, where the signal arrives: a rebuild it interrupts leaves
        the previous site whole."""
        try:
            self.start(build_in_background=False)
            print(printable(f"previewing {self.out} at {self.url} (Ctrl+C stops)"), flush=True)
            self.run_builds()
        finally:
            self.stop()


# Percent signs that do not start a percent-encoded byte.
_BAD_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")
_UNSAFE = re.compile(r"[\x00-\x1f\x7f\\]")


class _Refused(Exception):
    def __init__(self, status: HTTPStatus):
        self.status = status


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
        return self._answer(body=True)

    def do_HEAD(self):
        return self._answer(body=False)

    def _answer(self, body: bool) -> None:
        try:
            path, status = self._site_file(), HTTPStatus.OK
            if path is None:
                return
        except _Refused as refused:
            if refused.status != HTTPStatus.NOT_FOUND:
                return self.send_error(refused.status)
            path, status = self._not_found_page(), HTTPStatus.NOT_FOUND
            if path is None:
                return self.send_error(HTTPStatus.NOT_FOUND)
        try:
            data = path.read_bytes()
        except OSError:  # gone in a swap between the check and the read
            return self.send_error(HTTPStatus.NOT_FOUND)
        kind = self.guess_type(str(path))
        if path.suffix == ".html":
            data = data.replace(b"</body>", b'<script src="/__livereload.js"></script>\n</body>', 1)
            kind = "text/html; charset=utf-8"
        self._send(status, kind, data, body)

    def _site_file(self) -> Path | None:
        """The site's file the request asks for; `_Refused` with 400 for a
        path that is not a clean one, 404 for one that is not a file of the
        site (a symbolic link out of it included). None when the answer is
        a redirect (a folder asked for without its closing slash)."""
        raw = self.path.split("?", 1)[0].split("#", 1)[0]
        if not raw.startswith("/") or _BAD_PERCENT.search(raw):
            raise _Refused(HTTPStatus.BAD_REQUEST)
        try:
            decoded = urllib.parse.unquote_to_bytes(raw).decode("utf-8")
        except UnicodeDecodeError:
            raise _Refused(HTTPStatus.BAD_REQUEST) from None
        parts = [p for p in decoded.split("/") if p]
        if _UNSAFE.search(decoded) or any(p in (".", "..") for p in parts):
            raise _Refused(HTTPStatus.BAD_REQUEST)
        site = os.path.realpath(self.preview.out)
        path = os.path.realpath(os.path.join(site, *parts))
        if os.path.isdir(path):
            if not raw.endswith("/"):  # so that the page's relative links start from the folder
                self.send_response(HTTPStatus.MOVED_PERMANENTLY)
                # Made from the parts: "//host/x" must not become a link to another host.
                self.send_header("Location", "/" + "".join(urllib.parse.quote(p) + "/" for p in parts))
                self.send_header("Content-Length", "0")
                self.end_headers()
                return None
            path = os.path.realpath(os.path.join(path, "index.html"))
        if not path.startswith(site + os.sep) or not os.path.isfile(path):
            raise _Refused(HTTPStatus.NOT_FOUND)
        return Path(path)

    def _not_found_page(self) -> Path | None:
        site = os.path.realpath(self.preview.out)
        page = os.path.realpath(os.path.join(site, "404.html"))
        return Path(page) if page.startswith(site + os.sep) and os.path.isfile(page) else None

    def _send(self, status: int, content_type: str, data: bytes, body: bool = True) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if body:
            self.wfile.write(data)

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
