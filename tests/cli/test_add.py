"""`newsdossier add FILE`: the file copied, its entry appended by the YAML
emitter and checked, nothing written when anything is wrong."""

from __future__ import annotations

import shutil
import subprocess
import sys

import yaml

from tests.helpers import HARBIN, ROOT, build_site, run_cli


def test_add_command_copies_the_file_and_writes_a_stub(project, tmp_path, capsys):
    new = tmp_path / "downloaded.txt"
    new.write_bytes(HARBIN.encode("utf-8"))
    assert run_cli(["add", str(new), "--root", str(project)]) == 0
    out = capsys.readouterr().out
    seeds = sorted((project / "seeds").glob("005_*.txt"))
    assert len(seeds) == 1 and seeds[0].read_bytes() == new.read_bytes()
    assert "names not in the gazetteer: سيرغي لافروف" in out
    entries = yaml.safe_load((project / "dossier" / "articles.yaml").read_text(encoding="utf-8"))
    stub = entries[-1]
    assert stub["source_file"] == seeds[0].name and stub["summit"] == "beijing-2024"
    assert str(stub["date"]) == "2024-05-17" and stub["outlet"] is None
    # The dossier is still valid, and the article is now curated.
    report = build_site(project, tmp_path / "site")
    assert not [w for w in report.warnings if "uncurated" in str(w)]
    # Adding the same text twice is refused.
    assert run_cli(["add", str(new), "--root", str(project)]) == 1
    assert "already in the dossier as seeds/005_" in capsys.readouterr().err


def test_a_file_name_with_a_line_break_cannot_inject_yaml(project, tmp_path, capsys):
    new = tmp_path / "evil\n- id: injected\n  source_file: x.txt.txt"
    new.write_bytes(HARBIN.encode("utf-8"))
    assert run_cli(["add", str(new), "--root", str(project)]) == 0
    entries = yaml.safe_load((project / "dossier" / "articles.yaml").read_text(encoding="utf-8"))
    assert "injected" not in [e["id"] for e in entries]
    assert build_site(project, tmp_path / "site").articles == 6


def test_an_empty_flow_list_becomes_a_block_list(project, tmp_path):
    (project / "dossier" / "articles.yaml").write_text("# my articles\n[]\n", encoding="utf-8")
    shutil.rmtree(project / "dossier" / "notes")  # they link the articles just emptied
    new = tmp_path / "new.txt"
    new.write_bytes(HARBIN.encode("utf-8"))
    assert run_cli(["add", str(new), "--root", str(project)]) == 0
    text = (project / "dossier" / "articles.yaml").read_text(encoding="utf-8")
    assert text.startswith("# my articles\n")
    assert [e["source_file"][:4] for e in yaml.safe_load(text)] == ["005_"]


def test_a_flow_list_with_entries_gets_the_entry_in_flow_style(project, tmp_path):
    articles = project / "dossier" / "articles.yaml"
    entries = yaml.safe_load(articles.read_text(encoding="utf-8"))
    flow = "# written by hand\n" + yaml.safe_dump(
        entries, allow_unicode=True, default_flow_style=True, width=10**6
    )
    articles.write_text(flow, encoding="utf-8")
    new = tmp_path / "new.txt"
    new.write_bytes(HARBIN.encode("utf-8"))
    assert run_cli(["add", str(new), "--root", str(project)]) == 0
    text = articles.read_text(encoding="utf-8")
    assert text.startswith(flow.rstrip()[:-1] + ", {id: article-005, source_file: 005_")  # the rest untouched
    assert [e["id"] for e in yaml.safe_load(text)] == [e["id"] for e in entries] + ["article-005"]
    assert build_site(project, tmp_path / "site").articles == 6


def test_a_file_that_is_not_an_article_is_refused(project, tmp_path, capsys):
    new = tmp_path / "photo.jpg"
    new.write_bytes(b"\xff\xd8")
    assert run_cli(["add", str(new), "--root", str(project)]) == 1
    assert (
        capsys.readouterr().err
        == f"error: {new}: is not a kind of article file the dossier reads (.htm, .html, .txt)\n"
    )


