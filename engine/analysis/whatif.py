"""What-if: change assumptions (--set FIELD=VALUE) or sweep a field over every value it allows.

Paths are dotted: ``partner.hedging``, ``partner.stances.human_rights``, ``forum.scope``,
``proposal.asks``. Values are YAML (``aligned``, ``true``, ``[a, b]``). Every change is
validated against the models and the vocabulary, with did-you-mean, and the result is the
difference in findings against the unchanged baseline (durable_rules evaluates both).
"""

from __future__ import annotations

import types
import typing
from typing import Any

import msgspec
from msgspec.structs import replace
from pydantic import BaseModel, ValidationError

from ..core.engine import Engine, Options
from ..core.resolve import Resolved
from ..core.results import Assessment
from ..errors import Diagnostic, EntenteError, did_you_mean
from ..io import yaml_file
from ..io.document import Document
from ..model.common import file_data
from ..model.snapshot import model_class
from ..model.validate import diagnostics_from
from ..model.vocabulary import Vocabulary
from ..values import written
from .compare import FindingChanges, compare_findings

TARGETS = ("partner", "forum", "proposal")


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
        raise _error(
            flag,
            f"'{path}' does not start with partner., forum. or proposal.",
            did_you_mean(target, TARGETS, "one of", list_all=True)
            if target not in TARGETS
            else f"name a field, e.g. {target}.hedging",
        )
    if target == "forum" and resolved.forum is None:
        raise _error(flag, f"'{path}': the proposal is not made in a forum", "add --forum ID, or change the proposal")
    model = {
        "partner": model_class(resolved.partners[0]) if resolved.partners else None,
        "forum": model_class(resolved.forum) if resolved.forum else None,
        "proposal": model_class(resolved.proposal),
    }[target]
    parts = rest.split(".")
    if parts[0] not in model.model_fields or parts[0] == "id":
        raise _error(
            flag,
            f"unknown field '{parts[0]}' in {target}",
            did_you_mean(parts[0], [f for f in model.model_fields if f != "id"], "one of"),
        )
    is_dict = typing.get_origin(_field_annotation(model, parts[0])) is dict
    if len(parts) > (2 if is_dict else 1):
        raise _error(
            flag,
            f"'{path}' goes deeper than the field allows",
            f"write {target}.{parts[0]}" + (".KEY" if is_dict else "") + "=VALUE",
        )
    return target, parts, model


def parse_value(text: str, flag: str) -> Any:
    try:
        return yaml_file.parse(flag, f"value: {text}\n").data["value"]
    except EntenteError as exc:
        raise _error(flag, f"'{text}' is not a YAML value", exc.diagnostics[0].message) from None


def _update(item: BaseModel, parts: list[str], value: Any, flag: str, vocabulary: Vocabulary) -> BaseModel:
    data = file_data(item)
    if len(parts) == 2:
        data[parts[0]] = {**data.get(parts[0], {}), parts[1]: value}
    else:
        data[parts[0]] = value
    try:
        return model_class(item).model_validate(data, context={"vocabulary": vocabulary})
    except ValidationError as exc:
        doc = Document(flag, data)
        first = diagnostics_from(doc, model_class(item), exc, "the changed input")[0]
        raise _error(flag, first.message, first.help) from None


def apply(resolved: Resolved, assignments: list[str]) -> Resolved:
    partners, forum, proposal = list(resolved.partners), resolved.forum, resolved.proposal
    vocabulary = resolved.vocabulary
    for assignment in assignments:
        flag = f"--set {assignment}"
        path, sep, text = assignment.partition("=")
        if not sep:
            raise _error(flag, "expected FIELD=VALUE", "e.g. --set partner.hedging=aligned")
        target, parts, _ = parse_path(path.strip(), flag, replace(resolved, proposal=proposal, forum=forum))
        value = parse_value(text.strip(), flag)
        if target == "partner":
            partners = [_update(p, parts, value, flag, vocabulary) for p in partners]
        elif target == "forum":
            forum = _update(forum, parts, value, flag, vocabulary)
        else:
            proposal = _update(proposal, parts, value, flag, vocabulary)
    return replace(resolved, proposal=proposal, partners=tuple(partners), forum=forum)


def sweep_values(resolved: Resolved, path: str, vocabulary: Vocabulary) -> list[Any]:
    flag = f"--sweep {path}"
    _, parts, model = parse_path(path, flag, resolved)
    category = category_of(model, parts)
    if category is None:
        raise _error(
            flag,
            f"'{path}' is not a field with a fixed set of values",
            "sweep a vocabulary term or true/false field, e.g. partner.hedging or partner.tier",
        )
    return [True, False] if category == "bool" else list(vocabulary.terms[category])


def assess_all(engine: Engine, resolved: Resolved, options: Options) -> list[Assessment]:
    return [engine.assess_situation(s, options) for s in resolved.situations()]


def compare(base: list[Assessment], variant: list[Assessment]) -> list[FindingChanges]:
    """Per partner, what the variant changes against the baseline."""
    return [compare_findings(b.partner, b.findings, v.findings) for b, v in zip(base, variant, strict=True)]


class TippingPoint(msgspec.Struct, frozen=True):
    partner: str
    id: str
    severity: str
    appears_at: list[Any]


class WhatIf(msgspec.Struct, frozen=True):
    """A what-if run: the baseline, the changes --set makes, and a sweep with its tipping points."""

    proposal: str
    partner_names: dict[str, str]
    baseline: list[Assessment]
    assignments: list[str]
    changes: list[FindingChanges] | None
    sweep_field: str | None = None
    sweep: list[tuple[Any, list[FindingChanges]]] | None = None
    tipping_points: list[TippingPoint] | None = None


def what_if(engine: Engine, base: Resolved, assignments: list[str], sweep_path: str | None, options: Options) -> WhatIf:
    """Assess the baseline, the changed assumptions, and every value of a swept field (durable_rules decides each)."""
    if not assignments and not sweep_path:
        raise _error("whatif", "nothing to change", "add --set FIELD=VALUE (repeatable) and/or --sweep FIELD")
    vocabulary = engine.pack.vocabulary
    baseline = assess_all(engine, base, options)
    changed = apply(base, assignments) if assignments else base
    changes = compare(baseline, assess_all(engine, changed, options)) if assignments else None
    report = WhatIf(base.proposal.id, {p.id: p.name for p in base.partners}, baseline, assignments, changes)
    if not sweep_path:
        return report
    values = sweep_values(changed, sweep_path, vocabulary)
    rows, appear = [], {}
    for value in values:
        assessed = assess_all(engine, apply(changed, [f"{sweep_path}={written(value)}"]), options)
        rows.append((value, compare(baseline, assessed)))
        for a in assessed:
            for f in a.findings:
                appear.setdefault((a.partner, f.id, f.severity), []).append(value)
    tipping = [
        TippingPoint(partner, fid, sev, vals) for (partner, fid, sev), vals in appear.items() if len(vals) < len(values)
    ]
    return WhatIf(report.proposal, report.partner_names, baseline, assignments, changes, sweep_path, rows, tipping)
