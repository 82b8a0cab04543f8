"""Every stage stays near-linear in its input: run on inputs of growing size,
its time grows about as fast as the input, never with its square.

Each case builds an input of size n and of size 4n (outside the timing) and
times the stage on both, best of three runs. Linear work takes about 4 times
as long on the larger input; quadratic work 16 times. The bound, 9 times,
leaves room for a noisy machine and still catches anything quadratic. The
inputs are the worst shapes found for each stage: thousands of quotations
in one paragraph, hundreds of names in one sentence, a run of dots on one
line, aliases expanded in YAML.
"""

from __future__ import annotations

import datetime as dt
import gc
import time

import pytest

from bench.synthetic import make_dossier, seed_paragraphs
from newsdossier.analysis.candidates import summarise
from newsdossier.analysis.linking import link_dossier
from newsdossier.inputs.notes import wiki_links
from newsdossier.inputs.project import read_sources
from newsdossier.inputs.yamlfile import load_yaml
from newsdossier.language.gazetteer import Gazetteer
from newsdossier.language.names.combine import worth_proposing
from newsdossier.language.names.lexicon import Lexicon
from newsdossier.language.names.model import name_runs
from newsdossier.language.names.patterns import _institution_spans, institutions
from newsdossier.language.normalize import match_key
from newsdossier.language.steps import ArticleAnalysis
from newsdossier.language.tokens import tokenize
from newsdossier.models.article import Candidate
from newsdossier.models.curation import ArticleMeta, Curation, Entity, SiteConfig, Summit
from newsdossier.models.dates import PartialDate
from newsdossier.models.inputs import SourceFile
from newsdossier.models.kinds import CandidateSource, EntityType
from newsdossier.site.outputs import make_output, plan_site
from tests.helpers import ROOT, build_site

BOUND = 9.0
TEMPLATES = read_sources(ROOT).templates
LETTERS = "بتثجحخدذرزسشصضطظعغفق"
PLACES = [f"مدينة{LETTERS[i % 20]}{LETTERS[i // 20 % 20]}{LETTERS[i // 400 % 20]}" for i in range(4000)]
ENTITIES = tuple(
    sorted(
        [
            Entity(f"p{i}", EntityType.PLACE, name, f"P{i}", (), None, "مكان.", 1)
            for i, name in enumerate(PLACES)
        ]
        + [Entity("putin", EntityType.PERSON, "فلاديمير بوتين", "Putin", ("بوتين",), None, "رئيس.", 1)],
        key=lambda e: e.id,
    )
)
ANALYSE = ArticleAnalysis(ENTITIES).make()
SUMMIT = Summit("s", "قمة", "Summit", dt.date(2024, 5, 16), dt.date(2024, 5, 17), "p0", "ملخص.")


def meta(name: str = "a") -> ArticleMeta:
    return ArticleMeta(
        name, f"{name}.txt", "s", PartialDate(2024, 5, 16), None, "منبر", (), None, (), True, 1
    )


def seed(text: str, name: str = "a") -> SourceFile:
    return SourceFile(f"seeds/{name}.txt", text.encode("utf-8"))


def best_time(run, value) -> float:
    """The best of three runs, without the garbage collector's pauses, in
    this process's CPU seconds: a ratio of wall times moved with whatever
    else the machine was running (other tests, other builds), and these
    stages run in this process."""
    times = []
    gc.collect()
    gc.disable()
    try:
        for _ in range(3):
            started = time.process_time()
            run(value)
            times.append(time.process_time() - started)
    finally:
        gc.enable()
    return min(times)


def growth(setup, run, n: int) -> float:
    """How much longer the stage takes on 4n than on n."""
    small = setup(n)
    while best_time(run, small) < 0.05 and n < 10**6 // 4:  # long enough to time
        n *= 2
        small = setup(n)
    return best_time(run, setup(4 * n)) / best_time(run, small)


# ------------------------------------------------------------- the stages


def lines_article(n):
    shapes = [
        "قال بوتين إن العلاقات قوية.",
        "عنوان قصير",
        "." * 40 + "x",
        "13-7-2025 | 17:21",
        "اقرأ أيضا",
        "• نقطة أولى",
    ]
    return seed("\n".join(shapes[i % len(shapes)] for i in range(n)))


