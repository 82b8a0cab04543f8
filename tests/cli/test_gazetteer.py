"""Starting a new dossier and growing its gazetteer from the candidates:
`new`, `add`, build, `accept`, `alias`, build."""

from __future__ import annotations

import functools
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from newsdossier.cli import new
from tests.helpers import HARBIN, ROOT, build_site, read_page, run_cli, tree_bytes


def test_a_new_dossier_builds_and_grows_from_its_candidates(tmp_path, capsys):
    folder = tmp_path / "new"
    assert run_cli(["new", str(folder)]) == 0
    assert sorted(p.name for p in (folder / "dossier").iterdir()) == [
        "articles.yaml",
        "entities.yaml",
        "notes",
        "site.yaml",
        "summits.yaml",
    ]
    assert (folder / "templates" / "base.html").read_bytes() == (
        ROOT / "templates" / "base.html"
    ).read_bytes()
    empty = build_site(folder, tmp_path / "site")  # no articles, an empty gazetteer: it builds
    assert empty.articles == 0 and "لا مقالات" in read_page(tmp_path / "site", "index.html")

    article = tmp_path / "harbin.txt"
    article.write_text(HARBIN, encoding="utf-8")
    assert run_cli(["add", str(article), "--root", str(folder)]) == 0
    report = build_site(folder, tmp_path / "site")
    assert report.articles == 1 and report.candidates >= 3
    candidates = yaml.safe_load((folder / "reports" / "candidates.yaml").read_text(encoding="utf-8"))
    number = next(int(c["id"].split("-")[1]) for c in candidates if c["name_ar"] == "سيرغي لافروف")

    capsys.readouterr()
    assert (
        run_cli(
            [
                "accept",
                str(number),
                "--id",
                "sergei-lavrov",
                "--name-en",
                "Sergei Lavrov",
                "--root",
                str(folder),
            ]
        )
        == 0
    )
    assert run_cli(["alias", "sergei-lavrov", "لافروف", "--root", str(folder)]) == 0
    assert capsys.readouterr().out.endswith("entity `sergei-lavrov`: aliases: [لافروف]\n")
    entities = (folder / "dossier" / "entities.yaml").read_text(encoding="utf-8")
    assert entities.startswith("# The gazetteer")  # its comments kept
    assert yaml.safe_load(entities)[0]["aliases"] == ["لافروف"]
    build_site(folder, tmp_path / "site")
    lavrov = read_page(tmp_path / "site", "entities/sergei-lavrov.html")
    lists = lavrov.split('<ul class="contexts">')[1:]
    assert sum(items.split("</ul>")[0].count("<li>") for items in lists) == 2  # his two mentions in context


def test_a_new_dossier_needs_an_empty_folder(tmp_path, capsys):
    (tmp_path / "taken").mkdir()
    (tmp_path / "taken" / "notes.txt").write_text("mine")
    assert run_cli(["new", str(tmp_path / "taken")]) == 1
    assert (
        capsys.readouterr().err
        == f"error: {tmp_path / 'taken'}: is not an empty folder: a new dossier needs a folder of its own\n"
    )
    assert [p.name for p in (tmp_path / "taken").iterdir()] == ["notes.txt"]


def test_alias_and_accept_refuse_what_would_break_the_gazetteer(project, capsys):
    before = (project / "dossier" / "entities.yaml").read_bytes()
    assert run_cli(["alias", "vladimir-putin", "شي", "--root", str(project)]) == 1  # Xi's name already
    assert "each written form must belong to one entity (nothing was written)" in capsys.readouterr().err
    assert run_cli(["alias", "no-such-entity", "اسم", "--root", str(project)]) == 1
    assert capsys.readouterr().err == "error: dossier/entities.yaml: has no entity `no-such-entity`\n"
    assert run_cli(["accept", "1", "--id", "x", "--root", str(project)]) == 1
    assert "build the dossier first" in capsys.readouterr().err
    assert (project / "dossier" / "entities.yaml").read_bytes() == before


