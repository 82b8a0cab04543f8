"""`make bench` measures what its table says: one size's row, built by the
bench's own process-per-build runner, on a tiny dossier."""

from __future__ import annotations

import bench.run as bench_run


def test_one_row_of_the_bench(tmp_path, monkeypatch):
    monkeypatch.setattr(bench_run, "REPEATS", 2)
    row = bench_run.measure(4, tmp_path, mkdocs_up_to=0)
    assert row["mkdocs"] is None  # not run above MKDOCS_UP_TO
    assert row["full"] > 0 and row["added"] > 0 and row["unchanged"] > 0
    assert row["memory_mb"] > 0 and row["site_mb"] > 0 and row["largest_path"].endswith(".html")
    # Two articles were added, one before each "add one" build, and both are in the site
    # (not left out as copies of each other).
    site = tmp_path / "dossier-4" / "site"
    assert (site / "articles" / "synthetic-00005.html").is_file()
    assert (site / "articles" / "synthetic-00006.html").is_file()
    table = bench_run.report([row])
    assert "| 4 | " in table and "the median of 2 builds" in table


def test_the_search_labels_name_only_pages_the_seed_site_has(seed_site, tmp_path):
    # A label for a page the site no longer makes (an entity the articles
    # stopped naming) counted as a search miss; `make eval-search` now stops
    # on it, and this keeps the labels true to the site.
    from bench.search import load_queries, unbuilt_labels

    queries = load_queries()
    assert unbuilt_labels(seed_site, queries) == []
    assert unbuilt_labels(tmp_path, queries)  # an empty folder has none of them
