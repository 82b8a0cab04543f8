"""Outputs made into the staging folder (`build/writing.py`): the kept
ones linked from the previous site (by threads, or after forked workers),
the others made; a kept output whose old file went missing is made again;
the results held to the end of the build, each read one string."""

from __future__ import annotations

import os
import pickle
import shutil
from pathlib import Path

import pytest

from newsdossier.build import writing
from newsdossier.build.writing import StagedOutput, _shared, templates_compiled_meanwhile
from newsdossier.inputs.project import read_sources
from newsdossier.site.outputs import OutputRecord, load_every_template, template_environment
from tests.helpers import build_site, seed_project, tree_bytes

ARTICLES_YAML = "dossier/articles.yaml"


@pytest.mark.parametrize("forked", [False, True], ids=["links beside the making", "links after workers"])
def test_kept_files_are_the_previous_ones_and_a_missing_one_is_made(tmp_path, monkeypatch, forked):
    if forked:
        monkeypatch.setattr(writing, "PARALLEL_THRESHOLD", 1)
    monkeypatch.setattr(writing, "LINK_RUN", 3)  # many runs of links
    project = seed_project(tmp_path / "project")
    site = tmp_path / "site"
    build_site(project, site)
    kept = site / "assets" / "style.css"
    inode = kept.stat().st_ino
    (site / "robots.txt").unlink()  # kept by the next build, but gone: made again
    entries = project / ARTICLES_YAML
    entries.write_text(entries.read_text(encoding="utf-8").replace("outlet_name: ", "outlet_name: x", 1))
    report = build_site(project, site, jobs=2)
    assert "robots.txt" in report.made
    assert kept.stat().st_ino == inode  # linked, not written again
    build_site(project, tmp_path / "full", cache=False)
    assert tree_bytes(site) == tree_bytes(tmp_path / "full")


def test_reads_back_from_workers_are_one_string_each_and_the_same_values():
    made = [
        StagedOutput(f"p{n}.html", OutputRecord(f"k{n}", ("article:a", f"entity:e{n % 2}")), True, n == 1)
        for n in range(4)
    ]
    runs = [pickle.loads(pickle.dumps(made[:2])), pickle.loads(pickle.dumps(made[2:]))]  # as from two workers
    names: dict[str, str] = {}
    shared = [r for run in runs for r in _shared(run, names)]
    assert shared == made
    assert len({id(read) for r in shared for read in r.record.reads}) == 3


def _log_compiles(monkeypatch, log: Path) -> None:
    """Each template compiled, as a line "pid file" appended to `log` by
    whichever process compiles it (forked ones too)."""
    import jinja2

    original = jinja2.Environment._compile

    def counted(self, source, filename):
        with log.open("a", encoding="utf-8") as lines:
            lines.write(f"{os.getpid()} {filename}\n")
        return original(self, source, filename)

    monkeypatch.setattr(jinja2.Environment, "_compile", counted)


def _compiles(log: Path) -> list[tuple[int, str]]:
    if not log.exists():
        return []
    return [
        (int(pid), name)
        for pid, name in (line.split() for line in log.read_text(encoding="utf-8").splitlines())
    ]


def _counted_pools(monkeypatch) -> list:
    """Every `WorkerPool` the writing module opens, as it is entered."""
    pools = []

    class CountedPool(writing.WorkerPool):
        def __enter__(self):
            pools.append(self)
            return super().__enter__()

    monkeypatch.setattr(writing, "WorkerPool", CountedPool)
    return pools


@pytest.mark.parametrize("cache", [True, False], ids=["templates compiled meanwhile", "no cache"])
def test_forked_workers_compile_no_template(tmp_path, monkeypatch, cache):
    # Each worker compiled every template again (a third of a second each on
    # a cold build): they are compiled before the fork, by this process or,
    # while the analysis runs, by a process of their own.
    monkeypatch.setattr(writing, "PARALLEL_THRESHOLD", 1)
    compiled = tmp_path / "compiled.txt"
    _log_compiles(monkeypatch, compiled)
    pools = _counted_pools(monkeypatch)
    project = seed_project(tmp_path / "project")
    report = build_site(project, tmp_path / "site", jobs=2, cache=cache)
    render = pools[-1]
    assert len(pools) == (2 if cache else 1) and len(report.made) >= 2  # made by forked workers
    lines = _compiles(compiled)
    assert not {pid for pid, _ in lines} & {process.pid for process, _ in render.workers}
    assert len(lines) == len(set(lines)) == len(list((project / "templates").glob("*.html")))  # each once


def _analysed_with_every_page_to_make(tmp_path: Path, monkeypatch) -> Path:
    """A 120-article dossier analysed (the next build holds the articles,
    their bodies on disk) with no previous build (every page is made), its
    outputs made in the making order with a dozen bodies kept."""
    from bench.synthetic import make_dossier
    from newsdossier.build import cache

    project = make_dossier(tmp_path / "project", 120, seed=3)
    build_site(project, tmp_path / "site")
    shutil.rmtree(tmp_path / "site")
    shutil.rmtree(project / ".cache" / "builds")
    monkeypatch.setattr(cache, "_RECENT", 12)
    monkeypatch.setattr(writing, "PARALLEL_THRESHOLD", 1)
    return project


