"""The recording tables' row digests (`site/lookups.py`): equal values give
equal digests in every process, values that differ anywhere give different
ones, as the repr-based digest they replace did."""

from __future__ import annotations

import dataclasses
import pickle
import subprocess
import sys
from typing import NamedTuple

import pytest

from newsdossier.models.article import Mention, Quote
from newsdossier.models.kinds import Attribution, Evidence, LineKind
from newsdossier.site.lookups import Tables, keyed_digest, read_name, recording, row_digest, table_and_key
from newsdossier.site.view import SiteView
from tests.helpers import ROOT, dossier_for


@dataclasses.dataclass(frozen=True)
class One:
    value: object


@dataclasses.dataclass(frozen=True)
class Other:
    value: object


@dataclasses.dataclass(frozen=True, slots=True)
class Pair:
    first: object
    second: object = None


class Named(NamedTuple):
    first: object
    second: object


def _mention(entity="china", start=0, surface="الصين", descriptive=False) -> Mention:
    return Mention(entity, start, start + len(surface), surface, surface, 0, 40, descriptive)


def _quote(attribution=Attribution.EXPLICIT) -> Quote:
    return Quote(1, 5, "نص", "xi", attribution, "قال", 3)


# Pairs of values that differ (in a value, a type, a class or a field) and
# must never share a digest.
DIFFERENT = [
    ("1", 1),
    (1, True),
    (0, False),
    (1, 1.0),
    (None, "None"),
    ("", b""),
    ((), []),
    ((1, 2), [1, 2]),
    ((1, 2), (2, 1)),
    (((1,), 2), (1, (2,))),
    ({"a": 1}, (("a", 1),)),
    ({"a": 1}, {"a": 2}),
    (One(1), Other(1)),
    (One(1), One("1")),
    (One((1, 2)), (1, 2)),
    (Pair(1, 2), Pair(2, 1)),
    (Pair("ab", "c"), Pair("a", "bc")),
    (Named(1, 2), (1, 2)),
    (Named(1, 2), Pair(1, 2)),
    (LineKind.TITLE, LineKind.TITLE.value),
    (Evidence(0), 0),
    (_mention(), _mention(start=1)),
    (_mention(), _mention(descriptive=True)),
    ((_mention(), _mention()), (_mention(),)),
    ((_mention(), _mention(entity="xi")), (_mention(entity="xi"), _mention())),
    ((_quote(),), (_quote(Attribution.INFERRED),)),
    ((_mention(), _quote()), (_quote(), _mention())),
    (("a", One(1)), ("a", One(2))),
    ((("a", One(1)), ("b", One(2))), (("a", One(2)), ("b", One(1)))),
    ((("a", One(1)), ("b", One(2))), (("b", One(2)), ("a", One(1)))),
    ((("a", One(1)),), (("a",), (One(1),))),
    ((("a", _quote()), ("b", _quote())), (("a", _quote()), ("b", _quote(Attribution.INFERRED)))),
]


@pytest.mark.parametrize(("first", "second"), DIFFERENT, ids=lambda v: repr(v)[:40])
def test_different_values_have_different_digests(first, second):
    assert row_digest(first) != row_digest(second)


def test_equal_values_have_equal_digests_whatever_is_shared():
    surface = "الصين"
    shared = (_mention(surface=surface), _mention(surface=surface, start=9))
    # The same value rebuilt from unshared strings (as another build reads it).
    unshared = pickle.loads(
        pickle.dumps(tuple(dataclasses.replace(m, surface="".join(m.surface)) for m in shared))
    )
    assert shared == unshared
    assert row_digest(shared) == row_digest(unshared)


def test_digests_are_the_same_in_another_process():
    """No hash seed, no object identity: the next build compares them."""
    values = [_mention(), (_quote(), _quote(Attribution.INFERRED)), {"a": (1, "ب")}, LineKind.TITLE]
    code = (
        "import sys; from tests.site.test_lookups import _mention, _quote; "
        "from newsdossier.models.kinds import Attribution, LineKind; "
        "from newsdossier.site.lookups import row_digest; "
        "values = [_mention(), (_quote(), _quote(Attribution.INFERRED)), {'a': (1, 'ب')}, LineKind.TITLE]; "
        "print(' '.join(row_digest(v) for v in values))"
    )
    other = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONHASHSEED": "123", "PATH": ""},
    )
    assert other.stdout.split() == [row_digest(v) for v in values]


def test_every_row_of_the_seed_dossier_digests_as_its_repr_compares():
    """On the real tables: two rows share a digest exactly when their reprs
    (the digest this replaces) are equal."""
    view = SiteView(dossier_for(ROOT))
    by_digest: dict[str, str] = {}
    by_repr: dict[str, str] = {}
    rows = 0
    for table in view.tables._tables.values():
        for key in table._rows:
            text, digest = repr(table._rows[key]), table.digest(key)
            assert by_digest.setdefault(digest, text) == text
            assert by_repr.setdefault(text, digest) == digest
            rows += 1
    assert rows > 300


