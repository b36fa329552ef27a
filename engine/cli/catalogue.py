"""What the doctrine is made of: `entente policies list|show`, `entente facts`, `entente vocabulary`."""

from __future__ import annotations

import click

from ..core.settings import Settings
from ..errors import EXIT_OK, did_you_mean, flag_error
from ..io.inputs import shown_as_stored
from ..output.formats import FACTS
from ..values import inert
from .options import emit, format_option


@click.group()
def policies() -> None:
    """Browse the policy pack."""


@policies.command("list")
@format_option(["text", "json"])
@click.pass_obj
def policies_list(settings: Settings, fmt: str) -> int:
    """The catalogue: id, severity and title of every policy."""
    pack = settings.pack()
    if fmt == "json":
        from ..output.catalogue import policy_rows
        from ..output.json_out import dumps

        emit(dumps(policy_rows(pack)), None)
        return EXIT_OK
    width = max(len(p.id) for p in pack.policies)
    lines = [f"{p.id:<{width}}  {p.severity:<8}  {p.title}" for p in pack.policies]
    lines.append(f"\n{len(pack.policies)} policies \u00b7 pack {pack.short_digest}")
    emit(inert("\n".join(lines) + "\n"), None)  # titles are the pack author's text
    return EXIT_OK


@policies.command("show")
@click.argument("policy_id")
@click.pass_obj
def policies_show(settings: Settings, policy_id: str) -> int:
    """Show one policy: its doctrine, condition and message."""
    pack = settings.pack()
    policy = pack.by_id().get(policy_id)
    if policy is None:
        raise flag_error(
            "policies show",
            f"unknown policy '{policy_id}'",
            did_you_mean(policy_id, pack.by_id(), "a policy id", see="entente policies list"),
        )
    emit(shown_as_stored(policy.path), None)
    return EXIT_OK


@click.command()
@format_option(FACTS.names)
def facts(fmt: str) -> int:
    """Every fact a policy condition or message may use, with its type and meaning."""
    from ..output.catalogue import rows

    emit(FACTS.render(fmt, rows()), None)
    return EXIT_OK


@click.command()
@click.argument("category", required=False)
@click.pass_obj
def vocabulary(settings: Settings, category: str | None) -> int:
    """The vocabulary terms, by category (or the terms of one CATEGORY)."""
    terms = settings.pack().vocabulary.terms
    if category is not None and category not in terms:
        raise flag_error(
            "vocabulary", f"unknown category '{category}'", did_you_mean(category, terms, "a category", list_all=True)
        )
    emit("".join(f"{name}: {', '.join(terms[name])}\n" for name in ([category] if category else sorted(terms))), None)
    return EXIT_OK


COMMANDS = [policies, facts, vocabulary]
