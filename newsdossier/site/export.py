"""Export the linked dossier as data: ``data/index.json`` and one file per
article, ``data/articles/<id>.json``.

The index holds the summits, the entities and a line per article (its
metadata and the path of its own file); an article's file holds its clean
text, its mentions and its quotations. One file per article keeps every
file small at any size of dossier, and a new article changes only its own
file and the index. The schema is documented in the README ("Data export").
Offsets count Unicode code points of `text` (Python string indices): a
mention's or quotation's words are ``text[start:end]``, never written a
second time (at 10,000 articles the copies were a fifth of the export).
Nor is the text itself where the raw copy already holds it byte for byte
(a plain-text seed): ``text_in`` then says which bytes of that file it is.
A mention or a quotation is an array, its positions named once, in the
index (``fields``).
"""

from __future__ import annotations

import contextlib
import json
import marshal
import os
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from ..models.identity import code_version
from .urls import article_url, entity_url, raw_source_url, summit_url

# 3: one file per article and an index; quotations exported.
# 4: an article's date may be a month or a year ("date_precision"); its language.
# 5: no copy of the text in mentions ("surface") and quotations ("text"): text[start:end].
# 6: the text by reference ("text_in") where the raw copy holds it byte for byte.
# 7: a mention and a quotation as an array, its positions named in the index's "fields".
SCHEMA_VERSION = 7
INDEX_PATH = "data/index.json"

# What each position of a mention's and a quotation's array holds, in the
# order written; data/index.json carries this as "fields", so that a reader
# needs no other description. An object per mention repeated its four keys:
# at 10,000 articles, 14 MB of the export's 44.
MENTION_FIELDS = ("entity_id", "start", "end", "kind")
QUOTE_FIELDS = ("start", "end", "speaker", "attribution", "verb")
MENTION_KINDS = {False: "n", True: "d"}  # a name, a description («الرئيس الصيني»)


def article_data_path(article_id: str) -> str:
    return f"data/articles/{article_id}.json"


def json_bytes(data: object) -> bytes:
    # Compact, so that Python's C encoder writes it (indenting goes through
    # the pure-Python one, ten times slower); tools read these files.
    return (_compact(data) + "\n").encode("utf-8")


