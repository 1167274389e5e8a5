"""pyvis networks of the debate, for Jupyter and for pyvis's own API.

:func:`pyvis_network` turns the data of a view (:func:`graph.view.view_data`:
which nodes and edges to draw, their labels, quotes, sources and
IN/OUT/UNDECIDED labels) into a configured :class:`pyvis.network.Network`
styled like the HTML views: the same shapes and colours per kind, the same
edge colours and dashes per relation, IN/OUT/UNDECIDED as node borders, and
on hover the node's label, kind, acceptability in words, what rests on it,
its first quote and the source that says it. The legend (kinds, relations,
labels, with counts), the title and the summary sit above the graph.

The network is built in linear time: the node and edge lists pyvis keeps
(``net.nodes``, ``net.edges``, ``net.node_ids``, ``net.node_map``) are filled
directly, not through ``add_node``/``add_edge`` (which check every edge
against every other, O(E²)). After that it is an ordinary pyvis network:
change nodes, options (``net.toggle_physics(False)``, ``net.show_buttons()``,
``net.barnes_hut()`` …) and then display it. The value of a notebook cell
that ends with the network shows it inline (:meth:`DebateNetwork._repr_html_`:
the page in a sandboxed ``<iframe srcdoc>``, vis-network inlined, so it
works offline and writes no file); ``net.show("name.html")`` and
``net.write_html(...)`` work as in pyvis.

Like :mod:`graph.view`, this module imports :mod:`pyvis` (and pyvis imports
IPython): :mod:`graph` and :mod:`graph.debate` import it only when a network
is asked for. Everything from the graph is untrusted: tooltips are
plain text (vis-network shows a string title with ``innerText``), the page's
template (``graph/templates/pyvis_network.html``, adapted from pyvis's own)
escapes every value, and a Content-Security-Policy forbids any request.

Examples
--------
>>> import networkx as nx
>>> from graph.view import view_data
>>> G = nx.MultiDiGraph()
>>> G.add_node("urn:p", kind="policy", label="Naloxone access")
>>> G.add_node("urn:e", kind="evidence", label="Deaths fell 11%",
...            quotes=[{"quote": "deaths fell 11%", "source": "urn:s"}])
>>> G.add_edge("urn:e", "urn:p", key="supports", relation="supports", sources=["urn:s"])
'supports'
>>> net = pyvis_network(view_data(G, labels={"urn:p": "IN", "urn:e": "IN"}))
>>> net.num_nodes(), net.num_edges(), net.node_map["urn:p"]["shape"]
(2, 1, 'box')
>>> print(net.node_map["urn:e"]["title"])
Deaths fell 11%
Evidence · urn:e · IN (accepted) · 1 claim or policy rests on it
“deaths fell 11%”
— urn:s
>>> html = net.generate_html()
>>> "Naloxone access" in html, 'src="http' in html or 'href="http' in html
(True, False)
"""

from __future__ import annotations

import gc
import html
import math
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from pyvis.network import Network

from graph.view import KIND_STYLE, LABEL_STYLE, RELATION_STYLE

if TYPE_CHECKING:
    import jinja2

__all__ = ["DebateNetwork", "node_title", "pyvis_network"]

_TEMPLATE = "pyvis_network.html"
_HERE = Path(__file__).resolve().parent

#: border width per acceptability label (as in the HTML views)
_BORDER = {"IN": 1.5, "OUT": 3, "UNDECIDED": 2.5}
_OTHER = {"name": "Other", "shape": "dot", "color": "#bab0ac", "font": "#222222"}
_UNKNOWN_RELATION: dict[str, Any] = {"name": "", "color": "#999999", "dashes": [], "width": 1, "arrow": True}


def _rests(n: int) -> str:
    return f"{n} claim or policy rests on it" if n == 1 else f"{n} claims and policies rest on it"


def _source_line(source: Mapping[str, Any] | None) -> str:
    if source is None:
        return "— source not recorded"
    extra = ", ".join(str(source[k]) for k in ("publisher", "date") if source.get(k))
    return f"— {source.get('title') or source.get('curie')}" + (f" ({extra})" if extra else "")


def _source_lines(sources: list[Mapping[str, Any]]) -> list[str]:
    """The "— title (publisher, date)" line of each source of the view, by index."""
    return [_source_line(s) for s in sources]


def _line(lines: list[str], i: Any) -> str:
    i = int(i)
    return lines[i] if 0 <= i < len(lines) else _source_line(None)


