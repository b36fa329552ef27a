"""Text that cannot steer a terminal: control and invisible characters shown as escapes (engine/values.py)."""

from __future__ import annotations

from ..values import inert

__all__ = ["inert"]