def test_alias_keeps_the_analysts_comments_and_flow_styles(project, capsys):
    entities = project / "dossier" / "entities.yaml"
    text = entities.read_text(encoding="utf-8")
    # The seed gazetteer, with a trailing comment, an entity as a flow mapping, a flow list on two lines.
    text = text.replace(
        "- id: alexei-miller\n  type: person\n  name_ar: أليكسي ميلر\n  name_en: Alexei Miller\n"
        "  aliases: []\n",
        "- id: alexei-miller\n  type: person\n  name_ar: أليكسي ميلر\n  name_en: Alexei Miller\n"
        "  aliases: []   # a comment\n",
    ).replace("  aliases: [كريتنبرينك]\n", "  aliases: [كريتنبرينك,\n    كريتنبرنك]\n")
    text += (
        "- {id: flow-entity, type: place, name_ar: مدينة مثال, name_en: Example, aliases: [], "
        'wikidata: null, description: "x"}\n'
    )
    entities.write_text(text, encoding="utf-8")
    for entity, spelling in (
        ("alexei-miller", "ميللر"),
        ("daniel-kritenbrink", "كريتن برينك"),
        ("flow-entity", "مثال"),
    ):
        assert run_cli(["alias", entity, spelling, "--root", str(project)]) == 0, capsys.readouterr().err
    after = entities.read_text(encoding="utf-8")
    assert after == (
        text.replace("  aliases: []   # a comment\n", "  aliases: [ميللر]   # a comment\n")
        .replace("    كريتنبرنك]\n", "    كريتنبرنك, كريتن برينك]\n")
        .replace(
            'aliases: [], wikidata: null, description: "x"}',
            'aliases: [مثال], wikidata: null, description: "x"}',
        )
    )


def test_a_damaged_candidates_file_is_a_clear_error(project, capsys):
    candidates = project / "reports" / "candidates.yaml"
    candidates.parent.mkdir()
    for data, message in (
        (b"42\n", "error: reports/candidates.yaml: is not a list of candidates: build the dossier again"),
        (b"- id: candidate-1\n  name_ar: \xff\xfe\n", "error: reports/candidates.yaml:2: "),
        (b"- [unclosed\n", "error: reports/candidates.yaml:2: invalid YAML"),
        (b"- 7\n- id: candidate-2\n", "error: reports/candidates.yaml: has no entry `candidate-1`"),
    ):
        candidates.write_bytes(data)
        assert run_cli(["accept", "1", "--id", "x", "--root", str(project)]) == 1
        err = capsys.readouterr().err
        assert err.startswith(message) and "internal error" not in err, err


def test_escape_codes_in_what_alias_prints_are_shown_escaped(project, capsys):
    assert run_cli(["alias", "no-such\x1b[2K\r-entity", "x", "--root", str(project)]) == 1
    assert (
        capsys.readouterr().err
        == "error: dossier/entities.yaml: has no entity `no-such\\x1b[2K\\x0d-entity`\n"
    )
    assert run_cli(["alias", "vladimir-putin", "بو\u202eتن", "--root", str(project)]) == 0
    assert capsys.readouterr().out.endswith("بو\\u202eتن]\n")