def one_long_line(n):
    return seed("عنوان\n" + "." * n + "x\n" + "ب -" * n)


def one_sentence_of_names(n):
    return seed("عنوان\n" + "، ".join(PLACES[i % len(PLACES)] for i in range(n)) + " وبوتين.")


def quotations_in_one_paragraph(n):
    return seed(
        "عنوان\n" + " ".join(f'وقال بوتين: «هذه عبارة رقم {i} طويلة»، وأضاف: " ثم' for i in range(n)) + "."
    )


def titles_in_one_block(n):
    return seed(
        "عنوان\n"
        + " ".join(f"التقى وزير الخارجية الروسي سيرغي لافروف{chr(0x0628 + i % 20)} ثم" for i in range(n))
        + "."
    )


def articles_with_candidates(n):
    return tuple(
        ANALYSE(
            seed(
                f"عنوان {i}\n"
                f"وصل الوزير سيرغي لافروف{chr(0x0628 + i % 20)} إلى مدينة هاربين{chr(0x0628 + i % 7)}.",
                f"a{i}",
            ),
            meta(f"a{i}"),
        )
        for i in range(n)
    )


def curation_of(articles):
    return Curation(SiteConfig("ملف", "وصف.", None), (SUMMIT,), tuple(a.meta for a in articles), ENTITIES)


def a_sentence_naming_many(n):
    # n different names in one sentence (a list of places), in each of 10 articles.
    text = "عنوان\n" + "، ".join(PLACES[:n]) + "."
    return tuple(ANALYSE(seed(text, f"a{i}"), meta(f"a{i}")) for i in range(10))


def entities_yaml(n):
    items = "".join(
        f"- id: e{i}\n  type: place\n  name_ar: مكان {i}\n  name_en: P{i}\n  aliases: [&a{i} اسم {i}]\n"
        "  wikidata: null\n  description: وصف.\n"
        for i in range(n)
    )
    return SourceFile("dossier/entities.yaml", items.encode("utf-8"))


def gazetteer_entities(n):
    return tuple(
        Entity(f"e{i}", EntityType.PLACE, f"مكان {i}", "P", (f"اسم {i}", f"بلد {i}"), None, "", 1)
        for i in range(n)
    )


def long_note(n):
    return "\n".join(
        f"فقرة عن [[بوتين]] و`[[كود]]` رقم {i}." + ("\n\n```\n[[x]]\n```\n" if i % 10 == 0 else "")
        for i in range(n)
    )


def dossier_of(n):
    seeds = tuple(seed(f"عنوان {i}\nقال بوتين في {PLACES[i % 50]} إن الحوار مهم.", f"a{i}") for i in range(n))
    articles = tuple(ANALYSE(s, meta(f"a{i}")) for i, s in enumerate(seeds))
    return link_dossier(curation_of(articles), articles), seeds


def render_all(dossier_and_seeds):
    dossier, seeds = dossier_and_seeds
    plan = plan_site(dossier, TEMPLATES, seeds)
    for output in plan.outputs:
        make_output(plan, output)


def institutions_among_names(n):
    # An institution named before a known place, n times in one block: each
    # one was compared with every mention of the article.
    text = (
        "عنوان\n" + " ".join(f"وكالة الأنباء الرسمية في {PLACES[i % len(PLACES)]} و" for i in range(n)) + "."
    )
    return ANALYSE(seed(text), meta())


TYPES = {e.id: e.type for e in ENTITIES}
COMMON = Lexicon(words={match_key("تاريخ"): (60, 1), match_key("جزيرة"): (60, 1)})


def runs_in_one_sentence(n):
    # The model's names in one sentence of n of them (a page pasted without
    # its stops): each run read the keys of the whole sentence again.
    text = " ".join(["دخل محمد صلاح تاريخ النادي"] * n)
    tokens = tokenize(text, 0, len(text))
    labels = ["O", "B-PERS", "I-PERS", "I-PERS", "O"] * n
    return text, tokens, labels, [0.9] * len(tokens)


