"""The curation read through the record memo (`RecordMemo`): the same
curation, warnings and first error as reading every file whole, whatever
the memo holds; an appended record is the one record read."""

from __future__ import annotations

import zlib
from pathlib import Path

import pytest

from newsdossier.inputs import curation
from newsdossier.inputs.curation import RecordMemo, load_curation
from newsdossier.inputs.project import read_sources
from newsdossier.models.errors import DossierError
from tests.helpers import make_project, seed_project
from tests.test_invalid import CASES, apply_case


def outcome(project: Path, memo=None):
    try:
        return load_curation(read_sources(project), memo)
    except DossierError as error:
        return str(error)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_the_memo_gives_what_reading_every_file_gives(case: Path, tmp_path: Path):
    project = make_project(tmp_path / "project")
    warm = RecordMemo()
    load_curation(read_sources(project), warm)  # the valid project's records, as a build before
    apply_case(case, project)
    expected = outcome(project)
    assert outcome(project, RecordMemo(dict(warm.used))) == expected  # some records known
    assert outcome(project, RecordMemo(dict(warm.used), dict(warm.split))) == expected  # and the files split
    assert outcome(project, RecordMemo()) == expected  # none known


def test_an_appended_article_is_the_one_record_read(tmp_path, monkeypatch):
    project = seed_project(tmp_path / "project")
    memo = RecordMemo()
    first, _ = load_curation(read_sources(project), memo)
    seed = next(iter(sorted((project / "seeds").iterdir())))
    (project / "seeds" / "new.txt").write_bytes(seed.read_bytes())
    with (project / "dossier" / "articles.yaml").open("a", encoding="utf-8") as entries:
        entries.write("- id: new\n  source_file: new.txt\n  summit: null\n  date: 2024-05-18\n")
        entries.write("  outlet: null\n  outlet_name: منبر\n")
    validated = []
    real = curation.validate
    monkeypatch.setattr(curation, "validate", lambda *args: (validated.append(args[3]), real(*args))[1])
    again = RecordMemo(dict(memo.used))
    sources = read_sources(project)
    second, _ = load_curation(sources, again)
    # The one new article; no entity (the gazetteer's records are all known).
    assert [what for what in validated if what in ("article", "entity")] == ["article"]
    assert again.worth_saving(0) and not again.worth_saving(1)  # one record read afresh
    assert second == load_curation(sources)[0]
    assert [a.id for a in second.articles if a.curated][-1:] == ["new"] or "new" in {
        a.id for a in second.articles
    }


# What an append or a removed seed can break in records the memo holds: the
# message is the one reading the whole file gives (its line, its wording).
APPENDED = [
    ("a duplicate id", "- id: {first}\n  source_file: new.txt\n  summit: null\n  date: 2024-05-18\n"),
    ("a seed used twice", "- id: new\n  source_file: {seed}\n  summit: null\n  date: 2024-05-18\n"),
    ("an undefined summit", "- id: new\n  source_file: new.txt\n  summit: nowhere\n  date: 2024-05-18\n"),
    ("an unknown outlet", "- id: new\n  source_file: new.txt\n  summit: null\n  date: 2024-05-18\n"),
    ("a reserved id", "- id: index\n  source_file: new.txt\n  summit: null\n  date: 2024-05-18\n"),
    ("a memo'd record's seed removed", None),
]


@pytest.mark.parametrize("what, entry", APPENDED, ids=[a[0] for a in APPENDED])
def test_a_problem_with_memo_records_is_the_whole_files_message(what, entry, tmp_path):
    project = seed_project(tmp_path / "project")
    memo = RecordMemo()
    first, _ = load_curation(read_sources(project), memo)
    seed = next(a for a in first.articles if a.curated)
    (project / "seeds" / "new.txt").write_bytes((project / "seeds" / seed.source_file).read_bytes())
    if entry is None:
        (project / "seeds" / seed.source_file).unlink()
    else:
        outlet = "nobody" if what == "an unknown outlet" else "null"
        with (project / "dossier" / "articles.yaml").open("a", encoding="utf-8") as entries:
            entries.write(entry.format(first=seed.id, seed=seed.source_file))
            entries.write(f"  outlet: {outlet}\n  outlet_name: منبر\n")
    expected = outcome(project)
    assert isinstance(expected, str) and "dossier/articles.yaml:" in expected
    assert outcome(project, RecordMemo(dict(memo.used))) == expected
    assert outcome(project, RecordMemo(dict(memo.used), dict(memo.split))) == expected


# What happened to articles.yaml since the memo's build, and whether its
# records are still those of its first bytes (only what follows is split).
NEW_ARTICLE = (
    "- id: new\n  source_file: new.txt\n  summit: null\n"
    "  date: 2024-05-18\n  outlet: null\n  outlet_name: منبر\n"
)
CHANGES = {
    "an article appended": (lambda text: text + NEW_ARTICLE, True),
    "two appended": (lambda text: text + NEW_ARTICLE + NEW_ARTICLE.replace("new", "newer"), True),
    "nothing changed": (lambda text: text, True),
    "a line added to the last article": (lambda text: text + "  title: عنوان آخر\n", False),
    "a comment appended": (lambda text: text + "# a note\n", False),
    "an appended article after a blank line": (lambda text: text + "\n" + NEW_ARTICLE, False),
    "an article before the end edited": (lambda text: text.replace("date: ", "date:  ", 1), False),
    "the last article cut short": (lambda text: text[: text.rindex("\n", 0, -1) + 1], False),
}


