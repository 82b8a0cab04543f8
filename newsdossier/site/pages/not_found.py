"""The page hosts serve for any missing path, at any depth: its links
start from the site's own path (from base_url) instead of being relative."""

from __future__ import annotations

from ..publish import base_path
from . import Listing, Page

TEMPLATE = "404.html"
LISTING = Listing("404.html")  # the name hosts look for


def pages(view):
    yield Page(LISTING.path, (), lambda: dict(root=base_path(view.site.base_url)))
