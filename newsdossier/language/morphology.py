"""camel-tools morphology behind one small interface.

The tagger asks one question of a word: "which ways can it be split into
proclitics and a base word?" (وبوتين → و + بوتين; للصين → ل + الصين).
`WordSegmenter.segmentations` answers it with camel-tools' `Analyzer`,
over one or more ALMOR-format morphology databases:

* always, a small database generated from the gazetteer
  (`gazetteer_database`): the noun proclitics of MSA (conjunctions و ف,
  prepositions ب ك ل, the article ال, and ل+ال written لل) and, as
  proper-noun stems, the first word of every entity name. It needs no
  downloaded data, so the default build runs anywhere;
* when installed, a full morphology database: camel-tools' default
  built-in one (CALIMA MSA, ``camel_data -i morphology-db-msa-r13``) or any
  ALMOR file passed with ``--morphology-db``. Its segmentations are added to
  the gazetteer's.

camel-tools is reached through `camel` (its only importer), which also
handles the offline import of its data catalogue.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..models.curation import Entity
from . import camel
from .normalize import WORD_MEMO, match_key
from .spelling import ARABIC_LETTERS, ARTICLE, HAMZA_ALEFS, PREFIXES, TATWEEL


@dataclass(frozen=True)
class Segmentation:
    """One reading of a word as proclitics + base word.

    `name_start` is where the written name begins, counted in characters of
    the word's match key: after the proclitics, but before an article that
    belongs to the name. `base_key` is the match key of the base word with
    its article: for للصين it is الصين. `fused_article` marks that case
    (ل + ال written لل), where the name's written form starts with the
    preposition's ل and the article's alef is not written.
    """

    name_start: int
    base_key: str
    fused_article: bool


# --------------------------------------------------------- generated database

# camel-tools' names for the proclitics of `spelling.PREFIXES` (its prc2
# and prc1 features); the grammar itself is spelling's.
_TAGS = {"": "0", "و": "wa_conj", "ف": "fa_conj", "ب": "bi_prep", "ك": "ka_prep", "ل": "li_prep"}

# Categories: P = prefixes without the article, PA = with it; N = a base word
# written without ال, NA = the stem of a base word whose ال is the article.
_HEADER = """###DEFINES###
DEFINE bw bw:*open*
DEFINE diac diac:*open*
DEFINE lex lex:*open*
DEFINE gloss gloss:*open*
DEFINE pos pos:noun_prop pos:digit pos:punc pos:latin pos:foreign
DEFINE prc3 prc3:0
DEFINE prc2 prc2:0 prc2:wa_conj prc2:fa_conj
DEFINE prc1 prc1:0 prc1:bi_prep prc1:ka_prep prc1:li_prep
DEFINE prc0 prc0:0 prc0:Al_det
DEFINE enc0 enc0:0
###DEFAULTS###
DEFAULT pos:noun_prop prc3:0 prc2:0 prc1:0 prc0:0 enc0:0
DEFAULT pos:digit prc3:0 prc2:0 prc1:0 prc0:0 enc0:0
DEFAULT pos:punc prc3:0 prc2:0 prc1:0 prc0:0 enc0:0
DEFAULT pos:latin prc3:0 prc2:0 prc1:0 prc0:0 enc0:0
###ORDER###
ORDER pos diac lex bw gloss prc3 prc2 prc1 prc0 enc0
###TOKENIZATIONS###
###STEMBACKOFF###
###PREFIXES###"""

# Table AB: which prefix category takes which stem category (P + N: a
# proclitic without the article before a bare stem; PA + NA: with it). The
# database says so, and `GazetteerAnalyzer` reads it from here.
_PREFIX_STEM = (("P", "N"), ("PA", "NA"))
_TABLES = (
    "###TABLE AB###\n"
    + "".join(f"{p} {s}\n" for p, s in _PREFIX_STEM)
    + """###TABLE BC###
N S0
NA S0
###TABLE AC###
P S0
PA S0"""
)


