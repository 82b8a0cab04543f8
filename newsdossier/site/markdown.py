"""The analyst's Markdown (notes and summit summaries) as HTML.

The parser is the one that found the wiki links when the notes were loaded
(`inputs.notes.markdown_parser`), so what is checked is what is drawn. A
wiki link becomes a link to the entity it names, labelled with the label
given, else with the name as written in the link (an id is shown as the
entity's Arabic name); a link to an article, or to a line of its source
text, is labelled with the article's title.
"""

from __future__ import annotations

from collections.abc import Mapping

from markdown_it.common.utils import escapeHtml
from markupsafe import Markup

from ..inputs.notes import WIKI_LINK_TOKEN, markdown_parser
from ..language.gazetteer import Gazetteer
from ..models.article import Article
from ..models.curation import Entity, article_link
from .urls import article_url, entity_url, line_url


class MarkdownRenderer:
    def __init__(self, gazetteer: Gazetteer, entities: Mapping[str, Entity], articles: Mapping[str, Article]):
        self._gazetteer = gazetteer
        self._entities = entities  # a recording table: a note depends on the entities it links
        self._articles = articles  # and on the articles it links
        self._md = markdown_parser()
        # markdown-it binds a render rule to its renderer: the rule's first
        # argument is the renderer, not this object.
        self._md.add_render_rule(WIKI_LINK_TOKEN, lambda _renderer, *args: self._wiki_link(*args))
        # An image would make the reader's browser ask its host for it (and
        # the page promises to ask no other host): it becomes a link to it.
        self._md.add_render_rule("image", lambda _renderer, *args: _image_as_link(*args))

    def _wiki_link(self, tokens, index, options, env) -> str:
        meta = tokens[index].meta
        if article_link(meta["target"]) is not None:
            return self._article_link(meta, env)
        entity_id = self._gazetteer.resolve(meta["target"])
        if entity_id is None:  # checked when the notes were loaded: never reached
            return escapeHtml(f"[[{meta['target']}]]")
        entity = self._entities[entity_id]
        label = meta["label"] or (entity.name_ar if meta["target"] == entity_id else meta["target"])
        href = env.get("root", "") + entity_url(entity_id)
        return f'<a href="{escapeHtml(href)}" class="entity-link">{escapeHtml(label)}</a>'

    def _article_link(self, meta: dict, env) -> str:
        """An article by its title, or a line of its source text («السطر 21
        من نص: …») on the article page: a reader never sees a file name."""
        article_id, line = article_link(meta["target"])
        article = self._articles[article_id]
        if line is None:
            href, label = article_url(article_id), article.title
        else:
            href, label = line_url(article_id, line), f"السطر {line} من نص «{article.title}»"
        href = env.get("root", "") + href
        return f'<a href="{escapeHtml(href)}">{escapeHtml(meta["label"] or label)}</a>'

    def render(self, markdown: str, root: str, doc_id: str) -> Markup:
        # docId keeps footnote anchors apart when a page shows two notes.
        return Markup(self._md.render(markdown, {"root": root, "docId": doc_id}))


def _image_as_link(tokens, index, options, env) -> str:
    token = tokens[index]
    label = token.content or token.attrGet("src") or ""
    return f'<a href="{escapeHtml(token.attrGet("src") or "")}" class="note-image">{escapeHtml(label)}</a>'
