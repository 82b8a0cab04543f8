"""Render the linked dossier into pages: one Jinja template per page type.

Each emitter returns ``{site path: bytes}``; `render_site` merges them and
refuses two emitters claiming one path, before anything is written. Pages
link to each other with relative URLs (``root`` is the way back to the site
root from the page), so the site works under any sub-path and from disk.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from pathlib import PurePosixPath

import jinja2
from markupsafe import Markup, escape

from .errors import DossierError
from .models import ENTITY_TYPES, Article, Dossier, Entity, LineKind, Mention, SourceFile
from .publish import absolute, article_ld, base_path, entity_ld, json_ld, publishing_files, summit_ld, website_ld
from .annotate import code_version
from .incremental import BuildMemo, digest
from .linking import UNKNOWN_OUTLET_NAME, UNNAMED_OUTLETS_NAME
from .network import co_mention_network, network_svg
from .notes import EntityResolver, markdown_renderer
from .urls import (
    article_url,
    comparison_url,
    entity_url,
    outlet_url,
    raw_source_url,
    root_prefix,
    source_url,
    summit_url,
)

ARABIC_MONTHS = ("يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر")

TYPE_LABELS = {
    "person": ("شخص", "أشخاص"),
    "place": ("مكان", "أماكن"),
    "organisation": ("منظمة", "منظمات"),
    "event": ("حدث", "أحداث"),
}

LINE_KIND_LABELS = {
    LineKind.TITLE: "عنوان",
    LineKind.HEADING: "عنوان فرعي",
    LineKind.PARAGRAPH: "فقرة",
    LineKind.BULLET: "نقطة موجزة",
    LineKind.RELATED: "عنوان مقال آخر مُقحم في النص",
    LineKind.FOOTER: "تذييل الموقع",
    LineKind.CREDIT: "سطر المصدر",
    LineKind.DATELINE: "سطر النشر",
}

TOP_ENTITIES_ON_HOME = 15

ATTRIBUTION_LABELS = {
    "explicit": "",
    "inferred": "نُسب من السياق",
    "none": "غير منسوب",
}


# ------------------------------------------------------------- filters


def arabic_date(value: dt.date | None) -> str:
    if value is None:
        return "بلا تاريخ"
    return f"{value.day} {ARABIC_MONTHS[value.month - 1]} {value.year}"


def date_range(start: dt.date, end: dt.date) -> str:
    if start == end:
        return arabic_date(start)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{end.day} {ARABIC_MONTHS[start.month - 1]} {start.year}"
    return f"{arabic_date(start)} – {arabic_date(end)}"


def count_label(n: int, one: str, two: str, few: str, many: str) -> str:
    """An Arabic count with the noun form Arabic grammar wants after it."""
    if n == 1:
        return one
    if n == 2:
        return two
    if 3 <= n % 100 <= 10:
        return f"{n} {few}"
    return f"{n} {many}"


def mentions_label(n: int) -> str:
    return "لا إشارات" if n == 0 else count_label(n, "إشارة واحدة", "إشارتان", "إشارات", "إشارة")


def articles_label(n: int) -> str:
    return "لا مقالات" if n == 0 else count_label(n, "مقال واحد", "مقالان", "مقالات", "مقالًا")


def summits_label(n: int) -> str:
    return "لا قمم" if n == 0 else count_label(n, "قمة واحدة", "قمتان", "قمم", "قمة")


def names_label(n: int) -> str:
    return "لا أسماء" if n == 0 else count_label(n, "اسم واحد", "اسمان", "أسماء", "اسمًا")


# ------------------------------------------------------------- view models


def linked_text(
    article: Article, start: int, end: int, numbers: dict[int, int], entities: dict[str, Entity], root: str
) -> Markup:
    """article.text[start:end] as HTML, each mention a link to its entity page.

    Built here rather than in a template loop: an article page has hundreds
    of mentions, and a Jinja macro call per mention made rendering the
    slowest stage of a large build.
    """
    parts, cursor = [], start
    for mention in article.mentions:
        if mention.start < start or mention.start >= end:
            continue
        parts.append(escape(article.text[cursor : mention.start]))
        entity = entities[mention.entity_id]
        parts.append(
            Markup('<a id="m{}" class="mention entity-{}" href="{}" title="{}">{}</a>').format(
                numbers[mention.start], entity.type.value, root + entity_url(entity.id), entity.name_ar, mention.surface
            )
        )
        cursor = mention.end
    parts.append(escape(article.text[cursor:end]))
    return Markup("").join(parts)


def mention_numbers(article: Article) -> dict[int, int]:
    """Anchor numbers (#m1, #m2 …) of an article's mentions, by start offset."""
    return {m.start: i for i, m in enumerate(article.mentions, start=1)}


def mention_contexts(article: Article, mentions: list[Mention], numbers: dict[int, int], type_: str, root: str) -> Markup:
    """The <li> items of an entity page for one article: each mention in its
    sentence, linking to its place in the article. Built here, not in a
    template loop, for the same reason as `linked_text`."""
    href = escape(root + article_url(article.id))
    items = []
    for mention in mentions:
        text = article.text
        items.append(
            f'<li><a class="context-link" href="{href}#m{numbers[mention.start]}">'
            f"{escape(text[mention.sentence_start : mention.start])}"
            f'<mark class="entity-{type_}">{escape(mention.surface)}</mark>'
            f"{escape(text[mention.end : mention.sentence_end])}</a></li>"
        )
    return Markup("\n".join(items))


# ------------------------------------------------------------- environment


def make_environment(templates: tuple[SourceFile, ...]) -> jinja2.Environment:
    sources = {}
    for template in templates:
        name = PurePosixPath(template.path).relative_to("templates").as_posix()
        if name.endswith(".html"):
            sources[name] = template.data.decode("utf-8")
    env = jinja2.Environment(
        loader=jinja2.DictLoader(sources),
        # Everything that reaches a page is escaped unless a template says
        # otherwise; article text and YAML values are untrusted input.
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        arabic_date=arabic_date,
        mentions_label=mentions_label,
        articles_label=articles_label,
        summits_label=summits_label,
        names_label=names_label,
    )
    env.globals.update(
        date_range=date_range,
        article_url=article_url,
        entity_url=entity_url,
        summit_url=summit_url,
        comparison_url=comparison_url,
        outlet_url=outlet_url,
        ATTRIBUTION_LABELS=ATTRIBUTION_LABELS,
        UNKNOWN_OUTLET_NAME=UNKNOWN_OUTLET_NAME,
        UNNAMED_OUTLETS_NAME=UNNAMED_OUTLETS_NAME,
        source_url=source_url,
        raw_source_url=raw_source_url,
        TYPE_LABELS=TYPE_LABELS,
        LINE_KIND_LABELS=LINE_KIND_LABELS,
        ENTITY_TYPES=[t.value for t in ENTITY_TYPES],
    )
    return env


# ------------------------------------------------------------- emitters


class SiteRenderer:
    def __init__(self, dossier: Dossier, env: jinja2.Environment, memo: BuildMemo | None = None, templates_key: str = ""):
        self.dossier = dossier
        self.env = env
        self.memo = memo
        self.templates_key = templates_key
        self.entities = {e.id: e for e in dossier.entities}
        self.articles = {a.id: a for a in dossier.articles}
        self.summits = {s.id: s for s in dossier.summits}
        self.summit_links = {links.summit_id: links for links in dossier.summit_links}
        self.entity_links = {links.entity_id: links for links in dossier.entity_links}
        self.article_counts = dict(dossier.article_entity_counts)
        # Indexes built once: pages look things up, they never scan the dossier.
        self.numbers = {a.id: mention_numbers(a) for a in dossier.articles}
        self.mentions_of: dict[str, list[tuple[Article, Mention]]] = defaultdict(list)
        for article in dossier.articles:
            for mention in article.mentions:
                self.mentions_of[mention.entity_id].append((article, mention))
        self.notes = {(n.kind, n.target): n for n in dossier.notes}
        self.markdown = markdown_renderer(EntityResolver(dossier.entities))
        # Every quotation with its article, in dossier order.
        self.quotes = [(a, q) for a in dossier.articles for q in a.quotes]
        self.quotes_by_speaker: dict[str | None, list] = defaultdict(list)
        self.quotes_by_summit: dict[str | None, list] = defaultdict(list)
        for article, quote in self.quotes:
            self.quotes_by_speaker[quote.speaker].append((article, quote))
            self.quotes_by_summit[article.meta.summit].append((article, quote))
        self.outlets = {o.id: o for o in dossier.outlets}

    def render_markdown(self, text: str, root: str, doc_id: str) -> Markup:
        # docId keeps footnote anchors apart when a page shows two notes.
        return Markup(self.markdown.render(text, {"root": root, "docId": doc_id}))

    def note(self, kind: str, target: str, page_path: str) -> Markup | None:
        note = self.notes.get((kind, target))
        return self.render_markdown(note.markdown, root_prefix(page_path), f"{kind}-{target}") if note else None


    def page(self, path: str, template: str, *, ld: dict | None = None, root: str | None = None, **context) -> tuple[str, bytes]:
        base_url = self.dossier.site.base_url
        try:
            html = self.env.get_template(template).render(
                root=root_prefix(path) if root is None else root,
                canonical=absolute(base_url, path),
                json_ld=json_ld(ld) if ld else None,
                site=self.dossier.site,
                entities=self.entities,
                articles=self.articles,
                summits=self.summits,
                **context,
            )
        except jinja2.TemplateError as error:
            line = getattr(error, "lineno", None)
            raise DossierError(f"templates/{getattr(error, 'name', None) or template}", line, f"template error: {error.message}") from None
        return path, html.encode("utf-8")

    def home(self) -> dict[str, bytes]:
        summaries = [(s, self.summit_links[s.id]) for s in self.dossier.summits]
        top = self.dossier.top_entities[:TOP_ENTITIES_ON_HOME]
        unassigned = [a for a in self.dossier.articles if a.meta.summit is None]
        return dict(
            [
                self.page(
                    "index.html",
                    "home.html",
                    ld=website_ld(self.dossier),
                    summaries=summaries,
                    top=top,
                    unassigned=unassigned,
                    dossier=self.dossier,
                )
            ]
        )

    def summit_pages(self) -> dict[str, bytes]:
        pages = {}
        summits = self.dossier.summits
        for i, summit in enumerate(summits):
            links = self.summit_links[summit.id]
            path = summit_url(summit.id)
            members = tuple(self.articles[a] for a in links.article_ids)
            pages.update(
                [
                    self.page(
                        path,
                        "summit.html",
                        ld=summit_ld(summit, self.entities, self.dossier.site.base_url),
                        summit=summit,
                        links=links,
                        summary_html=self.render_markdown(summit.summary_md, root_prefix(path), f"summary-{summit.id}"),
                        note_html=self.note("summit", summit.id, path),
                        quotes=self.quotes_by_summit[summit.id],
                        network=network_svg(
                            co_mention_network(members), self.entities, root_prefix(path), f"شبكة الأسماء في تغطية {summit.title_ar}"
                        ),
                        comparisons=[c for c in self.dossier.comparisons if summit.id in (c.first, c.second)],
                        previous=summits[i - 1] if i > 0 else None,
                        next=summits[i + 1] if i + 1 < len(summits) else None,
                    )
                ]
            )
        return pages

    def article_pages(self) -> dict[str, bytes]:
        pages = {}
        ordered = self.dossier.articles
        for i, article in enumerate(ordered):
            previous = ordered[i - 1] if i > 0 else None
            next_ = ordered[i + 1] if i + 1 < len(ordered) else None
            meta = article.meta
            # Everything an article page is made from (see incremental.py).
            used = sorted({m.entity_id for m in article.mentions} | set(meta.based_on) | ({meta.outlet} - {None}))
            note = self.notes.get(("article", article.id))
            if note is not None:  # its [[links]] show entity names too
                used = [e.id for e in self.dossier.entities]
            key = digest(
                self.templates_key,
                self.dossier.site,
                article,
                [(a.id, a.title) for a in (previous, next_) if a],
                self.summits.get(meta.summit),
                [self.entities[e] for e in used],
                self.notes.get(("article", article.id)),
            )
            path = article_url(article.id)
            pages[path] = self._reused(path, key) or self._article_page(article, previous, next_)[1]
            path = source_url(article.id)
            pages[path] = self._reused(path, digest(self.templates_key, self.dossier.site, article)) or self.page(
                path, "source.html", article=article, lines=_source_lines(article)
            )[1]
        return pages

    def _reused(self, path: str, key: str) -> bytes | None:
        return self.memo.reuse(path, key) if self.memo is not None else None

    def _article_page(self, article: Article, previous: Article | None, next_: Article | None) -> tuple[str, bytes]:
        numbers, root = self.numbers[article.id], root_prefix(article_url(article.id))
        blocks = [
            (block, linked_text(article, block.start, block.end, numbers, self.entities, root))
            for block in article.parsed.blocks
        ]
        # The text's own title line heads the page (with its mentions
        # linked) unless the analyst gave a title; then it is shown as
        # the original headline.
        title_html = next((html for block, html in blocks if block.kind is LineKind.TITLE), None)
        blocks = [(block, html) for block, html in blocks if block.kind is not LineKind.TITLE]
        return self.page(
            article_url(article.id),
            "article.html",
            ld=article_ld(article, self.summits.get(article.meta.summit), self.dossier.site.base_url, self.entities),
            article=article,
            title_html=title_html,
            blocks=blocks,
            note_html=self.note("article", article.id, article_url(article.id)),
            counts=self.article_counts[article.id],
            previous=previous,
            next=next_,
        )

    def entity_pages(self) -> dict[str, bytes]:
        pages = {}
        for entity in self.dossier.entities:
            links = self.entity_links[entity.id]
            pages.update(
                [
                    self.page(
                        entity_url(entity.id),
                        "entity.html",
                        ld=entity_ld(entity, self.dossier.site.base_url),
                        entity=entity,
                        links=links,
                        groups=self._mention_groups(entity),
                        note_html=self.note("entity", entity.id, entity_url(entity.id)),
                        quotes=self.quotes_by_speaker[entity.id],
                    )
                ]
            )
        return pages

    def _mention_groups(self, entity: Entity) -> list[tuple[object, list[tuple[Article, Markup]]]]:
        """The entity's mentions in their sentences, by summit, then article."""
        by_article: dict[str, list[Mention]] = defaultdict(list)
        for article, mention in self.mentions_of[entity.id]:  # in dossier order
            by_article[article.id].append(mention)
        root = root_prefix(entity_url(entity.id))
        by_summit: dict[str | None, list] = defaultdict(list)
        for article_id, mentions in by_article.items():
            article = self.articles[article_id]
            contexts = mention_contexts(article, mentions, self.numbers[article_id], entity.type.value, root)
            by_summit[article.meta.summit].append((article, contexts))
        order = [s.id for s in self.dossier.summits] + [None]
        return [(self.summits.get(sid), by_summit[sid]) for sid in order if by_summit.get(sid)]

    def index_pages(self) -> dict[str, bytes]:
        by_type = {t: [e for e in self.dossier.entities if e.type.value == t] for t in TYPE_LABELS}
        return dict(
            [
                self.page("articles/index.html", "articles.html", dossier=self.dossier),
                self.page("entities/index.html", "entities.html", by_type=by_type, entity_links=self.entity_links),
                self.page("search.html", "search.html"),
            ]
        )

    def analysis_pages(self) -> dict[str, bytes]:
        """Comparison, quotations, network, timeline and outlet pages."""
        pages = {}
        for comparison in self.dossier.comparisons:
            path = comparison_url(comparison.id)
            pages.update(
                [
                    self.page(
                        path,
                        "compare.html",
                        comparison=comparison,
                        first=self.summits[comparison.first],
                        second=self.summits[comparison.second],
                        notes=[
                            (self.summits[s], self.note("summit", s, path)) for s in (comparison.first, comparison.second)
                        ],
                        note_html=self.note("comparison", comparison.id, path),
                    )
                ]
            )
        by_summit = [(s, self.quotes_by_summit[s.id]) for s in self.dossier.summits]
        by_summit.append((None, self.quotes_by_summit[None]))
        pages.update([self.page("quotes.html", "quotes.html", groups=[g for g in by_summit if g[1]], total=len(self.quotes))])
        overall = co_mention_network(self.dossier.articles)
        overall_svg = network_svg(overall, self.entities, "", "شبكة الأسماء في الملف كله")
        pages.update([self.page("network.html", "network.html", overall=overall, overall_svg=overall_svg)])
        pages.update([self.page("timeline.html", "timeline.html", years=_timeline(self.dossier))])
        pages.update([self.page("outlets/index.html", "outlets.html", outlets=self.dossier.outlets)])
        for outlet in self.dossier.outlets:
            name = self.entities[outlet.id].name_ar if outlet.id in self.entities else UNNAMED_OUTLETS_NAME
            pages.update([self.page(outlet_url(outlet.id), "outlet.html", outlet=outlet, outlet_name=name)])
        return pages

    def not_found(self) -> dict[str, bytes]:
        # Hosts serve 404.html for any missing path, at any depth: its links
        # start from the site's own path instead of being relative.
        return dict([self.page("404.html", "404.html", root=base_path(self.dossier.site.base_url))])


def _source_lines(article: Article) -> list[tuple[int, str, LineKind | None]]:
    """Each raw line with what the parser made of it, for the source page."""
    kinds = {b.line: b.kind for b in article.parsed.blocks} | {r.line: r.kind for r in article.parsed.removed}
    from .parse import split_lines  # the parser's own line splitting

    return [(n, line, kinds.get(n)) for n, line in enumerate(split_lines(article.parsed.raw_text), start=1)]


def _timeline(dossier: Dossier) -> list[tuple[int, list[tuple[dt.date, str, object]]]]:
    """Summits and dated articles by year, in date order ("summit" before
    "article" on the same day, so a summit heads its own day's reports)."""
    events = [(s.start, "summit", s) for s in dossier.summits]
    events += [(a.meta.date, "article", a) for a in dossier.articles if a.meta.date]
    events.sort(key=lambda e: (e[0], e[1] != "summit", e[2].id))
    years: dict[int, list] = {}
    for event in events:
        years.setdefault(event[0].year, []).append(event)
    return sorted(years.items())


def raw_sources(dossier: Dossier, seeds: tuple[SourceFile, ...]) -> dict[str, bytes]:
    """Each published article's seed file, byte for byte as it is in seeds/."""
    data = {PurePosixPath(s.path).name: s.data for s in seeds}
    return {raw_source_url(a.meta.source_file): data[a.meta.source_file] for a in dossier.articles}


def assets(templates: tuple[SourceFile, ...]) -> dict[str, bytes]:
    """Static files under templates/assets/, copied as they are."""
    return {
        PurePosixPath(t.path).relative_to("templates").as_posix(): t.data
        for t in templates
        if t.path.startswith("templates/assets/")
    }


def merge_outputs(*outputs: dict[str, bytes]) -> dict[str, bytes]:
    """One mapping of every output file; two emitters may not claim one path."""
    merged: dict[str, bytes] = {}
    for output in outputs:
        for path, data in output.items():
            if path in merged:
                raise DossierError(path, None, "two outputs would be written to this path")
            merged[path] = data
    return dict(sorted(merged.items()))


def render_site(dossier: Dossier, templates: tuple[SourceFile, ...], memo: BuildMemo | None = None) -> dict[str, bytes]:
    # The code is part of every page key: a change to how pages are made
    # must not let an old page through.
    templates_key = digest(code_version(), [(t.path, t.data) for t in templates])
    renderer = SiteRenderer(dossier, make_environment(templates), memo, templates_key)
    pages = merge_outputs(
        renderer.home(),
        renderer.summit_pages(),
        renderer.article_pages(),
        renderer.entity_pages(),
        renderer.index_pages(),
        renderer.analysis_pages(),
        renderer.not_found(),
        assets(templates),
    )
    # The sitemap lists the pages, so it comes after them.
    return merge_outputs(pages, publishing_files(dossier, list(pages)))


def json_bytes(data: object) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
