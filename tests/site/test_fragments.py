"""HTML pieces of site/fragments.py: a marked name's tooltip, the
concordance lines of entity pages."""

from __future__ import annotations

import datetime as dt
import re
from types import SimpleNamespace

import jinja2
import pytest
from markupsafe import Markup, escape

from newsdossier.analysis.linking import UNKNOWN_OUTLET_NAME
from newsdossier.models.article import Block, Mention, Quote
from newsdossier.models.curation import Entity
from newsdossier.models.dates import PartialDate
from newsdossier.models.kinds import Attribution, EntityType, LineKind
from newsdossier.site.arabic import (
    ATTRIBUTION_LABELS,
    arabic_date,
    mentions_label,
    other_mentions_label,
    title_attributes,
)
from newsdossier.site.fragments import (
    DESCRIPTION_CHARS,
    _after,
    _before,
    _mention_html,
    _mention_rest,
    _text,
    article_body,
    article_item,
    concordance_article,
    cut_at_word,
    date,
    entity_counts,
    entity_link,
    lede,
    outlet_of,
    quote_item,
)
from newsdossier.site.lookups import Tables, recording
from newsdossier.site.urls import article_url, entity_url

PUTIN = Entity(
    "vladimir-putin", EntityType.PERSON, "فلاديمير بوتين", "Vladimir Putin", ("بوتين",), None, "", 1
)
UKRAINE = Entity("ukraine", EntityType.PLACE, "أوكرانيا", "Ukraine", (), None, "", 2)
CHINA = Entity("china", EntityType.PLACE, "الصين", "China", (), None, "", 3)


def mention(surface: str, entity: Entity, descriptive: bool = False) -> Mention:
    return Mention(entity.id, 0, len(surface), surface, surface, 0, len(surface), descriptive)


@pytest.mark.parametrize(
    "surface, entity, descriptive, title",
    [
        ("فلاديمير بوتين", PUTIN, False, None),  # the name as it is: the tooltip would repeat it
        ("فلاديمير  بوتين", PUTIN, False, None),  # spaces do not make another name
        ("فلاديمـير بوتين", PUTIN, False, None),  # nor tatweel
        ("اوكرانيا", UKRAINE, False, None),  # nor a bare alef for أ (folded as match keys fold)
        ("أوكرانيا", UKRAINE, False, None),
        ("بوتين", PUTIN, False, "فلاديمير بوتين"),  # a short form: who it is
        ("للصين", CHINA, False, "الصين"),  # ل fused with ال: another written form
        ("جمهورية الصين الشعبية", CHINA, False, "الصين"),  # an alias
        ("الرئيس الروسي", PUTIN, True, "وصف: فلاديمير بوتين"),  # a description says whom it describes
        ("فلاديمير بوتين", PUTIN, True, "وصف: فلاديمير بوتين"),
    ],
)
def test_a_marked_name_has_a_tooltip_only_where_the_words_shown_are_not_the_name(
    surface, entity, descriptive, title
):
    for link in (True, False):
        html = _mention_html(
            4, _mention_rest(mention(surface, entity, descriptive), entity, "../", link), link
        )
        found = re.search(r' title="([^"]*)"', html)
        assert (found.group(1) if found else None) == title, html
        assert "data-type" not in html and f"entity-{entity.type.value}" in html
        assert html.startswith("<a " if link else "<span ")


@pytest.mark.parametrize("chars", [40, 110])
def test_a_concordance_line_shows_at_most_chars_either_side_from_a_word_boundary(chars):
    words = " ".join(f"كلمة{i}" for i in range(60))
    before = _before(words, 0, len(words), chars)
    after = _after(words, 0, len(words), chars)
    assert before.startswith("… ") and len(before) <= chars + 2
    assert after.endswith(" …") and len(after) <= chars + 2
    assert words.endswith(before[2:]) and words.startswith(after[:-2])
    assert before[2:].split(" ")[0] in words.split(" ") and after[:-2].split(" ")[-1] in words.split(" ")
    short = "كلمة قصيرة"
    assert _before(short, 0, len(short), chars) == short == _after(short, 0, len(short), chars)


LONG = " ".join(f"كلمة{i}" for i in range(60))


