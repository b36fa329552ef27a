"""Policy conditions -> durable_rules ruleset definitions (pure data, golden-tested).

Every assessment is ONE flat fact record of type ``assessment`` (see :func:`fact_record`),
so every rule is a single-fact pattern: no joins, no cross-fact negation, no `any`
sequences. Negation is pushed down to the tests (:func:`engine.policy.language.normal_form`) and
each test becomes a constant comparison. What durable cannot express directly is
carried by companion fields computed in Python:

- ``<fact>__n``        the length of a list fact ("empty", "contains_none" on [])
- ``<fact>__rank``     the rank of a tier fact (tier comparisons)
- ``<fact>__unknown``  the fact needed data the profile left out

Each policy compiles to a rule ``<id>`` that fires when the condition certainly holds,
and, when it uses facts that may be unknown, a rule ``<id>~possible`` that fires when
it would hold for some value of the missing data (three-valued logic). A policy whose
``~possible`` rule fires but not its main rule could not be decided.

Rules are chunked into rulesets of at most ``CHUNK`` rules, and of no more than the C core
takes (engine/rules/limits.py), each with a sentinel rule that fires in every session
(durable_rules crashes deleting a session where nothing fired: see docs/durable-rules.md).
"""

from __future__ import annotations

from typing import Any

from .. import facts as F
from ..facts import FactSpec, FactValue
from ..model.vocabulary import Vocabulary
from ..policy.language import All, Any_, Comparison, Condition, comparisons, normal_form
from ..policy.policy import Policy
from .limits import chunked
from .split import fit

FACT_TYPE = "assessment"
SENTINEL = "__sentinel__"
POSSIBLE = "~possible"
VARIANT = "#"
CHUNK = 40
MAX_PROPERTIES = 250

INCREASING = ("contains", "contains_any")


def increasing(test: Comparison) -> bool:
    """For a list fact that can only grow: does the test stay true once true?"""
    return test.op in INCREASING or (test.op == "empty" and test.value is False)


def compile_test(test: Comparison, vocabulary: Vocabulary) -> dict[str, Any]:
    """One test -> one durable_rules expression over the fact record."""
    spec = F.CATALOGUE[test.fact]
    key, op, value = spec.key, test.op, test.value
    if isinstance(value, list):
        value = list(dict.fromkeys(value))  # a repeated value is one more branch for the core, and no more meaning
    if spec.type == F.TIER and op in ("at_least", "at_most", "above", "below"):
        key, value = key + "__rank", _rank(vocabulary, value)
    if op in ("is", "equals"):
        return {key: value}
    if op == "not_equals":
        return {"$neq": {key: value}}
    if op == "in":
        return _either([{key: v} for v in value])
    if op == "not_in":
        return _both([{"$neq": {key: v}} for v in value])
    if op in ("at_least", "at_most", "above", "below"):
        return {{"at_least": "$gte", "at_most": "$lte", "above": "$gt", "below": "$lt"}[op]: {key: value}}
    if op == "contains":
        return {"$iany": {key: {"$i": value}}}
    if op == "contains_any":
        return {"$iany": {key: _either([{"$i": v} for v in value])}}
    if op == "contains_none":
        none_of = {"$iall": {key: _both([{"$neq": {"$i": v}} for v in value])}}
        return {"$or": [{key + "__n": 0}, none_of]}
    if op == "empty":
        return {key + "__n": 0} if value else {"$gt": {key + "__n": 0}}
    raise ValueError(f"no pattern for operator {op}")


def _rank(vocabulary: Vocabulary, tier: str) -> int:
    return -1 if tier == "none" and tier not in vocabulary.tier_rank else vocabulary.tier_rank[tier]


def _either(parts: list[dict]) -> dict:
    return parts[0] if len(parts) == 1 else {"$or": parts}


def _both(parts: list[dict]) -> dict:
    return parts[0] if len(parts) == 1 else {"$and": parts}


def compile_condition(condition: Condition, vocabulary: Vocabulary, mode: str) -> dict[str, Any]:
    """A condition in normal form -> an expression; ``mode`` is 'certain' or 'possible'."""
    if mode not in ("certain", "possible"):
        raise ValueError(f"mode is 'certain' or 'possible', not {mode!r}")
    if isinstance(condition, All):
        return _both([compile_condition(c, vocabulary, mode) for c in condition.items])
    if isinstance(condition, Any_):
        return _either([compile_condition(c, vocabulary, mode) for c in condition.items])
    assert isinstance(condition, Comparison), "normal form has no `not`"
    expression = compile_test(condition, vocabulary)
    spec = F.CATALOGUE[condition.fact]
    if not spec.may_be_unknown:
        return expression
    flag = spec.key + "__unknown"
    settled_by_known_data = spec.grows and increasing(condition)
    if mode == "certain":
        return expression if settled_by_known_data else {"$and": [{flag: False}, expression]}
    can_still_flip = not (spec.grows and not increasing(condition))
    return {"$or": [{flag: True}, expression]} if can_still_flip else expression


def uses_unknowable(policy: Policy) -> bool:
    """Whether the policy's own condition tests a fact the profile may leave unknown."""
    return any(F.CATALOGUE[t.fact].may_be_unknown for t in comparisons(policy.when))


