"""HTML pieces built in Python rather than in template loops.

An article page has hundreds of mentions and an entity page hundreds of
contexts; a Jinja macro call for each made rendering the slowest stage of
a large build. Every piece of HTML here escapes its input and is safe
Markup; `outlet_of` gives plain text (the template escapes it). What a
piece reads of the dossier it reads through the recording
tables it is given, as a template would.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache

from markupsafe import Markup, escape

from ..analysis.linking import UNKNOWN_OUTLET_NAME
from ..analysis.network import HEIGHT, WIDTH, Network
from ..language.normalize import name_key
from ..language.tokens import Sentences
from ..models.article import Article, Block, Mention, Quote
from ..models.curation import Entity
from ..models.kinds import LineKind
from .arabic import ATTRIBUTION_LABELS, arabic_date, mentions_label, other_mentions_label, title_attributes
from .urls import article_url, entity_url


def _text(text: str) -> str:
    """What `markupsafe.escape` makes of a plain string (the same five
    characters, the same entities), as a plain string: the pieces here are
    joined into one Markup, and an article page escapes a few hundred, each
    a Markup object made and dropped."""
    return (
        text.replace("&", "&amp;")
        .replace(">", "&gt;")
        .replace("<", "&lt;")
        .replace("'", "&#39;")
        .replace('"', "&#34;")
    )


# ------------------------------------------------ what every listing repeats
#
# A link to a name, a date, a list of names with their counts, an article in
# a listing and a quotation are on most pages, many times (an article page
# lists its ~20 names; an entity page dates each of its 25–50 articles; a
# quotes page shows 50 quotations): as Jinja macros, each call cost more than
# the HTML it made (a fifth of an article page was its list of names). They
# are the templates' globals `entity_link`, `date`, `entity_counts`,
# `outlet_of`, `article_item` and `quote_item` (site/environment.py), each
# tested to write what its macro wrote, and to read the same rows.


def entity_link(root: str, entity: Entity, count: int | None = None) -> Markup:
    """A name linked to its page, classed by its type; `count` after it in brackets."""
    key = (root, entity.id, entity.type.value, entity.name_ar)  # all the link is made of
    html = _links.get(key)
    if html is None:
        if len(_links) >= _LINKS_HELD:
            _links.clear()
        html = _links[key] = (
            f'<a class="entity entity-{_text(entity.type.value)}" href="{_text(root)}'
            f'{_text(entity_url(entity.id))}">{_text(entity.name_ar)}</a>'
        )
    if count is None:
        return Markup(html)
    return Markup(f'{html} <span class="count">({escape(count)})</span>')


# Each entity's link at each depth of page (a few): made once, by what it is
# made of, and bounded, for a long `serve` session's many dossiers.
_LINKS_HELD = 1 << 16
_links: dict[tuple[str, str, str, str], str] = {}


def entity_counts(root: str, counts, entities: Mapping[str, Entity], limit: int | None = None) -> Markup:
    """An ordered list of names, each linked, with its count of mentions;
    the first `limit` of `counts` (items with `entity_id` and `count`).
    Each name is read from `entities` (a recording table)."""
    items = [
        f'  <li>{entity_link(root, entities[item.entity_id])} <span class="count">'
        f"{_text(mentions_label(item.count))}</span></li>\n"
        for item in (counts[:limit] if limit else counts)
    ]
    return Markup('<ol class="entity-counts">\n' + "".join(items) + "</ol>\n")


@lru_cache(maxsize=4096)
def date(value) -> Markup:
    """A date as the reader reads it («5 فبراير 2022») in a `<time>` a
    machine reads; «بلا تاريخ» for none. A dossier's pages show a few
    hundred dates many thousand times."""
    if not value:
        return Markup("بلا تاريخ")
    return Markup(f'<time datetime="{_text(value.isoformat())}">{_text(arabic_date(value))}</time>')


def outlet_of(article, entities: Mapping[str, Entity]) -> str:
    """The publisher of an article as a caption: its entity's name (read
    from `entities`), else the analyst's name for it, else «unknown»."""
    meta = article.meta
    return entities[meta.outlet].name_ar if meta.outlet else (meta.outlet_name or UNKNOWN_OUTLET_NAME)


