"""Export the linked dossier as data: site/data/dossier.json.

The schema is documented in the README ("Data export"). Offsets count
Unicode code points of `text` (Python string indices), so that
``text[start:end] == surface`` holds for every mention.
"""

from __future__ import annotations

import json

from .urls import article_url, entity_url, summit_url

SCHEMA_VERSION = 2  # 2: mentions have a kind (name or description)
EXPORT_PATH = "data/dossier.json"


def json_bytes(data: object) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def dossier_data(view) -> dict:
    summits = [view.summits[s] for s in view.order["summits"]]
    return {
        "schema_version": SCHEMA_VERSION,
        "summits": [
            {
                "id": s.id,
                "title": s.title_ar,
                "title_en": s.title_en,
                "dates": {"start": s.start.isoformat(), "end": s.end.isoformat()},
                "place": s.place,
                "url": summit_url(s.id),
                "article_ids": list(view.summit_links[s.id].article_ids),
            }
            for s in summits
        ],
        "articles": [_article(view.articles[a]) for a in view.order["articles"]],
        "entities": [_entity(view.entities[e]) for e in view.order["entities"]],
    }


def _article(a) -> dict:
    return {
        "id": a.id,
        "source_file": a.meta.source_file,
        "summit": a.meta.summit,
        "title": a.title,
        "outlet": a.meta.outlet,
        "outlet_name": a.meta.outlet_name or None,
        "date": a.meta.date.isoformat() if a.meta.date else None,
        "url": article_url(a.id),
        "text": a.text,
        "mentions": [
            {"entity_id": m.entity_id, "start": m.start, "end": m.end, "surface": m.surface, "kind": "description" if m.descriptive else "name"}
            for m in a.mentions
        ],
    }


def _entity(e) -> dict:
    return {
        "id": e.id,
        "type": e.type.value,
        "name_ar": e.name_ar,
        "name_en": e.name_en,
        "aliases": list(e.aliases),
        "wikidata": e.wikidata,
        "description": e.description,
        "url": entity_url(e.id),
    }


def export_files(view) -> list[tuple[str, object, object]]:
    """(path, made from, how to make it) of the data export."""
    return [(EXPORT_PATH, (), lambda: json_bytes(dossier_data(view)))]
