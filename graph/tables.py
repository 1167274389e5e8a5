"""Tabular results: typed rows that display as a table and become a DataFrame.

A :class:`Table` is a ``list`` of the typed rows an analysis returns (the
``TypedDict`` results of :mod:`graph.analysis.results`, or ``{variable: term}``
rows of a SPARQL query), so it is JSON-ready, indexable and compares equal to
the plain list. On top of the rows it carries a flat view — ``columns`` and
``cells``, one line of plain scalars per row or per item of a row — which
:meth:`Table.to_pandas` turns into a :class:`pandas.DataFrame` (pandas is an
optional extra: ``pip install 'policy-argument-graph[notebook]'``) and
:meth:`Table._repr_html_` into an HTML table for Jupyter, every cell escaped
(labels and quotes are untrusted).

The ``*_table`` functions below build the table of each kind of result; they
are what :class:`graph.debate.Debate` returns.

Examples
--------
>>> t = Table([{"n": 1}, {"n": 2}], columns=["n", "twice"], cells=[(1, 2), (2, 4)], title="Doubles")
>>> t == [{"n": 1}, {"n": 2}], len(t), t.columns
(True, 2, ['n', 'twice'])
>>> t
<Table 'Doubles': 2 rows; columns n, twice>
>>> "<td>4</td>" in t._repr_html_()
True
>>> Table([{"label": "<script>"}], columns=["label"], cells=[("<script>",)])._repr_html_().count("&lt;script&gt;")
1
"""

from __future__ import annotations

import html
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from graph.terms import curie

if TYPE_CHECKING:
    import pandas

    from graph.analysis.results import (
        Circular,
        Contested,
        FigureFamily,
        Figures,
        Impact,
        LoadBearing,
        NodeRef,
        SearchHit,
        SingleSource,
        StanceCell,
        StanceMatrix,
        Tension,
        Timeline,
        TimelineEntry,
        Unsupported,
    )
    from graph.stores.base import QueryResult

__all__ = [
    "MAX_HTML_ROWS",
    "Table",
    "circular_table",
    "contested_table",
    "families_table",
    "figures_table",
    "impacts_table",
    "load_bearing_table",
    "named_table",
    "query_table",
    "search_table",
    "single_source_table",
    "stance_table",
    "tensions_table",
    "timeline_table",
    "unsupported_table",
]

R = TypeVar("R")

#: rows shown by :meth:`Table._repr_html_` (``to_pandas()`` has them all)
MAX_HTML_ROWS = 60

_NOTEBOOK_HINT = "pandas is needed for to_pandas(): pip install 'policy-argument-graph[notebook]'"


def _plain(value: Any) -> Any:
    """A cell as a plain scalar: lists joined with ``; ``, None kept."""
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, (list, tuple, set, frozenset)):
        return "; ".join(str(_plain(v)) for v in value)
    return str(value)


