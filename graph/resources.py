"""Where the bundled ontology, shapes, corpus and query library live.

In a source checkout (and an editable install) they are the top-level
``ontology/`` and ``data/`` folders; in an installed wheel they are shipped
as package data inside ``graph/`` (see ``pyproject.toml``).
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["corpus_files", "data_dir", "ontology_path", "package_dir"]

_PKG = Path(__file__).resolve().parent


def package_dir() -> Path:
    """The ``graph`` package folder."""
    return _PKG


def _resource_dir(name: str) -> Path:
    installed = _PKG / name
    if installed.is_dir():
        return installed
    return _PKG.parent / name


def ontology_path(name: str = "pag.ttl") -> Path:
    """Path of a file in the ontology folder (``pag.ttl`` or ``shapes.ttl``)."""
    return _resource_dir("ontology") / name


def data_dir() -> Path:
    """The bundled corpus folder."""
    return _resource_dir("data")


def corpus_files() -> list[Path]:
    """The bundled corpus files (TriG and Turtle), sorted by name."""
    folder = data_dir()
    return sorted(p for p in folder.iterdir() if p.suffix in {".trig", ".ttl", ".nq"})
