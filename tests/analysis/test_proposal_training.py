"""Learning what to propose from corpora (`analysis/proposal_training.py`, run by
`make model`): the gold names of an article, a candidate matched to them, the
lexicon without an article's own words, and a whole training run on a tiny
corpus the test writes, the same bytes twice."""

from __future__ import annotations

import json

import pytest

from newsdossier.analysis import proposal_training
from newsdossier.language import ner_training
from newsdossier.language.names.lexicon import Lexicon
from newsdossier.language.normalize import name_key

ARTICLE = [
    (
        ["قال", "وزير", "الخارجية", "سيرغي", "لافروف", "إن", "روسيا", "مستعدة"],
        ["O", "B-ORG", "I-ORG", "B-PERS", "I-PERS", "O", "B-LOC", "O"],
    ),
    (["وزار", "لافروف", "بكين"], ["O", "B-PERS", "B-LOC"]),
]

# (candidate, a gold name of ARTICLE, a proclitic on either side aside)
GOLD = [
    ("سيرغي لافروف", True),
    ("لافروف", True),  # a gold name written alone
    ("وسيرغي لافروف", True),  # a proclitic on the candidate
    ("روسيا", True),
    ("وروسيا", True),
    ("سيرغي", False),  # part of a gold name
    ("وزير الخارجية سيرغي لافروف", False),  # longer than it
    ("بكين لافروف", False),
]


@pytest.mark.parametrize("name, right", GOLD, ids=[g[0] for g in GOLD])
def test_a_candidate_is_right_when_it_is_exactly_a_gold_name(name, right):
    gold = proposal_training.gold_names(ARTICLE)
    assert name_key("وزير الخارجية") in gold and name_key("بكين") in gold
    assert proposal_training.is_gold(name_key(name), gold) is right


def test_the_lexicon_without_an_articles_own_words():
    lexicon = Lexicon(words={"لافروف": (0, 5), "قال": (9, 0), "روسيا": (1, 1), "مستعده": (3, 0)})
    own = proposal_training.without_article(lexicon, ARTICLE)
    assert own.words["لافروف"] == (0, 3)  # written twice in the article, in names
    assert own.words["قال"] == (8, 0)
    assert "روسيا" not in own.words  # seen once elsewhere: under what the lexicon keeps
    assert own.words["مستعده"] == (2, 0)
    assert lexicon.words["لافروف"] == (0, 5)  # the shipped one is untouched


SENTENCES = [
    "قال/O وزير/O الخارجية/O الروسي/O سيرغي/B-PERS لافروف/I-PERS إن/O موسكو/B-LOC مستعدة/O ./O",
    "وأعلنت/O وزارة/B-ORG الصحة/I-ORG المصرية/I-ORG أن/O الوضع/O مستقر/O في/O القاهرة/B-LOC ./O",
    "والتقى/O الرئيس/O عبد/B-PERS الفتاح/I-PERS السيسي/I-PERS نظيره/O في/O الرياض/B-LOC ./O",
    "وقال/O المتحدث/O باسم/O الأمم/B-ORG المتحدة/I-ORG إن/O المساعدات/O وصلت/O إلى/O غزة/B-LOC ./O",
    "وفاز/O فريق/O الأهلي/B-ORG على/O الزمالك/B-ORG في/O ملعب/O القاهرة/B-LOC الدولي/O ./O",
    "وزار/O رئيس/O الوزراء/O محمد/B-PERS شياع/I-PERS السوداني/I-PERS مدينة/O البصرة/B-LOC أمس/O ./O",
]


@pytest.fixture
def corpus(tmp_path, monkeypatch):
    """A tiny ANERcorp file (its last tokens the test split) and an AQMAR folder."""
    monkeypatch.setattr(ner_training, "TEST_TOKENS", 11)  # the last sentence tests; the rest trains
    lines = [pair.replace("/", " ") for sentence in SENTENCES * 3 for pair in sentence.split()]
    (tmp_path / "ANERCorp").write_text("\n".join(lines) + "\n", encoding="utf-8")
    aqmar = tmp_path / "aqmar"
    aqmar.mkdir()
    aqmar_lines = [pair.replace("/", " ").replace("PERS", "PER") for pair in SENTENCES[0].split()]
    (aqmar / "Moscow.txt").write_text("\n".join(aqmar_lines) + "\n\n", encoding="utf-8")
    return tmp_path


def test_training_writes_the_same_weights_every_time(corpus):
    outs = [corpus / "one.json", corpus / "two.json"]
    for out in outs:
        assert (
            proposal_training.main(
                [str(corpus / "ANERCorp"), "--aqmar", str(corpus / "aqmar"), "--out", str(out)]
            )
            == 0
        )
    assert outs[0].read_bytes() == outs[1].read_bytes()
    made = json.loads(outs[0].read_text(encoding="utf-8"))
    assert made["rows"]["ANERcorp"]["candidates"] > 0 and "AQMAR" in made["rows"]
    assert "bias" in made["weights"] and "CC BY-SA" in made["sources"]


def test_a_missing_corpus_is_one_clear_error(tmp_path, capsys):
    assert proposal_training.main([str(tmp_path / "ANERCorp")]) == 1
    assert "no such file" in capsys.readouterr().err
