"""The disk caches. Parse cache: a hit gives the same document; a corrupt entry or a changed file
is parsed again. Compiled-pack cache: a hit gives the same pack without validating or compiling;
a corrupt entry, a changed pack or a changed engine loads it again; a pack with problems is never
stored."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from engine.core.pack import load_pack
from engine.errors import EntenteError
from engine.io import cache
from engine.io import yaml_file as source
from tests.conftest import POLICIES


def test_cache_hit_gives_the_same_document_and_errors_keep_their_positions(tmp_path, monkeypatch):
    monkeypatch.setenv("ENTENTE_CACHE_DIR", str(tmp_path / "cache"))
    path = tmp_path / "p.yaml"
    path.write_text("id: x\nlist:\n  - {k: v}\n")
    first = source.load(path)
    assert len(list((tmp_path / "cache").rglob("*.json"))) == 1
    second = source.load(path)
    assert (second.data, second.values, second.keys) == (first.data, first.values, first.keys)
    assert second.position(("list", 0, "k"), key=True) == source.Position(3, 6)


def test_an_integer_past_64_bits_comes_back_from_the_cache_as_it_was(tmp_path, monkeypatch):
    """Entries are read by orjson, which refuses an integer past 64 bits; json reads such an entry instead."""
    monkeypatch.setenv("ENTENTE_CACHE_DIR", str(tmp_path / "cache"))
    path = tmp_path / "p.yaml"
    path.write_text("big: 123456789012345678901234567890\nsmall: 7\n")
    first = source.load(path)
    (entry,) = (tmp_path / "cache").rglob("*.json")
    assert b":123456789012345678901234567890" in entry.read_bytes()
    second = source.load(path)
    assert second.data == first.data == {"big": 123456789012345678901234567890, "small": 7}
    assert second.values == first.values


def test_cache_entries_are_not_flushed_to_disk_one_by_one_but_user_files_are(tmp_path, monkeypatch):
    """A cache entry is rebuildable: written atomically, without an fsync of its own; a file the user owns
    (an `-o` report, a rewritten case file) is flushed to disk before it replaces the old one."""
    from engine.io.files import write_atomic

    monkeypatch.setenv("ENTENTE_CACHE_DIR", str(tmp_path / "cache"))
    synced: list[int] = []
    real_fsync = os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: (synced.append(fd), real_fsync(fd))[1])
    path = tmp_path / "p.yaml"
    path.write_text("id: x\n")
    cache.PARSED.put("0" * 64, {"data": 1})  # makes the folders and the key: flushed
    before = len(synced)
    source.load(path)
    assert len(list((tmp_path / "cache").rglob("*.json"))) == 2 and len(synced) == before
    write_atomic(tmp_path / "report.txt", "done\n")
    assert len(synced) == before + 1


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
    assert cache.root_dir() is None and not (tmp_path / "cache").exists()


def _pack_copy(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.setenv("ENTENTE_CACHE_DIR", str(tmp_path / "cache"))
    return Path(shutil.copytree(POLICIES, tmp_path / "policies"))


def _pack_entries(tmp_path: Path) -> list[Path]:
    return sorted((tmp_path / "cache").glob("pack-*/*.json"))


def test_a_compiled_pack_is_read_back_without_validating_or_compiling(tmp_path, monkeypatch):
    root = _pack_copy(tmp_path, monkeypatch)
    first = load_pack(root)
    assert len(_pack_entries(tmp_path)) == 1

    def must_not_run(*args, **kwargs):
        raise AssertionError("the cached pack was validated or compiled again")

    monkeypatch.setattr("engine.core.pack.parse_policy", must_not_run)
    monkeypatch.setattr("engine.core.pack.compile_pack", must_not_run)
    second = load_pack(root)
    assert (second.root, second.digest, second.policies) == (first.root, first.digest, first.policies)
    assert json.dumps(second.rulesets, sort_keys=True) == json.dumps(first.rulesets, sort_keys=True)
    assert second.rulesets == first.rulesets


def test_a_corrupt_pack_entry_is_rebuilt_silently(tmp_path, monkeypatch):
    root = _pack_copy(tmp_path, monkeypatch)
    fresh = load_pack(root)
    (entry,) = _pack_entries(tmp_path)
    for corrupt in (
        '{"format": 1, "policies": [[',
        '{"format": 1, "policies": [{"id": "x"}], "rulesets": []}',
        '{"format": 1, "policies": [], "rulesets": "nonsense"}',
        '{"format": 1, "policies": [], "rulesets": []}',
        "[1, 2]",
    ):
        entry.write_text(corrupt)
        again = load_pack(root)
        assert (again.policies, again.rulesets) == (fresh.policies, fresh.rulesets)
        signature, body = entry.read_text().split("\n", 1)  # rewritten, signed
        assert json.loads(body)["policies"] == [p.to_data() for p in fresh.policies] and len(signature) == 64


def test_a_changed_pack_is_loaded_again(tmp_path, monkeypatch):
    root = _pack_copy(tmp_path, monkeypatch)
    load_pack(root)
    path = root / "ring-fence" / "dispute-linkage.yaml"
    path.write_text(path.read_text().replace("severity: high", "severity: critical", 1))
    changed = load_pack(root)
    assert changed.by_id()["dispute-linkage"].severity == "critical"
    assert len(_pack_entries(tmp_path)) == 2


def test_a_pack_with_problems_is_never_stored(tmp_path, monkeypatch):
    root = _pack_copy(tmp_path, monkeypatch)
    path = root / "ring-fence" / "dispute-linkage.yaml"
    path.write_text(path.read_text().replace("severity: high", "severity: hgh", 1))
    for _ in range(2):
        with pytest.raises(EntenteError, match="unknown severity 'hgh'"):
            load_pack(root)
    assert _pack_entries(tmp_path) == []


def test_an_edited_engine_reads_none_of_what_an_older_one_wrote(tmp_path, monkeypatch):
    """The cache folders are named after the engine's code; a new folder replaces the others."""
    package = tmp_path / "engine"
    package.mkdir()
    (package / "a.py").write_text("x = 1\n")
    monkeypatch.setattr(cache, "PACKAGE", package)
    monkeypatch.setenv("ENTENTE_CACHE_DIR", str(tmp_path / "cache"))
    cache.code_fingerprint.cache_clear()
    try:
        before = cache.code_fingerprint()
        cache.PACKS.put("k", {"v": 1})
        assert cache.PACKS.get("k") == {"format": 2, "v": 1}
        os.utime(package / "a.py", ns=(1, 1))
        cache.code_fingerprint.cache_clear()
        assert cache.code_fingerprint() != before
        assert cache.PACKS.get("k") is None
        cache.PACKS.put("k", {"v": 2})
        assert sorted(p.name for p in (tmp_path / "cache").iterdir()) == [
            "CACHEDIR.TAG",
            "key",
            cache.PACKS.folder().name,
        ]
    finally:
        cache.code_fingerprint.cache_clear()


def test_a_folder_past_its_limit_keeps_its_most_recent_half(tmp_path, monkeypatch):
    monkeypatch.setenv("ENTENTE_CACHE_DIR", str(tmp_path / "cache"))
    store = cache.Store("trial", 1, max_entries=4)
    for i in range(4):
        store.put(f"e{i}", {"i": i})
        os.utime(store.folder() / f"e{i}.json", ns=(10**9 * (i + 1),) * 2)  # written one second apart
    assert sorted(p.stem for p in store.folder().glob("*.json")) == ["e0", "e1", "e2", "e3"]
    store.put("e4", {"i": 4})  # the fifth entry: the folder keeps the two most recent
    assert sorted(p.stem for p in store.folder().glob("*.json")) == ["e3", "e4"]
    assert store.get("e4") == {"format": 1, "i": 4} and store.get("e0") is None
