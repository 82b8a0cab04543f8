"""Names in the articles that the gazetteer does not know yet.

Two finders, both run on each article's clean text, outside known mentions:

* patterns: a name after a title or a kind of place or body ("وزير
  الخارجية الروسي سيرغي لافروف", "مدينة هاربين", "شركة روساتوم"), skipping
  the descriptive words with ال between them, or a name just before ", title"
  ("أليكسي ميلر، رئيس شركة غازبروم"). Words that camel-tools' morphology
  reads as common words (with a full database installed) or that are in a
  small list of function words are never part of a name;
* camel-tools' named-entity recognizer (`NERecognizer`), when a model is
  installed (``camel_data -i ner-arabert``) or given with ``--ner-model``.

The build gathers the candidates of all articles into reports/candidates.yaml,
in the gazetteer's own format, for the analyst to review and paste.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Callable

from camel_tools.utils.dediac import dediac_ar

from .models import Article, Candidate, EntityType
from .normalize import match_key
from .tagging import sentence_spans, tokenize

_k = match_key
PERSON_TITLES = frozenset(
    _k(w)
    for w in (
        "الرئيس", "رئيس", "رئيسة", "وزير", "وزيرة", "الوزير", "نائب", "الأمين", "المدير", "مدير", "المتحدث",
        "المتحدثة", "متحدث", "السفير", "سفير", "الجنرال", "الأميرال", "المستشار", "مستشار", "السيد", "السيدة",
        "الخبير", "الخبيرة", "خبير", "الأستاذ", "الباحث", "الملك", "الأمير", "زعيم", "الزعيم", "قائد", "محافظ",
        "المبعوث", "نظيره", "نظيرته", "المحلل", "الكاتب", "الصحفي", "الدكتور",
    )
)
PLACE_TITLES = frozenset(_k(w) for w in ("مدينة", "منطقة", "إقليم", "جزيرة", "بلدة", "عاصمة", "ولاية", "مقاطعة", "قاعدة"))
ORGANISATION_TITLES = frozenset(
    _k(w) for w in ("وكالة", "شركة", "جامعة", "صحيفة", "منظمة", "حزب", "بنك", "مجموعة", "قناة", "مؤسسة", "مركز")
)
TITLES = {**dict.fromkeys(PERSON_TITLES, EntityType.PERSON), **dict.fromkeys(PLACE_TITLES, EntityType.PLACE)}
TITLES.update(dict.fromkeys(ORGANISATION_TITLES, EntityType.ORGANISATION))

# Words that are never part of a name: prepositions, particles, pronouns,
# time words, and verbs of saying (the name ends where the clause goes on).
FUNCTION_WORDS = frozenset(
    _k(w)
    for w in (
        "في", "من", "على", "إلى", "عن", "مع", "أن", "إن", "أنه", "إنه", "الذي", "التي", "الذين", "قد", "لم", "لن",
        "لا", "ما", "كان", "كانت", "يوم", "عام", "بعد", "قبل", "خلال", "بين", "حول", "منذ", "أي", "هذا", "هذه",
        "ذلك", "تلك", "كل", "بعض", "غير", "أو", "ثم", "حتى", "عند", "لدى", "كما", "أيضا", "أيضًا", "وقال", "قال",
        "قالت", "إنها", "لكن", "بل", "هو", "هي", "هم", "نحو", "وفق", "عبر", "ضد", "دون", "سابق", "جديد", "الجديد",
        "نفسه", "أمس", "اليوم", "الخميس", "الجمعة", "السبت", "الأحد", "الاثنين", "الثلاثاء", "الأربعاء", "شهر",
        "دفاعه", "بلاده", "بشأن", "لشؤون", "باسم", "العام", "الأسبق", "السابق",
    )
)
# Words that continue a title without being a name: "وكالة أنباء …".
TITLE_CONTINUATIONS = frozenset(_k(w) for w in ("أنباء", "شؤون", "لشؤون", "باسم", "دفاع", "خارجية", "أركان", "عام"))
RELATIVE_PRONOUNS = frozenset(_k(w) for w in ("الذي", "التي", "الذين", "اللذين", "اللتين", "اللواتي"))
# A proclitic before the article: "بالتفصيل", "والصين" are never the start of an unknown name.
DEFINITE_WITH_PROCLITIC = tuple(_k(p) for p in ("بال", "وال", "فال", "كال", "لل"))
MAX_DESCRIPTORS = 3
MAX_NAME_WORDS = 3
ARTICLE = _k("ال")

_NER_TYPES = {"PERS": EntityType.PERSON, "LOC": EntityType.PLACE, "ORG": EntityType.ORGANISATION, "MISC": EntityType.EVENT}


_TANWEEN = re.compile("[\u064b-\u064d]")


def _definite(written: str) -> bool:
    # The article is written with a bare alef: أليكسي and إلفيرا are names, not ال + …
    return dediac_ar(written).replace("\u0640", "").startswith("ال")


def _is_name_word(key: str, common: Callable[[str], bool], written: str = "") -> bool:
    # Tanween marks an indefinite common noun or adverb (عقدًا، أيضاً), never a name.
    return (
        not _TANWEEN.search(written)
        and key.isalpha()
        and len(key) >= 2
        and not _definite(written or key)
        and not key.startswith(DEFINITE_WITH_PROCLITIC)
        and key not in FUNCTION_WORDS
        and key not in TITLE_CONTINUATIONS
        and key not in TITLES
        and not common(key)
    )


def pattern_candidates(article: Article, common: Callable[[str], bool] = lambda key: False) -> list[Candidate]:
    text, found = article.text, []
    known = [(m.start, m.end) for m in article.mentions]

    def is_known(start: int, end: int) -> bool:
        return any(a < end and start < b for a, b in known)

    for block in article.parsed.blocks:
        tokens = tokenize(text, block.start, block.end)
        sentences = sentence_spans(text, block.start, block.end)

        def adjacent(i: int) -> bool:  # tokens i-1 and i with only spaces between
            return not text[tokens[i - 1].end : tokens[i].start].strip()

        def emit(first: int, last: int, type_: EntityType) -> None:
            start, end = tokens[first].start, tokens[last].end
            if is_known(start, end):
                return
            sentence = next((s for s in sentences if s[0] <= start < s[1]), (block.start, block.end))
            found.append(Candidate(start, end, text[start:end], match_key(text[start:end]), type_.value, "pattern", *sentence))

        for i, token in enumerate(tokens):
            key = token.key[1:] if token.key[:1] in ("و", "ف") and token.key[1:] in TITLES else token.key
            if key in TITLES:
                # title, up to three descriptors with ال, then the name.
                j = i + 1
                while (
                    j < len(tokens)
                    and j - i <= MAX_DESCRIPTORS
                    and adjacent(j)
                    and (_definite(text[tokens[j].start : tokens[j].end]) or tokens[j].key in TITLE_CONTINUATIONS)
                    and tokens[j].key not in RELATIVE_PRONOUNS  # "الأستاذ الذي يدرس": a clause, not a name
                ):
                    j += 1
                if j < len(tokens) and tokens[j].key in RELATIVE_PRONOUNS:
                    continue
                k = j
                # A person's name runs to three words; a place or a body after
                # its kind word ("مدينة هاربين", "شركة روساتوم") is one.
                longest = MAX_NAME_WORDS if TITLES[key] is EntityType.PERSON else 1
                while (
                    k < len(tokens)
                    and k - j < longest
                    and adjacent(k)
                    and _is_name_word(tokens[k].key, common, text[tokens[k].start : tokens[k].end])
                ):
                    k += 1
                if k > j:
                    emit(j, k - 1, TITLES[key])
            # "First Last، title": the two words before the comma. (Only two:
            # the word before them is as often a verb, "وحضر أليكسي ميلر،".)
            if (
                i >= 2
                and key in PERSON_TITLES
                and text[tokens[i - 1].end : token.start].strip() in ("،", ",")
                and not text[tokens[i - 2].end : tokens[i - 1].start].strip()
                and all(_is_name_word(t.key, common, text[t.start : t.end]) for t in tokens[i - 2 : i])
            ):
                emit(i - 2, i - 1, EntityType.PERSON)
    return found


def ner_candidates(article: Article, recognizer) -> list[Candidate]:
    """Spans the NER model labels as names, outside known mentions."""
    text, found = article.text, []
    known = [(m.start, m.end) for m in article.mentions]
    for block in article.parsed.blocks:
        for s_start, s_end in sentence_spans(text, block.start, block.end):
            tokens = tokenize(text, s_start, s_end)
            if not tokens:
                continue
            labels = recognizer.predict_sentence([text[t.start : t.end] for t in tokens])
            run: list[int] = []
            run_type = None

            def flush():
                if run:
                    start, end = tokens[run[0]].start, tokens[run[-1]].end
                    if not any(a < end and start < b for a, b in known):
                        found.append(
                            Candidate(start, end, text[start:end], match_key(text[start:end]), run_type.value, "ner", s_start, s_end)
                        )

            for index, label in enumerate(labels):
                tag, _, kind = label.partition("-")
                if tag == "B" or (tag == "I" and (not run or _NER_TYPES.get(kind) is not run_type)):
                    flush()
                    run, run_type = ([index], _NER_TYPES.get(kind)) if kind in _NER_TYPES else ([], None)
                elif tag == "I" and run:
                    run.append(index)
                else:
                    flush()
                    run, run_type = [], None
            flush()
    return found


@dataclass(frozen=True)
class CandidateSummary:
    key: str
    name: str  # the most frequent spelling
    spellings: tuple[str, ...]
    type: str
    count: int
    sources: tuple[str, ...]
    examples: tuple[tuple[str, int, str], ...]  # (source file, line, sentence)


def occurrences(articles: tuple[Article, ...], found: dict[str, Candidate]) -> dict[str, list[tuple[Article, Candidate]]]:
    """Every place each candidate name is written, not only where a finder
    saw it: a name introduced with its title ("الوزير سيرغي لافروف") is
    often repeated bare ("وقال لافروف")."""
    by_words: dict[tuple[str, ...], Candidate] = {}
    for candidate in found.values():
        by_words.setdefault(tuple(t.key for t in tokenize(candidate.surface)), candidate)
    longest = max((len(w) for w in by_words), default=0)
    groups: dict[str, list[tuple[Article, Candidate]]] = defaultdict(list)
    # A cheap first filter: an article is only tokenized again when one of
    # the names is written in it as the finders saw it.
    surfaces = {c.surface for c in found.values()}
    for article in articles:
        text = article.text
        if not any(surface in text for surface in surfaces):
            continue
        known = [(m.start, m.end) for m in article.mentions]
        for block in article.parsed.blocks:
            if not any(surface in text[block.start : block.end] for surface in surfaces):
                continue
            tokens = tokenize(text, block.start, block.end)
            sentences = sentence_spans(text, block.start, block.end)
            i = 0
            while i < len(tokens):
                for size in range(min(longest, len(tokens) - i), 0, -1):
                    words = tuple(t.key for t in tokens[i : i + size])
                    run = tokens[i : i + size]
                    if words in by_words and all(not text[a.end : b.start].strip() for a, b in zip(run, run[1:])):
                        start, end = run[0].start, run[-1].end
                        if not any(a < end and start < b for a, b in known):
                            model = by_words[words]
                            sentence = next((s for s in sentences if s[0] <= start < s[1]), (block.start, block.end))
                            sources = {c.source for c in article.candidates if (c.start, c.end) == (start, end)}
                            source = ",".join(sorted(sources)) or "repeated"
                            groups[model.key].append(
                                (article, Candidate(start, end, text[start:end], model.key, model.type, source, *sentence))
                            )
                            i += size - 1
                        break
                i += 1
    return groups


def summarise(articles: tuple[Article, ...], examples: int = 3) -> tuple[CandidateSummary, ...]:
    found: dict[str, Candidate] = {}
    types: dict[str, Counter] = defaultdict(Counter)
    finders: dict[str, set] = defaultdict(set)
    for article in articles:
        for candidate in article.candidates:
            found.setdefault(candidate.key, candidate)
            types[candidate.key][candidate.type] += 1
            finders[candidate.key].add(candidate.source)
    groups = occurrences(articles, found)
    # Where a finder saw a name the repeat search cannot (an NER span across
    # a hyphen), keep the finder's own span.
    for article in articles:
        for candidate in article.candidates:
            spans = {(c.start, c.end) for a, c in groups[candidate.key] if a is article}
            if (candidate.start, candidate.end) not in spans:
                groups[candidate.key].append((article, candidate))
    summaries = []
    for key, items in groups.items():
        spellings = Counter(c.surface for _, c in items)
        shown = []
        for article, candidate in items[:examples]:
            block = next(b for b in article.parsed.blocks if b.start <= candidate.start < b.end)
            shown.append((f"seeds/{article.meta.source_file}", block.line, article.text[candidate.sentence_start : candidate.sentence_end]))
        summaries.append(
            CandidateSummary(
                key=key,
                name=sorted(spellings.items(), key=lambda kv: (-kv[1], kv[0]))[0][0],
                spellings=tuple(sorted(spellings)),
                type=sorted(types[key].items(), key=lambda kv: (-kv[1], kv[0]))[0][0],
                count=len(items),
                sources=tuple(sorted(finders[key])),
                examples=tuple(shown),
            )
        )
    return tuple(sorted(summaries, key=lambda s: (-s.count, s.key)))


def _yaml_text(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


# The first line of the review file: the build replaces only a file that starts with it.
CANDIDATES_HEADER = "# Names found in the articles that are not in dossier/entities.yaml."


def candidates_yaml(summaries: tuple[CandidateSummary, ...], ner_status: str) -> str:
    """The review file: entries in the gazetteer's format, with comments."""
    lines = [
        CANDIDATES_HEADER,
        "# Review each entry: give it an ASCII id, check the type, fill name_en,",
        "# wikidata and description, then paste it into dossier/entities.yaml",
        "# (or add the spelling as an alias of an entity that is already there).",
        f"# Named-entity recognition: {ner_status}",
        f"# {len(summaries)} candidates, most frequent first.",
        "",
    ]
    if not summaries:
        lines.append("[]")
    for number, summary in enumerate(summaries, start=1):
        lines += [
            f"# seen {summary.count} times; found by: {', '.join(summary.sources)}",
            *(f"#   {path}:{line}: {sentence}" for path, line, sentence in summary.examples),
            f"- id: candidate-{number}",
            f"  type: {summary.type}",
            f"  name_ar: {_yaml_text(summary.name)}",
            "  name_en: TODO",
            f"  aliases: [{', '.join(_yaml_text(s) for s in summary.spellings if s != summary.name)}]",
            "  wikidata: null",
            "  description: TODO",
            "",
        ]
    return "\n".join(lines)