def _prefix_lines() -> list[str]:
    """One line per way of writing proclitics (`spelling.PREFIXES`): P
    without the article, PA with it (ل + ال written لل)."""
    lines = []
    for prefix in PREFIXES:
        parts = [p for p in (prefix.conjunction, prefix.preposition) if p]
        if prefix.article:
            parts.append(ARTICLE)
        features = (
            f"diac:{prefix.written} bw:{'+'.join(parts) or '-'} prc3:0 prc2:{_TAGS[prefix.conjunction]} "
            f"prc1:{_TAGS[prefix.preposition]} prc0:{'Al_det' if prefix.article else '0'}"
        )
        lines.append(f"{prefix.written}\t{'PA' if prefix.article else 'P'}\t{features}")
    return lines


# camel-tools merges a prefix's features into an analysis only for features
# the stem lists, so stems carry every clitic slot, empty.
_STEM_FEATURES = "pos:noun_prop prc3:0 prc2:0 prc1:0 prc0:0 enc0:0"


def _stem_entries(first_words: Iterable[str]) -> list[tuple[str, str, str]]:
    """(lexeme, category, stem) of every stem of the generated database."""
    entries = []
    for word in sorted({match_key(w) for w in first_words if w}):
        if not word.isalpha():
            continue  # digits and Latin never reach the analyzer
        entries.append((word, "N", word))
        if word.startswith(ARTICLE) and len(word) > len(ARTICLE) + 1:
            entries.append((word, "NA", word[len(ARTICLE) :]))
    return entries


def gazetteer_database(first_words: Iterable[str]) -> str:
    """An ALMOR morphology database whose stems are the given name words.

    Each word is entered as written (category N); a word starting with ال
    is also entered as ال + stem (category NA), so that the article can fuse
    with ل (للصين) and still be read as الصين. The format is strict: fixed
    section order and no blank lines, not even at the end.
    """
    stems = [
        f"{stem}\t{category}\tdiac:{stem} lex:{word} bw:{stem}/NOUN_PROP {_STEM_FEATURES}"
        for word, category, stem in _stem_entries(first_words)
    ]
    sections = [
        _HEADER,
        *_prefix_lines(),
        "###SUFFIXES###",
        "\tS0\tdiac: bw:",
        "###STEMS###",
        *stems,
        _TABLES,
    ]
    return "\n".join(sections)


# --------------------------------------------------- the database, read here

# The letters camel-tools' analyzer reads as they are written: the Arabic
# letters its normaliser leaves alone (it maps أ إ آ, ى, ة and the tatweel)
# without the later additions to the block (U+063B–U+063F). A match key is
# nearly always made of these alone.
_AS_WRITTEN = frozenset(map(chr, range(ord(ARABIC_LETTERS[0]), ord(ARABIC_LETTERS[-1]) + 1))) - {
    *HAMZA_ALEFS,
    TATWEEL,
    "\u0649",
    "\u0629",
    *map(chr, range(0x063B, 0x0640)),
}


class GazetteerAnalyzer:
    """camel-tools' `Analyzer` over `gazetteer_database`, for the two
    features the segmenter reads (`stem`, `prc0`), without importing
    camel-tools for a word of `_AS_WRITTEN` letters.

    For such a word camel-tools' analysis is a plain lookup: every split
    into a prefix of the database and a stem of it (the only suffix is
    empty), kept when the table AB allows the pair (P + N, PA + NA); the
    stem feature is the stem's `diac`, `prc0` the prefix's. Any other word
    (digits, punctuation, Latin, marks, letters the normaliser maps) goes to
    camel-tools' own analyzer, imported then. `tests/language/test_morphology.py`
    checks that the two agree on every word the database can read and on
    the seeds' words. A build with nothing but such words to segment
    (nearly every Arabic article) never imports camel-tools (0.5–1 s)."""

    def __init__(self, first_words: Iterable[str]):
        self._first_words = tuple(first_words)
        self._prefixes: dict[str, list[tuple[str, str]]] = {}  # written → (category, prc0)
        for prefix in PREFIXES:
            self._prefixes.setdefault(prefix.written, []).append(
                ("PA", "Al_det") if prefix.article else ("P", "0")
            )
        self._stems: dict[str, list[tuple[str, str]]] = {}  # form → (category, diac)
        for _lexeme, category, stem in _stem_entries(self._first_words):
            self._stems.setdefault(stem, []).append((category, stem))
        self._longest_prefix = max(map(len, self._prefixes))
        self._camel = None

    def analyze(self, word: str) -> list[dict]:
        if not word or not _AS_WRITTEN.issuperset(word):
            return self._camel_analyzer().analyze(word)
        analyses = []
        for split in range(min(self._longest_prefix, len(word) - 1) + 1):
            prefixes = self._prefixes.get(word[:split])
            stems = self._stems.get(word[split:]) if prefixes else None
            for (prefix_category, prc0), (stem_category, diac) in (
                (p, s) for p in prefixes or () for s in stems or ()
            ):
                if (prefix_category, stem_category) in _PREFIX_STEM:
                    analyses.append({"stem": diac, "prc0": prc0})
        return analyses

    def _camel_analyzer(self):
        if self._camel is None:
            self._camel = camel.analyzer(gazetteer_database(self._first_words))
        return self._camel