@pytest.mark.parametrize("change", CHANGES, ids=list(CHANGES))
def test_a_file_that_begins_as_it_was_is_split_only_after_that(change, tmp_path, monkeypatch):
    project = seed_project(tmp_path / "project")
    memo = RecordMemo()
    load_curation(read_sources(project), memo)
    seed = next(iter(sorted((project / "seeds").iterdir())))
    for name in ("new.txt", "newer.txt"):
        (project / "seeds" / name).write_bytes(seed.read_bytes())
    path = project / "dossier" / "articles.yaml"
    edit, only_after = CHANGES[change]
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    sources = read_sources(project)
    expected = outcome(project)
    splits = []
    real = curation.split_items
    monkeypatch.setattr(
        curation, "split_items", lambda source, *at: splits.append((source.path, *at)) or real(source, *at)
    )
    again = RecordMemo(dict(memo.used), dict(memo.split))
    assert outcome(project, again) == expected and not isinstance(expected, str)
    split = memo.split["dossier/articles.yaml"]
    whole = ("dossier/articles.yaml",) in splits
    assert whole != only_after and (
        ("dossier/articles.yaml", split.size, split.line) in splits or not only_after
    )
    # This build's split: the next build's, as if it had read the file whole.
    fresh = RecordMemo()
    load_curation(sources, fresh)
    assert again.split == fresh.split and again.used == fresh.used and list(again.used) == list(fresh.used)


def _with_crc_of(data: bytes, edited: bytes, free: range) -> bytes:
    """`edited` (as long as `data`) with low bits of the bytes at `free`
    flipped so that its CRC-32 is `data`'s: CRC-32 is linear over GF(2),
    so the flips that cancel the edit's effect are a linear system's
    solution. What a checksum cannot tell from the bytes it was taken of."""
    base, target = zlib.crc32(edited), zlib.crc32(data)
    flips = [(at, 1 << bit) for at in free for bit in range(4)]  # ASCII '`'..'o' stay letters
    effects = []
    for at, mask in flips:
        flipped = bytearray(edited)
        flipped[at] ^= mask
        effects.append(zlib.crc32(bytes(flipped)) ^ base)
    pivots: dict[int, tuple[int, int]] = {}  # bit → (effect, the flips that make it)
    for number, effect in enumerate(effects):
        made = 1 << number
        for bit in reversed(range(32)):
            if effect >> bit & 1:
                if bit not in pivots:
                    pivots[bit] = (effect, made)
                    break
                effect, made = effect ^ pivots[bit][0], made ^ pivots[bit][1]
    want, chosen = base ^ target, 0
    for bit in reversed(range(32)):
        if want >> bit & 1:
            want, chosen = want ^ pivots[bit][0], chosen ^ pivots[bit][1]
    result = bytearray(edited)
    for number, (at, mask) in enumerate(flips):
        if chosen >> number & 1:
            result[at] ^= mask
    return bytes(result)


def test_an_edit_that_keeps_the_files_crc32_is_seen(tmp_path):
    """The memo's records stand for the exact bytes they were split from:
    an edit before the end that keeps the file's size and CRC-32 (a date
    changed, a few characters of a comment changed to match) is read, not
    taken for the records before it (found by the review)."""
    project = seed_project(tmp_path / "project")
    memo = RecordMemo()
    load_curation(read_sources(project), memo)
    path = project / "dossier" / "articles.yaml"
    data = path.read_bytes()
    comment = data.index(b"# from the text") + 2
    edited = bytearray(data.replace(b"date: 2022-02-05 ", b"date: 2022-02-07 ", 1))
    edited[comment : comment + 12] = b"`" * 12
    forged = _with_crc_of(data, bytes(edited), range(comment, comment + 12))
    assert zlib.crc32(forged) == zlib.crc32(data) and len(forged) == len(data) and forged != data
    path.write_bytes(forged)
    sources = read_sources(project)
    again, _ = load_curation(sources, RecordMemo(dict(memo.used), dict(memo.split)))
    assert again == load_curation(sources)[0]
    assert "2022-02-07" in {str(a.date) for a in again.articles}


def test_the_memo_hashes_only_the_bytes_it_was_split_from(tmp_path, monkeypatch):
    """An appended article: each list file's first bytes are hashed to know
    them as they were split, and no byte a second time (a file's whole
    digest is the one the build's fingerprint took, `SourceFile.digest`)."""
    project = seed_project(tmp_path / "project")
    memo = RecordMemo()
    load_curation(read_sources(project), memo)
    with (project / "dossier" / "articles.yaml").open("a", encoding="utf-8") as entries:
        entries.write(NEW_ARTICLE)
    seed = next(iter(sorted((project / "seeds").iterdir())))
    (project / "seeds" / "new.txt").write_bytes(seed.read_bytes())
    sources = read_sources(project)
    for source in sources.dossier:
        assert source.digest  # as the build's fingerprint takes them, before the curation
    hashed = []
    real = curation.hashlib.sha256
    monkeypatch.setattr(curation.hashlib, "sha256", lambda data=b"": hashed.append(len(data)) or real(data))
    again = RecordMemo(dict(memo.used), dict(memo.split))
    read, _ = load_curation(sources, again)
    monkeypatch.undo()
    assert sorted(hashed) == sorted(split.size for split in memo.split.values())
    assert again.split["dossier/articles.yaml"].digest == sources.dossier_file("articles.yaml").digest
    assert read == load_curation(sources)[0]
