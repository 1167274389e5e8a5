"""docs/cli.md is generated from --help and must match the code."""

import importlib.util
from pathlib import Path

DOCS = Path(__file__).resolve().parent.parent / "docs"


def _module():
    spec = importlib.util.spec_from_file_location("make_cli_docs", DOCS / "make_cli_docs.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_cli_reference_is_current():
    mod = _module()
    assert (DOCS / "cli.md").read_text(encoding="utf-8") == mod.render(), (
        "docs/cli.md is stale: run `python docs/make_cli_docs.py`"
    )


def test_every_command_has_help_with_examples():
    text = _module().render()
    sections = text.split("\n## ")[1:]
    assert len(sections) >= 10
    for section in sections:
        name = section.split("`")[1]
        body = section.split("```text", 1)[1]
        # every leaf command teaches with a description; groups list their commands
        assert len(body.strip().splitlines()) > 3, name
