"""Every output of the site, gathered first, then made one by one.

`plan_site` gathers all outputs before any is made (as MkDocs gathers all
pages first): the pages of every page type, then the files copied as they
are, the data export and the publishing files (last, because the sitemap
lists the pages). Two outputs at one path are an error here, before
anything is made or written.

`make_output` then makes one output while the view's tables record what it
reads (the build layer spreads the outputs over the cores). An output
whose declared data and every read are the same as in the previous build
(compared by digest) is not made again: the previous build's file is its
file.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from itertools import islice, repeat
from operator import and_, attrgetter, eq, getitem, itemgetter
from pathlib import Path
from typing import NamedTuple, Protocol

import jinja2

from ..analysis.linking import Versions
from ..language.gazetteer import Gazetteer
from ..models.collector import while_paused
from ..models.dossier import Dossier
from ..models.errors import DossierError
from ..models.identity import code_version, digest
from ..models.inputs import SourceFile
from .environment import make_environment
from .export import export_files
from .files import copied_files
from .lookups import recording
from .pages import Page, making_order, page_type_name, page_types
from .publish import absolute, json_ld, publishing_files
from .urls import root_prefix
from .view import SiteView


class Output(NamedTuple):
    """One file of the site. (A NamedTuple: 35,000 are made at 10,000
    articles, and a frozen dataclass's `__init__`, a call of
    `object.__setattr__` for each field, took twice as long.)"""

    path: str
    made_from: object  # declared data: part of the key
    make: Callable[[], bytes]  # reads the dossier only through the view's tables
    maker: str  # the page type or emitter, for messages


class OutputRecord(NamedTuple):
    """What the previous build knew of an output: its key and its reads.
    (A NamedTuple: the reuse check makes one of the manifest's (key, reads)
    for each output it keeps, 35,000 at 10,000 articles, by `_make`: a
    frozen dataclass's took four times as long.)"""

    key: str
    reads: tuple[str, ...]


class PreviousBuild(Protocol):
    """The previous site as the build layer keeps it (see build.manifest)."""

    def record(self, path: str) -> OutputRecord | None: ...

    def digest(self, read: str) -> str | None: ...

    def exists(self, path: str) -> bool: ...

    def same_reads(self, same: Callable[[Mapping[str, str]], Iterable[str]]) -> frozenset[str]:
        """The recorded reads that `same` finds as they were (given every read's recorded digest)."""
        ...

    def records(self) -> Mapping[str, tuple[str, tuple[str, ...]]]:
        """Every output's recorded (key, reads), by path."""
        ...


@dataclass(frozen=True)
class SitePlan:
    view: SiteView
    outputs: tuple[Output, ...]  # sorted by path
    identity: str  # the code and templates every key includes
    environment: jinja2.Environment | None = None  # the pages' templates (`load_templates`)

    def key(self, output: Output) -> str:
        """An output's key: `digest(identity, made_from)`, the identity's
        part hashed once for the plan, not once for each of 35,000 outputs."""
        hasher = self._identity_hasher().copy()
        hasher.update(f"{output.made_from!r})".encode())
        return hasher.hexdigest()

    def keys(self) -> list[str]:
        """`key` of every output, in order, made by one chain of C calls
        (`map`): no Python frame for each of 35,000 outputs. The same text
        is hashed: `digest` hashes the repr of "(identity, made_from)"."""
        texts = map(f"({self.identity!r}, ".__add__, map(repr, map(_made_from, self.outputs)))
        encoded = map(str.encode, map(str.__add__, texts, repeat(")")))
        return list(map(_hex, map(hashlib.sha256, encoded)))

    def _identity_hasher(self):
        # `digest` hashes the repr of its arguments' tuple: "(identity, made_from)".
        found = _identity_hashers.get(self.identity)
        if found is None:
            found = _identity_hashers[self.identity] = hashlib.sha256(f"({self.identity!r}, ".encode())
        return found

    def making_order(self, indices: list[int]) -> list[int]:
        """`indices` (of outputs, in path order) in the order the outputs
        are best made in (`pages.making_order`)."""
        order = making_order(self.view, [self.outputs[i].path for i in indices])
        return [indices[i] for i in order]

    def load_templates(self) -> None:
        """Every page type's template loaded (compiled, or read from the
        compiled copies), with the templates they extend and import: done
        before workers are forked, each inherits them; otherwise each
        worker compiled every template again (0.3 s of CPU each on a cold
        build), which is what made two workers slower than one at 495
        files."""
        if self.environment is not None:
            load_every_template(self.environment)


def load_every_template(env: jinja2.Environment) -> None:
    """Every template of `env` loaded: compiled, or read from its bytecode
    cache (and put there when compiled)."""
    for name in env.loader.list_templates():
        # A template with an error is reported by the page that renders
        # it, at its line (`_page_output`); one no page uses, never.
        with contextlib.suppress(jinja2.TemplateError):
            env.get_template(name)


# A record of the manifest's (key, reads), made in C (`tuple.__new__`: the
# NamedTuple's `_make` is a Python call, 35,000 of them at 10,000 articles).
_record = functools.partial(tuple.__new__, OutputRecord)
_made_from = attrgetter("made_from")
_hex = type(hashlib.sha256()).hexdigest  # a hash's hexdigest, as a function of the hash
_key_of, _reads_of = itemgetter(0), itemgetter(1)
# What a path with no record is compared as: no key equals "", and no read
# is named "\0" (a read is "table:key"), so it is never kept.
_NO_RECORD = ("", ("\0",))

# The identity's part of every key, hashed once (see `SitePlan.key`).
_identity_hashers: dict[str, object] = {}


def _page_outputs(template: Callable[[], jinja2.Template], view: SiteView, module) -> list[Output]:
    """The outputs of a page type's pages (10,000 article pages at 10,000
    articles: each made with no more than its `Output` and what it calls)."""
    name, maker = module.TEMPLATE, page_type_name(module)
    return [
        Output(
            page.path, (name, page.made_from), functools.partial(_render, template, view, module, page), maker
        )
        for page in module.pages(view)
    ]


def _render(template: Callable[[], jinja2.Template], view: SiteView, module, page: Page) -> bytes:
    """A page's bytes: its template given its variables and the site's."""
    context = page.context()
    ld, root = context.pop("ld", None), context.pop("root", root_prefix(page.path))
    try:
        html = template().render(
            root=root,
            canonical=absolute(view.site.base_url, page.path),
            json_ld=json_ld(ld) if ld else None,
            site=view.site,
            entities=view.entities,
            articles=view.articles,
            summits=view.summits,
            **context,
        )
    except jinja2.TemplateError as error:
        name = getattr(error, "name", None) or module.TEMPLATE
        raise DossierError(
            f"templates/{name}", getattr(error, "lineno", None), f"template error: {error.message}"
        ) from None
    except DossierError:
        raise
    except Exception as error:  # a template that does what its data does not allow
        where = _template_frame(error.__traceback__)
        if where is None:
            raise
        raise DossierError(where[0], where[1], f"template error: {type(error).__name__}: {error}") from None
    return html.encode("utf-8")


def _template(env: jinja2.Environment, name: str) -> Callable[[], jinja2.Template]:
    """A page type's template, looked up by its first page in each process
    (a worker that makes none of its pages never compiles it), then held:
    not looked up again for each of thousands of pages."""
    return functools.cache(functools.partial(env.get_template, name))


def _template_frame(traceback) -> tuple[str, int] | None:
    """The innermost template file and line in a traceback, if any."""
    found = None
    while traceback is not None:
        filename = traceback.tb_frame.f_code.co_filename
        if filename.startswith("templates/"):
            found = (filename, traceback.tb_lineno)
        traceback = traceback.tb_next
    return found


@while_paused  # (a few hundred thousand objects, no cycle: `models.collector`)
def plan_site(
    dossier: Dossier,
    templates: tuple[SourceFile, ...],
    seeds: tuple[SourceFile, ...],
    gazetteer: Gazetteer | None = None,
    template_cache: Path | None = None,
    article_keys: Mapping[str, str] | None = None,
    versions: Versions | None = None,
) -> SitePlan:
    """Every output of the site. `template_cache`: a folder where compiled
    templates are kept between builds (the build's cache); `article_keys`:
    each article's analysis cache key, by id, and `versions`, those of the
    entities', summits' and speakers' rows (see `SiteView`)."""
    view = SiteView(dossier, gazetteer, article_keys, versions)
    env = template_environment(templates, template_cache)
    outputs = []
    for module in page_types():
        outputs += _page_outputs(_template(env, module.TEMPLATE), view, module)  # one template for all
    copied = copied_files(view, seeds, templates)
    files = [*copied.raw, *copied.assets, *export_files(view, copied.raw)]
    files += publishing_files(view, [o.path for o in outputs])
    outputs += [Output(path, made_from, make, "files") for path, made_from, make in files]
    ordered = sorted(outputs, key=_path)
    paths = list(map(_path, ordered))
    if any(map(eq, paths, islice(paths, 1, None))):  # two at one path: side by side once sorted
        _refuse_shared_paths(outputs)
    identity = digest(code_version(), [(t.path, t.data) for t in templates])
    return SitePlan(view, tuple(ordered), identity, env)


_path = attrgetter("path")


def _refuse_shared_paths(outputs: list[Output]) -> None:
    """The first output of `outputs` at a path an earlier one has, as an error."""
    claimed: dict[str, str] = {}
    for output in outputs:
        if output.path in claimed:
            raise DossierError(
                output.path,
                None,
                f"two outputs would be written to this path (by `{claimed[output.path]}` and "
                f"`{output.maker}`)",
            )
        claimed[output.path] = output.maker


def template_environment(
    templates: tuple[SourceFile, ...], template_cache: Path | None
) -> jinja2.Environment:
    """The pages' environment, its compiled templates kept in `template_cache`
    (None: none kept)."""
    env = make_environment(templates)
    if template_cache is not None:
        env.bytecode_cache = _bytecode_cache(template_cache)
    return env


def compiled_templates_kept(template_cache: Path) -> bool:
    """Whether any template compiled by this version of the code is kept in
    `template_cache` (none after an upgrade, or once `.cache/` is deleted)."""
    version = _version_folder(template_cache)
    with contextlib.suppress(OSError):
        return any(_is_compiled(p.name) for p in version.iterdir())
    return False


def _version_folder(folder: Path) -> Path:
    return folder / code_version()[:16]


def _bytecode_cache(folder: Path) -> jinja2.BytecodeCache:
    """Jinja's compiled templates, kept in a folder of their own for each
    version of the code. Compiling the templates is a third of a second,
    paid by every build that makes a page. Jinja finds a template's code
    by its name and checks it against the template's source (an edited
    template is compiled again) and Jinja's and Python's versions; the code
    of the environment it was compiled for (its options, the names it is
    given) is not in its key, so the folder is the code's."""
    version = _version_folder(folder)
    if not version.is_dir():
        with contextlib.suppress(OSError):
            version.mkdir(parents=True, exist_ok=True)
            _forget_other_versions(folder, keep=version.name)
    return _CompiledTemplates(str(version))


def _forget_other_versions(folder: Path, keep: str) -> None:
    """The compiled templates of earlier versions of the code are of no use
    again: removed when a new version first compiles, so that `.cache/`
    does not grow with every upgrade. Only folders of Jinja's files: its
    compiled templates, and the temporaries of one whose writing was
    stopped (`__jinja2_<key>.cache<random>.tmp`, left by a compiling
    process killed mid-write)."""
    for other in folder.iterdir():
        if other.name == keep or other.is_symlink() or not other.is_dir():
            continue
        files = list(other.iterdir())
        if all(_is_jinjas(f.name) for f in files):
            for compiled in files:
                compiled.unlink()
            other.rmdir()


def _is_compiled(name: str) -> bool:
    """Whether a file is a template Jinja's bytecode cache compiled (`__jinja2_<key>.cache`)."""
    return name.startswith("__jinja2_") and name.endswith(".cache")


def _is_jinjas(name: str) -> bool:
    """Whether a file is one Jinja's bytecode cache writes: a compiled
    template, or the temporary of one whose writing was stopped
    (`_forget_other_versions`)."""
    return _is_compiled(name) or name.startswith("__jinja2_") and ".cache" in name and name.endswith(".tmp")


class _CompiledTemplates(jinja2.FileSystemBytecodeCache):
    """A memo: one that cannot be read or written only costs time."""

    def load_bytecode(self, bucket) -> None:
        with contextlib.suppress(Exception):
            super().load_bytecode(bucket)

    def dump_bytecode(self, bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


@dataclass(frozen=True)
class Made:
    path: str
    data: bytes | None  # None when reused: the previous build's file is this output
    record: OutputRecord

    @property
    def reused(self) -> bool:
        return self.data is None


def reused_record(
    plan: SitePlan, output: Output, previous: PreviousBuild | None, check_file: bool = True
) -> OutputRecord | None:
    """The previous build's record of an output when its key and every read
    it made are unchanged (and its file is still there, unless the caller
    checks that itself as it takes the file: `check_file`): the output need
    not be made; None otherwise."""
    old = previous.record(output.path) if previous is not None else None
    if (
        old is not None
        and old.key == plan.key(output)
        and plan.view.tables.unchanged(old.reads, previous.digest, previous)
        and (not check_file or previous.exists(output.path))
    ):
        return old
    return None


@while_paused  # (a few hundred thousand objects, no cycle: `models.collector`)
def reused_records(plan: SitePlan, previous: PreviousBuild | None) -> list[OutputRecord | None]:
    """`reused_record` (without the file check) for every output of the
    plan at once, in its order. Each read the previous build recorded is
    compared once (`same_reads`); a record is then kept by one set test and
    its key, not by a check of each of its reads. An output none of whose
    reads changed, whose declared data did not and whose record is there
    is kept; any other (new, a read changed or gone, a read the manifest
    has no digest for, another template or code: another key) is made.
    Every step is a `map` over all the outputs, in C: a Python loop, with a
    frame's worth of work for each of 35,000 outputs, was 0.10-0.12 s of
    CPU of an added article's build at 10,000 articles."""
    if previous is None:
        return [None] * len(plan.outputs)
    same = previous.same_reads(plan.view.tables.same_reads)
    olds = list(map(previous.records().get, map(_path, plan.outputs), repeat(_NO_RECORD)))
    kept = map(and_, map(eq, map(_key_of, olds), plan.keys()), map(same.issuperset, map(_reads_of, olds)))
    # (None, record)[kept]: the record when kept, else None. The record's own
    # reads (the very tuple): the manifest knows it unchanged by identity.
    return list(map(getitem, zip(repeat(None), map(_record, olds)), kept))


def make_output(plan: SitePlan, output: Output, previous: PreviousBuild | None = None) -> Made:
    """One output: reused when `reused_record` says so, else made while its
    reads are recorded."""
    old = reused_record(plan, output, previous)
    if old is not None:
        return Made(output.path, None, old)
    with recording() as recorder:
        data = output.make()
    return Made(output.path, data, OutputRecord(plan.key(output), tuple(sorted(recorder.reads))))
