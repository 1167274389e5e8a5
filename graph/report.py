"""Render results for people: terminal tables (rich), Markdown, plain text.

Functions here take plain data (as the analyses return it) and print or
return text; they compute nothing of their own.
"""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from graph.stores import Stats
from graph.terms import curie
from graph.validate import Report

__all__ = ["console", "md_escape", "print_stats", "print_validation", "stats_markdown"]

_KINDS = ("actors", "policies", "claims", "evidence", "sources", "measures")


def console(stderr: bool = False) -> Console:
    """A console whose plain lines never wrap (one fact a line, grep-friendly)."""
    return Console(stderr=stderr, soft_wrap=True, highlight=False)


def md_escape(text: Any) -> str:
    """Escape text for a Markdown table cell.

    >>> md_escape("a | b")
    'a \\\\| b'
    """
    return str(text).replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def print_stats(st: Stats) -> None:
    c = console()
    t = Table(title="Policy Argument Graph", show_header=True, header_style="bold")
    t.add_column("kind")
    t.add_column("count", justify="right")
    for k in _KINDS:
        t.add_row(k, str(getattr(st, k)))
    t.add_row("triples", str(st.triples))
    t.add_row("named graphs", str(st.graphs))
    c.print(t)
    if st.by_source:
        s = Table(title="By source (named graph)", header_style="bold")
        s.add_column("source", overflow="fold")
        for k in _KINDS[:4]:
            s.add_column(k, justify="right")
        for row in st.by_source:
            name = row.get("title") or curie(row["graph"])
            s.add_row(
                f"{escape(name)}\n[dim]{escape(curie(row['graph']))}[/dim]",
                *(str(row.get(k, 0)) for k in _KINDS[:4]),
            )
        c.print(s)


def stats_markdown(st: Stats) -> str:
    lines = ["| kind | count |", "|---|---:|"]
    lines += [f"| {k} | {getattr(st, k)} |" for k in _KINDS]
    lines += [f"| triples | {st.triples} |", f"| named graphs | {st.graphs} |", ""]
    if st.by_source:
        lines += ["| source | " + " | ".join(_KINDS[:4]) + " |", "|---|" + "---:|" * 4]
        for row in st.by_source:
            name = md_escape(row.get("title") or curie(row["graph"]))
            lines.append(
                f"| {name} (`{curie(row['graph'])}`) | "
                + " | ".join(str(row.get(k, 0)) for k in _KINDS[:4])
                + " |"
            )
        lines.append("")
    return "\n".join(lines)


def print_validation(rep: Report) -> None:
    c = console()
    for p in rep.problems:
        where = p.location()
        head = f"{where}: " if where else ""
        style = "red" if p.severity == "error" else "yellow"
        c.print(
            f"{escape(head)}[{style}]{p.severity}[/{style}] {escape(f'[{p.check}] {curie(p.node)}: {p.message}')}",
            markup=True,
            highlight=False,
        )
    errors = len(rep.errors)
    warnings = len(rep.problems) - errors
    summary = f"{rep.nodes_checked} nodes checked ({', '.join(rep.checks)})"
    if "quote" in rep.checks:
        summary += f"; {rep.quotes_verbatim}/{rep.quotes_checked} quotes verbatim"
    verdict = "valid" if rep.conforms else "INVALID"
    c.print(f"{verdict}: {summary}; {errors} error(s), {warnings} warning(s)", markup=False)
