"""One assessment's inputs: a proposal, one partner, and the forum if any."""

from __future__ import annotations

from dataclasses import dataclass

from .forum import Forum
from .profile import PartnerProfile
from .proposal import Proposal
from .vocabulary import Vocabulary


@dataclass(frozen=True)
class Situation:
    """What facts are derived from: a proposal, one partner, the forum if any, and the vocabulary."""

    proposal: Proposal
    partner: PartnerProfile
    forum: Forum | None
    vocabulary: Vocabulary
