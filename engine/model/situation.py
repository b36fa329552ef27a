"""One assessment's inputs: a proposal, one partner, and the forum if any."""

from __future__ import annotations

from typing import TYPE_CHECKING

import msgspec

if TYPE_CHECKING:  # a model, or its record (engine.model.snapshot)
    from .forum import Forum
    from .profile import PartnerProfile
    from .proposal import Proposal
    from .vocabulary import Vocabulary


class Situation(msgspec.Struct, frozen=True, dict=True):
    """What facts are derived from: a proposal, one partner, the forum if any, and the vocabulary."""

    proposal: Proposal
    partner: PartnerProfile
    forum: Forum | None
    vocabulary: Vocabulary
