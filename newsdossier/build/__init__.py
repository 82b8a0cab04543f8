"""The build: the pipeline and what it keeps between runs.

`pipeline.build` runs the stages in order with one `BuildOptions`;
`workers` analyses articles on the executor `executors` gives (forked
processes, or a Dask cluster), caching each as it comes back; `cache` keeps the analysed
articles and the previous build's manifest (memos, never inputs);
`staging` writes the site whole or not at all, `swap` puts it in place in
one step and recovers after a killed build, `site_folder` decides which
folder the build may replace (its marker), `locks` keeps builds and the
analyst's commands from writing at once, `files` replaces single files
and writes the reports; `search` writes the search index of the written
pages. `pool` runs the worker processes, and `signals` turns Ctrl+C,
SIGTERM and SIGHUP into one clean stop.
"""
