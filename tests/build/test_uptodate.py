"""The up-to-date check by the files' status: no change is missed, and an
up-to-date build imports nothing heavy."""

from __future__ import annotations

import hashlib
import os
import pickle
import subprocess
import sys
import time

import pytest

from newsdossier.build import uptodate
from newsdossier.build.options import BuildOptions
from newsdossier.models.errors import DossierError
from tests.helpers import ROOT, build_site


def _aged(project, seconds: float = 10.0) -> None:
    """Every input older than the racy window, as files are between edits."""
    past = time.time() - seconds
    for folder in uptodate.INPUT_FOLDERS:
        for path in (project / folder).rglob("*"):
            os.utime(path, (past, past))


def _built(project, tmp_path, monkeypatch):
    # Setting a file's times sets its change time to now, and a build in a
    # warm process can take less than the racy window: the window is made
    # empty here, and only the test of the window itself restores it.
    monkeypatch.setattr(uptodate, "RACY_NS", 0)
    _aged(project)
    site = tmp_path / "site"
    assert not build_site(project, site).up_to_date
    return site


def test_nothing_changed_is_up_to_date_without_reading(project, tmp_path, monkeypatch):
    site = _built(project, tmp_path, monkeypatch)
    from newsdossier.build import stages

    def no_stages(*args):
        raise AssertionError("the stages ran")

    monkeypatch.setattr(stages, "run_stages", no_stages)
    report = build_site(project, site)
    assert report.up_to_date and report.articles == len(list((project / "seeds").glob("*.txt")))


