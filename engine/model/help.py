"""What each field of an input file is called on a form and what it means: one table for every tool that
describes a file (the JSON Schemas' descriptions, the workspace's labels and help, `entente new`'s comments).

Keyed by model (class name), then field (as written in the file); each entry is (label, help). Terms read as
their labels from the vocabulary; these texts name fields, never terms. docs/inputs.md is the contract.
"""

from __future__ import annotations

FIELDS: dict[str, dict[str, tuple[str, str]]] = {
    "Proposal": {
        "id": (
            "Identifier",
            "A short name for the move: letters, digits, '-' and '_' (the file is usually named after it).",
        ),
        "title": ("Title", "One line a principal reads: what the move does, to whom."),
        "summary": ("Summary", "A few sentences: what is offered or asked, and why now."),
        "actor": ("Actor", "Who makes the move (the partner profiles describe how this actor sees each partner)."),
        "partner": ("Partner", "The partner the move is aimed at, from the library."),
        "partners": ("Partners", "Several partners, each assessed on its own (instead of one partner)."),
        "forum": (
            "Forum",
            "The forum the move is made in or about; with no partner, every member with a profile is assessed.",
        ),
        "kind": ("Kind of move", "What the move is: new cooperation, a conditional offer, an upgrade, a measure..."),
        "cooperation": ("Cooperation", "The issue areas of cooperation the move offers or pursues."),
        "adds_to_agenda": (
            "Adds to the agenda",
            "Issue areas the move adds to the forum's scope (an expansion of scope).",
        ),
        "adds_members": (
            "Adds members",
            "States brought into the forum (widening membership within the same scope is not scope creep).",
        ),
        "conditions": ("Conditions", "Cooperation made contingent on something the partner must do."),
        "asks": ("Asks", "Commitments requested of the partner, each touching an issue."),
        "against": (
            "Aimed against",
            "Third parties the asks and conditions are aimed at: the ones whose ties the "
            "partner is asked to cut, sanction or condemn.",
        ),
        "names_as_adversary": ("Named as adversary", "Third parties the move's public framing names as the target."),
        "implied_adversary": (
            "Implied adversary",
            "Parties the move is evidently aimed at though its text never names them.",
        ),
        "raises_disputes": (
            "Disputes raised",
            "Disputed issues the move raises: in the same package, or in a separate channel.",
        ),
        "new_label": ("New label", "The tier an upgrade proposes (the nearest rung of the ladder)."),
        "new_label_text": ("New label, as worded", "The name an upgrade gives the relationship, shown in notes."),
        "deliverables": (
            "Deliverables",
            "Substantive content that comes with an upgrade: one concrete commitment "
            "per item (a fund, an agreement, a programme).",
        ),
        "measures": ("Measures", "Coercive measures aimed at the partner: imposed, threatened, conditional or lifted."),
        "public": ("Public", "Whether the move is made in public."),
    },
    "Condition": {
        "at_stake": ("Cooperation at stake", "The cooperation the partner stands to lose (or gain)."),
        "requires": ("Requires", "What the partner must do: a reform, an issue area or an ask."),
        "issue": ("Issue", "The issue the requirement touches (default: from the asks, else the term's own)."),
        "offered": ("Newly offered", "The cooperation is newly offered, an inducement rather than a threat."),
        "sector": ("Sectors", "The sectors the condition presses, instead of those of the cooperation at stake."),
    },
    "AskItem": {
        "ask": ("Ask", "The commitment requested of the partner."),
        "issue": ("Issue", "The issue the ask touches (default: the ask's own issue in the vocabulary)."),
        "against": ("Against", "The parties this ask is aimed at (default: the move's own)."),
    },
    "MeasureItem": {
        "measure": ("Measure", "The coercive measure aimed at the partner."),
        "status": ("Status", "Imposed, threatened, conditional (written into an agreement) or lifted."),
        "from": ("From", "For a threat: the date announced for it to start (counts as imposed)."),
        "sector": ("Sectors", "The sectors the measure presses, instead of the measure's own."),
    },
    "Deliverable": {
        "text": ("Deliverable", "One concrete commitment: a fund, an agreement, a programme..."),
        "kind": ("Kind", "What it is; processes and statements are not substance."),
        "status": ("Status", "Agreed when the move concludes it; planned when it only promises to negotiate it."),
    },
    "RaisedDispute": {
        "issue": ("Issue", "The disputed issue the move raises."),
        "channel": ("Channel", "In the same package (bundled), or in a separate channel."),
    },
    "PartnerProfile": {
        "id": ("Identifier", "The partner's party id (the file stem in the library)."),
        "name": ("Name", "The partner's name as notes print it."),
        "actor": ("Actor", "Whose partner this is: the profile says how this actor sees the partner."),
        "as_of": ("As of", "When these facts were last checked (ISO date)."),
        "sources": ("Sources", "Where the facts come from, each with the facts it supports."),
        "tier": ("Tier", "The relationship's rung on the ladder of partnership labels."),
        "tier_status": ("Tier status", "Only with an alliance: active, dormant (in force, unused) or frozen."),
        "label": ("Label", "The relationship's own name, shown in notes."),
        "since": ("Since", "The year the current tier was declared."),
        "political_system": ("Political system", "The partner's political system."),
        "hedging": ("Hedging", "The partner's posture between the actor and the actor's rivals."),
        "stances": ("Stances", "Per issue area, the partner's stance relative to the actor's position."),
        "disputes": ("Disputes", "Live disagreements with the actor."),
        "ties": ("Ties", "The partner's other significant relationships."),
        "dependencies": ("Dependencies", "Where the partner depends on a third party (or on the actor)."),
        "red_lines": ("Red lines", "Declared positions the partner will not cross."),
        "memberships": ("Memberships", "Forums and blocs the partner belongs to."),
        "accession_candidate": (
            "Accession candidate",
            "The partner formally seeks to join the actor's alliance or union.",
        ),
    },
    "Dispute": {
        "issue": ("Issue", "The issue in dispute."),
        "intensity": ("Intensity", "How live the dispute is."),
        "summary": ("Summary", "The dispute in a line."),
    },
    "Tie": {"party": ("Party", "The other party."), "tier": ("Tier", "The tier of that relationship.")},
    "Dependency": {
        "party": ("Party", "Whom the partner depends on (the actor itself included)."),
        "sector": ("Sector", "Where it depends."),
        "level": ("Level", "How much."),
    },
    "Forum": {
        "id": ("Identifier", "The forum's id (a forum whose id is a party id is that body)."),
        "name": ("Name", "The forum's name as notes print it."),
        "kind": ("Kind", "Bilateral, minilateral or multilateral."),
        "members": ("Members", "The parties that belong to it."),
        "scope": ("Scope", "The issue areas it was set up for."),
        "established": ("Established", "The year it was set up."),
        "binding": ("Binding", "Founded by a treaty with obligations."),
        "status": ("Status", "Active, dormant (no activity on record) or superseded."),
        "superseded_by": ("Superseded by", "The forum that took over."),
        "sources": ("Sources", "Where the facts come from."),
    },
    "WaiverSpec": {
        "policy": ("Policy", "The policy whose findings are waived."),
        "partner": ("Partner", "Only for this partner."),
        "proposal": ("Proposal", "Only for this proposal."),
        "reason": ("Reason", "Why the risk is accepted, and by whom."),
        "owner": ("Owner", "Who answers for the waiver."),
        "expires": ("Expires", "The date the waiver stops applying."),
    },
    "PartySpec": {
        "name": ("Name", "The party's name."),
        "kind": ("Kind", "State, bloc, organisation or non-state group."),
        "article": ("Article", "'the' when the name takes it inside a sentence."),
        "aliases": ("Aliases", "Other names a file may use for it."),
        "members": ("Members", "A bloc's members: ids, or {party, since, until}."),
    },
}

KIND_HELP = {
    "proposal": "A proposed policy move to vet (docs/inputs.md).",
    "partner": "A partner profile: how one actor sees one partner (docs/inputs.md).",
    "forum": "A forum: a bilateral, minilateral or multilateral format (docs/inputs.md).",
    "waivers": "Accepted risks: each waiver needs a reason, an owner and an expiry date.",
    "parties": "The party registry: states, blocs, organisations and groups.",
    "vocabulary": "The controlled vocabulary of a policy pack.",
    "policy": "A policy of the doctrine pack (policies/README.md).",
    "cases": "Regression cases of a policy (cases/README.md).",
    "fixtures": "Partners, forums and parties shared by case files.",
}


def label(model: str, field: str) -> str:
    return FIELDS.get(model, {}).get(field, (field.replace("_", " ").capitalize(), ""))[0]


def help_text(model: str, field: str) -> str:
    return FIELDS.get(model, {}).get(field, ("", ""))[1]
