"""Where each page lives in the site, relative to the site root.

Pages link to each other with these paths prefixed by `root_prefix`, so
links stay relative and the site works under any sub-path and from disk.
Every path ends in a file name (never a bare folder): a folder link opened
from disk shows a directory listing, not the page.
"""

from __future__ import annotations

from pathlib import PurePosixPath


def article_url(article_id: str) -> str:
    return f"articles/{article_id}.html"


def entity_url(entity_id: str) -> str:
    return f"entities/{entity_id}.html"


def summit_url(summit_id: str) -> str:
    return f"summits/{summit_id}.html"


def line_url(article_id: str, line: int) -> str:
    """A line of an article's seed: a block of its text or one of its
    removed lines (both keep the line's anchor on the article page)."""
    return f"{article_url(article_id)}#line-{line}"


def raw_source_url(source_file: str) -> str:
    # Published as text whatever it is: a saved web page must never run as a
    # page of this site (its scripts, its requests to other hosts).
    return f"sources/raw/{source_file}" + ("" if source_file.endswith(".txt") else ".txt")


def comparison_url(comparison_id: str) -> str:
    return f"compare/{comparison_id}.html"


def outlet_url(outlet_id: str) -> str:
    return f"outlets/{outlet_id}.html"


def root_prefix(page_path: str) -> str:
    """The relative way from a page back to the site root: '' or '../'."""
    return "../" * (len(PurePosixPath(page_path).parts) - 1)


def speaker_quotes_url(speaker_id: str) -> str:
    # "" (no speaker) has its own name, in the same folder, which no entity
    # id can take (ids have no dots).
    return f"quotes/{speaker_id or 'unattributed.none'}.html"