def article_item(root: str, article) -> Markup:
    """An article in a listing: its title linked, its date and publisher,
    and a flag where the analyst has not described it."""
    meta = article.meta
    flag = ""
    if not meta.curated:
        flag = f' · <span class="flag">بلا بيانات تحريرية{"، قمة مقترحة" if meta.summit else ""}</span>'
    return Markup(
        f'<li class="article-item">\n  <a href="{_text(root + article_url(article.id))}"'
        f"{title_attributes(article)}>{_text(article.title)}</a>\n"
        f'  <span class="meta">{date(meta.date)} · {_text(meta.outlet_name or UNKNOWN_OUTLET_NAME)}'
        f"{flag}</span>\n</li>\n"
    )


def quote_item(
    root: str,
    article,
    quote: Quote,
    entities: Mapping[str, Entity],
    show_speaker: bool = True,
    show_article: bool = True,
    article_title: bool = True,
) -> Markup:
    """A quotation: its words, who said it (`show_speaker`: not on the
    speaker's own pages) and how the text says so, and where: the outlet
    and date linked to its line (`show_article`; else «in its context»),
    the article's title as the link's tooltip where `article_title` (the
    further pages of the quotes listings leave it out: the outlet and date
    say where, and the tooltip was a sixth of the quotes folder)."""
    parts = [
        f'<li class="quote quote-{_text(quote.attribution.value)}">\n'
        f"<blockquote><p>«{_text(quote.text)}»</p></blockquote>\n"
        '<p class="meta">'
    ]
    if show_speaker:
        speaker = quote.speaker
        parts.append(
            entity_link(root, entities[speaker]) if speaker else '<span class="flag">غير منسوب</span>'
        )
    # The flag stays where the speaker is not shown (their own page): an
    # inferred quotation is not the same claim.
    if quote.attribution == "inferred":
        parts.append(f' <span class="attribution">({_text(ATTRIBUTION_LABELS[quote.attribution])})</span>')
    if quote.verb:
        parts.append(f' · <span class="verb">{_text(quote.verb)}</span>')
    href = f"{_text(root + article_url(article.id))}#line-{quote.line}"
    if show_article:  # where and when, not the article's whole title: the outlet and date say it in a line
        title = f' title="{_text(article.title)}"' if article_title else ""
        where = f"{_text(outlet_of(article, entities))}، {date(article.meta.date)}"
        parts.append(f' · <a href="{href}"{title}>{where}</a>')
    else:
        parts.append(f' · <a href="{href}">في سياقه</a>')
    parts.append("</p>\n</li>\n")
    return Markup("".join(parts))


# ------------------------------------------------ an article's text


def linked_blocks(article: Article, entities: Mapping[str, Entity], root: str) -> list[Markup]:
    """Each block of the article as HTML, one pass over blocks and mentions,
    both in order.

    Links stay quiet: a mention links to its entity page the first time its
    entity is named in a section (the text up to the next heading); later
    ones are marked but not linked, and the title's are not marked at all.
    A link for every mention put 9–15 in each 100 words. Every mention keeps
    its anchor (#mN), which entity pages and quotes link to; a link's type
    class (entity-person …) carries the label «إظهار الأسماء» shows."""
    mentions, index, blocks, linked, text = article.mentions, 0, [], set(), article.text
    # A mention's HTML after its number, by what it is made of: an article
    # names a few entities many times, each in a few spellings.
    made: dict[tuple[str, str, bool, bool], str] = {}
    for block in article.parsed.blocks:
        if block.kind is LineKind.HEADING:
            linked = set()
        parts, cursor = [], block.start
        while index < len(mentions) and mentions[index].start < block.end:
            mention = mentions[index]
            index += 1
            if mention.start < block.start:
                continue
            parts.append(_text(text[cursor : mention.start]))
            if block.kind is LineKind.TITLE:
                parts.append(f'<span id="m{index}">{_text(mention.surface)}</span>')
            else:
                entity_id = mention.entity_id
                link = entity_id not in linked
                key = (entity_id, mention.surface, mention.descriptive, link)
                rest = made.get(key)
                if rest is None:
                    rest = made[key] = _mention_rest(mention, entities[entity_id], root, link)
                parts.append(_mention_html(index, rest, link))
                linked.add(entity_id)
            cursor = mention.end
        parts.append(_text(text[cursor : block.end]))
        blocks.append(Markup("".join(parts)))
    return blocks


