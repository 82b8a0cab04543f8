"""The search index's files, as bytes that are the same on every build.

assets/search-core.js reads them (the README's "Search" section has the
layout):

* ``search/index.json``: the spelling rules (`spelling.browser_rules`: the
  script reads a query exactly as the index read the texts), the summits,
  and every segment with its counts;
* ``search/names.json``: every spelling of every gazetteer entity (name,
  aliases, English name) by match key, for names in a query and for the
  "did you mean" of a word no text contains;
* in each segment's folder: ``docs.json`` (per page: kind, words, where its
  title ends, summits), ``records-N.json`` (what a result shows, RECORDS
  pages a file, fetched for the results shown) and ``terms-N.json`` (the
  postings, cut by a hash of each term's last three characters, so that a
  word and the same word with proclitics, which end alike, are in one file:
  a query reads one term file per word and segment).

Postings are flat lists of integers, each page's doc number and positions
given as the difference from the one before: ``[doc, count, position,
position, …, doc, count, …]``; a name's are pairs (first word, words after
it). Each list is written as one string of base-32 digits (`postings_text`):
most of these numbers are small, and as JSON numbers each cost its digits
and a comma, 36 of the 40 MB of a 10,000-article index; a list that is
another term's (a word read with proclitics, and the word as written) as
``@`` + that term (`_same_as`). JSON is written with sorted keys and no
spaces.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import chain, repeat
from operator import sub

from ..language.normalize import name_key
from ..language.spelling import browser_rules
from .search_segments import ROOT
from .search_text import ARTICLE, ENTITY, NAME_TERM, SUMMIT, SearchDoc, Term, doc_terms, filed
from .urls import entity_url

FORMAT = 2  # 2: postings as strings of DIGITS (a segment kept from a build before is indexed again)
INDEX = f"{ROOT}index.json"
NAMES = f"{ROOT}names.json"
KINDS = (ARTICLE, SUMMIT, ENTITY)
RECORDS = 50  # pages per records file
SHARD_BYTES = 48_000  # a term file's size, about: a segment's terms are cut in as many files as it takes
SUFFIX = 3  # characters of a term that choose its file


# A posting list's numbers as text (index.json gives the script these
# digits): each number in base 32, its highest digits first; every digit
# but its last from the second half of DIGITS, so no separator is needed.
# 0–31 take one character, up to 1,023 two, up to 32,767 three. "-" before
# a number negates it (no posting has one today: doc numbers and positions
# only grow). Every character is one JSON writes as itself.
DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_."
NEGATIVE = "-"
SAME_AS = "@"  # a posting list given as that of another term (as written, no proclitics): `_same_as`


def postings_text(numbers: Sequence[int]) -> str:
    """`numbers` as the script's `postings` reads them back."""
    try:  # most numbers are small (deltas, counts): each is one look-up
        return "".join([_SMALL[number] for number in numbers])
    except KeyError:
        return "".join([_SMALL.get(number) or _number_text(number) for number in numbers])


def _number_text(number: int) -> str:
    """One number as `postings_text` writes it."""
    sign = ""
    if number < 0:
        sign, number = NEGATIVE, -number
    digits = [DIGITS[number & 31]]
    number >>= 5
    while number:
        digits.append(DIGITS[32 + (number & 31)])
        number >>= 5
    return sign + "".join(reversed(digits))


# The text of every number of one and two digits (0–1,023), made once: an
# index's postings are a few million numbers, most of them these.
_SMALL = {number: _number_text(number) for number in range(1024)}


def read_postings(text: str) -> list[int]:
    """The numbers of a `postings_text` string (the script's decoder, in Python: for tests and tools)."""
    numbers, value, sign = [], 0, 1
    for char in text:
        if char == NEGATIVE:
            sign = -1
            continue
        digit = DIGITS.index(char)
        value = value * 32 + (digit & 31)
        if digit < 32:
            numbers.append(sign * value)
            value, sign = 0, 1
    return numbers


