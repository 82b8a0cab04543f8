"""newsdossier: Arabic news articles in, an annotated, cross-linked site out.

The package is one subpackage per layer of the pipeline, and each imports
only from the layers below it (an import-linter contract in pyproject.toml,
checked by the tests):

    cli       the `newsdossier` command: build, serve, add
    build     the pipeline, its caches, worker processes, atomic output, search
    site      page types, templates' data, publishing files, data export
    analysis  links across articles: backlinks, comparisons, networks, candidates
    language  Arabic processing on camel-tools: parse, normalise, tag, quote
    inputs    reading the project: files, YAML, the curation's schema, notes
    models    the frozen values passed between stages, and errors
"""
