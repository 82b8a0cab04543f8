"""One article once: the same article saved twice is published once.

An analyst's seeds folder gathers copies: a page saved as `.html` and its
text copied as `.txt`, two saves of one page with different furniture
around it. After extraction and parsing (so that furniture is already out)
two articles are the same when their clean texts are the same word for
word (by match key: spelling variants, diacritics and spacing aside), or
nearly: when the estimated Jaccard similarity of their 5-word shingles
(MinHash, 128 permutations, with an LSH index of bands so that the check
stays near-linear in the number of articles) reaches NEAR_COPY.

The MinHash and the LSH bands are datasketch's (2.0, scheme "affine32", and
the bands its `MinHashLSH` chooses for NEAR_COPY), written out here in a few
lines of NumPy: importing datasketch imports SciPy's integration (for its
band choice), about 0.9 s paid by every build that analyses an article or
checks for copies. tests/language/test_duplicates.py checks that both give
datasketch's values and candidates.

NEAR_COPY was measured on pairs built from the seed articles (tests/
language/test_duplicates.py): an article against its own copy with other
furniture, another headline, its last paragraph cut off, other spellings or
one paragraph more (a later save of an updated page) scores 0.91 and more;
two different articles on one summit, even one relaying two paragraphs of
the other word for word, 0.08 at most. Same-story articles are never
merged; a page saved at half its length is not taken for a copy (0.5).

The words' digest and the signature are made while each article is
analysed (`text_print`, kept in the article cache); the check itself, per
build, is one LSH query per article.

The copy kept is the curated one (it has an entry in dossier/articles.yaml),
else the first by file name; every other copy is left out with a warning
naming both files, and counted nowhere.
"""

from __future__ import annotations

import hashlib
import operator
import random
import struct
import zlib
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from ..models.article import Article
from ..models.errors import BuildWarning
from .normalize import match_key
from .tokens import word_pattern

SHINGLE = 5  # words
PERMUTATIONS = 128
NEAR_COPY = 0.7  # estimated Jaccard similarity of the shingles from which two texts are one article


@dataclass(frozen=True)
class Copy:
    """An article left out as a copy of another."""

    copy: Article
    of: Article
    similarity: float  # 1.0 for the same text


def _words(text: str) -> list[str]:
    folded = match_key(text)
    return word_pattern(folded).findall(folded)


def _shingle_runs(words: list[str]) -> list[bytes]:
    """Every shingle of the words in order, a repeated one as often as it occurs."""
    if len(words) < SHINGLE:
        return [" ".join(words).encode()]
    # Each run of SHINGLE words: the words zipped with themselves shifted, joined and encoded in C.
    return list(map(str.encode, map(" ".join, zip(*(words[i:] for i in range(SHINGLE))))))


def _shingles(words: list[str]) -> set[bytes]:
    return set(_shingle_runs(words))


# A stable 32-bit hash, in C (Python's own hash() changes from run to run,
# and the same input must give the same site); called as it is, without a
# Python function around it, on every shingle of every article.
_hash = zlib.crc32


# datasketch's MinHash, scheme "affine32": the input hash mixed once with
# MurmurHash3's 32-bit finalizer, then a * h + b modulo 2^32 per permutation
# (a odd), a and b drawn from NumPy's RandomState(1) as datasketch draws them.
_FMIX32 = (16, 0x85EBCA6B, 13, 0xC2B2AE35, 16)
# The bands datasketch's MinHashLSH(threshold=NEAR_COPY, num_perm=PERMUTATIONS)
# chooses (`datasketch.lsh._optimal_param`): 14 bands of 9 values.
BANDS, ROWS = 14, 9


# NumPy's import (about 50 ms) costs as much as the MinHash of ten articles
# in Python (4–5 ms each): a process that hashes an added article or two
# does it in Python, one that hashes many switches to NumPy after these.
PYTHON_FIRST = 10
_hashed = [0]  # articles this process has hashed
_MASK = 0xFFFFFFFF