def rule(expression: dict[str, Any]) -> dict[str, Any]:
    return {"all": [{"m": {"$and": [{"t": FACT_TYPE}, expression]}}]}


SENTINEL_RULE = {SENTINEL: {"all": [{"m": {"t": FACT_TYPE}}]}}


def compile_policy(policy: Policy, vocabulary: Vocabulary) -> dict[str, dict[str, Any]]:
    """A policy -> its rules: ``<id>``, ``<id>~possible`` when needed, and ``<id>#<k>`` for each variant (the
    policy's condition and the variant's, both certain); a rule too large for durable_rules' C core is split
    into parts (engine/rules/split.py)."""
    condition = normal_form(policy.when)
    certain = compile_condition(condition, vocabulary, "certain")
    rules = fit(policy.id, certain, rule, SENTINEL_RULE)
    if uses_unknowable(policy):
        possible = compile_condition(condition, vocabulary, "possible")
        rules.update(fit(policy.id + POSSIBLE, possible, rule, SENTINEL_RULE))
    for k, variant in enumerate(policy.variants):
        also = compile_condition(normal_form(variant.when), vocabulary, "certain")
        rules.update(fit(variant_rule(policy.id, k), _both([certain, also]), rule, SENTINEL_RULE))
    return rules


def variant_rule(policy_id: str, k: int) -> str:
    return f"{policy_id}{VARIANT}{k}"


def compile_pack(policies: tuple[Policy, ...], vocabulary: Vocabulary, chunk: int = CHUNK) -> list[dict[str, dict]]:
    """Every policy's rules, chunked into rulesets, each with the sentinel rule (pure data). Rules that need
    several rulesets are grouped by the fields they test, so that each ruleset tests few fields: the
    evaluator gives a ruleset only its fields, and asks the core again only when they changed."""
    rules: dict[str, dict] = {}
    for policy in policies:
        rules.update(compile_policy(policy, vocabulary))
    rulesets = chunked(rules, SENTINEL_RULE, chunk)  # at most `chunk` rules a ruleset, and what the core takes
    if len(rulesets) > 1:
        rulesets = chunked(dict(sorted(rules.items(), key=_fields_tested)), SENTINEL_RULE, chunk)
    return rulesets


def _fields_tested(item: tuple[str, dict]) -> tuple[str, ...]:
    return tuple(sorted(referenced_fields([dict([item])])))


def record_fields(spec: FactSpec) -> list[str]:  # pragma: no mutate block
    fields = [spec.key]
    if spec.type in F.LIST_TYPES:
        fields.append(spec.key + "__n")
    if spec.type == F.TIER:
        fields.append(spec.key + "__rank")
    if spec.may_be_unknown:
        fields.append(spec.key + "__unknown")
    return fields


def referenced_fields(rulesets: list[dict[str, dict]]) -> frozenset[str]:
    """Every record field a compiled rule tests (so a record can carry only those)."""
    found: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for k, v in node.items():
                if not k.startswith("$"):
                    found.add(k)
                walk(v)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    for ruleset in rulesets:
        for rule_def in ruleset.values():
            for pattern in rule_def["all"]:
                walk(list(pattern.values()))
    return frozenset(found)


_VALUE, _LENGTH, _RANK, _UNKNOWN = range(4)  # how a record field comes from its fact


class RecordBuilder:
    """Builds the flat fact record durable_rules evaluates: every testable fact and its companions,
    or only the ``fields`` the compiled rules test (durable_rules parses the whole record).

    The plan (which field comes from which fact, and how) is worked out once per engine."""

    def __init__(self, vocabulary: Vocabulary, fields: frozenset[str] | None = None):
        self._ranks = {"none": _rank(vocabulary, "none"), **vocabulary.tier_rank}
        self.plan: list[tuple[str, str, int]] = []
        for spec in F.CATALOGUE.values():
            if spec.display_only:
                continue
            for field_name in record_fields(spec):
                if fields is None or field_name in fields:
                    kind = {
                        spec.key: _VALUE,
                        spec.key + "__n": _LENGTH,
                        spec.key + "__rank": _RANK,
                        spec.key + "__unknown": _UNKNOWN,
                    }[field_name]
                    self.plan.append((field_name, spec.name, kind))

    def __call__(self, values: dict[str, FactValue]) -> dict[str, Any]:
        record: dict[str, Any] = {"t": FACT_TYPE}
        for field_name, name, kind in self.plan:
            fv = values[name]
            if kind == _VALUE:
                value = fv.value
                record[field_name] = list(value) if isinstance(value, list) else value
            elif kind == _LENGTH:
                record[field_name] = len(fv.value)
            elif kind == _RANK:
                record[field_name] = self._ranks[fv.value]
            else:
                record[field_name] = bool(fv.missing)
        return record


def fact_record(
    values: dict[str, FactValue], vocabulary: Vocabulary, fields: frozenset[str] | None = None
) -> dict[str, Any]:
    """The flat fact record of ``values`` (see :class:`RecordBuilder`)."""
    return RecordBuilder(vocabulary, fields)(values)


def record_size() -> int:  # pragma: no mutate block
    return 1 + sum(len(record_fields(s)) for s in F.CATALOGUE.values() if not s.display_only)


assert record_size() <= MAX_PROPERTIES, "the fact record exceeds durable_rules' property limit"
