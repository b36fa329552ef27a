"""The proposal editor's form: the posted fields as a proposal (the data its YAML view writes), and back.

A proposal is the state of the workspace. The form posts flat fields (``title``, ``cooperation`` repeated,
``conditions-0-at_stake``...); :func:`proposal_data` makes them the proposal's data in the contract's order,
leaving out what is empty (the YAML is then exactly what `entente fmt` prints for that content), and
:func:`form_state` turns a proposal's data (from the form, a YAML edit, an upload, a suggestion) into what
the form shows. Item keys the form has no control for (a condition's sectors, an ask's own targets) ride
along in a hidden field of their row, so nothing the YAML said is lost.
"""

from __future__ import annotations

import json
from typing import Any

from ...model import Proposal

SCALARS = ("id", "title", "summary", "actor", "partner", "forum", "kind", "new_label", "new_label_text")
MULTI = ("partners", "cooperation", "adds_to_agenda", "adds_members", "against", "names_as_adversary")
MULTI += ("implied_adversary",)
ALWAYS = ("actor", "kind")  # written even when they hold the default: the form always shows a choice

# Each repeatable row: its fields (name, vocabulary category or kind of control, default), and the key its
# item is written as alone (a bare term) when every other field holds its default.
ROWS: dict[str, tuple[tuple[tuple[str, str, Any], ...], str]] = {
    "conditions": (
        (
            ("at_stake", "issue_area", None),
            ("requires", "requirement", None),
            ("issue", "issue_area?", None),
            ("offered", "bool", False),
        ),
        "",
    ),
    "asks": ((("ask", "ask", None), ("issue", "issue_area?", None)), "ask"),
    "raises_disputes": ((("issue", "issue_area", None), ("channel", "dispute_channel", "same_package")), "issue"),
    "deliverables": (
        (("text", "text", None), ("kind", "deliverable_kind?", None), ("status", "deliverable_status", "agreed")),
        "text",
    ),
    "measures": (
        (("measure", "measure", None), ("status", "measure_status", "imposed"), ("from", "date", None)),
        "measure",
    ),
}
ORDER = tuple(Proposal.model_fields)  # the contract's order (engine/model/proposal.py)


def _one(form: dict[str, list[str]], name: str) -> str:
    values = form.get(name) or [""]
    return values[-1].strip()


def proposal_data(form: dict[str, list[str]]) -> dict[str, Any]:
    """The proposal the form holds, in the contract's key order, empty fields left out."""
    data: dict[str, Any] = {}
    for key in ORDER:
        if key in SCALARS:
            value = _one(form, key)
            if value or key in ALWAYS:
                data[key] = value or ("united_states" if key == "actor" else "new_cooperation")
        elif key in MULTI:
            values = list(dict.fromkeys(v.strip() for v in form.get(key, []) if v.strip()))
            if values:
                data[key] = values
        elif key in ROWS:
            items = [item for item in _rows(form, key) if item is not None]
            if items:
                data[key] = items
        else:  # public: a checkbox, with a hidden field saying the form was there
            data["public"] = _one(form, "public") == "true" if form.get("public-shown") else True
    return data


def _row_indices(form: dict[str, list[str]], key: str) -> list[int]:
    found = set()
    for name in form:
        head, _, rest = name.partition("-")
        index = rest.partition("-")[0]
        if head == key and index.isdigit():
            found.add(int(index))
    return sorted(found)


def empty_rows(form: dict[str, list[str]], key: str) -> int:
    """How many rows of ``key`` the form holds with nothing in their main field (rows being filled in)."""
    main = ROWS[key][0][0][0]
    return sum(1 for i in _row_indices(form, key) if not _one(form, f"{key}-{i}-{main}"))


def _rows(form: dict[str, list[str]], key: str) -> list[Any]:
    fields, bare = ROWS[key]
    out = []
    for i in _row_indices(form, key):
        item: dict[str, Any] = {}
        for name, control, default in fields:
            raw = _one(form, f"{key}-{i}-{name}")
            value: Any = raw == "true" if control == "bool" else raw or None
            if value is not None and value != default:
                item[name] = value
        try:
            more = json.loads(_one(form, f"{key}-{i}-more") or "{}")
        except ValueError:
            more = {}
        if isinstance(more, dict):  # what the row's hidden field carries: a mapping, or nothing
            item.update({k: v for k, v in more.items() if k not in item})
        main = fields[0][0]
        if main not in item:
            out.append(None)  # an empty row says nothing
        elif bare and set(item) == {bare}:
            out.append(item[bare])
        else:
            out.append(item)
    return out


def form_state(data: dict[str, Any]) -> dict[str, Any]:
    """What the form shows for a proposal's data: scalars as text, lists as lists, rows as full mappings."""
    state: dict[str, Any] = {k: _text(data.get(k)) for k in SCALARS}
    state["actor"] = state["actor"] or "united_states"
    state["kind"] = state["kind"] or "new_cooperation"
    for key in MULTI:
        value = data.get(key) or []
        state[key] = [str(v) for v in value] if isinstance(value, list) else [str(value)]
    for key, (fields, bare) in ROWS.items():
        rows, items = [], data.get(key) or []
        for item in items if isinstance(items, list) else [items]:  # a YAML edit's lone item: a row of its own
            mapping = dict(item) if isinstance(item, dict) else {bare or fields[0][0]: item}
            row = {name: _text(mapping.pop(name, default)) for name, _control, default in fields}
            row["more"] = json.dumps(mapping, sort_keys=True, default=str) if mapping else ""
            rows.append(row)
        state[key] = rows
    state["public"] = data.get("public", True) is not False
    return state


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def add_row(state: dict[str, Any], key: str) -> None:
    fields, _ = ROWS[key]
    state[key].append({name: _text(default) for name, _c, default in fields} | {"more": ""})


def edits_of(text: str) -> list[dict[str, Any]]:
    """A suggestion's edits as its Apply button carries them (JSON), checked: ValueError when they are not."""
    edits = json.loads(text)
    if not isinstance(edits, list) or not all(
        isinstance(e, dict) and e.get("op") in ("add", "remove", "clear") and e.get("field") in ORDER for e in edits
    ):
        raise ValueError("not a suggestion's edits")
    return edits


def apply_edits(data: dict[str, Any], edits: list[dict[str, Any]]) -> dict[str, Any]:
    """A suggestion's edits (engine/analysis/suggest.py, checked by :func:`edits_of`) applied to the proposal."""
    from ...analysis.suggest import as_written

    out = dict(data)
    for edit in edits:
        field, value = edit["field"], edit.get("value")
        held = out.get(field, [])
        held = held if isinstance(held, list) else [held]
        if edit["op"] == "remove":
            out[field] = [x for x in held if as_written(x) != value]
            if not out[field]:
                out.pop(field)
        elif edit["op"] == "add":
            out[field] = [*held, value]
        else:
            out.pop(field, None)
    return {k: out[k] for k in ORDER if k in out} | {k: v for k, v in out.items() if k not in ORDER}
