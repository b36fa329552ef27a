"""`entente explain`: why each policy fired or stayed silent."""

from __future__ import annotations

from pathlib import Path

import click

from ..core.settings import Settings
from ..errors import EXIT_OK
from ..output.formats import EXPLANATIONS
from .options import emit, format_option, forum_option, partner_option


@click.command("explain")
@click.argument("proposal", type=click.Path(path_type=Path))
@click.option("--policy", "policy_ids", multiple=True, metavar="ID", help="Explain only this policy (repeatable).")
@partner_option
@forum_option
@format_option(EXPLANATIONS.names)
@click.pass_obj
def explain(settings: Settings, proposal, policy_ids, partner_ref, forum_ref, fmt) -> int:
    """Why each policy fired or stayed silent: its condition with every comparison's actual value."""
    from ..analysis.explain import check_policy_ids, explain_resolved
    from ..core.engine import engine_for
    from ..core.resolve import load_proposals
    from ..core.results import ExplanationReport

    pack = settings.pack()
    check_policy_ids(pack, policy_ids)
    library = settings.library(pack.vocabulary)
    ((_, resolved),) = load_proposals([proposal], library, list(partner_ref), forum_ref)
    report = ExplanationReport(
        proposal=resolved.proposal.id,
        partners=explain_resolved(engine_for(pack), resolved, list(policy_ids) or None),
        partner_names={p.id: p.name for p in resolved.partners},
    )
    emit(EXPLANATIONS.render(fmt, report), None)
    return EXIT_OK


COMMANDS = [explain]
