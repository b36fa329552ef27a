"""The command line: the group and its error boundary (app.py), shared options, one module per subcommand."""

import os

# entente uses no pydantic plugin: pydantic then skips scanning every installed distribution's entry points
# for one (importlib.metadata, zipfile, email...) when the first model is defined, about 1.5% of a cold
# `entente vet` (docs/benchmarks.md). A user who sets the variable keeps their choice.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

# What the `entente` program sets for its own process (never for a program that imports the package): the
# cyclic collector runs after 50,000 new objects instead of 700, and the objects still alive at exit are
# frozen (gc.freeze) so that the interpreter's last collection does not walk them. A cold `vet` builds a few
# hundred thousand objects while importing (pydantic, the models) and leaves almost no cycles: the default
# collector spends about 9% of the run walking them (valgrind, docs/benchmarks.md "The cold start").
GC_THRESHOLDS = (50_000, 20, 20)


def main() -> None:
    """The `entente` program (its console script and `python -m engine.cli`)."""
    import atexit
    import gc

    gc.set_threshold(*GC_THRESHOLDS)
    atexit.register(gc.freeze)  # registered first, so it runs last: after every other exit handler
    from .app import main as run  # after the settings above: the imports are most of a cold run

    run()


def __getattr__(name: str):
    if name == "cli":  # the click group, for programs and tests that run the command line in-process
        from .app import cli

        return cli
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["cli", "main"]