@pytest.mark.parametrize(
    "text, expected",
    [
        ("قال بوتين إن الشراكة بلا حدود.", "قال بوتين إن الشراكة بلا حدود."),  # fits: as written
        ("ب" * DESCRIPTION_CHARS, "ب" * DESCRIPTION_CHARS),  # exactly the limit: as written
        ("ب" * 200, "ب" * (DESCRIPTION_CHARS - 1) + "…"),  # one word longer than that: cut inside it
        (LONG, LONG[: LONG.rfind(" ", 0, DESCRIPTION_CHARS - 1)] + "…"),  # cut at the last word that fits
        # A quotation or a bracket the cut leaves open is closed after the «…».
        ("قال بوتين: «" + LONG + "» ثم غادر", "قال بوتين: «" + LONG[: LONG.rfind(" ", 0, 140)] + "…»"),
        ("(" + LONG + ")", "(" + LONG[: LONG.rfind(" ", 0, 152)] + "…)"),
        (
            "«الصين» و" + LONG,
            "«الصين» و" + LONG[: LONG.rfind(" ", 0, 145)] + "…",
        ),  # closed before: nothing added
        (
            "«حقبة “جديدة " + LONG,
            "«حقبة “جديدة " + LONG[: LONG.rfind(" ", 0, 140)] + "…”»",
        ),  # innermost first
    ],
)
def test_a_description_is_cut_at_a_word_within_the_limit(text, expected):
    cut = cut_at_word(text, DESCRIPTION_CHARS)
    assert cut == expected and len(cut) <= DESCRIPTION_CHARS


def _article(title: str, *lines: tuple[LineKind, str]) -> SimpleNamespace:
    text, blocks = "", []
    for number, (kind, line) in enumerate(lines, start=1):
        blocks.append(Block(kind, number, len(text), len(text) + len(line)))
        text += line + "\n\n"
    return SimpleNamespace(title=title, text=text, parsed=SimpleNamespace(blocks=tuple(blocks)))


@pytest.mark.parametrize(
    "article, expected",
    [
        (  # the first sentence of the first paragraph, past the title and a heading
            _article(
                "عنوان",
                (LineKind.TITLE, "بوتين في بكين"),
                (LineKind.HEADING, "شراكة بلا حدود"),
                (LineKind.PARAGRAPH, "وصل بوتين إلى بكين. وكان شي في استقباله."),
            ),
            "وصل بوتين إلى بكين.",
        ),
        (  # a question, its closing quote with it; white space as one space
            _article("عنوان", (LineKind.PARAGRAPH, "سأل:  «هل  تنتهي الحرب؟» ثم سكت.")),
            "سأل: «هل تنتهي الحرب؟»",
        ),
        (_article("عنوان", (LineKind.BULLET, "أولًا: الطاقة. ثانيًا: التجارة.")), "أولًا: الطاقة."),
        (_article("عنوان الخبر", (LineKind.TITLE, "عنوان الخبر")), "عنوان الخبر"),  # no text: its title
        (
            _article("عنوان", (LineKind.PARAGRAPH, LONG)),
            LONG[: LONG.rfind(" ", 0, DESCRIPTION_CHARS - 1)] + "…",
        ),
    ],
)
def test_an_article_is_described_by_its_first_sentence(article, expected):
    assert lede(article) == expected


# What the three fragments replaced: the Jinja macros, as _macros.html had
# them. The fragments must write the same bytes, markup in names included.
OLD_MACROS = """\
{% macro entity_link(root, entity, count=None) %}
<a class="entity entity-{{ entity.type.value }}" href="{{ root }}{{ entity_url(entity.id) }}">{{ entity.name_ar }}</a>
{%- if count is not none %} <span class="count">({{ count }})</span>{% endif %}
{% endmacro %}
{% macro date(value) %}
{%- if value %}<time datetime="{{ value.isoformat() }}">{{ value | arabic_date }}</time>{% else %}بلا تاريخ{% endif -%}
{% endmacro %}
{% macro entity_counts(root, counts, entities, limit=None) %}
<ol class="entity-counts">
{% for item in (counts[:limit] if limit else counts) %}
  <li>{{ entity_link(root, entities[item.entity_id]) }} <span class="count">{{ item.count | mentions_label }}</span></li>
{% endfor %}
</ol>
{% endmacro %}
"""  # noqa: E501
ODD = Entity("odd", EntityType.ORGANISATION, "شركة \"<ب> & 'ج'\"", "Odd", (), None, "", 4)


