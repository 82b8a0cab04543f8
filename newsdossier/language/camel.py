"""camel-tools behind one small interface: the only module that imports it.

The rest of the package asks camel-tools for four things: the Arabic
character folds of its normaliser (`fold`, `dediac`), morphological
analyzers over ALMOR databases (`analyzer`, `full_database`), its
named-entity recognizer (`recognizer`), and which of its data packages are
installed (`installed_dataset`, `data_identity`). camel-tools is imported
on first use, not when this module is, so a build that analyses no article
never pays for it.

Offline import. Importing camel-tools' data modules loads its catalogue of
data packages from ``$CAMELTOOLS_DATA`` (else ``~/.camel_tools``); with none
there it tries to download one, which fails offline. When the user has no
catalogue, `_import` points camel-tools at the stub catalogue shipped in
``camel_stub/`` (it lists no packages) for the duration of the import only,
and puts the environment back.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib
import json
import os
from functools import cache, lru_cache
from pathlib import Path

from ..models.errors import DossierError
from . import shipped

NER_INSTALL_HINT = "no camel-tools NER model installed (with internet: camel_data -i ner-arabert)"


def data_dir() -> Path:
    """Where camel-tools looks for its data, as camel-tools itself decides."""
    configured = os.environ.get("CAMELTOOLS_DATA")
    return Path(configured).expanduser() if configured else Path.home() / ".camel_tools"


@contextlib.contextmanager
def _offline_catalogue():
    if (data_dir() / "catalogue.json").is_file():
        yield
        return
    shipped.verified(shipped.CATALOGUE)  # camel-tools reads it: checked first
    previous = os.environ.get("CAMELTOOLS_DATA")
    os.environ["CAMELTOOLS_DATA"] = str((shipped.FOLDER / shipped.CATALOGUE).parent)
    try:
        yield
    finally:
        if previous is None:
            del os.environ["CAMELTOOLS_DATA"]
        else:
            os.environ["CAMELTOOLS_DATA"] = previous


@cache
def _import(module: str):
    with _offline_catalogue():
        return importlib.import_module(module)


# ------------------------------------------------------------ normalisation


@lru_cache(maxsize=1)
def _folds():
    normalize = _import("camel_tools.utils.normalize")
    arclean = _import("camel_tools.utils.charmap").CharMapper.builtin_mapper("arclean")
    dediac_ar = _import("camel_tools.utils.dediac").dediac_ar
    return (
        normalize.normalize_unicode,  # NFKC: presentation forms, ligatures
        arclean.map_string,  # drops invisible and control characters
        dediac_ar,
        normalize.normalize_alef_ar,  # أ إ آ → ا
        normalize.normalize_alef_maksura_ar,  # ى → ي
        normalize.normalize_teh_marbuta_ar,  # ة → ه
    )


def installed_version() -> str | None:
    """The installed camel-tools' version, read without importing it: the
    `VERSION` file its package reads its `__version__` from, found where the
    import system would find the package (`importlib.metadata`, which every
    build asked before, costs 20-60 ms to import; this, a fifth of a
    millisecond). Tested to agree with the installed distribution's metadata."""
    import importlib.util

    spec = importlib.util.find_spec("camel_tools")
    if spec is None or spec.origin is None:
        return None
    try:
        return (Path(spec.origin).parent / "VERSION").read_text(encoding="utf-8").strip()
    except OSError:
        return None


def fold(text: str) -> str:
    """camel-tools' normalisation for matching, in its order."""
    for step in _folds():
        text = step(text)
    return text


# camel-tools' Arabic diacritics (`charsets.AR_DIAC_CHARSET`: tanween, the
# short vowels, shadda, sukun, the dagger alef), which `dediac_ar` removes.
# Written out because importing the module that defines them builds its
# character classes over all of Unicode (about half a second);
# `tests/language/test_camel.py` checks them against camel-tools' own.
AR_DIACRITICS = "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0670"
_DEDIAC = str.maketrans("", "", AR_DIACRITICS)


def dediac(text: str) -> str:
    """camel-tools' `dediac_ar`, without importing it."""
    return text.translate(_DEDIAC)


