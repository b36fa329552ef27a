"""The command line: the group and its error boundary (app.py), shared options, one module per subcommand."""

from .app import cli, main

__all__ = ["cli", "main"]
