"""``pag`` — the Policy Argument Graph command line.

A thin layer over :mod:`graph`: parse options, call the library, render.
Every library error becomes one ``Error: …`` line on stderr and exit code 2;
``pag validate`` exits 1 when the data does not conform.
"""

from __future__ import annotations

import errno
import gc
import json
import os
import signal
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, TypeVar

import click

import graph
from graph.errors import PagError
from graph.stores import Store, open_store
from graph.stores.factory import parse_spec

if TYPE_CHECKING:
    from graph.debate import Debate
    from graph.reports import Report

F = TypeVar("F", bound=Callable[..., Any])

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class PagGroup(click.Group):
    """A click group that turns library errors into one clean line."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except PagError as exc:
            click.echo(f"Error: {_inert(str(exc))}", err=True)
            ctx.exit(exc.exit_code)
        except BrokenPipeError:  # `pag export … | head`
            sys.stderr.close()
            ctx.exit(0)
        except OSError as exc:  # a full disk, a closed stdout, a file that vanished
            where = f"{exc.filename}: " if getattr(exc, "filename", None) else ""
            click.echo(f"Error: {_inert(where + (exc.strerror or str(exc)))}", err=True)
            ctx.exit(2)
        except RecursionError:
            click.echo("Error: the input is nested too deeply to be read", err=True)
            ctx.exit(2)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
            raise
        except MemoryError:
            click.echo("Error: out of memory; give a smaller input or narrow the question", err=True)
            ctx.exit(2)
        except Exception as exc:  # a fault of pag: still one line (PAG_DEBUG=1 shows the traceback)
            if os.environ.get("PAG_DEBUG"):
                raise
            text = _inert(f"{type(exc).__name__}: {exc}".splitlines()[0][:300])
            click.echo(f"Error: unexpected {text} (a bug in pag: please report it; PAG_DEBUG=1 shows where)", err=True)
            ctx.exit(2)


def _inert(text: str) -> str:
    from graph.safetext import inert

    return inert(text)


class _ClosedStream:
    """Stands for stdout when it was closed before pag started (``pag stats >&-``):
    writing to it is an error, not a silent success."""

    def write(self, _data: Any) -> int:
        raise OSError(errno.EBADF, "standard output is closed: redirect it or write with -o FILE")

    def fileno(self) -> int:
        raise OSError(errno.EBADF, "standard output is closed")

    def flush(self) -> None:
        pass

    def close(self) -> None:
        pass

    @property
    def buffer(self) -> _ClosedStream:
        return self

    def isatty(self) -> bool:
        return False


class State:
    """What the global options chose; the store (and the :class:`~graph.debate.Debate`
    around it, which the analysis commands ask) is opened on first use."""

    def __init__(
        self, spec: str | None, data: tuple[Path, ...], update_url: str | None, timeout: float, quiet: bool,
        no_curation: bool = False, project_dir: Path | None = None,
    ) -> None:  # fmt: skip
        self.spec = spec
        self.no_curation = no_curation
        self.data = list(data) if data else None
        self.update_url = update_url
        self.timeout = timeout
        self.quiet = quiet
        self.project_dir = project_dir
        self._project: Any = None
        self._store: Store | None = None
        self._debate: Debate | None = None

    def project(self) -> Any:
        """The debate project in use (``--project``, else found from the current folder), or None."""
        if self._project is None:
            from graph.project import find_project

            if self.project_dir is not None:
                found = find_project(self.project_dir)
                if found is None:
                    from graph.errors import InputError

                    raise InputError(f"{self.project_dir}: not a debate project (no pag.toml there or above); create one with `pag init DIR`")
                self._project = found
            else:
                self._project = find_project() or False
        return self._project or None

    def uses_project(self) -> bool:
        """Whether the store is the project's (no --store, --data or PAG_STORE says otherwise)."""
        return self.spec is None and self.data is None and self.project() is not None

    def store(self, *, create: bool = False) -> Store:
        """The store; ``create``: an ``oxigraph:PATH`` that does not exist yet is
        made (for commands that write), else it is an error."""
        if self._store is None:
            if self.uses_project():
                proj = self.project()
                if self.no_curation:  # the project's documents only, in memory
                    from graph.project import CURATION_GRAPH

                    files = [f for f in proj.data_files() if f != proj.graph_file(CURATION_GRAPH)]
                    self._store = open_store("memory", data=files)
                else:
                    self._store = proj.open_store(read_only=True)
                return self._store
            with progress_bar("Loading", quiet=self.quiet) as step:
                self._store = open_store(
                    self.spec,
                    data=self.data,
                    progress=step,
                    update_url=self.update_url,
                    timeout=self.timeout,
                    create=create,
                )
            if self.no_curation:
                self._leave_out_curation(self._store)
        return self._store

    def debate(self) -> Debate:
        """The library's front door over the store: the same calls as ``graph.open(...)``."""
        if self._debate is None:
            from graph.debate import Debate

            self._debate = Debate(self.store(), files=self.data)
        return self._debate

    def _leave_out_curation(self, store: Store) -> None:
        from graph.curation import CURATION_GRAPH
        from graph.errors import InputError

        kind = (self.spec or os.environ.get("PAG_STORE") or "memory").split(":")[0].lower()
        if kind not in {"memory", "rdflib"}:
            raise InputError(
                "--no-curation works on the in-memory stores (memory, rdflib), which it loads without the curation "
                f"graph; a {kind}: store is never changed by it. Query it with FILTER(?g != <{CURATION_GRAPH}>) instead"
            )
        store.update(f"DROP SILENT GRAPH <{CURATION_GRAPH}>")

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None
            self._debate = None


def wants_progress(quiet: bool, stream: Any) -> bool:
    """Whether to draw a progress bar on ``stream``: only on a terminal, never with
    -q (a pipe, a file or a closed stream gets none)."""
    if quiet or stream is None:
        return False
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError, OSError):
        return False


#: what `pag site`'s progress bar says at each step of graph.site.build_site
_SITE_STEPS = {"project": "Reading the graph", "analyse": "Analysing", "pages": "Writing pages", "write": "Publishing"}


@contextmanager
def site_progress(*, quiet: bool = False, stream: Any = None) -> Iterator[Callable[[str, int, int], None]]:
    """`pag site`'s progress on a terminal (stderr): one bar through the steps
    project, analyse, pages N/M, write; silent when piped or --quiet."""
    stream = sys.stderr if stream is None else stream
    if not wants_progress(quiet, stream):
        yield lambda _what, _done, _total: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=Console(file=stream),
        transient=True,
    ) as bar:
        task = bar.add_task(_SITE_STEPS["project"], total=1)

        def step(what: str, done: int, total: int) -> None:
            bar.update(task, description=_SITE_STEPS.get(what, what), completed=done, total=total)

        yield step


@contextmanager
def progress_bar(what: str, *, quiet: bool = False, total: int | None = None) -> Iterator[Callable[[Path, int], None]]:
    """A rich progress bar on a terminal (stderr); silent when piped or --quiet."""
    if not wants_progress(quiet, sys.stderr):
        yield lambda _path, _n: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[file]}"),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
    ) as bar:
        task = bar.add_task(what, total=total, file="")

        def step(path: Path, _n: int) -> None:
            bar.update(task, advance=1, file=Path(path).name)

        yield step


def state(ctx: click.Context) -> State:
    obj = ctx.find_object(State)
    assert obj is not None
    return obj


def _write_output(output: Path | None, writer: Callable[[IO[bytes]], None]) -> None:
    """Write to ``output`` atomically, or to stdout."""
    from graph.files import atomic_writer

    if output is None or str(output) == "-":
        if sys.stdout is None:
            raise OSError(errno.EBADF, "standard output is closed: redirect it or write with -o FILE")
        writer(sys.stdout.buffer)
        sys.stdout.buffer.flush()
        return
    with atomic_writer(output) as fh:
        writer(fh)


def _write_bytes(output: Path | None, data: bytes) -> None:
    """Write ``data`` to ``output`` atomically, or to stdout."""

    def write(fh: IO[bytes]) -> None:
        fh.write(data)

    _write_output(output, write)


def _emit_json(data: Any) -> None:
    click.echo(json.dumps(data, indent=2, ensure_ascii=False, sort_keys=False))


# ---------------------------------------------------------------------------
# the group


def _print_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    # read only when asked for (installed metadata is slow to import)
    if value and not ctx.resilient_parsing:
        click.echo(f"pag, version {graph.__version__}")
        ctx.exit()


