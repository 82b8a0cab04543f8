"""Taking back a known place inside a longer unknown name, as a step of its
own: «مضيق تايوان» and «إذاعة الصين الدولية» are names the gazetteer lacks,
and neither is a mention of Taiwan or China.

The tagger has found every known name; this step finds the longer names
that hold a known place (`patterns.feature_places`, and the
`patterns.institutions` with a place inside), proposes each as a candidate
and removes the mentions inside it. It runs right after tagging, before
anything uses the mentions (the other finders, roles, quotations), so that
no later step counts Taiwan there. An institution's name ends after the
place and the adjectives right after it («إذاعة الصين الدولية», not «…
الدولية الخبر»): the model, which cuts other patterns' names, has not run
yet. An event named by its place is about that place («قمة بكين» is a
summit in Beijing): its place stays a mention, and the event is not proposed.
"""

from __future__ import annotations

from dataclasses import replace

from ...models.article import Article
from ...models.kinds import EntityType
from ..normalize import match_key
from ..tokens import tokenize
from .patterns import LongerName, feature_places, institutions
from .shapes import adjective


def take_back(article: Article, types: dict[str, EntityType]) -> Article:
    """The article with the longer names as candidates, and without the
    mentions of known places inside them."""
    longer = [
        *feature_places(article, types),
        *(
            _ending_after_place(n, article.text)
            for n in institutions(article, types)
            if n.inside and n.candidate.type is not EntityType.EVENT
        ),
    ]
    if not longer:
        return article
    taken = {m for name in longer for m in name.inside}
    kept = []
    for name in sorted(longer, key=lambda n: (n.candidate.start, -n.candidate.end)):
        if not kept or name.candidate.start >= kept[-1].end:
            kept.append(name.candidate)
    return replace(
        article,
        mentions=tuple(m for m in article.mentions if m not in taken),
        candidates=tuple(sorted([*article.candidates, *kept], key=lambda c: (c.start, c.end))),
    )


def _ending_after_place(name: LongerName, text: str) -> LongerName:
    """The name cut after its last known place and the adjectives right after it."""
    found = name.candidate
    end = max(m.end for m in name.inside)
    for token in tokenize(text, end, found.end):
        if not adjective(token.key, text[token.start : token.end]):
            break
        end = token.end
    surface = text[found.start : end]
    return LongerName(replace(found, end=end, surface=surface, key=match_key(surface)), name.inside)