def node_title(node: Mapping[str, Any], sources: list[Mapping[str, Any]] | list[str]) -> str:
    """The hover text of a node of :func:`graph.view.view_data`: plain text, several lines.

    Its label; its kind, CURIE, acceptability in words and what rests on it;
    its first quote (up to 400 characters) and the source stating it, or the
    sources that speak of it; who advocates, opposes or asserts it.
    ``sources`` is the view's ``sources`` (or their lines, already made).

    >>> print(node_title({"label": "X", "kind": "claim", "curie": "claim:x", "status": "OUT",
    ...                   "rests": 0, "quotes": [], "sources": []}, []))
    X
    Claim · claim:x · OUT (defeated)
    """
    lines_of: list[str] = (
        cast("list[str]", sources) if not sources or isinstance(sources[0], str)
        else [_source_line(x) for x in sources]  # type: ignore[arg-type]
    )
    kind = KIND_STYLE.get(str(node.get("kind")), _OTHER)
    head = str(kind["name"]) + " · " + str(node.get("curie", node.get("id", "")))
    status = node.get("status")
    if status in LABEL_STYLE:
        head += " · " + str(LABEL_STYLE[status]["name"])
    rests = node.get("rests")
    if rests:
        head += " · " + _rests(int(rests))
    lines = [str(node.get("label", "")), head]
    quotes = node.get("quotes")
    if quotes:
        text, src = quotes[0]
        text = str(text)
        lines.append(f"“{text if len(text) <= 400 else text[:399] + '…'}”")
        lines.append(_line(lines_of, src))
        if len(quotes) > 1:
            lines.append(f"+{len(quotes) - 1} more quote(s)")
    else:
        lines += [_line(lines_of, i) for i in (node.get("sources") or [])[:3]]
    by = node.get("by")
    if by:
        for rel, who in sorted(by.items()):
            names = ", ".join(str(w) for w in who[:6]) + (f" and {len(who) - 6} more" if len(who) > 6 else "")
            lines.append(f"{rel} it: {names}" if rel != "asserts" else f"asserted by: {names}")
    return "\n".join(lines)


def _node_style(kind: str, status: Any, tree: bool) -> tuple[Any, ...]:
    """What every node of one kind and label shares (looked up once per pair)."""
    ks = KIND_STYLE.get(kind, _OTHER)
    lab = LABEL_STYLE.get(status) if isinstance(status, str) else None
    box = ks["shape"] == "box"
    return (
        ks["shape"],
        ks["color"],
        lab["color"] if lab else "#444444",
        _BORDER.get(str(status), 1),
        ks["font"] if box else "#222222",
        0 if box else 3,
        (160 if tree else 200) if box else (125 if tree else 170),
        box,
        list(lab["dashes"]) if lab and lab["dashes"] else None,
    )


def _node_items(nodes: list[Mapping[str, Any]], tree: bool, lines: list[str]) -> list[dict[str, Any]]:
    styles: dict[tuple[Any, Any], tuple[Any, ...]] = {}
    sqrt = math.sqrt
    items = []
    for node in nodes:
        kind, status = node.get("kind"), node.get("status")
        style = styles.get((kind, status))
        if style is None:
            style = styles[(kind, status)] = _node_style(str(kind), status, tree)
        shape, bg, border, width, font, stroke, maximum, box, dashes = style
        label = str(node.get("label", node["id"]))
        item: dict[str, Any] = {
            "id": node["id"],
            "label": label if len(label) <= 80 else label[:79] + "…",
            "title": node_title(node, lines),
            "kind": kind,
            "shape": shape,
            "size": min(10 + 5 * sqrt(node.get("rests") or 0), 48),
            "borderWidth": width,
            "borderWidthSelected": 4,
            "color": {
                "background": bg,
                "border": border,
                "highlight": {"background": bg, "border": "#000000"},
                "hover": {"background": bg, "border": "#000000"},
            },
            "font": {"color": font, "size": 14, "face": "sans-serif", "strokeWidth": stroke, "strokeColor": "#ffffff"},
            "widthConstraint": {"maximum": maximum},
        }
        if status:
            item["status"] = status
        if box:
            item["margin"] = 8
        if dashes:
            item["shapeProperties"] = {"borderDashes": list(dashes)}
        if tree and "level" in node:
            item["level"] = node["level"]
        items.append(item)
    return items


