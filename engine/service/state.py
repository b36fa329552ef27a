"""What the routes share: the settings, the pack, the record, the evaluator (``app.state.service``)."""

from __future__ import annotations

from dataclasses import dataclass

from ..core.pack import Pack
from .evaluator import Evaluator
from .record import Record
from .settings import ServiceSettings


@dataclass
class Service:
    settings: ServiceSettings
    pack: Pack
    record: Record
    evaluator: Evaluator
    revision: str  # the record's schema revision
