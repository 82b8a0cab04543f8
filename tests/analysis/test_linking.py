from tests.helpers import dossier_for


def test_counts_variants_and_co_mentions(mini_project):
    dossier = dossier_for(mini_project)
    putin = next(links for links in dossier.entity_links if links.entity_id == "vladimir-putin")
    assert putin.mention_count == 3
    assert putin.variants == (("بوتين", 2), ("فلاديمير بوتين", 1))
    assert putin.article_ids == ("article-a",)
    # Title: بوتين + شي جين بينغ + بكين; sentence 2: بوتين + بكين + شي; 3: بوتين + الصين.
    assert [(c.entity_id, c.count) for c in putin.co_mentions] == [
        ("beijing", 2),
        ("xi-jinping", 2),
        ("china", 1),
    ]
    summit = dossier.summit_links[0]
    assert summit.article_ids == ("article-a",)
    assert [(c.entity_id, c.count) for c in summit.entity_counts] == [
        ("vladimir-putin", 3),
        ("beijing", 2),
        ("xi-jinping", 2),
        ("china", 1),
    ]
    assert dossier.top_entities == summit.entity_counts


def test_a_seed_without_metadata_is_built_and_flagged(mini_project, capsys):
    (mini_project / "seeds" / "b.txt").write_text("عنوان آخر\nقال شي كلامًا.\n", encoding="utf-8")
    dossier = dossier_for(mini_project)
    uncurated = [a for a in dossier.articles if not a.meta.curated]
    assert [(a.id, a.meta.summit) for a in uncurated] == [("b", None)]
    assert dossier.articles[-1].id == "b"  # undated articles come last
