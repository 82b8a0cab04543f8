"""The preview server: serves the site, rebuilds on change, tells the browser."""

from __future__ import annotations

import http.client
import urllib.request
from pathlib import Path

import pytest

from newsdossier.cli.serve import Preview
from tests.helpers import build_site


class Events:
    """A minimal server-sent events reader."""

    def __init__(self, preview: Preview):
        host, port = preview.server.server_address[:2]
        self.connection = http.client.HTTPConnection(host, port, timeout=30)
        self.connection.request("GET", "/__livereload")
        self.response = self.connection.getresponse()
        assert self.response.getheader("Content-Type") == "text/event-stream"

    def next(self) -> tuple[str, str]:
        event, data = None, None
        while True:
            line = self.response.readline().decode("utf-8").rstrip("\n")
            if line.startswith("event: "):
                event = line[7:]
            elif line.startswith("data: "):
                data = line[6:]
            elif line == "" and event:
                return event, data

    def close(self):
        self.connection.close()


@pytest.fixture
def preview(mini_project: Path, tmp_path: Path):
    out = tmp_path / "site"
    server = Preview(mini_project, out, lambda: build_site(mini_project, out, search=False), port=0)
    server.start()
    yield server
    server.stop()


def fetch(preview: Preview, path: str) -> str:
    base = preview.url.rsplit("/", 1)[0]
    with urllib.request.urlopen(f"{base}/{path}", timeout=10) as response:
        return response.read().decode("utf-8")


def test_serves_pages_with_the_reload_script(preview):
    page = fetch(preview, "articles/article-a.html")
    assert '<script src="/__livereload.js"></script>' in page
    assert "EventSource" in fetch(preview, "__livereload.js")
    # The script is added when serving, never written into the site.
    assert "__livereload" not in (preview.out / "articles" / "article-a.html").read_text(encoding="utf-8")


def test_rebuilds_on_change_and_reports_errors(preview, mini_project):
    events = Events(preview)
    try:
        assert events.next() == ("build", "1")
        seed = mini_project / "seeds" / "a.txt"
        seed.write_text(seed.read_text(encoding="utf-8") + "فقرة جديدة عن موسكو.\n", encoding="utf-8")
        assert events.next() == ("build", "2")
        assert "فقرة جديدة عن موسكو." in fetch(preview, "articles/article-a.html")

        summits = mini_project / "dossier" / "summits.yaml"
        summits.write_text(
            summits.read_text(encoding="utf-8").replace("end: 2022-02-04", "end: 2022-02-01"),
            encoding="utf-8",
        )
        event, data = events.next()
        assert event == "failed"
        assert data.startswith(
            "error: dossier/summits.yaml:5: summit `beijing-2022` ends (2022-02-01) before it starts"
        )
        # The last good site is still served.
        assert "فقرة جديدة عن موسكو." in fetch(preview, "articles/article-a.html")
    finally:
        events.close()


def request(preview: Preview, path: str, method: str = "GET") -> tuple[int, dict[str, str], bytes]:
    """The path sent as it is (urllib would clean it first)."""
    host, port = preview.server.server_address[:2]
    connection = http.client.HTTPConnection(host, port, timeout=10)
    try:
        connection.putrequest(method, path, skip_host=False, skip_accept_encoding=True)
        connection.endheaders()
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


@pytest.mark.parametrize(
    "path",
    [
        "/index.html%00.txt",
        "/index.html%0d%0a",
        "/a%zz.html",
        "/%ff.html",
        "/../../etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/articles/%2e%2e/%2e%2e/x",
        "/articles%5c..%5cindex.html",
        "index.html",
    ],
)
def test_a_malformed_path_is_a_400_never_a_traceback(preview, path, capsys):
    status, _, _ = request(preview, path)
    assert status == 400
    assert "Traceback" not in capsys.readouterr().err


def test_a_link_out_of_the_site_is_never_followed(preview, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("not for the browser")
    (preview.out / "passwd").symlink_to("/etc/passwd")
    (preview.out / "secret.txt").symlink_to(secret)
    (preview.out / "elsewhere").symlink_to(tmp_path, target_is_directory=True)
    for path in ("/passwd", "/secret.txt", "/elsewhere/secret.txt", "/elsewhere/"):
        status, _, body = request(preview, path)
        assert status == 404 and b"not for the browser" not in body and b"root:" not in body


def test_missing_pages_folders_and_head(preview):
    status, headers, body = request(preview, "/no/such/page.html")
    assert status == 404 and "الصفحة غير موجودة" in body.decode("utf-8")  # the site's own 404 page
    status, headers, _ = request(preview, "/articles")
    assert (status, headers["Location"]) == (301, "/articles/")
    status, headers, _ = request(preview, "//articles")  # never a link to a host named "articles"
    assert (status, headers["Location"]) == (301, "/articles/")
    status, headers, body = request(preview, "/articles/")
    assert status == 200 and "__livereload.js" in body.decode("utf-8")
    status, headers, body = request(preview, "/index.html", method="HEAD")
    assert status == 200 and body == b"" and int(headers["Content-Length"]) > 1000
    status, headers, body = request(preview, "/assets/style.css?v=1")
    assert status == 200 and headers["Content-Type"].startswith("text/css")
