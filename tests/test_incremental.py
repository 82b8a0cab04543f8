"""Incremental builds give exactly the output of a full build."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bench.synthetic import add_article, make_dossier
from newsdossier.analysis import linking
from newsdossier.build import writing
from newsdossier.site import lookups
from newsdossier.site.lookups import keyed_digest
from tests.helpers import build_site, seed_project, tree_bytes

NEW_ARTICLE = """بوتين يصل إلى هاربين بعد محادثات بكين
وصل الرئيس الروسي فلاديمير بوتين إلى مدينة هاربين بعد محادثاته مع شي جين بينغ في بكين يوم 17 مايو 2024.
وقال بوتين للصحفيين: «العلاقات مع الصين في أفضل حالاتها على الإطلاق».
"""


def full_build(project: Path, out: Path) -> dict[str, bytes]:
    build_site(project, out, cache=False)
    return tree_bytes(out)


def test_adding_an_article_incrementally_equals_a_full_build(tmp_path):
    project = seed_project(tmp_path / "project")
    site = tmp_path / "site"
    first = build_site(project, site)
    assert first.analysed == 5
    assert build_site(project, site).up_to_date

    (project / "seeds" / "005_harbin.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    with (project / "dossier" / "articles.yaml").open("a", encoding="utf-8") as metadata:
        metadata.write(
            "\n- id: harbin-2024-05-17\n  source_file: 005_harbin.txt\n  summit: beijing-2024\n"
            "  date: 2024-05-17\n  outlet: null\n  outlet_name: موقع تجريبي\n"
        )
    incremental = build_site(project, site)
    assert incremental.analysed == 1  # the five seeds came from the cache
    assert tree_bytes(site) == full_build(project, tmp_path / "full")
    # The new article is on its summit's page and on the entity pages it names.
    assert "harbin-2024-05-17.html" in (site / "summits" / "beijing-2024.html").read_text(encoding="utf-8")
    assert "harbin-2024-05-17.html" in (site / "entities" / "vladimir-putin.html").read_text(encoding="utf-8")
    # The other summit's page links the comparison of the two summits, whose
    # counts changed, by its summits alone: it is not made again.
    assert "compare/beijing-2022--beijing-2024.html" in incremental.made
    assert "summits/beijing-2022.html" not in incremental.made


def test_editing_then_removing_an_article_incrementally_equals_a_full_build(tmp_path, monkeypatch):
    """The linked dossier is patched (`analysis.linking.LinkMemo`): an
    edited article's counts taken away and added again, a removed one's
    taken away, read back from the analysis cache by its key."""
    project = seed_project(tmp_path / "project")
    site = tmp_path / "site"
    build_site(project, site)
    assert (project / ".cache" / "linked.pickle").is_file()
    counted = []  # the articles linking counts, or takes away
    part = linking._part
    monkeypatch.setattr(
        linking, "_part", lambda article, counts: counted.append(article.id) or part(article, counts)
    )
    seed = project / "seeds" / "002_75c0f02aeffcf6cd.txt"  # an article no note links to
    seed.write_text(
        seed.read_text(encoding="utf-8") + "\nوقال بوتين إن شي جين بينغ صديق قديم.\n", encoding="utf-8"
    )
    assert build_site(project, site).analysed == 1
    assert counted == ["france24-2022-02-05-no-limits"] * 2  # taken away as it was, added as it is
    monkeypatch.undo()
    assert tree_bytes(site) == full_build(project, tmp_path / "full")
    metadata = project / "dossier" / "articles.yaml"
    entries = metadata.read_text(encoding="utf-8").split("\n- ")
    removed = next(e for e in entries if seed.name in e)
    metadata.write_text("\n- ".join(e for e in entries if e is not removed), encoding="utf-8")
    seed.unlink()
    assert build_site(project, site).articles == 4
    assert tree_bytes(site) == full_build(project, tmp_path / "full2")


def test_a_proposal_that_changes_without_reanalysis_remakes_the_article(tmp_path):
    """An uncurated article's row is digested from its analysis cache key
    and its entry as proposed (`site/view.py`): moving its summit's dates
    changes the proposal, not the key, and its pages are made again."""
    project = seed_project(tmp_path / "project")
    site = tmp_path / "site"
    (project / "seeds" / "005_harbin.txt").write_text(NEW_ARTICLE, encoding="utf-8")  # no entry
    build_site(project, site)
    page = next((site / "articles").glob("*harbin*.html")).read_text(encoding="utf-8")
    assert "beijing-2024.html" in page  # proposed from its date, 17 May 2024
    summits = project / "dossier" / "summits.yaml"
    text = summits.read_text(encoding="utf-8")
    summits.write_text(
        text.replace("start: 2024-05-16\n  end: 2024-05-17", "start: 2024-09-16\n  end: 2024-09-17"),
        encoding="utf-8",
    )
    incremental = build_site(project, site)
    assert incremental.analysed == 0  # the analyses came from the cache: only the proposal moved
    assert tree_bytes(site) == full_build(project, tmp_path / "full")
    page = next((site / "articles").glob("*harbin*.html")).read_text(encoding="utf-8")
    assert "beijing-2024.html" not in page


def test_a_gazetteer_change_reanalyses_and_rerenders(tmp_path):
    project = seed_project(tmp_path / "project")
    site = tmp_path / "site"
    build_site(project, site)
    entities = project / "dossier" / "entities.yaml"
    # A new alias: every article may contain it, so all are analysed again.
    entities.write_text(
        entities.read_text(encoding="utf-8").replace("aliases: [شويجو]", "aliases: [شويجو, سيرجي]"),
        encoding="utf-8",
    )
    report = build_site(project, site)
    assert report.analysed == 5
    assert tree_bytes(site) == full_build(project, tmp_path / "full")


def test_a_description_change_rerenders_without_reanalysing(tmp_path):
    project = seed_project(tmp_path / "project")
    site = tmp_path / "site"
    build_site(project, site)
    entities = project / "dossier" / "entities.yaml"
    text = entities.read_text(encoding="utf-8")
    start = text.index("- id: xi-jinping")
    line = text.index("description:", start)
    end = text.index("\n", line)
    entities.write_text(text[:line] + "description: وصف جديد للاختبار." + text[end:], encoding="utf-8")
    report = build_site(project, site)
    assert report.analysed == 0
    assert "وصف جديد للاختبار." in (site / "entities" / "xi-jinping.html").read_text(encoding="utf-8")
    assert tree_bytes(site) == full_build(project, tmp_path / "full")


def test_an_edit_undone_equals_a_full_build(tmp_path):
    """An outlet's name edited, then put back: the pages made again for the
    edit must be made again for its undoing (the manifest records the new
    digests of what a page made again read, not only of changed records)."""
    project = seed_project(tmp_path / "project")
    site = tmp_path / "site"
    build_site(project, site)
    articles = project / "dossier" / "articles.yaml"
    original = articles.read_bytes()
    articles.write_text(
        original.decode("utf-8").replace("فرانس 24\n", "فرانس 24 عربي\n", 1), encoding="utf-8"
    )
    build_site(project, site)
    assert "فرانس 24 عربي" in (site / "index.html").read_text(encoding="utf-8")
    articles.write_bytes(original)
    build_site(project, site)
    assert tree_bytes(site) == full_build(project, tmp_path / "full")


def test_a_template_change_rerenders_every_page(tmp_path):
    project = seed_project(tmp_path / "project")
    site = tmp_path / "site"
    build_site(project, site)
    base = project / "templates" / "base.html"
    base.write_text(
        base.read_text(encoding="utf-8").replace("تخطَّ إلى المحتوى", "إلى المحتوى"), encoding="utf-8"
    )
    report = build_site(project, site)
    assert report.analysed == 0
    assert "إلى المحتوى" in (site / "articles" / "sputnik-2024-05-16-wang-peng.html").read_text(
        encoding="utf-8"
    )
    assert tree_bytes(site) == full_build(project, tmp_path / "full")


def test_unchanged_pages_keep_their_files(tmp_path):
    project = seed_project(tmp_path / "project")
    site = tmp_path / "site"
    build_site(project, site)
    untouched = site / "articles" / "reuters-2022-02-04-joint-statement.html"
    before, before_time = tree_bytes(site, search_index=False, marker=False), untouched.stat().st_mtime_ns
    summits = project / "dossier" / "summits.yaml"
    summits.write_text(
        summits.read_text(encoding="utf-8").replace("أول زيارة خارجية", "أول زيارة خارجية رسمية"),
        encoding="utf-8",
    )
    build_site(project, site)
    after = tree_bytes(site, search_index=False, marker=False)
    # The summary shows on its summit's page only.
    assert sorted(p for p in after if before.get(p) != after[p]) == ["summits/beijing-2024.html"]
    assert untouched.stat().st_mtime_ns == before_time


def test_deleting_the_cache_only_costs_time(tmp_path):
    project = seed_project(tmp_path / "project")
    build_site(project, tmp_path / "one")
    shutil.rmtree(project / ".cache")
    build_site(project, tmp_path / "two")
    assert tree_bytes(tmp_path / "one") == tree_bytes(tmp_path / "two")


def test_a_project_copied_whole_finds_its_previous_build_and_remakes_nothing(tmp_path):
    # The previous build is kept under the site's path in the project
    # (`BuildOptions.site_key`), not its absolute path: a copy (or a move)
    # of the whole project reuses every output, and is still its own.
    project = seed_project(tmp_path / "project")
    build_site(project, project / "site")
    copy = tmp_path / "elsewhere" / "project"
    shutil.copytree(project, copy, symlinks=True)
    report = build_site(copy, copy / "site")
    assert report.analysed == 0 and report.made == ()
    assert tree_bytes(copy / "site") == tree_bytes(project / "site")
    (copy / "seeds" / "005_harbin.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    with (copy / "dossier" / "articles.yaml").open("a", encoding="utf-8") as metadata:
        metadata.write(
            "\n- id: harbin-2024-05-17\n  source_file: 005_harbin.txt\n  summit: beijing-2024\n"
            "  date: 2024-05-17\n  outlet: null\n  outlet_name: موقع تجريبي\n"
        )
    assert build_site(copy, copy / "site").analysed == 1
    assert tree_bytes(copy / "site") == full_build(copy, tmp_path / "full")
    assert build_site(project, project / "site").up_to_date  # the original is not touched by the copy's build


def test_the_previous_build_kept_under_its_earlier_name_is_removed(tmp_path):
    # Earlier versions named a site's manifest and stamp by its absolute path;
    # a build with work removes those (no build reads them again), and leaves
    # another site folder's (`--out` elsewhere) and its own.
    from newsdossier.build.options import BuildOptions

    project = seed_project(tmp_path / "project")
    options = BuildOptions(project, project / "site")
    other = BuildOptions(project, tmp_path / "elsewhere")
    (earlier,) = options.earlier_site_keys
    assert other.earlier_site_keys == () and len({earlier, options.site_key, other.site_key}) == 3
    builds = project / ".cache" / "builds"
    builds.mkdir(parents=True)
    names = [f"{earlier}{end}" for end in (".head", ".manifest", ".delta", ".json", ".stamp.json")]
    for name in [*names, f"{other.site_key}.manifest"]:
        (builds / name).write_bytes(b"kept by an earlier build")
    build_site(project, project / "site")
    left = {p.name for p in builds.iterdir()}
    assert not left & set(names) and f"{other.site_key}.manifest" in left
    assert {f"{options.site_key}.manifest", f"{options.site_key}.stamp.json"} <= left


def test_a_build_without_the_cache_leaves_no_stale_manifest(tmp_path):
    project = seed_project(tmp_path / "project")
    site = tmp_path / "site"
    build_site(project, site)
    settings = project / "dossier" / "site.yaml"
    original = settings.read_text(encoding="utf-8")
    settings.write_text(
        original.replace("title: ملف قمم بوتين وشي في بكين", "title: عنوان مؤقت"), encoding="utf-8"
    )
    build_site(project, site, cache=False)
    settings.write_text(original, encoding="utf-8")
    # Back to the inputs of the first build: the site must not be "up to date".
    report = build_site(project, site)
    assert not report.up_to_date
    assert "عنوان مؤقت" not in (site / "index.html").read_text(encoding="utf-8")


def test_a_seed_problem_shows_on_an_unassigned_article(tmp_path):
    project = seed_project(tmp_path / "project")
    (project / "seeds" / "005_bad.txt").write_bytes(
        "عنوان\nقال شي كلامًا \xff\xfe عن العلاقات.\n".encode("utf-8", "surrogateescape").replace(
            b"\xc3\xbf\xc3\xbe", b"\xff\xfe"
        )
    )
    build_site(project, tmp_path / "site")
    page = (tmp_path / "site" / "articles" / "005-bad.html").read_text(encoding="utf-8")
    assert "في الملف بايتات ليست نصًا بترميز UTF-8" in page


def test_at_a_thousand_articles_adding_one_equals_a_full_build(tmp_path):
    """The scale the rebuild is for: with search, on two cores. The rebuild
    remakes a small share of the site and indexes only what changed."""
    project = make_dossier(tmp_path / "project", 1000)
    site = tmp_path / "site"
    build_site(project, site, jobs=2)
    add_article(project, 1000)
    report = build_site(project, site, jobs=2)
    assert report.analysed == 1 and report.articles == 1001
    assert len(report.made) < len(report.written) // 10
    build_site(project, tmp_path / "full", jobs=2, cache=False)
    assert tree_bytes(site) == tree_bytes(tmp_path / "full")


def test_compiled_templates_are_kept_and_an_edited_one_is_compiled_again(tmp_path, monkeypatch):
    """Templates are compiled once (kept under .cache/templates); a page
    made again by a later build uses the kept code, and an edited template
    is compiled again, its edit on the pages."""
    import jinja2

    project = seed_project(tmp_path / "project")
    site = tmp_path / "site"
    build_site(project, site)
    assert list((project / ".cache" / "templates").rglob("*.cache"))
    compiled = []
    compile_template = jinja2.Environment.compile

    def counting(self, source, name=None, filename=None, *args, **kwargs):
        compiled.append(name)
        return compile_template(self, source, name, filename, *args, **kwargs)

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    entities = project / "dossier" / "entities.yaml"
    entities.write_text(
        entities.read_text(encoding="utf-8").replace("aliases: [شويجو]", "aliases: [شويجو, سيرجي]"),
        encoding="utf-8",
    )
    assert build_site(project, site).made  # pages made again, from the kept code
    assert compiled == []
    base = project / "templates" / "base.html"
    base.write_text(
        base.read_text(encoding="utf-8").replace("تخطَّ إلى المحتوى", "إلى المحتوى"), encoding="utf-8"
    )
    build_site(project, site)
    assert compiled == ["base.html"]
    assert "إلى المحتوى" in (site / "index.html").read_text(encoding="utf-8")
    assert tree_bytes(site) == full_build(project, tmp_path / "full")


def test_compiled_templates_of_an_earlier_code_version_are_removed(tmp_path, monkeypatch):
    """A new version of the code compiles afresh and removes the earlier
    versions' compiled templates (`.cache/` does not grow with upgrades);
    a folder that is not all Jinja's files stays."""
    from newsdossier.site import outputs

    for name in ["__jinja2_abc.cache.txt", "notes.tmp", "__jinja2_.tmp"]:  # none of Jinja's
        assert not outputs._is_jinjas(name)
    cache = tmp_path / "templates"
    (cache / "0123456789abcdef").mkdir(parents=True)
    (cache / "0123456789abcdef" / "__jinja2_abc.cache").write_bytes(b"old code")
    (cache / "0123456789abcdef" / "__jinja2_abd.cachek2j_x9.tmp").write_bytes(b"cut")  # a stopped write
    (cache / "kept").mkdir()
    (cache / "kept" / "notes.txt").write_text("someone's", encoding="utf-8")
    monkeypatch.setattr(outputs, "code_version", lambda: "fedcba9876543210" + "0" * 48)
    outputs._bytecode_cache(cache)
    assert sorted(p.name for p in cache.iterdir()) == ["fedcba9876543210", "kept"]
    outputs._bytecode_cache(cache)  # the same version again: nothing removed, nothing made
    assert sorted(p.name for p in cache.iterdir()) == ["fedcba9876543210", "kept"]


