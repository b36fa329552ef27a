"""`entente profiles show` (each fact with its sources and age) and `entente profiles review` (what to re-check)."""

from __future__ import annotations

from ..core.provenance import OLD, UNDATED, UNSOURCED, FactRecord, ProfileFacts, Review
from ..values import inert
from .json_out import dumps


def _age(fact: FactRecord) -> str:
    if not fact.sources:
        return UNSOURCED
    return UNDATED if fact.age_days is None else f"{fact.age_days} days"


def _table(rows: list[tuple[str, ...]], indent: str = "") -> list[str]:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    return [
        (indent + "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=False)) + "  " + row[-1]).rstrip()
        for row in rows
    ]


def _fact_row(fact: FactRecord) -> tuple[str, ...]:
    date = fact.date.isoformat() if fact.date else "-"
    return (fact.path, fact.shown, ", ".join(fact.sources) or "-", date, _age(fact))


def _heading(p: ProfileFacts) -> str:
    item = p.item
    parts = [f"{item.name} ({item.id})", p.kind, f"layer {p.layer}"]
    if p.kind == "partner":
        parts.append(f"as of {item.as_of.isoformat()}" if item.as_of else "no as_of")
    elif item.status != "active":
        parts.append(item.status + (f" (superseded by {item.superseded_by})" if item.superseded_by else ""))
    return " \u00b7 ".join([*parts, f"ages on {p.today.isoformat()}"])


def show_text(p: ProfileFacts) -> str:
    lines = [_heading(p), ""]
    rows = [("fact", "value", "sources", "date", "age"), *(_fact_row(f) for f in p.facts)]
    lines += _table(rows) if p.facts else ["(no facts stated)"]
    lines += ["", "sources"]
    listed = [(ref, s.date.isoformat() if s.date else UNDATED, s.cited) for ref, s in p.sources]
    lines += _table(listed, "  ") if listed else ["  none"]
    return inert("\n".join(lines)) + "\n"


def _fact_json(fact: FactRecord) -> dict:
    return {
        "path": fact.path,
        "value": fact.value,
        "sources": list(fact.sources),
        "date": fact.date.isoformat() if fact.date else None,
        "age_days": fact.age_days,
    }


def show_json(p: ProfileFacts) -> str:
    item = p.item
    doc = {"id": item.id, "name": item.name, "kind": p.kind, "layer": p.layer}
    if p.kind == "partner":
        doc["as_of"] = item.as_of.isoformat() if item.as_of else None
    else:
        doc.update(status=item.status, superseded_by=item.superseded_by)
    doc["today"] = p.today.isoformat()
    doc["facts"] = [_fact_json(f) for f in p.facts]
    doc["sources"] = [
        {
            "ref": ref,
            "text": s.text,
            "url": s.url,
            "date": s.date.isoformat() if s.date else None,
            "supports": list(s.supports),
        }
        for ref, s in p.sources
    ]
    return dumps(doc)


def show_yaml(p: ProfileFacts) -> str:
    return p.stored


def _criteria(r: Review) -> str:
    parts = []
    if r.older_than is not None:
        parts.append(f"sources older than {r.older_than} days or undated")
    if r.unsourced:
        parts.append("facts no source supports")
    return "; ".join(parts)


def review_text(r: Review) -> str:
    lines = [f"Facts to re-check on {r.today.isoformat()}: {_criteria(r)}", ""]
    for record, facts in r.found:
        lines.append(f"{record.item.id} ({record.kind}, {record.layer})")
        lines += _table([_fact_row(f) for f, _ in facts], "  ")
        lines.append("")
    if not r.found:
        lines.append(f"nothing to re-check in {r.profiles} profiles")
    else:
        counts = [f"{r.count(OLD)} with a source older than {r.older_than} days"] if r.older_than is not None else []
        counts += [f"{r.count(UNDATED)} with undated sources"] if r.older_than is not None else []
        counts += [f"{r.count(UNSOURCED)} unsourced"] if r.unsourced else []
        lines.append(f"{r.count()} facts to re-check in {len(r.found)} of {r.profiles} profiles: " + ", ".join(counts))
    return inert("\n".join(lines)) + "\n"


def review_json(r: Review) -> str:
    return dumps(
        {
            "today": r.today.isoformat(),
            "older_than": r.older_than,
            "unsourced": r.unsourced,
            "profiles": r.profiles,
            "to_recheck": [
                {
                    "id": record.item.id,
                    "kind": record.kind,
                    "layer": record.layer,
                    "facts": [{**_fact_json(f), "reason": why} for f, why in facts],
                }
                for record, facts in r.found
            ],
            "count": r.count(),
        }
    )
