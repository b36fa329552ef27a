"""Errors a user can meet, and the exit codes they map to.

Every expected failure is an :class:`EntenteError` carrying one or more
:class:`Diagnostic` records (``path:line:col: message`` plus a ``help:`` line).
The CLI is the only place that turns them into output and exit codes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import NamedTuple

import msgspec

from .values import inert

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_INPUT = 2
EXIT_INTERNAL = 3
EXIT_INTERRUPTED = 130


class Diagnostic(msgspec.Struct, frozen=True, order=True):
    """One located problem in one input file (line 0: about a command-line argument, no position)."""

    path: str
    line: int
    col: int
    message: str
    help: str = ""

    def render(self) -> str:
        """``path:line:col: message`` and the help line; control characters shown as escapes (paths and
        quoted values come from the user, and must not steer the terminal)."""
        where = f"{self.path}:{self.line}:{self.col}" if self.line else self.path
        head = inert(f"{where}: {self.message}")
        return f"{head}\n  help: {inert(self.help)}" if self.help else head


class EntenteError(Exception):
    """An expected failure caused by the user's input or usage (exit code 2)."""

    exit_code = EXIT_INPUT

    def __init__(self, diagnostics: Sequence[Diagnostic]):
        self.diagnostics = tuple(dict.fromkeys(diagnostics))  # a shared file's problem once, however often reached
        super().__init__("\n".join(d.render() for d in self.diagnostics))

    def render(self) -> str:
        body = "\n".join(d.render() for d in self.diagnostics)
        files = {d.path for d in self.diagnostics if d.line}
        count = len(self.diagnostics)
        summary = f"{count} error{'s' if count != 1 else ''}"
        if files:
            summary += f" in {len(files)} file{'s' if len(files) != 1 else ''}"
        return f"{body}\n{summary}"


def gather(items: Iterable, func) -> tuple[list, list[Diagnostic]]:
    """``func`` over every item; the results, and the diagnostics of every item that failed.

    Loaders use it so that a user sees every problem in every file at once, not the first."""
    results, problems = [], []
    for item in items:
        try:
            results.append(func(item))
        except EntenteError as exc:
            problems.extend(exc.diagnostics)
    return results, problems


def raise_if(problems: Sequence[Diagnostic]) -> None:
    if problems:
        raise EntenteError(problems)


def fail(path: str, message: str, help: str = "", line: int = 1, col: int = 1) -> EntenteError:
    """Build an error with a single diagnostic about a file (callers ``raise`` it)."""
    return EntenteError([Diagnostic(str(path), line, col, message, help)])


def flag_error(flag: str, message: str, help: str = "") -> EntenteError:
    """Build an error about a command-line argument (no position; callers ``raise`` it)."""
    return EntenteError([Diagnostic(flag, 0, 0, message, help)])


def nearest(word: str, choices: Iterable[str]) -> str | None:
    """The closest valid name to ``word``, or None when nothing is close."""
    pool = sorted(set(choices))
    import difflib  # only when a name is wrong

    matches = difflib.get_close_matches(word, pool, n=1, cutoff=0.6)
    return matches[0] if matches else None


def article(noun: str) -> str:
    """'a tier', 'an issue area'."""
    return ("an " if noun[:1].lower() in "aeiou" else "a ") + noun


def did_you_mean(
    word: str, choices: Iterable[str], what: str = "one of", *, list_all: bool = False, see: str | None = None
) -> str:
    """A ``help:`` text: the nearest name, or the list of valid names (when there are more than a dozen and none is
    close, their number, and the command ``see`` that lists them)."""
    return name_help(word, choices, what, list_all=list_all, see=see).text


class NameHelp(NamedTuple):
    text: str
    named: bool  # whether the text names a close name or lists the valid ones (not: too many, none close)


def name_help(
    word: str, choices: Iterable[str], what: str = "one of", *, list_all: bool = False, see: str | None = None
) -> NameHelp:
    """:func:`did_you_mean`, and whether its text names a valid name (for callers that add to it)."""
    pool = sorted(set(choices))
    best = nearest(word, pool)
    if best is not None:
        return NameHelp(f"did you mean '{best}'?", True)
    if list_all or len(pool) <= 12:
        return NameHelp(f"expected {what}: " + ", ".join(pool), True)
    known = f"the {len(pool)} known names"
    text = f"expected one of {known}" if what == "one of" else f"expected {what}; none of {known} is close"
    return NameHelp(text + (f" (`{see}` lists them)" if see else ""), False)
