"""Shared fixtures: the shipped pack compiled once, and a one-call assessment helper."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, settings

from engine.cli import cli
from engine.core.engine import Engine, Options, engine_for
from engine.core.pack import Pack, load_pack
from engine.core.results import Assessment
from engine.core.settings import default_dir
from engine.model import Forum, PartnerProfile, Proposal
from engine.model.situation import Situation
from tests import mutation_mode

ROOT = Path(__file__).resolve().parent.parent
# Where the suite reads the pack, the library and the cases: $ENTENTE_POLICIES etc., else the checkout's
# (tests/test_architecture.py runs the suite on a copy with a policy added, through these).
POLICIES = default_dir("ENTENTE_POLICIES", "policies", ROOT)
PROFILES = ROOT / "profiles"  # the shipped library
CASES = default_dir("ENTENTE_CASES", "cases", ROOT)
CHROMIUM = os.environ.get("ENTENTE_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"

# The head of a case file for red-line-crossing with one fixture partner (Testland, one red line): a test
# appends its cases.
TESTLAND_CASE_HEAD = """\
policy: red-line-crossing
fixtures:
  parties: {testland: {name: Testland}}
  partners:
    - {id: testland, name: Testland, as_of: 2025-10-01, tier: strategic_partnership, hedging: aligned,
       red_lines: [no_foreign_bases]}
cases:
"""


def entente(*args: str, policies: Path = POLICIES, profiles: Path = PROFILES, **invoke):
    """Run the command line in-process on the suite's pack and on the library at ``profiles`` alone (CliRunner
    result)."""
    flags = ["--policies", str(policies), "--profiles", str(profiles), "--no-shipped-profiles"]
    return CliRunner().invoke(cli, [*flags, *args], **invoke)


# The parse cache of this test session lives in a private folder, never in the user's ~/.cache (under mutmut,
# one folder for every mutant's run: tests/mutation_mode.py).
if not mutation_mode.ACTIVE:
    os.environ["ENTENTE_CACHE_DIR"] = tempfile.mkdtemp(prefix="entente-test-cache-")

# Property-based tests: a CI-sized run by default; HYPOTHESIS_PROFILE=long for the long version.
settings.register_profile(
    "ci",
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
settings.register_profile(
    "long",
    max_examples=5000,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
# Under mutmut (tests/mutation_mode.py): a few examples each, as each surviving mutant runs every such test.
settings.register_profile(
    "mutation",
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


def at_least(examples: int) -> int:
    """A property test's number of examples: ``examples`` or the profile's, the larger, except under mutmut,
    where the profile's few are enough (each surviving mutant runs the test)."""
    return settings().max_examples if mutation_mode.ACTIVE else max(examples, settings().max_examples)


TODAY = dt.date(2025, 11, 24)

BASE_PARTNER = {
    "id": "testland",
    "name": "Testland",
    "as_of": "2025-10-01",
    "tier": "strategic_partnership",
    "political_system": "electoral_democracy",
    "hedging": "hedging",
    "stances": {},
    "disputes": [],
    "ties": [],
    "dependencies": [],
    "red_lines": [],
    "memberships": [],
}
BASE_PROPOSAL = {"id": "test-move", "title": "A test move", "partner": "testland", "kind": "new_cooperation"}


@pytest.fixture
def public_tmp():
    """A folder every user can enter (pytest's tmp_path is private to root; some tests run as `nobody`)."""
    import shutil

    folder = Path(tempfile.mkdtemp(prefix="entente-public-"))
    folder.chmod(0o755)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def with_testland(vocabulary):
    """The vocabulary with Testland in its party registry (a test partner, as a user's parties.yaml adds one)."""
    from engine.io.document import Document
    from engine.model.parties import build_registry
    from engine.model.parties_file import PartiesFile

    spec = PartiesFile(parties={"testland": {"name": "Testland"}})
    registry, problems = build_registry(Document("<tests>", spec.model_dump()), spec, vocabulary.parties)
    assert not problems, problems
    return vocabulary.with_parties(registry)


# One pack and engine for the session; one per test in mutation mode (tests/mutation_mode.py), so that
# mutmut sees every test that compiles or evaluates them.
SHARED = "function" if mutation_mode.ACTIVE else "session"


@pytest.fixture(scope=SHARED)
def pack() -> Pack:
    return load_pack(POLICIES)


@pytest.fixture(scope=SHARED)
def engine(pack: Pack) -> Engine:
    return engine_for(pack)


def with_policies(pack: Pack, *policies) -> Pack:
    """``pack`` with ``policies`` in place of its own, compiled."""
    import msgspec

    from engine.rules.compile import compile_pack

    return msgspec.structs.replace(pack, policies=policies, rulesets=compile_pack(policies, pack.vocabulary))


def build(
    pack: Pack,
    partner: dict | None = None,
    proposal: dict | None = None,
    forum: dict | None = None,
    drop: tuple[str, ...] = (),
) -> Situation:
    """A situation from partial dicts laid over the base partner and proposal.

    ``drop`` removes keys from the partner (to test missing data)."""
    vocabulary = with_testland(pack.vocabulary)
    ctx = {"vocabulary": vocabulary}
    p = {**BASE_PARTNER, **(partner or {})}
    for key in drop:
        p.pop(key, None)
    return Situation(
        Proposal.model_validate({**BASE_PROPOSAL, **(proposal or {})}, context=ctx),
        PartnerProfile.model_validate(p, context=ctx),
        Forum.model_validate(forum, context=ctx) if forum is not None else None,
        vocabulary,
    )


@pytest.fixture
def assess(pack: Pack, engine: Engine):
    """assess(partner=..., proposal=..., forum=..., drop=...) -> Assessment (evaluated by durable_rules)."""

    def run(partner=None, proposal=None, forum=None, drop=()) -> Assessment:
        return engine.assess_situation(build(pack, partner, proposal, forum, drop), Options(today=TODAY))

    return run


def ids(assessment: Assessment) -> list[str]:
    return [f.id for f in assessment.findings]


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium driven by Playwright (the PDF and workspace tests)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-quic",
            ],
        )
        yield b
        b.close()