def _old_environment() -> jinja2.Environment:
    """The settings the site's environment rendered the old macros with
    that matter to them (escaping, whitespace, an undefined name an error)."""
    return jinja2.Environment(
        autoescape=True, trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined
    )


def _old_macros():
    env = _old_environment()
    env.filters.update(arabic_date=arabic_date, mentions_label=mentions_label)
    env.globals.update(entity_url=entity_url)
    return env.from_string(OLD_MACROS).module


@pytest.mark.parametrize("root", ["", "../", "../../"])
@pytest.mark.parametrize("entity", [PUTIN, UKRAINE, ODD])
@pytest.mark.parametrize("count", [None, 0, 7])
def test_a_names_link_is_what_the_macro_wrote(root, entity, count):
    old = _old_macros()
    for _ in range(2):  # made, then remembered
        assert entity_link(root, entity, count) == str(old.entity_link(root, entity, count))


def test_a_names_link_is_made_again_when_its_name_or_type_changes():
    """The same entity id renamed or retyped (an analyst's edit seen by a
    `serve` session) is never shown with the link remembered before."""
    for number in range(50):
        kind = (EntityType.PERSON, EntityType.PLACE)[number % 2]
        entity = Entity("e", kind, f"اسم {number}", "N", (), None, "", number)
        assert (
            entity_link("", entity)
            == f'<a class="entity entity-{kind.value}" href="entities/e.html">اسم {number}</a>'
        )


@pytest.mark.parametrize(
    "value",
    [
        None,
        "",
        dt.date(2024, 5, 16),
        PartialDate(2022, 2, 4),
        PartialDate(2022, 2, None),
        PartialDate(2022, None, None),
    ],
)
def test_a_date_is_what_the_macro_wrote(value):
    assert date(value) == str(_old_macros().date(value))


@pytest.mark.parametrize("limit", [None, 0, 1, 2, 5])
def test_a_list_of_names_is_what_the_macro_wrote_and_reads_each_name(limit):
    entities = Tables().table("entities", {e.id: e for e in (PUTIN, UKRAINE, ODD, CHINA)})
    counts = [SimpleNamespace(entity_id=e.id, count=n) for e, n in ((ODD, 12), (PUTIN, 3), (CHINA, 1))]
    with recording() as old_reads:
        expected = str(_old_macros().entity_counts("../", counts, entities, limit))
    with recording() as reads:
        assert entity_counts("../", counts, entities, limit) == expected
    assert reads.reads == old_reads.reads
    assert reads.reads == {f"entities:{c.entity_id}" for c in (counts[:limit] if limit else counts)}


# An entity page's article, as entity.html wrote it before it was one fragment.
OLD_CONCORDANCE = """\
<h4><a href="{{ root }}{{ article_url(shown.article.id) }}"{{ title_attributes(shown.article) }}>{{ shown.article.title }}</a> <span class="meta">{{ date(shown.article.meta.date) }}</span></h4>
<ul class="contexts">
{{ shown.contexts }}
</ul>
{% if shown.more > 0 %}<p class="more"><a href="{{ root }}{{ article_url(shown.article.id) }}{{ shown.more_anchor }}">{{ shown.more | other_mentions_label }} في المقال</a></p>{% endif %}
"""  # noqa: E501


