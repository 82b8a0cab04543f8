"""No option or input makes the build delete or change a file it did not create.

Each case sets up a project and an output folder, runs the build as the
command line does, and checks the exact message and that every file, folder
and link under the test's folder is as it was before the build.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.helpers import make_project, run_cli


def snapshot(folder: Path) -> dict[str, object]:
    """Every entry under `folder`: file bytes, link targets, folders."""
    state: dict[str, object] = {}
    for directory, folders, files in os.walk(folder):
        for name in folders + files:
            path = Path(directory, name)
            key = path.relative_to(folder).as_posix()
            if path.is_symlink():
                state[key] = ("link", os.readlink(path))
            elif path.is_dir():
                state[key] = "folder"
            else:
                state[key] = path.read_bytes()
    return state


def built(project: Path, out: Path) -> None:
    assert run_cli(["--root", str(project), "--out", str(out), "--quiet"]) == 0


def write(path: Path, text: str = "the analyst's own file") -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


# Each case: (set-up, returning the --out argument, or None for the default
# site/; the message expected after "error: ", with {tmp} for the test folder).
def out_is_seeds(project, tmp):
    return project / "seeds"


def out_is_the_project(project, tmp):
    return project


def out_is_the_current_folder(project, tmp):
    os.chdir(project)
    return Path(".")


def out_holds_the_project(project, tmp):
    return tmp


def out_inside_dossier(project, tmp):
    return project / "dossier" / "site"


def out_is_the_cache(project, tmp):
    return project / ".cache"


def out_is_someone_elses_folder(project, tmp):
    write(tmp / "photos" / "holiday.jpg", "jpeg")
    return tmp / "photos"


def site_is_a_link_to_a_folder(project, tmp):
    write(tmp / "elsewhere" / "keep.txt")
    (project / "site").symlink_to(tmp / "elsewhere", target_is_directory=True)
    return None


def site_is_a_link_to_a_built_site(project, tmp):
    built(project, tmp / "real-site")
    (project / "site").symlink_to(tmp / "real-site", target_is_directory=True)
    return None


def site_is_a_file(project, tmp):
    write(project / "site", "not a folder")
    return None


def file_put_into_the_site(project, tmp):
    built(project, project / "site")
    write(project / "site" / "articles" / "draft.txt")
    return None


def folder_put_into_the_site(project, tmp):
    built(project, project / "site")
    (project / "site" / "drafts").mkdir()
    return None


def link_put_into_the_site(project, tmp):
    built(project, project / "site")
    (project / "site" / "home").symlink_to(tmp, target_is_directory=True)
    return None


def marker_of_a_site_that_listed_other_files(project, tmp):
    built(project, project / "site")
    marker = project / "site" / ".newsdossier-site"
    marker.write_text(marker.read_text(encoding="utf-8").replace("\nindex.html\n", "\n"), encoding="utf-8")
    return None


def analysts_own_candidates_file(project, tmp):
    write(project / "reports" / "candidates.yaml", "- my reviewed list\n")
    return None


def lock_file_in_the_way(project, tmp):
    write(project / ".site.lock", "my notes")
    return None


CASES = [
    (
        out_is_seeds,
        "{tmp}/project/seeds: is inside the project's seeds/ folder: give a folder outside it with --out",
    ),
    (
        out_is_the_project,
        "{tmp}/project: would contain the project folder {tmp}/project: give a folder of its own with --out",
    ),
    (
        out_is_the_current_folder,
        "{tmp}/project: would contain the project folder {tmp}/project: give a folder of its own with --out",
    ),
    (
        out_holds_the_project,
        "{tmp}: would contain the project folder {tmp}/project: give a folder of its own with --out",
    ),
    (
        out_inside_dossier,
        "{tmp}/project/dossier/site: is inside the project's dossier/ folder: give a folder outside it with "
        "--out",
    ),
    (
        out_is_the_cache,
        "{tmp}/project/.cache: is inside the project's .cache/ folder: give a folder outside it with --out",
    ),
    (
        out_is_someone_elses_folder,
        "{tmp}/photos: is a folder that newsdossier did not build (it has files and no .newsdossier-site): "
        "replacing it would delete them; give a new or empty folder with --out (a site built by a version "
        "before the marker: delete it once by hand)",
    ),
    (
        site_is_a_link_to_a_folder,
        "{tmp}/project/site: is a symbolic link: the build never writes through a link; give the real folder "
        "with --out",
    ),
    (
        site_is_a_link_to_a_built_site,
        "{tmp}/project/site: is a symbolic link: the build never writes through a link; give the real folder "
        "with --out",
    ),
    (site_is_a_file, "{tmp}/project/site: is a file, not a folder: give a new or empty folder with --out"),
    (
        file_put_into_the_site,
        "{tmp}/project/site/articles/draft.txt: was not written by newsdossier: the build replaces the whole "
        "site folder and would delete it; move it out of the site first",
    ),
    (
        folder_put_into_the_site,
        "{tmp}/project/site/drafts/: was not written by newsdossier: the build replaces the whole site "
        "folder and would delete it; move it out of the site first",
    ),
    (
        link_put_into_the_site,
        "{tmp}/project/site/home: was not written by newsdossier: the build replaces the whole site folder "
        "and would delete it; move it out of the site first",
    ),
    (
        marker_of_a_site_that_listed_other_files,
        "{tmp}/project/site/index.html: was not written by newsdossier: the build replaces the whole site "
        "folder and would delete it; move it out of the site first",
    ),
    (
        analysts_own_candidates_file,
        "{tmp}/project/reports/candidates.yaml: was not written by newsdossier and the build would replace "
        "it: move it away",
    ),
    (
        lock_file_in_the_way,
        "{tmp}/project/.site.lock: is in the way of newsdossier's lock file and was not made by newsdossier; "
        "move it",
    ),
]


@pytest.mark.parametrize("setup, message", CASES, ids=[case[0].__name__ for case in CASES])
def test_a_folder_the_build_did_not_make_is_refused_untouched(setup, message, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    project = make_project(tmp_path / "project")
    out = setup(project, tmp_path)
    before = snapshot(tmp_path)
    capsys.readouterr()
    argv = ["--root", str(project), "--quiet"] + (["--out", str(out)] if out is not None else [])
    assert run_cli(argv) == 1
    assert capsys.readouterr().err == "error: " + message.format(tmp=tmp_path) + "\n"
    assert snapshot(tmp_path) == before


def test_a_missing_an_empty_and_its_own_folder_are_accepted(tmp_path):
    project = make_project(tmp_path / "project")
    built(project, tmp_path / "new" / "site")  # missing, parents too
    (tmp_path / "empty").mkdir()
    built(project, tmp_path / "empty")
    before = snapshot(tmp_path / "empty")
    (project / "seeds" / "a.txt").write_text("عنوان جديد\nنص جديد.\n", encoding="utf-8")
    built(project, tmp_path / "empty")  # its own site: replaced
    assert snapshot(tmp_path / "empty") != before
    assert (tmp_path / "empty" / ".newsdossier-site").read_text(encoding="utf-8").split("\n")[1:3] == [
        "404.html",
        "articles/article-a.html",
    ]


def test_the_marker_lists_exactly_the_files_of_the_site(tmp_path):
    project = make_project(tmp_path / "project")
    built(project, tmp_path / "site")
    lines = (tmp_path / "site" / ".newsdossier-site").read_text(encoding="utf-8").split("\n")
    files = sorted(
        p.relative_to(tmp_path / "site").as_posix() for p in (tmp_path / "site").rglob("*") if p.is_file()
    )
    assert lines[0].startswith("newsdossier site:") and lines[-1] == ""
    assert lines[1:-1] == [f for f in files if f != ".newsdossier-site"]
