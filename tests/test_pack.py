"""`entente check` on policy packs: every error located, with a suggestion (exact text)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from engine.core.pack import Pack, load_pack
from engine.errors import EntenteError
from engine.facts import INT, registry
from engine.facts.registry import FactSpec
from engine.io import yaml_file
from engine.policy.language import All, Any_, Comparison, ConditionParser, Not
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


# The condition parser (engine/policy/language.py) on its own: every problem it reports, with its exact
# wording and position, and what a well-formed condition parses to.


def parse_condition(pack: Pack, text: str):
    """The condition under `when:` in ``text``, and every problem reported, rendered."""
    doc = yaml_file.parse("p.yaml", text)
    parser = ConditionParser(doc, pack.vocabulary)
    condition = parser.parse(doc.data["when"], ("when",))
    return condition, [d.render() for d in parser.errors]


def condition_problems(pack: Pack, text: str) -> list[str]:
    condition, found = parse_condition(pack, text)
    assert condition is None
    return found


def test_a_well_formed_condition_parses_to_its_tree(pack):
    text = """\
when:
  all:
    - fact: proposal.asks
      contains_any: [crisis_support]
    - not:
        fact: proposal.public
        is: true
    - any:
        - fact: partner.tier
          equals: none
        - fact: proposal.against
          contains: anyone
"""
    condition, found = parse_condition(pack, text)
    assert found == []
    assert condition == All(
        (
            Comparison("proposal.asks", "contains_any", ["crisis_support"], ("when", "all", 0)),
            Not(Comparison("proposal.public", "is", True, ("when", "all", 1, "not")), ("when", "all", 1)),
            Any_(
                (
                    Comparison("partner.tier", "equals", "none", ("when", "all", 2, "any", 0)),
                    Comparison("proposal.against", "contains", "anyone", ("when", "all", 2, "any", 1)),
                ),
                ("when", "all", 2),
            ),
        ),
        ("when",),
    )


def test_a_condition_that_is_not_a_mapping(pack):
    assert condition_problems(pack, "when: [1]\n") == [
        "p.yaml:1:7: a condition must be a mapping: `all:`, `any:`, `not:` or `fact:`\n"
        "  help: see policies/README.md, 'Conditions'"
    ]
    assert condition_problems(pack, "when: {}\n") == [
        "p.yaml:1:7: a condition must be a mapping: `all:`, `any:`, `not:` or `fact:`\n"
        "  help: see policies/README.md, 'Conditions'"
    ]


def test_an_unknown_key_in_a_condition_is_named_with_a_suggestion(pack):
    assert condition_problems(pack, "when:\n  alll: []\n") == [
        "p.yaml:2:3: unknown key 'alll' in a condition\n  help: did you mean 'all'?"
    ]


def test_two_combinators_in_one_condition(pack):
    assert condition_problems(pack, "when:\n  all: [{fact: proposal.public, is: true}]\n  any: []\n") == [
        "p.yaml:2:3: a condition holds exactly one of `all`, `any`, `not`\n"
        "  help: wrap several in `all: [...]` or `any: [...]`"
    ]


@pytest.mark.parametrize("combinator", ["all", "any"])
@pytest.mark.parametrize("body", ["[]", "{fact: proposal.public, is: true}"])
def test_all_and_any_take_a_non_empty_list(pack, combinator, body):
    assert condition_problems(pack, f"when:\n  {combinator}: {body}\n") == [
        f"p.yaml:2:{len(combinator) + 5}: `{combinator}` takes a non-empty list of conditions\n"
        f"  help: write `{combinator}:` then `- ...` items"
    ]


def test_every_bad_item_of_a_list_is_reported_and_the_list_is_rejected(pack):
    text = """\
when:
  any:
    - fact: proposal.public
      is: true
    - fact: proposal.asks
      contains_any: [crisis_support, 3, crisis_suport]
    - not:
        fact: proposal.public
        is: yes
