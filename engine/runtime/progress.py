"""A progress bar for batches: on a terminal only, and only once the work has taken a second.

Output that is piped or redirected (and CI) never gets one; a batch that finishes within the
delay never flashes one on the screen.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import Any, TextIO

DELAY_SECONDS = 1.0


class Progress:
    """``with Progress(total, "vetting") as p: ... p.update(1)`` after each item is done."""

    def __init__(
        self,
        total: int,
        label: str,
        *,
        stream: TextIO | None = None,
        delay: float = DELAY_SECONDS,
        clock: Callable[[], float] = time.monotonic,
        make_bar: Callable[[], Any] | None = None,
    ):
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = self.stream.isatty()
        self.delay, self.clock = delay, clock
        self.started = clock()
        self.done = 0
        self.bar: Any = None
        self._make_bar = make_bar or (lambda: _click_bar(total, label, self.stream))

    def update(self, count: int = 1) -> None:
        self.done += count
        if not self.enabled:
            return
        if self.bar is not None:
            self.bar.update(count)
        elif self.clock() - self.started >= self.delay:
            self.bar = self._make_bar()
            self.bar.__enter__()
            self.bar.update(self.done)  # catch up with what finished before the bar showed

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc: Any) -> None:
        if self.bar is not None:
            self.bar.__exit__(*exc)


def _click_bar(total: int, label: str, stream: TextIO) -> Any:
    import click

    return click.progressbar(length=total, label=label, file=stream)