def test_an_added_uncurated_article_is_the_one_searched_for_a_proposal(tmp_path, monkeypatch):
    """The proposals are kept by article key (`ProposalMemo`): an added
    uncurated article is the one text searched for dates, and the site is
    a full build's."""
    from newsdossier.language import proposals

    project = seed_project(tmp_path / "project")
    site = tmp_path / "site"
    (project / "seeds" / "005_harbin.txt").write_text(NEW_ARTICLE, encoding="utf-8")  # no entry
    build_site(project, site)
    searched = []
    propose = proposals.propose
    monkeypatch.setattr(
        proposals, "propose", lambda a, s: searched.append(a.meta.source_file) or propose(a, s)
    )
    other = (
        "لافروف يلتقي وانغ يي في بكين\n"
        "التقى وزير الخارجية الروسي سيرغي لافروف نظيره الصيني وانغ يي في بكين يوم 16 مايو 2024،"
        " وبحث الجانبان التحضيرات الأخيرة لزيارة الرئيس الروسي والتعاون في مجال الطاقة.\n"
    )
    (project / "seeds" / "006_lavrov.txt").write_text(other, encoding="utf-8")
    assert build_site(project, site).analysed == 1
    assert searched == ["006_lavrov.txt"]
    monkeypatch.undo()
    assert tree_bytes(site) == full_build(project, tmp_path / "full")
    assert "beijing-2024.html" in (site / "articles" / "006-lavrov.html").read_text(encoding="utf-8")


