"""Argdown's own parser (@argdown/core, pinned in tests/argdown-oracle/package.json)
run as the oracle for pag's Argdown import and export.

``.ci/run`` installs it with ``npm ci``; locally: ``cd tests/argdown-oracle && npm ci``.
Under CI=true a test that needs it fails when node or the package is missing."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

from conftest import require

ORACLE_DIR = Path(__file__).resolve().parent / "argdown-oracle"
SCRIPT = ORACLE_DIR / "oracle.js"


def available() -> bool:
    return shutil.which("node") is not None and (ORACLE_DIR / "node_modules" / "@argdown" / "core").is_dir()


def require_oracle() -> None:
    require("node + @argdown/core (cd tests/argdown-oracle && npm ci)", available())


def run(paths: list[Path]) -> dict[Path, dict[str, Any]]:
    """Argdown's model of each file: errors, statements, arguments, relations."""
    node = shutil.which("node")
    assert node is not None
    out = subprocess.run([node, str(SCRIPT), *map(str, paths)], capture_output=True, text=True, check=True, timeout=300)
    models = json.loads(out.stdout)
    return {p: models[str(p)] for p in paths}


def _fold(a: str, kind: str, b: str) -> tuple[str, str, str]:
    """Symmetric relations compare without direction."""
    if kind in ("contradictory", "contrary"):
        a, b = sorted((a, b))
    return (a, kind, b)


def relations(model: dict[str, Any]) -> set[tuple[str, str, str]]:
    return {_fold(a, k, b) for a, k, b, *_ in model["relations"]}


def pag_relations(doc: Any) -> set[tuple[str, str, str]]:
    return {_fold(a, k, b) for a, k, b in doc.relations}


def norm(text: str) -> str:
    return " ".join((text or "").split())


def differences(doc: Any, model: dict[str, Any]) -> list[str]:
    """How pag's parse of a file differs from Argdown's model of it (empty: they agree).

    Compared: statement titles, argument titles, relations (support, attack,
    undercut, contradictory, contrary, entails), each statement's text (one of
    Argdown's members), and each premise–conclusion structure."""
    out = []
    for what, mine, theirs in (("statements", doc.statements, model["statements"]),
                               ("arguments", doc.arguments, model["arguments"])):  # fmt: skip
        if set(mine) != set(theirs):
            out.append(f"{what}: only pag {sorted(set(mine) - set(theirs))[:5]}, only Argdown {sorted(set(theirs) - set(mine))[:5]}")
    mine_r, theirs_r = pag_relations(doc), relations(model)
    if mine_r != theirs_r:
        out.append(f"relations: only pag {sorted(mine_r - theirs_r)[:5]}, only Argdown {sorted(theirs_r - mine_r)[:5]}")
    for title, el in doc.statements.items():
        members = [norm(m) for m in model["statements"].get(title, {}).get("members", [])]
        if el.text and members and norm(el.text) not in members:
            out.append(f"text of [{title}]: pag {el.text[:60]!r}, Argdown {members[0][:60]!r}")
    for title, steps in doc.inferences.items():
        pcs = model["arguments"].get(title, {}).get("pcs", [])
        mine_pcs = [t for k, (ps, c, _r) in enumerate(steps) for t in [*(ps if k == 0 else ps[1:]), c]]
        if [t for _role, t, _x in pcs] != mine_pcs:
            out.append(f"premise–conclusion structure of <{title}>: pag {mine_pcs}, Argdown {[t for _r, t, _x in pcs]}")
    return out
