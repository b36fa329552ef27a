"""Why a policy fired or stayed silent: its condition tree with every comparison's actual value.

The tree is the policy's condition as written. Each comparison is evaluated by reading the
same compiled durable_rules expressions the engine evaluates (certain and possible modes, see
:mod:`engine.rules.compile`) against the same fact record, and the tree combines them in
three-valued logic (true / false / unknown). By construction the root is true exactly when
durable_rules fires the policy, and unknown exactly when it reports it undecided; a test
checks this over the whole corpus and generated inputs.
"""

from __future__ import annotations

from .. import facts as F
from ..core.engine import Engine
from ..core.resolve import Resolved
from ..core.results import ConditionNode, ExplainedFact, Explanation, PartnerExplanations
from ..facts import FactValue, derive_all
from ..model.situation import Situation
from ..model.vocabulary import Vocabulary
from ..policy.language import All, Comparison, Condition, Not
from ..policy.policy import Policy
from ..rules.compile import compile_condition, fact_record
from ..rules.reference import matches
from ..values import written

TRUE, FALSE, UNKNOWN = "true", "false", "unknown"


def _leaf(test: Comparison, values: dict[str, FactValue], record: dict, vocabulary: Vocabulary) -> ConditionNode:
    certain = matches(compile_condition(test, vocabulary, "certain"), record)
    possible = matches(compile_condition(test, vocabulary, "possible"), record)
    fv = values[test.fact]
    value = TRUE if certain else (UNKNOWN if possible else FALSE)
    return ConditionNode(
        kind="test",
        value=value,
        fact=test.fact,
        op=test.op,
        expected=test.value,
        actual=fv.value,
        evidence=[f"{e.field} = {written(e.value)}" for e in fv.evidence],
        missing=list(fv.missing),
    )


def _negate(value: str) -> str:
    return {TRUE: FALSE, FALSE: TRUE}.get(value, UNKNOWN)


def evaluate(condition: Condition, values: dict[str, FactValue], record: dict, vocabulary: Vocabulary) -> ConditionNode:
    """Three-valued evaluation of the condition as written."""
    if isinstance(condition, Comparison):
        return _leaf(condition, values, record, vocabulary)
    if isinstance(condition, Not):
        child = evaluate(condition.item, values, record, vocabulary)
        return ConditionNode(kind="not", value=_negate(child.value), children=[child])
    children = [evaluate(c, values, record, vocabulary) for c in condition.items]
    states = {c.value for c in children}
    if isinstance(condition, All):
        value = FALSE if FALSE in states else (UNKNOWN if UNKNOWN in states else TRUE)
        return ConditionNode(kind="all", value=value, children=children)
    value = TRUE if TRUE in states else (UNKNOWN if UNKNOWN in states else FALSE)
    return ConditionNode(kind="any", value=value, children=children)


def blocking(node: ConditionNode, want: str = TRUE) -> list[ConditionNode]:
    """The comparisons that keep ``node`` from being ``want`` (the first such in an `all`)."""
    if node.value == want:
        return []
    if node.kind == "test":
        return [node]
    if node.kind == "not":
        return blocking(node.children[0], _negate(want))
    if (node.kind == "all") == (want == TRUE):
        first = next(c for c in node.children if c.value != want)
        return blocking(first, want)
    return [leaf for c in node.children for leaf in blocking(c, want)]


def explain(policy: Policy, values: dict[str, FactValue], record: dict, vocabulary: Vocabulary) -> Explanation:
    tree = evaluate(policy.when, values, record, vocabulary)
    verdict = {TRUE: "fired", FALSE: "silent", UNKNOWN: "undecided"}[tree.value]
    used = [
        ExplainedFact(
            fact=name,
            type=F.CATALOGUE[name].type,
            value=values[name].value,
            sources=[e.field for e in values[name].evidence],
            missing=list(values[name].missing),
        )
        for name in policy.facts_used()
    ]
    return Explanation(
        policy=policy.id,
        severity=policy.severity,
        verdict=verdict,
        condition=tree,
        blocking=blocking(tree) if tree.value != TRUE else [],
        facts=used,
    )


def explain_situation(engine: Engine, situation: Situation, policy_ids: list[str] | None = None) -> list[Explanation]:
    """Why each policy fired or stayed silent for one situation; durable_rules is not consulted."""
    vocabulary = engine.pack.vocabulary
    values = derive_all(situation)
    record = fact_record(values, vocabulary)
    return [
        explain(p, values, record, vocabulary) for p in engine.pack.policies if policy_ids is None or p.id in policy_ids
    ]


def explain_resolved(
    engine: Engine, resolved: Resolved, policy_ids: list[str] | None = None
) -> list[PartnerExplanations]:
    """Explanations for every partner of a resolved proposal."""
    return [
        PartnerExplanations(partner=s.partner.id, policies=explain_situation(engine, s, policy_ids))
        for s in resolved.situations()
    ]


def check_policy_ids(pack, policy_ids, flag: str = "--policy") -> None:
    """Every id names a policy of the pack, or an error with the nearest for each that does not."""
    from ..errors import Diagnostic, EntenteError, did_you_mean

    known = pack.by_id()
    unknown = [
        Diagnostic(
            flag, 0, 0, f"unknown policy '{pid}'", did_you_mean(pid, known, "a policy id", see="entente policies list")
        )
        for pid in policy_ids
        if pid not in known
    ]
    if unknown:
        raise EntenteError(unknown)
