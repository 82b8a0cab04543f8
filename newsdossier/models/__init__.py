"""The bottom layer: the frozen, typed values the stages hand each other.

Nothing here reads or writes files or knows a library beyond the standard
one. `errors` is how every layer reports bad input (``path:line: message``);
`inputs`, `curation`, `article` and `dossier` are the values of the pipeline's
stages, in the order they are made; `identity` hashes code and values for the
caches. Collections are tuples, sorted by a stable key by the stage that
builds them, so that equal inputs give equal values and byte-identical sites.
"""
