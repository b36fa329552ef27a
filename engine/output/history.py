"""`entente history`: the record as text (the same data the API answers with as JSON)."""

from __future__ import annotations

from typing import Any

from ..values import inert


def render_list(items: list[dict[str, Any]], total: int) -> str:
    """One line per assessment, newest first: when, id, rating, proposal, partners, who."""
    lines = [
        f"{i['created'][:19].replace('T', ' ')}  {i['id'][:12]}  {i['rating']:<8}  {i['proposal']}  "
        f"[{', '.join(i['partners'])}]  {i['who']}" + (f"  (re-run of {i['rerun_of'][:12]})" if i["rerun_of"] else "")
        for i in items
    ]
    lines.append(f"{len(items)} of {total} assessment{'s' if total != 1 else ''}")
    return inert("\n".join(lines)) + "\n"


def render_show(entry: dict[str, Any], result_text: str) -> str:
    """One assessment: who made it, when, from what, then its findings as `entente vet` prints them."""
    head = [
        f"assessment {entry['id']}",
        f"made {entry['created']} by {entry['who']} ({entry['source']})"
        + (f", a re-run of {entry['rerun_of']}" if entry["rerun_of"] else ""),
        f"inputs {entry['inputs_digest'][:16]} · pack {entry['pack_digest'][:12]} · library "
        f"{entry['library_digest'][:12]} · entente {entry['engine_version']}",
        "",
    ]
    return inert("\n".join(head)) + "\n" + result_text