@click.group(cls=PagGroup, context_settings=CONTEXT_SETTINGS)
@click.option(
    "-V",
    "--version",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=_print_version,
    help="Show the version and exit.",
)
@click.option(
    "--store",
    "spec",
    envvar="PAG_STORE",
    metavar="SPEC",
    help="Where the graph lives: memory (default: the bundled corpus in memory), rdflib "
    "(same, rdflib's slower engine), oxigraph:PATH (on disk, persists), oxigraph-ro:PATH "
    "(read-only), sparql:URL (a SPARQL 1.1 endpoint). Env: PAG_STORE.",
)
@click.option(
    "-d",
    "--data",
    multiple=True,
    type=click.Path(path_type=Path, allow_dash=True),
    help="Use these RDF files instead of the bundled corpus (memory/rdflib stores). Repeatable. "
    "'-' or /dev/stdin reads TriG from stdin.",
)
@click.option(
    "--update-url",
    envvar="PAG_SPARQL_UPDATE_URL",
    metavar="URL",
    help="With --store sparql:URL, a separate SPARQL update endpoint. Credentials come from "
    "PAG_SPARQL_USER / PAG_SPARQL_PASSWORD (PAG_SPARQL_AUTH=digest for Virtuoso).",
)
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=30.0, show_default=True, help="Seconds a request to a remote endpoint may take in all (a total deadline).")
@click.option("-q", "--quiet", is_flag=True, help="No progress bars.")
@click.option("--no-curation", is_flag=True, help="Leave out the curators' links between documents (the curation graph): only what each document states.")
@click.option("-C", "--project", "project_dir", type=click.Path(file_okay=False, path_type=Path), envvar="PAG_PROJECT", help="Use the debate project in DIR (default: the one the current folder is in, found as git does). Env: PAG_PROJECT.")
@click.pass_context
def pag(
    ctx: click.Context, spec: str | None, data: tuple[Path, ...], update_url: str | None, timeout: float, quiet: bool, no_curation: bool,
    project_dir: Path | None,
) -> None:  # fmt: skip
    """Policy Argument Graph: who argues what about a policy, on what evidence, and where it is said.

    Inside a debate project (a folder made by `pag init`, or one below it)
    every command uses the project's graph; elsewhere the bundled corpus (the
    US fentanyl / opioid policy debate) is used, unless --store or --data says
    otherwise. Start with:

    \b
      pag search "enforcement surge"        # find a policy, actor or quote by your words
      pag actor Sessions Barr Trump         # what each asserts, backs and opposes, with quotes
      pag timeline --kind policy --kind stance --where federal   # how federal policy moved
      pag chains "Operation Synthetic Opioid Surge" --depth 1   # what it rests on, what attacks it
      pag evidence "harsher criminal penalties for fentanyl" --against   # the evidence against
      pag report figures                    # where sources disagree on numbers; series over time
      pag report overview                   # the debate on one page: contested, unsupported …
      pag stats                             # what the graph holds

    Shell completion: eval "$(_PAG_COMPLETE=bash_source pag)" (zsh_source, fish_source).
    """
    st = State(spec, data, update_url, timeout, quiet, no_curation, project_dir)
    ctx.obj = st
    ctx.call_on_close(st.close)


# ---------------------------------------------------------------------------
# foundation: stats, load, validate, export


@pag.command()
@click.option("--format", "fmt", type=click.Choice(["table", "json", "md"]), default="table", show_default=True, help="Output format.")
@click.option("--by-source/--no-by-source", default=True, show_default=True, help="Also count per source (named graph).")
@click.option("--recount", is_flag=True, help="Count afresh: ignore counts cached for an on-disk store.")
@click.pass_context
def stats(ctx: click.Context, fmt: str, by_source: bool, recount: bool) -> None:
    """Count actors, policies, claims, evidence, sources and statements.

    An on-disk store (--store oxigraph:PATH or oxigraph-ro:PATH) keeps its
    counts in the cache folder ($PAG_CACHE_DIR, else ~/.cache/pag; set
    PAG_CACHE_DIR= to turn it off) until its data changes, so that asking again
    is instant however large the store.

    \b
    Examples:
      pag stats
      pag stats --format json | jq .claims
      pag --store oxigraph:./db stats
    """
    from graph import report

    st = state(ctx).store().stats(by_source=by_source, cache=not recount)
    if fmt == "json":
        _emit_json(st.as_dict())
    elif fmt == "md":
        click.echo(report.stats_markdown(st), nl=False)
    else:
        report.print_stats(st)


@pag.command()
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@click.option("--bundled", is_flag=True, help="Load the bundled corpus (with or without FILES).")
@click.option("--graph", "graph_iri", metavar="IRI", help="Named graph for triples of Turtle/N-Triples/RDF-XML files (default: the file's URI).")
@click.pass_context
def load(ctx: click.Context, files: tuple[Path, ...], bundled: bool, graph_iri: str | None) -> None:
    """Load RDF FILES into a persistent or remote store.

    Each file is loaded whole or not at all. TriG and N-Quads keep their named
    graphs; Turtle, N-Triples and RDF/XML go to --graph or a graph named by
    the file's URI.

    \b
    Examples:
      pag --store oxigraph:./db load --bundled
      pag --store oxigraph:./db load my-debate.trig
      pag --store sparql:http://127.0.0.1:7878/query --update-url http://127.0.0.1:7878/update load x.trig
    """
    from graph.errors import InputError
    from graph.resources import corpus_files

    st = state(ctx)
    spec = parse_spec(st.spec)
    if not spec.persistent:
        raise InputError(
            f"--store {spec.spec} does not persist: load into oxigraph:PATH or sparql:URL "
            "(to analyse files without storing them, use `pag --data FILE …`)"
        )
    paths = [*corpus_files()] if bundled else []
    paths += list(files)
    if not paths:
        raise InputError("nothing to load: give FILES or --bundled")
    for p in files:  # before a new store is made for them
        if str(p) not in {"-", "/dev/stdin"} and not p.exists():
            raise InputError(f"{p}: no such file")
    store = st.store(create=True)
    with progress_bar("Loading", quiet=st.quiet, total=len(paths)) as step:
        rep = store.load(paths, graph=graph_iri, progress=step)
    for name, n in rep.files:
        click.echo(f"{name}: {n} statements", err=True)
    click.echo(f"Loaded {rep.statements} statements from {len(rep.files)} file(s) into {store.spec}")


@pag.command()
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@click.option("--texts", type=click.Path(path_type=Path), metavar="DIR", is_flag=False, flag_value="@project", help="Folder of source texts: check every quote verbatim against them. In a debate project, --texts alone means its texts/ folder.")
@click.option("--no-shacl", is_flag=True, help="Skip the SHACL shapes (faster).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.pass_context
def validate(ctx: click.Context, files: tuple[Path, ...], texts: Path | None, no_shacl: bool, fmt: str) -> None:
    """Check the graph: SHACL shapes, references, and (with --texts) every quote.

    Validates FILES if given, else the store. Exit 0: valid; 1: problems
    found (each with file:line or node, and the fix); 2: could not validate.

    \b
    Examples:
      pag validate --texts ../shared/seeds
      pag validate data/new-source.trig --texts ../shared/seeds
      pag validate --format json | jq '.problems[] | .message'
    """
    from graph import report
    from graph.resources import corpus_files
    from graph.validate import validate as run_validate

    st = state(ctx)
    if texts is not None and str(texts) == "@project":
        proj = st.project()
        if proj is None:
            from graph.errors import InputError

            raise InputError("--texts needs a folder (outside a debate project): --texts DIR")
        texts = proj.texts
    if files:
        store = open_store("memory", data=list(files))
        where = [Path(f) for f in files]
    elif st.uses_project():
        store = st.store()
        where = st.project().data_files()
    else:
        store = st.store()
        where = st.data or (corpus_files() if parse_spec(st.spec).bundled else [])
    rep = run_validate(store, texts=texts, files=where, shacl=not no_shacl)
    if fmt == "json":
        _emit_json(rep.as_dict())
    else:
        report.print_validation(rep)
    ctx.exit(0 if rep.conforms else 1)


@pag.command()
@click.option("--format", "fmt", type=click.Choice(["turtle", "trig", "nquads", "ntriples", "jsonld", "graphml", "aif", "argdown", "csv"]), default="trig", show_default=True, help="Output format; turtle/ntriples merge the named graphs; aif/argdown/csv: see `pag import --help`.")
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write to FILE (atomically) instead of stdout.")
@click.pass_context
def export(ctx: click.Context, fmt: str, output: Path | None) -> None:
    """Write the whole dataset out.

    trig and nquads keep every named graph (one per source); turtle and
    ntriples write their union; jsonld uses the pag @context; graphml is the
    networkx projection for Gephi / yEd.

    \b
    Examples:
      pag export --format nquads > corpus.nq
      pag export --format graphml -o debate.graphml
      pag export --format aif -o debate.json          # AIFdb JSON (see `pag import aif`)
      pag export --format argdown -o debate.argdown
      pag export --format csv -o tables/              # tables/nodes.csv, tables/edges.csv
    """
    from graph.export import export as run_export

    store = state(ctx).store()
    if fmt in {"aif", "argdown", "csv"}:  # issue 7: graph.interop
        _export_interop(store, fmt, output)
    else:
        _write_output(output, lambda fh: run_export(store, fmt, fh))
    if output:
        click.echo(f"Wrote {output}", err=True)


# --- interoperability: import / export for other tools (issue 7) ---

_IMPORT_OUTPUT_HELP = (
    "Write the imported RDF here, atomically: FILE.trig (default form) or FILE.nq; '-' for TriG "
    "on stdout. Required with the default memory store, which does not persist."
)


def _import_target(ctx: click.Context, output: Path | None) -> tuple[Store, bool]:
    """The store to import into, and whether it is a throw-away staging store."""
    from graph.errors import InputError
    from graph.stores import OxigraphStore

    st = state(ctx)
    spec = parse_spec(st.spec)
    if not spec.persistent:
        if output is None:
            raise InputError(
                f"--store {spec.spec} does not keep what is imported: give -o FILE.trig (or -o - for stdout), "
                "or import into a persistent store with --store oxigraph:PATH"
            )
        if str(output) != "-" and output.suffix.lower() not in {".trig", ".nq", ".nquads"}:
            raise InputError(f"{output}: write imports to a .trig or .nq file (formats that keep one named graph per map)")
        return OxigraphStore(), True
    if output is not None:
        raise InputError(
            f"with --store {spec.spec} the import goes into the store; leave out -o and use `pag export` to write files"
        )
    return st.store(create=True), False


def _finish_import(
    ctx: click.Context, summary: Any, store: Store, staging: bool, output: Path | None, fmt: str
) -> None:
    from graph.interop._common import summary_text

    where = store.spec
    if staging and summary.failed and not summary.ok and store.triple_count() == 0:
        where = "no file (nothing could be imported)"  # leave no empty file behind
    elif staging:
        rdf_fmt = "nquads" if output is not None and output.suffix.lower() in {".nq", ".nquads"} else "trig"
        from graph.export import export as run_export

        _write_output(output, lambda fh: run_export(store, rdf_fmt, fh))
        where = "stdout" if str(output) == "-" else str(output)
    to_err = staging and str(output) == "-"
    if fmt == "json":
        click.echo(json.dumps({**summary.as_dict(), "output": where}, indent=2, ensure_ascii=False), err=to_err)
    else:
        click.echo(summary_text(summary, where=where), err=to_err)
    for failure in summary.failed:
        click.echo(f"Error: {failure['error']}", err=True)
    ctx.exit(0 if summary.ok else 1)


_summary_format = click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
    help="How to print the summary (json: stable keys, see the README).",
)
_import_output = click.option("-o", "--output", type=click.Path(path_type=Path), help=_IMPORT_OUTPUT_HELP)


