"""Names the gazetteer does not know yet, found in each article.

`takeback` (a step of its own, right after tagging) turns the longer names
that hold a known place into candidates; `find` runs the finders
(`model`: the shipped CRF and camel-tools' recognizer; `patterns`: titles,
institutions, Latin script) and combines their names (`combine`). `words`
holds the word lists and `shapes` what a word looks like. Across the
dossier, `forms` decides which written forms are one name (a proclitic
read off, a family name) and `repeats` finds every place a text writes a
proposed name; `analysis.candidates` uses both to count and write the
review file, with the names that have evidence enough (`evidence`).
"""

from .find import Finders, find_names
from .takeback import take_back

__all__ = ["Finders", "find_names", "take_back"]
