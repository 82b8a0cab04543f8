"""Seeds published as text: readable on a server that sends no charset."""

from __future__ import annotations

import pytest

from newsdossier.models.errors import DossierError
from newsdossier.models.inputs import SourceFile
from newsdossier.site.files import UTF8_BOM, published_text, seed_in_memory, seed_on_disk
from tests.helpers import ROOT

ARABIC = "قمة بكين\n".encode()


@pytest.mark.parametrize(
    "data, published",
    [
        (ARABIC, UTF8_BOM + ARABIC),  # UTF-8 Arabic: the mark tells the browser
        (UTF8_BOM + ARABIC, UTF8_BOM + ARABIC),  # already marked: as it is
        (b"plain ASCII\n", b"plain ASCII\n"),  # nothing to misread
        ("قمة".encode("cp1256"), "قمة".encode("cp1256")),  # another encoding: never a wrong mark
        (b"", b""),
    ],
)
def test_published_text(data, published):
    assert published_text(data) == published


def test_the_seed_site_publishes_each_seed_marked_and_otherwise_byte_for_byte(seed_site):
    for raw in sorted((seed_site / "sources" / "raw").iterdir()):
        seed = (ROOT / "seeds" / raw.name).read_bytes()
        assert raw.read_bytes() == UTF8_BOM + seed


@pytest.mark.parametrize("data", [ARABIC, UTF8_BOM + ARABIC, b"plain ASCII\n", "قمة".encode("cp1256"), b""])
def test_a_seed_read_back_is_the_copy_its_bytes_in_memory_give(tmp_path, data):
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "a.txt").write_bytes(data)
    seed = SourceFile("seeds/a.txt", data)
    held, on_disk = seed_in_memory(seed), seed_on_disk(seed, tmp_path)
    assert held.digest == on_disk.digest and held.read() == on_disk.read() == published_text(data)


@pytest.mark.parametrize(
    "change",
    [lambda path: path.write_bytes(ARABIC + b"!"), lambda path: path.unlink()],
    ids=["edited", "gone"],
)
def test_a_seed_changed_since_it_was_analysed_is_refused_not_copied(tmp_path, change):
    """A raw copy is the text the pages were made from, or the build fails
    (leaving the previous site): never an analyst's later save."""
    (tmp_path / "seeds").mkdir()
    path = tmp_path / "seeds" / "a.txt"
    path.write_bytes(ARABIC)
    copy = seed_on_disk(SourceFile("seeds/a.txt", ARABIC), tmp_path)
    change(path)
    with pytest.raises(DossierError) as error:
        copy.read()
    assert error.value.path == "seeds/a.txt" and "build again" in str(error.value)