# One encoder for every value: `json.dumps` with options makes an encoder
# for each call, and a segment encodes each of its 20,000 terms and postings.
_json = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode


def _bytes(value) -> bytes:
    return (_json(value) + "\n").encode("utf-8")


def fnv1a(text: str) -> int:
    """32-bit FNV-1a over the code points of `text` (the script's is the same)."""
    value = 0x811C9DC5
    for char in text:
        value = ((value ^ ord(char)) * 0x01000193) & 0xFFFFFFFF
    return value


def shard_of(term: str, shards: int) -> int:
    """The term file of a term: by its last SUFFIX characters (a name's
    term, and a term shorter than that, by the whole of it)."""
    return fnv1a(_shard_key(term)) & (shards - 1)


def _shard_key(term: str) -> str:
    return term if term.startswith(NAME_TERM) or len(term) < SUFFIX else term[-SUFFIX:]


@dataclass(frozen=True)
class SegmentIndex:
    files: dict[str, bytes]  # file name inside the segment's folder → bytes
    info: dict  # docs, shards, records, words: what index.json says of it


def index_segment(docs: Sequence[SearchDoc], summits: dict[str, int]) -> SegmentIndex:
    """The files of one segment: `docs` in order (doc numbers 0, 1, …);
    `summits` numbers the summit ids as index.json lists them."""
    # (term, proclitics) → [doc, its postings' text, doc, text, …]: a page's
    # count and positions are written as text once for each written word
    # (`filed`), and added to every term's list by C calls (`map`), not by
    # a Python call for each of the page's 350 terms.
    postings: dict[Term, list] = {}
    table = {"kind": [], "length": [], "title": [], "summits": [], "entities": {}}
    for number, doc in enumerate(docs):
        terms = doc_terms(doc)
        table["kind"].append(KINDS.index(doc.kind))
        table["length"].append(terms.length)
        table["title"].append(terms.title_end)
        table["summits"].append([summits[s] for s in doc.summits if s in summits])
        if doc.kind == ENTITY:  # the page the search script puts first for its name
            table["entities"][doc.id] = number
        found = filed(terms.places, _positions_text)
        for entity_id, spans in terms.names.items():
            pairs = [v for i, (s, e) in enumerate(spans) for v in (s - (spans[i - 1][0] if i else 0), e - s)]
            found[(NAME_TERM + entity_id, "")] = postings_text([len(spans), *pairs])
        for key in set(found).difference(postings):  # the terms no page before had
            postings[key] = []
        lists = list(map(postings.__getitem__, found))
        any(map(list.append, lists, repeat(number)))  # (append gives None: `any` runs through them all)
        any(map(list.append, lists, found.values()))
    # Each term's postings written as text and let go of in turn, then the
    # text as JSON: each page's number as the difference from the last one's.
    numbers = [_number_text(n) for n in range(len(docs))]
    texts: dict[str, dict[str, str]] = {}
    while postings:
        (term, prefix), values = postings.popitem()
        pages = values[0::2]
        gaps = map(numbers.__getitem__, map(sub, pages, chain((0,), pages)))
        texts.setdefault(term, {})[prefix] = "".join(chain.from_iterable(zip(gaps, values[1::2])))
    encoded = {term: _json(entry) for term, entry in _same_as(texts).items()}
    del texts
    shards = 1
    while sum(len(t) + len(e) for t, e in encoded.items()) * 1.1 > shards * SHARD_BYTES:
        shards *= 2
    files: dict[str, bytes] = {}
    parts: list[list[str]] = [[] for _ in range(shards)]
    for term in sorted(encoded):
        parts[shard_of(term, shards)].append(f"{_json(term)}:{encoded.pop(term)}")
    for number in range(shards):
        part, parts[number] = parts[number], []
        files[f"terms-{number}.json"] = ("{" + ",".join(part) + "}\n").encode("utf-8")
    for start in range(0, len(docs), RECORDS):
        files[f"records-{start // RECORDS}.json"] = _bytes(
            [_record(d) for d in docs[start : start + RECORDS]]
        )
    info = {"docs": len(docs), "shards": shards, "records": RECORDS, "words": sum(table["length"])}
    files["docs.json"] = _bytes({"format": FORMAT, **info, **table})
    return SegmentIndex(files, info)


