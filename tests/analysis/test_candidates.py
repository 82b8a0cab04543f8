"""Candidates across the dossier: counted where the articles proposing them
write them, spellings with a proclitic and family names merged, near misses
of known names set apart with their alias line."""

from __future__ import annotations

import dataclasses

import yaml

from newsdossier.analysis import candidates
from newsdossier.analysis.candidates import candidates_yaml, near_misses, summarise
from newsdossier.language.names.evidence import TWO_KINDS
from newsdossier.language.steps import ArticleAnalysis
from newsdossier.models.curation import ArticleMeta, Entity
from newsdossier.models.inputs import SourceFile
from newsdossier.models.kinds import EntityType, Evidence

KNOWN = (
    Entity("xi", EntityType.PERSON, "شي جين بينغ", "Xi Jinping", ("شي جينبينغ",), None, "", 1),
    Entity("soviet-union", EntityType.PLACE, "الاتحاد السوفيتي", "Soviet Union", (), None, "", 2),
)


def articles(*texts: str):
    analyse = ArticleAnalysis(KNOWN).make()
    return tuple(
        analyse(
            SourceFile(f"seeds/{i}.txt", f"عنوان الخبر رقم {i} اليوم\n{text}\n".encode()),
            ArticleMeta(f"a{i}", f"{i}.txt", None, None, None, "", (), None, (), True, 1),
        )
        for i, text in enumerate(texts)
    )


def test_a_person_is_counted_where_named_whole_or_by_family_name():
    found = summarise(
        articles(
            "التقى وزير الخارجية الروسي سيرغي لافروف أمس. وقال لافروف إن الحوار مستمر.",
            "وصل سيرغي لافروف إلى بكين.",
        )
    )
    lavrov = next(s for s in found if s.name == "سيرغي لافروف")
    assert lavrov.count == 3 and lavrov.spellings == ("سيرغي لافروف", "لافروف")
    assert not any(s.name == "لافروف" for s in found)


def test_the_models_chances_around_a_name_are_kept_where_a_finder_saw_it():
    found = summarise(
        articles(
            "التقى وزير الخارجية الروسي سيرغي لافروف أمس. وقال لافروف إن الحوار مستمر.",
            "وصل سيرغي لافروف إلى بكين.",
        ),
        point=None,
    )
    lavrov = next(s for s in found if s.name == "سيرغي لافروف")
    # one pair for each place a finder saw it (not the repeat «لافروف»), as its neighbours are
    assert len(lavrov.around) == len(lavrov.neighbours) == lavrov.found == 2
    assert all(len(pair) == 2 and max(pair) < 0.5 for pair in lavrov.around)
    assert candidates.seen(lavrov).around == lavrov.around


def test_near_misses_are_set_apart_with_the_alias_to_add():
    found = summarise(
        articles("وقال Xi Jinping إن العلاقات قوية.", "وأكد جينبينغ أن الاتحاد السوفياتي انتهى.")
    )
    near = near_misses(found, KNOWN)
    assert {s.name: near[s.key].entity_id for s in found if s.key in near} == {
        "Xi Jinping": "xi",
        "جينبينغ": "xi",
        "الاتحاد السوفياتي": "soviet-union",
    }
    text = candidates_yaml(found, "test", near)
    assert "#     newsdossier alias soviet-union الاتحاد السوفياتي" in text
    assert all(entry["name_ar"] not in ("جينبينغ", "Xi Jinping") for entry in yaml.safe_load(text) or [])


def test_the_longest_form_is_the_name_and_aliases_have_no_proclitics():
    found = summarise(
        articles(
            "وقال المتحدث باسم الخارجية سعيد خطيب زادة إن المحادثات جيدة. وأضاف خطيب زادة أن الوزارة تعمل.",
            "وقال زادة للصحفيين إن الحوار مستمر، ونقل عن لسعيد خطيب زادة قوله.",
        )
    )
    entry = next(s for s in found if "زادة" in s.name)
    assert entry.name == "سعيد خطيب زادة"
    assert set(entry.spellings) <= {"سعيد خطيب زادة", "خطيب زادة", "زادة"}
    assert not any(s.name in ("زادة", "خطيب زادة") for s in found)


def test_each_example_sentence_is_shown_once():
    found = summarise(articles("التقى الوزير سيرغي لافروف نظيره ثم قال لافروف إن لافروف يصل غدا."))
    lavrov = next(s for s in found if s.name == "سيرغي لافروف")
    sentences = [sentence for _, _, sentence in lavrov.examples]
    assert lavrov.count == 3 and len(sentences) == len(set(sentences)) == 1


def test_each_spelling_is_read_once_however_often_the_dossier_writes_it(monkeypatch):
    """A name's spellings are counted by what each written form reads as
    (`base_spelling`), each form read once: a name repeated in thousands of
    articles was read thousands of times. The same summary."""
    texts = ["التقى وزير الخارجية الروسي سيرغي لافروف أمس. وقال لافروف إن الحوار مستمر."] * 6
    dossier = articles(*texts, "وصل سيرغي لافروف إلى بكين ولافروف يتحدث.")
    before = summarise(dossier)
    read = []
    real = candidates.base_spelling
    monkeypatch.setattr(
        candidates, "base_spelling", lambda surface, first: read.append(surface) or real(surface, first)
    )
    assert summarise(dossier) == before
    lavrov = next(s for s in before if s.name == "سيرغي لافروف")
    assert lavrov.count >= 13 and set(lavrov.spellings) == {"سيرغي لافروف", "لافروف"}
    assert sorted(read) == sorted(set(read))  # each written form once (of every name)