# ------------------------------------------------------------ morphology


def analyzer(database_text: str | None = None, path: Path | None = None, backoff: str = "NONE"):
    """A camel-tools `Analyzer` over an ALMOR database given as text or a path.
    MorphologyDB reads only from a path, so text goes through a temporary file."""
    MorphologyDB = _import("camel_tools.morphology.database").MorphologyDB
    Analyzer = _import("camel_tools.morphology.analyzer").Analyzer
    if database_text is None:
        return Analyzer(MorphologyDB(str(path)), backoff=backoff)
    import tempfile  # here: every build imports this module (the options read the installed data)

    with tempfile.TemporaryDirectory(prefix="newsdossier-morph-") as folder:
        db_path = Path(folder, "generated.db")
        db_path.write_text(database_text, encoding="utf-8")
        return Analyzer(MorphologyDB(str(db_path)), backoff=backoff)


def full_database(extra_db: Path | None):
    """(analyzer, name) for a full morphology database: the one given, else
    camel-tools' installed default (CALIMA MSA); (None, None) without one."""
    if extra_db is not None:
        return analyzer(path=extra_db, backoff="NOAN_PROP"), extra_db.name
    installed = installed_dataset("MorphologyDB")
    if installed is None or not (installed / "morphology.db").is_file():
        # Known from the catalogue file, as `data_identity` knows it: no
        # import of camel-tools' data modules (requests, tqdm: 0.25 s) to learn it.
        return None, None
    try:
        catalogue = _import("camel_tools.data").CATALOGUE
        default = catalogue.components["MorphologyDB"].default
        MorphologyDB = _import("camel_tools.morphology.database").MorphologyDB
        Analyzer = _import("camel_tools.morphology.analyzer").Analyzer
        return Analyzer(MorphologyDB.builtin_db(), backoff="NOAN_PROP"), default
    except (KeyError, FileNotFoundError, OSError):
        return None, None  # no catalogue entry, or the data package is not downloaded


# ------------------------------------------------------------ named entities


def recognizer(model: Path):
    """camel-tools' `NERecognizer` over a BERT token-classification folder."""
    return _import("camel_tools.ner").NERecognizer(str(model), use_gpu=False)


# ------------------------------------------------------------ installed data


def installed_dataset(component: str) -> Path | None:
    """The folder of a camel-tools component's default dataset, if camel-tools'
    catalogue names one: read from the catalogue file, without importing
    camel-tools (which would import torch for some components)."""
    try:
        data = json.loads((data_dir() / "catalogue.json").read_text(encoding="utf-8"))
        entry = data["components"][component]
        return data_dir() / "data" / entry["datasets"][entry["default"]]["path"]
    except (OSError, ValueError, KeyError, TypeError):
        return None


def installed_ner_model() -> Path | None:
    """The catalogue's default NER model folder, if it is downloaded."""
    folder = installed_dataset("NamedEntityRecognition")
    return folder if folder is not None and (folder / "config.json").is_file() else None


def _file_identity(path: Path) -> str:
    stat = path.stat()
    return f"{path.name}:{stat.st_size}:{stat.st_mtime_ns}"


def data_identity(morphology_db: Path | None, ner_model: Path | None) -> str:
    """The language data an analysis would use, by identity: installing
    CALIMA or a NER model, or giving another database, changes it."""
    if morphology_db is not None and not morphology_db.is_file():
        raise DossierError(
            str(morphology_db), None, "no such morphology database (given with --morphology-db)"
        )
    parts = [hashlib.sha256(morphology_db.read_bytes()).hexdigest() if morphology_db else "no-extra-db"]
    try:
        parts.append(
            f"{installed_dataset('MorphologyDB')}:"
            f"{_file_identity(installed_dataset('MorphologyDB') / 'morphology.db')}"
        )
    except (OSError, TypeError):
        parts.append("no-full-db")
    if ner_model is None:
        parts.append("no-ner")
    else:
        parts.append(str(ner_model.resolve()))
        parts.extend(_file_identity(f) for f in sorted(ner_model.iterdir()) if f.is_file())
    return "|".join(parts)