def _same_as(texts: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
    """The postings of a word read with proclitics (بوتين after و) are most
    often those of the word as written (وبوتين), which ends alike and so is
    in the same term file however many there are: given as SAME_AS + that
    term where that is shorter (a third of the postings' bytes at 10,000
    articles)."""
    written: dict[tuple[str, str], str] = {}  # (what chooses the file, postings) → the first term written so
    for term in sorted(texts):
        if "" in texts[term]:
            written.setdefault((_shard_key(term), texts[term][""]), term)
    out = {}
    for term, entry in texts.items():
        out[term] = dict(entry)
        for prefix, text in entry.items():
            same = written.get((_shard_key(term), text)) if prefix else None
            if same is not None and len(same.encode("utf-8")) + 1 < len(text):
                out[term][prefix] = SAME_AS + same
    return out


def _positions_text(positions: list[int]) -> str:
    """A page's postings of a word after its doc number: their count, then
    each position as the difference from the one before."""
    if len(positions) == 1:  # most words, once in a page
        found = _ONCE.get(positions[0])
        if found is None:
            found = _ONCE[positions[0]] = postings_text((1, positions[0]))
        return found
    return postings_text([len(positions), positions[0], *map(sub, positions[1:], positions)])


# A word once in a page, at each position (the few thousand a page's length
# reaches): most of an index's postings, each such text made once.
_ONCE: dict[int, str] = {}


def _record(doc: SearchDoc) -> dict:
    record = {
        "url": doc.url,
        "title": doc.title,
        "kind": doc.kind,
        "type": doc.type_label,
        "summits": list(doc.summits),
        "date": doc.date,
        "date_label": doc.date_label,
        "outlet": doc.outlet,
        "data": doc.data,
        "text": doc.text,
    }
    return {k: v for k, v in record.items() if v}


def segment_info(docs_json: bytes) -> dict | None:
    """What index.json says of a segment, read back from its docs.json
    (for a segment kept from the previous build); None if it is not one."""
    try:
        data = json.loads(docs_json)
        if data.get("format") != FORMAT:
            return None
        return {k: int(data[k]) for k in ("docs", "shards", "records", "words")}
    except (ValueError, TypeError, KeyError, AttributeError):
        return None


def index_json(view, segments: Sequence[tuple[str, dict]]) -> bytes:
    """search/index.json: the rules, the summits and the segments."""
    return _bytes(
        {
            "format": FORMAT,
            "rules": browser_rules(),
            "summits": [{"id": s, "title": view.summits[s].title_ar} for s in view.order["summits"]],
            "kinds": list(KINDS),
            "segments": [{"path": folder, **info} for folder, info in segments],
            "names": NAMES,
            "digits": DIGITS,
            "negative": NEGATIVE,
            "same_as": SAME_AS,
        }
    )


def names_json(view) -> bytes:
    """search/names.json: every spelling of every entity, by match key."""
    entities, spellings = [], set()
    for index, entity_id in enumerate(view.order["entities"]):
        entity = view.entities[entity_id]
        entities.append(
            {"id": entity.id, "name": entity.name_ar, "type": entity.type.value, "url": entity_url(entity.id)}
        )
        for written in (*entity.names, entity.name_en):
            key = " ".join(name_key(written)) if written else ""
            if key:
                spellings.add((key, index, written))
    return _bytes({"format": FORMAT, "entities": entities, "spellings": sorted(spellings)})