@pag.group("import")
def import_group() -> None:
    """Bring argument maps from other tools into pag: AIF, Argdown, CSV.

    Each imported map or document becomes one named graph whose name is its
    pag:Source IRI. With the default memory store, give -o FILE.trig (the
    memory store does not persist); with --store oxigraph:PATH or sparql:URL
    the import goes into that store. A summary counts what was read, imported
    and skipped (with the reason for each skipped record).

    \b
    Exit codes: 0 imported; 1 some files could not be imported (listed);
    2 error (bad option, unreadable store, nothing to import).
    """


@import_group.command("aif")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@_import_output
@_summary_format
@click.option("--merge-shared", is_flag=True, help="Name nodes by their AIFdb nodeID alone, so a node several maps share is one node (stated in each map's graph).")
@click.pass_context
def import_aif_cmd(ctx: click.Context, paths: tuple[Path, ...], output: Path | None, fmt: str, merge_shared: bool) -> None:
    """Import AIF JSON maps (AIFdb, OVA, xAIF): FILES, or folders of *.json.

    I-nodes become claims; RA nodes pag:supports (with the scheme and the
    linked premises); CA nodes pag:attacks; MA pag:rephrases; L-nodes
    locutions with their speakers as actors (asserting YA: pag:asserts);
    timestamps kept. Edges to missing nodes, duplicates and the like are
    skipped and listed; a file that is not AIF JSON is reported and the
    others are still imported.

    \b
    Examples:
      pag import aif nodeset18885.json -o qt30.trig
      pag import aif maps/ -o maps.trig --format json | jq .nodes
      pag --store oxigraph:./db import aif maps/
      pag import aif map.json -o - | pag --data /dev/stdin stats   # (TriG on stdout)
      pag import aif maps/ --merge-shared -o maps.trig   # one node per AIFdb nodeID
    """
    from graph.interop.aif import aif_files, import_aif

    files = aif_files(paths)
    store, staging = _import_target(ctx, output)
    with progress_bar("Importing AIF", quiet=state(ctx).quiet, total=len(files)) as step:
        summary = import_aif(files, store, progress=step, merge_shared=merge_shared)
    _finish_import(ctx, summary, store, staging, output, fmt)


@import_group.command("argdown")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@_import_output
@_summary_format
@click.pass_context
def import_argdown_cmd(ctx: click.Context, files: tuple[Path, ...], output: Path | None, fmt: str) -> None:
    """Import Argdown files: statements, arguments, relations, tags, data.

    [Statements] become claims, <arguments> pag:Argument claims; nested
    +/- relations pag:supports/pag:attacks (<_ pag:undercuts); premise-
    conclusion structures pag:Inference steps; #tags pag:tag; the YAML front
    matter describes the document's pag:Source. One named graph per file.

    \b
    Examples:
      pag import argdown debate.argdown -o debate.trig
      pag import argdown *.argdown -o - --format json
      pag --store oxigraph:./db import argdown debate.argdown
    """
    from graph.interop.argdown import import_argdown

    store, staging = _import_target(ctx, output)
    summary = import_argdown(list(files), store)
    _finish_import(ctx, summary, store, staging, output, fmt)


@import_group.command("csv")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@_import_output
@_summary_format
@click.pass_context
def import_csv_cmd(ctx: click.Context, paths: tuple[Path, ...], output: Path | None, fmt: str) -> None:
    """Import nodes.csv + edges.csv (as written by `pag export --format csv`).

    PATHS is a folder holding nodes.csv and edges.csv, or the two files
    (nodes first). Columns are described in the README; rows that cannot be
    read (an id that is not an IRI or CURIE, an unknown relation) are skipped
    and listed. Rows without sources go to a graph named for the import.

    \b
    Examples:
      pag export --format csv -o tables/ && pag import csv tables/ -o edited.trig
      pag import csv nodes.csv edges.csv -o debate.trig
      pag --store oxigraph:./db import csv tables/
    """
    from graph.interop.csvio import import_csv

    store, staging = _import_target(ctx, output)
    summary = import_csv(paths, store)
    _finish_import(ctx, summary, store, staging, output, fmt)


