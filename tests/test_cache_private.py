"""The disk cache is the user's own: private whatever the umask, used only in a folder that is safe, never
sweeping what it did not make, and trusting no entry it did not sign (issue 13)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from engine.cli import cli
from tests.conftest import POLICIES, PROFILES
from tests.helpers import CONDITIONED, EXAMPLES


def _vet_with_cache(cache: Path, *args: str):
    return CliRunner(env={"ENTENTE_CACHE_DIR": str(cache), "ENTENTE_NO_CACHE": None}).invoke(
        cli,
        [
            "--policies",
            str(POLICIES),
            "--profiles",
            str(PROFILES),
            "vet",
            *args,
            "--today",
            "2025-11-24",
        ],
    )


def _modes(cache: Path) -> set[tuple[str, int]]:
    return {("folder" if p.is_dir() else "file", stat.S_IMODE(p.lstat().st_mode)) for p in [cache, *cache.rglob("*")]}


def test_the_cache_is_private_whatever_the_umask(tmp_path):
    old = os.umask(0)
    try:
        assert _vet_with_cache(tmp_path / "cache", str(CONDITIONED)).exit_code == 1
    finally:
        os.umask(old)
    assert _modes(tmp_path / "cache") == {("folder", 0o700), ("file", 0o600)}
    assert len(list((tmp_path / "cache").rglob("*.json"))) >= 2  # parsed files and the pack
    assert len((tmp_path / "cache" / "key").read_bytes()) == 32


REFUSED_HELP = "  help: set ENTENTE_CACHE_DIR to a folder of your own that only you can write (or ENTENTE_NO_CACHE=1)\n"


@pytest.mark.parametrize(
    "setup, reason",
    [
        (lambda d: os.chown(d, 65534, 65534), "it belongs to another user (uid 65534)"),
        (lambda d: d.chmod(0o777), "others can write to it (mode 0777)"),
        (
            lambda d: (d / "notes.txt").write_text("mine"),
            "it holds files that are not entente's, and no entente cache tag",
        ),
    ],
)
def test_a_cache_folder_that_is_not_safe_is_not_used(tmp_path, setup, reason):
    cache = tmp_path / "home"
    cache.mkdir(mode=0o700)
    setup(cache)
    before = sorted(p.name for p in cache.iterdir())
    result = _vet_with_cache(cache, str(CONDITIONED))
    assert result.exit_code == 1
    assert result.stderr.endswith(f"warning: the cache is off for this run: {cache}: {reason}\n" + REFUSED_HELP)
    assert sorted(p.name for p in cache.iterdir()) == before  # nothing written


def test_a_users_folder_as_the_cache_loses_nothing(tmp_path):
    """ENTENTE_CACHE_DIR=$HOME: folders named like the caches' are the user's own; nothing is removed."""
    home = tmp_path / "home"
    for name in ("pack-notes", "parsed-photos"):
        (home / name).mkdir(parents=True)
        (home / name / "keep.json").write_text("{}")
    (home / "thesis.txt").write_text("years of work")
    home.chmod(0o700)
    result = _vet_with_cache(home, str(CONDITIONED))
    assert result.exit_code == 1 and "warning: the cache is off for this run" in result.stderr
    assert sorted(str(p.relative_to(home)) for p in home.rglob("*")) == [
        "pack-notes",
        "pack-notes/keep.json",
        "parsed-photos",
        "parsed-photos/keep.json",
        "thesis.txt",
    ]


def test_only_folders_the_cache_marked_are_swept(tmp_path, monkeypatch):
    """An older engine's folders are removed when a new one is made, but only those a Store made."""
    from engine.io import cache

    root = tmp_path / "cache"
    monkeypatch.setenv("ENTENTE_CACHE_DIR", str(root))
    cache.PACKS.put("k", {"v": 1})
    older = cache.PACKS.folder()
    unmarked = root / "pack-0.0.1-0123456789abcdef-1"  # the same name pattern, no marker: not ours
    unmarked.mkdir()
    (unmarked / "data.json").write_text("{}")
    monkeypatch.setattr(cache, "code_fingerprint", lambda: "fedcba9876543210")
    cache.PACKS.put("k", {"v": 2})
    assert not older.exists() and unmarked.exists() and cache.PACKS.get("k") == {"format": 2, "v": 2}


def _entry_of(root: Path, kind: str, name: str | None = None) -> Path:
    entries = sorted(root.glob(f"{kind}-*/**/*.json"))
    return next(p for p in entries if name is None or p.stem == name)


def test_a_tampered_pack_entry_is_rebuilt_not_trusted(tmp_path):
    import json

    cache = tmp_path / "cache"
    first = _vet_with_cache(cache, str(CONDITIONED), "--format", "json")
    assert json.loads(first.stdout)["summary"]["critical"] == 1
    entry = _entry_of(cache, "pack")
    signature, body = entry.read_bytes().split(b"\n", 1)
    data = json.loads(body)
    for ruleset in data["rulesets"]:  # every rule made to test a field no record has: nothing would fire
        for name, rule in ruleset.items():
            if name != "__sentinel__":
                rule["all"] = [{"m": {"$and": [{"t": "assessment"}, {"never": True}]}}]
    entry.write_bytes(signature + b"\n" + json.dumps(data, separators=(",", ":")).encode())
    again = _vet_with_cache(cache, str(CONDITIONED), "--format", "json")
    assert again.stdout == first.stdout  # three findings, not none
    assert entry.read_bytes().split(b"\n", 1)[1] == body  # rebuilt and rewritten


def test_a_tampered_parse_entry_is_rebuilt_not_trusted(tmp_path):
    import hashlib
    import json

    cache = tmp_path / "cache"
    first = _vet_with_cache(cache, str(CONDITIONED))
    entry = _entry_of(cache, "parsed", hashlib.sha256(CONDITIONED.read_bytes()).hexdigest())
    signature, body = entry.read_bytes().split(b"\n", 1)
    data = json.loads(body)
    data["data"]["conditions"] = []  # the condition that makes the findings, gone
    entry.write_bytes(signature + b"\n" + json.dumps(data).encode())
    assert _vet_with_cache(cache, str(CONDITIONED)).stdout == first.stdout


def test_a_key_file_others_can_read_turns_the_cache_off(tmp_path):
    cache = tmp_path / "cache"
    _vet_with_cache(cache, str(CONDITIONED))
    (cache / "key").chmod(0o644)
    result = _vet_with_cache(cache, str(CONDITIONED))
    assert result.stderr.endswith(
        f"warning: the cache is off for this run: {cache}: its key file is not private\n" + REFUSED_HELP
    )


def test_the_parse_cache_spreads_entries_over_sub_folders(tmp_path):
    cache = tmp_path / "cache"
    _vet_with_cache(cache, str(EXAMPLES))
    parsed = sorted(cache.glob("parsed-*/*/*.json"))
    assert len(parsed) >= 4 and all(p.parent.name == p.stem[:2] for p in parsed)