@pytest.mark.parametrize(
    "title, language, day, more, anchor",
    [
        (None, "ar", PartialDate(2022, 2, 4), 0, ""),
        ("عنوان <المحلل> & «هو»", "en", None, 1, "#m3"),
        (None, "en", dt.date(2024, 5, 16), 12, ""),
        (None, "ar", PartialDate(2024), 2, "#m17"),
    ],
)
def test_an_entity_pages_article_is_what_the_template_wrote(title, language, day, more, anchor):
    meta = SimpleNamespace(title=title, date=day)
    article = SimpleNamespace(
        id="a-1",
        title=title or 'Putin\'s "visit" <now>',
        meta=meta,
        parsed=SimpleNamespace(language=language),
    )
    contexts = Markup('<li><a href="../articles/a-1.html#m2">… قال <mark>بوتين</mark></a></li>')
    env = _old_environment()
    env.filters.update(other_mentions_label=other_mentions_label)
    env.globals.update(article_url=article_url, title_attributes=title_attributes, date=date)
    shown = SimpleNamespace(article=article, contexts=contexts, more=more, more_anchor=anchor)
    expected = env.from_string(OLD_CONCORDANCE).render(root="../", shown=shown)
    assert concordance_article("../", article, contexts, more, anchor) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "بوتين",
        "a & b",
        "<script>alert('x')</script>",
        "قال: \"نعم\" & 'لا'",
        "&amp; already",
        ">>><<<",
        "\x00\ufeff",
    ],
)
def test_plain_text_is_escaped_as_markupsafe_escapes_it(text):
    assert _text(text) == str(escape(text)) and type(_text(text)) is str


# An article's blocks, as article.html wrote them before they were one fragment.
OLD_BODY = """\
{% set ns = namespace(in_list=false) %}
{% for linked in blocks %}
{% if linked.block.kind.value == "bullet" and not ns.in_list %}<ul class="summary-bullets">{% set ns.in_list = true %}{% endif %}
{% if linked.block.kind.value != "bullet" and ns.in_list %}</ul>{% set ns.in_list = false %}{% endif %}
{% set tag = {"heading": "h2", "paragraph": "p", "bullet": "li"}[linked.block.kind.value] %}
<{{ tag }} class="block-{{ linked.block.kind.value }}" id="line-{{ linked.block.line }}">{{ linked.html }}</{{ tag }}>
{% endfor %}
{% if ns.in_list %}</ul>{% endif %}
"""  # noqa: E501


@pytest.mark.parametrize(
    "kinds",
    ["", "p", "pp", "b", "bb", "pbb", "bbp", "hpbbhbp", "pbpbb", "hhh"],
)
def test_an_articles_body_is_what_the_template_wrote(kinds):
    named = {"p": LineKind.PARAGRAPH, "b": LineKind.BULLET, "h": LineKind.HEADING}
    blocks = [
        (Block(named[k], 3 + i, 0, 1), Markup(f"نص <a href='#m{i}'>{i}</a> &amp;"))
        for i, k in enumerate(kinds)
    ]
    env = _old_environment()
    linked = [SimpleNamespace(block=b, html=h) for b, h in blocks]
    assert article_body(blocks) == env.from_string(OLD_BODY).render(blocks=linked)


# An article in a listing, a quotation and an outlet's caption, as the
# macros of _macros.html wrote them before they were fragments.
OLD_ITEMS = """\
{# The publisher of an article as a caption: its entity's name, else the analyst's. #}
{% macro outlet_of(article, entities) -%}
{{ entities[article.meta.outlet].name_ar if article.meta.outlet else (article.meta.outlet_name or UNKNOWN_OUTLET_NAME) }}
{%- endmacro %}

{% macro article_item(root, article) %}
<li class="article-item">
  <a href="{{ root }}{{ article_url(article.id) }}"{{ title_attributes(article) }}>{{ article.title }}</a>
  <span class="meta">{{ date(article.meta.date) }} · {{ article.meta.outlet_name or UNKNOWN_OUTLET_NAME }}
  {%- if not article.meta.curated %} · <span class="flag">بلا بيانات تحريرية{% if article.meta.summit %}، قمة مقترحة{% endif %}</span>{% endif %}</span>
</li>
{% endmacro %}

{#- A quotation: its words, who said it (how the text says so) and where.
    `article_title`: the article's title as the link's tooltip; the further
    pages of the quotes listings leave it out (the outlet and date say where,
    and the tooltip was a sixth of the quotes folder). No indentation: a
    listing repeats it thousands of times. #}
{% macro quote_item(root, article, quote, entities, show_speaker=true, show_article=true, article_title=true) %}
<li class="quote quote-{{ quote.attribution.value }}">
<blockquote><p>«{{ quote.text }}»</p></blockquote>
<p class="meta">
  {%- if show_speaker %}
    {%- if quote.speaker %}{{ entity_link(root, entities[quote.speaker]) }}{% else %}<span class="flag">غير منسوب</span>{% endif %}
  {%- endif %}
  {#- The flag stays where the speaker is not shown (their own page): an inferred quotation is not the same claim. #}
  {%- if quote.attribution == "inferred" %} <span class="attribution">({{ ATTRIBUTION_LABELS[quote.attribution] }})</span>{% endif %}
  {%- if quote.verb %} · <span class="verb">{{ quote.verb }}</span>{% endif %}
  {#- Where and when, not the article's whole title: the outlet and date say it in a line. #}
  {%- if show_article %} · <a href="{{ root }}{{ article_url(article.id) }}#line-{{ quote.line }}"{% if article_title %} title="{{ article.title }}"{% endif %}>{{ outlet_of(article, entities) }}، {{ date(article.meta.date) }}</a>{% else %} · <a href="{{ root }}{{ article_url(article.id) }}#line-{{ quote.line }}">في سياقه</a>{% endif -%}
</p>
</li>
{% endmacro %}

"""  # noqa: E501
SPEAKER = Entity("wang-peng", EntityType.PERSON, "وانغ <بنغ>", "Wang Peng", (), None, "", 5)
OUTLET = Entity("sputnik", EntityType.ORGANISATION, "سبوتنيك & «شركاه»", "Sputnik", (), None, "", 6)


