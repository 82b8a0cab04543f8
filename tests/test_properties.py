"""Property-based tests: any text, any gazetteer, through parse → tag → render.

Hypothesis draws Arabic, Latin and mixed text (with diacritics, tatweel,
bidi marks, quotation marks, markup characters and line ends of every
kind) and small random gazetteers. Whatever it draws, the pipeline does not
crash, every mention's offsets match its surface, and nothing from the input
reaches a page as markup.
"""

from __future__ import annotations

import datetime as dt
from html.parser import HTMLParser

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsdossier.analysis.linking import link_dossier
from newsdossier.inputs.project import read_sources
from newsdossier.language.gazetteer import never_a_name
from newsdossier.language.normalize import name_key
from newsdossier.language.steps import ArticleAnalysis
from newsdossier.models.curation import ArticleMeta, Curation, Entity, SiteConfig, Summit
from newsdossier.models.dates import PartialDate
from newsdossier.models.inputs import SourceFile
from newsdossier.models.kinds import EntityType
from tests.helpers import ROOT, site_files

ARABIC_LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهويءأإآؤئىة"
ALPHABET = (
    ARABIC_LETTERS
    + "ًٌٍَُِّْـ"  # diacritics and tatweel
    + "abcXYZ019٠١٩"
    + " \n\r\t.,،؛:؟!«»“”\"'()-/"
    + "<>&=;"
    + "\u200f\u200e\u200c\u202b\u202c\ufeff"
)
WORDS = st.text(alphabet=ARABIC_LETTERS, min_size=2, max_size=7)
MARKER = "<zz onzz=1>"  # if it ever comes out as a tag, input became markup

TEMPLATES = read_sources(ROOT).templates


@st.composite
def gazetteers(draw):
    entities, keys = [], set()
    for number in range(draw(st.integers(0, 6))):
        words = draw(st.lists(WORDS, min_size=1, max_size=3))
        name = " ".join(words)
        key = name_key(name)
        # The gazetteer refuses a name that can never be one (tested apart):
        # the property is about names it accepts.
        if not key or key in keys or never_a_name(name):
            continue
        keys.add(key)
        kind = draw(st.sampled_from(list(EntityType)))
        entities.append(
            Entity(
                f"e{number}",
                kind,
                name,
                f"E{number}",
                (),
                None,
                draw(st.text(alphabet=ALPHABET, max_size=20)) or "x",
                1,
            )
        )
    return tuple(sorted(entities, key=lambda e: e.id))


@st.composite
def articles(draw, entities):
    pieces = draw(
        st.lists(
            st.one_of(
                st.text(alphabet=ALPHABET, max_size=40),
                st.sampled_from([e.name_ar for e in entities] or ["نص"]),
                st.sampled_from(["و", "ل", "بال", "لل", "قال: «", "»", "“", "”", "\n", MARKER]),
            ),
            max_size=40,
        )
    )
    return "".join(pieces) + "\n" + MARKER


class Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.attributes = set(), set()

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.attributes.update(name for name, _ in attrs)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
@given(data=st.data())
def test_any_text_and_gazetteer_survive_the_pipeline(data):
    entities = data.draw(gazetteers())
    text = data.draw(articles(entities))
    meta = ArticleMeta("a", "a.txt", "s", PartialDate(2024, 5, 16), None, "منبر", (), None, (), True, 1)
    article = ArticleAnalysis(entities).make()(SourceFile("seeds/a.txt", text.encode("utf-8")), meta)

    for mention in article.mentions:
        assert article.text[mention.start : mention.end] == mention.surface
        assert mention.entity_id in {e.id for e in entities}
    for quote in article.quotes:
        assert article.text[quote.start : quote.end] == quote.text
    for candidate in article.candidates:
        assert article.text[candidate.start : candidate.end] == candidate.surface
    spans = sorted((m.start, m.end) for m in article.mentions)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))  # mentions never overlap

    if not article.parsed.blocks:
        return  # nothing to publish: left out with a warning by the build
    place = Entity("place", EntityType.PLACE, "مكان", "Place", (), None, "مكان.", 1)
    summit = Summit("s", "قمة", "Summit", dt.date(2024, 5, 16), dt.date(2024, 5, 17), "place", "ملخص.")
    curation = Curation(
        SiteConfig("ملف", "وصف.", None),
        (summit,),
        (meta,),
        tuple(sorted((*entities, place), key=lambda e: e.id)),
    )
    files = site_files(
        link_dossier(curation, (article,)), TEMPLATES, (SourceFile("seeds/a.txt", text.encode("utf-8")),)
    )
    for path, data_ in files.items():
        if path.endswith(".html"):
            parser = Tags()
            parser.feed(data_.decode("utf-8"))
            assert "zz" not in parser.tags, path
            assert "onzz" not in parser.attributes, path
