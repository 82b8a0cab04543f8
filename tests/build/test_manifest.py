"""The build manifest: a base and an append-only delta, read back as the
last build left it, and never a mix of two builds or one that vouches for
a site being changed."""

from __future__ import annotations

import pytest

from newsdossier.build import files
from newsdossier.build import manifest as manifest_module
from newsdossier.build.manifest import BuildManifest
from newsdossier.site.outputs import OutputRecord


def opened(tmp_path, enabled: bool = True) -> BuildManifest:
    return BuildManifest(tmp_path / "builds", tmp_path / "site", "site", enabled)


def site_of(outputs: int, version: str = "") -> dict[str, OutputRecord]:
    reads = [f"article:مقال-{n}" for n in range(outputs + 2)]
    return {
        f'articles/{n}/ص"فحة.html': OutputRecord(f"k{n}{version}", tuple(reads[n % 3 : n % 3 + 2]))
        for n in range(outputs)
    }


def digests_of(records: dict[str, OutputRecord], version: str = "") -> dict[str, str]:
    return {read: f"d-{read}{version}" for r in records.values() for read in r.reads}


def state(manifest: BuildManifest, records: dict[str, OutputRecord]) -> tuple:
    """What a build reads of a manifest: each record and its reads' digests."""
    return (
        manifest._fingerprint,
        {path: manifest.record(path) for path in records},
        {read: manifest.digest(read) for r in records.values() for read in r.reads},
    )


class Counting:
    """A build's digest of a read, counting the reads it is asked for."""

    def __init__(self, digests: dict[str, str]):
        self.digests, self.asked = digests, []

    def __call__(self, read: str) -> str:
        self.asked.append(read)
        return self.digests[read]


def build(tmp_path, records, digests, fingerprint="f", stop_before_save=False) -> Counting:
    """One build as `build.stages` runs it: the manifest read, forgotten
    before the site changes, saved after."""
    manifest = opened(tmp_path)
    manifest.forget()
    digest = Counting(digests)
    if not stop_before_save:
        manifest.save(fingerprint, records, digest)
    return digest


@pytest.mark.parametrize("outputs", [0, 1, 300])
def test_a_manifest_is_read_back_as_it_was_saved(tmp_path, outputs):
    records = site_of(outputs)
    digests = digests_of(records)
    build(tmp_path, records, digests)
    again = opened(tmp_path)
    assert state(again, records) == ("f", records, digests)
    assert again.record("elsewhere.html") is None and again.digest("article:غيره") is None
    assert not opened(tmp_path, enabled=False).record(next(iter(records), "x"))


def test_a_build_that_changes_a_few_outputs_appends_them_and_digests_only_their_reads(tmp_path):
    records = site_of(300)
    build(tmp_path, records, digests_of(records))
    base = opened(tmp_path).path.read_bytes()
    # Two outputs made again (one with a changed read), one gone, one new;
    # the others kept as the manifest read them.
    previous = opened(tmp_path)
    kept = {path: previous.record(path) for path in records}
    paths = sorted(kept)
    changed = dict(kept)
    changed[paths[0]] = OutputRecord("new key", kept[paths[0]].reads)
    changed[paths[1]] = OutputRecord(kept[paths[1]].key, ("article:جديد",))
    del changed[paths[2]]
    changed["new.html"] = OutputRecord("k", ("settings:site", kept[paths[3]].reads[0]))
    digests = {**digests_of(records), "article:جديد": "d-new", "settings:site": "d-site"}
    previous.forget()
    digest = Counting(digests)
    previous.save("g", changed, digest)
    assert previous.path.read_bytes() == base  # the base untouched
    assert previous.delta_path.stat().st_size < len(base) / 20
    assert sorted(set(digest.asked)) == sorted(
        {r for p in (paths[0], paths[1], "new.html") for r in changed[p].reads}
    )
    again = opened(tmp_path)
    assert state(again, changed) == ("g", changed, {r: digests[r] for c in changed.values() for r in c.reads})
    assert again.record(paths[2]) is None
    # The same as the manifest written whole.
    whole = tmp_path / "whole"
    build(whole, changed, digests, "g")
    assert state(opened(whole), changed) == state(again, changed)


def test_the_delta_is_folded_into_a_new_base_when_it_grows(tmp_path):
    records = site_of(200)
    digests = digests_of(records)
    build(tmp_path, records, digests)
    manifest = opened(tmp_path)
    generation = manifest._base[0]
    for round_ in range(200):  # each build changes a tenth of the records
        version = f"-{round_}"
        records = {
            p: (OutputRecord(r.key + version, r.reads) if n % 10 == round_ % 10 else r)
            for n, (p, r) in enumerate(sorted(records.items()))
        }
        build(tmp_path, records, digests, f"f{round_}")
        manifest = opened(tmp_path)
        assert state(manifest, records) == (f"f{round_}", records, digests)
        if manifest._base[0] != generation:
            break
        assert manifest.delta_path.stat().st_size <= manifest_module.COMPACT * manifest.path.stat().st_size
    else:
        pytest.fail("the delta was never folded into the base")
    assert not manifest.delta_path.exists()  # of the old base: removed once the new one is whole


