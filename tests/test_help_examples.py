"""Every example in `pag … --help` and in the README that needs only the bundled corpus runs.

The examples are read from the help texts themselves (the lines after
"Examples:") and from the README's shell blocks, so an example that stops working, or a new one that never
did, fails here. Pipes to other tools (`| jq …`) are dropped and the pag
part is run; `a && b` runs both; output files go to a temporary folder.
"""

from __future__ import annotations

import importlib.util
import re
import shlex
from pathlib import Path

import click
import pytest

from tests.conftest import SEEDS

ROOT = Path(__file__).resolve().parent.parent

# examples that need something the bundled corpus does not give: a store on
# disk or a server, input files of the user's, a long-running server
_NEEDS_MORE = ("--store", "--data", "serve", "import ", "my-question.rq", "data/new-source.trig", " DIR",
               # a debate project and the user's documents (tests/test_project.py, test_authoring.py)
               "pag source ", "pag add ", "pag undo", "pag redo", "pag annotate", "# in a project",
               "pag edit ", "pag remove ")


def _commands() -> list[click.Command]:
    """Every command, from the walk docs/make_cli_docs.py makes for the reference."""
    from graph.__main__ import load_cli

    spec = importlib.util.spec_from_file_location("make_cli_docs", ROOT / "docs" / "make_cli_docs.py")
    assert spec is not None and spec.loader is not None
    docs = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(docs)
    return [cmd for _path, cmd in docs._walk(load_cli().pag, ["pag"])]


def _examples() -> list[str]:
    found: list[str] = []
    for cmd in _commands():
        lines = (cmd.help or "").splitlines()
        inside = False
        for line in lines:
            text = line.strip()
            if text.startswith(("Examples:", "Start with:")) or text.endswith("Start with:"):
                inside = True
                started = False
                continue
            if inside:
                if text in ("", "\b") and not started:
                    continue  # the blank line and click's no-rewrap marker before the list
                started = True
                if not text:
                    inside = False
                    continue
                if text.startswith("pag ") and text not in found:
                    found.append(text)
    return found


def _readme_examples() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    found: list[str] = []
    for block in re.findall(r"```(?:sh|console|bash|shell)\n(.*?)```", text, re.S):
        for line in block.splitlines():
            line = line.strip().removeprefix("$ ")
            if line.startswith("pag ") and line not in found:
                found.append(line)
    return found


def _runnable(example: str) -> bool:
    return not any(marker in example for marker in _NEEDS_MORE)


def _pag_parts(example: str) -> list[list[str]]:
    """The pag invocations of an example line, as argument lists (without `pag`)."""
    line = example.split("  #")[0].split(" #")[0]
    runs = []
    for step in line.split("&&"):
        step = step.split("|")[0].split(">")[0].strip()
        words = shlex.split(step)
        if words and words[0] == "pag":
            runs.append([SEEDS.as_posix() if w == "../shared/seeds" else w for w in words[1:]])
    return runs


HELP = _examples()
README = [e for e in _readme_examples() if e not in HELP]
EXAMPLES = HELP + README


def test_help_and_readme_have_examples_to_check():
    assert len(HELP) >= 30 and len(README) >= 15
    assert sum(map(_runnable, EXAMPLES)) >= 40


@pytest.mark.parametrize("example", [e for e in EXAMPLES if _runnable(e)])
def test_help_example_runs(example, cli, runner, tmp_path, monkeypatch, seeds):
    monkeypatch.chdir(tmp_path)
    for args in _pag_parts(example):
        res = runner.invoke(cli, ["-q", *args], catch_exceptions=False)
        assert res.exit_code == 0, f"{example}\n{res.output}"
