import contextlib
import os
import signal
import time

import pytest

from newsdossier.build.site_folder import MARKER, marker_text, needed_folders
from newsdossier.models.errors import DossierError
from tests.helpers import tree_bytes, write_site


def test_writes_every_file_and_returns_the_paths(tmp_path):
    written = write_site({"index.html": b"a", "x/y.html": b"b"}, tmp_path / "site")
    assert written.paths == [MARKER, "index.html", "x/y.html"] and written.changed == 2
    assert tree_bytes(tmp_path / "site") == {
        MARKER: marker_text(["index.html", "x/y.html"]),
        "index.html": b"a",
        "x/y.html": b"b",
    }


def test_unchanged_files_are_not_rewritten(tmp_path):
    write_site({"same.html": b"1", "changes.html": b"1"}, tmp_path / "site")
    before = (tmp_path / "site" / "same.html").stat()
    written = write_site({"same.html": b"1", "changes.html": b"2", "new.html": b"3"}, tmp_path / "site")
    after = (tmp_path / "site" / "same.html").stat()
    assert written.changed == 2
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    assert tree_bytes(tmp_path / "site", marker=False) == {
        "changes.html": b"2",
        "new.html": b"3",
        "same.html": b"1",
    }


def test_replaces_the_previous_site_whole(tmp_path):
    write_site({"old.html": b"old", "index.html": b"1"}, tmp_path / "site")
    write_site({"index.html": b"2"}, tmp_path / "site")
    assert tree_bytes(tmp_path / "site", marker=False) == {"index.html": b"2"}
    assert os.listdir(tmp_path) == ["site"]  # nothing left beside it


@pytest.mark.parametrize("exchange", [True, False], ids=["renameat2", "two renames"])
def test_the_old_site_goes_to_the_trash_and_the_next_lock_holder_removes_it(tmp_path, monkeypatch, exchange):
    from newsdossier.build import locks, staging, swap

    if not exchange:
        monkeypatch.setattr(swap, "_exchange", lambda first, second: False)
    old = {f"{folder}/{n}.html": b"old" for folder in "abcde" for n in range(30)}
    write_site({**old, "index.html": b"1"}, tmp_path / "site")
    kept = dict.fromkeys(list(old)[:100], b"old")  # most files kept: the old site shares them
    with staging.StagedSite(tmp_path / "site") as staged:
        for path, data in {**kept, "index.html": b"2"}.items():
            staged.write(path, data)
        staged.swap_in(background=True)
    assert tree_bytes(tmp_path / "site", marker=False) == {
        **kept,
        "index.html": b"2",
    }  # the new site, at once
    # The old one whole, with its marker, in one trash folder (no folder of two renames left).
    (trash,) = [name for name in os.listdir(tmp_path) if name != "site"]
    assert trash.startswith(".site.trash-")
    assert tree_bytes(tmp_path / trash, marker=False) == {**old, "index.html": b"1"}
    # The next build: pruned while it works, then staged into.
    with locks.site_lock(tmp_path / "site"), staging.StagedSite(tmp_path / "site") as staged:
        for path, data in {**kept, "index.html": b"3"}.items():
            staged.write(path, data)
        staged.swap_in(background=True)
    assert tree_bytes(tmp_path / "site", marker=False) == {**kept, "index.html": b"3"}
    (trash,) = [name for name in os.listdir(tmp_path) if name not in (".site.lock", "site")]
    assert tree_bytes(tmp_path / trash, marker=False) == {
        **kept,
        "index.html": b"2",
    }  # the site before: only it


def _inode(path) -> int:
    return path.stat().st_ino


def _built(files: dict[str, bytes], site) -> None:
    """`files` written as the site, the old one put into the trash (as a build does)."""
    from newsdossier.build import locks, staging

    with locks.site_lock(site), staging.StagedSite(site) as staged:
        for path, data in files.items():
            staged.write(path, data)
        staged.swap_in(background=True)


