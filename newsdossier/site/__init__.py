"""The website: pages, publishing files and the data export.

`pages/` holds one module per page type, each declaring its template, its
paths and what it is made from; `render` gathers every output (pages,
`publish`ing files, the `export`ed data, `files` copied as they are)
before any is made, refuses two outputs at one path, and makes each one
while `lookups` records what it reads, so that the next build can reuse a
page none of whose inputs changed. `arabic` formats dates, counts and
labels; `fragments` builds the HTML pieces too many for a template loop;
`markdown` renders notes; `environment` is the Jinja environment; `urls`
says where each page lives.
"""
