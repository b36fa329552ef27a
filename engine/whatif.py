"""What-if: change assumptions (--set FIELD=VALUE) or sweep a field over every value it allows.

Paths are dotted: ``partner.hedging``, ``partner.stances.human_rights``, ``forum.scope``,
``proposal.asks``. Values are YAML (``aligned``, ``true``, ``[a, b]``). Every change is
validated against the models and the vocabulary, with did-you-mean, and the result is the
difference in findings against the unchanged baseline (durable_rules evaluates both).
"""

from __future__ import annotations

import types
import typing
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ValidationError

from . import source
from .assess import Assessment, Engine, Options
from .errors import Diagnostic, EntenteError, did_you_mean
from .facts import Situation
from .library import Resolved
from .load import diagnostics_from
from .vocabulary import Vocabulary

TARGETS = ("partner", "forum", "proposal")


@dataclass(frozen=True)
class Change:
    partner: str
    added: list[tuple[str, str]]
    removed: list[tuple[str, str]]
    severity: list[tuple[str, str, str]]

    def empty(self) -> bool:
        return not (self.added or self.removed or self.severity)


def _error(flag: str, message: str, help: str) -> EntenteError:
    return EntenteError([Diagnostic(flag, 0, 0, message, help)])


def _field_annotation(model: type[BaseModel], name: str):
    return model.model_fields[name].annotation


def _category(meta_items) -> str | None:
    for meta in meta_items:
        found = getattr(getattr(meta, "func", None), "category", None)
        if found:
            return found
    return None


def _walk(annotation: Any) -> str | None:
    """The vocabulary category inside an annotation (through Optional, Annotated), or 'bool'."""
    if annotation is bool:
        return "bool"
    if typing.get_origin(annotation) is typing.Annotated:
        return _category(annotation.__metadata__) or _walk(typing.get_args(annotation)[0])
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return next((c for c in map(_walk, typing.get_args(annotation)) if c), None)
    return None


def category_of(model: type[BaseModel], parts: list[str]) -> str | None:
    """The vocabulary category a field (or a dict entry's value) takes, 'bool' for true/false, else None."""
    field = model.model_fields[parts[0]]
    if len(parts) == 2:
        return _walk(typing.get_args(field.annotation)[1])
    return _category(field.metadata) or _walk(field.annotation)


def parse_path(path: str, flag: str, resolved: Resolved) -> tuple[str, list[str], type[BaseModel]]:
    target, _, rest = path.partition(".")
    if target not in TARGETS or not rest:
        raise _error(flag, f"'{path}' does not start with partner., forum. or proposal.",
                     did_you_mean(target, TARGETS, "one of", list_all=True) if target not in TARGETS
                     else f"name a field, e.g. {target}.hedging")
    if target == "forum" and resolved.forum is None:
        raise _error(flag, f"'{path}': the proposal is not made in a forum", "add --forum ID, or change the proposal")
    model = {"partner": type(resolved.partners[0]) if resolved.partners else None,
             "forum": type(resolved.forum) if resolved.forum else None,
             "proposal": type(resolved.proposal)}[target]
    parts = rest.split(".")
    if parts[0] not in model.model_fields or parts[0] == "id":
        raise _error(flag, f"unknown field '{parts[0]}' in {target}",
                     did_you_mean(parts[0], [f for f in model.model_fields if f != "id"], "one of"))
    is_dict = typing.get_origin(_field_annotation(model, parts[0])) is dict
    if len(parts) > (2 if is_dict else 1):
        raise _error(flag, f"'{path}' goes deeper than the field allows",
                     f"write {target}.{parts[0]}" + (".KEY" if is_dict else "") + "=VALUE")
    return target, parts, model


def parse_value(text: str, flag: str) -> Any:
    try:
        return source.parse(flag, f"value: {text}\n").data["value"]
    except EntenteError as exc:
        raise _error(flag, f"'{text}' is not a YAML value", exc.diagnostics[0].message) from None


def _update(item: BaseModel, parts: list[str], value: Any, flag: str, vocabulary: Vocabulary) -> BaseModel:
    data = item.model_dump(mode="json", exclude_unset=True)
    if len(parts) == 2:
        data[parts[0]] = {**data.get(parts[0], {}), parts[1]: value}
    else:
        data[parts[0]] = value
    try:
        return type(item).model_validate(data, context={"vocabulary": vocabulary})
    except ValidationError as exc:
        doc = source.Document(flag, data)
        first = diagnostics_from(doc, type(item), exc, "the changed input")[0]
        raise _error(flag, first.message, first.help) from None


def apply(resolved: Resolved, assignments: list[str], vocabulary: Vocabulary) -> Resolved:
    partners, forum, proposal = list(resolved.partners), resolved.forum, resolved.proposal
    for assignment in assignments:
        flag = f"--set {assignment}"
        path, sep, text = assignment.partition("=")
        if not sep:
            raise _error(flag, "expected FIELD=VALUE", "e.g. --set partner.hedging=aligned")
        target, parts, _ = parse_path(path.strip(), flag, Resolved(proposal, tuple(partners), forum, ()))
        value = parse_value(text.strip(), flag)
        if target == "partner":
            partners = [_update(p, parts, value, flag, vocabulary) for p in partners]
        elif target == "forum":
            forum = _update(forum, parts, value, flag, vocabulary)
        else:
            proposal = _update(proposal, parts, value, flag, vocabulary)
    return Resolved(proposal, tuple(partners), forum, resolved.not_assessed)


def sweep_values(resolved: Resolved, path: str, vocabulary: Vocabulary) -> list[Any]:
    flag = f"--sweep {path}"
    _, parts, model = parse_path(path, flag, resolved)
    category = category_of(model, parts)
    if category is None:
        raise _error(flag, f"'{path}' is not a field with a fixed set of values",
                     "sweep a vocabulary term or true/false field, e.g. partner.hedging or partner.tier")
    return [True, False] if category == "bool" else list(vocabulary.terms[category])


def assess_all(engine: Engine, resolved: Resolved, options: Options) -> list[Assessment]:
    return [engine.assess_situation(Situation(resolved.proposal, p, resolved.forum, engine.pack.vocabulary), options)
            for p in resolved.partners]


def compare(base: list[Assessment], variant: list[Assessment]) -> list[Change]:
    changes = []
    for b, v in zip(base, variant):
        before = {f.id: f.severity for f in b.findings}
        after = {f.id: f.severity for f in v.findings}
        changes.append(Change(
            b.partner,
            added=[(i, after[i]) for i in after if i not in before],
            removed=[(i, before[i]) for i in before if i not in after],
            severity=[(i, before[i], after[i]) for i in before if i in after and before[i] != after[i]]))
    return changes


def change_lines(changes: list[Change], names: dict[str, str]) -> list[str]:
    lines = []
    for c in changes:
        parts = [f"+{i} ({s})" for i, s in c.added] + [f"-{i} ({s})" for i, s in c.removed]
        parts += [f"~{i} ({a} -> {b})" for i, a, b in c.severity]
        lines.append(f"{names[c.partner]}: " + (", ".join(parts) if parts else "no change"))
    return lines


def change_json(changes: list[Change]) -> list[dict]:
    return [{"partner": c.partner, "added": [{"id": i, "severity": s} for i, s in c.added],
             "removed": [{"id": i, "severity": s} for i, s in c.removed],
             "severity": [{"id": i, "before": a, "after": b} for i, a, b in c.severity]} for c in changes]
