"""The shipped named-entity model, and `make model`, which trains it."""

from __future__ import annotations

import json

from newsdossier.language.ner import MODEL, NameList, NameModel
from newsdossier.language.ner_training import main as train_main
from newsdossier.language.ner_training import scores, sentences


def test_the_shipped_model_labels_names_offline():
    labels, chances = NameModel().label_sentence(
        ["التقى", "وزير", "الخارجية", "الروسي", "سيرغي", "لافروف", "في", "موسكو"]
    )
    assert labels[4:6] == ["B-PERS", "I-PERS"] and labels[-1] == "B-LOC"
    assert chances[4] > 0.9 and chances[0] < 0.1
    meta = json.loads(MODEL.with_suffix(".json").read_text(encoding="utf-8"))
    assert (
        meta["trained_on"].startswith("ANERcorp")
        and meta["entity_scores"]["without the gazetteer"]["micro"]["f1"] > 60
    )
    assert MODEL.stat().st_size < 5_000_000


def test_known_names_are_a_feature():
    names = NameList.of([("فلان الفلاني", "person")])
    words = ["وقال", "فلان", "الفلاني", "إن"]
    assert names.tags([(w,) for w in ["وقال", "فلان", "الفلاني", "ان"]]) == [None, "B-PERS", "I-PERS", None]
    assert NameModel().predict_sentence(words, names)[1:3] == ["B-PERS", "I-PERS"]


# Sentences in ANERcorp's format (`token TAG` per line, `.` ends a sentence).
SENTENCES = [
    "زار O\nأحمد B-PERS\nسعيد I-PERS\nالقاهرة B-LOC\n. O",
    "وصل O\nخالد B-PERS\nإلى O\nعمان B-LOC\n. O",
    "أعلنت O\nوزارة B-ORG\nالصحة I-ORG\nالخطة O\n. O",
    "قال O\nمحمد B-PERS\nإن O\nالأمم B-ORG\nالمتحدة I-ORG\nتدعم O\n. O",
]
CORPUS = "\n".join(SENTENCES * 1600) + "\n"  # past the 25,008 test tokens


def test_training_is_reproducible_on_a_corpus_in_anercorp_format(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.write_text(CORPUS, encoding="utf-8")
    train, test = sentences(corpus)
    assert train and test
    assert train_main([str(corpus), "--out", str(tmp_path / "one.crfsuite")]) == 0
    assert train_main([str(corpus), "--out", str(tmp_path / "two.crfsuite")]) == 0
    assert (tmp_path / "one.crfsuite").read_bytes() == (tmp_path / "two.crfsuite").read_bytes()
    report = json.loads((tmp_path / "one.json").read_text(encoding="utf-8"))
    assert report["entity_scores"]["without the gazetteer"]["micro"]["f1"] > 50
    assert (
        NameModel(tmp_path / "one.crfsuite").predict_sentence(["زار", "أحمد", "سعيد", "القاهرة"])[1]
        == "B-PERS"
    )


def test_scores_are_conlleval_entity_scores():
    gold = [["B-PERS", "I-PERS", "O", "B-LOC"]]
    assert scores(gold, gold)["micro"]["f1"] == 100.0
    assert scores(gold, [["B-PERS", "O", "O", "B-LOC"]])["micro"] == {"p": 50.0, "r": 50.0, "f1": 50.0}
