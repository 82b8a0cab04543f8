"""A gazetteer the size of a Wikidata export, for measuring the build with it.

`synthetic_entities(count)` writes `count` entities in the gazetteer's
format, shaped like an export from Wikidata: people (given and family
name, some with a second spelling), places, organisations and events,
with Q-ids, English labels and a one-line description; about 190 bytes
each, so 100,000 entities are some 19 MB. The names are made of Arabic
syllables, distinct by match key, and never a word of the seed articles
(so the seed texts' mentions do not change).

`python -m bench.gazetteer [COUNT …]` builds the seed dossier with that many
more entities (10,000 and 100,000 by default), each in its own process, and
prints the seconds of each stage and the peak memory.
"""

from __future__ import annotations

import itertools
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from newsdossier.language.gazetteer import never_a_name

ROOT = Path(__file__).resolve().parents[1]

# Letters no fold changes (no alef forms, ta marbuta, alef maqsura, hamza
# seats): the names are their own match keys, so distinct means distinct.
_CONSONANTS = "بتثجحخدذرزسشصضطظعغفقكلمنهوي"
_VOWELS = ("ا", "و", "ي", "")
_SYLLABLES = [c + v for c in _CONSONANTS for v in _VOWELS]
_TYPES = ("person",) * 10 + ("place",) * 4 + ("organisation",) * 5 + ("event",)
_KINDS = {"place": "", "organisation": "هيئة ", "event": "مؤتمر "}
_WHAT = {"person": "شخص", "place": "مكان", "organisation": "هيئة", "event": "حدث"}
_DESCRIPTION = "{kind} ذكر في الأخبار ({number})"


def _seed_words() -> set[str]:
    text = " ".join(p.read_text(encoding="utf-8") for p in (ROOT / "seeds").glob("*.txt"))
    return {w.removeprefix(c) for w in text.split() for c in ("", "و", "ب", "ل", "ال", "وال", "بال")}


def _words(rng: random.Random, syllables: int, taken: set[str]) -> Iterator[str]:
    """Distinct pseudo-words of `syllables` syllables, none in `taken`, and
    none the gazetteer refuses (a proclitic and a function word: «فبلو»)."""
    seen = set(taken)
    while True:
        word = "".join(rng.choice(_SYLLABLES) for _ in range(syllables))
        if word not in seen and len(word) > 3 and not never_a_name(word):
            seen.add(word)
            yield word


def synthetic_entities(count: int, seed: int = 11) -> str:
    """The YAML of `count` entities (see the module docstring)."""
    rng = random.Random(seed)
    taken = _seed_words()
    given = list(itertools.islice(_words(rng, 2, taken), 2_000))  # first names are shared, as in life
    family, single = _words(rng, 3, taken), _words(rng, 4, taken)
    lines = []
    for number in range(count):
        kind = _TYPES[number % len(_TYPES)]
        if kind == "person":
            first = rng.choice(given)
            name, aliases = (
                f"{first} {next(family)}",
                ([f"{first} {next(family)}"] if number % 3 == 0 else []),
            )
        else:
            name, aliases = _KINDS[kind] + next(single), []
        lines.append(
            f"- id: {kind}-{number:06d}\n  type: {kind}\n  name_ar: {name}\n"
            f"  name_en: {kind.title()} {number}\n"
            f"  aliases: [{', '.join(aliases)}]\n  wikidata: Q{1000 + number}\n"
            f"  description: {_DESCRIPTION.format(kind=_WHAT[kind], number=number)}\n"
        )
    return "".join(lines)


def project_with_entities(destination: Path, count: int) -> Path:
    """The seed project with `count` more entities in its gazetteer."""
    for folder in ("seeds", "dossier", "templates"):
        shutil.copytree(ROOT / folder, destination / folder)
    with (destination / "dossier" / "entities.yaml").open("a", encoding="utf-8") as entities:
        entities.write(synthetic_entities(count))
    return destination


def measure(count: int, work: Path) -> str:
    project = project_with_entities(work / f"project-{count}", count)
    size = (project / "dossier" / "entities.yaml").stat().st_size
    command = [sys.executable, str(ROOT / "build.py"), "--root", str(project), "--out", str(work / "site")]
    started = time.perf_counter()
    process = subprocess.Popen([*command, "--timings", "--no-cache"], stdout=subprocess.PIPE, text=True)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    timings = next(line for line in process.stdout.read().splitlines() if line.startswith("timings:"))
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"the build with {count:,} entities failed")
    shutil.rmtree(work / "site")
    return (
        f"{count:,} entities ({size / 1e6:.1f} MB): {seconds:.1f} s, peak {usage.ru_maxrss // 1024} MB; "
        + timings
    )


def main(argv: list[str]) -> None:
    counts = [int(a) for a in argv] or [10_000, 100_000]
    with tempfile.TemporaryDirectory() as work:
        for count in counts:
            print(measure(count, Path(work)), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
