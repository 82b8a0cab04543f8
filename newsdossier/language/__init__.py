"""Arabic language processing: everything built on camel-tools.

`camel` is the only module that imports camel-tools. `spelling` holds the
Arabic spelling rules, once (letters, folds, proclitics). On them:
`normalize` (match keys), `tokens` (words, sentences, spans), `gazetteer`
(names by match key, checked), `morphology` (proclitic segmentation),
`parse` (a seed's lines classified into content and boilerplate),
`tagging` (mentions), `quotes` (quotations and speakers), `names` (names
the gazetteer lacks: finders, the take-back of known places inside longer
names, the forms of one name, repeats), `ner` (the shipped model), `dates`
and `proposals` (a summit and date for an uncurated article). `steps`
declares the per-article sequence and its identity, which the article
cache uses.
"""