_BLOCK_TAGS = {LineKind.HEADING: "h2", LineKind.PARAGRAPH: "p", LineKind.BULLET: "li"}


def article_body(blocks: Iterable[tuple[Block, Markup]]) -> Markup:
    """An article's text below its title: each block (with its linked
    text, `linked_blocks`) as a heading, a paragraph or a list item, a
    run of bullets in one list, each with its line's anchor."""
    parts, in_list = [], False
    for block, html in blocks:
        kind = block.kind
        if (kind is LineKind.BULLET) is not in_list:
            parts.append("</ul>" if in_list else '<ul class="summary-bullets">')
            in_list = not in_list
        tag = _BLOCK_TAGS[kind]
        parts.append(f'<{tag} class="block-{kind.value}" id="line-{block.line}">{html}</{tag}>\n')
    if in_list:
        parts.append("</ul>")
    return Markup("".join(parts))


def _mention_html(number: int, rest: str, link: bool) -> str:
    """A marked name: a link to its entity's page, or a span, with its
    anchor (#m`number`); `rest` is `_mention_rest`'s, made once per name."""
    return f"{_OPEN[link]}{number}{rest}"


_OPEN = {True: '<a id="m', False: '<span id="m'}  # a marked name, up to its number


def _mention_rest(mention: Mention, entity: Entity, root: str, link: bool) -> str:
    """A marked name after its number: the same for each time an article
    writes the name so (`linked_blocks` makes it once)."""
    # An f-string of escaped parts: Markup.format is several times slower,
    # and an article has hundreds of mentions.
    kind = "mention mention-descriptive" if mention.descriptive else "mention"
    attributes = f'" class="{kind} entity-{entity.type.value}"'
    title = _mention_title(mention, entity)
    if title:
        attributes += f' title="{_text(title)}"'
    if link:
        # The type label «إظهار الأسماء» shows on links comes from the
        # stylesheet, one rule per type class (style.css, TYPE_LABELS).
        return f'{attributes} href="{_text(root + entity_url(entity.id))}">{_text(mention.surface)}</a>'
    return f"{attributes}>{_text(mention.surface)}</span>"


def _mention_title(mention: Mention, entity: Entity) -> str | None:
    """The tooltip of a marked name: whom it names, only where the words
    shown do not already say it (another spelling, a short form, a title,
    a description). Compared by match key: «أوكرانيا» and «اوكرانيا» are
    the name as written, and a tooltip repeating it says nothing."""
    if mention.descriptive:
        return f"وصف: {entity.name_ar}"
    return None if _same_name(mention.surface, entity.name_ar) else entity.name_ar


# A dossier writes a name in a few spellings, thousands of times: each pair
# compared once (at 100 synthetic articles, 6,979 keys made for 3,529
# mentions, 8% of the render's CPU in the profile).
@lru_cache(maxsize=1 << 14)
def _same_name(written: str, name: str) -> bool:
    return name_key(written) == name_key(name)


# A page's meta description: what a search engine shows under its title (it
# shows about 155 characters) and what a link preview falls back to.
DESCRIPTION_CHARS = 155
_TEXT_KINDS = (LineKind.PARAGRAPH, LineKind.BULLET, LineKind.HEADING)


def lede(article: Article, limit: int = DESCRIPTION_CHARS) -> str:
    """An article's own description: the first sentence of its text (its
    first paragraph, else its first line of text, else its title), as
    written, cut at a word within `limit` characters with «…» when cut.
    The dossier has no summary of an article: nothing else is the
    article's own words."""
    blocks = [b for b in article.parsed.blocks if b.kind in _TEXT_KINDS]
    block = next((b for b in blocks if b.kind is LineKind.PARAGRAPH), blocks[0] if blocks else None)
    spans = Sentences(article.text, block.start, block.end).spans if block else []
    # Up to the next sentence, so that the quotes or brackets closing this
    # one (outside its span) close it here too.
    sentence = (
        article.text[spans[0][0] : spans[1][0] if len(spans) > 1 else block.end] if spans else article.title
    )
    return cut_at_word(" ".join(sentence.split()), limit)