def _compact(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


# Where the index's article lines are remembered between builds (the build's
# cache), or None: see `index_bytes`.
_lines_folder: Path | None = None


def remember_lines(folder: Path | None) -> None:
    """Remember the index's article lines in `folder` from now on; None: not."""
    global _lines_folder
    _lines_folder = folder


def index_bytes(view) -> bytes:
    """`data/index.json`: `json_bytes(index_data(view))`, byte for byte, its
    article lines taken, where a build remembers them, from the last build's
    by each article's row digest. The index is made again for every article
    added, and made every line of 10,000 afresh (a third of a second); a
    line is a function of its article's row (what the reuse check compares),
    and the memo is the code's (its file named by the code's version).
    Where a frame of it was cut short (a build stopped while appending),
    the next build writes it whole again."""
    if _lines_folder is None:
        return json_bytes(index_data(view))
    data = index_data(view, with_articles=False)
    # The compact encoder writes an object as its members' "key":value joined
    # by commas, in order: the articles' value is spliced in as made here.
    members = [f"{_compact(key)}:{_compact(value)}" for key, value in data.items()]
    members.insert(list(data).index("summits") + 1, f'"articles":{_article_lines(view)}')
    return ("{" + ",".join(members) + "}\n").encode("utf-8")


def _article_lines(view) -> str:
    """The index's articles as a JSON array, each line remembered by its
    article's row digest (the page reads every article row all the same)."""
    path = _lines_folder / f"{code_version()[:16]}.lines"
    known, whole = _read_lines(path)
    lines: list[str] = []  # in the site's order, one for each article whatever its digest
    kept: dict[str, str] = {}  # the memo from now on, by row digest
    fresh: dict[str, str] = {}
    ids = view.order["articles"]
    # Each article read (the index depends on every one), then each row's digest, in one pass each.
    for article, key in zip(view.articles.rows(ids), view.articles.digests(ids), strict=True):
        line = known.get(key)
        if line is None:
            line = fresh[key] = _compact(_article_line(article))
        lines.append(kept.setdefault(key, line))
    stale = len(known) - (len(kept) - len(fresh))
    if not whole or stale * STALE_LINES > len(kept):
        _write_lines(path, kept, append=False)
    elif fresh:
        _write_lines(path, fresh, append=True)
    return "[" + ",".join(lines) + "]"


# The memo is a run of frames (its length, its CRC-32, a marshalled dict of
# lines): an added article appends one frame of its line instead of writing
# 4 MB again; written whole when a stale line is more than this part of it.
STALE_LINES = 4
_FRAME_HEAD = 8


def _read_lines(path: Path) -> tuple[dict[str, str], bool]:
    """The remembered lines, from the frames that are whole and as written
    (a frame cut short or damaged, and what follows it, are not read: a
    memo that cannot be read only costs time); and whether all were."""
    lines: dict[str, str] = {}
    try:
        data = path.read_bytes()
    except OSError:
        return lines, False
    at = 0
    while at + _FRAME_HEAD <= len(data):
        length, crc = (
            int.from_bytes(data[at : at + 4], "little"),
            int.from_bytes(data[at + 4 : at + 8], "little"),
        )
        payload = data[at + _FRAME_HEAD : at + _FRAME_HEAD + length]
        if len(payload) != length or zlib.crc32(payload) != crc:
            break
        try:
            frame = marshal.loads(payload)
        except (EOFError, ValueError, TypeError):
            break
        if not isinstance(frame, dict):
            break
        lines.update(frame)
        at += _FRAME_HEAD + length
    return lines, at == len(data) and at > 0


def _write_lines(path: Path, lines: dict[str, str], append: bool) -> None:
    """One frame appended, or the whole memo written as one frame (to a
    temporary file renamed over it, the other versions' memos removed)."""
    payload = marshal.dumps(lines)
    frame = len(payload).to_bytes(4, "little") + zlib.crc32(payload).to_bytes(4, "little") + payload
    if append:
        with contextlib.suppress(OSError), path.open("ab") as memo:
            memo.write(frame)
        return
    temporary = path.with_name(f".{path.name}.{os.getpid()}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # Other code versions' memos, and temporary files a stopped build left.
        for other in [*path.parent.glob("*.lines"), *path.parent.glob(".*.lines.*")]:
            if other != path:
                other.unlink()
        temporary.write_bytes(frame)
        temporary.replace(path)
    except OSError:
        with contextlib.suppress(OSError):
            temporary.unlink()


def index_data(view, with_articles: bool = True) -> dict:
    """The index; without its articles for `index_bytes`, which writes them."""
    summits = [view.summits[s] for s in view.order["summits"]]
    data = {
        "schema_version": SCHEMA_VERSION,
        "fields": {"mention": list(MENTION_FIELDS), "quote": list(QUOTE_FIELDS)},
        "site": {
            "title": view.site.title,
            "description": view.site.description,
            "base_url": view.site.base_url or None,
        },
        "summits": [
            {
                "id": s.id,
                "title": s.title_ar,
                "title_en": s.title_en,
                "dates": {"start": s.start.isoformat(), "end": s.end.isoformat()},
                "place": s.place,
                "url": summit_url(s.id),
                "article_ids": list(view.summit_links[s.id].article_ids),
            }
            for s in summits
        ],
        "articles": [_article_line(view.articles[a]) for a in view.order["articles"]]
        if with_articles
        else None,
        "entities": [_entity(view.entities[e]) for e in view.order["entities"]],
    }
    if not with_articles:
        del data["articles"]
    return data


def _article_line(a) -> dict:
    # Each of the article's parts read once: the index makes one of these
    # for every article of the dossier, whichever was added.
    meta = a.meta
    date, article_id = meta.date, meta.id
    return {
        "id": article_id,
        "source_file": meta.source_file,
        "summit": meta.summit,
        "title": a.title,
        "outlet": meta.outlet,
        "outlet_name": meta.outlet_name or None,
        # At its precision: "2022-02-05", or "2022-02" for a month, "2022" for a year.
        "date": date.isoformat() if date else None,
        "date_precision": date.precision.value if date else None,
        "url": article_url(article_id),
        "data": article_data_path(article_id),
        "language": a.parsed.language,
    }


class TextIn(NamedTuple):
    """Where an article's text lies in a file of the site, byte for byte:
    ``text == file_bytes[start:end].decode("utf-8")``."""

    file: str  # path from the site root
    start: int  # byte offsets
    end: int


def text_in(a, published: bytes) -> TextIn | None:
    """The bytes of the article's raw copy (`published`: the file as the
    site serves it) that are its clean text, if they are there as they are:
    a plain-text seed whose content is the article (its BOM and last
    newline around it, or lines the parser removed at either end). A saved
    web page's raw copy is its HTML, and a text whose lines the parser
    rejoined or cleaned is not in its file: both stay inline."""
    if not a.meta.source_file.endswith(".txt") or not a.text:
        return None
    wanted = a.text.encode("utf-8")
    start = published.find(wanted)
    if start < 0:
        return None
    return TextIn(raw_source_url(a.meta.source_file), start, start + len(wanted))


def article_data(a, published: bytes | None = None) -> dict:
    """An article's own file; `published`: its raw copy's bytes, if the
    site has one to refer to."""
    where = text_in(a, published) if published is not None else None
    return {
        "schema_version": SCHEMA_VERSION,
        **_article_line(a),
        **({"text_in": where._asdict()} if where else {"text": a.text}),
        # In the order of MENTION_FIELDS and QUOTE_FIELDS.
        "mentions": [[m.entity_id, m.start, m.end, MENTION_KINDS[m.descriptive]] for m in a.mentions],
        "quotes": [[q.start, q.end, q.speaker, q.attribution.value, q.verb] for q in a.quotes],
        "phrases": list(a.phrases),
    }


def _entity(e) -> dict:
    return {
        "id": e.id,
        "type": e.type.value,
        "name_ar": e.name_ar,
        "name_en": e.name_en,
        "aliases": list(e.aliases),
        "wikidata": e.wikidata,
        "description": e.description,
        "url": entity_url(e.id),
    }


def export_files(view, raw: list[tuple[str, str, Callable[[], bytes]]]) -> list[tuple[str, object, object]]:
    """(path, made from, how to make it) of the data export. `raw`: the
    articles' raw copies, one for each in the articles' order
    (`files.Copied.raw`), to which an article's file refers: made from the
    raw copy's key too, as its byte offsets come from it."""
    files = [(INDEX_PATH, (), lambda: index_bytes(view))]
    for article_id, (_, key, make) in zip(view.columns.ids, raw, strict=True):
        files.append(
            (
                article_data_path(article_id),
                (article_id, key),
                lambda a=article_id, make=make: json_bytes(article_data(view.articles[a], make())),
            )
        )
    return files