def _edge_items(edges: list[Mapping[str, Any]], labels: Mapping[str, str], lines: list[str]) -> list[dict[str, Any]]:
    def short(node: str) -> str:
        text = labels.get(node, node)
        return text if len(text) <= 60 else text[:59] + "…"

    items = []
    for edge in edges:
        relation = edge.get("relation")
        rs = RELATION_STYLE.get(str(relation), _UNKNOWN_RELATION)
        src, dst = str(edge["from"]), str(edge["to"])
        title = f"{short(src)} → {rs['name'] or relation} → {short(dst)}"
        preds = edge.get("predicates")
        if preds:
            title += "\nas stated: " + ", ".join(str(p) for p in preds)
        for i in edge.get("sources") or []:
            title += "\n" + _line(lines, i)
        color = rs["color"]
        items.append(
            {
                "id": edge["id"],
                "from": edge["from"],
                "to": edge["to"],
                "relation": relation,
                "title": title,
                "color": {"color": color, "highlight": color, "hover": color, "opacity": 0.95},
                "dashes": list(rs["dashes"]) if rs["dashes"] else False,
                "width": rs["width"],
                "selectionWidth": 2,
                "arrows": {"to": {"enabled": bool(rs["arrow"]), "scaleFactor": 0.6}},
            }
        )
    return items


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    """One Jinja environment for every network: our template, pyvis's bundled files.

    Shared, so vis-network (included from pyvis's package) is compiled once
    per process rather than once per network as pyvis does.
    """
    import jinja2
    import pyvis

    pyvis_templates = Path(pyvis.__file__).resolve().parent / "templates"
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(_HERE / "templates"), str(pyvis_templates)]),
        autoescape=True,
    )


class _BoundTemplate:
    """Our template, rendered with the network's title, summary and legend as ``pag``."""

    def __init__(self, template: Any, net: DebateNetwork) -> None:
        self._template = template
        self._net = net

    def render(self, **context: Any) -> str:
        return str(self._template.render(pag=self._net.legend_context(), **context))


class _BoundEnvironment:
    """What pyvis calls ``templateEnv``: hands out :class:`_BoundTemplate`."""

    def __init__(self, net: DebateNetwork) -> None:
        self._net = net

    def get_template(self, name: str) -> _BoundTemplate:
        return _BoundTemplate(_environment().get_template(name), self._net)


@contextmanager
def _gc_paused() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _px(value: Any, default: int) -> int:
    m = re.fullmatch(r"\s*(\d+)(?:px)?\s*", str(value))
    return int(m.group(1)) if m else default


class DebateNetwork(Network):  # type: ignore[misc]
    """A :class:`pyvis.network.Network` of a debate view; see :func:`pyvis_network`.

    It is pyvis's class with: the view's ``title``, ``summary``, ``notice``
    and ``legend`` (kinds, relations and labels, each with its style and
    count, as in :func:`graph.view.view_data`); a template that draws them
    and escapes everything; and :meth:`_repr_html_`, so a notebook shows it
    inline.
    """

    title: str
    summary: str
    notice: str | None
    legend: dict[str, list[dict[str, Any]]]

    def legend_context(self) -> dict[str, Any]:
        """What the page shows above the graph (the template's ``pag``)."""
        return {
            "title": self.title,
            "summary": self.summary,
            "notice": self.notice,
            "kinds": self.legend.get("kinds", []),
            "relations": self.legend.get("relations", []),
            "labels": self.legend.get("labels", []),
        }

    def use_pag_template(self) -> None:
        """(Re)select the pag template (pyvis's ``set_template`` selects another)."""
        self.path = _TEMPLATE
        self.templateEnv = _BoundEnvironment(self)
        self.template = self.templateEnv.get_template(self.path)

    def _repr_html_(self) -> str:
        """The page in a sandboxed ``<iframe srcdoc>``: Jupyter shows it inline, offline."""
        page = self.generate_html(notebook=True)
        height = _px(self.height, 600) + (150 if self.legend else 20)
        return (
            f'<iframe class="pag-network" title="{html.escape(self.title, quote=True)}" '
            f'sandbox="allow-scripts" style="width: 100%; height: {height}px; border: 0" '
            f'srcdoc="{html.escape(page, quote=True)}"></iframe>'
        )

    def __repr__(self) -> str:
        return f"<DebateNetwork {self.title!r}: {self.num_nodes():,} nodes, {self.num_edges():,} edges>"

    #: a summary (pyvis's own prints every node id and edge as JSON)
    __str__ = __repr__


