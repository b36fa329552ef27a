"""The canonical form of an input file (`entente fmt`, the workspace's YAML view and its download).

The form depends on the content alone, so a file written by hand and the same content written by the
workspace's form print the same bytes:

- keys in the order of the kind's model (docs/inputs.md); keys of a table (stances, labels) as written;
  keys the model does not know last, as written;
- two spaces per level, list items indented under their key (``  - item``);
- a list of plain values on one line (``[a, b]``) when it fits in 100 columns, else one item a line;
- a mapping below the top level's values that holds only plain values and such lists on one line
  (``- {party: china, tier: partnership}``, ``- {at_stake: trade, requires: democratization}``) when it
  fits, else one key a line; the top level and its values' keys always one key a line;
- text plain when YAML allows, else in single quotes (double quotes for control characters); text
  with line breaks as a literal block (``|``); a long line of text folded (``>-``) at 100 columns;
  ``null``, ``true`` and ``false`` written out; words YAML 1.1 reads as booleans (yes, no, on, off)
  quoted, for the tools that still read YAML 1.1.

Comments are kept: a comment stays with the key or item it follows (a comment on a line of its own
travels with the key above it when keys are reordered), and a list or mapping with a comment inside
stays one item a line. Formatting twice gives the same bytes.
"""

from __future__ import annotations

import functools
import io
import re
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, FoldedScalarString, LiteralScalarString

from ..io import yaml_file
from ..model.validate import require_mapping
from .kinds import Shape, kind_of, shape_of

WIDTH = 100
_YAML11_WORDS = re.compile(r"(?i)^(y|n|yes|no|on|off)$")
_FOLDABLE = re.compile(r"^\S(?:[^\s]| (?! ))*\S$")  # single spaces only, no tab, no leading/trailing space
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u0085\u2028\u2029]")


def _yaml() -> YAML:
    y = YAML(typ="rt")
    y.indent(mapping=2, sequence=4, offset=2)
    y.width = 4096  # lines are broken by the folding below, never by the emitter
    y.preserve_quotes = False
    y.representer.add_representer(type(None), lambda r, _d: r.represent_scalar("tag:yaml.org,2002:null", "null"))
    return y


def format_text(path: str | Path, text: str, kind: str | None = None) -> str:
    """The canonical form of a file's text (its YAML checked as every input file is, errors located)."""
    doc = yaml_file.parse(str(path), text)  # refuses tags, duplicate keys, directives... with path:line:col
    if doc.data is None:
        return text
    require_mapping(doc, "an input file")
    kind = kind or kind_of(Path(path), doc.data)
    data = _yaml().load(text)
    return _dump(data, shape_of(kind))


def format_data(data: Any, kind: str) -> str:
    """The canonical form of plain data (a dict as the workspace's form builds it) as a file of ``kind``."""
    return _dump(_commented(data), shape_of(kind))


def _commented(value: Any) -> Any:
    if isinstance(value, dict):
        out = CommentedMap()
        for k, v in value.items():
            out[k] = _commented(v)
        return out
    if isinstance(value, list):
        return CommentedSeq(_commented(v) for v in value)
    return value


def _dump(data: Any, shape: Shape) -> str:
    canon = _node(data, shape, 0, 0, 0)
    out = io.StringIO()
    _yaml().dump(canon, out)
    return out.getvalue()


def _node(value: Any, shape: Shape | None, depth: int, column: int, lead: int) -> Any:
    """``value`` in canonical form: ``column`` is where its keys or dashes start when it takes lines of its own,
    ``lead`` how many characters stand before it on its first line."""
    if isinstance(value, CommentedMap):
        return _mapping(value, shape, depth, column, lead, depth >= 2)
    if isinstance(value, CommentedSeq):
        for i, item in enumerate(value):
            value[i] = _node(item, shape.item if shape else None, depth + 1, column + 2, column + 2)
        _set_flow(value, not value.ca.items and not _nested(value), lead)
        return value
    if isinstance(value, str):
        return _text(str(value), column, lead)
    return value


def _mapping(value: CommentedMap, shape: Shape | None, depth: int, column: int, lead: int, flowable: bool):
    known = shape.keys if shape and shape.record else ()
    for key in [k for k in known if k in value] + [k for k in list(value) if k not in known]:
        value.move_to_end(key)
    for key in list(value):
        child = shape.child(key) if shape else None
        value[key] = _node(value[key], child, depth + 1, column + 2, column + len(str(key)) + 2)
    leaf = not any(isinstance(v, CommentedMap) or (isinstance(v, CommentedSeq) and _nested(v)) for v in value.values())
    _set_flow(value, flowable and leaf and not value.ca.items and value.ca.comment is None, lead)
    return value


def _nested(seq: CommentedSeq) -> bool:
    return any(isinstance(x, (CommentedMap, CommentedSeq)) for x in seq)


def _set_flow(node: CommentedMap | CommentedSeq, allowed: bool, lead: int) -> None:
    """One line when allowed and it fits after what stands before it, else one item a line (empty: ``[]``)."""
    node.fa.set_flow_style()
    if node and (not allowed or lead + len(_flow_text(node)) > WIDTH):
        node.fa.set_block_style()


def _flow_text(node: Any) -> str:
    out = io.StringIO()
    _yaml().dump({"k": node}, out)
    return out.getvalue().split(": ", 1)[1].rstrip("\n")


def _text(text: str, column: int, lead: int) -> Any:
    if _CONTROL.search(text) or (text != text.rstrip(" \t") and "\n" in text) or _YAML11_WORDS.match(text):
        return DoubleQuotedScalarString(text)
    if "\n" in text.rstrip("\n") or text.endswith("\n\n"):
        return LiteralScalarString(text)
    body = text[:-1] if text.endswith("\n") else text
    if lead + len(body) > WIDTH and _FOLDABLE.match(body) and " " in body:
        return _folded(text, body, WIDTH - column)
    if text.endswith("\n"):
        return LiteralScalarString(text)
    return text if _plain(text) else DoubleQuotedScalarString(text)


@functools.lru_cache(maxsize=4096)
def _plain(text: str) -> bool:
    """Whether YAML takes the text unquoted both on a line of its own and inside ``[..]`` (else: double quotes)."""
    out = io.StringIO()
    seq = CommentedSeq([text])
    seq.fa.set_flow_style()
    _yaml().dump({"k": text, "f": seq}, out)
    head, flow = out.getvalue().splitlines()[:2]
    return head[3:4] not in ("'", '"') and flow[4:5] not in ("'", '"')


def _folded(text: str, body: str, room: int) -> FoldedScalarString:
    """Text folded at spaces so that no line passes ``room`` characters (a longer word stays whole)."""
    folded = FoldedScalarString(text)
    kept, start, last = [], 0, -1
    for pos in [m.start() for m in re.finditer(" ", body)] + [len(body)]:
        if pos - start > room and last >= start:
            kept.append(last)
            start = last + 1
        last = pos
    folded.fold_pos = kept
    return folded
