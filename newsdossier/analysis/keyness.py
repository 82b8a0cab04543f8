"""What one part of the coverage names (or writes) more than the rest: the log-odds
ratio with an informative Dirichlet prior (Monroe, Colaresi and Quinn 2008,
"Fightin' Words"), as a z-score.

Raw counts put China, Russia, Putin and Xi at the top of every outlet: they
are what the whole dossier is about. The z-score of a name compares its
odds in one outlet's articles with its odds in all the others, shrunk
towards its share of the whole dossier (the prior), so that a name seen
twice in one short article does not outrank one seen forty times.
"""

from __future__ import annotations

import math
from collections import Counter

from ..models.dossier import Keyness

# A difference is significant when its z-score passes this (one-sided,
# about the 5 % level) and the outlet wrote the name or word at least
# MIN_COUNT times. Below it a name may still lead the outlet's list: it is
# shown as a leaning of these articles, not as a finding.
Z_THRESHOLD = 1.96
MIN_COUNT = 2


def distinctive(part: Counter, whole: Counter, limit: int, whole_total: int) -> tuple[Keyness, ...]:
    """What `part` uses more than the rest of `whole` (which includes it)
    does: every key with a positive z-score, strongest first (ties by key),
    at most `limit`, each marked significant or not. `whole_total`: the
    sum of `whole` (the caller keeps it: not summed again for each part)."""
    # `whole` counts `part` too: the rest is their difference, read only for
    # the keys of `part` (not a copy of `whole`, the dossier's every word,
    # for each outlet).
    n_part, n_whole = sum(part.values()), whole_total
    n_rest = n_whole - n_part
    if not n_part or not n_rest:
        return ()
    rest = {key: whole[key] - count for key, count in part.items()}
    scored = []
    for key, count in part.items():
        # The prior: the key's count in the whole dossier (α0 = all counts).
        alpha, alpha0 = whole[key], n_whole
        in_part = math.log((count + alpha) / (n_part + alpha0 - count - alpha))
        in_rest = math.log((rest[key] + alpha) / (n_rest + alpha0 - rest[key] - alpha))
        z = (in_part - in_rest) / math.sqrt(1 / (count + alpha) + 1 / (rest[key] + alpha))
        if z > 0:
            significant = z >= Z_THRESHOLD and count >= MIN_COUNT
            scored.append(Keyness(key, count, rest[key], round(z, 2), significant))
    return tuple(sorted(scored, key=lambda k: (-k.z, k.key))[:limit])
