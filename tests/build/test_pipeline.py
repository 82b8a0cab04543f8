"""The build as a whole: an article with or without metadata, a new summit,
the names the gazetteer does not know, the stage timings."""

from __future__ import annotations

import gc
import subprocess
import sys
from types import SimpleNamespace

import pytest
import yaml

from bench.gazetteer import project_with_entities
from newsdossier.build import pipeline, stages
from newsdossier.build.pipeline import Stopwatch
from newsdossier.models.errors import DossierError
from tests.helpers import HARBIN, ROOT, build_site, run_cli, tree_bytes


def test_an_article_without_metadata_is_built_flagged_and_proposed(project, tmp_path, capsys):
    (project / "seeds" / "005_harbin.txt").write_text(HARBIN, encoding="utf-8")
    site = tmp_path / "site"
    assert run_cli(["--root", str(project), "--out", str(site)]) == 0
    err = capsys.readouterr().err
    assert "warning: seeds/005_harbin.txt: no entry in dossier/articles.yaml: published as uncurated" in err
    assert "warning: seeds/005_harbin.txt: summit `beijing-2024` proposed, date 2024-05-17" in err
    page = (site / "articles" / "005-harbin.html").read_text(encoding="utf-8")
    assert "بلا بيانات تحريرية" in page and "مقترحة" in page
    assert "articles/005-harbin.html" in (site / "summits" / "beijing-2024.html").read_text(encoding="utf-8")
    assert "005-harbin.html" in (site / "entities" / "vladimir-putin.html").read_text(encoding="utf-8")

    candidates = yaml.safe_load((project / "reports" / "candidates.yaml").read_text(encoding="utf-8"))
    names = {c["name_ar"]: c for c in candidates}
    assert {"سيرغي لافروف", "هاربين", "وانغ يي"} <= set(names)
    assert names["سيرغي لافروف"]["type"] == "person" and names["هاربين"]["type"] == "place"
    text = (project / "reports" / "candidates.yaml").read_text(encoding="utf-8")
    lavrov = text[: text.index("name_ar: سيرغي لافروف")]
    lavrov = lavrov[lavrov.rindex("# seen") :]
    assert lavrov.startswith("# seen 2 times; found by: ") and "pattern" in lavrov.splitlines()[0]
    assert "#   seeds/005_harbin.txt:3: التقى وزير الخارجية الروسي سيرغي لافروف" in text
    assert "the shipped CRF model trained on ANERcorp; no camel-tools NER model installed" in text
    # Each entry is in the gazetteer's format: once given an id, it can be pasted.
    assert set(candidates[0]) == {"id", "type", "name_ar", "name_en", "aliases", "wikidata", "description"}


def test_a_new_summit_is_one_entry(project, tmp_path):
    with (project / "dossier" / "summits.yaml").open("a", encoding="utf-8") as summits:
        summits.write(
            "- id: moscow-2023\n  title_ar: زيارة شي إلى موسكو 2023\n  title_en: Xi in Moscow, March 2023\n"
            "  start: 2023-03-20\n  end: 2023-03-22\n  place: moscow\n"
            "  summary: زيارة دولة قام بها شي إلى [[موسكو]].\n"
        )
    (project / "seeds" / "005_moscow.txt").write_text(
        "شي في موسكو\nوصل الرئيس الصيني شي جين بينغ إلى موسكو في 20 مارس 2023 للقاء بوتين.\n",
        encoding="utf-8",
    )
    with (project / "dossier" / "articles.yaml").open("a", encoding="utf-8") as articles:
        articles.write(
            "- id: moscow-2023-03-20\n  source_file: 005_moscow.txt\n  summit: moscow-2023\n"
            "  date: 2023-03-20\n  outlet: null\n  outlet_name: موقع تجريبي\n"
        )
    site = tmp_path / "site"
    build_site(project, site)
    summit = (site / "summits" / "moscow-2023.html").read_text(encoding="utf-8")
    assert "articles/moscow-2023-03-20.html" in summit
    home = (site / "index.html").read_text(encoding="utf-8")
    assert (
        home.index("قمة بكين 2022")
        < home.index("زيارة شي إلى موسكو 2023")
        < home.index("زيارة الدولة إلى بكين 2024")
    )
    for pair in ("beijing-2022--moscow-2023", "beijing-2022--beijing-2024", "moscow-2023--beijing-2024"):
        assert (site / "compare" / f"{pair}.html").is_file()


