"""The co-mention network's layout: remembered by graph, the same from the memo."""

from __future__ import annotations

import json
import random
import subprocess
import sys

import pytest

from newsdossier.analysis import network

NODES = ("china", "kremlin", "putin", "russia", "taiwan", "xi")
EDGES = (
    ("china", "russia"),
    ("china", "xi"),
    ("putin", "russia"),
    ("putin", "xi"),
    ("kremlin", "putin"),
    ("china", "taiwan"),
)


@pytest.fixture
def memo(tmp_path):
    network._layouts.clear()
    network.remember_layouts(tmp_path)
    yield tmp_path
    network.remember_layouts(None)
    network._layouts.clear()


def test_a_layout_is_remembered_in_the_folder_and_read_back_the_same(memo):
    computed = network._layout(NODES, EDGES)
    assert computed == network._kamada_kawai(NODES, EDGES)
    [file] = memo.rglob("*.json")
    assert set(json.loads(file.read_text())) == set(NODES)
    network._layouts.clear()  # a new build: from the folder
    assert network._layout(NODES, EDGES) == computed


def test_a_remembered_layout_needs_no_networkx(memo):
    network._layout(NODES, EDGES)
    code = (
        "import sys; from pathlib import Path; from newsdossier.analysis import network;"
        f"network.remember_layouts(Path({str(memo)!r}));"
        f"print(network._layout({NODES!r}, {EDGES!r}) == {network._layout(NODES, EDGES)!r},"
        " 'networkx' in sys.modules, 'scipy' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "True False False"


def test_another_graph_or_a_damaged_memo_is_laid_out_again(memo):
    first = network._layout(NODES, EDGES)
    assert network._layout(NODES, EDGES[:-1]) != first  # one edge less: another key
    for file in memo.rglob("*.json"):
        file.write_text("{not json")
    network._layouts.clear()
    assert network._layout(NODES, EDGES) == first


def test_coordinates_are_rounded_as_numpy_rounds():
    """The drawings' coordinates were NumPy numbers rounded by NumPy; the
    remembered positions are Python floats, rounded the same way."""
    np = pytest.importorskip("numpy")
    rng = random.Random(3)
    values = [rng.uniform(0, 900) for _ in range(20000)] + [k / 20 for k in range(0, 18000)]
    for value in values:
        assert str(round(value * 10) / 10) == str(np.round(np.float64(value), 1)), value
        assert round(value * 10) / 10 == float(np.round(np.float64(value), 1)), value
