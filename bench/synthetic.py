"""Synthetic dossiers for the benchmark: N articles made of seed paragraphs.

Each article is a title line and 6–12 paragraphs drawn (with a fixed seed)
from the five seed articles' own lines, so the text has the seeds' names,
clitics and spellings at a realistic density. The dossier/ folder and the
templates are the real ones; articles.yaml lists every synthetic article.
"""

from __future__ import annotations

import hashlib
import random
import re
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def seed_paragraphs() -> list[str]:
    lines = []
    for seed in sorted((ROOT / "seeds").glob("*.txt")):
        for line in seed.read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if len(line.split()) >= 12 and line.endswith((".", ".”", '".', "”.")):
                lines.append(line)
    return lines


def article_text(rng: random.Random, paragraphs: list[str], number: int) -> str:
    title_words = rng.choice(paragraphs).split()[:9]
    body = rng.sample(paragraphs, rng.randint(6, 12))
    return "\n\n".join([" ".join(title_words) + f" ({number})", *body]) + "\n"


def make_dossier(destination: Path, count: int, seed: int = 7) -> Path:
    """A project folder with `count` synthetic articles; returns it."""
    if destination.exists():
        shutil.rmtree(destination)
    (destination / "seeds").mkdir(parents=True)
    shutil.copytree(ROOT / "dossier", destination / "dossier")
    shutil.copytree(ROOT / "templates", destination / "templates")
    # Notes refer to the seed articles by id; synthetic dossiers have none:
    # notes on articles go, and links to them in other notes become text.
    shutil.rmtree(destination / "dossier" / "notes" / "articles", ignore_errors=True)
    for note in (destination / "dossier" / "notes").rglob("*.md"):
        text = note.read_text(encoding="utf-8")
        note.write_text(re.sub(r"\[\[article:[^\]|]*(?:\|([^\]]*))?\]\]", r"\1", text), encoding="utf-8")
    rng = random.Random(seed)
    paragraphs = seed_paragraphs()
    entries = []
    for number in range(count):
        text = article_text(rng, paragraphs, number)
        name = f"{number:05d}_{hashlib.sha256(text.encode()).hexdigest()[:16]}.txt"
        (destination / "seeds" / name).write_text(text, encoding="utf-8")
        summit, year, month, day = rng.choice([("beijing-2022", 2022, 2, 4), ("beijing-2024", 2024, 5, 16)])
        entries.append(
            f"- id: synthetic-{number:05d}\n  source_file: {name}\n  summit: {summit}\n"
            f"  date: {year}-{month:02d}-{day + number % 3:02d}\n  outlet: null\n"
            f"  outlet_name: منبر تجريبي {number % 17}\n"
        )
    (destination / "dossier" / "articles.yaml").write_text("".join(entries), encoding="utf-8")
    return destination


def add_article(project: Path, number: int, seed: int = 99) -> str:
    """One more synthetic article with its metadata, as an analyst would add
    it; each number its own text (the same random draw for every number
    would make the second one added a near copy of the first)."""
    rng = random.Random(seed * 100_003 + number)
    text = article_text(rng, seed_paragraphs(), number)
    name = f"{number:05d}_{hashlib.sha256(text.encode()).hexdigest()[:16]}.txt"
    (project / "seeds" / name).write_text(text, encoding="utf-8")
    with (project / "dossier" / "articles.yaml").open("a", encoding="utf-8") as metadata:
        metadata.write(
            f"- id: synthetic-{number:05d}\n  source_file: {name}\n  summit: beijing-2024\n"
            f"  date: 2024-05-18\n  outlet: null\n  outlet_name: منبر تجريبي\n"
        )
    return name