def test_six_adds_at_once_keep_six_entries(project, tmp_path):
    articles = project / "dossier" / "articles.yaml"
    articles.write_text(
        articles.read_text(encoding="utf-8") + "# the analyst's last note\n", encoding="utf-8"
    )
    files = []
    for i in range(6):
        files.append(tmp_path / f"new-{i}.txt")
        files[-1].write_text(HARBIN + f"وفي الفقرة رقم {i} تفاصيل أخرى.\n", encoding="utf-8")
    processes = [
        subprocess.Popen(
            [sys.executable, str(ROOT / "build.py"), "add", str(f), "--root", str(project)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for f in files
    ]
    results = [(*p.communicate(timeout=600), p.returncode) for p in processes]
    assert [code for _, _, code in results] == [0] * 6, results
    assert any("waiting for the newsdossier command already writing" in err for _, err, _ in results)
    seeds = sorted(p.name[:4] for p in (project / "seeds").iterdir())
    assert seeds == ["000_", "001_", "002_", "003_", "004_", "005_", "006_", "007_", "008_", "009_", "010_"]
    text = articles.read_text(encoding="utf-8")
    assert "# the analyst's last note\n" in text
    new = yaml.safe_load(text)[5:]
    assert sorted(e["id"] for e in new) == [f"article-{n:03d}" for n in range(5, 11)]
    assert sorted(e["source_file"][:4] for e in new) == seeds[5:]
    report = build_site(project, tmp_path / "site")  # (copies of one text are published once)
    assert report.seeds == 11 and not [w for w in report.warnings if "uncurated" in str(w)]


def test_a_page_too_large_is_refused_by_its_own_name(project, tmp_path, capsys):
    big = tmp_path / "big.html"
    big.write_bytes(b"<html><body><p>" + "نص ".encode() * 9_000_000 + b"</p></body></html>")
    assert run_cli(["add", str(big), "--root", str(project)]) == 1
    assert capsys.readouterr().err.startswith(f"error: {big}: ")


PAGE = """<!DOCTYPE html><html lang="ar"><head><title>لقاء في بكين</title>
<meta property="og:site_name" content="موقع الأخبار العربي">
<meta property="article:published_time" content="{date}"></head><body>
<article><h1>بوتين وشي يلتقيان في بكين لبحث التعاون</h1>
<p>التقى الرئيس فلاديمير بوتين الرئيس شي جين بينغ في بكين لبحث التعاون في مجالات الطاقة والتجارة.</p>
<p>وقال بوتين إن العلاقات بين البلدين تمر بأفضل مراحلها منذ عقود، وإن التعاون سيتسع أكثر.</p>
</article></body></html>"""


def test_add_writes_a_month_only_date_as_a_month(project, tmp_path):
    saved = tmp_path / "page.html"
    saved.write_text(PAGE.format(date="2024-05"), encoding="utf-8")
    assert run_cli(["add", str(saved), "--root", str(project)]) == 0
    articles = (project / "dossier" / "articles.yaml").read_text(encoding="utf-8")
    entry = articles[articles.rindex("# Added by") :]
    assert "date: 2024-05\n" in entry and "summit: beijing-2024" in entry
    assert "# date: from the text, which gives only the month" in entry
    assert run_cli(["--root", str(project), "--out", str(tmp_path / "site")]) == 0  # and it builds


def test_add_reads_a_utf16_page_without_mojibake(project, tmp_path):
    saved = tmp_path / "page.html"
    saved.write_bytes(PAGE.format(date="2024-05-16").encode("utf-16-le"))
    assert run_cli(["add", str(saved), "--root", str(project)]) == 0
    articles = (project / "dossier" / "articles.yaml").read_text(encoding="utf-8")
    assert "outlet_name: موقع الأخبار العربي" in articles and "date: 2024-05-16" in articles