def test_a_full_render_reads_each_body_a_few_times_not_once_for_every_entity_page(tmp_path, monkeypatch):
    # An entity's pages show its mentions in their sentences, article by
    # article: made in path order, nearly every page read each of its
    # articles' bodies again (the cache keeps a few hundred of 10,000).
    # Made in the order of the articles they show (`pages.making_order`),
    # neighbouring pages read the same bodies while they are kept.
    from newsdossier.build import cache
    from newsdossier.site import view
    from newsdossier.site.pages import entity

    project = _analysed_with_every_page_to_make(tmp_path, monkeypatch)
    # As at 10,000 articles: entities of many pages, many times the bodies kept.
    monkeypatch.setattr(view, "ENTITY_ARTICLES_PER_PAGE", 4)
    monkeypatch.setattr(view, "ENTITY_ARTICLES_PER_FURTHER_PAGE", 4)
    reads, shown = [], []
    read, groups = cache._Bodies._read, entity._mention_groups

    def counted_read(self, *ref):
        reads.append(bool(shown) and shown[-1] is not None)  # by an entity page
        return read(self, *ref)

    def counted_groups(v, e, items, *rest):
        shown.append(items)
        found = groups(v, e, items, *rest)
        shown.append(None)
        return found

    monkeypatch.setattr(cache._Bodies, "_read", counted_read)
    monkeypatch.setattr(entity, "_mention_groups", counted_groups)
    build_site(project, tmp_path / "site")
    pairs = sum(len(items) for items in shown if items is not None)
    assert pairs > 1000 and sum(reads) < pairs / 4


def test_an_articles_page_and_data_file_are_made_together_and_read_its_body_once(tmp_path, monkeypatch):
    # Both read the article's body from the analysis cache; made in path
    # order (articles/ … data/ …) the second found it long gone from the few
    # kept. Placed by the article's position (`pages.making_order`), the
    # second reads it kept.
    from newsdossier.build import cache

    project = _analysed_with_every_page_to_make(tmp_path, monkeypatch)
    making, reads = [""], []
    read, make = cache._Bodies._read, writing.make_output

    def counted_read(self, *ref):
        reads.append(making[0])
        return read(self, *ref)

    def noted_make(plan, output, previous):
        making[0] = output.path
        return make(plan, output, previous)

    monkeypatch.setattr(cache._Bodies, "_read", counted_read)
    monkeypatch.setattr(writing, "make_output", noted_make)
    build_site(project, tmp_path / "site")
    pages = [p for p in reads if p.startswith("articles/") and p != "articles/index.html"]
    files = [p for p in reads if p.startswith("data/articles/")]
    assert len(pages) > 80 and len(files) <= 5  # the second of the two finds the body kept


def test_a_cold_build_compiles_its_templates_outside_the_build_process(tmp_path, monkeypatch):
    """With workers and a cache, and no template compiled by this code kept,
    the templates are compiled by a process of their own during the
    analysis (on a core idle then), not here before the render: this
    process compiles none, and the site is a full build's."""
    compiled = tmp_path / "compiled.txt"
    _log_compiles(monkeypatch, compiled)
    project = seed_project(tmp_path / "project")
    build_site(project, tmp_path / "site", jobs=2)
    lines = _compiles(compiled)
    assert lines and all(pid != os.getpid() for pid, _ in lines)
    assert len(lines) == len(list((project / "templates").glob("*.html")))
    monkeypatch.undo()
    build_site(project, tmp_path / "full", cache=False)
    assert tree_bytes(tmp_path / "site") == tree_bytes(tmp_path / "full")


def _broken(project: Path) -> str:
    """One template that does not compile; its name."""
    (project / "templates" / "broken.html").write_text("{% if %}", encoding="utf-8")
    return "broken.html"


# (cache folder, processes, compiled before, a broken template): what the block compiles, and where.
WHEN = {
    "cold, two processes": (True, 2, False, False, "elsewhere"),
    "one process": (True, 1, False, False, "nothing"),
    "no cache": (False, 2, False, False, "nothing"),
    "kept already": (True, 2, True, False, "nothing"),
    "a template that does not compile": (True, 2, False, True, "elsewhere"),
}


@pytest.mark.parametrize("case", WHEN.values(), ids=WHEN.keys())
def test_templates_are_compiled_meanwhile_only_when_none_are_kept_and_a_core_is_there(
    tmp_path, monkeypatch, capfd, case
):
    cache, processes, kept, broken, expected = case
    project = seed_project(tmp_path / "project")
    bad = _broken(project) if broken else None
    templates = read_sources(project).templates
    folder = tmp_path / "templates" if cache else None
    if kept:
        load_every_template(template_environment(templates, folder))
    log = tmp_path / "compiled.txt"
    _log_compiles(monkeypatch, log)
    pools = _counted_pools(monkeypatch)
    with templates_compiled_meanwhile(templates, folder, processes):
        pass
    lines = _compiles(log)
    assert len(pools) == (expected == "elsewhere")  # no process forked for nothing
    if expected == "nothing":
        assert lines == []
        return
    # Each once (the broken one fails to parse: it never reaches the compiler).
    names = sorted(p.name for p in (project / "templates").glob("*.html") if p.name != bad)
    assert sorted(name.removeprefix("templates/") for _, name in lines) == names
    assert all(pid != os.getpid() for pid, _ in lines)
    # Kept for the render: read back, not compiled again here.
    (found,) = folder.iterdir()
    assert len(list(found.glob("__jinja2_*.cache"))) == len(names)
    load_every_template(template_environment(templates, folder))
    assert _compiles(log) == lines
    assert capfd.readouterr().err == ""  # a broken template is the render's to report


def test_a_stop_while_templates_are_compiled_ends_their_process(tmp_path, monkeypatch):
    pools = _counted_pools(monkeypatch)
    templates = read_sources(seed_project(tmp_path / "project")).templates
    with pytest.raises(KeyboardInterrupt), templates_compiled_meanwhile(templates, tmp_path / "t", 2):
        raise KeyboardInterrupt
    ((process, _),) = pools[0].workers
    assert process.exitcode == -9  # killed, not waited for