def stop_after_appending(tmp_path, records, digests) -> None:
    """A build stopped after its delta entry was written, before its head."""
    manifest = opened(tmp_path)
    manifest.forget()
    manifest._write_head = lambda *_: (_ for _ in ()).throw(KeyboardInterrupt)
    with pytest.raises(KeyboardInterrupt):
        manifest.save("g", records, Counting(digests))


def flip_a_byte(path) -> None:
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x20
    path.write_bytes(bytes(data))


def cut_after_first_frame(path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: files.unframed(data, 0)[1]])


STOPS = {
    # A stop between `forget` and `save`: no manifest vouches for either site.
    "stopped before saving": lambda tmp_path, records, digests: build(
        tmp_path, records, digests, "g", stop_before_save=True
    ),
    "stopped after appending, before the head": stop_after_appending,
    # Damage from outside: never an older manifest instead of the newer one.
    "the delta deleted": lambda tmp_path, *_: opened(tmp_path).delta_path.unlink(),
    "the delta cut short": lambda tmp_path, *_: opened(tmp_path).delta_path.write_bytes(
        opened(tmp_path).delta_path.read_bytes()[:-9]
    ),
    "a byte of the delta changed": lambda tmp_path, *_: flip_a_byte(opened(tmp_path).delta_path),
    "a byte of the base changed": lambda tmp_path, *_: flip_a_byte(opened(tmp_path).path),
    "the base cut at a frame's end": lambda tmp_path, *_: cut_after_first_frame(opened(tmp_path).path),
    "the head deleted": lambda tmp_path, *_: opened(tmp_path).head_path.unlink(),
    "a head of another base": lambda tmp_path, *_: opened(tmp_path)._write_head("another", 0),
}


@pytest.mark.parametrize("stop", STOPS, ids=list(STOPS))
def test_a_stopped_build_or_a_damaged_file_leaves_no_manifest(tmp_path, stop):
    records = site_of(50)
    digests = {**digests_of(records), "settings:site": "d"}
    build(tmp_path, records, digests)
    changed = {**records, "new.html": OutputRecord("k", ("settings:site",))}
    build(tmp_path, changed, digests, "g")  # the manifest is now a base and a delta
    assert opened(tmp_path).delta_path.stat().st_size > 0
    again = {**changed, "again.html": OutputRecord("k2", ("settings:site",))}
    STOPS[stop](tmp_path, again, digests)
    after = opened(tmp_path)
    assert after._fingerprint is None and after._base is None
    assert all(after.record(path) is None for path in again)
    # The next build starts a whole manifest, read back whole.
    build(tmp_path, again, digests, "h")
    assert state(opened(tmp_path), again) == ("h", again, digests)


def test_what_a_stopped_build_appended_is_ignored_and_written_over(tmp_path):
    records = site_of(30)
    digests = {**digests_of(records), "settings:site": "d"}
    build(tmp_path, records, digests)
    manifest = opened(tmp_path)
    # Appended, but the head not written: as a build stopped after `save`'s append.
    manifest._write_head = lambda *_: None
    manifest.save("g", {**records, "x.html": OutputRecord("k", ("settings:site",))}, Counting(digests))
    left = opened(tmp_path)  # the head was not removed (no `forget`): the manifest before
    assert state(left, records) == ("f", records, digests_of(records)) and left.record("x.html") is None
    changed = {**records, "y.html": OutputRecord("k", ("settings:site",))}
    build(tmp_path, changed, digests, "h")
    assert state(opened(tmp_path), changed) == ("h", changed, digests)
    assert opened(tmp_path).record("x.html") is None


def test_a_delta_of_an_earlier_base_is_ignored(tmp_path):
    """A new base is written before the delta is removed: a stop in between
    leaves a delta of the old base, which the new head does not name."""
    records = site_of(20)
    digests = digests_of(records)
    build(tmp_path, records, digests)
    stale = {**records, "stale.html": OutputRecord("k", ())}
    build(tmp_path, stale, digests, "stale")
    left = opened(tmp_path).delta_path.read_bytes()
    opened(tmp_path)._write_base("f2", records, {}, Counting(digests))
    opened(tmp_path).delta_path.write_bytes(left)
    again = opened(tmp_path)
    assert state(again, records) == ("f2", records, digests) and again.record("stale.html") is None


def test_a_build_without_the_cache_leaves_no_manifest(tmp_path):
    records = site_of(5)
    build(tmp_path, records, digests_of(records))
    without = opened(tmp_path, enabled=False)
    without.forget()
    without.save("g", records, Counting(digests_of(records)))
    assert not without.head_path.exists()
    assert opened(tmp_path).record(next(iter(records))) is None