def test_the_next_build_stages_into_the_last_old_site_pruned(tmp_path):
    """The old site in the trash becomes the next build's staging folder,
    pruned to the files it shares with the site in place (one inode each):
    a file kept costs nothing, a changed one is a new file (never written
    into the shared one), and what the new site has not is gone, a file
    put into the trash too."""
    from newsdossier.build import locks, staging

    site = tmp_path / "site"
    first = {"same.html": b"1", "changes.html": b"1", "gone.html": b"1", "flip": b"file", "a/b/c.html": b"1"}
    kept = {f"kept/{n}.html": b"1" for n in range(4)}  # (a few files new: the old site waits in the trash)
    first |= kept
    write_site(first, site)
    _built({**first, "changes.html": b"2", "new.html": b"2"}, site)  # the first site goes to the trash
    (trash,) = [p for p in tmp_path.iterdir() if ".trash-" in p.name]
    (trash / "a" / "theirs.txt").write_text("put into the trash")
    before = {name: _inode(site / name) for name in ("same.html", "changes.html", "new.html", "a/b/c.html")}
    trash_inode = _inode(trash)
    with locks.site_lock(site), staging.StagedSite(site) as staged:
        assert _inode(staged.folder) == trash_inode  # the trash, renamed
        assert not (staged.folder / "changes.html").exists()  # changed since: pruned
        for path in ("same.html", "a/b/c.html", *kept):
            assert staged.keep(path)
            staged.add(path, False)
        assert staged.put("changes.html", b"2") is False  # the same bytes as the site's: linked
        staged.add("changes.html", False)
        staged.write("new.html", b"3")  # different bytes: a new file, the site's untouched
        staged.write("flip/now.html", b"a folder where a file was")
        staged.swap_in(background=True)
    assert (tmp_path / trash.name).exists() is False
    assert tree_bytes(site, marker=False) == {
        "same.html": b"1",
        "changes.html": b"2",
        "new.html": b"3",
        "flip/now.html": b"a folder where a file was",
        "a/b/c.html": b"1",
        **kept,
    }
    assert {name: _inode(site / name) for name in ("same.html", "changes.html", "a/b/c.html")} == {
        name: before[name] for name in ("same.html", "changes.html", "a/b/c.html")
    }
    assert _inode(site / "new.html") != before["new.html"]
    (old,) = [p for p in tmp_path.iterdir() if ".trash-" in p.name]
    assert (old / "new.html").read_bytes() == b"2"  # the site swapped out: its shared file untouched


def _trash(folder):
    (trash,) = [p for p in folder.iterdir() if ".trash-" in p.name]
    return trash


_FOUR = {"a.html": b"1", "b/c.html": b"1", "d.html": b"1", "e/f/g.html": b"1"}


@pytest.mark.parametrize(
    ("before", "after", "trash"),
    [
        # More than a quarter of the files new: the trash holds the new site.
        (_FOUR, {**_FOUR, "a.html": b"2", "b/c.html": b"2"}, "after"),
        ({"a.html": b"1", "b/c.html": b"1"}, {"a.html": b"2", "b/c.html": b"1"}, "after"),
        ({"a.html": b"1", "b/c.html": b"1"}, {"x.html": b"1", "y/z.html": b"1"}, "after"),  # other paths
        (_FOUR, {**_FOUR, "new/h.html": b"1", "i.html": b"1"}, "after"),  # new files count too
        (None, {"a.html": b"1", "b/c.html": b"1"}, "after"),  # no site before: a trash of links made
        # An old folder where the new site has a file: left (the next build clears it).
        ({"a/b.html": b"1", "c.html": b"1"}, {"a": b"2", "c.html": b"2"}, {"c.html": b"2"}),
        # A quarter or fewer: the old site waits in the trash, as ever.
        (_FOUR, {**_FOUR, "a.html": b"2"}, "before"),
        (_FOUR, {**_FOUR, "new.html": b"2"}, "before"),
    ],
)
def test_a_build_that_made_many_files_anew_leaves_the_trash_holding_its_site(tmp_path, before, after, trash):
    """The old site shares few files with a site of many new ones (a
    template edited, the first build): pruned by the build itself and given
    hard links to the new site's files, which the next build then prunes
    of nothing and finds staged. Otherwise it waits in the trash, as ever."""
    site = tmp_path / "site"
    if before is not None:
        _built(before, site)
    _built(after, site)
    expected = after if trash == "after" else before if trash == "before" else trash
    held = _trash(tmp_path)
    assert (held / MARKER).is_file()
    assert tree_bytes(held, marker=False) == expected
    if trash == "after":
        assert all(_inode(held / path) == _inode(site / path) for path in after)
    assert tree_bytes(site, marker=False) == after
    with locks_and_staging(site) as staged:  # the next build: the site right whatever the trash held
        for path in sorted(after):
            assert staged.keep(path)
            staged.add(path, False)
        staged.swap_in(background=True)
    assert tree_bytes(site, marker=False) == after