_PAIRS = {"«": "»", "“": "”", "(": ")", "[": "]"}


def cut_at_word(text: str, limit: int) -> str:
    """`text` if it fits in `limit` characters, else its words up to «…»
    within them (a single word longer than that cut inside it), and the
    quotation marks and brackets the cut left open closed after it: a
    description that opens a quotation and never closes it reads as if the
    rest of the page were the quotation."""
    if len(text) <= limit:
        return text
    head = text[: limit - 1]
    if text[limit - 1] != " " and " " in head:
        head = head[: head.rfind(" ")]
    while True:
        head = head.rstrip(" ،,؛;:")  # no comma left hanging before the «…»
        closing = _left_open(head)
        if len(head) + 1 + len(closing) <= limit or " " not in head:
            return head + "…" + closing
        head = head[: head.rfind(" ")]


def _left_open(text: str) -> str:
    """The closing marks of the pairs `text` opens and does not close, innermost first."""
    stack = []
    for char in text:
        if char in _PAIRS:
            stack.append(_PAIRS[char])
        elif stack and char == stack[-1]:
            stack.pop()
    return "".join(reversed(stack))


# Characters of a mention's sentence shown on each side of it on an entity
# page's first page: enough for a dozen words (a concordance line), not the
# whole sentence, which can run to several lines and is one click away. The
# further pages show fewer (pages/entity.py).
CONTEXT_CHARS = 110


def _before(text: str, start: int, limit: int, chars: int) -> str:
    """The end of text[start:limit]: at most `chars`, from a word's start."""
    if limit - start <= chars:
        return text[start:limit]
    cut = text[limit - chars : limit]
    return "… " + cut[cut.find(" ") + 1 :] if " " in cut else "… " + cut


def _after(text: str, end: int, limit: int, chars: int) -> str:
    if limit - end <= chars:
        return text[end:limit]
    cut = text[end : end + chars]
    return (cut[: cut.rfind(" ")] if " " in cut else cut) + " …"


def mention_contexts(
    article: Article, mentions: Sequence[tuple[int, Mention]], entity: Entity, root: str, chars: int
) -> Markup:
    """The <li> items of an entity page for one article: each mention in its
    sentence (at most `chars` of it on each side), linking to its place in
    the article. `mentions`: each with its number in the article (its
    anchor, #m1 for the first, as `linked_blocks` numbers them)."""
    href = _text(root + article_url(article.id))
    text, kind = article.text, entity.type.value
    items = [
        f'<li><a href="{href}#m{number}">'
        f"{_text(_before(text, m.sentence_start, m.start, chars))}"
        f'<mark class="entity-{kind}{" descriptive" if m.descriptive else ""}">{_text(m.surface)}</mark>'
        f"{_text(_after(text, m.end, m.sentence_end, chars))}</a></li>"
        for number, m in mentions
    ]
    return Markup("\n".join(items))


def concordance_article(root: str, article: Article, contexts: Markup, more: int, more_anchor: str) -> Markup:
    """One article on an entity page: its title and date, the mentions in
    their sentences (`contexts`), and the line counting the `more` others,
    linked to `more_anchor` in it ("" for its top). An entity page shows 25
    to 50 of these: made in one piece, not by a dozen template expressions each."""
    href = _text(root + article_url(article.id))
    html = (
        f'<h4><a href="{href}"{title_attributes(article)}>{_text(article.title)}</a> '
        f'<span class="meta">{date(article.meta.date)}</span></h4>\n'
        f'<ul class="contexts">\n{contexts}\n</ul>\n'
    )
    if more > 0:
        html += (
            f'<p class="more"><a href="{href}{_text(more_anchor)}">'
            f"{_text(other_mentions_label(more))} في المقال</a></p>"
        )
    return Markup(html)


def _radius(mentions: int) -> float:
    return round(5 + 2.2 * math.sqrt(mentions), 1)


# Label boxes, estimated: the SVG is drawn without measuring text. Naskh at
# 17 px averages about 10 px a letter, spaces included.
LABEL_CHAR_WIDTH, LABEL_HEIGHT = 10.5, 19.0


