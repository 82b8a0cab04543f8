"""Helpers shared by the tests: projects to build, the build itself, site
contents, markup checks. Test modules import from here, never from each
other."""

from __future__ import annotations

import gc
import json
import shutil
import subprocess
import sys
import time
from html.parser import HTMLParser
from pathlib import Path

from newsdossier.analysis.linking import link_dossier
from newsdossier.build.cache import ArticleCache
from newsdossier.build.options import BuildOptions
from newsdossier.build.pipeline import BuildReport, build
from newsdossier.build.staging import StagedSite
from newsdossier.build.workers import analyse_articles
from newsdossier.cli.main import main
from newsdossier.inputs.curation import load_curation
from newsdossier.inputs.project import read_sources
from newsdossier.language.gazetteer import load_gazetteer
from newsdossier.language.steps import ArticleAnalysis, publishable
from newsdossier.models.dossier import Dossier
from newsdossier.site.outputs import make_output, plan_site
from newsdossier.site.pages import example, page_type_name, page_types

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures"
MARKER = ".newsdossier-site"

# A short new article about the seed dossier's story, with names the
# gazetteer lacks (Lavrov, Wang Yi, Harbin, Rosatom) and a date.
HARBIN = """بوتين في هاربين بعد قمة بكين
نشرت في: 17/05/2024
التقى وزير الخارجية الروسي سيرغي لافروف نظيره الصيني وانغ يي في مدينة هاربين بعد محادثات بكين.
وقال بوتين إن التعاون مع الصين يتسع، فيما حضر سيرغي لافروف لقاءات مع شركة روساتوم.
"""

SEARCH_FOLDERS = ("search/",)  # the search index: see newsdossier/site/search_index.py


def make_project(destination: Path, fixture: str = "mini") -> Path:
    """A copy of a fixture project (seeds/ and dossier/) with the real templates."""
    shutil.copytree(FIXTURES / fixture, destination)
    shutil.copytree(ROOT / "templates", destination / "templates")
    return destination


def seed_project(destination: Path) -> Path:
    """A copy of the real project's inputs: seeds/, dossier/, templates/."""
    for folder in ("seeds", "dossier", "templates"):
        shutil.copytree(ROOT / folder, destination / folder)
    return destination


def build_site(root: Path, out: Path | None = None, **options) -> BuildReport:
    """The build as `make site` runs it (one process unless `jobs` says otherwise)."""
    return build(BuildOptions(root=root, out=out, **{"jobs": 1, **options}))


def run_cli(argv: list[str]) -> int:
    """The command line, with the real project as the default root."""
    return main(list(argv), prog="build.py", default_root=ROOT)


def dossier_for(project: Path) -> Dossier:
    """The linked dossier of a project, without writing anything."""
    sources = read_sources(project)
    curation, _ = load_curation(sources)
    load_gazetteer(curation)
    seeds = {s.path.split("/")[-1]: s for s in sources.seeds}
    jobs = [(seeds[m.source_file], m) for m in curation.articles]
    articles = analyse_articles(jobs, ArticleAnalysis(curation.entities), ArticleCache(None)).articles
    return link_dossier(curation, publishable(articles).articles)


def page_examples(view) -> dict[str, str | None]:
    """One page of every page type, by the type's name (None for a type
    this dossier has no page of): the browser tests' page list, from
    `page_types()`, so a new page type is in it by itself."""
    return {page_type_name(m): example(m, view) for m in page_types()}


def write_site(files: dict[str, bytes], target: Path):
    """`files` written as the site at `target` the way the build writes it."""
    with StagedSite(target) as staged:
        for path, data in files.items():
            staged.write(path, data)
        return staged.swap_in()


def site_files(dossier: Dossier, templates, seeds) -> dict[str, bytes]:
    """Every output of a dossier made afresh, as {path: bytes}."""
    plan = plan_site(dossier, templates, seeds)
    return {output.path: make_output(plan, output).data for output in plan.outputs}


def tree_bytes(folder: Path, search_index: bool = True, marker: bool = True) -> dict[str, bytes]:
    """Every file under `folder` by relative path; without the search index
    when `search_index` is False, without the site's marker file (which
    lists the files) when `marker` is False."""
    files = {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }
    return {
        k: v
        for k, v in files.items()
        if (search_index or not k.startswith(SEARCH_FOLDERS)) and (marker or k != MARKER)
    }


def article_text(site: Path, data: dict) -> str:
    """An article's text from its data file (data/articles/<id>.json):
    inline, or the bytes of a file of the site it names (schema 6's text_in)."""
    if "text_in" not in data:
        return data["text"]
    where = data["text_in"]
    return (site / where["file"]).read_bytes()[where["start"] : where["end"]].decode("utf-8")


def read_article_data(site: Path, article_id: str) -> dict:
    """An article's data file (data/articles/<id>.json) with its mentions
    and quotations as objects, their arrays' positions named as the index
    names them (schema 7's "fields"); a wrong length is an error."""
    fields = json.loads((site / "data" / "index.json").read_text(encoding="utf-8"))["fields"]
    data = json.loads((site / "data" / "articles" / f"{article_id}.json").read_text(encoding="utf-8"))
    for key, kind in (("mentions", "mention"), ("quotes", "quote")):
        data[key] = [dict(zip(fields[kind], item, strict=True)) for item in data[key]]
    return data


def read_page(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


class _UnsafeMarkup(HTMLParser):
    """Finds what input must never become: a script, an event handler, a
    javascript: link — as real markup, not as escaped text."""

    def __init__(self):
        super().__init__()
        self.found: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}=…>")
            if name in ("href", "src", "action") and (value or "").strip().lower().startswith("javascript:"):
                self.found.append(f"<{tag} {name}={value}>")
        self._in_script = tag == "script" and dict(attrs).get("type") != "application/ld+json"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script and "alert" in data:
            self.found.append(f"<script>{data[:40]}")


def unsafe_markup(html: str) -> list[str]:
    parser = _UnsafeMarkup()
    parser.feed(html)
    return parser.found


def cached(project: Path) -> int:
    """How many analysed articles a project's cache holds whole."""
    return len(ArticleCache(project / ".cache" / "articles").entries())


def stop_once_cached(process: subprocess.Popen, project: Path, count: int, number: int) -> tuple[int, str]:
    """Send `number` to a running build once `count` articles are in its
    article cache (or it ended, or 300 s passed); its exit status and stderr."""
    deadline = time.monotonic() + 300
    while process.poll() is None and time.monotonic() < deadline and cached(project) < count:
        time.sleep(0.01)
    process.send_signal(number)
    _, err = process.communicate(timeout=60)
    return process.returncode, err


def beside_site(folder: Path) -> list[str]:
    """The names in `folder` (where a site is built), the trash left for the
    next build (`build.swap`) aside: at most one old site, the build's own."""
    names = sorted(p.name for p in folder.iterdir())
    trash = [name for name in names if ".trash-" in name]
    assert len(trash) <= 1, trash  # never growing
    for name in trash:
        assert (folder / name / MARKER).is_file(), name  # an old site of the build's, marker and all
    return [name for name in names if name not in trash]


def python_calls(function, *args) -> int:
    """How many Python functions (not built-ins) `function(*args)` called
    (the collector paused: its callbacks are Python calls, made when it runs)."""
    calls = 0

    def count(frame, event, arg):
        nonlocal calls
        calls += event == "call"

    collecting = gc.isenabled()
    gc.disable()
    sys.setprofile(count)
    try:
        function(*args)
    finally:
        sys.setprofile(None)
        if collecting:
            gc.enable()
    return calls
