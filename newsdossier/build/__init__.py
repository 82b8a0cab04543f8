"""The build: the pipeline and what it keeps between runs.

`pipeline.build` runs the stages in order with one `BuildOptions`;
`workers` analyses articles in parallel; `cache` keeps the analysed
articles and the previous build's manifest (memos, never inputs);
`output` writes the site whole or not at all, into a folder only it may
replace; `search` indexes the written pages with Pagefind.
"""