class Table(list[R]):
    """A list of typed rows, with a flat tabular view for pandas and Jupyter.

    Parameters
    ----------
    rows : iterable
        The typed rows (what ``list(table)`` gives back, and what JSON holds).
    columns : sequence of str
        The names of the flat view's columns.
    cells : iterable of sequences
        The flat view: one sequence of plain values per line, in column order.
        A line need not be a row: a stance grid has one line per actor, a
        figures table one per figure.
    title : str
        What the table shows (the HTML caption).
    index_col : str, optional
        A column to use as the DataFrame's index.
    """

    columns: list[str]
    cells: list[tuple[Any, ...]]
    title: str
    index_col: str | None

    def __init__(
        self,
        rows: Iterable[R] = (),
        *,
        columns: Sequence[str],
        cells: Iterable[Sequence[Any]],
        title: str = "",
        index_col: str | None = None,
    ) -> None:
        super().__init__(rows)
        self.columns = list(columns)
        self.cells = [tuple(_plain(c) for c in line) for line in cells]
        for line in self.cells:
            if len(line) != len(self.columns):
                raise ValueError(f"a line has {len(line)} cells for {len(self.columns)} columns")
        self.title = title
        self.index_col = index_col

    def __repr__(self) -> str:
        n = len(self)
        return f"<Table {self.title!r}: {n} row{'' if n == 1 else 's'}; columns {', '.join(self.columns)}>"

    def records(self) -> list[dict[str, Any]]:
        """The flat view as ``{column: value}`` dicts (what :meth:`to_pandas` holds).

        >>> Table([1], columns=["a", "b"], cells=[(1, [2, 3])]).records()
        [{'a': 1, 'b': '2; 3'}]
        """
        return [dict(zip(self.columns, line, strict=True)) for line in self.cells]

    def to_pandas(self) -> pandas.DataFrame:
        """The flat view as a :class:`pandas.DataFrame` (pandas: the ``notebook`` extra).

        >>> df = Table([1, 2], columns=["a"], cells=[(1,), (2,)]).to_pandas()
        >>> df["a"].sum()
        np.int64(3)
        """
        try:
            import pandas
        except ImportError as exc:  # pragma: no cover - depends on the installation
            raise ModuleNotFoundError(_NOTEBOOK_HINT) from exc
        df = pandas.DataFrame.from_records(self.cells, columns=self.columns)
        if self.index_col is not None:
            df = df.set_index(self.index_col)
        df.attrs["title"] = self.title
        return df

    def to_json(self) -> str:
        """The typed rows as JSON text (the same as ``json.dumps(list(table))``)."""
        return json.dumps(list(self), ensure_ascii=False, indent=2) + "\n"

    def _repr_html_(self) -> str:
        """An HTML table for Jupyter; every cell escaped, at most :data:`MAX_HTML_ROWS` lines."""
        esc = html.escape
        out = ['<table class="pag-table">']
        if self.title:
            out.append(f"<caption>{esc(self.title)}</caption>")
        out.append("<thead><tr>" + "".join(f"<th>{esc(c)}</th>" for c in self.columns) + "</tr></thead>")
        out.append("<tbody>")
        for line in self.cells[:MAX_HTML_ROWS]:
            out.append("<tr>" + "".join(f"<td>{esc(_text(c))}</td>" for c in line) + "</tr>")
        out.append("</tbody></table>")
        more = len(self.cells) - MAX_HTML_ROWS
        if more > 0:
            out.append(f"<p>… {more:,} more line(s): <code>.to_pandas()</code> has them all.</p>")
        if not self.cells:
            out.append("<p>No rows.</p>")
        return "\n".join(out)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _srcs(sources: Iterable[str]) -> str:
    return "; ".join(curie(s) for s in sorted(sources))


def _quote(q: Mapping[str, Any] | None) -> str | None:
    return str(q["quote"]) if q else None


# --- the tables of each result ---------------------------------------------------


def contested_table(rows: Iterable[Contested]) -> Table[Contested]:
    """:func:`graph.analysis.weakspots.contested` as a table (most contested first)."""
    rows = list(rows)
    return Table(
        rows,
        columns=["node", "curie", "kind", "score", "pro_arguments", "pro_actors", "pro_sources",
                 "con_arguments", "con_actors", "con_sources"],
        cells=[
            (r["node"]["label"], curie(r["node"]["id"]), r["node"]["kind"], r["score"],
             len(r["pro"]["arguments"]), len(r["pro"]["actors"]), _srcs(r["pro"]["sources"]),
             len(r["con"]["arguments"]), len(r["con"]["actors"]), _srcs(r["con"]["sources"]))
            for r in rows
        ],
        title="Contested claims and policies",
    )


def unsupported_table(rows: Iterable[Unsupported]) -> Table[Unsupported]:
    """:func:`graph.analysis.weakspots.unsupported` as a table."""
    rows = list(rows)
    return Table(
        rows,
        columns=["node", "curie", "kind", "supporters", "attackers", "sources", "quote"],
        cells=[
            (r["node"]["label"], curie(r["node"]["id"]), r["node"]["kind"], len(r["supporters"]),
             len(r["attackers"]), _srcs(r["sources"]), _quote(r["quote"]))
            for r in rows
        ],
        title="Resting on no evidence",
    )


