"""Export the linked dossier as data: site/data/dossier.json.

The schema is documented in the README ("Data export"). Offsets count
Unicode code points of `text` (Python string indices), so that
``text[start:end] == surface`` holds for every mention.
"""

from __future__ import annotations

from .models import Dossier
from .render import json_bytes
from .urls import article_url, entity_url, summit_url

SCHEMA_VERSION = 1
EXPORT_PATH = "data/dossier.json"


def dossier_data(dossier: Dossier) -> dict:
    links = {s.summit_id: s for s in dossier.summit_links}
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
                "article_ids": list(links[s.id].article_ids),
            }
            for s in dossier.summits
        ],
        "articles": [
            {
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
                    {"entity_id": m.entity_id, "start": m.start, "end": m.end, "surface": m.surface}
                    for m in a.mentions
                ],
            }
            for a in dossier.articles
        ],
        "entities": [
            {
                "id": e.id,
                "type": e.type.value,
                "name_ar": e.name_ar,
                "name_en": e.name_en,
                "aliases": list(e.aliases),
                "wikidata": e.wikidata,
                "description": e.description,
                "url": entity_url(e.id),
            }
            for e in dossier.entities
        ],
    }


def export_data(dossier: Dossier) -> dict[str, bytes]:
    return {EXPORT_PATH: json_bytes(dossier_data(dossier))}
