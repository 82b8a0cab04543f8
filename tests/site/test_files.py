"""Seeds published as text: readable on a server that sends no charset."""

from __future__ import annotations

import pytest

from newsdossier.site.files import UTF8_BOM, published_text
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