@lru_cache(maxsize=1)
def _permutations() -> tuple[tuple[int, ...], tuple[int, ...]]:
    """datasketch's a and b: NumPy's RandomState(1) draws, made by Python's
    own Mersenne Twister from the state NumPy's seeding gives it (MT19937's
    init_genrand), so that no NumPy import is needed to know them."""
    state = [1]
    for index in range(1, 624):
        state.append((1812433253 * (state[-1] ^ (state[-1] >> 30)) + index) & _MASK)
    twister = random.Random()
    twister.setstate((3, (*state, 624), None))
    # NumPy's randint below 2^31 masks a 32-bit draw to 31 bits; below 2^32 takes it whole.
    a = tuple((twister.getrandbits(32) & 0x7FFFFFFF) * 2 + 1 for _ in range(PERMUTATIONS))
    b = tuple(twister.getrandbits(32) for _ in range(PERMUTATIONS))
    return a, b


def expect(articles: int) -> None:
    """A process about to hash `articles` texts: with more than
    `PYTHON_FIRST`, NumPy from the first (its import pays for itself; a
    build that forks workers after the first article gives it to them)."""
    if articles > PYTHON_FIRST:
        _hashed[0] = max(_hashed[0], PYTHON_FIRST)


def _minhash(values: list[int]) -> list[int]:
    """The signature: in Python for a process's first `PYTHON_FIRST`
    articles, then with NumPy (the same values, tested)."""
    _hashed[0] += 1
    if _hashed[0] > PYTHON_FIRST:
        return _numpy_minhash(values)
    s1, m1, s2, m2, s3 = _FMIX32
    mixed = []
    for value in values:
        value ^= value >> s1
        value = value * m1 & _MASK
        value ^= value >> s2
        value = value * m2 & _MASK
        mixed.append(value ^ (value >> s3))
    a, b = _permutations()
    return [min([(h * ai + bi) & _MASK for h in mixed], default=_MASK) for ai, bi in zip(a, b)]


@lru_cache(maxsize=1)
def _numpy_constants():
    """The permutations' a and b and the finalizer's constants as NumPy values, made once per
    process, not from the tuples for every article."""
    import numpy

    a, b = (numpy.array(column, dtype=numpy.uint32) for column in _permutations())
    return a, b, tuple(numpy.uint32(c) for c in _FMIX32)


def _numpy_minhash(values: list[int]) -> list[int]:
    import numpy

    hv = numpy.array(values, dtype=numpy.uint32).reshape(-1, 1)
    a, b, (s1, m1, s2, m2, s3) = _numpy_constants()
    hv = hv ^ (hv >> s1)
    hv = hv * m1
    hv = hv ^ (hv >> s2)
    hv = hv * m2
    hv = hv ^ (hv >> s3)
    # a * h + b modulo 2^32, in an array of this call's own: a Dask worker analyses articles
    # in threads, and NumPy lets go of the interpreter lock while it multiplies (a buffer kept
    # between calls, 0.014 ms an article saved, gave two threads' signatures mixed rows).
    found = hv * a
    numpy.add(found, b, out=found)
    return found.min(axis=0, initial=_MASK).tolist()


def text_print(text: str) -> bytes:
    """What the copy check needs of a text, made once per article while it
    is analysed (and cached with it): a digest of its words, then its MinHash
    signature (PERMUTATIONS 32-bit values)."""
    words = _words(text)
    # A minimum, so in any order and with repeats: the shingles need no set (hashing each
    # into one: 0.16 -> 0.13 ms an article for the shingles).
    signature = _minhash(list(map(_hash, _shingle_runs(words))))
    digest = hashlib.blake2b(" ".join(words).encode(), digest_size=16).digest()
    return digest + struct.pack(f"<{PERMUTATIONS}I", *signature)


def _signature(text_print: bytes) -> tuple[int, ...]:
    return struct.unpack(f"<{PERMUTATIONS}I", text_print[16 : 16 + 4 * PERMUTATIONS])