@contextlib.contextmanager
def locks_and_staging(site):
    from newsdossier.build import locks, staging

    with locks.site_lock(site), staging.StagedSite(site) as staged:
        yield staged


def test_the_build_after_a_trash_of_links_finds_every_kept_file_staged(tmp_path):
    """The first build after one that made every file anew (an added
    article's, after a full build) stages into the trash of links: the
    kept files are there already, nothing to link (35,000 at 10,000 articles)."""
    from newsdossier.build import locks, staging

    site = tmp_path / "site"
    files = {f"{folder}/{n}.html": b"1" for folder in "ab" for n in range(5)}
    _built(files, site)
    with locks.site_lock(site), staging.StagedSite(site) as staged:
        assert staged.held(sorted(files)) == [True] * len(files)
        for path in sorted(files):
            assert staged.keep(path)
            staged.add(path, False)
        staged.write("new.html", b"2")
        staged.swap_in(background=True)
    assert tree_bytes(site, marker=False) == {**files, "new.html": b"2"}


def test_a_trash_of_links_cut_short_is_staged_into_and_the_rest_linked(tmp_path, monkeypatch):
    """A build stopped while it links the new site into the trash (here:
    links refused after three) leaves a trash marked as ours, holding some
    of the site's files: the next build stages into it and links the rest."""
    import threading

    from newsdossier.build import locks, staging, swap

    site = tmp_path / "site"
    files = {f"{folder}/{n}.html": b"1" for folder in "ab" for n in range(5)}
    real_link, made = os.link, []

    def link(source, destination, **options):
        if threading.current_thread().name == "renew the trash":
            if len(made) == 3:
                raise OSError(28, "no room")
            made.append(destination)
        return real_link(source, destination, **options)

    monkeypatch.setattr(swap.os, "link", link)
    _built(files, site)
    monkeypatch.setattr(swap.os, "link", real_link)
    assert len(tree_bytes(_trash(tmp_path), marker=False)) == 3
    with locks.site_lock(site), staging.StagedSite(site) as staged:
        assert sum(staged.held(sorted(files))) == 3
        for path in sorted(files):
            assert staged.keep(path)
            staged.add(path, False)
        staged.swap_in(background=True)
    assert tree_bytes(site, marker=False) == files
    assert tree_bytes(_trash(tmp_path), marker=False) == files  # the site before (the same files)


def test_a_file_where_the_old_site_had_a_folder_replaces_it(tmp_path):
    from newsdossier.build import locks, staging

    site = tmp_path / "site"
    write_site({"x/1.html": b"1", "y/2.html": b"2"}, site)
    _built({"x/1.html": b"1", "y/2.html": b"2", "z.html": b"3"}, site)
    with locks.site_lock(site), staging.StagedSite(site) as staged:
        staged.write("x", b"a file now")
        assert staged.keep("y/2.html")
        staged.add("y/2.html", False)
        staged.swap_in(background=True)
    assert tree_bytes(site, marker=False) == {"x": b"a file now", "y/2.html": b"2"}


def test_a_recycled_old_site_without_folders_takes_a_folder_where_its_file_was(tmp_path):
    """The recycled staging folder knew itself recycled by its folders: an
    old site of files only made "a folder where a file was" fail the build."""
    from newsdossier.build import locks, staging

    site = tmp_path / "site"
    write_site({"flip": b"1", "same.html": b"1"}, site)
    _built({"flip": b"1", "same.html": b"1", "other.html": b"2"}, site)
    with locks.site_lock(site), staging.StagedSite(site) as staged:
        staged.write("flip/now.html", b"a folder where a file was")
        assert staged.keep("same.html")
        staged.add("same.html", False)
        staged.swap_in(background=True)
    assert tree_bytes(site, marker=False) == {
        "flip/now.html": b"a folder where a file was",
        "same.html": b"1",
    }