def test_a_table_digest_changes_with_any_row():
    tables = Tables()
    first = tables.table("t", {"a": One(1), "b": One(2)})
    other = Tables().table("t", {"a": One(1), "b": One(3)})
    assert first.digest("a") == other.digest("a")
    assert first.digest("b") != other.digest("b")
    assert first.digest("*") != other.digest("*")
    assert first.digest("missing") == "absent"


def test_many_rows_digested_at_once_are_digested_as_one_by_one():
    rows = {"a": One(1), "b": One(2), "c": One("ج")}
    table = Tables().table("t", rows, keys={"c": "k"})
    table.digest("b")  # found before: answered from what was found
    keys = ["a", "b", "c", "missing", "a"]
    assert table.digests(keys) == [Tables().table("t", rows, keys={"c": "k"}).digest(k) for k in keys]


def test_reads_are_compared_with_the_previous_build_once_each():
    tables = Tables()
    tables.table("t", {"a": One(1), "b": One(2)})
    previous = {"t:a": tables.digest("t:a"), "t:b": "another", "t:c": "absent", "other:x": "x"}
    asked = []

    def previous_digest(read):
        asked.append(read)
        return previous.get(read)

    assert tables.unchanged(("t:a", "t:c"), previous_digest, previous)  # "c" is still absent
    assert not tables.unchanged(("t:a", "t:b"), previous_digest, previous)
    assert not tables.unchanged(("t:b",), previous_digest, previous)
    assert tables.unchanged(("t:a",), previous_digest, previous)
    assert not tables.unchanged(("t:a", "other:x"), previous_digest, previous)  # a table gone
    assert sorted(asked) == ["other:x", "t:a", "t:b", "t:c"]
    # Another previous build is compared afresh.
    assert tables.unchanged(("t:b",), tables.digest, object())


def test_a_keyed_digest_names_its_key_and_changes_and_is_never_a_row_digest():
    assert keyed_digest("k1", One(1)) == keyed_digest("k1", One(1))
    assert len({keyed_digest("k1", One(1)), keyed_digest("k2", One(1)), keyed_digest("k1", One(2))}) == 3
    assert keyed_digest("k1", One(1)) not in {row_digest(("k1", One(1))), row_digest(One(1))}
    # Nothing changed: the key itself, marked; never a row's digest, nor one with changes.
    plain = keyed_digest("k1")
    assert plain == keyed_digest("k1") != keyed_digest("k2")
    assert plain not in {row_digest("k1"), row_digest(()), row_digest(("k1",)), keyed_digest("k1", ())}
    assert len(row_digest("k1")) == 64 and all(c in "0123456789abcdef" for c in row_digest("k1"))


def test_an_article_row_is_digested_from_its_cache_key_and_its_entry():
    dossier = dossier_for(ROOT)
    first = dossier.articles[0]
    keys = {a.id: f"key-{a.id}" for a in dossier.articles}
    keyed = SiteView(dossier, article_keys=keys).articles
    assert first.meta.curated  # its entry is in its key
    assert keyed.digest(first.id) == keyed_digest(keys[first.id])
    assert SiteView(dossier, article_keys={**keys, first.id: "other"}).articles.digest(first.id) != (
        keyed.digest(first.id)
    )
    assert SiteView(dossier).articles.digest(first.id) == row_digest(first)  # no key: field by field


def test_an_articles_counts_are_digested_from_its_cache_key_alone():
    """The counts are a function of the analysis: the key says it all."""
    dossier = dossier_for(ROOT)
    first = dossier.articles[0]
    keys = {a.id: f"key-{a.id}" for a in dossier.articles}
    counts = SiteView(dossier, article_keys=keys).article_counts
    assert counts.digest(first.id) == keyed_digest(keys[first.id])
    assert SiteView(dossier, article_keys={**keys, first.id: "other"}).article_counts.digest(first.id) != (
        counts.digest(first.id)
    )
    unkeyed = SiteView(dossier).article_counts  # no key: field by field
    assert unkeyed.digest(first.id) == row_digest(dict(dossier.article_entity_counts)[first.id])
    assert counts.digest("no-such-article") == unkeyed.digest("no-such-article") == "absent"


def test_an_uncurated_articles_row_is_digested_with_its_proposed_entry(mini_project):
    """Its summit and date are proposed after the analysis: they are
    digested beside its key."""
    (mini_project / "seeds" / "b.txt").write_text("عنوان آخر\nقال شي كلامًا.\n", encoding="utf-8")
    dossier = dossier_for(mini_project)
    uncurated = next(a for a in dossier.articles if not a.meta.curated)
    keys = {a.id: f"key-{a.id}" for a in dossier.articles}
    digest = SiteView(dossier, article_keys=keys).articles.digest(uncurated.id)
    assert digest == keyed_digest(keys[uncurated.id], uncurated.meta) != keyed_digest(keys[uncurated.id])


