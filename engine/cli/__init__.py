"""The command line: the group and its error boundary (app.py), shared options, one module per subcommand."""

import os

# entente uses no pydantic plugin: pydantic then skips scanning every installed distribution's entry points
# for one (importlib.metadata, zipfile, email...) when the first model is defined, about 1.5% of a cold
# `entente vet` (docs/benchmarks.md). A user who sets the variable keeps their choice.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

from .app import cli, main  # after the setting above: it must precede the first model

__all__ = ["cli", "main"]