def test_a_shared_file_another_process_made_a_folder_is_not_unlinked_as_a_file(tmp_path):
    """A forked worker's `put` unlinks a shared file to make a folder there;
    this process's list of shared files still names it, and dropping what
    the new site has not must leave that folder (the new site's) alone."""
    from newsdossier.build import locks, staging

    site = tmp_path / "site"
    write_site({"flip": b"1", "a/same.html": b"1"}, site)
    _built({"flip": b"1", "a/same.html": b"1", "other.html": b"2"}, site)
    with locks.site_lock(site), staging.StagedSite(site) as staged:
        assert "flip" in staged._shared
        (staged.folder / "flip").unlink()  # as a worker does, in its own process
        (staged.folder / "flip").mkdir()
        (staged.folder / "flip" / "now.html").write_bytes(b"made by a worker")
        staged.add("flip/now.html", True)
        assert staged.keep("a/same.html")
        staged.add("a/same.html", False)
        staged.swap_in(background=True)
    assert tree_bytes(site, marker=False) == {"flip/now.html": b"made by a worker", "a/same.html": b"1"}


def test_a_lock_holder_that_stages_nothing_leaves_the_pruned_trash(tmp_path):
    from newsdossier.build import locks

    site = tmp_path / "site"
    same = {f"same/{n}.html": b"1" for n in range(4)}  # (one file new of five: the old site to the trash)
    write_site({**same, "changes.html": b"1"}, site)
    _built({**same, "changes.html": b"2"}, site)
    with locks.site_lock(site):
        pass
    (trash,) = [p for p in tmp_path.iterdir() if ".trash-" in p.name]
    assert tree_bytes(trash, marker=False) == same
    assert _inode(trash / "same/0.html") == _inode(site / "same/0.html")


def test_a_build_waits_for_the_trashs_removal_before_it_lets_go_of_the_lock(tmp_path, monkeypatch):
    from newsdossier.build import locks, swap

    write_site({"a/1.html": b"1"}, tmp_path / "site")
    swap.to_trash(tmp_path / "site", tmp_path / "site")  # as a build's swap leaves it
    removed = []
    real_remove = swap._remove
    monkeypatch.setattr(
        swap, "_remove", lambda *folders: (time.sleep(0.2), real_remove(*folders), removed.append(1))
    )
    with locks.site_lock(tmp_path / "site"):
        assert removed == []  # in the background: the build goes on meanwhile
        swap.recover(tmp_path / "site")  # as its staging folder is made: no wait for it either
        assert removed == []
    assert removed == [1] and sorted(os.listdir(tmp_path)) == [".site.lock"]


def test_workers_are_not_forked_while_the_trash_is_removed(tmp_path, monkeypatch):
    from newsdossier.build import pool, swap

    write_site({"a/1.html": b"1"}, tmp_path / "site")
    swap.to_trash(tmp_path / "site", tmp_path / "site")
    removed = []
    real_remove = swap._remove
    monkeypatch.setattr(
        swap, "_remove", lambda *folders: (time.sleep(0.2), real_remove(*folders), removed.append(1))
    )
    swap.remove_trash(tmp_path / "site")
    with pool.WorkerPool(1):
        assert removed == [1]


def test_trash_that_is_not_ours_is_left(tmp_path):
    from newsdossier.build import locks

    (tmp_path / ".site.trash-abc").mkdir()
    (tmp_path / ".site.trash-abc" / "notes.txt").write_text("mine")  # no marker: not the build's
    (tmp_path / ".site.trash-def").mkdir()  # empty: made by a build killed before its rename
    with locks.site_lock(tmp_path / "site"):
        pass
    write_site({"index.html": b"1"}, tmp_path / "site")
    assert sorted(os.listdir(tmp_path)) == [".site.lock", ".site.trash-abc", "site"]
    assert (tmp_path / ".site.trash-abc" / "notes.txt").read_text() == "mine"