def _export_interop(store: Store, fmt: str, output: Path | None) -> None:
    """`pag export --format aif|argdown|csv`."""
    from graph.errors import InputError
    from graph.interop.aif import to_aif

    if fmt == "aif":
        doc, report = to_aif(store.quads())
        data = (json.dumps(doc, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
        _write_bytes(output, data)
        if report["omitted_stances"]:
            click.echo(f"Note: AIF has no stance nodes: {report['omitted_stances']} advocates/opposes statements were not written", err=True)
        return
    if fmt == "argdown":
        from graph.interop.argdown import to_argdown

        text = to_argdown(store.quads()).encode("utf-8")
        _write_bytes(output, text)
        return
    if fmt == "csv":
        from graph.interop.csvio import export_csv

        if output is None or str(output) == "-":
            raise InputError("csv writes two files (nodes.csv and edges.csv): give -o FOLDER")
        for path in export_csv(store, output):
            click.echo(f"Wrote {path}", err=True)
        return
    raise InputError(f"unknown export format {fmt!r}")


# --- interactive HTML views (issue 6) ---

_VIEW_KINDS = ["actor", "policy", "claim", "evidence", "source", "measure", "other"]
_SUPPORT_HELP_VIEW = (
    "The reading of support behind the IN/OUT/UNDECIDED borders and verdicts (see pag chains --help). "
    "evidential and none read only the part of the store drawn; deductive and necessary read it all."
)


@pag.command()
@click.argument("target", required=False)
@click.option("--depth", type=click.IntRange(min=1), help="Levels below a policy/claim (default: all), or steps around an actor/evidence (default 2; actors and sources 1).")
@click.option("--kind", "kinds", multiple=True, type=click.Choice(_VIEW_KINDS), help="Draw only these kinds (repeatable). Default: actors, policies, claims, evidence; a tree: policies, claims, evidence.")
@click.option("--layout", type=click.Choice(["auto", "tree", "force"]), default="auto", show_default=True, help="tree: hierarchical, evidence at the bottom; force: physics that settles, then stops; auto: tree for a policy or claim.")
@click.option("--max-nodes", type=click.IntRange(min=1), default=1000, show_default=True, help="Reduce larger views to the nodes on which the most rests (with a notice in the page).")
@click.option("--title", help="Page title (default: from the target).")
@click.option("--format", "fmt", type=click.Choice(["html", "json"]), default="html", show_default=True, help="html: the page; json: the data embedded in it (stable keys).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="File to write (atomically); '-' for stdout. Default: pag-view.html (html) or stdout (json).")
@click.option("--support", type=click.Choice(["evidential", "deductive", "necessary", "none"]), default="evidential", show_default=True, help=_SUPPORT_HELP_VIEW)
@click.pass_context
def view(
    ctx: click.Context,
    target: str | None,
    depth: int | None,
    kinds: tuple[str, ...],
    layout: str,
    max_nodes: int,
    title: str | None,
    fmt: str,
    output: Path | None,
    support: str,
) -> None:
    """Write an interactive graph as one self-contained HTML file (works offline).

    Without TARGET: the whole debate (force layout). TARGET (an IRI, a CURIE
    or a label) a policy or claim: the argument tree under it, evidence at
    the bottom. An actor, evidence item or source: its neighbourhood.

    The page has a legend, a search box, filters by kind and relation (the
    layout runs again), a quote and source on hover, IN/OUT/UNDECIDED
    borders (grounded semantics) and "Save as PNG/SVG". A large view opens
    on a summary that unfolds on click (the whole debate: policies folded
    by approach, claims into their policy). It makes no network request.

    With TARGET only the part of the store the view draws is read (the
    tree or neighbourhood, what argues about it, what rests on it, their
    sources), so a small view of a store of millions of statements is
    quick. --support deductive or necessary (labels that depend on what a
    node supports) and the whole debate read the whole store; the whole
    debate refuses a store of more than 50,000 nodes (draw a part: pag
    view TARGET, or pag site for a page per policy).

    \b
    Examples:
      pag view -o debate.html
      pag view "Operation Synthetic Opioid Surge" -o surge.html
      pag view actor:jeff-sessions --depth 2 -o sessions.html
      pag view --kind actor --kind policy -o stances.html
      pag view policy:naloxone-access --format json | jq '.nodes | length'
    """
    from graph.anchors import has_pages, quote_positions
    from graph.model import project
    from graph.view import check_whole_size, focused_graph, render_html, view_data

    store = state(ctx).store()
    if target is not None and support in ("evidential", "none"):
        # only what the view draws and what its labels depend on (graph.view.focused_graph)
        G = focused_graph(store, target, depth=depth, kinds=kinds or None, layout=layout)  # type: ignore[arg-type]
        target = str(G.graph["focus"])
    else:
        if target is None:
            check_whole_size(store.stats(by_source=False))
        G = project(store, provenance=True)
    # a quote from a text with pages (a PDF) is cited with them in its tooltip
    pages = {k: a.pages for k, a in quote_positions(store).items() if a.pages} if has_pages(store) else None
    data = view_data(
        G,
        target,
        depth=depth,
        kinds=kinds or None,
        layout=layout,  # type: ignore[arg-type]
        max_nodes=max_nodes,
        title=title,
        support=support,  # type: ignore[arg-type]
        pages=pages,
    )
    if fmt == "json":
        payload = (json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8")
        _write_bytes(output, payload)
        return
    page = render_html(data).encode("utf-8")
    out = output if output is not None else Path("pag-view.html")
    _write_bytes(out, page)
    if data["notice"]:
        click.echo(f"Note: {data['notice']}", err=True)
    if str(out) != "-":
        c = data["counts"]
        click.echo(f"Wrote {out} ({c['nodes']} nodes, {c['edges']} edges): open it in a browser", err=True)


@pag.command()
@click.argument("out_dir", type=click.Path(file_okay=False, path_type=Path))
@click.option("--max-nodes", type=click.IntRange(min=1), default=1000, show_default=True, help="Reduce larger graphs on any page (with a notice).")
@click.option("--title", default="Policy Argument Graph", show_default=True, help="The site's title.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True, help="json: {out_dir, index, pages, removed, counts} on stdout.")
@click.pass_context
def site(ctx: click.Context, out_dir: Path, max_nodes: int, title: str, fmt: str) -> None:
    """Write a static site into OUT_DIR: open OUT_DIR/index.html (works offline).

    index.html lists policies, claims, actors and sources in sortable,
    filterable tables; stances.html is the actor x policy stance grid;
    debate.html the whole debate as a graph that opens on a summary.
    policy/NAME.html and claim/NAME.html read as an outline: the case for
    and against, down to the evidence, each line with its verdict in words,
    its quote and a citation linked to the quote on source/NAME.html (one
    page per document, every quote taken from it); then the same argument
    as a graph. actor/NAME.html: its stances and what it says. Every page
    has a search box (labels, aliases, quotes; offline), prints whole, and
    gives every node an anchor to cite (policy/x.html#claim-y).
    Files are replaced atomically; the same graph gives the same bytes. A
    rebuild removes the pages an earlier build wrote that no longer exist
    (it keeps the list in OUT_DIR/.pag-site.json) and touches no other file.
    A node with a huge neighbourhood lists the first lines (an outline 500,
    an actor 300 claims; a source 1,000 quotes a page, then NAME.2.html, …)
    with a notice naming the command that shows them all (pag chains, pag
    actor, pag view). On a terminal a progress bar follows the steps
    (reading, analysing, pages N of M, publishing); none with -q or in a pipe.

    \b
    Examples:
      pag site site/ && xdg-open site/index.html
      pag --data my-debate.trig site out/
      pag site site/ --format json | jq .counts
    """
    from graph.anchors import quote_positions
    from graph.curation import rationales
    from graph.model import project
    from graph.site import build_site

    st = state(ctx)
    store = st.store()
    with site_progress(quiet=st.quiet) as step:
        step("project", 0, 1)
        G = project(store, provenance=True)
        positions, why = quote_positions(store), rationales(store)
        step("project", 1, 1)
        rep = build_site(G, out_dir, max_nodes=max_nodes, title=title, progress=step, positions=positions, rationales=why)
    if fmt == "json":
        _emit_json(rep)
        return
    c = rep["counts"]

    def n(k: int, one: str, many: str) -> str:
        return f"{k} {one if k == 1 else many}"

    click.echo(
        f"Wrote {n(c['pages'], 'page', 'pages')} ({n(c['policies'], 'policy', 'policies')}, "
        f"{n(c['claims'], 'claim', 'claims')}, {n(c['actors'], 'actor', 'actors')}, "
        f"{n(c['sources'], 'source', 'sources')}) to {out_dir}/"
    )
    if rep["removed"]:
        click.echo(f"Removed {n(len(rep['removed']), 'page', 'pages')} of an earlier build that no longer exist.")
    click.echo(f"Open {out_dir / rep['index']} in a browser.")


# --- analysis and argument-chain reports (issue 4) ---

_REPORT_FORMATS = click.Choice(["text", "md", "json"])
_SUPPORT_HELP = (
    "How supports carry attacks for IN/OUT/UNDECIDED: evidential (the default: each support is an "
    "inference of its own; an attack never travels back to what supports its target, undercuts hit "
    "the inference), deductive (supported + mediated attacks), necessary (secondary + extended), "
    "none (direct attacks only)."
)


def _report_options(f: F) -> F:
    """--format, -o/--output and --support, shared by the report commands."""
    f = click.option("--support", type=click.Choice(["evidential", "deductive", "necessary", "none"]), default="evidential", show_default=True, help=_SUPPORT_HELP)(f)
    f = click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write to FILE (atomically) instead of stdout.")(f)
    f = click.option("--format", "fmt", type=_REPORT_FORMATS, default="text", show_default=True, help="text: a terminal tree/table; md: Markdown for a memo; json: stable keys (see README).")(f)
    return f


def _emit_report(rep: Report, fmt: str, output: Path | None) -> None:
    from rich.console import Console

    from graph import reports

    if fmt == "text" and (output is None or str(output) == "-"):
        reports.print_report(rep, Console(highlight=False))
        return
    _write_bytes(output, reports.render(rep, fmt).encode("utf-8"))
    if output is not None and str(output) != "-":
        click.echo(f"Wrote {output}", err=True)


def _graph(ctx: click.Context, provenance: bool = False) -> Any:
    # the projection the Debate keeps (read, never changed)
    G = state(ctx).debate().networkx(provenance=provenance, copy=False)
    # it lives as long as the command: keep the cyclic GC from walking its
    # ~10^6 containers again and again while the analyses make their own
    gc.freeze()
    return G


@pag.command()
@click.argument("target")
@click.option("--depth", type=click.IntRange(min=0), help="Levels below TARGET to show (default: all).")
@_report_options
@click.pass_context
def chains(ctx: click.Context, target: str, depth: int | None, fmt: str, output: Path | None, support: str) -> None:
    """The argument tree under a policy or claim: what supports it, what attacks it, down to the evidence.

    TARGET is an IRI, a CURIE (policy:naloxone-access) or a label, matched
    exactly, case-insensitively, as a name the documents use (skos:altLabel,
    e.g. "S.O.S.") or as a unique substring. Each line gives
    the relation, the node, its IN/OUT/UNDECIDED label (grounded semantics),
    the sources stating the link, who asserts it and a verbatim quote. For a
    policy the actors advocating and opposing it come first. Cycles are
    marked and listed; a node already expanded is not repeated.

    \b
    Examples:
      pag chains policy:operation-synthetic-opioid-surge
      pag chains "naloxone access" --depth 2
      pag chains policy:harsher-fentanyl-penalties --format md -o memo.md
      pag chains claim:crackdowns-fill-prisons-without-disrupting-markets --format json | jq '.counts'
    """
    # the Debate's report carries the curators' rationale on each step they made
    rep = state(ctx).debate().report("chains", target, depth=depth, support=support)
    _emit_report(rep, fmt, output)


@pag.command()
@click.argument("target")
@click.option("--max-paths", type=click.IntRange(min=1), default=10, show_default=True, help="Paths shown per evidence item (shortest first).")
@click.option("--source", metavar="SOURCE", help="Only paths every step of which SOURCE (source:…) states.")
@click.option("--against", "side", flag_value="against", help="The evidence against TARGET instead, most direct first.")
@click.option("--both", "side", flag_value="both", help="The evidence for and against, side by side, each most direct first.")
@click.option("--top", type=click.IntRange(min=0), default=0, show_default=True, help="--against/--both: items per side in text/md (0: all).")
@_report_options
@click.pass_context
def evidence(ctx: click.Context, target: str, max_paths: int, source: str | None, side: str | None, top: int, fmt: str, output: Path | None, support: str) -> None:
    """The evidence base of a policy or claim: every evidence item with a supports path to it.

    First the verdict: the arguments for and against TARGET that survive.
    For each item: its figure, its label and why, its quote and source,
    every path by which it supports TARGET with the source stating each
    step, and which steps are attacked (and by what). A path one document
    states is "stated within" it; a path joined across documents (or
    through a link only the curators make) is flagged ⚠.

    --against lists the evidence that bears against TARGET: items that
    support (in any number of steps) something attacking TARGET or an
    argument for it, ranked by how directly (the steps of the shortest such
    path), each with its source, quote and path. --both shows the two sides
    side by side.

    \b
    Examples:
      pag evidence policy:operation-synthetic-opioid-surge
      pag evidence policy:operation-synthetic-opioid-surge --source source:motherjones-2018-sessions-fentanyl-dealers
      pag evidence "harsher criminal penalties for fentanyl" --format md
      pag evidence "harsher criminal penalties for fentanyl" --against --top 5
      pag evidence policy:naloxone-access --both
      pag evidence policy:naloxone-access --format json | jq '.evidence[].evidence.label'
    """
    # the Debate's evidence report carries the curators' rationale on each step they made
    if source is not None and side is not None:
        raise click.UsageError("--source applies to the evidence for TARGET, not with --against/--both")
    name = "evidence" if side is None else f"evidence-{side}"
    extra = {"source": source} if source is not None else {}
    rep = state(ctx).debate().report(name, target, max_paths=max_paths, support=support, top=top, **extra)
    _emit_report(rep, fmt, output)


@pag.command()
@click.argument("kind", type=click.Choice(["overview", "contested", "unsupported", "impact", "actors", "tensions", "figures"]))
@click.option("--top", type=click.IntRange(min=0), default=20, show_default=True, help="Rows per list in text/md (0: all; overview: 5 unless given). JSON always has every row.")
@click.option("--kind", "node_kind", type=click.Choice(["claim", "policy"]), help="unsupported: only claims or only policies.")
@click.option("--format", "fmt", type=click.Choice(["text", "md", "json", "csv"]), default="text", show_default=True, help="text: a terminal tree/table; md: Markdown for a memo; json: stable keys (see README); csv: figures only, every figure of every family (for plotting).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write to FILE (atomically) instead of stdout.")
@click.option("--support", type=click.Choice(["evidential", "deductive", "necessary", "none"]), default="evidential", show_default=True, help=_SUPPORT_HELP)
@click.pass_context
def report(ctx: click.Context, kind: str, top: int, node_kind: str | None, fmt: str, output: Path | None, support: str) -> None:
    """Reports on the whole debate.

    \b
      overview     counts, acceptability, and the top of every report below
      contested    claims and policies both supported and attacked, ranked by a
                   contestedness score (distinct actors + sources on each side)
      unsupported  claims/policies resting on no evidence (who asserts them, most
                   rested-on first; --kind claim|policy), on a single source,
                   and circular support
      impact       load-bearing evidence: what loses all support without it
      actors       stance matrix (actor x policy) and coalitions
      tensions     actors backing two policies where one's case undermines the other
      figures      figures on the same measure that differ between sources, and
                   related figures by family of measures, in date order (a series)

    \b
    Examples:
      pag report overview
      pag report contested --top 10
      pag report unsupported --kind policy --top 5
      pag report tensions --format md -o tensions.md
      pag report impact --format json | jq '.load_bearing[0]'
      pag report figures --format csv -o figures.csv
    """
    from graph import reports
    from graph.errors import InputError

    if fmt == "csv" and kind != "figures":
        raise InputError("--format csv is for `pag report figures` (every figure of every family, for plotting)")
    G = _graph(ctx, provenance=reports.needs_provenance(kind))
    given = ctx.get_parameter_source("top") == click.core.ParameterSource.COMMANDLINE
    total = reports.progress_total(kind, G)
    with progress_bar("Weighing evidence", quiet=state(ctx).quiet or total is None, total=total) as step:
        rep = state(ctx).debate().report(
            kind, top=top if given else None, support=support, progress=lambda e: step(Path(e), 0), kind=node_kind
        )
    if fmt == "csv":
        _write_bytes(output, reports.figures_csv(rep.data["families"]).encode("utf-8"))  # type: ignore[typeddict-item]
        return
    _emit_report(rep, fmt, output)


@pag.command()
@click.argument("targets", nargs=-1, required=True, metavar="TARGET...")
@_report_options
@click.pass_context
def impact(ctx: click.Context, targets: tuple[str, ...], fmt: str, output: Path | None, support: str) -> None:
    """What falls if a piece of evidence (or a claim, or a whole source) is retracted — or several at once.

    Lists the claims and policies that lose all evidential support, those
    that lose part of it, and every IN/OUT/UNDECIDED label that changes
    (with the attackers that now decide it). TARGET is an evidence item,
    claim or policy, or a source (source:…: everything only it says goes);
    several TARGETs are retracted together.

    \b
    Examples:
      pag impact evidence:manatee-overdoses-fell-from-11-a-day
      pag impact "Most overdoses are witnessed"
      pag impact source:motherjones-2018-sessions-fentanyl-dealers --format md
      pag impact evidence:manatee-overdoses-fell-from-11-a-day evidence:manatee-overdoses-now-less-than-one-a-day
      pag report impact                # which evidence is load-bearing
    """
    rep = state(ctx).debate().report("impact", list(targets), support=support)
    _emit_report(rep, fmt, output)


# --- asking it the way people ask (issue 15): search, actor, timeline ---

_TOP_HELP = "Rows per list in text/md (0: all). JSON always has every row."
_KINDS = ["actor", "policy", "claim", "evidence", "source", "measure", "other"]


def _report_format(f: F) -> F:
    """--format and -o/--output for reports that need no --support."""
    f = click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write to FILE (atomically) instead of stdout.")(f)
    f = click.option("--format", "fmt", type=_REPORT_FORMATS, default="text", show_default=True, help="text: a terminal table; md: Markdown; json: stable keys (see README).")(f)
    return f


@pag.command()
@click.argument("text", nargs=-1, required=True)
@click.option("--kind", "kinds", multiple=True, type=click.Choice(_KINDS), help="Only nodes of this kind (repeatable).")
@click.option("--top", type=click.IntRange(min=0), default=20, show_default=True, help=_TOP_HELP)
@_report_format
@click.pass_context
def search(ctx: click.Context, text: tuple[str, ...], kinds: tuple[str, ...], top: int, fmt: str, output: Path | None) -> None:
    """Find nodes by the words people use: labels, aliases and verbatim quotes.

    Ranked: a text holding the whole phrase first (an alias equal to it
    first of all), then labels before aliases before quotes before notes,
    then by relevance (BM25). A matching quote is shown with its source.
    Word endings, case and accents are folded ("penalty" finds
    "penalties"). When no text holds every word, those holding some are
    listed. The same matching finds any TARGET: a phrase from a quote or an
    alias names its node in `pag chains`, `pag evidence` … too.

    \b
    Examples:
      pag search "icing on the cake"
      pag search enforcement surge --kind policy
      pag search naloxone --format json | jq '.hits[0].node.id'
    """
    from graph.reports import Report
    from graph.search import search as run_search

    data = run_search(state(ctx).store(), " ".join(text), kinds=list(kinds) or None, limit=None)
    _emit_report(Report("search", "search", data, top or None), fmt, output)


@pag.command()
@click.argument("targets", nargs=-1, required=True, metavar="ACTOR...")
@click.option("--top", type=click.IntRange(min=0), default=20, show_default=True, help=_TOP_HELP)
@_report_format
@click.pass_context
def actor(ctx: click.Context, targets: tuple[str, ...], top: int, fmt: str, output: Path | None) -> None:
    """An actor's record: what they assert (with quotes and sources), what they back and oppose
    (with status and date), their tensions and their coalition.

    ACTOR is an IRI, a CURIE, a label or part of one ("Sessions" is the
    actor Jeff Sessions, not a claim about him), or an alias. Give several
    to compare them.

    \b
    Examples:
      pag actor Sessions
      pag actor Sessions Barr Trump --format md -o said.md
      pag actor actor:jeff-sessions --format json | jq '.actors[0].stances | length'
    """
    _emit_report(state(ctx).debate().report("actor", list(targets), top=top), fmt, output)


@pag.command()
@click.argument("target", required=False)
@click.option("--kind", "kinds", multiple=True, type=click.Choice(["policy", "stance", "evidence", "figure", "source"]), help="Only entries of this kind (repeatable).")
@click.option("--where", metavar="TEXT", help="Only entries whose jurisdiction (policies, stances) or place (figures, evidence) holds TEXT, e.g. federal.")
@click.option("--top", type=click.IntRange(min=0), default=0, show_default=True, help=_TOP_HELP)
@click.option("--format", "fmt", type=click.Choice(["text", "md", "json", "csv"]), default="text", show_default=True, help="text, md, json (stable keys), csv (one row per entry).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write to FILE (atomically) instead of stdout.")
@click.pass_context
def timeline(ctx: click.Context, target: str | None, kinds: tuple[str, ...], where: str | None, top: int, fmt: str, output: Path | None) -> None:
    """Dated policies, stances, evidence, figures and sources, in order.

    Without TARGET: the whole debate. With an actor: their stances and what
    they assert; a policy or claim: it, its stances and the evidence below
    it; a measure: its figures (and its family's); a source: what it states.
    Dates are as precise as the data (2018, 2018-03, 2018-03-05); "about
    2016" is a figure dated by the year its period names. A stance is dated
    by a reified statement (README: "Dated stances"), or — when it is the
    act itself (proposed, enacted, signed, implemented) — by the policy's date.

    \b
    Examples:
      pag timeline --kind policy --kind stance
      pag timeline --kind policy --kind stance --where federal
      pag timeline Sessions
      pag timeline "harsher criminal penalties for fentanyl" --format md
      pag timeline --format csv -o timeline.csv
    """
    from graph.reports import timeline_csv

    rep = state(ctx).debate().report("timeline", target, top=top, kinds=list(kinds) or None, where=where)
    if fmt == "csv":
        _write_bytes(output, timeline_csv(rep.data).encode("utf-8"))  # type: ignore[arg-type]
        return
    _emit_report(rep, fmt, output)


# --- SPARQL (issue 5) ---


_QUERY_FORMATS = ["table", "csv", "tsv", "json", "md", "xml", "turtle", "ntriples"]


@pag.command("query")
@click.argument("query", required=False, metavar="NAME|FILE|-")
@click.option("-p", "--param", "params", nargs=2, multiple=True, metavar="VAR VALUE", help="Bind ?VAR to VALUE: a CURIE (policy:x), <IRI>, label or alias (resolved like a TARGET), number, or '\"quoted text\"'. Repeatable.")
@click.option("--format", "fmt", type=click.Choice(_QUERY_FORMATS), help="SELECT: table (default), csv, tsv, json, md, xml (W3C result formats for json/csv/tsv/xml). CONSTRUCT/DESCRIBE: turtle (default) or ntriples.")
@click.option("--list", "list_", is_flag=True, help="Describe every named query and its bindable variables.")
@click.option("--timeout", "query_timeout", type=click.FloatRange(min=0, min_open=True), help="Stop the query after this many seconds (default 60; on sparql:URL the global --timeout).")
@click.option("--max-memory", type=click.IntRange(min=1), default=1024, show_default=True, metavar="MB", help="Stop a query whose worker grows by more than this many megabytes.")
@click.option("--update", is_flag=True, help="Run a SPARQL update (INSERT/DELETE) on a writable store (oxigraph:PATH, sparql:URL).")
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write to FILE (atomically) instead of stdout.")
@click.pass_context
def query_cmd(
    ctx: click.Context,
    query: str | None,
    params: tuple[tuple[str, str], ...],
    fmt: str | None,
    list_: bool,
    query_timeout: float | None,
    max_memory: int,
    update: bool,
    output: Path | None,
) -> None:
    """Run a SPARQL query: a named query of the library, a .rq FILE, or - (stdin).

    Values given with -p are bound as RDF terms, never pasted into the query
    text. Known prefixes (pag:, actor:, policy:, claim:, evidence:, source:,
    rdfs: …) are declared when a query uses them without PREFIX. SERVICE and
    LOAD are refused; a query that runs longer than --timeout is stopped. ASK
    prints true or false. A syntax error names the line and column.

    A -p value names a node as a TARGET does: a CURIE or IRI must occur in
    the store, and a label ("Jeff Sessions") or alias is resolved to its
    node; one that names no node (or several) is an error naming the
    closest matches (exit 1), never a silent empty answer. Quote a value
    ('"text"') to bind the text itself. Exit 0 on success, 1 for a -p value
    that names no node, 2 on any other error.

    \b
    Examples:
      pag query --list
      pag query policy-evidence -p policy policy:naloxone-access
      pag query actor-stances -p actor actor:jeff-sessions --format csv
      pag query actor-stances -p actor "Jeff Sessions"
      pag query source-graph -p source source:safe-solutions-disrupt-supply --format ntriples
      echo 'ASK { actor:jeff-sessions pag:advocates ?p }' | pag query -
      pag query my-question.rq --format json | jq '.results.bindings | length'
      pag --store oxigraph:./db query --update fix.ru
    """
    from graph import sparql
    from graph.errors import InputError

    if list_:
        queries = sparql.named_queries()
        if fmt == "json":
            _emit_json([q.as_dict() for q in queries])
            return
        for q in queries:
            params_text = " ".join(f"-p {p} …" for p in q.parameters) or "(no parameters)"
            click.echo(f"{q.name}  [{q.form}]  {params_text}")
            click.echo(f"    {q.description}")
        return
    if query is None:
        raise InputError("give a named query, a .rq file or - for stdin (`pag query --list` lists the named queries)")
    text, where = sparql.read_query_arg(query, sys.stdin.read() if query == "-" else None)
    st = state(ctx)
    if update:
        if params:
            raise InputError("-p/--param bindings are for queries; an update takes none")
        store = st.store(create=True)
        sparql.run_update(store, text, where=where)
        click.echo(f"Updated {store.spec}", err=True)
        return
    bindings = sparql.parse_bindings(list(params), text)
    store = st.store()
    if bindings:
        from graph.search import bind_nodes

        bindings = bind_nodes(store, list(params), bindings)
    timeout = sparql.query_timeout(store, query_timeout)
    result = sparql.run(store, text, bindings=bindings, timeout=timeout, where=where, max_memory=max_memory)
    chosen = fmt or ("turtle" if result.kind == "graph" else "table")
    _write_bytes(output, sparql.format_result(result, chosen))
    if output:
        click.echo(f"Wrote {output}", err=True)


@pag.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (loopback only unless you mean it).")
@click.option("--port", type=click.IntRange(0, 65535), default=7070, show_default=True, help="Port (0 picks a free one).")
@click.option("--timeout", "query_timeout", type=click.FloatRange(min=0, min_open=True), default=30.0, show_default=True, help="Stop a query after this many seconds (HTTP 503).")
@click.option("--max-rows", type=click.IntRange(min=1), default=10_000, show_default=True, help="Cut SELECT results to this many rows (header X-PAG-Truncated); the worker stops reading there.")
@click.option("--max-memory", type=click.IntRange(min=1), default=1024, show_default=True, metavar="MB", help="Stop a query whose worker grows by more than this many megabytes (HTTP 503).")
@click.option("--workers", type=click.IntRange(min=1), help="Queries run at once, each in its own process (default: the CPUs, at least 2).")
@click.option("--cors", metavar="ORIGIN", help="Let pages from ORIGIN (or * for any) read answers in a browser (YASGUI). Off by default.")
@click.option("--site", "site_dir", type=click.Path(file_okay=False, path_type=Path), help="Serve this folder of HTML views (from `pag site DIR`) at /.")
@click.option("--views", is_flag=True, help="Build the HTML views of the store into a temporary folder and serve them at /.")
@click.pass_context
def serve(ctx: click.Context, host: str, port: int, query_timeout: float, max_rows: int, max_memory: int, workers: int | None, cors: str | None, site_dir: Path | None, views: bool) -> None:
    """Serve the graph as a read-only SPARQL 1.1 endpoint (and the HTML views).

    /sparql answers GET and POST queries (SPARQL 1.1 Protocol) in JSON, XML,
    CSV or TSV (SELECT/ASK) and Turtle or N-Triples (CONSTRUCT/DESCRIBE), by
    the Accept header; updates, SERVICE and LOAD are refused. /queries lists
    the named queries and /queries/NAME?VAR=VALUE runs one. Each query runs
    in its own worker process, limited in time (--timeout), memory
    (--max-memory) and rows (--max-rows); --workers run at once. Each
    request is logged as one JSON line on stderr (not with -q). CORS is off
    unless --cors names an origin. Stop with Ctrl-C.

    \b
    Examples:
      pag serve                                  # http://127.0.0.1:7070/sparql
      pag serve --views                          # + the HTML views at /
      pag site ./site && pag serve --site ./site
      pag serve --cors https://yasgui.triply.cc  # let YASGUI in a browser query it
      curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * { ?s ?p ?o } LIMIT 3' \\
           http://127.0.0.1:7070/sparql
      curl 'http://127.0.0.1:7070/queries/actor-stances?actor=actor:jeff-sessions&format=csv'
    """
    import tempfile

    from graph.serve import make_server

    st = state(ctx)
    store = st.store()
    tmp: tempfile.TemporaryDirectory[str] | None = None
    if views and site_dir is None:
        from graph.anchors import quote_positions
        from graph.curation import rationales
        from graph.model import project
        from graph.site import build_site

        tmp = tempfile.TemporaryDirectory(prefix="pag-site-")
        site_dir = Path(tmp.name)
        click.echo("Building the HTML views …", err=True)
        build_site(project(store, provenance=True), site_dir, positions=quote_positions(store), rationales=rationales(store))
    log = None if st.quiet else (lambda line: click.echo(line, err=True))
    server = make_server(
        store, host=host, port=port, timeout=query_timeout, max_rows=max_rows, max_memory=max_memory,
        workers=workers, site_dir=site_dir, cors=cors, log=log,
    )
    if host not in {"127.0.0.1", "localhost", "::1"}:
        click.echo(f"Warning: listening on {host}: anyone who can reach it can query the graph", err=True)
    click.echo(f"SPARQL endpoint: {server.url}/sparql  (read-only; Ctrl-C stops)", err=True)
    if site_dir is not None:
        click.echo(f"HTML views:      {server.url}/", err=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        click.echo("Stopped.", err=True)
    finally:
        if tmp is not None:
            tmp.cleanup()

# --- debate projects: init, source, add, undo / redo, annotate (issue 17) ---


def _project(ctx: click.Context) -> Any:
    """The debate project, or a clean error saying how to get one."""
    from graph.errors import InputError

    proj = state(ctx).project()
    if proj is None:
        raise InputError("not inside a debate project: create one with `pag init DIR` and cd into it (or give --project DIR)")
    return proj


def _authoring(ctx: click.Context) -> Any:
    from graph.authoring import Authoring

    return Authoring(_project(ctx))


def _say_saved(saved: Any, fmt: str) -> None:
    if fmt == "json":
        _emit_json(saved.as_dict())
        return
    what = {"source": "Registered", "link": "Linked"}.get(saved.action, f"Added {saved.action}")
    click.echo(f"{what}: {saved.label}  <{saved.iri}>" if saved.action != "link" else f"{what}: {saved.label}")
    if saved.citation:
        click.echo(f"  {saved.citation}")
    for f in saved.files:
        click.echo(f"  wrote {f}")
    for w in saved.warnings:
        click.echo(f"Warning: {w}", err=True)


_json_option = click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True, help="json: what was saved, with stable keys.")


@pag.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--name", help="The debate's name (default: the folder's name).")
@click.option("--curator", help="Who the curators' links between documents are attributed to.")
@click.option("--from-bundled", is_flag=True, help="Start from the bundled corpus (the US fentanyl / opioid debate).")
@click.option("--texts", type=click.Path(exists=True, file_okay=False, path_type=Path), metavar="DIR", help="With --from-bundled: the corpus's captured texts (e.g. ../shared/seeds), copied into texts/.")
def init(directory: Path, name: str | None, curator: str | None, from_bundled: bool, texts: Path | None) -> None:
    """Create a debate project in DIRECTORY (new or empty): a folder to keep in git.

    It holds pag.toml (name, IRI base, curator), texts/ (the documents'
    text), data/ (one TriG file per source: the reviewable truth, written
    deterministically) and .pag/ (the on-disk store, rebuilt from data/ when
    stale, and the undo journal; git-ignored). Inside it every pag command
    uses the project; --store still overrides.

    \b
    Examples:
      pag init my-debate && cd my-debate
      pag init fentanyl --from-bundled --texts ../shared/seeds
    """
    from graph.errors import InputError
    from graph.project import init_project

    if texts is not None and not from_bundled:
        raise InputError("--texts goes with --from-bundled (add your own documents with `pag source add FILE`)")
    proj = init_project(directory, name=name, curator=curator, from_bundled=from_bundled, texts=texts)
    n = len(proj.data_files())
    click.echo(f"Created debate project {proj.name!r} in {directory}/" + (f" with {n} data file(s) from the bundled corpus" if n else ""))
    click.echo(f"Next: cd {directory} && pag source add FILE --title '…'   then   pag annotate")


@pag.group("source")
def source_group() -> None:
    """Register and check the documents of a debate project."""


@source_group.command("add")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--title", help="The document's title (default: from the file name).")
@click.option("--author", help="Its author (becomes an actor, dcterms:creator).")
@click.option("--publisher", help="Its publisher (becomes an actor, dcterms:publisher).")
@click.option("--date", help="Its date: YYYY, YYYY-MM or YYYY-MM-DD.")
@click.option("--url", help="Where it is published (http/https).")
@click.option("--replace", is_flag=True, help="A new version of a registered document: every quote is re-anchored; refused if one is no longer in the text.")
@_json_option
@click.pass_context
def source_add(ctx: click.Context, file: Path, title: str | None, author: str | None, publisher: str | None, date: str | None, url: str | None, replace: bool, fmt: str) -> None:
    """Register a document FILE: plain text, Markdown, HTML or PDF.

    Its text is kept in texts/ (HTML reduced to text; PDF text extracted
    with pypdf, pages separated by form feeds so quotes are cited with their
    page), its SHA-256 recorded, and its Source node written to its own
    named graph in data/SLUG.trig.

    \b
    Examples:
      pag source add report.pdf --title "Overdose Report" --publisher "County Health" --date 2024
      pag source add article.html --title "…" --author "A. Writer" --url https://example.org/a
    """
    saved = _authoring(ctx).add_source(file, title=title, author=author, publisher=publisher, date=date, url=url, replace=replace)
    _say_saved(saved, fmt)


@source_group.command("list")
@click.pass_context
def source_list(ctx: click.Context) -> None:
    """List the project's documents: IRI, text file and label."""
    auth = _authoring(ctx)
    for iri, label, seed in auth.project.sources(auth.dataset()):
        click.echo(f"{iri}\t{seed or '-'}\t{label}")


@source_group.command("check")
@click.pass_context
def source_check(ctx: click.Context) -> None:
    """Report texts that changed since they were registered, and the quotes they lost.

    Exit 0: every text is as registered; 1: a text changed or is missing
    (bring the new version in with `pag source add FILE --replace`).
    """
    checks = _authoring(ctx).check_sources()
    bad = 0
    for c in checks:
        if c.status == "unchanged":
            click.echo(f"ok       {c.seed}")
            continue
        bad += c.status in {"changed", "missing"}
        click.echo(f"{c.status:<8} {c.seed}")
        if c.moved:
            click.echo(f"         {len(c.moved)} quote(s) moved: `pag source add texts/{c.seed} --replace` re-anchors them")
        for node, quote in c.lost:
            click.echo(f"         not in the text any more: {node}: \u201c{quote[:70]}\u201d")
    ctx.exit(1 if bad else 0)


@pag.group("add")
def add_group() -> None:
    """Add a claim, evidence item, policy, actor, link or quote to a debate project, from the shell.

    The same operations as `pag annotate`, with the same checks (SHACL,
    references, the quote verbatim in the source's text) and the same files
    written; nothing is written when a check fails (exit 2). `pag undo`
    takes the last change back.
    """


def _node_options(f: F) -> F:
    f = _json_option(f)
    f = click.option("--comment", help="A note (rdfs:comment).")(f)
    f = click.option("--quote", help="The verbatim words of the source that state it.")(f)
    f = click.option("--label", required=True, help="A short neutral name.")(f)
    f = click.option("--source", "source", required=True, help="The source it is read from (IRI, source:NAME or title words).")(f)
    return f


@add_group.command("claim")
@_node_options
@click.pass_context
def add_claim(ctx: click.Context, source: str, label: str, quote: str | None, comment: str | None, fmt: str) -> None:
    """A claim read from a source, with its quote.

    \b
    Example:
      pag add claim --source source:my-report --label "Naloxone saves lives" --quote "Naloxone saves lives"
    """
    _say_saved(_authoring(ctx).add_node("claim", source=source, label=label, quote=quote, comment=comment), fmt)


@add_group.command("evidence")
@_node_options
@click.option("--value", help="The figure (a number: 23, 41.5, 1200000).")
@click.option("--unit", help="What the number counts (percent, deaths, dollars …).")
@click.option("--population", help="Who or what was counted.")
@click.option("--place", help="Where.")
@click.option("--period", help="When (the period the figure covers).")
@click.option("--type", "evidence_type", type=click.Choice(["statistic", "study", "survey", "official-data", "testimony", "anecdote", "legal-record", "expert-opinion"]), help="Kind of evidence (default: statistic when --value is given).")
@click.pass_context
def add_evidence(ctx: click.Context, source: str, label: str, quote: str | None, comment: str | None, fmt: str, value: str | None, unit: str | None, population: str | None, place: str | None, period: str | None, evidence_type: str | None) -> None:
    """An evidence item read from a source: its quote and, for a figure, value, unit, population, place, period.

    \b
    Example:
      pag add evidence --source source:my-report --label "Deaths fell 23%" \\
          --quote "Overdose deaths fell by 23 percent" --value 23 --unit percent --period 2024
    """
    saved = _authoring(ctx).add_node(
        "evidence", source=source, label=label, quote=quote, comment=comment, value=value, unit=unit,
        population=population, place=place, period=period, evidence_type=evidence_type,
    )  # fmt: skip
    _say_saved(saved, fmt)


@add_group.command("policy")
@_node_options
@click.option("--status", type=click.Choice(["proposed", "enacted", "in-force", "blocked", "withdrawn", "expired", "recommended"]), help="Where the policy stands, as the source states it.")
@click.pass_context
def add_policy(ctx: click.Context, source: str, label: str, quote: str | None, comment: str | None, fmt: str, status: str | None) -> None:
    """A policy read from a source."""
    _say_saved(_authoring(ctx).add_node("policy", source=source, label=label, quote=quote, comment=comment, status=status), fmt)


@add_group.command("actor")
@_node_options
@click.option("--type", "actor_type", type=click.Choice(["person", "organization", "government"]), default="organization", show_default=True)
@click.pass_context
def add_actor(ctx: click.Context, source: str, label: str, quote: str | None, comment: str | None, fmt: str, actor_type: str) -> None:
    """An actor (person, organization, government body) named in a source."""
    _say_saved(_authoring(ctx).add_node("actor", source=source, label=label, quote=quote, comment=comment, actor_type=actor_type), fmt)


@add_group.command("quote")
@click.argument("node")
@click.option("--source", "source", required=True, help="The document that states it too (IRI, source:NAME or title words).")
@click.option("--quote", required=True, help="The verbatim words of that document.")
@_json_option
@click.pass_context
def add_quote(ctx: click.Context, node: str, source: str, quote: str, fmt: str) -> None:
    """NODE (read from another document) is stated in this one too: add its quote from --source.

    The node gets its kinds, label, pag:source and the quote with its anchor
    in that document's graph, as the bundled corpus does for a claim or
    figure several documents make.

    \b
    Example:
      pag add quote claim:naloxone-saves-lives --source source:letter --quote "naloxone saves lives"
    """
    _say_saved(_authoring(ctx).add_quote(node, source=source, quote=quote), fmt)


@add_group.command("link")
@click.argument("subject")
@click.argument("relation", type=click.Choice(["supports", "attacks", "rebuts", "undercuts", "advocates", "opposes", "proposed", "enacted", "signed", "implemented", "votedFor", "votedAgainst", "asserts"]))
@click.argument("object")
@click.option("--source", help="The document that states the link (both ends must be read from it); without it the link is the curators'.")
@click.option("--status", type=click.Choice(["proposed", "enacted", "in-force", "blocked", "withdrawn", "expired", "recommended"]), help="With a stance: the policy's status.")
@click.option("--why", "rationale", help="For a curators' link: why the curators read it so.")
@_json_option
@click.pass_context
def add_link(ctx: click.Context, subject: str, relation: str, object: str, source: str | None, status: str | None, rationale: str | None, fmt: str) -> None:
    """SUBJECT RELATION OBJECT: supports / attacks (rebuts, undercuts), a stance, or asserts.

    SUBJECT and OBJECT are IRIs, CURIEs (claim:NAME) or labels. A link one
    document states goes into its graph (--source); any other is recorded as
    the curators' link in the curation graph, with --why and who made it.

    \b
    Examples:
      pag add link evidence:deaths-fell-23 supports claim:naloxone-saves-lives --source source:my-report
      pag add link actor:city-council proposed policy:naloxone-program --status proposed --source source:my-report
      pag add link claim:a rebuts claim:b --why "b's figure is for a different year"
    """
    _say_saved(_authoring(ctx).add_link(subject, relation, object, source=source, status=status, rationale=rationale), fmt)


@pag.command()
@click.pass_context
def undo(ctx: click.Context) -> None:
    """Take back the last change made in this project (by `pag add`, `pag source add` or `pag annotate`)."""
    done = _authoring(ctx).undo()
    click.echo(f"Undone: {done}" if done else "Nothing to undo.")


@pag.command()
@click.pass_context
def redo(ctx: click.Context) -> None:
    """Make again the last change `pag undo` took back."""
    done = _authoring(ctx).redo()
    click.echo(f"Redone: {done}" if done else "Nothing to redo.")


# --- editing and removing nodes and links (issue 17b) ---


def _say_changed(saved: Any, fmt: str) -> None:
    if fmt == "json":
        _emit_json(saved.as_dict())
        return
    if not saved.files:
        click.echo(f"Unchanged: {saved.label} (it already says so)")
        return
    what = "Edited" if saved.action == "edited" else "Removed"
    node = " " not in saved.iri
    click.echo(f"{what}: {saved.label}" + (f"  <{saved.iri}>" if node else ""))
    if saved.citation:
        click.echo(f"  {saved.citation}")
    for f in saved.files:
        click.echo(f"  wrote {f}")


def _node_or_link(target: tuple[str, ...]) -> tuple[str, ...]:
    from graph.authoring import LINK_RELATIONS
    from graph.errors import InputError

    if len(target) == 1 or (len(target) == 3 and target[1] in LINK_RELATIONS):
        return target
    raise InputError(
        "name a NODE (IRI, CURIE such as claim:NAME, or label) or a link as SUBJECT RELATION OBJECT "
        f"(RELATION one of {', '.join(sorted(LINK_RELATIONS))})"
    )


@pag.command("edit")
@click.argument("target", nargs=-1, required=True, metavar="NODE | SUBJECT RELATION OBJECT")
@click.option("--label", help="A node's new label (its IRI stays).")
@click.option("--quote", help="A node's new quote: checked verbatim against the text and re-anchored.")
@click.option("--source", help="The document whose statement changes: where --quote is replaced (when several documents quote the node), where a new field goes; for a link, the graph that holds it ('curation' for the curators').")
@click.option("--value", help="Evidence: the figure (a number; '' removes it).")
@click.option("--unit", help="Evidence: what the number counts ('' removes it).")
@click.option("--population", help="Evidence: who or what was counted.")
@click.option("--place", help="Evidence: where.")
@click.option("--period", help="Evidence: when.")
@click.option("--type", "evidence_type", type=click.Choice(["", "statistic", "study", "survey", "official-data", "testimony", "anecdote", "legal-record", "expert-opinion"]), help="Evidence: the kind of evidence.")
@click.option("--status", type=click.Choice(["", "proposed", "enacted", "in-force", "blocked", "withdrawn", "expired", "recommended"]), help="A policy's status; for a stance link, the status it records.")
@click.option("--comment", help="A node's note (rdfs:comment; '' removes it).")
@click.option("--relation", "to", type=click.Choice(["supports", "attacks", "rebuts", "undercuts", "advocates", "opposes", "proposed", "enacted", "signed", "implemented", "votedFor", "votedAgainst", "asserts"]), help="A link's new relation.")
@_json_option
@click.pass_context
def edit(ctx: click.Context, target: tuple[str, ...], label: str | None, quote: str | None, source: str | None, value: str | None, unit: str | None, population: str | None, place: str | None, period: str | None, evidence_type: str | None, status: str | None, comment: str | None, to: str | None, fmt: str) -> None:
    """Change a node (its label, quote, figure, status, note) or a link (its relation, a stance's status).

    A NODE is named by IRI, CURIE (claim:NAME) or label; a link by
    SUBJECT RELATION OBJECT, as `pag add link` makes it. Only the options
    given change; '' removes an optional field. The label changes in every
    document that states the node, its IRI stays. A link stays where it is:
    a document's link in its graph, a curators' link in the curation graph
    (with its pag:CuratedLink). Validated like an add (SHACL, references,
    the quote verbatim in the text); nothing is written when a check fails
    (exit 2); `pag undo` takes it back.

    \b
    Examples:
      pag edit claim:each-naloxone-machine-can-save-a-life --label "Every naloxone machine can save a life"
      pag edit evidence:overdose-deaths-fell-23-in-2024 --period "2024 (provisional)" --place ""
      pag edit "Harbor City council" --quote "city council"
      pag edit "Harbor City council" proposed "Naloxone vending program" --relation enacted --status enacted
      pag edit claim:a supports claim:b --relation rebuts
    """
    from graph.errors import InputError

    target = _node_or_link(target)
    auth = _authoring(ctx)
    if len(target) == 3:
        if any(v is not None for v in (label, quote, value, unit, population, place, period, evidence_type, comment)):
            raise InputError("a link's --relation and --status change; the other options are a node's")
        _say_changed(auth.edit_link(*target, to=to, status=status, source=source), fmt)
        return
    if to is not None:
        raise InputError("--relation changes a link: name it as SUBJECT RELATION OBJECT")
    saved = auth.edit_node(
        target[0], source=source, label=label, quote=quote, value=value, unit=unit, population=population,
        place=place, period=period, evidence_type=evidence_type, status=status, comment=comment,
    )  # fmt: skip
    _say_changed(saved, fmt)


@pag.command("remove")
@click.argument("target", nargs=-1, required=True, metavar="NODE | SUBJECT RELATION OBJECT")
@click.option("--with-links", is_flag=True, help="Remove the node's links too (otherwise a node with links is refused, naming them).")
@click.option("--source", help="A node: remove only this document's statement of it (its quote), when others state it too. A link: only from this document's graph ('curation' for the curators').")
@_json_option
@click.pass_context
def remove(ctx: click.Context, target: tuple[str, ...], with_links: bool, source: str | None, fmt: str) -> None:
    """Remove a node (what the documents say of it, its quotes and anchors) or a link.

    A node with links to or from it — in any document's graph or the
    curators' — is refused with the list of them, unless --with-links.
    A curators' link goes with its pag:CuratedLink. `pag undo` takes it back.

    \b
    Examples:
      pag remove evidence:overdose-deaths-fell-23-in-2024 supports claim:each-naloxone-machine-can-save-a-life
      pag remove claim:each-naloxone-machine-can-save-a-life --with-links
      pag remove claim:a --source "Sheriff's letter"
    """
    target = _node_or_link(target)
    auth = _authoring(ctx)
    if len(target) == 3:
        if with_links:
            from graph.errors import InputError

            raise InputError("--with-links goes with a node")
        _say_changed(auth.remove_link(*target, source=source), fmt)
        return
    _say_changed(auth.remove_node(target[0], source=source, with_links=with_links), fmt)


@pag.command()
@click.argument("source", required=False)
@click.option("--port", type=click.IntRange(0, 65535), default=7071, show_default=True, help="Port (0 picks a free one).")
@click.option("--open/--no-open", "open_browser", default=True, show_default=True, help="Open the annotator in the default browser.")
@click.pass_context
def annotate(ctx: click.Context, source: str | None, port: int, open_browser: bool) -> None:
    """Read a document in the browser and annotate it: select text, save a claim, evidence, policy or actor.

    Shows SOURCE (default: the first registered document) with every quote
    highlighted and suggested spans (figures, reported speech, sentences
    that match existing nodes) marked. Each save is validated and written
    to data/ at once; Ctrl+Z / Ctrl+Shift+Z undo and redo. Listens on
    127.0.0.1 only; every write needs the page's token. Stop with Ctrl-C.

    \b
    Example:
      pag source add report.txt --title "My report" && pag annotate
    """
    from graph.annotate import run

    auth = _authoring(ctx)
    run(auth, source=source, port=port, open_browser=open_browser, log=None if state(ctx).quiet else (lambda line: click.echo(line, err=True)))


def _terminate(signum: int, _frame: Any) -> None:
    # SIGTERM/SIGHUP unwind like Ctrl-C: atomic writes remove their temporary files
    raise SystemExit(128 + signum)


def main() -> None:
    """Console entry point."""
    for sig in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, _terminate)
    if sys.stdout is None:  # started with stdout closed
        sys.stdout = _ClosedStream()  # type: ignore[assignment]
    pag(prog_name="pag")


if __name__ == "__main__":
    main()