@pytest.fixture(scope="module")
def tiny_ner(tmp_path_factory):
    from tests.tiny_ner import build_tiny_ner

    words = [w for line in HARBIN.splitlines() for w in line.replace("،", " ").replace(".", " ").split()]
    return build_tiny_ner(tmp_path_factory.mktemp("ner") / "model", words)


def test_ner_model_is_loaded_and_its_names_reach_the_report(project, tmp_path, tiny_ner):
    (project / "seeds" / "005_harbin.txt").write_text(HARBIN, encoding="utf-8")
    report = build_site(project, tmp_path / "site", ner_model=tiny_ner, jobs=1)
    assert report.candidates > 0
    text = (project / "reports" / "candidates.yaml").read_text(encoding="utf-8")
    assert (
        "# Named-entity recognition: the shipped CRF model trained on ANERcorp; camel-tools NERecognizer "
        f"with the model in {tiny_ner}" in text
    )
    assert "found by: ner" in text or "found by: ner, pattern" in text
    # The model labels every word B-PERS: each unknown word is its own person candidate.
    candidates = yaml.safe_load(text)
    assert {"هاربين", "وانغ يي"} <= {c["name_ar"] for c in candidates}  # «مدينة» alone is never a name


def test_timings_name_every_stage_once(project, tmp_path):
    report = build_site(project, tmp_path / "site")
    assert list(report.timings) == [
        "check",
        "read",
        "curation",
        "gazetteer",
        "analyse",
        "candidates",
        "propose",
        "link",
        "plan",
        "render",
        "search",
        "swap",
        "report",
        "tidy",
    ]
    assert all(seconds >= 0 for seconds in report.timings.values())


def test_a_stage_waited_for_after_others_adds_that_wait_to_its_own_lap(monkeypatch):
    """`Stopwatch.more`: the candidates' summary made beside linking is
    lapped where it starts and again where it is waited for, in one place."""
    ticks = iter([0.0, 1.0, 3.0, 3.5, 4.0])
    monkeypatch.setattr(pipeline, "time", SimpleNamespace(perf_counter=lambda: next(ticks)))
    clock = Stopwatch()
    clock.lap("candidates")
    clock.lap("link")
    assert clock.more("candidates", "summary") == "summary"
    clock.lap("render")
    assert clock.laps == {"candidates": 1.5, "link": 2.0, "render": 0.5}


# The stages whose work grows with the gazetteer.
GAZETTEER_STAGES = ("curation", "gazetteer", "analyse", "link", "plan")


def test_a_gazetteer_of_100000_entities_builds_in_near_linear_time(tmp_path, seed_site):
    """A Wikidata export of 100,000 entities (19 MB): the build goes through,
    shows the entities the dossier uses and counts the rest, and the stages
    that read the gazetteer take about four times as long as with 25,000."""
    seconds = {}
    for count in (25_000, 100_000):
        project = project_with_entities(tmp_path / f"project-{count}", count)
        report = build_site(project, tmp_path / f"site-{count}", cache=False, search=False)
        seconds[count] = sum(report.timings[stage] for stage in GAZETTEER_STAGES)
    assert report.articles == 5
    site = tmp_path / "site-100000"
    pages = sorted(p.name for p in (site / "entities").iterdir())
    assert pages == sorted(p.name for p in (seed_site / "entities").iterdir())  # the seed dossier's own
    unnamed = 100_000 + 1  # the seed gazetteer's one entity no article names (Kyiv)
    assert f"ولا صفحات لها: {unnamed} اسم." in (site / "entities" / "index.html").read_text(encoding="utf-8")
    assert seconds[100_000] / seconds[25_000] < 9, seconds  # 4 times the entities


def test_a_seed_saved_over_during_the_build_fails_it_and_leaves_the_site(project, tmp_path, monkeypatch):
    """The build does not hold every seed's bytes to the end: a raw copy is
    read back when it is written. A seed the analyst saved over in between
    is refused (its copy would not be the text the pages show) and the
    previous site stays as it was."""
    site = tmp_path / "site"
    build_site(project, site)
    before = tree_bytes(site)
    seed = sorted((project / "seeds").glob("*.txt"))[0]
    planned = stages.plan_site

    def edited_meanwhile(*arguments, **options):
        seed.write_bytes(seed.read_bytes() + "سطر أضيف أثناء البناء\n".encode())
        return planned(*arguments, **options)

    monkeypatch.setattr(stages, "plan_site", edited_meanwhile)
    (project / "templates" / "base.html").write_text(
        (project / "templates" / "base.html").read_text(encoding="utf-8") + "\n", encoding="utf-8"
    )  # every page made again, the raw copies too
    with pytest.raises(DossierError) as error:
        build_site(project, site, cache=False)
    assert error.value.path == f"seeds/{seed.name}" and "changed while the site was being built" in str(
        error.value
    )
    assert tree_bytes(site) == before


