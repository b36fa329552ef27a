"""The YAML loader: plain data only, positions kept, every problem located (exact text)."""

from __future__ import annotations

import pytest

from engine.errors import EntenteError
from engine.io import yaml_file as source


def errors_of(tmp_path, text: str | bytes, name: str = "f.yaml") -> str:
    path = tmp_path / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    with pytest.raises(EntenteError) as exc:
        source.load(path)
    return exc.value.render().replace(str(tmp_path) + "/", "")


def test_positions_of_keys_and_values(tmp_path):
    path = tmp_path / "f.yaml"
    path.write_text("id: x\nlist:\n  - a\n  - {k: v}\n")
    doc = source.load(path)
    assert doc.data == {"id": "x", "list": ["a", {"k": "v"}]}
    assert doc.position(("list", 1, "k")) == source.Position(4, 9)
    assert doc.position(("list", 1, "k"), key=True) == source.Position(4, 6)
    assert doc.position(("list", 0)) == source.Position(3, 5)
    # a path that does not exist falls back to its nearest enclosing node
    assert doc.position(("list", 1, "missing")) == source.Position(4, 5)


def test_scalars_are_plain_python_values(tmp_path):
    path = tmp_path / "f.yaml"
    path.write_text("a: 2025-09-01\nb: no\nc: true\nd: null\ne: 12\nf: 1.5\ng: 'yes'\n")
    assert source.load(path).data == {"a": "2025-09-01", "b": "no", "c": True, "d": None, "e": 12, "f": 1.5, "g": "yes"}


def test_duplicate_key(tmp_path):
    assert errors_of(tmp_path, "id: a\nname: b\nid: c\n") == (
        "f.yaml:3:1: duplicate key 'id'\n  help: 'id' is already set at line 1; keep one of them\n1 error in 1 file"
    )


def test_python_object_tag_is_rejected(tmp_path):
    assert errors_of(tmp_path, "id: !!python/object/apply:os.system ['echo hi']\n") == (
        "f.yaml:1:5: tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed\n"
        "  help: remove the tag; entente files are plain data and never construct objects\n1 error in 1 file"
    )


def test_boolean_key_is_an_error(tmp_path):
    assert errors_of(tmp_path, "true: 1\n") == (
        "f.yaml:1:1: key 'true' is read as a boolean, not as a word\n"
        "  help: keys are plain words; YAML reads true/false, null and numbers as other types\n1 error in 1 file"
    )


def test_every_problem_in_a_file_is_reported(tmp_path):
    out = errors_of(tmp_path, "a: 1\na: 2\nb: !foo x\n")
    assert out.splitlines()[0] == "f.yaml:2:1: duplicate key 'a'"
    assert out.splitlines()[2] == "f.yaml:3:4: tag '!foo' is not allowed"
    assert out.endswith("2 errors in 1 file")


def test_syntax_error_with_tab(tmp_path):
    out = errors_of(tmp_path, "id: a\nlist:\n\t- x\n")
    assert out.startswith("f.yaml:3:1: invalid YAML: ")
    assert "help: indent with spaces; YAML does not allow tab characters for indentation" in out


def test_empty_file(tmp_path):
    assert errors_of(tmp_path, "# nothing\n") == (
        "f.yaml:1:1: the file is empty\n  help: write the YAML mapping this file should hold\n1 error in 1 file"
    )


def test_non_utf8_bytes(tmp_path):
    assert errors_of(tmp_path, b"id: a\nname: caf\xe9\n") == (
        "f.yaml:2:10: the file is not valid UTF-8 (byte 0xe9)\n  help: save the file as UTF-8\n1 error in 1 file"
    )


def test_bom_and_windows_line_endings_load(tmp_path):
    path = tmp_path / "f.yaml"
    path.write_bytes(b"\xef\xbb\xbfid: a\r\nname: b\r\n")
    doc = source.load(path)
    assert doc.data == {"id": "a", "name": "b"}
    assert doc.position(("name",)) == source.Position(2, 7)


def test_alias_bomb_is_bounded(tmp_path):
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [
        f"a{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}]"
        for i in range(1, 9)
    ]
    out = errors_of(tmp_path, "\n".join(lines) + "\n")
    assert "the document expands to more than 100,000 values" in out


def test_file_over_size_limit(tmp_path):
    path = tmp_path / "big.yaml"
    path.write_text("a: " + "x" * 2_000_000 + "\n")
    with pytest.raises(EntenteError) as exc:
        source.load(path)
    assert "over the 1,048,576-byte limit" in exc.value.render()


def test_missing_file(tmp_path):
    with pytest.raises(EntenteError) as exc:
        source.load(tmp_path / "nope.yaml")
    assert exc.value.diagnostics[0].message == "no such file"


def test_folded_scalars_are_plain_text(tmp_path):
    path = tmp_path / "f.yaml"
    path.write_text("text: >\n  one two\n  three four\n  five\nkeep: |\n  a\n  b\n")
    assert source.load(path).data == {"text": "one two three four five\n", "keep": "a\nb\n"}
