"""`newsdossier new FOLDER`: a new dossier that builds at once.

It writes the site settings, one example summit (its place need not be in
the gazetteer yet), an empty gazetteer and no articles, and copies the
templates of this project. From there: `add` articles, build, and grow the
gazetteer from reports/candidates.yaml with `accept` and `alias`.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from ..models.errors import DossierError

SITE = """# The site's title and description (on every page), and where it will be
# published (needed for the sitemap, the feed and canonical links).
title: ملف جديد
description: ملف تحليلي لتغطية الأخبار العربية لقصة واحدة.
# base_url: https://example.org/dossier/
"""

SUMMITS = """# The events the dossier follows. `place` is an entity id from
# entities.yaml (it may be added there later); `summary` is Markdown.
- id: first-event
  title_ar: الحدث الأول
  title_en: The first event
  start: {day}
  end: {day}
  place: first-place
  # Markdown; link names of the gazetteer with [[entity-id]] once they are in it.
  summary: |
    اكتب هنا ملخص الحدث.
"""

ARTICLES = """# One entry per article in seeds/: `newsdossier add FILE` writes it for you.
[]
"""

ENTITIES = """# The gazetteer: every name the articles should link. Start empty: each
# build lists the names it found in reports/candidates.yaml; take one in with
#   newsdossier accept NUMBER --id an-id
# and a spelling of a name already here with
#   newsdossier alias ENTITY-ID SPELLING
[]
"""


def new_dossier(folder: Path, templates: Path) -> list[str]:
    """Write the skeleton into `folder` (missing or empty); the paths written."""
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise DossierError(
            str(folder), None, "is not an empty folder: a new dossier needs a folder of its own"
        )
    if not (templates / "base.html").is_file():
        raise DossierError(
            str(templates),
            None,
            "holds no templates (base.html): give the templates to copy with --templates",
        )
    files = {
        "dossier/site.yaml": SITE,
        "dossier/summits.yaml": SUMMITS.format(day=dt.date.today().isoformat()),
        "dossier/articles.yaml": ARTICLES,
        "dossier/entities.yaml": ENTITIES,
    }
    try:
        (folder / "seeds").mkdir(parents=True)
        (folder / "dossier" / "notes").mkdir(parents=True)
        for path, text in files.items():
            (folder / path).write_text(text, encoding="utf-8")
        shutil.copytree(templates, folder / "templates")
    except OSError as error:
        raise DossierError(str(folder), None, f"cannot write the new dossier: {error.strerror}") from None
    return ["seeds/", "dossier/notes/", *files, "templates/"]