def test_an_added_article_is_analysed_and_its_pages_made_without_starting_workers(tmp_path, monkeypatch):
    """Workers pay for themselves only when there are many articles or
    outputs (a fork, the tools inherited, pipes): an added article's build
    is one process, whatever `--jobs` says, and imports neither
    multiprocessing (which starting a worker does) nor the heavy libraries
    the default build never needs (nor pydantic: the curation's schemas
    are read by their own checkers, `inputs.schemas`; nor Babel, whose
    month names and plural rule `site.arabic` holds; nor
    `importlib.metadata`, for NumPy's version in a layout's key); a full build of the same dossier does
    start workers (so the count below can see them)."""
    from bench.synthetic import add_article, make_dossier
    from newsdossier.build import pool

    started, real = [], pool.WorkerPool.__init__
    monkeypatch.setattr(
        pool.WorkerPool, "__init__", lambda self, n, *a, **k: started.append(n) or real(self, n, *a, **k)
    )
    project = make_dossier(tmp_path / "project", 30)
    assert build_site(project, jobs=2).analysed == 30 and started
    add_article(project, 30)
    program = (
        "import sys\n"
        "from newsdossier.cli import run\n"
        f"sys.argv = ['newsdossier', 'build', '--root', {str(project)!r}, '--jobs', '2', '--quiet']\n"
        "assert run() == 0\n"
        "heavy = ['multiprocessing', 'camel_tools', 'scipy', 'networkx', 'datasketch', 'torch', 'sklearn',\n"
        "         'pydantic', 'babel', 'importlib.metadata']\n"
        "print(sorted(m for m in heavy if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", program], cwd=ROOT, capture_output=True, text=True)
    assert (done.returncode, done.stdout.strip()) == (0, "[]"), done.stderr
    assert (project / "site" / "articles" / "synthetic-00030.html").is_file()


def test_the_previous_builds_records_are_left_out_of_the_collections_that_follow(
    project, tmp_path, monkeypatch
):
    # The manifest's records (35,000 at 10,000 articles, 570,000 reads) live
    # to the build's end: the first young collection after they were read
    # walked them (25-35 ms of an added article's build at 10,000).
    site = tmp_path / "site"
    build_site(project, site)
    seen = {}
    manifest, curation = stages.BuildManifest, stages._curation

    def recorded(*args, **kwargs):
        read = manifest(*args, **kwargs)
        seen["records"] = len(read.records())
        return read

    def curated(*args, **kwargs):
        seen["frozen"] = gc.get_freeze_count()
        return curation(*args, **kwargs)

    monkeypatch.setattr(stages, "BuildManifest", recorded)
    monkeypatch.setattr(stages, "_curation", curated)
    site_yaml = project / "dossier" / "site.yaml"
    site_yaml.write_text(site_yaml.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    gc.unfreeze()
    assert not build_site(project, site).up_to_date
    assert seen["frozen"] > 2 * seen["records"] > 100  # each record and its reads: two tuples
    assert gc.get_freeze_count() == 0 and gc.isenabled()  # as the build found it


def test_the_plan_is_left_out_of_the_collections_that_follow_it_until_the_build_ends(
    project, tmp_path, monkeypatch
):
    # The plan's objects (35,000 outputs at 10,000 articles) live to the
    # build's end: the first young collection after planning walked them
    # all (0.12 s of an added article's build at 10,000).
    seen = {}
    plan_site, make_and_write = stages.plan_site, stages._make_and_write

    def planned(*args, **kwargs):
        seen["before"] = gc.get_freeze_count()
        return plan_site(*args, **kwargs)

    def made(plan, *args, **kwargs):
        seen["after"], seen["outputs"] = gc.get_freeze_count(), len(plan.outputs)
        return make_and_write(plan, *args, **kwargs)

    monkeypatch.setattr(stages, "plan_site", planned)
    monkeypatch.setattr(stages, "_make_and_write", made)
    gc.unfreeze()
    build_site(project, tmp_path / "site")
    assert seen["after"] - seen["before"] > seen["outputs"] > 100
    assert gc.get_freeze_count() == 0 and gc.isenabled()  # as the build found it
