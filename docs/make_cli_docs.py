"""Write docs/cli.md from the `--help` of every `pag` command.

    python docs/make_cli_docs.py          # rewrite docs/cli.md
    python docs/make_cli_docs.py --check  # exit 1 if docs/cli.md is stale

tests/test_cli_docs.py runs the check, so the reference never drifts from
the code.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "docs" / "cli.md"


def _walk(cmd: click.Command, path: list[str]) -> list[tuple[list[str], click.Command]]:
    out = [(path, cmd)]
    if isinstance(cmd, click.Group):
        for name in sorted(cmd.list_commands(click.Context(cmd))):
            sub = cmd.get_command(click.Context(cmd), name)
            if sub is not None and not sub.hidden:
                out += _walk(sub, [*path, name])
    return out


def render() -> str:
    sys.path.insert(0, str(ROOT))
    from graph.__main__ import load_cli

    pag = load_cli().pag
    parts = [
        "# `pag` command reference",
        "",
        "Generated from `--help` by `python docs/make_cli_docs.py`; do not edit by hand.",
        "",
    ]
    for path, cmd in _walk(pag, ["pag"]):
        name = " ".join(path)
        info = click.Context(
            cmd,
            info_name=name,
            max_content_width=100,
            terminal_width=100,
            help_option_names=["-h", "--help"],
        )
        parts += [f"## `{name}`", "", "```text", cmd.get_help(info).rstrip(), "```", ""]
    return "\n".join(parts)


def main() -> None:
    text = render()
    if "--check" in sys.argv:
        if not TARGET.is_file() or TARGET.read_text(encoding="utf-8") != text:
            sys.stderr.write("docs/cli.md is stale: run `python docs/make_cli_docs.py`\n")
            raise SystemExit(1)
        return
    TARGET.write_text(text, encoding="utf-8")
    sys.stdout.write(f"wrote {TARGET}\n")


if __name__ == "__main__":
    main()