def _label_places(network: Network, entities: Mapping[str, Entity]) -> dict[str, tuple[float, float]]:
    """Where each node's name goes (centre of its baseline): below the
    circle, else above, right or left, whichever overlaps no name placed
    before it and no other node's circle (a circle is drawn over a name and
    would hide it); names of the most mentioned first. Always inside the
    canvas, so no name is cut at the edge."""
    placed: list[tuple[float, float, float, float]] = []
    circles = {node: _circle_box(x, y, _radius(count)) for node, count, x, y in network.nodes}
    places = {}
    for node, count, x, y in sorted(network.nodes, key=lambda n: (-n[1], n[0])):
        others = [box for other, box in circles.items() if other != node]
        r, width = _radius(count), LABEL_CHAR_WIDTH * len(entities[node].name_ar) + 6
        side = r + 4 + width / 2
        candidates = [(x, y + r + 15), (x, y - r - 6), (x + side, y + 5), (x - side, y + 5)]
        candidates += [
            (x + dx, y + dy)
            for dy in (r + 15 + LABEL_HEIGHT, -r - 6 - LABEL_HEIGHT)
            for dx in (0, side, -side)
        ]
        boxes = [_inside(cx, cy, width) for cx, cy in candidates]
        # Only what reaches the places tried can be in the way (a drawing is
        # remade with each added article: 26 names, 10 places, 50 obstacles).
        reach = (
            min(b[0] for b in boxes),
            min(b[1] for b in boxes),
            max(b[2] for b in boxes),
            max(b[3] for b in boxes),
        )
        near = [other for other in placed + others if _overlap_area(reach, other)]
        # The first place free of other names and circles; where none is, the least crowded.
        box = next((b for b in boxes if not any(_overlap_area(b, other) for other in near)), None)
        if box is None:
            box = min(boxes, key=lambda b: sum(_overlap_area(b, other) for other in near))
        placed.append(box)
        places[node] = (round((box[0] + box[2]) / 2, 1), round(box[3] - 4, 1))
    return places


def _inside(cx: float, baseline: float, width: float) -> tuple[float, float, float, float]:
    left = min(max(cx - width / 2, 2), WIDTH - width - 2)
    top = min(max(baseline - LABEL_HEIGHT + 4, 2), HEIGHT - LABEL_HEIGHT - 2)
    return (left, top, left + width, top + LABEL_HEIGHT)


def _circle_box(x: float, y: float, r: float) -> tuple[float, float, float, float]:
    return (x - r, y - r, x + r, y + r)


def _overlap_area(a: tuple[float, ...], b: tuple[float, ...]) -> float:
    return max(0.0, min(a[2], b[2]) - max(a[0], b[0])) * max(0.0, min(a[3], b[3]) - max(a[1], b[1]))


def network_svg(network: Network, entities: Mapping[str, Entity], root: str, label: str) -> Markup:
    """The network as inline SVG: nodes are links to entity pages; no script."""
    where = {node: (x, y) for node, _, x, y in network.nodes}
    parts = [
        f'<svg class="network" viewBox="0 0 {WIDTH} {HEIGHT}" role="group" aria-label="{escape(label)}" '
        'xmlns="http://www.w3.org/2000/svg">'
    ]
    heaviest = max((e.weight for e in network.edges), default=1)
    for edge in reversed(network.edges):  # heaviest drawn last, on top
        (x1, y1), (x2, y2) = where[edge.first], where[edge.second]
        width = round(0.8 + 4 * edge.weight / heaviest, 1)
        parts.append(
            f'<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" stroke-width="{width}">'
            f"<title>{escape(entities[edge.first].name_ar)} – {escape(entities[edge.second].name_ar)}: "
            f"{edge.weight}</title></line>"
        )
    labels = _label_places(network, entities)
    for node, count, x, y in network.nodes:
        entity = entities[node]
        lx, ly = labels[node]
        parts.append(
            f'<a href="{escape(root + entity_url(node))}" class="node node-{entity.type.value}">'
            f"<title>{escape(entity.name_ar)} ({count})</title>"
            f'<circle cx="{x}" cy="{y}" r="{_radius(count)}"/>'
            f'<text x="{lx}" y="{ly}" text-anchor="middle">{escape(entity.name_ar)}</text></a>'
        )
    parts.append("</svg>")
    return Markup("\n".join(parts))