# ------------------------------------------------ entities' and summits' rows known by their versions

NO_LIMITS_SEED = "002_75c0f02aeffcf6cd.txt"  # france24-2022-02-05-no-limits, of beijing-2022


def _text_edited(project: Path) -> None:
    seed = project / "seeds" / NO_LIMITS_SEED
    seed.write_text(
        seed.read_text(encoding="utf-8") + "\nوقال بوتين إن شي جين بينغ صديق قديم.\n", encoding="utf-8"
    )


def _article_added(project: Path) -> None:
    (project / "seeds" / "005_harbin.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    with (project / "dossier" / "articles.yaml").open("a", encoding="utf-8") as metadata:
        metadata.write(
            "\n- id: harbin-2024-05-17\n  source_file: 005_harbin.txt\n  summit: beijing-2024\n"
            "  date: 2024-05-17\n  outlet: null\n  outlet_name: موقع تجريبي\n"
        )


def _article_removed(project: Path) -> None:
    metadata = project / "dossier" / "articles.yaml"
    entries = metadata.read_text(encoding="utf-8").split("\n- ")
    metadata.write_text("\n- ".join(e for e in entries if NO_LIMITS_SEED not in e), encoding="utf-8")
    (project / "seeds" / NO_LIMITS_SEED).unlink()


def _summit_moved(project: Path) -> None:
    metadata = project / "dossier" / "articles.yaml"
    text = metadata.read_text(encoding="utf-8")
    entry = text.index(f"source_file: {NO_LIMITS_SEED}\n  summit: beijing-2022")
    at = entry + len(f"source_file: {NO_LIMITS_SEED}\n  summit: ")
    metadata.write_text(text[:at] + "beijing-2024" + text[at + len("beijing-2022") :], encoding="utf-8")


def _edited(path: Path, old: str, new: str) -> None:
    """`path` with its first `old` made `new` (which must be there)."""
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _summits_reordered(project: Path) -> None:
    # Beijing 2022 dated after Beijing 2024: the summits' order is reversed
    # (an entity's articles by summit are listed in that order).
    summits = project / "dossier" / "summits.yaml"
    _edited(summits, "start: 2022-02-04\n  end: 2022-02-04", "start: 2025-02-04\n  end: 2025-02-04")
    # (Its comparison's note is named by the summits in their order.)
    (project / "dossier" / "notes" / "comparisons" / "beijing-2022--beijing-2024.md").unlink()


def _proposal_moved(project: Path) -> None:
    # An uncurated article's summit and date proposed anew (its key unchanged).
    summits = project / "dossier" / "summits.yaml"
    _edited(summits, "start: 2024-05-16\n  end: 2024-05-17", "start: 2024-09-16\n  end: 2024-09-17")


def _uncurated_added(project: Path) -> None:
    (project / "seeds" / "005_harbin.txt").write_text(NEW_ARTICLE, encoding="utf-8")  # no entry


def _description_changed(project: Path) -> None:
    entities = project / "dossier" / "entities.yaml"
    text = entities.read_text(encoding="utf-8")
    line = text.index("description:", text.index("- id: xi-jinping"))
    end = text.index("\n", line)
    entities.write_text(text[:line] + "description: وصف جديد للاختبار." + text[end:], encoding="utf-8")


# Each change to what an entity's or a summit's rows are made of (see
# `analysis.linking.Versions`): (what the first build is made of, the change,
# pages it must make again). The last changes none of them.
VERSIONED_CHANGES = {
    "an article's text (its key)": (None, _text_edited, ["entities/vladimir-putin.html"]),
    "an article added": (None, _article_added, ["entities/vladimir-putin.html", "summits/beijing-2024.html"]),
    "an article removed": (None, _article_removed, ["summits/beijing-2022.html"]),
    "an article's summit": (None, _summit_moved, ["summits/beijing-2022.html", "summits/beijing-2024.html"]),
    "the summits' order": (None, _summits_reordered, ["entities/vladimir-putin.html"]),
    "an uncurated article's proposed summit and date": (
        _uncurated_added,
        _proposal_moved,
        ["summits/beijing-2024.html"],
    ),
    "an entity's description (no row's version)": (None, _description_changed, ["entities/xi-jinping.html"]),
}
VERSIONED_TABLES = {
    "entity-links",
    "entity-summits",
    "entity-pages",
    "summit-links",
    "summit-pages",
    "quotes-by-summit",
    "quotes-by-speaker",
    "speaker-quote-pages",
}


@pytest.mark.parametrize("case", VERSIONED_CHANGES)
def test_a_change_to_what_a_versioned_row_is_made_of_remakes_its_pages(tmp_path, monkeypatch, case):
    """Entities' and summits' rows are known unchanged by their versions,
    their values not digested; each kind of input they are made of changes
    the version and remakes the pages that show it, byte for byte as a
    full build makes them."""
    setup, change, remade = VERSIONED_CHANGES[case]
    project = seed_project(tmp_path / "project")
    site = tmp_path / "site"
    if setup is not None:
        setup(project)
    build_site(project, site)
    change(project)
    digested = []  # rows with a version whose values the reuse check digests
    checking = []
    value = lookups.Table._value

    def counted(table, key):
        if checking and table.name in VERSIONED_TABLES and table.version(key) is not None:
            digested.append(f"{table.name}:{key}")
        return value(table, key)

    monkeypatch.setattr(lookups.Table, "_value", counted)
    reused = writing.reused_records
    monkeypatch.setattr(writing, "reused_records", lambda *args: checking.append(1) or reused(*args))
    report = build_site(project, site)
    monkeypatch.undo()
    assert set(remade) <= set(report.made)
    assert tree_bytes(site) == full_build(project, tmp_path / "full")
    # Rows of a group no article left or joined are known by their version alone.
    if case.startswith("an entity's description"):
        assert checking and digested == []
    else:
        assert digested


def test_every_row_taken_by_its_version_has_the_value_it_was_recorded_with(tmp_path, monkeypatch):
    """The guard the versions need (`linking.Versions`): each row the reuse
    check takes as unchanged by its version alone is digested here anyway,
    and must be the value the last build recorded, through a run of edits
    (articles added, edited, moved to another summit; an uncurated article
    moved by its summit's days, its key the same; the summits' order). A
    version that does not follow what its rows are made of fails here
    (checked: one made of its group's name alone, one without the articles'
    places, one without the summits' order: each fails)."""
    project = make_dossier(tmp_path / "project", 40)
    site = tmp_path / "site"
    build_site(project, site)
    taken = []
    known = lookups.Table.known

    def checked(self, key, digest):
        value = keyed_digest(self._keys[key]) if key in self._keys else self._fingerprint(self._rows[key])
        assert value == lookups._value_part(digest), f"{self.name}:{key} taken by its version, value changed"
        taken.append(self.name)
        known(self, key, digest)

    monkeypatch.setattr(lookups.Table, "known", checked)
    articles = project / "dossier" / "articles.yaml"
    seeds = sorted((project / "seeds").iterdir())

    # Edits of the analysis (each changes an article's key), then of what a
    # version holds beside the keys: an uncurated article's summit moved by
    # its summit's days (its place; its key the same), and the summits' order.
    steps = [
        lambda: add_article(project, 500),  # an article added
        lambda: seeds[3].write_text(seeds[3].read_text(encoding="utf-8") + "\nقال بوتين إن الصين شريك.\n"),
        lambda: _edited(articles, "summit: beijing-2024", "summit: beijing-2022"),  # an article's summit
        lambda: (project / "seeds" / "900_harbin.txt").write_text(NEW_ARTICLE, encoding="utf-8"),  # uncurated
        lambda: _proposal_moved(project),
        lambda: _summits_reordered(project),
    ]
    for step in steps:
        step()
        build_site(project, site)
    monkeypatch.undo()
    assert len(taken) > 100  # (the check ran: most rows were taken by their versions)
    assert tree_bytes(site) == full_build(project, tmp_path / "full")