def test_an_output_made_again_with_the_same_key_and_reads_records_its_reads_new_digests(tmp_path):
    """Made again because a read changed: the manifest must learn the read's
    new digest, or an edit undone would look unchanged and keep the edit."""
    records = site_of(30)
    build(tmp_path, records, digests_of(records))
    previous = opened(tmp_path)
    kept = {path: previous.record(path) for path in records}
    path = sorted(kept)[0]
    remade = dict(kept)
    # Equal reads, but not the manifest's own tuple: an output made again.
    remade[path] = OutputRecord(kept[path].key, (*kept[path].reads,))
    changed_read = kept[path].reads[0]
    digests = {**digests_of(records), changed_read: "d-edited"}
    previous.forget()
    previous.save("g", remade, Counting(digests))
    assert opened(tmp_path).digest(changed_read) == "d-edited"


def test_a_head_that_cannot_be_removed_is_written_over_before_the_site_changes(tmp_path, monkeypatch):
    records = site_of(3)
    build(tmp_path, records, digests_of(records))
    manifest = opened(tmp_path)
    unlink = type(manifest.head_path).unlink

    def refuse(path, *args, **kwargs):
        if path == manifest.head_path:
            raise PermissionError(path)
        return unlink(path, *args, **kwargs)

    monkeypatch.setattr(type(manifest.head_path), "unlink", refuse)
    manifest.forget()
    monkeypatch.undo()
    assert opened(tmp_path).record(next(iter(records))) is None  # no manifest vouches for the old site


@pytest.mark.parametrize("per_frame", [1, 7, 4096])
def test_the_base_is_written_and_read_in_frames_of_records(tmp_path, monkeypatch, per_frame):
    monkeypatch.setattr(manifest_module, "RECORDS_PER_FRAME", per_frame)
    records = site_of(30)
    digests = digests_of(records)
    build(tmp_path, records, digests)
    again = opened(tmp_path)
    assert state(again, records) == ("f", records, digests)
    assert again._base[1] == again.path.stat().st_size  # the size the delta is weighed against


READS = tuple(f"article:{n}" for n in range(40))
EDITS = {
    # name: (the reads before, the reads after, kept as an edit)
    "one read inserted in the middle": (READS, (*READS[:20], "article:new", *READS[20:]), True),
    "one read inserted first": (READS, ("article:new", *READS), True),
    "one read appended": (READS, (*READS, "article:new"), True),
    "one read removed": (READS, READS[:10] + READS[11:], True),
    "one read replaced": (READS, (*READS[:5], "article:other", *READS[6:]), True),
    "the same reads": (READS, READS, True),
    "a read repeated at the join": (("a",) * 20, ("a",) * 21, True),
    "too few kept": (READS[:10], (*READS[:10], "article:new"), False),
    "nothing kept": (READS, tuple(reversed(READS)), False),
    "from no reads": ((), READS, False),
}


@pytest.mark.parametrize("case", EDITS, ids=list(EDITS))
def test_a_record_that_keeps_most_of_its_reads_is_an_edit_of_them(case):
    before, after, as_edit = EDITS[case]
    edit = manifest_module._Edit.of(before, ("key", after))
    assert (edit is not None) == as_edit
    if edit is not None:
        assert edit.applied(before) == ("key", after)
        assert len(edit.middle) <= abs(len(after) - len(before)) + 1


def test_an_edit_of_reads_it_cannot_be_of_is_refused():
    edit = manifest_module._Edit.of(READS, ("key", (*READS, "article:new")))
    with pytest.raises(ValueError):
        edit.applied(READS[:10])


def test_a_page_of_every_article_gaining_one_is_appended_as_an_edit(tmp_path):
    """A page that reads every article, and one article added: the delta
    holds the one new read, not the page's every read again; read back, the
    same manifest as one written whole."""
    every = tuple(f"article:مقال-{n}" for n in range(2000))
    records = {**site_of(100), "index.html": OutputRecord("k", every)}
    digests = {**digests_of(records), "article:جديد": "d-new"}
    build(tmp_path, records, digests)
    added = {**records, "index.html": OutputRecord("k2", (*every[:700], "article:جديد", *every[700:]))}
    build(tmp_path, added, digests, "g")
    again = opened(tmp_path)
    assert again.delta_path.stat().st_size < 1000  # (the page's reads whole: 40 KB)
    whole = tmp_path / "whole"
    build(whole, added, digests, "g")
    reads = {read: digests[read] for record in added.values() for read in record.reads}
    assert state(again, added) == state(opened(whole), added) == ("g", added, reads)


def test_a_delta_editing_a_record_the_manifest_has_not_is_no_manifest(tmp_path):
    """An edit applied to anything but the record it was made of (a delta
    entry that checks out, of a base that has not that path) is refused
    whole: never a record made of other reads."""
    every = tuple(f"article:{n}" for n in range(100))
    records = {"index.html": OutputRecord("k", every), "other.html": OutputRecord("k", every[:3])}
    digests = digests_of(records)
    build(tmp_path, records, digests)
    manifest = opened(tmp_path)
    edit = tuple(manifest_module._Edit.of(every, ("k2", every[1:])))
    entry = manifest_module.marshal.dumps(("g", {}, {"gone.html": edit}, (), {}), manifest_module._MARSHAL)
    end = manifest_module._append(manifest.delta_path, 0, entry)
    manifest._write_head(manifest._base[0], end)
    after = opened(tmp_path)
    assert after._fingerprint is None and after.record("index.html") is None
