"""entente's compiled durable_rules expressions printed as a GoRules ZEN expression and as hand-written Python.

Adapted from the peer harness's printers (``../shared/bench/peers/translate.py``, whose README describes
the method): every rule is ``{"all": [{"m": <expression>}]}`` over one flat fact record, and each
printer is a small recursive printer of the grammar compile.py emits:

    {"$and": [e...]}  {"$or": [e...]}                       conjunction / disjunction
    {field: value}                                          equality
    {"$neq": {field: value}}                                inequality
    {"$gt"|"$gte"|"$lt"|"$lte": {field: value}}             comparison
    {"$iany": {field: inner}}  {"$iall": {field: inner}}    some / every element of a list field
    a dict with several keys                                the conjunction of its keys

The same printers serve the 14 shipped policies and the 100 / 1,000 policy variants. Benchmarks only:
entente never evaluates with these (durable_rules decides every finding).
"""

from __future__ import annotations

import json
from typing import Any

CMP = {"$gt": ">", "$gte": ">=", "$lt": "<", "$lte": "<="}
ITEM = "$i"


def rules_of(rulesets: list[dict], sentinel: str = "__sentinel__") -> list[tuple[str, dict]]:
    """(rule name, expression) for every rule of every ruleset, sentinel excluded, in pack order."""
    out = []
    for ruleset in rulesets:
        for name, rule in ruleset.items():
            if name != sentinel:
                (pattern,) = rule["all"]
                (expression,) = pattern.values()
                out.append((name, expression))
    return out


def split(expression: dict) -> list[tuple[str, Any]]:
    """A node -> its (operator-or-field, argument) pairs (several keys = conjunction)."""
    return list(expression.items())


def strip_type_test(expression: dict, fact_type: str = "assessment") -> dict:
    """The condition without compile.rule()'s leading ``{"t": "assessment"}`` conjunct (for the floor)."""
    if list(expression) == ["$and"]:
        items = [e for e in expression["$and"] if e != {"t": fact_type}]
        return items[0] if len(items) == 1 else {"$and": items}
    return expression


# ---------------------------------------------------------------- Python (the hand-written-style floor)


def py_value(value: Any) -> str:
    return repr(value)


def to_python(expression: dict, item: str | None = None) -> str:
    """A Python boolean expression over ``r`` (the record dict). Written as a person who knows the
    record schema would (RecordBuilder always emits every field with a fixed type): ``r[...]``
    lookups, ``is`` for booleans, ``in`` for list membership."""
    parts = []
    for op, arg in split(expression):
        if op == "$or" and (field := _same_field_equalities(arg)) is not None:
            values = tuple(e[field] for e in arg)  # x == a or x == b  ->  x in (a, b), as a person writes it
            parts.append(f"{_py_get(field, item)} in {values!r}")
        elif op in ("$and", "$or"):
            joined = f" {op[1:]} ".join(f"({to_python(e, item)})" for e in arg)
            parts.append(joined if len(arg) > 1 else to_python(arg[0], item))
        elif op in ("$iany", "$iall"):
            ((field, inner),) = arg.items()
            members = _item_equalities(inner, op)
            if op == "$iany" and members is not None:
                parts.append(
                    f"{py_value(members[0])} in r[{field!r}]"
                    if len(members) == 1
                    else f"not {{{', '.join(map(py_value, members))}}}.isdisjoint(r[{field!r}])"
                )
            elif op == "$iall" and members is not None:
                parts.append(f"(r[{field!r}] and {{{', '.join(map(py_value, members))}}}.isdisjoint(r[{field!r}]))")
            else:
                fn = "any" if op == "$iany" else "all"
                cond = f"{fn}({to_python(inner, 'x')} for x in r[{field!r}])"
                parts.append(cond if op == "$iany" else f"(r[{field!r}] and {cond})")
        elif op == "$neq":
            ((field, value),) = arg.items()
            parts.append(f"{_py_get(field, item)} != {py_value(value)}")
        elif op in CMP:
            ((field, value),) = arg.items()
            parts.append(f"{_py_get(field, item)} {CMP[op]} {py_value(value)}")
        else:
            getter = _py_get(op, item)
            if isinstance(arg, bool) or arg is None:
                parts.append(f"{getter} is {arg!r}")
            else:
                parts.append(f"{getter} == {py_value(arg)}")
    return " and ".join(f"({p})" for p in parts) if len(parts) > 1 else parts[0]