def quotation_tables(view: SiteView) -> list:
    return [
        view.quotes_by_summit,
        view.quotes_by_speaker,
        view.quote_pages.table,
        view.speaker_quote_pages.table,
    ]


def test_a_quotation_row_is_digested_from_its_articles_rows_and_places():
    """In a build, a row of quotations is a function of the article rows
    they are part of and of where each is in its article: digested from
    those, not field by field; it changes exactly when one of its articles
    does (or a quotation moves), and never otherwise."""
    dossier = dossier_for(ROOT)
    by_id = {a.id: a for a in dossier.articles}
    keys = {a.id: f"key-{a.id}" for a in dossier.articles}
    view = SiteView(dossier, article_keys=keys)
    first = next(a for a in dossier.articles if a.quotes)
    other = SiteView(dossier, article_keys={**keys, first.id: "other"})
    rows = 0
    for table, changed in zip(quotation_tables(view), quotation_tables(other), strict=True):
        for row, value in table._rows.items():
            if isinstance(value, int):  # a listing's page count: by value
                assert table.digest(row) == row_digest(value) == changed.digest(row)
                continue
            ids = tuple(a for a, _ in value)
            numbers = tuple(by_id[a].quotes.index(q) for a, q in value)
            articles = tuple(view.articles.digest(a) for a in dict.fromkeys(ids))
            assert table.digest(row) == keyed_digest(row_digest((ids, numbers, articles)))
            assert (changed.digest(row) != table.digest(row)) == any(a == first.id for a, _ in value)
            rows += 1
    assert rows > 10
    # Outside a build (no keys), the same rows by value.
    unkeyed = SiteView(dossier)
    assert unkeyed.quotes_by_summit.digest("beijing-2024") == row_digest(
        unkeyed.quotes_by_summit._rows["beijing-2024"]
    )


# ------------------------------------------------ versioned rows


def _previous_of(value: object, version: str | None) -> str:
    """A row's digest as the previous build recorded it."""
    tables = Tables()
    tables.table("t", {"a": value}, versions={"a": version} if version is not None else None)
    return tables.digest("t:a")


# (recorded value, recorded version, value now, version now, whether it is the
# same, whether its value is digested to know it, whether its new digest is
# for the manifest to learn)
VERSIONED = {
    "the version recorded: not digested": (One(1), "v1", One(1), "v1", True, False, False),
    "another version, the same value": (One(1), "v1", One(1), "v2", True, True, True),
    "another version, another value": (One(1), "v1", One(2), "v2", False, True, False),
    "versioned now, the value recorded": (One(1), None, One(1), "v1", True, True, True),
    "no longer versioned, the same value": (One(1), "v1", One(1), None, True, True, True),
    "unversioned, the same value": (One(1), None, One(1), None, True, True, False),
    "unversioned, another value": (One(1), None, One(2), None, False, True, False),
    "gone, under the version recorded": (One(1), "v1", None, "v1", False, False, False),
}


@pytest.mark.parametrize("case", VERSIONED)
def test_a_versioned_row_is_known_by_its_version_and_compared_by_its_value(case):
    """A row whose recorded digest names the version it has now is the
    same without its value being digested (the version says it all); any
    other is compared by its value's digest, its version left aside."""
    old_value, old_version, value, version, same, digested, refreshed = VERSIONED[case]
    previous = _previous_of(old_value, old_version)
    fingerprinted = []

    def fingerprint(row):
        fingerprinted.append(row)
        return row_digest(row)

    tables = Tables()
    rows = {"a": value} if value is not None else {}
    tables.table("t", rows, fingerprint, versions={"a": version} if version is not None else None)
    assert tables.same("t:a", previous) is same
    assert tables.unchanged(("t:a",), {"t:a": previous}.get, object()) is same
    assert bool(fingerprinted) is digested
    assert tables.refreshed == ({"t:a": tables.digest("t:a")} if refreshed else {})
    # Its digest now names its version, when it has one.
    assert tables.digest("t:a").startswith(f"v{version}|") is (version is not None and value is not None)
    assert not tables.same("t:a", None)  # a read the manifest has no digest for


def test_a_whole_table_read_is_of_its_values_not_their_versions():
    def whole(versions):
        tables = Tables()
        tables.table("t", {"a": One(1), "b": One(2)}, versions=versions)
        return tables.digest("t:*")

    assert whole({"a": "v1"}) == whole({"a": "v2"}) == whole(None)


