"""The page hosts serve for any missing path, at any depth: its links
start from the site's own path (from base_url) instead of being relative."""

from __future__ import annotations

from ..publish import base_path
from . import Page

TEMPLATE = "404.html"


def pages(view):
    yield Page("404.html", (), lambda: dict(root=base_path(view.site.base_url)))