def _same_field_equalities(items: list[dict]) -> str | None:
    """The field, when every item is an equality of that one field to a string or number."""
    fields = {next(iter(e)) for e in items if len(e) == 1}
    if len(fields) != 1 or len(items) < 2 or any(len(e) != 1 for e in items):
        return None
    field = fields.pop()
    if field.startswith("$") and field != ITEM:
        return None
    if any(isinstance(e[field], (bool, dict, list)) or e[field] is None for e in items):
        return None
    return field


def _py_get(field: str, item: str | None) -> str:
    return item if field == ITEM else f"r[{field!r}]"


def _item_equalities(inner: dict, mode: str) -> list | None:
    """The constants of an $iany over ``$i == c`` (or an $or of them), or of an $iall over ``$i != c``
    (or an $and of them): membership tests. None for any other inner shape."""
    want, join = ("eq", "$or") if mode == "$iany" else ("neq", "$and")
    items = inner[join] if list(inner) == [join] else [inner]
    out = []
    for each in items:
        if want == "eq" and list(each) == [ITEM]:
            out.append(each[ITEM])
        elif want == "neq" and list(each) == ["$neq"] and list(each["$neq"]) == [ITEM]:
            out.append(each["$neq"][ITEM])
        else:
            return None
    return out


def python_module(rules: list[tuple[str, dict]], fused: bool = False) -> str:
    """Source of one function per rule (``RULES``: [(name, fn)]), or one fused function ``evaluate``."""
    lines = ["def _f(): pass"]
    if fused:
        lines = ["def evaluate(r):", "    fired = set()"]
        for name, expression in rules:
            lines += [f"    if {to_python(strip_type_test(expression))}:", f"        fired.add({name!r})"]
        lines.append("    return fired")
        return "\n".join(lines) + "\n"
    names = []
    for i, (name, expression) in enumerate(rules):
        lines += [f"def rule_{i}(r):  # {name}", f"    return {to_python(strip_type_test(expression))}"]
        names.append(f"({name!r}, rule_{i})")
    lines.append(f"RULES = [{', '.join(names)}]")
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- GoRules ZEN expression language


def zen_value(value: Any) -> str:
    return json.dumps(value)  # true / false / null / numbers / "strings"


def to_zen(expression: dict, item: bool = False) -> str:
    """A ZEN expression. Fields are top-level identifiers of the context; ``#`` is the element inside
    ``some`` / ``all``."""
    parts = []
    for op, arg in split(expression):
        if op in ("$and", "$or"):
            parts.append("(" + f" {op[1:]} ".join(to_zen(e, item) for e in arg) + ")")
        elif op in ("$iany", "$iall"):
            ((field, inner),) = arg.items()
            body = to_zen(inner, True)
            parts.append(f"some({field}, {body})" if op == "$iany" else f"(len({field}) > 0 and all({field}, {body}))")
        elif op == "$neq":
            ((field, value),) = arg.items()
            parts.append(f"{_zen_get(field)} != {zen_value(value)}")
        elif op in CMP:
            ((field, value),) = arg.items()
            parts.append(f"{_zen_get(field)} {CMP[op]} {zen_value(value)}")
        else:
            parts.append(f"{_zen_get(op)} == {zen_value(arg)}")
    return parts[0] if len(parts) == 1 else "(" + " and ".join(parts) + ")"


def _zen_get(field: str) -> str:
    return "#" if field == ITEM else field


def zen_array_expression(rules: list[tuple[str, dict]]) -> str:
    """One ZEN expression: the array of every rule's truth value, in ``rules`` order."""
    return "[" + ", ".join(to_zen(e) for _, e in rules) + "]"
