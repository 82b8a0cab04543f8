"""camel-tools' named-entity recognizer, when a model is there.

The model is a BERT token-classification folder: camel-tools' AraBERT NER
model (``camel_data -i ner-arabert``, found through camel-tools' data
catalogue) or any folder given with ``--ner-model``. Looking for it reads
the catalogue file only: torch and transformers are imported when there is a
model to load, not before.
"""

from __future__ import annotations

from pathlib import Path

from .morphology import installed_dataset

INSTALL_HINT = "no camel-tools NER model installed (with internet: camel_data -i ner-arabert)"


def installed_model() -> Path | None:
    """The catalogue's default NER model folder, if it is downloaded."""
    folder = installed_dataset("NamedEntityRecognition")
    return folder if folder is not None and (folder / "config.json").is_file() else None


def model_identity(model: Path | None) -> str:
    """What the cache key needs to know of the model: its path and files."""
    if model is None:
        return "no-ner"
    parts = [str(model.resolve())]
    for file in sorted(model.iterdir()):
        if file.is_file():
            stat = file.stat()
            parts.append(f"{file.name}:{stat.st_size}:{stat.st_mtime_ns}")
    return "|".join(parts)


def load_recognizer(model: Path):
    from .morphology import _import_camel

    _import_camel()  # the same offline catalogue handling as the morphology
    from camel_tools.ner import NERecognizer

    return NERecognizer(str(model), use_gpu=False)