@pytest.mark.parametrize("path", ["../escape.html", "/etc/passwd", "a/../../b", "a//b", "./a"])
def test_refuses_paths_outside_the_site(tmp_path, path):
    with pytest.raises(DossierError, match="leave the site folder"):
        write_site({path: b"x"}, tmp_path / "site")
    assert not (tmp_path / "site").exists()


def test_a_failed_write_leaves_the_previous_site(tmp_path):
    write_site({"index.html": b"1"}, tmp_path / "site")
    # A file and a folder at one path cannot both be written.
    with pytest.raises(DossierError, match="cannot write the site"):
        write_site({"a": b"file", "a/b.html": b"x"}, tmp_path / "site")
    assert tree_bytes(tmp_path / "site", marker=False) == {"index.html": b"1"}
    assert os.listdir(tmp_path) == ["site"]


def test_an_output_folder_that_cannot_be_made_is_a_clear_error(tmp_path):
    # A file where the parent folder should be: refused even for root, who
    # could write into a read-only folder.
    (tmp_path / "not-a-folder").write_text("x")
    with pytest.raises(
        DossierError, match="cannot write the site here: .*not-a-folder is a file, not a folder"
    ):
        write_site({"index.html": b"1"}, tmp_path / "not-a-folder" / "site")


def test_files_are_on_disk_before_the_swap(tmp_path, monkeypatch):
    import newsdossier.build.staging as staging

    events = []
    monkeypatch.setattr(staging, "flush_to_disk", lambda folder: events.append(("flush", folder.parent)))
    real_swap = staging.swap_in
    monkeypatch.setattr(
        staging,
        "swap_in",
        lambda folder, target, *rest: (events.append("swap"), real_swap(folder, target, *rest)),
    )
    write_site({"index.html": b"1"}, tmp_path / "site")
    assert events == [("flush", tmp_path), "swap"]  # the file system of the staging folder and the site


def test_flushing_to_disk_calls_syncfs_or_sync(tmp_path, monkeypatch):
    import newsdossier.build.staging as staging

    synced = []
    monkeypatch.setattr(staging.os, "sync", lambda: synced.append("sync"))
    staging.flush_to_disk(tmp_path)  # syncfs(2) on Linux: sync(2) is not needed
    assert synced == []
    staging.flush_to_disk(tmp_path / "missing")  # cannot open it: everything is flushed
    assert synced == ["sync"]


@pytest.mark.parametrize("moment", ["before the marker", "after the marker"])
def test_a_stop_while_the_staging_folder_is_made_leaves_nothing(tmp_path, monkeypatch, moment):
    from newsdossier.build import staging

    write_site({"index.html": b"1"}, tmp_path / "site")
    before = tree_bytes(tmp_path / "site")
    real_marker_text = staging.marker_text

    def stopped(paths):
        if moment == "after the marker":
            return real_marker_text(paths)
        raise KeyboardInterrupt

    monkeypatch.setattr(staging, "marker_text", stopped)
    if moment == "after the marker":  # stopped as the marker's bytes reach the disk
        monkeypatch.setattr(
            staging, "replace_file", lambda path, data: (_ for _ in ()).throw(KeyboardInterrupt)
        )
    with pytest.raises(KeyboardInterrupt), staging.StagedSite(tmp_path / "site"):
        pass
    assert os.listdir(tmp_path) == ["site"]
    assert tree_bytes(tmp_path / "site") == before


def test_a_signal_as_the_staging_folder_appears_leaves_nothing(tmp_path, monkeypatch):
    """The folder is on disk but mkdtemp has not returned: a signal there
    (what a test watching for the folder sends) is held until the folder is
    recorded, then the stop removes it."""
    from newsdossier.build import signals, staging

    write_site({"index.html": b"1"}, tmp_path / "site")
    real_mkdtemp = staging.tempfile.mkdtemp

    def signalled_on_creation(**arguments):
        folder = real_mkdtemp(**arguments)
        os.kill(os.getpid(), signal.SIGTERM)
        time.sleep(0.05)  # the handler runs here, before mkdtemp returns the name
        return folder

    monkeypatch.setattr(staging.tempfile, "mkdtemp", signalled_on_creation)
    with signals.stop_on_signals(), pytest.raises(signals.Stopped), staging.StagedSite(tmp_path / "site"):
        pass
    assert os.listdir(tmp_path) == ["site"]


