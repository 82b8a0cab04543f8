"""Reading the project: the first stage, and the only one that reads files.

`project.read_sources` reads every input file as bytes; `readers` turns a
seed file into lines of text, with a reader chosen by the file's suffix;
`yamlfile` loads YAML with the line of every key; `curation` checks the
dossier's YAML against its schema; `notes` loads the analyst's Markdown
notes and finds their wiki links. Nothing here knows Arabic: name checks
that need match keys happen in the language layer.
"""
