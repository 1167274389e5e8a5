"""``python -m graph`` and the ``pag`` console script.

The CLI lives in the top-level ``cli.py`` of the source tree (the owner's
layout); an installed wheel ships it as ``graph/cli.py`` so that it squats no
top-level ``cli`` module. This loader finds whichever is there.
"""

from __future__ import annotations

import importlib
from types import ModuleType


def load_cli() -> ModuleType:
    try:
        return importlib.import_module("graph.cli")
    except ModuleNotFoundError as exc:
        if exc.name != "graph.cli":
            raise
    return importlib.import_module("cli")


def main() -> None:
    load_cli().main()


if __name__ == "__main__":
    main()