@pytest.mark.parametrize(
    ("listed", "folders"),
    [
        (set(), set()),
        ({"index.html"}, {"."}),
        ({"a/b/c.html", "a/d.html"}, {".", "a", "a/b"}),
        ({"a/b/c.html", "a/b/d.html", "e/f.json"}, {".", "a", "a/b", "e"}),
        (
            {"search/articles/1-128/terms-0.json", "x.html"},
            {".", "search", "search/articles", "search/articles/1-128"},
        ),
    ],
)
def test_the_folders_a_marker_needs_are_every_listed_files_folder_and_its_parents(listed, folders):
    assert needed_folders(listed) == folders


@pytest.mark.parametrize(
    "path", ["../escape.html", "/etc/passwd", "a/../../b", "a//b", "./a", "a/", "", "a\\b", "a\nb", MARKER]
)
def test_keep_refuses_paths_outside_the_site(tmp_path, path):
    from newsdossier.build import staging

    write_site({"index.html": b"1"}, tmp_path / "site")
    with staging.StagedSite(tmp_path / "site") as staged, pytest.raises(DossierError, match="leave the site"):
        staged.keep(path)


def test_keep_links_the_previous_file_and_refuses_a_link(tmp_path):
    from newsdossier.build import staging

    write_site({"a/b/index.html": b"1", "c.html": b"2"}, tmp_path / "site")
    with staging.StagedSite(tmp_path / "site") as staged:
        os.symlink("/etc/passwd", tmp_path / "site" / "planted.html")  # put in after the build's check
        assert staged.keep("a/b/index.html") and staged.keep("c.html")
        assert not staged.keep("planted.html") and not staged.keep("missing.html") and not staged.keep("a")
        assert (staged.folder / "a/b/index.html").stat().st_ino == (
            tmp_path / "site" / "a/b/index.html"
        ).stat().st_ino
        assert not (staged.folder / "planted.html").exists()


@pytest.mark.parametrize(
    "name, others",
    [
        ("site[1]", [".site1.trash-abc"]),  # brackets are not a pattern
        ("s*", [".site.trash-abc", ".sx.trash-abc"]),  # nor a star
        ("a", [".a.trash-b.new-xyz"]),  # the staging folder of a site named «a.trash-b»
    ],
)
def test_only_this_sites_own_trash_is_found(tmp_path, name, others):
    from newsdossier.build.swap import trash_folders

    for other in others:
        (tmp_path / other).mkdir()
    own = tmp_path / f".{name}.trash-q1w2e3"
    own.mkdir()
    assert trash_folders(tmp_path / name) == [own]


@pytest.mark.parametrize("exchange", [True, False], ids=["renameat2", "two renames"])
def test_a_trash_that_cannot_be_made_removes_the_old_site_at_once(tmp_path, monkeypatch, exchange):
    """The new site is in place when the old one is put away: a trash folder
    that cannot be made is no failed build (the old site is removed now)."""
    from newsdossier.build import staging, swap

    if not exchange:
        monkeypatch.setattr(swap, "_exchange", lambda first, second: False)

    def refused(folder, target):
        raise PermissionError(13, "no room beside the site")

    monkeypatch.setattr(swap, "to_trash", refused)
    write_site({"a/old.html": b"old", "a/same.html": b"1", "index.html": b"1"}, tmp_path / "site")
    with staging.StagedSite(tmp_path / "site") as staged:
        staged.write("a/same.html", b"1")  # (half the files kept: not a trash of the new site's, see below)
        staged.write("index.html", b"2")
        staged.swap_in(background=True)
    assert tree_bytes(tmp_path / "site", marker=False) == {"a/same.html": b"1", "index.html": b"2"}
    assert os.listdir(tmp_path) == ["site"]  # nothing left beside it
