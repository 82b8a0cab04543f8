"""The Jinja environment every page is rendered in.

Templates come from templates/ (as read by the first stage, never from
disk here). Everything is autoescaped: article text and YAML values are
untrusted input. The globals are pure functions and constants; data comes
only through each page's context and the recording tables.
"""

from __future__ import annotations

import base64
import hashlib
from pathlib import PurePosixPath

import jinja2
from markupsafe import Markup

from ..analysis.linking import UNKNOWN_OUTLET_NAME
from ..inputs.readers import utf8_text
from ..models.inputs import SourceFile
from ..models.kinds import EntityType
from .arabic import (
    ATTRIBUTION_LABELS,
    LINE_KIND_LABELS,
    TYPE_LABELS,
    arabic_date,
    articles_label,
    date_range,
    language_attributes,
    language_name,
    lines_label,
    mentions_label,
    names_are_label,
    names_label,
    other_articles_label,
    other_mentions_label,
    outlets_label,
    quotes_label,
    summits_label,
    times_label,
    title_attributes,
)
from .fragments import article_item, date, entity_counts, entity_link, outlet_of, quote_item
from .pages import listing_urls, nav
from .urls import (
    article_url,
    comparison_url,
    entity_url,
    outlet_url,
    raw_source_url,
    speaker_quotes_url,
    summit_url,
)


def csp_hash(script: str) -> str:
    """The Content-Security-Policy source that allows one inline script."""
    digest = base64.b64encode(hashlib.sha256(str(script).encode("utf-8")).digest()).decode("ascii")
    return Markup(f"'sha256-{digest}'")


class _Sources(jinja2.BaseLoader):
    """The templates as the first stage read them, by name; listed, so that
    they can all be loaded before workers are forked (`SitePlan.load_templates`)."""

    def __init__(self, sources: dict[str, str]):
        self.sources = sources

    def get_source(self, environment, name: str):
        if name not in self.sources:
            raise jinja2.TemplateNotFound(name)
        # The file name makes template frames in tracebacks name the file, so
        # an error inside a template is reported at its line (see render).
        return self.sources[name], f"templates/{name}", _always

    def list_templates(self) -> list[str]:
        return sorted(self.sources)


def _always() -> bool:
    return True  # read once by the first stage: a template never changes under a build


def make_environment(templates: tuple[SourceFile, ...]) -> jinja2.Environment:
    sources = {}
    for template in templates:
        name = PurePosixPath(template.path).relative_to("templates").as_posix()
        if name.endswith(".html"):
            sources[name] = utf8_text(template)

    env = jinja2.Environment(
        loader=_Sources(sources),
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
        lines_label=lines_label,
        mentions_label=mentions_label,
        other_mentions_label=other_mentions_label,
        names_are_label=names_are_label,
        other_articles_label=other_articles_label,
        times_label=times_label,
        outlets_label=outlets_label,
        quotes_label=quotes_label,
        articles_label=articles_label,
        summits_label=summits_label,
        names_label=names_label,
        csp_hash=csp_hash,
    )
    env.globals.update(
        date_range=date_range,
        language_attributes=language_attributes,
        language_name=language_name,
        title_attributes=title_attributes,
        article_url=article_url,
        entity_url=entity_url,
        summit_url=summit_url,
        comparison_url=comparison_url,
        speaker_quotes_url=speaker_quotes_url,
        outlet_url=outlet_url,
        # What most pages repeat many times, made in Python (see fragments).
        entity_link=entity_link,
        entity_counts=entity_counts,
        date=date,
        article_item=article_item,
        quote_item=quote_item,
        outlet_of=outlet_of,
        # Listing pages by their page type's name, and the menus made of them
        # (see pages/__init__): no template spells a listing's path.
        url_for=listing_urls(),
        nav=nav(),
        ATTRIBUTION_LABELS=ATTRIBUTION_LABELS,
        UNKNOWN_OUTLET_NAME=UNKNOWN_OUTLET_NAME,
        raw_source_url=raw_source_url,
        TYPE_LABELS=TYPE_LABELS,
        LINE_KIND_LABELS=LINE_KIND_LABELS,
        ENTITY_TYPES=list(EntityType),
    )
    return env
