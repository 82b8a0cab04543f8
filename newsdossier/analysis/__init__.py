"""Analysis across articles, once every article is tagged.

`linking` builds the `Dossier`: backlinks, counts, spellings and outlets;
`comentions` says which entities share a sentence (linking and `network`
count the same pairs); `compare` sets two summits' coverage side by side;
`network` lays out the co-mention graph; `timeline` orders summits and
articles by date; `candidates` gathers the names the gazetteer lacks into
the analyst's review file.
"""
