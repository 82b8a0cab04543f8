"""Arabic language processing: everything built on camel-tools.

`camel` is the only module that imports camel-tools. On it: `normalize`
(match keys), `tokens` (words, sentences, spans), `gazetteer` (names by
match key, checked), `morphology` (proclitic segmentation), `parse` (a
seed's lines classified into content and boilerplate), `tagging`
(mentions), `quotes` (quotations and speakers), `candidates` (names the
gazetteer lacks), `dates` and `proposals` (a summit and date for an
uncurated article). `steps` declares the per-article sequence and its
identity, which the article cache uses.
"""
