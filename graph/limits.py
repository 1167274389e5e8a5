"""Limits on what parsers are given: no file can make pag run out of memory,
recurse too deep or crash a parser.

Each check raises a one-line :class:`~graph.errors.ParseError` naming the
file and the limit. The parsers' entry points call them first:

* RDF/XML: a ``<!DOCTYPE>`` may declare entities (OWL files abbreviate
  namespaces so), but not external or parameter entities, not entities
  built from other entities (the "billion laughs"), and not more than
  :data:`MAX_ENTITY_EXPANSION` characters of expanded text in all;
* JSON-LD and AIF JSON: at most :data:`MAX_JSON_DEPTH` levels of nesting
  (Oxigraph's JSON-LD parser crashes near 5,000; Python's JSON recursion
  near 1,000), numbers of at most :data:`MAX_NUMBER_DIGITS` digits;
* YAML (Argdown front matter and data): the safe loader, with at most
  :data:`MAX_YAML_ALIASES` aliases and :data:`MAX_YAML_NODES` values once
  they are expanded (an alias bomb expands exponentially when written out);
* AIF files: at most :data:`MAX_TEXT_BYTES` bytes; Argdown texts at most
  :data:`MAX_ARGDOWN_CHARS` characters.

Examples
--------
>>> check_json_depth('{"a": [[["x"]]]}', "map.json")
4
>>> check_json_depth("[" * 200 + "]" * 200, "deep.json")
Traceback (most recent call last):
...
graph.errors.ParseError: deep.json: JSON nested deeper than 100 levels (pag's limit); is it really an argument map?
>>> load_yaml("a: &x [1, 2]\\nb: *x", "front matter")
{'a': [1, 2], 'b': [1, 2]}
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import yaml

from graph.errors import ParseError

__all__ = [
    "MAX_ARGDOWN_CHARS",
    "MAX_ENTITY_EXPANSION",
    "MAX_JSON_DEPTH",
    "MAX_NUMBER_DIGITS",
    "MAX_TEXT_BYTES",
    "MAX_YAML_ALIASES",
    "MAX_YAML_NODES",
    "check_json_depth",
    "check_rdf_text",
    "check_rdfxml",
    "check_size",
    "check_text",
    "load_json",
    "load_yaml",
]

#: deepest nesting of JSON arrays and objects read
MAX_JSON_DEPTH = 100
#: longest number (in digits) read from JSON
MAX_NUMBER_DIGITS = 1000
#: largest Argdown or AIF file read (bytes)
MAX_TEXT_BYTES = 256 * 1024 * 1024
#: most values a YAML document may hold once its aliases are expanded
MAX_YAML_NODES = 100_000
#: longest Argdown text read (characters)
MAX_ARGDOWN_CHARS = 20_000_000
#: most aliases (``*name``) in one YAML document
MAX_YAML_ALIASES = 100
#: most characters all entity references of an RDF/XML file may expand to
MAX_ENTITY_EXPANSION = 10_000_000

_JSON_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]', re.S)


def check_size(path: Path, limit: int = MAX_TEXT_BYTES) -> None:
    """Refuse a file larger than ``limit`` bytes (before it is read)."""
    try:
        size = path.stat().st_size
    except OSError:
        return  # reading it will say what is wrong
    if size > limit:
        raise ParseError(
            f"{size:,} bytes, over pag's limit of {limit:,} bytes for this kind of file", file=str(path)
        )


def check_text(text: str, file: str, limit: int = MAX_ARGDOWN_CHARS) -> None:
    """Refuse a text longer than ``limit`` characters (Argdown)."""
    if len(text) > limit:
        raise ParseError(f"{len(text):,} characters, over pag's limit of {limit:,} for this kind of file", file=file)


def check_json_depth(text: str | bytes, file: str, limit: int = MAX_JSON_DEPTH) -> int:
    """The nesting depth of a JSON text; ParseError beyond ``limit``.

    Read without recursion: strings are skipped whole, brackets counted.
    """
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    depth = deepest = 0
    for m in _JSON_TOKEN.finditer(text):
        c = m.group(0)
        if c in "[{":
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > limit:
                    raise ParseError(
                        f"JSON nested deeper than {limit} levels (pag's limit); is it really an argument map?",
                        file=file,
                    )
        elif c in "]}":
            depth -= 1
    return deepest


def _bounded_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_NUMBER_DIGITS:
        raise ValueError(f"a number of more than {MAX_NUMBER_DIGITS} digits (pag's limit)")
    return int(text)


def load_json(text: str | bytes, file: str) -> Any:
    """``json.loads`` within the limits (depth, number length); ParseError otherwise.

    >>> load_json('{"nodeID": 12}', "m.json")
    {'nodeID': 12}
    """
    if isinstance(text, bytes):
        text = text.decode("utf-8-sig")
    check_json_depth(text, file)
    try:
        return json.loads(text, parse_int=_bounded_int)
    except json.JSONDecodeError as exc:
        raise ParseError(f"not valid JSON: {exc.msg}", file=file, line=exc.lineno, column=exc.colno) from None
    except (ValueError, RecursionError) as exc:
        raise ParseError(str(exc), file=file) from None


class _CountingLoader(yaml.SafeLoader):
    """The safe loader, counting aliases."""

    aliases = 0
    _pag_file = "<yaml>"

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            self.aliases += 1
            if self.aliases > MAX_YAML_ALIASES:
                raise ParseError(f"more than {MAX_YAML_ALIASES} YAML aliases (pag's limit)", file=self._pag_file)
        return super().compose_node(parent, index)


def load_yaml(text: str, file: str) -> Any:
    """``yaml.safe_load`` with at most :data:`MAX_YAML_ALIASES` aliases and
    :data:`MAX_YAML_NODES` values once aliases are expanded (yaml.YAMLError as usual)."""
    loader = _CountingLoader(text)
    loader._pag_file = file
    try:
        data = loader.get_single_data()
    except RecursionError:
        raise ParseError("YAML nested too deeply (pag's limit)", file=file) from None
    finally:
        loader.dispose()
    if _expanded_size(data) > MAX_YAML_NODES:
        raise ParseError(
            f"YAML that expands to more than {MAX_YAML_NODES:,} values (an alias bomb?): refused", file=file
        )
    return data


def _expanded_size(data: Any) -> int:
    """How many values ``data`` holds once shared parts (aliases) are counted each time."""
    sizes: dict[int, int] = {}
    order: list[Any] = []
    stack = [data]
    seen: set[int] = set()
    while stack:  # children before parents, each shared object once
        node = stack.pop()
        if id(node) in seen or not isinstance(node, list | dict):
            continue
        seen.add(id(node))
        order.append(node)
        stack.extend(node.values() if isinstance(node, dict) else node)
    for node in reversed(order):
        items = list(node.values()) if isinstance(node, dict) else node
        total = 1
        for item in items:
            total += sizes.get(id(item), 1)
            if total > MAX_YAML_NODES:
                break
        sizes[id(node)] = total
    return sizes.get(id(data), 1)


_DOCTYPE = re.compile(rb"<!DOCTYPE\b", re.I)
_ENTITY = re.compile(rb"<!ENTITY\s+(%\s*)?([^\s>]+)\s+(SYSTEM\b|PUBLIC\b)?\s*(\"[^\"]*\"|'[^']*')?", re.S)


def check_rdfxml(data: bytes, file: str) -> None:
    """Refuse RDF/XML whose entities could expand without bound (see the module docs)."""
    m = _DOCTYPE.search(data, 0, 65536)
    if m is None:
        return
    sizes: dict[bytes, int] = {}
    for e in _ENTITY.finditer(data):
        parameter, name, external, value = e.groups()
        if parameter:
            raise ParseError("RDF/XML with a parameter entity (<!ENTITY % …>): refused", file=file)
        if external:
            raise ParseError(f"RDF/XML with an external entity ({name.decode('utf-8', 'replace')}): refused", file=file)
        inner = (value or b"")[1:-1]
        if b"&" in inner and re.search(rb"&[^#\s;]+;", inner):
            raise ParseError(
                f"RDF/XML entity {name.decode('utf-8', 'replace')} is built from other entities "
                "(an entity expansion bomb?): refused",
                file=file,
            )
        sizes[name] = len(inner)
    if not sizes:
        return
    total = 0
    for ref in re.finditer(rb"&([^#\s;&]+);", data):
        total += sizes.get(ref.group(1), 0)
        if total > MAX_ENTITY_EXPANSION:
            raise ParseError(
                f"RDF/XML entities expand to more than {MAX_ENTITY_EXPANSION:,} characters (pag's limit)",
                file=file,
            )


def check_rdf_text(data: bytes, fmt: str, file: str) -> None:
    """The checks for RDF in syntax ``fmt`` (``rdf-xml``, ``json-ld``, …)."""
    if fmt in {"xml", "rdf-xml", "application/rdf+xml"}:
        check_rdfxml(data, file)
    elif fmt in {"json-ld", "jsonld", "application/ld+json"}:
        check_json_depth(data, file)


def check_rdf_file(path: Path, fmt: str) -> None:
    """:func:`check_rdf_text` on a file (read only for the syntaxes that need it)."""
    if fmt in {"xml", "rdf-xml", "application/rdf+xml", "json-ld", "jsonld", "application/ld+json"}:
        check_rdf_text(path.read_bytes(), fmt, str(path))
