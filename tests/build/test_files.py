"""Files beside the site are written whole or not at all, and a write that
fails or is stopped leaves no temporary file beside the analyst's."""

from __future__ import annotations

import os

import pytest

from newsdossier.build import files


def test_a_file_is_replaced_whole(tmp_path):
    path = tmp_path / "reports" / "candidates.yaml"
    files.replace_file(path, b"first")
    files.replace_file(path, b"second")
    assert path.read_bytes() == b"second" and os.listdir(path.parent) == ["candidates.yaml"]


@pytest.mark.parametrize("failure", [OSError(28, "No space left on device"), KeyboardInterrupt()])
def test_a_failed_or_stopped_write_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch, failure):
    path = tmp_path / "candidates.yaml"
    path.write_bytes(b"the previous review file")

    def fails(*_arguments):
        raise failure

    monkeypatch.setattr(files.os, "replace", fails)
    with pytest.raises(type(failure)):
        files.replace_file(path, b"new")
    assert os.listdir(tmp_path) == ["candidates.yaml"]
    assert path.read_bytes() == b"the previous review file"


def test_a_file_is_written_with_the_umasks_permissions(tmp_path):
    path = tmp_path / "candidates.yaml"
    previous = os.umask(0o022)
    try:
        files.replace_file(path, b"review")
    finally:
        os.umask(previous)
    assert path.stat().st_mode & 0o777 == 0o644


def test_a_file_given_in_pieces_is_written_whole(tmp_path):
    path = tmp_path / "builds" / "manifest.json"
    files.replace_file(path, iter([b'{"a":', b"", b"[1,2]}"]))
    assert path.read_bytes() == b'{"a":[1,2]}' and os.listdir(path.parent) == ["manifest.json"]


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[:-1],  # cut short
        lambda data: data[:-1] + bytes([data[-1] ^ 1]),  # a bit flipped in the payload
        lambda data: data[8:],  # written by the earlier layout, unsealed
        lambda data: b"",
    ],
)
def test_a_sealed_folder_gives_back_only_what_it_wrote(tmp_path, damage):
    memos = files.SealedFolder(tmp_path / "memos")
    assert memos.read("ab/one.json") is None  # absent
    memos.write("ab/one.json", b'{"a": [1.0, 2.0]}')
    assert memos.read("ab/one.json") == b'{"a": [1.0, 2.0]}'
    path = tmp_path / "memos" / "ab" / "one.json"
    path.write_bytes(damage(path.read_bytes()))
    assert memos.read("ab/one.json") is None
    (tmp_path / "file").write_bytes(b"")
    files.SealedFolder(tmp_path / "file").write("one.json", b"x")  # cannot be written: only costs time
    assert files.SealedFolder(tmp_path / "file").read("one.json") is None