def single_source_table(rows: Iterable[SingleSource]) -> Table[SingleSource]:
    """:func:`graph.analysis.weakspots.single_source` as a table."""
    rows = list(rows)
    return Table(
        rows,
        columns=["node", "curie", "kind", "source", "evidence", "supports"],
        cells=[
            (r["node"]["label"], curie(r["node"]["id"]), r["node"]["kind"], curie(r["source"]),
             len(r["evidence"]), r["supports"])
            for r in rows
        ],
        title="Resting on a single source",
    )


def circular_table(rows: Iterable[Circular]) -> Table[Circular]:
    """:func:`graph.analysis.weakspots.circular_support` as a table."""
    rows = list(rows)
    return Table(
        rows,
        columns=["cycle", "length", "sources"],
        cells=[
            (" → ".join(curie(n) for n in [*r["nodes"], r["nodes"][0]]), len(r["nodes"]),
             _srcs({s for h in r["hops"] for s in h["sources"]}))
            for r in rows
        ],
        title="Circular support",
    )


def load_bearing_table(rows: Iterable[LoadBearing]) -> Table[LoadBearing]:
    """:func:`graph.analysis.impact.load_bearing` (the impact ranking) as a table."""
    rows = list(rows)
    return Table(
        rows,
        columns=["evidence", "curie", "sole_support", "rests_on", "label_changes", "sources"],
        cells=[
            (r["evidence"]["label"], curie(r["evidence"]["id"]), len(r["sole_support"]),
             len(r["rests_on"]), r["label_changes"], _srcs(r["sources"]))
            for r in rows
        ],
        title="Load-bearing evidence",
    )


def impacts_table(rows: Iterable[Impact]) -> Table[Impact]:
    """Several :func:`graph.analysis.impact.impact` results side by side, one line each."""
    rows = list(rows)
    return Table(
        rows,
        columns=["retracted", "curie", "kind", "removed", "lose_support", "weakened", "label_changes"],
        cells=[
            (r["retracted"]["label"], curie(r["retracted"]["id"]),
             "source" if r["mode"] == "source" else r["retracted"]["kind"], len(r["removed"]),
             len(r["lose_support"]), len(r["weakened"]), len(r["label_changes"]))
            for r in rows
        ],
        title="Impact of each retraction",
    )


def stance_table(matrix: StanceMatrix) -> Table[StanceCell]:
    """The stance grid of :func:`graph.analysis.actors.stance_matrix`.

    Its rows are the matrix's ``stances`` cells (one per actor and policy);
    its flat view is the grid: one line per actor, one column per policy
    (by label), each cell ``advocates``, ``opposes``, ``both`` or empty.
    """
    policies: list[NodeRef] = matrix["policies"]
    col = {p["id"]: i for i, p in enumerate(policies)}
    names = _unique([p["label"] for p in policies])
    grid: dict[str, list[str | None]] = {a["id"]: [None] * len(policies) for a in matrix["actors"]}
    for s in matrix["stances"]:
        grid.setdefault(s["actor"], [None] * len(policies))[col[s["policy"]]] = s["stance"]
    label = {a["id"]: a["label"] for a in matrix["actors"]}
    return Table(
        matrix["stances"],
        columns=["actor", *names],
        cells=[(label.get(a, a), *cells) for a, cells in grid.items()],
        title=f"Stances: {len(grid)} actors × {len(policies)} policies",
        index_col="actor",
    )