@pytest.mark.parametrize(
    "table, key",
    [("article", "x"), ("entity-links", "vladimir-putin"), ("note", "entity/a:b"), ("order", "*"), ("t", "")],
)
def test_a_reads_name_gives_back_its_table_and_key(table, key):
    assert table_and_key(read_name(table, key)) == (table, key)


def test_a_table_name_is_one_a_read_can_be_parsed_back_to():
    tables = Tables()
    tables.table("article", {})
    for name in ("article", "a:b"):
        with pytest.raises(ValueError, match="would be ambiguous"):
            tables.table(name, {})


def _compared_tables() -> Tables:
    """Tables with rows known by a key ("k"), by value ("t"), a versioned
    keyed one ("v"), and keys made when asked for ("m")."""
    tables = Tables()
    tables.table("k", {"a": One(1), "b": One(2), "c": One(3)}, keys={"a": "ka", "b": "kb", "gone": "kg"})
    tables.table("t", {"a": One(1)})
    tables.table("v", {"a": One(1)}, keys={"a": "ka"}, versions={"a": "v1"})
    tables.table("m", {"a": One(1)}, keys=_MadeWhenAsked({"a": "ka"}))
    return tables


class _MadeWhenAsked(dict):
    """Keys of a table that are not a plain dict (as `site.view._FromArticles`)."""


# read → the digest a previous build recorded for it
RECORDED = {
    "a keyed row, its key recorded": ("k:a", keyed_digest("ka")),
    "a keyed row, another key recorded": ("k:b", keyed_digest("ka")),
    "a keyed row, its value's digest recorded": ("k:a", row_digest(One(1))),
    "an unkeyed row of a keyed table": ("k:c", row_digest(One(3))),
    "a row with a key and no row": ("k:gone", keyed_digest("kg")),
    "a row recorded absent, still absent": ("k:d", "absent"),
    "a row recorded absent, there now": ("k:a", "absent"),
    "a row recorded absent, no digest now": ("t:z", "absent"),
    "the whole table recorded absent": ("k:*", "absent"),
    "a table gone, its row recorded absent": ("gone:a", "absent"),
    "a row of a table gone, recorded by key": ("gone:a", keyed_digest("ka")),
    "no digest recorded": ("k:a", None),
    "no digest recorded, no row": ("k:d", None),
    "a row by value, the same": ("t:a", row_digest(One(1))),
    "a row by value, another": ("t:a", row_digest(One(2))),
    "a versioned keyed row, its version recorded": ("v:a", "vv1|" + keyed_digest("ka")),
    "a versioned keyed row, its key without its version": ("v:a", keyed_digest("ka")),
    "keys made when asked, the key recorded": ("m:a", keyed_digest("ka")),
}


@pytest.mark.parametrize("case", RECORDED)
def test_reads_compared_all_at_once_are_those_compared_one_by_one(case):
    """`Tables.same_reads` compares rows known by a key, and rows recorded
    absent, without `same`: it finds the same reads as `same` does, and
    leaves the manifest the same digests to learn."""
    read, old = RECORDED[case]
    together, alone = _compared_tables(), _compared_tables()
    assert (read in together.same_reads({read: old})) is alone.same(read, old)
    assert together.refreshed == alone.refreshed


def test_reads_compared_all_at_once_in_one_mapping():
    recorded = dict(RECORDED.values())  # (a read named twice above: its last digest)
    alone = _compared_tables()
    assert sorted(_compared_tables().same_reads(recorded)) == sorted(
        read for read, old in recorded.items() if alone.same(read, old)
    )


def test_rows_known_by_a_key_are_compared_without_a_call_each():
    tables = _compared_tables()
    asked = []
    same = tables.same

    def one_by_one(read, old):
        asked.append(read)
        return same(read, old)

    tables.same = one_by_one
    recorded = {"k:a": keyed_digest("ka"), "k:b": keyed_digest("kb"), "k:d": "absent", "t:a": "x"}
    assert sorted(tables.same_reads(recorded)) == ["k:a", "k:b", "k:d"]
    assert asked == ["t:a"]


@pytest.mark.parametrize(
    "keys",
    [("a", "b", "a"), (), ("b",), ["c", "a"]],
)
def test_rows_read_at_once_are_read_and_recorded_as_one_by_one(keys):
    rows = {"a": One(1), "b": One(2), "c": One("ج")}
    table = Tables().table("t", rows)
    with recording() as together:
        found = table.rows(keys)
    with recording() as alone:
        expected = [table[key] for key in keys]
    assert found == expected
    assert together.reads == alone.reads
    assert table.rows(keys) == expected  # read outside a page: nothing to record


def test_a_row_read_at_once_that_is_not_there_is_an_error():
    with pytest.raises(KeyError):
        Tables().table("t", {"a": One(1)}).rows(("a", "missing"))
