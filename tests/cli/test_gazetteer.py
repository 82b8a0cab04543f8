"""Starting a new dossier and growing its gazetteer from the candidates:
`new`, `add`, build, `accept`, `alias`, build."""

from __future__ import annotations

import yaml

from tests.helpers import HARBIN, ROOT, build_site, read_page, run_cli


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
    assert read_page(tmp_path / "site", "entities/sergei-lavrov.html").count('class="context-link"') == 2


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