def _similarity(first: tuple[int, ...], second: tuple[int, ...]) -> float:
    """The estimated Jaccard similarity: the share of equal values."""
    return sum(x == y for x, y in zip(first, second)) / PERMUTATIONS


class _Bands:
    """An LSH index: a signature's candidates share all ROWS values of a
    band. A band is keyed by its bytes in the print (ROWS values are equal
    exactly when their bytes are): a print is not unpacked into numbers
    unless a candidate has to be measured (at 10,000 articles, unpacking
    and slicing every signature was most of the copy check)."""

    def __init__(self):
        self._buckets: list[dict[bytes, list[str]]] = [{} for _ in range(BANDS)]

    def insert(self, key: str, fingerprint: bytes) -> None:
        for band, bucket in enumerate(self._buckets):
            bucket.setdefault(fingerprint[_band(band) : _band(band + 1)], []).append(key)

    def query(self, fingerprint: bytes) -> set[str]:
        found: set[str] = set()
        for band, bucket in enumerate(self._buckets):
            found.update(bucket.get(fingerprint[_band(band) : _band(band + 1)], ()))
        return found


def _band(band: int) -> int:
    """Where band `band` starts in a print (after its 16-byte digest)."""
    return 16 + 4 * ROWS * band


def _sharing(prints: list[bytes]) -> list[int]:
    """The places of the prints that share a band with another print: the
    only articles that can be a copy or have one (a copy word for word
    shares every band). The bands are counted in C, a band at a time;
    the articles are then checked one by one only among these (at 10,000
    articles, building the index of every article's bands was most of the
    copy check)."""
    sharing: set[int] = set()
    for band in range(BANDS):
        keys = [fingerprint[_band(band) : _band(band + 1)] for fingerprint in prints]
        if len(set(keys)) < len(keys):
            shared = {key for key, count in Counter(keys).items() if count > 1}
            sharing.update(i for i, key in enumerate(keys) if key in shared)
    return sorted(sharing)


class CopyMemo:
    """The articles the last check saw (by cache key: an article's print is
    a function of its key), each band of their prints sorted into one byte
    array (`_sorted_bands`), and the keys of those that shared a band with
    another. An added article is then looked up in the bands (a binary
    search each), not every article's bands sliced and counted again; a
    removed one (an article that shared a band with it may no longer share
    one), or more added than `FEW`, and the index is made again from every
    print. Kept between builds by the build layer (`build.cache.MemoFile`)."""

    def __init__(self):
        self.keys: frozenset[str] = frozenset()
        self.bands: tuple[bytearray, ...] = ()
        self.sharing: frozenset[str] = frozenset()
        self.changed = False

    def sharing_places(self, prints: list[bytes], keys: tuple[str, ...]) -> list[int]:
        """`_sharing(prints)`, patched from the memo where it can be."""
        place = dict(zip(keys, range(len(keys))))  # (made in C: no loop over the articles in Python)
        added = sorted(place[key] for key in place.keys() - self.keys)
        removed = len(place) - len(added) != len(self.keys)  # (or a key twice: `place` is shorter)
        if len(self.bands) != BANDS or removed or len(place) < len(keys) or len(added) > FEW:
            places = _sharing(prints)
            self.bands = _sorted_bands(prints)
        elif added:
            places = self._patched(prints, [place[key] for key in self.sharing], added)
        else:
            return sorted(place[key] for key in self.sharing)
        self.keys, self.sharing, self.changed = frozenset(keys), frozenset(keys[i] for i in places), True
        return places

    def _patched(self, prints: list[bytes], shared_before: list[int], added: list[int]) -> list[int]:
        """The places sharing a band once `added` are in the index: those
        that shared before, the added ones that share with any article, and
        the articles they share with; each added band put in its place."""
        sharing = set(shared_before)
        for band, sorted_band in enumerate(self.bands):
            new = Counter(prints[i][_band(band) : _band(band + 1)] for i in added)
            found = {value for value in new if _holds(sorted_band, value)}
            shared = found | {value for value, count in new.items() if count > 1}
            if found:  # rare (a copy): the articles already there that hold it
                sharing.update(i for i, p in enumerate(prints) if p[_band(band) : _band(band + 1)] in found)
            sharing.update(i for i in added if prints[i][_band(band) : _band(band + 1)] in shared)
            _insert(sorted_band, new.elements())
        return sorted(sharing)