def test_a_name_without_evidence_enough_is_left_out_of_the_review_file():
    (article,) = articles("وصل الوزير سيرغي لافروف إلى بكين.")
    sure = dataclasses.replace(
        article, candidates=tuple(_only_the_model(c, 0.97) for c in article.candidates)
    )
    unsure = dataclasses.replace(
        article, candidates=tuple(_only_the_model(c, 0.6) for c in article.candidates)
    )
    # At the point of two kinds of evidence (the build's asks the learnt decision: test_learnt.py)
    assert "سيرغي لافروف" in {s.name for s in summarise((sure,), point=TWO_KINDS)}
    assert "سيرغي لافروف" not in {s.name for s in summarise((unsure,), point=TWO_KINDS)}
    kept = next(s for s in summarise((unsure,), point=None) if s.name == "سيرغي لافروف")
    assert (kept.evidence, kept.chances, kept.found) == (Evidence.MODEL, (0.6, 0.6), 1)
    # Seen at a second place: a second kind of evidence with the lexicon's (words it never saw).
    (twice,) = articles("وصل الوزير سيرغي لافروف إلى بكين. ثم التقى سيرغي لافروف نظيره.")
    twice = dataclasses.replace(twice, candidates=tuple(_only_the_model(c, 0.6) for c in twice.candidates))
    assert next(s for s in summarise((twice,), point=TWO_KINDS) if s.name == "سيرغي لافروف").found == 2


def _only_the_model(found, chance: float):
    words = len(found.key.split())
    return dataclasses.replace(found, evidence=Evidence.MODEL, chances=(chance,) * words)


def test_a_memo_of_repeats_searches_only_the_articles_it_has_not_got(monkeypatch):
    found = articles(
        "التقى الوزير سيرغي لافروف نظيره ثم قال لافروف إن الزيارة مهمة.",
        "وقال لافروف للصحفيين إن لافروف سيعود.",
        "أكد الرئيس أن لافروف وصل وأن ولافروف كلمة.",
    )
    keys = tuple(f"key-{a.id}" for a in found)
    plain = summarise(found)
    searched = []
    real = candidates.written
    monkeypatch.setattr(
        candidates, "written", lambda some, forms: searched.append(len(some)) or real(some, forms)
    )
    memo = candidates.RepeatMemo()
    assert summarise(found, memo=(memo, keys)) == plain and searched == [3] and memo.changed
    memo.changed = False
    assert summarise(found, memo=(memo, keys)) == plain and searched == [3] and not memo.changed
    del memo.found[keys[1]]  # an article added since: only it is searched
    assert summarise(found, memo=(memo, keys)) == plain and searched == [3, 1] and memo.changed
    memo.changed = False
    assert summarise(found[:2], memo=(memo, keys[:2])) == summarise(found[:2])
    assert set(memo.found) == set(keys[:2]) and memo.changed  # the removed one forgotten
    memo.spellings = "other names"  # proposed names changed: every article searched again
    assert summarise(found, memo=(memo, keys)) == plain and searched[-1] == 3
    assert sum(s.count for s in plain) > sum(s.found for s in plain)  # repeats were counted


def test_a_memo_of_neighbours_finds_them_only_for_the_articles_it_has_not_got(monkeypatch):
    found = articles(
        "التقى الوزير سيرغي لافروف نظيره ثم قال لافروف إن الزيارة مهمة.",
        "استقبل الرئيس فلاديمير بوتين ضيفه في موسكو أمس.",
        "أكد الرئيس أن لافروف وصل وأن ولافروف كلمة.",
    )
    keys = tuple(f"key-{a.id}" for a in found)
    plain = summarise(found)
    assert any(s.neighbours for s in plain)
    seen = []
    real = candidates.neighbours
    monkeypatch.setattr(candidates, "neighbours", lambda text, *rest: seen.append(text) or real(text, *rest))
    memo = candidates.RepeatMemo()
    assert summarise(found, memo=(memo, keys)) == plain and memo.changed
    first = len(seen)
    assert first == sum(s.found for s in plain)  # each own candidate once
    memo.changed = False
    assert summarise(found, memo=(memo, keys)) == plain and len(seen) == first and not memo.changed
    del memo.near[keys[1]]  # an article added since: only its own candidates
    assert summarise(found, memo=(memo, keys)) == plain and memo.changed
    assert set(seen[first:]) == {found[1].text}
    memo.spellings = "other names"  # the neighbours do not depend on the spellings
    before = len(seen)
    assert summarise(found, memo=(memo, keys)) == plain and len(seen) == before
    assert summarise(found[:2], memo=(memo, keys[:2])) == summarise(found[:2])
    assert set(memo.near) == set(keys[:2])  # the removed one forgotten