def test_new_works_from_any_folder_with_the_templates_it_comes_with(tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    command = Path(sys.executable).parent / "newsdossier"
    result = subprocess.run([str(command), "new", "gas-deal"], cwd=elsewhere, capture_output=True, text=True)
    assert (result.returncode, result.stderr) == (0, "")
    assert tree_bytes(elsewhere / "gas-deal" / "templates") == tree_bytes(ROOT / "templates")


def test_new_with_a_dead_link_in_the_templates_writes_nothing(tmp_path, capsys):
    templates = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", templates)
    (templates / "assets" / "logo.svg").symlink_to(tmp_path / "gone.svg")
    assert run_cli(["new", str(tmp_path / "d"), "--templates", str(templates)]) == 1
    assert capsys.readouterr().err == (
        f"error: {templates / 'assets' / 'logo.svg'}: is a link to {tmp_path / 'gone.svg'}, which does not "
        "exist: fix or remove it\n"
    )
    assert not (tmp_path / "d").exists()
    (templates / "assets" / "logo.svg").unlink()
    (templates / "assets" / "logo.svg").symlink_to(ROOT / "templates" / "assets" / "style.css")
    assert run_cli(["new", str(tmp_path / "d"), "--templates", str(templates)]) == 0  # a live link: its file
    assert not (tmp_path / "d" / "templates" / "assets" / "logo.svg").is_symlink()


@pytest.mark.parametrize("failure", [OSError(28, "No space left on device"), KeyboardInterrupt()])
@pytest.mark.parametrize("existed", [False, True])
def test_new_that_fails_half_way_leaves_nothing_behind(tmp_path, capsys, monkeypatch, failure, existed):
    folder = tmp_path / "d"
    if existed:
        folder.mkdir()
    copies, copy = [], shutil.copyfile

    def copy_then_fail(source, destination):
        copies.append(destination)
        if len(copies) == 5:
            raise failure
        return copy(source, destination)

    monkeypatch.setattr(new.shutil, "copyfile", copy_then_fail)
    code = run_cli(["new", str(folder)])
    err = capsys.readouterr().err
    if isinstance(failure, OSError):
        assert (code, err) == (1, f"error: {folder}: cannot write the new dossier: No space left on device\n")
    else:
        assert (code, err) == (130, "interrupted: nothing was changed\n")
    assert (list(folder.iterdir()) if existed else folder.exists()) in ([], False)
    monkeypatch.undo()
    assert run_cli(["new", str(folder)]) == 0  # and it can be run again


def not_sources(folder: str, names: list[str]) -> set[str]:
    """What a checkout holds besides its sources: environments, outputs, caches."""
    top = Path(folder) == ROOT
    made = {".git", ".venv", "site", ".cache", "reports", "build", "node_modules", "artifacts", "__pycache__"}
    return {n for n in names if (top and n in made) or n.endswith(".egg-info") or n.startswith(".site.")} | (
        {n for n in names if n in ("node_modules", "artifacts", "__pycache__")}
    )


def test_the_installed_wheel_carries_the_templates(tmp_path):
    """`pip wheel .` of the project, installed in a virtual environment of its
    own, run in a folder that is no checkout."""
    source = tmp_path / "source"
    shutil.copytree(ROOT, source, symlinks=True, ignore=not_sources)
    run = functools.partial(subprocess.run, check=True, capture_output=True, text=True, timeout=600)
    # The build backend (setuptools) from the project's own environment: no download.
    run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            str(source),
            "-w",
            str(tmp_path),
        ]
    )
    wheel = next(tmp_path.glob("newsdossier-*.whl"))
    venv = tmp_path / "venv"
    run([sys.executable, "-m", "venv", str(venv)])
    run([str(venv / "bin" / "python"), "-m", "pip", "install", "--no-deps", "--no-index", str(wheel)])
    # Its dependencies from the project's environment, after the wheel's own package.
    site_packages = next(venv.glob("lib/python*/site-packages"))
    (site_packages / "dependencies.pth").write_text(
        next(Path(sys.prefix).glob("lib/python*/site-packages")).as_posix() + "\n"
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = run([str(venv / "bin" / "newsdossier"), "new", "gas-deal"], cwd=elsewhere)
    assert result.stdout.startswith("new dossier in gas-deal: ")
    assert tree_bytes(elsewhere / "gas-deal" / "templates") == tree_bytes(ROOT / "templates")
    where = run(
        [str(venv / "bin" / "python"), "-c", "import newsdossier; print(newsdossier.__file__)"], cwd=elsewhere
    )
    assert where.stdout.startswith(str(site_packages))  # the wheel's package, not the checkout