def test_an_edit_that_keeps_size_and_modification_time_is_seen(project, tmp_path, monkeypatch):
    site = _built(project, tmp_path, monkeypatch)
    seed = sorted((project / "seeds").glob("*.txt"))[0]
    before = seed.stat()
    data = seed.read_bytes()
    seed.write_bytes(data.replace("الصين".encode(), "الهند".encode(), 1))  # same size in UTF-8
    os.utime(seed, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert seed.stat().st_size == before.st_size and seed.stat().st_mtime_ns == before.st_mtime_ns
    assert not build_site(project, site).up_to_date  # the change time moved: read, hashed, rebuilt


def test_a_touched_file_is_checked_in_full_then_trusted(project, tmp_path, monkeypatch):
    site = _built(project, tmp_path, monkeypatch)
    seed = sorted((project / "seeds").glob("*.txt"))[0]
    seed.write_bytes(seed.read_bytes())  # same bytes, new times
    stamp = next((project / ".cache" / "builds").glob("*.stamp.json"))
    first = build_site(project, site)
    assert first.up_to_date and "read" in first.timings and "curation" not in first.timings
    assert stamp.is_file()  # renewed from the full check


@pytest.mark.parametrize("hidden", ["seeds/.a.txt.swp", "dossier/.DS_Store", "templates/.base.html.un~"])
def test_a_hidden_file_written_is_no_change(project, tmp_path, monkeypatch, hidden):
    # The build never reads a hidden file (models.inputs.is_hidden), so the
    # check does not look at one either: an editor's swap file is no change.
    site = _built(project, tmp_path, monkeypatch)
    (project / hidden).write_bytes(b"an editor's swap file")
    report = build_site(project, site)
    assert report.up_to_date and "read" not in report.timings  # not even read and hashed


def test_a_status_as_new_as_the_stamp_is_not_trusted(project, tmp_path, monkeypatch):
    site = _built(project, tmp_path, monkeypatch)
    folder = project / ".cache" / "builds"

    def check():
        key = BuildOptions(project, site).site_key
        return uptodate.Stamp.for_build(folder, key, project, (True,), None, None).current(site)

    assert check() is not None  # aged files: the statuses are trusted
    monkeypatch.setattr(uptodate, "RACY_NS", 2_000_000_000)
    seed = sorted((project / "seeds").glob("*.txt"))[0]
    now = time.time()
    os.utime(seed, (now, now))  # as if written in the tick before the build
    assert build_site(project, site).up_to_date  # read and hashed: the same bytes
    assert check() is None  # the stamp holds that status, but it is too new to vouch for the bytes


def test_no_stamp_without_the_cache(project, tmp_path):
    _aged(project)
    build_site(project, tmp_path / "site", cache=False)
    assert not list((project / ".cache" / "builds").glob("*.stamp.json"))


def test_an_up_to_date_build_imports_nothing_heavy(project, tmp_path, monkeypatch):
    site = _built(project, tmp_path, monkeypatch)
    time.sleep(2.1)  # past the racy window of the files' change times: the next stamp is trusted
    monkeypatch.undo()
    build_site(project, site)  # checked in full, stamped anew
    program = (
        "import sys\n"
        "from newsdossier.cli.main import main\n"
        f"assert main(['build', '--root', {str(project)!r}, '--out', {str(site)!r}, '--quiet']) == 0\n"
        "heavy = ['jinja2', 'markdown_it', 'yaml', 'camel_tools', 'scipy', 'networkx', 'babel',\n"
        "         'newsdossier.language.steps', 'newsdossier.site.outputs', 'importlib.metadata',\n"
        "         'pydantic', 'rapidfuzz', 'pycrfsuite', 'ahocorasick', 'numpy', 'multiprocessing',\n"
        "         'newsdossier.build.stages', 'tempfile', 'logging']\n"
        "print(sorted(m for m in heavy if m in sys.modules))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", program], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "[]", done.stderr


def _site_walks(monkeypatch) -> list[str]:
    from newsdossier.build import site_folder

    walks, real = [], site_folder.foreign_entry
    monkeypatch.setattr(site_folder, "_clean", {})  # as in a new process
    monkeypatch.setattr(
        site_folder, "foreign_entry", lambda folder, listed: walks.append(folder.name) or real(folder, listed)
    )
    return walks


def test_an_up_to_date_build_does_not_walk_its_site(project, tmp_path, monkeypatch):
    """The site's folders as the stamp saw them: nothing was put into it,
    so the check that refuses a foreign file needs no walk (tens of
    thousands of files at 10,000 articles)."""
    site = _built(project, tmp_path, monkeypatch)
    walks = _site_walks(monkeypatch)
    assert build_site(project, site).up_to_date
    assert walks == []


def _rewritten_marker(site) -> None:
    """The marker rewritten in place, listing one file less: no folder changes."""
    marker = site / ".newsdossier-site"
    lines = marker.read_text(encoding="utf-8").split("\n")
    marker.write_text("\n".join(line for line in lines if line != "index.html"), encoding="utf-8")


def _file_put_in(site) -> None:
    (site / "articles" / "draft.txt").write_text("the analyst's own", encoding="utf-8")


@pytest.mark.parametrize("change", [_file_put_in, _rewritten_marker])
def test_a_site_changed_by_hand_is_walked_and_refused(project, tmp_path, monkeypatch, change):
    site = _built(project, tmp_path, monkeypatch)
    walks = _site_walks(monkeypatch)
    change(site)
    with pytest.raises(DossierError, match="was not written by newsdossier"):
        build_site(project, site)
    assert walks == ["site"]


def _edited(project) -> None:
    seed = sorted((project / "seeds").glob("*.txt"))[0]
    seed.write_text(seed.read_text(encoding="utf-8") + "\nفقرة جديدة.\n", encoding="utf-8")


def test_a_build_that_replaces_the_site_needs_no_walk_while_its_folders_are_as_set_back(project, tmp_path):
    """The build sets its site's folders' modification times back before
    swapping it in (`uptodate.backdated_ns`), past the racy window: while
    the stamp's statuses are those, nothing was put into the site (an entry
    put in, however soon, sets its folder's time to now), and a build that
    will replace it need not walk it, under the lock either."""
    site = tmp_path / "site"
    build_site(project, site)  # the real racy window throughout
    taken = time.time_ns()
    for folder in [site, *(p for p in site.rglob("*") if p.is_dir())]:
        assert folder.stat().st_mtime_ns < taken - uptodate.RACY_NS, folder
    from newsdossier.build import site_folder

    walks, real = [], site_folder.foreign_entry
    site_folder._clean.clear()  # as in a new process
    site_folder.foreign_entry = lambda folder, listed: walks.append(folder.name) or real(folder, listed)
    try:
        _edited(project)
        assert not build_site(project, site).up_to_date
        assert walks == []
        _file_put_in(site)  # at once: in the same clock tick, it may be, as the build's last write
        _edited(project)
        with pytest.raises(DossierError, match="draft.txt: was not written by newsdossier"):
            build_site(project, site)
        assert walks == ["site"] and (site / "articles" / "draft.txt").is_file()
    finally:
        site_folder.foreign_entry = real


def test_a_file_put_in_after_the_swap_and_before_the_stamp_is_refused_not_vouched_for(
    project, tmp_path, monkeypatch
):
    """The stamp is written after the report and the manifest: a file put
    into the site between the swap and the stamp gives its folder the time
    of that moment, which may be old enough by the time the statuses are
    taken (a slow disk, a Ctrl+Z). Only the exact time the build set vouches
    for a folder's entries, so the next build walks the site and refuses the
    file (it would have swapped it into the trash, and the build after that
    deleted it)."""
    from newsdossier.build import stages

    site = tmp_path / "site"
    build_site(project, site)
    real = stages.write_report

    def meanwhile(*arguments):
        _file_put_in(site)
        old = time.time_ns() - 10 * uptodate.RACY_NS  # as if the report had taken that long since
        os.utime(site / "articles", ns=(old, old))
        return real(*arguments)

    monkeypatch.setattr(stages, "write_report", meanwhile)
    _edited(project)
    assert not build_site(project, site).up_to_date
    monkeypatch.setattr(stages, "write_report", real)
    walks = _site_walks(monkeypatch)
    _edited(project)
    with pytest.raises(DossierError, match="draft.txt: was not written by newsdossier"):
        build_site(project, site)
    assert walks == ["site"] and (site / "articles" / "draft.txt").is_file()


def test_a_site_whose_folders_were_not_set_back_is_walked_by_a_build_that_replaces_it(
    project, tmp_path, monkeypatch
):
    """Statuses taken as the folders were last changed (a file system that
    would not set a folder's time back) do not vouch for the entries: an
    entry put in within the same clock tick could keep them."""
    from newsdossier.build import staging

    monkeypatch.setattr(staging, "_set_back", lambda folder, folders: None)
    site = tmp_path / "site"
    build_site(project, site)
    walks = _site_walks(monkeypatch)
    _edited(project)
    assert not build_site(project, site).up_to_date
    assert walks == ["site"]


def test_a_file_put_in_while_the_inputs_are_read_is_not_stamped_clean(project, tmp_path, monkeypatch):
    """A touched input sends the build on to read and hash everything (long
    at 10,000 articles): a file put into the site meanwhile must not be
    recorded as part of a clean site, and the next build refuses it."""
    from newsdossier.build import stages

    site = _built(project, tmp_path, monkeypatch)
    seed = sorted((project / "seeds").glob("*.txt"))[0]
    seed.write_bytes(seed.read_bytes())  # same bytes, new times: read and hashed, found unchanged
    real = stages.fingerprint_sources

    def meanwhile(*arguments):
        _file_put_in(site)
        return real(*arguments)

    monkeypatch.setattr(stages, "fingerprint_sources", meanwhile)
    assert build_site(project, site).up_to_date
    monkeypatch.setattr(stages, "fingerprint_sources", real)
    with pytest.raises(DossierError, match="draft.txt: was not written by newsdossier"):
        build_site(project, site)


def _marker_reads(monkeypatch) -> list[str]:
    """The site markers read (`site_folder.listed_files`), as in a new process."""
    from newsdossier.build import site_folder

    reads, real = [], site_folder.listed_files
    monkeypatch.setattr(site_folder, "_clean", {})
    monkeypatch.setattr(site_folder, "_listed", {})
    monkeypatch.setattr(site_folder, "listed_files", lambda folder: reads.append(folder.name) or real(folder))
    return reads


@pytest.mark.parametrize("edit", [False, True])
def test_a_site_as_the_stamp_saw_it_is_checked_without_reading_its_marker(project, tmp_path, edit):
    """The stamp's folder statuses name the folders to compare: while they
    (and the marker's own) are the same, the marker (35,000 lines at 10,000
    articles) is not read to list them, by an up-to-date build nor by one
    that replaces the site (its checks under the lock and before staging)."""
    site = tmp_path / "site"
    build_site(project, site)  # the real racy window: the folders' times set back past it
    time.sleep(2.1)  # past the racy window of the inputs' change times: the stamp is trusted
    build_site(project, site)  # checked in full, stamped anew
    with pytest.MonkeyPatch.context() as monkeypatch:
        reads = _marker_reads(monkeypatch)
        if edit:
            _edited(project)
        assert build_site(project, site).up_to_date is not edit
        assert reads == []


def _stamp_without_a_folder(project, folder: str) -> None:
    """The stamp's bytes changed as a damaged stamp's could be: one folder
    less in its site statuses, the rest of it as it was, under the old seal."""
    import json

    stamp = next((project / ".cache" / "builds").glob("*.stamp.json"))
    raw = stamp.read_bytes()
    seal = len(raw) - len(raw[raw.index(b"{") :])
    data = json.loads(raw[seal:])
    del data["site"][folder]
    stamp.write_bytes(raw[:seal] + json.dumps(data).encode("utf-8"))


def test_a_damaged_stamp_does_not_vouch_for_the_site(project, tmp_path, monkeypatch):
    """A stamp whose bytes changed is not read: with a folder gone from its
    statuses, a file put into that folder would not be compared, and the
    build would take it for its own (and swap it out with the old site)."""
    site = tmp_path / "site"
    build_site(project, site)
    _stamp_without_a_folder(project, "articles")
    walks = _site_walks(monkeypatch)
    _file_put_in(site)
    _edited(project)
    with pytest.raises(DossierError, match="draft.txt: was not written by newsdossier"):
        build_site(project, site)
    assert walks == ["site"] and (site / "articles" / "draft.txt").is_file()


# Seeds not read again (`uptodate.SeedDigests`): a seed whose status is the
# one recorded with its digest is known by it; any other is read and hashed.


def _read_seeds(project, memo):
    """One build's read stage: statuses taken, seeds read or known, recorded."""
    from newsdossier.inputs.project import read_sources

    digests = uptodate.SeedDigests(memo, uptodate.Stamp(memo.parent / "s.stamp.json", project, ()))
    seeds = {s.name: s for s in read_sources(project, digests.known).seeds}
    digests.save(seeds.values(), {name: "published " + seed.digest.hex() for name, seed in seeds.items()})
    return seeds, digests


def _same_size_edit(seed, other):
    before = seed.stat()
    seed.write_bytes(seed.read_bytes().replace("الصين".encode(), "الهند".encode(), 1))
    os.utime(seed, ns=(before.st_atime_ns, before.st_mtime_ns))  # within the same second: same mtime


def _touch(seed, other):
    os.utime(seed)


def _replaced_same_size(seed, other):
    before = seed.stat()
    new = seed.with_name("new.tmp")
    new.write_bytes(seed.read_bytes().replace("الصين".encode(), "الهند".encode(), 1))
    os.utime(new, ns=(before.st_atime_ns, before.st_mtime_ns))
    os.replace(new, seed)


def _moved_over(seed, other):
    os.replace(other, seed)  # the other seed's file, with its own (old) status, under this name


@pytest.mark.parametrize(
    "change, same_bytes",
    [(_same_size_edit, False), (_touch, True), (_replaced_same_size, False), (_moved_over, False)],
)
def test_a_seed_whose_status_changed_is_read_again(project, tmp_path, monkeypatch, change, same_bytes):
    monkeypatch.setattr(uptodate, "RACY_NS", 0)  # (as `_built`: the files are as old as the window)
    memo = tmp_path / "seeds.pickle"
    first, _ = _read_seeds(project, memo)
    assert all(s.held for s in first.values())
    names = sorted(first)
    seed, other = project / "seeds" / names[0], project / "seeds" / names[1]
    change(seed, other)
    second, digests = _read_seeds(project, memo)
    assert second[names[0]].held  # read and hashed
    assert second[names[0]].digest == hashlib.sha256(seed.read_bytes()).digest()
    assert (second[names[0]].digest == first[names[0]].digest) == same_bytes
    unchanged = [n for n in names[1:] if n in second and (change is not _moved_over or n != names[1])]
    assert unchanged and not any(second[n].held for n in unchanged)  # known by the digest recorded
    assert all(second[n].digest == first[n].digest for n in unchanged)
    published = digests.published(second[names[2]])
    assert published == "published " + first[names[2]].digest.hex()


def test_a_seed_status_too_new_is_not_recorded(project, tmp_path):
    # The files were just written: a change in the same clock tick as their
    # status could keep it, so none vouches for its bytes.
    memo = tmp_path / "seeds.pickle"
    _read_seeds(project, memo)
    second, digests = _read_seeds(project, memo)
    assert all(s.held for s in second.values()) and not digests.recorded


def test_a_record_of_seeds_whose_bytes_changed_is_not_trusted(project, tmp_path, monkeypatch):
    """A byte changed in a recorded digest still unpickles: the record's
    checksum (`files.sealed`) says it is not the one written, and every
    seed is read and hashed again (never known by a digest it has not)."""
    monkeypatch.setattr(uptodate, "RACY_NS", 0)
    memo = tmp_path / "seeds.pickle"
    _read_seeds(project, memo)
    second, digests = _read_seeds(project, memo)
    assert digests.recorded and not any(s.held for s in second.values())
    data = bytearray(memo.read_bytes())
    data[-60] ^= 0x01  # inside the last entry's digests
    memo.write_bytes(bytes(data))
    third, digests = _read_seeds(project, memo)
    assert all(s.held for s in third.values())


def test_a_seed_not_read_is_read_back_only_with_its_digest(project, tmp_path, monkeypatch):
    monkeypatch.setattr(uptodate, "RACY_NS", 0)
    memo = tmp_path / "seeds.pickle"
    _read_seeds(project, memo)
    second, _ = _read_seeds(project, memo)
    name = sorted(second)[0]
    seed = second[name]
    assert not seed.held and pickle.loads(pickle.dumps(seed)).data == (project / "seeds" / name).read_bytes()
    changed = second[sorted(second)[1]]
    (project / changed.path).write_bytes(b"saved over during the build")
    with pytest.raises(DossierError, match="changed while the site was being built"):
        changed.data  # noqa: B018 (the read back is the test)


def test_an_add_one_build_reads_the_new_seed_only(tmp_path, monkeypatch):
    from bench.synthetic import add_article, make_dossier
    from newsdossier.inputs import project as project_module
    from tests.helpers import tree_bytes
    from tests.test_incremental import full_build

    monkeypatch.setattr(uptodate, "RACY_NS", 0)
    project = make_dossier(tmp_path / "project", 20)
    _aged(project)
    site = tmp_path / "site"
    build_site(project, site)
    read = []
    real = project_module._read
    monkeypatch.setattr(
        project_module, "_read", lambda path, relative: read.append(relative) or real(path, relative)
    )
    name = add_article(project, 20)
    report = build_site(project, site)
    assert report.analysed == 1 and [p for p in read if p.startswith("seeds/")] == [f"seeds/{name}"]
    assert tree_bytes(site) == full_build(project, tmp_path / "full")


def test_the_seeds_record_is_the_codes_and_another_code_reads_every_seed(project, tmp_path, monkeypatch):
    """The record keeps each seed's published digest, which the code makes:
    a build of other code (a new `published_text`) must not take it."""
    from newsdossier.models import identity

    monkeypatch.setattr(uptodate, "RACY_NS", 0)
    memo = tmp_path / "seeds.pickle"
    _read_seeds(project, memo)
    known, _ = _read_seeds(project, memo)
    assert not any(s.held for s in known.values())  # the same code: known by their digests
    monkeypatch.setattr(identity, "code_version", lambda *layers: "another code")
    again, digests = _read_seeds(project, memo)
    assert all(s.held for s in again.values())  # read and hashed again
    assert all(digests.published(s) == "published " + s.digest.hex() for s in again.values())


# The record is a base and a delta: a build appends the entries it changed.


def _new_seed(project, name="added.txt"):
    seed = project / "seeds" / name
    seed.write_bytes(sorted((project / "seeds").glob("*.txt"))[0].read_bytes() + b"\n\n")
    return name


def _cut_short(delta, project):
    delta.write_bytes(delta.read_bytes()[:-1])


def _byte_changed(delta, project):
    data = bytearray(delta.read_bytes())
    data[-30] ^= 0x01  # inside the frame's entry
    delta.write_bytes(bytes(data))


def _of_another_base(delta, project):
    kept = delta.read_bytes()  # a frame of the base before the one written since (without its entry)
    memo = delta.with_name("seeds.pickle")
    digests = uptodate.SeedDigests(memo, uptodate.Stamp(memo.parent / "s.stamp.json", project, ()))
    del digests.recorded["added.txt"]
    digests._write_base()
    delta.write_bytes(kept)


def test_a_build_appends_the_entries_it_changed_and_the_base_stays(project, tmp_path, monkeypatch):
    monkeypatch.setattr(uptodate, "RACY_NS", 0)
    memo = tmp_path / "seeds.pickle"
    first, _ = _read_seeds(project, memo)
    base = memo.read_bytes()
    name = _new_seed(project)
    second, _ = _read_seeds(project, memo)
    assert second[name].held and memo.read_bytes() == base  # the base not written again
    assert 0 < (tmp_path / "seeds.pickle.delta").stat().st_size < 400  # one frame: the added seed's entry
    (project / "seeds" / sorted(first)[0]).unlink()  # an entry dropped: a frame too
    third, digests = _read_seeds(project, memo)
    assert not any(s.held for s in third.values()) and memo.read_bytes() == base
    assert sorted(digests.recorded) == sorted(third) and sorted(first)[0] not in digests.recorded
    again = uptodate.SeedDigests(memo, uptodate.Stamp(memo.parent / "s.stamp.json", project, ()))
    assert again.recorded == digests.recorded  # the base with its two frames


@pytest.mark.parametrize("damage", [_cut_short, _byte_changed, _of_another_base])
def test_a_delta_frame_not_whole_or_of_another_base_is_not_read(project, tmp_path, monkeypatch, damage):
    monkeypatch.setattr(uptodate, "RACY_NS", 0)
    memo = tmp_path / "seeds.pickle"
    _read_seeds(project, memo)
    name = _new_seed(project)
    _read_seeds(project, memo)
    damage(tmp_path / "seeds.pickle.delta", project)
    second, digests = _read_seeds(project, memo)
    assert second[name].held and not any(s.held for n, s in second.items() if n != name)
    assert not (tmp_path / "seeds.pickle.delta").exists()  # the base written whole, with the seed read again
    third, _ = _read_seeds(project, memo)
    assert not any(s.held for s in third.values())


def test_the_base_is_written_whole_after_enough_frames(project, tmp_path, monkeypatch):
    monkeypatch.setattr(uptodate, "RACY_NS", 0)
    monkeypatch.setattr(uptodate.SeedDigests, "COMPACT_FRAMES", 2)
    memo = tmp_path / "seeds.pickle"
    _read_seeds(project, memo)
    delta = tmp_path / "seeds.pickle.delta"
    sizes = []
    for number in range(3):
        _new_seed(project, f"added-{number}.txt")
        _read_seeds(project, memo)
        sizes.append(delta.stat().st_size if delta.exists() else 0)
    assert sizes[0] < sizes[1] and sizes[2] == 0  # two frames appended, then the base written whole
    seeds, digests = _read_seeds(project, memo)
    assert not any(s.held for s in seeds.values()) and sorted(digests.recorded) == sorted(seeds)
