"""Validated models of every input file, the vocabulary, the severity scales, and a situation."""

from .forum import Forum
from .profile import Dependency, Dispute, PartnerProfile, Tie
from .proposal import Condition, Proposal

__all__ = ["Condition", "Dependency", "Dispute", "Forum", "PartnerProfile", "Proposal", "Tie"]
