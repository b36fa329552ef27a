"""What the routes share: the settings, the pack, the record, the evaluator (``app.state.service``)."""

from __future__ import annotations

import msgspec

from ..core.pack import Pack
from .evaluator import Evaluator
from .record import Record
from .settings import ServiceSettings


class Service(msgspec.Struct):
    settings: ServiceSettings
    pack: Pack
    record: Record
    evaluator: Evaluator
    revision: str  # the record's schema revision
