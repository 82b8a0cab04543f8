"""What the build makes of its inputs, end to end: dates at their precision,
articles in other languages kept, one article once, a summary that adds up."""

from __future__ import annotations

import json

from tests.helpers import article_text, build_site, dossier_for, read_article_data, read_page, run_cli

MONTH_PAGE = """<!DOCTYPE html><html lang="ar"><head><meta charset="utf-8">
<meta property="article:published_time" content="2022-02">
<meta property="og:site_name" content="موقع شهري"><title>لقاء في بكين</title></head><body>
<article><h1>بوتين وشي يلتقيان في بكين قبل افتتاح الألعاب</h1>
<p>التقى الرئيس فلاديمير بوتين الرئيس شي جين بينغ في بكين قبل افتتاح الألعاب الأولمبية الشتوية بساعات.</p>
<p>وقال بوتين إن العلاقات بين البلدين تمر بأفضل مراحلها،
وإن التعاون في مجال الطاقة سيتسع في السنوات المقبلة.</p>
</article></body></html>"""

ENGLISH_PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<meta property="article:published_time" content="2022-02-04T12:00:00Z">
<title>Putin meets Xi</title></head><body>
<article><h1>Putin meets Xi Jinping in Beijing before the Games</h1>
<p>Vladimir Putin met Xi Jinping in Beijing on Friday, hours before the opening of the Winter Olympics.</p>
<p>The two leaders signed a joint statement and said the friendship between their countries has no limits.</p>
<p>Xi Jinping called Vladimir Putin an old friend, and the two discussed energy and trade at length.</p>
</article></body></html>"""


def test_a_month_only_page_date_stays_a_month(mini_project, tmp_path):
    (mini_project / "seeds" / "b.html").write_text(MONTH_PAGE, encoding="utf-8")
    site = tmp_path / "site"
    build_site(mini_project, site, search=False)
    index = json.loads((site / "data" / "index.json").read_text(encoding="utf-8"))
    line = next(a for a in index["articles"] if a["id"] == "b")
    assert (line["date"], line["date_precision"], line["summit"]) == ("2022-02", "month", "beijing-2022")
    assert (
        json.loads((site / "data" / "articles" / "b.json").read_text(encoding="utf-8"))["date"] == "2022-02"
    )
    page = read_page(site, "articles/b.html")
    assert '<time datetime="2022-02">فبراير 2022</time>' in page


def test_the_analyst_may_write_a_month(mini_project, tmp_path):
    articles = mini_project / "dossier" / "articles.yaml"
    articles.write_text(
        articles.read_text(encoding="utf-8").replace("2022-02-04", "2022-02"), encoding="utf-8"
    )
    site = tmp_path / "site"
    build_site(mini_project, site, search=False)
    assert '<time datetime="2022-02">فبراير 2022</time>' in read_page(site, "articles/article-a.html")
    assert '"date":"2022-02","date_precision":"month"' in read_page(site, "data/index.json")


def test_an_english_article_is_published_with_its_language(mini_project, tmp_path):
    (mini_project / "seeds" / "b.html").write_text(ENGLISH_PAGE, encoding="utf-8")
    with (mini_project / "dossier" / "articles.yaml").open("a", encoding="utf-8") as articles:
        articles.write(
            "- {id: b, source_file: b.html, summit: beijing-2022, date: 2022-02-04, outlet: null, "
            "outlet_name: Example News}\n"
        )
    site = tmp_path / "site"
    report = build_site(mini_project, site, search=False)
    assert report.articles == 2
    page = read_page(site, "articles/b.html")
    assert '<h1 id="line-1" lang="en" dir="ltr">' in page
    assert '<div class="article-body" lang="en" dir="ltr">' in page
    assert "مقال بالإنجليزية" in page and "Vladimir Putin</a> met" in page
    # Tagged by the gazetteer's English names, and listed on the entity page.
    data = read_article_data(site, "b")
    assert data["language"] == "en"
    text = article_text(site, data)
    assert {text[m["start"] : m["end"]] for m in data["mentions"]} == {
        "Vladimir Putin",
        "Xi Jinping",
        "Beijing",
    }
    assert "articles/b.html" in read_page(site, "entities/xi-jinping.html")
    # It is on its summit's page, but not in the Arabic counts compared there.
    assert "articles/b.html" in read_page(site, "summits/beijing-2022.html")
    dossier = dossier_for(mini_project)
    links = next(s for s in dossier.entity_links if s.entity_id == "xi-jinping")
    assert links.mention_count == 2 + 3  # its entity page counts every text
    summit = dossier.summit_links[0]
    assert summit.article_ids == ("article-a", "b")
    assert {c.entity_id: c.count for c in summit.entity_counts}["xi-jinping"] == 2  # the Arabic text's


def test_a_page_saved_twice_is_published_once(mini_project, tmp_path, capsys):
    seeds = mini_project / "seeds"
    (seeds / "b.html").write_text(MONTH_PAGE, encoding="utf-8")
    # The same article saved again, with other furniture around it.
    (seeds / "c.html").write_text(
        MONTH_PAGE.replace("<article>", "<nav>الرئيسية | سياسة | اقتصاد</nav><article>").replace(
            "</article>", "</article><aside><h3>الأكثر قراءة</h3><p>خبر آخر لا علاقة له</p></aside>"
        ),
        encoding="utf-8",
    )
    site = tmp_path / "site"
    assert run_cli(["--root", str(mini_project), "--out", str(site)]) == 0
    captured = capsys.readouterr()
    assert "warning: seeds/c.html: is a copy of seeds/b.html: published once, as `b`" in captured.err
    assert "2 articles from 3 seeds (1 a copy: left out); 3 analysed, 0 from the cache" in captured.out
    assert not (site / "articles" / "c.html").exists()
    index = json.loads((site / "data" / "index.json").read_text(encoding="utf-8"))
    assert [a["id"] for a in index["articles"]] == ["article-a", "b"]


def test_the_summary_counts_what_was_left_out(mini_project, tmp_path, capsys):
    (mini_project / "seeds" / "empty.txt").write_text("\n\n", encoding="utf-8")
    site = tmp_path / "site"
    assert run_cli(["--root", str(mini_project), "--out", str(site)]) == 0
    assert (
        "1 articles from 2 seeds (1 with no text: left out); 2 analysed, 0 from the cache"
        in capsys.readouterr().out
    )
    (mini_project / "seeds" / "d.txt").write_text("خبر جديد عن القمة في بكين.\n", encoding="utf-8")
    assert run_cli(["--root", str(mini_project), "--out", str(site)]) == 0
    assert (
        "2 articles from 3 seeds (1 with no text: left out); 1 analysed, 2 from the cache"
        in capsys.readouterr().out
    )
