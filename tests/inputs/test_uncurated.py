"""A seed without an entry: published as uncurated, under an id of its own."""

from __future__ import annotations

import pytest

from newsdossier.inputs.uncurated import uncurated_articles, uncurated_id

IDS = [
    ("a.txt", set(), "a"),
    ("a.txt", {"a"}, "a-2"),
    ("a.txt", {"a", "a-2"}, "a-3"),
    ("Putin Visit (2).html", set(), "putin-visit-2"),
    ("خبر.txt", set(), "article"),  # no ASCII letter to keep
    ("خبر.txt", {"article"}, "article-2"),
]


@pytest.mark.parametrize("name, taken, expected", IDS)
def test_an_uncurated_article_gets_a_free_id_from_its_file_name(name, taken, expected):
    assert uncurated_id(name, taken) == expected


def test_each_gets_a_warning_and_nothing_is_invented():
    metas, warnings = uncurated_articles(["b.txt", "b.html"], {"index"})
    assert [m.id for m in metas] == ["b", "b-2"]
    assert all(m.summit is None and m.date is None and m.outlet is None and not m.curated for m in metas)
    assert [str(w) for w in warnings] == [
        "seeds/b.txt: no entry in dossier/articles.yaml: published as uncurated",
        "seeds/b.html: no entry in dossier/articles.yaml: published as uncurated",
    ]
