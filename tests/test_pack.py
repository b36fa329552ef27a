"""`entente check` on policy packs: every error located, with a suggestion (exact text)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from engine.core.pack import load_pack
from engine.errors import EntenteError
from engine.policy.policy import Policy
from tests.conftest import ROOT

REQUIRED_IDS = {
    "minilateral-scope-creep",
    "dispute-linkage",
    "reform-conditionality",
    "alliance-obligation-ask",
    "forced-binary-choice",
    "third-party-targeting",
    "red-line-crossing",
    "dispute-bundling",
    "label-inflation",
    "coercion-of-partner",
    "dependency-exposure",
    "forum-member-divergence",
    "ambiguity-reliance",
    "entente-security-note",
    "leverage-on-dependence",
}


# The loader's errors are tested on a frozen pack (the v1 pack, tests/fixtures/packs/v1), so that editing a
# shipped policy never breaks these tests.
FROZEN = ROOT / "tests" / "fixtures" / "packs" / "v1"


@pytest.fixture
def pack_copy(tmp_path) -> Path:
    target = tmp_path / "policies"
    shutil.copytree(FROZEN, target)
    return target


def problems(root: Path) -> list[str]:
    with pytest.raises(EntenteError) as exc:
        load_pack(root)
    return [d.render().replace(str(root) + "/", "") for d in exc.value.diagnostics]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1))


def test_shipped_pack_has_every_required_policy(pack):
    assert {p.id for p in pack.policies} >= REQUIRED_IDS
    assert [p.severity for p in pack.policies if p.id == "red-line-crossing"] == ["critical"]


def test_every_policy_cites_a_seed_with_a_verbatim_quote(pack):
    sources = {p.rationale.source for p in pack.policies}
    assert sources <= {"gvosdev-2024", "partnership-primer"}
    for p in pack.policies:
        assert len(p.rationale.quote) > 20, p.id


@pytest.mark.parametrize(
    "path, old, new, expected",
    [
        pytest.param(
            "ring-fence/dispute-linkage.yaml",
            "fact: conditions.contested\n",
            "fact: conditions.contestd\n",
            [
                "ring-fence/dispute-linkage.yaml:23:9: unknown fact 'conditions.contestd'\n"
                "  help: did you mean 'conditions.contested'? (`entente facts` lists them)"
            ],
            id="unknown_fact_with_suggestion",
        ),
        pytest.param(
            "ring-fence/dispute-linkage.yaml",
            "  empty: false",
            "  emtpy: false",
            ["ring-fence/dispute-linkage.yaml:24:3: unknown operator 'emtpy'\n  help: did you mean 'empty'?"],
            id="unknown_operator_with_suggestion",
        ),
        pytest.param(
            "ring-fence/dispute-linkage.yaml",
            "  empty: false",
            "  equals: democracy",
            [
                "ring-fence/dispute-linkage.yaml:24:3: operator 'equals' does not apply to 'conditions.contested', "
                "a terms fact\n  help: use one of: contains, contains_any, contains_none, empty"
            ],
            id="operator_that_does_not_fit_the_fact_type",
        ),
        pytest.param(
            "risk/coercion-of-partner.yaml",
            "{proposal.measures}",
            "{proposal.measure}",
            [
                "risk/coercion-of-partner.yaml:16:10: message placeholder '{proposal.measure}' names no fact\n"
                "  help: did you mean 'proposal.measures'?"
            ],
            id="message_placeholder_must_name_a_fact",
        ),
        pytest.param(
            "risk/coercion-of-partner.yaml",
            "fact: proposal.measures\n  empty: false",
            "fact: partner.name\n  empty: false",
            [
                "risk/coercion-of-partner.yaml:19:9: fact 'partner.name' is for messages only and cannot be tested\n"
                "  help: test another fact; `entente facts` lists them"
            ],
            id="facts_for_messages_only_cannot_be_tested",
        ),
        pytest.param(
            "vocabulary.yaml",
            "alliance_asks: [mutual_defense,",
            "alliance_asks: [mutual_defence,",
            ["vocabulary.yaml:129:17: 'mutual_defence' is not a known ask\n  help: did you mean 'mutual_defense'?"],
            id="vocabulary_cross_references_are_checked",
        ),
    ],
)
def test_one_edit_gives_its_located_problem(pack_copy, path, old, new, expected):
    """One edit to a copy of the shipped pack, and the one problem it gives, located, with its help line."""
    edit(pack_copy / path, old, new)
    assert problems(pack_copy) == expected


def test_type_mismatch_in_value(pack_copy):
    edit(pack_copy / "ring-fence/dispute-linkage.yaml", "  empty: false", "  empty: [a]")
    edit(pack_copy / "risk/ambiguity-reliance.yaml", "contains: crisis_support", "contains: crisis_suport")
    assert problems(pack_copy) == [
        "ring-fence/dispute-linkage.yaml:24:10: `empty` takes true or false, got a list\n"
        "  help: write `empty: true` or `empty: false`",
        "risk/ambiguity-reliance.yaml:22:17: unknown ask 'crisis_suport' for fact 'proposal.asks'\n"
        "  help: did you mean 'crisis_support'?",
    ]


def test_duplicate_policy_id_and_id_not_matching_file(pack_copy):
    shutil.copy(pack_copy / "risk/label-inflation.yaml", pack_copy / "forums/label-inflation.yaml")
    edit(pack_copy / "risk/coercion-of-partner.yaml", "id: coercion-of-partner", "id: coercion")
    assert problems(pack_copy) == [
        "risk/coercion-of-partner.yaml:1:5: policy id 'coercion' does not match the file name "
        "'coercion-of-partner.yaml'\n  help: rename the file to 'coercion.yaml' or set `id: coercion-of-partner`",
        "risk/label-inflation.yaml:1:5: duplicate policy id 'label-inflation'\n"
        "  help: 'label-inflation' is already defined in forums/label-inflation.yaml; "
        "ids must be unique",
    ]


def test_quote_must_stand_in_the_source(pack_copy):
    edit(pack_copy / "risk/coercion-of-partner.yaml", "frayed significantly", "collapsed entirely")
    edit(pack_copy / "risk/label-inflation.yaml", "source: partnership-primer", "source: primer")
    assert problems(pack_copy) == [
        "risk/coercion-of-partner.yaml:9:10: the quote does not appear in source 'partnership-primer'\n"
        "  help: copy the words exactly from sources/partnership-primer.txt",
        "risk/label-inflation.yaml:9:11: unknown source document 'primer'\n"
        "  help: expected one of: gvosdev-2024, partnership-primer",
    ]


def test_unknown_key_severity_and_condition_shape(pack_copy):
    edit(pack_copy / "risk/coercion-of-partner.yaml", "severity: high", "severty: high")
    edit(pack_copy / "risk/label-inflation.yaml", "severity: low", "severity: lo")
    edit(pack_copy / "risk/dependency-exposure.yaml", "  all:\n", "  alll:\n")
    out = problems(pack_copy)
    assert out == [
        "risk/coercion-of-partner.yaml:1:1: missing required key 'severity' in a policy\n  help: add `severity: ...`",
        "risk/coercion-of-partner.yaml:3:1: unknown key 'severty' in a policy\n  help: did you mean 'severity'?",
        "risk/dependency-exposure.yaml:22:3: unknown key 'alll' in a condition\n  help: did you mean 'all'?",
        "risk/label-inflation.yaml:3:11: unknown severity 'lo'\n  help: did you mean 'low'?",
    ]


def test_a_value_that_is_no_term_says_what_the_fact_holds(pack_copy):
    edit(pack_copy / "risk/ambiguity-reliance.yaml", "contains: crisis_support", "contains: [crisis_support]")
    edit(
        pack_copy / "partners-not-allies/forced-binary-choice.yaml",
        "- fact: ties.against_tied\n      empty: false",
        "- fact: ties.against_tied\n      contains: 3",
    )
    assert problems(pack_copy) == [
        "partners-not-allies/forced-binary-choice.yaml:30:17: 'ties.against_tied' holds ids; got the number 3\n"
        "  help: write a term, e.g. `equals: x`",
        "risk/ambiguity-reliance.yaml:22:17: 'proposal.asks' holds ask terms; got a list\n"
        "  help: write a term, e.g. `equals: x`",
    ]


def test_every_shipped_policy_reads_back_from_its_cached_form_as_it_was_parsed(pack):
    """The compiled-pack cache stores each policy as plain data (JSON); read back, it is the same policy, every
    kind of condition node included."""
    kinds = set()
    for policy in pack.policies:
        data = json.loads(json.dumps(policy.to_data()))
        assert Policy.from_data(data) == policy
        for v in [policy.when, *(variant.when for variant in policy.variants)]:
            kinds |= _node_kinds(v)
    assert kinds == {"All", "Any_", "Not", "Comparison"}


def _node_kinds(condition) -> set[str]:
    inner = getattr(condition, "items", None) or ([condition.item] if hasattr(condition, "item") else [])
    return {type(condition).__name__}.union(*(_node_kinds(c) for c in inner))


def test_condition_keys_that_name_no_combinator(pack_copy):
    """A key near none of the four gets the list; a `not` beside an `all` is two combinators, not an unknown key."""
    edit(pack_copy / "risk/ambiguity-reliance.yaml", "when:\n  all:", "when:\n  zzzz: 1\n  all:")
    edit(
        pack_copy / "partners-not-allies/forced-binary-choice.yaml",
        "when:\n  all:",
        "when:\n  not: {fact: proposal.public, is: true}\n  all:",
    )
    assert problems(pack_copy) == [
        "partners-not-allies/forced-binary-choice.yaml:22:3: a condition holds exactly one of `all`, `any`, `not`\n"
        "  help: wrap several in `all: [...]` or `any: [...]`",
        "risk/ambiguity-reliance.yaml:20:3: unknown key 'zzzz' in a condition\n  help: expected one of: all, any, fact, not",
    ]
