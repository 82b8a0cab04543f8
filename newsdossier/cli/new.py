"""`newsdossier new FOLDER`: a new dossier that builds at once.

It writes the site settings, one example summit (its place need not be in
the gazetteer yet), an empty gazetteer and no articles, and copies the
templates: those shipped with the package (`default_templates`: in a
checkout, the project's templates/ through the link newsdossier/templates;
in an installed wheel, its package data), or the folder given with
--templates. From there: `add` articles, build, and grow the gazetteer from
reports/candidates.yaml with `accept` and `alias`.

Every template is checked before anything is written (a link is followed
to its file; a dead link, or anything else that is not a file, is an error
naming it), and a `new` that fails or is stopped half way removes what it
made: the folder is as it was, and the command can simply be run again.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import importlib.resources
import os
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


def default_templates() -> Path:
    """The templates that come with newsdossier, wherever it is installed."""
    return Path(str(importlib.resources.files("newsdossier") / "templates"))


def _template_files(templates: Path) -> list[str]:
    """Every file of the templates folder, relative, sorted; anything that
    cannot be copied as a file is an error before anything is written."""
    if not (templates / "base.html").is_file():
        raise DossierError(
            str(templates),
            None,
            "holds no templates (base.html): give the templates to copy with --templates",
        )
    files = []
    for folder, folders, names in os.walk(templates):
        for name in sorted(folders + names):
            path = Path(folder, name)
            if path.is_symlink() and not path.exists():
                raise DossierError(
                    str(path),
                    None,
                    f"is a link to {os.readlink(path)}, which does not exist: fix or remove it",
                )
            if name in names and not path.is_file():
                raise DossierError(
                    str(path), None, "is not a file: the templates folder holds files and folders"
                )
        files += [Path(folder, name).relative_to(templates).as_posix() for name in names]
    return sorted(files)


def new_dossier(folder: Path, templates: Path) -> list[str]:
    """Write the skeleton into `folder` (missing or empty); the paths written."""
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise DossierError(
            str(folder), None, "is not an empty folder: a new dossier needs a folder of its own"
        )
    template_files = _template_files(templates)
    files = {
        "dossier/site.yaml": SITE,
        "dossier/summits.yaml": SUMMITS.format(day=dt.date.today().isoformat()),
        "dossier/articles.yaml": ARTICLES,
        "dossier/entities.yaml": ENTITIES,
    }
    existed = folder.exists()
    try:
        (folder / "seeds").mkdir(parents=True)
        (folder / "dossier" / "notes").mkdir(parents=True)
        for path, text in files.items():
            (folder / path).write_text(text, encoding="utf-8")
        for path in template_files:
            (folder / "templates" / path).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(templates / path, folder / "templates" / path)  # a link: its file
    except BaseException as error:  # a failure, or a stop signal: nothing half-made is left
        _remove_what_was_made(folder, existed)
        if isinstance(error, OSError):
            reason = error.strerror or str(error)
            raise DossierError(str(folder), None, f"cannot write the new dossier: {reason}") from None
        raise
    return ["seeds/", "dossier/notes/", *files, "templates/"]


def _remove_what_was_made(folder: Path, existed: bool) -> None:
    """`folder` as before `new`: gone if `new` made it, else empty again
    (it was empty: everything in it is `new`'s)."""
    if not existed:
        shutil.rmtree(folder, ignore_errors=True)
        return
    with contextlib.suppress(OSError):
        for entry in folder.iterdir():
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry, ignore_errors=True)
            else:
                entry.unlink(missing_ok=True)