def pyvis_network(
    data: Mapping[str, Any],
    *,
    height: str = "640px",
    width: str = "100%",
    notebook: bool = True,
    cdn_resources: str = "in_line",
    bgcolor: str = "#ffffff",
) -> DebateNetwork:
    """A configured pyvis network of a view's data, built in linear time.

    Parameters
    ----------
    data : mapping
        What :func:`graph.view.view_data` returned (not changed).
    height, width : str
        The canvas size (CSS), as in pyvis.
    notebook : bool
        Prepare the notebook template, as pyvis's ``notebook=True`` does.
    cdn_resources : {"in_line", "local", "remote"}
        ``in_line`` (default) and ``local`` put vis-network into the page, so
        it works offline; ``remote`` loads it from a CDN, as pyvis does.
    bgcolor : str
        The canvas colour.

    Returns
    -------
    DebateNetwork
        A :class:`pyvis.network.Network`: ``net.nodes`` and ``net.edges``
        hold the vis-network items (label, hover ``title``, shape, colours,
        border by label, ``level`` in a tree), ``net.options`` the same
        layout and physics as the HTML views (pyvis's ``Options`` object, so
        ``toggle_physics``, ``barnes_hut``, ``show_buttons`` … work).
    """
    if cdn_resources not in ("in_line", "local", "remote"):
        raise ValueError(f"cdn_resources must be in_line, local or remote, not {cdn_resources!r}")
    net = DebateNetwork(
        height=height,
        width=width,
        directed=True,
        notebook=False,  # pyvis would load its own template; ours is selected below
        bgcolor=bgcolor,
        cdn_resources=cdn_resources,
        heading="",
    )
    tree = data.get("layout") == "tree"
    lines = _source_lines(list(data.get("sources") or []))
    nodes = list(data.get("nodes") or [])
    labels = {str(n["id"]): str(n.get("label", n["id"])) for n in nodes}
    # filled directly: linear time (add_node scans node_ids, add_edge every edge);
    # the cyclic GC is paused meanwhile: the items are acyclic, and its passes
    # over hundreds of thousands of new dicts took 40% of the time
    with _gc_paused():
        net.nodes = _node_items(nodes, tree, lines)
        net.node_ids = [item["id"] for item in net.nodes]
        if hasattr(net, "node_map"):
            net.node_map = {item["id"]: item for item in net.nodes}
        net.edges = _edge_items(list(data.get("edges") or []), labels, lines)
    net.title = str(data.get("title", ""))
    net.summary = str(data.get("summary", ""))
    net.notice = data.get("notice")
    net.legend = {k: [dict(r) for r in data.get(k) or []] for k in ("kinds", "relations", "labels")}
    _configure(net, tree, large=len(nodes) > 400, improved=len(nodes) <= 150)
    net.use_pag_template()
    if notebook:
        net.prep_notebook()
    return net


def _configure(net: Any, tree: bool, *, large: bool, improved: bool) -> None:
    """The HTML views' options, set through pyvis's Options object."""
    from pyvis.options import Layout

    opts = net.options
    opts.interaction.hover = True
    opts.interaction.tooltipDelay = 150
    opts.interaction.hideEdgesOnDrag = large
    opts.interaction.navigationButtons = False
    opts.interaction.keyboard = False
    opts.edges.color.inherit = False
    if tree:
        opts.layout = Layout(randomSeed=7, improvedLayout=improved)
        h = opts.layout.hierarchical
        h.enabled = True
        h.direction = "UD"
        h.sortMethod = "directed"
        h.levelSeparation = 200
        h.nodeSpacing = 140
        h.treeSpacing = 160
        h.shakeTowards = "roots"
        opts.edges.smooth.type = "cubicBezier"
        opts.edges.smooth.forceDirection = "vertical"
        opts.edges.smooth.roundness = 0.4
        net.toggle_physics(False)
    else:
        opts.layout = Layout(randomSeed=7, improvedLayout=improved)
        opts.layout.hierarchical.enabled = False
        if large:
            opts.edges.smooth.enabled = False
        else:
            opts.edges.smooth.type = "continuous"
            opts.edges.smooth.roundness = 0.3
        net.force_atlas_2based(
            gravity=-70, central_gravity=0.01, spring_length=150, spring_strength=0.06, damping=0.5, overlap=0.5
        )
        opts.physics.solver = "forceAtlas2Based"
        opts.physics.stabilization.iterations = 200 if large else 500
        opts.physics.minVelocity = 1.0
        opts.physics.maxVelocity = 40