def model_names_with_chances(n):
    # n names only the model saw, each a definite common noun: the lowest
    # chance inside each was looked for among every word of the article.
    text = " ".join(["الجزيرة"] * n)
    tokens = tokenize(text, 0, len(text))
    sure = {t.start: 0.5 for t in tokens}
    names = [
        Candidate(
            t.start, t.end, "الجزيرة", match_key("الجزيرة"), EntityType.PLACE, CandidateSource.NER, 0, 1
        )
        for t in tokens
    ]
    return text, names, sure


CASES = {
    "parse and tag: lines of every shape": (lines_article, lambda s: ANALYSE(s, meta()), 200),
    "parse: one long line": (one_long_line, lambda s: ANALYSE(s, meta()), 5000),
    "tag: names in one sentence": (one_sentence_of_names, lambda s: ANALYSE(s, meta()), 100),
    "quotations in one paragraph": (quotations_in_one_paragraph, lambda s: ANALYSE(s, meta()), 50),
    "candidates: titles in one block": (titles_in_one_block, lambda s: ANALYSE(s, meta()), 50),
    "candidates: institutions among names": (
        institutions_among_names,
        # The scan of the words is remembered per article (both steps ask):
        # forgotten before each run, so that it is timed, not the memo.
        lambda article: (_institution_spans.cache_clear(), institutions(article, TYPES))[1],
        100,
    ),
    "candidates: the model's runs in one sentence": (
        runs_in_one_sentence,
        lambda case: name_runs(*case, COMMON),
        100,
    ),
    "candidates: the model's chances inside names": (
        model_names_with_chances,
        lambda case: [worth_proposing(name, case[0], case[2], COMMON) for name in case[1]],
        100,
    ),
    "candidates across articles": (articles_with_candidates, summarise, 20),
    "co-mentions: a list of names": (a_sentence_naming_many, lambda a: link_dossier(curation_of(a), a), 25),
    "YAML with aliases": (entities_yaml, load_yaml, 100),
    "gazetteer": (gazetteer_entities, Gazetteer, 100),
    "wiki links of a note": (long_note, wiki_links, 100),
    "render the site": (dossier_of, render_all, 10),
}


@pytest.mark.parametrize("stage", CASES, ids=list(CASES))
def test_time_grows_about_linearly(stage):
    setup, run, n = CASES[stage]
    assert growth(setup, run, n) < BOUND


def one_line_project(folder, size: int, stops: bool):
    """A dossier of one article: a title, then `size` bytes of the seeds'
    prose on one line (with its stops, or with none: one sentence)."""
    project = make_dossier(folder, 1)
    paragraphs, parts, total = seed_paragraphs(), [], 0
    while total < size:
        paragraph = paragraphs[len(parts) % len(paragraphs)]
        paragraph = paragraph if stops else "".join(c for c in paragraph if c not in ".،؟!:")
        parts.append(paragraph)
        total += len(paragraph.encode("utf-8")) + 1
    next((project / "seeds").glob("*.txt")).write_text("عنوان\n\n" + " ".join(parts) + "\n", encoding="utf-8")
    return project


@pytest.mark.parametrize("stops", [True, False], ids=["sentences", "no stops"])
def test_a_long_one_line_article_builds_in_time_linear_in_its_length(tmp_path, stops):
    """The whole build, from reading to the search index, of one article on
    one line at 1.9 MB (under the 2 MB limit) and at a quarter of that. The
    build's fixed costs (imports, the model, the templates) are measured on
    a short article and taken off, so the ratio is that of the work that
    grows with the line: about 4 when linear, 16 when quadratic."""

    def seconds(size: int) -> float:
        project = one_line_project(tmp_path / f"p{size}-{stops}", size, stops)
        started = time.process_time()  # CPU seconds, as `best_time`: one article is built in this process
        build_site(project, cache=False)
        return time.process_time() - started

    fixed = min(seconds(2_000), seconds(2_000))
    small, large = seconds(475_000) - fixed, seconds(1_900_000) - fixed
    assert large / small < BOUND, (fixed, small, large)