"""
    assert condition_problems(pack, text) == [
        "p.yaml:6:38: 'proposal.asks' holds ask terms; got the number 3\n  help: write a term, e.g. `equals: x`",
        "p.yaml:6:41: unknown ask 'crisis_suport' for fact 'proposal.asks'\n  help: did you mean 'crisis_support'?",
        "p.yaml:9:13: `is` takes true or false, got the text 'yes'\n  help: write `is: true` or `is: false`",
    ]


def test_an_unknown_fact_and_a_fact_that_is_not_a_name(pack):
    assert condition_problems(pack, "when:\n  fact: proposal.askz\n  contains: crisis_support\n") == [
        "p.yaml:2:9: unknown fact 'proposal.askz'\n  help: did you mean 'proposal.asks'? (`entente facts` lists them)"
    ]
    [message] = condition_problems(pack, "when:\n  fact: 5\n  equals: 1\n")
    assert message.startswith("p.yaml:2:9: unknown fact '5'\n  help: expected a fact; none of the ")
    assert message.endswith(" known names is close (`entente facts` lists them)")


def test_a_fact_for_messages_only_cannot_be_tested(pack):
    assert condition_problems(pack, "when:\n  fact: proposal.id\n  equals: x\n") == [
        "p.yaml:2:9: fact 'proposal.id' is for messages only and cannot be tested\n"
        "  help: test another fact; `entente facts` lists them"
    ]


@pytest.mark.parametrize(("operators", "count"), [("", 0), ("  contains: crisis_support\n  empty: true\n", 2)])
def test_a_test_needs_exactly_one_operator(pack, operators, count):
    assert condition_problems(pack, f"when:\n  fact: proposal.asks\n{operators}") == [
        f"p.yaml:2:3: a test of 'proposal.asks' needs exactly one operator, found {count}\n"
        "  help: use one of: contains, contains_any, contains_none, empty"
    ]


def test_an_operator_of_another_type_of_fact(pack):
    assert condition_problems(pack, "when:\n  fact: proposal.public\n  equals: true\n") == [
        "p.yaml:3:3: operator 'equals' does not apply to 'proposal.public', a bool fact\n  help: use one of: is"
    ]


def test_list_operators_take_a_non_empty_list(pack):
    assert condition_problems(pack, "when:\n  fact: proposal.asks\n  contains_any: []\n") == [
        "p.yaml:3:17: `contains_any` takes a non-empty list, got a list\n  help: write `contains_any: [a, b]`"
    ]
    assert condition_problems(pack, "when:\n  fact: proposal.asks\n  contains_none: crisis_support\n") == [
        "p.yaml:3:18: `contains_none` takes a non-empty list, got the text 'crisis_support'\n"
        "  help: write `contains_none: [a, b]`"
    ]


def test_a_term_or_id_fact_compared_with_what_is_not_text(pack):
    assert condition_problems(pack, "when:\n  fact: partner.red_lines\n  contains: 5\n") == [
        "p.yaml:3:13: 'partner.red_lines' holds red line terms; got the number 5\n"
        "  help: write a term, e.g. `equals: x`"
    ]
    assert condition_problems(pack, "when:\n  fact: proposal.against\n  contains: true\n") == [
        "p.yaml:3:13: 'proposal.against' holds ids; got the boolean true\n  help: write a term, e.g. `equals: x`"
    ]


def test_an_id_fact_takes_any_text_and_a_tier_fact_takes_none(pack):
    condition, found = parse_condition(pack, "when:\n  fact: proposal.new_label\n  equals: none\n")
    assert (condition, found) == (Comparison("proposal.new_label", "equals", "none", ("when",)), [])
    assert condition_problems(pack, "when:\n  fact: partner.tier\n  equals: nonee\n") == [
        "p.yaml:3:11: unknown tier 'nonee' for fact 'partner.tier'\n  help: did you mean 'none'?"
    ]
    assert condition_problems(pack, "when:\n  fact: partner.hedging\n  equals: none\n") == [
        "p.yaml:3:11: unknown hedging posture 'none' for fact 'partner.hedging'\n"
        "  help: expected a hedging posture: aligned, aligned_with_rival, hedging, nonaligned"
    ]


def test_a_whole_number_fact_takes_only_whole_numbers(pack, monkeypatch):
    """No shipped fact is a whole number yet; the language types one already."""
    spec = FactSpec("test.count", INT, "a count, for this test", lambda situation: 0)
    monkeypatch.setitem(registry.CATALOGUE, "test.count", spec)
    condition, found = parse_condition(pack, "when:\n  fact: test.count\n  in: [1, 2]\n")
    assert (condition, found) == (Comparison("test.count", "in", [1, 2], ("when",)), [])
    assert condition_problems(pack, "when:\n  fact: test.count\n  at_least: true\n") == [
        "p.yaml:3:13: 'test.count' is a whole number; got the boolean true\n  help: compare it with a number"
    ]
    assert condition_problems(pack, "when:\n  fact: test.count\n  above: '3'\n") == [
        "p.yaml:3:10: 'test.count' is a whole number; got the text '3'\n  help: compare it with a number"
    ]


def test_names_near_nothing_known_are_answered_with_what_is_expected(pack):
    [operator] = condition_problems(pack, "when:\n  fact: proposal.asks\n  zzzzzz: x\n")
    assert operator.startswith("p.yaml:3:3: unknown operator 'zzzzzz'\n  help: expected an operator")
    assert condition_problems(pack, "when:\n  zzzzzz: []\n") == [
        "p.yaml:2:3: unknown key 'zzzzzz' in a condition\n  help: expected one of: all, any, fact, not"
    ]
    [listed] = condition_problems(pack, "when:\n  fact: [proposal.asks]\n  empty: true\n")
    assert listed.startswith("p.yaml:2:9: unknown fact '['proposal.asks']'\n")


def test_a_bad_value_alone_rejects_its_test_and_a_bad_test_its_negation(pack):
    assert condition_problems(pack, "when:\n  fact: proposal.asks\n  contains_any: [crisis_suport]\n") == [
        "p.yaml:3:18: unknown ask 'crisis_suport' for fact 'proposal.asks'\n  help: did you mean 'crisis_support'?"
    ]
    assert condition_problems(pack, "when:\n  not:\n    fact: proposal.public\n    is: yes\n") == [
        "p.yaml:4:9: `is` takes true or false, got the text 'yes'\n  help: write `is: true` or `is: false`"
    ]


def test_a_pack_is_compared_without_its_compiled_rulesets(pack):
    """The rulesets are made from the rest: two packs alike but for them are equal (a msgspec Struct compares every
    field unless told otherwise)."""
    import msgspec

    bare = msgspec.structs.replace(pack, rulesets=[])
    assert bare == pack
    assert msgspec.structs.replace(pack, digest="other") != pack


def test_a_party_registry_is_compared_by_what_it_holds_not_where_it_came_from(pack):
    import msgspec

    registry = pack.vocabulary.parties
    assert registry.fingerprint is not None
    assert msgspec.structs.replace(registry, fingerprint=None) == registry
    fewer = dict(registry.parties)
    fewer.popitem()
    assert msgspec.structs.replace(registry, parties=fewer) != registry
