"""Reading YAML text into a :class:`~engine.io.document.Document` with ruamel.yaml (YAML 1.2).

Imported only when a file is not in the parse cache: ruamel's import is a large part of a
cold start. See engine/io/yaml_file.py for what the loader guarantees.
"""

from __future__ import annotations

import math
import re
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.composer import Composer, MaxDepthExceededError
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from ruamel.yaml.reader import ReaderError
from ruamel.yaml.tokens import DirectiveToken

from ..errors import Diagnostic, EntenteError, fail
from .document import MAX_DEPTH, MAX_NODES, Document, Loc, Position

_STD = "tag:yaml.org,2002:"
TAG_HELP = "remove the tag; entente files are plain data and never construct objects"
_SCALAR_TAGS = {_STD + t for t in ("str", "int", "float", "bool", "null", "timestamp")}
_NULLS = {"", "~", "null", "Null", "NULL"}
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_READ_AS = {"int": "a whole number", "float": "a number", "bool": "true or false", "null": "null"}
MAX_INT_DIGITS = 4_300  # Python's own limit for reading an int from text
MAX_KEYS = 1_000  # in one mapping; the largest mapping of any entente file has a few dozen
MAX_ITEMS = 10_000  # in one list; a file of 500 cases has 500
COMPOSE_DEPTH = 150  # past this the composer stops (the builder reports 64); deeper would exhaust Python's stack
DEPTH_HELP = "flatten the structure; no entente file needs this depth"


class _Refused(Exception):
    """A limit the composer enforces while it reads, so a hostile file is refused early and cheaply."""

    def __init__(self, mark, message: str, help: str):
        super().__init__(message)
        self.mark, self.message, self.help = mark, message, help


class _BoundedComposer(Composer):
    """ruamel's composer, stopping at the first mapping with more than MAX_KEYS keys or list with more
    than MAX_ITEMS items (a 1 MiB file of 90,000 keys is refused after reading 1,000 of them)."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if isinstance(parent, MappingNode) and index is None and len(parent.value) >= MAX_KEYS:
            raise _Refused(
                self.parser.peek_event().start_mark,
                f"a mapping holds more than {MAX_KEYS:,} keys",
                "split the file; no entente mapping needs this many keys",
            )
        if isinstance(parent, SequenceNode) and len(parent.value) >= MAX_ITEMS:
            raise _Refused(
                self.parser.peek_event().start_mark,
                f"a list holds more than {MAX_ITEMS:,} items",
                "split the file; no entente list needs this many items",
            )
        return super().compose_node(parent, index)


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
            self.error(node, f"the document is nested more than {MAX_DEPTH} levels deep", DEPTH_HELP)
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
        kind = tag[len(_STD) :]
        if kind in ("str", "timestamp"):
            return text
        if kind == "null" and text in _NULLS:
            return None
        if kind == "bool" and text in _BOOLS:
            return _BOOLS[text]
        if kind == "int":
            return self._int(node, text)
        if kind == "float":
            return self._float(node, text)
        return self._not_a(node, kind, text)

    def _int(self, node: ScalarNode, text: str) -> Any:
        digits = text.replace("_", "")
        if len(digits.lstrip("+-")) > MAX_INT_DIGITS:
            self.error(
                node,
                f"the number has {len(digits.lstrip('+-')):,} digits, more than {MAX_INT_DIGITS:,}",
                "entente's numbers are small; if this is text, put it in quotes",
            )
            return None
        for base in (0, 10):  # 0x.., 0o.., and plain decimals (int(.., 0) refuses leading zeros)
            try:
                return int(digits, base)
            except ValueError:
                pass
        return self._not_a(node, "int", text)

    def _float(self, node: ScalarNode, text: str) -> Any:
        try:
            value = float(text.replace("_", "").lower().replace(".inf", "inf").replace(".nan", "nan"))
        except ValueError:
            return self._not_a(node, "float", text)
        if not math.isfinite(value):
            self.error(
                node, f"'{_shown(text)}' is not a finite number", "write a number, or put it in quotes to make it text"
            )
            return None
        return value

    def _not_a(self, node: ScalarNode, kind: str, text: str) -> None:
        """An explicitly tagged scalar (``!!int abc``) whose text is not of its type."""
        self.error(
            node,
            f"'{_shown(text)}' is tagged !!{kind} but is not {_READ_AS[kind]}",
            "remove the tag; entente reads plain values by themselves",
        )
        return None


def _shown(text: str) -> str:
    return text if len(text) <= 40 else text[:37] + "..."


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if value is None:
        return "null"
    return "a number"


_DIRECTIVE_LINE = re.compile(r"(?m)^%")


def _refuse_directives(yaml: YAML, path: str, text: str) -> None:
    """A `%YAML 1.1` directive would make yes/no/on/off booleans again (and other versions fail): every
    file is read as YAML 1.2, so directives (`%YAML`, `%TAG`) are refused where they stand."""
    if not _DIRECTIVE_LINE.search(text):
        return
    for token in yaml.scan(text):  # only as far as the first token after the directives
        if isinstance(token, DirectiveToken):
            line = text.splitlines()[token.start_mark.line].strip()
            raise _located(
                path,
                token.start_mark,
                f"YAML directives are not allowed ('{_shown(line)}')",
                "remove the line; entente reads every file as YAML 1.2 (where yes, no, on and off are words)",
            )
        if type(token).__name__ != "StreamStartToken":
            return


def _located(path: str, mark, message: str, help: str) -> EntenteError:
    line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    return EntenteError([Diagnostic(path, line, col, message, help)])


def _syntax_error(path: str, exc: MarkedYAMLError) -> EntenteError:
    """A YAML syntax error at its position, with where the construct began in the help."""
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
    return _located(path, mark, f"invalid YAML: {problem}", hint)


def parse(path: str, text: str) -> Document:
    """Parse YAML text into a :class:`Document`, raising every problem found."""
    yaml = YAML(typ="rt", pure=True)
    yaml.Composer = _BoundedComposer
    yaml.max_depth = COMPOSE_DEPTH
    try:
        _refuse_directives(yaml, path, text)
        root = yaml.compose(text)
    except _Refused as exc:
        raise _located(path, exc.mark, exc.message, exc.help) from None
    except MaxDepthExceededError as exc:
        raise _located(
            path, exc.problem_mark, f"the document is nested more than {MAX_DEPTH} levels deep", DEPTH_HELP
        ) from None
    except MarkedYAMLError as exc:
        raise _syntax_error(path, exc) from None
    except ReaderError as exc:  # a character YAML does not allow, at a character offset
        before = text[: exc.position]
        line, col = before.count("\n") + 1, exc.position - (before.rfind("\n") + 1) + 1
        code = ord(exc.character) if isinstance(exc.character, str) else int(exc.character)
        raise fail(
            path,
            f"invalid YAML: the character U+{code:04X} is not allowed",
            "remove it; write control characters as escapes inside double quotes",
            line,
            col,
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