# Added articles beyond which the index is made again from every print.
FEW = 64
_WIDTH = 4 * ROWS  # a band's bytes


def _sorted_bands(prints: list[bytes]) -> tuple[bytearray, ...]:
    return tuple(
        bytearray(b"".join(sorted(p[_band(band) : _band(band + 1)] for p in prints))) for band in range(BANDS)
    )


def _lower(sorted_band: bytearray, value: bytes) -> int:
    """The first place in a sorted band whose value is not below `value`."""
    low, high = 0, len(sorted_band) // _WIDTH
    while low < high:
        middle = (low + high) // 2
        if sorted_band[middle * _WIDTH : (middle + 1) * _WIDTH] < value:
            low = middle + 1
        else:
            high = middle
    return low


def _holds(sorted_band: bytearray, value: bytes) -> bool:
    place = _lower(sorted_band, value) * _WIDTH
    return sorted_band[place : place + _WIDTH] == value


def _insert(sorted_band: bytearray, values) -> None:
    """Each value put in its place (in place: the band is not copied)."""
    for value in values:
        place = _lower(sorted_band, value) * _WIDTH
        sorted_band[place:place] = value


def find_copies(
    articles: tuple[Article, ...], memo: tuple[CopyMemo, tuple[str, ...]] | None = None
) -> tuple[tuple[Article, ...], tuple[Copy, ...]]:
    """The articles without copies (in their order), and the copies left
    out. `memo`: the last check's index, with each article's cache key
    (the same answer, found without slicing every print again)."""
    prints = list(map(_PRINT, articles))  # (in C: an add-one build's check is no loop over 10,000 in Python)
    if not all(prints):
        prints = [found or text_print(article.text) for found, article in zip(prints, articles)]
    places = memo[0].sharing_places(prints, memo[1]) if memo else _sharing(prints)
    ranked = sorted(places, key=lambda i: (not articles[i].meta.curated, articles[i].meta.source_file))
    index = _Bands()
    by_text: dict[bytes, Article] = {}
    kept: dict[str, tuple[Article, bytes]] = {}
    copies = []
    for article, fingerprint in ((articles[i], prints[i]) for i in ranked):
        same = by_text.get(fingerprint[:16])
        if same is not None:
            copies.append(Copy(article, same, 1.0))
            continue
        candidates = sorted(index.query(fingerprint), key=lambda k: kept[k][0].meta.source_file)
        # The most similar; on a tie the first by file name (max keeps the first).
        signature = _signature(fingerprint) if candidates else ()
        nearest = max(
            ((_similarity(_signature(kept[k][1]), signature), k) for k in candidates),
            key=lambda x: x[0],
            default=None,
        )
        if nearest is not None and nearest[0] >= NEAR_COPY:
            copies.append(Copy(article, kept[nearest[1]][0], round(nearest[0], 2)))
            continue
        by_text[fingerprint[:16]] = article
        kept[article.id] = (article, fingerprint)
        index.insert(article.id, fingerprint)
    if not copies:
        return tuple(articles), ()
    left_out = {c.copy.id for c in copies}
    copies.sort(key=lambda c: c.copy.meta.source_file)
    return tuple(a for a in articles if a.id not in left_out), tuple(copies)


_PRINT = operator.attrgetter("parsed.text_print")


def copy_warning(copy: Copy) -> BuildWarning:
    what = "a copy" if copy.similarity == 1.0 else f"a near copy ({copy.similarity:.0%} the same text)"
    return BuildWarning(
        f"seeds/{copy.copy.meta.source_file}",
        None,
        f"is {what} of seeds/{copy.of.meta.source_file}: published once, as `{copy.of.id}`",
    )
