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
from .normalize import match_key
from .spelling import ARTICLE, PREFIXES


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

_TABLES = """###TABLE AB###
P N
PA NA
###TABLE BC###
N S0
NA S0
###TABLE AC###
P S0
PA S0"""


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


def gazetteer_database(first_words: Iterable[str]) -> str:
    """An ALMOR morphology database whose stems are the given name words.

    Each word is entered as written (category N); a word starting with ال
    is also entered as ال + stem (category NA), so that the article can fuse
    with ل (للصين) and still be read as الصين. The format is strict: fixed
    section order and no blank lines, not even at the end.
    """
    stems = []
    for word in sorted({match_key(w) for w in first_words if w}):
        if not word.isalpha():
            continue  # digits and Latin never reach the analyzer
        stems.append(f"{word}\tN\tdiac:{word} lex:{word} bw:{word}/NOUN_PROP {_STEM_FEATURES}")
        if word.startswith(ARTICLE) and len(word) > len(ARTICLE) + 1:
            stem = word[len(ARTICLE) :]
            stems.append(f"{stem}\tNA\tdiac:{stem} lex:{word} bw:{stem}/NOUN_PROP {_STEM_FEATURES}")
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


# ------------------------------------------------------------------ interface


class WordSegmenter:
    """Splits words into proclitics and base words with camel-tools analyzers."""

    def __init__(self, analyzers: list, sources: tuple[str, ...]):
        self._analyzers = analyzers
        self.sources = sources  # names of the databases in use, for the report
        self.segmentations = lru_cache(maxsize=None)(self._segmentations)
        self.is_common_word = lru_cache(maxsize=None)(self._is_common_word)

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
    stem_key = match_key(camel.dediac(analysis.get("stem") or ""))
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
    analyzers = [camel.analyzer(gazetteer_database(first_words))]
    sources = ["gazetteer"]
    full, name = camel.full_database(extra_db)
    if full is not None:
        analyzers.append(full)
        sources.append(name)
    return WordSegmenter(analyzers, tuple(sources))
