"""The front door: open a debate, ask it questions, get typed results back.

::

    import graph

    debate = graph.open()                      # the bundled fentanyl debate, in memory
    debate = graph.open("oxigraph:./db")       # an on-disk store (pag load …)
    debate = graph.open("sparql:http://…/sparql")   # a SPARQL 1.1 endpoint
    debate = graph.open("my-debate/")          # a folder (or file) of RDF: TriG, Turtle, N-Quads …

A :class:`Debate` holds a store (:mod:`graph.stores`) and the networkx
projection the analyses read (made on first use, kept until
:meth:`Debate.refresh`). Each question is one method, and returns what the
CLI renders — nothing is printed:

=============================  ===============================================
``stats()``                     :class:`~graph.stores.Stats` (``pag stats``)
``chains(target)``              :class:`~graph.analysis.results.ChainsReport` (``pag chains``)
``evidence(target)``            :class:`~graph.analysis.results.EvidenceBase` (``pag evidence``)
``evidence(t, against=True)``   :class:`~graph.analysis.results.EvidenceAgainst` (``--against``)
``impact()``                    :class:`~graph.tables.Table` of load-bearing evidence (``pag report impact``)
``impact(target, …)``           :class:`~graph.analysis.results.Impact` of retracting them (``pag impact``)
``search(text)``                Table of the nodes found, best first (``pag search``)
``actor(*actors)``              :class:`~graph.analysis.results.ActorReport` (``pag actor``)
``timeline(target=None)``       Table of dated entries (``pag timeline``)
``contested()``                 Table of contested claims and policies
``unsupported()``               Table of claims and policies resting on no evidence
``single_source()``             Table of those resting on one source
``stances()``                   the stance grid (actor × policy) as a Table
``tensions()``                  Table of actors backing policies that pull apart
``figures()``                   Table of the figures by family of measures, one line per figure
``overview()``                  :class:`~graph.analysis.results.Overview`
``report(name, …)``             the :class:`~graph.reports.Report` a command prints
``query(name_or_text, **p)``    Table of rows (SELECT), bool (ASK) or rdflib Graph
``queries()``                   Table of the named queries
``networkx(kinds=…)``           a networkx ``MultiDiGraph`` (a copy: yours to change)
``view_data(target)``           the data of an HTML view (:func:`graph.view.view_data`)
``pyvis(target)``               a configured :class:`pyvis.network.Network`
``validate(texts=…)``           :class:`graph.validate.Report`
=============================  ===============================================

A Table is a list of the typed rows with ``.to_pandas()`` and an HTML
rendering for Jupyter (see :mod:`graph.tables`). A TARGET is an IRI, a
CURIE (``policy:naloxone-access``) or a label, found by
:func:`graph.model.resolve`; errors are those of :mod:`graph.errors`.

A new analysis is one method here: run it on :meth:`Debate.networkx`'s
cached graph (``copy=False``) and wrap a list result in a Table.

Examples
--------
>>> import graph
>>> debate = graph.open()
>>> debate.stats().sources
5
>>> tree = debate.chains("policy:operation-synthetic-opioid-surge", depth=1)
>>> tree["target"]["label"], tree["tree"]["acceptability"] in {"IN", "OUT", "UNDECIDED"}
('Operation Synthetic Opioid Surge (S.O.S.)', True)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, cast, overload

from graph.errors import InputError
from graph.model import FOCUS_PURPOSES, focus
from graph.semantics import DEFAULT_SUPPORT
from graph.stores import Store, open_store
from graph.stores.factory import parse_spec
from graph.tables import (
    Table,
    contested_table,
    families_table,
    load_bearing_table,
    named_table,
    query_table,
    search_table,
    single_source_table,
    stance_table,
    tensions_table,
    timeline_table,
    unsupported_table,
)

if TYPE_CHECKING:
    import networkx as nx
    from rdflib import Graph

    from graph.analysis.results import (
        ActorReport,
        ChainsReport,
        Contested,
        EvidenceAgainst,
        EvidenceBase,
        FigureFamily,
        Impact,
        LoadBearing,
        Overview,
        SearchHit,
        SingleSource,
        StanceCell,
        Tension,
        TimelineEntry,
        Unsupported,
    )
    from graph.notebook import DebateNetwork
    from graph.reports import Report
    from graph.semantics import Support
    from graph.stores.base import Stats
    from graph.validate import Report as ValidationReport

__all__ = ["RDF_SUFFIXES", "Debate", "open"]

#: the files a folder given to :func:`open` is read from
RDF_SUFFIXES = (".trig", ".ttl", ".nq", ".nt", ".jsonld", ".rdf", ".owl", ".n3")


def _files_of(path: Path) -> list[Path]:
    if path.is_file():
        return [path]
    folder = path / "data" if (path / "data").is_dir() else path
    files = sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in RDF_SUFFIXES)
    if not files:
        raise InputError(
            f"{path} holds no RDF files ({', '.join(RDF_SUFFIXES)}); give a store spec "
            "(memory, oxigraph:PATH, sparql:URL) or a folder or file of RDF"
        )
    return files


def open(  # the front door (as sqlite_utils.Database, httpx.get): shadows open() here only
    store: str | Path | Store | None = None,
    *,
    data: Sequence[str | Path] | None = None,
    support: Support = DEFAULT_SUPPORT,
    curation: bool = True,
    update_url: str | None = None,
    timeout: float = 30.0,
    progress: Callable[[Path, int], None] | None = None,
) -> Debate:
    """Open a debate: a store spec, a folder or file of RDF, or an open store.

    Parameters
    ----------
    store : str, Path or Store, optional
        ``None`` or ``"memory"``: the bundled corpus (or ``data``) in memory;
        ``"rdflib"``: the same in rdflib's store; ``"oxigraph:PATH"`` /
        ``"oxigraph-ro:PATH"``: an on-disk store; ``"sparql:URL"``: a SPARQL
        1.1 endpoint; a path to a folder (its ``data/`` folder if it has one)
        or file of RDF: those files in memory; or a :class:`~graph.stores.Store`.
        Default: ``$PAG_STORE``, else ``memory``.
    data : sequence of paths, optional
        RDF files for the ``memory``/``rdflib`` stores instead of the corpus.
    support : {"evidential", "deductive", "necessary", "none"}
        How supports carry attacks in every IN/OUT/UNDECIDED label.
    curation : bool
        False: leave out the curators' links between documents (the
        curation graph, :mod:`graph.curation`), as ``pag --no-curation``
        does; in-memory stores only.
    update_url, timeout
        For ``sparql:URL`` (see :mod:`graph.stores.remote`).
    progress : callable, optional
        Called with ``(file, statements)`` after each file loads.

    Raises
    ------
    InputError
        An unknown spec that is not a path either, or a folder with no RDF.

    Examples
    --------
    >>> import graph
    >>> graph.open().store.spec
    'memory'
    >>> graph.open("no-such-store:x")
    Traceback (most recent call last):
    ...
    graph.errors.InputError: unknown store 'no-such-store:x'; use memory, rdflib, oxigraph:PATH, oxigraph-ro:PATH or sparql:URL (or a folder or file of RDF)
    """
    if isinstance(store, Store):
        if not curation:
            raise InputError("curation=False loads a store without the curation graph: give a spec or files, not an open store")
        return Debate(store, support=support)
    files: list[Path] | None = [Path(p) for p in data] if data is not None else None
    spec: str | None
    if isinstance(store, Path):
        files, spec = _files_of(store), "memory"
    else:
        spec = store
        try:
            parse_spec(spec)
        except InputError as exc:
            assert spec is not None  # parse_spec(None) falls back to memory
            if not Path(spec).exists():
                raise InputError(f"{exc} (or a folder or file of RDF)") from None
            files, spec = _files_of(Path(spec)), "memory"
    if not curation and parse_spec(spec).persistent:
        raise InputError(
            "curation=False works on the in-memory stores (memory, rdflib), which it loads without the "
            "curation graph; a store on disk or a server is never changed by it"
        )
    st = open_store(spec, data=files, progress=progress, update_url=update_url, timeout=timeout)
    if not curation:
        from graph.curation import CURATION_GRAPH

        st.update(f"DROP SILENT GRAPH <{CURATION_GRAPH}>")
    return Debate(st, support=support, files=files)


class Debate:
    """A debate in a store, and the questions to ask it.

    Make one with :func:`graph.open` (or ``Debate(store)`` around an open
    store). Methods return typed results; nothing is printed, and the store
    and the projected graph are never changed by a question. Use it as a
    context manager, or call :meth:`close`, to release an on-disk store.

    Parameters
    ----------
    store : Store
        Any store of :mod:`graph.stores`.
    support : {"evidential", "deductive", "necessary", "none"}
        The support reading of every IN/OUT/UNDECIDED label.
    files : list of Path, optional
        The files the store was filled from (for :meth:`validate`'s
        locations); default: the bundled corpus for an in-memory store.
    """

    def __init__(self, store: Store, *, support: Support = DEFAULT_SUPPORT, files: list[Path] | None = None) -> None:
        self.store = store
        self.support: Support = support
        self._files = files
        self._graphs: dict[bool, nx.MultiDiGraph] = {}
        self._rationales: dict[tuple[str, str], str] | None = None

    def __repr__(self) -> str:
        return f"<Debate {self.store.spec}>"

    def __enter__(self) -> Debate:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the store (a Debate is not used after)."""
        self.store.close()
        self._graphs.clear()

    def refresh(self) -> None:
        """Forget the projected graphs: the next question reads the store afresh
        (after a ``pag load`` or a SPARQL update into the same store)."""
        self._graphs.clear()
        self._rationales = None

    # --- the graph ---------------------------------------------------------------

    def networkx(
        self,
        kinds: Iterable[str] | None = None,
        *,
        provenance: bool = False,
        copy: bool = True,
    ) -> nx.MultiDiGraph:
        """The debate as a networkx ``MultiDiGraph`` (:func:`graph.model.project`).

        Parameters
        ----------
        kinds : iterable of str, optional
            Keep only nodes of these kinds (``actor``, ``policy``, ``claim``,
            ``evidence``, ``source``, ``measure``, ``other``) and the edges
            between them.
        provenance : bool
            Also source nodes and the curators' links (``disagreesWith`` …).
        copy : bool
            True (default): a copy, yours to change. False: the graph the
            analyses read, cached — read it, never change it.

        Examples
        --------
        >>> import graph
        >>> G = graph.open().networkx(kinds=["policy"])
        >>> {d["kind"] for _, d in G.nodes(data=True)}
        {'policy'}
        """
        G = self._graphs.get(provenance)
        if G is None:
            from graph.model import project

            G = self._graphs[provenance] = project(self.store, provenance=provenance)
        if kinds is not None:
            wanted = set(kinds)
            return G.subgraph(n for n, d in G.nodes(data=True) if d.get("kind", "other") in wanted).copy()
        return G.copy() if copy else G

    # --- counts and checks -----------------------------------------------------------

    def stats(self, *, by_source: bool = True) -> Stats:
        """Counts of actors, policies, claims, evidence, sources and statements (``pag stats``).

        >>> import graph
        >>> s = graph.open().stats()
        >>> s.policies > 100, s.sources
        (True, 5)
        """
        return self.store.stats(by_source=by_source)

    def validate(self, *, texts: str | Path | None = None, shacl: bool = True) -> ValidationReport:
        """SHACL shapes, references and (with ``texts``, a folder of source
        texts) every quote verbatim (``pag validate``).

        >>> import graph
        >>> graph.open().validate(shacl=False).conforms
        True
        """
        from graph.resources import corpus_files
        from graph.validate import validate

        files = self._files if self._files is not None else (corpus_files() if not self.store.persistent else [])
        return validate(self.store, texts=texts, files=list(files), shacl=shacl)

    # --- reports on one target ---------------------------------------------------------

    def report(self, name: str, target: str | Sequence[str] | None = None, **options: Any) -> Report:
        """The :class:`~graph.reports.Report` a ``pag`` command prints: ``chains``,
        ``evidence`` or ``impact`` with a target, or one of
        :data:`graph.reports.REPORTS` on the whole debate, or ``actor``,
        ``timeline``, ``evidence-against``, ``evidence-both``.

        ``options`` go to :func:`graph.reports.build_report` (``depth``,
        ``max_paths``, ``top``, ``progress``; ``support`` overrides the
        Debate's). In Jupyter a Report shows as
        Markdown; ``graph.reports.render(report, "md" | "text" | "json")``
        gives the text.

        >>> import graph
        >>> rep = graph.open().report("tensions")
        >>> rep.name, len(rep.data["tensions"]) > 0
        ('tensions', True)
        """
        from graph.anchors import attach_pages
        from graph.reports import build_report, needs_provenance

        support = options.setdefault("support", self.support)
        one = target if isinstance(target, str) else (target[0] if target is not None and len(target) == 1 else None)
        if name in FOCUS_PURPOSES and one is not None and support in ("evidential", "none") and not self._graphs:
            # only the part of the store that can change the answer (model.focus), named by
            # the node TARGET names in the whole store; a Debate that has projected the
            # whole store already answers from that
            G = focus(self.store, one, purpose=name)
            target = str(G.graph["focus"]) if isinstance(target, str) else [str(G.graph["focus"])]
        else:
            G = self.networkx(provenance=needs_provenance(name), copy=False)
        rep = build_report(name, G, target=target, **options)
        # a quote from a text with pages is cited with them (only the shown quotes' anchors are read)
        attach_pages(rep.data, self.store)
        if name in ("chains", "evidence"):
            # each step the curators made (not a document) carries their rationale
            from graph.curation import attach_rationales, rationales

            if self._rationales is None:
                self._rationales = rationales(self.store)
            attach_rationales(cast("dict[str, Any]", rep.data), self._rationales)
        return rep

    def chains(self, target: str, *, depth: int | None = None) -> ChainsReport:
        """The argument tree under a policy or claim, every node labelled (``pag chains``).

        >>> import graph
        >>> t = graph.open().chains("Naloxone access", depth=1)
        >>> t["counts"]["supports"] > 0
        True
        """
        return cast("ChainsReport", self.report("chains", target, depth=depth).data)

    @overload
    def evidence(self, target: str, *, against: Literal[False] = ..., max_paths: int = ...) -> EvidenceBase: ...
    @overload
    def evidence(self, target: str, *, against: Literal[True], max_paths: int = ...) -> EvidenceAgainst: ...

    def evidence(self, target: str, *, against: bool = False, max_paths: int = 10) -> EvidenceBase | EvidenceAgainst:
        """Every evidence item with a ``supports`` path to a policy or claim (``pag evidence``);
        ``against=True``: the evidence bearing against it — a path that ends
        in an attack on it or on an argument for it (``pag evidence --against``).

        >>> import graph
        >>> debate = graph.open()
        >>> base = debate.evidence("policy:operation-synthetic-opioid-surge")
        >>> len(base["evidence"]) > 0
        True
        >>> con = debate.evidence("policy:operation-synthetic-opioid-surge", against=True)
        >>> con["against"][0]["hops"][-1]["relation"] in {"attacks", "supports"}
        True
        """
        if against:
            return cast("EvidenceAgainst", self.report("evidence-against", target).data)
        return cast("EvidenceBase", self.report("evidence", target, max_paths=max_paths).data)

    @overload
    def impact(self, *, labels: bool = ...) -> Table[LoadBearing]: ...
    @overload
    def impact(self, target: str, /, *targets: str) -> Impact: ...

    def impact(self, *targets: str, labels: bool = True) -> Table[LoadBearing] | Impact:
        """What rests on what.

        ``impact()``: evidence ranked by what loses its support without it
        (``pag report impact``; ``labels=False`` skips counting the labels
        that change, which takes one computation per item).
        ``impact(target, …)``: what falls if those evidence items, claims,
        policies or sources are retracted together (``pag impact``).

        >>> import graph
        >>> debate = graph.open()
        >>> ranking = debate.impact(labels=False)
        >>> ranking[0]["evidence"]["kind"], ranking.columns[:2]
        ('evidence', ['evidence', 'curie'])
        >>> out = debate.impact("evidence:manatee-overdoses-fell-from-11-a-day")
        >>> out["retracted"]["kind"]
        'evidence'
        """
        if not targets:
            from graph.analysis import load_bearing

            G = self.networkx(copy=False)
            return load_bearing_table(load_bearing(G, labels=labels, support=self.support))
        return cast("Impact", self.report("impact", list(targets)).data)

    # --- asking it the way people ask -------------------------------------------------

    def search(self, text: str, *, kinds: Iterable[str] | None = None, limit: int | None = 20) -> Table[SearchHit]:
        """Nodes whose label, alias, quote or note matches ``text``, best first (``pag search``).

        >>> import graph
        >>> hits = graph.open().search("icing on the cake")
        >>> hits[0]["field"], hits.columns[:3]
        ('quote', ['node', 'curie', 'kind'])
        """
        from graph.search import search

        found = search(self.store, text, kinds=list(kinds) if kinds else None, limit=limit)
        return search_table(found["hits"], title=f"Search: {text}" + (" (some of the words)" if found["partial"] else ""))

    def actor(self, *actors: str) -> ActorReport:
        """An actor's record — what they assert, back and oppose, their tensions
        and coalition — or several side by side (``pag actor``).

        >>> import graph
        >>> rec = graph.open().actor("Sessions")
        >>> rec["actors"][0]["actor"]["label"]
        'Jeff Sessions'
        """
        return cast("ActorReport", self.report("actor", list(actors)).data)

    def timeline(
        self, target: str | None = None, *, kinds: Iterable[str] | None = None, where: str | None = None
    ) -> Table[TimelineEntry]:
        """Dated policies, stances, evidence, figures and sources in order (``pag timeline``):
        the whole debate, or around an actor, policy, claim, measure or source.

        >>> import graph
        >>> t = graph.open().timeline(kinds=["policy"])
        >>> t[0]["date"] <= t[-1]["date"], {e["kind"] for e in t}
        (True, {'policy'})
        """
        from graph.analysis.results import Timeline

        data = self.report("timeline", target, kinds=list(kinds) if kinds else None, where=where).data
        return timeline_table(cast(Timeline, data))

    # --- whole-debate tables --------------------------------------------------------------

    def contested(self) -> Table[Contested]:
        """Claims and policies both supported and attacked, most contested first.

        >>> import graph
        >>> t = graph.open().contested()
        >>> t[0]["score"] >= t[-1]["score"]
        True
        """
        from graph.analysis import contested

        return contested_table(contested(self.networkx(copy=False)))

    def unsupported(self) -> Table[Unsupported]:
        """Claims and policies with no evidence anywhere below them.

        >>> import graph
        >>> graph.open().unsupported().columns[:3]
        ['node', 'curie', 'kind']
        """
        from graph.analysis import unsupported

        return unsupported_table(unsupported(self.networkx(copy=False)))

    def single_source(self) -> Table[SingleSource]:
        """Claims and policies whose whole support rests on one source.

        >>> import graph
        >>> all(r["source"].startswith("https://") for r in graph.open().single_source())
        True
        """
        from graph.analysis import single_source

        return single_source_table(single_source(self.networkx(copy=False)))

    def stances(self) -> Table[StanceCell]:
        """The stance grid: one line per actor, one column per policy
        (``advocates`` / ``opposes`` / ``both``); its rows are the stance cells.

        >>> import graph
        >>> grid = graph.open().stances()
        >>> grid.columns[0], {r["stance"] for r in grid} <= {"advocates", "opposes", "both"}
        ('actor', True)
        """
        from graph.analysis import stance_matrix

        return stance_table(stance_matrix(self.networkx(copy=False)))

    def tensions(self) -> Table[Tension]:
        """Actors advocating two policies where the case for one undermines the other.

        >>> import graph
        >>> t = graph.open().tensions()
        >>> t[0]["explanation"] != ""
        True
        """
        from graph.analysis import tensions

        return tensions_table(tensions(self.networkx(copy=False)))

    def figures(self) -> Table[FigureFamily]:
        """The figures by family of measures (the series over time; which pairs
        disagree); the flat view has one line per figure, in date order
        (``pag report figures``).

        >>> import graph
        >>> t = graph.open().figures()
        >>> len(t.cells) > len(t) > 0, t.columns[:4]
        (True, ['family', 'measure', 'date', 'value'])
        """
        from graph.analysis import figure_families

        return families_table(figure_families(self.networkx(provenance=True, copy=False)))

    def overview(self, *, top: int = 5) -> Overview:
        """Counts, acceptability, and the top rows of each analysis (``pag report overview``).

        >>> import graph
        >>> graph.open().overview()["counts"]["sources"]
        5
        """
        from graph.analysis import overview

        return overview(self.networkx(copy=False), top=top, support=self.support)

    # --- SPARQL -------------------------------------------------------------------------

    def query(self, name_or_text: str, *, timeout: float | None = None, **params: str) -> Table[dict[str, Any]] | bool | Graph:
        """Run a named query of the library (``pag query --list``) or SPARQL text.

        ``params`` bind variables as ``pag query -p VAR VALUE`` does: a CURIE
        (``policy="policy:naloxone-access"``), an IRI, a number or text —
        bound as RDF terms, never pasted into the query. Untrusted text is
        safe to run: updates, ``SERVICE`` and ``LOAD`` are refused, and the
        query is stopped after ``timeout`` seconds (default 60).

        Returns
        -------
        Table, bool or rdflib.Graph
            SELECT: a Table of ``{variable: value}`` rows (IRIs as text,
            literals as Python values); ASK: a bool; CONSTRUCT/DESCRIBE: an
            rdflib Graph.

        Examples
        --------
        >>> import graph
        >>> debate = graph.open()
        >>> rows = debate.query("actor-stances", actor="actor:jeff-sessions")
        >>> rows.columns[:2], len(rows) > 0
        (['actor', 'actorLabel'], True)
        >>> debate.query("ASK { ?p a pag:Policy }")
        True
        """
        from graph import sparql

        is_name = "{" not in name_or_text and "\n" not in name_or_text
        text = sparql.load_query(name_or_text).text if is_name else name_or_text
        where = f"query {name_or_text}" if is_name else "<query>"
        bindings = sparql.parse_bindings(dict(params), text)
        result = sparql.run(self.store, text, bindings=bindings, timeout=sparql.query_timeout(self.store, timeout), where=where)
        if result.kind == "ask":
            return bool(result.boolean)
        if result.kind == "graph":
            from rdflib import Graph

            g = Graph()
            for t in result.triples:
                g.add(t)
            return g
        return query_table(result, title=name_or_text if is_name else "")

    def queries(self) -> Table[dict[str, Any]]:
        """The named query library: name, form, bindable parameters, what it answers.

        >>> import graph
        >>> "policy-evidence" in [q["name"] for q in graph.open().queries()]
        True
        """
        from graph import sparql

        return named_table(
            [q.as_dict() for q in sparql.named_queries()],
            ["name", "form", "parameters", "description"],
            lambda q: (q["name"], q["form"], q["parameters"], q["description"]),
            "The named queries",
        )

    # --- views --------------------------------------------------------------------------

    def view_data(self, target: str | None = None, **options: Any) -> dict[str, Any]:
        """What an HTML view of ``target`` (None: the whole debate) draws
        (:func:`graph.view.view_data`; ``options``: ``depth``, ``kinds``,
        ``layout``, ``max_nodes``, ``title``).

        >>> import graph
        >>> graph.open().view_data("Naloxone access")["layout"]
        'tree'
        """
        from graph.semantics import grounded_labels
        from graph.view import view_data

        G = self.networkx(provenance=True, copy=False)
        options.setdefault("labels", grounded_labels(G, support=self.support))
        return view_data(G, target, **options)

    def pyvis(
        self,
        target: str | None = None,
        *,
        height: str = "640px",
        width: str = "100%",
        notebook: bool = True,
        cdn_resources: str = "in_line",
        **options: Any,
    ) -> DebateNetwork:
        """A configured :class:`pyvis.network.Network` of a view (the whole
        debate, the argument tree under a policy or claim, or a node's
        neighbourhood): styled like the HTML views, quotes on hover, the
        legend above. A notebook cell ending with it shows it inline; tweak
        it with pyvis's API first if you like. ``options`` go to
        :meth:`view_data` (``depth``, ``kinds``, ``layout``, ``max_nodes``).
        See :func:`graph.notebook.pyvis_network`.

        >>> import graph
        >>> net = graph.open().pyvis("Naloxone access", depth=1)
        >>> type(net).__mro__[1].__module__, net.num_nodes() > 1
        ('pyvis.network', True)
        """
        from graph.notebook import pyvis_network

        return pyvis_network(
            self.view_data(target, **options),
            height=height,
            width=width,
            notebook=notebook,
            cdn_resources=cdn_resources,
        )