# ------------------------------------------------------------------ interface


class WordSegmenter:
    """Splits words into proclitics and base words with camel-tools analyzers."""

    def __init__(self, analyzers: list, sources: tuple[str, ...]):
        self._analyzers = analyzers
        self.sources = sources  # names of the databases in use, for the report
        # Functions of the word alone, asked of every word: kept per distinct
        # word, bounded as the other word memos (a process may read 10,000 articles).
        self.segmentations = lru_cache(maxsize=WORD_MEMO)(self._segmentations)
        self.is_common_word = lru_cache(maxsize=WORD_MEMO)(self._is_common_word)

    def _is_common_word(self, word_key: str) -> bool:
        """Whether a full database knows the word as something other than a
        proper noun (then it is not part of an unknown name). Without a full
        database nothing is known to be common."""
        for analyzer in self._analyzers[1:]:
            for analysis in analyzer.analyze(word_key):
                if analysis.get("source") != "backoff" and analysis.get("pos") not in ("noun_prop", None):
                    return True
        return False

    def _segmentations(self, word_key: str) -> tuple[Segmentation, ...]:
        """Every reading of the word (given as its match key) as clitics + base."""
        found = set()
        for analyzer in self._analyzers:
            for analysis in analyzer.analyze(word_key):
                segmentation = _segmentation(word_key, analysis)
                if segmentation is not None:
                    found.add(segmentation)
        return tuple(sorted(found, key=lambda s: (s.name_start, s.base_key)))


def _segmentation(word_key: str, analysis: dict) -> Segmentation | None:
    stem = analysis.get("stem") or ""
    stem_key = match_key(stem if _AS_WRITTEN.issuperset(stem) else camel.dediac(stem))
    # Only readings where the stem runs to the end of the word: a name takes
    # proclitics, never suffixes (الصينية is not الصين + ية).
    if not stem_key or not word_key.endswith(stem_key):
        return None
    stem_start = len(word_key) - len(stem_key)
    if analysis.get("prc0") != "Al_det":
        return Segmentation(stem_start, stem_key, False)
    # The article belongs to the name; it is written ال, or ل after ل.
    fused = not word_key[:stem_start].endswith(ARTICLE)
    return Segmentation(stem_start - 2, ARTICLE + stem_key, fused)


def load_segmenter(entities: Iterable[Entity], extra_db: Path | None = None) -> WordSegmenter:
    """The segmenter for a gazetteer: its generated database, plus a full one
    (``extra_db``, or camel-tools' installed default) when there is one."""
    # Only a name's first word can carry proclitics (وفلاديمير بوتين).
    first_words = [name.split()[0] for entity in entities for name in entity.names]
    analyzers = [GazetteerAnalyzer(first_words)]
    sources = ["gazetteer"]
    full, name = camel.full_database(extra_db)
    if full is not None:
        analyzers.append(full)
        sources.append(name)
    return WordSegmenter(analyzers, tuple(sources))
