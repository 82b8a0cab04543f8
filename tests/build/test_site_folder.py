"""The site folder's rules (`build/site_folder.py`): an output path is
checked one at a time (`check_path`) or all at once (`check_all`, what an
incremental build asks of the 35,000 paths it keeps): the same verdicts."""

from __future__ import annotations

import pytest

from newsdossier.build.site_folder import MARKER, check_all, check_path
from newsdossier.models.errors import DossierError

# Each path alone, then among plain ones: refused by `check_all` exactly
# when `check_path` refuses it, and named as it names it.
PATHS = [
    "index.html",
    "a/b/c.html",
    "",  # empty
    "/etc/passwd",  # leading slash
    "a/",  # trailing slash
    "a//b",
    ".",
    "./a",
    "a/.",
    "a/./b",
    "..",
    "../escape.html",
    "a/..",
    "a/../../b",
    "a\\b",
    "a\nb",  # a line break: what `check_all` puts between paths
    "a/\n/..",  # a line break that would make a "/../" of its own
    "a\n",
    "\n",
    "a\x00b",
    "a\tb",
    "a\x1fb",
    "a\x7fb",
    MARKER,
    f"a/{MARKER}",  # the marker's name in a folder: a plain file
    f"{MARKER}x",
    ".a",
    "a/.b",
    "..a",
    "a..",
    "a/...",
    "a./b",
    "صفحة/١.html",  # Arabic: plain
]


def _verdict(check, paths: list[str]) -> str | None:
    """The path named by the error `check` raises, or None."""
    try:
        check(paths)
    except DossierError as error:
        assert "leave the site folder" in str(error)
        return error.path
    return None


def _one_by_one(paths: list[str]) -> None:
    for path in paths:
        check_path(path)


@pytest.mark.parametrize("path", PATHS, ids=repr)
@pytest.mark.parametrize("place", ["alone", "first", "among", "last"])
def test_checking_every_path_at_once_refuses_what_checking_each_refuses(path, place):
    paths = {
        "alone": [path],
        "first": [path, "x.html", "y/z.html"],
        "among": ["x.html", path, "y/z.html"],
        "last": ["x.html", "y/z.html", path],
    }[place]
    assert _verdict(check_all, paths) == _verdict(_one_by_one, paths)


@pytest.mark.parametrize(
    "paths",
    [
        [],
        ["a", "b"],
        ["a/", "b"],  # each refused alone: "a/" first
        ["a", "/b"],
        ["a\n/", "b"],
        ["a", ".", "b/.."],  # the first refused is named
        ["a/b", "a\x00", "..", MARKER],
    ],
    ids=repr,
)
def test_the_first_path_refused_is_named_as_checking_each_names_it(paths):
    assert _verdict(check_all, paths) == _verdict(_one_by_one, paths)
