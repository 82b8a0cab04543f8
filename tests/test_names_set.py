"""The labelled names set (tests/fixtures/names, read by `make eval-names`) keeps its own rules:
texts written for the project (a `shape`, never a page's address), every label a form of its text,
no label for a text that is not Arabic, ids unique across the files."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from bench.candidates import KIND_SWEEP, OTHER_SWEEP, labelled, main, rules
from bench.candidates import test_split as split_figures
from newsdossier.language.names.evidence import POINTS
from newsdossier.language.normalize import name_key
from newsdossier.language.spelling import proclitic_readings

FOLDER = Path(__file__).resolve().parent / "fixtures" / "names"
FILES = sorted(FOLDER.glob("*.json"))
# Words of a text: letters, digits and the marks written on them; punctuation and quotes apart.
PUNCTUATION = re.compile(r"[^\w\u064b-\u0652\u0670]+")


def items() -> list[tuple[str, dict]]:
    return [(path.name, item) for path in FILES for item in json.loads(path.read_text(encoding="utf-8"))]


def words(text: str) -> tuple[str, ...]:
    return name_key(PUNCTUATION.sub(" ", text))


def written(label: str, text: tuple[str, ...]) -> bool:
    """The label's words are words of the text in a row, a proclitic on the first aside."""
    first, *rest = words(label)
    for start in range(len(text) - len(rest)):
        bases = {base for _, base in proclitic_readings(text[start], bare_prepositions=True, min_base=2)}
        if first in bases and list(text[start + 1 : start + 1 + len(rest)]) == rest:
            return True
    return False


def test_the_tuning_files_are_there():
    tuning = {"dev.json", "tuning2.json", "tuning3.json", "tuning4.json", "tuning5.json", "tuning6.json"}
    assert tuning | {"tuning7.json", "tuning8.json"} <= {path.name for path in FILES}


@pytest.mark.parametrize(("file", "item"), items(), ids=lambda value: value if isinstance(value, str) else "")
def test_an_item_is_written_for_the_project_and_labelled_on_its_own_text(file, item):
    assert "source" not in item, f"{file} {item['id']}: a page's address has no place here"
    assert item["shape"].strip() and not re.search(r"https?:|www\.|\.(com|net|org)\b", item["shape"])
    assert not re.search(r"https?://|www\.", " ".join(item["lines"]))
    text = words(" ".join(item["lines"]))
    for name, kind in item["names"]:
        assert kind in ("person", "place", "organisation", "event"), (item["id"], name, kind)
        assert written(name, text), f"{file} {item['id']}: name «{name}» is not in the text"
    for form in item["also"]:
        assert written(form, text), f"{file} {item['id']}: acceptable form «{form}» is not in the text"
    if item["language"] != "ar":
        assert not item["names"] and not item["also"], item["id"]


def test_ids_are_unique_across_the_files():
    ids = [item["id"] for _, item in items()]
    assert len(ids) == len(set(ids))


def test_eval_names_leaves_a_held_out_file_unread_unless_asked(tmp_path):
    item = {"id": "X1", "shape": "a test", "language": "ar", "lines": ["زار قيس سعيد صفاقس."], "names": []}
    for name in ("dev.json", "heldout_fresh.json"):
        (tmp_path / name).write_text(json.dumps([item], ensure_ascii=False), encoding="utf-8")
    assert {group for group, _ in labelled(tmp_path)} == {"dev"}
    assert {group for group, _ in labelled(tmp_path, heldout=True)} == {"dev", "heldout_fresh"}


def test_the_boundary_rules_are_checked_on_anercorp_gold_names(tmp_path):
    # Three sentences in ANERcorp's format (all of them its "test split": the
    # file is shorter than the split): a «لل» genitive in the gold name, a
    # time after a body, a bare word after a kind word with the article.
    sentences = [
        "أعلنت/O الهيئة/B-ORG العليا/I-ORG المستقلة/I-ORG للانتخابات/I-ORG ./O",
        "وقال/O البنك/B-ORG الدولي/I-ORG للمرة/O الأولى/O ./O",
        "وقال/O الاتحاد/B-ORG بلال/B-PERS ./O",
    ]
    corpus = tmp_path / "ANERCorp"
    corpus.write_text(
        "".join(f"{w.rpartition('/')[0]} {w.rpartition('/')[2]}\n" for s in sentences for w in s.split()),
        encoding="utf-8",
    )
    lines = rules(corpus)
    test = lines[lines.index(next(line for line in lines if line.startswith("test:"))) :]
    assert test[0] == "test: institution names that start a gold name: exact 2, short 0, long 0"
    assert "inside the gold name 1, beyond it 0" in test[1]
    assert test[2].endswith(": 0 of 1")


def test_the_learnt_points_thresholds_and_test_split_figures_are_measured(tmp_path, capsys):
    # The sweep over a tiny labelled set: two kinds of evidence first, then every pair of thresholds.
    item = {
        "id": "X1",
        "shape": "a test",
        "language": "ar",
        "lines": ["قال وزير الخارجية الروسي سيرغي لافروف إن وزارة الصحة في قطر مستعدة."],
        "names": [["سيرغي لافروف", "person"], ["وزارة الصحة", "organisation"], ["قطر", "place"]],
        "also": [],
    }
    (tmp_path / "dev.json").write_text(json.dumps([item], ensure_ascii=False), encoding="utf-8")
    main([str(tmp_path), "--sweep"])
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("two-kinds: dev ")
    assert len(lines) == 2 + len(KIND_SWEEP) * len(OTHER_SWEEP)
    # The test split's figures: every sentence of a file shorter than the split is test.
    corpus = tmp_path / "ANERCorp"
    words = "قال/O وزير/O الخارجية/O الروسي/O سيرغي/B-PERS لافروف/I-PERS إن/O قطر/B-LOC مستعدة/O ./O"
    corpus.write_text("".join(f"{w.replace('/', ' ')}\n" for w in words.split()), encoding="utf-8")
    found = split_figures(corpus)
    assert found[0].startswith("ANERcorp test split: ") and len(found) == 1 + len(POINTS)
