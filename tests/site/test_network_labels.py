"""Names on the network drawing: none over another, none cut at an edge."""

from __future__ import annotations

import itertools
import re

import pytest

from newsdossier.analysis.network import HEIGHT, WIDTH, Network
from newsdossier.models.curation import Entity
from newsdossier.models.kinds import EntityType
from newsdossier.site.fragments import LABEL_CHAR_WIDTH, LABEL_HEIGHT, network_svg


def entity(entity_id: str, name: str) -> Entity:
    return Entity(
        id=entity_id,
        type=EntityType.PLACE,
        name_ar=name,
        name_en="",
        aliases=(),
        wikidata=None,
        description="",
        line=1,
    )


NAMES = {
    "a": "منطقة المحيطين الهندي والهادئ",
    "b": "حلف شمال الأطلسي",
    "c": "الصين",
    "d": "روسيا",
    "e": "بكين",
}


@pytest.mark.parametrize(
    "places",
    [
        {
            "a": (450, 300),
            "b": (470, 315),
            "c": (430, 330),
            "d": (480, 345),
            "e": (440, 360),
        },  # a crowded middle
        {"a": (895, 320), "b": (5, 320), "c": (450, 635), "d": (450, 2), "e": (890, 630)},  # on every edge
    ],
    ids=["crowded", "edges"],
)
def test_labels_do_not_overlap_and_stay_inside(places):
    network = Network(tuple((k, 4, *places[k]) for k in sorted(places)), ())
    svg = network_svg(network, {k: entity(k, n) for k, n in NAMES.items()}, "", "شبكة")
    boxes = []
    for x, y, name in re.findall(r'<text x="([\d.]+)" y="([\d.]+)" text-anchor="middle">([^<]+)</text>', svg):
        width = LABEL_CHAR_WIDTH * len(name) + 6
        box = (float(x) - width / 2, float(y) - LABEL_HEIGHT + 4, float(x) + width / 2, float(y) + 4)
        assert box[0] >= 0 and box[2] <= WIDTH and box[1] >= 0 and box[3] <= HEIGHT, (name, box)
        boxes.append(box)
    assert len(boxes) == 5
    if places["a"][0] == 450:
        for one, other in itertools.combinations(boxes, 2):
            assert not (
                one[0] < other[2] and other[0] < one[2] and one[1] < other[3] and other[1] < one[3]
            ), (one, other)


def test_a_name_is_not_put_under_another_nodes_circle():
    """Below its circle is a name's first place; when a larger circle is
    there (drawn over the name, it would hide it), the name goes elsewhere."""
    network = Network((("big", 400, 450, 345), ("small", 4, 450, 300)), ())
    names = {"big": entity("big", "روسيا"), "small": entity("small", "الصين")}
    svg = network_svg(network, names, "", "شبكة")
    [(x, y)] = re.findall(r'<text x="([\d.]+)" y="([\d.]+)" text-anchor="middle">الصين</text>', svg)
    radius = 5 + 2.2 * 400**0.5
    width = LABEL_CHAR_WIDTH * len("الصين") + 6
    box = (float(x) - width / 2, float(y) - LABEL_HEIGHT + 4, float(x) + width / 2, float(y) + 4)
    circle = (450 - radius, 345 - radius, 450 + radius, 345 + radius)
    assert not (box[0] < circle[2] and circle[0] < box[2] and box[1] < circle[3] and circle[1] < box[3]), box
