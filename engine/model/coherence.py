"""Checks across the fields of one profile or forum that a field's own type cannot make.

Run by :func:`engine.model.validate.validate` after a partner profile or a forum validates: each
problem is an error at the field that causes it, or a note the assessment carries (the registry and
the profile disagree on a membership: the registry prevails). Contract v2, section 1 (ties, tier
status); forum status. (A file's sources are checked where files are read: engine.model.validate.sourced.)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from .snapshot import FORUM, PARTNER_PROFILE, model_name

if TYPE_CHECKING:
    from .forum import Forum
    from .profile import PartnerProfile
    from .vocabulary import Vocabulary


class Finding(NamedTuple):
    loc: tuple
    message: str
    help: str
    error: bool  # False: a note (the file loads; the assessment says it)


def coherence_checks(item, vocabulary: Vocabulary) -> list[Finding]:
    """The checks of a partner profile or a forum (none for other models)."""
    name = model_name(item)
    if name == PARTNER_PROFILE.key:
        return profile_checks(item, vocabulary)
    if name == FORUM.key:
        return forum_checks(item)
    return []


def forum_checks(forum: Forum) -> list[Finding]:
    """A successor only for a superseded forum, always for one, and never the forum itself."""
    if forum.superseded_by is not None and forum.status != "superseded":
        return [
            Finding(
                ("superseded_by",),
                f"superseded_by applies only to a superseded forum (this one is {forum.status})",
                "set `status: superseded`, or remove `superseded_by`",
                True,
            )
        ]
    if forum.status == "superseded" and forum.superseded_by is None:
        return [
            Finding(
                ("status",),
                "a superseded forum names the forum that took over",
                "add `superseded_by: <forum id>`, or set `status: dormant` when no forum took over",
                True,
            )
        ]
    if forum.superseded_by == forum.id:
        return [Finding(("superseded_by",), "a forum cannot supersede itself", "name the forum that took over", True)]
    return []


def profile_checks(profile: PartnerProfile, vocabulary: Vocabulary) -> list[Finding]:
    registry = vocabulary.parties
    found: list[Finding] = []
    if profile.tier_status != "active" and profile.tier != "alliance":
        found.append(
            Finding(
                ("tier_status",),
                f"tier_status '{profile.tier_status}' applies only to an alliance",
                "set `tier: alliance`, or remove `tier_status`",
                True,
            )
        )
    blocs = set(registry.blocs_of(profile.id, profile.as_of))
    for i, tie in enumerate(profile.ties):
        kind = registry.kind(tie.party)
        if kind == "non_state_group":
            found.append(
                Finding(
                    ("ties", i, "party"),
                    f"'{tie.party}' is a non-state group, never a tie",
                    "remove this tie: ties are the partner's relations with states, blocs and organisations",
                    True,
                )
            )
        elif tie.party in blocs:
            found.append(
                Finding(
                    ("ties", i, "party"),
                    f"{profile.id} is a member of '{tie.party}': that tie is "
                    "derived from the membership, never written",
                    f"remove this tie (membership of {tie.party} counts as a tie at every tier threshold)",
                    True,
                )
            )
        elif tie.party == profile.id:
            found.append(Finding(("ties", i, "party"), "a partner has no tie with itself", "remove this tie", True))
    for i, dependency in enumerate(profile.dependencies):
        if registry.kind(dependency.party) == "non_state_group":
            found.append(
                Finding(
                    ("dependencies", i, "party"),
                    f"'{dependency.party}' is a non-state group",
                    "a dependency names a state, a bloc or an organisation",
                    True,
                )
            )
    found += _membership_notes(profile, vocabulary)
    return found


def _membership_notes(profile: PartnerProfile, vocabulary: Vocabulary) -> list[Finding]:
    """Where the profile's memberships and the registry disagree on the profile's date (the registry prevails)."""
    if not profile.given("memberships"):
        return []
    registry = vocabulary.parties
    on = profile.as_of.isoformat() if profile.as_of else "today"
    notes = []
    registered = set(registry.blocs_of(profile.id, profile.as_of))
    for i, party in enumerate(profile.memberships):
        if registry.knows_members(party) and party not in registered:
            notes.append(
                Finding(
                    ("memberships", i),
                    f"the profile lists {profile.id} as a member of {party}, which "
                    f"the party registry does not on {on}: the registry prevails",
                    f"check {party}'s members in the registry (entente parties {party})",
                    False,
                )
            )
    for party in sorted(registered - set(profile.memberships)):
        notes.append(
            Finding(
                ("memberships",),
                f"the party registry has {profile.id} as a member of {party} on {on}, "
                "which the profile's memberships leave out: the registry prevails",
                f"add {party} to the profile's memberships",
                False,
            )
        )
    return notes
