"""The parse cache: a hit gives the same document; a corrupt entry or a changed file is parsed again."""

from __future__ import annotations

from engine import cache, source


def test_cache_hit_gives_the_same_document_and_errors_keep_their_positions(tmp_path, monkeypatch):
    monkeypatch.setenv("ENTENTE_CACHE_DIR", str(tmp_path / "cache"))
    path = tmp_path / "p.yaml"
    path.write_text("id: x\nlist:\n  - {k: v}\n")
    first = source.load(path)
    assert len(list((tmp_path / "cache").rglob("*.json"))) == 1
    second = source.load(path)
    assert (second.data, second.values, second.keys) == (first.data, first.values, first.keys)
    assert second.position(("list", 0, "k"), key=True) == source.Position(3, 6)


def test_a_corrupt_entry_is_rebuilt_silently(tmp_path, monkeypatch):
    monkeypatch.setenv("ENTENTE_CACHE_DIR", str(tmp_path / "cache"))
    path = tmp_path / "p.yaml"
    path.write_text("id: x\n")
    source.load(path)
    (entry,) = (tmp_path / "cache").rglob("*.json")
    entry.write_text('{"format": 1, "data": {"id": "WRONG"}, "values": [[')
    assert source.load(path).data == {"id": "x"}
    entry.write_text('{"format": 1, "data": {"id": "x"}, "values": "nonsense", "keys": []}')
    assert source.load(path).data == {"id": "x"}


def test_a_changed_file_is_parsed_again(tmp_path, monkeypatch):
    monkeypatch.setenv("ENTENTE_CACHE_DIR", str(tmp_path / "cache"))
    path = tmp_path / "p.yaml"
    path.write_text("id: x\n")
    assert source.load(path).data == {"id": "x"}
    path.write_text("id: y\n")
    assert source.load(path).data == {"id": "y"}


def test_the_cache_can_be_turned_off(tmp_path, monkeypatch):
    monkeypatch.setenv("ENTENTE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("ENTENTE_NO_CACHE", "1")
    path = tmp_path / "p.yaml"
    path.write_text("id: x\n")
    source.load(path)
    assert cache.cache_dir() is None and not (tmp_path / "cache").exists()
