"""Arabic full-text search: the index written by the build itself, segment
by segment (`site.search_segments`), each made again only when its pages
changed.

It runs inside the output stage, on the staging folder before it is
swapped in, like every other output, and is reused as an output is: a
segment's key is the code's version and its pages (kinds and ids), and
what its pages give the index (`site.search_text.SearchDoc`) is made
through the view's recording tables; a segment whose key is the one the
previous build recorded and none of whose rows changed is taken from the
previous site as it is (hard links), so adding an article re-indexes the
last segment only, without making every page's `SearchDoc` to find that
out. Segments are indexed over the cores (forked workers, as the pages are
rendered), each written into the staging folder by the worker that made
it. The bytes depend on the pages alone: a full build and any rebuild
write the same files.
"""

from __future__ import annotations

from ..models.identity import code_version, digest
from ..site.lookups import recording
from ..site.outputs import OutputRecord, PreviousBuild
from ..site.search_index import FORMAT, INDEX, NAMES, index_json, index_segment, names_json, segment_info
from ..site.search_segments import Segment, search_segments, segment_docs
from .pool import WorkerPool, can_fork
from .staging import StagedSite

_job = None  # (the view, the fresh segments with their keys, staged): set before forking


def index_search(
    staged: StagedSite, view, previous: PreviousBuild | None, processes: int
) -> dict[str, OutputRecord]:
    """Index every segment into the staging folder (or keep the previous
    build's where its key and reads are unchanged), write index.json and
    names.json, count the files in `staged`, and return each segment's
    record (its key and the table rows its pages were read from) for the
    next build."""
    global _job
    records, infos, fresh = {}, {}, []
    for segment in search_segments(view):
        key = digest(FORMAT, code_version(), segment)
        old = _unchanged(view, segment, key, previous)
        info = _keep(staged, segment.folder) if old is not None else None
        if info is not None:
            records[segment.folder], infos[segment.folder] = old, info
            continue
        fresh.append((segment, key))
    # Each fresh segment's docs are made where it is indexed, and let go
    # with it: made all at once in this process before forking, they were
    # 50 MB at 10,000 articles, in this process and in every worker.
    _job = (view, fresh, staged)
    try:
        if processes > 1 and len(fresh) > 1 and can_fork():
            with WorkerPool(min(processes, len(fresh))) as pool:
                made = list(pool.imap(_index, range(len(fresh))))
        else:
            made = [_index(i) for i in range(len(fresh))]
    finally:
        _job = None
    for folder, info, written, record in made:
        infos[folder], records[folder] = info, record
        for path, changed in written:
            staged.add(path, changed)
    segments = [(s.folder, infos[s.folder]) for s in search_segments(view)]
    staged.write(INDEX, index_json(view, segments))
    staged.write(NAMES, names_json(view))
    return records


def _unchanged(view, segment: Segment, key: str, previous: PreviousBuild | None) -> OutputRecord | None:
    """The previous build's record of a segment when its key and every row
    its pages read are unchanged: its files can be kept. The rows' digests
    are the ones the pages' reuse compares (an article's is taken once a
    build), so a segment is checked without making its pages' `SearchDoc`s."""
    old = previous.record(segment.folder) if previous is not None else None
    if old is not None and old.key == key and view.tables.unchanged(old.reads, previous.digest, previous):
        return old
    return None


def _index(number: int) -> tuple[str, dict, list[tuple[str, bool]], OutputRecord]:
    """Index one segment into the staging folder (in a worker, or not), and
    its record: its key and the rows its pages' docs were made of."""
    view, fresh, staged = _job
    segment, key = fresh[number]
    with recording() as reads:  # what its pages give the index is made of these rows
        numbers = {s: n for n, s in enumerate(view.order["summits"])}  # docs.json numbers them
        docs = segment_docs(view, segment)
    index = index_segment(docs, numbers)
    del docs
    written = []
    for name, data in sorted(index.files.items()):
        path = segment.folder + name
        written.append((path, staged.put(path, data)))
    return segment.folder, index.info, written, OutputRecord(key, tuple(sorted(reads.reads)))


def _keep(staged: StagedSite, folder: str) -> dict | None:
    """The previous site's copy of a segment, linked into the staging
    folder; None (and nothing linked) when it is missing or not whole."""
    old = staged.target / folder
    if old.is_symlink() or not old.is_dir():
        return None
    files = sorted(p for p in old.iterdir() if not p.is_dir())
    if any(p.is_symlink() or not p.is_file() for p in files) or not (old / "docs.json").is_file():
        return None
    try:
        info = segment_info((old / "docs.json").read_bytes())
    except OSError:
        return None
    paths = [p.relative_to(staged.target).as_posix() for p in files]
    if info is None or not all(staged.keep(path) for path in paths):
        for path in paths:  # a file vanished meanwhile: index the segment afresh
            (staged.folder / path).unlink(missing_ok=True)
        return None
    for path in paths:
        staged.add(path, False)
    return info
