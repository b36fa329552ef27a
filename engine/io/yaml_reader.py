"""Reading YAML text into a :class:`~engine.io.document.Document` with ruamel.yaml (YAML 1.2).

Imported only when a file is not in the parse cache: ruamel's import is a large part of a
cold start. See engine/io/yaml_file.py for what the loader guarantees.
"""

from __future__ import annotations

import math
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from ruamel.yaml.reader import ReaderError

from ..errors import Diagnostic, EntenteError, fail
from .document import MAX_DEPTH, MAX_NODES, Document, Loc, Position

_STD = "tag:yaml.org,2002:"
TAG_HELP = "remove the tag; entente files are plain data and never construct objects"
_SCALAR_TAGS = {_STD + t for t in ("str", "int", "float", "bool", "null", "timestamp")}


def _tag(node: Node) -> str:
    tag = node.tag
    return str(getattr(tag, "value", tag))


class _Builder:
    def __init__(self, path: str):
        self.path = path
        self.values: dict[Loc, Position] = {}
        self.keys: dict[Loc, Position] = {}
        self.errors: list[Diagnostic] = []
        self.count = 0
        self.too_big = False

    def error(self, node: Node, message: str, help: str = "") -> None:
        mark = node.start_mark
        self.errors.append(Diagnostic(self.path, mark.line + 1, mark.column + 1, message, help))

    def build(self, node: Node, loc: Loc, depth: int) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            if not self.too_big:
                self.too_big = True
                self.error(
                    node,
                    f"the document expands to more than {MAX_NODES:,} values",
                    "remove the anchors and aliases that multiply content, or split the file",
                )
            return None
        if depth > MAX_DEPTH:
            self.error(
                node,
                f"the document is nested more than {MAX_DEPTH} levels deep",
                "flatten the structure; no entente file needs this depth",
            )
            return None
        self.values.setdefault(loc, Position(node.start_mark.line + 1, node.start_mark.column + 1))
        if isinstance(node, MappingNode):
            return self._mapping(node, loc, depth)
        if isinstance(node, SequenceNode):
            if _tag(node) != _STD + "seq":
                self.error(node, f"tag '{_tag(node)}' is not allowed", TAG_HELP)
            return [self.build(item, loc + (i,), depth + 1) for i, item in enumerate(node.value)]
        return self._scalar(node)

    def _mapping(self, node: MappingNode, loc: Loc, depth: int) -> dict[str, Any]:
        if _tag(node) != _STD + "map":
            self.error(node, f"tag '{_tag(node)}' is not allowed", TAG_HELP)
        out: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                self.error(
                    key_node,
                    "a key must be a plain word, not a list or mapping",
                    "write keys as plain words, e.g. `partner:`",
                )
                continue
            if _tag(key_node) == _STD + "merge":
                self.error(key_node, "merge keys ('<<') are not supported", "write the keys out in full")
                continue
            key = self._scalar(key_node)
            if not isinstance(key, str):
                kind = _kind(key)
                self.error(
                    key_node,
                    f"key '{key_node.value}' is read as {kind}, not as a word",
                    "keys are plain words; YAML reads true/false, null and numbers as other types",
                )
                continue
            if key in out:
                self.error(
                    key_node,
                    f"duplicate key '{key}'",
                    f"'{key}' is already set at line {first_line[key]}; keep one of them",
                )
                continue
            first_line[key] = key_node.start_mark.line + 1
            self.keys[loc + (key,)] = Position(key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            out[key] = self.build(value_node, loc + (key,), depth + 1)
        return out

    def _scalar(self, node: ScalarNode) -> Any:
        tag, text = _tag(node), node.value
        if node.style == ">":
            text = text.replace("\a", "")  # ruamel marks the fold points of `>` scalars with BEL
        if tag not in _SCALAR_TAGS:
            self.error(node, f"tag '{tag}' is not allowed", TAG_HELP)
            return None
        if tag == _STD + "str" or tag == _STD + "timestamp":
            return text
        if tag == _STD + "null":
            return None
        if tag == _STD + "bool":
            return text.lower() == "true"
        if tag == _STD + "int":
            try:
                return int(text.replace("_", ""), 0)
            except ValueError:
                return int(text.replace("_", ""))
        value = float(text.replace("_", "").replace(".inf", "inf").replace(".nan", "nan").replace(".Inf", "inf"))
        return value if math.isfinite(value) else text


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if value is None:
        return "null"
    return "a number"


def parse(path: str, text: str) -> Document:
    """Parse YAML text into a :class:`Document`, raising every problem found."""
    yaml = YAML(typ="rt", pure=True)
    try:
        root = yaml.compose(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = (exc.problem or exc.context or "invalid YAML").strip()
        hint = "fix the YAML syntax at this point"
        if exc.context and exc.context_mark and exc.problem_mark and exc.context_mark.line != exc.problem_mark.line:
            start = exc.context_mark
            hint += f" ({exc.context.strip()} that starts at line {start.line + 1}, column {start.column + 1})"
        if "\t" in problem or "'\\t'" in problem:
            hint = "indent with spaces; YAML does not allow tab characters for indentation"
        elif "expected a single document" in str(exc) or "but found another document" in str(exc):
            problem, hint = "the file holds more than one YAML document", "keep one document per file (remove '---')"
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise EntenteError([Diagnostic(path, line, col, f"invalid YAML: {problem}", hint)]) from None
    except ReaderError as exc:  # a character YAML does not allow, at a character offset
        before = text[: exc.position]
        line, col = before.count("\n") + 1, exc.position - (before.rfind("\n") + 1) + 1
        code = ord(exc.character) if isinstance(exc.character, str) else int(exc.character)
        shown = f"U+{code:04X}"
        raise EntenteError(
            [
                Diagnostic(
                    path,
                    line,
                    col,
                    f"invalid YAML: the character {shown} is not allowed",
                    "remove it; write control characters as escapes inside double quotes",
                )
            ]
        ) from None
    except YAMLError as exc:  # errors without a position
        raise fail(path, f"invalid YAML: {exc}", "fix the YAML syntax") from None
    if root is None:
        raise fail(path, "the file is empty", "write the YAML mapping this file should hold")
    builder = _Builder(path)
    data = builder.build(root, (), 0)
    if builder.errors:
        raise EntenteError(sorted(builder.errors))
    return Document(path=path, data=data, values=builder.values, keys=builder.keys, text=text)
