"""Reading the project: every file once, never a file outside the project,
never a file name the site could not carry."""

from __future__ import annotations

import os

import pytest

from newsdossier.inputs.project import read_sources
from newsdossier.models.errors import DossierError
from tests.helpers import run_cli


@pytest.mark.parametrize(
    "where", ["seeds/b.txt", "dossier/notes/entities/beijing.md", "templates/assets/secret.css"]
)
def test_a_link_to_a_file_outside_the_project_is_refused(where, mini_project, tmp_path, capsys):
    secret = tmp_path / "secret.txt"
    secret.write_text("private key", encoding="utf-8")
    link = mini_project / where
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(secret)
    assert run_cli(["--root", str(mini_project), "--out", str(tmp_path / "site"), "--quiet"]) == 1
    assert capsys.readouterr().err == (
        f"error: {where}: is a link to {secret}, outside the project: "
        "copy the file into the project instead\n"
    )
    assert not (tmp_path / "site").exists()


def test_a_link_inside_the_project_is_read(mini_project, tmp_path):
    (mini_project / "seeds" / "b.txt").symlink_to(mini_project / "seeds" / "a.txt")
    assert [s.path for s in read_sources(mini_project).seeds] == ["seeds/a.txt", "seeds/b.txt"]


def test_a_folder_linked_from_outside_is_refused(mini_project, tmp_path):
    outside = tmp_path / "elsewhere"
    (mini_project / "templates").rename(outside)
    (mini_project / "templates").symlink_to(outside, target_is_directory=True)
    with pytest.raises(DossierError, match=r"^templates/: is a link to .*elsewhere, outside the project$"):
        read_sources(mini_project)


def test_a_file_name_that_is_not_utf8_is_refused(mini_project, tmp_path, capsys):
    os.close(os.open(os.fsencode(mini_project / "seeds") + b"/caf\xe9.txt", os.O_CREAT | os.O_WRONLY))
    assert run_cli(["--root", str(mini_project), "--out", str(tmp_path / "site"), "--quiet"]) == 1
    assert (
        capsys.readouterr().err
        == "error: seeds/caf\\xe9.txt: file name has bytes that are not UTF-8: rename the file\n"
    )


def test_subfolders_of_seeds_are_the_analysts_own(mini_project):
    (mini_project / "seeds" / "drafts").mkdir()
    (mini_project / "seeds" / "drafts" / "b.txt").write_text("مسودة\n", encoding="utf-8")
    sources = read_sources(mini_project)
    assert [s.path for s in sources.seeds] == ["seeds/a.txt"]
    assert [s.path for s in sources.skipped] == ["seeds/drafts/"]


def test_what_seeds_holds_besides_articles_is_named_not_dropped(mini_project, tmp_path, capsys):
    """An article saved as a PDF or filed in a subfolder is not in the site:
    the build says so for each, and a new one makes the site out of date."""
    site = tmp_path / "site"
    assert run_cli(["--root", str(mini_project), "--out", str(site), "--quiet"]) == 0
    capsys.readouterr()
    (mini_project / "seeds" / "2024").mkdir()
    (mini_project / "seeds" / "2024" / "c.txt").write_text("مقال\n", encoding="utf-8")
    (mini_project / "seeds" / "report.pdf").write_bytes(b"%PDF-1.7")
    (mini_project / "seeds" / "a.txt~").write_text("نسخة\n", encoding="utf-8")  # an editor's backup
    (mini_project / "seeds" / ".b.txt.swp").write_bytes(b"swap")
    (mini_project / "seeds" / "moved.txt").symlink_to(mini_project / "seeds" / "gone.txt")  # broken
    assert run_cli(["--root", str(mini_project), "--out", str(site)]) == 0
    err = capsys.readouterr().err
    assert (
        "warning: seeds/2024/: a folder in seeds/ is not read: an article is a .htm, .html or .txt file "
        "in seeds/ itself\n" in err
    )
    assert (
        "warning: seeds/report.pdf: not read as an article: an article is a .htm, .html or .txt file\n" in err
    )
    assert (
        "warning: seeds/moved.txt: not read as an article: not a file (a link to nothing, or a pipe)\n" in err
    )
    assert "a.txt~" not in err and ".swp" not in err


def test_seeds_is_read_in_one_listing_by_name_every_entry_accounted_for(mini_project):
    seeds = mini_project / "seeds"
    for name, text in [
        ("B.TXT", "b"),
        ("c.pdf", "c"),
        ("d.txt~", "d"),
        (".e.txt", "e"),
        ("z.htm", "<p>z</p>"),
    ]:
        (seeds / name).write_text(text, encoding="utf-8")
    (seeds / "sub").mkdir()
    (seeds / "link.txt").symlink_to(seeds / "a.txt")  # inside the project: read
    (seeds / "broken.txt").symlink_to(seeds / "nowhere.txt")
    (seeds / "folder-link").symlink_to(seeds / "sub", target_is_directory=True)
    sources = read_sources(mini_project)
    assert [s.path for s in sources.seeds] == ["seeds/B.TXT", "seeds/a.txt", "seeds/link.txt", "seeds/z.htm"]
    assert sources.seeds[2].data == sources.seeds[1].data
    assert [(s.path, s.why.value) for s in sources.skipped] == [
        ("seeds/broken.txt", "not a file"),
        ("seeds/c.pdf", "kind"),
        ("seeds/folder-link/", "folder"),
        ("seeds/sub/", "folder"),
    ]