def _old_items():
    env = _old_environment()
    env.globals.update(
        entity_link=entity_link,
        date=date,
        article_url=article_url,
        title_attributes=title_attributes,
        ATTRIBUTION_LABELS=ATTRIBUTION_LABELS,
        UNKNOWN_OUTLET_NAME=UNKNOWN_OUTLET_NAME,
    )
    return env.from_string(OLD_ITEMS).module


def _listed(title, outlet, outlet_name, curated, summit, day):
    meta = SimpleNamespace(
        title=title, outlet=outlet, outlet_name=outlet_name, curated=curated, summit=summit, date=day
    )
    return SimpleNamespace(
        id="a-1",
        title=title or 'Putin\'s <visit> & "talks"',
        meta=meta,
        parsed=SimpleNamespace(language="ar"),
    )


ARTICLES = [
    _listed(None, None, "منبر", True, "beijing-2024", PartialDate(2024, 5, 16)),
    _listed("عنوان المحلل", "sputnik", "سبوتنيك", True, None, None),
    _listed(None, None, None, False, None, PartialDate(2024, 5)),
    _listed(None, None, "", False, "beijing-2022", dt.date(2022, 2, 4)),
]


@pytest.mark.parametrize("article", ARTICLES)
@pytest.mark.parametrize("root", ["", "../"])
def test_an_article_in_a_listing_and_its_outlet_are_what_the_macros_wrote(article, root):
    entities = Tables().table("entities", {e.id: e for e in (SPEAKER, OUTLET)})
    old = _old_items()
    with recording() as old_reads:
        expected = (str(old.article_item(root, article)), str(old.outlet_of(article, entities)))
    with recording() as reads:
        assert (article_item(root, article), str(escape(outlet_of(article, entities)))) == expected
    assert reads.reads == old_reads.reads


@pytest.mark.parametrize("article", ARTICLES[:3])
@pytest.mark.parametrize(
    "speaker, attribution, verb",
    [
        ("wang-peng", Attribution.EXPLICIT, "قال"),
        ("wang-peng", Attribution.INFERRED, None),
        (None, Attribution.NONE, "أضاف <و>"),
        (None, Attribution.NONE, ""),
    ],
)
@pytest.mark.parametrize(
    "flags", [(True, True, True), (False, True, True), (True, True, False), (True, False, True)]
)
def test_a_quotation_is_what_the_macro_wrote(article, speaker, attribution, verb, flags):
    entities = Tables().table("entities", {e.id: e for e in (SPEAKER, OUTLET)})
    quote = Quote(10, 40, 'إن "التعاون" <مستمر> & باقٍ', speaker, attribution, verb, 7)
    show_speaker, show_article, article_title = flags
    shown = dict(show_speaker=show_speaker, show_article=show_article, article_title=article_title)
    with recording() as old_reads:
        expected = str(_old_items().quote_item("../", article, quote, entities, **shown))
    with recording() as reads:
        made = quote_item("../", article, quote, entities, **shown)
    assert made == expected and reads.reads == old_reads.reads
