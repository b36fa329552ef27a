"""durable_rules' C core has fixed limits (engine/rules/limits.py). The model of its alpha network is exact
at those limits; rules too large for it are split, so that a pack `entente check` accepts is a pack every
run can evaluate, with the same verdicts as the unsplit condition; `entente check` loads the rules into
the real core to make sure; what no split can fit is refused with its position (the bad-input corpus)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings

from engine.cli import cli
from engine.core.engine import Engine
from engine.core.pack import load_pack
from engine.facts import derive_all
from engine.policy.language import normal_form
from engine.rules import reference
from engine.rules.compile import compile_condition, fact_record
from engine.rules.durable_backend import refusal
from engine.rules.limits import MAX_OPERATORS, Network, fits
from engine.rules.split import PART, Parts
from tests.conftest import POLICIES, PROFILES, ROOT, at_least, build
from tests.strategies import forums, partners, proposals

SENTINEL = {"s": {"all": [{"m": {"t": "a"}}]}}


def rule(expression: dict) -> dict:
    return {"all": [{"m": {"$and": [{"t": "a"}, expression]}}]}


def core_refuses(rules: dict, record: dict) -> str | None:
    return refusal([{**SENTINEL, **rules}], "s", [{"t": "a", **record}])


@pytest.mark.parametrize(
    "rules, record, stack",
    [
        ({f"r{i}": rule({f"x{i}": True}) for i in range(64)}, {f"x{i}": True for i in range(64)}, 64),
        ({f"r{i}": rule({f"x{i}": True}) for i in range(65)}, {f"x{i}": True for i in range(65)}, 65),
        (
            {"r": rule({"$and": [{"$or": [{f"y{i}_{j}": True} for j in range(16)]} for i in range(4)]})},
            {f"y{i}_{j}": True for i in range(4) for j in range(16)},
            61,
        ),
        (
            {"r": rule({"$and": [{"$or": [{f"y{i}_{j}": True} for j in range(17)]} for i in range(4)]})},
            {f"y{i}_{j}": True for i in range(4) for j in range(17)},
            65,
        ),
        ({"r": rule({"$or": [{"p": f"v{j}"} for j in range(300)]})}, {"p": "v7"}, 1),  # one value matches at most
    ],
)
def test_the_model_of_the_core_is_exact_at_its_stack_limit(rules, record, stack):
    assert Network({**SENTINEL, **rules}.values()).bounds()[0] == stack
    said = core_refuses(rules, record)
    assert (said is None) == (stack <= 64)
    assert said is None or said.endswith("error code: 303")


def test_the_model_counts_the_operators_the_core_allows_per_rule():
    def ors(n: int) -> dict:  # n two-way `$or`s (of one property each: one path), in an `$and`, in the rule's
        return rule({"$and": [{"$or": [{f"a{i}": 1}, {f"a{i}": 2}]} for i in range(n)]})

    allowed, refused = ors(MAX_OPERATORS - 2), ors(MAX_OPERATORS - 1)
    assert fits({"r": allowed}) and not fits({"r": refused})
    assert core_refuses({"r": allowed}, {}) is None
    assert core_refuses({"r": refused}, {}) == "Could not create ruleset, error code: 113"


def test_split_rules_are_named_by_their_place_and_recombined():
    parts = Parts(["p", "q%a0", "q%a1o0", "q%a1o1", "r~possible%o0", "r~possible%o1"])
    assert parts.resolve({"p", "q%a0", "q%a1o1"}) == {"p", "q"}
    assert parts.resolve({"q%a1o0", "q%a1o1"}) == set()  # q's first part did not fire
    assert parts.resolve({"r~possible%o1"}) == {"r~possible"}


HOSTILE = {
    # a plain `all` of 14 tests on facts a profile may leave unknown: the "could it fire?" twin had 16 `$and`s
    "all-of-14-unknown-tests": "  all:\n"
    + "".join(
        f"    - fact: {('partner.hedging', 'partner.political_system')[i % 2]}\n"
        f"      not_equals: {('hedging', 'liberal_democracy', 'aligned', 'single_party')[i % 4]}\n"
        for i in range(14)
    ),
    # an `all` of 14 two-way `any`s: 16 operators in the rule itself
    "all-of-14-two-way-anys": "  all:\n"
    + "".join(
        f"    - any:\n        - fact: proposal.public\n          is: {('true', 'false')[i % 2]}\n"
        f"        - fact: partner.red_lines\n          contains_any: [{('no_foreign_bases', 'no_military_alliance')[i % 2]}]\n"
        for i in range(14)
    ),
    # 30 `any`s of three `in`s over unknown facts: thousands of paths through the twin's `$or`s
    "all-of-30-three-way-anys": "  all:\n"
    + "".join(
        "    - any:\n"
        "        - {fact: partner.hedging, in: [hedging, nonaligned]}\n"
        "        - {fact: partner.political_system, not_in: [liberal_democracy]}\n"
        "        - {fact: ties.against_tied, empty: false}\n"
        for _ in range(30)
    ),
}


def hostile_pack(tmp_path: Path, name: str) -> Path:
    pack = Path(shutil.copytree(POLICIES, tmp_path / "pack"))
    head = (ROOT / "policies" / "ring-fence" / "dispute-linkage.yaml").read_text().split("\nwhen:")[0]
    (pack / f"{name}.yaml").write_text(head.replace("id: dispute-linkage", f"id: {name}") + "\nwhen:\n" + HOSTILE[name])
    return pack


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_a_pack_that_checks_is_a_pack_that_runs(tmp_path, name):
    pack = hostile_pack(tmp_path, name)
    options = ["--policies", str(pack), "--profiles", str(PROFILES)]
    checked = CliRunner().invoke(cli, [*options, "check", str(pack)])
    policies = len(load_pack(POLICIES).policies) + 1  # the shipped pack and the hostile policy
    assert (checked.exit_code, checked.output) == (0, f"ok: {policies} policies in 1 pack, 0 other files checked\n")
    vetted = CliRunner().invoke(
        cli, [*options, "vet", str(ROOT / "examples"), "--format", "json", "--today", "2025-11-24", "--jobs", "1"]
    )
    assert vetted.exit_code == 1 and "internal error" not in vetted.output
    compiled = load_pack(pack)
    assert any(PART in n for rs in compiled.rulesets for n in rs)  # it was split, not left to fail
    assert all(fits(rs) for rs in compiled.rulesets)


@pytest.fixture(scope="module")
def hostile_engines(tmp_path_factory):
    return [Engine(load_pack(hostile_pack(tmp_path_factory.mktemp(name), name))) for name in sorted(HOSTILE)]


@settings(
    max_examples=at_least(200),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(partner=partners(), proposal=proposals(), forum=forums())
def test_split_rules_give_the_verdict_of_the_unsplit_condition(hostile_engines, partner, proposal, forum):
    """durable_rules evaluates the parts; their combination equals a plain-Python reading of the whole."""
    for engine in hostile_engines:
        situation = build(engine.pack, partner, proposal, forum)
        values = derive_all(situation)
        record = fact_record(values, engine.pack.vocabulary)
        fired = engine.fired(values)
        for policy in engine.pack.policies:
            condition = normal_form(policy.when)
            for mode, name in (("certain", policy.id), ("possible", policy.id + "~possible")):
                if (
                    mode == "certain"
                    or f"{policy.id}~possible" in engine.parts.trees
                    or any(n == name for rs in engine.rulesets for n in rs)
                ):
                    expected = reference.matches(compile_condition(condition, engine.pack.vocabulary, mode), record)
                    assert (name in fired) == expected, (policy.id, mode)


def test_check_loads_the_rules_into_durable_rules(tmp_path, monkeypatch):
    """With the compiler's limits switched off, the rule durable_rules refuses is reported by `check` at the
    condition of the policy it came from (exit 2): check runs the real core, exactly as evaluation does."""
    monkeypatch.setenv("ENTENTE_NO_CACHE", "1")
    monkeypatch.setattr("engine.rules.split.fits", lambda rules: True)
    monkeypatch.setattr("engine.rules.limits.Network.fits", lambda network: True)
    pack = hostile_pack(tmp_path, "all-of-14-two-way-anys")
    result = CliRunner().invoke(cli, ["--policies", str(pack), "check", str(pack)])
    assert result.exit_code == 2
    assert result.output == (
        f"{pack}/all-of-14-two-way-anys.yaml:23:3: durable_rules cannot run this condition (Could not create "
        "ruleset, error code: 113)\n  help: simplify the condition, or split it over several policies\n"
        "1 error in 1 file\n"
    )