def _unique(names: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for n in names:
        seen[n] = seen.get(n, 0) + 1
        out.append(n if seen[n] == 1 else f"{n} ({seen[n]})")
    return out


def tensions_table(rows: Iterable[Tension]) -> Table[Tension]:
    """:func:`graph.analysis.actors.tensions` as a table."""
    rows = list(rows)
    return Table(
        rows,
        columns=["actor", "advocates", "and_advocates", "steps", "sources", "explanation"],
        cells=[
            (r["actor"]["label"], r["policy"]["label"], r["undermined"]["label"], len(r["path"]),
             _srcs({s for h in r["path"] for s in h["sources"]}), r["explanation"])
            for r in rows
        ],
        title="Tensions: actors backing policies that pull against each other",
    )


def figures_table(rows: Iterable[Figures]) -> Table[Figures]:
    """:func:`graph.analysis.figures.disagreeing_figures` as a long table: one line per figure.

    Its rows are the measures; its flat view lists every figure with its
    measure, value, unit, place, period, population, evidence, source and
    quote — ready for ``df.pivot`` or a plot.
    """
    rows = list(rows)
    return Table(
        rows,
        columns=["measure", "value", "unit", "place", "period", "population", "evidence",
                 "measured_by", "sources", "quote"],
        cells=[
            (r["measure"]["label"], i["value"], i["unit"], i["place"], i["period"], i["population"],
             i["evidence"]["label"], i["measured_by"]["label"] if i["measured_by"] else None,
             _srcs(i["sources"]), _quote(i["quote"]))
            for r in rows
            for i in r["items"]
        ],
        title="Figures on the same measure that differ between sources",
    )


def search_table(hits: Iterable[SearchHit], title: str = "") -> Table[SearchHit]:
    """:func:`graph.search.search`'s hits, best first: what matched, and where it is quoted from."""
    hits = list(hits)
    return Table(
        hits,
        columns=["node", "curie", "kind", "field", "text", "source", "phrase"],
        cells=[
            (h["node"]["label"], curie(h["node"]["id"]), h["node"]["kind"], h["field"], h["text"],
             curie(h["source"]) if h["source"] else None, h["phrase"])
            for h in hits
        ],
        title=title,
    )


def timeline_table(data: Timeline) -> Table[TimelineEntry]:
    """:func:`graph.analysis.timeline.timeline`'s entries in date order (``date`` as given: 2018, 2018-03 …)."""
    entries = data["entries"]
    focus = data["focus"]
    return Table(
        entries,
        columns=["date", "kind", "node", "actor", "what", "date_from", "sources", "quote"],
        cells=[
            (e["date"], e["kind"], e["node"]["label"], e["actor"]["label"] if e["actor"] else None, e["what"],
             e["date_from"], _srcs(e["sources"]), _quote(e["quote"]))
            for e in entries
        ],
        title=(f"Timeline: {focus['label']}" if focus else "Timeline of the debate")
        + (f" ({data['undated']} undated, not shown)" if data["undated"] else ""),
    )


def families_table(rows: Iterable[FigureFamily]) -> Table[FigureFamily]:
    """:func:`graph.analysis.figures.figure_families` as a long table: one line per figure.

    Its rows are the families of measures; its flat view lists every figure
    in date order with its family, measure, date, value, unit, place,
    period, population, evidence, sources and quote — the series to plot.
    """
    rows = list(rows)
    return Table(
        rows,
        columns=["family", "measure", "date", "value", "unit", "place", "period", "population", "evidence",
                 "measured_by", "sources", "quote"],
        cells=[
            (r["family"]["label"], i["measure_ref"]["label"], i["when"]["date"] if i["when"] else None, i["value"],
             i["unit"], i["place"], i["period"], i["population"], i["evidence"]["label"],
             i["measured_by"]["label"] if i["measured_by"] else None, _srcs(i["sources"]), _quote(i["quote"]))
            for r in rows
            for i in r["items"]
        ],
        title="Figures by family of measures, in date order",
    )


def _term_value(term: Any) -> Any:
    """A SPARQL result term as a plain value: IRIs as text, literals as Python values."""
    if term is None:
        return None
    to_python = getattr(term, "toPython", None)
    if callable(to_python) and hasattr(term, "datatype"):  # a Literal
        value = to_python()
        return value if isinstance(value, (str, int, float, bool)) else str(term)
    return str(term)


def query_table(result: QueryResult, title: str = "") -> Table[dict[str, Any]]:
    """The rows of a SELECT result: ``{variable: value}`` dicts, IRIs as text,
    literals as Python values (numbers stay numbers)."""
    rows = [{v: _term_value(t) for v, t in zip(result.variables, row, strict=True)} for row in result.rows]
    return Table(
        rows,
        columns=list(result.variables),
        cells=[tuple(r.values()) for r in rows],
        title=title,
    )


def named_table(items: Iterable[Any], columns: Sequence[str], fn: Callable[[Any], Sequence[Any]], title: str) -> Table[Any]:
    """A table of any rows, its flat view made by ``fn`` (for results without a builder above)."""
    items = list(items)
    return Table(items, columns=columns, cells=[fn(x) for x in items], title=title)
